//! Credit a mention gives to places other than the one it names, or takes away: a local group
//! (北三县) names each member; a facility named after its city (天津港) names the city too; a
//! place whose organisation is sited elsewhere (北京 of 北京某大学沧州研究院) is that
//! organisation's home, not the subject; the rest of an enumeration whose items mostly stand
//! out are subjects too.

use std::collections::{BTreeMap, HashMap};

use crate::gazetteer::{Gazetteer, Level, RegionId};

use super::mentions::Mention;
use super::patterns::{Patterns, Target};
use super::select::Tally;

/// Zones that are run as districts of their own and listed under their own name, not rolled
/// up into the county the gazetteer files them under: 北京经济技术开发区 (亦庄) is administered
/// by the city directly and reported on as a district.
const STANDALONE_ZONES: &[&str] = &["beijing/daxing/yizhuang"];

/// The score left to the home of an organisation sited in a place that scores more.
const HOME_FACTOR: f64 = 0.5;

/// What a local group's mention counts for each member, against a mention of its own name: an
/// article about 通武廊 names the group often, and its members should not dwarf their peers.
const LOCAL_SHARE: f64 = 0.5;

/// Enumerations longer than this are surveys, not subjects.
const MAX_LIST: usize = 6;

/// Whether a collective name groups places below province level (北三县, 通武廊): it names each
/// of them as specifically as its own name, unlike 京津冀.
pub fn is_local_group(gaz: &Gazetteer, ids: &[RegionId]) -> bool {
    !ids.is_empty() && ids.iter().all(|&id| gaz.get(id).level != Level::Province)
}

/// A local group's mention as it counts for one member (see [`LOCAL_SHARE`]).
pub fn local_share(m: &Mention) -> Mention {
    Mention {
        weight: m.weight * LOCAL_SHARE,
        ..m.clone()
    }
}

/// Whether a zone is run as a district of its own (see [`STANDALONE_ZONES`]).
pub fn stands_alone(gaz: &Gazetteer, id: RegionId) -> bool {
    STANDALONE_ZONES.contains(&gaz.get(id).key.as_str())
}

/// For a facility or zone named after a city or province above its county (天津港 in 滨海新区,
/// 北京大兴国际机场 in 大兴), that city: the name says where it is. `None` for other names, and
/// for the county a zone is rolled up into anyway.
pub fn carried_city(gaz: &Gazetteer, id: RegionId, name: &str) -> Option<RegionId> {
    if gaz.get(id).level != Level::Zone || stands_alone(gaz, id) {
        return None;
    }
    let parent = gaz.parent(id);
    gaz.ancestors(id).find(|&a| {
        Some(a) != parent
            && matches!(gaz.get(a).level, Level::Province | Level::City)
            && name.starts_with(gaz.get(a).name.as_str())
            && name != gaz.get(a).name
    })
}

/// The place a pattern names, as tallied after zones are rolled up.
fn tallied(patterns: &Patterns, gaz: &Gazetteer, pattern: usize) -> Vec<RegionId> {
    let (Target::Place(ids) | Target::Group(ids)) = &patterns.list[pattern].target else {
        return Vec::new();
    };
    ids.iter()
        .map(|&id| match gaz.parent(id) {
            Some(p) if gaz.get(id).level == Level::Zone && !stands_alone(gaz, id) => p,
            _ => id,
        })
        .collect()
}

/// A place that lends its name to an organisation sited at a place scoring more (北京 in
/// 北京某大学沧州研究院, when the article is about 沧州) is that organisation's home: its other
/// mentions (来自北京本部的教授) are about where the organisation comes from, so its score is
/// cut. A place in the title keeps its score.
pub fn discount_homes(
    patterns: &Patterns,
    gaz: &Gazetteer,
    tallies: &mut HashMap<RegionId, Tally>,
) {
    let homes: Vec<RegionId> = tallies
        .iter()
        .filter(|(_, t)| t.title == 0)
        .filter(|(_, t)| {
            t.sites.iter().any(|&site| {
                tallied(patterns, gaz, site)
                    .iter()
                    .any(|s| tallies.get(s).is_some_and(|st| st.score > t.score))
            })
        })
        .map(|(&id, _)| id)
        .collect();
    for id in homes {
        if let Some(t) = tallies.get_mut(&id) {
            t.score *= HOME_FACTOR;
        }
    }
}

/// When at least two items of an enumeration of specific places (三河、大厂、香河; none a
/// province, at most [`MAX_LIST`]) stand out on their own, the sentence is about all of them:
/// the other items named by a strong name are added.
pub fn complete_enumerations(
    gaz: &Gazetteer,
    tallies: &HashMap<RegionId, Tally>,
    picked: &mut Vec<RegionId>,
) {
    let mut lists: BTreeMap<usize, Vec<RegionId>> = BTreeMap::new();
    for (&id, t) in tallies {
        for &list in &t.lists {
            let members = lists.entry(list).or_default();
            if !members.contains(&id) {
                members.push(id);
            }
        }
    }
    for mut members in lists.into_values() {
        members.sort();
        let specific = members
            .iter()
            .all(|&id| gaz.get(id).level != Level::Province);
        let standing = members.iter().filter(|id| picked.contains(id)).count();
        if members.len() < 3 || members.len() > MAX_LIST || !specific || standing < 2 {
            continue;
        }
        for id in members {
            if !picked.contains(&id) && tallies[&id].strong {
                picked.push(id);
            }
        }
    }
}
