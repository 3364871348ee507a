"""Evaluation of the event coder (steppe.coding.evaluate) and the PETRARCH dictionary
semantics it relies on: small self-contained dictionaries and records written here, then the
shared PETRARCH2 validation records and PLOVER gold standard when ../shared is present."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from steppe.cli import app
from steppe.coding import Coder, CoderOptions, Dictionaries
from steppe.coding.dictionaries import ActorDictionary, AgentDictionary, VerbDictionary
from steppe.coding.evaluate import (
    EvaluationInputError,
    error_class,
    eval_coder,
    evaluate_coder,
    read_petrarch_validation,
    read_plover_gsr,
)
from steppe.coding.model import Sentence
from steppe.coding.stages import tokenize

VERBS = """
&TIETYPES
+MILITARY
+ECONOMIC

&CURRENCY
+DOLLAR
+SWISS FRANC

--- RESTORE [064] ---
RESTORE
- * &TIETYPES TIES [902]
- * DIPLOMATIC_TIES [901]

--- CONTRIBUTE [070] ---
CONTRIBUTE
- * &CURRENCY [903]

--- VISIT [042:043] ---
VISIT

--- AGREE [030] ---
AGREE
- % * [030:030]

--- FREE [066] ---
FREE
- + * FROM $ [066]

--- SAY [010] ---
SAY {SAYS SAID}

--- WIRE_TAP [1711] ---
WIRE_+TAP {WIRE_+TAPPED WIRE_+TAPPING}
"""

ACTORS = """
ARNOR_  [ARN]
GONDOR [GON]
+MINAS_TIRITH
ITHILEN [ITH]
ITHILEN TELEVISION [ITHTV]
GOLLUM
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]
THE_SHIRE [FRO/SAM]
BOROMIR [---]
"""

AGENTS = """
OFFICIAL [~GOV]
AMBASSADOR [~GOV]
SOLDIER [~MIL]
MSF {} [NGO~]
POLICE {} [~COP]
FOREIGN_MINISTER [~GOVFRM]
"""

DAY = date(1995, 1, 1)


@pytest.fixture(scope="module")
def fictional() -> Coder:
    dicts = Dictionaries(
        VerbDictionary.parse(VERBS),
        AgentDictionary.parse(AGENTS),
        actors=ActorDictionary.parse(ACTORS),
    )
    return Coder(dicts, options=CoderOptions(require_actor=False), registry=False)


def _triples(coder: Coder, text: str, on: date = DAY) -> set[tuple[str, str, str]]:
    (s,) = coder.code_sentences([Sentence("t", 0, text, on, tokenize(text))])
    return {
        (
            e.source.full_code if e.source else "---",
            e.target.full_code if e.target else "---",
            e.cameo,
        )
        for e in s.events
    }


# --------------------------------------------------------------------------- dictionaries


def test_actor_dictionary_dates_synonyms_and_null_codes() -> None:
    d = ActorDictionary.parse(ACTORS)
    low = ["smeagol"]
    assert d.match(low, 0, date(1990, 1, 1)) == (1, "HOB")
    assert d.match(low, 0, date(1995, 6, 1)) == (1, "HOB")  # bounds included, first wins
    assert d.match(low, 0, date(1995, 6, 2)) == (1, "HOBGOV")
    assert d.match(low, 0, date(2001, 1, 1)) == (1, "HOBREB")
    assert d.match(["minas", "tirith"], 0, None) == (2, "GON")
    assert d.match(["boromir"], 0, None) == (1, None)  # [---]: a phrase that is no actor
    # a blank lets words come between; the longest phrase wins
    assert d.match(["ithilen", "state-run", "television"], 0, None) == (3, "ITHTV")
    assert d.match(["ithilen", "said"], 0, None) == (1, "ITH")


def test_bad_date_restriction_is_reported_not_fatal() -> None:
    d = ActorDictionary()
    d.add_lines(["ROHAN [ROH]", "EDORAS", "\t[ROHGOV 9008223-990101]", "\t[ROH]"], "x.actors")
    d.index.finish()
    assert d.match(["edoras"], 0, DAY) == (1, "ROH")
    assert d.problems == ["x.actors, line 3: bad date '9008223' in a date restriction"]


def test_verb_dictionary_forms_patterns_and_synsets() -> None:
    v = VerbDictionary.parse(VERBS)
    tap = v.lookup("wire tapped")
    assert tap is not None and (tap.block, tap.code) == ("WIRE_TAP", "1711")
    visit = v.lookup("visits")
    assert visit is not None and (visit.code, visit.reverse) == ("042", "043")
    assert {"swiss franc", "swiss francs", "dollars"} <= v.synsets["&currency"]
    (tight,) = [p for p in v.patterns["RESTORE"] if p.code == "901"]
    assert [(e.value, e.tight) for e in tight.after] == [("diplomatic", False), ("ties", True)]
    nested = VerbDictionary.parse("&A\n+&B\n+TREATY\n&B\n+PACT_\n---  V [010] ---\nV\n")
    assert nested.synsets["&a"] == {"treaty", "treaties", "pact"}


def test_agents_prefix_suffix_and_plurals() -> None:
    a = AgentDictionary.parse(AGENTS)
    assert a.agent("officials") is not None and a.lookup("officials") == "GOV"
    msf = a.agent("msf")
    assert msf is not None and msf.prefix and msf.code == "NGO"
    assert a.agent("polices") is None  # {} : no plural


# --------------------------------------------------------------------------- coding semantics


def test_patterns_synsets_and_tight_words(fictional: Coder) -> None:
    assert _triples(fictional, "Arnor will restore military ties with Gondor.") == {
        ("ARN", "GON", "902")
    }
    assert _triples(fictional, "Arnor will restore diplomatic ties with Gondor.") == {
        ("ARN", "GON", "901")
    }
    # "_" needs the words side by side: "diplomatic and trade ties" is the verb's own code
    assert _triples(fictional, "Arnor will restore diplomatic and trade ties with Gondor.") == {
        ("ARN", "GON", "064")
    }
    assert _triples(fictional, "Arnor will contribute a million swiss francs to Gondor.") == {
        ("ARN", "GON", "903")
    }


def test_paired_codes_and_slots(fictional: Coder) -> None:
    assert _triples(fictional, "The Arnor ambassador will visit Gondor.") == {
        ("ARNGOV", "GON", "042"),
        ("GON", "ARNGOV", "043"),
    }
    # "+ * FROM $": the target before the verb, the source after "from"
    assert _triples(fictional, "Smeagol was freed from Minas Tirith on Monday.") == {
        ("GON", "HOB", "066")
    }


def test_compounds_agents_and_dates(fictional: Coder) -> None:
    # "% *": the compound's members code with each other, both ways
    assert _triples(fictional, "Arnor and Gondor agree on the plan.") == {
        ("ARN", "GON", "030"),
        ("GON", "ARN", "030"),
    }
    # an agent followed by "of" and a list takes every actor of the list
    assert _triples(fictional, "The ambassadors of Arnor and Gondor will visit Ithilen.") >= {
        ("ARNGOV", "ITH", "042"),
        ("GONGOV", "ITH", "042"),
    }
    # prefix and suffix agents; an A/B code names two actors
    assert _triples(
        fictional, "An MSF Arnor official will restore diplomatic ties with The Shire."
    ) == {
        ("NGOARNGOV", "FRO", "901"),
        ("NGOARNGOV", "SAM", "901"),
    }
    assert _triples(fictional, "Gollum will visit Gondor.", date(1996, 1, 1)) >= {
        ("HOBGOV", "GON", "042")
    }
    assert _triples(fictional, "Soldiers from Gondor wire tapped Ithilen.") == {
        ("GONMIL", "ITH", "1711")
    }


def test_subjects_passives_and_pronouns(fictional: Coder) -> None:
    # "by" names the source of a passive verb
    assert _triples(fictional, "Ithilen was visited by Arnor officials.") >= {
        ("ARNGOV", "ITH", "042")
    }
    # "he" has no antecedent the coder can know: no source
    assert _triples(fictional, "He said Gondor will restore ties with Arnor.") == {
        ("GON", "ARN", "064")
    }
    # "crowds" is the subject, not Arnor further left
    assert ("ARN", "---", "070") not in _triples(
        fictional, "Arnor said crowds will contribute money."
    )


def test_require_dyad(fictional: Coder) -> None:
    dicts = fictional.dictionaries
    strict = Coder(
        dicts, options=CoderOptions(require_dyad=True, require_actor=False), registry=False
    )
    text = "Arnor will restore diplomatic ties with Gondor, a senior official said."
    assert ("---GOV", "---", "010") in _triples(fictional, text)
    assert _triples(strict, text) == {("ARN", "GON", "901")}


# --------------------------------------------------------------------------- readers and scores

XML = """<Validation>
<Environment>
    <Verbfile>test.verbs.txt</Verbfile>
    <Actorfile>test.actors.txt</Actorfile>
    <Agentfile>test.agents.txt</Agentfile>
    <Include>valid DEMO</Include>
</Environment>
<Sentences>
<Sentence date="19950101" id="R-1" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="901"></EventCoding>
<Text>Arnor will restore diplomatic ties with Gondor.</Text>
<Parse>(ROOT (S (NP (NNP Arnor)) (VP (MD will) (VP (VB restore) (NP (JJ diplomatic) (NNS ties))
 (PP (IN with) (NP (NNP Gondor))))) (. .)))</Parse>
</Sentence>
<Sentence date="19950101" id="R-2" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="901"></EventCoding>
<Text>Arnor will restore diplomatic ties with Gondor, a senior official said.</Text>
</Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence date="19950101" id="R-3" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="901"></EventCoding>
<EventCoding sourcecode="---GOV" targetcode="---" eventcode="010"></EventCoding>
<Text>Arnor will restore diplomatic ties with Gondor, a senior official said.</Text>
</Sentence>
<Sentence date="1995-01-01" id="R-4" category="DEMO" sentence="true">
<Text>A record with a bad date.</Text>
</Sentence>
<Sentence date="19950101" id="R-5" category="DEMO" sentence="false">
<EventCoding sourcecode="GON" targetcode="ARN" eventcode="064"></EventCoding>
<Text>Arnor will restore diplomatic ties with Gondor.</Text>
</Sentence>
</Sentences>
</Validation>
"""


def _write_validation(folder: Path, xml: str = XML) -> Path:
    (folder / "test.verbs.txt").write_text(VERBS)
    (folder / "test.actors.txt").write_text(ACTORS)
    (folder / "test.agents.txt").write_text(AGENTS)
    path = folder / "records.xml"
    path.write_text(xml)
    return path


def test_petrarch_validation_reader_and_scores(tmp_path: Path) -> None:
    path = _write_validation(tmp_path)
    gold = read_petrarch_validation(path)
    assert [r.id for r in gold.records] == ["R-1", "R-2", "R-3", "R-5"]
    line = XML.splitlines().index(
        '<Sentence date="1995-01-01" id="R-4" category="DEMO" sentence="true">'
    )
    assert gold.problems == (
        f"{path}: line {line + 1}: record R-4: date '1995-01-01' is not YYYYMMDD",
    )
    r1, _, r3, r5 = gold.records
    assert r1.tags[:2] == ("NNP", "MD") and r1.require_dyad and not r3.require_dyad
    assert not r5.scored  # <Include> has "valid": sentence="false" records are left out
    result = evaluate_coder(gold)
    assert result.records == 3 and result.used_parse
    # R-2 (require_dyad): "a senior official said" has no target, so no event
    assert result.triples is not None and (result.triples.tp, result.triples.fp) == (4, 0)
    assert result.triples.f1 == 1.0
    assert result.all_records["fn"] == 1  # R-5 counts when every record is scored
    assert result.error_classes == {"correct": 3}
    assert [r.error_class for r in result.results if not r.scored] == ["actor_and_code"]


def test_petrarch_reader_errors(tmp_path: Path) -> None:
    path = _write_validation(tmp_path, XML.replace("test.agents.txt", "missing.agents.txt"))
    with pytest.raises(
        EvaluationInputError, match=r"'missing\.agents\.txt' named in the validation"
    ):
        read_petrarch_validation(path)
    bad = tmp_path / "bad.xml"
    bad.write_text("<Validation><Environment>")
    with pytest.raises(EvaluationInputError, match=r"bad\.xml: not well-formed XML"):
        read_petrarch_validation(bad)
    dtd = tmp_path / "dtd.xml"
    dtd.write_text('<!DOCTYPE x [<!ENTITY a "b">]><Validation/>')
    with pytest.raises(EvaluationInputError, match="DTD"):
        read_petrarch_validation(dtd)


def test_error_classes() -> None:
    gold = {("A", "B", "040"), ("A", "C", "040")}
    assert error_class(gold, {("A", "B", "040")}) == "missing_event"
    assert error_class(gold, {("A", "B", "040"), ("A", "D", "050")}) == "partial"
    assert error_class(gold, {("A", "B", "040"), ("A", "D", "040")}) == "actor"
    assert error_class(gold, gold | {("B", "A", "040")}) == "extra_event"
    assert error_class(gold, set()) == "missed_event"
    assert error_class({('"NEW ACTOR"', "B", "040")}, {("A", "B", "040")}) == "unsupported_actor"


def test_plover_reader_and_category_accuracy(tmp_path: Path, shared: Path) -> None:
    records = [
        {"id": "DOC", "event": "DOCUMENT"},
        {
            "id": "X-1",
            "date": "2023-05-18",
            "event": "CONSULT",
            "text": "Tokayev met Xi Jinping in Astana.",
            "source": [{"actorText": "Tokayev", "code": "KAZ"}],
            "target": [{"actorText": "Xi Jinping", "code": "CHN"}],
        },
        {
            "id": "X-2",
            "date": "2023-05-18",
            "event": "DISAPPROVE",
            "text": "Russia criticized Kazakhstan.",
            "source": [{"code": "RUS"}],
            "target": "",
        },
        {"id": "X-3", "date": "2023-05-18", "event": "AGREE", "text": ""},
        {"id": "X-4", "date": "18 May", "event": "AGREE", "text": "Some text."},
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(records))
    gold = read_plover_gsr(path, shared / "petrarch2_dictionaries")
    assert [r.id for r in gold.records] == ["X-1", "X-2"]
    assert gold.problems == (
        f"{path}: record 4 (X-3): no text",
        f"{path}: record 5 (X-4): date '18 May' is not YYYY-MM-DD",
    )
    result = evaluate_coder(gold)
    assert result.category_accuracy == 1.0 and result.triples is None
    assert (result.actors.tp, result.actors.fn) == (3, 0)
    (tmp_path / "list.json").write_text("{}")
    with pytest.raises(EvaluationInputError, match="expected a JSON array"):
        read_plover_gsr(tmp_path / "list.json", shared / "petrarch2_dictionaries")


@pytest.mark.shared
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Kazakhstan agreed a transit deal with Uzbekistan.", "AGREE"),
        ("China will give Kyrgyzstan a loan of 50 million dollars.", "AGREE"),
        ("Tajikistan rejected a proposal by Uzbekistan.", "REJECT"),
        ("Russia will not accept migrants from Tajikistan.", "REJECT"),
        ("Workers in Almaty staged mass demonstrations on Monday.", "PROTEST"),
        ("Turkmenistan ended talks with Afghanistan.", "SANCTION"),
        ("Uzbekistan said it would blockade the border with Tajikistan.", "THREATEN"),
        ("Kazakhstan lifted a curfew in Almaty.", "CONCEDE"),
        ("The Kyrgyz prime minister resigned on Friday.", "RETREAT"),
        ("Protesters in Bishkek threatened to hold a strike.", "THREATEN"),
        ("Moscow said on Monday that Dushanbe must return the migrants.", "DEMAND"),
        ("A car bombing in Osh killed three Kyrgyz policemen.", "ASSAULT"),
        ("Uzbek troops killed two Tajik soldiers in a gunbattle at the border.", "FIGHT"),
        ("Kazakhstan will provide grain to refugees fleeing the war in Afghanistan.", "AGREE"),
        ("Tajikistan dismissed an appeal from Kyrgyzstan to reopen the border.", "REJECT"),
        ("Uzbekistan expelled two Russian diplomats for spying.", "SANCTION"),
        ("Russia will withdraw its peacekeepers from Kazakhstan.", "THREATEN"),
        ("Kyrgyzstan deployed troops to the border with Tajikistan.", "MOBILIZE"),
        ("Turkmenistan accepted demands from Uzbekistan to cut gas prices.", "CONCEDE"),
        ("Kazakhstan and China renewed negotiations on water sharing.", "CONSULT"),
    ],
)
def test_plover_2016_rules(tmp_path: Path, shared: Path, text: str, category: str) -> None:
    """The 2016 manual's rules (future tense of cooperation is AGREE, refusals are REJECT,
    light verb + event noun …) on sentences that are not gold-standard records."""
    record = {"id": "N-1", "date": "2023-05-18", "event": category, "text": text}
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps([record]))
    result = evaluate_coder(read_plover_gsr(path, shared / "petrarch2_dictionaries"))
    assert result.results[0].coded == (category,), result.results[0]


def test_cli_eval_coder(tmp_path: Path) -> None:
    path = _write_validation(tmp_path)
    runner = CliRunner()
    res = runner.invoke(app, ["eval", "coder", "--petrarch", str(path), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["triples"]["f1"] == 1.0 and out["records"] == 3
    assert {d["id"] for d in out["records_detail"]} == {"R-1", "R-2", "R-3", "R-5"}
    res = runner.invoke(app, ["eval", "coder", "--petrarch", str(path)])
    assert res.exit_code == 0 and "(source, target, CAMEO)" in res.stdout
    res = runner.invoke(app, ["eval", "coder"])
    assert res.exit_code == 1 and "give exactly one" in res.output


# --------------------------------------------------------------------------- shared data

VALIDATION = "petrarch2_validation/PETR.UnitTest.records.dev70.xml"
PLOVER = "plover/PLOVER_GSR_CAMEO.dev70.json"


@pytest.mark.shared
@pytest.mark.parametrize("use_parse", [True, False])
def test_petrarch_validation_records(shared: Path, use_parse: bool) -> None:
    """Target: F1 >= 0.80 on (source, target, CAMEO) triples, with and without the parses."""
    result = eval_coder(petrarch=shared / VALIDATION, use_parse=use_parse)
    assert result.used_parse is use_parse
    assert result.triples is not None and result.triples.f1 >= 0.80
    assert result.roots is not None and result.roots.f1 >= 0.85
    assert result.actors.f1 >= 0.85
    assert result.error_classes["correct"] >= 0.8 * result.records


@pytest.mark.shared
def test_plover_gold_standard(shared: Path) -> None:
    """Target: category accuracy >= 0.70 (the README has the figures per half and the error
    classes; 0.476 with the code's 2021 category alone)."""
    result = eval_coder(plover=shared / PLOVER)
    assert result.records == 225 and result.category_accuracy is not None
    assert result.category_accuracy >= 0.70
    # 16 since "urge" became a verb (steppe.verbs.txt): "urged the EC to support the PLO" is
    # the appeal, which the 2016 categories drop, where the GSR codes the inner SUPPORT
    assert result.error_classes["no_event"] <= 16
    registry_only = eval_coder(plover=shared / PLOVER, actors=False)
    assert registry_only.actors.recall < result.actors.recall
