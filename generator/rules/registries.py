"""H2xx: ids, jurisdictions, registries, categories, names, documents: the things plans refer to."""

from __future__ import annotations

from .. import model, normalise, routes
from ..problems import WARNING, did_you_mean
from ..schema import ALL_DEPARTMENTS
from . import Finding, Node, rule

_ID_KIND = {"jurisdiction": "jurisdiction", "category": "category", "department": "body", "group": "body",
            "document": "document", "metric": "metric", "plan": "plan", "theme": "theme"}


def _kind(item) -> str:
    """department or group for a body, else the model's own name (plan, metric …)."""
    return item.kind if isinstance(item, (model.Department, model.Group)) else type(item).__name__.lower()


@rule("H201", "duplicate-id", ("jurisdiction", "category", "body", "document", "metric", "plan", "theme"),
      "an id is defined once (departments and groups share one set of ids)",
      "rename one of the two; the message says where the other is")
def duplicate_id(node: Node, ctx):
    item = node.item
    first = ctx.first_definition[(_ID_KIND[_kind(item)], item.id)]
    if not first.same(node):
        what = {"body": "department or group"}.get(_ID_KIND[_kind(item)], _ID_KIND[_kind(item)])
        yield Finding(f"{what} id '{item.id}' is defined twice",
                      f"rename one; the other definition is at {first.where()}",
                      item.id, at=("id",) if _kind(item) == "plan" else ())


@rule("H202", "unknown-jurisdiction", ("registry", "plan"), "a registry's or plan's jurisdiction is in "
      "jurisdictions.yaml", "use an id from jurisdictions.yaml, or add the jurisdiction there")
def unknown_jurisdiction(node: Node, ctx):
    jurisdiction = node.item if isinstance(node.item, str) else node.item.jurisdiction
    if jurisdiction not in ctx.handbook.jurisdictions:
        yield Finding("unknown jurisdiction", did_you_mean(jurisdiction, ctx.handbook.jurisdictions)
                      or "add it to jurisdictions.yaml", jurisdiction, at=() if isinstance(node.item, str)
                      else ("jurisdiction",))


@rule("H203", "second-registry", "registry", "each jurisdiction has one registry file",
      "merge the two registries into one")
def second_registry(node: Node, ctx):
    first = ctx.registries_by_jurisdiction[node.item]
    if first != node.name:
        yield Finding("a second registry for this jurisdiction", f"merge it into {first}", node.item)


@rule("H204", "registry-file-name", "registry", "a registry file is named after its jurisdiction id",
      "rename the file to <jurisdiction>.yaml")
def registry_file_name(node: Node, ctx):
    expected = f"{node.item}.yaml"
    if not node.name.endswith("/" + expected):
        yield Finding("the file name must be the jurisdiction id", f"rename the file to {expected}", node.item)


@rule("H205", "unknown-category", "body", "a department's category is in categories.yaml",
      "use one of the allowed category ids")
def unknown_category(node: Node, ctx):
    body = node.item
    categories = ctx.handbook.categories
    if body.kind == "department" and body.category not in categories:
        yield Finding("unknown category", (did_you_mean(body.category, categories) + " allowed: ").lstrip()
                      + ", ".join(categories), body.category, at=("category",))


@rule("H206", "name-taken", "body", "a name or alias points to one body of its jurisdiction",
      "remove the name or alias from one of the two bodies")
def name_taken(node: Node, ctx):
    body = node.item
    names = ctx.handbook.names.get(body.jurisdiction, {})
    for name in body.names:
        other = names.get(name)
        if other and other != body.id:
            yield Finding(f"the name '{name}' is already used by '{other}' in {body.jurisdiction}",
                          "a name or alias must point to one body: remove it from one of them", name)


@rule("H207", "unused-body", "body", "every department and group is named by some task, issues some plan or "
      "succeeded such a department",
      "remove it, or add it to a task's assignment", severity=WARNING)
def unused_body(node: Node, ctx):
    body = node.item
    if body.id not in ctx.used_bodies and ctx.handbook.body_or_none(body.id) is body:
        yield Finding(f"no task names the {body.kind} '{body.name}' and no plan has it as issuer",
                      "remove it, or add it to a task's assignment", body.id, at=("id",))


@rule("H208", "reserved-id", ("body", "document", "plan", "metric", "category", "theme"), "an id does not give the path of a fixed "
      "page (departments/index.md, documents/index.md …): it would replace that page",
      "choose another id")
def reserved_id(node: Node, ctx):
    item = node.item
    for fixed in routes.collisions(_kind(item), item.id):
        yield Finding(f"the id '{item.id}' would put this {_kind(item)}'s page on {fixed}, which is a fixed page "
                      "of the site", f"choose another id (not {item.id!r})", item.id, at=("id",))


@rule("H211", "unknown-successor", "body", "a successor is a department of the same jurisdiction (not itself)",
      "use the id of a department in the same registry")
def unknown_successor(node: Node, ctx):
    body = node.item
    successor = getattr(body, "successor", None)
    found = successor and ctx.handbook.departments.get(successor.department)
    if successor and (found is None or found.jurisdiction != body.jurisdiction or found.id == body.id):
        fix = ("a department does not succeed itself: name the one that took its work over" if found is body else
               did_you_mean(successor.department, ctx.handbook.departments) or "add the successor to this registry")
        yield Finding("the successor is not another department of this jurisdiction", fix, successor.department,
                      at=("successor", "department"))


@rule("H212", "unknown-basis", "body", "the document a succession rests on is in documents.yaml",
      "add the public document that made the change to data/documents.yaml")
def unknown_basis(node: Node, ctx):
    successor = getattr(node.item, "successor", None)
    if successor and successor.basis not in ctx.handbook.documents:
        yield Finding("the basis of the succession is not in documents.yaml",
                      did_you_mean(successor.basis, ctx.handbook.documents) or "add it to data/documents.yaml",
                      successor.basis, at=("successor", "basis"))


@rule("H213", "unknown-member", "body", "a member a group lists is a department's name or alias in its registry",
      "correct the name, or write members: all-departments")
def unknown_member(node: Node, ctx):
    group = node.item
    members = getattr(group, "members", None)
    if not isinstance(members, tuple):
        return  # none stated, or every department of the registry
    names = ctx.handbook.names.get(group.jurisdiction, {})
    departments = {n: b for n, b in names.items() if b in ctx.handbook.departments}
    for i, name in enumerate(members):
        if name not in departments:
            yield Finding(f"no department of {group.jurisdiction} is called '{name}'",
                          did_you_mean(name, departments) or "a member must be a department's name or alias in "
                          f"this registry, or write members: {ALL_DEPARTMENTS}", name, at=("members", i))


@rule("H209", "document-number-form", ("document", "plan"), "a document number (文号) is written in normal form: "
      "〔year〕 brackets, ASCII digits, no spaces", "write it as the message shows")
def document_number_form(node: Node, ctx):
    number = node.item.doc_number
    if number and normalise.doc_number(number) != number:
        yield Finding("document number is not in normal form", f"write it as '{normalise.doc_number(number)}'",
                      number, at=("doc_number",))


@rule("H210", "document-unnamed", "document", "a cited document has a doc_number or a title",
      "add doc_number: or title:")
def document_unnamed(node: Node, ctx):
    if not node.item.doc_number and not node.item.title:
        yield Finding("a document needs a doc_number or a title", "add doc_number: or title:")
