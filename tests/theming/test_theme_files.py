"""Theme files: every bundled theme loads, and every kind of broken file gives one clear line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.color import Color

from workshop.errors import ThemeError
from workshop.paths import bundled_themes_dir
from workshop.theming import (
    DEFAULT_THEME,
    NAMED_COLOURS,
    load_themes,
    parse_colour,
    parse_theme,
    theme_files,
)
from workshop.tui.themes import to_textual

BUNDLED = theme_files(bundled_themes_dir())

GOOD = """\
name = "mine"
dark = true
primary = "#336699"
foreground = "#eeeeee"
background = "#101010"
"""


def test_the_promised_themes_are_bundled() -> None:
    specs, errors = load_themes(user=Path("/nonexistent"))
    assert errors == []
    assert {"staff-dark", "staff-light", "high-contrast", "colour-blind"} <= set(specs)
    assert DEFAULT_THEME == "staff-dark"
    assert specs["staff-light"].dark is False


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_theme_becomes_a_working_textual_theme(path: Path) -> None:
    spec = parse_theme(path, bundled=True)
    assert spec.name == path.stem, "a bundled theme's file is named after it"
    assert spec.description
    theme = to_textual(spec)
    assert theme.name == spec.name and theme.dark == spec.dark
    # Textual derives every shade and variable from it without complaint.
    generated = theme.to_color_system().generate()
    for key in ("primary", "background", "foreground", "text", "footer-key-foreground"):
        assert key in generated
    # Every colour our parser accepted is one Textual reads the same way.
    for key, value in spec.colours.items():
        ours = parse_colour(value)
        assert ours is not None
        assert Color.parse(value).rgb == (ours.red, ours.green, ours.blue), key


def test_named_colours_mean_the_same_in_textual() -> None:
    for name, rgb in NAMED_COLOURS.items():
        assert Color.parse(name).rgb == rgb, name


@pytest.mark.parametrize("text", ["#abc", "#AABBCC", "#aabbcc80", "rgb(1, 2, 255)", "Navy"])
def test_colour_forms_accepted(text: str) -> None:
    assert parse_colour(text) is not None


@pytest.mark.parametrize("text", ["#12", "#ggg", "rgb(1,2,256)", "blurple", "", "12"])
def test_colour_forms_refused(text: str) -> None:
    assert parse_colour(text) is None


BROKEN = [
    pytest.param(
        GOOD.replace('"#336699"', '"#12"'),
        """{path}:3: 'primary' is not a colour: "#12" (use #rrggbb, #rgb, rgb(r, g, b) or a """
        """colour name such as white)""",
        id="bad-colour",
    ),
    pytest.param(
        GOOD + 'primay = "#ffffff"\n',
        "{path}:6: unknown key 'primay' (did you mean 'primary'?)",
        id="unknown-key",
    ),
    pytest.param(
        GOOD.replace('primary = "#336699"\n', ""),
        "{path}: missing key 'primary' (a theme needs name, dark, primary, foreground, "
        "background)",
        id="missing-key",
    ),
    pytest.param(
        GOOD + "surface = \n",
        "{path}:6: not valid TOML: Invalid value",
        id="bad-toml",
    ),
    pytest.param(
        GOOD.replace("dark = true", 'dark = "yes"'),
        """{path}:2: 'dark' must be true or false: "yes\"""",
        id="dark-not-bool",
    ),
    pytest.param(
        GOOD.replace('"mine"', '"My Theme"'),
        """{path}:1: 'name' must be lowercase letters, digits and dashes: "My Theme" """
        """(for example name = "my-theme")""",
        id="bad-name",
    ),
    pytest.param(
        GOOD + '[variables]\n"footer-key-foreground" = "#zzz"\n',
        """{path}:7: variable 'footer-key-foreground' has a value Textual cannot use: "#zzz" """
        """(a colour, a colour and a percentage such as "#ffffff 40%", or text styles such as """
        """"bold" for *-style variables)""",
        id="bad-variable",
    ),
    pytest.param(
        GOOD + "text_alpha = 2\n",
        "{path}:6: 'text_alpha' must be a number from 0 to 1: 2",
        id="number-out-of-range",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BROKEN)
def test_broken_user_theme_is_one_line_and_the_rest_still_load(
    tmp_path: Path, text: str, expected: str,
) -> None:
    path = tmp_path / "x.toml"
    path.write_text(text, encoding="utf-8")
    specs, errors = load_themes(user=tmp_path)
    assert [str(e) for e in errors] == [expected.format(path=path)]
    assert all("\n" not in str(e) for e in errors)
    assert DEFAULT_THEME in specs and "mine" not in specs


def test_variables_accept_what_textual_accepts(tmp_path: Path) -> None:
    path = tmp_path / "ok.toml"
    path.write_text(GOOD + '[variables]\n"input-selection-background" = "#336699 35%"\n'
                    '"block-cursor-text-style" = "bold reverse"\n"text" = "auto 87%"\n'
                    '"footer-key-background" = "transparent"\n', encoding="utf-8")
    spec = parse_theme(path)
    assert spec.variables["block-cursor-text-style"] == "bold reverse"
    to_textual(spec).to_color_system().generate()


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes(b'name = "caf\xe9"\n')
    with pytest.raises(ThemeError) as caught:
        parse_theme(path)
    assert str(caught.value).startswith(f"{path}: cannot read the theme file:")


def test_two_user_files_with_one_name(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.toml").write_text(GOOD, encoding="utf-8")
    specs, errors = load_themes(user=tmp_path)
    assert specs["mine"].path == tmp_path / "a.toml"
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'b.toml'}:1: theme 'mine' is already defined in a.toml "
        "(give each theme its own name)"
    ]


def test_user_theme_in_config_folder_is_picked_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WORKSHOP_CONFIG", str(tmp_path))
    (tmp_path / "themes").mkdir()
    (tmp_path / "themes" / "mine.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "themes" / "notes.txt").write_text("not a theme", encoding="utf-8")
    specs, errors = load_themes()
    assert errors == []
    assert specs["mine"].bundled is False
    assert specs["mine"].colours["primary"] == "#336699"


def test_user_theme_may_replace_a_bundled_one(tmp_path: Path) -> None:
    (tmp_path / "dark.toml").write_text(GOOD.replace('"mine"', '"staff-dark"'), "utf-8")
    specs, errors = load_themes(user=tmp_path)
    assert errors == []
    assert specs["staff-dark"].colours["primary"] == "#336699"


def test_the_example_in_the_docs_loads(tmp_path: Path) -> None:
    """docs/themes.md promises a complete example file; it must load as written."""
    docs = Path(__file__).resolve().parents[2] / "docs" / "themes.md"
    text = docs.read_text(encoding="utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "dusk.toml").write_text(example, encoding="utf-8")
    specs, errors = load_themes(user=tmp_path)
    assert errors == []
    spec = specs["dusk"]
    assert set(spec.colours) == {
        "primary", "secondary", "accent", "foreground", "background", "surface", "panel",
        "boost", "success", "warning", "error",
    }
    to_textual(spec).to_color_system().generate()


def test_an_edited_theme_file_is_read_again(tmp_path: Path) -> None:
    """Theme files are read once per process (the SSH server's sessions share them), but an
    edit to the file shows up the next time it is loaded."""
    path = tmp_path / "mine.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert parse_theme(path).colours["primary"] == "#336699"
    path.write_text(GOOD.replace("#336699", "#993366"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    assert parse_theme(path).colours["primary"] == "#993366"
