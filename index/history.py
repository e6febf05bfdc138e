"""When each profile first entered the index and when it last changed, kept across
rebuilds and updates (the dates of the feed, the sitemap and the API).

Every generation carries a small table ``id → (added, updated, digest)``: a build carries
the live generation's table into the new one, keeping both dates of a profile whose digest
(``index.build.profile_digest``: everything the profile says) is unchanged, setting
``updated`` for a changed one and both dates for a new one; an update does the same in the
live generation. A profile removed and later added again counts as new. The dates are UTC
ISO 8601 seconds (``2026-12-07T18:40:00Z``). For Whoosh the table is ``history.json`` in
the generation directory; PostgreSQL keeps it as the table ``history`` of a generation
(``index.pg.history``).
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from whoosh import index as whoosh_index

HISTORY = "history.json"
Entry = dict[str, str]  # {"added", "updated", "digest"}


def utc_now() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def carry(previous: Mapping[str, Entry], digests: Iterable[tuple[str, str]], now: str) -> dict[str, Entry]:
    """The table for documents ``digests`` ((id, digest) pairs) given the ``previous``
    table: unchanged profiles keep their dates, changed ones get ``updated = now``, new ones
    both dates ``now``; ids no longer present are dropped. Pure; raises nothing."""
    table: dict[str, Entry] = {}
    for profile_id, digest in digests:
        old = previous.get(profile_id)
        if old is None:
            table[profile_id] = {"added": now, "updated": now, "digest": digest}
        elif old.get("digest") == digest:
            table[profile_id] = dict(old)
        else:
            table[profile_id] = {"added": old["added"], "updated": now, "digest": digest}
    return table


def read_history(generation: Path) -> dict[str, Entry]:
    """The table of a Whoosh generation directory ({} for one written before dates were
    kept). Raises OSError when the file exists but cannot be read, ValueError when it is
    not the JSON this module writes."""
    try:
        text = (Path(generation) / HISTORY).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    table = json.loads(text)
    if not isinstance(table, dict):
        raise ValueError(f"{generation / HISTORY}: not a history table")
    return table


def write_history(generation: Path, table: Mapping[str, Entry]) -> None:
    """Replace the generation's table atomically (readers see the old or the new file).
    Raises OSError."""
    path = Path(generation) / HISTORY
    temporary = path.with_name(f".{HISTORY}.{os.getpid()}")
    temporary.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
                         encoding="utf-8")
    os.replace(temporary, path)


def touch_history(generation: Path, changes: Mapping[str, str | None], now: str | None = None) -> None:
    """Apply an update to the generation's own table: per id its new digest (dates as in
    ``carry``) or None for a removed profile. Raises OSError, ValueError."""
    table = read_history(generation)
    stamp = now or utc_now()
    for profile_id, digest in changes.items():
        if digest is None:
            table.pop(profile_id, None)
        else:
            table.update(carry(table, [(profile_id, digest)], stamp))
    write_history(generation, table)


def indexed_digests(generation: Path) -> list[tuple[str, str]]:
    """(id, digest) of every live document of a Whoosh generation. Raises OSError and
    Whoosh's errors for an unreadable index."""
    ix = whoosh_index.open_dir(str(generation))
    try:
        with ix.searcher() as searcher:
            return [(fields["id"], fields.get("digest") or "") for _, fields in searcher.reader().iter_docs()]
    finally:
        ix.close()


def record_history(generation: Path, previous: Path | None, now: str | None = None) -> dict[str, Entry]:
    """Write ``generation``'s table from its documents and the table of ``previous`` (the
    generation it replaces, or itself after an update; None: no history). Returns the
    table. Raises OSError, ValueError (an unreadable previous table)."""
    table = carry(read_history(previous) if previous is not None else {}, indexed_digests(generation),
                  now or utc_now())
    write_history(generation, table)
    return table


def live_history(index_dir: Path, known: str = "") -> tuple[str, dict[str, Entry] | None]:
    """(a key that changes whenever the table does, the table) of the live generation of a
    Whoosh index; the table is None (not read) when the key is ``known``. Raises
    IndexMissing, OSError, ValueError."""
    from index.build import current_generation  # index.build imports this module

    generation = current_generation(Path(index_dir))
    try:
        stamp = (generation / HISTORY).stat().st_mtime_ns
    except FileNotFoundError:
        stamp = 0
    key = f"{generation}:{stamp}"
    return key, None if key == known else read_history(generation)
