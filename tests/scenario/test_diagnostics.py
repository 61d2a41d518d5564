"""One broken file per diagnostic code, and the exact ``PATH:LINE[:COL]`` text each one prints.

Scenario files start with the seven-line header from ``helpers.HEADER``, so a body's first
line is line 8. Each case lists every diagnostic the file gets, so a new cascade of follow-on
errors also shows up here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scenario.helpers import HEADER, MANIFEST, messages, write
from workshop.scenario.diagnostics import CODES

ENDING_B = """
[scenes.b]
text = "The end."
ending = true
"""

SCENARIO_CASES: dict[str, tuple[str, list[str]]] = {
    "E001": (
        '[scenes.a]\ntext = "never closed\nending = true\n',
        ["9:21: error E001: illegal character '\\n' (a quoted string ends on the line it "
         'starts; use """ for text over several lines)'],
    ),
    "E002": (
        '[scenes.a]\ntext = "x"\ntittle = "Hello"\nending = true\n',
        ["10: error E002: unknown key 'tittle' in scene 'a' (did you mean 'title'?)"],
    ),
    "E003": (
        "[scenes.a]\nending = true\n",
        ["8: error E003: scene 'a' is missing 'text' (add text = ...)"],
    ),
    "E004": (
        '[scenes.a]\ntext = "x"\nending = "yes"\n[[scenes.a.choices]]\nid = "c"\n'
        'label = "C"\ngoto = "b"\n' + ENDING_B,
        ["10: error E004: 'ending' in scene 'a' must be a boolean, not a string"],
    ),
    "E005": (
        '[scenes.a]\ntext = "x"\n'
        '[[scenes.a.choices]]\nid = "c"\nlabel = "C"\ngoto = "b"\n'
        '[[scenes.a.choices]]\nid = "c"\nlabel = "D"\ngoto = "b"\n' + ENDING_B,
        ["15: error E005: choice id 'c' is used twice in scene 'a' (choice ids must be "
         "unique in a scene)"],
    ),
    "E006": (
        '[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\nid = "c"\nlabel = "C"\ngoto = "bb"\n'
        '[[scenes.a.choices]]\nid = "d"\nlabel = "D"\ngoto = "b"\n' + ENDING_B,
        ["13: error E006: choice 'c' in scene 'a' points to unknown scene 'bb' "
         "(did you mean 'b'?)"],
    ),
    "E008": (
        '[scenes.a]\ntext = "Nothing to do here."\n',
        ["8: error E008: scene 'a' is not an ending and offers no choice (add a choice, "
         "a 'next', or ending = true)"],
    ),
    "E009": (
        '[scenes.a]\ntext = "x"\nnext = "b"\n[scenes.b]\ntext = "y"\n'
        '[[scenes.b.choices]]\nid = "c"\nlabel = "Again"\ngoto = "a"\nsticky = true\n',
        ["8: error E009: loop with no way out: 'a', 'b' can never reach an ending (give one "
         "of these scenes a choice that leads out)"],
    ),
    "E010": (
        '[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\nid = "c"\nlabel = "C"\ngoto = "b"\n'
        'if = "trust > 1"\n' + ENDING_B,
        ["14:7: error E010: undefined variable 'trust' in 'trust > 1'"],
    ),
    "E011": (
        '[variables]\nname = "Dana"\n[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\n'
        'id = "c"\nlabel = "C"\ngoto = "b"\nrequires = "name > 1"\n' + ENDING_B,
        ["16:13: error E011: cannot compare a string with a number in 'name > 1'"],
    ),
    "E012": (
        '[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\nid = "c"\nlabel = "C"\ngoto = "b"\n'
        'if = "visits(a) >"\n' + ENDING_B,
        ["14:18: error E012: expression ends too soon in 'visits(a) >'"],
    ),
    "E015": (
        '[scenes.a]\ntext = "x"\nnext = "b c"\n[scenes."b c"]\ntext = "y"\nending = true\n',
        ["11: error E015: 'b c' is not a valid scene id (use letters, digits, '-' and '_')"],
    ),
    "E016": (
        '[scenes.a]\ntext = "x"\nending = true\n',
        ["1: error E016: format 2 is not supported (this version reads format 1 and \"1.1\") "
         "(upgrade the workshop tool, or write format = 1 or format = \"1.1\")"],
    ),
    "E017": (
        '[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\nid = "c"\nlabel = "Somewhere"\n',
        ["10: error E017: choice 'c' in scene 'a' leads nowhere (add goto = \"scene-id\", "
         "detour = \"scene-id\" or return = true)"],
    ),
    "E018": (
        '[scenes.a]\ntext = "x"\nending = true\n[scenes.a.ask]\nid = "q"\ntype = "scale"\n'
        'question = "How much?"\n',
        ['13: error E018: prompt type must be "text" or "rating", not "scale"'],
    ),
    "E021": (
        '[scenes.a]\ntext = "x"\nending = true\nmeta = { deep = ' + "[" * 40 + "]" * 40
        + " }\n",
        ["11:48: error E021: arrays or inline tables nested more than 32 levels deep (no "
         "workshop file needs this much nesting)"],
    ),
    "W001": (
        '[scenes.a]\ntext = "x"\nending = true\n' + ENDING_B,
        ["12: warning W001: scene 'b' can never be reached from the start scene 'a' (link "
         "to it from another scene, or remove it)"],
    ),
    "W002": (
        '[variables]\nflag = false\n[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\n'
        'id = "c"\nlabel = "C"\ngoto = "b"\nrequires = "flag"\n'
        '[[scenes.a.choices]]\nid = "d"\nlabel = "D"\ngoto = "b"\n' + ENDING_B,
        ["16: warning W002: choice 'c' in scene 'a' can never be enabled: 'flag' is false "
         "and nothing changes its variables"],
    ),
    "W003": (
        '[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\nid = "c"\nlabel = "C"\ngoto = "m"\n'
        '[[scenes.a.choices]]\nid = "d"\nlabel = "D"\ngoto = "b"\n'
        '[scenes.m]\ntext = "y"\nnext = "a"\n' + ENDING_B,
        ["8: warning W003: scene 'a' can be revisited, but all its choices are once-only: it "
         "may run out of choices (make a way out sticky = true, or add a fallback = true "
         "choice)"],
    ),
    "W004": (
        '[scenes.a]\ntext = "x"\nnext = "b"\n[scenes.b]\ntext = "y"\nending = true\n'
        '[[scenes.b.choices]]\nid = "c"\nlabel = "C"\ngoto = "a"\n',
        ["11: warning W004: ending 'b' has choices; they are never offered (remove them, or "
         "set ending = false)"],
    ),
    "W005": (
        '[variables]\nunused = 1\n[scenes.a]\ntext = "x"\nending = true\n',
        ["9: warning W005: variable 'unused' is declared but never read (use it in a "
         "condition or text, or remove it)"],
    ),
    "W007": (
        '[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\nid = "c"\nlabel = "C"\nreturn = true\n'
        '[[scenes.a.choices]]\nid = "d"\nlabel = "D"\ngoto = "b"\n' + ENDING_B,
        ["13: warning W007: choice 'c' returns, but no detour reaches scene 'a' (reach this "
         "scene with detour = ... from another scene)"],
    ),
    "W008": (
        '[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\nid = "c"\nlabel = "C"\ngoto = "b"\n'
        'sticky = true\n[[scenes.a.choices]]\nid = "f"\nlabel = "F"\ngoto = "b"\n'
        'fallback = true\n' + ENDING_B,
        ["19: warning W008: fallback 'f' in scene 'a' can never be offered: choice 'c' has no "
         "condition and is sticky (fallbacks show only when no other choice can be taken; make "
         "it an ordinary choice, or put a condition on the other)"],
    ),
    "W009": (
        '[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\nid = "ask"\nlabel = "Ask"\n'
        'detour = "m"\ngoto = "b"\n[scenes.m]\ntext = "y"\nnext = "b"\n' + ENDING_B,
        ["13: warning W009: detour 'ask' in scene 'a' never comes back: no scene it leads to "
         "has a return choice, so 'b' is never reached (add a return = true choice in the "
         "detour, or use goto instead)"],
    ),
}


@pytest.mark.parametrize("code", sorted(SCENARIO_CASES))
def test_scenario_file_diagnostic(tmp_path: Path, code: str) -> None:
    """A scenario file with one problem prints exactly that problem, at its line."""
    body, expected = SCENARIO_CASES[code]
    header = HEADER.replace("format = 1", "format = 2") if code == "E016" else HEADER
    path = write(tmp_path, body, header=header)
    assert messages(path) == [f"{path}:{line}" for line in expected]


def workshop_dir(tmp_path: Path, manifest_extra: str = "", scenario_body: str | None = None,
                 manifest: str = MANIFEST) -> Path:
    """A workshop folder: the test manifest (plus extra TOML) and scenario ``s``."""
    (tmp_path / "workshop.toml").write_text(manifest + manifest_extra, encoding="utf-8")
    body = scenario_body if scenario_body is not None else (
        '[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\nid = "c"\nlabel = "C"\ngoto = "b"\n'
        "signals = { scope = 1 }\n" + ENDING_B
    )
    write(tmp_path, body)
    return tmp_path


def test_e007_file_not_utf8(tmp_path: Path) -> None:
    """A file saved in another encoding names the line and column of the first bad byte."""
    path = tmp_path / "s.toml"
    path.write_bytes(HEADER.encode() + b'[scenes.a]\ntext = "caf\xe9"\nending = true\n')
    assert messages(path) == [
        f"{path}:9:12: error E007: the file is not UTF-8 text (save it as UTF-8)"
    ]


def test_e007_file_cannot_be_read(tmp_path: Path) -> None:
    """In a folder of scenario files, a '.toml' that cannot be read is reported, not raised."""
    (tmp_path / "broken.toml").mkdir()
    assert messages(tmp_path) == [
        f"{tmp_path / 'broken.toml'}:1: error E007: cannot read the file: Is a directory"
    ]


def test_e013_signal_names_undeclared_axis(tmp_path: Path) -> None:
    """A signal on an axis the manifest does not declare names the axes it does."""
    root = workshop_dir(tmp_path, scenario_body=(
        '[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\nid = "c"\nlabel = "C"\ngoto = "b"\n'
        "signals = { scope = 1, scop = 2 }\n" + ENDING_B
    ))
    assert messages(root) == [
        f"{root / 's.toml'}:14: error E013: signal names undeclared axis 'scop' "
        "(known axes: scope)"
    ]


def test_e014_listed_scenario_has_no_file(tmp_path: Path) -> None:
    """A manifest entry without its file points at the manifest's scenarios line."""
    root = workshop_dir(tmp_path, manifest=MANIFEST.replace('["s"]', '["s", "later"]'))
    assert messages(root) == [
        f"{root / 'workshop.toml'}:5: error E014: scenario 'later' has no file later.toml "
        f"(create {root / 'later.toml'} or remove it from the list)"
    ]


def test_e019_track_names_unlisted_scenario(tmp_path: Path) -> None:
    """A track naming a scenario the workshop does not list points at the track's line."""
    extra = '\n[[tracks]]\nid = "quick"\ntitle = "Quick"\nscenarios = ["s", "nope"]\n'
    root = workshop_dir(tmp_path, extra)
    assert messages(root) == [
        f"{root / 'workshop.toml'}:15: error E019: track 'quick' names scenario 'nope', "
        "which the workshop does not list"
    ]


def test_w006_axis_nothing_speaks_to(tmp_path: Path) -> None:
    """An axis that no choice or rating speaks to is a warning at the axis table."""
    extra = '\n[[axes]]\nid = "writing"\ngroup = "wanting"\nlabel = "Writing"\n'
    root = workshop_dir(tmp_path, extra)
    assert messages(root) == [
        f"{root / 'workshop.toml'}:12: warning W006: no choice or rating speaks to axis "
        "'writing' (add signals to some choices, or remove the axis)"
    ]


def test_e005_duplicates_in_manifest(tmp_path: Path) -> None:
    """Duplicate scenario, track and axis ids in a manifest are each reported."""
    manifest = MANIFEST.replace('["s"]', '["s", "s"]')
    extra = (
        '\n[[axes]]\nid = "scope"\ngroup = "doing"\nlabel = "Again"\n'
        '\n[[tracks]]\nid = "t"\ntitle = "T"\nscenarios = ["s"]\n'
        '\n[[tracks]]\nid = "t"\ntitle = "T again"\nscenarios = ["s"]\n'
    )
    root = workshop_dir(tmp_path, extra, manifest=manifest)
    manifest_path = root / "workshop.toml"
    assert messages(root) == [
        f"{manifest_path}:5: error E005: scenario 's' is listed twice",
        f"{manifest_path}:23: error E005: track id 't' is used twice",
        f"{manifest_path}:13: error E005: axis id 'scope' is used twice",
    ]


def test_e005_scenario_id_differs_from_file_name(tmp_path: Path) -> None:
    """A scenario file whose id is not its file name says which the manifest expects."""
    root = workshop_dir(tmp_path)
    path = root / "s.toml"
    path.write_text(path.read_text().replace('id = "s"', 'id = "other"'))
    assert messages(root) == [
        f"{path}:2: error E005: file s.toml declares id 'other', but the manifest lists it "
        "as 's' (a scenario's id must match its file name)"
    ]


def test_e005_prompt_id_used_in_two_scenarios(tmp_path: Path) -> None:
    """Prompt ids are unique across the workshop: answers are stored under them."""
    ask = '[scenes.a]\ntext = "x"\nending = true\n[scenes.a.ask]\nid = "q"\ntype = "text"\n' \
        'question = "Why?"\n'
    write(tmp_path, ask, name="one.toml", header=HEADER.replace('"s"', '"one"'))
    path = write(tmp_path, ask, name="two.toml", header=HEADER.replace('"s"', '"two"'))
    assert messages(tmp_path) == [
        f"{path}:12: error E005: prompt id 'q' is also used in scenario 'one' (prompt ids "
        "must be unique across the workshop)"
    ]


def test_every_code_has_a_case() -> None:
    """Each code in CODES is exercised by a test in this file."""
    covered = set(SCENARIO_CASES) | {"E005", "E007", "E013", "E014", "E019", "W006"}
    covered.add("E020")  # reflection.toml, checked by the CLI: test_qa_reflection_validate.py
    covered |= {"E022", "E023"}  # format 1.1 workshop variables: test_workshop_variables.py
    covered.add("W010")  # computed minutes, checked by the CLI: tests/authoring/test_timing.py
    assert covered == set(CODES)


TRAP = """
[variables]
trust = 0

[scenes.a]
text = "Trust is {trust}."

[[scenes.a.choices]]
id = "wait"
label = "Wait"
goto = "a"
sticky = true

[[scenes.a.choices]]
id = "leave"
label = "Leave"
goto = "b"
requires = "trust > 1"

[[scenes.a.choices]]
id = "talk"
label = "Talk"
goto = "a"
add = { trust = 1 }
"""


def test_w003_sticky_loop_whose_way_out_can_stay_shut(tmp_path: Path) -> None:
    """Regression: a sticky choice looping back, with the only way out behind a condition,
    could circle for ever (trust stops at 1 after 'talk') and validation said nothing; now it
    warns that play can loop forever there."""
    path = write(tmp_path, TRAP + ENDING_B)
    assert messages(path) == [
        f"{path}:12: warning W003: a play can loop forever in 'a': once the once-only choices "
        "there are used, the sticky ones only lead back (give one of them a sticky way out "
        "with no condition, or make the looping choice once-only)"
    ]


def test_w003_not_given_when_a_way_out_stays_open(tmp_path: Path) -> None:
    """A sticky loop is fine when a way out has no condition, or when the guarded ways out
    between them always leave one open (drive == "x" on one, drive != "x" on another)."""
    open_exit = TRAP.replace('requires = "trust > 1"\n', "")
    assert messages(write(tmp_path, open_exit + ENDING_B)) == []
    complementary = TRAP + '\n[[scenes.a.choices]]\nid = "other"\nlabel = "Other"\n' \
        'goto = "b"\nrequires = "trust <= 1"\n'
    assert messages(write(tmp_path, complementary + ENDING_B)) == []


def test_detour_that_never_returns_is_w009_not_w003(tmp_path: Path) -> None:
    """Regression: a sticky detour into a scene with no return keeps opening detours and its
    goto is never reached; validate called it a loop of once-only choices (W003), which sent
    the author looking for the wrong fix. Now it says the detour never comes back (W009), and
    that the fallback beside the sticky detour is never offered (W008)."""
    body = ('[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\nid = "again"\nlabel = "Again"\n'
            'detour = "a"\ngoto = "b"\nsticky = true\n[[scenes.a.choices]]\nid = "out"\n'
            'label = "Out"\ngoto = "b"\nfallback = true\n' + ENDING_B)
    path = write(tmp_path, body)
    assert messages(path) == [
        f"{path}:20: warning W008: fallback 'out' in scene 'a' can never be offered: choice "
        "'again' has no condition and is sticky (fallbacks show only when no other choice can "
        "be taken; make it an ordinary choice, or put a condition on the other)",
        f"{path}:13: warning W009: detour 'again' in scene 'a' never comes back: no scene it "
        "leads to has a return choice, so 'b' is never reached (add a return = true choice in "
        "the detour, or use goto instead)",
    ]


def test_manifest_list_items_on_their_own_lines(tmp_path: Path) -> None:
    """A scenario list written one id per line points at the offending id's line, for the
    manifest's list and for a track's list."""
    manifest = MANIFEST.replace('scenarios = ["s"]', 'scenarios = [\n  "s",\n  "gone",\n]')
    extra = '\n[[tracks]]\nid = "t"\ntitle = "T"\nscenarios = [\n  "s",\n  "nope",\n]\n'
    root = workshop_dir(tmp_path, extra, manifest=manifest)
    manifest_path = root / "workshop.toml"
    assert [m.split(": error")[0] for m in messages(root)] == [
        f"{manifest_path}:7", f"{manifest_path}:20",
    ]


def test_no_dead_end_on_top_of_a_misspelt_key(tmp_path: Path) -> None:
    """Regression: 'endng = true' gave the unknown-key error and also called the scene a dead
    end; only the first error is shown now, and fixing it leaves nothing to fix."""
    path = write(tmp_path, '[scenes.a]\ntext = "x"\nendng = true\n')
    assert messages(path) == [
        f"{path}:10: error E002: unknown key 'endng' in scene 'a' (did you mean 'ending'?)"
    ]
    broken_choice = '[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\nid = "c"\ngoto = "a"\n'
    path = write(tmp_path, broken_choice)
    assert messages(path) == [
        f"{path}:10: error E003: choice 'c' in scene 'a' is missing 'label' (add label = ...)"
    ]
