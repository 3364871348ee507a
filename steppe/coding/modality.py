"""How a sentence states each event (modality) and when the event happened (event time).

:class:`Modality` gives every event one of ``asserted``, ``negated``, ``hypothetical``,
``future`` or ``reported`` (:func:`modality_of`); :class:`EventTime` says whether the event is
the document's news (``document``) or an earlier event the text mentions: ``past`` with the
date the text gives (:func:`date_mentions`), else ``past_undated`` ("years ago",
"previously"). Both look only inside the event's clause (:func:`~steppe.coding.events.clause`).

The categories follow the CAMEO manual's rule that events are coded as reported: "the event
must have occurred" (CAMEO 1.1b3, section 1.2: statements of intent are coded as intents, 03x,
not as the act) and the PLOVER manual's ``mode`` and ``context`` fields, which keep
hypothetical and negated mentions apart from events that took place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from steppe.coding.events import HEARSAY, clause, hearsay
from steppe.coding.model import Batch, CodedEvent, Sentence, evolve

NEGATIONS = frozenset({"not", "n't", "never", "denied", "refused", "no", "cannot"})
MODALS = frozenset({"may", "might", "could", "would", "will", "should", "shall"})
INTENT = frozenset({
    "plans", "plan", "planned", "planning", "intends", "intend", "intended", "expected",
    "expects", "due", "set", "aims", "going", "scheduled", "poised", "about", "forward",
})  # fmt: skip
"""Words that, before "to", announce an act ("plans to visit", "is due to sign", "we look
forward to supporting")."""
HYPOTHETICAL = frozenset({
    "could", "might", "may", "should", "ought", "possibly", "perhaps", "potentially",
    "conceivably", "hypothetically", "can",
})  # fmt: skip
"""Possibility and obligation: the act is not said to take place."""
CONDITIONS = frozenset({"if", "unless", "lest", "whether"})
FUTURE = frozenset({"will", "shall", "'ll", "would"})
REPORTED = frozenset({
    "reportedly", "allegedly", "alleged", "purportedly", "supposedly", "rumoured", "rumored",
    "according", "unconfirmed",
})  # fmt: skip
CLAIM_VERBS = frozenset({
    "accused", "accuses", "accuse", "accusing", "alleges", "alleging", "claimed", "claims",
    "claiming", "claim", "blamed", "blames", "blaming",
})  # fmt: skip
"""A claim's content is reported, not asserted by the text ("Moscow accused Kyiv of
shelling": the shelling is Moscow's claim)."""
MODALITIES: tuple[str, ...] = ("asserted", "negated", "hypothetical", "future", "reported")
EVENT_TIMES: tuple[str, ...] = ("document", "past", "past_undated")


HEDGED_SOURCES = frozenset({
    "report", "reports", "unconfirmed", "unverified", "sources", "source", "rumours", "rumors",
    "anonymous", "unnamed", "media", "insiders",
})  # fmt: skip
"""What "according to" must name to keep distance: unconfirmed or unnamed reports and
sources. The annotation guide (section 4): *reported* is for "according to unconfirmed
reports"; "A named official's statement that something happened is asserted (attribution
alone is not distance)" — "according to the document", "according to the ministry"."""


def _hedged_source(low: list[str], lo: int, hi: int) -> bool:
    """ "according to unconfirmed reports / sources" in the clause (not "according to the
    joint statement")."""
    if "according" not in low[lo:hi]:
        return False
    return any(
        low[k] == "according"
        and low[k + 1] == "to"
        and any(w in HEDGED_SOURCES for w in low[k + 2 : k + 6])
        and not _named_report(low, k + 2)
        for k in range(lo, hi - 1)
    )


def _named_report(low: list[str], start: int) -> bool:
    """ "according to a report from the information service of the Agency": a report whose
    author is named is attribution, not distance (the guide: "attribution alone is not
    distance"); "according to media reports", "unconfirmed reports" stay hedged."""
    words = low[start : start + 6]
    for j, w in enumerate(words):
        if w in ("report", "reports", "statement"):
            before = set(words[:j])
            return not (before & HEDGED_SOURCES) and words[j + 1 : j + 2] in (
                ["from"],
                ["by"],
                ["of"],
                ["published"],
            )
    return False


def _not_only(words: list[str], k: int) -> bool:
    """ "not only ... but also": a coordination, not a negation; nor is "spare no effort(s)"
    ("will spare no effort to encourage X" encourages X)."""
    if words[k] == "no":
        return k > 0 and words[k - 1] in SPARE and words[k + 1 : k + 2] in (["effort"], ["efforts"])
    return words[k] == "not" and words[k + 1 : k + 2] == ["only"]


SPARE = frozenset({"spare", "spares", "spared", "sparing"})


def _may_is_month(tokens: tuple[str, ...], k: int) -> bool:
    """ "May" the month ("in May", "May 2022", "9 May") rather than the modal."""
    if tokens[k] != "May":
        return False
    nxt = tokens[k + 1] if k + 1 < len(tokens) else ""
    prev = tokens[k - 1].lower() if k > 0 else ""
    return (
        nxt[:1].isdigit()
        or prev in ("in", "of", "since", "until", "by", "early", "late")
        or (prev[:1].isdigit())
    )


SUBJECT_PRONOUNS = frozenset({"we", "i", "they", "he", "she", "it", "you"})


def _new_subject(tokens: tuple[str, ...], low: list[str], lo: int, verb: int) -> int:
    """Where the verb's own coordinated clause starts: after the last ", and" or ", but"
    before it that a new subject follows ("we will hold elections, and we urge the UN …": the
    appeal is made now, whatever the first clause announces), or after "which is why" ("that
    can be achieved only by a strong UN, which is why Slovenia supports the reforms")."""
    for k in range(verb - 1, lo, -1):
        if low[k] == "why" and low[k - 1] in ("is", "was"):
            return k + 1
    for k in range(verb - 3, lo - 1, -1):
        if low[k] == "," and low[k + 1] in ("and", "but") and k + 2 < verb:
            nxt = tokens[k + 2]
            if low[k + 2] in SUBJECT_PRONOUNS or nxt[:1].isupper():
                return k + 2
    return lo


TENSED_SUBORDINATORS = frozenset({
    "while", "that", "because", "since", "as", "although", "though", "whereas",
})  # fmt: skip
"""Subordinators whose clause states what is or was ("when", "after", "until" and "once"
clauses under a future speak of the future: "we will act when Russia has withdrawn")."""
OWN_TENSE = frozenset({"is", "are", "am", "was", "were", "has", "have", "had"})
CLAUSE_OPENERS = frozenset({"that", "while", "because", "when", "although", "though", "whereas"})
"""Subordinators that open a clause of its own for a negation before them ("we will not
forget that Armenia attacked"); "as" and "since" also follow "not" as adverbs ("has not as
yet", "not since")."""


def _own_tense(low: list[str], lo: int, verb: int) -> bool:
    """Is the verb in a clause of its own after the last "will"/"would" before it, opened by a
    subordinator ("while", "that", "because" ...), with a tense of its own: a past form or
    a progressive or perfect auxiliary ("none of us will feel safe while Russia is waging war
    against Ukraine", "we will never forget that Russia attacked Ukraine")? The future is
    the main clause's; the subordinate clause reports what is or was.

    >>> _own_tense("we will remember that russia attacked ukraine".split(), 0, 5)
    True
    >>> _own_tense("we will ensure that russia pays".split(), 0, 5)
    False
    """
    last = max((k for k in range(lo, verb) if low[k] in FUTURE), default=-1)
    if last < 0 or not any(low[k] in TENSED_SUBORDINATORS for k in range(last + 1, verb - 1)):
        return False
    k = verb - 1
    while k > last and low[k].endswith("ly") and low[k].isalpha():
        k -= 1
    return low[k] in OWN_TENSE or (low[verb].endswith("ed") and low[k] not in AUX_BEFORE_BARE)


AUX_BEFORE_BARE = frozenset({"to", "will", "would", "can", "could", "must", "should", "may"})


CONCESSIVE = frozenset({"whatever", "whichever", "regardless", "irrespective"})


def _concessive(low: list[str], lo: int, verb: int) -> set[int]:
    """Positions of a concessive clause before the verb, up to its comma ("No matter how the
    landscape may change, China will stay committed", "whatever difficulties we may face,"):
    it concedes any circumstance, so its "may" makes nothing conditional."""
    out: set[int] = set()
    span = low[lo:verb]
    if "matter" not in span and CONCESSIVE.isdisjoint(span):
        return out
    k = lo
    while k < verb:
        if (low[k] == "no" and low[k + 1 : k + 2] == ["matter"]) or low[k] in CONCESSIVE:
            end = next((j for j in range(k, verb) if low[j] == ","), None)
            if end is None:
                break
            out.update(range(k, end))
            k = end
        k += 1
    return out


BE_PRESENT_PAST = frozenset({"is", "are", "am", "was", "were"})
PURPOSE_NOUNS = frozenset(
    f"{noun}{end}"
    for noun in (
        "aim", "goal", "task", "priority", "objective", "purpose", "way", "idea", "plan",
        "intention", "mission", "challenge", "point", "answer", "solution", "need", "key",
        "role", "hope", "wish", "desire", "step", "option", "alternative", "decision",
        "ambition", "focus", "approach", "response", "duty", "responsibility", "job", "policy",
        "strategy", "target", "proposal", "choice", "interest", "intent", "dream",
    )
    for end in ("", "s")
) | {"priorities", "what", "this", "that", "it", "which", "thing"}  # fmt: skip
"""Subjects of "is to" that say what something is for ("our aim is to expand trade", "the
only way is to negotiate"), not that an act is scheduled."""


def _scheduled(words: list[str]) -> bool:
    """Do the clause's words before the verb end in "is/are/was/were to" after a subject that
    is no purpose noun: the scheduled act of news style ("Tokayev is to visit Beijing", "the
    ministers are to sign the treaty")? PLOVER's *future* mode; a future meeting or visit is
    AGREE (the guide's rule for meetings in the future tense)."""
    return (
        len(words) >= 3
        and words[-1] == "to"
        and words[-2] in BE_PRESENT_PAST
        and words[-3] not in PURPOSE_NOUNS
    )


AFTER_CLAUSE_OPENERS = frozenset({"that", "which", "who"})


def _condition_after(low: list[str], verb: int, hi: int) -> bool:
    """Is there an "if", "unless" or "lest" after the verb at ``verb`` that conditions it, not
    a later clause ("we hosted the minister yesterday, and we agreed that we will meet again if
    needed": the hosting took place; "a complement or relative clause after "that", "which",
    "who", or a new subject after ", and", holds its own condition)?

    >>> _condition_after("we will meet again if needed".split(), 1, 6)
    True
    >>> _condition_after("we met , and we agreed to meet if needed".split(), 1, 10)
    False
    >>> _condition_after("we showed that we can act if we want".split(), 1, 8)
    False
    >>> _condition_after("russia bombed aleppo , and if it goes on".split(), 1, 9)
    False
    """
    for k in range(verb + 1, hi):
        w = low[k]
        if w in AFTER_CLAUSE_OPENERS:
            return False
        if w in ("and", "but") and low[k + 1 : k + 2] in (["if"], ["unless"]):
            return False  # "Russia turned Syria into ruins, and if it were not for Russia, …"
        if (
            w == ","
            and low[k + 1 : k + 2] in (["and"], ["but"], ["or"])
            and k + 2 < hi
            and low[k + 2] in SUBJECT_PRONOUNS
        ):
            return False
        if w in ("if", "unless", "lest"):
            return True
    return False


NOT_ONCE_CLAUSE = frozenset({"again", "more", "upon", "in", "and", "or", ","})


def _once_clause(low: list[str], verb: int) -> bool:
    """Is the verb in a sentence-opening "Once …" clause ("Once a peace treaty is signed,
    peace will be more secure")? That clause is a condition, not an act ("once again" is an
    adverb).

    >>> _once_clause("once a treaty is signed , peace will hold".split(), 4)
    True
    >>> _once_clause("once again russia attacked".split(), 3)
    False
    """
    if not low or low[0] != "once" or low[1:2] == [] or low[1] in NOT_ONCE_CLAUSE:
        return False
    return "," in low[1:] and verb < low.index(",")


ENABLING = frozenset({
    "enable", "enables", "enabled", "enabling", "allow", "allows", "allowed", "allowing",
    "permit", "permits", "permitted", "permitting", "empower", "empowers", "empowered",
})  # fmt: skip
"""Verbs that make another's act possible ("will enable Pakistan and India to agree", "the
railway allows Kazakhstan to increase exports to China"): the enabled act is possible, not
reported as done (the guide's *hypothetical*: "conditional or possible")."""


def _enabled(low: list[str], lo: int, verb: int) -> bool:
    """Is the verb at ``verb`` the infinitive of an act that an enabling verb
    (:data:`ENABLING`) makes possible, within its clause and with no comma between?

    >>> _enabled("this will enable pakistan and india to agree".split(), 0, 7)
    True
    >>> _enabled("we helped pakistan to agree".split(), 0, 4)
    False
    """
    if verb < 2 or low[verb - 1] != "to":
        return False
    for k in range(verb - 2, max(lo, verb - 10) - 1, -1):
        if low[k] in (",", ";", ":"):
            return False
        if low[k] in ENABLING:
            return True
    return False


def modality_of(
    tokens: tuple[str, ...],
    verb: int,
    low: list[str] | None = None,
    bounds: tuple[int, int] | None = None,
) -> str:
    """The modality of the event whose verb is at ``verb``: ``negated`` when a negation is
    among the four words before the verb; ``hypothetical`` when its clause is conditional
    ("if", "unless") or a modal of possibility or obligation ("could", "might", "may",
    "should") or a hedge ("possibly") comes before the verb in its clause (coordinated acts,
    "could cut supplies or stage protests", share it); ``future`` for "will", "would" (in
    reported speech), "plans to", "is due to"; ``reported`` for a claim ("reportedly",
    "according to", "accused ... of"); else ``asserted``.

    >>> from steppe.coding.stages import tokenize
    >>> t = tokenize("Moscow could cut gas supplies or stage protests")
    >>> modality_of(t, 2), modality_of(t, 6)
    ('hypothetical', 'hypothetical')
    >>> modality_of(tokenize("Astana will not join the bloc"), 3)
    'negated'
    >>> modality_of(tokenize("Tokayev plans to visit Beijing"), 3)
    'future'
    >>> modality_of(tokenize("Tokayev is to visit Beijing"), 3)
    'future'
    >>> modality_of(tokenize("Troops reportedly shelled the village"), 2)
    'reported'
    >>> modality_of(tokenize("Troops are said to have shelled the village"), 5)
    'reported'
    >>> modality_of(tokenize("In May Tokayev visited Beijing"), 3)
    'asserted'
    >>> modality_of(tokenize("Russia bombed Aleppo, and if it goes on, talks will fail"), 1)
    'asserted'
    """
    low = [t.lower() for t in tokens] if low is None else low
    lo, hi = clause(low, verb) if bounds is None else bounds
    start = max(lo, verb - 4)
    sub = max((k for k in range(start, verb) if low[k] in CLAUSE_OPENERS), default=-1)
    window = low[sub + 1 if sub >= 0 else start : verb]  # "not forget that X attacked": X did
    if any(w in NEGATIONS and not _not_only(window, k) for k, w in enumerate(window)):
        return "negated"
    if window[-2:] == ["yet", "to"]:
        return "negated"  # "a mission has yet to arrive": it has not
    if _enabled(low, lo, verb):
        return "hypothetical"  # "will enable Pakistan and India to agree": made possible
    lo = _new_subject(tokens, low, lo, verb)
    conceded = _concessive(low, lo, verb)
    if conceded or "May" in tokens[lo:verb]:
        words = [
            low[k]
            for k in range(lo, verb)
            if k not in conceded and not (tokens[k] == "May" and _may_is_month(tokens, k))
        ]
    else:
        words = low[lo:verb]
    if "like" in words:  # "I would (once again) like to thank": the thanks are given in speaking
        words = [
            w for k, w in enumerate(words) if not (w == "would" and "like" in words[k + 1 : k + 4])
        ]
    before = set(words)
    around = set(low[lo:hi])
    conditional = bool((CONDITIONS - {"whether"}) & set(low[lo:verb])) or (
        bool((CONDITIONS - {"whether"}) & around) and _condition_after(low, verb, hi)
    )
    if conditional or "whether" in before or HYPOTHETICAL & before:
        return "hypothetical"
    if _once_clause(low, verb):
        return "hypothetical"
    if (
        (FUTURE & before and not _own_tense(low, lo, verb))
        or ("to" in before and any(a in INTENT and b == "to" for a, b in pairwise(words)))
        or _scheduled(words)
    ):
        return "future"
    if (
        (REPORTED - {"according"}) & around
        or (HEARSAY & before and any(hearsay(low, k) for k in range(lo, verb)))
        or _hedged_source(low, lo, hi)
        or (low[verb] not in CLAIM_VERBS and CLAIM_VERBS & before)
    ):
        return "reported"
    return "asserted"


BELIEFS = frozenset({
    "believe", "believes", "believed", "think", "thinks", "thought", "feel", "feels", "felt",
    "hope", "hopes", "hoped", "trust", "trusts", "convinced", "consider", "considers",
    "considered",
})  # fmt: skip
DEONTIC = frozenset({"should", "ought", "must", "need", "needs"})
HOPES = frozenset({
    "hope", "hopes", "hoped", "hoping", "wish", "wishes", "wished", "trust", "trusts", "trusting",
})  # fmt: skip
"""Verbs of wishing: what the speaker hopes that others do is no act of theirs (the hoping
itself may be an appeal, coded from its own verb)."""
EXPECTATIONS = frozenset({"confident", "doubt"})
"""Words of a speaker's expectation ("I have no doubt that the Council will offer us its
support", "we are confident that X will …"; trusting is a wish, :data:`HOPES`): another
party's act that the speaker only expects in the future is supposed, not reported (the guide's
*hypothetical*: "what the text only supposes of someone else"); the speaker's own ("we are
confident that we will deepen …") stays its intent."""
NECESSITY = frozenset({
    "essential", "important", "necessary", "vital", "crucial", "fundamental", "imperative",
    "indispensable",
})  # fmt: skip
"""Adjectives of what is needed: "Spain believes that it is essential to safeguard …" judges
what should be done, like a modal of obligation."""


def is_opinion(low: list[str], verb: int) -> bool:
    """Is the verb at ``verb`` what the speaker believes someone *should* do ("we believe that
    the Office … should contribute", "Turkmenistan believes that this session should help",
    "it is important that X must act")? An opinion about others' duties is a comment (CAMEO
    01, no PLOVER event), not an act of theirs nor a hypothetical one: a belief verb, "that",
    then a modal of obligation or an adjective of necessity ("it is essential to …") before
    the verb, with no stop between; or anything hoped or wished ("we hope that X will …"),
    and another party's future act the speaker is confident or has no doubt will come
    (:data:`EXPECTATIONS`).

    >>> from steppe.coding.stages import tokenize
    >>> t = [w.lower() for w in tokenize("We believe that the UN should help Afghanistan")]
    >>> is_opinion(t, 6), is_opinion([w.lower() for w in tokenize("The UN should help")], 3)
    (True, False)
    """
    that = next((k for k in range(verb - 1, max(-1, verb - 25), -1) if low[k] == "that"), None)
    if that is None:
        return _hoped(low, verb)
    if that == 0 or any(w in (".", ";", ":") for w in low[that:verb]):
        return False
    before = low[max(0, that - 3) : that]
    if HOPES & set(before):
        return True  # "I hope that the UN will provide support": a wish, not their act
    if (
        EXPECTATIONS & set(before)
        and low[that + 1] not in ("we", "i")
        and any(w in ("will", "would", "shall") for w in low[that + 1 : verb])
    ):
        return True  # "no doubt that the Council will offer": expected of another
    belief = any(w in BELIEFS for w in before)
    return belief and bool((DEONTIC | NECESSITY) & set(low[that + 1 : verb]))


WISHED_MODALS = frozenset({"will", "would", "can", "could", "shall"})


def _hoped(low: list[str], verb: int) -> bool:
    """Is the verb what "we"/"I" hope another will do, with "that" left out ("we hope the
    Secretary-General's report will focus on …", "I hope the Council can act")? As with
    "that" (:func:`is_opinion`): a wish, not their act (the hoping is coded from its own verb).

    >>> _hoped("we hope the council will support the plan".split(), 5)
    True
    >>> _hoped("we hope to support the plan".split(), 3)
    False
    """
    for h in range(verb - 1, max(0, verb - 20), -1):
        w = low[h]
        if w in (".", ";", ":", ","):
            return False
        if w in HOPES:
            between = low[h + 1 : verb]
            return (
                low[h - 1] in ("we", "i", "also")
                and between[:1] != ["to"]
                and bool(WISHED_MODALS.intersection(between))
            )
    return False


DUTIES = frozenset({"must", "should", "ought"})
"""Modals of obligation: a speech's "we must prevent …", "we should support every effort …"
exhorts the Assembly, it reports no act of the speaking state (the gold set codes no event
for "should"/"must" statements)."""


def is_duty(low: list[str], verb: int) -> bool:
    """Is the verb at ``verb`` what "we" (or "I") must or should do, the modal right before it
    (past "not", "also", "to", adverbs and "be"/"have")? Others' duties ("Russia must
    withdraw") are left to the verbs that state them.

    >>> is_duty("we must prevent a war".split(), 2), is_duty("we prevented a war".split(), 1)
    (True, False)
    >>> is_duty("we ought to withdraw".split(), 3), is_duty("russia must withdraw".split(), 2)
    (True, False)

    So with "we all" before the modal, and with a passive whose agent is "all of us" or "us"
    ("the plan should be supported by all of us").

    >>> is_duty("we all should support the plan".split(), 3)
    True
    >>> is_duty("the plan should be supported by all of us".split(), 4)
    True
    >>> is_duty("the plan should be supported by russia".split(), 4)
    False

    A verb coordinated with the duty's verb shares the duty ("we must change course and grant
    the Organization more freedom", "we should act now , help them"), unless a new subject or
    clause comes between.

    >>> is_duty("we must change course and grant more freedom".split(), 5)
    True
    >>> is_duty("we must act , and we helped them".split(), 6)
    False
    """
    if verb > 2 and low[verb - 1] == "and" and low[verb - 2].isalpha() and is_duty(low, verb - 2):
        return True  # "we have to maintain and increase the efforts"
    k = verb - 1
    while k >= 0 and (
        low[k] in ("not", "also", "to", "be", "have", "further", "still", "therefore")
        or (low[k].endswith("ly") and low[k].isalpha())
    ):
        k -= 1
    if k >= 1 and low[k] in ("and", "or", ","):
        return _coordinated_duty(low, k)
    if low[k] in ("we", "i") and low[k + 1 : k + 3] == ["have", "to"]:
        return True  # "we have to maintain the missions": as "we must"
    if k < 1 or low[k] not in DUTIES:
        return False
    if low[k - 1] in ("we", "i") or (low[k - 1] == "all" and low[k - 2 : k - 1] == ["we"]):
        return True
    after = low[verb + 1 : verb + 5]
    return low[k + 1 : k + 2] == ["be"] and (
        after[:4] == ["by", "all", "of", "us"] or after[:2] == ["by", "us"]
    )


EXHORTATION_STOPS = frozenset({
    ".", ";", ":", "because", "since", "that", "which", "who", "while", "when", "if", "but",
})  # fmt: skip


SENTENCE_ENDS = frozenset({".", "!", "?", ";"})


def is_question(low: list[str], verb: int) -> bool:
    """Is the verb at ``verb`` in a question: does the first sentence end after it close with
    "?" ("Will we find the courage to defend the Charter?", "What did Putin say about the
    protests in Kazakhstan?")? A question asks; it does not say that anything happened (the
    guide's *asserted*: "the text says the event happened"), and what it supposes is no
    event of the asker's either.

    >>> is_question("will we defend the charter ?".split(), 2)
    True
    >>> is_question("we defended the charter . why ?".split(), 1)
    False
    """
    end = next((w for w in low[verb + 1 :] if w in SENTENCE_ENDS), None)
    return end == "?"


def _coordinated_duty(low: list[str], k: int) -> bool:
    """Is the "and", "or" or comma at ``k`` within twelve words after "we must" (should,
    ought) with no new clause (:data:`EXHORTATION_STOPS`) or subject pronoun between: is
    the verb after it coordinated with the duty's verb?"""
    for j in range(k - 1, max(0, k - 12), -1):
        w = low[j]
        if w == "have" and low[j + 1 : j + 2] == ["to"] and low[j - 1] in ("we", "i"):
            return True  # "we have to act now and help them"
        if w in DUTIES:
            we_all = low[j - 1] == "all" and low[j - 2 : j - 1] == ["we"]
            return low[j - 1] in ("we", "i") or we_all
        if w in EXHORTATION_STOPS or w in SUBJECT_PRONOUNS:
            return False
    return False


def is_exhortation(low: list[str], verb: int) -> bool:
    """Is the verb at ``verb`` what a speaker exhorts all to do ("Let us join our forces to
    create a United Nations for cooperation", "let's support the plan")? A suggestion to the
    audience is CAMEO 014 "Consider policy option", a comment (the annotation guide: proposals
    and suggestions of policy are no event unless addressed to a named entity as a request).
    "Let me" is the speaker's own act, said in speaking.

    >>> is_exhortation("let us support the plan of the secretary-general".split(), 2)
    True
    >>> is_exhortation("let me thank china for its help".split(), 2)
    False
    >>> is_exhortation("let us act , because we support the plan".split(), 6)
    False
    """
    for k in range(verb - 1, max(-1, verb - 20), -1):
        if low[k] in EXHORTATION_STOPS:
            return False
        if low[k] == "let" and k + 1 < verb and low[k + 1] in ("us", "'s", "’s"):
            return True
    return False


CONTENT_CODES = ("13", "02", "10")
"""Threats (CAMEO 13), appeals (02) and demands (10): verbal acts whose content may carry a
condition that does not make the act itself conditional."""


def _threat_condition(low: list[str], e: CodedEvent, lo: int, hi: int) -> int | None:
    """Where the condition a threat states begins ("warned Baku of consequences if it
    continues"), or ``None``: a threat or warning (CAMEO 13) with "if"/"unless" only after its
    verb. The condition is the threat's content, the threat itself is made: the annotation
    guide (section 3) codes a conditional threat THREATEN, asserted. So with a request or
    demand (CAMEO 02, 10) whose infinitive comes before the condition: "urged its citizens
    to avoid travel to Russia if possible" asks now; the condition is part of what is asked
    (PLOVER REQUEST: "All requests are verbal acts"). "Will ask Russia for help if the
    situation worsens" stays conditional.

    >>> t = "moscow warned baku of consequences if it continues".split()
    >>> _threat_condition(t, CodedEvent("warned", 1, 2, "130", "THREATEN", 4, -4.4), 0, len(t))
    5
    """
    if not e.cameo.startswith(CONTENT_CODES):
        return None
    if any(low[k] in CONDITIONS for k in range(lo, e.verb_start)):
        return None
    cut = next((k for k in range(e.verb_end, hi) if low[k] in ("if", "unless")), None)
    if cut is not None and not e.cameo.startswith("13") and "to" not in low[e.verb_end : cut]:
        return None
    return cut


class Modality:
    """Set each event's :func:`modality_of`, and the older flags: ``negated`` and ``modal``
    (a modal or an intention among the four words before the verb, within its clause); drop
    the questions of :func:`is_question`, the opinions of :func:`is_opinion` and the
    exhortations of :func:`is_exhortation`."""

    def process(self, batch: Batch) -> Batch:
        sentences = []
        for s in batch.sentences:
            events = []
            low = s.low
            present = set(low)
            opinions = "that" in present or not HOPES.isdisjoint(present)
            exhorts = "let" in present
            duties = bool(s.speaker) and not (DUTIES | {"have"}).isdisjoint(present)
            asks = "?" in present
            for e in s.events:
                if (
                    (asks and is_question(low, e.verb_start))
                    or (opinions and is_opinion(low, e.verb_start))
                    or (exhorts and is_exhortation(low, e.verb_start))
                    or (
                        # "we must condemn …" condemns (a performative, CAMEO 11 "Disapprove")
                        duties and is_duty(low, e.verb_start) and not e.cameo.startswith("11")
                    )
                ):
                    continue
                lo, hi = clause(low, e.verb_start)
                start = max(lo, e.verb_start - 4)
                window = low[start : e.verb_start]
                negated = any(
                    w in NEGATIONS and not _not_only(window, k) for k, w in enumerate(window)
                )
                modal = any(
                    w in MODALS and not _may_is_month(s.tokens, start + k)
                    for k, w in enumerate(window)
                ) or any(a in INTENT and b == "to" for a, b in pairwise(window))
                mode = modality_of(s.tokens, e.verb_start, low, (lo, hi))
                cut = _threat_condition(low, e, lo, hi)
                if mode == "hypothetical" and cut is not None:
                    mode = modality_of(s.tokens, e.verb_start, low, (lo, cut))
                events.append(evolve(e, negated=negated, modal=modal, modality=mode))
            sentences.append(evolve(s, events=tuple(events)))
        return evolve(batch, sentences=tuple(sentences))


# --------------------------------------------------------------------------- event time

MONTH_NUMBERS = {
    name: n
    for n, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}  # fmt: skip
POINT = frozenset({
    "in", "during", "amid", "on", "of", "at", "throughout", "early", "late", "mid", "spring",
    "summer", "autumn", "fall", "winter", "the", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december",
})  # fmt: skip
"""Words before a year that make it the time of the act ("in 2022", "during the 2022
unrest"); "since", "by", "until" and "from" do not ("since 2015" is still going on)."""
OPEN_ENDED = frozenset({"since", "by", "until", "till", "from", "through", "before", "after"})
UNDATED_PAST = (
    ("years", "ago"), ("decades", "ago"), ("months", "ago"), ("in", "the", "past"),
    ("previously",), ("formerly",), ("in", "soviet", "times"), ("soviet-era",),
    ("in", "the", "1990s"), ("in", "the", "1980s"), ("in", "the", "2000s"),
)  # fmt: skip
_YEAR = re.compile(r"(?:19|20)\d\d")
TIME_TRIGGERS = frozenset({"last", "ago", *MONTH_NUMBERS})
UNDATED_TRIGGERS = frozenset(p[-1] for p in UNDATED_PAST) | frozenset(p[0] for p in UNDATED_PAST)
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "a": 1, "one": 1}  # fmt: skip
RECENT_DAYS = 31
"""A day- or month-dated act within this many days before the document is the document's
news (reports come days after the act); earlier ones are past events."""


@dataclass(frozen=True)
class DateMention:
    """A date the text gives, in tokens ``start:end``."""

    start: int
    end: int
    day: date
    precision: str
    attributive: bool = False
    """A year used as an adjective without a preposition ("the 2022 unrest")."""


def _int(token: str) -> int | None:
    t = token.rstrip(".").removesuffix("st").removesuffix("nd").removesuffix("rd")
    t = t.removesuffix("th")
    return int(t) if t.isdigit() else None


def date_mentions(
    tokens: tuple[str, ...], on: date, low: list[str] | None = None
) -> list[DateMention]:
    """Dates in ``tokens`` that fix when an act took place: "5 January 2022", "January 5,
    2022", "January 2022", "in 2022", "during the 2022 unrest", "last year", "three years
    ago" (relative to ``on``, the document's date). Years after "since", "by", "until" are
    not such dates.

    >>> from steppe.coding.stages import tokenize
    >>> t = tokenize("During the 2022 unrest, on 5 January 2022, and since 2015")
    >>> [(m.day.isoformat(), m.precision) for m in date_mentions(t, date(2025, 3, 1))]
    [('2022-01-01', 'year'), ('2022-01-05', 'day')]
    >>> [(m.day.isoformat(), m.precision) for m in date_mentions(
    ...     tokenize("Two years ago and last month"), date(2025, 3, 1))]
    [('2023-01-01', 'year'), ('2025-02-01', 'month')]
    """
    low = [t.lower() for t in tokens] if low is None else low
    if not any(w in TIME_TRIGGERS or (w[:1] in "12" and _YEAR.fullmatch(w)) for w in low):
        return []
    out: list[DateMention] = []
    k = 0
    n = len(tokens)
    while k < n:
        w = low[k]
        prev = low[k - 1] if k else ""
        month = MONTH_NUMBERS.get(w) if tokens[k][:1].isupper() else None
        if month is not None and not (w == "may" and not _may_is_month(tokens, k)):
            day = _int(tokens[k - 1]) if k else None
            year_at = k + 1
            after_day = None
            if k + 1 < n and (d := _int(tokens[k + 1])) is not None and d <= 31:
                after_day = d
                year_at = k + 3 if k + 2 < n and tokens[k + 2] == "," else k + 2
            if year_at < n and _YEAR.fullmatch(tokens[year_at]):
                y = int(tokens[year_at])
                d = day if day is not None and 1 <= day <= 31 else after_day
                if d is not None:
                    try:
                        start = k - 1 if day is not None else k
                        out.append(DateMention(start, year_at + 1, date(y, month, d), "day"))
                        k = year_at + 1
                        continue
                    except ValueError:
                        pass
                if low[k - 1] not in OPEN_ENDED if k else True:
                    out.append(DateMention(k, year_at + 1, date(y, month, 1), "month"))
                k = year_at + 1
                continue
        if _YEAR.fullmatch(w) and k + 1 < n and low[k + 1] not in ("-", "–"):
            j = k - 1
            while j >= 0 and low[j] in ("the", "early", "late", "mid", "mid-"):
                j -= 1
            if prev in POINT and (j < 0 or low[j] not in OPEN_ENDED):
                bare = prev == "the" and (j < 0 or low[j] not in POINT)
                out.append(DateMention(k, k + 1, date(int(w), 1, 1), "year", bare))
        elif w == "last" and k + 1 < n and low[k + 1] in ("year", "month"):
            if low[k + 1] == "year":
                out.append(DateMention(k, k + 2, date(on.year - 1, 1, 1), "year"))
            else:
                first = on.replace(day=1) - timedelta(days=1)
                out.append(DateMention(k, k + 2, first.replace(day=1), "month"))
        elif w in ("years", "year") and k + 1 < n and low[k + 1] == "ago" and k:
            count = NUMBER_WORDS.get(prev) or _int(prev)
            if count:
                out.append(DateMention(k - 1, k + 2, date(on.year - count, 1, 1), "year"))
        k += 1
    return out


def _is_past(m: DateMention, on: date) -> bool:
    if m.precision == "year":
        return m.day.year < on.year
    return m.day < on - timedelta(days=RECENT_DAYS)


_UNDATED_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in UNDATED_PAST:
    _UNDATED_BY_FIRST.setdefault(_phrase[0], []).append(_phrase)


def _undated_past(low: list[str], lo: int, hi: int) -> bool:
    if not any(w in UNDATED_TRIGGERS and w != "in" for w in low[lo:hi]):
        return False
    for k in range(lo, hi):
        for phrase in _UNDATED_BY_FIRST.get(low[k], ()):
            if tuple(low[k : k + len(phrase)]) == phrase and k + len(phrase) <= hi:
                return True
    return False


def event_time_of(
    s: Sentence, verb: int, mentions: list[DateMention] | None = None
) -> tuple[str, date | None, str | None]:
    """(``event_time``, date, precision) of the event at ``verb``: ``past`` with the date when
    a date in its clause is before the document's (a year before the document's year, a day
    or month more than :data:`RECENT_DAYS` before it; dates before the verb count, and after
    it those opened by a preposition: "clashed in 2022"; a year used as an adjective only as
    the clause's subject, "the 2022 clashes killed", not "recalled the 2022 clashes"; not
    one that an earlier verb stands between);
    ``past_undated`` for "years ago", "previously", "in the past"; else ``document``, with a
    recent date when the text gives one.

    >>> from steppe.coding.stages import tokenize
    >>> t = "In January 2022 Russian troops arrived , Tokayev recalled the 2022 unrest"
    >>> s = Sentence("d", 0, t, date(2025, 6, 1), tokenize(t), verbs=(5, 8))
    >>> event_time_of(s, 5), event_time_of(s, 8)
    (('past', datetime.date(2022, 1, 1), 'month'), ('document', None, None))
    """
    low = s.low
    lo, hi = clause(low, verb)
    best: DateMention | None = None
    for m in date_mentions(s.tokens, s.date, s.low) if mentions is None else mentions:
        if m.start < lo or m.end > hi:
            continue
        if m.end <= verb and any(m.end < v < verb for v in s.verbs):
            continue  # the date belongs to an earlier verb
        if m.attributive and (m.start > verb or m.start - 1 > lo):
            continue  # "recalled the 2022 unrest": the year dates a noun, not this act
        if m.start > verb:
            j = m.start - 1
            while j > verb and low[j] in ("the", "early", "late", "mid"):
                j -= 1
            if low[j] not in POINT - {"the"} and m.precision == "year":
                continue
        if best is None or abs(m.start - verb) < abs(best.start - verb):
            best = m
    if best is not None:
        if _is_past(best, s.date):
            return "past", best.day, best.precision
        return "document", best.day, best.precision
    if _undated_past(low, lo, hi):
        return "past_undated", None, None
    return "document", None, None


class EventTime:
    """Set each event's :func:`event_time_of`."""

    def process(self, batch: Batch) -> Batch:
        sentences = []
        for s in batch.sentences:
            if not s.events:
                sentences.append(s)
                continue
            events: list[CodedEvent] = []
            mentions = date_mentions(s.tokens, s.date, s.low)
            if not mentions and not _undated_past(s.low, 0, len(s.tokens)):
                sentences.append(s)  # every event is the document's news
                continue
            for e in s.events:
                when, day, precision = event_time_of(s, e.verb_start, mentions)
                events.append(evolve(e, event_time=when, event_date=day, event_precision=precision))
            sentences.append(evolve(s, events=tuple(events)))
        return evolve(batch, sentences=tuple(sentences))
