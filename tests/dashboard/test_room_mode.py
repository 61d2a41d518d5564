"""The facilitator's controls reaching a participant's app (pilot on both sides)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, TextArea

from tests.rooms.roomkit import MINI, join, make_room, play_opening, publish
from workshop.engine import Journey
from workshop.play import PlayOptions
from workshop.record import Session
from workshop.rooms import Room
from workshop.tui.app import WorkshopApp, make_app
from workshop.tui.dashboard import DashboardApp, DashboardOptions, make_dashboard
from workshop.tui.room import RoomSceneScreen
from workshop.tui.room.lookback import LookBackScreen
from workshop.tui.room.screen import RemovedScreen
from workshop.tui.room.widgets import RevealPanel, RoomBanner


def dashboard(room: Room) -> DashboardApp:
    return make_dashboard(DashboardOptions(room.path, host="workshop.example", refresh=3600))


def participant(room: Room, session: Session, data_dir: Path) -> WorkshopApp:
    """The participant's app exactly as the SSH server builds it."""
    return make_app(PlayOptions(content=MINI, data_dir=data_dir, room=room.path,
                               handle=session.handle, resume=str(session.path)))


def screen_of(app: WorkshopApp) -> RoomSceneScreen:
    screen = app.screen
    assert isinstance(screen, RoomSceneScreen), screen
    return screen


def journey(app: WorkshopApp) -> Journey:
    """The journey the participant's app is playing."""
    session = app.context.session
    assert session is not None
    return session.journey


def banner(app: WorkshopApp) -> str:
    screen = screen_of(app)
    screen.update_room()  # what the half-second poll does
    return screen.query_one(RoomBanner).text.plain


def revealed(app: WorkshopApp) -> str:
    """What the reveal panel shows the participant ('' when it is not on screen)."""
    screen = screen_of(app)
    screen.update_room()
    panels = screen.query(RevealPanel)  # made the first time there is something to show
    return panels.first().text.plain if panels and panels.first().display else ""


async def test_hold_broadcast_timer_reveal_release_reach_the_participant(
        tmp_path: Path) -> None:
    room = make_room(tmp_path)
    ana = join(room, "ana")
    play_opening(ana, choice="cross-team")  # at the end of step 1
    play_opening(join(room, "bo"), choice="go-deeper")
    publish(room)
    dash, app = dashboard(room), participant(room, ana, tmp_path)
    async with dash.run_test(size=(120, 40)) as facilitator, \
            app.run_test(size=(100, 32)) as player:
        assert "Free pace" in banner(app)
        await facilitator.press("h")
        assert "WAITING" in banner(app)
        await player.press("enter")  # "Next scenario": refused while held
        await player.pause()
        assert journey(app).index == 0 and screen_of(app).view == "ending"
        assert any("holding the room" in n.message for n in app._notifications)
        assert not any(n.severity == "error" for n in app._notifications)
        assert "Waiting for the room" in str(app.screen.query_one("#continue", Button).label)

        await player.press("b")  # looking back is allowed
        await player.pause()
        assert isinstance(app.screen, LookBackScreen)
        assert "Take on the handoff between two teams" in app.screen.text.plain
        await player.press("escape")
        await player.pause()

        await facilitator.press("b")
        await facilitator.pause()
        await facilitator.press(*"Talk to your neighbour", "enter")
        await facilitator.pause()
        assert "Facilitator: Talk to your neighbour" in banner(app)
        await facilitator.press("t", "2", "enter")
        await facilitator.pause()
        assert "Timer 02:00" in banner(app) or "Timer 01:59" in banner(app)

        assert revealed(app) == "", "nothing is revealed yet"
        await facilitator.press("v")
        await facilitator.pause()
        await facilitator.press("enter")
        await facilitator.pause()
        shown = revealed(app)
        assert "→ Take on the handoff between two teams" in shown
        assert "2 chose" in shown

        await facilitator.press("h")  # release
        banner(app)
        await player.press("enter")
        await player.pause()
        assert journey(app).index == 1


async def test_reveal_waits_until_the_participant_has_chosen(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    play_opening(join(room, "bo"), choice="go-deeper")
    cy = join(room, "cy")
    cy.answer("want-start", 3)
    cy.choose("continue")
    cy.answer("tactical-example", "a thing")  # at the decision, not chosen yet
    publish(room)
    dash, app = dashboard(room), participant(room, cy, tmp_path)
    async with dash.run_test(size=(120, 40)) as facilitator, \
            app.run_test(size=(100, 32)) as player:
        await facilitator.press("v")
        await facilitator.pause()
        await facilitator.press("enter")
        await facilitator.pause()
        assert revealed(app) == "", "nothing to show before the participant chose"
        await player.press("2")  # now cy chooses
        await player.pause()
        publish(room)
        assert "2 chose" in revealed(app)


async def test_typing_an_answer_survives_the_facilitator_moving_on(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    di = join(room, "di")
    di.answer("want-start", 3)
    di.choose("continue")  # the written question is next
    dash, app = dashboard(room), participant(room, di, tmp_path)
    async with dash.run_test(size=(120, 40)) as facilitator, \
            app.run_test(size=(100, 32)) as player:
        await player.pause()
        await player.press(*"half a thou")
        area = app.screen.query_one("#answer", TextArea)
        await facilitator.press("right", "h")
        await facilitator.press("b")
        await facilitator.pause()
        await facilitator.press(*"Time to move on", "enter")
        await facilitator.pause()
        assert "Time to move on" in banner(app)
        await player.press(*"ght")
        assert area.text == "half a thought" and app.focused is area
        await player.press("ctrl+s")
        await player.pause()
        run = journey(app).run
        assert run is not None and run.answers["tactical-example"] == "half a thought"
    assert join(room, "di").journey.answers()["tactical-example"] == "half a thought"


async def test_a_late_joiner_lands_on_the_current_step(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    dash = dashboard(room)
    async with dash.run_test(size=(120, 40)) as facilitator:
        await facilitator.press("right")
    late = join(room, "late")
    app = participant(room, late, tmp_path)
    async with app.run_test(size=(100, 32)) as player:
        await player.pause()
        playing = journey(app)
        assert playing.index == 1
        assert playing.scenario is not None and playing.scenario.id == "the-week"
    assert join(room, "late").journey.index == 1  # saved


async def test_a_removed_participant_is_shown_the_door(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("workshop.tui.room.screen.REMOVAL_GRACE", 0.05)
    room = make_room(tmp_path)
    eve = join(room, "eve")
    app = participant(room, eve, tmp_path)
    async with app.run_test(size=(100, 32)) as player:
        from workshop.rooms.control import ControlWriter

        ControlWriter(room, steps=3).remove("eve")
        screen_of(app).update_room()
        await player.pause()
        assert isinstance(app.screen, RemovedScreen)
        await player.pause(0.2)
    assert app.return_value is not None and "removed you" in app.return_value


async def test_sharing_a_written_answer_is_the_participants_choice(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    fa = join(room, "fa")
    fa.answer("want-start", 3)
    fa.choose("continue")
    fa.answer("tactical-example", "what I fixed")
    app = participant(room, fa, tmp_path)
    async with app.run_test(size=(100, 32)) as player:
        await player.press("s")
        await player.pause()
        await player.press("y")  # sharing asks first (issue 17)
        await player.pause()
        assert join(room, "fa").shared == {"tactical-example"}
        await player.press("s")
        await player.pause()
        assert join(room, "fa").shared == set()
