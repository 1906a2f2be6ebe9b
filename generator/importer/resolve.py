"""Resolve stage: a name as a clause writes it -> a body of the jurisdiction's registry.

Three outcomes, so that nothing is merged or created behind the editor's back:

- known: the name or an alias of a registry body (also after normalising brackets
  and white space: 各市(州)人民政府 is 各市〔州〕人民政府);
- suggested: a near miss of a registry name (省质检局 ~ 省质监局, 省发改委 ~ 省发展改革委).
  The report asks the editor; the body is never created from it;
- new: anything else, with the id data/ would give it (jurisdiction + pinyin).

A department is one body of one jurisdiction (四川 省质监局 and 安徽 省质监局 are two),
so only bodies of the plan's jurisdiction count.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..normalise import BRACKETS, pinyin_slug, require_text


STATUSES = ("known", "suggested", "new")


@dataclass(frozen=True)
class Match:
    """What a written name turned out to be."""

    written: str            # the name as written
    status: str             # "known", "suggested" (near miss: not created) or "new"
    body_id: str | None     # known: its id; suggested: the suggested body's id; new: the proposed id
    suggestion: str | None  # suggested: the registry name it probably is
    kind: str               # "department" or "group"


# Normal form for matching (never for what is returned).



def _normal(name: str) -> str:
    """市工信局（国资委） and 市工信局(国资委), 各市〔州〕 and 各市(州), 省 质监局 and 省质监局 are equal."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name).translate(BRACKETS))


# Ids.

def proposed_id(name: str, jurisdiction: str) -> str:
    """The id data/ gives a body: '<jurisdiction>-' + the pinyin of its name, letters and digits only
    (省质监局 in sichuan -> sichuan-shengzhijianju; 市工信局(国资委) -> jincheng-shigongxinjuguoziwei)."""
    letters = pinyin_slug(name)
    return f"{jurisdiction}-{letters}" if letters else jurisdiction


# Groups.

# Collective names name several bodies: 各… / 有关… / 相关… / 其他… at the start,
# …成员单位 / …有关部门 / …各部门 at the end, 各级 anywhere, or a list in brackets
# (各县(市、区)政府 is every county, city and district government).
_GROUP_START = re.compile(r"^(各|有关|相关|其他|其它)")
_GROUP_END = re.compile(r"(成员单位|有关部门|相关部门|有关单位|相关单位|各部门|各单位|职能部门)$")
_GROUP_ANYWHERE = re.compile(r"各级|\([^()]*、[^()]*\)")


def is_group(name: str) -> bool:
    """Whether a name is collective (a group), not one department.

    各市州人民政府, 各市(州)人民政府, 各级党委, 省级有关部门, 省直有关部门, 各有关部门,
    …成员单位, …相关成员单位, 有关市州人民政府, 各县(市、区)政府 are groups.
    """
    norm = _normal(require_text(name, "is_group", "name"))
    return bool(_GROUP_START.search(norm) or _GROUP_END.search(norm) or _GROUP_ANYWHERE.search(norm))


# Categories.

# Keyword -> category of data/categories.yaml, first match wins, so the specific comes
# before the general: 省工商联 is enterprise-promotion before 工商 makes it market-regulation,
# 省政府金融办 is financial-regulation before 政府 makes it local government, 省国防科工办 is
# defence-industry before 科 …, 省委督查室 is party but 省政府督查室 a government office.
_CATEGORY_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("mass-organisation", r"团省委|团市委|团县委|共青团|总工会|工会|妇联|科协|残联|文联|侨联"),
    ("enterprise-promotion", r"工商联|中小企业"),
    ("coordination", r"领导小组|领导组|工作小组|联席会议|质量发展委员会|强省办|强市办|质量办|委员会办公室"),
    ("financial-regulation", r"金融|银监|保监|证监|银保监|人行|人民银行"),
    ("defence-industry", r"国防科|科工办|军民融合"),
    ("customs-inspection", r"海关|检验检疫"),
    ("food-drug", r"食品药品|药监|食药"),
    ("technical-institution", r"中测院|计量|测试|检测|标准化研究院|质检院|研究院"),
    ("market-regulation", r"质监|质检|质量技术监督|市场监管|市场监督|工商局|工商行政"),
    ("party", r"纪委|监委|宣传部|组织部|统战部|政法委|文明办|网信办|^[省市县区州]委."),
    ("government-office", r"办公厅|办公室|督查|法制|编办|机构编制|新闻办|研究室|政府参事"),
    ("development-reform", r"发展改革|发展和改革|发改|物价|价格"),
    ("industry-it", r"经济和信息化|工业和信息化|经信|工信"),
    ("science-technology", r"科技|科学技术"),
    ("education", r"教育"),
    ("public-security", r"公安"),
    ("civil-affairs", r"民政(?!府)"),  # not the 民政 of 人民政府
    ("justice", r"司法"),
    ("judiciary", r"法院|检察院"),
    ("finance", r"财政"),
    ("human-resources", r"人力资源|人社|社会保障"),
    ("natural-resources", r"国土|自然资源|规划"),
    ("environment", r"环保|环境保护|生态环境"),
    ("housing-construction", r"住房|住建|城乡建设|建设厅|建设局|建委|城管|城市管理"),
    ("transport", r"交通|铁路|民航|航空|港航|公路"),
    ("water", r"水利|水务"),
    ("agriculture", r"农业|农委|农牧|粮食|农村|畜牧|农机"),
    ("forestry", r"林业|林草"),
    ("commerce", r"商务|博览|口岸|会展|外经贸|经贸|招商|投资促进"),
    ("culture-tourism", r"文化|旅游|旅发|文旅|文广|广电|新闻出版"),
    ("health", r"卫生|卫健|计生|医保|医疗保障|中医药"),
    ("sport", r"体育"),
    ("intellectual-property", r"知识产权"),
    ("tax", r"税务|国税|地税"),
    ("statistics", r"统计"),
    ("state-assets", r"国资"),
    ("energy", r"能源|电力|煤炭"),
    ("emergency-safety", r"应急|安监|安全生产"),
    ("data-services", r"大数据|政务服务|行政审批|审批服务|数据"),
    ("post-telecom", r"邮政|通信管理"),
    # 地方党委政府: a local government or party committee itself (晋城市人民政府, 晋城市委).
    ("local-government", r"政府$|党委$|[省市县区州]委$"),
)
_CATEGORY_PATTERNS = tuple((category, re.compile(words)) for category, words in _CATEGORY_KEYWORDS)


def guess_category(name: str) -> str | None:
    """A functional category id from data/categories.yaml by keyword, None if unsure.

    质监/市场监管/工商 -> market-regulation, 发展改革/发改 -> development-reform,
    经济和信息化/工信/经信 -> industry-it, … Groups have no category (None).
    """
    norm = _normal(require_text(name, "guess_category", "name"))
    if is_group(norm):
        return None
    for category, pattern in _CATEGORY_PATTERNS:
        if pattern.search(norm):
            return category
    return None


# Near misses.

def _edits(a: str, b: str) -> int:
    """Levenshtein distance: how many characters differ."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def _abbreviates(a: str, b: str) -> bool:
    """省发改委 abbreviates 省发展改革委: the shorter's characters in order in the longer,
    the same first and last character, at least three characters."""
    short, long = sorted((a, b), key=len)
    if len(short) < 3 or len(short) == len(long) or short[0] != long[0] or short[-1] != long[-1]:
        return False
    rest = iter(long)
    return all(char in rest for char in short)


def _near(written: str, registry: str) -> float | None:
    """How alike two names are (difflib ratio) if they are a near miss, else None.

    Near: same length ±1 and one or two scattered characters differ (省质检局 ~ 省质监局), or
    difflib ratio >= 0.75, or an abbreviation (省发改委 ~ 省发展改革委).
    """
    matcher = difflib.SequenceMatcher(None, written, registry, autojunk=False)
    ratio = matcher.ratio()
    # One or two scattered characters (a slip: 检 for 监), not a whole other word in one place:
    # 省工商局 / 省质监局 and 省委宣传部 / 省委组织部 differ by a word and are different bodies.
    slips = all(i2 - i1 <= 1 and j2 - j1 <= 1 for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")
    close = abs(len(written) - len(registry)) <= 1 and _edits(written, registry) <= 2 and slips
    if close or ratio >= 0.75 or _abbreviates(written, registry):
        return ratio
    return None


def _contradicts(written: str, registry: str) -> bool:
    """A near miss that names another kind of body: 省民政厅 is not 省财政厅 (civil-affairs vs
    finance), 各市州党委 is not one department. Such a pair is not suggested."""
    if is_group(written) != is_group(registry):
        return True
    mine, theirs = guess_category(written), guess_category(registry)
    return mine is not None and theirs is not None and mine != theirs


# Resolving.

def _kind(body) -> str:
    """department or group, from the registry object (Department.kind / Group.kind)."""
    kind = getattr(body, "kind", None)
    if kind in ("department", "group"):
        return kind
    return "group" if is_group(body.name) else "department"


def _bodies(bodies) -> list:
    """The registry objects, from a list or an id -> body mapping, in id order (deterministic)."""
    if isinstance(bodies, Mapping):
        bodies = bodies.values()
    if not isinstance(bodies, Iterable) or isinstance(bodies, (str, bytes)):
        raise TypeError(f"resolve() expects the registry bodies as an iterable of departments and groups, "
                        f"got {type(bodies).__name__}")
    return sorted(bodies, key=lambda body: body.id)


def resolve(name: str, jurisdiction: str, bodies) -> Match:
    """A written name -> known / suggested / new, against the bodies of `jurisdiction` only.

    bodies: registry objects with .id .name .aliases .jurisdiction (Department / Group),
    as a list or an id -> body mapping.
    """
    require_text(name, "resolve", "name")
    require_text(jurisdiction, "resolve", "jurisdiction")
    everything = _bodies(bodies)
    local = [body for body in everything if body.jurisdiction == jurisdiction]
    written = name.strip()
    norm = _normal(written)

    # Known: the exact name or alias first, then the normalised one.
    for equal in (lambda known: known == written, lambda known: _normal(known) == norm):
        for body in local:
            if any(equal(known) for known in (body.name, *body.aliases)):
                return Match(name, "known", body.id, None, _kind(body))

    # Suggested: the closest near miss, never a body of another kind or category.
    best: tuple[float, int, str, object] | None = None
    for body in local:
        for known in (body.name, *body.aliases):
            ratio = _near(norm, _normal(known))
            if ratio is None or _contradicts(norm, _normal(known)):
                continue
            candidate = (-ratio, _edits(norm, _normal(known)), body.id, body)
            if best is None or candidate[:3] < best[:3]:
                best = candidate
    if best is not None:
        body = best[3]
        return Match(name, "suggested", body.id, body.name, _kind(body))

    # New: the proposed id, made unique against every id already used.
    taken = {body.id for body in everything}
    new_id = base = proposed_id(written, jurisdiction)
    number = 2
    while new_id in taken:
        new_id, number = f"{base}-{number}", number + 1
    return Match(name, "new", new_id, None, "group" if is_group(written) else "department")
