"""The house's layer rules, checked in the repo so anyone who clones it sees them hold.

Two rules from ``DESIGN.md``:

- **The core cannot see the UI.** Every module outside the shells (``workshop/tui``,
  ``workshop/plain``, ``workshop/ssh``, ``workshop/cli``, ``workshop/__main__``) imports, in a
  fresh interpreter where ``textual``, ``questionary`` and ``asyncssh`` cannot be imported, and
  leaves none of them in ``sys.modules`` (as harlequin's ``test_import_hygiene`` does).
- **No import circles.** The module import graph of ``workshop/`` (read with ``ast``, imports
  inside functions and ``TYPE_CHECKING`` blocks included) has no strongly connected component:
  not in the core, not in the shells.

Run this file as a script to print every circle: ``python tests/test_layers.py``.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "workshop"
SHELLS = ("tui", "plain", "ssh", "cli", "__main__")
"""First parts of a module path (under ``workshop.``) that are UI shells, not core."""
BANNED = ("textual", "questionary", "asyncssh")


def module_name(path: Path) -> str:
    """The dotted module name of a file under ``workshop/``."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    """Every module of the package, by dotted name."""
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def is_core(name: str) -> bool:
    """Whether a module belongs to the core (not a UI shell)."""
    parts = name.split(".")
    return len(parts) < 2 or parts[1] not in SHELLS


def _imports(tree: ast.Module, name: str, is_package: bool) -> Iterator[str]:
    """The dotted names a module imports, anywhere in it (functions included); the names of
    ``from X import y`` come as ``X.y`` so that a submodule is seen as such."""
    package = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def import_graph() -> dict[str, set[str]]:
    """Each workshop module and the workshop modules it imports."""
    modules = all_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        targets = {
            target for target in _imports(tree, name, path.name == "__init__.py")
            if target in modules and target != name
        }
        # ``from workshop.scenario import loader`` names the package and the submodule: keep
        # the submodule only, as the package is imported by whatever is inside it anyway.
        graph[name] = {t for t in targets if not any(o.startswith(f"{t}.") for o in targets)}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for child in sorted(graph.get(node, ())):
            if child not in index:
                visit(child)
                low[node] = min(low[node], low[child])
            elif child in on_stack:
                low[node] = min(low[node], index[child])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_no_import_circles() -> None:
    """No workshop module imports, even from inside a function, a module that imports it back
    (through any chain): you should see an empty list of circles, the shells' included (the
    SSH pieces meet through ``workshop/ssh/host.py``'s protocols)."""
    assert circles(import_graph()) == []


def test_the_circle_finder_sees_function_level_imports() -> None:
    """A circle closed only by an import inside a function still counts as a circle."""
    tree = ast.parse("def load():\n    from workshop.b import check\n")
    assert set(_imports(tree, "workshop.a", False)) == {"workshop.b", "workshop.b.check"}
    assert circles({"workshop.a": {"workshop.b"}, "workshop.b": {"workshop.a"}}) == [
        ["workshop.a", "workshop.b"]
    ]


# Runs in a fresh interpreter: a finder first on the meta path refuses the UI packages, then
# every module given on the command line is imported. Prints one JSON object.
_HYGIENE = """
import importlib, json, sys, traceback
BANNED = {banned!r}

class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BANNED:
            raise ImportError(f"{{name}} is blocked: the core must not import it")
        return None

sys.meta_path.insert(0, Block())
failed = {{}}
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except Exception:
        failed[name] = traceback.format_exc(limit=-3)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in BANNED)
print(json.dumps({{"failed": failed, "loaded": loaded}}))
"""


def _core_batches(count: int) -> list[list[str]]:
    core = [name for name in all_modules() if is_core(name)]
    return [core[start::count] for start in range(count)]


@pytest.mark.parametrize("batch", _core_batches(2), ids=["half-1", "half-2"])
def test_the_core_imports_no_ui_framework(batch: list[str]) -> None:
    """Every core module imports with textual, questionary and asyncssh blocked, and none of
    them ends up loaded: you should see no failures and an empty list of UI packages."""
    assert batch
    script = _HYGIENE.format(banned=set(BANNED))
    done = subprocess.run(
        [sys.executable, "-c", script, *batch],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["failed"] == {}
    assert result["loaded"] == []


def test_the_blocker_catches_a_ui_import() -> None:
    """The hygiene check would notice a core module that imported textual: the blocked import
    fails the module."""
    script = _HYGIENE.format(banned=set(BANNED))
    done = subprocess.run(
        [sys.executable, "-c", script, "workshop.tui.messages"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert "workshop.tui.messages" in result["failed"]
    assert "blocked" in result["failed"]["workshop.tui.messages"]


def _main() -> int:
    found = circles(import_graph())
    for circle in found:
        print(" <-> ".join(circle))
    print(f"{len(found)} import circle(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(_main())
