"""The search time limit inside a search: a clock the tests move, never a timed assertion."""

from __future__ import annotations

import itertools

import pytest
from whoosh import query as wq

from index.schema import FIELD_BOOSTS, TEXT_FIELDS
from search.deadline import Deadline
from search.phrase import TimedPhrase
from search.model import SearchRequest, SearchTimeout


class SteppingClock:
    """Reads 0.0 for the first ``reads`` calls, then far in the future."""

    def __init__(self, reads: int) -> None:
        self.calls = itertools.count()
        self.reads = reads

    def __call__(self) -> float:
        return 0.0 if next(self.calls) < self.reads else 1e9


def test_deadline_raises_only_once_passed():
    deadline = Deadline(1.0, clock=SteppingClock(2))
    deadline.check()  # second read: still 0.0
    with pytest.raises(SearchTimeout) as caught:
        deadline.check()
    assert caught.value.status == 503 and caught.value.parameter == "q"


@pytest.fixture(scope="module")
def whoosh_service(index_dir):
    """The Whoosh service: these tests look at its searcher."""
    from search.service import ProfileSearch

    search = ProfileSearch(index_dir)
    yield search
    search.close()


@pytest.mark.parametrize("tokens", [("abfall",), ("offentlich", "rechtlich"), ("kreis", "soest"), ("soest", "kreis")])
def test_timed_phrase_scores_like_whoosh_phrase(whoosh_service, tokens):
    searcher = whoosh_service._current().generation.searcher

    def top(phrase_class, **extra):
        clauses = [phrase_class(name, list(tokens), boost=FIELD_BOOSTS[name], **extra) for name in TEXT_FIELDS]
        return searcher.search(wq.Or(clauses), limit=None).top_n

    assert top(TimedPhrase, deadline=Deadline(60)) == top(wq.Phrase)


def test_phrase_matching_itself_stops_at_the_deadline(whoosh_service):
    """The clock passes the limit after the deadline is set: the check inside the span
    matcher (not one between steps of the search) stops the phrase."""
    searcher = whoosh_service._current().generation.searcher
    clauses = [TimedPhrase(name, ["kreis", "kreis"], deadline=Deadline(1.0, clock=SteppingClock(1)))
               for name in TEXT_FIELDS]
    with pytest.raises(SearchTimeout):
        searcher.search(wq.Or(clauses), limit=None)


# each with its total over tests/data/search_profiles (7 public profiles): nothing but the
# 16 phrases (three profiles have one of them) and the exclusions of words no profile has
PATHOLOGICAL = [
    pytest.param('"' + " ".join(["Kreis"] * 30) + '"', 0, id="phrase of one common word repeated"),
    pytest.param(" ".join(f'"Kreis {w}"' for w in ("Soest", "Kleve", "Abfall", "Kreis") * 4), 3, id="16 phrases"),
    pytest.param(" ".join(f"abfal{i}*" for i in range(32)), 0, id="wildcard shapes"),
    pytest.param(" ".join(f"Feuerwher~{i}" for i in range(32)), 0, id="fuzzy shapes"),
    pytest.param("Abfallwirtschaftsverband" * 20, 0, id="480-letter compound"),
    pytest.param("x" * 500, 0, id="500-letter word"),
    pytest.param(" ".join(f"-Kreis{i}" for i in range(32)), 7, id="32 exclusions"),
]


@pytest.mark.parametrize(("query", "total"), PATHOLOGICAL)
def test_pathological_queries_are_answered(service, query, total):
    result = service.search(SearchRequest.create(query, per_page=100))
    assert (result.total, len(result.hits)) == (total, total)


@pytest.mark.parametrize(("query", "total"), PATHOLOGICAL)
@pytest.mark.parametrize("reads", [1, 3, 10])
def test_pathological_queries_are_refused_when_time_runs_out(service, monkeypatch, query, total, reads):
    """Time runs out after a few clock reads: the search stops with the time-out error
    wherever it is (query words, phrase matching, exclusions, snippets) or, when it
    needed fewer checks, is answered in full; afterwards the service answers normally."""
    request = SearchRequest.create(query, per_page=100)
    monkeypatch.setattr(service, "clock", SteppingClock(reads))  # read once when the deadline is set
    try:
        result = service.search(request)
    except SearchTimeout as error:
        assert error.parameter == "q" and error.code == "timeout"
    else:
        assert reads > 1  # past the limit at the first check: always refused
        assert result.total == total  # answered in full, not cut short (the services cache no results here)
        monkeypatch.undo()
        assert [h.id for h in result.hits] == [h.id for h in service.search(request).hits]
    monkeypatch.undo()
    assert service.search(SearchRequest.create("Abfall")).total > 0


def test_the_repeated_word_phrase_is_stopped_inside_matching(whoosh_service, monkeypatch):
    """Query words need no clock reads here beyond the first check; the phrase does
    (Whoosh's phrase matching; PostgreSQL's runs under its statement_timeout)."""
    service = whoosh_service
    monkeypatch.setattr(service, "clock", SteppingClock(2))
    with pytest.raises(SearchTimeout):
        service.search(SearchRequest.create('"' + " ".join(["Kreis"] * 30) + '"'))


def test_hundreds_of_terms_are_cut_to_the_first_32_before_any_work(service):
    """Long free text is not refused: the terms past the first 32 are ignored unanalysed."""
    result = service.search(SearchRequest.create(" ".join(f"w{i}*" for i in range(200))[:500]))
    assert result.ignored and result.ignored[0] == "w32*"


def test_pathological_queries_over_http_never_fail(client):
    for query in [p.values[0] for p in PATHOLOGICAL] + [" ".join(["Kreis~"] * 200)[:500]]:
        for path in ("/api/v1/search", "/"):
            response = client.get(path, query_string={"q": query})
            assert response.status_code in (200, 400, 503), (path, query)
