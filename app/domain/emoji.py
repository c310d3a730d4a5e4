"""Emoji drawn from the Twemoji SVGs shipped in the wheel, so every screen shows the same picture.

A Raspberry Pi without a colour emoji font shows empty boxes for 🦊; an ``<img>`` of the shipped
SVG looks the same there, on an iPad, on Windows and on paper. Files are named as Twemoji names
them (code points in hex, joined by ``-``; U+FE0F dropped unless the emoji is a ZWJ sequence)
and served at ``/static/emoji/<name>.svg``. Anything not shipped falls back to the text emoji.
"""

from app.domain.avatars import ANIMALS

# Icons for reasons: the defaults and a choice a school may pick from on the desk.
REASON_ICONS: tuple[str, ...] = (
    "⚖️", "🤝", "🫶", "🕊️", "🧹", "🚲", "⏳",
    "👏", "💪", "🌟", "⭐", "🎉", "❤️", "💛", "😊", "🙌", "👍", "🤗", "👂", "🙋",
    "🏃", "⚽", "🏀", "🧗", "🤸", "🎨", "📚", "🌱", "🌈", "🧩", "🎲", "🪁", "🛝", "🛴",
    "🍎", "🍀", "☀️", "🌻", "🐾", "🦸", "🥇", "✅", "🗣️", "🧃",
)  # fmt: skip
# What the kiosk, tablet, desk and certificate draw besides avatars and reasons.
SYMBOLS: tuple[str, ...] = (
    "🪙", "🏆", "🎁", "🏫", "🧸", "🏖️", "📺", "📱", "📍", "🔒", "🖨️", "⚡", "🧑‍🏫",
)  # fmt: skip


def emoji_name(text: str) -> str:
    """Twemoji's file name (without ``.svg``) for an emoji: ``"🦊"`` → ``"1f98a"``."""
    if "\u200d" not in text:
        text = text.replace("\ufe0f", "")
    return "-".join(f"{ord(char):x}" for char in text)


# Every file in app/web/static/emoji/ (a test checks the two agree).
SHIPPED: frozenset[str] = frozenset(
    f"{emoji_name(text)}.svg" for text in (*ANIMALS.values(), *REASON_ICONS, *SYMBOLS)
)


def emoji_file(text: str) -> str | None:
    """The shipped SVG's file name for ``text``, or None when the pages must show the text."""
    name = f"{emoji_name(text)}.svg"
    return name if name in SHIPPED else None
