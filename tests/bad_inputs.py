"""The bad-input corpus: every kind of broken, odd or hostile input reviewgraph meets, generated on demand.

Each :class:`Case` writes its input into a folder and says what ``reviewgraph ingest`` must do with it:
``error`` (nothing could be read: exit 2, one line naming the file), ``warning`` (read, with a one-line
warning naming the file and, where there is one, the place) or ``ok`` (read cleanly). ``recs`` is how many
recommendations must land from it alone; ``texts`` are strings that must be in the stored graph (so a
decoding or a cleaning is checked, not only a count).

``python -m tests.bad_inputs`` runs every case through the CLI and prints the table for docs/reliability.md
(kind of input, what the user sees, what was kept); ``--write docs/reliability.md`` puts it there. All content is invented (people, places, agencies).
"""

from __future__ import annotations

import codecs
import os
import random
import shutil
import stat
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

TITLE = "Ashcombe Community Safety Partnership DHR-2 Action Plan"
HEADER = ("No", "Recommendation", "Action", "Lead agency", "Target date", "Status")
ROWS = [
    ("1.", "That Ashcombe Police reviews every MARAC referral made in 2024.", "Audit of referrals",
     "Ashcombe Police", "April 2025", "Complete"),
    ("2.", "That Ashcombe Council trains housing officers in coercive control.", "Training for officers",
     "Ashcombe Council", "June 2025", "In progress"),
    ("3.", "That the CSP shares the learning with the Safeguarding Adults Board.", "Learning event",
     "Ashcombe CSP", "September 2025", "Not started"),
]


def plan(rows: list[tuple[str, ...]] | None = None, *, title: str = TITLE, header: tuple[str, ...] = HEADER,
         sep: str = "\n") -> str:
    """The plan as tab-separated text (as text extracted from PDF), with ``sep`` between lines."""
    lines = [title, "\t".join(header)] + ["\t".join(r) for r in (ROWS if rows is None else rows)]
    return sep.join(lines) + sep


def _row(i: int, text: str, **cells: str) -> tuple[str, ...]:
    base = dict(zip(HEADER, ROWS[i]))
    base["Recommendation"] = text
    base.update({k.replace("_", " ").capitalize() if k != "lead" else "Lead agency": v for k, v in cells.items()})
    return tuple(base[h] for h in HEADER)


@dataclass
class Case:
    kind: str                                  # what the table calls it
    make: Callable[[Path], Path]               # writes the input under a folder, returns what to ingest
    outcome: str                               # error | warning | ok
    says: str = ""                             # words the message must contain (case-insensitive)
    recs: int = 0                              # recommendations that must land from it alone
    texts: tuple[str, ...] = ()                # strings that must be in the stored graph
    absent: tuple[str, ...] = ()               # strings that must not be (mojibake, null bytes)
    needs: str | None = None                   # why the case cannot run here, when it cannot
    slow: bool = False
    unprivileged: bool = False                 # run without root's power to read any file
    names: tuple[str, ...] = field(default=())  # file names the messages must name (default: the input's)


def _write(folder: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
    p = folder / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return p


def _junk(n: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(n)


def _pdf(folder: Path, name: str, encrypt: bool = False) -> Path:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    path = folder / name
    c = canvas.Canvas(str(path), encrypt=StandardEncryption("secret") if encrypt else None, invariant=1)
    y = 800
    for line in plan().splitlines():
        c.drawString(40, y, line.replace("\t", "   "))
        y -= 14
    c.save()
    return path


def _truncated_pdf(folder: Path) -> Path:
    data = _pdf(folder, "whole.pdf").read_bytes()
    (folder / "whole.pdf").unlink()
    return _write(folder, "truncated.pdf", data[: len(data) // 2])


def _zip(folder: Path, name: str, members: dict[str, str]) -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w") as zf:
        for member, text in members.items():
            zf.writestr(member, text)
    return path


def _docx_then_cut(folder: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph(TITLE)
    d.save(folder / "whole.docx")
    data = (folder / "whole.docx").read_bytes()
    (folder / "whole.docx").unlink()
    return _write(folder, "cut.docx", data[: len(data) // 3])


def _xlsx_header_only(folder: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(list(HEADER))
    path = folder / "header-only.xlsx"
    wb.save(path)
    return path


def _xlsx_empty(folder: Path) -> Path:
    import openpyxl

    path = folder / "empty-sheet.xlsx"
    openpyxl.Workbook().save(path)
    return path


def _mixed(folder: Path) -> Path:
    lines = plan([_row(0, "That Ashcombe Police reviews Zoë’s referral."),
                  _row(1, "That Ashcombe Council trains staff: café staff too."), ROWS[2]]).splitlines()
    data = b"\n".join(ln.encode("cp1252") if "café" in ln else ln.encode("utf-8") for ln in lines) + b"\n"
    return _write(folder, "mixed-encodings.txt", data)


def _nulls(folder: Path) -> Path:
    text = plan()
    data = text.encode("utf-8").replace(b"Audit of", b"Audit\x00 of").replace(b"Learning event", b"Learning\x00\x00event")
    return _write(folder, "null-bytes.txt", data)


def _fifo(folder: Path) -> Path:
    sub = folder / "with-pipe"
    sub.mkdir()
    _write(sub, "plan.txt", plan())
    os.mkfifo(sub / "pipe.txt")
    return sub


def _loop(folder: Path) -> Path:
    sub = folder / "looped"
    sub.mkdir()
    _write(sub, "plan.txt", plan())
    (sub / "again").symlink_to(sub, target_is_directory=True)
    return sub


def _dangling(folder: Path) -> Path:
    sub = folder / "with-dangling-link"
    sub.mkdir()
    _write(sub, "plan.txt", plan())
    (sub / "gone.txt").symlink_to(sub / "moved-away.txt")
    return sub


def _unreadable(folder: Path) -> Path:
    sub = folder / "with-unreadable"
    sub.mkdir()
    _write(sub, "plan.txt", plan())
    locked = _write(sub, "locked.txt", plan(title="Ashcombe DHR-9 Action Plan"))
    locked.chmod(0)
    return sub


def _thousand(folder: Path) -> Path:
    sub = folder / "thousand"
    sub.mkdir()
    for i in range(1000):
        _write(sub, f"note-{i:04d}.txt", f"Panel note {i}\nThe panel met on {i % 28 + 1} March 2025.\n")
    _write(sub, "plan.txt", plan())
    return sub


def _big(folder: Path) -> Path:
    filler = ("The panel read the chronology of contact between the agencies and the family over the year. " * 4
              + "\n").encode()
    path = folder / "fifty-megabytes.txt"
    with open(path, "wb") as fh:
        fh.write(plan().encode())
        fh.write(filler * (50_000_000 // len(filler) + 1))
    return path


def _odd_name(folder: Path) -> Path:
    path = folder / "plan\nreviewgraph: error: forged.txt"
    path.write_text(plan(), encoding="utf-8")
    return path


def _undecodable_name(folder: Path) -> Path:
    raw = os.fsencode(folder) + b"/plan-\xff\xfe.txt"
    with open(raw, "wb") as fh:
        fh.write(plan().encode())
    return Path(os.fsdecode(raw))


def _thousands_of_columns(folder: Path, named: bool = False) -> Path:
    """A plan whose table runs on for 3,000 more columns: blank ones (a spreadsheet formatted far to the
    right), or columns with headers reviewgraph does not know."""
    extra = tuple(f"Column {i}" if named else "" for i in range(3000))
    rows = [r + tuple(f"v{i}" if named else "" for i in range(3000)) for r in ROWS]
    return _write(folder, "wide-named.txt" if named else "wide.txt", plan(rows, header=HEADER + extra))


def _wide_known(folder: Path) -> Path:
    """3,000 columns headed with a known word, rows filled in every other cell (no row as long as the
    header): the content fit of cells to columns is cubic in the columns, so this hung before."""
    header = HEADER + ("Progress update",) * 3000
    rows = [r + tuple("" if i % 2 else f"Update {i} given to the panel" for i in range(2999)) for r in ROWS]
    return _write(folder, "wide-known.txt", plan(rows, header=header))


def _root() -> str | None:
    """Why chmod 000 cannot be tested here, if it cannot: root reads anything, unless the subprocess drops
    the capabilities that let it (setpriv, from util-linux)."""
    if os.geteuid() != 0:
        return None
    if not shutil.which("setpriv"):
        return "running as root without setpriv, where chmod 000 does not stop reading"
    return None


def _scanned_pdf(folder: Path) -> Path:
    from reportlab.pdfgen import canvas

    path = folder / "scanned.pdf"
    c = canvas.Canvas(str(path), invariant=1)
    c.rect(40, 400, 300, 300, fill=1)
    c.save()
    return path


# -- bombs: small files that would take the machine's memory or time, read whole (issue 15) -----------------
# Each writes its file quickly (under a second) and small on disk; docs/reliability.md gives what each cost
# before the limits of ingest/readers/limits.py and what it costs now.
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CT_DOCX = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>')
_RELS_DOCX = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
              'officeDocument" Target="word/document.xml"/></Relationships>')


def docx_paragraphs(path: Path, n: int = 5_000_000, empty: bool = False) -> Path:
    """A .docx of ``n`` paragraphs (``empty``: ``<w:p/>``, else one run of one letter each), streamed into
    the zip: 5 million take half a megabyte on disk."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _CT_DOCX)
        zf.writestr("_rels/.rels", _RELS_DOCX)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'
                     .encode())
            para = b"<w:p/>" if empty else b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
            for done in range(0, n, 10_000):
                fh.write(para * min(10_000, n - done))
            fh.write(b"</w:body></w:document>")
    return path


def pdf_operators(path: Path, n: int = 4_000_000) -> Path:
    """A one-page PDF whose page draws one letter ``n`` times (``(x) Tj``), its content stream deflated:
    4 million operators take 41 KB."""
    content = b"BT /F1 1 Tf 10 10 Td " + b"(x) Tj " * n + b"ET"
    stream = zlib.compress(content, 9)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
            b"/Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


_CT_XLSX = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
_RELS_XLSX = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
              'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WB = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
       '<sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
SS_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def xlsx_shared_strings(path: Path, strings: int = 2_000_000, rows: int = 20_000, cols: int = 50,
                        text: str = "Ashcombe recommendation text") -> Path:
    """A workbook whose shared-strings table holds ``strings`` strings (each ``text`` with its number when
    ``text`` holds ``{}``) and whose sheet's ``rows`` x ``cols`` cells point at them."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _CT_XLSX)
        zf.writestr("_rels/.rels", _RELS_XLSX)
        zf.writestr("xl/workbook.xml", _WB)
        zf.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
            fh.write(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{SS_NS}" count="{strings}" '
                     f'uniqueCount="{strings}">'.encode())
            for start in range(0, strings, 10_000):
                fh.write("".join(f"<si><t>{text.format(i)}</t></si>" for i in range(start, min(start + 10_000, strings)))
                         .encode())
            fh.write(b"</sst>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{SS_NS}"><sheetData>'.encode())
            row_cells = "".join(f'<c t="s"><v>{j % max(strings, 1)}</v></c>' for j in range(cols)).encode()
            for r in range(1, rows + 1):
                fh.write(b'<row r="%d">' % r + row_cells + b"</row>")
            fh.write(b"</sheetData></worksheet>")
    return path


def wide_csv(path: Path, cols: int = 20_000, rows: int = 8) -> Path:
    """A CSV plan whose header repeats the plan's columns over ``cols`` columns, every cell filled."""
    header = ["No", "Recommendation", "Action", "Lead agency", "Target date", "Status"]
    lines = [",".join(header * (cols // len(header)))]
    lines += [",".join(["1", "x"] * (cols // 2)) for _ in range(rows)]
    path.write_text("\n".join(lines) + "\n")
    return path


def zip_declared(path: Path) -> Path:
    """A .docx whose central directory says its document.xml unpacks to 4 GB (the data is 10,000 paragraphs)."""
    import struct

    docx_paragraphs(path, n=10_000)
    data = bytearray(path.read_bytes())
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) >= 0:  # each central directory entry
        n = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46: pos + 46 + n] == b"word/document.xml":
            struct.pack_into("<I", data, pos + 24, 0xFFFFFFFE)  # its uncompressed size
        pos += 4
    path.write_bytes(bytes(data))
    return path


def big_text(path: Path, size: int = 1 << 30, sparse: bool = True) -> Path:
    """A text plan followed by filler up to ``size`` bytes: lines of text, or (``sparse``) a hole the file
    system does not store, read back as null bytes, between two lines of text."""
    filler = ("The panel read the chronology of contact between the agencies. " * 4 + "\n").encode()
    with open(path, "wb") as fh:
        fh.write(plan().encode() + filler * 1000)
        if sparse:
            fh.seek(size - len(filler))
            fh.write(filler)
        else:
            block = filler * 4000
            while fh.tell() < size:
                fh.write(block)
    return path


def ratio_docx(path: Path) -> Path:
    """A .docx whose document.xml is 50 MB of spaces inside one paragraph: 50 KB packed."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _CT_DOCX)
        zf.writestr("_rels/.rels", _RELS_DOCX)
        with zf.open("word/document.xml", "w") as fh:
            fh.write(f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode())
            for _ in range(50):
                fh.write(b" " * 1_000_000)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return path


CASES: list[Case] = [
    Case("empty file", lambda d: _write(d, "empty.txt", b""), "error", "empty"),
    Case("whitespace only", lambda d: _write(d, "blank.txt", " \n\t\r\n   \n"), "error", "empty"),
    Case("binary junk", lambda d: _write(d, "junk.txt", _junk(20_000)), "error", "binary"),
    Case("an image named .pdf", lambda d: _write(d, "photo.pdf", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _junk(500)),
         "error", "binary"),
    Case("truncated PDF", _truncated_pdf, "error", "truncated.pdf"),
    Case("encrypted PDF", lambda d: _pdf(d, "locked.pdf", encrypt=True), "error", "password"),
    Case("scanned PDF (no text layer)", _scanned_pdf, "error", "OCR"),
    Case("corrupt DOCX (a zip that is not a Word file)", lambda d: _zip(d, "plan.docx", {"notes.txt": "hello"}),
         "error", "zip"),
    Case("corrupt XLSX (not a zip at all)", lambda d: _write(d, "plan.xlsx", _junk(3000, seed=3)), "error",
         "binary"),
    Case("truncated DOCX", _docx_then_cut, "error", "cut.docx"),
    Case("old binary .doc", lambda d: _write(d, "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
         "error", ".docx"),
    Case("cp1252 (Windows) text", lambda d: _write(d, "cp1252.txt", plan([_row(0, "That Ashcombe Police "
         "reviews Zoë’s referral – in full."), *ROWS[1:]]), "cp1252"), "ok", recs=3, texts=("Zoë’s referral – in",)),
    Case("UTF-16 with BOM", lambda d: _write(d, "utf16-bom.txt", codecs.BOM_UTF16_LE + plan().encode("utf-16-le")),
         "ok", recs=3, texts=("MARAC referral",)),
    Case("UTF-16 without BOM", lambda d: _write(d, "utf16.txt", plan().encode("utf-16-le")), "ok", recs=3,
         texts=("MARAC referral",)),
    Case("UTF-16 big-endian without BOM", lambda d: _write(d, "utf16be.txt", plan().encode("utf-16-be")), "ok",
         recs=3, texts=("MARAC referral",)),
    Case("mixed encodings (UTF-8 and cp1252 lines)", _mixed, "warning", "encoding", recs=3,
         texts=("Zoë’s referral", "café staff"), absent=("Ã©", "Ã«")),
    Case("Windows (CRLF) line endings", lambda d: _write(d, "crlf.txt", plan(sep="\r\n")), "ok", recs=3),
    Case("old Mac (CR) line endings", lambda d: _write(d, "cr.txt", plan(sep="\r")), "ok", recs=3),
    Case("a 50 MB file", _big, "warning", "million characters", recs=3, slow=True),
    Case("a single 1 MB line", lambda d: _write(d, "one-line.txt", "word " * 200_000), "warning",
         "no action-plan table"),
    Case("a 1 MB line after a plan", lambda d: _write(d, "long-tail.txt", plan() + "and then " * 120_000), "ok",
         recs=3),
    Case("table with no header", lambda d: _write(d, "no-header.txt", TITLE + "\n" + "\n".join("\t".join(r) for r in ROWS)),
         "warning", "header row"),
    Case("header with no rows", lambda d: _write(d, "header-only.txt", plan([])), "warning", "line 2: a table header with no rows"),
    Case("spreadsheet with a header and no rows", _xlsx_header_only, "warning", "a table header with no rows"),
    Case("spreadsheet with nothing in it", _xlsx_empty, "error", "sheets are empty"),
    Case("thousands of blank columns", _thousands_of_columns, "ok", recs=3),
    Case("thousands of columns with known headings, sparse rows", _wide_known, "ok", recs=3),
    Case("thousands of named columns", lambda d: _thousands_of_columns(d, named=True), "warning",
         "header row"),
    # (its 8 rows all give recommendation 1 in the same words: one recommendation with 8 actions)
    Case("a CSV of 20,000 filled columns", lambda d: wide_csv(d / "wide-filled.csv"), "warning", "columns", recs=1),
    Case("a Word zip bomb (5 million paragraphs in 500 KB)", lambda d: docx_paragraphs(d / "paragraphs.docx"),
         "error", "REVIEWGRAPH_MAX_XML_PART_MB"),
    Case("a Word file of 300,000 empty paragraphs", lambda d: docx_paragraphs(d / "empty-paragraphs.docx", 300_000,
         empty=True), "error", "200,000 paragraphs"),
    Case("a Word part packed 1,000 to 1", lambda d: ratio_docx(d / "packed.docx"), "error", "packed size"),
    Case("a zip declaring a 4 GB part", lambda d: zip_declared(d / "declared.docx"), "error", "unpacked"),
    Case("a PDF page of 4 million text operators", lambda d: pdf_operators(d / "operators.pdf"), "error",
         "drawing instructions"),
    Case("a PDF page of 400,000 characters", lambda d: pdf_operators(d / "dense.pdf", 400_000), "error",
         "200,000 characters"),
    Case("an Excel shared-strings bomb", lambda d: xlsx_shared_strings(d / "strings.xlsx"), "error",
         "sharedStrings.xml"),
    Case("a 1 GB text file (sparse)", lambda d: big_text(d / "gigabyte.txt"), "warning", "million characters",
         recs=3),
    Case("cells with HTML and <script>", lambda d: _write(d, "script.txt", plan([
        _row(0, "That Ashcombe Police <script>window.__pwned=2</script>reviews <b>referrals</b>."),
        _row(1, "That the council <img src=x onerror=\"window.__pwned=1\"> trains staff.",
             lead="<a href=\"javascript:alert(1)\">Ashcombe Council</a>"),
        _row(2, "That the CSP &lt;script&gt;alert(3)&lt;/script&gt; shares learning.")])), "ok", recs=3,
        absent=("onerror", "<img")),
    Case("Markdown in cells", lambda d: _write(d, "markdown.txt", plan([
        _row(0, "That **Ashcombe Police** reviews [referrals](http://example.invalid) | col |"), *ROWS[1:]])),
        "ok", recs=3, texts=("Ashcombe Police reviews",)),
    Case("Cypher and SPARQL fragments in cells", lambda d: _write(d, "injection.txt", plan([
        _row(0, "That police review MATCH (n) DETACH DELETE n; // '}) RETURN 1"),
        _row(1, "That the council trains staff DROP ALL; DELETE WHERE { ?s ?p ?o }"), ROWS[2]])), "ok", recs=3,
        texts=("DETACH DELETE n", "DELETE WHERE")),
    Case("null bytes in text", _nulls, "warning", "null", recs=3, texts=("Audit of referrals",), absent=("\x00",)),
    Case("right-to-left and zero-width characters", lambda d: _write(d, "bidi.txt", plan([
        _row(0, "That Ashcombe\u200b Police reviews \u202ereferrals\u202c made in 2024."),
        _row(1, "That the council trains staff \u05e9\u05dc\u05d5\u05dd and \u0645\u0631\u062d\u0628\u0627.",
             lead="Ashcombe\u200d Council\ufeff"), ROWS[2]])), "ok", recs=3,
        texts=("Ashcombe Police reviews referrals", "\u05e9\u05dc\u05d5\u05dd"), absent=("\u202e", "\u200b")),
    Case("impossible and unknown dates (31/02/2021, TBC)", lambda d: _write(d, "dates.txt", plan([
        _row(0, ROWS[0][1], target_date="31/02/2021"), _row(1, ROWS[1][1], target_date="TBC"),
        _row(2, ROWS[2][1], target_date="when funding allows")])), "warning", "31/02/2021", recs=3,
        texts=("31/02/2021", "TBC", "when funding allows")),
    Case("odd numbers (1a, 17.3.2)", lambda d: _write(d, "numbers.txt", plan([
        ("1a", *ROWS[0][1:]), ("17.3.2", *ROWS[1][1:]), ("3.", *ROWS[2][1:])])), "ok", recs=3),
    Case("duplicate recommendation numbers", lambda d: _write(d, "duplicates.txt", plan([
        ROWS[0], ("1.", *ROWS[1][1:]), ROWS[2]])), "warning", "duplicate", recs=3,
        texts=("trains housing officers",)),
    Case("a document of an unknown kind", lambda d: _write(d, "minutes.txt",
         "Minutes of the Ashcombe panel\nPresent: the chair and four members.\nThe panel agreed to meet again.\n"),
         "warning", "no action-plan table"),
    Case("a PowerPoint file", lambda d: _zip(d, "slides.pptx", {"ppt/presentation.xml": "<p/>"}), "error",
         "PowerPoint"),
    Case("a missing path", lambda d: d / "not-there.txt", "error", "no such file"),
    Case("a named pipe in a folder", _fifo, "warning", "named pipe", recs=3, names=("pipe.txt",)),
    Case("a symlink loop in a folder", _loop, "warning", "loop", recs=3, names=("again",)),
    Case("a dangling symlink in a folder", _dangling, "warning", "does not exist", recs=3, names=("gone.txt",)),
    Case("an unreadable file in a folder (chmod 000)", _unreadable, "warning", "permission", recs=3,
         names=("locked.txt",), needs=_root(), unprivileged=True),
    Case("a file name with a newline", _odd_name, "ok", recs=3, names=("plan\\nreviewgraph",)),
    Case("a file name that is not UTF-8", _undecodable_name, "ok", recs=3, names=("plan-\\xff\\xfe.txt",)),
    Case("a folder of a thousand files", _thousand, "warning", "no action-plan table", recs=3, slow=True,
         names=("note-0000.txt", "note-0999.txt")),
]


def case_ids() -> list[str]:
    return [c.kind for c in CASES]


@dataclass
class _Run:
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None = None

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(args: list[str], unprivileged: bool = False):  # type: ignore[no-untyped-def]
    """``reviewgraph ARGS`` in-process; with ``unprivileged`` (and as root) in a subprocess that has dropped
    the capabilities letting root read any file, so file permissions apply as to anyone else."""
    if unprivileged and os.geteuid() == 0:
        root = Path(__file__).resolve().parents[1]
        env = dict(os.environ, PYTHONPATH=str(root))
        proc = subprocess.run(["setpriv", "--bounding-set", "-dac_override,-dac_read_search", sys.executable,
                               "-m", "reviewgraph.app.cli", *args], capture_output=True, text=True, env=env, timeout=300)
        return _Run(proc.returncode, proc.stdout, proc.stderr)
    from typer.testing import CliRunner

    from reviewgraph.app.cli import cli

    return CliRunner().invoke(cli, args)


def table(folder: Path) -> str:
    """Run every case and give the Markdown table (kind, what the user sees, what was kept)."""
    from reviewgraph.graph.store import Store

    out = ["| kind of input | exit | what the user sees | what was kept |", "|---|---|---|---|"]
    for i, case in enumerate(CASES):
        if case.needs:
            out.append(f"| {_md(case.kind)} | - | (not run here: {case.needs}) | - |")
            continue
        work = folder / f"case{i}"
        work.mkdir(parents=True)
        target = case.make(work)
        result = run_cli(["ingest", str(target), "--db", str(work / "db")], case.unprivileged)
        seen = [ln for ln in result.stderr.splitlines() if ln.startswith("reviewgraph:")]
        seen = [ln.replace(str(work) + "/", "") for ln in seen]
        shown = "<br>".join(_md(s) for s in seen[:2]) + (f"<br>(and {len(seen) - 2} more)" if len(seen) > 2 else "")
        counts = Store(work / "db").graph().counts()
        kept = (f"{counts.get('Document', 0)} document(s), {counts.get('Recommendation', 0)} recommendations, "
                f"{counts.get('Action', 0)} actions") if counts.get("Document") else "nothing"
        out.append(f"| {_md(case.kind)} | {result.exit_code} | {shown or '(no message)'} | {kept} |")
        for p in work.rglob("*"):
            if p.exists() and not p.is_symlink():
                p.chmod(stat.S_IRWXU)
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


BEGIN, END = "<!-- bad-input table: generated by python -m tests.bad_inputs --write docs/reliability.md -->", \
    "<!-- end of bad-input table -->"


def write_into(doc: Path, text: str) -> None:
    """Replace the table between the markers in ``doc``."""
    body = doc.read_text(encoding="utf-8")
    start, end = body.index(BEGIN) + len(BEGIN), body.index(END)
    doc.write_text(body[:start] + "\n" + text + body[end:], encoding="utf-8")


if __name__ == "__main__":
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        generated = table(Path(tmp))
    if sys.argv[1:2] == ["--write"]:
        write_into(Path(sys.argv[2]), generated)
    else:
        print(generated, end="")
