"""A Markdown extension: `<div data-sortable markdown>` + a table becomes `<table data-sortable>`.

Python-Markdown's tables take no attributes, so a template marks a sortable table by
wrapping it; this moves the mark onto the table itself, where the sorting script (and
a reader without it) finds a plain table. Listed under markdown_extensions in mkdocs.yml.
"""

from __future__ import annotations

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


class SortableTables(Treeprocessor):
    """Replace each marked wrapper that holds exactly one table by that table, marked."""

    def run(self, root):
        marked = [(parent, child) for parent in root.iter() for child in parent
                  if child.tag == "div" and "data-sortable" in child.attrib and len(child) == 1
                  and child[0].tag == "table"]
        for parent, wrapper in marked:
            table = wrapper[0]
            table.set("data-sortable", "")
            table.tail = wrapper.tail
            parent.insert(list(parent).index(wrapper), table)
            parent.remove(wrapper)


class SortableExtension(Extension):
    """Registers SortableTables after md_in_html has parsed the wrapper's Markdown."""

    def extendMarkdown(self, md):
        md.treeprocessors.register(SortableTables(md), "handbook_sortable", 25)


def makeExtension(**kwargs):
    """The entry point Python-Markdown calls for `- generator.sortable`."""
    return SortableExtension(**kwargs)
