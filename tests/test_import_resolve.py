"""Resolving names against the registries: known, suggested (never created), new; groups; categories."""

from __future__ import annotations

from collections import Counter

import pytest

from generator.importer.resolve import Match, guess_category, is_group, proposed_id, resolve
from generator.model import Department, Group

REGISTRY = [
    Department("sichuan-shengzhijianju", "省质监局", "sichuan", "market-regulation"),
    Department("sichuan-shengfazhangaigewei", "省发展改革委", "sichuan", "development-reform"),
    Department("sichuan-jiaotongyunshuting", "交通运输厅", "sichuan", "transport", aliases=("交通厅",)),
    Department("sichuan-caizhengting", "财政厅", "sichuan", "finance"),
    Group("sichuan-geshizhourenminzhengfu", "各市州人民政府", "sichuan", aliases=("各市〔州〕人民政府",)),
    Department("anhui-shengzhijianju", "省质监局", "anhui", "market-regulation"),
    Department("jincheng-shigongxinjuguoziwei", "市工信局(国资委)", "jincheng", "industry-it",
               aliases=("市工信局", "市国资委")),
]


def bodies(handbook):
    return [*handbook.departments.values(), *handbook.groups.values()]


# Known.

@pytest.mark.parametrize("name, jurisdiction, body_id, kind", [
    ("省质监局", "sichuan", "sichuan-shengzhijianju", "department"),
    ("省质监局", "anhui", "anhui-shengzhijianju", "department"),
    ("交通厅", "sichuan", "sichuan-jiaotongyunshuting", "department"),
    ("各市(州)人民政府", "sichuan", "sichuan-geshizhourenminzhengfu", "group"),
    ("各市（州）人民政府", "sichuan", "sichuan-geshizhourenminzhengfu", "group"),
    ("市工信局（国资委）", "jincheng", "jincheng-shigongxinjuguoziwei", "department"),
    ("省 质监局", "sichuan", "sichuan-shengzhijianju", "department"),
])
def test_a_name_or_alias_is_known(name, jurisdiction, body_id, kind):
    assert resolve(name, jurisdiction, REGISTRY) == Match(name, "known", body_id, None, kind)


def test_only_bodies_of_the_jurisdiction_count():
    match = resolve("财政厅", "anhui", REGISTRY)
    assert (match.status, match.body_id) == ("new", "anhui-caizhengting")


# Suggested.

@pytest.mark.parametrize("name, jurisdiction, suggestion, body_id", [
    ("省质检局", "sichuan", "省质监局", "sichuan-shengzhijianju"),
    ("省发改委", "sichuan", "省发展改革委", "sichuan-shengfazhangaigewei"),
    ("四川省质监局", "sichuan", "省质监局", "sichuan-shengzhijianju"),
    ("财政局", "sichuan", "财政厅", "sichuan-caizhengting"),
    ("各市州政府", "sichuan", "各市州人民政府", "sichuan-geshizhourenminzhengfu"),
])
def test_a_near_miss_is_suggested_and_never_created(name, jurisdiction, suggestion, body_id):
    match = resolve(name, jurisdiction, REGISTRY)
    assert (match.status, match.suggestion, match.body_id) == ("suggested", suggestion, body_id)


@pytest.mark.parametrize("name", ["民政厅", "各市州党委", "省工商局"])
def test_a_near_miss_of_another_kind_or_category_is_new(name):
    # 民政厅 ~ 财政厅 differ in one character but are civil-affairs and finance; 各市州党委 is not
    # 各市州人民政府; 省工商局 differs from 省质监局 by a whole word.
    assert resolve(name, "sichuan", REGISTRY).status == "new"


# New.

def test_a_brand_new_name_gets_the_pinyin_id():
    assert resolve("省气象局", "sichuan", REGISTRY) == Match(
        "省气象局", "new", "sichuan-shengqixiangju", None, "department")
    assert resolve("省直有关部门", "sichuan", REGISTRY).kind == "group"


def test_a_new_id_never_takes_an_existing_one():
    # 省质检局 sounds like 省质监局 (shengzhijianju): with no near miss to suggest, it gets -2.
    registry = [Department("sichuan-shengzhijianju", "省质量技术监督局", "sichuan", "market-regulation")]
    match = resolve("省质检局", "sichuan", registry)
    assert (match.status, match.body_id) == ("new", "sichuan-shengzhijianju-2")


def test_a_mapping_of_bodies_is_accepted_and_bad_input_is_explained():
    assert resolve("交通厅", "sichuan", {body.id: body for body in REGISTRY}).status == "known"
    with pytest.raises(TypeError, match=r"resolve\(\) expects the name as a str"):
        resolve(None, "sichuan", REGISTRY)
    with pytest.raises(TypeError, match="iterable of departments and groups"):
        resolve("交通厅", "sichuan", 3)


# Groups and categories.

@pytest.mark.parametrize("name", ["各市州人民政府", "各市(州)人民政府", "各级党委", "省级有关部门", "省直有关部门",
                                  "各有关部门", "省质量发展委员会成员单位", "省质量强省工作领导小组相关成员单位",
                                  "有关市州人民政府", "各县(市、区)政府", "相关县（市、区）政府"])
def test_collective_names_are_groups(name):
    assert is_group(name)


@pytest.mark.parametrize("name", ["省质监局", "省质量强省工作领导小组", "晋城市人民政府", "市工信局(国资委)",
                                  "省推进质量振兴工作领导小组办公室", "团省委"])
def test_single_bodies_are_not_groups(name):
    assert not is_group(name)


@pytest.mark.parametrize("name, category", [
    ("省质监局", "market-regulation"), ("市市场监管局", "market-regulation"), ("省工商局", "market-regulation"),
    ("省发改委", "development-reform"), ("省发展改革委", "development-reform"),
    ("省经济和信息化委", "industry-it"), ("省工信委", "industry-it"), ("省经信委", "industry-it"),
    ("省工商联", "enterprise-promotion"), ("省政府金融办", "financial-regulation"),
    ("省委督查室", "party"), ("省政府督查室", "government-office"), ("晋城市人民政府", "local-government"),
    ("省国防科工办", "defence-industry"), ("各市州人民政府", None), ("中国宋庆龄基金会", None),
])
def test_guess_category(name, category):
    assert guess_category(name) == category


# The curated registries as oracle.

def test_every_curated_name_is_known_as_its_curated_body(handbook):
    everything, wrong, checked = bodies(handbook), [], 0
    for plan in handbook.plans.values():
        for _, task in plan.walk():
            for _, name in task.assignment.by_role() if task.assignment else ():
                curated = [body for body in everything if body.jurisdiction == plan.jurisdiction and name in body.names]
                match = resolve(name, plan.jurisdiction, everything)
                checked += 1
                if (match.status, match.body_id, match.kind) != ("known", curated[0].id, curated[0].kind):
                    wrong.append((plan.id, name, match))
    assert wrong == []
    assert checked == 719


def test_the_proposed_id_is_the_curated_id_for_every_body(handbook):
    assert [body.id for body in bodies(handbook) if proposed_id(body.name, body.jurisdiction) != body.id] == []


def test_a_curated_body_left_out_of_its_registry_comes_back_new_or_suggested_as_its_sibling(handbook):
    """Resolving each department against the registry without it: it must come back new with its own
    id, except the siblings that differ in one character (保监局/银监局, 国税局/地税局), which are
    suggested for the editor to decide."""
    everything, suggested = bodies(handbook), []
    for body in handbook.departments.values():
        match = resolve(body.name, body.jurisdiction, [other for other in everything if other.id != body.id])
        if match.status == "new":
            assert match.body_id == body.id
        else:
            suggested.append((body.name, match.suggestion))
    assert sorted(suggested) == [("安徽保监局", "安徽银监局"), ("安徽银监局", "安徽保监局"),
                                 ("甘肃保监局", "甘肃银监局"), ("甘肃银监局", "甘肃保监局"),
                                 ("省国税局", "省地税局"), ("省地税局", "省国税局")]


def test_is_group_agrees_with_the_curated_registries(handbook):
    wrong = [(body.id, name) for body in bodies(handbook) for name in body.names
             if is_group(name) != (body.kind == "group")]
    assert wrong == []


def test_guess_category_agrees_with_the_curated_registries(handbook):
    outcome = Counter()
    for body in handbook.departments.values():
        for name in body.names:
            guess = guess_category(name)
            outcome["agree" if guess == body.category else "none" if guess is None else "differ"] += 1
    # The one difference: 市国资委, an alias of 市工信局(国资委), reads as state-assets on its own.
    assert outcome == Counter(agree=157, differ=1)
