"""Bytes to text: UTF-8 (the norm), UTF-16/32 by BOM or by their NUL pattern, else UTF-8 with replacement."""

from __future__ import annotations

import codecs

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF = 4096


def sniff_utf16(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when mostly-ASCII text shows NULs in every other byte; else None."""
    head = data[:_SNIFF]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, bool]:
    """The text, and True when undecodable bytes were replaced with U+FFFD."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(name, errors="replace")
            return text, "\ufffd" in text
    wide = sniff_utf16(data)  # before UTF-8: ASCII-only UTF-16 is valid (NUL-laden) UTF-8
    if wide is not None:
        text = data.decode(wide, errors="replace")
        return text, "\ufffd" in text
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), True
