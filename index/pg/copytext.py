"""Rows in PostgreSQL's ``COPY`` text format, written directly.

psycopg's ``Copy.write_row`` adapts every value in Python, array elements one by one
(with a regular expression per element): loading 100,000 profiles spent most of its time
there. A generation's rows hold only text, integers, booleans, reals, NULL and one-level
arrays of numbers, whose text format is simple (see the PostgreSQL manual, ``COPY``,
"Text Format"): fields separated by tabs, ``\\N`` for NULL, backslash escapes for
backslash, tab, newline and carriage return, arrays as ``{1,2,3}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def text(value: str) -> str:
    """``value`` escaped for a text-format field."""
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def array(values: Iterable[float]) -> str:
    """A one-level array of numbers (``{1,2.5}``; ``{}`` when empty)."""
    return "{" + ",".join(map(str, values)) + "}"


def field(value: object) -> str:
    """One field: NULL, a boolean, a number, text, or a list (or array) of numbers.
    Raises TypeError for other values."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):
        return text(value)
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)) or hasattr(value, "typecode"):
        return array(value)  # type: ignore[arg-type]
    raise TypeError(f"no COPY text format for {type(value).__name__}")


def line(values: Sequence[object]) -> str:
    """One row, newline-terminated. Raises TypeError (see ``field``)."""
    return "\t".join(map(field, values)) + "\n"
