"""Loading content into the model: manifests, scenarios, the ways a path can be given."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scenario.helpers import EXAMPLE, HEADER, example, load, scenario, write
from workshop.errors import ContentError, UsageError
from workshop.scenario import check_path, load_workshop, stats
from workshop.scenario.loader import load_path


def test_manifest_fields() -> None:
    """Every manifest key reaches the model: id, title, version, promise, description,
    the scenario order, tracks and axes with their group and low/mid/high texts."""
    workshop = example()
    assert (workshop.id, workshop.title, workshop.version) == (
        "first-workshop", "Your First Workshop", "1.0.0")
    assert workshop.promise.startswith("Two short scenes")
    assert workshop.description.startswith("A template")
    assert list(workshop.scenarios) == ["check-in", "the-outage"]
    assert [(t.id, t.minutes, t.scenarios) for t in workshop.tracks] == [
        ("full", 4, ("check-in", "the-outage")), ("quick", 2, ("the-outage",))]
    scope = workshop.axis("scope")
    assert (scope.group, scope.label) == ("doing", "Scope beyond the team")
    assert scope.low and scope.mid and scope.high
    assert workshop.axis("writing").group == "wanting"
    assert workshop.root == EXAMPLE and not workshop.loose
    assert workshop.track().id == "full"
    _, scene, ask = workshop.ask("why-here")
    assert (scene.id, ask.kind, ask.placeholder) == ("why", "text", "A sentence or two is plenty.")


def test_scenario_fields() -> None:
    """Every scenario key reaches the model, variables keep their types."""
    outage = example().scenarios["the-outage"]
    assert (outage.title, outage.section, outage.minutes, outage.version, outage.start) == (
        "The outage that is not yours", "Shift 1: scope beyond the team", 2, "2", "page")
    assert outage.summary.startswith("A failure")
    assert outage.variables == {"trust": 0, "wrote_notes": False, "lead": "Dana"}
    assert outage.tags == ("scope",)
    assert [s.id for s in outage.endings] == ["ending-postmortem", "ending-sprint"]
    gossip = outage.scenes["page"].choices[0]
    assert (gossip.detour, gossip.goto) == ("gossip", None)
    thanks = outage.scenes["gossip"].choices[0]
    assert thanks.returns and thanks.add == {"trust": 1}
    wait = outage.scenes["page"].choices[-1]
    assert wait.fallback and wait.sticky
    postmortem = outage.scenes["morning"].choices[0]
    assert postmortem.requires is not None and postmortem.requires.source == "trust >= 2"
    assert postmortem.reason.startswith("needs trust")
    assert outage.scenes["page"].parts[0].show_if is not None


def test_stats_count_continue_as_a_choice() -> None:
    """The summary counts scenarios, scenes, choices (a `next` is one) and endings."""
    counts = stats(example())
    assert (counts.scenarios, counts.scenes, counts.choices, counts.endings) == (2, 8, 10, 3)


def test_paths_a_workshop_can_be_given_as(tmp_path: Path) -> None:
    """A folder with workshop.toml, the manifest itself, one scenario file, or a folder of
    scenario files without a manifest all load."""
    assert load(EXAMPLE / "workshop.toml").workshop.id == "first-workshop"  # type: ignore[union-attr]
    single = load(EXAMPLE / "the-outage.toml").workshop
    assert single is not None and single.loose and list(single.scenarios) == ["the-outage"]
    body = '[scenes.a]\ntext = "x"\nending = true\n'
    write(tmp_path, body, name="one.toml", header=HEADER.replace('"s"', '"one"'))
    write(tmp_path, body, name="two.toml", header=HEADER.replace('"s"', '"two"'))
    loose = load(tmp_path).workshop
    assert loose is not None and loose.loose
    assert (loose.id, list(loose.scenarios)) == (tmp_path.name, ["one", "two"])
    assert loose.track().scenarios == ("one", "two")


def test_bundled_workshop_loads() -> None:
    """With no path, the bundled workshop loads and validates cleanly."""
    workshop = load_workshop()
    assert workshop.scenarios and workshop.axes and workshop.tracks


def test_load_workshop_raises_one_error_with_a_count(tmp_path: Path) -> None:
    """Invalid content raises ContentError naming the first problem and how many more."""
    path = write(tmp_path, '[scenes.a]\ntext = "x"\n[scenes.b]\ntext = "y"\n')
    with pytest.raises(ContentError) as caught:
        load_workshop(path)
    assert str(caught.value) == (
        f"{path}:8: error E008: scene 'a' is not an ending and offers no choice (add a "
        "choice, a 'next', or ending = true) (and 1 more; run 'workshop validate')"
    )


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    """A path that does not exist is a usage error naming it."""
    with pytest.raises(UsageError, match="no such file or folder"):
        load_workshop(tmp_path / "nope")
    with pytest.raises(UsageError):
        check_path(tmp_path / "nope")
    with pytest.raises(FileNotFoundError):
        load_path(tmp_path / "nope")


def test_empty_ask_table_is_reported(tmp_path: Path) -> None:
    """Regression: an empty [scenes.x.ask] table was silently ignored; now each missing key
    is reported at the table's line."""
    path = write(tmp_path, '[scenes.a]\ntext = "x"\nending = true\n[scenes.a.ask]\n')
    assert [d.format() for d in load_path(path).diagnostics] == [
        f"{path}:11: error E003: the prompt in scene 'a' is missing '{key}' (add {key} = ...)"
        for key in ("id", "type", "question")
    ]


def test_rating_needs_both_labels(tmp_path: Path) -> None:
    """A rating without labels for both ends of the scale is an error."""
    path = write(tmp_path, '[scenes.a]\ntext = "x"\nending = true\n[scenes.a.ask]\n'
                 'id = "r"\ntype = "rating"\nquestion = "How much?"\nlow = "Little"\n')
    assert [d.format() for d in load_path(path).diagnostics] == [
        f"{path}:11: error E003: rating in scene 'a' is missing 'high' (label the 5 end of "
        "the scale)"
    ]


def test_wrong_types_name_both_types(tmp_path: Path) -> None:
    """Wrong types say what was expected and what was found, dates included."""
    path = write(tmp_path, '[scenes.a]\ntext = 1979-05-27\nending = true\ntags = ["a", 2]\n'
                 "meta = 3\n")
    assert [d.format() for d in load_path(path).diagnostics] == [
        f"{path}:9: error E004: 'text' in scene 'a' must be a string, not a date",
        f"{path}:11: error E004: 'tags' in scene 'a' must be an array of strings",
        f"{path}:12: error E004: 'meta' in scene 'a' must be a table, not an integer",
    ]


def test_effects_and_variables_are_checked(tmp_path: Path) -> None:
    """set/add on undeclared or wrongly typed variables, and bad variable names, are
    errors at the effect's line."""
    path = write(tmp_path, (
        '[variables]\nflag = false\n"two words" = 1\n[scenes.a]\ntext = "{flag}"\n'
        '[[scenes.a.choices]]\nid = "c"\nlabel = "C"\ngoto = "b"\n'
        'set = { flag = 1, ghost = true }\nadd = { flag = 1, other = 2 }\n'
        '[scenes.b]\ntext = "y"\nending = true\n'
    ))
    assert [d.format() for d in load_path(path).diagnostics] == [
        f"{path}:10: error E015: 'two words' is not a valid variable name (use letters, "
        "digits and '_', starting with a letter)",
        f"{path}:17: error E011: choice 'c' sets boolean variable 'flag' to a number",
        f"{path}:17: error E010: choice 'c' sets undefined variable 'ghost' (declare it "
        "under [variables])",
        f"{path}:18: error E011: choice 'c' adds to boolean variable 'flag'; only numbers "
        "can be added to",
        f"{path}:18: error E010: choice 'c' adds to undefined variable 'other' (declare it "
        "under [variables])",
    ]


def test_interpolating_an_undefined_variable(tmp_path: Path) -> None:
    """{name} in text must be a declared variable; {{ writes a literal brace."""
    path = write(tmp_path, '[scenes.a]\ntext = "Hi {who} and {{not a var}}"\nending = true\n')
    assert [d.format() for d in load_path(path).diagnostics] == [
        f"{path}:9: error E010: text interpolates undefined variable '{{who}}' (declare it "
        "under [variables], or write {{ for a literal brace)"
    ]


def test_scenario_is_usable(tmp_path: Path) -> None:
    """A minimal scenario is header, one scene and an ending."""
    minimal = scenario(tmp_path, '[scenes.a]\ntext = "Only this."\nending = true\n')
    assert minimal.start == "a" and minimal.scenes["a"].ending


def test_byte_order_mark_and_windows_line_endings(tmp_path: Path) -> None:
    """Regression: a file saved by an editor that adds a UTF-8 byte-order mark failed with
    'invalid statement' at 1:1; it now loads, and CRLF files report the same lines."""
    path = tmp_path / "s.toml"
    text = HEADER + '[variables]\nt = 1\n[scenes.a]\ntext = """\nx\n"""\nnext = "b"\n' \
        '[[scenes.a.parts]]\nif = "t >"\ntext = "p"\n[scenes.b]\ntext = "y"\nending = true\n'
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert [d.format() for d in load_path(path).diagnostics] == [
        f"{path}:16:10: error E012: expression ends too soon in 't >'"
    ]
