//! Half-width punctuation inside Chinese text made full-width (`,` → `，`, `"…"` → `“…”`), and
//! each line's trailing whitespace removed.
//!
//! A mark is converted only when Chinese text touches it, so numbers (`1,000`, `3.5`,
//! `14:39:36`), URLs (`http://x.cn/a?b=1`) and Latin text (`Wi-Fi`, `f(x)`) keep their ASCII.
//! Spans wrapped in the annotation module's spot markers (garbled text) are copied verbatim and
//! the markers dropped.

use super::annotation::{SPOT_END, SPOT_START};
use super::charclass::is_cjk_context;

/// Buffers reused from line to line, so a page costs no allocation per line.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    chars: Vec<char>,
    /// Parallel to `chars`: true for characters that must be copied as they are.
    keep: Vec<bool>,
    /// Replacement for each character (`None` = unchanged, `Some('\0')` = dropped).
    out: Vec<Option<char>>,
    /// `cjk_before[i]`: how many of `chars[..i]` are Chinese text (one more entry than `chars`),
    /// so "is there Chinese between two marks" costs O(1) even for deeply nested parentheses.
    cjk_before: Vec<u32>,
    /// The line holds Chinese text somewhere.
    has_cjk: bool,
}

/// Appends `line` to `out` with its punctuation made full-width and its trailing whitespace
/// removed.
pub(crate) fn push_line(line: &str, out: &mut String, scratch: &mut Scratch) {
    let start = out.len();
    if !needs_work(line.as_bytes()) {
        out.push_str(line);
    } else {
        load(line, scratch);
        plan_parens(scratch);
        plan_quotes(scratch);
        plan_marks(scratch);
        for (i, &c) in scratch.chars.iter().enumerate() {
            match scratch.out[i] {
                None => out.push(c),
                Some('\0') => {}
                Some(r) => out.push(r),
            }
        }
    }
    let kept = out[start..].trim_end().len();
    out.truncate(start + kept);
}

/// True when the line holds a mark this module may change or a spot marker.
fn needs_work(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b',' | b':' | b';' | b'?' | b'!' | b'(' | b')' | b'"' => true,
        // SPOT_START and SPOT_END are EF B7 90 and EF B7 91 in UTF-8.
        0xEF => bytes.get(i + 1) == Some(&0xB7) && matches!(bytes.get(i + 2), Some(0x90 | 0x91)),
        _ => false,
    })
}

/// Fills the scratch buffers: characters without spot markers, and which ones are verbatim
/// (inside a spot or a URL).
fn load(line: &str, s: &mut Scratch) {
    s.chars.clear();
    s.keep.clear();
    let mut in_spot = false;
    for c in line.chars() {
        match c {
            SPOT_START => in_spot = true,
            SPOT_END => in_spot = false,
            _ => {
                s.chars.push(c);
                s.keep.push(in_spot);
            }
        }
    }
    mark_urls(s);
    s.cjk_before.clear();
    s.cjk_before.push(0);
    let mut count = 0u32;
    for &c in &s.chars {
        count += u32::from(is_cjk_context(c));
        s.cjk_before.push(count);
    }
    s.has_cjk = count > 0;
    s.out.clear();
    s.out.resize(s.chars.len(), None);
}

/// Marks `http://…`, `https://…` and `www.…` up to the next space or non-ASCII character, less
/// the punctuation that ends a sentence after it (`见www.x.cn,谢谢`).
fn mark_urls(s: &mut Scratch) {
    let n = s.chars.len();
    let mut i = 0;
    while i < n {
        let url = ["http://", "https://", "ftp://", "www."]
            .iter()
            .any(|p| starts_with(&s.chars[i..], p));
        if !url || (i > 0 && s.chars[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < n && s.chars[end].is_ascii_graphic() {
            end += 1;
        }
        let mut kept = end;
        while kept > i && ",.;:!?)\"'".contains(s.chars[kept - 1]) {
            kept -= 1;
        }
        s.keep[i..kept].iter_mut().for_each(|k| *k = true);
        i = end;
    }
}

fn starts_with(chars: &[char], prefix: &str) -> bool {
    chars.len() >= prefix.len()
        && prefix
            .chars()
            .zip(chars)
            .all(|(p, &c)| p == c.to_ascii_lowercase())
}

/// The character before `i` as it will be printed (skipping dropped ones), if any.
fn prev(s: &Scratch, i: usize) -> Option<char> {
    (0..i).rev().find_map(|j| match s.out[j] {
        None => Some(s.chars[j]),
        Some('\0') => None,
        Some(r) => Some(r),
    })
}

/// The first character after `i` that is not an ASCII space, with its index.
fn next_solid(s: &Scratch, i: usize) -> Option<(usize, char)> {
    (i + 1..s.chars.len())
        .map(|j| (j, s.chars[j]))
        .find(|&(_, c)| c != ' ')
}

/// True when Chinese text lies strictly between positions `open` and `close`.
fn has_cjk_between(s: &Scratch, open: usize, close: usize) -> bool {
    s.cjk_before[close] > s.cjk_before[open + 1]
}

fn cjk(c: Option<char>) -> bool {
    c.is_some_and(is_cjk_context)
}

fn digit(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit())
}

/// Plans `, ; : ? !`: full-width when Chinese text is next to them (or they end a line of
/// Chinese text), with the spaces after them dropped when Chinese text follows.
fn plan_marks(s: &mut Scratch) {
    for i in 0..s.chars.len() {
        let c = s.chars[i];
        let wide = match c {
            ',' => '，',
            ';' => '；',
            ':' => '：',
            '?' => '？',
            '!' => '！',
            _ => continue,
        };
        let (before, raw_after) = (prev(s, i), s.chars.get(i + 1).copied());
        if s.keep[i] || (digit(before) && digit(raw_after)) || (c == ':' && raw_after == Some('/'))
        {
            continue;
        }
        let after = next_solid(s, i);
        let chinese_after = match after {
            Some((_, n)) => is_cjk_context(n),
            None => s.has_cjk,
        };
        // `?` and `!` after Latin letters are likely a URL query or English text.
        let url_before = before.is_some_and(|b| b.is_ascii_alphabetic() || b == '/' || b == '=');
        let convert = match c {
            '?' | '!' => cjk(before) || (chinese_after && !url_before),
            _ => cjk(before) || chinese_after,
        };
        if !convert {
            continue;
        }
        s.out[i] = Some(wide);
        if let Some((j, n)) = after {
            if is_cjk_context(n) {
                (i + 1..j).for_each(|k| s.out[k] = Some('\0'));
            }
        }
    }
}

/// Plans `(` and `)`: a matched pair is made full-width when Chinese text touches it from
/// outside or fills it; an unmatched one when Chinese text is next to it.
fn plan_parens(s: &mut Scratch) {
    let mut open: Vec<usize> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut lone: Vec<usize> = Vec::new();
    for i in 0..s.chars.len() {
        match s.chars[i] {
            '(' if !s.keep[i] => open.push(i),
            ')' if !s.keep[i] => match open.pop() {
                Some(o) => pairs.push((o, i)),
                None => lone.push(i),
            },
            _ => {}
        }
    }
    lone.extend(open);
    for (o, c) in pairs {
        if has_cjk_between(s, o, c) || cjk(prev(s, o)) || cjk(s.chars.get(c + 1).copied()) {
            s.out[o] = Some('（');
            s.out[c] = Some('）');
        }
    }
    for i in lone {
        if cjk(prev(s, i)) || cjk(s.chars.get(i + 1).copied()) {
            s.out[i] = Some(if s.chars[i] == '(' { '（' } else { '）' });
        }
    }
}

/// Plans straight double quotes: paired left to right, a pair becomes “…” when Chinese text is
/// inside or right outside it; a last unpaired quote opens at the line start or after Chinese
/// punctuation, and closes after Chinese text.
fn plan_quotes(s: &mut Scratch) {
    let quotes: Vec<usize> = (0..s.chars.len())
        .filter(|&i| s.chars[i] == '"' && !s.keep[i])
        .collect();
    for pair in quotes.chunks(2) {
        match *pair {
            [o, c]
                if (has_cjk_between(s, o, c)
                    || cjk(prev(s, o))
                    || cjk(s.chars.get(c + 1).copied())) =>
            {
                s.out[o] = Some('“');
                s.out[c] = Some('”');
            }
            [q] => plan_lone_quote(s, q),
            _ => {}
        }
    }
}

fn plan_lone_quote(s: &mut Scratch, q: usize) {
    let before = prev(s, q);
    let after = s.chars.get(q + 1).copied();
    let opens_line = s.chars[..q].iter().all(|c| c.is_whitespace());
    let after_punct = before.is_some_and(|b| is_cjk_context(b) && !super::charclass::is_han(b));
    if (opens_line || after_punct) && (cjk(after) || after.is_some_and(|a| a.is_alphanumeric())) {
        s.out[q] = Some('“');
    } else if cjk(before) {
        s.out[q] = Some('”');
    }
}

#[cfg(test)]
mod tests;
