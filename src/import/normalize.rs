//! Text normalisation of a whole decoded page, before segmentation: line endings, invisible
//! characters, pinyin annotations, traditional → simplified, and half-width punctuation inside
//! Chinese text; plus [`garbled_spots`], which finds text garbled beyond repair.
//!
//! Segmentation reads the line structure, so nothing here joins or splits lines: every input line
//! becomes exactly one output line (blank lines included), in order. Each stage is its own
//! submodule and borrows the line when it has nothing to do, so clean simplified text costs one
//! scan per stage and comes out byte for byte as it went in (apart from line endings and
//! trailing spaces).
//!
//! Garbled text is kept, not repaired: where a pinyin annotation does not match the character
//! it follows (`六!比蝿(wù)`), the spot is copied verbatim, annotation included, so that
//! [`garbled_spots`] can still find it after segmentation and the editor can read what it said.

mod annotation;
pub(crate) mod charclass;
mod garble;
mod punct;
mod script;

use std::borrow::Cow;

pub use garble::garbled_spots;

/// Normalises a decoded page, keeping one output line per input line:
/// - line endings (`\r\n`, `\r`, U+2028, U+2029, U+0085) become `\n`;
/// - zero-width and other invisible format characters are removed, and trailing whitespace
///   (spaces, NBSP, ideographic spaces) is cut from each line; leading indentation stays;
/// - pinyin annotations after characters (`精準(zhǔn)`, `協（xié）同`) are removed;
/// - traditional characters become simplified (only on lines that hold traditional text);
/// - `, : ; ? ! ( ) "` next to Chinese text become `，：；？！（）“”`.
pub fn normalize(text: &str) -> String {
    let text = defuse_markers(text);
    let page = script::Page::survey(&text);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut scratch = punct::Scratch::default();
    for (line, ended) in Lines::new(&text) {
        let line = strip_invisible(line);
        let line = annotation::strip(&line);
        let line = page.to_simplified(&line);
        punct::push_line(&line, &mut out, &mut scratch);
        if ended {
            out.push('\n');
        }
    }
    out
}

/// Replaces any of the internal spot markers found in the input (noncharacters, never real text)
/// by U+FFFD, so that they cannot be mistaken for markers; garble detection then reports them.
fn defuse_markers(text: &str) -> Cow<'_, str> {
    let markers = [annotation::SPOT_START, annotation::SPOT_END];
    if text.contains(markers) {
        Cow::Owned(text.replace(markers, "\u{FFFD}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// True for invisible format characters that carry nothing in plain Chinese text.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{180E}' | '\u{FEFF}')
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}')
}

/// `line` without invisible characters; borrowed when it has none.
fn strip_invisible(line: &str) -> Cow<'_, str> {
    // Each of them starts with byte C2, E1, E2 or EF in UTF-8: look at the chars only when one
    // of those bytes is seen.
    if !line.bytes().any(|b| matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xEF)) || !line.contains(is_invisible)
    {
        return Cow::Borrowed(line);
    }
    Cow::Owned(line.chars().filter(|&c| !is_invisible(c)).collect())
}

/// The lines of a text and whether each was ended by a line break (the last may not be). Breaks
/// are `\n`, `\r\n`, a lone `\r`, U+0085, U+2028 and U+2029.
struct Lines<'a> {
    rest: Option<&'a str>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            rest: (!text.is_empty()).then_some(text),
        }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = (&'a str, bool);

    fn next(&mut self) -> Option<(&'a str, bool)> {
        let text = self.rest?;
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let len = match b {
                b'\n' => 1,
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
                b'\r' => 1,
                0xC2 if bytes.get(i + 1) == Some(&0x85) => 2,
                0xE2 if bytes.get(i + 1) == Some(&0x80)
                    && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
                {
                    3
                }
                _ => continue,
            };
            let rest = &text[i + len..];
            self.rest = (!rest.is_empty()).then_some(rest);
            return Some((&text[..i], true));
        }
        self.rest = None;
        Some((text, false))
    }
}

#[cfg(test)]
mod tests;
