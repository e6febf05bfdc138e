"""Task groups in similar cooperations (issue 16): the arrays of ``search.task_groups`` and
a small real index on both engines in which only the groups tell neighbouring tasks from
tasks that merely share words."""

from __future__ import annotations

import numpy as np
import pytest

import search.similar as similar
from index.groups import assign_groups
from search.task_groups import FAMILY_SHARE, SHARED_GROUP, _codes, generation_groups, group_overlap, segment_groups


def _profile(profile_id: str, title: str, keywords: str, goal: str):
    from corpus import parse_profile

    text = (f"{title}\n\nKreis Unna, Stadt Kamen und Gemeinde Holzwickede\n\nStichworte:\n\n{keywords}\n\n"
            f"Hauptverantwortlich:\n\nKreis Unna\n\nZiel:\n\n{goal}\n")
    return parse_profile(text, profile_id=profile_id)


# The payroll office shares words (Personaldaten, Software, Dienstleister, Verfahren) with
# the IT-security cooperation, none with the occupational-health one: a neighbour in the
# personnel field (family 01.1) only the task groups see.
PROFILES = [
    ("a_bezuege", "Gemeinsame Bezügestelle", "Bezügeabrechnung, Entgeltabrechnung",
     "Die Bezügestelle rechnet Entgelte und Besoldung ab; die Personaldaten verarbeitet ein externer "
     "Dienstleister mit einer gemeinsamen Software in einem einheitlichen Verfahren."),
    ("b_betriebsarzt", "Betriebsärztlicher Dienst", "Betriebsarzt, Arbeitsschutz",
     "Ein Betriebsarzt und eine Fachkraft für Arbeitssicherheit betreuen die Beschäftigten: "
     "Vorsorgeuntersuchungen, Gefährdungsbeurteilungen und Begehungen der Dienststellen."),
    ("c_itsicherheit", "Informationssicherheit im Verbund", "IT-Sicherheit, Informationssicherheitsbeauftragter",
     "Ein gemeinsamer Informationssicherheitsbeauftragter schützt die Personaldaten der Entgelte und "
     "Besoldung in der Software; der Dienstleister prüft jedes Verfahren nach IT-Grundschutz."),
    ("e_wertstoffhof", "Wertstoffhof", "Wertstoffhof, Recyclinghof",
     "Am Wertstoffhof geben die Bürger Altglas, Elektroschrott und Altpapier ab."),
    ("f_friedhof", "Friedhofsverwaltung", "Friedhof, Bestattung",
     "Die Friedhöfe der Städte werden gemeinsam verwaltet: Grabstätten und Bestattungen."),
    ("g_bauhof", "Bauhof-Kooperation", "Bauhof, Mäharbeiten",
     "Der Bauhof mäht die Bankette und repariert Spielplätze für beide Städte."),
    ("h_abfall", "Abfallentsorgung", "Müllabfuhr, Sperrmüll",
     "Die Müllabfuhr holt Restmüll, Biotonnen und Sperrmüll ab und betreibt die Deponie."),
]


@pytest.fixture(scope="module")
def profiles():
    return [_profile(*row) for row in PROFILES]


@pytest.fixture(scope="module")
def index_path(tmp_path_factory, profiles):
    from index.build import build_index

    target = tmp_path_factory.mktemp("task_groups") / "index"
    build_index(profiles, target)
    return target


def _open(engine: str, request, index_path, profiles, name: str):
    if engine == "whoosh":
        from search.service import ProfileSearch

        return ProfileSearch(index_path)
    from index.pg.build import build_pg_index
    from search.pg.service import PgProfileSearch

    url = request.getfixturevalue("pg_url")
    build_pg_index(profiles, url, name)
    return PgProfileSearch(url, name)


def test_the_corpus_has_the_groups_the_tests_rely_on(profiles):
    groups = {p.id: assign_groups(p).primary for p in profiles}
    assert groups["a_bezuege"] == "01.11" and groups["b_betriebsarzt"] == "01.14"
    assert groups["c_itsicherheit"] == "01.23"


@pytest.mark.parametrize("engine", ["whoosh", "postgres"])
def test_a_neighbouring_task_beats_shared_words_only_with_the_groups(request, index_path, profiles,
                                                                    monkeypatch, engine):
    """With the groups, the company doctor (same field: personnel) is the payroll office's
    nearest neighbour; without them the IT-security cooperation, which only shares words
    and the coarse area 01, is — so this fails with the group part off."""
    service = _open(engine, request, index_path, profiles, "task_groups_on")
    try:
        found = [hit.id for hit in service.similar("a_bezuege").similar]
        assert found[0] == "b_betriebsarzt"
    finally:
        service.close()
    monkeypatch.setattr(similar, "GROUP_WEIGHT", 0.0)
    service = _open(engine, request, index_path, profiles, "task_groups_off")
    try:
        assert service.similar("a_bezuege").similar[0].id == "c_itsicherheit"
    finally:
        service.close()


@pytest.mark.parametrize("engine", ["whoosh", "postgres"])
def test_the_yards_are_not_similar_for_their_hof(request, index_path, profiles, engine):
    service = _open(engine, request, index_path, profiles, "task_groups_hof")
    try:
        found = service.similar("e_wertstoffhof", limit=10).similar
        # the waste collection (the same field: waste) first, clearly before the other yards
        assert found[0].id == "h_abfall"
        scores = {hit.id: hit.score for hit in found}
        assert found[0].score > 1.5 * max(scores.get("f_friedhof", 0.0), scores.get("g_bauhof", 0.0))
    finally:
        service.close()


def test_both_engines_give_the_same_groups_and_lists(request, index_path, profiles):
    whoosh = _open("whoosh", request, index_path, profiles, "")
    pg = _open("postgres", request, index_path, profiles, "task_groups_parity")
    try:
        whoosh.warm_up()
        pg.warm_up()
        for row in PROFILES:
            assert ([(h.id, h.score) for h in whoosh.similar(row[0]).similar]
                    == [(h.id, h.score) for h in pg.similar(row[0]).similar])
    finally:
        pg.close()
        whoosh.close()


def _rows(*pairs: tuple[str | None, str | None]) -> np.ndarray:
    codes, _ = _codes()
    return np.array([[codes[c] if c else -1 for c in pair] for pair in pairs], dtype=np.int16)


def test_group_overlap_ranks_same_group_over_shared_group_over_family():
    groups = _rows(("01.11", None), ("01.11", "01.23"), ("01.23", "01.11"), ("01.14", None), ("01.31", None),
                   ("11.41", None), (None, None))
    overlap = group_overlap(groups, 0)
    assert overlap.tolist() == [1.0, 1.0, SHARED_GROUP, FAMILY_SHARE, 0.0, 0.0, 0.0]
    assert group_overlap(groups, 6).tolist() == [0.0] * 7  # no group: shares nothing
    # the secondary group of the source counts as a shared group, its family as a family
    assert group_overlap(groups, 2).tolist()[:5] == [SHARED_GROUP, SHARED_GROUP, 1.0, FAMILY_SHARE, 0.0]


class _Columns:
    """A segment's columns as far as ``segment_groups`` reads them."""

    def __init__(self, size: int, groups: object = None) -> None:
        self.size = size
        self.groups = groups
        self.derived: dict[str, object] = {}

    def __len__(self) -> int:
        return self.size


def test_segment_groups_read_live_payloads_once_and_keep_them():
    reads: list[list[int]] = []

    def read(docs: list[int]) -> dict[int, dict]:
        reads.append(docs)
        return {doc: {"groups": ["11.41", "13.12"]} if doc == 10 else {"groups": ["99.99"]} for doc in docs}

    columns = _Columns(3)
    gone = np.array([False, True, False])
    rows = segment_groups(10, columns, gone, read)  # type: ignore[arg-type]
    assert reads == [[10, 12]]
    assert rows.tolist() == _rows(("11.41", "13.12"), (None, None), (None, None)).tolist()
    assert segment_groups(10, columns, gone, read) is rows and len(reads) == 1
    whole = generation_groups(14, [(0, _rows(("01.11", None))), (10, rows)])
    assert whole.shape == (14, 2) and whole[0, 0] == _codes()[0]["01.11"]
    assert whole[10:13].tolist() == rows.tolist() and (whole[1:10] == -1).all()
    with pytest.raises(ValueError, match="past 12"):
        generation_groups(12, [(10, rows)])


def test_segment_groups_come_from_the_columns_without_reading_a_payload():
    def read(docs: list[int]) -> dict[int, dict]:
        raise AssertionError("no payload is read when the columns keep the groups")

    from index.group_codes import GroupCodes

    columns = _Columns(2, GroupCodes.of([["12.11"], []]))  # type: ignore[arg-type]
    rows = segment_groups(0, columns, np.zeros(2, dtype=bool), read)  # type: ignore[arg-type]
    assert rows.tolist() == _rows(("12.11", None), (None, None)).tolist()


def test_whoosh_columns_keep_each_documents_groups(index_path, profiles):
    """The columns file written at build holds the groups the payloads say; a segment
    read back from its stored fields has them too."""
    from index.columns import COLUMNS_DIR, read_columns

    generation = (index_path / "current").resolve()
    found = {}
    for path in (generation / COLUMNS_DIR).glob("*.npz"):
        columns = read_columns(generation, path.stem)
        assert columns is not None and columns.groups is not None
        found.update(zip(columns.ids, columns.groups.rows(), strict=True))
    assert found == {p.id: list(assign_groups(p).groups) for p in profiles}
