//! The URLs a document points at, read the way a browser or a feed reader reads them: from HTML
//! attributes (`href`, `src`, `srcset`, `poster`, `action`, `<meta http-equiv="refresh">`),
//! sitemaps and Atom feeds, stylesheets (`url()`, `@import`) and `robots.txt`.
//!
//! A tolerant scanner, not a full HTML parser: it knows tags, attributes with any quoting,
//! comments and raw-text elements (`<script>`, `<style>`), which is all that generated pages
//! need. Values are returned as written, entities decoded, for [`super::url::Url::join`].

use std::collections::HashSet;

/// Attributes that hold one URL, on any element.
const URL_ATTRS: [&str; 6] = ["href", "src", "poster", "action", "data", "xlink:href"];
/// Attributes that hold a list of image candidates.
const SRCSET_ATTRS: [&str; 2] = ["srcset", "imagesrcset"];
/// Elements whose content is text, never tags.
const RAW_TEXT: [&str; 4] = ["script", "style", "textarea", "title"];

/// What an HTML page links to, and what its fragments can name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Html {
    /// Every URL the page links to or loads, in document order.
    pub links: Vec<String>,
    /// `id`s, and `name`s of `<a>`: the targets of `#fragment` links.
    pub ids: HashSet<String>,
    /// The first `<base href>`, which relative links resolve against instead of the page URL.
    pub base: Option<String>,
    /// The `href` of `<link rel="canonical">`.
    pub canonical: Option<String>,
}

/// Reads an HTML page.
pub fn html(text: &str) -> Html {
    let mut page = Html::default();
    for tag in Tags::new(text) {
        let attr = |name: &str| {
            tag.attrs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        if let Some(id) = attr("id").filter(|v| !v.is_empty()) {
            page.ids.insert(id.to_owned());
        }
        match tag.name.as_str() {
            "a" => {
                if let Some(name) = attr("name").filter(|v| !v.is_empty()) {
                    page.ids.insert(name.to_owned());
                }
            }
            "base" => {
                if page.base.is_none() {
                    page.base = attr("href").map(str::to_owned);
                }
                continue;
            }
            "meta" => {
                let refresh = attr("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("refresh"));
                if let Some(url) = attr("content").filter(|_| refresh).and_then(refresh_url) {
                    page.links.push(url);
                }
                continue;
            }
            "link" => {
                let canonical = attr("rel").is_some_and(|rel| {
                    rel.split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                });
                if canonical && page.canonical.is_none() {
                    page.canonical = attr("href").map(str::to_owned);
                }
            }
            _ => {}
        }
        for (name, value) in &tag.attrs {
            if URL_ATTRS.contains(&name.as_str()) {
                // An empty `action` submits the form to the page itself.
                if !(name == "action" && value.trim().is_empty()) {
                    page.links.push(value.clone());
                }
            } else if SRCSET_ATTRS.contains(&name.as_str()) {
                page.links.extend(srcset(value));
            }
        }
    }
    page
}

/// The URLs of a sitemap, a sitemap index or an Atom feed: `<loc>`, `<icon>` and `<logo>` text,
/// and every `href` attribute (Atom's `<link>`). Markup escaped inside `<content>` is text, so
/// article bodies are not read twice.
pub fn xml(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tag in Tags::new(text) {
        if matches!(tag.name.as_str(), "loc" | "icon" | "logo") {
            let body = &text[tag.end..];
            let body = &body[..body.find('<').unwrap_or(body.len())];
            let value = decode_entities(body.trim());
            if !value.is_empty() {
                out.push(value);
            }
        }
        out.extend(
            tag.attrs
                .iter()
                .filter(|(n, _)| n == "href")
                .map(|(_, v)| v.clone()),
        );
    }
    out
}

/// The URLs a stylesheet loads: `url(…)` values and `@import "…"`, comments skipped.
pub fn css(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let next_url = rest.find("url(");
        let next_import = rest.find("@import");
        let next_comment = rest.find("/*");
        let Some(at) = [next_url, next_import, next_comment]
            .into_iter()
            .flatten()
            .min()
        else {
            return out;
        };
        if Some(at) == next_comment {
            rest = rest[at + 2..]
                .find("*/")
                .map_or("", |e| &rest[at + 2 + e + 2..]);
            continue;
        }
        let from_url = Some(at) == next_url;
        let mut s = rest[at + if from_url { 4 } else { 7 }..].trim_start();
        if !from_url && s.starts_with("url(") {
            // `@import url(…)`: read by the `url(` branch on the next round.
            rest = s;
            continue;
        }
        let value = match s.chars().next() {
            Some(q @ ('"' | '\'')) => {
                s = &s[1..];
                let end = s.find(q).unwrap_or(s.len());
                let v = &s[..end];
                s = &s[(end + 1).min(s.len())..];
                v
            }
            _ if from_url => {
                let end = s.find(')').unwrap_or(s.len());
                let v = s[..end].trim();
                s = &s[end..];
                v
            }
            _ => "",
        };
        if !value.is_empty() {
            out.push(value.to_owned());
        }
        rest = s;
    }
}

/// The `Sitemap:` URLs of a `robots.txt`.
pub fn robots(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.split_once(':'))
        .filter(|(k, _)| k.trim().eq_ignore_ascii_case("sitemap"))
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect()
}

/// The target of a `<meta http-equiv="refresh" content="0; url=…">`, if it names one.
fn refresh_url(content: &str) -> Option<String> {
    let rest = content
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c.is_ascii_whitespace());
    let rest = rest.strip_prefix([';', ',']).unwrap_or(rest).trim_start();
    let rest = match rest.get(..3) {
        Some(u) if u.eq_ignore_ascii_case("url") && rest[3..].trim_start().starts_with('=') => {
            rest[3..].trim_start()[1..].trim_start()
        }
        _ => rest,
    };
    let url = match rest.chars().next() {
        Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
        _ => rest.trim_end(),
    };
    (!url.is_empty()).then(|| url.to_owned())
}

/// The URLs of a `srcset` value (`a.png 1x, b.png 2x`), by HTML's candidate rules: a URL runs
/// to the next whitespace, and its descriptors to the next comma outside parentheses.
fn srcset(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return out;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let url = &rest[..end];
        rest = &rest[end..];
        if let Some(bare) = url.strip_suffix(',') {
            // `a.png, b.png 2x`: a comma right after the URL ends a candidate without descriptors.
            out.push(bare.trim_end_matches(',').to_owned());
            continue;
        }
        out.push(url.to_owned());
        let mut depth = 0usize;
        let mut cut = rest.len();
        for (i, c) in rest.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                ',' if depth == 0 => {
                    cut = i;
                    break;
                }
                _ => {}
            }
        }
        rest = &rest[cut..];
    }
}

/// Decodes the character references that appear in attribute values and feed text.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest.find(';').filter(|&e| e <= 10).and_then(|e| {
            let c = match &rest[1..e] {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => '\u{a0}',
                n if n.starts_with("#x") || n.starts_with("#X") => {
                    char::from_u32(u32::from_str_radix(&n[2..], 16).ok()?)?
                }
                n if n.starts_with('#') => char::from_u32(n[1..].parse().ok()?)?,
                _ => return None,
            };
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// One start tag: lower-case name, attributes (lower-case names, decoded values, the first of
/// duplicates only), and the byte offset just past its `>`.
#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    end: usize,
}

/// The start tags of a document, in order.
struct Tags<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Tags<'a> {
    fn new(text: &'a str) -> Tags<'a> {
        Tags { text, at: 0 }
    }

    /// Moves past the first `needle` at or after the current position (or to the end).
    fn skip_past(&mut self, needle: &str) {
        self.at = self.text[self.at..]
            .find(needle)
            .map_or(self.text.len(), |i| self.at + i + needle.len());
    }

    /// Moves past the closing tag of a raw-text element, matched without regard to case.
    fn skip_raw_text(&mut self, name: &str) {
        let close = format!("</{name}");
        let hay = &self.text.as_bytes()[self.at..];
        let found = hay
            .windows(close.len())
            .position(|w| w.eq_ignore_ascii_case(close.as_bytes()));
        self.at = found.map_or(self.text.len(), |i| self.at + i);
    }

    fn attributes(&mut self) -> Vec<(String, String)> {
        let bytes = self.text.as_bytes();
        let mut attrs: Vec<(String, String)> = Vec::new();
        loop {
            while self.at < bytes.len()
                && (bytes[self.at].is_ascii_whitespace() || bytes[self.at] == b'/')
            {
                self.at += 1;
            }
            if self.at >= bytes.len() || bytes[self.at] == b'>' {
                self.at = (self.at + 1).min(bytes.len());
                return attrs;
            }
            let start = self.at;
            while self.at < bytes.len()
                && !bytes[self.at].is_ascii_whitespace()
                && !matches!(bytes[self.at], b'=' | b'>' | b'/')
            {
                self.at += 1;
            }
            let name = self.text[start..self.at].to_ascii_lowercase();
            while self.at < bytes.len() && bytes[self.at].is_ascii_whitespace() {
                self.at += 1;
            }
            let mut value = String::new();
            if bytes.get(self.at) == Some(&b'=') {
                self.at += 1;
                while self.at < bytes.len() && bytes[self.at].is_ascii_whitespace() {
                    self.at += 1;
                }
                let raw = match bytes.get(self.at) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let from = self.at + 1;
                        let end = self.text[from..]
                            .find(char::from(q))
                            .map_or(self.text.len(), |i| from + i);
                        self.at = (end + 1).min(bytes.len());
                        &self.text[from..end]
                    }
                    _ => {
                        let from = self.at;
                        while self.at < bytes.len()
                            && !bytes[self.at].is_ascii_whitespace()
                            && bytes[self.at] != b'>'
                        {
                            self.at += 1;
                        }
                        &self.text[from..self.at]
                    }
                };
                value = decode_entities(raw);
            }
            if !name.is_empty() && !attrs.iter().any(|(n, _)| *n == name) {
                attrs.push((name, value));
            }
        }
    }
}

impl Iterator for Tags<'_> {
    type Item = Tag;

    fn next(&mut self) -> Option<Tag> {
        loop {
            let lt = self.text[self.at..].find('<')?;
            self.at += lt;
            let rest = &self.text[self.at..];
            if rest.starts_with("<!--") {
                self.skip_past("-->");
            } else if rest.starts_with("<![CDATA[") {
                self.skip_past("]]>");
            } else if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
                self.skip_past(">");
            } else if rest.as_bytes().get(1).is_some_and(u8::is_ascii_alphabetic) {
                self.at += 1;
                let len = rest[1..]
                    .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
                    .unwrap_or(rest.len() - 1);
                let name = rest[1..1 + len].to_ascii_lowercase();
                self.at += len;
                let attrs = self.attributes();
                let end = self.at;
                if RAW_TEXT.contains(&name.as_str()) {
                    self.skip_raw_text(&name);
                }
                return Some(Tag { name, attrs, end });
            } else {
                self.at += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_reads_every_kind_of_link_in_document_order() {
        let page = html(concat!(
            "<!DOCTYPE html><html><head>",
            "<link rel=\"canonical\" href=\"https://example.github.io/xietong/a/\">",
            "<link rel=stylesheet href=/xietong/css/style.css>",
            "<meta http-equiv=\"Refresh\" content=\"0; URL='/xietong/b/'\">",
            "<script src='/xietong/js/app.js'>var s = '<a href=\"/in-script/\">';</script>",
            "</head><body>",
            "<!-- <a href=\"/in-comment/\"> -->",
            "<a href=\"/xietong/c/?q=1&amp;p=2\" href=\"/second/\">c</a>",
            "<img src=\"x.png\" srcset=\"x-1.png 1x, x-2.png 2x\" alt=\"\">",
            "<video poster=\"p.jpg\"></video><form action=\"/xietong/search/\"></form>",
            "<form action=\"\"></form>",
            "<code>&lt;a href=\"/escaped/\"&gt;</code>",
            "</body></html>"
        ));
        assert_eq!(
            page.links,
            [
                "https://example.github.io/xietong/a/",
                "/xietong/css/style.css",
                "/xietong/b/",
                "/xietong/js/app.js",
                "/xietong/c/?q=1&p=2",
                "x.png",
                "x-1.png",
                "x-2.png",
                "p.jpg",
                "/xietong/search/",
            ]
        );
        assert_eq!(
            page.canonical.as_deref(),
            Some("https://example.github.io/xietong/a/")
        );
    }

    #[test]
    fn html_collects_ids_names_and_base() {
        let page = html(
            "<base href=\"/xietong/\"><base href=\"/other/\"><h2 id=\"bei-jing\">背景</h2>\
             <a name=\"old\"></a><sup id=fnref-1></sup><p id=\"\">",
        );
        assert_eq!(page.base.as_deref(), Some("/xietong/"));
        let mut ids: Vec<_> = page.ids.into_iter().collect();
        ids.sort();
        assert_eq!(ids, ["bei-jing", "fnref-1", "old"]);
        assert!(page.links.is_empty(), "<base> is not a link");
    }

    #[test]
    fn raw_text_ends_at_its_closing_tag_in_any_case() {
        let page = html("<STYLE>a { background: url(x.png) }</Style><A HREF=\"/after/\">");
        assert_eq!(page.links, ["/after/"]);
    }

    #[test]
    fn srcset_follows_the_candidate_rules() {
        assert_eq!(srcset("a.png 1x, b.png 2x"), ["a.png", "b.png"]);
        assert_eq!(srcset("a.png, b.png 2x"), ["a.png", "b.png"]);
        // A URL runs to whitespace, commas and all.
        assert_eq!(srcset("a.png,b.png 2x"), ["a.png,b.png"]);
        assert_eq!(
            srcset(" a.png 100w (max-width: 3px, 4px), c.png"),
            ["a.png", "c.png"]
        );
        assert!(srcset(" , ").is_empty());
    }

    #[test]
    fn refresh_targets_are_read_in_their_usual_spellings() {
        assert_eq!(refresh_url("0; url=/x/").as_deref(), Some("/x/"));
        assert_eq!(refresh_url("5;URL=\"/y/\"").as_deref(), Some("/y/"));
        assert_eq!(refresh_url("0, /z/").as_deref(), Some("/z/"));
        assert_eq!(refresh_url("30"), None);
    }

    #[test]
    fn xml_reads_sitemaps_and_feeds_but_not_escaped_content() {
        let sitemap =
            "<?xml version=\"1.0\"?><urlset><url><loc> https://e.cn/x/?a=1&amp;b=2 </loc></url>\
                       <url><loc>https://e.cn/y/</loc></url></urlset>";
        assert_eq!(xml(sitemap), ["https://e.cn/x/?a=1&b=2", "https://e.cn/y/"]);
        let feed = "<feed><link rel=\"self\" href=\"https://e.cn/atom.xml\"/><icon>https://e.cn/favicon.svg</icon>\
                    <entry><link href=\"https://e.cn/a/\"/><content type=\"html\">&lt;a href=\"/b/\"&gt;</content>\
                    <summary><![CDATA[<a href=\"/c/\">]]></summary></entry></feed>";
        assert_eq!(
            xml(feed),
            [
                "https://e.cn/atom.xml",
                "https://e.cn/favicon.svg",
                "https://e.cn/a/"
            ]
        );
    }

    #[test]
    fn css_reads_urls_and_imports_outside_comments() {
        let sheet = "@import \"base.css\";\n@import url(print.css) print;\n\
                     /* url(commented.png) */ .a { background: url( 'bg.png' ) }\n\
                     .b { mask: url(data:image/svg+xml;base64,AAAA) }";
        assert_eq!(
            css(sheet),
            [
                "base.css",
                "print.css",
                "bg.png",
                "data:image/svg+xml;base64,AAAA"
            ]
        );
    }

    #[test]
    fn robots_names_its_sitemaps() {
        let text = "User-agent: *\nAllow: /\nSitemap: https://e.cn/xietong/sitemap.xml\nsitemap:\n";
        assert_eq!(robots(text), ["https://e.cn/xietong/sitemap.xml"]);
    }

    #[test]
    fn entities_are_decoded_and_unknown_ones_kept() {
        assert_eq!(
            decode_entities("a&amp;b&#x4E2D;&#25991;&bogus;&"),
            "a&b中文&bogus;&"
        );
    }
}
