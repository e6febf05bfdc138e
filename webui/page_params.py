"""The search page's forgiving reading of its arguments: no dead ends for people.

The JSON API refuses any invalid parameter (400, ``webui.params``). A person on the HTML
page instead gets the search page back with the query and filters kept: a reversed year
range is swapped (and the page says so), and an invalid year bound, sort, page or page
size is left out and named next to its field. Anything else (an unknown parameter, a
query too long, control characters in a filter) still raises ``InvalidRequest``: the
error page then links back to the search without the bad parameter (``webui.backlink``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from search.facet_types import RANGE_FACETS
from search.model import InvalidRequest, SearchRequest
from webui.params import BOUNDS, parse_search_args, whole_number

# Parameters a page can do without: left out (their default applies) when invalid.
RECOVERABLE = frozenset(("sort", "page", "per_page", *BOUNDS))
# How much of a rejected value the page repeats back.
SHOWN_LENGTH = 40
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f\ufffd]")


@dataclass(frozen=True)
class Problem:
    """An invalid parameter the page left out: its name, the value as given (shortened,
    printable) and the error's code."""

    parameter: str
    value: str
    code: str


@dataclass(frozen=True)
class Swap:
    """A reversed range put in order: the range facet's parameters and the bounds used."""

    low_parameter: str
    high_parameter: str
    low: int
    high: int


@dataclass(frozen=True)
class PageArgs:
    """The request to run, the arguments its links carry on (without the left-out
    parameters, with swapped bounds), the problems to name and the swaps to report."""

    request: SearchRequest
    args: MultiDict
    problems: dict[str, Problem] = field(default_factory=dict)
    swaps: tuple[Swap, ...] = ()


def _shown(value: str) -> str:
    value = _UNPRINTABLE.sub("", value)
    return value if len(value) <= SHOWN_LENGTH else value[:SHOWN_LENGTH - 1] + "…"


def _swap_reversed(args: MultiDict) -> list[Swap]:
    """Swap, in ``args``, each range whose both bounds are valid numbers in reverse order."""
    swaps = []
    for kind in RANGE_FACETS:
        if len(args.getlist(kind.low)) != 1 or len(args.getlist(kind.high)) != 1:
            continue  # a repeated bound is a problem of its own
        low, high = whole_number(args[kind.low].strip()), whole_number(args[kind.high].strip())
        if low is None or high is None or low <= high:
            continue
        if not (kind.lowest <= high <= kind.highest and kind.lowest <= low <= kind.highest):
            continue  # an out-of-range bound is left out instead (then nothing is reversed)
        args.setlist(kind.low, [str(high)])
        args.setlist(kind.high, [str(low)])
        swaps.append(Swap(kind.low, kind.high, high, low))
    return swaps


def parse_page_args(args: MultiDict, *, staff: bool = False) -> PageArgs:
    """The search page's request for ``args``: reversed ranges swapped, invalid
    ``RECOVERABLE`` parameters left out and reported. Raises InvalidRequest (as
    ``parse_search_args``) for any other invalid parameter."""
    args = MultiDict(args)
    swaps = _swap_reversed(args)
    problems: dict[str, Problem] = {}
    while True:
        try:
            request = parse_search_args(args, staff=staff)
        except InvalidRequest as error:
            name = error.parameter
            if name not in RECOVERABLE or name in problems:
                raise
            problems[name] = Problem(name, _shown(" ".join(args.getlist(name))), error.code)
            args.poplist(name)
            continue
        return PageArgs(request, args, problems, tuple(swaps))


# The facets a page shows open (the ones people use most), besides any with a selection.
OPEN_FACETS = frozenset({"participant", "district", "keyword", "area"})


def problem_texts(problems: dict[str, Problem], per_page: int) -> dict[str, str]:
    """What the page says, in the request's language, about each left-out parameter
    (what was wrong and what the page did instead). Raises nothing."""
    texts = {}
    for name, problem in problems.items():
        value = problem.value
        if name == "sort":
            texts[name] = _("“%(value)s” is not a sort order; sorted by relevance instead.", value=value)
        elif name == "page":
            texts[name] = _("“%(value)s” is not a page number; showing the first page.", value=value)
        elif name == "per_page":
            texts[name] = _("“%(value)s” hits per page are not possible; showing %(count)s.", value=value,
                            count=per_page)
        else:
            texts[name] = _("“%(value)s” is not a four-digit year; this bound was left out.", value=value)
    return texts
