"""Acts named as nouns that are a clause's own predication.

CAMEO codes "the main verb of the sentence", and the annotation guide (section 1) keeps events
named only as noun phrases as background — except where the noun phrase *is* what the clause
asserts: "the withdrawal of CSTO troops from Kazakhstan will begin on 13 January", a headline
"deployment of CSTO peacekeepers in Kazakhstan completed", "the Kremlin confirmed Putin's
participation in the CSTO videoconference". There the verb only says that the act starts, goes
on or ends (or announces it), and the act is the noun's:

- a clause that opens with one of :data:`ACT_NOUNS` + "of" + its actor (possibly after a
  headline's "Speaker:"), followed — after its "to/in/into/from" phrase — by a verb of
  beginning, continuing or completing (:data:`ASPECT`), is the noun's act: the "of" actor is
  the source, the "to/in/into/from" actor the target;
- "A's participation in B" as the object of a statement or confirmation is A's announced
  meeting with B: PLOVER codes "references to future meetings, summits, state visits" as
  AGREE (CAMEO 036 "Express intent to meet or negotiate");
- "announced an agreement with B" is the announcer's agreement with B: PLOVER AGREE ("Agree
  to, offer, promise, or otherwise indicate willingness or commitment to cooperate"; CAMEO
  030).

>>> sorted(ACT_NOUNS)[:3]
['deployment', 'participation', 'pullout']
"""

from __future__ import annotations

from dataclasses import dataclass

from steppe.coding.actors import DETERMINERS, is_modifier
from steppe.coding.model import Sentence

ACT_NOUNS = {
    "deployment": "154",  # Mobilize or increase armed forces (074 for peacekeepers)
    "withdrawal": "0874",  # Retreat or surrender militarily
    "pullout": "0874",
    "transfer": "154",  # troops moved (074 for peacekeepers)
    "participation": "040",  # Consult
    "visit": "042",  # Make a visit
}
PEACEKEEPERS = ("peacekeep",)
"""Deployed peacekeepers are CAMEO 074 "Provide military protection or peacekeeping"."""
ASPECT = frozenset({
    "begin", "begins", "began", "begun", "start", "starts", "started", "continue",
    "continues", "continued", "complete", "completed", "completes", "end", "ends", "ended",
    "finished", "finish", "finishes", "resume", "resumes", "resumed",
})  # fmt: skip
ANNOUNCING = frozenset({
    "confirmed", "confirms", "announced", "announces", "reported", "reports", "said",
})  # fmt: skip
AGREEMENTS = frozenset({"agreement", "accord", "deal", "understanding", "arrangement"})
PLACES = frozenset({"to", "in", "into", "from"})
MAX_PHRASE = 12
"""Most tokens between the act noun and its predicate."""


@dataclass(frozen=True)
class NominalAct:
    """An act named by a noun: its code, where its predicate stands and its two sides (indices
    of the sentence's mentions)."""

    cameo: str
    at: int
    end: int
    source: int | None
    """``None``: the clause's subject (the announcer of an agreement)."""
    target: int


def _mention_starting(s: Sentence, k: int) -> int | None:
    return next((n for n, m in enumerate(s.mentions) if m.start == k), None)


def _skip_np_start(low: list[str], k: int, hi: int) -> int:
    while k < hi and (low[k] in DETERMINERS or (is_modifier(low[k]) and low[k] != "of")):
        if low[k].startswith(PEACEKEEPERS) or low[k] in ACT_NOUNS:
            break
        k += 1
    return k


def _sides(
    s: Sentence, low: list[str], start: int, hi: int
) -> tuple[int | None, int | None, int, bool]:
    """From the word after the noun: the "of" actor, the place actor, where the phrase ends,
    and whether the "of" phrase names peacekeepers."""
    source = target = None
    peace = False
    k = start
    if k < hi and low[k] == "of":
        j = _skip_np_start(low, k + 1, hi)
        peace = any(w.startswith(PEACEKEEPERS) for w in low[k + 1 : min(hi, j + 3)])
        at = next((n for n, m in enumerate(s.mentions) if k < m.start <= j + 1), None)
        if at is not None:
            source = at
            k = s.mentions[at].end
            peace = peace or any(w.startswith(PEACEKEEPERS) for w in low[k : k + 2])
            while k < hi and low[k] not in PLACES and k - start <= MAX_PHRASE:
                if low[k] in (",", ";", ":") or low[k] in ASPECT:
                    break
                k += 1
    if k < hi and low[k] in PLACES:
        j = _skip_np_start(low, k + 1, hi)
        at = next((n for n, m in enumerate(s.mentions) if k < m.start <= j), None)
        if at is not None:
            target = at
            k = s.mentions[at].end
    return source, target, k, peace


def _announced(s: Sentence, low: list[str], k: int) -> NominalAct | None:
    """What the announcing verb at ``k`` announces: "confirmed Putin's participation in the
    CSTO videoconference" (036), "announced an agreement with Russia" (030)."""
    owner = _mention_starting(s, k + 1)
    if owner is not None:
        j = s.mentions[owner].end
        if low[j : j + 3] == ["'s", "participation", "in"]:
            k2 = _skip_np_start(low, j + 3, len(low))
            forum = next((n for n, m in enumerate(s.mentions) if j + 2 < m.start <= k2), None)
            return None if forum is None else NominalAct("036", k, k + 1, owner, forum)
    if low[k + 1] in ("an", "the", "a") and low[k + 2] in AGREEMENTS and low[k + 3] == "with":
        partner = next(
            (n for n, m in enumerate(s.mentions) if k + 4 <= m.start < k + 7 and m.code), None
        )
        return None if partner is None else NominalAct("030", k, k + 1, None, partner)
    return None


def nominal_acts(s: Sentence, low: list[str]) -> list[NominalAct]:
    """The acts named by a clause-opening act noun with an aspect predicate, and announced
    participations (see the module docstring)."""
    out: list[NominalAct] = []
    colon = next((k for k in range(min(7, len(low))) if low[k] == ":"), None)
    first = _skip_np_start(low, 0 if colon is None else colon + 1, len(low))
    noun = low[first] if first < len(low) else ""
    if noun in ACT_NOUNS:
        source, target, k, peace = _sides(s, low, first + 1, len(low))
        while k < len(low) and low[k] in ("will", "has", "have", "been", "was", "is", "to"):
            k += 1
        if source is not None and target is not None and k < len(low) and low[k] in ASPECT:
            code = "074" if noun in ("deployment", "transfer") and peace else ACT_NOUNS[noun]
            out.append(NominalAct(code, k, k + 1, source, target))
    owned = _owned_force(s, low, 0 if colon is None else colon + 1)
    if owned is not None:
        out.append(owned)
    for k, w in enumerate(low):
        if w in ANNOUNCING and k + 4 < len(low):
            act = _announced(s, low, k)
            if act is not None:
                out.append(act)
    return out


FORCE_NOUNS = {
    "aggression": "190", "war": "190", "invasion": "190", "attacks": "190", "attack": "190",
    "actions": "190", "operations": "190", "shelling": "190", "bombing": "190",
    "occupation": "192",
}  # fmt: skip
"""Uses of force named by a noun (CAMEO 190 "Use conventional military force", 192 "Occupy
territory"); "actions" and "operations" only as "military actions/operations"."""
FORCE_GOES_ON = frozenset({
    "continue", "continues", "continued", "continuing", "rage", "rages", "raged", "raging",
    "persist", "persists", "persisted", "persisting", "goes",
})  # fmt: skip
"""Verbs that say a use of force goes on (not that it ends)."""
LINKING = frozenset({"has", "have", "been", "is", "are", "was", "were", "now", "still", "to"})


def _owned_force(s: Sentence, low: list[str], start: int) -> NominalAct | None:
    """ "Russia's war against Ukraine continues", "the Russian Federation's brutal aggression
    against Ukraine continues into its third year": a clause that opens with an actor's use of
    force against another and says only that it goes on asserts that use of force (the
    annotation guide's exception for noun phrases that are what the clause asserts)."""
    if "'s" not in low[start : start + 8]:
        return None
    owner = next(
        (n for n, m in enumerate(s.mentions) if m.start in (start, start + 1) and m.code), None
    )
    if owner is None:
        return None
    m = s.mentions[owner]
    k = next((j for j in range(m.start, m.end + 1) if low[j : j + 1] == ["'s"]), None)
    if k is None:
        return None
    k += 1  # past "'s"; the mention may hold the modifiers after it ("Russia's military")
    while (
        k < len(low)
        and low[k] not in FORCE_NOUNS
        and (is_modifier(low[k]) or low[k] == "and")
        and k - start < 9
    ):
        k += 1
    noun = low[k] if k < len(low) else ""
    if noun not in FORCE_NOUNS or (noun in ("actions", "operations") and low[k - 1] != "military"):
        return None
    k += 1
    if low[k : k + 2] == ["of", "aggression"]:
        k += 2
    if k >= len(low) or low[k] not in ("against", "on", "in"):
        return None
    target = next((n for n, m in enumerate(s.mentions) if k < m.start <= k + 3 and m.code), None)
    if target is None or s.mentions[target].code == s.mentions[owner].code:
        return None
    k = s.mentions[target].end
    while k < len(low) and (low[k] in LINKING or low[k].endswith("ly")):
        k += 1
    if k >= len(low) or low[k] not in FORCE_GOES_ON:
        return None
    return NominalAct(FORCE_NOUNS[noun], k, k + 1, owner, target)


IMPROVING = frozenset({
    "strengthen", "expand", "deepen", "develop", "boost", "enhance", "improve", "increase",
    "build", "promote", "intensify", "broaden", "advance", "foster", "restore", "normalize",
    "normalise", "consolidate", "diversify",
})  # fmt: skip
"""Infinitives after a desire that the dictionaries leave uncoded but that say cooperation is
wanted ("seeks to strengthen ties with Russia"): PLOVER AGREE."""
COMMITMENTS = frozenset({
    "commitment", "readiness", "willingness", "determination", "intention", "intent", "desire",
})  # fmt: skip
COOPERATION_WORDS = ("cooperat", "co-operat", "partnership", "dialogue", "work together")
TIES = frozenset({"relations", "ties", "links", "contacts"})
"""Relations as such are no cooperation ("a commitment to relations with …" says nothing);
relations to be strengthened are ("the intention to strengthen relations with Hungary")."""
STOPS = frozenset({",", ";", ":", ".", "!", "?"})
OTHERS = frozenset({"their", "his", "her"})
"""Possessives that give a commitment to someone other than the clause's subject, unless a
stating verb just before makes it the subject's own ("stated his intention to …")."""
SAYING = frozenset({
    "stated", "states", "announced", "announces", "expressed", "expresses", "confirmed",
    "confirms", "reaffirmed", "reaffirms", "declared", "declares", "voiced", "voices",
})  # fmt: skip


def commitments(s: Sentence, low: list[str]) -> list[tuple[int, int]]:
    """Where the sentence states a commitment to cooperate with a named entity ("reaffirm our
    firm commitment to cooperation with the United Nations", "our readiness for dialogue with
    Kabul"): (position of the noun, the partner's mention). PLOVER AGREE: "indicate
    willingness or commitment to cooperate" (CAMEO 030), whatever verb states it."""
    out: list[tuple[int, int]] = []
    for k, w in enumerate(low):
        if w not in COMMITMENTS or (
            k > 0 and low[k - 1] in OTHERS and not (k > 1 and low[k - 2] in SAYING)
        ):
            continue  # "to comply with their commitments to provide …": not the speaker's
        first = k + 1
        if low[first : first + 1] == ["of"]:  # "the readiness of our country to ..."
            first = next((j for j in range(first + 1, first + 4) if low[j : j + 1] == ["to"]), k)
        window = low[first : first + 8]
        window = window[: next((n for n, t in enumerate(window) if t in STOPS), len(window))]
        if not window or window[0] not in ("to", "for"):
            continue
        text = " ".join(window)
        if "with" not in window or not (
            any(c in text for c in COOPERATION_WORDS)
            or (window[0] == "to" and window[1:2] and window[1] in IMPROVING and TIES & set(window))
        ):
            continue
        at = first + window.index("with")
        partner = next(
            (n for n, m in enumerate(s.mentions) if at < m.start <= at + 4 and m.code), None
        )
        if partner is not None:
            out.append((k, partner))
    return out
