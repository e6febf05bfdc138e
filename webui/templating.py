"""Template helpers: translated labels, safe link URLs, query strings."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

from flask import Flask
from markupsafe import Markup, escape

from corpus.areas import TASK_AREAS
from index.groups import group_label, group_names
from search.shared import Shared
from webui.i18n import number, translations
from webui.present import value_label
from webui.profile_view import contact_html, legal_form_text


def N_(text: str) -> str:  # noqa: N802 - Babel's default keyword for a message translated later
    return text


# Translated once per page through the request's catalogue; lazy strings would each go
# through Flask-Babel's locale and domain lookup wherever a template shows them.
LABELS = {
    "facet_labels": {
        # the place facets select any participant's place (index.document.place_values)
        "area": N_("Task area"), "region": N_("Government region (participating)"),
        "state": N_("State (participating)"), "district": N_("District (participating)"),
        "keyword": N_("Keyword"), "lead": N_("Lead municipality"), "participant": N_("Participant"),
        "legal_form": N_("Legal form"), "year_from": N_("since (from)"), "year_to": N_("since (to)"),
    },
    "sort_labels": {"relevance": N_("Relevance"), "newest": N_("Newest first"), "oldest": N_("Oldest first"),
                    "title": N_("Title A–Z"), "added": N_("Recently added first"),
                    "near": N_("Nearest first")},
    # search.near's tiers; where a Land has no Regierungsbezirke, tier 2 is the same state
    "distance_labels": {"0": N_("takes part"), "1": N_("same district"), "2": N_("same government region"),
                        "3": N_("same state"), "4": N_("farther away")},
    "section_labels": {"anlass": N_("Occasion"), "ziel": N_("Goal"), "umsetzung": N_("Implementation"),
                       "finanzierung": N_("Funding")},
}


def safe_url(link: str) -> str | None:
    """An http(s) URL for a profile link, or None (no javascript:, data: or other schemes)."""
    link = link.strip()
    if link.startswith("www."):
        link = "https://" + link
    parts = urlsplit(link)
    if parts.scheme in ("http", "https") and parts.netloc and not any(c in link for c in '<>"\' '):
        return link
    return None


def urlencode_without_lang(args) -> str:  # noqa: ANN001 - a MultiDict
    return urlencode([(k, v) for k, v in args.items(multi=True) if k != "lang"])


def facet_links(buckets: list[dict], hint: str, hint_lang: str = "",
                pages: Callable[[str], str | None] | None = None, page_label: str = "", anchor: str = "") -> Markup:
    """The ``<li>`` links of a facet's buckets, each with its check mark, value and count;
    a selected one says so to screen readers (``hint``, in ``hint_lang``, an attribute or
    ""). ``pages``: value → URL of its municipality page or None; where there is one, a
    second link to it follows (its accessible name ``page_label`` with the value).
    ``anchor``: a fragment the links lead to (the facet, so that the page that loads shows
    it again, not its top). Written in Python rather than as a template loop: a page has up
    to 350 of these links, and in Jinja their lookups, escaping and Markup joins were about
    two thirds of the search page's rendering time."""
    parts = []
    fragment = f"#{escape(anchor)}" if anchor else ""
    for bucket in buckets:
        page = pages(bucket["value"]) if pages is not None else None
        if page:
            parts.append(_with_page(facet_links([bucket], hint, hint_lang, anchor=anchor), page, page_label,
                                    bucket["value"], hint_lang))
            continue
        head = f'<li><a href="{escape(bucket["toggle_url"])}{fragment}"'
        body = f'{escape(bucket.get("label", bucket["value"]))} <span class="count">({number(bucket["count"])})</span>'
        if bucket["selected"]:
            parts.append(f'{head} aria-current="true" class="selected"><span class="check" aria-hidden="true">☑</span> '
                         f'{body} <span class="visually-hidden"{hint_lang}>{escape(hint)}</span></a></li>\n')
        else:
            parts.append(f'{head}><span class="check" aria-hidden="true">☐</span> {body}</a></li>\n')
    return Markup("".join(parts))


def _with_page(item: Markup, url: str, label: str, value: str, label_lang: str) -> str:
    """A facet's ``<li>`` with a link to the value's municipality page before its end."""
    link = (f' <a class="place-page" href="{escape(url)}" aria-label="{escape(label)}: {escape(value)}" '
            f'title="{escape(label)}"{label_lang}>↗</a></li>\n')
    return str(item).removesuffix("</li>\n") + link


def value_label_of(name: str):  # noqa: ANN201 - a Jinja filter
    """A Jinja filter showing a value of facet ``name`` by its label (``present.value_label``)."""
    return lambda value, language="de": value_label(name, str(value), language)


def shared_parts(shared: Shared, language: str = "de") -> list[tuple[str, bool]]:
    """What a similar cooperation shares (``search.shared.Shared``) as (text, in the UI's
    language?) pairs: keywords, task groups and task areas by name in ``language``,
    municipalities (a group or area code the tables no longer know is left out)."""
    names = group_names()
    groups = [(group_label(code, language), True) for code in shared.groups if code in names]
    areas = [(TASK_AREAS[code][1 if language == "en" else 0], True) for code in shared.areas if code in TASK_AREAS]
    return [*((k, False) for k in shared.keywords), *groups, *areas,
            *((name, False) for _, name in shared.municipalities)]


def histogram(years: list[dict]) -> Markup:
    """The year histogram as inline SVG: one bar per year from the first to the last, none
    where the count is 0 (``present.number_axis``); hidden from screen readers, which get the
    range as text. In Python for the reason of ``facet_links``: 64 bars of five values each
    on the bundled corpus."""
    bars = "".join(f'<rect x="{i * 4}" y="{40 - y["height"] * 0.4:g}" width="3.4" height="{y["height"] * 0.4:g}">'
                   f'<title>{int(y["value"])}: {int(y["count"])}</title></rect>'
                   for i, y in enumerate(years) if y["count"])
    return Markup(f'<svg class="histogram" viewBox="0 0 {len(years) * 4} 40" preserveAspectRatio="none" '
                  f'aria-hidden="true" focusable="false">{bars}</svg>')


def init_app(app: Flask) -> None:
    app.jinja_env.filters["facet_links"] = facet_links
    app.jinja_env.filters["histogram"] = histogram
    app.jinja_env.filters["area_label"] = value_label_of("area")
    app.jinja_env.filters["safe_url"] = safe_url
    app.jinja_env.filters["shared_parts"] = shared_parts
    app.jinja_env.filters["urlencode_without_lang"] = urlencode_without_lang
    app.jinja_env.filters["contact_html"] = contact_html
    app.jinja_env.globals["legal_form_text"] = legal_form_text

    @app.context_processor
    def labels() -> dict:
        translate = translations().ugettext
        return {name: {key: translate(text) for key, text in table.items()} for name, table in LABELS.items()}
