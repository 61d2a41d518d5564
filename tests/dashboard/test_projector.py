"""The projector view: safe to put on a wall. Never a handle, an unrevealed count or an
unshared (or unshown) answer; the join line, the step, revealed charts, shown answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.rooms.roomkit import join, make_room, play_opening, publish
from workshop.cli import main
from workshop.rooms import Room
from workshop.rooms.control import ControlWriter
from workshop.rooms.shared import answer_key
from workshop.tui.dashboard import DashboardOptions, make_dashboard
from workshop.tui.projector import ProjectorApp, ProjectorOptions, ProjectorScreen, make_projector

HANDLES = ("quetzalcoatl", "wombatine", "aardvarkus")
UNSHARED = "Zanzibar unshared thought"
UNSHOWN = "Patagonia shared but not shown"
SHOWN = "Kilimanjaro shown to the room"


def named_room(tmp_path: Path, monkeypatch: pytest.MonkeyPatch | None = None, *,
               reveal: bool = True) -> Room:
    """A named room (its aggregates carry handles in done_by) with every kind of secret."""
    room = make_room(tmp_path, anonymous=False, code="p4rj8w" if monkeypatch else None,
                     monkeypatch=monkeypatch, title="Staff path, May")
    for handle, words, choice in zip(HANDLES, (UNSHARED, UNSHOWN, SHOWN),
                                     ("cross-team", "go-deeper", "cross-team"), strict=True):
        session = join(room, handle)
        play_opening(session, choice=choice, text=words)
        if words != UNSHARED:
            session.share("tactical-example")
        session.advance()  # done with step 1: their handles are in done_by
    data = publish(room)
    assert "quetzalcoatl" in str(data)  # the published file does name them (named room)
    writer = ControlWriter(room, steps=3)
    if reveal:
        writer.reveal("opening", "news")
    writer.show_answer(answer_key("tactical-example", SHOWN))
    writer.say("Pick before you look at anyone else's screen")
    return room


def projector(room: Room) -> ProjectorApp:
    return make_projector(ProjectorOptions(room.path, host="workshop.example", port=2222))


def has_share(text: str, share: str) -> bool:
    """The share in plain figures, or in the large type of a tall screen."""
    from workshop.tui.dashboard import bigtext

    return share in text or all(row in text for row in bigtext.render(f"{share:>4}"))


def shown_text(app: ProjectorApp) -> str:
    screen = app.screen
    assert isinstance(screen, ProjectorScreen)
    return screen.text.plain


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_projector_names_nobody_and_shows_only_shown_answers(
        tmp_path: Path, size: tuple[int, int]) -> None:
    """The view has the join line, the step, the revealed chart with its shares and the
    answer the facilitator showed; no handle, no unshared or unshown answer."""
    app = projector(named_room(tmp_path))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = shown_text(app)
        assert "ssh -p 2222 NAME@workshop.example" in text or size[1] >= 30
        assert "Step 1 of 3: The feedback" in text
        assert has_share(text, "67%") and "3 answered" in text
        assert SHOWN in text
        assert "Pick before you look" in text
        for secret in (*HANDLES, UNSHARED, UNSHOWN):
            assert secret not in text


async def test_an_unrevealed_decision_shows_no_count(tmp_path: Path) -> None:
    """Before the facilitator reveals, the decision's question shows and no figure of it:
    no share, no "answered", no rating count."""
    app = projector(named_room(tmp_path, reveal=False))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = shown_text(app)
        assert "The news" in text and "once the facilitator reveals them" in text
        assert "%" not in text and "answered" not in text and "rated" not in text


async def test_the_projector_follows_the_room_live(tmp_path: Path) -> None:
    """A reveal written by the dashboard shows on the projector at its next look."""
    room = named_room(tmp_path, reveal=False)
    app = projector(room)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "%" not in shown_text(app)
        ControlWriter(room, steps=3).reveal("opening", "news")
        screen = app.screen
        assert isinstance(screen, ProjectorScreen)
        screen.tick()
        assert has_share(shown_text(app), "67%")


async def test_p_opens_the_projector_from_the_dashboard_and_escape_comes_back(
        tmp_path: Path) -> None:
    """In the dashboard p opens the same view full screen; escape returns to the dashboard."""
    room = named_room(tmp_path)
    app = make_dashboard(DashboardOptions(room.path, host="workshop.example", refresh=3600))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProjectorScreen)
        text = app.screen.text.plain
        assert SHOWN in text and not any(h in text for h in HANDLES)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ProjectorScreen)


def test_project_command_refuses_politely(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                          ) -> None:
    """A bad room code is one line; outside a terminal it points at the HTML export."""
    assert main(["project", "nosuch", "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    room = make_room(tmp_path)
    assert main(["project", room.code, "--data-dir", str(tmp_path)]) == 2
    assert "--format html" in capsys.readouterr().err


def test_project_is_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    """`workshop --help` lists project."""
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "project" in capsys.readouterr().out


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_projector_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                            snap_compare: Any, size: tuple[int, int]) -> None:
    """The projector view at 80x24 (join line plain) and 120x40 (join line in large type)."""
    room = named_room(tmp_path, monkeypatch)
    assert snap_compare(projector(room), terminal_size=size)
