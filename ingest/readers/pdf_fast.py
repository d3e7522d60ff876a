"""The fast text path of the PDF reader: words from pdfium (pypdfium2) on pages without vector graphics.

pdfplumber turns every character into a Python object, which costs 100 to 300 ms a page; pdfium gives the same
words about fifteen times faster. A page with no path objects (no ruling lines, boxes or underlines) can hold
no ruled table, so its words are all the reader needs: :meth:`FastPages.words` returns them in pdfplumber's
shape (``text``, ``x0``, ``x1``, ``top``, ``bottom``), or ``None`` for a page that needs pdfplumber (vector
graphics, a rotated page). The rest of the reader is the same for both.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FastPages", "TooManyChars", "page_words"]

_X_TOL = 1.5  # as pdfplumber's extract_words(x_tolerance=1.5)
_Y_TOL = 3.0


def page_words(page: Any) -> list[dict[str, Any]]:
    """Words of a pypdfium2 page: split at whitespace and at gaps wider than 1.5 points."""
    from pypdfium2 import raw

    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        text = textpage.get_text_range(0, n) if n else ""
        if len(text) != n:  # characters outside the BMP shift the indices: let pdfplumber read the page
            raise ValueError("text and character boxes do not line up")
        height = page.get_height()
        words: list[dict[str, Any]] = []
        cur: dict[str, Any] | None = None
        for k, ch in enumerate(text):
            if ch.isspace():
                cur = None
                continue
            left, bottom, right, _ = textpage.get_charbox(k, loose=True)
            # pdfminer's box: from the descent up by the font size (pdfium's loose box bottom is the descent)
            low = height - bottom
            top = low - (raw.FPDFText_GetFontSize(textpage.raw, k) or (low - (height - _)))
            if cur is not None and (left - cur["x1"] > _X_TOL or abs(top - cur["top"]) > _Y_TOL
                                    or left < cur["x0"] - 0.5):
                cur = None
            if cur is None:
                cur = {"text": ch, "x0": left, "x1": right, "top": top, "bottom": low}
                words.append(cur)
            else:
                cur["text"] += ch
                cur["x1"] = max(cur["x1"], right)
                cur["top"] = min(cur["top"], top)
                cur["bottom"] = max(cur["bottom"], low)
        return words
    finally:
        textpage.close()


class TooManyChars(Exception):
    """A page holding more characters than the reader's limit (``args[0]``: how many)."""


class FastPages:
    """The document opened with pdfium; ``None`` from :meth:`open` when pdfium cannot open it."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc

    @classmethod
    def open(cls, data: bytes) -> FastPages | None:
        try:
            import pypdfium2 as pdfium

            return cls(pdfium.PdfDocument(data))
        except MemoryError:
            raise
        except Exception:  # noqa: BLE001 - pdfplumber reads (or explains) whatever pdfium cannot
            return None

    def words(self, index: int, max_chars: int | None = None) -> tuple[list[dict[str, Any]], bool] | None:
        """(words, has images) of page ``index``, or ``None`` when the page needs pdfplumber. A page of more
        than ``max_chars`` characters raises :class:`TooManyChars` (before any is read, whichever reads it)."""
        from pypdfium2 import raw

        try:
            page = self.doc[index]
        except MemoryError:
            raise
        except Exception:  # noqa: BLE001
            return None
        try:
            if max_chars is not None:
                textpage = page.get_textpage()
                try:
                    n = textpage.count_chars()
                finally:
                    textpage.close()
                if n > max_chars:
                    raise TooManyChars(n)
            if page.get_rotation() or any(True for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH])):
                return None
            images = any(True for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE]))
            return page_words(page), images
        except ValueError:
            return None
        finally:
            page.close()

    def close(self) -> None:
        self.doc.close()
