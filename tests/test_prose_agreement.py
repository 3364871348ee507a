"""Agreement of two annotations of the prose gold set (`steppe eval agreement`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from steppe.cli import app
from steppe.coding.evaluate import EvaluationInputError
from steppe.coding.prose import annotator_agreement


def _write(path: Path, records: list[tuple[str, list[dict[str, object]]]]) -> Path:
    rows = [
        {"id": rid, "text": f"sentence {rid}", "date": "2024-01-01", "split": "dev", "events": ev}
        for rid, ev in records
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _ev(src: str, tgt: str, plover: str, mutual: bool = False) -> dict[str, object]:
    return {"source": src, "target": tgt, "plover": plover, "mutual": mutual}


def test_agreement_counts_like_the_coder_score(tmp_path: Path) -> None:
    first = _write(
        tmp_path / "a.jsonl",
        [
            ("1", [_ev("KAZ", "RUS", "CONSULT", mutual=True)]),
            ("2", [_ev("UZB", "KGZ", "SUPPORT")]),
            ("3", []),
            ("4", [_ev("TJK", "KGZ", "ASSAULT")]),
        ],
    )
    second = _write(
        tmp_path / "b.jsonl",
        [
            ("1", [_ev("RUS", "KAZ", "CONSULT")]),  # the mutual meeting, other direction
            ("2", [_ev("UZB", "KGZ", "AGREE")]),  # same dyad, other category
            ("3", [_ev("RUS", "UKR", "ACCUSE")]),  # an event where the first saw none
            ("4", []),
        ],
    )
    r = annotator_agreement(first, second, "dev")
    assert (r.events.tp, r.events.fp, r.events.fn) == (1, 2, 2)
    assert (r.actors.tp, r.actors.fp, r.actors.fn) == (2, 1, 1)
    assert r.category_agreement == pytest.approx(1 / 2)  # dyads shared: 1 (same), 2 (differs)
    assert r.sentence_agreement == pytest.approx(2 / 4)
    # the same file against itself agrees fully
    same = annotator_agreement(first, first, "dev")
    assert same.events.f1 == 1.0 and same.sentence_kappa == pytest.approx(1.0)


def test_agreement_compares_the_sentences_both_annotate(tmp_path: Path) -> None:
    first = _write(tmp_path / "a.jsonl", [("1", []), ("2", [_ev("KAZ", "RUS", "ACCUSE")])])
    second = _write(tmp_path / "b.jsonl", [("1", [])])
    r = annotator_agreement(first, second, "dev")
    assert (r.sentences, r.not_in_second, r.first_events) == (1, 1, 0)
    other = _write(tmp_path / "c.jsonl", [("9", [])])
    with pytest.raises(EvaluationInputError, match="none of the 2 sentences"):
        annotator_agreement(first, other, "dev")


def test_eval_agreement_command(tmp_path: Path) -> None:
    first = _write(tmp_path / "a.jsonl", [("1", [_ev("KAZ", "CHN", "AGREE")])])
    out = CliRunner().invoke(app, ["eval", "agreement", str(first), str(first), "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["events"]["f1"] == 1.0
