"""Deterministic synthetic data for tests and benchmarks: event files in the real GDELT layouts,
and English news articles about the region's actors."""

from __future__ import annotations

import gzip
import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from steppe.domain.models import Period
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


# --------------------------------------------------------------------------- news text

_NEWS_WEIGHTS = {
    "KAZ": 8, "UZB": 6, "KGZ": 5, "TJK": 5, "TKM": 3, "AZE": 4, "RUS": 9, "CHN": 8, "USA": 5,
    "TUR": 4, "IRN": 3, "EU": 4, "AFG": 2, "IND": 2, "PAK": 1, "JPN": 1, "KOR": 1, "DEU": 1,
    "GEO": 1, "ARM": 1, "UKR": 2, "BLR": 1, "MNG": 1, "GBR": 1, "FRA": 1, "SAU": 1, "ARE": 1,
    "EAEU": 2, "CSTO": 2, "SCO": 2, "CIS": 1, "OTS": 1, "UN": 1, "NATO": 1, "OSCE": 1,
}  # fmt: skip
"""Relative frequency of actors in the synthetic news (the region first, then its partners)."""
_TITLES = {
    "head_of_state": "President",
    "head_of_government": "Prime Minister",
    "foreign_minister": "Foreign Minister",
}
_AGENT_NOUNS = (
    "Foreign Ministry", "officials", "government", "border guards", "Defence Ministry",
    "delegation", "lawmakers", "energy companies", "Interior Ministry", "ambassador",
)  # fmt: skip
_TOPICS = (
    "water sharing on the Amu Darya", "gas transit", "labour migration", "border demarcation",
    "the Trans-Caspian corridor", "regional security", "wheat exports", "visa-free travel",
    "electricity supplies", "the rights of migrant workers", "a new railway line",
    "customs procedures", "uranium mining", "the situation in Afghanistan", "drug trafficking",
    "hydropower projects on the Naryn river", "digital trade", "oil shipments through the Caspian",
)  # fmt: skip
_ACTIONS = (
    "release detained citizens", "open the border crossing", "resume gas deliveries",
    "withdraw its troops", "ease visa rules for migrants", "investigate the incident",
    "lift the trade restrictions", "join the customs union", "pay its debts",
    "guarantee the safety of its nationals", "hold early elections", "extradite the suspects",
)  # fmt: skip
_VERBS = (
    # (weight, template); {T} is the target phrase, {P} a place, {X} a topic, {A} an action
    (8, "met {T}"),
    (5, "met with {T} to discuss {X}"),
    (6, "held talks with {T} on {X}"),
    (4, "discussed {X} with {T}"),
    (5, "signed an agreement with {T} on {X}"),
    (2, "signed a memorandum of understanding with {T}"),
    (3, "visited {P}"),
    (3, "hosted {T}"),
    (2, "thanked {T} for its support"),
    (2, "praised {T} for its role in {X}"),
    (3, "criticized {T} over {X}"),
    (2, "condemned {T}"),
    (2, "accused {T} of violating the agreement on {X}"),
    (3, "urged {T} to {A}"),
    (3, "called on {T} to {A}"),
    (2, "demanded that {T} {A}"),
    (2, "warned {T} against interfering in {X}"),
    (1, "threatened {T} with sanctions"),
    (1, "imposed sanctions on {T}"),
    (1, "expelled diplomats of {T}"),
    (2, "rejected a proposal by {T} on {X}"),
    (2, "pledged $NUM million in aid to {T}"),
    (2, "agreed with {T} to {A}"),
    (2, "invited {T} to the summit in {P}"),
    (2, "welcomed the decision of {T} to {A}"),
    (1, "apologized to {T}"),
    (1, "sent troops to {P}"),
    (2, "promised to support {T}"),
    (1, "asked {T} to {A}"),
    (1, "offered to mediate between {T} and {U}"),
)  # fmt: skip
_MODES = (
    (70, "{v}"),
    (6, "did not {b}"),
    (5, "will {b}"),
    (4, "may {b}"),
    (3, "plans to {b}"),
    (3, "refused to {b}"),
    (2, "could {b}"),
)
_WHEN = (
    "", "", "", " on Monday", " on Tuesday", " on Wednesday", " on Thursday", " on Friday",
    " last week", " earlier this month", " on NUM March", " at the weekend",
)  # fmt: skip
_ATTRIBUTION = (
    "", "", "", "", ", officials said", ", the ministry said in a statement",
    ", according to a government statement", ", local media reported",
    ", the presidential press service said", ", news agencies reported",
)  # fmt: skip
_CONTEXT = (
    "", "", "", "", "", " amid rising tensions over {X}", " as part of talks on {X}",
    " after months of disputes over {X}", " on the sidelines of a regional summit in {P}",
    " during a visit to {P}", " in a phone call",
)  # fmt: skip
_LEAD = (
    "", "", "", "", "", "", "Meanwhile, ", "In a separate development, ",
    "Speaking at a press conference in {P}, ", "In a statement released late on Tuesday, ",
    "According to a readout published by the presidential administration, ",
    "Despite the objections raised by several neighbouring states, ",
)  # fmt: skip
_TAIL = (
    "", "", "", "", "", " and said the two sides would meet again before the end of the year",
    ", adding that a working group on {X} would be set up within NUM months",
    ", while stressing that the issue of {X} must be resolved through dialogue",
    " and pledged to step up cooperation on {X}, transport and energy",
    ", a move that observers linked to the dispute over {X}",
    " and noted that bilateral trade had grown by NUM per cent over the past NUM years, with "
    "exports of metals, grain and textiles leading the increase",
)  # fmt: skip
_FILLER = (
    "Trade between the two countries reached $NUM billion last year, up NUM per cent.",
    "The talks focused on {X}, transport links and investment.",
    "About NUM,000 people crossed the border in the first quarter, according to official data.",
    "Analysts say the region has sought to balance its ties with several powers since "
    "independence in 1991.",
    "The agreement is expected to enter into force next year after ratification by parliament.",
    "Prices for flour and fuel rose sharply in the following weeks.",
    "The project, estimated at $NUM million, would take NUM years to complete.",
    "Details of the deal were not disclosed.",
    "The meeting was the NUMth of its kind since 2017.",
    "Experts noted that remittances account for a large share of the economy.",
    "The new rules apply to citizens who entered the country after NUM January.",
    "Critics argue the measures will hit small traders hardest.",
    "It was not immediately clear when the work would resume.",
    "The sides also discussed {X} and cooperation in education.",
)  # fmt: skip


def _irregular_base(past: str) -> str:
    head, _, rest = past.partition(" ")
    table = {
        "met": "meet", "held": "hold", "sent": "send", "signed": "sign", "visited": "visit",
        "hosted": "host", "thanked": "thank", "praised": "praise", "criticized": "criticize",
        "condemned": "condemn", "accused": "accuse", "urged": "urge", "called": "call",
        "demanded": "demand", "warned": "warn", "threatened": "threaten", "imposed": "impose",
        "expelled": "expel", "rejected": "reject", "pledged": "pledge", "agreed": "agree",
        "invited": "invite", "welcomed": "welcome", "apologized": "apologize",
        "promised": "promise", "asked": "ask", "offered": "offer", "discussed": "discuss",
    }  # fmt: skip
    return f"{table.get(head, head)} {rest}".strip()


class _NewsWriter:
    def __init__(self, seed: int) -> None:
        import random

        from steppe.registry import Registry

        self.rng = random.Random(seed)
        reg = Registry.load()
        names = {a.code: a.name for a in reg.actors}
        self.codes = [c for c in _NEWS_WEIGHTS if c in names]
        self.weights = [_NEWS_WEIGHTS[c] for c in self.codes]
        self.names = names
        self.kinds = {a.code: a.kind for a in reg.actors}
        self.aliases: dict[str, dict[str, list[tuple[str, Period]]]] = {}
        for al in reg.aliases:
            by_kind = self.aliases.setdefault(al.code, {})
            by_kind.setdefault(al.kind, []).append((al.alias, al.valid))
        self.leaders = reg.leaders
        self.capitals = [
            (al.alias, al.valid)
            for al in reg.aliases
            if al.kind == "capital" and al.code in self.codes
        ]
        self.verb_w = [w for w, _ in _VERBS]
        self.mode_w = [w for w, _ in _MODES]

    def _num(self, text: str) -> str:
        while "NUM" in text:
            text = text.replace("NUM", str(self.rng.randint(2, 40)), 1)
        return text

    def _alias(self, code: str, kind: str, on: date) -> str | None:
        forms = [a for a, valid in self.aliases.get(code, {}).get(kind, []) if valid.contains(on)]
        return self.rng.choice(forms) if forms else None

    def actor(self, code: str, on: date) -> str:
        r = self.rng.random()
        name = self.names[code]
        if self.kinds[code] in ("organisation", "format", "bloc"):
            abbr = self._alias(code, "abbreviation", on)
            return (abbr if abbr and r < 0.6 else "the " + name) if code != "EU" else "the EU"
        if r < 0.35:
            return name
        if r < 0.5:
            capital = self._alias(code, "capital", on)
            if capital:
                return capital
        if r < 0.7:
            demonym = self._alias(code, "demonym", on)
            if demonym:
                noun = self.rng.choice(_AGENT_NOUNS)
                return f"the {demonym} {noun}" if noun[0].isupper() else f"{demonym} {noun}"
        terms = [
            ld
            for ld in self.leaders
            if ld.code == code and ld.role in _TITLES and ld.term.contains(on)
        ]
        if terms:
            ld = self.rng.choice(terms)
            title = _TITLES[ld.role]
            s = self.rng.random()
            if s < 0.3:
                return f"{title} {ld.person}"
            short = self.rng.choice(ld.variants) if ld.variants else ld.person
            if s < 0.6:
                demonym = self._alias(code, "demonym", on)
                return f"{demonym} {title} {short}" if demonym else f"{title} {short}"
            return short
        return name

    def place(self, on: date) -> str:
        forms = [a for a, valid in self.capitals if valid.contains(on)]
        return self.rng.choice(forms)

    def _fill(self, text: str, on: date, target: str | None = None) -> str:
        if "{T}" in text:
            text = text.replace("{T}", target or self.actor(self._pick(), on))
        if "{U}" in text:
            text = text.replace("{U}", self.actor(self._pick(), on))
        text = text.replace("{P}", self.place(on)).replace("{X}", self.rng.choice(_TOPICS))
        return self._num(text.replace("{A}", self.rng.choice(_ACTIONS)))

    def _pick(self, not_code: str | None = None) -> str:
        while True:
            code = self.rng.choices(self.codes, self.weights)[0]
            if code != not_code:
                return code

    def event_sentence(self, on: date) -> str:
        src = self._pick()
        tgt = self._pick(src)
        verb = self.rng.choices(_VERBS, self.verb_w)[0][1]
        mode = self.rng.choices(_MODES, self.mode_w)[0][1]
        phrase = mode.format(v=verb, b=_irregular_base(verb))
        text = self._fill(phrase, on, self.actor(tgt, on))
        when = self.rng.choice(_WHEN)
        context = self._fill(self.rng.choice(_CONTEXT), on)
        attribution = self.rng.choice(_ATTRIBUTION)
        subject = self.actor(src, on)
        lead = self._fill(self.rng.choice(_LEAD), on)
        tail = self._fill(self.rng.choice(_TAIL), on)
        sentence = f"{lead}{subject} {text}{when}{context}{tail}{attribution}."
        if self.rng.random() < 0.12:
            quote = self._fill(self.rng.choice(_FILLER), on).rstrip(".")
            speaker = self.actor(self._pick(), on)
            sentence = f'"{quote}," {speaker} said.'
        return self._num(sentence[0].upper() + sentence[1:])

    def document(self, on: date) -> tuple[str, str]:
        n = 1 + min(int(self.rng.expovariate(1 / 5)), 30)
        sentences = [self.event_sentence(on)]
        for _ in range(n - 1):
            if self.rng.random() < 0.6:
                sentences.append(self.event_sentence(on))
            else:
                sentences.append(self._fill(self.rng.choice(_FILLER), on))
        paragraphs: list[str] = []
        i = 0
        while i < len(sentences):
            k = self.rng.randint(1, 3)
            paragraphs.append(" ".join(sentences[i : i + k]))
            i += k
        title = sentences[0].rstrip(".")
        return title, "\n\n".join(paragraphs)


def news_documents(
    documents: int, seed: int, start: date = date(2015, 1, 1), days: int = 3652
) -> list[dict[str, str]]:
    """``documents`` synthetic English news articles about the region's actors, as records
    with ``title``, ``text``, ``date`` (ISO), ``url`` and ``source``.

    Sentences come from templates filled with the registry's names, capitals, demonyms and the
    leaders in office on the article's date, joined to common CAMEO verbs (meet, sign, urge,
    criticize, accuse, threaten …) with negation, modality, dates, places and attributions, and
    mixed with event-free sentences; an article has 1-31 sentences (mean about 6), in
    paragraphs. The same ``seed`` always gives the same articles.

    >>> docs = news_documents(3, seed=7)
    >>> docs == news_documents(3, seed=7), sorted(docs[0])
    (True, ['date', 'source', 'text', 'title', 'url'])
    """
    writer = _NewsWriter(seed)
    out: list[dict[str, str]] = []
    for k in range(documents):
        on = start + timedelta(days=writer.rng.randrange(days))
        title, text = writer.document(on)
        out.append(
            {
                "title": title,
                "text": text,
                "date": on.isoformat(),
                "url": f"https://news.example.org/{seed}/{k}",
                "source": "synthetic",
            }
        )
    return out


def write_news(path: str | Path, documents: int, seed: int) -> Path:
    """Write :func:`news_documents` as JSON Lines (``.gz`` compressed when the name ends in
    .gz), ready for ``steppe ingest news``.

    >>> import tempfile, pathlib
    >>> p = write_news(pathlib.Path(tempfile.mkdtemp()) / "news.jsonl", documents=4, seed=1)
    >>> len(p.read_text().splitlines())
    4
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = "".join(
        json.dumps(d, ensure_ascii=False) + "\n" for d in news_documents(documents, seed)
    ).encode("utf-8")
    out.write_bytes(gzip.compress(lines, compresslevel=3) if out.suffix == ".gz" else lines)
    return out
