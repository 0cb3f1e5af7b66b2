//! Percent-decoding of URL paths, shared by the preview server (request paths) and the link
//! crawler (links in pages): strict, so a malformed escape is an error rather than text.

/// Percent-decodes `s` once. `None` for a malformed escape or bytes that are not UTF-8.
pub fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn escapes_decode_once_and_bad_ones_are_refused() {
        assert_eq!(
            decode("/xietong/%E6%96%B0%E9%97%BB/").as_deref(),
            Some("/xietong/新闻/")
        );
        assert_eq!(decode("%252e").as_deref(), Some("%2e"));
        assert_eq!(decode("/a%2"), None);
        assert_eq!(decode("/a%zz"), None);
        assert_eq!(decode("/%ff"), None);
    }
}
