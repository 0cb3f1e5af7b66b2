//! Traditional → simplified conversion with OpenCC's `t2s` tables (ferrous-opencc, Apache-2.0),
//! applied only to lines that need it.
//!
//! OpenCC converts at 15–30 MB/s and changes a few characters that simplified text also uses
//! (乾 and 於 as surnames, 徵, 麽), so it is not run on everything: a page is judged
//! traditional when a noticeable share of its ideographs are traditional-only (outside GB2312 and
//! changed by `t2s`). On a traditional page every line holding a convertible character is
//! converted; on a simplified page only lines that hold a traditional-only character are, so clean
//! simplified text passes through byte for byte.

use std::borrow::Cow;
use std::sync::OnceLock;

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;

use super::charclass::{is_han, rarity, Rarity};

/// Code points covered by the "does `t2s` change this character" bitmap.
const BITMAP_RANGES: [(u32, u32); 3] = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)];
const BITMAP_START: u32 = 0x3400;
const BITMAP_END: u32 = 0xFAFF;

/// Share of a page's ideographs (1 in N) that must be traditional-only for the whole page to be
/// treated as traditional. Traditional news text runs at 1 in 3 or 4; simplified text at ~0.
const TRADITIONAL_SHARE: usize = 20;

/// Which script a page is in, decided once per page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Page {
    traditional: bool,
}

impl Page {
    /// Looks at the whole page to decide whether it is traditional.
    pub(crate) fn survey(text: &str) -> Page {
        let (mut han, mut trad) = (0usize, 0usize);
        for c in text.chars().filter(|&c| is_han(c)) {
            han += 1;
            trad += usize::from(is_traditional_only(c));
        }
        Page {
            traditional: trad >= 2 && trad * TRADITIONAL_SHARE >= han,
        }
    }

    /// `line` in simplified characters; borrowed when nothing needed converting.
    pub(crate) fn to_simplified<'a>(self, line: &'a str) -> Cow<'a, str> {
        let needs = if self.traditional {
            line.chars().any(t2s_changes)
        } else {
            line.chars().any(is_traditional_only)
        };
        match converter() {
            Some(cc) if needs => Cow::Owned(cc.convert(line)),
            _ => Cow::Borrowed(line),
        }
    }
}

/// True when `t2s` may change `c` (ideographs beyond the bitmap are left to the converter).
fn t2s_changes(c: char) -> bool {
    let u = c as u32;
    if (BITMAP_START..=BITMAP_END).contains(&u) {
        let i = (u - BITMAP_START) as usize;
        bitmap()[i / 64] & (1 << (i % 64)) != 0
    } else {
        u >= 0x20000 && is_han(c)
    }
}

/// True for characters that `t2s` changes and that simplified text does not use (not in GB2312).
fn is_traditional_only(c: char) -> bool {
    t2s_changes(c) && !matches!(rarity(c), Some(Rarity::Common | Rarity::Uncommon))
}

/// The shared converter; `None` if the embedded tables failed to load (then nothing is converted).
fn converter() -> Option<&'static OpenCC> {
    static CC: OnceLock<Option<OpenCC>> = OnceLock::new();
    CC.get_or_init(|| OpenCC::from_config(BuiltinConfig::T2s).ok())
        .as_ref()
}

fn bitmap() -> &'static [u64] {
    static BITMAP: OnceLock<Vec<u64>> = OnceLock::new();
    BITMAP.get_or_init(build_bitmap)
}

/// Converts every ideograph once, each on its own line so that no phrase rule applies, and
/// records which ones change.
fn build_bitmap() -> Vec<u64> {
    let mut bits = vec![0u64; ((BITMAP_END - BITMAP_START) as usize) / 64 + 1];
    let Some(cc) = converter() else { return bits };
    let chars: Vec<char> = BITMAP_RANGES
        .iter()
        .flat_map(|&(a, b)| (a..=b).filter_map(char::from_u32))
        .collect();
    let mut all = String::with_capacity(chars.len() * 4);
    for &c in &chars {
        all.push(c);
        all.push('\n');
    }
    let converted = cc.convert(&all);
    for (&c, out) in chars.iter().zip(converted.split('\n')) {
        let mut one = [0u8; 4];
        if out != c.encode_utf8(&mut one) {
            let i = (c as u32 - BITMAP_START) as usize;
            bits[i / 64] |= 1 << (i % 64);
        }
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn simplify(text: &str) -> String {
        let page = Page::survey(text);
        text.lines()
            .map(|l| page.to_simplified(l).into_owned())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn traditional_page_is_converted() {
        let t = "河北省積極推進產業轉移\n張家口與滄州的項目已經開工";
        assert!(Page::survey(t).traditional);
        assert_eq!(
            simplify(t),
            "河北省积极推进产业转移\n张家口与沧州的项目已经开工"
        );
    }

    #[test]
    fn simplified_page_is_left_alone() {
        let s = "乾隆年间的干部后来在公里之外的里面发展，头发花白。\n瞭望京津冀：於姓人家的皇后";
        assert!(!Page::survey(s).traditional);
        assert_eq!(simplify(s), s);
    }

    #[test]
    fn ambiguous_characters_follow_context_on_traditional_pages() {
        let t = "乾隆年間，他們把衣服曬乾，後來幹部們發現頭髮裡有沙。";
        assert_eq!(
            simplify(t),
            "乾隆年间，他们把衣服晒干，后来干部们发现头发里有沙。"
        );
    }

    #[test]
    fn place_names_convert_to_their_simplified_forms() {
        assert_eq!(
            simplify("滄州、張家口、涿州與臺灣"),
            "沧州、张家口、涿州与台湾"
        );
        assert_eq!(
            simplify("沧州、张家口、涿州与台湾"),
            "沧州、张家口、涿州与台湾"
        );
    }

    #[test]
    fn a_traditional_line_on_a_simplified_page_is_converted() {
        let page = "京津冀协同发展取得新进展，产业转移稳步推进，各地积极对接。\n".repeat(5)
            + "他說：協同發展";
        let out = simplify(&page);
        assert!(out.ends_with("他说：协同发展"), "{out}");
        assert!(out.starts_with("京津冀协同发展取得新进展"));
    }

    #[test]
    fn one_stray_traditional_character_does_not_make_a_page_traditional() {
        assert!(!Page::survey(&("京津冀协同发展".repeat(20) + "們")).traditional);
    }

    #[test]
    fn empty_and_latin_text_pass_through() {
        assert_eq!(simplify(""), "");
        assert_eq!(simplify("GDP 5.2% (2023)"), "GDP 5.2% (2023)");
    }
}
