//! What the place matcher looks for: every gazetteer name, the collective names of several
//! places (京津冀, 京冀, 通武廊 …), and a few phrases that contain a place name without naming a
//! place (北京时间), all in one leftmost-longest automaton.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::gazetteer::{Gazetteer, Level, RegionId};

/// Collective names and the keys of the places they stand for. 京津冀 alone means the three
/// together; the two-character forms are the usual abbreviations (京 北京, 津 天津, 冀 河北).
/// The local groups (通武廊, 北三县, 雄安三县) name each member as specifically as its own name.
const GROUPS: &[(&str, &[&str])] = &[
    ("京津冀", &["beijing", "tianjin", "hebei"]),
    ("京津", &["beijing", "tianjin"]),
    ("津京", &["beijing", "tianjin"]),
    ("京冀", &["beijing", "hebei"]),
    ("冀京", &["beijing", "hebei"]),
    ("津冀", &["tianjin", "hebei"]),
    ("冀津", &["tianjin", "hebei"]),
    (
        "通武廊",
        &["beijing/tongzhou", "tianjin/wuqing", "hebei/langfang"],
    ),
    (
        "北三县",
        &[
            "hebei/langfang/sanhe",
            "hebei/langfang/dachang",
            "hebei/langfang/xianghe",
        ],
    ),
    (
        "雄安三县",
        &[
            "hebei/xiongan/xiongxian",
            "hebei/xiongan/rongcheng",
            "hebei/xiongan/anxin",
        ],
    ),
];

/// Phrases that begin with a place name but name no place; matching them whole keeps the
/// shorter name inside from being found.
const STOPS: &[&str] = &[
    "北京时间",
    "北京非首都功能",
    "互联网大厂",
    "科技大厂",
    "头部大厂",
];

/// Characters that end an administrative name (区, 县, 市 …).
const ADMIN_SUFFIXES: &[char] = &['区', '县', '市', '镇', '乡', '旗', '省'];

/// What a pattern stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A place name; several regions when the name is shared (桥西区).
    Place(Vec<RegionId>),
    /// A collective name for several places.
    Group(Vec<RegionId>),
    /// A phrase that only looks like a place name.
    Stop,
}

/// One pattern of the automaton.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The text matched.
    pub text: String,
    /// What it stands for.
    pub target: Target,
    /// A short name that is also an ordinary word or a generic phrase (朝阳, 大兴, 城市副中心):
    /// it counts only where segmentation agrees and the article supports it.
    pub weak: bool,
}

/// The automaton and its patterns (pattern id = index).
pub struct Patterns {
    /// Leftmost-longest matcher over every pattern text.
    pub ac: AhoCorasick,
    /// Patterns by id.
    pub list: Vec<Pattern>,
    by_text: HashMap<String, usize>,
}

impl Patterns {
    /// Builds the patterns for a gazetteer.
    pub fn new(gaz: &Gazetteer) -> Patterns {
        let mut list: Vec<Pattern> = Vec::new();
        let mut by_text: HashMap<String, usize> = HashMap::new();
        for (id, name) in gaz.names() {
            let weak = is_weak(gaz, id, name);
            match by_text.get(name) {
                Some(&i) => {
                    if let Target::Place(ids) = &mut list[i].target {
                        ids.push(id);
                    }
                    list[i].weak |= weak;
                }
                None => {
                    by_text.insert(name.to_string(), list.len());
                    list.push(Pattern {
                        text: name.to_string(),
                        target: Target::Place(vec![id]),
                        weak,
                    });
                }
            }
        }
        for (text, keys) in GROUPS {
            let ids: Option<Vec<RegionId>> = keys.iter().map(|k| gaz.id(k)).collect();
            if let (Some(ids), false) = (ids, by_text.contains_key(*text)) {
                by_text.insert(text.to_string(), list.len());
                list.push(Pattern {
                    text: text.to_string(),
                    target: Target::Group(ids),
                    weak: false,
                });
            }
        }
        for text in STOPS {
            if !by_text.contains_key(*text) {
                by_text.insert(text.to_string(), list.len());
                list.push(Pattern {
                    text: text.to_string(),
                    target: Target::Stop,
                    weak: false,
                });
            }
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(list.iter().map(|p| p.text.as_str()))
            .expect("place names form a valid automaton");
        Patterns { ac, list, by_text }
    }

    /// The id of the pattern with exactly this text.
    pub fn find(&self, text: &str) -> Option<usize> {
        self.by_text.get(text).copied()
    }
}

/// Whether `name` of region `id` is a weak name: a county or zone called by its short name
/// without an administrative suffix (朝阳, 大城, 燕郊), or an alias that contains neither its
/// own name nor a parent's (城市副中心, 泰达). A name containing a parent's name (天津港,
/// 怀柔科学城) is never weak.
fn is_weak(gaz: &Gazetteer, id: RegionId, name: &str) -> bool {
    let region = gaz.get(id);
    if matches!(region.level, Level::Province | Level::City)
        || gaz
            .ancestors(id)
            .any(|a| name.contains(gaz.get(a).name.as_str()))
    {
        return false;
    }
    if name == region.name {
        return !name.ends_with(ADMIN_SUFFIXES);
    }
    !(name == region.full_name || name.contains(region.name.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weak(name: &str) -> bool {
        let gaz = Gazetteer::builtin().unwrap();
        let patterns = Patterns::new(&gaz);
        patterns.list[patterns.find(name).unwrap()].weak
    }

    #[test]
    fn short_county_and_zone_names_are_weak() {
        for name in [
            "朝阳",
            "大兴",
            "大城",
            "燕郊",
            "中关村",
            "城市副中心",
            "泰达",
        ] {
            assert!(weak(name), "{name}");
        }
    }

    #[test]
    fn suffixed_city_and_parent_bearing_names_are_strong() {
        for name in [
            "朝阳区",
            "北京",
            "沧州",
            "雄县",
            "滨海新区",
            "天津港",
            "北京城市副中心",
            "燕郊镇",
        ] {
            assert!(!weak(name), "{name}");
        }
    }

    #[test]
    fn groups_and_stops_are_patterns() {
        let gaz = Gazetteer::builtin().unwrap();
        let patterns = Patterns::new(&gaz);
        let group = &patterns.list[patterns.find("京津冀").unwrap()];
        assert!(matches!(&group.target, Target::Group(ids) if ids.len() == 3));
        assert_eq!(
            patterns.list[patterns.find("北京时间").unwrap()].target,
            Target::Stop
        );
        let shared = &patterns.list[patterns.find("桥西区").unwrap()];
        assert!(matches!(&shared.target, Target::Place(ids) if ids.len() == 2));
    }
}
