//! Chinese-aware text measures: summaries cut on sentence boundaries and reading time.
//!
//! Chinese has no spaces, so word counts and "first N words" make no sense; these functions count
//! CJK characters and end cuts at 。！？ rather than mid-sentence.

/// CJK characters an average reader reads per minute.
pub const CJK_PER_MINUTE: usize = 400;
/// Latin words an average reader of Chinese text reads per minute.
pub const WORDS_PER_MINUTE: usize = 200;

/// True for characters that count as one CJK "word" (Han ideographs, kana, hangul).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// True for the punctuation of Chinese text (，。“”——…《》、 and full-width signs), which is
/// neither a character nor part of a word; checked before the slow general Unicode tables.
fn is_cjk_punctuation(c: char) -> bool {
    matches!(c as u32, 0x2000..=0x206F | 0x3000..=0x303F | 0xFE10..=0xFE4F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

/// Counts of what a reader reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Measure {
    /// CJK characters.
    pub cjk: usize,
    /// Runs of Latin letters or digits.
    pub words: usize,
}

impl Measure {
    /// Measures `text`.
    pub fn of(text: &str) -> Measure {
        let mut m = Measure::default();
        let mut in_word = false;
        for c in text.chars() {
            if c.is_ascii() {
                // Fast path: most non-CJK text here is ASCII, and the general Unicode tables are slow.
                if c.is_ascii_alphanumeric() {
                    m.words += usize::from(!in_word);
                    in_word = true;
                } else {
                    in_word = false;
                }
            } else if is_cjk(c) {
                m.cjk += 1;
                in_word = false;
            } else if is_cjk_punctuation(c) {
                in_word = false;
            } else if c.is_alphanumeric() {
                if !in_word {
                    m.words += 1;
                }
                in_word = true;
            } else {
                in_word = false;
            }
        }
        m
    }

    /// Adds another measure.
    pub fn add(&mut self, other: Measure) {
        self.cjk += other.cjk;
        self.words += other.words;
    }

    /// Characters plus words: the "字数" an editor expects.
    pub fn total(&self) -> usize {
        self.cjk + self.words
    }

    /// Whole minutes to read, at least one.
    pub fn reading_minutes(&self) -> usize {
        let per_mille = self.cjk * 1000 / CJK_PER_MINUTE + self.words * 1000 / WORDS_PER_MINUTE;
        per_mille.div_ceil(1000).max(1)
    }
}

const SENTENCE_ENDS: [char; 6] = ['。', '！', '？', '!', '?', '…'];
const CLOSERS: [char; 5] = ['”', '’', '」', '』', '）'];

/// Cuts `text` to at most `max` characters, ending at the last sentence end within that limit
/// (keeping a closing quote that follows it). Without one, cuts at the limit and adds `……`.
///
/// ```
/// use xietong::text::cut_summary;
/// assert_eq!(cut_summary("第一句。第二句很长很长。", 8), "第一句。");
/// assert_eq!(cut_summary("短句。", 80), "短句。");
/// ```
pub fn cut_summary(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().take(max + 1).collect();
    let mut end = None;
    for (i, c) in chars.iter().enumerate().take(max) {
        if SENTENCE_ENDS.contains(c) {
            let mut e = i + 1;
            while e < max && CLOSERS.contains(&chars[e]) {
                e += 1;
            }
            end = Some(e);
        }
    }
    match end {
        // A sentence end too early would give a stub; prefer a cut with an ellipsis then.
        Some(e) if e * 3 >= max => chars[..e].iter().collect(),
        _ => {
            let mut s: String = chars[..max].iter().collect();
            s = s
                .trim_end_matches(['，', '、', '；', '：', ',', ' '])
                .to_string();
            s.push_str("……");
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_and_latin_are_counted_apart() {
        let m = Measure::of("雄安新区5G基站, AI产业");
        assert_eq!(m, Measure { cjk: 8, words: 2 });
    }

    #[test]
    fn chinese_punctuation_is_neither_character_nor_word() {
        assert_eq!(
            Measure::of("“协同”，——发展！《规划》、５Ｇ"),
            Measure { cjk: 6, words: 1 }
        );
    }

    #[test]
    fn reading_time_is_at_least_one_minute() {
        assert_eq!(Measure::of("短").reading_minutes(), 1);
    }

    #[test]
    fn reading_time_grows_with_cjk_characters() {
        let m = Measure {
            cjk: 2000,
            words: 0,
        };
        assert_eq!(m.reading_minutes(), 5);
        let m = Measure {
            cjk: 2001,
            words: 0,
        };
        assert_eq!(m.reading_minutes(), 6);
    }

    #[test]
    fn latin_words_add_reading_time() {
        assert_eq!(
            Measure {
                cjk: 400,
                words: 200
            }
            .reading_minutes(),
            2
        );
    }

    #[test]
    fn summary_keeps_closing_quote() {
        let s = cut_summary("他说：“要协同。”后面还有很多很多很多内容。", 12);
        assert_eq!(s, "他说：“要协同。”");
    }

    #[test]
    fn summary_without_sentence_end_gets_ellipsis() {
        let s = cut_summary("京津冀协同发展，产业链，创新链，人才链", 8);
        assert_eq!(s, "京津冀协同发展……");
    }

    #[test]
    fn too_early_sentence_end_is_not_used() {
        let s = cut_summary("好。京津冀协同发展产业链创新链人才链深度融合", 12);
        assert_eq!(s, "好。京津冀协同发展产业链……");
    }
}
