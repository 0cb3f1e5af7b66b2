//! Finding text garbled beyond repair in normalised article text, for a review warning.
//!
//! Four kinds of evidence, each rare in clean news text:
//! - a pinyin annotation that does not match the character before it, next to other damage
//!   (`六!比蝿(wù)`); normalising keeps such spots verbatim for this reason;
//! - characters that never belong in text: U+FFFD, private-use characters, noncharacters,
//!   control characters, and the classic mojibake runs 锟斤拷 / 烫烫烫 / 屯屯屯;
//! - UTF-8 read as Latin-1 or Windows-1252 (`ä¸­æ–‡`);
//! - a dense run of characters rare in modern Chinese (outside GB2312, extension blocks) mixed
//!   with kana, Cyrillic, box drawing or stray ASCII symbols, which is what a wrong or shifted
//!   decoding produces (`涓枃鐨勬枃`). Names with one rare character stay below the threshold.

use std::ops::Range;

use super::annotation;
use super::charclass::{is_han, rarity, Rarity};

/// Most spots reported for one text; a wholly garbled text needs no more to be noticed.
const MAX_SPOTS: usize = 5;
/// Characters of context shown on each side of a spot found by its characters.
const CONTEXT: usize = 3;
/// Longest excerpt, in characters.
const MAX_EXCERPT: usize = 24;
/// Window, in characters, over which rarity weights are summed.
const WINDOW: usize = 8;
/// Weight a window must reach to be a spot.
const THRESHOLD: u32 = 7;
/// Characters in the window that must carry weight (so one odd name is not enough).
const MIN_WEIGHTED: usize = 3;
/// Mojibake runs that only a broken decoder produces.
const MOJIBAKE_RUNS: [&str; 3] = ["锟斤拷", "烫烫烫", "屯屯屯"];

/// Short excerpts of the spots in `text` that are garbled beyond repair (at most five), in
/// order; empty for clean text. Meant for the body of one article after [`super::normalize`].
pub fn garbled_spots(text: &str) -> Vec<String> {
    let mut spots = Vec::new();
    for line in text.lines() {
        for r in line_spots(line) {
            if spots.len() == MAX_SPOTS {
                return spots;
            }
            spots.push(excerpt(&line[r]));
        }
    }
    spots
}

/// Byte ranges of the garbled spots in one line, merged and in order.
fn line_spots(line: &str) -> Vec<Range<usize>> {
    let mut ranges = annotation::mismatches(line);
    let mut by_chars = junk_chars(line);
    by_chars.extend(
        MOJIBAKE_RUNS
            .iter()
            .flat_map(|run| line.match_indices(run).map(|(i, m)| i..i + m.len())),
    );
    by_chars.extend(latin1_mojibake(line));
    by_chars.extend(rare_runs(line));
    ranges.extend(by_chars.into_iter().map(|r| widen(line, r)));
    merge(ranges)
}

/// Characters that never belong in text.
fn junk_chars(line: &str) -> Vec<Range<usize>> {
    line.char_indices()
        .filter(|&(_, c)| is_junk(c))
        .map(|(i, c)| i..i + c.len_utf8())
        .collect()
}

fn is_junk(c: char) -> bool {
    let u = c as u32;
    c == '\u{FFFD}'
        || (c.is_control() && c != '\t')
        || (0xE000..=0xF8FF).contains(&u)
        || u >= 0xF0000
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

/// Runs where UTF-8 bytes were read as Latin-1 or Windows-1252: a lead-byte letter (`À`–`ï`)
/// followed by a continuation-byte character, twice within a few characters.
fn latin1_mojibake(line: &str) -> Vec<Range<usize>> {
    // The lead-byte letters À–ï are C3 80–C3 AF in UTF-8.
    if !line.as_bytes().contains(&0xC3) {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let pairs: Vec<usize> = (0..chars.len().saturating_sub(1))
        .filter(|&i| {
            ('\u{C0}'..='\u{EF}').contains(&chars[i].1) && is_continuation_like(chars[i + 1].1)
        })
        .collect();
    pairs
        .windows(2)
        .filter(|w| w[1] - w[0] <= 4)
        .map(|w| chars[w[0]].0..chars[w[1] + 1].0 + chars[w[1] + 1].1.len_utf8())
        .collect()
}

/// What a UTF-8 continuation byte (80–BF) looks like in Latin-1 or Windows-1252.
fn is_continuation_like(c: char) -> bool {
    ('\u{80}'..='\u{BF}').contains(&c) || "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".contains(c)
}

/// How much a character suggests a wrong decoding, given its neighbours.
fn weight(prev: Option<char>, c: char, next: Option<char>) -> u32 {
    if let Some(r) = rarity(c) {
        return match r {
            Rarity::Common => 0,
            Rarity::Uncommon => 1,
            Rarity::Rare => 2,
            Rarity::Unusual => 3,
        };
    }
    let han_next_to = prev.is_some_and(is_han) || next.is_some_and(is_han);
    if !han_next_to {
        return 0;
    }
    let u = c as u32;
    // Cyrillic, box drawing, kana, bopomofo, hangul: what GB2312's symbol rows decode to.
    let odd_script = matches!(u, 0x0400..=0x04FF | 0x2500..=0x257F | 0x3041..=0x30FA)
        || matches!(u, 0x3105..=0x312F | 0x3131..=0x318E | 0xAC00..=0xD7A3);
    let stray_symbol =
        "#$^`{}|~\\<>=*_@".contains(c) && prev.is_some_and(is_han) && next.is_some_and(is_han);
    if odd_script {
        2
    } else if stray_symbol {
        1
    } else {
        0
    }
}

/// Windows of [`WINDOW`] characters whose weights reach [`THRESHOLD`] with at least
/// [`MIN_WEIGHTED`] weighted characters, as ranges from the first to the last weighted one.
/// One pass with a ring buffer of the last [`WINDOW`] weights: no allocation for clean lines.
fn rare_runs(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut ring = [(0usize, 0u32); WINDOW];
    let (mut sum, mut weighted) = (0u32, 0usize);
    let mut chars = line.char_indices().peekable();
    let mut prev: Option<char> = None;
    let mut n = 0usize;
    while let Some((at, c)) = chars.next() {
        let w = weight(prev, c, chars.peek().map(|&(_, x)| x));
        prev = Some(c);
        let slot = &mut ring[n % WINDOW];
        sum -= slot.1;
        weighted -= usize::from(slot.1 > 0);
        *slot = (at, w);
        sum += w;
        weighted += usize::from(w > 0);
        n += 1;
        if sum >= THRESHOLD && weighted >= MIN_WEIGHTED {
            let oldest = n.saturating_sub(WINDOW);
            let first = (oldest..n)
                .map(|k| ring[k % WINDOW])
                .find(|&(_, w)| w > 0)
                .map_or(at, |(i, _)| i);
            out.push(first..at + c.len_utf8());
        }
    }
    out
}

/// `r` grown by [`CONTEXT`] characters on each side, within the line.
fn widen(line: &str, r: Range<usize>) -> Range<usize> {
    let start = line[..r.start]
        .char_indices()
        .rev()
        .take(CONTEXT)
        .last()
        .map_or(r.start, |(i, _)| i);
    let end = line[r.end..]
        .char_indices()
        .take(CONTEXT)
        .last()
        .map_or(r.end, |(i, c)| r.end + i + c.len_utf8());
    start..end
}

/// Sorts ranges and merges the ones that overlap or touch.
fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The spot as shown to the editor: control characters made visible, long spots cut.
fn excerpt(spot: &str) -> String {
    let mut s: String = spot
        .chars()
        .take(MAX_EXCERPT)
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect();
    if spot.chars().nth(MAX_EXCERPT).is_some() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests;
