//! Unit tests for the gazetteer: the built-in data, lookup, and validation.

use super::*;
use pinyin::ToPinyin;

fn gaz() -> Gazetteer {
    Gazetteer::builtin().expect("built-in regions load")
}

fn key_of(g: &Gazetteer, id: RegionId) -> &str {
    &g.get(id).key
}

fn region(key: &str, name: &str) -> Region {
    Region {
        key: key.to_owned(),
        name: name.to_owned(),
        full_name: name.to_owned(),
        level: Level::Zone,
        code: None,
        aliases: Vec::new(),
        lat: 39.0,
        lon: 116.0,
    }
}

fn resolve_name(g: &Gazetteer, key: &str) -> String {
    g.get(g.resolve(key).unwrap_or_else(|e| panic!("{e}")))
        .name
        .clone()
}

fn count(g: &Gazetteer, root: &str, level: Level) -> usize {
    g.iter()
        .filter(|(_, r)| r.level == level && r.key.split('/').next() == Some(root))
        .count()
}

#[test]
fn builtin_loads() {
    assert!(!gaz().is_empty());
}

#[test]
fn beijing_has_sixteen_districts() {
    let g = gaz();
    assert_eq!(g.children(g.id("beijing").unwrap()).len(), 16);
    assert_eq!(count(&g, "beijing", Level::County), 16);
}

#[test]
fn tianjin_has_sixteen_districts() {
    let g = gaz();
    assert_eq!(g.children(g.id("tianjin").unwrap()).len(), 16);
    assert_eq!(count(&g, "tianjin", Level::County), 16);
}

#[test]
fn hebei_has_eleven_cities_and_xiongan() {
    let g = gaz();
    assert_eq!(g.children(g.id("hebei").unwrap()).len(), 12);
    assert_eq!(count(&g, "hebei", Level::City), 12);
}

/// Hebei's 167 county-level divisions as of the 2020 邢台 changes: 49 districts,
/// 21 county-level cities (定州 and 辛集 included), 91 counties and 6 autonomous
/// counties; 3 of them (雄县, 容城, 安新) are listed under 雄安.
#[test]
fn hebei_has_167_county_level_divisions() {
    let g = gaz();
    assert_eq!(count(&g, "hebei", Level::County), 167);
    assert_eq!(g.children(g.id("hebei/xiongan").unwrap()).len(), 3);
}

/// 3 provinces + 12 cities + 16 + 16 + 167 county-level + 15 zones.
#[test]
fn total_count_adds_up() {
    let g = gaz();
    let zones = g.iter().filter(|(_, r)| r.level == Level::Zone).count();
    assert_eq!(zones, 15);
    assert_eq!(g.len(), 3 + 12 + 16 + 16 + 167 + 15);
}

#[test]
fn benchmark_leaf_keys_resolve_to_their_places() {
    let g = gaz();
    let table = "beijing 北京 tongzhou 通州 daxing 大兴 haidian 海淀 chaoyang 朝阳 \
        fengtai 丰台 shunyi 顺义 changping 昌平 fangshan 房山 pinggu 平谷 miyun 密云 \
        yanqing 延庆 huairou 怀柔 mentougou 门头沟 tianjin 天津 wuqing 武清 \
        binhai 滨海新区 baodi 宝坻 jinghai 静海 ninghe 宁河 jizhou 蓟州 xiqing 西青 \
        dongli 东丽 beichen 北辰 hebei 河北 shijiazhuang 石家庄 tangshan 唐山 \
        baoding 保定 langfang 廊坊 cangzhou 沧州 xiongan 雄安 zhangjiakou 张家口 \
        chengde 承德 hengshui 衡水 xingtai 邢台 handan 邯郸 qinhuangdao 秦皇岛 \
        sanhe 三河 zhuozhou 涿州 guan 固安 yanjiao 燕郊 caofeidian 曹妃甸 \
        xianghe 香河 dachang 大厂";
    let words: Vec<&str> = table.split_whitespace().collect();
    assert_eq!(words.len(), 2 * 44);
    for pair in words.chunks(2) {
        assert_eq!(resolve_name(&g, pair[0]), pair[1], "leaf `{}`", pair[0]);
    }
}

#[test]
fn hebeiqu_is_the_tianjin_district_and_hebei_the_province() {
    let g = gaz();
    assert_eq!(key_of(&g, g.resolve("hebeiqu").unwrap()), "tianjin/hebeiqu");
    assert_eq!(g.get(g.resolve("hebeiqu").unwrap()).name, "河北区");
    assert_eq!(g.get(g.resolve("hebei").unwrap()).level, Level::Province);
}

#[test]
fn jizhou_is_tianjin_and_jizhouqu_is_hengshui() {
    let g = gaz();
    assert_eq!(key_of(&g, g.resolve("jizhou").unwrap()), "tianjin/jizhou");
    assert_eq!(
        key_of(&g, g.resolve("jizhouqu").unwrap()),
        "hebei/hengshui/jizhouqu"
    );
}

#[test]
fn county_named_like_its_city_keeps_its_suffix() {
    let g = gaz();
    assert_eq!(
        key_of(&g, g.resolve("chengdexian").unwrap()),
        "hebei/chengde/chengdexian"
    );
    assert_eq!(key_of(&g, g.resolve("chengde").unwrap()), "hebei/chengde");
}

#[test]
fn xiongan_counties_sit_under_xiongan() {
    let g = gaz();
    for leaf in ["xiongxian", "rongcheng", "anxin"] {
        let id = g.resolve(leaf).unwrap();
        assert_eq!(key_of(&g, g.parent(id).unwrap()), "hebei/xiongan", "{leaf}");
    }
}

#[test]
fn shared_leaf_is_ambiguous_with_candidates() {
    let err = gaz().resolve("qiaoxiqu").unwrap_err();
    let candidates = vec![
        "hebei/shijiazhuang/qiaoxiqu".to_owned(),
        "hebei/zhangjiakou/qiaoxiqu".to_owned(),
    ];
    assert_eq!(
        err,
        ResolveError::Ambiguous {
            key: "qiaoxiqu".into(),
            candidates
        }
    );
    assert!(err.to_string().ends_with("; write the full key"), "{err}");
}

#[test]
fn trailing_part_of_a_key_disambiguates() {
    let g = gaz();
    let id = g.resolve("shijiazhuang/qiaoxiqu").unwrap();
    assert_eq!(key_of(&g, id), "hebei/shijiazhuang/qiaoxiqu");
    assert_eq!(
        key_of(&g, g.resolve("sanhe/yanjiao").unwrap()),
        "hebei/langfang/sanhe/yanjiao"
    );
}

#[test]
fn resolve_trims_and_ignores_ascii_case() {
    let g = gaz();
    assert_eq!(
        key_of(&g, g.resolve("  Hebei/CangZhou\n").unwrap()),
        "hebei/cangzhou"
    );
    assert_eq!(
        key_of(&g, g.resolve(" HEJIAN ").unwrap()),
        "hebei/cangzhou/hejian"
    );
}

#[test]
fn id_needs_the_exact_full_key() {
    let g = gaz();
    assert!(g.id("hebei/cangzhou").is_some());
    assert_eq!(g.id("cangzhou"), None);
}

#[test]
fn unknown_key_suggests_the_closest() {
    let err = gaz().resolve("cangzou").unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown region `cangzou`; did you mean `hebei/cangzhou`?"
    );
}

#[test]
fn unknown_full_key_suggests_the_closest() {
    let ResolveError::Unknown { suggestions, .. } =
        gaz().resolve("hebei/langfang/guann").unwrap_err()
    else {
        panic!("expected unknown");
    };
    assert_eq!(
        suggestions.first().map(String::as_str),
        Some("hebei/langfang/guan")
    );
}

#[test]
fn unknown_key_without_close_match_has_no_suggestion() {
    let err = gaz().resolve("zzzzzzzzzz").unwrap_err();
    assert_eq!(err.to_string(), "unknown region `zzzzzzzzzz`");
}

#[test]
fn chinese_name_in_key_position_suggests_its_key() {
    let g = gaz();
    for (written, key) in [
        ("沧州", "hebei/cangzhou"),
        ("沧州市", "hebei/cangzhou"),
        ("北京城市副中心", "beijing/tongzhou"),
    ] {
        let err = g.resolve(written).unwrap_err();
        let expected = ResolveError::Unknown {
            key: written.into(),
            suggestions: vec![key.into()],
        };
        assert_eq!(err, expected);
    }
}

#[test]
fn suggestion_lists_are_joined_with_or() {
    assert_eq!(suggest(&[]), "");
    assert_eq!(
        suggest(&["a".into(), "b".into(), "c".into()]),
        "; did you mean `a`, `b` or `c`?"
    );
}

#[test]
fn ancestors_of_hejian_are_cangzhou_then_hebei() {
    let g = gaz();
    let keys: Vec<&str> = g
        .ancestors(g.resolve("hejian").unwrap())
        .map(|id| key_of(&g, id))
        .collect();
    assert_eq!(keys, ["hebei/cangzhou", "hebei"]);
}

#[test]
fn ancestors_of_a_root_are_empty() {
    let g = gaz();
    assert_eq!(g.ancestors(g.id("beijing").unwrap()).count(), 0);
    assert_eq!(g.parent(g.id("beijing").unwrap()), None);
}

#[test]
fn children_are_sorted_by_key() {
    let g = gaz();
    for (id, _) in g.iter() {
        let keys: Vec<&str> = g.children(id).iter().map(|&c| key_of(&g, c)).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
    }
}

#[test]
fn roots_are_beijing_tianjin_hebei() {
    let g = gaz();
    let keys: Vec<&str> = g.roots().iter().map(|&id| key_of(&g, id)).collect();
    assert_eq!(keys, ["beijing", "tianjin", "hebei"]);
}

#[test]
fn iter_lists_parents_before_children() {
    let g = gaz();
    for (id, _) in g.iter() {
        assert!(g.ancestors(id).all(|a| a < id));
    }
}

#[test]
fn keys_are_unique_lowercase_ascii() {
    let g = gaz();
    let mut keys: Vec<&str> = g.iter().map(|(_, r)| r.key.as_str()).collect();
    assert!(keys
        .iter()
        .all(|k| k.bytes().all(|b| b == b'/' || b.is_ascii_lowercase())));
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), g.len());
}

#[test]
fn every_non_root_has_its_parent() {
    let g = gaz();
    for (id, r) in g.iter() {
        let parent = g.parent(id).map(|p| key_of(&g, p));
        assert_eq!(parent, r.parent_key(), "{}", r.key);
    }
}

#[test]
fn coordinates_lie_in_jingjinji() {
    for (_, r) in gaz().iter() {
        assert!(
            (36.0..=43.0).contains(&r.lat) && (113.0..=120.0).contains(&r.lon),
            "{}",
            r.key
        );
    }
}

#[test]
fn divisions_have_six_digit_codes() {
    for (_, r) in gaz().iter() {
        let needs_code = r.level != Level::Zone && r.key != "hebei/xiongan";
        let ok = r
            .code
            .as_deref()
            .is_some_and(|c| c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(ok, needs_code, "{}", r.key);
    }
}

#[test]
fn names_are_unique_except_same_named_districts() {
    let g = gaz();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (_, name) in g.names() {
        *seen.entry(name).or_default() += 1;
    }
    let mut shared: Vec<&str> = seen
        .into_iter()
        .filter(|&(_, n)| n > 1)
        .map(|(s, _)| s)
        .collect();
    shared.sort_unstable();
    assert_eq!(shared, ["新华区", "桥西区"]);
}

#[test]
fn names_list_name_full_name_and_aliases_once() {
    let g = gaz();
    let tongzhou = g.resolve("tongzhou").unwrap();
    let names: Vec<&str> = g
        .names()
        .filter(|&(id, _)| id == tongzhou)
        .map(|(_, n)| n)
        .collect();
    assert_eq!(names, ["通州", "通州区", "北京城市副中心", "城市副中心"]);
}

/// Readings the `pinyin` crate gets wrong or could get wrong for place names; the
/// same table as OVERRIDES in scripts/gen_regions.py.
const PINYIN_OVERRIDES: &str = "乐亭 laoting 蔚县 yuxian 朝阳 chaoyang 长安 changan \
    泊头 botou 大城 dacheng 井陉 jingxing 行唐 xingtang 藁城 gaocheng 栾城 luancheng \
    蠡县 lixian 曲阳 quyang 曲周 quzhou 柏乡 baixiang 任丘 renqiu 任泽 renze \
    阜平 fuping 阜城 fucheng 新乐 xinle 涞水 laishui 望都 wangdu 襄都 xiangdu \
    信都 xindu 于家堡 yujiapu 宝坻 baodi 大厂 dachang 涿鹿 zhuolu 巨鹿 julu \
    大名 daming 沙河 shahe";

/// Toneless pinyin with the overrides applied as phrases, longest first.
fn toneless(text: &str) -> String {
    let words: Vec<&str> = PINYIN_OVERRIDES.split_whitespace().collect();
    let overrides: Vec<(&str, &str)> = words.chunks(2).map(|w| (w[0], w[1])).collect();
    let mut out = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let hit = overrides
            .iter()
            .filter(|(phrase, _)| rest.starts_with(phrase))
            .max_by_key(|(phrase, _)| phrase.len());
        if let Some((phrase, reading)) = hit {
            out.push_str(reading);
            rest = &rest[phrase.len()..];
        } else {
            out.push_str(c.to_pinyin().map_or("?", |p| p.plain()));
            rest = &rest[c.len_utf8()..];
        }
    }
    out.replace('ü', "v")
}

/// A name minus one administrative suffix, as in the generator's `split_suffix`.
fn strip_suffix(name: &str) -> &str {
    let suffixes = [
        "满族蒙古族自治县",
        "满族自治县",
        "回族自治县",
        "新区",
        "矿区",
        "省",
        "市",
        "区",
        "县",
    ];
    suffixes
        .iter()
        .find_map(|s| name.strip_suffix(s))
        .unwrap_or(name)
}

#[test]
fn leaf_is_toneless_pinyin_of_the_short_name() {
    for (_, r) in gaz().iter() {
        let forms = [
            r.name.as_str(),
            &r.full_name,
            strip_suffix(&r.name),
            strip_suffix(&r.full_name),
        ];
        let readings: Vec<String> = forms.iter().map(|f| toneless(f)).collect();
        assert!(
            readings.iter().any(|p| p == r.leaf()),
            "{}: {readings:?}",
            r.key
        );
    }
}

#[test]
fn overrides_match_the_generator() {
    let script = include_str!("../../scripts/gen_regions.py");
    let words: Vec<&str> = PINYIN_OVERRIDES.split_whitespace().collect();
    for pair in words.chunks(2) {
        let entry = format!("\"{}\": \"{}\"", pair[0], pair[1]);
        assert!(script.contains(&entry), "{entry} missing from OVERRIDES");
    }
}

#[test]
fn data_is_ordered_by_root_then_key() {
    let g = gaz();
    let rank = |k: &str| {
        ["beijing", "tianjin", "hebei"]
            .iter()
            .position(|r| k.split('/').next() == Some(*r))
    };
    let order: Vec<_> = g
        .iter()
        .map(|(_, r)| (rank(&r.key), r.key.as_str()))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn toneless_applies_overrides() {
    assert_eq!(toneless("乐亭县"), "laotingxian");
    assert_eq!(toneless("海淀区"), "haidianqu");
}

#[test]
fn region_leaf_parent_key_and_depth() {
    let r = region("hebei/cangzhou/hejian", "河间");
    assert_eq!(
        (r.leaf(), r.parent_key(), r.depth()),
        ("hejian", Some("hebei/cangzhou"), 2)
    );
    let root = region("hebei", "河北");
    assert_eq!(
        (root.leaf(), root.parent_key(), root.depth()),
        ("hebei", None, 0)
    );
}

#[test]
fn extend_adds_a_place() {
    let mut g = gaz();
    let before = g.len();
    g.extend(vec![region("hebei/langfang/guan/guanzhen", "固安镇")])
        .unwrap();
    assert_eq!(g.len(), before + 1);
    let id = g.resolve("guanzhen").unwrap();
    assert_eq!(key_of(&g, g.parent(id).unwrap()), "hebei/langfang/guan");
    assert!(g.children(g.parent(id).unwrap()).contains(&id));
}

#[test]
fn extend_replaces_an_existing_key() {
    let mut g = gaz();
    let before = g.len();
    let old = g.id("beijing/tongzhou").unwrap();
    let mut fixed = g.get(old).clone();
    fixed.name = "通州区".into();
    g.extend(vec![fixed]).unwrap();
    assert_eq!(g.len(), before);
    assert_eq!(g.id("beijing/tongzhou"), Some(old));
    assert_eq!(g.get(old).name, "通州区");
}

#[test]
fn failed_extend_leaves_the_gazetteer_unchanged() {
    let mut g = gaz();
    let before = g.len();
    let err = g
        .extend(vec![region("hebei/nowhere/town", "某镇")])
        .unwrap_err();
    assert!(matches!(err, GazetteerError::MissingParent { .. }));
    assert_eq!(g.len(), before);
}

#[test]
fn extend_rejects_a_key_given_twice() {
    let mut g = gaz();
    let err = g
        .extend(vec![region("beijing/x", "甲"), region("beijing/x", "乙")])
        .unwrap_err();
    assert_eq!(
        err,
        GazetteerError::DuplicateKey {
            key: "beijing/x".into()
        }
    );
}

#[test]
fn from_regions_rejects_a_duplicate_key() {
    let err = Gazetteer::from_regions(vec![region("hebei", "河北"), region("hebei", "河北")])
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "region `hebei` is listed twice; remove one or give it another key"
    );
}

#[test]
fn from_regions_rejects_a_missing_parent() {
    let err = Gazetteer::from_regions(vec![region("hebei/cangzhou", "沧州")]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "region `hebei/cangzhou` has no parent `hebei`; add `hebei` or fix the key"
    );
}

#[test]
fn from_regions_rejects_a_child_before_its_parent() {
    let regions = vec![region("hebei/cangzhou", "沧州"), region("hebei", "河北")];
    let err = Gazetteer::from_regions(regions).unwrap_err();
    assert!(
        matches!(err, GazetteerError::ParentAfterChild { .. }),
        "{err}"
    );
}

#[test]
fn from_regions_rejects_invalid_keys() {
    for key in [
        "Hebei", "hebei/", "/hebei", "he bei", "hebei//x", "hébei", "hebei2", "",
    ] {
        let err = Gazetteer::from_regions(vec![region(key, "河北")]).unwrap_err();
        assert_eq!(
            err,
            GazetteerError::InvalidKey { key: key.into() },
            "{key:?}"
        );
    }
}

#[test]
fn from_regions_rejects_non_finite_coordinates() {
    let mut r = region("hebei", "河北");
    r.lat = f64::NAN;
    let err = Gazetteer::from_regions(vec![r]).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("region `hebei` has coordinates (NaN, 116)"),
        "{err}"
    );
}

#[test]
fn from_regions_rejects_an_empty_name() {
    let err = Gazetteer::from_regions(vec![region("hebei", " ")]).unwrap_err();
    assert_eq!(
        err,
        GazetteerError::EmptyName {
            key: "hebei".into()
        }
    );
}

#[test]
fn parse_toml_reads_region_tables_with_defaults() {
    let src = "[[region]]\nkey = \"hebei\"\nname = \"河北\"\nfull_name = \"河北省\"\nlevel = \"province\"\nlat = 38.0\nlon = 114.5\n";
    let regions = Gazetteer::parse_toml(src).unwrap();
    assert_eq!(regions.len(), 1);
    assert_eq!(
        (regions[0].level, regions[0].code.as_deref()),
        (Level::Province, None)
    );
    assert!(regions[0].aliases.is_empty());
}

#[test]
fn parse_toml_rejects_an_unknown_field() {
    let src = "[[region]]\nkey = \"hebei\"\nname = \"河北\"\nfull_name = \"河北省\"\nlevel = \"province\"\nalias = []\nlat = 38.0\nlon = 114.5\n";
    let err = Gazetteer::parse_toml(src).unwrap_err();
    assert!(err.to_string().contains("alias"), "{err}");
}

#[test]
fn parse_toml_rejects_an_unknown_level() {
    let err = Gazetteer::parse_toml("[[region]]\nlevel = \"town\"\n").unwrap_err();
    assert!(matches!(err, GazetteerError::Parse { .. }), "{err}");
}

#[test]
fn level_serializes_lowercase() {
    let src = toml::to_string(&region("hebei", "河北")).unwrap();
    assert!(src.contains("level = \"zone\""), "{src}");
    assert!(!src.contains("code"), "{src}");
}
