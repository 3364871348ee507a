"""One coding path (issue 14, item 1): the PLOVER category the evaluation scores is the one
``steppe code`` stores. Sentences written for the test, not gold records."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

import steppe
from steppe.coding import code_documents
from steppe.coding.evaluate import evaluate_coder, read_plover_gsr
from steppe.coding.plover2016 import NAMES_2021

CASES = [
    ("Workers in Almaty staged mass demonstrations against Russia on Monday.", "PROTEST"),
    ("Uzbekistan said it would blockade the border with Tajikistan.", "THREATEN"),
    ("Tajikistan rejected a proposal by Uzbekistan.", "REJECT"),
    ("Kazakhstan lifted a curfew in Almaty.", "CONCEDE"),
    ("Moscow said on Monday that Dushanbe must return the migrants.", "DEMAND"),
]


@pytest.mark.shared
def test_evaluated_category_is_the_stored_one(
    store: steppe.Store, shared: Path, tmp_path: Path
) -> None:
    folder = shared / "petrarch2_dictionaries"
    with store.transaction() as con:
        for k, (text, _) in enumerate(CASES):
            con.execute(
                "INSERT INTO documents (doc_id, source, text, published_at, date_precision, "
                "dated_by) VALUES (?, 'test', ?, ?, 'day', 'document')",
                [f"d{k}", text, datetime(2024, 5, 1)],
            )
    code_documents(store, folder)
    for k, (text, category) in enumerate(CASES):
        rows = store.query(
            "SELECT plover, event_id FROM events WHERE doc_id = ? ORDER BY event_id", [f"d{k}"]
        )
        first = steppe.coding.event_id(f"d{k}", 0, 0)
        stored = {r["event_id"]: r["plover"] for r in rows}
        assert stored.get(first) == NAMES_2021.get(category, category), (text, rows)
        path = tmp_path / f"gsr{k}.json"
        path.write_text(
            json.dumps([{"id": "N", "date": "2024-05-01", "event": category, "text": text}])
        )
        result = evaluate_coder(read_plover_gsr(path, folder))
        assert result.category_accuracy == 1.0 and result.category_accuracy_2021 == 1.0
