"""H6xx: documents cited by a task."""

from __future__ import annotations

from .. import normalise
from ..problems import did_you_mean
from . import Finding, Node, rule


def in_task_text(task, words: str) -> bool:
    """Whether ``words`` stand in the task's heading or text, white space aside."""
    return normalise.compact(words) in normalise.compact((task.heading or "") + (task.text or ""))


@rule("H601", "unknown-document", "citation", "a citation's document is in documents.yaml",
      "use the id suggested, or add the document to data/documents.yaml")
def unknown_document(node: Node, ctx):
    citation = node.item.item
    documents = ctx.handbook.documents
    if citation.document not in documents:
        yield Finding("cited document not in documents.yaml",
                      did_you_mean(citation.document, documents) or "add it to data/documents.yaml",
                      citation.document, at=("document",))


@rule("H602", "citation-not-in-text", "citation", "a citation's written words stand word for word in the task's "
      "heading or text", "copy the words exactly from the task's text")
def citation_not_in_text(node: Node, ctx):
    citation = node.item.item
    if not in_task_text(node.item.task, citation.written):
        yield Finding("the citation is not found word for word in the task's text",
                      "copy the words exactly from the task's text", citation.written, at=("written",))
