"""Hints that name the fix: lists written with single brackets, misspelt variables, and the
axis checks on a lone scenario file that has a workshop.toml beside it (issue 15)."""

from __future__ import annotations

from pathlib import Path

from tests.scenario.helpers import HEADER, MANIFEST, messages, write

ENDING_B = '[scenes.b]\ntext = "The end."\nending = true\n'
CHOICE = '[[scenes.a.choices]]\nid = "c"\nlabel = "C"\ngoto = "b"\n'


def test_choices_with_single_brackets_twice_hint_double_brackets(tmp_path: Path) -> None:
    """Two [scenes.a.choices] tables used to say only "cannot declare ... twice"; the hint now
    says to write [[scenes.a.choices]]."""
    single = CHOICE.replace("[[scenes.a.choices]]", "[scenes.a.choices]")
    path = write(tmp_path, '[scenes.a]\ntext = "x"\n' + single + single.replace('"c"', '"d"')
                 + ENDING_B)
    assert messages(path) == [
        f"{path}:14:18: error E001: cannot declare ('scenes', 'a', 'choices') twice (each "
        "entry of a list is written [[scenes.a.choices]], with double brackets)"
    ]


def test_choices_with_single_brackets_once_hint_double_brackets(tmp_path: Path) -> None:
    """One [scenes.a.choices] table is a table, not a list: the type error names the fix."""
    single = CHOICE.replace("[[scenes.a.choices]]", "[scenes.a.choices]")
    path = write(tmp_path, '[scenes.a]\ntext = "x"\n' + single + ENDING_B)
    assert messages(path)[0] == (
        f"{path}:10: error E004: 'choices' in scene 'a' must be an array, not a table (write "
        "[[scenes.a.choices]], with double brackets, for each entry)"
    )


def test_undefined_variable_in_condition_suggests_the_declared_one(tmp_path: Path) -> None:
    """'trsut > 1' with 'trust' declared: E010 asks "did you mean 'trust'?"."""
    path = write(tmp_path, '[variables]\ntrust = 0\n[scenes.a]\ntext = "{trust}"\n' + CHOICE
                 + 'if = "trsut > 1"\n' + CHOICE.replace('"c"', '"d"') + ENDING_B)
    assert messages(path) == [
        f"{path}:16:7: error E010: undefined variable 'trsut' in 'trsut > 1' (did you mean "
        "'trust'?)"
    ]


def test_undefined_variable_in_text_set_and_add_suggests(tmp_path: Path) -> None:
    """Interpolation, set and add name the close variable too; a name close to nothing keeps
    the old hint."""
    path = write(tmp_path, '[variables]\ntrust = 0\nseen = false\n[scenes.a]\n'
                 'text = "{trst} {seen}"\n' + CHOICE + 'add = { trus = 1 }\n'
                 'set = { sen = true, zzz = 1 }\n' + ENDING_B)
    assert messages(path) == [
        f"{path}:12: error E010: text interpolates undefined variable '{{trst}}' (did you mean "
        "'trust'?)",
        f"{path}:18: error E010: choice 'c' sets undefined variable 'sen' (did you mean "
        "'seen'?)",
        f"{path}:18: error E010: choice 'c' sets undefined variable 'zzz' (declare it under "
        "[variables])",
        f"{path}:17: error E010: choice 'c' adds to undefined variable 'trus' (did you mean "
        "'trust'?)",
        f"{path}:9: warning W005: variable 'trust' is declared but never read (use it in a "
        "condition or text, or remove it)",
    ]


def test_lone_file_beside_a_manifest_gets_the_axis_check(tmp_path: Path) -> None:
    """Validating one scenario file used to skip the axis checks even with workshop.toml
    beside it; now a misspelt axis is E013 there too."""
    (tmp_path / "workshop.toml").write_text(MANIFEST, encoding="utf-8")
    path = write(tmp_path, '[scenes.a]\ntext = "x"\n' + CHOICE + "signals = { scop = 1 }\n"
                 + ENDING_B)
    assert messages(path) == [
        f"{path}:14: error E013: signal names undeclared axis 'scop' (known axes: scope)"
    ]


def test_lone_file_in_a_drafts_folder_finds_the_manifest_above(tmp_path: Path) -> None:
    """A draft in a folder inside the workshop folder is checked against its axes; a file
    with no manifest near it is not (it has no axes to check against)."""
    (tmp_path / "workshop.toml").write_text(MANIFEST, encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    body = '[scenes.a]\ntext = "x"\n' + CHOICE + "signals = { scop = 1 }\n" + ENDING_B
    assert [m.split(": ", 2)[1] for m in messages(write(drafts, body))] == ["error E013"]
    alone = tmp_path / "elsewhere"
    alone.mkdir()
    (alone / ".git").mkdir()  # a repository's root: the search stops here
    assert messages(write(alone, body)) == []


def test_lone_file_uses_only_a_manifest_that_loads(tmp_path: Path) -> None:
    """A broken manifest beside the file is not reported here (validating the workshop
    reports it) and gives no axes: the lone file is checked as before."""
    (tmp_path / "workshop.toml").write_text("format = 1\nid = \n", encoding="utf-8")
    body = '[scenes.a]\ntext = "x"\n' + CHOICE + "signals = { scop = 1 }\n" + ENDING_B
    assert messages(write(tmp_path, body, header=HEADER)) == []


FALLBACK_SCENE = """
[variables]
trust = 0

[scenes.a]
text = "Standup."

[[scenes.a.choices]]
id = "ask-lead"
label = "Ask the lead"
goto = "a"
requires = "trust >= 1"

[[scenes.a.choices]]
id = "read-log"
label = "Read the log"
goto = "a"
add = { trust = 1 }

[[scenes.a.choices]]
id = "move-on"
label = "Move on"
goto = "b"
fallback = true
sticky = true
"""


def test_a_fallback_that_can_fire_is_not_warned(tmp_path: Path) -> None:
    """The 'Fallbacks that can fire' pattern: beside once-only choices in a scene play comes
    back to, and a guarded one, the fallback shows once they are used: no W008."""
    assert messages(write(tmp_path, FALLBACK_SCENE + ENDING_B)) == []


def test_a_fallback_beside_a_once_only_choice_on_the_only_visit(tmp_path: Path) -> None:
    """A scene entered once: its once-only choice with no condition is always there, so the
    fallback never shows; the warning says why."""
    body = FALLBACK_SCENE.replace('id = "read-log"\nlabel = "Read the log"\ngoto = "a"',
                                  'id = "read-log"\nlabel = "Read the log"\ngoto = "b"')
    body = body.replace('id = "ask-lead"\nlabel = "Ask the lead"\ngoto = "a"',
                        'id = "ask-lead"\nlabel = "Ask the lead"\ngoto = "b"')
    path = write(tmp_path, body + ENDING_B)
    assert messages(path) == [
        f"{path}:31: warning W008: fallback 'move-on' in scene 'a' can never be offered: "
        "choice 'read-log' has no condition and is there on the only visit to the scene "
        "(fallbacks show only when no other choice can be taken; make it an ordinary choice, "
        "or put a condition on the other)"
    ]
