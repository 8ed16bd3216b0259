"""Encoding faults visible in decoded register text, with their likely cause and fix.

Three faults are told apart (the reader has already decoded the bytes; this
looks at the text it produced):

- ``?`` where Vietnamese letters should be ("X? Hi?p T?ng"): the file was
  saved in an ANSI code page that has no Vietnamese letters, which replaced
  them for good;
- mojibake ("Tá»‰nh" for "Tỉnh"): UTF-8 text that was read once as
  Windows-1252 and saved again;
- TCVN3/VNI text in a Unicode file ("Hi\u00d6p T\u00f9ng"): typed with a
  .VnTime/VNI-Times font and saved as Unicode without converting.
"""

from __future__ import annotations

import re

from .cells import Msg

#: A "?" inside or right after a word: a letter the code page could not hold.
_QUESTION = re.compile(r"[A-Za-z]\?|\?[A-Za-z]")
#: Byte pairs of UTF-8 Vietnamese read as Windows-1252 ("á»", "Æ°", "Ä‘", "Ã¡").
_MOJIBAKE = re.compile(r"(?:á»|áº|Æ°|Æ¡|Ä‘|Ä|Ã[\u00a0-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ])")


def _mojibake_fixes(text: str) -> bool:
    """Whether re-reading ``text`` as UTF-8 bytes of Windows-1252 gives clean text."""
    try:
        fixed = text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return False
    return fixed != text


def diagnose(texts: list[str]) -> tuple[str, Msg] | None:
    """Name the encoding fault of ``texts`` (header and sample cells), if any.

    Returns
    -------
    tuple or None
        ``(kind, message)`` with ``kind`` one of ``"ansi"``, ``"mojibake"``,
        ``"tcvn3"``, ``"vni"``; the message (a :class:`~.cells.Msg`, in any
        language) gives the cause and the fix.
    """
    texts = [t for t in texts if t]
    if not texts:
        return None
    questions = sum(len(_QUESTION.findall(t)) for t in texts)
    if questions >= 2:
        sample = next(t for t in texts if _QUESTION.search(t))
        return "ansi", Msg("diag_ansi", sample=sample[:40])
    garbled = [t for t in texts if _MOJIBAKE.search(t) and _mojibake_fixes(t)]
    if garbled:
        sample = garbled[0]
        fixed = sample.encode("cp1252").decode("utf-8")
        return "mojibake", Msg("diag_mojibake", sample=sample[:40], fixed=fixed[:40])
    legacy = [t for t in texts if not t.isascii()]
    if legacy:
        from ...io.encoding import legacy_in_text

        enc, converted, _ = legacy_in_text(legacy[:200])
        if enc is not None:
            pairs = enumerate(zip(legacy, converted, strict=False))
            i = next((k for k, (a, b) in pairs if a != b), 0)
            font = ".VnTime (TCVN3/ABC)" if "tcvn" in enc.lower() else "VNI-Times (VNI)"
            return ("tcvn3" if "tcvn" in enc.lower() else "vni"), Msg(
                "diag_legacy", font=font, sample=legacy[i][:40], fixed=converted[i][:40])
    return None
