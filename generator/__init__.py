"""The quality-policy handbook generator: data/ YAML -> linked Markdown pages.

Stages, one module each: read -> validate (schema, model) -> link -> render -> write.
``api`` builds the machine-readable copy; ``search`` builds the sharded search index and its client script.
Nothing here imports MkDocs; hooks/ adapts MkDocs events to these calls.
"""

from .load import check, load
from .problems import DataError

__all__ = ["check", "load", "DataError"]
