"""Import a plan from its published text: a draft plan YAML, new departments, and a report.

Stages, one module each: text (decode, clean, drop clutter and contact details),
meta (header tables, cover letters, signatures and dates), structure (numbering
levels -> the task tree), clauses (assignment clauses and task-division tables),
resolve (names -> the jurisdiction's registry), targets (indicators), cites
(cited documents), draft (puts it together and writes the report).
"""
