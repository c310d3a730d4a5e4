"""QR codes for the desk and printed cards, as inline SVG (nothing fetched, sharp on paper)."""


def qr_svg(url: str, *, scale: int = 6) -> str:
    # segno is imported on the first QR drawn: an idle server need not hold it (~9 MB).
    import segno

    return segno.make(url, error="m").svg_inline(scale=scale, border=2, title=url, dark="#1d2433")
