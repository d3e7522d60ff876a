"""The ``reviewgraph`` command: a thin shell over ``ingest/``, ``graph/`` and ``queries/``.

Command groups live in :mod:`reviewgraph.app.commands` (one module each, declaring ``COMMAND``). Errors are one line (what, which file,
what to do); ``--debug`` shows the traceback.
"""

from __future__ import annotations

import sys

import typer

from reviewgraph.app.commands import commands

cli = typer.Typer(name="reviewgraph", no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  help="Turn safeguarding review documents into a knowledge graph people can question.")

_DEBUG = {"on": False}


@cli.callback()
def _root(debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors.")) -> None:
    _DEBUG["on"] = debug


def _register_all() -> None:
    for command in commands().values():
        command.register(cli)


_register_all()


def main() -> None:
    from reviewgraph.app.errors import click_exceptions, describe, usage_line

    cx = click_exceptions()
    debug = "--debug" in sys.argv
    try:
        code = cli(standalone_mode=False)
    except SystemExit:
        raise
    except getattr(cx, "NoArgsIsHelpError", ()) as exc:  # `reviewgraph query`: the help, as before
        typer.echo(exc.ctx.get_help(), err=True)
        raise SystemExit(2) from None
    except (KeyboardInterrupt, typer.Abort):
        typer.echo("reviewgraph: interrupted", err=True)
        raise SystemExit(130) from None
    except cx.UsageError as exc:  # a missing option, a bad value: one line, not a panel
        typer.echo(f"reviewgraph: error: {usage_line(exc)}", err=True)
        raise SystemExit(exc.exit_code) from None
    except cx.ClickException as exc:
        typer.echo(f"reviewgraph: error: {describe(exc)}", err=True)
        raise SystemExit(exc.exit_code) from None
    except Exception as exc:  # one clear line for people; the traceback with --debug
        if debug:
            raise
        typer.echo(f"reviewgraph: error: {describe(exc)} (run with --debug for the traceback)", err=True)
        raise SystemExit(1) from None
    raise SystemExit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
