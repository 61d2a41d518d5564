"""Textual's private names stay behind one door, fail loudly when they change, and have fallbacks.

When a Textual release changes a private name the workshop uses, the first test below fails
and names the function in ``workshop/tui/textual_internals.py`` to look at (see
``docs/upgrading-textual.md``). The others check that the app still starts and plays when a
name has changed (its public fallback is used), and that the uses replaced by public API
keep what they bought.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import textual.app
import textual.containers
import textual.css.stylesheet
import textual.screen
import textual.widget
import textual.widgets
from textual import events
from textual.css.stylesheet import Stylesheet
from textual.geometry import Size

from workshop.tui import css_cache, textual_internals
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.scene import SceneScreen, width_class
from workshop.tui.textual_internals import INTERNALS, Internal
from workshop.tui.widgets.choices import ChoiceList

from .conftest import app_for, scene_screen, settle, step

PACKAGE = Path(__file__).resolve().parents[2] / "workshop"
DOOR = PACKAGE / "tui" / "textual_internals.py"


@pytest.fixture(autouse=True)
def textual_parser(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts as a new process would: Textual's own parser, nothing shared."""
    # An earlier test's app may have installed the shared parser: take Textual's from it.
    textual_own = getattr(Stylesheet._parse_rules, "__wrapped__", Stylesheet._parse_rules)
    monkeypatch.setattr(Stylesheet, "_parse_rules", textual_own)
    monkeypatch.setattr(css_cache, "_SHARED", {})
    monkeypatch.setattr(css_cache, "_state", {"loaded": 0})
    yield


@pytest.mark.parametrize("internal", INTERNALS, ids=lambda internal: internal.name)
def test_every_private_textual_name_has_the_expected_shape(internal: Internal) -> None:
    """On an upgrade, you see which private name changed and which function uses it."""
    problem = internal.check()
    assert problem is None, (
        f"Textual {textual.__version__} changed {internal.name}, used by "
        f"workshop.tui.textual_internals.{internal.user}: {problem}. "
        "Adapt that function or drop the use (docs/upgrading-textual.md)."
    )
    assert internal.name not in textual_internals.PROBLEMS


def _textual_private_names(sources: list[str]) -> set[str]:
    """The single-underscore names of the Textual classes the workshop builds on."""
    classes: list[type] = [
        textual.app.App, textual.screen.Screen, textual.screen.ModalScreen,
        textual.widget.Widget, textual.css.stylesheet.Stylesheet,
        textual.containers.ScrollableContainer, textual.containers.VerticalScroll,
    ]
    imported = re.compile(r"from textual\.widgets import (?:\(([^)]*)\)|([\w, ]+))")
    for text in sources:
        for match in imported.finditer(text):
            names = (match[1] or match[2]).split(",")
            classes += [getattr(textual.widgets, name.strip()) for name in names
                        if name.strip()]
    return {name for cls in classes for name in dir(cls)
            if name.startswith("_") and not name.startswith("__")}


def test_no_private_textual_name_is_used_outside_the_door() -> None:
    """A private Textual name used anywhere else is listed with its file (move it to the door)."""
    # Attributes read, methods overridden and class attributes set, in classes' bodies.
    use = re.compile(r"\.(_[a-z]\w*)\b|^[ \t]+def (_[a-z]\w*)\(|^[ \t]+(_[a-z]\w*)\s*[:=]", re.M)
    module = re.compile(r"\btextual[\w.]*\.(_[a-z]\w*)")
    sources = {path: path.read_text(encoding="utf-8") for path in sorted(PACKAGE.rglob("*.py"))
               if path != DOOR}
    sources = {path: text for path, text in sources.items() if "textual" in text}
    private = _textual_private_names(list(sources.values()))
    found = []
    for path, text in sources.items():
        names = {next(group for group in match.groups() if group)
                 for match in use.finditer(text)}
        found += [f"{path.relative_to(PACKAGE.parent)}: {name}"
                  for name in sorted(names & private)]
        found += [f"{path.relative_to(PACKAGE.parent)}: textual private module {match[0]}"
                  for match in module.finditer(text)]
    assert found == [], "private Textual names outside workshop/tui/textual_internals.py"


def test_a_changed_name_is_reported_and_its_fallback_chosen(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A release whose parser takes other arguments: no sharing, Textual parses as usual."""

    def _parse_rules(self: Stylesheet, css: str, origin: object) -> object:
        raise AssertionError("never called")

    monkeypatch.setattr(Stylesheet, "_parse_rules", _parse_rules)
    problems = textual_internals.check_shapes()
    assert "Stylesheet._parse_rules" in problems
    monkeypatch.setattr(textual_internals, "PROBLEMS", problems)
    assert css_cache.share_parsed_css() is False
    assert Stylesheet._parse_rules is _parse_rules


def _all_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textual_internals, "PROBLEMS",
                        {internal.name: "changed (test)" for internal in INTERNALS})


async def test_with_every_private_name_changed_the_app_starts_and_plays(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Home is drawn, a scene can be played with the keys, and nothing is shared or saved."""
    _all_changed(monkeypatch)
    original = Stylesheet._parse_rules
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Staff&#160;Path&#160;Workshop" in app.export_screenshot()
        await pilot.press("enter")  # The first track.
        await settle(pilot)
        screen = scene_screen(app)
        for _ in range(4):
            choices = screen.query(ChoiceList)
            if choices and screen.view == "scene" and not screen.query("AskPanel"):
                choices.first().focus()
                await pilot.press("down", "down")  # The highlight scrolls into view.
                await settle(pilot)
                break
            await step(pilot, app)
    assert Stylesheet._parse_rules is original
    assert css_cache.shared_entries() == 0
    assert not (data_dir / "cache" / "css.pickle").exists()


def test_option_lines_fallback_says_it_cannot_tell(monkeypatch: pytest.MonkeyPatch) -> None:
    """With OptionList's rows unknown, the choice list scrolls as a whole (None here)."""
    _all_changed(monkeypatch)
    assert textual_internals.option_lines(ChoiceList([]), 0) is None


@pytest.mark.parametrize(("width", "expected"), [(80, "-narrow"), (109, "-narrow"),
                                                 (110, "-wide"), (160, "-wide")])
def test_width_class_matches_textuals_breakpoints(width: int, expected: str) -> None:
    """Below 110 columns the scene takes its narrow layout, from 110 its wide one."""
    breakpoints = SceneScreen.HORIZONTAL_BREAKPOINTS
    assert width_class(width, breakpoints) == expected


@pytest.mark.parametrize(("width", "shown", "hidden"), [(80, "-narrow", "-wide"),
                                                        (120, "-wide", "-narrow")])
async def test_the_scene_has_its_width_class_from_the_first_frame(
        data_dir: Path, width: int, shown: str, hidden: str) -> None:
    """A narrow terminal shows the narrow layout at once, a wide one the wide layout."""
    app = app_for(data_dir, play=True)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        screen = scene_screen(app)
        assert screen.has_class(shown) and not screen.has_class(hidden)


async def test_a_repeat_of_the_known_size_does_not_lay_the_screen_out_again(
        data_dir: Path) -> None:
    """The driver's second report of the start-up size is dropped; a real resize is not."""
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        resizes: list[Size] = []
        post = screen.post_message

        def counting(message: object) -> bool:
            if isinstance(message, events.Resize):
                resizes.append(message.size)
            return post(message)  # type: ignore[arg-type]

        screen.post_message = counting  # type: ignore[method-assign]
        app.post_message(events.Resize(Size(80, 24), Size(80, 24)))
        await pilot.pause()
        await pilot.pause()
        assert resizes == [], "the same size was laid out again"
        await pilot.resize_terminal(100, 30)
        await pilot.pause(0.1)
        assert resizes and set(resizes) == {Size(100, 30)}, "a real resize was dropped"


async def test_a_theme_chosen_before_start_needs_no_restyle(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--theme staff-light: the first frame is light, without Textual's full restyle."""
    calls: list[str] = []
    refresh_css = WorkshopApp.refresh_css

    def counted(self: WorkshopApp, animate: bool = True) -> None:
        calls.append("refresh_css")
        refresh_css(self, animate)

    monkeypatch.setattr(WorkshopApp, "refresh_css", counted)
    app = app_for(data_dir, theme="staff-light")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "staff-light"
        assert app.has_class("-theme-staff-light", "-light-mode")
        assert not app.has_class("-dark-mode")
        assert calls == [], "the whole stylesheet was applied again before the first frame"
        app.theme = "staff-dark"  # Later changes take Textual's usual path.
        await pilot.pause()
        assert app.has_class("-dark-mode") and calls


async def test_the_scene_screen_is_not_restyled_when_it_first_appears(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its handler runs before Screen's, so the first resume skips a restyle of every widget."""
    restyled: list[SceneScreen] = []
    update = SceneScreen.update_node_styles

    def counted(self: SceneScreen, animate: bool = True) -> None:
        restyled.append(self)
        update(self, animate)

    monkeypatch.setattr(SceneScreen, "update_node_styles", counted)
    app = app_for(data_dir, play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        scene_screen(app)
        assert restyled == []


async def test_a_scene_screen_is_not_laid_out_again_at_the_size_it_has(data_dir: Path) -> None:
    """Textual tells a screen it was resized right after laying it out, at the size it was just
    laid out at: that is dropped. A real new size is laid out (and takes the width class)."""
    app = app_for(data_dir, play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = scene_screen(app)
        layouts: list[object] = []
        screen.screen_layout_refresh_signal.subscribe(screen, layouts.append)
        size = screen.region.size
        screen.post_message(events.Resize(size, size))
        await pilot.pause()
        await pilot.pause()
        assert layouts == [], "the screen was laid out again at the same size"
        await pilot.resize_terminal(120, 30)
        await pilot.pause(0.1)
        assert layouts, "a real resize was dropped"
        assert screen.region.size == Size(120, 30) and screen.has_class("-wide")


@pytest.mark.parametrize("in_browser", [False, True])
async def test_only_the_web_drivers_own_blur_at_start_is_ignored(
        data_dir: Path, in_browser: bool) -> None:
    """In a browser the driver says "blurred" as it starts, before the page says anything:
    restyling every widget for that (and again for the page's "focus" a moment later) is
    skipped. The page's own blur later, and any blur in a terminal, take Textual's path."""
    app = app_for(data_dir, play=True)
    app.in_browser = in_browser
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.post_message(events.AppBlur())
        await pilot.pause()
        assert app.app_focus is in_browser
        app.post_message(events.AppFocus())
        await pilot.pause()
        assert app.app_focus
        app.post_message(events.AppBlur())  # the page's own blur
        await pilot.pause()
        assert not app.app_focus


async def test_a_resize_under_a_dialog_still_gives_the_scene_its_width_class(
        data_dir: Path) -> None:
    """With a dialog open, the dialog lays the scene out at the new size before the scene's
    own resize arrives (then at the size it has): the width class still follows."""
    app = app_for(data_dir, play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = scene_screen(app)
        assert screen.has_class("-narrow")
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen is not screen, "the keys dialog did not open"
        await pilot.resize_terminal(130, 30)
        await pilot.pause(0.2)
        await pilot.press("escape")
        await pilot.pause(0.1)
        assert app.screen is screen
        assert screen.has_class("-wide") and not screen.has_class("-narrow")
