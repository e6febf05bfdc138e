"""Languages: German by default, English; chosen by ``?lang=``, a cookie, Accept-Language."""

from __future__ import annotations

import datetime
import functools
import re

from babel.dates import format_date
from babel.support import Translations
from flask import Flask, Response, g, request
from flask_babel import Babel, get_locale, get_translations
from markupsafe import Markup

from corpus.gazetteer import ATTRIBUTION

LANGUAGES = ("de", "en")
COOKIE = "lang"


def select_locale() -> str:
    wanted = request.args.get("lang") or request.cookies.get(COOKIE)
    if wanted in LANGUAGES:
        return wanted
    return request.accept_languages.best_match(LANGUAGES, default="de") or "de"


SEPARATORS = {"de": (".", ","), "en": (",", ".")}


def number(value: float | int | None, digits: int = 0) -> str:
    """German or English number formatting (``588.250``, ``280,7``): the CLDR separators
    of the two UI languages, applied without a locale lookup per number."""
    if value is None:
        return "–"
    if not digits and type(value) is int and -1000 < value < 1000:
        return str(value)  # no separator to place (most facet counts)
    thousands, decimal = SEPARATORS.get(g.get("ikz_lang", "de"), SEPARATORS["de"])
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
# the date of the official municipality directory, as its attribution states it
DIRECTORY_DATE = _GERMAN_DATE.search(ATTRIBUTION.split("Stand", 1)[1]).group(0)


@functools.lru_cache(maxsize=256)
def _format_date(day: datetime.date, lang: str) -> str:
    return format_date(day, format="medium", locale=lang)


def local_date(value: datetime.date | str | None) -> str:
    """A date in the page's language (``31.12.2022``, ``Dec 31, 2022``); text that is neither
    a German (``TT.MM.JJJJ``) nor an ISO date (``JJJJ-MM-TT``) stays as it is."""
    if value is None:
        return ""
    if isinstance(value, str):
        found = _GERMAN_DATE.fullmatch(value.strip())
        try:
            if found:
                value = datetime.date(int(found.group(3)), int(found.group(2)), int(found.group(1)))
            else:
                value = datetime.date.fromisoformat(value.strip())
        except ValueError:
            return value
    return _format_date(value, g.get("ikz_lang", "de"))


def translations() -> Translations:
    """The request's translations, looked up once per request: Flask-Babel resolves context,
    domain and locale again on every call (about 80 µs; a search page makes 50 calls)."""
    found = g.get("ikz_translations")
    if found is None:
        found = g.ikz_translations = get_translations()
    return found


def template_gettext(text: str, **variables: object) -> Markup:
    """``_()`` in templates: what Jinja's newstyle gettext does with autoescaping (the
    translation marked safe, the variables escaped into it), without its per-call context
    resolution: 15 → 3 µs a call, and a search page makes about 45."""
    return Markup(translations().ugettext(text)) % variables


def template_ngettext(singular: str, plural: str, num: int, **variables: object) -> Markup:
    variables.setdefault("num", num)
    return Markup(translations().ungettext(singular, plural, num)) % variables


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=select_locale, default_translation_directories="translations")
    app.jinja_env.filters["number"] = number
    app.jinja_env.filters["local_date"] = local_date
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(
        gettext=lambda text: translations().ugettext(text),
        ngettext=lambda singular, plural, n: translations().ungettext(singular, plural, n),
        newstyle=True,
    )
    # the same as the newstyle callables just installed, without their context lookups
    app.jinja_env.globals.update(_=template_gettext, gettext=template_gettext, ngettext=template_ngettext)

    @app.before_request
    def language() -> None:
        g.ikz_lang = str(get_locale())

    @app.after_request
    def remember_language(response: Response) -> Response:
        wanted = request.args.get("lang")
        if wanted in LANGUAGES and request.cookies.get(COOKIE) != wanted:
            response.set_cookie(COOKIE, wanted, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
        response.headers["Content-Language"] = str(get_locale())
        response.vary.add("Accept-Language")
        response.vary.add("Cookie")
        return response

    @app.context_processor
    def language_context() -> dict:
        lang = str(get_locale())
        # the profiles are German: on pages in another language their text is marked as
        # German (WCAG 3.1.2), on German pages the page's own lang covers it
        return {"current_lang": lang, "languages": LANGUAGES, "directory_date": DIRECTORY_DATE,
                "de_attr": Markup("") if lang == "de" else Markup(' lang="de"')}
