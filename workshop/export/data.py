"""The JSON and TOML exports: the raw record plus the computed profile and reflection."""

from __future__ import annotations

import json
import tomllib
from typing import Any

import tomli_w

from workshop.export.document import Document, private_record
from workshop.record.schema import compact_toml

EXPORT_FORMAT = 1
"""The version of the JSON/TOML export layout (the record inside has its own)."""


def payload(doc: Document) -> dict[str, Any]:
    """What the JSON and TOML exports hold."""
    record = doc.record.to_data()
    if doc.shareable:
        record = private_record(record)
    reflection = doc.reflection.to_data()
    return {
        "export_format": EXPORT_FORMAT,
        "shareable": doc.shareable,
        "profile": reflection.pop("profile"),
        "reflection": reflection,
        "record": record,
    }


def render_json(doc: Document) -> str:
    """Pretty JSON, keys in a stable order."""
    return json.dumps(payload(doc), indent=2, ensure_ascii=False) + "\n"


def render_toml(doc: Document) -> str:
    """TOML, readable with the same loader as records."""
    data = payload(doc)
    text = tomli_w.dumps(data, multiline_strings=True)
    if tomllib.loads(text) != data:  # a carriage return in a text: use escapes instead
        text = tomli_w.dumps(data)
    compact = compact_toml(text)
    return compact if tomllib.loads(compact) == tomllib.loads(text) else text
