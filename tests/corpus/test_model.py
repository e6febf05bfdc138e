"""The Profile model: frozen, including its section mappings."""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle

import pytest

from corpus import Profile, parse_profile

TEXT = "Titel\n\nUnna, Kamen\n\nZiel:\n\nGemeinsam.\n\nBemerkungen:\n\nNotiz.\n"


@pytest.fixture
def profile() -> Profile:
    return parse_profile(TEXT, profile_id="p")


@pytest.mark.parametrize(
    "change",
    [
        lambda m: m.__setitem__("ziel", "x"),
        lambda m: m.__delitem__(next(iter(m))),
        lambda m: m.update(ziel="x"),
        lambda m: m.setdefault("neu", "x"),
        lambda m: m.pop(next(iter(m))),
        lambda m: m.popitem(),
        lambda m: m.clear(),
        lambda m: m.__ior__({"neu": "x"}),
    ],
)
@pytest.mark.parametrize("attribute", ["sections", "extra_sections"])
def test_section_mappings_are_read_only(profile, attribute, change):
    mapping = getattr(profile, attribute)
    before = dict(mapping)
    with pytest.raises(TypeError, match="read-only"):
        change(mapping)
    assert dict(getattr(profile, attribute)) == before


def test_a_given_dict_is_copied(profile):
    sections = {"ziel": "Gemeinsam."}
    built = Profile(id="p", title="T", sections=sections)
    sections["ziel"] = "geändert"
    assert built.sections == {"ziel": "Gemeinsam."}


def test_pickle_copy_and_replace_keep_profiles_equal_and_read_only(profile):
    for other in (pickle.loads(pickle.dumps(profile)), copy.deepcopy(profile), copy.copy(profile),
                  dataclasses.replace(profile, title="Neu")):
        assert other.sections == profile.sections and other.extra_sections == {"Bemerkungen": "Notiz."}
        with pytest.raises(TypeError):
            other.sections["ziel"] = "x"  # type: ignore[index]
    assert pickle.loads(pickle.dumps(profile)) == profile


def test_json_shape_is_plain_data(profile):
    data = profile.to_dict()
    assert type(data["sections"]) is dict and type(data["extra_sections"]) is dict
    data["sections"]["ziel"] = "x"  # a fresh dict: changing it leaves the profile alone
    assert profile.sections["ziel"] == "Gemeinsam."
    assert json.loads(json.dumps(profile.sections)) == {"ziel": "Gemeinsam."}
