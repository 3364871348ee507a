"""Text hygiene for scraped news before sentence splitting.

Scraped pages glue their parts together: a headline runs into the body without a full stop
("... not party stanceSergey Mironov, the chairman ..."), sentences lose the space after their
full stop ("... on an official visit.Our head of state ..."), embedded posts leave hashtags,
handles and links ("#MigrationPolicy … pic.twitter.com/…— Daryo (@DaryoEng) December 21,
2023"), and share boxes, photo captions, source credits, bylines and datelines sit among the
sentences ("Follow Daryo's official Instagram and Twitter pages …", "Photo: …", "Source:
URA.RU", "By Temur Umarov", "DUSHANBE (TCA) —"). :func:`clean_text` repairs and removes these
so that :func:`~steppe.coding.stages.split_sentences` sees sentences; :func:`is_boilerplate`
tells a sentence that reports nothing (a share prompt, a caption, a credit).
"""

from __future__ import annotations

import html
import re

_URL = re.compile(r"(?:\bhttps?://|\bwww\.|\bpic\.twitter\.com/)[^\s—–]+")
_TAG = re.compile(r"(?<![\w&/])[#@][A-Za-z_]\w*")
_EMBED_SIGNATURE = re.compile(r"[—–]\s*[^.!?\n]{0,80}?\(\s*\)\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})?")
"""What is left of an embedded post's signature once its handle is gone: "— Daryo | Central
Asia (@DaryoEng) December 21, 2023"."""
_GLUED_STOP = re.compile(
    r"(?<=[a-z]{2}[.!?])(?=[\"“‘']?[A-Z][a-z])|(?<=[a-z][.!?][\"”’'])(?=[A-Z])"
)
"""A sentence end with no space before the next sentence: a word of two or more lower-case
letters, its full stop, then a capital and a lower-case letter ("visit.Our"; not "U.S.", not
"Caravan.kz", not "3.5")."""
_GLUED_HEADLINE = re.compile(r"(?<=[a-z]{4})(?=[A-Z][a-z])")
"""A headline or caption run into the next sentence: a capital right after four lower-case
letters inside a word ("stanceSergey", "concernIn", "PoliticsdiplomacyBilateral"). Names with
an inner capital after fewer letters stay whole ("McDonald", "YouTube", "LaGuardia")."""
CAMEL_WORDS = frozenset({
    "WhatsApp", "LinkedIn", "PetroChina", "ExxonMobil", "KazMunayGas", "TotalEnergies",
    "BlackRock", "SoftBank", "KazTransGas", "KazTransOil", "QazaqGaz", "SinoPec",
})  # fmt: skip
"""Names written with an inner capital after four lower-case letters, kept whole."""
_CAMEL_TOKEN = re.compile(r"\b[\w'’-]*[a-z]{4}[A-Z][a-z][\w'’-]*")
_DATELINE = re.compile(
    r"^[A-Z][A-Z'’.-]{2,}(?:[ ,]+[A-Z][A-Za-z'’.-]+){0,3}\s*(?:\([^)]{1,40}\))?\s*[—–-]{1,2}\s+"
)
"""A dateline opening a story: "DUSHANBE (TCA) —", "ALMATY, Kazakhstan —"."""
_BYLINE = re.compile(r"^(?:By|BY|Author:|Written by)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}$")
_LABEL = re.compile(
    r"^(?:Photo|Photos|Image|Source|Sources|Credit|Credits|Caption|Read also|Read more|"
    r"See also|Related|Tags|Share|Advertisement)\s*[:|]",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"^(?:follow|subscribe|share|join|like|click|download|sign up|read (?:more|also|the full))\b"
    r".{0,160}\b(?:instagram|twitter|telegram|facebook|whatsapp|youtube|tiktok|vk|channel|"
    r"newsletter|page|pages|app|here|link|x\.com)\b",
    re.IGNORECASE,
)
_HEADLINE_LABEL = re.compile(r"(?m)^(?:Video|Watch|Live|Update|Breaking|Opinion)\s*:\s+")
"""A headline's label, dropped with the headline kept: "Video: What does Almaty look like"."""
_RIGHTS = re.compile(r"(?:©|\ball rights reserved\b|\bcopyright\b)", re.IGNORECASE)
_GLUED_HINT = re.compile(r"[.!?][\"“‘'”’]?[A-Z]")
_MARKS = ("#", "@", "\n", "—", "–", "http", "www.", "pic.")
_OPENERS = ("By ", "BY ", "Written", "Author", "Video", "Watch", "Live", "Update", "Breaking",
            "Opinion")  # fmt: skip


_PROMPTS = frozenset({
    "follow", "subscribe", "share", "join", "like", "click", "download", "sign", "read",
})  # fmt: skip


def _boiler_hint(s: str) -> bool:
    """A cheap first look: a sentence :func:`is_boilerplate` could drop starts with a label
    ("Photo:") or a prompt word, or has a copyright mark."""
    head = s[:24]
    if ":" in head or "|" in head or "©" in s:
        return True
    if s.split(" ", 1)[0].lower() in _PROMPTS:
        return True
    low = s.lower()
    return "copyright" in low or "rights reserved" in low


_TERMINAL = (".", "!", "?", "…", ":", ";", '"', "”", "’", "'", ")")


def _headline(line: str) -> bool:
    """A line that is a headline or a label, not wrapped running text: no closing
    punctuation, and short or mostly capitalised words."""
    stripped = line.rstrip()
    if not stripped or stripped.endswith(_TERMINAL) or stripped.endswith(","):
        return False
    words = [w for w in stripped.split() if w[:1].isalpha()]
    if len(words) <= 8:
        return True
    long = [w for w in words if len(w) >= 4]
    return bool(long) and sum(w[0].isupper() for w in long) >= 0.6 * len(long)


def _split_headline(m: re.Match[str]) -> str:
    word = m.group(0)
    return word if word in CAMEL_WORDS else _GLUED_HEADLINE.sub(". ", word)


def clean_text(text: str) -> str:
    """``text`` with links, hashtags, handles, embedded-post signatures, datelines and byline
    lines removed, headlines on their own line ended, glued sentences separated, and glued
    headlines split; paragraphs (blank lines) kept.

    >>> clean_text("Lavrov arrived on a visit.Our head of state noted progress.")
    'Lavrov arrived on a visit. Our head of state noted progress.'
    >>> clean_text("Personal opinion, not party stanceSergey Mironov defended the remarks.")
    'Personal opinion, not party stance. Sergey Mironov defended the remarks.'
    >>> clean_text("DUSHANBE (TCA) — Remittances fell. #Migration pic.twitter.com/x1")
    'Remittances fell.'
    >>> clean_text("Talks in Astana\\nKazakhstan and China signed a deal.")
    'Talks in Astana.\\nKazakhstan and China signed a deal.'
    >>> clean_text("By Temur Umarov\\nThe U.S. envoy met officials, Caravan.kz reports.")
    'The U.S. envoy met officials, Caravan.kz reports.'
    >>> clean_text("Migrants use WhatsApp.PoliticsdiplomacyBilateral Relations")
    'Migrants use WhatsApp. Politicsdiplomacy. Bilateral Relations'
    >>> print(clean_text("Tokayev said &quot;no&quot; to Putin &apos; s plan"))
    Tokayev said "no" to Putin's plan
    """
    original = text
    if "&" in text and ";" in text:
        text = html.unescape(text)  # "Ukraine &apos; s", "&quot;…&quot;", "&#39;" in feeds
    if " ' s " in text or " ’ s " in text:
        text = re.sub(r"(?<=\w) ['’] s\b", "'s", text)  # a translation's "Putin ' s"
    if "http" in text or "www." in text or "pic." in text:
        text = _URL.sub(" ", text)
    if "#" in text or "@" in text:
        text = _TAG.sub("", text)
    if ":" in text:
        text = _HEADLINE_LABEL.sub("", text)
    if "…" in text:
        text = re.sub(r"(?<=\s)[…]+(?=\s|$)", " ", text)  # what a removed hashtag run leaves
    if "(" in text and ("—" in text or "–" in text):
        text = _EMBED_SIGNATURE.sub(". ", text)
    if "\n" in text or text.lstrip()[:3].isupper() or text.lstrip().startswith(_OPENERS):
        text = _lines(text)
    if _GLUED_HINT.search(text) is not None:
        text = _GLUED_STOP.sub(" ", text)
    if any(not (w.islower() or w.istitle() or w.isupper()) for w in text.split()):
        text = _CAMEL_TOKEN.sub(_split_headline, text)
    if text == original:
        return text.strip()
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    text = re.sub(r"([.!?…])\s+\.(?!\.)", r"\1", text)
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    return text.strip()


def _lines(text: str) -> str:
    """Bylines out, the story's dateline off, a headline line ended with a full stop."""
    lines = text.split("\n")
    out: list[str] = []
    for k, line in enumerate(lines):
        line = line.strip()
        if _BYLINE.match(line):
            continue
        if not out or not out[-1]:
            line = _DATELINE.sub("", line)
        nxt = lines[k + 1].strip() if k + 1 < len(lines) else ""
        if nxt[:1].isupper() and _headline(line):
            line += "."
        out.append(line)
    return "\n".join(out)


def is_boilerplate(sentence: str) -> bool:
    """A sentence that reports nothing new: a share or follow prompt, a photo caption (it
    repeats the story, and its events would be counted twice) or credit line, a copyright
    notice.

    >>> is_boilerplate("Follow Daryo's official Instagram and Twitter pages for news.")
    True
    >>> is_boilerplate("Photo: The agency issued a warning to migrants.")
    True
    >>> is_boilerplate("Uzbekistan summoned the Russian ambassador.")
    False
    """
    s = sentence.strip()
    if not _boiler_hint(s):
        return False
    return bool(_LABEL.match(s) or _SHARE.match(s) or _RIGHTS.search(s))
