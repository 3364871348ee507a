"""Print the README's table of what the focal states' UN General Debate speeches say about their
partners (steppe.indicators.speeches), from a store where the speeches are ingested with
``--mapping ungdc`` and coded (``make demo`` builds one: out/steppe.duckdb).

Usage: python scripts/speech_partners.py [STORE]
"""

from __future__ import annotations

import sys

import steppe
from steppe.indicators.speeches import partners_table, stated_partners


def main(path: str) -> None:
    with steppe.Store(path, read_only=True) as store:
        rows = stated_partners(store)
        speeches = store.con.execute(
            "SELECT count(*) FROM documents WHERE source IN "
            f"({', '.join(repr(s) for s in steppe.FOCAL_STATES)})"
        ).fetchone()
    print(partners_table(rows))
    coop = sum(r["cooperative"] for r in rows)
    confl = sum(r["conflictual"] for r in rows)
    requests = sum(r["requests"] for r in rows)
    other = sum(r["other"] for r in rows)
    n = speeches[0] if speeches else 0
    print(
        f"\n{n} speeches; asserted events with the speaker as a side: {coop} cooperative, "
        f"{confl} conflictual, {requests} requests (not in the table); {other} more negated, "
        "hypothetical, future or reported."
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "out/steppe.duckdb")
