"""Similar cooperations, explained: what two cooperations share, and the similar lists
of both engines carrying it."""

from __future__ import annotations

from search.shared import Shared, shared_between

SOURCE = {"keywords": ["Abfallwirtschaft", "Ausschreibung", "Wertstoffhof"], "areas": ["11", "01"],
          "groups": ["11.21", "01.31"],
          "lead": "Kreis Soest", "lead_key": "05974",
          "participants": ["Kreis Soest", "Lippstadt", "Neustadt"], "participant_keys": ["05974", "05974028", None]}


def test_shared_keywords_areas_and_municipalities():
    other = {"keywords": ["Bauhof", "ausschreibung", "Abfallwirtschaft", "Abfallwirtschaft"], "areas": ["01", "04"],
             "groups": ["01.31", "11.23"],
             "lead": "Lippstadt", "lead_key": "05974028",
             "participants": ["Lippstadt", "Erwitte", "Neustadt"], "participant_keys": ["05974028", "05974016", None]}
    shared = shared_between(SOURCE, other)
    # the other's order and spelling; case does not matter; an unresolved name is never "shared"
    assert shared == Shared(keywords=("ausschreibung", "Abfallwirtschaft"), areas=("01",),
                            municipalities=(("05974028", "Lippstadt"),), groups=("01.31",))
    assert shared.to_dict() == {"keywords": ["ausschreibung", "Abfallwirtschaft"], "groups": ["01.31"],
                                "areas": ["01"], "municipalities": [{"key": "05974028", "name": "Lippstadt"}]}
    assert shared


def test_umlaut_spellings_are_one_keyword():
    source = {"keywords": ["Müllabfuhr"]}
    assert shared_between(source, {"keywords": ["Muellabfuhr"]}).keywords == ("Muellabfuhr",)


def test_nothing_shared_is_empty_and_false():
    shared = shared_between(SOURCE, {"keywords": ["Schule"], "areas": ["03"], "groups": ["03.11"],
                                     "participants": ["Bonn"], "participant_keys": ["05314000"]})
    assert shared == Shared() and not shared
    assert shared_between({}, {}) == Shared()


def test_similar_hits_carry_what_they_share(service):
    result = service.similar("s01_abfallverband-soest", limit=5)
    by_id = {hit.id: hit.shared for hit in result.similar}
    # both are assigned task area 11 (Ver- und Entsorgung) and its group 11.21 (waste
    # collection); no keyword or municipality in common
    assert by_id["s06_muellabfuhr-emsland"] == Shared(areas=("11",), groups=("11.21",))
    assert result.to_dict()["similar"][0]["shared"].keys() == {"keywords", "groups", "areas", "municipalities"}


def test_similar_hits_name_the_municipalities_both_share(service):
    # read from what the index stores (the payloads' official keys), whichever profiles the
    # similar list ranks: a procurement office and a waste association share two towns
    source, other = (service.profile(i) for i in ("s02_vergabestelle-lippstadt", "s01_abfallverband-soest"))
    assert shared_between(source, other).municipalities == (("05974028", "Lippstadt"), ("05974016", "Erwitte"))
