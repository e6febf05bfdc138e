"""tools/ablation.py: every switch names a part that exists (a renamed constant must fail
here, not silently measure nothing), and its table has a row per variant."""

import importlib
import sys

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))

import ablation


@pytest.mark.parametrize("name", [name for name in ablation.VARIANTS if name])
def test_every_switch_names_a_part_that_exists(name):
    for module_name, attribute, _value in ablation.VARIANTS[name]:
        assert hasattr(importlib.import_module(module_name), attribute), (module_name, attribute)
    assert name in ablation.TITLES


def test_the_table_has_a_row_per_variant_and_the_semantic_row():
    figures = {"all": {"ndcg": 0.5}, "english": {"ndcg": 0.25}, "everyday": {"ndcg": 0.75}}
    report = {"ikz": figures, "ikz_heldout": figures, "similar": {"ndcg": 0.1}, "lexical": figures,
              "lexical_heldout": figures, "lexical_similar": {"ndcg": 0.2}, "independent": figures,
              "independent_similar": {"ndcg": 0.3}, "independent_lexical": figures,
              "independent_lexical_similar": {"ndcg": 0.4}}
    text = ablation.table({(name, which): report for name in ablation.VARIANTS for which in ("ind", "dev")})
    rows = text.splitlines()[2:]
    assert len(rows) == len(ablation.VARIANTS) + 1
    assert rows[1].startswith("| − semantic layer") and "0.200" in rows[1] and "0.100" not in rows[1]
