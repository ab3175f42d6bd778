"""The package's layers (docs/architecture.md), read from the real import statements of
termkit/ with ``ast``: module-level and function-level imports alike, so a lazy import
cannot hide a dependency. No cycles between modules or between packages, and no layer
imports a higher one."""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "termkit"

# Imported by anyone; they import only one another.
BOTTOM = {"", "errors", "fsutil", "progress", "safetext", "textnorm", "sources", "wordlists", "reference"}
# The layers, top first: a package imports its own modules, packages of a lower layer,
# packages of its own layer (without cycles) and the bottom utilities.
LAYERS = [
    {"cli", "__main__"},
    {"scale"},  # below cli only: it runs Stanza for the cli's parser
    {"check", "lookup", "review"},
    {"glossary"},
    {"extract", "align"},
    {"nlp", "tm"},
]
RANK = {pkg: len(LAYERS) - k for k, layer in enumerate(LAYERS) for pkg in layer} | {pkg: 0 for pkg in BOTTOM}
# Packages restricted further than their layer: what each may import besides itself and the bottom.
ONLY = {"scale": {"nlp"}}


@dataclass(frozen=True)
class Import:
    source: str  # importing module, e.g. "termkit.nlp.parser"
    target: str  # imported termkit module
    where: str  # file:line
    statement: str

    def __str__(self) -> str:
        return f"{self.where}: {self.statement}  ({self.source} -> {self.target})"


@functools.cache
def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


@functools.cache
def imports() -> list[Import]:
    """Every import of a termkit module by a termkit module, wherever the statement is."""
    mods = modules()

    def resolve(name: str) -> str | None:
        while name and name not in mods:
            name = name.rpartition(".")[0]
        return name or None

    found = []
    for mod, path in mods.items():
        source = path.read_text(encoding="utf-8")
        package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        for node in ast.walk(ast.parse(source, str(path))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(up + ([base] if base else []))
                # ``from pkg import sub`` imports the submodule; ``from mod import name`` the module
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base for a in node.names]
            else:
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            statement = ast.get_source_segment(source, node) or ""
            for t in targets:
                target = resolve(t) if t.split(".")[0] == "termkit" else None
                # a module's own packages are always imported before it: not a dependency
                if target and target != mod and not mod.startswith(target + "."):
                    found.append(Import(mod, target, where, " ".join(statement.split())))
    return found


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def layer_violations(found: list[Import]) -> list[str]:
    bad = []
    for imp in found:
        src, dst = package_of(imp.source), package_of(imp.target)
        if src == dst or dst in BOTTOM and src not in BOTTOM:
            continue
        if src in BOTTOM:
            if dst not in BOTTOM:
                bad.append(f"{imp}: a bottom utility imports {dst!r}")
            continue
        if src not in RANK or dst not in RANK:
            bad.append(f"{imp}: {src or dst!r} is in no layer (add it to tests/test_architecture.py "
                       "and docs/architecture.md)")
        elif src in ONLY and dst not in ONLY[src]:
            bad.append(f"{imp}: {src!r} may import only {sorted(ONLY[src])} and the bottom utilities")
        elif RANK[dst] > RANK[src]:
            bad.append(f"{imp}: {src!r} (layer {RANK[src]}) imports the higher layer {dst!r} (layer {RANK[dst]})")
    return bad


def cycles(edges: dict[str, dict[str, Import]]) -> list[list[Import]]:
    """One cycle (as its imports) per strongly connected component with more than one node."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's algorithm
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                components.append(comp)

    for v in sorted(edges):
        if v not in index:
            visit(v)
    out = []
    for comp in components:  # walk from one node back to itself inside the component
        members, start = set(comp), min(comp)
        path, seen, node = [], {start}, start
        while True:
            nxt = next(w for w in sorted(edges[node]) if w in members and (w == start or w not in seen))
            path.append(edges[node][nxt])
            if nxt == start:
                break
            seen.add(nxt)
            node = nxt
        out.append(path)
    return out


def graph(found: list[Import], key) -> dict[str, dict[str, Import]]:
    edges: dict[str, dict[str, Import]] = {}
    for imp in found:
        a, b = key(imp.source), key(imp.target)
        if a != b:
            edges.setdefault(a, {}).setdefault(b, imp)
    return edges


def report(title: str, items: list) -> str:
    return title + ":\n" + "\n".join(f"  {item}" for item in items)


def test_the_import_walker_sees_module_and_function_level_imports():
    found = {(i.source, i.target) for i in imports()}
    assert ("termkit.nlp.parser", "termkit.nlp.cache") in found  # module level
    assert ("termkit.extract.collect", "termkit.extract.acronyms") in found  # from package import submodule
    assert ("termkit.scale.workers", "termkit.nlp") in found  # inside a function
    assert ("termkit.cli", "termkit.scale") in found


def test_no_import_cycles_between_modules():
    found = cycles(graph(imports(), lambda m: m))
    if found:
        pytest.fail(report("import cycles", ["\n    ".join(map(str, c)) for c in found]), pytrace=False)


def test_no_import_cycles_between_packages():
    found = cycles(graph(imports(), lambda m: package_of(m) or "termkit"))
    if found:
        pytest.fail(report("package cycles", ["\n    ".join(map(str, c)) for c in found]), pytrace=False)


def test_no_layer_imports_a_higher_one():
    bad = layer_violations(imports())
    if bad:
        pytest.fail(report("imports against the layers of docs/architecture.md", bad), pytrace=False)


def test_every_package_has_a_layer():
    packages = {package_of(m) for m in modules()}
    assert packages <= set(RANK), f"packages in no layer: {sorted(packages - set(RANK))}"


def test_the_checks_catch_an_upward_import_and_a_cycle():
    fake = [*imports(), Import("termkit.nlp.parser", "termkit.scale.workers", "termkit/nlp/parser.py:1",
                                   "from termkit.scale.workers import WorkerPool")]
    assert any("'nlp' (layer 1) imports the higher layer 'scale'" in b for b in layer_violations(fake))
    assert cycles(graph(fake, lambda m: m))
