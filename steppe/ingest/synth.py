"""Deterministic synthetic event files in the real GDELT layouts, for tests and benchmarks."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from steppe.ingest.gdelt import GDELT1_COLUMNS, GDELT2_COLUMNS
from steppe.registry import load_event_codes

# CAMEO country code, display name, FIPS code, capital lat/lon, relative weight
_COUNTRIES: tuple[tuple[str, str, str, float, float, float], ...] = (
    ("KAZ", "KAZAKHSTAN", "KZ", 51.18, 71.45, 6),
    ("KGZ", "KYRGYZSTAN", "KG", 42.87, 74.59, 3),
    ("TJK", "TAJIKISTAN", "TI", 38.56, 68.77, 3),
    ("TKM", "TURKMENISTAN", "TX", 37.95, 58.38, 2),
    ("UZB", "UZBEKISTAN", "UZ", 41.31, 69.28, 4),
    ("AZE", "AZERBAIJAN", "AJ", 40.40, 49.88, 4),
    ("RUS", "RUSSIA", "RS", 55.75, 37.62, 10),
    ("CHN", "CHINA", "CH", 39.93, 116.39, 8),
    ("USA", "UNITED STATES", "US", 38.90, -77.04, 8),
    ("TUR", "TURKEY", "TU", 39.93, 32.86, 4),
    ("IRN", "IRAN", "IR", 35.69, 51.42, 4),
    ("DEU", "GERMANY", "GM", 52.52, 13.40, 3),
    ("FRA", "FRANCE", "FR", 48.86, 2.35, 2),
    ("GBR", "UNITED KINGDOM", "UK", 51.50, -0.12, 2),
    ("IND", "INDIA", "IN", 28.60, 77.20, 2),
    ("JPN", "JAPAN", "JA", 35.68, 139.69, 1),
    ("AFG", "AFGHANISTAN", "AF", 34.53, 69.17, 2),
    ("PAK", "PAKISTAN", "PK", 33.69, 73.06, 1),
    ("GEO", "GEORGIA", "GG", 41.72, 44.79, 1),
    ("ARM", "ARMENIA", "AM", 40.18, 44.51, 1),
)
_AGENTS = np.array(["", "GOV", "MIL", "BUS", "CVL", "MED", "OPP", "COP"])
_AGENT_P = np.array([0.35, 0.3, 0.08, 0.08, 0.07, 0.05, 0.04, 0.03])


def gdelt_table(
    rows: int,
    seed: int,
    version: int = 1,
    start: date = date(2015, 1, 1),
    days: int = 3652,
    sourceurl: bool = True,
    first_id: int | None = None,
) -> pa.Table:
    """A table of ``rows`` synthetic events in the GDELT ``version`` (1 or 2) layout.

    The same ``seed`` always gives the same table.

    >>> t = gdelt_table(5, seed=7)
    >>> t.num_columns, t.num_rows
    (58, 5)
    """
    if version not in (1, 2):
        raise ValueError("GDELT version must be 1 or 2")
    rng = np.random.default_rng(seed)
    codes = [c for c in load_event_codes() if len(c.code) >= 3]
    code_arr = np.array([c.code for c in codes])
    gold = np.array([c.goldstein for c in codes])
    quad = np.array([c.quad_class for c in codes])
    # cooperative codes (consult, cooperate) dominate real event data
    code_w = np.where(quad == 1, 4.0, np.where(quad == 2, 1.5, np.where(quad == 3, 1.2, 0.6)))
    ci = rng.choice(len(codes), size=rows, p=code_w / code_w.sum())

    w = np.array([c[5] for c in _COUNTRIES], dtype=float)
    iso = np.array([c[0] for c in _COUNTRIES])
    name = np.array([c[1] for c in _COUNTRIES])
    fips = np.array([c[2] for c in _COUNTRIES])
    lat = np.array([c[3] for c in _COUNTRIES])
    lon = np.array([c[4] for c in _COUNTRIES])
    a1 = rng.choice(len(iso), size=rows, p=w / w.sum())
    a2 = (a1 + rng.integers(1, len(iso), size=rows)) % len(iso)
    ag1 = rng.choice(_AGENTS, size=rows, p=_AGENT_P)
    ag2 = rng.choice(_AGENTS, size=rows, p=_AGENT_P)
    day = np.datetime64(start) + rng.integers(0, days, size=rows).astype("timedelta64[D]")
    ymd = day.astype("datetime64[D]").astype(str)
    sqldate = np.char.replace(ymd, "-", "")
    year = np.char.ljust(sqldate, 4).astype("U4")
    doy = (day - day.astype("datetime64[Y]")).astype(int)
    mentions = rng.poisson(4, size=rows) + 1
    sources = np.minimum(mentions, rng.integers(1, 4, size=rows))
    tone = np.round(rng.normal(gold[ci] * 0.4, 3.0), 4)
    base = 400_000_000 + seed * 10_000_000 if first_id is None else first_id
    ids = np.arange(rows, dtype=np.int64) + base

    def col(values: np.ndarray) -> pa.Array:
        return pa.array(values.astype(str))

    empty = pa.array(np.full(rows, "", dtype="U1"))
    event_code = code_arr[ci]
    data: dict[str, pa.Array] = {
        "GLOBALEVENTID": col(ids),
        "SQLDATE": col(sqldate),
        "MonthYear": col(np.char.ljust(sqldate, 6).astype("U6")),
        "Year": col(year),
        "FractionDate": col(np.round(year.astype(int) + doy / 365.0, 4)),
    }
    for i, (a, ag) in ((1, (a1, ag1)), (2, (a2, ag2))):
        data |= {
            f"Actor{i}Code": col(np.char.add(iso[a], ag)),
            f"Actor{i}Name": col(name[a]),
            f"Actor{i}CountryCode": col(iso[a]),
            f"Actor{i}KnownGroupCode": empty,
            f"Actor{i}EthnicCode": empty,
            f"Actor{i}Religion1Code": empty,
            f"Actor{i}Religion2Code": empty,
            f"Actor{i}Type1Code": col(ag),
            f"Actor{i}Type2Code": empty,
            f"Actor{i}Type3Code": empty,
        }
    data |= {
        "IsRootEvent": col(rng.integers(0, 2, size=rows)),
        "EventCode": col(event_code),
        "EventBaseCode": col(np.char.ljust(event_code, 3).astype("U3")),
        "EventRootCode": col(np.char.ljust(event_code, 2).astype("U2")),
        "QuadClass": col(quad[ci]),
        "GoldsteinScale": col(gold[ci]),
        "NumMentions": col(mentions),
        "NumSources": col(sources),
        "NumArticles": col(mentions),
        "AvgTone": col(tone),
    }
    geo_where = {"Actor1": a1, "Actor2": a2, "Action": np.where(rng.random(rows) < 0.5, a1, a2)}
    for prefix, where in geo_where.items():
        data |= {
            f"{prefix}Geo_Type": pa.array(np.full(rows, "1")),
            f"{prefix}Geo_FullName": col(name[where]),
            f"{prefix}Geo_CountryCode": col(fips[where]),
            f"{prefix}Geo_ADM1Code": col(fips[where]),
            f"{prefix}Geo_ADM2Code": empty,
            f"{prefix}Geo_Lat": col(lat[where]),
            f"{prefix}Geo_Long": col(lon[where]),
            f"{prefix}Geo_FeatureID": col(fips[where]),
        }
    added = sqldate if version == 1 else np.char.add(sqldate, "120000")
    data["DATEADDED"] = col(added)
    data["SOURCEURL"] = col(np.char.add("https://news.example.org/", ids.astype(str)))
    names = list(GDELT1_COLUMNS if version == 1 else GDELT2_COLUMNS)
    if not sourceurl and version == 1:
        names = names[:-1]
    return pa.table({n: data[n] for n in names})


def write_gdelt(
    path: str | Path,
    rows: int,
    seed: int,
    version: int = 1,
    chunk: int = 500_000,
    sourceurl: bool = True,
) -> Path:
    """Write ``rows`` synthetic events as a tab-separated, header-less GDELT file (``.gz``
    compressed when the name ends in .gz), generated in chunks of bounded memory.

    >>> import tempfile, pathlib
    >>> p = write_gdelt(pathlib.Path(tempfile.mkdtemp()) / "x.tsv", rows=3, seed=1)
    >>> len(p.read_text().splitlines())
    3
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    opts = pacsv.WriteOptions(include_header=False, delimiter="\t", quoting_style="none")
    first_id = 400_000_000 + seed * 10_000_000
    with gzip.open(out, "wb", compresslevel=3) if out.suffix == ".gz" else out.open("wb") as fh:
        done, part = 0, 0
        while done < rows:
            n = min(chunk, rows - done)
            table = gdelt_table(
                n,
                seed=seed * 1000 + part,
                version=version,
                sourceurl=sourceurl,
                first_id=first_id + done,
            )
            pacsv.write_csv(table, fh, write_options=opts)
            done, part = done + n, part + 1
    return out
