"""Dependencies between the packages of ``etl`` point one way.

The libraries (text in, records out, usable from a notebook), the warehouse and the settings sit
at the bottom; capture, derive, the analyst layer, the Dagster definitions and the command line
sit on top of them. An import from the bottom to the top, or a loop between packages, would make
a library load the pipeline and let a change anywhere ripple everywhere. The imports are read from the source
with ``ast`` (nothing is imported), function-level imports included: a late import is still a
dependency, it only happens later.
"""

from __future__ import annotations

import ast
from collections import defaultdict, deque
from dataclasses import dataclass
from pathlib import Path

import pytest

ETL_ROOT = Path(__file__).resolve().parents[1] / "etl"

LIBRARIES = ("etl.extract", "etl.dedup", "etl.relations", "etl.rawstore", "etl.web")
BOTTOM = (*LIBRARIES, "etl.warehouse", "etl.settings")
TOP = ("etl.capture", "etl.derive", "etl.analyst", "etl.cli", "etl.definitions")


@dataclass(frozen=True)
class Import:
    source: str    # importing package, e.g. etl.capture
    target: str    # imported package, e.g. etl.extract
    where: str     # file:line of the import statement


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(module: str) -> str:
    """The package a module belongs to: ``etl.capture.run`` -> ``etl.capture``; top-level
    modules such as ``etl.settings`` are packages of their own."""
    return ".".join(module.split(".")[:2])


def _imported_modules(tree: ast.Module, module: str, is_package: bool):
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            origin = node.module
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                origin = ".".join(base + ([node.module] if node.module else []))
            # ``from etl import settings`` names its module only in the imported name
            for alias in node.names if "." not in origin else node.names[:1]:
                yield origin if "." in origin else f"{origin}.{alias.name}", node.lineno
        pending.extend(ast.iter_child_nodes(node))


def package_imports(root: Path) -> list[Import]:
    """Every import from one package of ``root`` into another, with where it is written."""
    found = []
    top = root.name
    for path in sorted(root.rglob("*.py")):
        module = module_name(path, root)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for imported, line in _imported_modules(tree, module, path.name == "__init__.py"):
            if imported == top or not imported.startswith(top + "."):
                continue
            source, target = package_of(module), package_of(imported)
            if source != target:
                found.append(Import(source, target, f"{path.relative_to(root.parent)}:{line}"))
    return found


def cycles(imports: list[Import]) -> list[list[str]]:
    """The groups of packages that import each other in a loop (strongly connected components
    of more than one package, Tarjan's algorithm)."""
    graph = defaultdict(set)
    for edge in imports:
        graph[edge.source].add(edge.target)
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def upward_imports(imports: list[Import]) -> list[Import]:
    return [i for i in imports if i.source in BOTTOM and i.target in TOP]


def _describe(imports: list[Import]) -> str:
    return "\n".join(f"  {i.source} -> {i.target}  ({i.where})" for i in imports)


def shortest_loop(imports: list[Import], start: str) -> list[Import]:
    """The fewest imports that lead from ``start`` back to it (breadth first), or none."""
    paths = {start: []}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for edge in (i for i in imports if i.source == node):
            if edge.target == start:
                return paths[node] + [edge]
            if edge.target not in paths:
                paths[edge.target] = paths[node] + [edge]
                queue.append(edge.target)
    return []


def test_no_cycle_between_packages():
    imports = package_imports(ETL_ROOT)
    loops = {}
    for package in (p for group in cycles(imports) for p in group):
        loop = shortest_loop(imports, package)
        loops.setdefault(frozenset(i.source for i in loop), loop)
    loops = list(loops.values())
    assert not loops, "packages importing each other in a loop:\n" + "\n".join(
        " -> ".join([loop[0].source] + [i.target for i in loop]) + "\n" + _describe(loop) for loop in loops)


def test_libraries_and_warehouse_import_nothing_above_them():
    upward = upward_imports(package_imports(ETL_ROOT))
    assert not upward, f"imports from a library or the warehouse into the pipeline:\n{_describe(upward)}"


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "etl"


@pytest.mark.parametrize("text", [
    "from etl.capture.run import go\n",
    "import etl.capture.run\n",
    "def late():\n    from etl.capture import run\n",
    "from ..capture import run\n",
])
def test_an_upward_import_is_found_in_any_spelling(tmp_path, text):
    root = _write(tmp_path, {
        "etl/__init__.py": "", "etl/capture/__init__.py": "", "etl/capture/run.py": "",
        "etl/extract/__init__.py": "", "etl/extract/page.py": text,
    })
    found = upward_imports(package_imports(root))
    assert [(i.source, i.target) for i in found] == [("etl.extract", "etl.capture")]
    assert found[0].where.startswith("etl/extract/page.py:")


def test_a_loop_through_three_packages_is_one_cycle(tmp_path):
    root = _write(tmp_path, {
        "etl/__init__.py": "",
        "etl/capture/__init__.py": "from etl.derive import x\n",
        "etl/derive/__init__.py": "from etl import settings\n",
        "etl/settings.py": "import etl.capture\n",
        "etl/cli/__init__.py": "from etl.capture import y\n",
    })
    assert cycles(package_imports(root)) == [["etl.capture", "etl.derive", "etl.settings"]]


def test_imports_inside_a_package_are_no_arrows_and_a_main_block_is_one(tmp_path):
    root = _write(tmp_path, {
        "etl/__init__.py": "",
        "etl/analyst/__init__.py": "from etl.analyst import views\n",
        "etl/analyst/views.py": "from . import search\nif __name__ == '__main__':\n    import etl.cli\n",
        "etl/cli/__init__.py": "import etl.analyst.views\n",
    })
    assert sorted((i.source, i.target) for i in package_imports(root)) == \
        [("etl.analyst", "etl.cli"), ("etl.cli", "etl.analyst")]
