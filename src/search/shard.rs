//! Splitting the sorted term list into shards the browser loads on demand.
//!
//! A shard is a contiguous range of terms in sorted order, and the manifest lists the first term
//! of each, so the browser finds a term's shard by binary search without a table of terms. Shards
//! are filled up to [`TARGET_BYTES`], and cut where the first character changes when that is
//! possible, else where the first two change: a pair and the words that begin with it (雄安,
//! 雄安新区) then share a shard, so the browser can look up the candidate words of a query in the
//! shards it loads for the query's pairs. A single term larger than the target gets a shard of
//! its own.
//!
//! A shard file is a JSON array of term and posting-list strings, alternating:
//! `["雄安","0c2m…","雄安新区","5a…"]`.

use std::ops::Range;

use rayon::prelude::*;

use super::index::Entry;

/// Bytes a shard is filled up to. Three shards (a three-character query's pairs, which start
/// with different characters) plus the manifest and ten result documents stay well under the
/// 500 KB a first query may download on a 10,000-article site.
pub const TARGET_BYTES: usize = 64 * 1024;

/// One shard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shard {
    /// Its first term.
    pub first: String,
    /// The file's text.
    pub json: String,
}

/// Packs `entries` (sorted by [`super::index::utf16_cmp`]) into shards of about `target` bytes.
pub fn pack(entries: &[Entry], target: usize) -> Vec<Shard> {
    let sizes: Vec<usize> = entries.iter().map(entry_bytes).collect();
    let mut units = Vec::new();
    split(entries, &sizes, 0..entries.len(), 1, target, &mut units);
    let mut shards: Vec<Range<usize>> = Vec::new();
    let mut open = 0..0;
    let mut open_bytes = 0;
    for unit in units {
        let bytes: usize = sizes[unit.clone()].iter().sum();
        if open_bytes > 0 && open_bytes + bytes > target {
            shards.push(open.clone());
            open = unit.start..unit.start;
            open_bytes = 0;
        }
        open.end = unit.end;
        open_bytes += bytes;
    }
    if open_bytes > 0 || shards.is_empty() {
        shards.push(open);
    }
    shards
        .into_par_iter()
        .map(|r| Shard {
            first: entries
                .get(r.start)
                .map_or_else(String::new, |e| e.term.clone()),
            json: shard_json(&entries[r]),
        })
        .collect()
}

/// Appends to `units` the ranges that should stay together: runs of terms sharing their first
/// `depth` characters, split further (by two characters, then term by term) when too large.
fn split(
    entries: &[Entry],
    sizes: &[usize],
    range: Range<usize>,
    depth: usize,
    target: usize,
    units: &mut Vec<Range<usize>>,
) {
    let mut start = range.start;
    while start < range.end {
        let key = prefix(&entries[start].term, depth);
        let mut end = start + 1;
        while end < range.end && prefix(&entries[end].term, depth) == key {
            end += 1;
        }
        let bytes: usize = sizes[start..end].iter().sum();
        if bytes <= target || end - start == 1 {
            units.push(start..end);
        } else if depth < 2 {
            split(entries, sizes, start..end, depth + 1, target, units);
        } else {
            units.extend((start..end).map(|i| i..i + 1));
        }
        start = end;
    }
}

fn prefix(term: &str, chars: usize) -> &str {
    term.char_indices()
        .nth(chars)
        .map_or(term, |(i, _)| &term[..i])
}

/// Bytes an entry takes in a shard file: two quoted strings and two separators.
fn entry_bytes(e: &Entry) -> usize {
    e.term.len() + e.postings.len() + 6
}

fn shard_json(entries: &[Entry]) -> String {
    let mut out = String::with_capacity(entries.iter().map(entry_bytes).sum::<usize>() + 2);
    out.push('[');
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        // Terms are CJK or letters and digits: nothing to escape, but stay correct if one is not.
        if e.term.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
            out.push_str(&serde_json::to_string(&e.term).unwrap_or_else(|_| "\"\"".into()));
        } else {
            out.push('"');
            out.push_str(&e.term);
            out.push('"');
        }
        out.push_str(",\"");
        out.push_str(&e.postings);
        out.push('"');
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(term: &str, bytes: usize) -> Entry {
        Entry {
            term: term.into(),
            postings: "0".repeat(bytes),
            docs: 1,
        }
    }

    fn firsts(shards: &[Shard]) -> Vec<&str> {
        shards.iter().map(|s| s.first.as_str()).collect()
    }

    #[test]
    fn a_small_index_is_one_shard() {
        let e = [entry("北京", 10), entry("雄安", 10), entry("雄安新区", 10)];
        let s = pack(&e, 1000);
        assert_eq!(firsts(&s), ["北京"]);
        let v: Vec<String> = serde_json::from_str(&s[0].json).unwrap();
        assert_eq!(v[0], "北京");
        assert_eq!(v[5], "0".repeat(10));
    }

    #[test]
    fn shards_are_cut_where_the_first_character_changes() {
        let e = [
            entry("北京", 40),
            entry("北部", 40),
            entry("雄县", 10),
            entry("雄安", 40),
            entry("雄安新区", 10),
        ];
        let s = pack(&e, 120);
        assert_eq!(firsts(&s), ["北京", "雄县"]);
    }

    #[test]
    fn a_large_first_character_is_cut_by_its_first_two() {
        let e = [
            entry("发展", 60),
            entry("发展中", 10),
            entry("发布", 60),
            entry("发挥", 60),
        ];
        let s = pack(&e, 100);
        assert_eq!(firsts(&s), ["发展", "发布", "发挥"]);
    }

    #[test]
    fn a_term_larger_than_the_target_stands_alone() {
        let e = [entry("发展", 500), entry("发展中", 10), entry("雄安", 10)];
        let s = pack(&e, 100);
        assert_eq!(firsts(&s), ["发展", "发展中"]);
    }

    #[test]
    fn no_terms_give_one_empty_shard() {
        let s = pack(&[], 100);
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].first.as_str(), s[0].json.as_str()), ("", "[]"));
    }

    #[test]
    fn shard_sizes_stay_near_the_target() {
        let e: Vec<Entry> = (0..2000u32)
            .map(|i| {
                let a = char::from_u32(0x4E00 + i / 40).unwrap();
                let b = char::from_u32(0x4E00 + i % 40).unwrap();
                entry(&format!("{a}{b}"), 20 + (i as usize * 7) % 50)
            })
            .collect();
        let s = pack(&e, 4096);
        assert!(s.len() > 10);
        for shard in &s {
            assert!(shard.json.len() <= 4096 + 2, "{}", shard.json.len());
        }
        let total: usize = s.iter().map(|x| x.json.len()).sum();
        assert!(
            total / s.len() > 4096 / 2,
            "shards are too small on average"
        );
    }
}
