"""Documents cited in a task's text: 文号, 《titles》, standards, and abbreviations defined on the way.

A citation is the words that cite (``written``, verbatim) and the document they cite (an id in
documents.yaml). What is recognised, in the order it is looked for:

- 《title》 with the parentheses that follow it when they hold its 文号, its standard number or an
  abbreviation: 《中共中央、国务院关于开展质量提升行动的指导意见》(中发〔2017〕24号) is one citation,
  and so is 《…的意见》(甘政发〔2010〕25号,以下简称《意见》), which also defines 《意见》;
- a 文号 on its own: 国发〔2015〕5号, 甘政发[2010]25号, 晋市政发〔2023〕18 号 (any bracket, full-width
  digits, a space before 号);
- a standard on its own: gb/t19000, GB/T 19001-2016;
- an acronym with its gloss: gmp(药品…质量管理规范), reach法规(化学品注册、评估、许可和限制);
- a known acronym's title before it: 药品生产质量管理规范(GMP) (the registry holds gmp);
- an abbreviation defined earlier (以下简称《实施方案》): 《实施方案》 cites the same document.

Not citations: a form or draft to be sent in (于3月16日前将《…联络表》报…), and the plan itself when
it has no 文号 (a plan with a 文号 citing itself in its cover letter cites that document, which the
handbook links to the plan).

Ids follow documents.yaml: a 文号 gives pinyin of its prefix + year + number (中发〔2017〕24号 ->
zhongfa-2017-24), a standard its code (gb-t-19004), a title alone the pinyin of its words
(质量强国建设纲要 -> zhiliang-qiangguo-jianshe-gangyao), without the issuing government's name.

The returned ``written`` is always the input's own characters: matching runs on a copy normalised
one character for one (full-width digits and brackets to ASCII).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

from generator import normalise
from generator.normalise import ascii_width, pinyin_slug

# Normalisation for matching only: one character for one, so positions cut the original text.

_norm = ascii_width


def _compact(text: str) -> str:
    """A title for comparing: normalised, without white space."""
    return re.sub(r"\s+", "", _norm(text or ""))


# 文号: prefix, year in any bracket, number, 号 (中发〔2017〕24号, 甘政发[2010]25号, 晋市政发〔2023〕18 号).
_DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,8})\s*[〔\[(【]\s*((?:19|20)\d{2})\s*[〕\])】]\s*(\d{1,4})\s*号")
# Words that can stand before a 文号's prefix in running text (根据国发〔2015〕5号): not the prefix.
_BEFORE_PREFIX = re.compile(r"^(?:根据|按照|依据|依照|贯彻落实|贯彻|落实|执行|参照|对照|见|和|及|与|或|以|于|"
                            r"的|文件|印发|转发|关于|精神|要求|规定|等)+")
_STANDARD = re.compile(r"(?<![A-Za-z])(?:GB|DB\d{0,6}|JJF|JJG|ISO|HJ|YY|NY|QB|SB)(?:\s*/\s*[TZ])?\s*\d{2,6}(?:[.\-]\d{1,6})*",
                       re.IGNORECASE)
_ACRONYM = re.compile(r"(?<![A-Za-z/])([A-Za-z]{2,6})(法规|规范|标准)?\(([^()]{2,40})\)")
# 药品生产质量管理规范(GMP): the title before the acronym. When the registry holds the acronym's
# document, the cited words are its title; otherwise the words back to the verb that governs them
# (保障药品…规范(GMP) cites 药品…规范), when they end as a document's name ends.
_TITLE_ACRONYM = re.compile(r"([\u4e00-\u9fff]{2,40})\(([A-Za-z]{2,6})\)")
_GOVERNING_VERB = re.compile(r"^(?:保障|实施|落实|执行|推行|贯彻|推进|严格|认真|全面|加快|督促|按照|依照|根据|符合|有效)+")
_GLOSS_IS_DOCUMENT = re.compile(r"规范|法规|标准|条例|办法|规定|规则|指令")
_NOT_ACRONYM = {"gb", "db", "iso", "pm", "no", "gdp", "cpi", "eqi", "odr"}
_TITLE = re.compile(r"《([^《》\n]{1,120})》")
_ALIAS = re.compile(r"以下简称\s*[《“\"]([^》”\"]{1,20})[》”\"]")
# Central issuers written before a title (国务院《质量工作考核办法》): part of the citation when the
# title has no 文号 to tell it from a provincial document of the same name.
_CENTRAL = (r"中共中央、?国务院|中共中央办公厅、?国务院办公厅|国务院办公厅|国务院|中共中央|"
            r"国家[\u4e00-\u9fff]{2,10}?(?:总局|局|部|委员会|委)")
_CENTRAL_ISSUER = re.compile(f"(?:{_CENTRAL})$")
_ANY_ISSUER = re.compile(f"(?:{_CENTRAL}|省委、?省政府|省委办公厅、?省政府办公厅|省政府办公厅|省政府|"
                         r"市委、?市政府|市政府办公室|市政府)$")

# A bare kind of document is an abbreviation, never a title of its own.
_GENERIC = re.compile(r"^(?:实施|工作|行动)?(?:意见|方案|纲要|通知|规划|办法|决定|计划|细则|条例|规定|指南)$")
_PROVINCES = ("黑龙江", "内蒙古", "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "江苏", "浙江", "安徽",
              "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
              "台湾", "广西", "西藏", "宁夏", "新疆", "香港", "澳门")
_PLACE = re.compile(r"^(?:中共)?(" + "|".join(_PROVINCES) + r")(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)?"
                    r"|^([\u4e00-\u9fff]{2,3})市(?=人民政府|委|政府)")
_SLUG_DROP = re.compile(r"人民政府|办公厅|办公室|关于|印发|全面|推进|加快|进一步|[的和与及、]")
_SLUG_WORDS = 6


# Public API


def extract_citations(text: str, documents=(), aliases: dict[str, str] | None = None,
                      plan=None) -> tuple[list[dict], list[dict], dict[str, str]]:
    """Citations in ``text`` as ``[{document: id, written: verbatim}]``, the new document dicts
    ``[{id, doc_number, title, issuer}]`` (keys left out when not stated) for documents not in
    ``documents``, and the updated ``aliases``.

    ``documents``: the registry (objects or dicts with id, doc_number, title; a mapping of id to
    document will do), plus the new documents of earlier tasks, so that a document cited again
    is not created twice. ``aliases``: short title -> id for the abbreviations defined so far
    (以下简称《意见》), and the full titles seen; pass what the previous task returned, so that
    《意见》 in a later task resolves. An abbreviation no earlier text defines is left out.
    ``plan``: the plan being imported (title, doc_number), so that its cover letter citing the
    plan itself resolves to the plan's own 文号 (and is no citation when it has none).
    Call it once for a task's heading and once for its text: ``written`` is found in the text
    it is given."""
    if text is None:
        text = ""  # a node with a heading only
    if not isinstance(text, str):
        raise TypeError(f"extract_citations needs the task's text as a string, not {type(text).__name__}")
    aliases = dict(aliases or {})
    known = _Known(documents)
    normal = _norm(text)
    spans: list[tuple[int, int, dict]] = []  # (start, end, what the citation states)
    taken = [False] * len(normal)

    for m in _TITLE.finditer(normal):
        if taken[m.start()]:
            continue
        start, end, facts = _title_citation(normal, m)
        _take(taken, start, end)
        if _is_deliverable(normal, m.start(), facts["title"]):
            continue
        spans.append((start, end, facts))
    for m in _DOC_NUMBER.finditer(normal):
        prefix_start = _prefix_start(m)
        if any(taken[prefix_start:m.end()]) or prefix_start >= m.end(1):
            continue
        _take(taken, prefix_start, m.end())
        spans.append((prefix_start, m.end(), {"doc_number": normalise.doc_number(normal[prefix_start:m.end()])}))
    for m in _STANDARD.finditer(normal):
        if any(taken[m.start():m.end()]):
            continue
        _take(taken, m.start(), m.end())
        spans.append((m.start(), m.end(), {"doc_number": normalise.doc_number(m.group())}))
    for m in _ACRONYM.finditer(normal):
        word, suffix, gloss = m.groups()
        if any(taken[m.start():m.end()]) or word.lower() in _NOT_ACRONYM or \
                not (suffix or _GLOSS_IS_DOCUMENT.search(gloss)):
            continue
        _take(taken, m.start(), m.end())
        spans.append((m.start(), m.end(), {"acronym": word, "suffix": suffix, "title": gloss}))

    for m in _TITLE_ACRONYM.finditer(normal):
        title = known.title_of(_acronym_id({"acronym": m.group(2), "suffix": None}))
        if not (title and m.group(1).endswith(title)) and m.group(2).lower() not in _NOT_ACRONYM:
            gloss = _GOVERNING_VERB.sub("", m.group(1))
            title = gloss if len(gloss) >= 4 and _GLOSS_IS_DOCUMENT.search(gloss[-2:]) else None
        start = m.end(1) - len(title or "")
        if title and not any(taken[start:m.end()]):
            _take(taken, start, m.end())
            spans.append((start, m.end(), {"acronym": m.group(2), "suffix": None, "title": title}))

    citations, new_documents = [], []
    for start, end, facts in sorted(spans, key=lambda s: s[0]):
        document = _resolve(facts, known, aliases, plan)
        if document is False:
            continue  # the plan citing itself, with no 文号 to link
        if document is None and _GENERIC.match(facts.get("title") or "") and not facts.get("doc_number"):
            continue  # 《意见》 with no 以下简称 that defines it: which document is not known
        if document is None:
            document = _new_document(facts, known)
            known.add(document)
            new_documents.append(document)
        for alias in facts.get("aliases", ()):
            aliases[alias] = document["id"]
        if facts.get("title") and not facts.get("alias_use") and not facts.get("acronym"):
            aliases.setdefault(facts["title"], document["id"])
        citation = {"document": document["id"], "written": text[start:end]}
        if citation not in citations:
            citations.append(citation)
    return citations, new_documents, aliases


def document_id(doc_number: str | None = None, title: str | None = None) -> str:
    """The id documents.yaml gives a document: from its 文号 or standard number when it has one,
    else from its title's words."""
    if doc_number:
        return _id_from_number(normalise.doc_number(doc_number))
    if title:
        return _slug(title)
    raise ValueError("a document needs a doc_number or a title to be given an id")


# Finding


def _prefix_start(m: re.Match) -> int:
    """Where a 文号's prefix begins: 根据国发〔2015〕5号 -> 国发."""
    lead = _BEFORE_PREFIX.match(m.group(1))
    return m.start(1) + (len(lead.group()) if lead else 0)


def _take(taken: list[bool], start: int, end: int) -> None:
    for i in range(start, end):
        taken[i] = True


def _title_citation(normal: str, m: re.Match) -> tuple[int, int, dict]:
    """A 《title》 with what belongs to it: the parentheses after it when they hold a 文号, a
    standard or an abbreviation (以下简称《意见》), and a central issuer written before it when
    there is no 文号."""
    title = m.group(1).strip()
    facts: dict = {"title": title}
    start, end = m.start(), m.end()
    paren = re.match(r"\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)", normal[end:])
    if paren:
        inside = paren.group(1)
        number = _DOC_NUMBER.search(inside)
        standard = _STANDARD.search(inside)
        alias = _ALIAS.findall(inside)
        if number or standard or alias:
            end += paren.end()
            if number and _prefix_start(number) < number.end(1):
                facts["doc_number"] = normalise.doc_number(inside[_prefix_start(number):number.end()])
            elif standard:
                facts["doc_number"] = normalise.doc_number(standard.group())
            facts["aliases"] = alias
    if not facts.get("doc_number"):
        alias_after = re.match(r"\s*[,，]?\s*以下简称\s*《([^》]{1,20})》", normal[end:])
        if alias_after:
            facts["aliases"] = [alias_after.group(1)]
    before = normal[max(0, start - 20):start]
    issuer = _ANY_ISSUER.search(before)
    if issuer:
        facts["issuer"] = issuer.group()
        if not facts.get("doc_number") and _CENTRAL_ISSUER.search(before):
            start -= len(issuer.group())  # 国务院《质量工作考核办法》
    return start, end, facts


def _is_deliverable(normal: str, at: int, title: str) -> bool:
    """A form or plan to be sent in (于3月16日前将《…联络表》,…报省…办公室; 《…汇总表》): not a
    cited document. 现将《…》印发给你们 is the cover letter sending the plan, which is."""
    if title.endswith("表"):
        return True
    if not re.search(r"将\s*$", normal[max(0, at - 3):at]):
        return False
    rest = re.match(r"[^。;!?\n]*", normal[at:]).group()
    report = re.search(r"(?:上报|报送|报)(?!告)", rest)
    issue = re.search(r"印发|转发|发给|下发", rest)
    return bool(report) and (not issue or report.start() < issue.start())


# Resolving


class _Known:
    """The documents known so far, looked up by 文号 and by title."""

    def __init__(self, documents):
        if isinstance(documents, Mapping):
            documents = documents.values()
        self.documents: list[dict] = []
        for document in documents or ():
            self.add({key: _get(document, key) for key in ("id", "doc_number", "title", "issuer")})

    def add(self, document: dict) -> None:
        self.documents.append(document)

    def ids(self) -> set[str]:
        return {d["id"] for d in self.documents}

    def title_of(self, document_id: str) -> str | None:
        return next((d.get("title") for d in self.documents if d["id"] == document_id), None)

    def by_number(self, number: str) -> str | None:
        return next((d["id"] for d in self.documents if d.get("doc_number") == number), None)

    def by_title(self, title: str, central: bool) -> str | None:
        """Exact title first; then a title that differs only by what surrounds the same words:
        the cover notice (晋城市人民政府印发关于…实施方案的通知), the issuer before 关于, or the
        province before a provincial title (四川省开展…实施方案 for 《开展…实施方案》) unless a
        central issuer is named (国务院《质量工作考核办法》 is not 四川质量工作考核办法)."""
        key = _compact(title)
        for test in (lambda t: t == key,
                     lambda t: _inner_title(t) == key,
                     lambda t: key.endswith(t) and t.startswith("关于") and len(t) >= 8,
                     lambda t: not central and t.endswith(key) and len(key) >= 6 and _PLACE.match(t[:len(t) - len(key)] + "人民政府")
                     and _PLACE.match(t[:len(t) - len(key)] + "人民政府").end() == len(t) - len(key)):
            found = sorted({d["id"] for d in self.documents if d.get("title") and test(_compact(d["title"]))})
            if len(found) == 1:
                return found[0]
        return None


def _get(document, key: str):
    return document.get(key) if isinstance(document, Mapping) else getattr(document, key, None)


def _inner_title(title: str) -> str | None:
    """The title a cover notice carries: …关于印发X的通知 -> X."""
    inner = re.search(r"印发(.+)的通知$", title)
    return inner.group(1) if inner else None


def _resolve(facts: dict, known: _Known, aliases: dict[str, str], plan):
    """The id of a known document the citation names, None for a new one, False for none at all
    (the plan itself without a 文号)."""
    if facts.get("doc_number"):
        found = known.by_number(facts["doc_number"])
        return {"id": found} if found else None
    if facts.get("acronym"):
        wanted = _acronym_id(facts)
        return {"id": wanted} if wanted in known.ids() else None
    title = facts["title"]
    if title in aliases:
        facts["alias_use"] = True
        return {"id": aliases[title]}
    if plan is not None and _is_plan(title, plan):
        number = _get(plan, "doc_number")
        if not number:
            return False
        facts["doc_number"] = normalise.doc_number(number)
        found = known.by_number(facts["doc_number"])
        return {"id": found} if found else None
    found = known.by_title(title, central=bool(facts.get("issuer") and _CENTRAL_ISSUER.search(facts["issuer"])))
    return {"id": found} if found else None


def _is_plan(title: str, plan) -> bool:
    key, own = _compact(title), _compact(_get(plan, "title") or "")
    return bool(own) and (key == own or _inner_title(own) == key)


def _new_document(facts: dict, known: _Known) -> dict:
    """A document dict for documents.yaml, with an id that no known document has."""
    if facts.get("acronym"):
        wanted = _acronym_id(facts)
        title = f"{facts['acronym'].upper()}{facts.get('suffix') or ''}({facts['title']})" if facts.get("suffix") \
            else facts["title"]
        document = {"id": wanted, "title": title}
    else:
        number, title = facts.get("doc_number"), facts.get("title")
        document = {"id": document_id(number, title)}
        if number:
            document["doc_number"] = number
        if title:
            document["title"] = title
        issuer = facts.get("issuer") or _issuer_in_title(title)
        if issuer:
            document["issuer"] = issuer
    base, n = document["id"], 2
    while document["id"] in known.ids():
        document["id"], n = f"{base}-{n}", n + 1
    return document


def _issuer_in_title(title: str | None) -> str | None:
    """The issuer a title names before 关于: 甘肃省人民政府关于推进质量振兴的意见 -> 甘肃省人民政府."""
    if not title:
        return None
    m = re.match(r"^(.{2,40}?)关于", title)
    return m.group(1) if m else None


def _acronym_id(facts: dict) -> str:
    """gmp(…) -> gmp; reach法规(…) -> reach-regulation."""
    return facts["acronym"].lower() + ("-regulation" if facts.get("suffix") == "法规" else "")


# Ids


def _id_from_number(number: str) -> str:
    """中发〔2017〕24号 -> zhongfa-2017-24; GB/T 19004 -> gb-t-19004."""
    m = re.match(r"^(.+?)〔(\d{4})〕(\d+)号$", number)
    if m:
        return f"{pinyin_slug(m.group(1))}-{m.group(2)}-{m.group(3)}"
    return re.sub(r"[^a-z0-9]+", "-", number.lower()).strip("-")


_TOKENIZER = None


def _words(text: str) -> list[str]:
    """jieba's words, from a tokenizer of its own so that words another part of the generator
    adds to jieba's global dictionary never change an id."""
    global _TOKENIZER
    if _TOKENIZER is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        _TOKENIZER = jieba.Tokenizer()
    return _TOKENIZER.lcut(text, HMM=False)


def _slug(title: str) -> str:
    """质量强国建设纲要 -> zhiliang-qiangguo-jianshe-gangyao: the place name, then the title's words
    without the government's name and function words; four-character words in two (考核办法 ->
    kaohe-banfa), single characters joined (强/省 -> qiangsheng), at most six words."""
    rest = re.sub(r"\([^()]*\)", "", _norm(title)).strip()
    words: list[str] = []
    place = _PLACE.match(rest)
    if place:
        words.append(place.group(1) or place.group(2))
        rest = rest[place.end():]
    rest = _SLUG_DROP.sub(" ", rest)
    pieces: list[str] = []
    joining = False  # the last piece is made of single characters
    for word in (w.strip() for w in _words(rest)):
        if not word:
            joining = False
            continue
        single = bool(re.fullmatch(r"[\u4e00-\u9fff]", word))
        if re.fullmatch(r"[\u4e00-\u9fff]{4}", word):
            pieces += [word[:2], word[2:]]
        elif single and joining:
            pieces[-1] += word
        else:
            pieces.append(word)
        joining = single
    words += pieces
    if len(words) > _SLUG_WORDS:
        words = words[:_SLUG_WORDS - 2] + words[-2:]
    slug = "-".join(p for p in (pinyin_slug(w) for w in words) if p)
    return slug or "document"
