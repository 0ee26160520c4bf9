"""The `shien` command line: catalogue, ingest, search, ask, eval, serve."""

from __future__ import annotations

import sys
from typing import NoReturn

import typer
from rich.console import Console
from rich.table import Table

from ingest.catalogue import Catalogue
from ingest.corpus import CorpusError, load_catalogue
from service.settings import Settings, get_settings

app = typer.Typer(help="shien: find Setagaya ward's business-support measures.", no_args_is_help=True)
console = Console()
err_console = Console(stderr=True)


@app.callback()
def _root() -> None:
    """shien: find Setagaya ward's business-support measures."""


def fail(message: str, code: int = 2) -> NoReturn:
    """Print an error for the user and exit with `code`."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _catalogue(settings: Settings) -> Catalogue:
    try:
        return load_catalogue(settings.corpus_dir)
    except CorpusError as exc:
        fail(str(exc))


@app.command()
def catalogue(as_json: bool = typer.Option(False, "--json", help="Print the whole catalogue as JSON.")) -> None:
    """Parse the corpus and print a summary of its catalogue (or all of it as JSON)."""
    cat = _catalogue(get_settings())
    if as_json:
        sys.stdout.write(cat.model_dump_json(indent=2) + "\n")
        return
    table = Table(title="Catalogue", show_lines=False)
    table.add_column("Goal", justify="right")
    table.add_column("目指す姿")
    table.add_column("取組み", justify="right")
    table.add_column("重点事業 rows", justify="right")
    table.add_column("【再掲】", justify="right")
    table.add_column("行動指標", justify="right")
    for goal in cat.goals:
        codes = {i.code for i in cat.initiatives if i.goal == goal.number}
        rows = [r for r in cat.rows if r.initiative in codes]
        table.add_row(
            str(goal.number),
            goal.title,
            str(len(codes)),
            str(len(rows)),
            str(sum(r.reprint for r in rows)),
            str(sum(len(r.indicators) for r in rows)),
        )
    console.print(table)
    console.print(
        f"{len(cat.policies)} policies, {len(cat.goals)} goals, {len(cat.initiatives)} initiatives, "
        f"{len(cat.rows)} rows ({sum(r.reprint for r in cat.rows)} 【再掲】), "
        f"{sum(len(r.indicators) for r in cat.rows)} indicators, {len(cat.measures)} distinct measures, "
        f"{len(cat.sections)} narrative sections"
    )


def main() -> None:
    """Entry point of the `shien` console script."""
    app()


if __name__ == "__main__":
    main()
