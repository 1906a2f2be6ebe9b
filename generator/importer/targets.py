"""Quantitative targets (indicators) stated in a task's text, and the plan's target year.

A target is a number with what it measures and how it is compared: 食品安全抽检合格率达到98.5%以上
is "食品安全抽检合格率, at-least 98.5 %". The text is read clause by clause (a clause ends at
，；。：), and inside a clause quantity by quantity, so that "认定江西名牌产品110个、地理标志保护
产品13个" gives two targets. Three ways of stating a target are recognised:

- comparator form: NAME + 达到/稳定在/下降/... + N unit (+ 以上/以下);
- count after the noun: 拥有社会公用计量标准3000个, 培育农业全产业链重点链6条;
- count before the noun: 争创5个以上中国名牌产品, 建设2-3个国家级新能源装备制造聚集区.

Everything else is not a target and is left out on purpose: years and dates (到2020年, 3月16日前),
document numbers (〔2017〕24号), numbers in titles and quotes (《…(2009-2015)》, “1+5”), counts in
names written in Chinese numerals (六大行动, 十大产业链), standards (GB/T 19004, PM2.5), money
granted (给予300万元), rules (每次…不超过4个), past figures (已达到, 同比) and modifiers
(年销售收入超10亿元的企业).

The returned phrase is always the input's own characters: the text is normalised (full-width
digits and punctuation to ASCII) one character for one, so positions found in the normalised copy
cut the original text.
"""

from __future__ import annotations

import re
from collections import Counter

from generator.model import UNITS
from generator.normalise import ascii_width
from generator.numbers import arabic_in_place, states

# Normalisation for matching only: one character for one, so indices stay valid in the original.


def _norm(text: str) -> str:
    """Full-width as ASCII, and Chinese numerals of quantities as digits (百分之九十五 -> '   95%')."""
    return arabic_in_place(ascii_width(text))


# Units. 个百分点 before 个, 千克标准煤 before 千克: the longest unit written wins.

_UNITS_LONGEST = sorted(UNITS, key=len, reverse=True)
_TIME_UNITS = {"年", "天", "小时"}
_RATIO_UNITS = {"%", "个百分点", "倍", "分"}
_MONEY_UNITS = {"亿元", "万元", "元"}

# Comparators, matched on the words just before the number. Qualifiers such as 持续 (持续保持100%),
# 分别 (分别达到90%和85%) and 力争 may stand between the name and the comparator.

_QUALIFIER = r"(?:持续|继续|始终|力争|努力|争取|均|要|全部|基本|分别|年均|累计)*"
_COMPARATORS = [  # (regex on the text just before the number, comparator); first match wins
    (r"(?:不低于|不少于)", "at-least"),                                   # 不低于 N -> at-least
    (r"(?:不高于|不超过|不多于)", "at-most"),                              # 不高于 N -> at-most
    (r"(?:控制在|控制到|控制)", "at-most"),                                # 控制在 N 以内 -> at-most
    (r"(?:降至|降到|(?:下降|降低|减少|压减|压缩|缩短|缩减)(?:到|至))", "at-most"),  # 降至 N 以下 -> at-most
    (r"(?:提高|提升|增加|增长|扩大)(?:到|至)|增至", "reach"),              # 提高到 N -> reach
    (r"(?:超过|高于|多于|突破)", "above"),                                 # 超过/高于 N -> above
    (r"(?:低于|少于)", "below"),                                           # 低于 N -> below
    (r"(?:保持|稳定|维持)(?:在|于)?(?:全国|全省|全市|西部|中部)?前?", "keep-at"),  # 保持/稳定在 N -> keep-at
    (r"(?:位居|进入)(?:全国|全省|全市|西部|中部)?前", "keep-at"),           # 稳定在全国前10位 -> keep-at
    (r"(?:下降|降低|减少|压减|压缩|缩短|缩减)", "reduce-by"),                   # 下降/降低 N -> reduce-by
    (r"(?:提高|提升|增长|增加|新增|扩大)", "increase-by"),                 # 提高/增长 N -> increase-by
    (r"(?:达到|达|实现|为)", "reach"),                                     # 达到 N -> reach
]
_COMPARATOR_AT_END = [(re.compile(f"({_QUALIFIER}(?:{words}))\\s*$"), name) for words, name in _COMPARATORS]

# Verbs that make "N个 + noun" or "noun + N个" a target (培育20个品牌企业, 认定江西名牌产品110个).
# 完善/加快…进程 of existing things are not targets, so the list is deliberate.
_CREATE_VERBS = re.compile(
    r"培育|建设|建成|打造|创建|布局|设置|形成|发布|实施|争创|新建|认定|命名|拥有|完成|新增|增加|"
    r"建立|引进|创成|培养|制定|制修订|推进|加快|开发|评选|扶持|选树|申报|获得|创评|组建|认证|"
    r"引育|招引|评定|争取|开展")
_INCREASE_VERB = re.compile(r"^(?:力争|争取|全省|全市|累计|每年|年均)*(?:新增|增加)")

# Lead-in words that are not part of what is measured.
_LEAD_IN = re.compile(r"^(?:——|—|\s|到\d{4}年底?|(?:具体|主要)?指标包括|力争|争取|努力|确保|全省|全市|全县|全区|全州|全国|其中|并|且|"
                      r"使|同时|继续|进一步|基本|全面|在正常[^,]*下)+")
_LEAD_VERB = re.compile(r"^(?:" + _CREATE_VERBS.pattern + r")+")
# A comparison base inside the name: 比考核基准年2015年, 较“十一五”末, 比上年.
_BASE = re.compile(r"(?:比|较)(?:考核)?(?:基准年)?(?:\d{4}年|“[^”]*”末?|上年|去年|同期|基期)")

# Past figures and rules: not targets.
_PAST = re.compile(r"已|截至|截止|目前|现有|同比|去年|前年|以来")
_RULE = re.compile(r"每(?:次|届|人|家|个|项|批)")
_GRANT = re.compile(r"给予|奖励|补助|补贴|资助|奖补")

_CLAUSE_END = ",;:。!?\n"
_BOUND_BEFORE = re.compile(r"(?:不低于|不少于|不超过|不高于|不多于)\s*$")
_MEASURE_WORD = re.compile(r"[\u4e00-\u9fff]{1,2}(?=[,;:。!?\n]|$)")
_SENTENCE = re.compile(r"[^。;!?\n]*[。;!?\n]?")
_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?:\s*(?:-|~|—|–|至)\s*(\d+(?:\.\d+)?))?")
_YEAR = re.compile(r"(到|至|截至|截止到?)?\s*((?:19|20)\d{2})\s*年")


# Public API


def plan_target_year(text: str) -> int | None:
    """The year the plan's goals are set for: the first 到YYYY年 of the goals section (a heading
    with 目标: 工作目标, 主要目标), else the most frequent 到YYYY年 of the text (first on a tie).
    None when the text states no 到YYYY年, so the draft says it is not stated."""
    normal = _norm(text or "")
    found = [(m.start(), int(m.group(1))) for m in re.finditer(r"[到至]\s*((?:19|20)\d{2})\s*年", normal)]
    if not found:
        return None
    for heading in re.finditer(r"^[^\n]{0,30}目标[^\n]{0,10}$", normal, re.MULTILINE):
        after = [year for start, year in found if heading.end() <= start < heading.end() + 3000]
        if after:
            return after[0]
    counts = Counter(year for _, year in found)
    best = max(counts.values())
    return next(year for _, year in found if counts[year] == best)


def extract_indicators(text: str, target_year: int | None, metrics=()) -> list[dict]:
    """Every quantitative target stated in ``text`` (one task's text), as indicator dicts in the
    YAML schema's key order: name, metric (only when a metrics-registry name matches the measured
    name exactly or by containment), comparator, value, value_max (ranges), unit, year,
    year_inherited (only when true), phrase.

    ``phrase`` is a verbatim substring of ``text`` and states ``value``. ``year`` is the year the
    paragraph states before the target (到2020年, 2025年), else ``target_year`` with
    year_inherited true (no year when both are missing). ``metrics`` are registry objects with
    ``.id`` and ``.name`` (or dicts with those keys)."""
    if text is None:
        text = ""  # a node with a heading only
    if not isinstance(text, str):
        raise TypeError(f"extract_indicators needs the task's text as a string, not {type(text).__name__}")
    if target_year is not None and not isinstance(target_year, int):
        raise TypeError(f"target_year must be a year such as 2020 or None, not {target_year!r}")
    metrics = [_metric_pair(m) for m in metrics or ()]
    normal = _norm(text)
    shielded = _shielded(normal)
    indicators: list[dict] = []
    offset = 0
    for paragraph in normal.split("\n"):
        years = _year_statements(paragraph, offset, shielded)
        for sentence in _SENTENCE.finditer(paragraph):
            if not sentence.group().strip():
                continue
            start = offset + sentence.start()
            found = _sentence_targets(text, normal, start, offset + sentence.end(), shielded)
            for item in found:
                item.update(_year_of(item.pop("_at"), years, offset + sentence.end(), target_year))
            indicators += [_ordered(item, metrics) for item in found
                           if not item.get("_skip") and _states_value(item, text)]
        offset += len(paragraph) + 1
    return indicators


# Sentences, clauses and quantities


def _shielded(normal: str) -> list[bool]:
    """Characters inside 《titles》, short “quotes” and year brackets (〔2017〕, [2010], (2018)):
    numbers there name things (《纲要(2009-2015)》, “1+5”) and are never targets."""
    mask = [False] * len(normal)
    for pattern in (r"《[^《》]*》", r"“[^“”\n]{0,30}”", r"〔[^〕]*〕", r"\[\d{4}\]", r"[\[(](?:19|20)\d{2}[\])]"):
        for m in re.finditer(pattern, normal):
            for i in range(m.start(), m.end()):
                mask[i] = True
    return mask


def _sentence_targets(text: str, normal: str, start: int, end: int, shielded: list[bool]) -> list[dict]:
    """Targets of one sentence, clause by clause; a clause with no name of its own (稳定在全国前10位)
    takes the name of the sentence's previous target."""
    found: list[dict] = []
    clause_start = start
    for i in range(start, end + 1):
        if i == end or normal[i] in _CLAUSE_END:
            if i > clause_start:
                found += _clause_targets(text, normal, clause_start, i, start, shielded, found)
            clause_start = i + 1
    return found


def _quantities(normal: str, start: int, end: int, shielded: list[bool]) -> list[dict]:
    """The numbers of a clause that could state a target, with unit and 以上/以下 suffix."""
    out = []
    for m in _NUMBER.finditer(normal, start, end):
        s, e = m.start(), m.end()
        if shielded[s] or _not_a_quantity(normal, s, e, m):
            continue
        unit, after = _unit_at(normal, e, end)
        suffix_match = re.match(r"\s*(以上|以下|以内|及以上)", normal[after:end])
        suffix = suffix_match.group(1) if suffix_match else None
        if unit in _TIME_UNITS and not suffix and normal[after:after + 1] == "内":
            suffix_match, suffix = re.match("内", normal[after:]), "以内"  # 三年内: within three years
        stop = after + (suffix_match.end() if suffix_match else 0)
        if unit is None and not suffix and normal[after:after + 1] not in ("", *_CLAUSE_END, "、", "和", "及", ")", "]"):
            if not _BOUND_BEFORE.search(normal[max(0, s - 4):s]) or not _MEASURE_WORD.match(normal, after):
                continue  # a bare number followed by words: 100强, 1000亿级, “1”为
            # 不低于200批次, 不少于10场: a bound with a measure word the unit list does not hold
        if unit == "年" and re.match(r"(?:19|20)\d{2}$", m.group(1)):
            continue  # a year
        out.append({"start": s, "end": stop, "value": _number(m.group(1)),
                    "value_max": _number(m.group(2)) if m.group(2) else None, "unit": unit, "suffix": suffix})
    return out


def _not_a_quantity(normal: str, s: int, e: int, m: re.Match) -> bool:
    """Numbers that are part of a code, a date, a year or a document number."""
    before, after = normal[max(0, s - 3):s], normal[e:e + 2]
    if re.search(r"[A-Za-z/+.][ ]?$", before) or re.match(r"[ ]?[A-Za-z+.]", after):
        return True  # GB/T 19004, PM2.5, NO.6, 1+5, 5G
    if re.match(r"\s*(?:月|日|号|时(?!间)|个月|周岁|岁)", normal[e:e + 3]):
        return True  # 3月16日, 24号, 3个月
    if re.match(r"(?:19|20)\d{2}$", m.group(1)) and (re.match(r"\s*年", after) or m.group(2)):
        return True  # 2020年, 2018-2020年
    if m.group(2) and re.match(r"(?:19|20)\d{2}$", m.group(2)):
        return True
    return False


def _unit_at(normal: str, e: int, end: int) -> tuple[str | None, int]:
    """The unit written right after the number (longest first) and where it ends."""
    i = e
    while i < end and normal[i] == " ":
        i += 1
    rest = normal[i:end]
    if re.match(r"个?工作日", rest):
        return "天", i + rest.index("日") + 1  # 压缩至3个工作日: working days, in 天
    if rest.startswith("大") and normal[max(0, e - 8):e].rstrip("0123456789.").endswith("等"):
        return "个", i + 1  # 核动力、航空整机等10大军民融合产业基地
    for unit in _UNITS_LONGEST:
        if rest.startswith(unit):
            return unit, i + len(unit)
    return None, e


def _clause_targets(text, normal, start, end, sentence_start, shielded, previous) -> list[dict]:
    """Targets of one clause, each quantity with the words that belong to it."""
    quantities = _quantities(normal, start, end, shielded)
    clause = normal[start:end]
    if _RULE.search(clause) or "基础上" in clause:
        return []  # 每次…不超过4个 is a rule; 在完善16条产业链…的基础上 is the starting point
    out: list[dict] = []
    seg_start = _skip_space(normal, start, end)
    respectively = None  # the comparator of 分别达到, which the next value (和85%) shares
    for index, q in enumerate(quantities):
        if q["start"] < seg_start:
            continue  # inside the noun of the previous target (培育2户年销售收入超1000亿元…)
        prefix = normal[seg_start:q["start"]]
        before_in_sentence = normal[sentence_start:q["start"]]
        if _PAST.search(before_in_sentence):
            continue  # 已达到, 同比增长: a figure of the past
        comparator, name_part = _comparator(prefix)
        shares = comparator is None and respectively and prefix.strip() in ("和", "、", "及", "与", "")
        if shares:
            comparator, name_part = respectively, ""  # 分别达到90%和85%: the second value
        following = next((f for f in quantities[index + 1:] if _is_count(f["unit"])), None)
        item = _classify(normal, q, prefix, comparator, name_part, seg_start, end, following, sentence_start)
        if item is None:
            continue
        if _GRANT.search(normal[sentence_start:item["phrase_end"]]) and q["unit"] in _MONEY_UNITS:
            continue  # 给予300万元的奖励: a grant, not a target
        item["_at"] = q["start"]
        out.append(item)
        respectively = item["comparator"] if ("分别" in prefix or shares) else None
        seg_start = _skip_separators(normal, item["phrase_end"], end)
    _share_respectively(out, text)
    out = _split_jointly(out, normal)
    for item in out:
        if not item["name"]:
            earlier = [p["name"] for p in previous + out if p["name"]]
            item["name"] = earlier[-1] if earlier else text[item["phrase_start"]:item["phrase_end"]]
        item["name"] = _as_written(item["name"], text, normal, item["phrase_start"])
        item["phrase"] = text[item.pop("phrase_start"):item.pop("phrase_end")]
    return out


def _as_written(name: str, text: str, normal: str, near: int) -> str:
    """The name in the input's own characters (the name was cut from the normalised copy)."""
    at = normal.find(name, near)
    if at < 0:
        at = normal.find(name)
    return text[at:at + len(name)] if at >= 0 else name


def _classify(normal, q, prefix, comparator, name_part, seg_start, clause_end, following, sentence_start) -> dict | None:
    """Comparator, name and phrase extent of one quantity, or None when it states no target."""
    unit, suffix = q["unit"], q["suffix"]
    after = normal[q["end"]:q["end"] + 1]
    if comparator:
        if after == "的":
            return None  # 年销售收入超过10亿元的企业: the number qualifies a name
        if not _clean_name(name_part) and _is_count(unit) and not _ends_clause(normal, q["end"], clause_end, following):
            # 新增80-100个甘肃名牌产品: the verb compares, the noun after the count is the name
            noun_end = _noun_end(normal, q["end"], clause_end, following)
            return _item(_adjust(comparator, suffix), q, _clean_name(normal[q["end"]:noun_end]), seg_start, noun_end)
        return _item(_adjust(comparator, suffix), q, _clean_name(name_part), seg_start, q["end"])
    if unit is None:
        return None  # a bare number with no comparator is not a target
    if unit in _TIME_UNITS and suffix == "以内":  # 三年内实现高频事项全程网办: what is done within the time
        name = re.sub(r"^(?:实现|完成|建成|基本)+", "", _clean_name(normal[q["end"]:clause_end]))
        return _item("at-most", q, name, seg_start, clause_end)
    if unit == "%":  # 认证产品80%纳入可追溯范围
        end = q["end"] if after in ("", *_CLAUSE_END) else clause_end
        return _item(_adjust("reach", suffix), q, _clean_name(prefix), seg_start, end)
    if unit in _TIME_UNITS | _RATIO_UNITS | _MONEY_UNITS:
        return None  # 用2年时间, 超1000亿元: durations and sums need a comparator to be targets
    if not suffix and not _CREATE_VERBS.search(normal[sentence_start:q["start"]]):
        return None  # 5个检验检测中心 without a verb that creates them is a description
    base = "increase-by" if _INCREASE_VERB.match(_LEAD_IN.sub("", prefix)) else "reach"
    comparator = _adjust(base, suffix)
    if _ends_clause(normal, q["end"], clause_end, following):   # noun + N个: 拥有计量标准3000个
        return _item(comparator, q, _clean_name(prefix, strip_verb=True), seg_start, q["end"])
    noun_end = _noun_end(normal, q["end"], clause_end, following)  # N个 + noun: 培育20个品牌企业
    return _item(comparator, q, _clean_name(normal[q["end"]:noun_end]), seg_start, noun_end)


def _is_count(unit: str | None) -> bool:
    """Units that count things (个, 家, 万千瓦), which can state a target without a comparator."""
    return unit is not None and unit not in _TIME_UNITS | _RATIO_UNITS | _MONEY_UNITS


def _item(comparator, q, name, phrase_start, phrase_end) -> dict:
    return {"name": name, "comparator": comparator, "value": q["value"], "value_max": q["value_max"],
            "unit": q["unit"], "phrase_start": phrase_start, "phrase_end": phrase_end}


def _adjust(comparator: str, suffix: str | None) -> str:
    """以上 makes 达到/保持/bare N an at-least, 以下/以内 an at-most (达到N以上 -> at-least);
    新增13个以上 an increase-by-at-least, 下降12%以上 a reduce-by-at-least; 超过N以上 stays above."""
    if suffix in ("以上", "及以上") and comparator in ("reach", "keep-at"):
        return "at-least"
    if suffix in ("以上", "及以上") and comparator in ("increase-by", "reduce-by"):
        return comparator + "-at-least"
    if suffix in ("以下", "以内") and comparator in ("reach", "keep-at"):
        return "at-most"
    return comparator


def _comparator(prefix: str) -> tuple[str | None, str]:
    """The comparator written at the end of ``prefix`` and the words before it (the name)."""
    for pattern, name in _COMPARATOR_AT_END:
        m = pattern.search(prefix)
        if m:
            return name, prefix[:m.start()]
    return None, prefix


def _ends_clause(normal: str, i: int, clause_end: int, following: dict | None) -> bool:
    """Whether the quantity closes its part of the clause (…产品110个、地理标志保护产品13个)."""
    if i >= clause_end:
        return True
    return normal[i] in "、)" or bool(re.match(r"[和及与]", normal[i]) and following and following["start"] == i + 1)


def _noun_end(normal: str, i: int, clause_end: int, following: dict | None) -> int:
    """Where the noun after a count ends: at the clause end, or where the next count begins
    (新建1个省级产业计量测试中心、1个质检中心)."""
    if following:
        j = following["start"]
        while j > i and normal[j - 1] in " 、和及与":
            j -= 1
        if j > i and re.fullmatch(r"\s*[、和及与]\s*", normal[j:following["start"]]):
            return j
    return clause_end


def _skip_space(normal: str, i: int, end: int) -> int:
    while i < end and normal[i] in " \t":
        i += 1
    return i


def _skip_separators(normal: str, i: int, end: int) -> int:
    while i < end and normal[i] in " 、和及与,":
        i += 1
    return i


def _clean_name(words: str, strip_verb: bool = False) -> str:
    """What is measured, without lead-in words, the comparison base and the verb."""
    name = _LEAD_IN.sub("", words.strip())
    if strip_verb:
        name = _LEAD_VERB.sub("", _LEAD_IN.sub("", _LEAD_VERB.sub("", name)))
    base = _BASE.search(name)
    if base:
        name = name[:base.start()]
    name = re.sub(r"^的", "", name)
    name = re.sub(r"(?<=..)建设$", "", name)  # 10大军民融合产业基地建设: the count is of the bases
    return name.strip(" 、,")


def _share_respectively(items: list[dict], text: str) -> None:
    """分别达到90%和85%: both values share the whole phrase, and the names are the subject's parts
    (城镇污水集中处理率和生活垃圾无害化处理率)."""
    group: list[dict] = []
    for item in items + [None]:
        if item is not None and group and not item["name"] and item["comparator"] == group[0]["comparator"] \
                and "分别" in text[group[0]["phrase_start"]:item["phrase_start"]]:
            group.append(item)
            continue
        if len(group) > 1:
            start, end = group[0]["phrase_start"], group[-1]["phrase_end"]
            subject = re.sub(r"分别$", "", group[0]["name"])
            parts = [p for p in re.split(r"[和及与、]", subject) if p]
            for k, member in enumerate(group):
                member["phrase_start"], member["phrase_end"] = start, end
                member["name"] = parts[k] if len(parts) == len(group) else subject
                member["unit"] = member["unit"] or group[-1]["unit"]  # 分别达到79和77.8分: 79 分 too
        group = [item] if item is not None else []


_MEASURE_END = re.compile(r"(?:率|度|比例|比重|指数|水平)$")


def _split_jointly(items: list[dict], normal: str) -> list[dict]:
    """A和B均达到98%以上: one target for each of the measures the subject names, with the same
    phrase, when every part names a measure (…合格率, …满意度)."""
    out = []
    for item in items:
        words = normal[item["phrase_start"]:item["phrase_end"]]
        parts = [p for p in re.split(r"[和及与、]", item["name"]) if p]
        if re.search(r"均" + _QUALIFIER, words) and len(parts) > 1 and all(_MEASURE_END.search(p) for p in parts):
            out += [{**item, "name": part} for part in parts]
        else:
            out.append(item)
    return out


# Years


def _year_statements(paragraph: str, offset: int, shielded: list[bool]) -> list[tuple[int, int, str]]:
    """(position, year, kind) of the years a paragraph states: 到2020年 and 2011年底前 set a
    target, 截至2021年底 reports the past, a bare 2017年 is past when before the target year.
    Base years (比2015年, 基准年2015年) and periods (2018—2020年) are not statements."""
    out = []
    for m in _YEAR.finditer(paragraph):
        at, before = offset + m.start(2), paragraph[:m.start(2)]
        base = not m.group(1) and re.search(r"(?:比|较|基准年|以)\s*$", before)  # 比考核基准年2015年下降18%
        period = re.search(r"[-—~]\s*$", before)  # the end of 2018—2020年
        if shielded[at] or base or period:
            continue
        # 到2020年 and 2011年底前 set a target; 截至2021年底 reports the past; a bare 2017年 may do either
        if m.group(1) in ("到", "至") or (not m.group(1) and re.match(r"\s*(?:底|末)?前|\s*底", paragraph[m.end():])):
            kind = "target"
        else:
            kind = "past" if m.group(1) else "bare"
        out.append((at, int(m.group(2)), kind))
    return out


def _year_of(at: int, years, sentence_end: int, target_year: int | None) -> dict:
    """The year of a target at ``at``: the paragraph's nearest year stated before it, else the
    sentence's first year after it, else the plan's target_year (inherited)."""
    before = [y for y in years if y[0] < at]
    after = [y for y in years if at < y[0] < sentence_end]
    chosen = before[-1] if before else (after[0] if after else None)
    if chosen is None:
        return {"year": target_year, "year_inherited": target_year is not None}
    past = chosen[2] == "past" or (chosen[2] == "bare" and target_year is not None and chosen[1] < target_year)
    return {"year": chosen[1], "year_inherited": False, "_skip": past}


# Output


def _states_value(item: dict, text: str) -> bool:
    """The validator's rule, checked here so a draft never fails it: the phrase stands in the text
    and states the value (a full-width decimal point, ９２．８, would not)."""
    values = [v for v in (item["value"], item.get("value_max")) if v is not None]
    return item["phrase"] in text and all(states(item["phrase"], v) for v in values)


def _metric_pair(metric) -> tuple[str, str]:
    if isinstance(metric, dict):
        return metric["id"], metric["name"]
    return metric.id, metric.name


def _key(name: str) -> str:
    """A name for comparing: no quotes, brackets, 的 or a trailing 数量/数 (中国名牌产品数)."""
    key = re.sub(r"[\s“”\"'()（）《》的]", "", _norm(name))
    return re.sub(r"(?:数量|个数|项数|数)$", "", key)


def _metric_for(name: str, metrics: list[tuple[str, str]]) -> str | None:
    """The registry metric whose name is the measured name; else the longest metric name the
    measured name contains (it is more specific); else the shortest metric name that contains
    the measured name. Names of fewer than four characters and ties give no metric: a wrong
    metric would put a target in another's row of the comparison table."""
    key = _key(name)
    if len(key) < 4:
        return None
    keyed = [(mid, _key(mname)) for mid, mname in metrics]
    for candidates, pick in (([(mid, k) for mid, k in keyed if k == key], max),
                             ([(mid, k) for mid, k in keyed if len(k) >= 4 and k in key], max),
                             ([(mid, k) for mid, k in keyed if key in k], min)):
        if candidates:
            best = pick(len(k) for _, k in candidates)
            ids = sorted({mid for mid, k in candidates if len(k) == best})
            return ids[0] if len(ids) == 1 else None
    return None


def _number(written: str) -> int | float:
    value = float(written)
    return int(value) if value.is_integer() else value


def _ordered(item: dict, metrics) -> dict:
    """The indicator in the YAML schema's key order, optional keys left out when empty."""
    out = {"name": item["name"]}
    metric = _metric_for(item["name"], metrics)
    if metric:
        out["metric"] = metric
    out["comparator"] = item["comparator"]
    out["value"] = item["value"]
    if item.get("value_max") is not None:
        out["value_max"] = item["value_max"]
    if item.get("unit"):
        out["unit"] = item["unit"]
    if item.get("year") is not None:
        out["year"] = item["year"]
    if item.get("year_inherited"):
        out["year_inherited"] = True
    out["phrase"] = item["phrase"]
    return out
