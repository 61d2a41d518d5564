"""The dashboard on a laptop (80x24): every panel reachable, a banner that folds, bars that
never wrap, full labels when there is room, and its own list of keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.rooms.roomkit import join, make_room, play_opening, publish
from workshop.rooms import Room
from workshop.rooms.control import ControlWriter, read_control
from workshop.rooms.shared import answer_key
from workshop.tui.dashboard import DashboardApp, DashboardOptions, make_dashboard
from workshop.tui.dashboard.keys import KeysDialog
from workshop.tui.dashboard.widgets import JoinBanner, SharedPanel, StepPanel

LONG = "Take on the handoff between two teams that nobody owns"


def busy_room(tmp_path: Path, monkeypatch: pytest.MonkeyPatch | None = None) -> Room:
    """Three people played the opening; two shared their answer; the news is revealed."""
    room = make_room(tmp_path, code="k7m2qx" if monkeypatch else None, monkeypatch=monkeypatch,
                     title="Staff path, May")
    for handle, choice, rating, words in [
            ("ana", "cross-team", 4, "The shared rota between payments and search"),
            ("bo", "go-deeper", 2, "Our own migration, done well"),
            ("cy", "cross-team", 5, "unshared private words")]:
        session = join(room, handle)
        play_opening(session, choice=choice, rating=rating, text=words)
        if handle != "cy":
            session.share("tactical-example")
    publish(room)
    writer = ControlWriter(room, steps=3)
    writer.hold(0)
    writer.reveal("opening", "news")
    writer.show_answer(answer_key("tactical-example",
                                  "The shared rota between payments and search"))
    return room


def dashboard(room: Room) -> DashboardApp:
    return make_dashboard(DashboardOptions(room.path, host="workshop.example", port=2222,
                                           refresh=3600))


async def test_end_and_page_down_reach_the_last_panel_at_80_by_24(tmp_path: Path) -> None:
    """At 80x24, End scrolls to the bottom (the shared answers under the charts), Home back to
    the top, and PgDn moves a page: before, these keys did nothing on the stacked layout."""
    app = dashboard(busy_room(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        main = app.query_one("#main")
        assert main.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert main.scroll_y == main.max_scroll_y
        shared = app.query_one(SharedPanel)
        assert 0 <= shared.region.y < 23  # on screen, above the footer
        await pilot.press("home")
        await pilot.pause()
        assert main.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert main.scroll_y > 0


async def test_tab_brings_the_charts_into_view_at_80_by_24(tmp_path: Path) -> None:
    """Tab goes from panel to panel; the current step's charts come into view when reached."""
    app = dashboard(busy_room(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        step = app.query_one(StepPanel)
        for _ in range(6):
            await pilot.press("tab")
            await pilot.pause()
            if app.focused is step:
                break
        assert app.focused is step
        assert app.query_one("#main").scroll_y > 0
        assert step.region.y < 23


async def test_the_join_banner_folds_on_a_short_terminal_and_with_j(tmp_path: Path) -> None:
    """At 24 rows the join banner is one line (it took 8 of 24 rows); j brings the large type
    back, and j at 120x40 folds it."""
    app = dashboard(busy_room(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        banner = app.query_one(JoinBanner)
        assert banner.collapsed and banner.size.height == 1
        assert "ssh -p 2222 NAME@workshop.example" in str(banner.render())
        await pilot.press("j")
        await pilot.pause()
        # Framed again (at 80 columns the line is too wide for large type: it stays plain).
        assert not banner.collapsed and banner.outer_size.height >= 3
    app = dashboard(busy_room(tmp_path / "2"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        banner = app.query_one(JoinBanner)
        assert not banner.collapsed
        await pilot.press("j")
        await pilot.pause()
        assert banner.collapsed and banner.outer_size.height == 1


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_bars_never_wrap_their_counts(tmp_path: Path, size: tuple[int, int]) -> None:
    """Every chart line fits the step panel on one line, starting with its count and share
    ("2  67%"); a long label is cut, never the count."""
    app = dashboard(busy_room(tmp_path))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.redraw()
        await pilot.pause()
        panel = app.query_one(StepPanel)
        lines = [line for line in panel.text.plain.splitlines() if "%" in line]
        assert len(lines) == 7  # two choices, five ratings
        assert all(len(line) <= panel.content_region.width for line in lines)
        assert any(line.lstrip().startswith("2  67%") for line in lines)


async def test_full_choice_labels_when_there_is_room(tmp_path: Path) -> None:
    """At 120 columns a 54-character choice label is shown whole (it was cut at ~35)."""
    app = dashboard(busy_room(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.redraw()
        assert LONG in app.query_one(StepPanel).text.plain


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (50, 24)])
async def test_question_mark_lists_this_dashboards_own_keys(tmp_path: Path,
                                                            size: tuple[int, int]) -> None:
    """? opens the dashboard's own list (step keys as ← and →, in its words, not Textual's
    "Scroll"), at every width; ? again closes it."""
    app = dashboard(busy_room(tmp_path))
    async with app.run_test(size=size) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, KeysDialog)
        lines = dict(app.screen.lines)
        assert lines["←"].startswith("previous step") and lines["→"].startswith("next step")
        for key in ("h", "H", "v", "p", "a", "j", "t", "b", "l", "x", "e", "q"):
            assert key in lines
        assert not any(what == "Scroll" for what in lines.values())
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, KeysDialog)


async def test_shared_answers_show_live_and_a_shows_or_hides_one(tmp_path: Path) -> None:
    """The dashboard lists the answers shared with the room (never an unshared one), each
    marked shown or hidden; a then enter toggles the first one in the control file."""
    room = busy_room(tmp_path)
    app = dashboard(room)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = app.query_one(SharedPanel).text.plain
        assert "Shared answers (2, 1 on the projector)" in text
        assert "Our own migration, done well" in text
        assert "unshared private words" not in text
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        # Sorted by text: "Our own migration" is first; it was hidden, now it is shown.
        assert answer_key("tactical-example", "Our own migration, done well") \
            in read_control(room).shown
        assert "(2, 2 on the projector)" in app.query_one(SharedPanel).text.plain


def test_dashboard_snapshot_80x24(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  snap_compare: Any) -> None:
    """At 80x24: the one-line join banner, the progress, and the start of the charts."""
    room = busy_room(tmp_path, monkeypatch)
    assert snap_compare(dashboard(room), terminal_size=(80, 24))


def test_dashboard_snapshot_80x24_scrolled_to_the_end(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      snap_compare: Any) -> None:
    """At 80x24 after End: the charts and the shared answers."""
    room = busy_room(tmp_path, monkeypatch)
    assert snap_compare(dashboard(room), terminal_size=(80, 24), press=["end"])


def test_keys_snapshot_80x24(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             snap_compare: Any) -> None:
    """The ? list at 80x24."""
    room = busy_room(tmp_path, monkeypatch)
    assert snap_compare(dashboard(room), terminal_size=(80, 24), press=["question_mark"])


async def test_the_step_keys_show_and_work_at_120_columns(tmp_path: Path) -> None:
    """At 120x40 the footer lists ← Step ← and → Step → (a focused scroll column used to take
    the arrows for sideways scrolling and hid them), and → moves the room's step."""
    room = busy_room(tmp_path)
    app = dashboard(room)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = [binding.description for (_, binding, enabled, _) in
                 app.screen.active_bindings.values() if binding.show and enabled]
        assert "Step ←" in shown and "Step →" in shown
        await pilot.press("right")
        await pilot.pause()
        assert read_control(room).step == 1


async def test_the_broadcast_line_stays_in_view_at_80_columns(tmp_path: Path) -> None:
    """At 80x24 the status line's counts take two rows; the broadcast line still shows under
    them (a fixed two-row status line cut it off)."""
    room = busy_room(tmp_path)
    ControlWriter(room, steps=3).say("Pick before you look around")
    app = dashboard(room)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        from workshop.tui.dashboard.widgets import StatusLine

        status = app.query_one(StatusLine)
        assert status.size.height >= 3
        lines = [str(line.text) for line in status.render_lines(status.region.reset_offset)]
        assert any("Broadcast: Pick before you look around" in line for line in lines)


async def test_the_broadcast_box_opens_empty_and_quotes_the_current_line(tmp_path: Path
                                                                         ) -> None:
    """b opens an empty box (typing a new line used to append to the old one, pre-filled),
    with the line on screen now quoted under it; enter sends only what was typed."""
    from textual.widgets import Input

    room = busy_room(tmp_path)
    ControlWriter(room, steps=3).say("Back at ten")
    app = dashboard(room)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert app.screen.query_one(Input).value == ""
        assert "Now: Back at ten" in str(app.screen.query_one("#hint").render())
        await pilot.press(*"Back at half past", "enter")
        await pilot.pause()
        assert read_control(room).broadcast == "Back at half past"
