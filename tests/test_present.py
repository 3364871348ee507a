"""The report's opening: the latest quarter with enough days heads it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import steppe
from steppe.indicators.interaction import compute_interaction
from steppe.indicators.support import finalise_support
from steppe.ingest.reference import ingest_reference
from steppe.report.present import headline_period, present_rows, sources_as_of


def test_a_partial_last_quarter_does_not_head_the_report(
    store: steppe.Store, tmp_path: Path
) -> None:
    # 2023Q4 complete (92 days); 2024Q1 only 20 days
    start = date(2023, 10, 1)
    days = [start + timedelta(days=i) for i in range(92)]
    days += [date(2024, 1, 1) + timedelta(days=i) for i in range(20)]
    body = "".join(f"{d},KAZ,RUS,{10 if d.year == 2023 else 90}\n{d},KAZ,CHN,10\n" for d in days)
    path = tmp_path / "d.csv"
    path.write_text("date,focal_iso3,partner_iso3,edge_weight\n" + body, encoding="utf-8")
    ingest_reference(store, "gdelt-dyads", path)
    compute_interaction(store, draws=100)
    finalise_support(store)  # as `steppe measure` does after every writer
    assert headline_period(store) == "2023Q4"
    (head,) = steppe.headlines(store, states=["KAZ"])  # one rule: the headline's own period
    assert head.period == "2023Q4" and head.latest_period == "2024Q1"
    (row,) = present_rows(store, "2023Q4")
    assert row["code"] == "KAZ" and row["shares"]["RUS"]["value"] == 0.5
    assert row["index"]["n"] == 92 and row["rus_before"] is None
    (src,) = sources_as_of(store)
    assert src["last_date"] == days[-1]
