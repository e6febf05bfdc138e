"""COPY text format written by hand (``index.pg.copytext``): table tests, and a round
trip through a real server."""

from __future__ import annotations

from array import array

import numpy as np
import pytest

from index.pg import copytext
from index.pg.store import connect


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "\\N"),
        (True, "t"),
        (False, "f"),
        (0, "0"),
        (-7, "-7"),
        (2.5, "2.5"),
        ("Abfall", "Abfall"),
        ("a\\b\tc\nd\re", "a\\\\b\\tc\\nd\\re"),
        ("\\N", "\\\\N"),  # text that reads like NULL stays text
        ([], "{}"),
        ([1, 2, 30], "{1,2,30}"),
        ([1.0, 0.5], "{1.0,0.5}"),
        (array("i", [4, 5]), "{4,5}"),
        (array("f", [0.25]), "{0.25}"),
    ],
)
def test_fields(value, expected):
    assert copytext.field(value) == expected


def test_a_line_is_tab_separated_and_newline_terminated():
    assert copytext.line((1, None, "x y", [2])) == "1\t\\N\tx y\t{2}\n"


def test_other_values_are_refused():
    with pytest.raises(TypeError, match="dict"):
        copytext.field({"a": 1})


def test_rows_survive_a_round_trip_through_the_server(pg_url):
    rows = [
        (1, "Zweckverband \"Wasser\" – Müll\\Abfall\tStraße\nneu\r", True, None, [3, 1, 2], [1.0, 0.30000001192092896]),
        (2, "\\N", False, 2024, [], []),
        (3, "{1,2}", None, -1, [0], [2.5]),
    ]
    with connect(pg_url, writer=True) as conn, conn.transaction():
        conn.execute("CREATE TEMPORARY TABLE copied (n integer, t text, b boolean, y integer, a integer[], r real[])")
        with conn.cursor().copy("COPY copied FROM STDIN") as copy:
            copy.write("".join(copytext.line(row) for row in rows))
        back = conn.execute("SELECT n, t, b, y, a, r FROM copied ORDER BY n").fetchall()
    assert [row[:5] for row in back] == [row[:5] for row in rows]
    assert [[round(x, 6) for x in row[5]] for row in back] == [[1.0, 0.3], [], [2.5]]


def test_binary_arrays_from_the_server_become_numpy_arrays(pg_url):
    from search.pg.generation import _binary_array

    with connect(pg_url) as conn, conn.cursor(binary=True) as cursor:
        empty, numbers, reals = cursor.execute(
            "SELECT array_send(ARRAY[]::integer[]), array_send(ARRAY[5, -3, 70000]::integer[]), "
            "array_send(ARRAY[0.25, 1, 0.3]::real[])").fetchone()
    assert _binary_array(empty, ">i4", np.int64).tolist() == []
    assert _binary_array(numbers, ">i4", np.int64).tolist() == [5, -3, 70000]
    assert _binary_array(reals, ">f4", np.float64).tolist() == [0.25, 1.0, float(np.float32(0.3))]
