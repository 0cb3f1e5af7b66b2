#!/usr/bin/env python3
"""Generate data/regions.toml, the 地区 gazetteer of Beijing, Tianjin and Hebei.

How to run (from the repository root):

    pip install pypinyin
    pip install cpca && python3 scripts/gen_regions.py      # finds cpca's CSV itself
    # or, without cpca's dependencies (pandas, jieba, …):
    pip download cpca==0.5.5 --no-deps -d /tmp/cpca && unzip -o /tmp/cpca/*.whl -d /tmp/cpca
    python3 scripts/gen_regions.py --csv /tmp/cpca/cpca/resources/adcodes.csv
    python3 scripts/gen_regions.py --csv … --check   # exit 1 if data/regions.toml is stale

Tested with cpca 0.5.5 and pypinyin 0.55.0. The output is sorted and byte-for-byte
reproducible; the script does not import cpca (which pulls in pandas), it only locates
its bundled `resources/adcodes.csv` (columns adcode,name,longitude,latitude).

Sources (facts only): names, adcodes and coordinates come from cpca's adcodes.csv (MIT).
That CSV predates a few renames, so CORRECTIONS below applies the official changes since
2016 (邯郸 2016, 承德 2017, 唐山 2018, 邢台 2020) and fills the two coordinates it lacks.
Pinyin comes from pypinyin (MIT), with OVERRIDES for readings it gets wrong or that a
future version might change. Zones (towns, development areas) are hand-listed in ZONES
with approximate coordinates (two decimals).

Placement: 雄县, 容城县 and 安新县 sit under 雄安新区 (`hebei/xiongan`), a city-level entry
directly under Hebei with no adcode. 定州 and 辛集 (provincially administered) sit under
保定 and 石家庄 with their statistical codes 130682 and 130181.

Rules
- stem: the full name minus one suffix: 自治县 with its ethnic prefix (大厂回族自治县 → 大厂),
  新区, 矿区, 省, 市, 区, 县. A one-character stem keeps its suffix (雄县, 赵县).
  Zones only lose 新区 (渤海新区 → 渤海).
- leaf key: toneless pinyin of the stem, lowercase ASCII. When leaves collide anywhere
  in the table, the highest-level place keeps the bare leaf if it alone is at that
  level and every other one appends the pinyin of its suffix (河北区 → hebeiqu,
  承德县 → chengdexian, 正定新区 → zhengdingxinqu); when several share the top level all
  of them append it (qiaoxiqu ×2, xinhuaqu ×2, jingxingxian/jingxingkuangqu). Such a
  leaf may still be shared (qiaoxiqu, xinhuaqu, and weixian for 威县/魏县, whose
  one-character stems already carry 县) and must then be written as a full key.
  LEAF_EXCEPTIONS: 天津 蓟州区 keeps `jizhou` (benchmark), so 衡水 冀州区 is `jizhouqu`.
- key: parent key + "/" + leaf; parent is the city for Hebei, the municipality for
  北京/天津 districts, the county for a zone (or the city, for zones spanning counties).
- name (what the site shows): the stem, except that the suffix is kept when the stem is
  one character, when two places share the stem (same Chinese collision rule as keys:
  河北区, 桥西区, 新华区, 承德县, 井陉县), for 新区 and 矿区 (滨海新区, 渤海新区, 峰峰矿区),
  and for the stems in KEEP_SUFFIX, which are everyday words or better known as something
  else (和平, 长安, 复兴, 运河, 路南 …); all six central Tianjin districts keep 区 as
  local usage does. Exception: 雄安新区 shows as 雄安.
- aliases: the full name when it differs from the name, then hand-listed extras (former
  names of renamed counties, 北京城市副中心 for 通州, …).
- order: roots in the order 北京, 天津, 河北, then by key, so parents precede children.
"""

import argparse
import csv
import importlib.util
import json
import os
import sys

from pypinyin import lazy_pinyin

PROVINCES = {"11": "beijing", "12": "tianjin", "13": "hebei"}
ROOT_ORDER = ["beijing", "tianjin", "hebei"]

# Place-name readings pypinyin gets wrong (朝阳, 泊头, 望都, 襄都, 信都, 于家堡) plus the
# polyphonic ones we checked by hand, pinned so a pypinyin upgrade cannot change keys.
# Matched as phrases, longest first; src/gazetteer.rs's tests carry the same table.
OVERRIDES = {
    "乐亭": "laoting", "蔚县": "yuxian", "朝阳": "chaoyang", "长安": "changan",
    "泊头": "botou", "大城": "dacheng", "井陉": "jingxing", "行唐": "xingtang",
    "藁城": "gaocheng", "栾城": "luancheng", "蠡县": "lixian", "曲阳": "quyang",
    "曲周": "quzhou", "柏乡": "baixiang", "任丘": "renqiu", "任泽": "renze",
    "阜平": "fuping", "阜城": "fucheng", "新乐": "xinle", "涞水": "laishui",
    "望都": "wangdu", "襄都": "xiangdu", "信都": "xindu", "于家堡": "yujiapu",
    "宝坻": "baodi", "大厂": "dachang", "涿鹿": "zhuolu", "巨鹿": "julu",
    "大名": "daming", "沙河": "shahe",
}

SUFFIX_PINYIN = {"": "", "省": "sheng", "市": "shi", "区": "qu", "县": "xian",
                 "新区": "xinqu", "矿区": "kuangqu"}
ETHNIC_SUFFIXES = ["满族蒙古族自治县", "满族自治县", "回族自治县"]

# Stems that are everyday words or better known as something else; the name keeps
# its suffix so the site (and a later name matcher) does not confuse them.
KEEP_SUFFIX = {
    "和平", "河东", "河西", "南开", "红桥",  # central Tianjin, written with 区 locally
    "长安", "复兴", "运河", "万全", "海港", "路南", "路北", "桥东", "双桥", "开平",
    "大名", "无极", "沙河", "清河",
}

LEAF_EXCEPTIONS = {"120119": "jizhou"}  # 天津 蓟州区, required by the benchmark corpus

# Official changes since cpca's snapshot: old code -> (new code, new name) or None.
CORRECTIONS = {
    "130421": None,                      # 邯郸县, merged into 邯山区/丛台区 (2016)
    "130428": ("130407", "肥乡区"),       # 2016
    "130429": ("130408", "永年区"),       # 2016
    "130823": ("130881", "平泉市"),       # 2017
    "130223": ("130284", "滦州市"),       # 2018
    "130521": None,                      # 邢台县, merged into 信都区/襄都区 (2020)
    "130502": ("130502", "襄都区"),       # was 桥东区 (2020)
    "130503": ("130503", "信都区"),       # was 桥西区 (2020)
    "130526": ("130505", "任泽区"),       # was 任县 (2020)
    "130527": ("130506", "南和区"),       # was 南和县 (2020)
    "139001": ("130682", "定州市"),       # provincially administered, counted under 保定
    "139002": ("130181", "辛集市"),       # provincially administered, counted under 石家庄
}
# Former names kept as aliases so older articles still match (not 任县: "任县长").
FORMER_NAMES = {"130407": ["肥乡县"], "130408": ["永年县"], "130881": ["平泉县"],
                "130284": ["滦县"], "130506": ["南和县"]}
# (lat, lon) of county seats that the CSV leaves empty.
MISSING_COORDS = {"130682": (38.517602, 114.991389), "130181": (37.92904, 115.217451)}

XIONGAN_COUNTIES = {"130629", "130632", "130638"}  # 容城, 安新, 雄县

# Extra aliases by adcode.
EXTRA_ALIASES = {
    "110112": ["北京城市副中心", "城市副中心"],
    "120116": ["天津滨海新区"],
}

# Hand-listed zones: (parent key, name, full name, aliases, lat, lon).
ZONES = [
    ("beijing/daxing", "亦庄", "北京经济技术开发区", ["北京经开区", "北京亦庄", "亦庄新城"], 39.79, 116.51),
    ("beijing/daxing", "大兴机场", "北京大兴国际机场", ["大兴国际机场"], 39.51, 116.41),
    ("beijing/haidian", "中关村", "中关村", ["中关村科学城"], 39.98, 116.32),
    ("beijing/huairou", "怀柔科学城", "怀柔科学城", ["怀柔综合性国家科学中心"], 40.38, 116.66),
    ("beijing/changping", "未来科学城", "未来科学城", ["北京未来科学城"], 40.10, 116.44),
    ("tianjin/binhai", "中新生态城", "中新天津生态城", ["天津生态城"], 39.13, 117.76),
    ("tianjin/binhai", "天津港", "天津港", [], 38.98, 117.77),
    ("tianjin/binhai", "于家堡", "于家堡金融区", [], 39.02, 117.70),
    ("tianjin/binhai", "天津开发区", "天津经济技术开发区", ["天津经开区", "泰达"], 39.05, 117.70),
    ("hebei/langfang/sanhe", "燕郊", "燕郊镇", ["燕郊高新区"], 39.95, 116.82),
    ("hebei/cangzhou", "渤海新区", "沧州渤海新区", [], 38.33, 117.70),
    ("hebei/shijiazhuang/zhengding", "正定新区", "正定新区", [], 38.13, 114.62),
    ("hebei/xiongan/anxin", "白洋淀", "白洋淀", [], 38.92, 115.98),
    ("hebei/baoding/gaobeidian", "白沟", "白沟新城", ["白沟镇"], 39.12, 116.03),
    ("hebei/qinhuangdao", "北戴河新区", "北戴河新区", [], 39.65, 119.40),
]

LEVEL_RANK = {"province": 0, "city": 1, "county": 2, "zone": 3}

# County-level divisions per province after CORRECTIONS; a different cpca snapshot
# that breaks these needs its CORRECTIONS reviewed.
EXPECTED_COUNTIES = {"11": 16, "12": 16, "13": 167}


def to_pinyin(text):
    """Toneless lowercase pinyin, applying OVERRIDES as phrases (longest first)."""
    phrases = sorted(OVERRIDES, key=len, reverse=True)
    out, i = [], 0
    while i < len(text):
        hit = next((p for p in phrases if text.startswith(p, i)), None)
        if hit:
            out.append(OVERRIDES[hit])
            i += len(hit)
        else:
            out.append("".join(lazy_pinyin(text[i])))
            i += 1
    result = "".join(out).replace("ü", "v").lower()
    if not result.isascii() or not result.isalpha():
        sys.exit(f"pinyin of {text!r} is not ASCII letters: {result!r}")
    return result


def split_suffix(full_name, level):
    """Return (stem, suffix) for a full official name."""
    if level == "zone":
        suffixes = ["新区"]
    else:
        suffixes = ["新区", "矿区", "省", "市", "区", "县"]
    for ethnic in ETHNIC_SUFFIXES:
        if full_name.endswith(ethnic):
            return full_name[: -len(ethnic)], "县"
    for suffix in suffixes:
        if full_name.endswith(suffix) and len(full_name) > len(suffix):
            stem = full_name[: -len(suffix)]
            if len(stem) == 1:
                return full_name, ""
            return stem, suffix
    return full_name, ""


def find_csv(explicit):
    if explicit:
        return explicit
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("cpca is not installed: pip install cpca, or pass --csv PATH/adcodes.csv")
    return os.path.join(list(spec.submodule_search_locations)[0], "resources", "adcodes.csv")


def read_divisions(path):
    """Read the CSV rows of 北京, 天津 and 河北, applying CORRECTIONS."""
    rows = {}
    with open(path, encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            code = rec["adcode"][:6]
            if code[:2] not in PROVINCES or rec["name"] in ("市辖区", "省直辖县级行政区划"):
                continue
            name, lat, lon = rec["name"], rec["latitude"], rec["longitude"]
            if code in CORRECTIONS:
                if CORRECTIONS[code] is None:
                    continue
                code, name = CORRECTIONS[code]
            if code in MISSING_COORDS:
                lat, lon = MISSING_COORDS[code]
            rows[code] = (name, float(lat), float(lon))
    return rows


def level_of(code):
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "city"
    return "county"


def check_counts(rows):
    for prov, expected in EXPECTED_COUNTIES.items():
        found = sum(1 for c in rows if c[:2] == prov and level_of(c) == "county")
        if found != expected:
            sys.exit(f"province {prov}: {found} county-level divisions, expected {expected}; "
                     "review CORRECTIONS against the CSV")


def build_places(rows):
    """Turn CSV rows and ZONES into place dicts with stems, parents still as codes."""
    places = []
    for code, (full_name, lat, lon) in sorted(rows.items()):
        level = level_of(code)
        stem, suffix = split_suffix(full_name, level)
        if level == "county" and code[:2] == "13":
            parent = "xiongan" if code in XIONGAN_COUNTIES else code[:4] + "00"
        elif level == "county" or level == "city":
            parent = code[:2] + "0000"
        else:
            parent = None
        places.append(dict(ref=code, code=code, full_name=full_name, level=level, stem=stem,
                           suffix=suffix, lat=lat, lon=lon, parent=parent,
                           aliases=FORMER_NAMES.get(code, []) + EXTRA_ALIASES.get(code, [])))
    seats = [p for p in places if p["code"] in XIONGAN_COUNTIES]
    places.append(dict(ref="xiongan", code=None, full_name="雄安新区", level="city", stem="雄安",
                       suffix="新区", name="雄安", parent="130000", aliases=["河北雄安新区"],
                       # the mean of its three county seats
                       lat=round(sum(p["lat"] for p in seats) / 3, 4),
                       lon=round(sum(p["lon"] for p in seats) / 3, 4)))
    for parent_key, name, full_name, aliases, lat, lon in ZONES:
        stem, suffix = split_suffix(name, "zone")
        places.append(dict(ref=None, code=None, full_name=full_name, level="zone", stem=stem,
                           suffix=suffix, name=name, parent_key=parent_key,
                           aliases=aliases, lat=lat, lon=lon))
    return places


def suffixed_when_colliding(places, group_of):
    """Ids of places that must keep their suffix because `group_of` collides."""
    groups = {}
    for i, p in enumerate(places):
        groups.setdefault(group_of(p), []).append(i)
    keep = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        top = min(LEVEL_RANK[places[i]["level"]] for i in members)
        at_top = [i for i in members if LEVEL_RANK[places[i]["level"]] == top]
        for i in members:
            if len(at_top) > 1 or LEVEL_RANK[places[i]["level"]] > top:
                keep.add(i)
    return keep


def assign_leaves_and_names(places):
    for p in places:
        p["stem_pinyin"] = to_pinyin(p["stem"])
    leaf_keep = suffixed_when_colliding(places, lambda p: p["stem_pinyin"])
    name_keep = suffixed_when_colliding(places, lambda p: p["stem"])
    for i, p in enumerate(places):
        leaf = p["stem_pinyin"]
        if i in leaf_keep and p["code"] not in LEAF_EXCEPTIONS:
            leaf += SUFFIX_PINYIN[p["suffix"]]
        p["leaf"] = LEAF_EXCEPTIONS.get(p["code"], leaf)
        if "name" not in p:
            keep = (i in name_keep or p["suffix"] in ("新区", "矿区")
                    or p["stem"] in KEEP_SUFFIX)
            p["name"] = p["stem"] + p["suffix"] if keep else p["stem"]


def assign_keys(places):
    by_ref = {p["ref"]: p for p in places if p["ref"]}
    def key_of(p):
        if "key" not in p:
            if p.get("parent_key"):
                p["key"] = p["parent_key"] + "/" + p["leaf"]
            elif p["parent"] is None:
                p["key"] = p["leaf"]
            else:
                p["key"] = key_of(by_ref[p["parent"]]) + "/" + p["leaf"]
        return p["key"]
    for p in places:
        key_of(p)
    keys = [p["key"] for p in places]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        sys.exit(f"duplicate keys: {dupes}")
    known = set(keys)
    for k in keys:
        if "/" in k and k.rsplit("/", 1)[0] not in known:
            sys.exit(f"key {k} has no parent")


def aliases_of(p):
    out = []
    for alias in [p["full_name"]] + p["aliases"]:
        if alias != p["name"] and alias not in out:
            out.append(alias)
    return out


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


def render(places, csv_name):
    def order(p):
        return (ROOT_ORDER.index(p["key"].split("/")[0]), p["key"])
    lines = [
        "# 地区 gazetteer of 北京, 天津 and 河北: provinces, cities, county-level divisions",
        "# and a few zones. Generated by scripts/gen_regions.py; do not edit by hand.",
        f"# Source: {csv_name} from the cpca package (MIT), with pypinyin (MIT) for keys;",
        "# post-2016 renames, 雄安 and the zones are listed in the script.",
        "",
    ]
    for p in sorted(places, key=order):
        lines.append("[[region]]")
        lines.append(f"key = {toml_str(p['key'])}")
        lines.append(f"name = {toml_str(p['name'])}")
        lines.append(f"full_name = {toml_str(p['full_name'])}")
        lines.append(f"level = {toml_str(p['level'])}")
        if p["code"]:
            lines.append(f"code = {toml_str(p['code'])}")
        lines.append("aliases = [" + ", ".join(toml_str(a) for a in aliases_of(p)) + "]")
        lines.append(f"lat = {round(p['lat'], 6)!r}")
        lines.append(f"lon = {round(p['lon'], 6)!r}")
        lines.append("")
    return "\n".join(lines)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", help="path to cpca's resources/adcodes.csv")
    ap.add_argument("--out", default=os.path.join(here, "..", "data", "regions.toml"))
    ap.add_argument("--check", action="store_true", help="compare instead of writing")
    args = ap.parse_args()

    rows = read_divisions(find_csv(args.csv))
    check_counts(rows)
    places = build_places(rows)
    assign_leaves_and_names(places)
    assign_keys(places)
    text = render(places, "resources/adcodes.csv")
    if args.check:
        with open(args.out, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit(f"{args.out} is stale: rerun scripts/gen_regions.py")
        print(f"{args.out} is up to date ({len(places)} regions)")
        return
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {len(places)} regions to {args.out}")


if __name__ == "__main__":
    main()
