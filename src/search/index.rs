//! The inverted index: for every term, the articles that have it, with a weight per article.
//!
//! Each article is analysed field by field, and a field's weight is added for every occurrence
//! of a term in it ([`TITLE`], [`LABELS`], [`LEAD`], [`BODY`]); the title also sets a flag, so the
//! browser can put articles whose title holds the whole query first. Posting lists are written
//! in the compact encoding ([`super::encode`]) as pairs of numbers: the gap from the previous
//! article (articles are numbered in site order, newest first) and
//! `min(weight, MAX_WEIGHT) * 2 + title flag`.
//!
//! This is most of a search-enabled build's extra time, so the inner loop is written for the
//! cache: pairs find their term ids in a packed open-addressing table, an article's weights are
//! summed in a per-term slot, and its postings go to buckets of neighbouring terms that are
//! sorted and encoded only at the end of a range.
//!
//! The work is split into ranges of articles indexed in parallel, then joined range by range;
//! only the first gap of a range needs rewriting, so the result is the same byte for byte
//! whatever the number of threads. Terms end sorted in UTF-16 order, the order in which the
//! browser compares strings, so that the shard ranges of [`super::shard`] agree with it.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
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
    let partials: Vec<Done> = ranges
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

/// The postings of one term within one range: a span of the range's encoded bytes (where the
/// first gap counts from article 0), the last article and how many.
#[derive(Debug, Clone, Copy, Default)]
struct List {
    start: usize,
    end: usize,
    last: u32,
    docs: u32,
}

/// A range's index: its terms, and their lists in one buffer (one allocation rather than one a
/// term: freeing a quarter of a million small buffers showed in the profile).
struct Done {
    keys: Vec<Key>,
    lists: Vec<List>,
    bytes: Vec<u8>,
}

/// Title flag in an accumulated weight.
const TITLE_BIT: u32 = 1 << 31;

/// Terms per bucket of postings (a power of two).
const BUCKET_BITS: u32 = 7;
const BUCKET_TERMS: usize = 1 << BUCKET_BITS;
const BUCKET_MASK: u32 = (1 << BUCKET_BITS) - 1;
/// Bits of a posting's weight value (`MAX_WEIGHT * 2 + 1` fits).
const VALUE_BITS: u32 = 11;
const VALUE_MASK: u32 = (1 << VALUE_BITS) - 1;

/// The index of one range of articles.
#[derive(Default)]
struct Partial {
    pairs: PairTable,
    texts: HashMap<Box<str>, u32, Fx>,
    /// Term ids of user dictionary words by their number (`u32::MAX`: not seen yet).
    dict: Vec<u32>,
    keys: Vec<Key>,
    /// Per term: the article it was last seen in (plus one), and its weight there with the title
    /// flag. Ids are given in order of first occurrence, so the frequent terms' entries sit
    /// together near the start and stay in cache.
    acc: Vec<(u32, u32)>,
    /// The terms of the current article.
    doc: Vec<u32>,
    /// The postings by bucket of [`BUCKET_TERMS`] neighbouring term ids, in article order:
    /// article, and term within the bucket with the weight value. Sorted by term only at the
    /// end ([`Partial::finish`]): a few hundred buckets are appended to in turn, so their ends
    /// stay in cache, while appending to each term's own list would miss the cache for nearly
    /// every posting.
    buckets: Vec<Vec<[u32; 2]>>,
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

    /// Turns the current article's terms into postings, appended to the bucket of their term.
    fn flush(&mut self, id: u32) {
        for term in self.doc.drain(..) {
            let weight = self.acc[term as usize].1;
            let value = (weight & !TITLE_BIT).min(MAX_WEIGHT) << 1 | u32::from(weight >= TITLE_BIT);
            let bucket = (term >> BUCKET_BITS) as usize;
            if bucket >= self.buckets.len() {
                self.buckets.resize_with(bucket + 1, Vec::new);
            }
            self.buckets[bucket].push([id, (term & BUCKET_MASK) << VALUE_BITS | value]);
        }
    }

    /// Each term with its encoded list: each bucket (small enough to stay in cache) sorted by
    /// term with a counting sort, which keeps article order within a term.
    fn finish(self) -> Done {
        let terms = self.keys.len();
        let postings: usize = self.buckets.iter().map(Vec::len).sum();
        let mut bytes = Vec::with_capacity(postings * 3);
        let mut lists = Vec::with_capacity(terms);
        let mut counts = [0usize; BUCKET_TERMS + 1];
        let mut sorted: Vec<[u32; 2]> = Vec::new();
        for (b, run) in self.buckets.into_iter().enumerate() {
            let in_bucket = (terms - b * BUCKET_TERMS).min(BUCKET_TERMS);
            counts.fill(0);
            for p in &run {
                counts[(p[1] >> VALUE_BITS) as usize + 1] += 1;
            }
            for i in 1..counts.len() {
                counts[i] += counts[i - 1];
            }
            sorted.clear();
            sorted.resize(run.len(), [0; 2]);
            let mut at = counts;
            for &[doc, packed] in &run {
                let slot = &mut at[(packed >> VALUE_BITS) as usize];
                sorted[*slot] = [doc, packed & VALUE_MASK];
                *slot += 1;
            }
            for t in 0..in_bucket {
                lists.push(encode_list(&sorted[counts[t]..counts[t + 1]], &mut bytes));
            }
        }
        Done {
            keys: self.keys,
            lists,
            bytes,
        }
    }

    /// Adds `weight` (which may carry [`TITLE_BIT`]) to term `t` in article `stamp - 1`.
    #[inline(always)]
    fn bump(&mut self, stamp: u32, t: Term<'_>, weight: u32) {
        let id = match t {
            Term::Pair(a, b) => match self.pairs.get(pair_key(a, b)) {
                Some(id) => id,
                None => self.new_term(Key::Pair(pair_key(a, b))),
            },
            Term::Dict(n, w) => match self.dict.get(n as usize) {
                Some(&id) if id != u32::MAX => id,
                _ => self.dict_id(n, w),
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

    /// The id of user dictionary word `n`, remembered by its number.
    #[inline(never)]
    fn dict_id(&mut self, n: u32, w: &str) -> u32 {
        let id = self.text_id(w);
        if self.dict.len() <= n as usize {
            self.dict.resize(n as usize + 1, u32::MAX);
        }
        self.dict[n as usize] = id;
        id
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
fn encode_list(run: &[[u32; 2]], bytes: &mut Vec<u8>) -> List {
    let start = bytes.len();
    let mut next = 0;
    for &[doc, value] in run {
        encode::push(bytes, doc - next);
        encode::push(bytes, value);
        next = doc + 1;
    }
    List {
        start,
        end: bytes.len(),
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
/// with their first gap (absolute in its range) made relative to the previous article. Terms are
/// dealt into groups by hash, and the groups joined in parallel.
fn join(ranges: Vec<Done>) -> Vec<Entry> {
    const GROUPS: usize = 32;
    let dealt: Vec<Vec<Vec<u32>>> = ranges
        .par_iter()
        .map(|r| {
            let mut groups: Vec<Vec<u32>> = vec![Vec::new(); GROUPS];
            for (t, key) in r.keys.iter().enumerate() {
                let mut h = super::hash::FxHasher::default();
                key.hash(&mut h);
                groups[(h.finish() >> 32) as usize % GROUPS].push(t as u32);
            }
            groups
        })
        .collect();
    let mut by_group: Vec<Vec<(usize, Vec<u32>)>> = vec![Vec::new(); GROUPS];
    for (r, groups) in dealt.into_iter().enumerate() {
        for (g, terms) in groups.into_iter().enumerate() {
            by_group[g].push((r, terms));
        }
    }
    by_group
        .into_par_iter()
        .flat_map_iter(|group| join_group(&ranges, group))
        .collect()
}

/// [`join`] for the terms of one group, given range by range.
fn join_group(ranges: &[Done], group: Vec<(usize, Vec<u32>)>) -> Vec<Entry> {
    // First every term's lists, in range order; then each term's bytes in one allocation.
    let mut at: HashMap<&Key, usize, Fx> = HashMap::default();
    let mut parts: Vec<(&Key, Vec<(usize, u32)>)> = Vec::new();
    for (r, terms) in group {
        for t in terms {
            let key = &ranges[r].keys[t as usize];
            match at.get(key) {
                Some(&i) => parts[i].1.push((r, t)),
                None => {
                    at.insert(key, parts.len());
                    parts.push((key, vec![(r, t)]));
                }
            }
        }
    }
    parts
        .into_iter()
        .map(|(key, lists)| {
            let size: usize = lists
                .iter()
                .map(|&(r, t)| {
                    let l = ranges[r].lists[t as usize];
                    l.end - l.start + 7
                })
                .sum();
            let mut bytes = Vec::with_capacity(size);
            let (mut last, mut docs) = (None, 0);
            for (r, t) in lists {
                let list = ranges[r].lists[t as usize];
                let own = &ranges[r].bytes[list.start..list.end];
                match last {
                    None => bytes.extend_from_slice(own),
                    Some(prev) => {
                        let (first, len) = encode::first(own);
                        encode::push(&mut bytes, first - prev - 1);
                        bytes.extend_from_slice(&own[len..]);
                    }
                }
                last = Some(list.last);
                docs += list.docs;
            }
            Entry {
                term: key.text(),
                postings: String::from_utf8(bytes).unwrap_or_default(),
                docs,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
