"""The one translation catalog (gettext .po files, read with Babel) for every page.

Message ids are keys (``landing.title``); ``nl`` and ``en`` each translate every key. The
catalogs are compiled in memory at start-up, so no build step produces .mo files.
"""

import io
from collections.abc import Callable
from functools import lru_cache
from importlib.resources import files

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


@lru_cache
def translations(language: str) -> Translations:
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    path = files("app.i18n") / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


@lru_cache
def catalog_keys(language: str) -> frozenset[str]:
    path = files("app.i18n") / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as po_file:
        return frozenset(_key(message.id) for message in read_po(po_file) if message.id)


def _key(message_id: str | tuple[str, ...] | list[str]) -> str:
    # A plural entry's id is (key, key + ".plural"): the key is its singular.
    return message_id if isinstance(message_id, str) else message_id[0]


def gettext_for(language: str) -> Callable[[str], str]:
    return translations(language).gettext


def plural_for(language: str) -> Callable[..., str]:
    """``_n(key, 3)``: the key's singular or plural form for that number,
    with ``{count}`` (and any other named values) filled in. Plural entries in the .po files
    are ``msgid "key"`` / ``msgid_plural "key.plural"`` with one ``msgstr[i]`` per form."""
    ngettext = translations(language).ngettext

    def plural(key: str, count: int, **values: object) -> str:
        return ngettext(key, f"{key}.plural", count).format(count=count, **values)

    return plural


def messages_with_prefix(language: str, *prefixes: str) -> dict[str, str]:
    """Translated messages whose key starts with a prefix: what a page's script needs."""
    gettext = gettext_for(language)
    return {key: gettext(key) for key in sorted(catalog_keys(language)) if key.startswith(prefixes)}


def pick_language(requested: str | None, cookie: str | None, default: str) -> str:
    for candidate in (requested, cookie, default):
        if candidate in LANGUAGES:
            return candidate
    return DEFAULT_LANGUAGE
