//! An article body's plain text, from its rendered HTML, for the index and for snippets.
//!
//! The HTML comes from our own Markdown renderer, so a small scanner suffices: tags are dropped
//! (inline ones without a trace, so 雄安<strong>新区</strong> stays one run of text; block ones
//! leave a line break), the five entities pulldown-cmark writes and numeric references are
//! decoded, and code blocks and footnote numbers are left out: they are not text one searches for.

/// Elements whose content is skipped.
const SKIPPED: [&str; 2] = ["pre", "sup"];

/// Elements that end a line of text.
const BLOCKS: [&str; 20] = [
    "p",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "td",
    "th",
    "table",
    "div",
    "hr",
    "dt",
    "dd",
];

/// The text of `html`, one line per block, trimmed. `buf` is cleared and filled (so a caller can
/// reuse one buffer for many bodies).
pub fn text_into(html: &str, buf: &mut String) {
    buf.clear();
    let mut rest = html;
    let mut skipping: Option<&str> = None;
    while let Some(i) = memchr::memchr2(b'<', b'&', rest.as_bytes()) {
        if skipping.is_none() {
            push_text(buf, &rest[..i]);
        }
        rest = &rest[i..];
        if rest.starts_with('&') {
            let (text, len) = entity(rest);
            if skipping.is_none() {
                buf.push_str(text.as_deref().unwrap_or("&"));
            }
            rest = &rest[len..];
            continue;
        }
        let end = memchr::memchr(b'>', rest.as_bytes()).map_or(rest.len(), |e| e + 1);
        let tag = &rest[1..end.saturating_sub(1).max(1)];
        let closing = tag.starts_with('/');
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            .next()
            .unwrap_or("");
        match skipping {
            Some(s) if closing && name.eq_ignore_ascii_case(s) => skipping = None,
            Some(_) => {}
            None => {
                if let Some(s) = SKIPPED.iter().find(|s| name.eq_ignore_ascii_case(s)) {
                    if !closing {
                        skipping = Some(s);
                    }
                } else if BLOCKS.iter().any(|b| name.eq_ignore_ascii_case(b))
                    && !buf.ends_with('\n')
                    && !buf.is_empty()
                {
                    buf.push('\n');
                }
            }
        }
        rest = &rest[end..];
    }
    if skipping.is_none() {
        push_text(buf, rest);
    }
    while buf.ends_with(['\n', ' ']) {
        buf.pop();
    }
}

/// Appends a run of text; at the start of a line, without the source's line breaks and indents.
fn push_text(buf: &mut String, text: &str) {
    if buf.is_empty() || buf.ends_with('\n') {
        buf.push_str(text.trim_start_matches(|c: char| c.is_ascii_whitespace()));
    } else {
        buf.push_str(text);
    }
}

/// [`text_into`] into a new string.
pub fn text(html: &str) -> String {
    let mut s = String::with_capacity(html.len() / 2);
    text_into(html, &mut s);
    s
}

/// The text of the entity at the start of `s` and its length; `None` text for a lone `&`.
fn entity(s: &str) -> (Option<String>, usize) {
    let Some(semi) = s.bytes().take(12).position(|b| b == b';') else {
        return (None, 1);
    };
    let name = &s[1..semi];
    let text = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
            .and_then(char::from_u32),
    };
    match text {
        Some(c) => (Some(c.to_string()), semi + 1),
        None => (None, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_tags_vanish_and_blocks_break_lines() {
        assert_eq!(
            text("<p>推进雄安<strong>新区</strong>建设</p>\n<h2 id=\"a\">背景</h2><ul><li>一</li><li>二</li></ul>"),
            "推进雄安新区建设\n背景\n一\n二"
        );
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            text("<p>A&amp;B &lt;1&gt; &quot;x&quot; &#39;y&#39; &#x4eac; &bogus; &</p>"),
            "A&B <1> \"x\" 'y' 京 &bogus; &"
        );
    }

    #[test]
    fn code_blocks_and_footnote_numbers_are_skipped() {
        let html = "<p>正文<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>。</p>\
                    <pre class=\"hl\"><code><span>let x = 1;</span></code></pre><p>后文</p>";
        assert_eq!(text(html), "正文。\n后文");
    }

    #[test]
    fn a_reused_buffer_is_cleared() {
        let mut buf = String::from("旧文本");
        text_into("<p>新</p>", &mut buf);
        assert_eq!(buf, "新");
    }
}
