"""Turn benchmark rows into a markdown table (one row per step, one column per size) and a log-log plot."""

from __future__ import annotations

import os
import platform
from pathlib import Path
from typing import Any

__all__ = ["write_outputs", "machine", "markdown"]


def machine() -> str:
    cores = os.cpu_count() or 0
    try:
        import psutil

        mem = f"{psutil.virtual_memory().total / 2**30:.0f} GB"
    except ImportError:
        mem = "unknown memory"
    return f"{platform.system()} {platform.machine()}, {cores} cores, {mem}, Python {platform.python_version()}"


def _cell(row: dict[str, Any] | None) -> str:
    if row is None:
        return ""
    status = str(row["status"])
    if status != "ok":
        return "not available" if status == "not available" else status.split(":")[0]
    sec = row["seconds"]
    text = "" if sec in (None, "") else (f"{float(sec) * 1000:.1f} ms" if float(sec) < 1 else f"{float(sec):.2f} s")
    if row.get("peak_rss_mb") not in (None, "") and row.get("group") == row.get("step"):
        text += f" / {float(row['peak_rss_mb']):.0f} MB"
    return text


def markdown(rows: list[dict[str, Any]]) -> str:
    sizes = sorted({int(r["n"]) for r in rows if r.get("group") != "seeds"})
    order: list[str] = []
    for r in rows:
        if r.get("group") != "seeds" and r["step"] not in order:
            order.append(r["step"])
    index = {(r["step"], int(r["n"])): r for r in rows}
    out = [f"Machine: {machine()}. Cells: wall time of the step / peak resident memory of its process.", ""]
    seeds = [r for r in rows if r.get("group") == "seeds"]
    if seeds:
        out += ["| sample documents (4 real seeds) | result |", "|---|---|"]
        out += [f"| {r['step']} | {_cell(r)} |" for r in seeds]
        out.append("")
    out += ["| step | " + " | ".join(f"N = {n:,}" for n in sizes) + " |",
            "|---|" + "---|" * len(sizes)]
    for step in order:
        out.append(f"| {step} | " + " | ".join(_cell(index.get((step, n))) for n in sizes) + " |")
    return "\n".join(out) + "\n"


def plot(rows: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    series: dict[str, dict[int, float]] = {}
    for r in rows:
        if r.get("group") == "seeds" or r["status"] != "ok" or r["seconds"] in (None, ""):
            continue
        n, sec = int(r["n"]), max(float(r["seconds"]), 1e-4)
        grouped = r["group"] in ("queries", "themes", "exports")
        if r["group"] == r["step"] and not grouped:
            series.setdefault(r["step"], {})[n] = sec
        elif r["group"] != r["step"] and not r["step"].startswith("queries load"):
            # sub-rows (one per query, per export): plot the slowest of each group
            key = f"{r['group']} (slowest)"
            series.setdefault(key, {})[n] = max(series.get(key, {}).get(n, 0.0), sec)
    fig, ax = plt.subplots(figsize=(8, 5.5), dpi=110)
    styles = ["-", "--", "-."]
    for k, (name, pts) in enumerate(sorted(series.items())):
        if len(pts) < 2:
            continue
        xs = sorted(pts)
        ax.plot(xs, [pts[x] for x in xs], marker="os^"[k // 10 % 3], linestyle=styles[k // 10 % 3], label=name)
    ns = sorted({int(r["n"]) for r in rows if r.get("group") != "seeds"})
    if len(ns) >= 2:
        ax.plot(ns, [ns[0] and 0.1 * n / ns[0] for n in ns], "k:", linewidth=1, label="linear (slope 1)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("reviews (N)")
    ax.set_ylabel("wall time (s)")
    ax.set_title("reviewgraph: time per step vs corpus size")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)


def write_outputs(rows: list[dict[str, Any]], md_path: Path, plot_path: Path | None) -> None:
    md_path.parent.mkdir(parents=True, exist_ok=True)
    md_path.write_text(markdown(rows), encoding="utf-8")
    if plot_path is not None and rows:
        plot(rows, plot_path)
