//! Deciding which places an imported article is about. (Placeholder: none; being replaced.)

use crate::gazetteer::{Gazetteer, RegionId};

/// A place with the mentions that made it count.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The place.
    pub region: RegionId,
    /// Its score.
    pub score: f64,
    /// The names matched in the text.
    pub mentions: Vec<String>,
}

impl Found {
    /// One line for `--explain`.
    pub fn explain(&self, gaz: &Gazetteer) -> String {
        format!("地区 {}：{:.1}", gaz.get(self.region).name, self.score)
    }
}

/// Finds places in text.
pub struct Matcher;

impl Matcher {
    /// Builds the matcher from the gazetteer's names and aliases.
    pub fn new(_gaz: &Gazetteer) -> Matcher {
        Matcher
    }

    /// The places the text is about, most specific first.
    pub fn detect(&self, _gaz: &Gazetteer, _title: &str, _body: &str) -> Vec<Found> {
        Vec::new()
    }
}
