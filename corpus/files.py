"""Profile files on disk: finding them, decoding them, loading a corpus without losing any."""

from __future__ import annotations

import codecs
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from corpus.enrich import enrich_profile
from corpus.gazetteer import Gazetteer
from corpus.model import Profile, ProfileParseError
from corpus.parser import parse_profile

PROFILE_SUFFIX = ".txt"
# A real profile is a few kilobytes; anything this large is not one.
MAX_PROFILE_BYTES = 2 * 1024 * 1024


# Byte order marks of the wider Unicode encodings, UTF-32 first (its little-endian BOM
# starts with UTF-16's).
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_profile_bytes(data: bytes, source: str) -> str:
    """Decode a profile file: UTF-16 or UTF-32 when it starts with their byte order
    mark; else UTF-8 (with or without BOM), and where a line is not valid UTF-8, that
    line as Windows-1252, as older exports are written (a UTF-8 file with one stray
    Windows-1252 byte keeps its other lines intact). Raises ProfileParseError for binary
    content (NUL bytes outside UTF-16/32)."""
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ProfileParseError(source, line, "binary content (NUL byte), not a text profile")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        lines = data.removeprefix(codecs.BOM_UTF8).splitlines(keepends=True)
        return "".join(_decode_line(line) for line in lines)


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        # Windows-1252 leaves five byte values undefined; they are replaced, not fatal.
        return line.decode("cp1252", errors="replace")


def read_profile(path: Path, gazetteer: Gazetteer | None = None) -> Profile:
    """Read, parse and (with a gazetteer) enrich one profile file; its id is the file's stem.

    Raises ProfileParseError naming the file and line for anything that is not a
    readable profile (too large, binary, empty, no title, no sections); a file that
    cannot be read at all (missing, not a regular file, unreadable) has no line
    (``line`` is None, printed as ``FILE: message``).
    """
    source = str(path)
    try:
        if not path.exists():
            raise ProfileParseError(source, None, "no such file or directory")
        if not path.is_file():
            raise ProfileParseError(source, None, "not a regular file")
        if path.stat().st_size > MAX_PROFILE_BYTES:
            raise ProfileParseError(
                source, 1, f"file larger than {MAX_PROFILE_BYTES // 1024 // 1024} MB, not a profile"
            )
        data = path.read_bytes()
    except OSError as error:
        raise ProfileParseError(source, None, f"cannot read file: {error.strerror or error}") from error
    profile = parse_profile(decode_profile_bytes(data, source), profile_id=path.stem, source=source)
    return enrich_profile(profile, gazetteer) if gazetteer is not None else profile


def iter_profile_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Profile files named by ``paths``: files as given, directories walked for
    ``*.txt`` files in sorted order. Hidden entries are skipped, symlinked
    directories are not followed (no loops), a directory named ``x.txt`` is not a file.
    A file named twice (a directory and one of its files, a directory and its parent,
    relative and absolute) is yielded once, the first time: files are compared by
    their resolved path. Raises nothing."""
    seen: set[str] = set()
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                real_root = os.path.realpath(root)
                for name in sorted(files):
                    candidate = Path(root) / name
                    if name.endswith(PROFILE_SUFFIX) and not name.startswith(".") and not candidate.is_dir():
                        real = os.path.realpath(candidate) if candidate.is_symlink() else os.path.join(real_root, name)
                        if real not in seen:
                            seen.add(real)
                            yield candidate
        elif (real := os.path.realpath(path)) not in seen:
            seen.add(real)
            yield path


@dataclass
class LoadResult:
    """Profiles that loaded, and one error per file that did not."""

    profiles: list[Profile] = field(default_factory=list)
    errors: list[ProfileParseError] = field(default_factory=list)


# From this many files on, several processes parse (below, starting them costs more).
PARALLEL_FROM = 2_000

_GAZETTEER: Gazetteer | None = None  # a parsing worker's gazetteer (inherited at fork)


def _share(gazetteer: Gazetteer | None) -> None:
    global _GAZETTEER
    _GAZETTEER = gazetteer


def _read(path: Path) -> Profile | tuple[str, int | None, str]:
    """A profile, or its error as (source, line, message) (which pickles, unlike the exception)."""
    try:
        return read_profile(path, _GAZETTEER)
    except ProfileParseError as error:
        return error.source, error.line, error.message


def _read_all(
    files: list[Path], gazetteer: Gazetteer | None, processes: int | None
) -> Iterator[Profile | tuple[str, int | None, str]]:
    processes = processes or os.cpu_count() or 1
    if processes <= 1 or len(files) < PARALLEL_FROM:
        _share(gazetteer)
        try:
            yield from map(_read, files)
        finally:
            _share(None)
        return
    # fork: the workers inherit the gazetteer instead of receiving it
    with multiprocessing.get_context("fork").Pool(processes, initializer=_share, initargs=(gazetteer,)) as pool:
        yield from pool.imap(_read, files, chunksize=100)


def load_profiles(paths: Iterable[Path], gazetteer: Gazetteer | None = None, *,
                  processes: int | None = None) -> LoadResult:
    """Load every profile under ``paths``; a broken file never stops the others.

    Each failure becomes a ProfileParseError in ``errors`` (a second file with an id
    already seen is an error naming both files). From ``PARALLEL_FROM`` files on, files
    are parsed by ``processes`` worker processes (default: one per core), with the same
    result. Raises nothing itself.
    """
    result = LoadResult()
    seen: dict[str, str] = {}
    files = list(iter_profile_paths(paths))
    for path, outcome in zip(files, _read_all(files, gazetteer, processes), strict=True):
        if isinstance(outcome, tuple):
            result.errors.append(ProfileParseError(*outcome))
            continue
        profile = outcome
        if profile.id in seen:
            result.errors.append(
                ProfileParseError(
                    str(path), 1, f"duplicate profile id {profile.id!r}, already read from {seen[profile.id]}"
                )
            )
            continue
        seen[profile.id] = str(path)
        result.profiles.append(profile)
    return result
