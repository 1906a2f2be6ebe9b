"""H1xx: every file has the shape its schema (generator/schema.py) says: keys, types, allowed values.

The walk itself is in validate.py; each rule here judges one mapping or one value. Unknown keys are
errors because we own the data.
"""

from __future__ import annotations

from .. import schema
from ..problems import did_you_mean
from . import Finding, Node, rule


def _empty(value) -> bool:
    return value is None or value == [] or value == ""


@rule("H101", "not-a-mapping", "top", "a file holds a mapping of keys at its top level",
      "start the file with the keys its schema names")
def not_a_mapping(node: Node):
    data, fields = node.item
    if not isinstance(data, dict):
        yield Finding("the file must hold a mapping of keys at its top level",
                      "start the file with the keys " + ", ".join(fields), type(data).__name__)


@rule("H102", "unknown-key", "mapping", "every key is one the schema knows (a typo is caught)",
      "use the key suggested, or one of the allowed keys")
def unknown_key(node: Node):
    data, fields = node.item
    for key in data:
        if key not in fields:
            yield Finding(f"unknown key '{key}'", did_you_mean(key, fields) or "allowed keys: " + ", ".join(fields),
                          at=(key,))


@rule("H103", "missing-key", "mapping", "every required key is there and not empty", "add the key named")
def missing_key(node: Node):
    data, fields = node.item
    for key, field in fields.items():
        if field.required and _empty(data.get(key)):
            yield Finding(f"missing required key '{key}'", f"add '{key}:' ({field.doc})", at=(key,) if key in data else ())


@rule("H104", "wrong-type", "value", "a value has the type its key expects (text, number, date, list …)",
      "write the value as the type named")
def wrong_type(node: Node):
    value, field = node.item
    if not schema.type_ok(value, field.kind):
        label = schema.KIND_LABEL[field.kind]
        yield Finding(f"expected {label}", f"write {field.doc} as {label}", value)


@rule("H105", "not-allowed", "value", "a value with a closed list of choices is one of them",
      "use one of the allowed values", fields=lambda field: bool(field.choices))
def not_allowed(node: Node):
    value, field = node.item
    if field.choices and schema.type_ok(value, field.kind) and value not in field.choices:
        yield Finding("not an allowed value", (did_you_mean(value, field.choices) + " allowed: ").lstrip()
                      + ", ".join(field.choices), value)


@rule("H106", "unsafe-id", "value", "an id is lower-case ASCII letters, digits and single hyphens (it becomes a "
      "file name and an anchor)", "rename the id, e.g. 'sichuan-shengzhijianju'",
      fields=lambda field: field.pattern is schema.ID_PATTERN)
def unsafe_id(node: Node):
    value, field = node.item
    if field.pattern is schema.ID_PATTERN and isinstance(value, str) and not field.pattern.match(value):
        yield Finding("not a safe id (it becomes a file name and an anchor)",
                      "use lower-case ASCII letters, digits and single hyphens, e.g. 'sichuan-shengzhijianju'", value)


@rule("H107", "bad-line-range", "value", "source.excluded lines are a line number or a range like 203-228",
      "write e.g. 12 or 203-228", fields=lambda field: field.pattern is schema.LINES_PATTERN)
def bad_line_range(node: Node):
    value, field = node.item
    if field.pattern is schema.LINES_PATTERN and isinstance(value, str) and not field.pattern.match(value):
        yield Finding("not a line number or range", "write e.g. 12 or 203-228", value)


@rule("H111", "bad-form", "value", "a value with a fixed form (yearly: MM-DD …) has that form",
      "write the value in the form the key's description gives",
      fields=lambda field: field.pattern not in (None, schema.ID_PATTERN, schema.LINES_PATTERN))
def bad_form(node: Node):
    value, field = node.item
    if field.pattern not in (None, schema.ID_PATTERN, schema.LINES_PATTERN) and isinstance(value, str) \
            and not field.pattern.match(value):
        yield Finding("not in the form this key takes", f"write {field.doc}", value)


@rule("H108", "empty-item", "list", "a list has no empty items (a bare '-' line)", "remove the bare '-' line")
def empty_item(node: Node):
    for index, item in enumerate(node.item):
        if item is None:
            yield Finding("empty list item", "remove the bare '-' line", at=(index,))


DERIVABLE = [k for k in schema.PLAN if k not in ("id", "tasks", "source", "derived", "implements")] + [
    "dates.written", "dates.published", "dates.effective", "period.start", "period.end"]


@rule("H109", "not-derivable", "derived", "each key under derived: names a plan field",
      "use one of the plan's field names")
def not_derivable(node: Node):
    for key in node.item:
        if key not in DERIVABLE:
            yield Finding(f"'{key}' is not a plan field that can be derived",
                          (did_you_mean(key, DERIVABLE) + " allowed: ").lstrip() + ", ".join(DERIVABLE), at=(key,))


@rule("H110", "derivation-missing", "derived", "each derived value says how it was derived",
      "write '<field>: <how it was derived from the text>'")
def derivation_missing(node: Node):
    for key, how in node.item.items():
        if key in DERIVABLE and (not isinstance(how, str) or not how.strip()):
            yield Finding("say how the value was derived", f"write '{key}: <how it was derived from the text>'",
                          how, at=(key,))
