"""A choice reaches the dashboard and the projector view when it is saved, not at the next
poll: the tests' dashboards poll once an hour, so only the room's events can bring it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from tests.rooms.roomkit import join, make_room, play_opening, publish
from workshop.rooms.control import ControlWriter
from workshop.rooms.events import listeners
from workshop.tui.dashboard import DashboardOptions, make_dashboard
from workshop.tui.dashboard.widgets import StepPanel
from workshop.tui.projector import ProjectorOptions, make_projector
from workshop.tui.projector.screen import ProjectorScreen


async def until(pilot: Pilot[None], ready: Callable[[], bool]) -> None:
    """Let the app's loop run until ``ready()`` (the event arrived), or fail after a while."""
    for _ in range(500):
        if ready():
            return
        await pilot.pause(0.01)
    raise AssertionError("the change never reached the screen")


async def test_a_saved_choice_shows_on_the_dashboard_without_a_poll(tmp_path: Path) -> None:
    """No server: the participant's save itself wakes the dashboard, which counts it."""
    room = make_room(tmp_path)
    app = make_dashboard(DashboardOptions(room.path, host="workshop.example", refresh=3600))
    async with app.run_test(size=(120, 40)) as pilot:
        assert len(listeners(room.path)) == 1
        play_opening(join(room, "ana"), choice="go-deeper")
        await until(pilot, lambda: "1 of 1 have chosen" in
                    str(app.query_one(StepPanel).text.plain))
        assert app.view.source == "dashboard"
    assert listeners(room.path) == []  # the dashboard's FIFO left with it


async def test_a_publication_shows_on_the_dashboard_without_a_poll(tmp_path: Path) -> None:
    """With a server: its publication of the counts wakes the dashboard."""
    room = make_room(tmp_path)
    play_opening(join(room, "ana"))
    publish(room)
    app = make_dashboard(DashboardOptions(room.path, host="workshop.example", refresh=3600))
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.view.source == "server"
        play_opening(join(room, "bo"))
        publish(room)  # what the server does when woken by bo's save
        await until(pilot, lambda: "2 of 2 have chosen" in
                    str(app.query_one(StepPanel).text.plain))


async def test_the_projector_view_follows_the_room_without_a_poll(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    play_opening(join(room, "ana"), choice="go-deeper")
    publish(room)
    app = make_projector(ProjectorOptions(room.path, host="workshop.example", fallback=3600))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ProjectorScreen)
        assert "1 answered" not in screen.text.plain
        writer = ControlWriter(room, 2)
        writer.reveal("opening", "news", True)  # from the dashboard, another process
        await until(pilot, lambda: "1 answered" in screen.text.plain)
        play_opening(join(room, "bo"))
        publish(room)
        await until(pilot, lambda: "2 answered" in screen.text.plain)
