"""Profile → the rows of a PostgreSQL generation (pure functions, no database).

The token statistics are exactly what the Whoosh writer records for the same document
(term frequency = number of positions, field length = number of tokens, stored in
Whoosh's one-byte approximation), so both engines rank with the same numbers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from whoosh.util.numeric import byte_to_length, length_to_byte

from corpus import Profile
from index.document import profile_to_document
from index.folding import german_sort_key
from index.pg.schema import MULTI_FACETS, SINGLE_FACETS, tsv_token
from index.postings import german_positions
from index.schema import TEXT_FIELDS

MAX_TSV_POSITION = 16383  # PostgreSQL's limit; later positions are dropped from phrase matching
MAX_TSV_POSITIONS = 256  # positions kept per lexeme (PostgreSQL's limit)


@dataclass(frozen=True)
class DocumentRows:
    """Everything a generation stores about one profile."""

    id: str
    private: bool
    year: int | None
    singles: dict[str, str | None]
    multis: dict[str, list[str]]
    title: str
    lengths: list[float]
    payload: str
    texts: dict[str, str]
    spell: str
    digest: str
    tsv: str
    terms: dict[tuple[int, str], float]  # (field code, token) → term frequency (weight)

    @property
    def title_key(self) -> str:
        return german_sort_key(self.title)


def whoosh_length(tokens: int) -> float:
    """A field length as Whoosh stores it (one byte, approximate above small numbers)."""
    return float(byte_to_length(length_to_byte(tokens)))


def escape_lexeme(lexeme: str) -> str:
    """A lexeme as it goes between single quotes in a ``tsvector`` or ``tsquery`` literal
    (backslashes and quotes doubled). Raises nothing."""
    return lexeme.replace("\\", "\\\\").replace("'", "''")


def document_rows(profile: Profile) -> DocumentRows:
    """The rows of one profile. Raises nothing."""
    document = profile_to_document(profile)
    terms: dict[tuple[int, str], int] = {}
    lengths: list[float] = []
    lexemes: list[str] = []  # of the phrase tsvector, in its text form
    texts = {}
    for code, name in enumerate(TEXT_FIELDS):
        text = document.get(name)
        if not text:
            lengths.append(0.0)
            continue
        texts[name] = str(text)
        places, weights = german_positions(str(text))  # what the Whoosh writer records
        lengths.append(whoosh_length(sum(len(p) for p in places.values())))
        prefix = tsv_token(name, "")
        for token, token_places in places.items():
            terms[(code, token)] = weights[token]
            if len(token_places) == 1:  # most words: no sorting, no duplicates
                if token_places[0] >= MAX_TSV_POSITION:
                    continue
                spots = str(token_places[0] + 1)
            else:  # a joined hyphenated word may repeat a part's term at an earlier position
                kept = sorted({p + 1 for p in token_places if p < MAX_TSV_POSITION})[:MAX_TSV_POSITIONS]
                if not kept:
                    continue
                spots = ",".join(map(str, kept))
            lexeme = prefix + token
            if "'" in lexeme or "\\" in lexeme:
                lexeme = escape_lexeme(lexeme)
            lexemes.append(f"'{lexeme}':{spots}")
    tsv = " ".join(lexemes)
    multis = {facet: [v for v in dict.fromkeys(str(document.get(facet, "")).split("\n")) if v]
              for facet in MULTI_FACETS}
    return DocumentRows(
        id=profile.id,
        private=profile.private,
        year=profile.year,
        singles={facet: (str(document[facet]) if document.get(facet) else None) for facet in SINGLE_FACETS},
        multis=multis,
        title=profile.title,
        lengths=lengths,
        payload=str(document["payload"]),
        texts=texts,
        spell=str(document.get("spell", "")),
        digest=str(document["digest"]),
        tsv=tsv,
        terms=terms,
    )


def texts_json(rows: DocumentRows) -> str:
    return json.dumps(rows.texts, ensure_ascii=False)


def stored_texts(value: str | dict[str, str]) -> dict[str, str]:
    """The texts of a ``bodies`` row: JSON text (a ``jsonb`` column in generations built
    before 2026-11-27: loading it cost the server a JSON parse per profile, for nothing)."""
    return value if isinstance(value, dict) else json.loads(value)
