//! Escaping text for XML (feeds, sitemap). Kept apart so both share one careful implementation.

/// Escapes `s` for XML text and attribute values, dropping characters XML 1.0 forbids.
///
/// Feeds escape whole article bodies, so this copies unescaped runs in one piece instead of
/// pushing character by character.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let replacement = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            b'\t' | b'\n' | b'\r' => continue,
            0..=0x1f => "",
            // U+FFFE and U+FFFF (EF BF BE / EF BF BF) are not XML characters either.
            0xbe | 0xbf if i >= 2 && &s.as_bytes()[i - 2..i] == b"\xef\xbf" => {
                out.push_str(&s[run..i - 2]);
                run = i + 1;
                continue;
            }
            _ => continue,
        };
        out.push_str(&s[run..i]);
        out.push_str(replacement);
        run = i + 1;
    }
    out.push_str(&s[run..]);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            super::escape("a<b & \"c\"\u{1}"),
            "a&lt;b &amp; &quot;c&quot;"
        );
    }

    #[test]
    fn keeps_chinese_and_drops_noncharacters() {
        assert_eq!(
            super::escape("京津冀\u{FFFE}协同\u{FFFF}'\n"),
            "京津冀协同&apos;\n"
        );
        assert_eq!(super::escape("\u{FFFD}"), "\u{FFFD}");
    }
}
