//! From weighted mentions to the places an article is about: tally each place (with the extra
//! credit of [`credit`]), roll zones up into their county, drop weak names the article does not
//! support, keep the places that stand out, complete enumerations, expand collective names
//! (京津冀) when they dominate, and cap the list.

use std::collections::{HashMap, HashSet};

use crate::gazetteer::{Gazetteer, Level, RegionId};

use super::credit;
use super::mentions::{Mention, Role};
use super::patterns::{Patterns, Target};
use super::Found;

/// A place needs at least this score …
const MIN_SCORE: f64 = 1.5;

/// … and this fraction of the best place's score (unless it is in the title).
const MIN_SHARE: f64 = 0.2;

/// A collective name counts this much for each of its members.
const GROUP_SHARE: f64 = 0.5;

/// At most this many places that are not parents of another listed place.
const CAP: usize = 5;

/// How many places inside the main place a single mention can add (河间 in an article on 沧州).
const MAX_INNER: usize = 2;

/// When nothing stands out, at most this many places named once are listed.
const MAX_GUESSES: usize = 3;

/// Everything known about one place in one article.
#[derive(Debug, Clone, Default)]
pub(super) struct Tally {
    /// Weighted mentions.
    pub(super) score: f64,
    /// Direct mentions in the title.
    pub(super) title: usize,
    /// Other mentions.
    pub(super) body: usize,
    /// Named directly in the lead, or opening or framing a sentence.
    pub(super) prominent: bool,
    /// Some mention is not a weak name.
    pub(super) strong: bool,
    /// Score from collective names.
    pub(super) group: f64,
    /// The part of `score` from local groups (北三县).
    pub(super) local: f64,
    /// The names it was mentioned by.
    names: Vec<String>,
    /// The collective names that include it.
    groups: Vec<String>,
    /// Patterns of the places where things named after this one are sited (沧州 for the 北京
    /// of 北京现代沧州工厂).
    pub(super) sites: Vec<usize>,
    /// The enumerations it stands in.
    pub(super) lists: Vec<usize>,
}

impl Tally {
    /// Counts one mention of the place, by the name `name`.
    pub(super) fn add(&mut self, m: &Mention, name: &str) {
        if m.weight <= 0.0 {
            return;
        }
        self.score += m.weight;
        // Only a name that names the place itself makes it a title or lead place; 北京 in a
        // title's 北京大学 adds its weight but does not put 北京 in the list by itself.
        let direct = m.role == Role::Direct;
        if m.title && direct {
            self.title += 1;
        } else {
            self.body += 1;
        }
        self.prominent |= (m.lead || m.salient) && direct;
        self.strong |= m.strong;
        push_name(&mut self.names, name);
        self.sites
            .extend(m.site.filter(|_| m.role == Role::Modifier));
        self.lists.extend(m.list.filter(|_| direct));
    }

    /// Takes in the tally of a zone inside the place.
    fn absorb(&mut self, zone: &Tally) {
        self.score += zone.score;
        self.local += zone.local;
        self.body += zone.mentions();
        self.prominent |= zone.prominent || zone.title > 0;
        self.strong |= zone.strong;
        zone.names
            .iter()
            .for_each(|n| push_name(&mut self.names, n));
        self.sites.extend(&zone.sites);
        self.lists.extend(&zone.lists);
    }

    fn mentions(&self) -> usize {
        self.title + self.body
    }
}

fn push_name(names: &mut Vec<String>, name: &str) {
    if !names.iter().any(|n| n == name) {
        names.push(name.to_string());
    }
}

/// The places the mentions show the article is about, most specific first.
pub fn choose(patterns: &Patterns, gaz: &Gazetteer, mentions: &[Mention]) -> Vec<Found> {
    let (mut tallies, seen) = tally(patterns, gaz, mentions);
    roll_up_zones(gaz, &mut tallies);
    credit::discount_homes(patterns, gaz, &mut tallies);
    tallies.retain(|&id, t| supported(gaz, &seen, id, t));
    let best = tallies.values().map(|t| t.score).fold(0.0, f64::max);
    let mut picked: Vec<RegionId> = tallies
        .iter()
        .filter(|(&id, t)| stands_out(t, best_besides(gaz, &tallies, id)))
        .map(|(&id, _)| id)
        .collect();
    add_inner(gaz, &tallies, &mut picked);
    credit::complete_enumerations(gaz, &tallies, &mut picked);
    add_groups(&mut tallies, &mut picked, best);
    if picked.is_empty() {
        picked = only_places(&tallies);
    }
    let chosen = cap(gaz, &tallies, picked);
    let mut out: Vec<Found> = chosen
        .into_iter()
        .map(|id| found(id, &tallies[&id]))
        .collect();
    out.sort_by(|a, b| {
        let depth = |f: &Found| gaz.get(f.region).depth();
        depth(b)
            .cmp(&depth(a))
            .then(b.score.total_cmp(&a.score))
            .then(a.region.cmp(&b.region))
    });
    out
}

/// Tallies every mention by place (shared names go to the place whose city the article names
/// more), and collects every place named in any role, for supporting weak names.
fn tally(
    patterns: &Patterns,
    gaz: &Gazetteer,
    mentions: &[Mention],
) -> (HashMap<RegionId, Tally>, HashSet<RegionId>) {
    let mut tallies: HashMap<RegionId, Tally> = HashMap::new();
    let mut seen = HashSet::new();
    let mut shared = Vec::new();
    for m in mentions {
        let p = &patterns.list[m.pattern];
        match &p.target {
            Target::Place(ids) if ids.len() == 1 => {
                if m.role != Role::Media {
                    seen.insert(ids[0]);
                }
                tallies.entry(ids[0]).or_default().add(m, &p.text);
                if let Some(city) = credit::carried_city(gaz, ids[0], &p.text) {
                    tallies.entry(city).or_default().add(m, &p.text);
                }
            }
            Target::Place(ids) => shared.push((m, ids)),
            Target::Group(ids) if credit::is_local_group(gaz, ids) => {
                let share = credit::local_share(m);
                for &id in ids {
                    let t = tallies.entry(id).or_default();
                    t.add(&share, &p.text);
                    t.local += share.weight;
                }
            }
            Target::Group(ids) => {
                for &id in ids {
                    let t = tallies.entry(id).or_default();
                    t.group += m.weight;
                    push_name(&mut t.groups, &p.text);
                }
            }
            Target::Stop => {}
        }
    }
    for (m, ids) in shared {
        // A parent named only as a qualifier (沧州市新华区) still tells which one is meant.
        let parent_score = |id: &RegionId| {
            let parent = gaz.parent(*id);
            let named = parent.is_some_and(|p| seen.contains(&p));
            parent
                .and_then(|p| tallies.get(&p))
                .map_or(0.0, |t| t.score)
                + if named { 0.5 } else { 0.0 }
        };
        let best = ids
            .iter()
            .max_by(|a, b| parent_score(a).total_cmp(&parent_score(b)));
        if let Some(&id) = best.filter(|id| parent_score(id) > 0.0) {
            tallies
                .entry(id)
                .or_default()
                .add(m, &patterns.list[m.pattern].text);
        }
    }
    (tallies, seen)
}

/// Whether the article supports a place: by a name that is not weak, by a collective name,
/// by naming a parent, or by naming it twice with once in the title or lead. A weak name alone
/// (朝阳, 城市副中心) is too likely to mean something else.
fn supported(gaz: &Gazetteer, seen: &HashSet<RegionId>, id: RegionId, t: &Tally) -> bool {
    t.strong
        || t.group > 0.0
        || gaz.ancestors(id).any(|a| seen.contains(&a))
        || (t.mentions() >= 2 && (t.title > 0 || t.prominent))
}

/// A zone (燕郊, 大兴机场) counts for the county it lies in, and is listed itself only when the
/// title names it: editors file most zone news under the county. A zone run as a district of
/// its own (see [`credit::stands_alone`]) is left as it is.
fn roll_up_zones(gaz: &Gazetteer, tallies: &mut HashMap<RegionId, Tally>) {
    let zones: Vec<RegionId> = tallies
        .keys()
        .copied()
        .filter(|&id| gaz.get(id).level == Level::Zone && !credit::stands_alone(gaz, id))
        .collect();
    for zone in zones {
        let Some(t) = tallies.get(&zone).cloned() else {
            continue;
        };
        if let Some(parent) = gaz.parent(zone) {
            tallies.entry(parent).or_default().absorb(&t);
        }
        if t.title == 0 {
            tallies.remove(&zone);
        }
    }
}

/// The best score of the places other than `id` and its parents: a place is measured against
/// its peers, not against the province whose score its own mentions help build, and against
/// what the peers' own names score (an article about 通武廊 names the group throughout; that
/// should not raise the bar for 三河).
fn best_besides(gaz: &Gazetteer, tallies: &HashMap<RegionId, Tally>, id: RegionId) -> f64 {
    tallies
        .iter()
        .filter(|(&other, _)| other != id && !gaz.ancestors(id).any(|a| a == other))
        .map(|(_, t)| t.score - t.local)
        .fold(0.0, f64::max)
}

/// Whether a place stands out: named in the title, or scoring enough, both absolutely and
/// against its peers, with more than one mention or a prominent one (in the lead, or opening
/// a sentence; not by a weak name: 安新 inside 芯安新材料 is a company's name, however early it
/// comes).
fn stands_out(t: &Tally, best: f64) -> bool {
    t.title > 0
        || (t.score >= MIN_SCORE.max(MIN_SHARE * best)
            && (t.mentions() >= 2 || (t.prominent && t.strong)))
}

/// Places inside the main place, when that is a city or smaller, that the article names though
/// only once (河间市某公司 in an article on 沧州): they say where in it the story happens.
fn add_inner(gaz: &Gazetteer, tallies: &HashMap<RegionId, Tally>, picked: &mut Vec<RegionId>) {
    let top = tallies
        .iter()
        .max_by(|a, b| a.1.score.total_cmp(&b.1.score).then(b.0.cmp(a.0)));
    let Some((&top, _)) = top.filter(|(&id, _)| gaz.get(id).level != Level::Province) else {
        return;
    };
    let mut inner: Vec<(&RegionId, &Tally)> = tallies
        .iter()
        .filter(|(id, t)| {
            t.strong
                && t.score >= 0.5
                && !picked.contains(id)
                && gaz.ancestors(**id).any(|a| a == top)
        })
        .collect();
    inner.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then(a.0.cmp(b.0)));
    picked.extend(inner.into_iter().take(MAX_INNER).map(|(id, _)| *id));
}

/// When nothing stands out, the places named directly are the best guess, if there are few of
/// them (an article about 沧州 that calls it 我市 after naming it once; 北京、天津、河北三地…).
fn only_places(tallies: &HashMap<RegionId, Tally>) -> Vec<RegionId> {
    let named: Vec<RegionId> = tallies
        .iter()
        .filter(|(_, t)| t.strong && t.score >= 1.0)
        .map(|(&id, _)| id)
        .collect();
    if named.len() <= MAX_GUESSES {
        named
    } else {
        Vec::new()
    }
}

/// When collective names (京津冀) outweigh every single place, their members are what the article
/// is about: add the members that carry at least half the strongest member's group score.
fn add_groups(tallies: &mut HashMap<RegionId, Tally>, picked: &mut Vec<RegionId>, best: f64) {
    let top = tallies.values().map(|t| t.group).fold(0.0, f64::max);
    if top <= 0.0 || GROUP_SHARE * top < best {
        return;
    }
    for (&id, t) in tallies.iter_mut() {
        if t.group >= 0.5 * top {
            t.score = t.score.max(GROUP_SHARE * t.group);
            if !picked.contains(&id) {
                picked.push(id);
            }
        }
    }
}

/// At most [`CAP`] places that are not parents of another picked place, titles first, then by
/// score. Picked parents come on top of that (they stood out on their own: 沧州 with 河间,
/// 雄安 with 安新); a parent whose children were all cut competes as a place of its own.
fn cap(
    gaz: &Gazetteer,
    tallies: &HashMap<RegionId, Tally>,
    mut picked: Vec<RegionId>,
) -> Vec<RegionId> {
    picked.sort_by(|a, b| {
        let (ta, tb) = (&tallies[a], &tallies[b]);
        (tb.title > 0)
            .cmp(&(ta.title > 0))
            .then(tb.score.total_cmp(&ta.score))
            .then(a.cmp(b))
    });
    let contains = |outer: RegionId, inner: RegionId| gaz.ancestors(inner).any(|a| a == outer);
    let is_parent = |id: RegionId, of: &[RegionId]| of.iter().any(|&c| contains(id, c));
    let (parents, leaves): (Vec<RegionId>, Vec<RegionId>) =
        picked.iter().partition(|&&id| is_parent(id, &picked));
    let mut chosen: Vec<RegionId> = leaves.into_iter().take(CAP).collect();
    let mut count = chosen.len();
    for id in parents {
        if is_parent(id, &chosen) {
            chosen.push(id);
        } else if count < CAP {
            chosen.push(id);
            count += 1;
        }
    }
    chosen
}

fn found(id: RegionId, t: &Tally) -> Found {
    Found {
        region: id,
        score: t.score,
        title: t.title,
        body: t.body,
        mentions: t.names.clone(),
        groups: t.groups.clone(),
    }
}
