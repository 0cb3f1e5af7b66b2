//! Traditional → simplified for queries: a character table made from OpenCC's `t2s` tables
//! (ferrous-opencc), shipped to the browser as a data file.
//!
//! Articles are simplified (the importer converts traditional pages), so a query typed in
//! traditional characters must be simplified before it is analysed. The browser cannot run
//! OpenCC, so the build writes the characters `t2s` changes, one to one, and `search.js` maps a
//! query character by character. Phrase rules are left out on purpose: the table only holds
//! *traditional-only* characters (outside GB2312), so characters that simplified text also uses
//! (乾 in 乾隆, 著 in 著作, 於 as a surname) are never changed, whatever the phrase.
//!
//! The table (about 3,800 pairs, 22 KB) is loaded only when a query holds one of its characters;
//! the manifest carries the list of those characters as gaps in the compact number encoding
//! ([`Table::trigger`], about 4 KB) so the browser can tell without the table.

use std::sync::OnceLock;

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;

use crate::import::normalize::charclass::{rarity, Rarity};

/// Code point ranges whose characters are tried: the unified ideographs, extension A, the
/// compatibility ideographs and extension B.
const RANGES: [(u32, u32); 4] = [
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2A6DF),
];

/// Traditional-only characters with their simplified forms, by code point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pairs: Vec<(char, char)>,
}

/// The table, made on first use (about 10 ms).
pub fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(Table::build)
}

impl Table {
    fn build() -> Table {
        let Ok(cc) = OpenCC::from_config(BuiltinConfig::T2s) else {
            return Table { pairs: Vec::new() };
        };
        let chars: Vec<char> = RANGES
            .iter()
            .flat_map(|&(a, b)| (a..=b).filter_map(char::from_u32))
            .collect();
        // One character a line, so that no phrase rule applies.
        let mut all = String::with_capacity(chars.len() * 5);
        for &c in &chars {
            all.push(c);
            all.push('\n');
        }
        let converted = cc.convert(&all);
        let mut pairs = Vec::new();
        for (&c, out) in chars.iter().zip(converted.split('\n')) {
            let mut to = out.chars();
            if let (Some(s), None) = (to.next(), to.next()) {
                let shared = matches!(rarity(c), Some(Rarity::Common | Rarity::Uncommon));
                if s != c && !shared {
                    pairs.push((c, s));
                }
            }
        }
        Table { pairs }
    }

    /// How many characters the table maps.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// True when the table is empty (OpenCC's data failed to load).
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The simplified form of `c`, or `c`.
    pub fn map(&self, c: char) -> char {
        self.pairs
            .binary_search_by(|(t, _)| t.cmp(&c))
            .map_or(c, |i| self.pairs[i].1)
    }

    /// `text` with every traditional-only character simplified.
    pub fn simplify(&self, text: &str) -> String {
        text.chars().map(|c| self.map(c)).collect()
    }

    /// The characters the table maps, as gaps between code points in the compact number encoding
    /// (the first from 0), for the manifest.
    pub fn trigger(&self) -> String {
        let mut out = Vec::with_capacity(self.pairs.len() * 2);
        let mut last = 0;
        for &(t, _) in &self.pairs {
            super::encode::push(&mut out, t as u32 - last);
            last = t as u32;
        }
        String::from_utf8(out).expect("the encoding is ASCII")
    }

    /// The data file: `{"pairs":"…"}`, traditional and simplified characters alternating.
    pub fn json(&self) -> String {
        let pairs: String = self.pairs.iter().flat_map(|&(t, s)| [t, s]).collect();
        serde_json::json!({ "pairs": pairs }).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_query_words_become_simplified() {
        let t = table();
        assert_eq!(t.simplify("京津冀協同發展"), "京津冀协同发展");
        assert_eq!(t.simplify("雄安新區"), "雄安新区");
        assert_eq!(t.simplify("產業轉移與人才"), "产业转移与人才");
    }

    #[test]
    fn characters_simplified_text_uses_are_kept() {
        let t = table();
        assert_eq!(t.simplify("乾隆年间的著作"), "乾隆年间的著作");
        assert_eq!(t.simplify("碳普惠"), "碳普惠");
    }

    #[test]
    fn trigger_lists_exactly_the_mapped_characters() {
        let t = table();
        let gaps = super::super::encode::decode(&t.trigger()).unwrap();
        assert_eq!(gaps.len(), t.len());
        let mut c = 0;
        let firsts: Vec<char> = gaps
            .iter()
            .map(|g| {
                c += g;
                char::from_u32(c).unwrap()
            })
            .collect();
        assert!(firsts.contains(&'區') && firsts.contains(&'發'));
        assert!(!firsts.contains(&'区') && !firsts.contains(&'乾'));
    }

    #[test]
    fn the_data_file_alternates_traditional_and_simplified() {
        let t = table();
        let v: serde_json::Value = serde_json::from_str(&t.json()).unwrap();
        let pairs: Vec<char> = v["pairs"].as_str().unwrap().chars().collect();
        assert_eq!(pairs.len(), 2 * t.len());
        let i = pairs.iter().position(|&c| c == '區').unwrap();
        assert_eq!((i % 2, pairs[i + 1]), (0, '区'));
    }
}
