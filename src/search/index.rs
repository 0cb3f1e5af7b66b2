//! The inverted index: for every term, the articles that have it, with a weight per article.
//!
//! Each article is analysed field by field, and a field's weight is added for every occurrence
//! of a term in it ([`TITLE`], [`LABELS`], [`LEAD`], [`BODY`]); the title also sets a flag, so the
//! browser can put articles whose title holds the whole query first. Posting lists are written
//! straight into the compact encoding ([`super::encode`]) as pairs of numbers: the gap from the
//! previous article (articles are numbered in site order, newest first) and
//! `min(weight, MAX_WEIGHT) * 2 + title flag`.
//!
//! The work is split into ranges of articles indexed in parallel, then joined range by range;
//! only the first gap of a range needs rewriting, so the result is the same byte for byte
//! whatever the number of threads. Terms end sorted in UTF-16 order, the order in which the
//! browser compares strings, so that the shard ranges of [`super::shard`] agree with it.

use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;

use super::analyze::{Analyzer, Segmenter, Term};
use super::encode;
use super::hash::Fx;
use crate::gazetteer::Gazetteer;
use crate::site::{SiteArticle, SiteGraph};
use crate::taxonomy::Taxonomy;

/// Weight of a term occurrence in the title (and the title flag).
pub const TITLE: u32 = 12;
/// In the names of the article's topics and places.
pub const LABELS: u32 = 6;
/// In the kicker, subtitle or summary.
pub const LEAD: u32 = 3;
/// In the body.
pub const BODY: u32 = 1;
/// Weights are capped here, so a posting's weight takes at most three characters.
pub const MAX_WEIGHT: u32 = 1000;

/// Articles per range are at least this many (fewer ranges on a small site).
const MIN_RANGE: usize = 64;

/// One term with its posting list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The term as [`Term::text`] spells it.
    pub term: String,
    /// Gap and weight pairs in the compact number encoding.
    pub postings: String,
    /// How many articles have the term.
    pub docs: u32,
}

/// Indexes every article of `g` with the analyser (not the segmenter's words: see [`titles`]).
/// The entries are not sorted yet ([`sort`]).
pub fn build(an: &Analyzer, tax: &Taxonomy, gaz: &Gazetteer, g: &SiteGraph) -> Vec<Entry> {
    let n = g.articles.len();
    // More ranges than threads, so that a thread busy elsewhere (loading jieba) is not waited for.
    let parts = (rayon::current_num_threads() * 4).min(n / MIN_RANGE).max(1);
    let ranges: Vec<Range<usize>> = (0..parts)
        .map(|p| p * n / parts..(p + 1) * n / parts)
        .collect();
    let partials: Vec<Vec<(Key, List)>> = ranges
        .into_par_iter()
        .map(|r| {
            let mut p = Partial::default();
            let mut body = String::new();
            for i in r {
                p.add(an, tax, gaz, i as u32, &g.articles[i], &mut body);
            }
            p.finish()
        })
        .collect();
    join(partials)
}

/// The segmenter's words in titles, kickers and subtitles. They are never terms of [`build`]
/// (the segmenter leaves the user dictionary to the analyser, and its words have three or more
/// characters), so the two lists are simply put together.
pub fn titles(seg: &Segmenter, an: &Analyzer, g: &SiteGraph) -> Vec<Entry> {
    let mut p = Partial::default();
    for (i, a) in g.articles.iter().enumerate() {
        let stamp = i as u32 + 1;
        let front = &a.article.front;
        seg.words(an, &a.article.title, &mut |t| {
            p.bump(stamp, t, TITLE | TITLE_BIT)
        });
        for extra in [&front.kicker, &front.subtitle].into_iter().flatten() {
            seg.words(an, extra, &mut |t| p.bump(stamp, t, LEAD));
        }
        p.flush(i as u32);
    }
    join(vec![p.finish()])
}

/// Sorts entries by term in UTF-16 order.
pub fn sort(entries: &mut [Entry]) {
    entries.par_sort_unstable_by(|a, b| utf16_cmp(&a.term, &b.term));
}

/// Compares two strings the way JavaScript does (by UTF-16 code units).
pub fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Pair(u64),
    Text(Box<str>),
}

impl Key {
    fn text(&self) -> String {
        match self {
            Key::Pair(k) => [(k >> PAIR_SHIFT) as u32, (*k & CHAR_MASK) as u32]
                .iter()
                .filter_map(|&c| char::from_u32(c))
                .collect(),
            Key::Text(t) => t.to_string(),
        }
    }
}

/// A pair key packs two 21-bit code points into 42 bits.
const PAIR_SHIFT: u32 = 21;
const CHAR_MASK: u64 = (1 << PAIR_SHIFT) - 1;

fn pair_key(a: char, b: char) -> u64 {
    (a as u64) << PAIR_SHIFT | b as u64
}

/// The postings of one term within one range, encoded; the first gap counts from article 0.
#[derive(Debug, Default)]
struct List {
    bytes: Vec<u8>,
    last: u32,
    docs: u32,
}

/// Title flag in an accumulated weight.
const TITLE_BIT: u32 = 1 << 31;

/// The index of one range of articles.
#[derive(Default)]
struct Partial {
    pairs: PairTable,
    texts: HashMap<Box<str>, u32, Fx>,
    keys: Vec<Key>,
    /// Per term: the article it was last seen in (plus one), and its weight there with the title
    /// flag. Ids are given in order of first occurrence, so the frequent terms' entries sit
    /// together near the start and stay in cache.
    acc: Vec<(u32, u32)>,
    /// The terms of the current article.
    doc: Vec<u32>,
    /// Term, article, weight value of every posting, in article order. Sorted by term only at
    /// the end ([`Partial::finish`]): appending here is sequential, while appending to each
    /// term's own list would miss the cache for nearly every posting.
    postings: Vec<[u32; 3]>,
}

impl Partial {
    fn add(
        &mut self,
        an: &Analyzer,
        tax: &Taxonomy,
        gaz: &Gazetteer,
        id: u32,
        a: &SiteArticle,
        body: &mut String,
    ) {
        let art = &a.article;
        let front = &art.front;
        let stamp = id + 1;
        let field = |p: &mut Partial, text: &str, weight: u32| {
            an.terms(text, &mut |t| p.bump(stamp, t, weight));
        };
        field(self, &art.title, TITLE | TITLE_BIT);
        for extra in [&front.kicker, &front.subtitle].into_iter().flatten() {
            field(self, extra, LEAD);
        }
        // A summary cut from the body repeats its lead; only one the author wrote adds text.
        if let Some(summary) = &front.summary {
            field(self, summary, LEAD);
        }
        for &t in &a.labels.topics {
            field(self, &tax.topics[t].name, LABELS);
        }
        for &r in &a.labels.regions {
            field(self, &gaz.get(r).name, LABELS);
        }
        super::plain::text_into(&art.body.html, body);
        field(self, body, BODY);
        self.flush(id);
    }

    /// Turns the current article's terms into postings.
    fn flush(&mut self, id: u32) {
        for term in self.doc.drain(..) {
            let weight = self.acc[term as usize].1;
            let value = (weight & !TITLE_BIT).min(MAX_WEIGHT) << 1 | u32::from(weight >= TITLE_BIT);
            self.postings.push([term, id, value]);
        }
    }

    /// Each term with its encoded list. The postings are sorted by term in two stable passes:
    /// first into at most 256 buckets of neighbouring term ids, then each bucket (small enough
    /// to stay in cache) by term; one random scatter over all postings would miss the cache on
    /// nearly every write.
    fn finish(self) -> Vec<(Key, List)> {
        let terms = self.keys.len();
        let shift = (usize::BITS - terms.leading_zeros()).saturating_sub(8);
        let buckets = (terms >> shift) + 1;
        let mut start = vec![0usize; buckets + 1];
        for p in &self.postings {
            start[(p[0] as usize >> shift) + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut next = start.clone();
        let mut bucketed = vec![[0u32; 3]; self.postings.len()];
        for p in &self.postings {
            let at = &mut next[p[0] as usize >> shift];
            bucketed[*at] = *p;
            *at += 1;
        }
        drop(self.postings);
        let mut keys = self.keys.into_iter();
        let mut out = Vec::with_capacity(terms);
        let mut counts: Vec<usize> = Vec::new();
        let mut sorted: Vec<[u32; 2]> = Vec::new();
        for b in 0..buckets {
            let first = b << shift;
            let last = ((b + 1) << shift).min(terms);
            let run = &bucketed[start[b]..start[b + 1]];
            counts.clear();
            counts.resize(last - first + 1, 0);
            for p in run {
                counts[p[0] as usize - first + 1] += 1;
            }
            for i in 1..counts.len() {
                counts[i] += counts[i - 1];
            }
            sorted.clear();
            sorted.resize(run.len(), [0; 2]);
            let mut at = counts.clone();
            for &[term, doc, value] in run {
                let slot = &mut at[term as usize - first];
                sorted[*slot] = [doc, value];
                *slot += 1;
            }
            for t in 0..last - first {
                let list = encode_list(&sorted[counts[t]..counts[t + 1]]);
                out.push((keys.next().expect("a key per term"), list));
            }
        }
        out
    }

    /// Adds `weight` (which may carry [`TITLE_BIT`]) to term `t` in article `stamp - 1`.
    #[inline(always)]
    fn bump(&mut self, stamp: u32, t: Term<'_>, weight: u32) {
        let id = match t {
            Term::Pair(a, b) => match self.pairs.get(pair_key(a, b)) {
                Some(id) => id,
                None => self.new_term(Key::Pair(pair_key(a, b))),
            },
            Term::Word(w) | Term::Latin(w) => self.text_id(w),
        };
        let acc = &mut self.acc[id as usize];
        if acc.0 == stamp {
            let title = (acc.1 | weight) & TITLE_BIT;
            acc.1 = ((acc.1 & !TITLE_BIT) + (weight & !TITLE_BIT)).min(!TITLE_BIT) | title;
        } else {
            *acc = (stamp, weight);
            self.doc.push(id);
        }
    }

    /// The id of a word or Latin term (rare next to pairs, so kept out of the hot path).
    #[inline(never)]
    fn text_id(&mut self, w: &str) -> u32 {
        match self.texts.get(w) {
            Some(&id) => id,
            None => {
                let id = self.new_term(Key::Text(w.into()));
                self.texts.insert(w.into(), id);
                id
            }
        }
    }

    #[inline(never)]
    fn new_term(&mut self, key: Key) -> u32 {
        let id = self.keys.len() as u32;
        if let Key::Pair(k) = key {
            self.pairs.insert(k, id);
        }
        self.keys.push(key);
        self.acc.push((0, 0));
        id
    }
}

/// One term's postings (article, value), in article order, encoded.
fn encode_list(run: &[[u32; 2]]) -> List {
    let mut bytes = Vec::with_capacity(run.len() * 3);
    let mut next = 0;
    for &[doc, value] in run {
        encode::push(&mut bytes, doc - next);
        encode::push(&mut bytes, value);
        next = doc + 1;
    }
    List {
        bytes,
        last: next.saturating_sub(1),
        docs: run.len() as u32,
    }
}

/// Pair key → term id, open addressing with linear probing; a slot packs the 42-bit key and the
/// id plus one in one `u64`, so a lookup touches one cache line (a general hash map touches
/// three), which is most of the indexing time.
#[derive(Default)]
struct PairTable {
    slots: Vec<u64>,
    /// 64 − log2(slots): the shift that leaves an index.
    shift: u32,
    len: usize,
    /// Pairs whose id does not fit in a slot (past four million terms).
    overflow: HashMap<u64, u32, Fx>,
}

const ID_SHIFT: u32 = 42;
const KEY_MASK: u64 = (1 << ID_SHIFT) - 1;
const MAX_SLOT_ID: u32 = (1 << (64 - ID_SHIFT)) - 2;

impl PairTable {
    /// The id of `key`.
    #[inline(always)]
    fn get(&self, key: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return self.overflow.get(&key).copied();
        }
        let mask = self.slots.len() - 1;
        let mut i = slot_of(key, self.shift);
        loop {
            let slot = self.slots[i];
            if slot & KEY_MASK == key {
                return Some((slot >> ID_SHIFT) as u32 - 1);
            }
            if slot == 0 {
                return self.overflow.get(&key).copied();
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds `key` (absent) with `id`.
    fn insert(&mut self, key: u64, id: u32) {
        if id > MAX_SLOT_ID {
            self.overflow.insert(key, id);
            return;
        }
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = slot_of(key, self.shift);
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = key | u64::from(id + 1) << ID_SHIFT;
        self.len += 1;
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1 << 12);
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        let mask = size - 1;
        self.shift = 64 - size.trailing_zeros();
        for slot in old.into_iter().filter(|&s| s != 0) {
            let mut i = slot_of(slot & KEY_MASK, self.shift);
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
        }
    }
}

/// Fibonacci hashing: the top bits of the product, which mix every bit of the key.
#[inline]
fn slot_of(key: u64, shift: u32) -> usize {
    (key.wrapping_mul(super::hash::SEED) >> shift) as usize
}

/// Joins the ranges' indices in range order: a term's later lists are appended to its first,
/// with their first gap (absolute in its range) made relative to the previous article.
fn join(partials: Vec<Vec<(Key, List)>>) -> Vec<Entry> {
    let mut at: HashMap<Key, usize, Fx> = HashMap::default();
    let mut lists: Vec<(Key, List)> = Vec::new();
    for p in partials {
        for (key, list) in p {
            match at.get(&key) {
                None => {
                    at.insert(key.clone(), lists.len());
                    lists.push((key, list));
                }
                Some(&i) => {
                    let whole = &mut lists[i].1;
                    let len = encode::first_len(&list.bytes);
                    let first = std::str::from_utf8(&list.bytes[..len])
                        .ok()
                        .and_then(encode::decode)
                        .and_then(|v| v.first().copied())
                        .unwrap_or(0);
                    encode::push(&mut whole.bytes, first - whole.last - 1);
                    whole.bytes.extend_from_slice(&list.bytes[len..]);
                    whole.last = list.last;
                    whole.docs += list.docs;
                }
            }
        }
    }
    lists
        .into_par_iter()
        .map(|(key, list)| Entry {
            term: key.text(),
            postings: String::from_utf8(list.bytes).unwrap_or_default(),
            docs: list.docs,
        })
        .collect()
}

#[cfg(test)]
mod tests;
