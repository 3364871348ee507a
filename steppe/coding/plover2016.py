"""PLOVER categories by the manual's rules, in the coding path: what ``steppe code`` stores
in ``events.plover`` and what the evaluation scores.

A CAMEO code alone does not fix a PLOVER category: the PLOVER manual (0.5b1, 2016) adds tense,
negation, obligation and the means of violence. :func:`plover_2016` puts one coded verb in a
2016 category from its CAMEO code and those; :func:`frame_category` reads a verb with the noun
it governs ("held talks", "lifted the curfew", "withdraw peacekeepers", "dismissed an appeal")
in the manual's own words. Two coder stages use them: :class:`CategoryVerbs` codes verbs that
name a category without a CAMEO code of their own, and :class:`PloverCategories` sets each
event's category and orders the sentence's events main event first (main clause first,
reporting verbs last, the more confident and the earlier on ties). The store keeps the 2021
names (``plover``: REQUEST for DEMAND, ACCUSE for DISAPPROVE and INVESTIGATE, ASSAULT for
FIGHT), the vocabulary of the 2021 CAMEO -> PLOVER table that dataset rows use.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from steppe.coding.actors import DETERMINERS, PREPOSITIONS, is_modifier
from steppe.coding.appraisal import CEREMONIES
from steppe.coding.dictionaries import VerbDictionary, regular_forms
from steppe.coding.events import (
    BE_FORMS,
    INTENT_FORMS,
    MEETING_EVENTS,
    SUBORDINATORS,
    TALKS,
    clause,
    is_future,
    is_negated,
    verb_chain,
)
from steppe.coding.model import Batch, CodedEvent, Mention, Sentence, evolve
from steppe.coding.stages import confidence
from steppe.domain.models import EventCode
from steppe.registry import Registry, load_event_codes


@cache
def _plover_table() -> dict[str, str]:
    return {c.code: c.plover for c in load_event_codes() if c.plover}


def plover_of(cameo: str) -> str | None:
    """The 2021 PLOVER category of a CAMEO code (its own row, else its root's).

    >>> plover_of("0311"), plover_of("190"), plover_of("901")
    ('AGREE', 'ASSAULT', None)
    """
    table = _plover_table()
    for k in (cameo, cameo[:3], cameo[:2]):
        if k in table:
            return table[k]
    return None


def gsr_category(plover: str | None, cameo: str) -> str | None:
    """A 2021 PLOVER category in the names of the 2016 gold standard, from the code alone
    (:func:`plover_2016` adds what the 2016 manual says beyond the code).

    >>> gsr_category("REQUEST", "020"), gsr_category("ACCUSE", "090"), gsr_category("ACCUSE", "111")
    ('DEMAND', 'INVESTIGATE', 'DISAPPROVE')
    >>> gsr_category("ASSAULT", "190"), gsr_category("ASSAULT", "180"), gsr_category(None, "010")
    ('FIGHT', 'ASSAULT', None)
    """
    if plover is None:
        return None
    if plover == "REQUEST":
        return "DEMAND"
    if plover == "ACCUSE":
        return "INVESTIGATE" if cameo.startswith("09") else "DISAPPROVE"
    if plover == "ASSAULT" and cameo.startswith("19"):
        return "FIGHT"
    return plover


COOPERATIVE_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})
FUTURE_THREAT_ROOTS = frozenset({"14", "16", "17", "18", "19", "20"})
"""Roots whose acts, announced for the future, are threats in the 2016 manual's THREATEN list
(protest, sanctions and expulsions, restrictions and repression, violence); 15 (mobilising)
is an act of its own there."""
VERB_CATEGORIES_2016 = {
    "agree": "AGREE", "offer": "AGREE", "promise": "AGREE", "pledge": "AGREE",
    "vow": "AGREE", "accept": "AGREE",
    "reject": "REJECT", "refuse": "REJECT", "decline": "REJECT", "veto": "REJECT",
    "demand": "DEMAND", "insist": "DEMAND", "order": "DEMAND",
    "resign": "RETREAT",
}  # fmt: skip
"""Verbs the 2016 manual names in a category's definition (AGREE: "agree to, offer, promise";
REJECT: "all rejections and refusals"; DEMAND: "all demands and orders"; RETREAT: "also
covers resignations"). The manual tells coders to rely on the reporter's wording here, and
the CAMEO dictionary files these verbs under other codes ("agreed" 050, "demanded" 02x by
pattern, "resigned" 083) or under no code at all ("rejected", "accepted")."""
CONCEDE_2016 = ("080", "081", "082", "083", "0871")
"""The 2016 split of CAMEO 08: CONCEDE is verbal ("easing of administrative or legal
restrictions ..., remove curfews, ... declarations (but not implementations) of ceasefires");
everything else in 08 has material consequences and is RETREAT."""


UNCONVENTIONAL_MEANS = frozenset({
    "bomb", "bombs", "bombing", "bombings", "bomber", "bombers", "explosive", "explosives",
    "ied", "ieds", "suicide", "machete", "machetes", "knife", "knives", "axes", "torture",
    "tortured", "hostage", "hostages", "kidnapping", "abduction", "assassination", "lynching",
})  # fmt: skip
CONVENTIONAL_MEANS = frozenset({
    "artillery", "shelling", "shelled", "shells", "mortar", "mortars", "tank", "tanks",
    "rocket", "rockets", "missile", "missiles", "airstrike", "airstrikes", "air-strike",
    "warplanes", "aircraft", "helicopters", "gunships", "gunbattle", "gunfight", "clash",
    "clashes", "battle", "battles", "fighting", "offensive", "crossfire",
})  # fmt: skip
"""The means that separate CAMEO 18 (ASSAULT: "unconventional forms of violence which do not
require high-tech military weaponry": bombings, suicide and roadside attacks, edged weapons,
torture, abduction, assassination) from 19 (FIGHT: "conventional military force": small
arms and light weapons, artillery and tanks, aerial weapons, battles)."""
GENERIC_VIOLENCE = frozenset({"180", "190", "193", "194", "195"})
"""Violent codes a general verb gets ("killed", "attacked", "with weapons"): the means named
in the sentence decide between ASSAULT and FIGHT. The specific codes (abduct 181, torture
1822, bomb 183x, assassinate 186, blockade 191, occupy 192 …) keep theirs."""


def violence_means(tokens: Sequence[str], i: int) -> str | None:
    """``"ASSAULT"`` or ``"FIGHT"`` by the means named nearest the verb at ``i``
    (:data:`UNCONVENTIONAL_MEANS`, :data:`CONVENTIONAL_MEANS`), ``None`` if none is named.

    >>> violence_means("A roadside bombing killed one soldier".split(), 3)
    'ASSAULT'
    >>> violence_means("Serb forces killed three Albanians in a gunbattle".split(), 2)
    'FIGHT'
    """
    best: tuple[int, str] | None = None
    for k, t in enumerate(tokens):
        w = t.lower()
        kind = (
            "ASSAULT" if w in UNCONVENTIONAL_MEANS else "FIGHT" if w in CONVENTIONAL_MEANS else None
        )
        if kind is not None and (best is None or abs(k - i) < best[0]):
            best = (abs(k - i), kind)
    return best[1] if best else None


def plover_2016(
    cameo: str | None,
    lemma: str | None = None,
    future: bool = False,
    negated: bool = False,
    obliged: bool = False,
    means: str | None = None,
) -> str | None:
    """The PLOVER 0.5b1 (2016) category of a coded verb: its CAMEO code (``None`` for a
    dictionary verb without one), the verb's lemma, whether it is in the future tense or
    negated by its auxiliaries, and whether another actor is told it "must" act
    (:func:`is_obliged`), and the means of violence the sentence names
    (:func:`violence_means`). Rules, from the 2016 manual (``PLOVER_Manual.tex``):

    - an act someone "must" do is demanded of them: DEMAND ("All demands and orders ...
      Coding will need to rely primarily on the language used by reporters");
    - CAMEO 01 (comments) and 02 (appeals) are not PLOVER events ("eliminated");
    - a verb the manual names in a definition gives that category (:data:`VERB_CATEGORIES_2016`);
    - negated cooperation (roots 03-08: "will not accept") is a rejection (REJECT);
    - "All cooperative actions reported in future tense are also taken to imply intentions":
      roots 04-08 in the future are AGREE; conflictual acts announced for the future
      (:data:`FUTURE_THREAT_ROOTS`) are THREATEN;
    - 08 splits into CONCEDE and RETREAT (:data:`CONCEDE_2016`); 19 is FIGHT and 18 ASSAULT
      unless a general violent code (:data:`GENERIC_VIOLENCE`) meets the other's means;
      otherwise the root's category with the 2016 names (:func:`gsr_category`).

    >>> plover_2016("050", "agree"), plover_2016("071", "give", future=True)
    ('AGREE', 'AGREE')
    >>> plover_2016("0333", "accept", negated=True), plover_2016("172", "extend", future=True)
    ('REJECT', 'THREATEN')
    >>> plover_2016("0813", "lift"), plover_2016("0841", "release"), plover_2016("010", "say")
    ('CONCEDE', 'RETREAT', None)
    >>> plover_2016(None, "reject"), plover_2016("0241", "demand"), plover_2016("020", "urge")
    ('REJECT', 'DEMAND', None)
    >>> plover_2016("0842", "return", obliged=True), plover_2016(None, "drop", obliged=True)
    ('DEMAND', 'DEMAND')
    >>> plover_2016("190", "kill", means="ASSAULT"), plover_2016("1822", "torture", means="FIGHT")
    ('ASSAULT', 'ASSAULT')
    """
    if obliged:
        return "DEMAND"
    by_verb = VERB_CATEGORIES_2016.get(lemma or "")
    root = cameo[:2] if cameo is not None and cameo[:2].isdigit() else ""
    if negated and (by_verb == "AGREE" or root in COOPERATIVE_ROOTS):
        return "REJECT"
    if cameo is None or not root:
        return by_verb
    if by_verb is not None and (by_verb != "AGREE" or root in COOPERATIVE_ROOTS):
        return by_verb
    if root in ("01", "02"):
        return None
    if future and root in COOPERATIVE_ROOTS and root != "03":
        return "AGREE"
    if future and root in FUTURE_THREAT_ROOTS:
        return "THREATEN"
    if root == "08":
        return "CONCEDE" if cameo.startswith(CONCEDE_2016) else "RETREAT"
    if means is not None and cameo in GENERIC_VIOLENCE:
        return means
    return gsr_category(plover_of(cameo), cameo)


NAMES_2021 = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
"""The 2021 table's names for the 2016 categories that were renamed or merged."""


_IRREGULAR = {
    "held": "hold", "began": "begin", "begun": "begin", "undertook": "undertake",
    "undertaken": "undertake", "broke": "break", "broken": "break", "cancelled": "cancel",
    "cancelling": "cancel", "withdrew": "withdraw", "withdrawn": "withdraw", "met": "meet",
    "made": "make", "stopped": "stop", "expelled": "expel",
}  # fmt: skip
"""Forms of the frame verbs that :func:`~steppe.coding.dictionaries.regular_forms` misses."""
LIGHT_VERBS = frozenset({
    "stage", "hold", "launch", "begin", "continue", "undertake", "conduct", "organize",
    "organise", "start", "mount", "resume", "open", "carry", "renew", "reopen",
})  # fmt: skip
STATING_VERBS = frozenset({"issue", "make", "reiterate", "repeat", "renew", "deliver"})
ENDING_VERBS = frozenset({"end", "suspend", "halt", "cancel", "break", "terminate", "stop"})
FRAMES: tuple[tuple[frozenset[str], frozenset[str], str], ...] = (
    (LIGHT_VERBS, frozenset({
        "demonstration", "demonstrations", "protest", "protests", "rally", "rallies", "march",
        "marches", "strike", "strikes", "sit-in", "boycott"}), "PROTEST"),
    (LIGHT_VERBS, TALKS, "CONSULT"),
    (frozenset({"participate", "attend"}), TALKS | frozenset({
        "summit", "session", "sessions", "conference", "forum", "summits"}), "CONSULT"),
    (LIGHT_VERBS, frozenset({"attack", "attacks", "offensive", "assault", "raid", "raids"}),
     "FIGHT"),
    (LIGHT_VERBS, frozenset({"investigation", "inquiry", "probe", "hearing", "hearings"}),
     "INVESTIGATE"),
    (STATING_VERBS, frozenset({"demand", "demands"}), "DEMAND"),
    (STATING_VERBS, frozenset({"threat", "threats", "ultimatum", "warning"}), "THREATEN"),
    (ENDING_VERBS, TALKS, "SANCTION"),
    (frozenset({"lift", "ease", "relax", "cancel", "remove", "end", "revoke", "rescind",
                "loosen"}),
     frozenset({"restriction", "restrictions", "curfew", "ban", "emergency", "martial",
                "embargo", "sanctions", "censorship"}), "CONCEDE"),
    (frozenset({"lift", "end", "break"}), frozenset({"blockade", "siege"}), "RETREAT"),
    (frozenset({"accept", "meet", "grant", "accede", "heed", "satisfy"}),
     frozenset({"demand", "demands", "request", "requests", "conditions"}), "CONCEDE"),
    (frozenset({"grant", "give", "offer"}), frozenset({"asylum", "refuge"}), "AID"),
    (frozenset({"reject", "dismiss", "oppose", "rebuff", "spurn", "snub", "veto"}),
     frozenset({"appeal", "appeals", "request", "requests", "proposal", "proposals", "offer",
                "offers", "plan", "plans", "demand", "demands", "call", "calls", "mediation",
                "initiative", "invitation", "ultimatum", "bid"}), "REJECT"),
    (frozenset({"violate", "defy", "flout", "breach", "disobey"}),
     frozenset({"ban", "law", "laws", "order", "orders", "curfew", "rules", "embargo",
                "norms"}), "REJECT"),
    (frozenset({"violate", "breach", "break"}), frozenset({"ceasefire", "truce"}), "FIGHT"),
    (frozenset({"withdraw", "pull", "recall", "expel", "evacuate"}),
     frozenset({"peacekeepers", "peacekeeping", "inspectors", "observers", "monitors",
                "diplomats", "diplomat", "ambassador", "envoy", "mission", "workers"}),
     "SANCTION"),
    (frozenset({"reduce", "cut", "suspend", "halt", "freeze", "stop"}),
     frozenset({"aid", "assistance", "supplies", "funding", "cooperation", "ties",
                "relations"}), "SANCTION"),
    (frozenset({"mobilize", "mobilise", "deploy", "reinforce", "strengthen", "mass", "amass",
                "muster"}),
     frozenset({"troops", "forces", "soldiers", "reservists", "army", "units", "battalions",
                "warships", "tanks", "reinforcements", "militia", "fleet"}), "MOBILIZE"),
)  # fmt: skip
"""Verb + governed noun -> 2016 category, each in the manual's words:

- light verbs with an event noun: PROTEST "demonstrations ... strikes, boycotts", CONSULT
  "holding talks, negotiations", INVESTIGATE "all investigations"; ending talks: SANCTION
  "terminate discussions, negotiations ... mediation";
- easing restrictions and acceding to demands: CONCEDE "easing of administrative or legal
  restrictions ..., remove curfews"; lifting a blockade or siege (CAMEO 191, a military act)
  is material: RETREAT "ending active conflicts"; asylum: AID "Asylum";
- rejecting a proposal and defying a rule: REJECT "Reject a proposal or request", "Disobey,
  challenge, or resist laws or norms"; breaking a ceasefire: CAMEO 196, FIGHT;
- withdrawing or expelling peacekeepers, inspectors and diplomats, cutting aid or ties:
  SANCTION "Terminate the deployment or presence of peacekeeping forces, inspectors",
  "withdrawal, or expulsion of diplomats", "Decrease or terminate provision of ... aid";
- mobilising forces: MOBILIZE "military or police moves that fall short of the actual use of
  force"."""
STRIKE_WEAPONS = frozenset({
    "missile", "air", "drone", "rocket", "artillery", "aerial", "retaliatory", "military",
    "precision", "preemptive", "pre-emptive", "nuclear",
})  # fmt: skip
"""Words that make a "strike" a use of force, not a work stoppage: "launched missile strikes"
is FIGHT (CAMEO 195 "Employ aerial weapons", 19 "conventional military force"), "staged
strikes" PROTEST."""
_FRAME_FORMS = {
    form: lemma for verbs, _, _ in FRAMES for lemma in verbs for form in regular_forms(lemma)
} | _IRREGULAR
_STOP = frozenset({"that", "and", "which", "who", "but", "when", "after", "before"})


def frame_category(tokens: Sequence[str], i: int) -> str | None:
    """The 2016 category of the verb at ``i`` and the noun it governs (within five words:
    determiners, adjectives, "of"), by :data:`FRAMES`; ``None`` if the verb frames nothing.

    >>> frame_category("Students staged mass demonstrations on Saturday".split(), 1)
    'PROTEST'
    >>> frame_category("Syria ended mediation efforts".split(), 1)
    'SANCTION'
    >>> frame_category("Sudan lifted a state of emergency".split(), 1)
    'CONCEDE'
    >>> frame_category("Israel is opposed to French mediation".split(), 2)
    'REJECT'
    """
    lemma = _FRAME_FORMS.get(tokens[i].lower())
    if lemma is None:
        return None
    frames = [f for f in FRAMES if lemma in f[0]]
    for k in range(i + 1, min(i + 6, len(tokens))):
        w = tokens[k].lower()
        if w in ("strike", "strikes") and tokens[k - 1].lower() in STRIKE_WEAPONS:
            return "FIGHT" if lemma in LIGHT_VERBS else None  # "launched missile strikes"
        for _, nouns, category in frames:
            if w in nouns:
                return category
        if not w[:1].isalpha() or w in _STOP or (w == "to" and k > i + 1):
            return None
    return None


def receives_official(s: Sentence, i: int, lemma: str | None) -> bool:
    """Does "received" at ``i`` take an official as its object ("received the Minister of
    Internal Affairs of Russia")? That is hosting a visit: CAMEO 043 "Host a visit" / 042
    "Make a visit" (the dictionary's RECEIVE patterns list only LEADER, MINISTERS,
    AMBASSADOR and ENVOY), PLOVER CONSULT "visiting and hosting visits … the visitor will
    always be coded as the actor and the host will be the recipient"."""
    if lemma != "receive":
        return False
    if (
        0 < i < len(s.tokens) - 1
        and s.tokens[i - 1].lower() in ("was", "were", "is", "are", "been")
        and s.tokens[i + 1].lower() == "by"
    ):
        # "the Kyrgyz delegation was received by the Chairman of the Senate": the visitor is
        # the subject, an official named before the verb
        return any(
            m.end < i and bool(m.code) and any(a in (m.agent or "") for a in ("GOV", "ELI"))
            for m in s.mentions
        )
    k = i + 1
    low = [t.lower() for t in s.tokens[k : k + 2]]
    while low and low[0] in ("the", "a", "an"):
        low.pop(0)
        k += 1
    return any(
        m.start == k
        and bool(m.code)
        and (any(a in (m.agent or "") for a in ("GOV", "ELI")) or _named_guest(s, m))
        for m in s.mentions
    )


GUEST_FOLLOWERS = frozenset({"in", "at", "on", "during", "for", "and", "who", "as", ",", "."})
"""Words after a guest's name that end the object ("received Mirziyoyev in the Kremlin")."""


def _named_guest(s: Sentence, m: Mention) -> bool:
    """Is the mention a person's name standing alone as the object ("received Mirziyoyev"), not
    a state's adjective before the received thing ("received Russian weapons")? A leader of
    the registry has no agent; the name is capitalised and ends the noun phrase."""
    if m.agent is not None or m.end - m.start != 1 or not s.tokens[m.start][:1].isupper():
        return False
    nxt = s.tokens[m.end].lower() if m.end < len(s.tokens) else "."
    return nxt in GUEST_FOLLOWERS


COERCIVE_2016 = frozenset({"THREATEN", "ASSAULT", "FIGHT", "COERCE", "SANCTION", "MOBILIZE"})


def conditional_threat(low: Sequence[str], i: int) -> bool:
    """Is the act at ``i`` the consequence a speaker announces for a condition ("if the
    negotiations fail, Azerbaijan will be compelled to use force", "X will retaliate if Y
    attacks")? It is in the future ("will", "shall") and outside the "if"/"unless" clause.
    The annotation guide (section 3): "A conditional statement of one's own coercive action
    is a threat, asserted"; PLOVER: "THREATEN could be ASSAULT + hypothetical. In situations
    like these, the coder should always return the single event category". The condition
    itself ("if Armenian provocations continue") stays hypothetical.

    >>> t = "if talks fail , Arnor will attack Gondor".split()
    >>> conditional_threat(t, 6), conditional_threat("Arnor could attack Gondor".split(), 2)
    (True, False)
    >>> conditional_threat("Arnor will act if Gondor attacks".split(), 5)
    False
    """
    lo, hi = clause(list(low), i)
    conditions = [k for k in range(lo, hi) if low[k] in ("if", "unless")]
    if not conditions or not is_future(list(low), i):
        return False
    inside = any(k < i and "," not in low[k:i] for k in conditions)
    return not inside


OFFER_MODALS = frozenset({"can"})
FIRST_PERSON_WORDS = frozenset({"we", "i", "my", "our"})


def offers(low: Sequence[str], i: int, e: CodedEvent) -> bool:
    """A speaking state's "we can <cooperative act>" ("we can give young Afghans places at
    our universities"): what it says it is able to do for another is an offer, PLOVER AGREE
    ("Agree to, offer, promise …"), not a hypothesis. The annotation guide keeps
    *hypothetical* "for what the text only supposes of someone else"; "could", "might",
    "if" keep it."""
    if e.source is None or e.source.text.split(" ", 1)[0].lower() not in FIRST_PERSON_WORDS:
        return False
    lo, _ = clause(list(low), i)
    before = set(low[lo:i])
    return bool(OFFER_MODALS & before) and not before & {
        "if",
        "unless",
        "could",
        "might",
        "may",
        "should",
        "would",
        "whether",
    }


def warns_of(low: Sequence[str], i: int) -> bool:
    """ "warned of/about <a danger>": a warning about what others may do or what may happen,
    not a threat by the one who warns. PLOVER THREATEN is "All threats, coercive or forceful
    warnings with serious potential repercussions" (from the warner); a warning of a danger
    is CAMEO 012 ("Make pessimistic comment"), a comment, no PLOVER event.

    >>> warns_of("Kyrgyzstan warned of infiltration".split(), 1)
    True
    >>> warns_of("Moscow warned Astana against joining".split(), 1)
    False
    """
    return low[i].startswith("warn") and i + 1 < len(low) and low[i + 1] in ("of", "about")


WILLING = frozenset({
    "open", "ready", "willing", "prepared", "committed", "determined", "eager", "keen",
})  # fmt: skip


def is_willing(low: Sequence[str], i: int) -> bool:
    """Is the act at ``i`` what someone declares itself open, ready or committed to ("open
    to reasonable compromise with", "committed to strengthening ties")? PLOVER AGREE: "Agree
    to, offer, promise, or otherwise indicate willingness or commitment to cooperate".

    >>> is_willing("we are open to reasonable compromise".split(), 5)
    True
    >>> is_willing("we reached a compromise".split(), 3)
    False
    >>> is_willing("we are ready , at any stage , to create".split(), 9)
    True
    """
    for k in range(i - 1, max(i - 4, 0), -1):
        if low[k] in ("to", "for") and low[k - 1] in WILLING:
            return True
        if low[k] == "to" and low[k - 1] == ",":
            # "we are ready, at any stage of the peace process, to create": past the aside
            opening = next((j for j in range(k - 2, max(k - 14, 0), -1) if low[j] == ","), None)
            return opening is not None and low[opening - 1] in WILLING
        if not low[k][:1].isalpha() or low[k] in ("and", "or", "that", "which"):
            return False
    return False


_HELD_BE = frozenset({"was", "were", "is", "are", "been", "be"})
_TAKE = frozenset({"took", "take", "takes", "taking", "taken"})


def meetings_held(tokens: Sequence[str], low: Sequence[str] | None = None) -> dict[int, int]:
    """Verbs that report that something happened: "took place" and a passive "was held".
    With a meeting noun before them in their clause ("the meeting of the two ministers took
    place", "talks between the delegations were held") they are the meeting, PLOVER CONSULT
    ("All consultations and meetings"): position -> end of the verb. "took place" without one
    is no act at all, not CAMEO 171 (seize property) that "take" codes: position -> 0.

    >>> meetings_held("The meeting of Lavrov and Meredov took place in Ashgabat".split())
    {6: 8}
    >>> meetings_held("The incident took place at night".split())
    {2: 0}
    >>> meetings_held("A meeting of Rahmon with the Russian President , Putin was held".split())
    {11: 12}
    """
    out: dict[int, int] = {}
    low = [t.lower() for t in tokens] if low is None else low
    for i, w in enumerate(low):
        if w in _TAKE and i + 1 < len(low) and low[i + 1] == "place":
            end = i + 2
        elif w == "held" and i > 0 and low[i - 1] in _HELD_BE:
            end = i + 1
        else:
            continue
        k = i - 1
        meeting = False
        while k >= 0 and low[k] not in (";", ":", "."):
            if low[k] == "," and not (tokens[k + 1][:1].isupper() or tokens[k - 1][:1].isupper()):
                break  # a comma next to a name or title is an apposition inside the subject
            if low[k] in MEETING_EVENTS:
                meeting = True
                break
            k -= 1
        if meeting:
            out[i] = end
        elif end == i + 2:
            out[i] = 0
    return out


def _framed(category: str, future: bool, negated: bool) -> str | None:
    """A framed category under the verb's tense and negation: a concession or consultation
    refused is a REJECT ("would not meet demands"), other negated frames are no event;
    SANCTION announced for the future is a threat (THREATEN "threats ... to reduce or stop
    international intervention by expelling or withdrawing observers")."""
    if negated:
        return "REJECT" if category in ("CONCEDE", "CONSULT", "AID") else None
    if future and category == "SANCTION":
        return "THREATEN"
    return category


DENYING = frozenset({"deny", "denies", "denied", "denying", "refute", "refutes", "refuted"})


def denied(low: Sequence[str], i: int) -> bool:
    """Is the verb at ``i`` in the "that" clause of a denial ("denied the reports that
    Kazakhstan would send troops", "denied that it had closed the border")? The denial is
    CAMEO 016 "Reject accusation, deny responsibility", a comment (no PLOVER event), and what
    it denies is not asserted by the text.

    >>> denied("kazakhstan denied reports that it would send troops".split(), 6)
    True
    >>> denied("kazakhstan said that it would send troops".split(), 5)
    False
    """
    for k in range(i - 1, max(i - 8, 0) - 1, -1):
        if low[k] in (",", ";", ":", "and", "but"):
            return False
        if low[k] == "that":
            return any(w in DENYING for w in low[max(k - 4, 0) : k])
    return False


WITHDRAWING = frozenset({"withdraw", "pull"})
PEACEKEEPERS = frozenset({"peacekeepers", "peacekeeping"})


def withdraws_peacekeepers(low: Sequence[str], i: int) -> bool:
    """Is the verb at ``i`` a withdrawal of peacekeepers ("began withdrawing their
    peacekeepers", "will withdraw its peacekeeping forces"), the noun within five words?

    >>> withdraws_peacekeepers("the csto withdrew its peacekeepers".split(), 2)
    True
    """
    if _FRAME_FORMS.get(low[i]) not in WITHDRAWING:
        return False
    for k in range(i + 1, min(i + 6, len(low))):
        if low[k] in PEACEKEEPERS:
            return True
        if not low[k][:1].isalpha() or low[k] in _STOP:
            return False
    return False


def requested(low: Sequence[str], i: int, asks: Sequence[int]) -> bool:
    """Is the verb at ``i`` the act an appeal or request earlier in its clause asks for ("urged
    Russia and Ukraine *to resume* negotiations", "called on Tajikistan to return")? Its
    infinitive is the content of the request, which the annotation guide codes as the
    REQUEST ("X called on Y to …" is a request, section 1); the act has not happened.

    >>> t = "uzbekistan urged russia to resume talks".split()
    >>> requested(t, 4, [2]), requested(t, 4, []), requested("he agreed to resume".split(), 3, [])
    (True, False, False)
    >>> requested("kgz demanded that tajikistan withdraw troops".split(), 4, [2])
    True
    >>> requested("we call on them to stand with and contribute to it".split(), 8, [1])
    True
    """
    k = i - 1
    while k > 0 and low[k].endswith("ly"):
        k -= 1  # "to fully comply"
    if k > 0 and low[k] in ("and", "or"):
        # "called on X to stand with and contribute to …": a coordinated infinitive
        k = next((j for j in range(k - 1, max(k - 6, 0), -1) if low[j] == "to"), k)
    if k > 0 and low[k] == "to":
        return any(a <= k and i - a <= 16 and not ({";", ":"} & set(low[a:k])) for a in asks)
    # "demanded that Kyrgyzstan withdraw its troops": the bare verb of a "that" clause
    return any(
        a < len(low) and low[a] == "that" and a + 1 < i <= a + 6 and "," not in low[a:i]
        for a in asks
    )


def _lemma(verbs: VerbDictionary, word: str) -> str | None:
    entry = verbs.lookup(word.lower())
    return entry.lemma if entry is not None else INTENT_FORMS.get(word.lower())


def _reporting(verbs: VerbDictionary, word: str) -> bool:
    entry = verbs.lookup(word.lower())
    return entry is not None and (entry.code or "").startswith("01")


OBLIGATION = frozenset({"must"})
FIRST_PERSON = frozenset({"i", "we"})


def _reporting_before(verbs: VerbDictionary, tokens: Sequence[str], i: int) -> bool:
    """Does a reporting verb stand before the verb at ``i`` ("Russia said Sudan must …")?"""
    return any(_reporting(verbs, t) for t in tokens[:i])


def is_obliged(tokens: Sequence[str], i: int) -> bool:
    """Is the verb at ``i`` something its subject "must" do, said of another actor (not "we
    must")?

    >>> is_obliged("Russia said Sudan must return the helicopter".split(), 4)
    True
    >>> is_obliged("Russia said we must not return".split(), 5)
    False
    """
    chain = verb_chain(list(tokens), i)
    if not OBLIGATION & set(chain):
        return False
    start = i - len(chain)
    return start == 0 or tokens[start - 1].lower() not in FIRST_PERSON


def shares_obligation(
    tokens: Sequence[str], low: list[str], i: int, verbs: Sequence[int], depth: int = 0
) -> bool:
    """Is the bare verb at ``i`` coordinated (after a comma, "and" or "or") with an earlier verb
    of the same clause that its subject "must" do ("Russia must stop the war, withdraw from
    Ukrainian territory and lift its blockade")? The obligation covers each coordinated act.

    >>> t = "Russia must stop the war , withdraw its troops and lift the blockade".split()
    >>> low = [w.lower() for w in t]
    >>> shares_obligation(t, low, 6, [2, 6, 10]), shares_obligation(t, low, 10, [2, 6, 10])
    (True, True)
    >>> t = "Russia must stop the war and Ukraine rebuilt the bridge".split()
    >>> shares_obligation(t, [w.lower() for w in t], 8, [2, 8])
    False
    """
    if depth > 4 or i < 2 or low[i - 1] not in (",", "and", "or"):
        return False
    if low[i].endswith(("ed", "ing", "s")):
        return False  # a finite verb of its own ("and Ukraine rebuilt", "and it continues")
    earlier = [v for v in verbs if v < i - 1]
    if not earlier:
        return False
    j = max(earlier)
    between = low[j + 1 : i - 1]
    if len(between) > 12 or any(w in CLAUSE_BREAKS for w in between):
        return False
    return is_obliged(tokens, j) or shares_obligation(tokens, low, j, verbs, depth + 1)


CLAUSE_BREAKS = frozenset({".", ";", ":", "but", "that", "which", "who", "while", "whereas"})
"""Words that end a verb's clause before a later coordinated verb could share its modal."""


RELATIVES = frozenset({"who", "which", "whom", "whose", "where"})
ADVERBIAL = SUBORDINATORS | {"while", "unless", "although", "though", "whereas", "once"}


def is_subordinate(
    tokens: Sequence[str], i: int, verbs: Sequence[int], low: list[str] | None = None
) -> bool:
    """Is the verb at ``i`` outside the sentence's main clause? Without a parse: a participle
    without "be" ("refugees fleeing the war", ", killing 156 people"), a verb right after a
    preposition or determiner (an adjective: "alleged bombers"), a bare verb right after a
    noun once the sentence has had a verb (a reduced relative: "weapons seized last year"),
    or a verb opened by a relative pronoun, "that" + verb, or an adverbial subordinator
    ("who has vowed", "a helicopter that was captured", "after it was imposed") since the
    previous verb or comma. The main clause of a news lead holds its event.

    >>> toks = "Rebels will return weapons seized last year from refugees fleeing".split()
    >>> [is_subordinate(toks, k, [2, 4, 9]) for k in (2, 4, 9)]
    [False, True, True]
    >>> toks = "Sharon , who has vowed not to return , lost".split()
    >>> [is_subordinate(toks, k, [4, 9]) for k in (4, 9)]
    [True, False]

    ``low``: the tokens lower-cased, when the caller has them.
    """
    low = [t.lower() for t in tokens] if low is None else low
    chain = verb_chain(low, i)
    start = i - len(chain)
    prev = low[start - 1] if start > 0 else ""
    if low[i].endswith("ing") and not BE_FORMS & set(chain):
        return True
    if prev in PREPOSITIONS or prev in DETERMINERS:
        return True
    earlier = [k for k in verbs if k < i]
    if not chain and earlier and is_modifier(prev) and prev not in ("and", "or"):
        return True
    stop = max(earlier, default=-1)
    for k in range(start - 1, stop, -1):
        w = low[k]
        if w in (",", ";", ":"):
            return False
        if w in RELATIVES or w in ADVERBIAL or (w == "that" and k == start - 1):
            return True
    return False


# --------------------------------------------------------------------------- coding stages

CATEGORY_ROOTS = {
    "AGREE": "030", "REJECT": "120", "DEMAND": "100", "RETREAT": "080", "CONCEDE": "080",
    "PROTEST": "140", "CONSULT": "040", "FIGHT": "190", "ASSAULT": "180",
    "INVESTIGATE": "090", "THREATEN": "130", "SANCTION": "160", "AID": "070",
    "MOBILIZE": "150", "COOPERATE": "050", "DISAPPROVE": "110", "COERCE": "170",
}  # fmt: skip
"""The CAMEO root that holds each 2016 category (CAMEO 1.1b3's root definitions: 03 intent,
04 consult, 07 aid, 08 yield, 09 investigate, 10 demand, 11 disapprove, 12 reject, 13
threaten, 14 protest, 15 force posture, 16 reduce relations, 17 coerce, 18 assault, 19
fight): the CAMEO code of an event coded from a verb that names a category without a code."""
FUTURE_AGREE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID"})
"""Categories that, stated for the future, are an asserted AGREE. PLOVER manual (2021),
AGREE: "Cooperative actions of types CONSULT, SUPPORT, COOPERATE, and AID reported in future
tense are also taken to imply intentions and should be coded as AGREE" and "References to
future meetings, summits, state visits ... should be coded as AGREE"; "the coder should always
return the single event category, not a category+auxiliary". The announcement is the event
and it took place, so its modality is ``asserted`` (annotation guide, section 3); RETREAT and
CONCEDE ("should be left as they are") and conflictual acts keep ``future``."""
VISIT, HOST = "042", "043"
"""CAMEO's visit and its reverse, hosting, which a visit pattern codes as a pair. PLOVER
manual, CONSULT: "In events where one side is hosting and one is visiting, the visitor will
always be coded as the actor and the host will be the recipient": the host's 043 of such a
pair keeps its CAMEO code and takes no PLOVER category, so a visit is one CONSULT."""
ORGANISATION_KINDS = frozenset({"organisation", "bloc", "format"})


@cache
def _organisations() -> frozenset[str]:
    return frozenset(a.code for a in Registry.load().actors if a.kind in ORGANISATION_KINDS)


def _visit_duplicate(e: CodedEvent, events: Sequence[CodedEvent]) -> bool:
    """Whether ``e`` is the half of a visit/host pair that PLOVER does not code: the host's
    043, or, where the "visitor" is an organisation whose summit a state hosts, the
    organisation's 042 (the host is then a participant of the organisation's meeting:
    annotation guide, section 3, multilateral meetings)."""
    half = VISIT if e.cameo.startswith(HOST) else HOST if e.cameo.startswith(VISIT) else None
    other = next(
        (o for o in events if o.verb_start == e.verb_start and half and o.cameo.startswith(half)),
        None,
    )
    if other is None:
        return False
    visit = e if half == HOST else other
    # a host's verb ("hosted the SCO summit") pairs the organisation's 042 with the host's own
    # 043; an organisation (its secretary-general, a delegation) that visits is the visitor
    by_organisation = (
        visit.paired and visit.source is not None and visit.source.code in _organisations()
    )
    return by_organisation == (e is visit)


NORMATIVE = frozenset({"must", "should", "shall", "ought", "fail"})


def _normative(low: Sequence[str], i: int) -> bool:
    """Is the negated verb at ``i`` a norm or a lack rather than a refusal: under a modal of
    obligation ("we must not abandon", "should not"), after "fail to" ("should not fail to
    note") or "yet to" ("a mission has yet to arrive")? A refusal ("cannot accept", "will not
    join") is asserted (PLOVER REJECT); a norm names no act.

    >>> _normative("we must not abandon afghanistan".split(), 3)
    True
    >>> _normative("kazakhstan will not join the bloc".split(), 3)
    False
    """
    window = low[max(0, i - 4) : i]
    return bool(NORMATIVE & set(window)) or window[-2:] in (["yet", "to"], ["fail", "to"])


REQUEST_ROOTS = frozenset({"02", "10"})
"""CAMEO roots the 2021 REQUEST category covers: its definition, "All requests, demands, and
orders", includes appeals (CAMEO 02), which the 2021 table lists under no category."""


@cache
def _codes() -> dict[str, EventCode]:
    return {c.code: c for c in load_event_codes()}


def _infinitive(tokens: Sequence[str], i: int) -> bool:
    return i > 0 and tokens[i - 1].lower() == "to"


def _framed_at(tokens: tuple[str, ...], low: Sequence[str]) -> dict[int, str | None]:
    framed: dict[int, str | None] = {}
    if _FRAME_FORMS.keys().isdisjoint(low):
        return framed
    for i, w in enumerate(low):
        if w not in _FRAME_FORMS:
            continue
        cat = frame_category(tokens, i)
        if cat is not None:
            framed[i] = _framed(cat, is_future(tokens, i), is_negated(tokens, i))
    return framed


class CategoryVerbs:
    """Code the verbs that name a 2016 category without a CAMEO code of their own: a verb
    with the noun it governs (:func:`frame_category`: "staged demonstrations", "lifted the
    curfew") and a verb the 2016 manual names in a definition (:data:`VERB_CATEGORIES_2016`:
    "rejected"), where the classifier coded no event. Each becomes an event with its category
    (``named``) and the CAMEO root that holds it (:data:`CATEGORY_ROOTS`); roles are assigned
    by the next stage as for any event. Runs after the event classifier."""

    def __init__(self, verbs: VerbDictionary) -> None:
        self.verbs = verbs

    def process(self, batch: Batch) -> Batch:
        return evolve(batch, sentences=tuple(self._sentence(s) for s in batch.sentences))

    def _sentence(self, s: Sentence) -> Sentence:
        toks = s.tokens
        framed = _framed_at(toks, s.low)
        held = meetings_held(toks, s.low)
        if held:
            s = evolve(s, events=tuple(e for e in s.events if e.verb_start not in held))
        coded = {e.verb_start for e in s.events} | set(held)
        added: list[CodedEvent] = []
        consult = _codes().get(CATEGORY_ROOTS["CONSULT"])
        for i, end in held.items():
            if end and consult is not None:
                added.append(
                    CodedEvent(
                        verb=" ".join(toks[i:end]),
                        verb_start=i,
                        verb_end=end,
                        cameo=consult.code,
                        plover="CONSULT",
                        quad_class=consult.quad_class,
                        goldstein=consult.goldstein,
                        named="CONSULT",
                    )
                )
        visit = _codes().get("042")
        # a verb inside a coded event's span is part of it ("threatened to cut gas supplies":
        # the cut is the threat's content, coded with the threat, not an act of its own)
        coded |= {k for e in s.events for k in range(e.verb_start, e.verb_end)}
        for i in sorted(set(s.verbs) | set(framed)):
            if i in coded:
                continue
            if visit is not None and receives_official(s, i, _lemma(self.verbs, toks[i])):
                added.append(
                    CodedEvent(
                        verb=toks[i],
                        verb_start=i,
                        verb_end=i + 1,
                        cameo=visit.code,
                        plover="CONSULT",
                        quad_class=visit.quad_class,
                        goldstein=visit.goldstein,
                        passive=True,  # the visitor (the object) is the source
                        named="CONSULT",
                    )
                )
                continue
            obliged = is_obliged(toks, i)
            if i in framed and not obliged:
                cat = framed[i]
            else:
                lemma = _lemma(self.verbs, toks[i])
                cat = plover_2016(None, lemma, negated=is_negated(toks, i), obliged=obliged)
            if cat is None:
                continue
            root = CATEGORY_ROOTS.get(cat)
            info = _codes().get(root or "")
            if root is None or info is None:
                continue
            added.append(
                CodedEvent(
                    verb=toks[i],
                    verb_start=i,
                    verb_end=i + 1,
                    cameo=root,
                    plover=NAMES_2021.get(cat, cat),
                    quad_class=info.quad_class,
                    goldstein=info.goldstein,
                    named=cat,
                )
            )
        if not added:
            return s
        events = sorted((*s.events, *added), key=lambda e: e.verb_start)
        return evolve(s, events=tuple(events))


class PloverCategories:
    """Each event's PLOVER category by the 2016 manual's rules, stored in the 2021 names, its
    :func:`~steppe.coding.stages.confidence` (what :class:`~steppe.coding.stages.Scorer`
    sets, done here to copy each event once), and the sentence's events in order of salience
    (the first is its main event). Runs last.

    ``category`` is the 2016 category (:func:`plover_2016` with the verb's tense, negation,
    "must" and the means of violence; a verb + noun frame, :func:`frame_category`,
    overrides the code's); ``plover`` the same in the 2021 names (:data:`NAMES_2021`),
    appeals (CAMEO 02) being REQUEST by the 2021 definition and statements (01) none.
    Order: events with a category first, then non-reporting verbs before reporting ones
    ("said", CAMEO 01 by default, when a pattern codes it as something else: the act is the
    one reported), main-clause verbs before subordinate ones (:func:`is_subordinate`), the
    more salient (the event's :func:`~steppe.coding.stages.confidence`; a verb or frame that
    names its category counts as a matched pattern, half that as an infinitive: "threatened
    to hold a general strike" is the threat), then the earlier."""

    def __init__(self, verbs: VerbDictionary) -> None:
        self.verbs = verbs

    def process(self, batch: Batch) -> Batch:
        return evolve(batch, sentences=tuple(self._sentence(s) for s in batch.sentences))

    def _sentence(self, s: Sentence) -> Sentence:
        if not s.events:
            return s
        toks = s.tokens
        low = s.low
        framed = _framed_at(toks, low)
        ranked: list[tuple[tuple[bool, bool, bool, float, int], CodedEvent]] = []
        willing: set[int] = set()
        """Acts declared willingly; a coordinated act ("committed to strengthening ... and
        deepening ...") shares the declaration."""
        asks = [e.verb_end for e in s.events if e.cameo[:2] in REQUEST_ROOTS]
        for e in s.events:
            i = e.verb_start
            if e.cameo[:2] not in REQUEST_ROOTS and requested(low, i, asks):
                continue  # "urged Russia and Ukraine to resume negotiations": asked, not done
            if denied(low, i):
                continue  # "denied the reports that Kazakhstan would send troops"
            word = toks[i]
            lemma = _lemma(self.verbs, word)
            obliged = is_obliged(toks, i) or shares_obligation(toks, low, i, s.verbs)
            if obliged and s.speaker and not _reporting_before(self.verbs, toks, i):
                # a General Debate speech's "Afghanistan must adhere to its obligations", "the
                # forces of Armenia must withdraw": the speaker's norm, no act of its subject
                # (annotation guide: framing); a "must" someone is said to demand stays DEMAND
                continue
            report = _reporting(self.verbs, word)
            own = plover_2016(None, lemma, negated=is_negated(toks, i), obliged=obliged)
            if e.pattern and e.cameo[:3] in CEREMONIES:
                # "offer my condolences", "offered prayers": the pattern codes CAMEO 017/018,
                # a ceremony or an empathetic comment (guide: condolences alone are comments),
                # which the verb's own AGREE ("offer") does not turn into a promise
                own = None
            reported = self._reported_frame(toks, i, framed) if report and e.pattern else None
            names = True
            if i in framed and not obliged:
                cat = framed[i]
            elif e.named is not None:
                cat = e.named
            elif reported is not None:
                cat = reported
            elif own is not None:
                cat = own
            else:
                cat = plover_2016(
                    e.cameo,
                    lemma,
                    is_future(toks, i),
                    is_negated(toks, i),
                    obliged,
                    violence_means(toks, i),
                )
                names = False
            if cat is not None:
                plover: str | None = NAMES_2021.get(cat, cat)
            elif e.cameo[:2] in REQUEST_ROOTS:
                plover = "REQUEST"
            else:
                plover = None if e.cameo.startswith("01") else e.plover
            mode = e.modality
            if _visit_duplicate(e, s.events):
                cat, plover = None, None
            if plover == "AGREE" and not names and e.cameo.startswith("08") and mode == "future":
                # the 2016 manual makes a future 08 an AGREE; the 2021 manual (the store's
                # names): "Future cooperative actions of type RETREAT + future and CONCEDE +
                # future should be left as they are"
                plover = "CONCEDE" if e.cameo.startswith(CONCEDE_2016) else "RETREAT"
            if (
                plover in ("SANCTION", "THREATEN")
                and withdraws_peacekeepers(low, i)
                and not conditional_threat(low, i)
            ):
                # the 2016 manual: SANCTION "Terminate the deployment or presence of
                # peacekeeping forces"; the annotation guide (2021 names, section 3): "their
                # withdrawal is RETREAT (0872/087x)", a future one kept as such
                plover = "RETREAT"
            if cat == "THREATEN" and warns_of(low, i):
                cat, plover = None, None
                comment = _codes().get("012")
                if comment is not None:  # stored as the comment it is (CAMEO 012)
                    e = evolve(
                        e,
                        cameo=comment.code,
                        quad_class=comment.quad_class,
                        goldstein=comment.goldstein,
                    )
            if mode == "negated" and _normative(low, i):
                continue  # "we must not abandon Afghanistan", "has yet to arrive": no act
            if mode == "hypothetical" and cat in COERCIVE_2016 and conditional_threat(low, i):
                cat, plover, mode = "THREATEN", "THREATEN", "asserted"
            if plover in FUTURE_AGREE and (
                mode == "future" or (mode == "hypothetical" and offers(low, i, e))
            ):
                cat, plover, mode = "AGREE", "AGREE", "asserted"
            elif plover in FUTURE_AGREE and (
                is_willing(low, i)
                or (
                    low[i - 1] == "and"
                    and low[i].endswith("ing")
                    and any(0 < i - w <= 8 for w in willing)
                )
            ):
                if e.paired:
                    continue  # the willingness is the subject's; the other side declared none
                cat, plover = "AGREE", "AGREE"
            if plover == "AGREE" and e.paired and e.verb.split(" ")[0].lower() in INTENT_FORMS:
                continue  # "is ready to host": the intent is the subject's, not its partner's
            if (
                plover == "AGREE"
                and e.paired
                and e.cameo.startswith("036")
                and e.source is not None
                and e.source.code in _organisations()
            ):
                continue  # "we will host the UN Congress": a participant of the organisation's
                # meeting (guide, multilateral meetings: participant -> organisation only)
            if plover == "AGREE":
                willing.add(e.verb_end - 1)
            salience = confidence(e)  # the event's confidence (Scorer's), below
            if names:
                salience = max(salience, 0.45 if _infinitive(toks, i) else 0.9)
            report = report and not names
            sub = is_subordinate(toks, i, s.verbs, low)
            key = (cat is None, report, sub, -salience, i)
            scored = confidence(e)
            ranked.append(
                (key, evolve(e, category=cat, plover=plover, modality=mode, confidence=scored))
            )
        ranked.sort(key=lambda r: r[0])
        return evolve(s, events=tuple(e for _, e in ranked))

    @staticmethod
    def _reported_frame(toks: tuple[str, ...], i: int, framed: dict[int, str | None]) -> str | None:
        """The framed act a reporting verb's pattern codes ("announced that it will withdraw
        its peacekeepers"): the first verb + noun frame after it in its clause."""
        _, hi = clause(toks, i)
        return next((framed[j] for j in sorted(framed) if i < j < hi), None)
