//! URL slugs: toneless, hyphenated pinyin for Chinese titles, and the rules a hand-written slug must meet.
//!
//! Topic and region keys are not made here: they are explicit ASCII keys in `site.toml` and the gazetteer.

use std::collections::HashSet;

use pinyin::ToPinyin;

/// Longest generated slug, in bytes; longer ones are cut at a syllable boundary.
pub const MAX_LEN: usize = 60;

/// True if `s` is a usable URL segment: lowercase ASCII letters, digits, `-` and `_`, not starting
/// or ending with `-`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// A slug for `text`: Chinese characters become toneless pinyin syllables, ASCII letters and digits
/// are kept (lower-cased), everything else separates words. At most [`MAX_LEN`] bytes.
///
/// ```
/// assert_eq!(xietong::slug::from_text("京津冀打造区域碳普惠体系"), "jing-jin-ji-da-zao-qu-yu-tan-pu-hui-ti-xi");
/// assert_eq!(xietong::slug::from_text("5G基站 2024"), "5g-ji-zhan-2024");
/// ```
pub fn from_text(text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut ascii = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            ascii.push(c.to_ascii_lowercase());
            continue;
        }
        if !ascii.is_empty() {
            words.push(std::mem::take(&mut ascii));
        }
        if let Some(p) = c.to_pinyin() {
            // ü has no ASCII form; `v` is how pinyin keyboards and most Chinese URLs write it.
            words.push(p.plain().replace('ü', "v"));
        }
    }
    if !ascii.is_empty() {
        words.push(ascii);
    }
    let mut out = String::new();
    for w in words {
        if out.len() + w.len() + 1 > MAX_LEN && !out.is_empty() {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w);
    }
    out.truncate(MAX_LEN);
    out
}

/// Returns `base`, or `base-2`, `base-3`, … — the first that is not in `taken` — and records it.
pub fn unique(base: &str, taken: &mut HashSet<String>) -> String {
    if taken.insert(base.to_string()) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|s| taken.insert(s.clone()))
        .expect("an unused suffix exists")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_rules() {
        assert!(is_slug("a-000001"));
        assert!(is_slug("cangzhou_2024"));
        assert!(!is_slug("Cangzhou"));
        assert!(!is_slug("-a"));
        assert!(!is_slug("沧州"));
        assert!(!is_slug(""));
    }

    #[test]
    fn chinese_becomes_toneless_pinyin() {
        assert_eq!(from_text("雄安新区"), "xiong-an-xin-qu");
    }

    #[test]
    fn u_umlaut_becomes_v() {
        assert_eq!(from_text("绿色"), "lv-se");
    }

    #[test]
    fn punctuation_separates_and_is_dropped() {
        assert_eq!(from_text("“京津冀”：协同！"), "jing-jin-ji-xie-tong");
    }

    #[test]
    fn long_titles_are_cut_at_a_syllable() {
        let s = from_text(&"京津冀协同发展".repeat(10));
        assert!(s.len() <= MAX_LEN, "{s}");
        assert!(!s.ends_with('-'));
        assert!(s
            .split('-')
            .all(|w| ["jing", "jin", "ji", "xie", "tong", "fa", "zhan"].contains(&w)));
    }

    #[test]
    fn text_without_letters_gives_empty() {
        assert_eq!(from_text("——！"), "");
    }

    #[test]
    fn unique_appends_numbers_in_order() {
        let mut taken = HashSet::new();
        assert_eq!(unique("a", &mut taken), "a");
        assert_eq!(unique("a", &mut taken), "a-2");
        assert_eq!(unique("a", &mut taken), "a-3");
    }
}
