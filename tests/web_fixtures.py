"""A served test store for the web tests: the bundled sample, the indicators, and a document
whose title and text carry script payloads."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import steppe
from steppe.scenarios import load_scenario, simulate, store_run
from steppe.store.reference import insert_rows

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
PAYLOAD_TITLE = "<script>window.__pwned = 1</script>Tokayev meets Putin"
PAYLOAD_TEXT = 'Talks in <img src=x onerror="window.__pwned = 2"> Astana went well.'


def build_store(path: Path) -> Path:
    with steppe.Store(path) as store:
        steppe.install_registry(store)
        steppe.ingest_events(store, [steppe.data_path(*steppe.DEMO_EVENTS)], "icews")
        insert_rows(
            store,
            "documents",
            [
                {
                    "doc_id": "doc-xss",
                    "source": "test",
                    "url": "https://example.org/a",
                    "title": PAYLOAD_TITLE,
                    "published_at": datetime(2016, 1, 2),
                    "text": PAYLOAD_TEXT,
                    "ingested_at": datetime(2016, 1, 2),
                }
            ],
        )
        insert_rows(
            store,
            "events",
            [
                {
                    "event_id": "test:xss",
                    "date": date(2016, 1, 2),
                    "source_actor": "KAZ",
                    "target_actor": "RUS",
                    "source_raw": "Kazakhstan",
                    "target_raw": "Russia",
                    "cameo": "040",
                    "plover": "CONSULT",
                    "quad_class": 1,
                    "goldstein": 1.0,
                    "origin": "coder",
                    "doc_id": "doc-xss",
                    "sentence": PAYLOAD_TEXT,
                    "confidence": 0.9,
                }
            ],
        )
        steppe.measure(store)
        scenario = load_scenario(SCENARIOS / "forum_institutionalisation.yaml")
        store_run(store, simulate(scenario, runs=200, seed=1))
    return path
