"""Real Chinese provinces and prefecture-level cities for the benchmark corpus.

Public knowledge, written out so the corpus needs no network: each province or autonomous
region with its short name and its one-character abbreviation (as in document numbers like
冀政办发), and its prefecture-level cities. The five jurisdictions of the real data (安徽省, 四川省,
甘肃省, 赣州市, 晋城市) are left out of the synthetic pool, so their registries stay the real ones.
Municipalities (北京, 天津, 上海, 重庆) are left out too: their departments are 市 bodies of a
province-level place, a shape none of the five plans has.
"""

from __future__ import annotations

from dataclasses import dataclass

# (id, full name, short name, abbreviation, prefecture-level cities)
PROVINCES: tuple[tuple[str, str, str, str, str], ...] = (
    ("hebei", "河北省", "河北", "冀", "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水"),
    ("shanxi", "山西省", "山西", "晋", "太原 大同 阳泉 长治 朔州 晋中 运城 忻州 临汾 吕梁"),
    ("liaoning", "辽宁省", "辽宁", "辽", "沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛"),
    ("jilin", "吉林省", "吉林", "吉", "长春 吉林 四平 辽源 通化 白山 松原 白城"),
    ("heilongjiang", "黑龙江省", "黑龙江", "黑", "哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化"),
    ("jiangsu", "江苏省", "江苏", "苏", "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁"),
    ("zhejiang", "浙江省", "浙江", "浙", "杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水"),
    ("anhui", "安徽省", "安徽", "皖", "合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城"),
    ("fujian", "福建省", "福建", "闽", "福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德"),
    ("jiangxi", "江西省", "江西", "赣", "南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶"),
    ("shandong", "山东省", "山东", "鲁", "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽"),
    ("henan", "河南省", "河南", "豫",
     "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店"),
    ("hubei", "湖北省", "湖北", "鄂", "武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州"),
    ("hunan", "湖南省", "湖南", "湘", "长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底"),
    ("guangdong", "广东省", "广东", "粤",
     "广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮"),
    ("hainan", "海南省", "海南", "琼", "海口 三亚 儋州"),
    ("sichuan", "四川省", "四川", "川",
     "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳"),
    ("guizhou", "贵州省", "贵州", "黔", "贵阳 六盘水 遵义 安顺 毕节 铜仁"),
    ("yunnan", "云南省", "云南", "滇", "昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧"),
    ("shaanxi", "陕西省", "陕西", "陕", "西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛"),
    ("gansu", "甘肃省", "甘肃", "甘", "兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南"),
    ("qinghai", "青海省", "青海", "青", "西宁 海东"),
    ("neimenggu", "内蒙古自治区", "内蒙古", "蒙", "呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布"),
    ("guangxi", "广西壮族自治区", "广西", "桂",
     "南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左"),
    ("xizang", "西藏自治区", "西藏", "藏", "拉萨 日喀则 昌都 林芝 山南 那曲"),
    ("ningxia", "宁夏回族自治区", "宁夏", "宁", "银川 石嘴山 吴忠 固原 中卫"),
    ("xinjiang", "新疆维吾尔自治区", "新疆", "新", "乌鲁木齐 克拉玛依 吐鲁番 哈密"),
)

# Already in data/ with their real registries.
REAL = {"安徽省", "四川省", "甘肃省", "赣州市", "晋城市"}


@dataclass(frozen=True)
class Place:
    """A jurisdiction the corpus can give plans to."""

    id: str
    level: str  # province or city
    full: str  # 河北省, 保定市
    short: str  # 河北, 保定
    abbr: str  # 冀, 保: the character a document number starts with
    province: "Place | None" = None


def pool() -> tuple[list[Place], list[Place]]:
    """The provinces and the cities the corpus may use, in a fixed order, with unique ids.

    Province-level ids are the usual pinyin (shanxi 山西, shaanxi 陕西); a city whose pinyin is
    already taken (吉林市 after 吉林省, 台州 after 泰州) gets its province's id appended.
    """
    from pypinyin import lazy_pinyin

    provinces, cities, taken = [], [], set()
    for pid, full, short, abbr, city_names in PROVINCES:
        province = Place(pid, "province", full, short, abbr)
        taken.add(pid)
        if full not in REAL and full.endswith("省"):
            provinces.append(province)
        for name in city_names.split():
            if name + "市" in REAL:
                continue
            cid = "".join(lazy_pinyin(name)).lower()
            if cid in taken:
                cid = f"{cid}-{pid}"
            taken.add(cid)
            cities.append(Place(cid, "city", name + "市", name, name[0], province))
    return provinces, cities
