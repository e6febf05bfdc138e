"""Imports point one way: cli → webui → search → index → corpus (house style §1)."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT

ORDER = ["corpus", "index", "search", "webui", "cli"]
# Third-party packages each layer may use; corpus is standard library only.
THIRD_PARTY = {
    "corpus": set(),
    "index": {"whoosh", "nltk", "pyphen", "numpy"},
    "search": {"whoosh", "numpy"},
    "webui": {"flask", "flask_babel", "babel", "werkzeug", "jinja2", "markupsafe", "waitress", "gunicorn"},
    "cli": set(),
}
KNOWN_THIRD_PARTY = set().union(*THIRD_PARTY.values()) | {"hypothesis", "pytest"}


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


@pytest.mark.parametrize("layer", ORDER)
def test_layer_imports_point_downwards(layer):
    allowed_layers = set(ORDER[: ORDER.index(layer) + 1])
    if layer == "cli":
        allowed_layers = set(ORDER)
    allowed_third_party = set().union(*(THIRD_PARTY[name] for name in allowed_layers))
    files = list((ROOT / layer).rglob("*.py"))
    assert files
    for path in files:
        for module in imported_modules(path):
            if module in ORDER:
                assert module in allowed_layers, f"{path.relative_to(ROOT)} imports {module}"
            elif module in KNOWN_THIRD_PARTY:
                assert module in allowed_third_party, f"{path.relative_to(ROOT)} imports {module}"
