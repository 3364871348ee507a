"""Benchmark: every event indicator over 10M, 30M and 100M synthetic events read from Parquet,
on DuckDB (and on Spark in local mode for the sizes named), with how time grows with size.

For each size the script writes a lake of synthetic canonical events (generated in DuckDB SQL
from ``range`` and seeded hashes: dates over 2015-2024, actors drawn with weights from the
registry plus a few outside it, CAMEO codes weighted towards cooperation, 5 % without a target;
month partitions as ``steppe`` writes them), then, each in its own process:

* **baseline — one scan**: one DuckDB pass over the four columns the indicators read (date,
  source and target actor, quad class), grouped by year and quad class: the floor for any
  computation that reads every event once;
* **DuckDB**: ``steppe.measure`` on an engine reading the lake — the multivector index per
  quarter with its interval and the pole shares, cooperation dependence (``coop_share``,
  ``coop_asymmetry``), the yearly events channel of the combined index and regional cohesion;
* **Spark** (``--spark-sizes``): the same ``steppe.measure`` on a local Spark session
  (``local[2]``; session start reported apart) — its stored indicators are compared with
  DuckDB's.

It prints rows/s, the ratio to the one-scan baseline, peak memory, and the growth exponent b of
time ~ rows^b fitted over the sizes (b <= 1: no worse than linear). Targets: DuckDB under 60 s
at 100M events on 2 cores; b <= 1.

    python benchmarks/scale.py                                   # 10M, 30M, 100M; Spark at 10M
    python benchmarks/scale.py --sizes 1000000,3000000 --spark-sizes 1000000
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import json, resource, sys, time
import steppe
mode, lake, out = sys.argv[1], sys.argv[2], sys.argv[3]
result = {}
with steppe.Store(":memory:") as store:
    steppe.install_registry(store)
    if mode == "scan":
        from steppe.store.lake import table_glob
        glob = table_glob(lake, "events")
        t = time.perf_counter()
        store.con.execute(
            "SELECT year(date), quad_class, count(*), count(source_actor), count(target_actor) "
            f"FROM read_parquet('{glob}') GROUP BY ALL").fetchall()
        result["seconds"] = time.perf_counter() - t
    else:
        t = time.perf_counter()
        if mode == "spark":
            from steppe.store.engine import spark_session
            conf = {"spark.driver.memory": sys.argv[4], "spark.sql.shuffle.partitions": "4"}
            session = spark_session("local[2]", "steppe-scale", conf)
        engine = steppe.open_engine(store, mode, lake=lake)
        result["start"] = time.perf_counter() - t
        t = time.perf_counter()
        result["counts"] = steppe.measure(store, engine=engine)
        result["seconds"] = time.perf_counter() - t
        store.con.execute(
            "COPY (SELECT name, actor, partner, period, period_start, value, lo, hi, n, method "
            f"FROM indicators ORDER BY ALL) TO '{out}' (FORMAT parquet)")
        engine.close()
        if mode == "spark":
            session.stop()
result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""

# registry codes with weights (roughly GDELT's attention), and three codes outside the registry
ACTORS: dict[str, int] = {
    "KAZ": 6, "KGZ": 3, "TJK": 3, "TKM": 2, "UZB": 4, "AZE": 4,
    "RUS": 10, "CHN": 8, "USA": 8, "TUR": 4, "IRN": 4,
    "DEU": 3, "FRA": 2, "GBR": 2, "ITA": 1, "POL": 1, "HRV": 1, "EU": 2,
    "IND": 2, "JPN": 1, "KOR": 1, "PAK": 1, "AFG": 2, "GEO": 1, "ARM": 1, "UKR": 2, "BLR": 1,
    "EAEU": 1, "CSTO": 1, "SCO": 1, "CIS": 1, "OTS": 1, "CAM": 1,
    "BRA": 1, "NGA": 1, "MEX": 1,
}  # fmt: skip
QUAD_WEIGHT = {1: 8, 2: 3, 3: 2, 4: 1}


def generate(lake: Path, rows: int, seed: int) -> float:
    """Write ``rows`` synthetic canonical events to ``lake/events`` (month partitions) with
    DuckDB; returns seconds."""
    import duckdb

    from steppe.registry import load_event_codes

    codes = [c for c in load_event_codes() if len(c.code) == 3 and c.quad_class in QUAD_WEIGHT]
    pool = [c for c in codes for _ in range(QUAD_WEIGHT[int(c.quad_class)])]
    actors = [a for a, w in ACTORS.items() for _ in range(w)]

    def lst(values: list[str]) -> str:
        return "[" + ",".join(values) + "]"

    a_list = lst([f"'{a}'" for a in actors])
    c_list = lst([f"'{c.code}'" for c in pool])
    q_list = lst([str(c.quad_class) for c in pool])
    g_list = lst([str(c.goldstein) for c in pool])
    p_list = lst([f"'{c.plover}'" if c.plover else "NULL" for c in pool])
    out = lake / "events"
    shutil.rmtree(out, ignore_errors=True)
    lake.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    t = time.perf_counter()
    con.execute(
        f"""
        COPY (
            WITH r AS (
                SELECT i, hash(i, {seed}) AS h1, hash(i, {seed}, 1) AS h2,
                    hash(i, {seed}, 2) AS h3 FROM range({rows}) t(i)
            ), e AS (
                SELECT i, h3, DATE '2015-01-01' + CAST(h1 % 3653 AS INTEGER) AS date,
                    {a_list}[1 + CAST((h1 >> 16) % {len(actors)} AS INTEGER)] AS src,
                    CASE WHEN h2 % 20 = 0 THEN NULL
                         ELSE {a_list}[1 + CAST((h2 >> 16) % {len(actors)} AS INTEGER)] END AS tgt,
                    1 + CAST(h3 % {len(pool)} AS INTEGER) AS ci
                FROM r
            )
            SELECT 'synth:{seed}:' || i AS event_id, date, src AS source_actor,
                tgt AS target_actor, NULL::VARCHAR AS source_agent, NULL::VARCHAR AS target_agent,
                src AS source_raw, tgt AS target_raw, {c_list}[ci] AS cameo,
                {p_list}[ci] AS plover, CAST({q_list}[ci] AS TINYINT) AS quad_class,
                CAST({g_list}[ci] AS DOUBLE) AS goldstein,
                CAST(1 + (h3 >> 24) % 20 AS INTEGER) AS mentions,
                CAST((h3 >> 32) % 2000 AS DOUBLE) / 100 - 10 AS tone, 'synthetic' AS origin,
                NULL::VARCHAR AS doc_id, NULL::VARCHAR AS sentence, NULL::DOUBLE AS confidence,
                NULL::VARCHAR AS url, 'asserted' AS modality, 'document' AS event_time,
                NULL::DATE AS event_date, 'day' AS date_precision,
                year(date) AS year, month(date) AS month
            FROM e
        ) TO '{out}' (FORMAT parquet, PARTITION_BY (year, month))
        """
    )
    return time.perf_counter() - t


def child(mode: str, lake: Path, out: Path, driver_memory: str) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(lake), str(out), driver_memory],
        capture_output=True,
        text=True,
        env={**os.environ, "OPENBLAS_NUM_THREADS": "1"},
    )
    if proc.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{proc.stderr[-3000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def growth(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(seconds) on log(rows)."""
    xs, ys = [math.log(s) for s in sizes], [math.log(t) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000000,30000000,100000000")
    parser.add_argument("--spark-sizes", default="10000000", help="'' for none")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dir", type=Path, default=None, help="where the lakes go (default tmp)")
    parser.add_argument("--driver-memory", default="6g", help="Spark driver memory")
    parser.add_argument("--keep", action="store_true", help="keep the generated lakes")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.generate:  # a child run: its only output is the JSON line the parent parses
        print(json.dumps({"seconds": generate(args.generate, sizes[0], args.seed)}))
        return
    spark_sizes = {int(s) for s in args.spark_sizes.split(",") if s}
    if spark_sizes:
        from steppe.store.engine import spark_unavailable

        reason = spark_unavailable()
        if reason:
            print(f"Spark runs skipped: {reason}", file=sys.stderr)
            spark_sizes = set()
    root = args.dir or Path(tempfile.mkdtemp(prefix="steppe-scale-"))
    root.mkdir(parents=True, exist_ok=True)
    print(f"cores: {os.cpu_count()}; lakes under {root}")
    header = (
        f"{'rows':>12} {'gen s':>7} {'scan s':>7} {'duckdb s':>9} {'rows/s':>12} "
        f"{'x scan':>7} {'peak MB':>8} | {'spark s':>8} {'start s':>7} {'rows/s':>11} "
        f"{'identical':>9}"
    )
    print(header)
    duck_times: list[float] = []
    spark_times: list[tuple[int, float]] = []
    for n in sizes:
        lake = root / f"lake-{n}"
        # in a process of its own, like every run: a child forked from a large parent would
        # inherit the parent's peak resident size
        gen = float(
            json.loads(
                subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--generate",
                        str(lake),
                        "--sizes",
                        str(n),
                        "--seed",
                        str(args.seed),
                    ],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
            )["seconds"]
        )
        scan = child("scan", lake, root / "unused.parquet", args.driver_memory)
        duck_out = root / f"duckdb-{n}.parquet"
        duck = child("duckdb", lake, duck_out, args.driver_memory)
        seconds = float(duck["seconds"])  # type: ignore[arg-type]
        duck_times.append(seconds)
        line = (
            f"{n:>12,} {gen:>7.1f} {float(scan['seconds']):>7.2f} {seconds:>9.2f} "  # type: ignore[arg-type]
            f"{n / seconds:>12,.0f} {seconds / float(scan['seconds']):>7.1f} "  # type: ignore[arg-type]
            f"{float(duck['peak_mb']):>8,.0f} |"  # type: ignore[arg-type]
        )
        if n in spark_sizes:
            import pyarrow.parquet as pq

            spark_out = root / f"spark-{n}.parquet"
            sp = child("spark", lake, spark_out, args.driver_memory)
            s_sec = float(sp["seconds"])  # type: ignore[arg-type]
            spark_times.append((n, s_sec))
            same = pq.read_table(spark_out).equals(pq.read_table(duck_out))
            line += f" {s_sec:>8.2f} {float(sp['start']):>7.1f} {n / s_sec:>11,.0f} {same!s:>9}"  # type: ignore[arg-type]
        print(line, flush=True)
        if not args.keep:
            shutil.rmtree(lake, ignore_errors=True)
    if len(sizes) > 1:
        b = growth(sizes, duck_times)
        print(f"DuckDB growth exponent (time ~ rows^b): b = {b:.2f} (target <= 1)")
    if len(spark_times) > 1:
        b = growth([n for n, _ in spark_times], [t for _, t in spark_times])
        print(f"Spark growth exponent: b = {b:.2f}")
    if max(sizes) >= 100_000_000:
        big = duck_times[sizes.index(max(sizes))]
        status = "met" if big < 60 else "missed"
        print(f"target: DuckDB {max(sizes):,} events < 60 s: {big:.1f} s ({status})")
    if not args.keep and args.dir is None:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
