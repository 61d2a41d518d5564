"""Regressions found by playing the workshop as a new user at 80x24 (QA pass)."""

from __future__ import annotations

from pathlib import Path

from .conftest import app_for, scene_screen


async def test_a_bullet_sits_on_the_same_row_as_its_text(data_dir: Path) -> None:
    """The committee's notes (a bulleted list in the first quick scenario) read as
    "•  Depth: clearly strong…" on one row, not a lone bullet with the text a row below."""
    app = app_for(data_dir, track="quick", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("4", "enter", "1", "enter"):  # rate, continue, read the notes, continue
            await pilot.press(key)
            await pilot.pause()
        text = scene_screen(app).query_one("#scene-text")
        rows = [strip.text for strip in text.render_lines(text.region.reset_offset)]
        bullets = [row for row in rows if row.lstrip().startswith("•")]
        assert len(bullets) >= 3, "the scene should show the committee's bulleted notes"
        for row in bullets:
            assert row.lstrip("• ").strip(), f"a bullet alone on its row: {row!r}"


async def test_the_command_palette_lists_keys_once(data_dir: Path) -> None:
    """ctrl+p shows one "Keys" entry (the workshop's key list), not a second one from
    the toolkit that opens a different panel."""
    app = app_for(data_dir, track="quick", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
    assert titles.count("Keys") == 1


async def test_long_rating_labels_each_read_on_one_line() -> None:
    """A rating whose ends are long ("Badly: code is how I know I did something") shows
    "1 = …" and "5 = …" each on a full line of its own, not squeezed into two narrow
    columns that wrap every three words."""
    from textual.app import App, ComposeResult

    from workshop.tui.widgets.rating import RatingPicker

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield RatingPicker("Badly: code is how I know I did something",
                               "Fine: I would measure the quarter another way")

    app = One()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        picker = app.query_one(RatingPicker)
        rows = [strip.text.strip() for strip in picker.render_lines(picker.region.reset_offset)]
        assert rows[1] == "1 = Badly: code is how I know I did something"
        assert rows[2] == "5 = Fine: I would measure the quarter another way"


async def test_page_down_scrolls_a_long_scene_while_the_answer_box_has_the_keyboard(
    data_dir: Path,
) -> None:
    """In "Forty hours, two shapes" (a long scene with an answer box at its foot) pgup and
    pgdn scroll the scene while the keyboard is in the answer box, so both weeks can be read
    before answering."""
    from textual.widgets import TextArea

    app = app_for(data_dir, track="quick", scenario="week-planning", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = scene_screen(app)
        await pilot.wait_for_scheduled_animations()
        assert isinstance(app.focused, TextArea)
        body = screen.query_one("#body")
        # Where the scene starts depends on the scroll to the focused box; go up, then down.
        start = body.scroll_y
        await pilot.press("pageup")
        await pilot.wait_for_scheduled_animations()
        up = body.scroll_y
        await pilot.press("pagedown")
        await pilot.wait_for_scheduled_animations()
        assert up < start or body.scroll_y > up
        assert body.scroll_y != up



def test_the_friday_count_of_pull_requests_reads_well_for_one() -> None:
    """Friday in "Forty hours, two shapes" reads "Pull requests of your own merged this
    week: 1", never "You merged 1 pull requests"."""
    import tomllib

    path = Path(__file__).resolve().parents[2] / "scenarios/staff-path/week-planning.toml"
    text = tomllib.loads(path.read_text(encoding="utf-8"))["scenes"]["friday"]["text"]
    assert "{prs}** pull requests" not in text and "{prs} pull requests" not in text
    assert "{prs}" in text


async def test_a_watched_workshop_ends_on_its_reflection(data_dir: Path) -> None:
    """`workshop play FOLDER --watch` played to the end shows the reflection (plot and
    text), like a saved session, instead of crashing with "'ScratchSession' object has no
    attribute 'record'"; and still writes no session file."""
    from workshop.tui.screens.reflection import ReflectionScreen

    from .conftest import EXAMPLE, play_to_reflection

    app = app_for(data_dir, content=EXAMPLE, track="quick", play=True, watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await play_to_reflection(pilot, app)
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        assert app.screen.query("#plot") and not app.screen.query("#reflection-problem")
    assert not (data_dir / "sessions").exists()


async def test_a_watched_workshop_exports_its_notes_from_memory(data_dir: Path) -> None:
    """In `--watch` mode, `e` on the reflection writes the notes (exports/ID-watch.md) and
    shows them, instead of offering an export and then saying there is nothing to export."""
    from workshop.tui.screens.dialogs import ExportDialog

    from .conftest import EXAMPLE, play_to_reflection

    app = app_for(data_dir, content=EXAMPLE, track="quick", play=True, watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await play_to_reflection(pilot, app)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
    written = data_dir / "exports" / "first-workshop-watch.md"
    assert written.is_file() and "# " in written.read_text(encoding="utf-8")
    assert not (data_dir / "sessions").exists()


async def test_scenario_files_without_a_manifest_start_from_home(
        data_dir: Path, tmp_path: Path) -> None:
    """A folder of scenario files alone offers one track of every scenario on the home
    screen; taking it starts the first scenario (it used to fail: that track had no id the
    workshop knew)."""
    import shutil

    from textual.widgets import OptionList

    from workshop.tui.screens.home import HomeScreen
    from workshop.tui.screens.scene import SceneScreen

    from .conftest import EXAMPLE

    loose = tmp_path / "loose"
    loose.mkdir()
    for name in ("check-in.toml", "the-outage.toml"):
        shutil.copy(EXAMPLE / name, loose / name)
    app = app_for(data_dir, content=loose)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        first = app.screen.query_one("#menu", OptionList).get_option_at_index(0)
        assert "Start the all scenarios" in str(first.prompt)
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen)
        assert app.screen.session.journey.track.scenarios == ("check-in", "the-outage")


async def test_a_narrow_terminal_keeps_the_rating_scale_on_one_row() -> None:
    """Joined from a narrow terminal (a phone's ssh app), all five numbers of the scale stay
    on one row, closer together, the end labels each get a row, and a click on "5" still
    gives 5."""
    from textual.app import App, ComposeResult

    from workshop.tui.widgets.rating import RatingPicker

    given: list[int] = []

    class Narrow(App[None]):
        def compose(self) -> ComposeResult:
            yield RatingPicker("Not at all", "Very much")

        def on_rating_picker_rated(self, event: RatingPicker.Rated) -> None:
            given.append(event.value)

    app = Narrow()
    async with app.run_test(size=(28, 10)) as pilot:
        await pilot.pause()
        picker = app.query_one(RatingPicker)
        rows = [strip.text for strip in picker.render_lines(picker.region.reset_offset)]
        assert all(str(n) in rows[0] for n in range(1, 6)), rows
        # The end labels no longer fit side by side: each has a row of its own.
        assert [rows[1].strip(), rows[2].strip()] == ["1 = Not at all", "5 = Very much"]
        await pilot.click(picker, offset=picker.offset_of(5))
        await pilot.pause()
    assert given == [5]


async def test_a_narrow_header_gives_the_title_room_before_the_progress() -> None:
    """In a narrow terminal the scenario's title is not squeezed into a column a few letters
    wide: the bar goes first, then "scenario k of n" moves under the title."""
    from textual.app import App, ComposeResult

    from workshop.tui.widgets.header import ProgressHeader

    class Head(App[None]):
        def compose(self) -> ComposeResult:
            yield ProgressHeader(id="header")

        def on_mount(self) -> None:
            self.query_one(ProgressHeader).show("High-quality but tactical", 0, 4, "Quick")

    shown = {}
    for width in (100, 40, 30):
        app = Head()
        async with app.run_test(size=(width, 10)) as pilot:
            await pilot.pause()
            header = app.query_one(ProgressHeader)
            shown[width] = [s.text.rstrip() for s in header.render_lines(
                header.region.reset_offset)]
    assert shown[100][0].startswith(" High-quality but tactical")
    assert shown[100][0].endswith("scenario 1 of 4 " + "━" * 16)
    assert "━" not in "".join(shown[40]) and shown[40][0].endswith("scenario 1 of 4")
    assert shown[30][0].strip() == "High-quality but tactical"
    assert shown[30][1].strip() == "scenario 1 of 4"
