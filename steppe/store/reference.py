"""Write the packaged registry and code tables into the store's reference tables."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from steppe.registry import Registry, load_event_codes, normalise
from steppe.store.connection import Store


def insert_rows(
    store: Store, table: str, rows: list[dict[str, Any]], schema: pa.Schema | None = None
) -> int:
    """Append ``rows`` (dicts keyed by column) to ``table`` in one Arrow batch."""
    if not rows:
        return 0
    batch = pa.Table.from_pylist(rows, schema=schema)
    cols = ", ".join(f'"{c}"' for c in batch.column_names)
    with store.transaction() as con:
        con.register("_steppe_rows", batch)
        try:
            con.execute(f'INSERT INTO "{table}" ({cols}) SELECT {cols} FROM _steppe_rows')
        finally:
            con.unregister("_steppe_rows")
    return int(batch.num_rows)


def install_registry(store: Store, registry: Registry | None = None) -> dict[str, int]:
    """Replace the store's actors, aliases, leaders, memberships and code tables with the
    packaged registry. Returns the row count per table.

    >>> from steppe.store import Store
    >>> with Store(":memory:") as s:
    ...     install_registry(s)["actors"] > 50
    True
    """
    reg = registry or Registry.load()
    with store.transaction() as con:
        for table in ("actors", "aliases", "leaders", "memberships", "actor_codes", "event_codes"):
            con.execute(f"DELETE FROM {table}")
    counts = {
        "actors": insert_rows(
            store,
            "actors",
            [
                {
                    "code": a.code,
                    "name": a.name,
                    "kind": a.kind,
                    "iso3": a.iso3,
                    "iso2": a.iso2,
                    "cameo": a.cameo,
                    "cow_code": a.cow_code,
                    "region": a.region,
                    "pole": a.pole,
                    "lat": a.lat,
                    "lon": a.lon,
                    "source": a.source,
                }
                for a in reg.actors
            ],
        ),
        "aliases": insert_rows(
            store,
            "aliases",
            [
                {
                    "alias": a.alias,
                    "norm": normalise(a.alias),
                    "code": a.code,
                    "kind": a.kind,
                    "valid_from": a.valid.start,
                    "valid_to": a.valid.end,
                    "source": a.source,
                }
                for a in reg.aliases
            ]
            + [
                {
                    "alias": form,
                    "norm": normalise(form),
                    "code": ldr.code,
                    "kind": "leader",
                    "valid_from": ldr.term.start,
                    "valid_to": ldr.term.end,
                    "source": ldr.source,
                }
                for ldr in reg.leaders
                for form in (ldr.person, *ldr.variants)
            ],
        ),
        "leaders": insert_rows(
            store,
            "leaders",
            [
                {
                    "person": ldr.person,
                    "code": ldr.code,
                    "role": ldr.role,
                    "start_date": ldr.term.start,
                    "end_date": ldr.term.end,
                    "source": ldr.source,
                }
                for ldr in reg.leaders
            ],
        ),
        "memberships": insert_rows(
            store,
            "memberships",
            [
                {
                    "member": m.member,
                    "org": m.org,
                    "role": m.role,
                    "start_date": m.period.start,
                    "end_date": m.period.end,
                    "source": m.source,
                }
                for m in reg.memberships
            ],
        ),
        "actor_codes": insert_rows(
            store,
            "actor_codes",
            [
                {"system": "cameo", "raw": raw, "code": code}
                for raw, code in sorted(reg.cameo_codes().items())
            ],
        ),
        "event_codes": insert_rows(
            store,
            "event_codes",
            [
                {
                    "code": c.code,
                    "description": c.description,
                    "goldstein": c.goldstein,
                    "plover": c.plover,
                    "quad_class": c.quad_class,
                }
                for c in load_event_codes()
            ],
        ),
    }
    return counts
