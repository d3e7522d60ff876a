"""``reviewgraph synth``: write a synthetic corpus of review documents with its ground truth."""

from __future__ import annotations

from pathlib import Path

import typer

from reviewgraph.app.commands import Command

__all__ = ["COMMAND", "register"]


def synth(
    reviews: int = typer.Option(10, "--reviews", "-n", min=1, max=100_000, help="How many reviews to invent."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder to write docs/*.txt and truth.jsonl into."),
    seed: int = typer.Option(0, "--seed", help="Random seed: the same seed gives the same corpus."),
    noise: float = typer.Option(1.0, "--noise", min=0.0, max=10.0,
                                help="Scale of the extraction noise (0 = clean tables, 1 = realistic)."),
    readable_names: bool = typer.Option(False, "--readable-names",
                                        help="Name files after the review (default: opaque, like real files)."),
    builtin: bool = typer.Option(False, "--builtin-vocabulary",
                                 help="Use only the generator's own agencies and themes, not the registry."),
) -> None:
    """Invent REVIEWS reviews (overview reports, action plans, progress updates) in the layouts of real
    documents, with realistic noise, and write them with their ground truth to OUT."""
    from rich.progress import Progress

    from reviewgraph.synth.vocab import Vocabulary
    from reviewgraph.synth.corpus import TRUTH_FILE, Noise, generate

    vocab = Vocabulary.builtin() if builtin else Vocabulary.from_package()
    with Progress(transient=True, disable=reviews < 500) as bar:
        task = bar.add_task("generating", total=reviews)
        summary = generate(reviews, out, seed, noise=Noise().scaled(noise), vocab=vocab,
                           readable_names=readable_names, progress=lambda i: bar.update(task, completed=i))
    mb = summary.bytes / 1e6
    typer.echo(f"{summary.reviews} reviews, {summary.documents} documents ({mb:.1f} MB) in {out / 'docs'}; "
               f"{summary.recommendations} recommendations, {summary.actions} actions, "
               f"{summary.learning} learning items; ground truth in {out / TRUTH_FILE} "
               f"({summary.seconds:.1f} s)")
    if summary.noise:
        typer.echo("noise: " + ", ".join(f"{k} {v}" for k, v in sorted(summary.noise.items())))


def register(app: typer.Typer) -> None:
    app.command("synth")(synth)


COMMAND = Command("synth", register)
