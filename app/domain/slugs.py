"""Short names (slugs) for addresses, derived from what a teacher types: "Groep 6b – Plein"
becomes "groep-6b-plein". The desk's script does the same while the title is typed."""

import re
import unicodedata

MAX_SLUG = 40


def slug_from_title(title: str) -> str:
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug[:MAX_SLUG].rstrip("-")
