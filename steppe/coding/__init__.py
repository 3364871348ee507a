"""Layer 4: text -> events. Stages expose ``process(batch) -> batch``; :class:`Coder` runs them
and :func:`code_documents` codes the store's new documents incrementally;
:func:`eval_coder` scores the coder on PETRARCH2 validation records or the PLOVER gold
standard."""

from steppe.coding.coder import Coder, CodingSummary, code_documents, coding_summary, event_id
from steppe.coding.dictionaries import (
    ActorDictionary,
    AgentDictionary,
    Dictionaries,
    DictionaryNotFoundError,
    Discards,
    VerbDictionary,
    find_dictionaries,
    load_dictionaries,
)
from steppe.coding.evaluate import CoderEvaluation, EvaluationInputError, eval_coder
from steppe.coding.stages import (
    ActorRecognizer,
    Batch,
    CodedEvent,
    CoderOptions,
    Discarder,
    Document,
    EventClassifier,
    EventTime,
    Mention,
    Modality,
    RoleAssigner,
    Scorer,
    Segmenter,
    Sentence,
    confidence,
    split_sentences,
    tokenize,
)

__all__ = [
    "ActorDictionary",
    "ActorRecognizer",
    "AgentDictionary",
    "Batch",
    "CodedEvent",
    "Coder",
    "CoderEvaluation",
    "CoderOptions",
    "CodingSummary",
    "Dictionaries",
    "DictionaryNotFoundError",
    "Discarder",
    "Discards",
    "Document",
    "EvaluationInputError",
    "EventClassifier",
    "EventTime",
    "Mention",
    "Modality",
    "RoleAssigner",
    "Scorer",
    "Segmenter",
    "Sentence",
    "VerbDictionary",
    "code_documents",
    "coding_summary",
    "confidence",
    "eval_coder",
    "event_id",
    "find_dictionaries",
    "load_dictionaries",
    "split_sentences",
    "tokenize",
]
