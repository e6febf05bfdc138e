"""Hyphenation points for compound splitting (pyphen's de_DE patterns) and the JSON cache
in the user's cache directory that spares every process parsing word lists and patterns."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyphen


@functools.lru_cache(maxsize=200_000)
def hyphenation_points(word: str) -> tuple[int, ...]:
    """The offsets where pyphen would hyphenate ``word``. Raises nothing."""
    return tuple(hyphenator().positions(word))


@functools.cache
def hyphenator() -> pyphen.Pyphen:
    """pyphen's de_DE hyphenator. Parsing its 77,000 patterns takes 1–2 s, in every
    process that analyses text (servers, ``ikz index update``, build workers); the parsed
    patterns are therefore kept as JSON in the user's cache directory and read from
    there (0.1 s) while the pattern file is unchanged."""
    path = pyphen.LANGUAGES[pyphen.language_fallback("de_DE")]
    if path not in pyphen.hdcache:
        patterns = _cached_patterns(path)
        if patterns is not None:
            hyph = pyphen.HyphDict.__new__(pyphen.HyphDict)
            hyph.patterns, hyph.cache, hyph.maxlen = patterns, {}, max(map(len, patterns))
            pyphen.hdcache[path] = hyph
    return pyphen.Pyphen(lang="de_DE")


def cache_path(name: str, sources: Iterable[Path]) -> Path:
    """Where data derived from ``sources`` is cached: the user's cache directory, under a
    name that changes whenever a source file changes (size or modification time)."""
    stamp = ";".join(f"{path.name}:{path.stat().st_size}:{path.stat().st_mtime_ns}" for path in sources)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "ikz-suche" / f"{name}-{hashlib.sha256(stamp.encode()).hexdigest()[:16]}.json"


def read_cache(cache: Path) -> object | None:
    try:
        return json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_cache(cache: Path, data: object) -> None:
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache.parent, prefix=".cache-")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(data, file, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, cache)
    except OSError:
        pass  # a read-only home: compute again next time


def _cached_patterns(path: Path) -> dict[str, tuple[int, tuple[int, ...]]] | None:
    """The parsed patterns of ``path`` from the cache, parsed and cached first if needed;
    None when they cannot be cached (pyphen then parses them itself)."""
    cache = cache_path(path.stem, [path])
    data = read_cache(cache)
    try:
        return {key: (start, tuple(values)) for key, (start, values) in data.items()}  # type: ignore[union-attr]
    except (AttributeError, TypeError, ValueError):
        pass
    patterns = pyphen.HyphDict(path).patterns
    if not all(all(type(v) is int for v in values) for _, values in patterns.values()):
        return patterns  # alternative spellings (not in de_DE) do not go into JSON
    write_cache(cache, patterns)
    return patterns
