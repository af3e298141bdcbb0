"""Text bound for a terminal, with its control characters shown instead of obeyed.

A scenario's title or a participant's name can hold escape sequences (`\\x1b]0;owned\\a`
retitles a terminal, `\\x1b[2J` clears it). `clean` writes every control character, and the
invisible format characters that reorder text (bidi overrides), as a visible escape such
as `\\x1b` or `\\u202e`. `clean_lines` keeps line breaks and tabs.
"""

from __future__ import annotations

import io
import unicodedata
from typing import TextIO

_KEEP_IN_LINES = frozenset("\n\t")


def _shown(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _unsafe(char: str) -> bool:
    if char < " " or "\x7f" <= char <= "\x9f":
        return True
    return char >= "\u00ad" and unicodedata.category(char) in ("Cf", "Zl", "Zp", "Cs")


def clean(text: str, keep: frozenset[str] = frozenset()) -> str:
    """`text` with control and format characters escaped (except those in `keep`)."""
    if text.isprintable():
        return text  # the usual case, fast
    return "".join(_shown(c) if c not in keep and _unsafe(c) else c for c in text)


def clean_lines(text: str) -> str:
    """Like `clean`, but line breaks and tabs stay as they are."""
    return clean(text, _KEEP_IN_LINES)


class SafeStream(io.TextIOBase):
    """A text stream that passes everything written through `clean_lines`."""

    def __init__(self, inner: TextIO) -> None:
        super().__init__()
        self.inner = inner

    def write(self, text: str) -> int:
        self.inner.write(clean_lines(text))
        return len(text)

    def flush(self) -> None:
        self.inner.flush()

    def isatty(self) -> bool:
        return self.inner.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.inner, "encoding", "utf-8")

    def fileno(self) -> int:
        return self.inner.fileno()
