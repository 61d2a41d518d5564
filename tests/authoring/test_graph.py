"""`workshop graph`: the shape of a scenario as a tree, Mermaid and DOT, with marks."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from rich.console import Console

from tests.authoring.conftest import EXAMPLE, ROOT, chain, load_one, scenario_file
from tests.authoring.syntax import parse_dot, parse_mermaid
from workshop.authoring import dot, mermaid, tree
from workshop.authoring.graph import revisitable
from workshop.cli import main
from workshop.scenario.model import Scenario


def tree_text(scenario: Scenario) -> str:
    console = Console(width=200, record=True, color_system=None)
    console.print(tree.render(scenario))
    return console.export_text()


def test_tree_marks_endings_conditions_once_sticky_detours(outage: Scenario) -> None:
    text = tree_text(outage)
    assert "▶ page — 03:12" in text
    assert "◉ ending-postmortem — The postmortem  (ending)" in text
    assert "○ ? Page the director [escalate]  if trust < 0" in text
    assert "○ ⊘ Offer to write the postmortem with {lead} [write-postmortem]  needs trust >= 2" \
        in text
    assert "↻ Move on to your sprint work [move-on]" in text
    assert "↻ ▽ Stare at the graphs a little longer [wait]" in text
    assert "⤷ detour: gossip" in text
    assert "[thanks]  ⤶ return → page" in text
    assert "then: ↩ back to page" in text
    assert "Legend" in text and "○ once-only choice" in text


def test_tree_draws_each_scene_once_and_refers_back(outage: Scenario) -> None:
    text = tree_text(outage)
    # morning is reached by four choices but expanded once; the others point back to it.
    assert text.count("[write-postmortem]") == 1
    assert text.count("↩ back to morning") == 2  # join-their-channel and escalate


def test_tree_shows_scenes_the_start_cannot_reach(tmp_path: Path) -> None:
    path = scenario_file(tmp_path, """
[scenes.a]
text = "A"
next = "end"
[scenes.island]
text = "Nobody comes here"
next = "end"
[scenes.end]
text = "The end"
ending = true
""")
    result_text = tree_text(load_one(path))
    assert "not reachable from the start: island" in result_text


def test_mermaid_parses_and_marks(outage: Scenario) -> None:
    text = mermaid.render(outage)
    nodes, edges = parse_mermaid(text)
    assert len(nodes) == len(outage.scenes)
    for edge in edges:
        assert edge["a"] in nodes and edge["b"] in nodes, edge
    endings = [shape for shape in nodes.values() if shape.startswith("([")]
    assert len(endings) == 2 and all("◉" in shape for shape in endings)
    by_choice = {e["label"].split("[")[1].split("]")[0]: e for e in edges if "[" in e["label"]}
    assert by_choice["escalate"]["arrow"] == "-.->"
    assert "if trust #lt; 0" in by_choice["escalate"]["label"]
    assert by_choice["write-postmortem"]["arrow"] == "-.->"
    assert "needs trust #gt;= 2" in by_choice["write-postmortem"]["label"]
    assert by_choice["patch-locally"]["label"].startswith('"○ ')
    assert by_choice["move-on"]["arrow"] == "==>"  # sticky
    assert "⤶" in by_choice["thanks"]["label"]  # the detour's return edge


def test_dot_parses_and_marks(outage: Scenario) -> None:
    text = dot.render(outage)
    nodes, edges = parse_dot(text)
    assert nodes == {f'"{s}"' for s in outage.scenes}
    assert all(a in nodes and b in nodes for a, b in edges)
    assert '"ending-sprint" [label="◉ ending-sprint\\nBack to the sprint", shape=doubleoctagon' \
        in text
    escalate = next(line for line in text.splitlines() if "[escalate]" in line)
    assert 'style="dashed"' in escalate and "if trust < 0" in escalate
    move_on = next(line for line in text.splitlines() if "[move-on]" in line)
    assert 'style="bold"' in move_on and "↻" in move_on
    assert '"gossip" -> "page"' in text  # the return edge back to where the detour started


NASTY = '''
[scenes.a]
title = "He said \\"no\\" [twice] {x} | <b> #1; `code` \\\\ end"
text = "A"
[[scenes.a.choices]]
id = "q"
label = """Line one "quoted"
line two ] ) --> |pipe| #quot;"""
goto = "end"
if = """x == 'say "hi"'"""
[[scenes.a.choices]]
id = "r"
label = "Go"
goto = "end"

[scenes.end]
title = "end"
text = "Done"
ending = true
'''


def test_labels_with_quotes_brackets_and_newlines_stay_inside_their_quotes(
    tmp_path: Path,
) -> None:
    scenario = load_one(scenario_file(tmp_path, '[variables]\nx = "s"\n' + NASTY))
    nodes, edges = parse_mermaid(mermaid.render(scenario))
    assert len(nodes) == 2 and len(edges) == 2
    assert all(edge["a"] in nodes and edge["b"] in nodes for edge in edges)
    dot_nodes, dot_edges = parse_dot(dot.render(scenario))
    assert dot_nodes == {'"a"', '"end"'} and len(dot_edges) == 2
    assert "Line one" in tree_text(scenario)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_graph_by_id_in_a_workshop(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "graph", "the-outage", "--workshop", str(EXAMPLE),
                             "--format", "mermaid")
    assert code == 0 and err == ""
    parse_mermaid(out)


def test_cli_graph_by_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "graph", str(EXAMPLE / "the-outage.toml"), "--format", "dot")
    assert code == 0
    parse_dot(out)


def test_cli_graph_bundled_scenario_tree(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "graph", "tactical-feedback")
    assert code == 0 and "◉" in out and "Legend" in out


def test_unknown_scenario_id_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "graph", "no-such-scenario", "--workshop", str(EXAMPLE))
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert "unknown scenario 'no-such-scenario' in workshop 'first-workshop'" in err
    assert "check-in, the-outage" in err


def test_missing_path_is_one_line_exit_2(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    code, _, err = run_cli(capsys, "graph", str(tmp_path / "gone.toml"))
    assert code == 2 and err.count("\n") == 1 and "gone.toml: no such file or folder" in err


def test_missing_workshop_is_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run_cli(capsys, "graph", "x", "--workshop", str(tmp_path / "none"))
    assert code == 2 and err.count("\n") == 1


def test_a_folder_of_several_scenarios_asks_for_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "graph", str(EXAMPLE))
    assert code == 2 and "holds 2 scenarios; name one (check-in, the-outage)" in err


def test_bad_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["graph", "the-outage", "--format", "png"])
    assert exit_info.value.code == 2


def test_content_with_errors_prints_them_and_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = scenario_file(tmp_path, """
[scenes.a]
text = "A"
next = "nowhere"
""")
    code, out, err = run_cli(capsys, "graph", str(path))
    assert code == 1 and out == ""
    assert f"{path}:" in err and "E006" in err and "nowhere" in err


def test_errors_in_another_scenario_do_not_block_a_valid_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name in ("workshop.toml", "check-in.toml", "the-outage.toml"):
        (tmp_path / name).write_text((EXAMPLE / name).read_text(encoding="utf-8"),
                                     encoding="utf-8")
    broken = (tmp_path / "check-in.toml").read_text(encoding="utf-8")
    (tmp_path / "check-in.toml").write_text(broken.replace('start = "rate"', 'start = "x"'),
                                            encoding="utf-8")
    assert run_cli(capsys, "graph", "the-outage", "--workshop", str(tmp_path))[0] == 0
    code, _, err = run_cli(capsys, "graph", "check-in", "--workshop", str(tmp_path))
    assert code == 1 and "check-in.toml" in err


def test_docs_embed_the_current_mermaid_of_the_outage(outage: Scenario) -> None:
    """docs/authoring-tools.md shows `the-outage` as Mermaid; it must be what graph prints."""
    doc = (ROOT / "docs" / "authoring-tools.md").read_text(encoding="utf-8")
    block = doc.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert block == mermaid.render(outage)


def test_a_long_chain_draws_without_recursing_past_the_limit(tmp_path: Path) -> None:
    scenario = load_one(scenario_file(tmp_path, chain(1200, skips=False), start="s0"))
    text = tree_text(scenario)
    assert "continued below" in text and "continued: s" in text
    assert "◉ s1199" in text


def test_top_level_content_option_names_the_workshop(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--content", str(EXAMPLE), "graph", "check-in")
    assert code == 0 and "[check-in]" in out


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_graphviz_itself_accepts_the_output(outage: Scenario, tmp_path: Path) -> None:
    nasty = load_one(scenario_file(tmp_path, '[variables]\nx = "s"\n' + NASTY))
    for scenario in (outage, nasty):
        done = subprocess.run(["dot", "-Tsvg"], input=dot.render(scenario), text=True,
                              capture_output=True, check=False)
        assert done.returncode == 0 and done.stderr == "", done.stderr


def test_revisitable_scenes_follow_loops_and_detour_returns(outage: Scenario) -> None:
    # page loops on itself (wait) and through the gossip detour; morning is met once at most.
    assert revisitable(outage) == {"page", "gossip"}
