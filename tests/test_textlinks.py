"""Department names and cited documents inside task text link to their pages, and nothing else changes."""

from __future__ import annotations

import re

from generator import render, routes, textlinks


def link_for(kind, ident):
    return f"{kind}:{ident}"


def test_names_and_citations_in_text_become_links(handbook):
    plan = handbook.plans["sichuan-task-division"]
    notice = handbook.tasks["sichuan-task-division", "notice"]
    text = notice.text.split("\n")[1]
    out = textlinks.linked(handbook, plan, notice, text, render.escape, link_for)
    assert 'href="document:zhongfa-2017-24"' in out and 'href="document:chuanweifa-2018-6"' in out
    out = textlinks.linked(handbook, plan, notice, notice.text.split("\n")[0], render.escape, link_for)
    assert 'href="group' not in out  # the id is a group's, its page a group page
    assert re.search(r'<a href="body:sichuan-[a-z-]+">各市州人民政府</a>', out)
    assert ">省质量强省工作领导小组</a>" not in out  # …领导小组成员单位 names the members, not the group


def test_a_paragraph_without_names_is_escaped_exactly_as_before(handbook):
    plan = handbook.plans["gansu-quality-revitalization"]
    task = handbook.tasks["gansu-quality-revitalization", "t1-5"]
    text = "规模以上企业完成2项以上<script>x</script>高新技术产品开发。"
    assert textlinks.linked(handbook, plan, task, text, render.escape, link_for) == render.escape(text)


def test_text_around_a_link_stays_escaped(handbook):
    plan = handbook.plans["gansu-quality-revitalization"]
    task = handbook.tasks["gansu-quality-revitalization", "t3-2"]
    out = textlinks.linked(handbook, plan, task, "<b>省质监局</b>[x](javascript:1)", render.escape, link_for)
    assert "<b>" not in out and "](javascript" not in out and 'href="javascript' not in out
    assert '<a href="body:gansu-shengzhijianju">省质监局</a>' in out


def test_every_linked_name_on_plan_pages_is_a_body_of_that_plans_jurisdiction(handbook):
    pages = routes.pages(handbook)
    linked = 0
    for plan_id, plan in handbook.plans.items():
        for folder, body_id in re.findall(r'href="\.\./\.\./(departments|groups)/([a-z0-9-]+)/"', pages[f"plans/{plan_id}.md"]):
            assert handbook.body(body_id).jurisdiction == plan.jurisdiction, (plan_id, body_id)
            linked += 1
    assert linked > 100
