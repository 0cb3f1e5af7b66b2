//! The analyser: text → search terms, the same way for articles and for queries.
//!
//! Chinese has no spaces, and a general segmenter splits names it does not know (雄安新区 into
//! 雄安 + 新区, or worse), so terms come from three sources at once:
//!
//! - **character pairs**: every two neighbouring CJK characters (雄安新区 → 雄安, 安新, 新区), so
//!   any two-character part of a word is found, whatever a segmenter would have done;
//! - **words** of three to [`MAX_WORD_CHARS`] characters: the user dictionary (every place name,
//!   full name and alias of the gazetteer, topic names, topic keywords, the regional terms of
//!   [`crate::import::topics::lexicon`]) wherever it occurs, and in titles, kickers and
//!   subtitles also the words jieba finds with its own dictionary ([`Segmenter`]; segmenting
//!   every body would cost more than the rest of indexing together). Words rank a phrase that is
//!   present whole above its pairs found apart;
//! - **Latin words and numbers**, lower-cased (5G, GDP, 2024).
//!
//! Full-width ASCII (ＧＤＰ, ２０２４) is folded to ASCII first. Single characters are not indexed:
//! a one-character query matches the pairs that start with it (see `docs/search.md`).
//!
//! A query is analysed by [`query`] into *required* terms (its pairs and Latin words: a result
//! must have all of them) and *candidate words* (every 3–10 character stretch of it; those that
//! are terms of the index raise the rank of the articles that have them). `search.js` does the
//! same in the browser; the unit tests here pin down the behaviour both follow.

use std::collections::{HashMap, HashSet};

use jieba_rs::Jieba;

use super::hash::Fx;
use crate::gazetteer::Gazetteer;
use crate::import::topics::lexicon;
use crate::taxonomy::Taxonomy;

/// Shortest word indexed besides the character pairs.
pub const MIN_WORD_CHARS: usize = 3;

/// Longest word indexed (北京经济技术开发区 has 9 characters).
pub const MAX_WORD_CHARS: usize = 10;

/// Bits of the filter that tells, before a hash lookup, whether a pair may start a word.
const FILTER_BITS: usize = 1 << 16;

/// One term occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Term<'a> {
    /// Two neighbouring CJK characters.
    Pair(char, char),
    /// A word of the user dictionary, with its number there (stable for one analyser).
    Dict(u32, &'a str),
    /// A word of three or more CJK characters that jieba found.
    Word(&'a str),
    /// A lower-cased run of letters and digits.
    Latin(&'a str),
}

impl Term<'_> {
    /// The term as the index spells it.
    pub fn text(&self) -> String {
        match *self {
            Term::Pair(a, b) => [a, b].iter().collect(),
            Term::Dict(_, w) | Term::Word(w) | Term::Latin(w) => w.to_string(),
        }
    }
}

/// A dictionary word with its ninth byte and its number.
type WordEntry = (u8, u32, Box<str>);

/// Turns text into terms (see the module documentation), without the segmenter.
pub struct Analyzer {
    /// Dictionary words by their first two characters, each with its ninth byte (the end of the
    /// third character for the common ideographs) to rule most of them out without a compare.
    words: HashMap<(char, char), Vec<WordEntry>, Fx>,
    /// Bit `pair_bit(a, b)` is set when some dictionary word starts with `a b`.
    filter: Vec<u64>,
}

impl Analyzer {
    /// The analyser of a site: its places and topics make the user dictionary.
    pub fn new(tax: &Taxonomy, gaz: &Gazetteer) -> Analyzer {
        let mut words: Vec<&str> = lexicon::user_words(&tax.topics, gaz);
        words.extend(tax.topics.iter().map(|t| t.name.as_str()));
        Analyzer::with_words(words)
    }

    /// An analyser whose user dictionary is `words` (those of three to ten CJK characters count;
    /// shorter ones are pairs already).
    pub fn with_words<'a>(words: impl IntoIterator<Item = &'a str>) -> Analyzer {
        let mut list: Vec<&str> = words
            .into_iter()
            .map(str::trim)
            .filter(|w| is_word(w))
            .collect();
        list.sort_unstable();
        list.dedup();
        let mut by_pair: HashMap<(char, char), Vec<WordEntry>, Fx> = HashMap::default();
        let mut filter = vec![0u64; FILTER_BITS / 64];
        for (n, w) in list.iter().enumerate() {
            let mut cs = w.chars();
            let (a, b) = (cs.next().unwrap_or(' '), cs.next().unwrap_or(' '));
            by_pair
                .entry((a, b))
                .or_default()
                .push((w.as_bytes()[8], n as u32, (*w).into()));
            let bit = pair_bit(a, b);
            filter[bit / 64] |= 1 << (bit % 64);
        }
        Analyzer {
            words: by_pair,
            filter,
        }
    }

    /// Calls `sink` with every term of `text`, in text order.
    pub fn terms<F: FnMut(Term<'_>)>(&self, text: &str, sink: &mut F) {
        // The previous CJK character and where it starts (`'\0'`: none).
        let (mut prev, mut prev_at) = ('\0', 0);
        let mut latin = String::new();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let at = i;
            let b = bytes[i];
            // Decoded by hand: the text is valid UTF-8, and nearly all of it is three-byte
            // ideographs or ASCII. The common ideographs (U+4E00–U+9FFF) take a short path.
            let c = if b < 0x80 {
                i += 1;
                b as char
            } else if (0xE0..0xF0).contains(&b) && i + 2 < bytes.len() {
                let u = (b as u32 & 0x0F) << 12
                    | (bytes[i + 1] as u32 & 0x3F) << 6
                    | (bytes[i + 2] as u32 & 0x3F);
                i += 3;
                if (0x4E00..=0x9FFF).contains(&u) {
                    let c = char::from_u32(u).unwrap_or('\u{FFFD}');
                    if prev != '\0' {
                        sink(Term::Pair(prev, c));
                        if self.may_start_word(prev, c) {
                            self.words_at(prev, c, &text[prev_at..], sink);
                        }
                    } else if !latin.is_empty() {
                        sink(Term::Latin(&latin));
                        latin.clear();
                    }
                    (prev, prev_at) = (c, at);
                    continue;
                }
                char::from_u32(u).unwrap_or('\u{FFFD}')
            } else {
                let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
                i += c.len_utf8();
                c
            };
            let c = fold(c);
            if c.is_ascii() {
                prev = '\0';
                if c.is_ascii_alphanumeric() {
                    latin.push(c.to_ascii_lowercase());
                    continue;
                }
            } else if is_cjk(c) {
                if prev != '\0' {
                    sink(Term::Pair(prev, c));
                    if self.may_start_word(prev, c) {
                        self.words_at(prev, c, &text[prev_at..], sink);
                    }
                }
                (prev, prev_at) = (c, at);
            } else {
                prev = '\0';
                if !is_separator(c) && c.is_alphanumeric() {
                    latin.extend(c.to_lowercase());
                    continue;
                }
            }
            if !latin.is_empty() {
                sink(Term::Latin(&latin));
                latin.clear();
            }
        }
        if !latin.is_empty() {
            sink(Term::Latin(&latin));
        }
    }

    /// False when no dictionary word starts with `a b` (true may be a false alarm).
    #[inline(always)]
    fn may_start_word(&self, a: char, b: char) -> bool {
        let bit = pair_bit(a, b);
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The dictionary words that start at `rest` (whose first two characters are `a b`).
    #[inline(never)]
    fn words_at<F: FnMut(Term<'_>)>(&self, a: char, b: char, rest: &str, sink: &mut F) {
        let Some(&ninth) = rest.as_bytes().get(8) else {
            return;
        };
        for (b9, n, w) in self.words.get(&(a, b)).into_iter().flatten() {
            if *b9 == ninth && rest.as_bytes().starts_with(w.as_bytes()) {
                sink(Term::Dict(*n, w));
            }
        }
    }

    fn is_user_word(&self, w: &str) -> bool {
        let mut cs = w.chars();
        let key = (cs.next().unwrap_or(' '), cs.next().unwrap_or(' '));
        self.words
            .get(&key)
            .is_some_and(|ws| ws.iter().any(|(_, _, x)| &**x == w))
    }

    /// Every term of `text` as a string, sorted, each once, with the segmenter's words if one is
    /// given (for tests and tools).
    pub fn term_set(&self, seg: Option<&Segmenter>, text: &str) -> Vec<String> {
        let mut set = HashSet::new();
        let mut add = |t: Term<'_>| {
            set.insert(t.text());
        };
        self.terms(text, &mut add);
        if let Some(seg) = seg {
            seg.words(self, text, &mut add);
        }
        let mut v: Vec<String> = set.into_iter().collect();
        v.sort();
        v
    }
}

/// jieba's general dictionary, for the words of short fields.
///
/// The user dictionary is not added to it: the analyser finds those words itself, wherever they
/// are, so jieba only has to contribute the words it knows that the user dictionary lacks, and
/// the process-wide copy ([`lexicon::base`]) serves every build of a `serve` session. Loading it
/// takes a twentieth of a second, so the build loads it while the bodies are being indexed (see
/// [`super::attach`]).
pub struct Segmenter {
    jieba: &'static Jieba,
}

impl Default for Segmenter {
    fn default() -> Segmenter {
        Segmenter::new()
    }
}

impl Segmenter {
    /// The segmenter (loads jieba's dictionary on first use).
    pub fn new() -> Segmenter {
        Segmenter {
            jieba: lexicon::base(),
        }
    }

    /// Calls `sink` with the words of three to ten CJK characters jieba finds in `text` (search
    /// mode: the parts of a long word too) that `an`'s user dictionary lacks; those `an` finds
    /// itself.
    pub fn words<F: FnMut(Term<'_>)>(&self, an: &Analyzer, text: &str, sink: &mut F) {
        for token in self.jieba.cut_for_search(text, false) {
            let w = token.word;
            if is_word(w) && !an.is_user_word(w) {
                sink(Term::Word(w));
            }
        }
    }
}

/// A word of the index besides the pairs: three to ten CJK characters.
fn is_word(w: &str) -> bool {
    let n = w.chars().count();
    (MIN_WORD_CHARS..=MAX_WORD_CHARS).contains(&n) && w.chars().all(is_cjk)
}

#[inline(always)]
fn pair_bit(a: char, b: char) -> usize {
    let h = ((a as u32) << 16 ^ b as u32).wrapping_mul(0x9E37_79B1);
    (h >> 16) as usize % FILTER_BITS
}

/// Punctuation and symbols of CJK text (，。“”、《》…—), told apart without the slow general
/// Unicode tables.
fn is_separator(c: char) -> bool {
    matches!(c as u32, 0x2000..=0x2BFF | 0x3000..=0x303F | 0xFE10..=0xFE6F | 0xFF00..=0xFFEF)
}

/// Characters that pair into terms: Han ideographs (with extensions and compatibility forms), kana
/// and hangul. `search.js` uses the same ranges.
#[inline]
pub fn is_cjk(c: char) -> bool {
    // The unified block first: nearly every character of the text is in it.
    matches!(c as u32, 0x4E00..=0x9FFF) || crate::text::is_cjk(c)
}

/// Folds full-width ASCII (ＧＤＰ, ２０２４) and the ideographic space to ASCII.
#[inline]
pub fn fold(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// What a query asks for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Terms every result must have.
    pub required: Vec<Required>,
    /// Stretches of three or more characters; those that are index terms raise the rank.
    pub words: Vec<String>,
}

/// A term a result must have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Required {
    /// This exact term.
    Term(String),
    /// Any term that starts with this character (a query of one CJK character).
    Prefix(char),
}

/// Analyses a query: traditional characters simplified, then pairs, Latin words and candidate
/// words, each once, in query order.
pub fn query(q: &str) -> Query {
    let q = super::t2s::table().simplify(q);
    let mut out = Query::default();
    let mut run: Vec<char> = Vec::new();
    let mut latin = String::new();
    for c in q.chars().map(fold) {
        if is_cjk(c) {
            out.add_latin(&mut latin);
            run.push(c);
        } else {
            out.add_run(&mut run);
            if c.is_alphanumeric() {
                latin.extend(c.to_lowercase());
            } else {
                out.add_latin(&mut latin);
            }
        }
    }
    out.add_run(&mut run);
    out.add_latin(&mut latin);
    out
}

impl Query {
    fn add(&mut self, r: Required) {
        if !self.required.contains(&r) {
            self.required.push(r);
        }
    }

    fn add_latin(&mut self, latin: &mut String) {
        if !latin.is_empty() {
            self.add(Required::Term(std::mem::take(latin)));
        }
    }

    /// Adds a run of CJK characters: its pairs (or, alone, the character as a prefix) and its
    /// candidate words.
    fn add_run(&mut self, run: &mut Vec<char>) {
        if run.len() == 1 {
            self.add(Required::Prefix(run[0]));
        }
        for pair in run.windows(2) {
            self.add(Required::Term(pair.iter().collect()));
        }
        for len in MIN_WORD_CHARS..=run.len().min(MAX_WORD_CHARS) {
            for w in run.windows(len) {
                let w: String = w.iter().collect();
                if !self.words.contains(&w) {
                    self.words.push(w);
                }
            }
        }
        run.clear();
    }
}

impl Query {
    /// True when a document with these terms (as [`Analyzer::term_set`] gives them) matches.
    pub fn matches(&self, terms: &[String]) -> bool {
        !self.required.is_empty()
            && self.required.iter().all(|r| match r {
                Required::Term(t) => terms.binary_search(t).is_ok(),
                Required::Prefix(c) => terms.iter().any(|t| t.starts_with(*c)),
            })
    }

    /// The candidate words that are among `terms`.
    pub fn words_in<'a>(&'a self, terms: &[String]) -> Vec<&'a str> {
        self.words
            .iter()
            .filter(|w| terms.binary_search(w).is_ok())
            .map(String::as_str)
            .collect()
    }
}

#[cfg(test)]
mod tests;
