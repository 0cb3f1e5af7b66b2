//! Character classes for Chinese text: Han ideographs, the punctuation around them, and how common
//! an ideograph is, read off the GB2312 and Big5 code charts.
//!
//! The charts are derived at first use from `encoding_rs` (GB2312 level 1 is the 3755 most common
//! simplified characters, level 2 the 3008 next; Big5's first block the 5401 common traditional
//! ones), so no frequency list is shipped. Decoding uses the charts to judge whether a decoding is
//! plausible; garble detection uses them to find runs of characters rare in modern Chinese.

use std::sync::OnceLock;

/// First code point covered by the chart table.
const TABLE_START: u32 = 0x3400;
/// Last code point covered by the chart table.
const TABLE_END: u32 = 0xFAFF;

const GB_LEVEL1: u8 = 1;
const GB_LEVEL2: u8 = 2;
const GBK_ONLY: u8 = 4;
const BIG5_COMMON: u8 = 8;

/// How common a Han ideograph is in simplified Chinese, by its place in the GB code charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rarity {
    /// GB2312 level 1: the everyday characters.
    Common,
    /// GB2312 level 2: less common, still standard (many names and places).
    Uncommon,
    /// In GBK but not GB2312: traditional, variant or rare characters.
    Rare,
    /// Not in GBK at all (extension blocks, compatibility ideographs, newer additions).
    Unusual,
}

/// True for Han ideographs (unified, extensions and compatibility blocks).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// True for characters that make the text around them Chinese: ideographs, CJK and full-width
/// punctuation, curly quotes, the ellipsis and the em dash.
pub(crate) fn is_cjk_context(c: char) -> bool {
    is_han(c)
        || matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// How common `c` is; `None` for anything that is not a Han ideograph.
pub(crate) fn rarity(c: char) -> Option<Rarity> {
    if !is_han(c) {
        return None;
    }
    let flags = flags(c);
    Some(if flags & GB_LEVEL1 != 0 {
        Rarity::Common
    } else if flags & GB_LEVEL2 != 0 {
        Rarity::Uncommon
    } else if flags & GBK_ONLY != 0 {
        Rarity::Rare
    } else {
        Rarity::Unusual
    })
}

/// True when `c` is in the first (common) block of the Big5 chart.
pub(crate) fn is_big5_common(c: char) -> bool {
    flags(c) & BIG5_COMMON != 0
}

fn flags(c: char) -> u8 {
    let u = c as u32;
    if !(TABLE_START..=TABLE_END).contains(&u) {
        return 0;
    }
    table()[(u - TABLE_START) as usize]
}

fn table() -> &'static [u8] {
    static TABLE: OnceLock<Vec<u8>> = OnceLock::new();
    TABLE.get_or_init(build_table)
}

fn build_table() -> Vec<u8> {
    let mut table = vec![0u8; (TABLE_END - TABLE_START + 1) as usize];
    mark_chart(&mut table, encoding_rs::GBK, 0x81..=0xFE, gb_flag);
    mark_chart(&mut table, encoding_rs::BIG5, 0xA4..=0xC6, big5_flag);
    table
}

fn gb_flag(lead: u8, trail: u8) -> u8 {
    match (lead, trail) {
        (0xB0..=0xD7, 0xA1..=0xFE) => GB_LEVEL1,
        (0xD8..=0xF7, 0xA1..=0xFE) => GB_LEVEL2,
        _ => GBK_ONLY,
    }
}

fn big5_flag(lead: u8, trail: u8) -> u8 {
    // The common block ends at C67E; C6A1 onwards holds symbols and kana.
    if lead == 0xC6 && trail > 0x7E {
        0
    } else {
        BIG5_COMMON
    }
}

/// Decodes every two-byte code with a lead byte in `leads` and records `flag(lead, trail)` for
/// the ideograph it stands for. Each code is followed by a newline so that an invalid code cannot
/// swallow its neighbour.
fn mark_chart(
    table: &mut [u8],
    encoding: &'static encoding_rs::Encoding,
    leads: std::ops::RangeInclusive<u8>,
    flag: fn(u8, u8) -> u8,
) {
    let mut codes = Vec::new();
    let mut bytes = Vec::new();
    for lead in leads {
        for trail in (0x40..=0xFEu8).filter(|&t| t != 0x7F) {
            codes.push((lead, trail));
            bytes.extend_from_slice(&[lead, trail, b'\n']);
        }
    }
    let (text, _) = encoding.decode_without_bom_handling(&bytes);
    for (piece, &(lead, trail)) in text.split('\n').zip(&codes) {
        let mut chars = piece.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            continue;
        };
        let u = c as u32;
        if (TABLE_START..=TABLE_END).contains(&u) && is_han(c) {
            table[(u - TABLE_START) as usize] |= flag(lead, trail);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyday_characters_are_common() {
        for c in "的一是在京津冀协同发展产业".chars() {
            assert_eq!(rarity(c), Some(Rarity::Common), "{c}");
        }
    }

    #[test]
    fn name_characters_are_uncommon() {
        assert_eq!(rarity('邬'), Some(Rarity::Uncommon));
        assert_eq!(rarity('铨'), Some(Rarity::Uncommon));
    }

    #[test]
    fn traditional_and_variant_forms_are_rare() {
        assert_eq!(rarity('們'), Some(Rarity::Rare));
        assert_eq!(rarity('蝿'), Some(Rarity::Rare));
        assert_eq!(rarity('喆'), Some(Rarity::Rare));
    }

    #[test]
    fn extension_characters_are_unusual() {
        assert_eq!(rarity('\u{3400}'), Some(Rarity::Unusual));
        assert_eq!(rarity('\u{20000}'), Some(Rarity::Unusual));
    }

    #[test]
    fn non_han_has_no_rarity() {
        assert_eq!(rarity('a'), None);
        assert_eq!(rarity('，'), None);
        assert_eq!(rarity('の'), None);
    }

    #[test]
    fn big5_common_block() {
        assert!(is_big5_common('們'));
        assert!(is_big5_common('的'));
        assert!(!is_big5_common('们'));
    }

    #[test]
    fn context_includes_chinese_punctuation() {
        for c in "中，。“”：（）…—".chars() {
            assert!(is_cjk_context(c), "{c}");
        }
        for c in "a1,.( ".chars() {
            assert!(!is_cjk_context(c), "{c}");
        }
    }
}
