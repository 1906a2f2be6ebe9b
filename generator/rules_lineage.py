"""Data rules about the lineage of documents: what a plan says it implements.

Each rule is one function that yields problems for one located plan, so the rule
registry (issue 7) can list it under its code.
"""

from __future__ import annotations

from typing import Iterator, Mapping

from . import model, normalise
from .problems import Problem, did_you_mean
from .read import YamlFile, key_string


def check_implements(plan: model.Plan, file: YamlFile, documents: Mapping[str, model.Document]) -> Iterator[Problem]:
    """H530: each ``implements`` entry names a document in documents.yaml;
    H531: and quotes the plan's own words that cite it (from its notice, preamble or any task)."""
    text = normalise.compact("".join((t.heading or "") + (t.text or "") for _, t in plan.walk()))
    for i, implemented in enumerate(plan.implements):
        path = ("implements", i)
        if implemented.document not in documents:
            yield Problem(file.where(path + ("document",)), key_string(path + ("document",)),
                          "H530 the implemented document is not in documents.yaml",
                          did_you_mean(implemented.document, documents) or "add it to data/documents.yaml",
                          implemented.document)
        if normalise.compact(implemented.written) not in text:
            yield Problem(file.where(path + ("written",)), key_string(path + ("written",)),
                          "H531 the words citing the implemented document are not in the plan's text",
                          "copy them exactly from the notice or preamble that says what the plan carries out",
                          implemented.written)
