"""Appraisals: a reported statement that praises or criticises a named entity is that act.

A statement is a comment (CAMEO 01, no PLOVER event), but "a statement that contains an act is
the act" (annotation guide, section 1): CAMEO 051 "Praise or endorse" (PLOVER SUPPORT) and 111
"Criticize or denounce" (PLOVER ACCUSE) are verbal acts that often come as a judgement rather
than a verb of praising — "Tokayev stated that the CSTO mission had been successful", a
headline "Zakharova: the effectiveness of the CSTO mission is evident", "Peskov: Kiev has no
basis for hysterical reactions". Such a statement is coded as praise or criticism of the entity
its content is about, by the evaluative words of ``steppe.appraisal.txt``:

- the frame is a comment verb with its source (CAMEO root 01, "stated", "noted", "said",
  but not the ceremonies of :data:`CEREMONIES`),
  at the start of a sentence a speaker's name and a colon ("Peskov: …"), or an actor's
  stated feeling ("we are deeply saddened by …", :data:`FEELINGS`);
- the content is what follows, up to the next coded verb; it names its subject — the first
  actor of its first noun phrase, possibly through "of" ("the effectiveness *of the CSTO*
  mission") or "by" ("the aggression *by Tajikistan*") but not through a place or a
  direction ("in Kazakhstan", "from Afghanistan": a place is no addressee, the guide's venues
  rule) — which must not be the speaker;
- the content holds more words of one polarity than of the other (a "not" or "no" up to two
  words before a word of praise turns it, before a word of criticism cancels it: "saw no
  violation"); neither, or a tie, is a comment;
- nothing is added when the content already has an act with both sides.

>>> sorted(lexicon()[0])[:2], sorted(lexicon()[1])[:2]
(['appreciate', 'appreciated'], ['absurd', 'absurdity'])
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from steppe.coding.actors import preposition_before
from steppe.coding.model import CodedEvent, Mention, Sentence
from steppe.registry import data_path

LEXICON = data_path("dictionaries") / "steppe.appraisal.txt"
PRAISE, CRITICISM = "051", "111"
NEGATORS = frozenset({"not", "no", "never", "n't", "hardly", "neither", "nor"})
"""Words that turn a word of praise up to two words after them ("not legitimate", "neither a
nation nor a legitimate State")."""
STOPS = frozenset({".", ";", "!", "?"})
BE_OR_AUX = frozenset({
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "can", "could", "may", "might", "must", "should", "shall", "does", "do", "did",
})  # fmt: skip
FEELINGS = frozenset({
    "saddened", "concerned", "alarmed", "outraged", "disappointed", "dismayed", "appalled",
    "shocked", "worried", "pleased", "delighted", "satisfied", "grateful", "encouraged",
    "gratified", "glad", "happy", "thankful",
})  # fmt: skip
"""A speaker's stated feeling about what follows ("we are deeply saddened by the unjustified
aggression by Tajikistan"): the feeling alone is a comment (CAMEO 012/013, the guide's
"expressions of concern alone"); with an appraisal of a named entity's act it is one."""
CEREMONIES = frozenset({"017", "018"})
"""CAMEO 017 "Engage in symbolic act" and 018 "Make empathetic comment" (congratulations on an
anniversary, condolences): ceremonies, not statements whose content is an appraisal."""
GLAD = frozenset({"pleased", "delighted", "satisfied", "gratified", "glad", "happy"})
"""Feelings that are themselves praise of what they are about ("we were delighted with the
election of Turkey's representative"); concern and the other negative feelings are comments
unless what follows judges someone (the guide: expressions of concern alone)."""
THANKS = frozenset({"grateful", "thankful"})
"""Gratitude is thanks, CAMEO 051 "Praise or endorse: Praise, hail, compliment, congratulate,
thank, …": to the entity it is addressed to ("we are grateful to Japan for its support") or
whose help it is for ("thankful for the assistance of China")."""
MAX_SPEAKER = 6
"""Most tokens before a headline's colon that still name its speaker."""


@lru_cache(maxsize=1)
def lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """The appraisal words, (positive, negative), each a word or a phrase of words."""
    sections: dict[str, set[str]] = {"positive": set(), "negative": set()}
    current: set[str] | None = None
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections[line[1:-1]]
            continue
        if current is not None:
            current.add(line.lower())
    return frozenset(sections["positive"]), frozenset(sections["negative"])


def polarity(low: list[str], lo: int, hi: int) -> int:
    """Words of praise minus words of criticism in ``low[lo:hi]`` (a negator up to two words
    before a word of praise makes it one of criticism, before one of criticism cancels it).

    >>> polarity("the operation was a success".split(), 0, 5)
    1
    >>> polarity("this was not effective and a provocation".split(), 0, 7)
    -2
    >>> polarity("saw no violation of rights".split(), 0, 5)
    0
    """
    positive, negative = lexicon()
    score = 0
    k = lo
    while k < hi:
        two = " ".join(low[k : k + 2]) if k + 1 < hi else ""
        word, width = (two, 2) if two in positive or two in negative else (low[k], 1)
        negated = any(w in NEGATORS for w in low[max(lo, k - 2) : k])
        if word in positive:
            score += -1 if negated else 1
        elif word in negative and not negated:
            score -= 1  # "saw no violation": denying a fault judges no one
        k += width
    return score


def subject_of(s: Sentence, low: list[str], lo: int, hi: int, verbs: set[int]) -> Mention | None:
    """The first actor of the content's first noun phrase (up to a verb, a form of "be" or an
    auxiliary, or a comma), reached directly or through "of"."""
    k = lo + 1 if lo < hi and low[lo] == "that" else lo
    end = k
    while end < hi and low[end] not in BE_OR_AUX and end not in verbs and low[end] != ",":
        end += 1
    for m in sorted(s.mentions, key=lambda m: m.start):
        if k <= m.start < end and m.code:
            via = preposition_before(low, m.start, k)
            if via is None or via in ("of", "by"):
                return m
    return None


def _thanked(s: Sentence, low: list[str], start: int, end: int) -> Mention | None:
    """The actor gratitude is addressed to: the phrase right after "to" ("grateful to the
    United Nations for …")."""
    if start >= end or low[start] != "to":
        return None
    return next(
        (
            m
            for m in sorted(s.mentions, key=lambda m: m.start)
            if start < m.start <= start + 4
            and m.start < end
            and m.code
            and preposition_before(low, m.start, start) == "to"
        ),
        None,
    )


def _content_end(low: list[str], start: int, events: list[CodedEvent]) -> int:
    later = [e.verb_start for e in events if e.verb_start >= start]
    stop = next((k for k in range(start, len(low)) if low[k] in STOPS), len(low))
    return min([stop, *later])


def appraisals(
    s: Sentence,
    low: list[str],
    events: list[CodedEvent],
    fields: Callable[[str], dict[str, Any]],
) -> list[CodedEvent]:
    """Praise or criticism found in the sentence's statements (see the module docstring), as
    events with their source and target set; ``fields`` gives a CAMEO code's fields."""
    frames: list[tuple[Mention, int, int, CodedEvent | None]] = []
    colon = next((k for k in range(1, min(MAX_SPEAKER + 1, len(low))) if low[k] == ":"), None)
    if colon is not None:
        before = [m for m in s.mentions if m.end <= colon and m.code]
        if len(before) == 1:
            frames.append((before[0], colon, colon + 1, None))
    for e in events:
        if (
            e.cameo.startswith("01")
            and e.cameo[:3] not in CEREMONIES
            and e.source
            and e.source.code
            and low[e.verb_end : e.verb_end + 3] != ["on", "behalf", "of"]
        ):  # "I speak on behalf of a State that is the victim of …": whom, not what, is said
            frames.append((e.source, e.verb_start, e.verb_end, e))
    for m in s.mentions:
        # "We are deeply saddened by …", "Kazakhstan is concerned about …"
        k = m.end
        if not m.code or k >= len(low) or low[k] not in ("is", "are", "was", "were", "am"):
            continue
        k += 1
        while k < len(low) and low[k].endswith("ly"):
            k += 1
        if k < len(low) and low[k] in FEELINGS:
            frames.append((m, k, k + 1, None))
    verbs = {e.verb_start for e in events}
    out: list[CodedEvent] = []
    for speaker, at, start, comment in frames:
        end = _content_end(low, start, events)
        if any(start <= e.verb_start < end and e.source and e.target and e.plover for e in events):
            continue
        thanks = low[at] in THANKS
        score = polarity(low, start, end) + (low[at] in GLAD or thanks)
        if not score:
            continue
        target = _thanked(s, low, start, end) if thanks else None
        target = target or subject_of(s, low, start, end, verbs)
        if target is None or target.code == speaker.code:
            continue
        code = PRAISE if score > 0 else CRITICISM
        base = comment or CodedEvent(
            verb=s.tokens[at], verb_start=at, verb_end=at + 1, cameo=code, plover=None,
            quad_class=None, goldstein=0.0,
        )  # fmt: skip
        out.append(
            CodedEvent(
                verb=base.verb,
                verb_start=base.verb_start,
                verb_end=base.verb_end,
                **fields(code),
                pattern=f"appraisal ({'+' if score > 0 else '-'}{abs(score)})",
                source=speaker,
                target=target,
                modality=base.modality,
                event_time=base.event_time,
            )
        )
    return out
