"""The issue's story, on the bundled workshop: a facilitator who has never seen the tool
creates a room, reads out the join command, runs the session from the dashboard, reveals and
discusses three decisions, and exports the summary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.rooms.roomkit import publish
from workshop.cli import main
from workshop.record import Session
from workshop.rooms import open_room, participant_session
from workshop.rooms.control import read_control
from workshop.rooms.pacing import reveal_for
from workshop.tui.dashboard import DashboardOptions, make_dashboard
from workshop.tui.dashboard.widgets import StepPanel

HANDLES = ("qx-ana", "qx-bo", "qx-cy", "qx-dee")
"""Handles no scenario text contains, so finding one in the export would be a leak."""


def play_scenario(session: Session, pick: int) -> None:
    """Play the current scenario to its end: the pick-th enabled choice (wrapping), a 3 for
    every rating, a sentence for every written question."""
    run = session.journey.run
    assert run is not None
    while not run.finished:
        ask = run.ask
        if ask is not None and ask.id not in run.answers and ask.id not in run.skipped:
            session.answer(ask.id, 3 if ask.kind == "rating" else "something private")
            continue
        enabled = [view for view in run.choices() if view.enabled]
        session.choose(enabled[pick % len(enabled)].id)
        run = session.journey.run
        assert run is not None


async def test_a_first_session_from_create_to_export(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path)
    assert main(["room", "create", "Staff path, May", "--open", "--data-dir", data,
                 "--host", "workshop.example"]) == 0
    printed = capsys.readouterr().out
    code = re.search(r"Room (\w{6}) created", printed).group(1)  # type: ignore[union-attr]
    assert "ssh -p 2222 HANDLE@workshop.example" in printed
    room = open_room(code, tmp_path)

    app = make_dashboard(DashboardOptions(code, tmp_path, host="workshop.example",
                                          refresh=3600))
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.view.join.line() == "ssh -p 2222 NAME@workshop.example"
        await pilot.press("h")  # hold at step 1 before anyone joins
        people = [participant_session(room, name) for name in HANDLES]
        for index, person in enumerate(people):
            play_scenario(person, pick=index)
        publish(room)  # what the running server does every second
        app.refresh_room()
        await pilot.pause()
        decisions = app.view.current().decisions
        assert len(decisions) >= 3
        assert any(d.total == 4 for d in decisions)
        assert "4 of 4 have chosen" in app.query_one(StepPanel).text.plain

        revealed = []
        for position in range(3):  # reveal and discuss three decisions, one by one
            await pilot.press("v")
            await pilot.pause()
            await pilot.press(*["down"] * position, "enter")
            await pilot.pause()
            revealed.append(decisions[position])
            assert app.view.current().notes  # the discussion notes are on the dashboard
        control = read_control(room)
        assert {f"{d.scenario_id}/{d.scene_id}" for d in revealed} <= control.revealed
        # Each participant sees the revealed decisions they chose at, with the room's counts.
        aggregates = publish(room)
        shown = reveal_for(control, people[0].journey, aggregates)
        assert {d.scene_id for d, _ in shown.decisions} & {d.scene_id for d in revealed}

        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    summary = app.exports[-1].read_text()
    for decision in revealed:
        assert f"### {decision.title}" in summary
    assert "> Discuss:" in summary and "4 joined" in summary
    for name in HANDLES:
        assert name not in summary
    assert "something private" not in summary
