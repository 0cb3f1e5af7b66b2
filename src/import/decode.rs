//! Decoding raw input bytes into text: UTF-8 (with or without BOM), UTF-16 with a BOM, and the
//! legacy Chinese encodings GB18030/GBK and Big5.
//!
//! A legacy file is identified with chardetng (no TLD hint: the `.cn` hint biases it to GBK and
//! misreads Big5), then the decoding is checked: too many undecodable bytes, or ideographs that
//! are mostly outside the encoding's common-character block, mean the guess was wrong or the file
//! is not text. A UTF-8 file with a few broken bytes is accepted with U+FFFD in their place, which
//! garble detection then reports.

use encoding_rs::{Encoding, BIG5, GB18030, UTF_16BE, UTF_16LE};

use super::normalize::charclass::{is_big5_common, is_han, rarity, Rarity};

/// Why bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DecodeError(pub String);

const UNDECODABLE: &str = "cannot decode the file as UTF-8, GB18030 or Big5 text; save it as UTF-8";
const BINARY: &str =
    "the file looks binary, not text (it has NUL or control bytes); save it as UTF-8 text";

/// Bytes chardetng looks at: plenty to tell GBK from Big5, and bounded for huge inputs.
const SNIFF_LEN: usize = 1 << 20;
/// Share of ideographs (in percent) that must be in the encoding's common block.
const MIN_COMMON_PERCENT: usize = 80;
/// Ideographs needed before the common-block share is trusted.
const MIN_HAN_FOR_SHARE: usize = 4;

/// Decodes raw bytes into text. Empty input (or a bare BOM) is empty text.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return checked(UTF_16LE, rest, false);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return checked(UTF_16BE, rest, false);
    }
    if looks_binary(bytes) {
        return Err(DecodeError(BINARY.into()));
    }
    decode_utf8(bytes)
}

/// UTF-8 as is; a few broken bytes are tolerated; otherwise a legacy Chinese encoding.
fn decode_utf8(bytes: &[u8]) -> Result<String, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(_) => {
            let lossy = String::from_utf8_lossy(bytes);
            if mostly_utf8(&lossy) {
                return Ok(lossy.into_owned());
            }
            decode_legacy(bytes)
        }
    }
}

/// GB18030 or Big5, whichever chardetng prefers and the text bears out.
fn decode_legacy(bytes: &[u8]) -> Result<String, DecodeError> {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let sniff = &bytes[..bytes.len().min(SNIFF_LEN)];
    detector.feed(sniff, sniff.len() == bytes.len());
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    let order: [&'static Encoding; 2] = if guess == BIG5 {
        [BIG5, GB18030]
    } else {
        [GB18030, BIG5]
    };
    order
        .iter()
        .find_map(|&enc| checked(enc, bytes, true).ok())
        .ok_or_else(|| DecodeError(UNDECODABLE.into()))
}

/// Decodes with `enc` and keeps the result only if it reads as text (and, for a legacy
/// encoding, as Chinese text in that encoding).
fn checked(enc: &'static Encoding, bytes: &[u8], legacy: bool) -> Result<String, DecodeError> {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    if too_many_replacements(&text) || (legacy && !mostly_common(enc, &text)) {
        return Err(DecodeError(UNDECODABLE.into()));
    }
    if too_many_controls(text.chars().map(|c| c as u32), text.chars().count()) {
        return Err(DecodeError(BINARY.into()));
    }
    Ok(text.into_owned())
}

/// True when a lossy UTF-8 decoding has only a tiny fraction of U+FFFD and plenty of
/// well-formed non-ASCII characters around them (a UTF-8 file with a few broken bytes, not a
/// legacy-encoded one).
fn mostly_utf8(text: &str) -> bool {
    let bad = text.matches('\u{FFFD}').count();
    let good = text
        .chars()
        .filter(|&c| !c.is_ascii() && c != '\u{FFFD}')
        .count();
    !too_many_replacements(text) && good >= 10 * bad
}

/// More than a tiny fraction of U+FFFD (two, plus one in 200 characters).
fn too_many_replacements(text: &str) -> bool {
    let (mut bad, mut all) = (0usize, 0usize);
    for c in text.chars() {
        all += 1;
        bad += usize::from(c == '\u{FFFD}');
    }
    bad > 2 + all / 200
}

/// True when the ideographs of `text` are mostly in `enc`'s common block (GB2312 for GB18030,
/// Big5's first block for Big5); a wrong guess scatters them over rare characters.
fn mostly_common(enc: &'static Encoding, text: &str) -> bool {
    let (mut han, mut common) = (0usize, 0usize);
    for c in text.chars().filter(|&c| is_han(c)) {
        han += 1;
        let ok = if enc == BIG5 {
            is_big5_common(c)
        } else {
            matches!(rarity(c), Some(Rarity::Common | Rarity::Uncommon))
        };
        common += usize::from(ok);
    }
    han < MIN_HAN_FOR_SHARE || common * 100 >= han * MIN_COMMON_PERCENT
}

/// Binary files have NUL bytes or many control bytes.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.contains(&0) || too_many_controls(bytes.iter().map(|&b| u32::from(b)), bytes.len())
}

/// More than 1% control characters (tab, line breaks and form feed excepted).
fn too_many_controls(units: impl Iterator<Item = u32>, len: usize) -> bool {
    let controls = units
        .filter(|&u| u < 0x20 && !matches!(u, 0x09 | 0x0A | 0x0C | 0x0D) || u == 0x7F)
        .count();
    controls > len / 100
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIMPLIFIED: &str = "京津冀三地携手推进产业协同，一批新项目在沧州和廊坊落地开工。";
    const TRADITIONAL: &str = "京津冀三地攜手推進產業協同，一批新項目在滄州和廊坊落地開工。";

    fn encode(enc: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = enc.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn utf8_passes_through() {
        assert_eq!(decode(SIMPLIFIED.as_bytes()).unwrap(), SIMPLIFIED);
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let bytes = [b"\xEF\xBB\xBF".as_slice(), SIMPLIFIED.as_bytes()].concat();
        assert_eq!(decode(&bytes).unwrap(), SIMPLIFIED);
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let units = || SIMPLIFIED.encode_utf16();
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(units().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(units().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap(), SIMPLIFIED);
        assert_eq!(decode(&be).unwrap(), SIMPLIFIED);
    }

    #[test]
    fn gbk_is_detected() {
        assert_eq!(decode(&encode(GB18030, SIMPLIFIED)).unwrap(), SIMPLIFIED);
    }

    #[test]
    fn short_gbk_is_detected() {
        assert_eq!(decode(&encode(GB18030, "河北日报")).unwrap(), "河北日报");
    }

    #[test]
    fn big5_is_detected() {
        assert_eq!(decode(&encode(BIG5, TRADITIONAL)).unwrap(), TRADITIONAL);
    }

    #[test]
    fn gbk_page_with_ascii_and_lines() {
        let page = "2024年4月18日 星期四\r\n本报记者 王晓 通讯员 李明\r\n".to_owned() + SIMPLIFIED;
        assert_eq!(decode(&encode(GB18030, &page)).unwrap(), page);
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(decode(b"").unwrap(), "");
        assert_eq!(decode(b"\xEF\xBB\xBF").unwrap(), "");
    }

    #[test]
    fn binary_junk_is_refused() {
        let junk: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        let err = decode(&junk).unwrap_err();
        assert!(err.to_string().contains("save it as UTF-8"), "{err}");
    }

    #[test]
    fn nul_bytes_are_binary() {
        let err = decode(b"abc\0def").unwrap_err();
        assert!(
            err.to_string().starts_with("the file looks binary"),
            "{err}"
        );
    }

    #[test]
    fn high_bytes_without_controls_are_refused() {
        // Valid-looking GBK pairs that spell no Chinese: ideographs from all over the chart.
        let junk: Vec<u8> = (0..3000u32)
            .flat_map(|i| [0x81 + (i * 7 % 0x7D) as u8, 0x40 + (i * 13 % 0x3F) as u8])
            .collect();
        assert_eq!(decode(&junk).unwrap_err().to_string(), UNDECODABLE);
    }

    #[test]
    fn latin1_text_is_refused() {
        assert!(decode(
            b"caf\xe9 cr\xe8me br\xfbl\xe9e \xe0 la fran\xe7aise, tr\xe8s \xe9l\xe9gant"
        )
        .is_err());
    }

    #[test]
    fn a_few_broken_bytes_in_utf8_are_tolerated() {
        let mut bytes = SIMPLIFIED.repeat(10).into_bytes();
        bytes.insert(30, 0xFF);
        let text = decode(&bytes).unwrap();
        assert_eq!(text.matches('\u{FFFD}').count(), 1);
    }

    #[test]
    fn error_message_is_lower_case_without_period() {
        for msg in [UNDECODABLE, BINARY] {
            assert!(msg.chars().next().unwrap().is_lowercase() && !msg.ends_with('.'));
        }
    }
}
