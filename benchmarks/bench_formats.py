"""Reader speed per format: the same synthetic action plan written as text, CSV, DOCX, XLSX and PDF.

    python benchmarks/bench_formats.py --recs 200 --repeat 3

For each format: file size, lines read, the median time to read (``reviewgraph.ingest.readers.open_document``) and to
parse (``reviewgraph.ingest.parse.parse_lines``, when present), the recommendations recovered, and the time per page,
where a page is a page of the ruled PDF holding the same plan (so the formats compare like for like).
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reviewgraph.ingest.readers import open_document
from tests import format_docs as fd

KINDS = ["text", "csv", "docx", "xlsx", "pdf", "pdf_unruled"]


def _parse(lines, path: Path, data: bytes, reader: str):  # type: ignore[no-untyped-def]
    try:
        from reviewgraph.ingest.parse import parse_lines
    except ImportError:
        return None
    return parse_lines(lines, file_name=path.name, sha256=hashlib.sha256(data).hexdigest(), reader=reader)


def bench(n_recs: int = 200, repeat: int = 3, work: Path | None = None) -> list[dict]:
    folder = work or Path(tempfile.mkdtemp(prefix="bench-formats-"))
    rows = fd.scaled_rows(n_recs)
    paths = {k: fd.write(k, folder, stem=f"plan-{k}", rows=rows) for k in KINDS}
    pages = open_document(paths["pdf"]).pages or 1
    out = []
    for kind, path in paths.items():
        data = path.read_bytes()
        read_times, parse_times, reading, doc = [], [], None, None
        for _ in range(repeat):
            t0 = time.perf_counter()
            reading = open_document(path, data)
            t1 = time.perf_counter()
            doc = _parse(reading.lines, path, data, reading.reader)
            t2 = time.perf_counter()
            read_times.append(t1 - t0)
            parse_times.append(t2 - t1)
        assert reading is not None
        read_s, parse_s = statistics.median(read_times), statistics.median(parse_times)
        recs = [r for p in doc.plans for r in p.recs] if doc is not None else []
        actions = [a for r in recs for a in r.actions]
        out.append({"format": kind, "bytes": len(data), "pages": pages, "lines": len(reading.lines),
                    "read_s": read_s, "parse_s": parse_s if doc is not None else None,
                    "recs": len(recs) if doc is not None else None, "actions": len(actions),
                    "leads": sum(1 for a in actions if a.lead), "targets": sum(1 for a in actions if a.target_raw),
                    "sections": len({r.section for r in recs if r.section}),
                    "ms_per_page": 1000 * (read_s + (parse_s if doc is not None else 0)) / pages})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--recs", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    rows = bench(args.recs, args.repeat)
    print(f"plan of {args.recs} recommendations; page = a page of the ruled PDF of the same plan")
    print("| format | bytes | pages | lines | read s | parse s | recs | actions | leads | targets | sections "
          "| ms/page |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        parse = f"{r['parse_s']:.3f}" if r["parse_s"] is not None else "n/a"
        print(f"| {r['format']} | {r['bytes']} | {r['pages']} | {r['lines']} | {r['read_s']:.3f} | {parse} | "
              f"{r['recs'] if r['recs'] is not None else 'n/a'} | {r['actions']} | {r['leads']} | {r['targets']} | "
              f"{r['sections']} | {r['ms_per_page']:.1f} |")


if __name__ == "__main__":
    main()
