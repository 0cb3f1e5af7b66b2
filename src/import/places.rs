//! 地区 — deciding which places an imported article is about, not merely which it mentions.
//!
//! [`patterns`] puts every gazetteer name and alias, the collective names (京津冀, 京冀, 通武廊)
//! and a few look-alike phrases into one leftmost-longest automaton, so 天津市河北区 is found as
//! 天津市 + 河北区, never as 河北. [`mentions`] judges each match by its context — a street
//! (承德道), an organisation's or outlet's name (北京工业大学, 河北日报), a qualifier of the next
//! name (河北省廊坊市), a list of many places, an ordinary word (朝阳产业, 大城市) — and weighs
//! it by position (title ≫ lead ≫ later); [`salience`] finds the names that open or frame
//! their sentence (在保定，…) or stand in an enumeration of specific places, which weigh as if
//! in the lead. [`select`] tallies the weights per place — with the credit [`credit`] moves
//! between places (北三县 to its members, 天津港 to 天津, away from the 北京 of 北京某大学沧州
//! 研究院) — and keeps the places that stand out.

mod context;
mod credit;
mod mentions;
mod patterns;
mod salience;
mod select;

use crate::gazetteer::{Gazetteer, RegionId};

/// A place with the mentions that made it count.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The place.
    pub region: RegionId,
    /// Its score: mentions weighted by position and context.
    pub score: f64,
    /// Mentions in the title.
    pub title: usize,
    /// Mentions in the body (for a county, including those of zones inside it).
    pub body: usize,
    /// The names matched in the text.
    pub mentions: Vec<String>,
    /// Collective names that include the place (京津冀).
    pub groups: Vec<String>,
}

impl Found {
    /// One line for `--explain`, e.g. `地区 沧州 12.0：标题1次、正文3次（沧州、沧州市）`.
    pub fn explain(&self, gaz: &Gazetteer) -> String {
        let mut parts = Vec::new();
        if self.title > 0 {
            parts.push(format!("标题{}次", self.title));
        }
        if self.body > 0 {
            parts.push(format!("正文{}次", self.body));
        }
        let mut line = format!(
            "地区 {} {:.1}：{}",
            gaz.get(self.region).name,
            self.score,
            parts.join("、")
        );
        if !self.mentions.is_empty() {
            line.push_str(&format!("（{}）", self.mentions.join("、")));
        }
        if !self.groups.is_empty() {
            let sep = if parts.is_empty() { "" } else { "；" };
            line.push_str(&format!("{sep}合称 {}", self.groups.join("、")));
        }
        line
    }
}

/// Finds places in text.
pub struct Matcher {
    patterns: patterns::Patterns,
}

impl Matcher {
    /// Builds the matcher from the gazetteer's names and aliases.
    pub fn new(gaz: &Gazetteer) -> Matcher {
        Matcher {
            patterns: patterns::Patterns::new(gaz),
        }
    }

    /// The places the text is about, most specific first; empty when it names none. `gaz` must
    /// be the gazetteer the matcher was built from.
    pub fn detect(&self, gaz: &Gazetteer, title: &str, body: &str) -> Vec<Found> {
        let mut found = mentions::scan(&self.patterns, gaz, title, true);
        found.extend(mentions::scan(&self.patterns, gaz, body, false));
        select::choose(&self.patterns, gaz, &found)
    }
}

#[cfg(test)]
mod tests;
