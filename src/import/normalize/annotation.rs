//! Pinyin annotations that some mirror sites insert after characters (`精準(zhǔn)`, `協（xié）同`):
//! found, checked against the readings of the characters they follow, and removed when they match.
//!
//! An annotation that does not match the character before it (`六!比蝿(wù)`: 蝿 is yíng), where
//! the text before it also shows damage (a rare or variant character, a stray ASCII mark), marks
//! a spot where the text was garbled before the annotation was added. Such a spot is kept verbatim,
//! annotation included, so that an editor can see what the original said and garble detection
//! (which runs later, on each article's text) can still find it.
//!
//! Only parentheses holding lower-case, tone-marked pinyin count, so `(CPI)`, `(2023)`,
//! `（记者 张三）` and `(Apollo)` are never touched.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use pinyin::ToPinyinMulti;

use super::charclass::{is_big5_common, is_cjk_context, is_han, rarity, Rarity};

/// Opens a span that later stages copy verbatim (a noncharacter, never in real text).
pub(crate) const SPOT_START: char = '\u{FDD0}';
/// Closes a verbatim span.
pub(crate) const SPOT_END: char = '\u{FDD1}';

/// Longest annotation content looked at, in bytes (six syllables with tone marks and spaces).
const MAX_CONTENT: usize = 48;
/// Most syllables one annotation may hold.
const MAX_SYLLABLES: usize = 6;
/// Characters before a mismatched annotation that are kept with it as the garbled spot.
const SPOT_LOOKBACK: usize = 3;

/// What an annotation-shaped parenthesis turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Verdict {
    /// Pinyin that matches the characters before it: remove `range`.
    Reading { range: Range<usize> },
    /// A single toneful syllable that the character before it cannot be read as, after text
    /// that shows damage of its own: `spot` is garbled text, annotation included.
    Mismatch { spot: Range<usize> },
}

/// `line` with matching pinyin annotations removed and mismatched ones wrapped in
/// [`SPOT_START`]…[`SPOT_END`]; borrowed when the line holds no annotation.
pub(crate) fn strip(line: &str) -> Cow<'_, str> {
    if !line.contains(['(', '（']) {
        return Cow::Borrowed(line);
    }
    let verdicts = scan(line);
    if verdicts.is_empty() {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut at = 0;
    for v in verdicts {
        match v {
            Verdict::Reading { range } => {
                out.push_str(&line[at..range.start]);
                at = range.end;
            }
            Verdict::Mismatch { spot } => {
                out.push_str(&line[at..spot.start]);
                out.push(SPOT_START);
                out.push_str(&line[spot.clone()]);
                out.push(SPOT_END);
                at = spot.end;
            }
        }
    }
    out.push_str(&line[at..]);
    Cow::Owned(out)
}

/// Byte ranges of the garbled spots in `line`: characters followed by a pinyin syllable they
/// cannot be read as, with up to three characters before them.
pub(crate) fn mismatches(line: &str) -> Vec<Range<usize>> {
    if !line.contains(['(', '（']) {
        return Vec::new();
    }
    scan(line)
        .into_iter()
        .filter_map(|v| match v {
            Verdict::Mismatch { spot } => Some(spot),
            Verdict::Reading { .. } => None,
        })
        .collect()
}

/// Every annotation in `line`, in order and not overlapping.
fn scan(line: &str) -> Vec<Verdict> {
    let mut found: Vec<Verdict> = Vec::new();
    let mut from = 0;
    while let Some(rel) = line[from..].find(['(', '（']) {
        let open = from + rel;
        let open_len = if line[open..].starts_with('(') {
            1
        } else {
            '（'.len_utf8()
        };
        from = open + open_len;
        let Some((syllables, close_end)) = parse_content(&line[from..]) else {
            continue;
        };
        let close_end = from + close_end;
        let floor = found.last().map_or(0, verdict_end);
        if let Some(v) = judge(line, floor, open, close_end, &syllables) {
            found.push(v);
            from = close_end;
        }
    }
    found
}

fn verdict_end(v: &Verdict) -> usize {
    match v {
        Verdict::Reading { range } => range.end,
        Verdict::Mismatch { spot } => spot.end,
    }
}

/// A syllable of an annotation without its tone mark, and whether it had one.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Syllable {
    plain: String,
    toned: bool,
}

/// Parses `zhǔn)` or ` xié tóng ）`: space-separated pinyin syllables up to a closing parenthesis.
/// Returns the syllables and the byte offset just past the parenthesis.
fn parse_content(rest: &str) -> Option<(Vec<Syllable>, usize)> {
    let mut syllables: Vec<Syllable> = Vec::new();
    let mut current: Option<Syllable> = None;
    for (i, c) in rest.char_indices() {
        if i > MAX_CONTENT {
            return None;
        }
        match c {
            ')' | '）' => {
                syllables.extend(current.take());
                let ok = !syllables.is_empty()
                    && syllables.len() <= MAX_SYLLABLES
                    && syllables.iter().any(|s| s.toned);
                return ok.then(|| (syllables, i + c.len_utf8()));
            }
            ' ' => syllables.extend(current.take()),
            _ => {
                let (base, toned) = untone(c)?;
                let s = current.get_or_insert_with(|| Syllable {
                    plain: String::new(),
                    toned: false,
                });
                if toned && s.toned {
                    // Two tone marks without a space: several syllables run together; only a
                    // single syllable or a space-separated list is an annotation.
                    return None;
                }
                s.plain.push(base);
                s.toned |= toned;
            }
        }
    }
    None
}

/// A pinyin letter without its tone mark, and whether it had one; `None` for anything else.
fn untone(c: char) -> Option<(char, bool)> {
    Some(match c {
        'a'..='z' if c != 'v' => (c, false),
        'v' | 'ü' => ('ü', false),
        'ā' | 'á' | 'ǎ' | 'à' => ('a', true),
        'ē' | 'é' | 'ě' | 'è' => ('e', true),
        'ī' | 'í' | 'ǐ' | 'ì' => ('i', true),
        'ō' | 'ó' | 'ǒ' | 'ò' => ('o', true),
        'ū' | 'ú' | 'ǔ' | 'ù' => ('u', true),
        'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => ('ü', true),
        'ń' | 'ň' | 'ǹ' => ('n', true),
        'ḿ' => ('m', true),
        _ => return None,
    })
}

/// Decides what the annotation `line[open..close_end]` is, given the characters before it (not
/// reaching back past `floor`, the end of the previous annotation).
fn judge(
    line: &str,
    floor: usize,
    open: usize,
    close_end: usize,
    syllables: &[Syllable],
) -> Option<Verdict> {
    let before: Vec<(usize, char)> = line[floor..open]
        .char_indices()
        .rev()
        .take(syllables.len())
        .map(|(i, c)| (floor + i, c))
        .collect();
    if before.len() < syllables.len() || !before.iter().all(|&(_, c)| is_han(c)) {
        return None;
    }
    // `before` runs backwards: pair the last syllable with the character right before `(`.
    let fits = |(&(_, c), s): (&(usize, char), &Syllable)| reads_as(c, &s.plain);
    if before.iter().zip(syllables.iter().rev()).all(fits) {
        return Some(Verdict::Reading {
            range: open..close_end,
        });
    }
    let single = syllables.len() == 1 && syllables[0].toned && is_syllable(&syllables[0].plain);
    if !single {
        return None;
    }
    let start = spot_start(&line[floor..before[0].0]).map_or(before[0].0, |s| floor + s);
    if corroborated(&line[start..open]) {
        Some(Verdict::Mismatch {
            spot: start..close_end,
        })
    } else {
        // A plain everyday character with a reading the tables lack (a regional reading, a
        // mirror site's own dictionary): more likely a reading than garble.
        Some(Verdict::Reading {
            range: open..close_end,
        })
    }
}

/// True when the text before a mismatched annotation shows damage of its own: a stray ASCII mark
/// or symbol, or an ideograph that is neither standard simplified (GB2312) nor common traditional
/// (Big5's first block), such as the Japanese form 蝿.
fn corroborated(spot: &str) -> bool {
    spot.chars().any(|c| match rarity(c) {
        Some(Rarity::Rare | Rarity::Unusual) => !is_big5_common(c),
        Some(Rarity::Common | Rarity::Uncommon) => false,
        None => !c.is_ascii_alphanumeric(),
    })
}

/// Where a garbled spot ending just before `head`'s end begins: up to [`SPOT_LOOKBACK`]
/// characters back, stopping at whitespace and Chinese punctuation.
fn spot_start(head: &str) -> Option<usize> {
    let mut start = None;
    for (i, c) in head.char_indices().rev().take(SPOT_LOOKBACK) {
        let boundary = c.is_whitespace() || (is_cjk_context(c) && !is_han(c));
        if boundary {
            break;
        }
        start = Some(i);
    }
    start
}

/// True when `c` has a reading whose toneless form is `plain`. Characters the pinyin tables do
/// not know are given the benefit of the doubt.
fn reads_as(c: char, plain: &str) -> bool {
    if EXTRA_READINGS.contains(&(c, plain)) {
        return true;
    }
    match c.to_pinyin_multi() {
        Some(readings) => readings.into_iter().any(|p| p.plain() == plain),
        None => true,
    }
}

/// Readings of place names in the region that the pinyin tables lack (乐亭 is read lào tíng).
const EXTRA_READINGS: [(char, &str); 2] = [('乐', "lao"), ('樂', "lao")];

/// True when `plain` is a syllable that some character is read as.
fn is_syllable(plain: &str) -> bool {
    static SYLLABLES: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SYLLABLES
        .get_or_init(|| {
            (0x4E00..=0x9FFFu32)
                .filter_map(char::from_u32)
                .filter_map(|c| c.to_pinyin_multi())
                .flat_map(|m| m.into_iter().map(|p| p.plain()))
                .collect()
        })
        .contains(plain)
}

#[cfg(test)]
mod tests;
