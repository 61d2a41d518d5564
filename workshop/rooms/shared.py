"""Answers participants shared with the room, as the dashboard and the projector list them.

The server's aggregator publishes shared answers in ``aggregates.json`` by prompt, sorted and
without their authors (see :mod:`workshop.rooms.aggregates`). Each answer is named by
:func:`answer_key`, a short digest of its prompt and its words: the facilitator shows or hides
an answer on the projector by that key (``shown`` in the control file), so the key says nothing
about who wrote it, and two people who wrote the same words share one entry.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from workshop.scenario.model import Workshop


def answer_key(ask_id: str, text: str) -> str:
    """A stable, anonymous name for one shared answer (12 hex digits)."""
    digest = hashlib.sha256(f"{ask_id}\0{text}".encode()).hexdigest()
    return digest[:12]


@dataclass(frozen=True)
class SharedAnswer:
    """One answer shared with the room (no author)."""

    key: str
    """Its :func:`answer_key`."""
    scenario_id: str
    ask_id: str
    question: str
    text: str


def shared_answers(aggregates: dict[str, Any] | None, workshop: Workshop,
                   scenario_id: str | None = None) -> list[SharedAnswer]:
    """The shared answers the aggregates carry, in content order of their prompts.

    Args:
        aggregates: The published aggregates (None: nothing yet).
        workshop: The room's content, for each prompt's question.
        scenario_id: Only the answers to this scenario's prompts (None: all).
    """
    published = (aggregates or {}).get("shared")
    if not isinstance(published, dict):
        return []
    found: list[SharedAnswer] = []
    for ask_id, texts in published.items():
        if not isinstance(ask_id, str) or not isinstance(texts, list):
            continue
        try:
            scenario, _scene, ask = workshop.ask(ask_id)
        except KeyError:
            continue  # a prompt the content no longer has: nothing to title it with
        if ask.kind != "text" or (scenario_id is not None and scenario.id != scenario_id):
            continue
        found += [SharedAnswer(answer_key(ask_id, text), scenario.id, ask_id, ask.question,
                               text) for text in texts if isinstance(text, str) and text]
    order = {sid: index for index, sid in enumerate(workshop.scenarios)}
    return sorted(found, key=lambda a: (order.get(a.scenario_id, len(order)), a.ask_id, a.text))
