"""One catalog, two languages: every key a page uses exists in Dutch and in English."""

import re
from pathlib import Path

from babel.messages.pofile import read_po

from app.i18n import LANGUAGES, catalog_keys

ROOT = Path(__file__).resolve().parents[1]
SURFACES = [ROOT / "app", ROOT / "kiosk"]
_KEY_IN_TEMPLATE = re.compile(r"""\b_\(\s*["']([a-z0-9_.-]+)["']\s*\)""")
_PLURAL_IN_TEMPLATE = re.compile(r"""\b_n\(\s*["']([a-z0-9_.-]+)["']\s*,""")


def _used_keys() -> dict[str, Path]:
    used = {}
    for root in SURFACES:
        for path in [*root.rglob("*.html"), *root.rglob("*.py")]:
            text = path.read_text(encoding="utf-8")
            for key in _KEY_IN_TEMPLATE.findall(text) + _PLURAL_IN_TEMPLATE.findall(text):
                used[key] = path
    return used


def test_both_languages_have_the_same_keys() -> None:
    dutch, english = (catalog_keys(language) for language in LANGUAGES)
    assert sorted(dutch - english) == [], "keys missing from the English catalog"
    assert sorted(english - dutch) == [], "keys missing from the Dutch catalog"


def test_every_key_used_by_a_page_is_translated() -> None:
    used = _used_keys()
    assert used, "no translated text found at all"
    for language in LANGUAGES:
        missing = {
            key: str(path.relative_to(ROOT))
            for key, path in used.items()
            if key not in catalog_keys(language)
        }
        assert missing == {}, f"untranslated keys in {language}"


def test_no_translation_is_empty() -> None:
    for language in LANGUAGES:
        path = ROOT / "app" / "i18n" / language / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as po_file:
            empty = [
                message.id for message in read_po(po_file) if message.id and not message.string
            ]
        assert empty == [], f"empty {language} translations"


def test_no_key_is_defined_twice() -> None:
    for language in LANGUAGES:
        text = (ROOT / "app" / "i18n" / language / "LC_MESSAGES" / "messages.po").read_text()
        keys = re.findall(r'^msgid "(.+)"$', text, flags=re.MULTILINE)
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        assert duplicates == [], f"keys defined twice in {language}"


def test_no_bracketed_plurals_or_doubled_nouns() -> None:
    """Plural forms come from the catalog (``_n``): no "kind(eren)", "child(ren)", "coin(s)",
    and a named thing is quoted, not doubled ("Groep Groep 6b")."""
    for language in LANGUAGES:
        text = (ROOT / "app" / "i18n" / language / "LC_MESSAGES" / "messages.po").read_text()
        strings = re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', text, flags=re.MULTILINE)
        bracketed = [s for s in strings if re.search(r"\w\((en|eren|ren|s)\)", s)]
        assert bracketed == [], language
        doubled = [s for s in strings if re.match(r"(Groep|Group|Bord|Board) \{", s)]
        assert doubled == [], language


def test_plural_entries_have_every_form() -> None:
    for language in LANGUAGES:
        path = ROOT / "app" / "i18n" / language / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as po_file:
            plurals = [m for m in read_po(po_file) if isinstance(m.id, tuple | list)]
        assert plurals, "no plural entries at all"
        for message in plurals:
            assert message.id[1] == f"{message.id[0]}.plural", message.id
            assert len(message.string) == 2, message.id
            assert "{count}" in message.string[-1], message.id  # the singular may say "one"
