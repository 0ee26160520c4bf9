"""The `shien` command line: catalogue, ingest, search, ask, eval, serve."""

from __future__ import annotations

import json
import multiprocessing
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, NoReturn

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ingest.catalogue import Catalogue
from ingest.corpus import CorpusError, corpus_hash, load_catalogue, load_corpus_guide
from ingest.embeddings import EmbeddingConfigError, embedder_id_for, load_embeddings
from ingest.guide import GuideError, check_guide, stamp
from ingest.index import IndexNotReady
from service.answer.classifier import QuestionClassifier
from service.answer.model import Turn
from service.engine import Engine, build, open_store
from service.evaluation.classifier_training import CLASSIFIERS, questions_sha256
from service.evaluation.metrics import (
    QuestionSetError,
    evaluate_answers,
    evaluate_generation,
    evaluate_retrieval,
    load_questions,
    measure_ranking,
    percentile,
)
from service.llm.chat import LLMConfigError
from service.search.retrieval import KINDS, Filters
from service.settings import PROJECT_DIR, Settings, get_settings

app = typer.Typer(
    help="shien: find Setagaya ward's business-support measures.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
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


guide_app = typer.Typer(help="The plain-language guide (corpus/guide/): check it, or stamp reviewed entries.")
app.add_typer(guide_app, name="guide")


@guide_app.command("check")
def guide_check() -> None:
    """Every measure has a complete, current and safe guide entry in both languages; exit 2 naming each problem."""
    settings = get_settings()
    cat = _catalogue(settings)
    try:
        guide = load_corpus_guide(settings.corpus_dir, cat)
    except CorpusError as exc:
        fail(str(exc))
    problems = check_guide(cat, guide)
    for problem in problems:
        err_console.print(f"[bold red]guide:[/] {problem}", highlight=False, soft_wrap=True)
    if problems:
        fail(f"{len(problems)} guide problem{'s' if len(problems) > 1 else ''}; fix the entries named above")
    entries = sum(len(f.measures) for f in guide.files.values())
    console.print(f"guide ok: {entries} entries for {len(cat.measures)} measures, both languages")


@guide_app.command("stamp")
def guide_stamp(
    measure_ids: list[str] = typer.Argument(None, help="Reviewed measure ids; all entries when none are given."),
) -> None:
    """Record that entries were reviewed against the printed text now in the corpus (updates source_hash)."""
    settings = get_settings()
    cat = _catalogue(settings)
    try:
        stamped = stamp(settings.corpus_dir, cat, list(measure_ids or []))
    except GuideError as exc:
        fail(str(exc))
    console.print(f"stamped {len(stamped)} entr{'ies' if len(stamped) != 1 else 'y'}; run `shien ingest` to index them")


@app.command()
def ingest() -> None:
    """Build the search index from the corpus (re-running with an unchanged corpus reuses cached vectors)."""
    settings = get_settings()
    start = time.perf_counter()
    try:
        embeddings = load_embeddings(settings.embedding, settings.vector_cache_dir(), settings.embed_workers)
        # A bar on a terminal; elsewhere (a log, a pipe) one line per step, printed as it happens.
        interactive = err_console.is_terminal
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err_console,
            disable=not interactive,
        ) as progress:
            task = progress.add_task("embedding", total=None)

            def report(stage: str, done: int, total: int) -> None:
                if interactive:
                    progress.update(task, description=stage, completed=done, total=total)
                else:
                    err_console.print(f"{stage} {done}/{total}", highlight=False)

            info = build(settings, report, embeddings)
        embeddings.close()
    except (CorpusError, EmbeddingConfigError, IndexNotReady) as exc:
        fail(str(exc))
    console.print(
        f"indexed {info.documents} documents into {info.collection} with {info.embedder_id} "
        f"in {time.perf_counter() - start:.1f} s"
    )


def _engine(settings: Settings) -> Engine:
    try:
        return Engine.load(settings)
    except (CorpusError, EmbeddingConfigError, IndexNotReady, LLMConfigError) as exc:
        fail(str(exc))


def _read_batch(path: Path) -> list[dict[str, Any]]:
    """Lines of a JSONL batch file; each must be an object with "id" and "question"."""
    items = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{path}: cannot read: {exc}")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            fail(f"{path}:{number}: not valid JSON ({exc.msg})")
        if not isinstance(item, dict) or "id" not in item or not isinstance(item.get("question"), str):
            fail(f'{path}:{number}: each line needs {{"id": ..., "question": "..."}}')
        items.append(item)
    return items


@app.command()
def search(
    question: str = typer.Argument("", help="The question (omit with --batch)."),
    k: int = typer.Option(5, "-k", min=1, max=50, help="How many hits."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    batch: Path | None = typer.Option(None, "--batch", help='JSONL file of {"id", "question"} lines.'),
    policy: int | None = typer.Option(None, help="Only this 基本的方針 (1-4)."),
    goal: int | None = typer.Option(None, help="Only this 目指す姿 (1-11)."),
    initiative: str | None = typer.Option(None, help='Only this 取組み, e.g. "3-1".'),
    kind: str | None = typer.Option(None, help="Only measure, initiative or section documents."),
) -> None:
    """Search the index for measures, initiatives and passages."""
    if not batch and not question.strip():
        fail("give a question, or --batch FILE")
    if kind and kind not in KINDS:
        fail(f"--kind must be one of {', '.join(KINDS)}")
    items: list[dict[str, Any]] = _read_batch(batch) if batch else [{"id": None, "question": question}]
    engine = _engine(get_settings())
    filters = Filters(policy=policy, goal=goal, initiative=initiative, kind=kind)
    for item in items:
        hits = engine.retriever.search(item["question"], k=k, filters=filters)
        if as_json:
            payload: dict[str, Any] = {"hits": [h.to_json() for h in hits]}
            if batch:
                payload = {"id": item["id"], **payload}
            sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
            continue
        table = Table(title=item["question"], show_lines=True)
        for column in ("#", "kind", "name", "取組み", "score"):
            table.add_column(column)
        for h in hits:
            table.add_row(str(h.rank), h.kind, h.name, " ".join(h.initiatives), f"{h.score:.4f}")
        console.print(table)


def _history(item: dict[str, Any], where: str) -> list[Turn]:
    try:
        return [Turn.model_validate(t) for t in item.get("history") or []]
    except ValidationError as exc:
        fail(f"{where}: bad history: {exc.errors()[0]['msg']}")


@app.command()
def ask(
    question: str = typer.Argument("", help="The question (omit with --batch)."),
    as_json: bool = typer.Option(False, "--json", help="Print the Answer as JSON."),
    batch: Path | None = typer.Option(None, "--batch", help='JSONL file of {"id", "question", "history"?} lines.'),
) -> None:
    """Answer a question from the vision, citing the measures it rests on."""
    if not batch and not question.strip():
        fail("give a question, or --batch FILE")
    items: list[dict[str, Any]] = _read_batch(batch) if batch else [{"id": None, "question": question}]
    engine = _engine(get_settings())
    for number, item in enumerate(items, start=1):
        answer = engine.answer(item["question"], _history(item, f"line {number}"))
        if as_json:
            payload = answer.model_dump(mode="json")
            if batch:
                payload = {"id": item["id"], **payload}
            sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
            continue
        console.print(answer.text, highlight=False, markup=False, soft_wrap=True)
        for c in answer.citations:
            codes = ", ".join(i.code for i in c.initiatives)
            first, last = c.source.lines
            console.print(
                f"  [{c.n}] {c.name} (取組み {codes}; {c.source.document} lines {first}-{last})",
                highlight=False,
                markup=False,
                style="dim",
                soft_wrap=True,
            )


@app.command(name="eval")
def evaluate(
    questions: Path = typer.Option(PROJECT_DIR / "tests" / "data" / "questions.jsonl", help="JSONL question set."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    llm: bool = typer.Option(False, "--llm", help="Evaluate the configured LLM's answers instead."),
    split: str = typer.Option("", help="Only the 'dev' (tuned on) or 'test' (reported only) split."),
) -> None:
    """Retrieval (hit@1, hit@5, MRR@10 by language) and answer quality on a question set."""
    engine = _engine(get_settings())
    chosen_split = split or None
    if llm:
        if engine.generator is None:
            fail("--llm needs an LLM: set SHIEN_LLM_PROVIDER (and its model settings)")
        try:
            figures_llm = evaluate_generation(
                load_questions(questions, chosen_split), engine.catalogue, lambda q: engine.answer_events(q, [])
            )
        except QuestionSetError as exc:
            fail(str(exc))
        if as_json:
            sys.stdout.write(json.dumps({"llm": figures_llm}, ensure_ascii=False) + "\n")
            return
        table = Table(title=f"LLM answers ({engine.settings.llm_provider})")
        table.add_column("figure")
        table.add_column("value", justify="right")
        for label, value in figures_llm.items():
            table.add_row(label, f"{value:.3f}" if isinstance(value, float) else str(value))
        console.print(table)
        return
    try:
        items = load_questions(questions, chosen_split)
        results = evaluate_retrieval(items, engine.catalogue, measure_ranking(engine.retriever))
        figures, checks, latencies = evaluate_answers(items, engine.catalogue, engine.composer.compose)
    except QuestionSetError as exc:
        fail(str(exc))
    latency = {"p50_ms": round(percentile(latencies, 50), 1), "p95_ms": round(percentile(latencies, 95), 1)}
    failures = [{"id": c.id, "type": c.type, "problem": c.problem} for c in checks if not c.ok]
    if as_json:
        payload = {
            "retrieval": {k: v.to_json() for k, v in results.items()},
            "answers": {k: round(v, 3) for k, v in figures.items()},
            "ask_latency": latency,
            "failures": failures,
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"Retrieval ({questions.name}{f', {split}' if split else ''})")
    for column in ("group", "n", "hit@1", "hit@5", "MRR@10"):
        table.add_column(column, justify="right")
    for group, s in results.items():
        table.add_row(group, str(s.count), f"{s.hit1:.3f}", f"{s.hit5:.3f}", f"{s.mrr10:.3f}")
    console.print(table)
    answers = Table(title="Answers")
    answers.add_column("figure")
    answers.add_column("value", justify="right")
    for label, value in figures.items():
        answers.add_row(label, f"{value:.3f}" if value % 1 else f"{value:.0f}")
    answers.add_row("ask latency p50 / p95", f"{latency['p50_ms']} / {latency['p95_ms']} ms")
    console.print(answers)
    for failure in failures:
        console.print(f"  {failure['id']} ({failure['type']}): {failure['problem']}", highlight=False)


@app.command(name="train-breadth")
def train_breadth(
    data: Path = typer.Option(PROJECT_DIR / "tests" / "data", help="Folder of the labelled question sets."),
) -> None:
    """Retrain the classifier that asks back broad first questions, for the configured embedding model."""
    _train("breadth", data)


@app.command(name="train-scope")
def train_scope(
    data: Path = typer.Option(PROJECT_DIR / "tests" / "data", help="Folder of the labelled question sets."),
) -> None:
    """Retrain the classifier that reads questions about nothing the vision covers, for the configured model."""
    _train("scope", data)


def _train(kind: str, data: Path) -> None:
    """Train the classifier `kind` (a key of CLASSIFIERS) on the question sets in `data`; write prompts/KIND.json."""
    settings = get_settings()
    engine = _engine(settings)
    clarify = json.loads((settings.prompts_dir / "clarify.json").read_text(encoding="utf-8"))
    spec = CLASSIFIERS[kind]
    try:
        examples = spec.questions(data, clarify)
    except (OSError, QuestionSetError, KeyError, json.JSONDecodeError) as exc:
        fail(f"cannot read the training questions in {data}: {exc}")
    vectors = engine.retriever.training_vectors([text for text, _ in examples])
    positive = [label for _, label in examples]
    model = QuestionClassifier.fit(
        engine.retriever.model_id,
        vectors,
        positive,
        spec.labels,
        spec.regularisation,
        spec.threshold,
        questions_sha256(examples),
    )
    path = settings.prompts_dir / f"{kind}.json"
    model.save(path)
    console.print(f"trained on {model.trained_on} for {model.model}; wrote {path}")


@app.command()
def doctor() -> None:
    """Check the corpus, the index, the embedder and the configured LLM; exit 1 on a problem."""
    settings = get_settings()
    problems = 0

    def report(ok: bool, what: str, detail: str) -> None:
        nonlocal problems
        problems += 0 if ok else 1
        mark = "[green]ok[/]" if ok else "[red]problem[/]"
        console.print(f"{mark:>18}  {what}: {detail}", highlight=False)

    try:
        cat = load_catalogue(settings.corpus_dir)
        report(True, "corpus", f"{len(cat.rows)} rows, {len(cat.measures)} measures in {settings.corpus_dir}")
    except CorpusError as exc:
        report(False, "corpus", str(exc))
    try:
        engine = Engine.load(settings)
        info = engine.retriever.info
        report(True, "index", f"{info.collection} ({info.documents} documents, built {info.built_at})")
        report(True, "embedder", info.embedder_id)
        if engine.generator is None:
            report(True, "llm", "none (extractive answers)")
        else:
            reachable, detail = engine.generator.chat.reachable()
            report(reachable, "llm", f"{settings.llm_provider} at {engine.generator.chat.endpoint}: {detail}")
    except (CorpusError, EmbeddingConfigError, IndexNotReady, LLMConfigError) as exc:
        report(False, "service", str(exc))
    desk = settings.desk_name or "(not set: answers point to the 経営相談窓口 measure)"
    report(True, "consultation desk", desk)
    raise typer.Exit(1 if problems else 0)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(1, min=1, max=16, help="Worker processes."),
) -> None:
    """Run the web service; builds the index first when there is none or it is stale."""
    from service.api.server import serve as run_server

    settings = get_settings()
    try:
        store = open_store(settings)
        try:
            # Checked without loading the model: the workers load it, this process only supervises.
            units_id = embedder_id_for(settings.units_embedding) if settings.units_embedding else ""
            store.require(corpus_hash(settings.corpus_dir), embedder_id_for(settings.embedding), units_id)
        except IndexNotReady as exc:
            err_console.print(f"{exc} — building it now")
            _build_apart(settings)
    except (CorpusError, EmbeddingConfigError, IndexNotReady) as exc:
        fail(str(exc))
    console.print(f"shien on http://{host}:{port} ({workers} worker{'s' if workers > 1 else ''})")
    if workers > 1 and not settings.redis_url:
        err_console.print(
            f"note: without SHIEN_REDIS_URL each of the {workers} workers counts its own rate limits "
            f"(a client may make up to {workers}× SHIEN_RATE_LIMIT_PER_MINUTE)"
        )
    run_server(settings, host, port, workers)


def _build_apart(settings: Settings) -> None:
    """Build the index in a process of its own and wait for it. The model loads there on SHIEN_EMBED_WORKERS
    cores and goes away with it: PyTorch sets its thread count once a process, so a build here would leave the
    serving process embedding every question on all of them, each concurrent question competing for the same
    cores (and a supervisor of several workers holding a model it never uses)."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        try:
            pool.submit(build, settings).result()
        except BrokenProcessPool:
            fail("building the index stopped before it finished (killed, or out of memory?); run `shien ingest`")


def main() -> None:
    """Entry point of the `shien` console script."""
    app()


if __name__ == "__main__":
    main()
