"""``reviewgraph agencies``: look names up in the agency registry, list it, find agencies in a document."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import typer

from reviewgraph.app.commands import Command
__all__ = ["COMMAND", "register"]

agencies_app = typer.Typer(
    no_args_is_help=True, help="The agency registry: resolve names, list, find mentions."
)


@agencies_app.command("resolve")
def resolve(
    mentions: list[str] = typer.Argument(..., help="Names as written, e.g. 'DTV CRC' 'NPS and CRC'."),
) -> None:
    """Resolve each name as a lead cell or heading would be: canonical agency, sector, score, shared parts,
    and who carries its work now if it has ceased."""
    from reviewgraph.graph.agencies import AgencyRegistry

    reg = AgencyRegistry.load()
    for mention in mentions:
        res = reg.resolve(mention)
        if res is None:
            typer.echo(f"{mention!r}: names no organisation")
            continue
        a = res.agency
        state = (
            "registry"
            if res.resolved and a.id in reg.agencies
            else ("resolved" if res.resolved else "UNKNOWN")
        )
        typer.echo(
            f"{mention!r}: {a.name} [{a.id}] sector={a.sector} score={res.score:.0f} {state}"
            + (" shared" if res.shared else "")
        )
        for part in res.parts:
            typer.echo(
                f"    part: {part.agency.name} [{part.agency.id}]" + ("" if part.resolved else " UNKNOWN")
            )
        if a.active_until:
            now = ", ".join(f"{s.name} (from {d})" if d else s.name for s, d in reg.successors(a.id))
            typer.echo(f"    ceased {a.active_until}; now: {now or 'no successor recorded'}")


@agencies_app.command("list")
def list_agencies(
    sector: str = typer.Option(None, "--sector", help="Only this sector (police, probation, health, ...)."),
    search: str = typer.Option(None, "--search", help="Only names or aliases containing this text."),
) -> None:
    """The registry's agencies: name, sector, aliases, and the date a body ceased."""
    from reviewgraph.graph.agencies import AgencyRegistry

    reg = AgencyRegistry.load()
    shown = 0
    for a in sorted(reg.nodes(), key=lambda a: (str(a.sector), a.name)):
        if sector and str(a.sector) != sector:
            continue
        if search and not any(search.lower() in n.lower() for n in (a.name, *a.aliases)):
            continue
        shown += 1
        ceased = f"  (ceased {a.active_until})" if a.active_until else ""
        aliases = f"  [{', '.join(a.aliases)}]" if a.aliases else ""
        typer.echo(f"{a.sector:16} {a.name}{aliases}{ceased}")
    typer.echo(f"{shown} of {len(reg.nodes())} agencies; {len(reg.lineage())} lineage links")


@agencies_app.command("mentions")
def mentions(path: Path = typer.Argument(..., exists=True, dir_okay=False, help="A text file.")) -> None:
    """Agencies named in a text file, most mentioned first."""
    from reviewgraph.graph.agencies import AgencyRegistry

    reg = AgencyRegistry.load()
    text = path.read_text(encoding="utf-8", errors="replace")
    found = reg.find_mentions(text)
    counts = Counter(m.agency_id for m in found)
    for aid, n in counts.most_common():
        typer.echo(f"{n:5}  {reg.agencies[aid].name}")
    typer.echo(f"{len(found)} mentions of {len(counts)} agencies in {len(text):,} characters")


def register(app: typer.Typer) -> None:
    app.add_typer(agencies_app, name="agencies")


COMMAND = Command("agencies", register)
