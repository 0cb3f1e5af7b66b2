//! URLs as a browser resolves them: just enough of RFC 3986 for the links of a static site.
//!
//! The crawler needs three things — parse an absolute http(s) URL, resolve a reference against
//! the page it appears on, and percent-decode a path to find its file — so these are a few small
//! pure functions rather than a dependency. Anything they cannot read is reported as malformed,
//! never guessed at.

use std::fmt;

/// An absolute `http` or `https` URL, split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// `http` or `https`, lower-case.
    pub scheme: String,
    /// Host name, lower-case (an IPv6 address keeps its brackets).
    pub host: String,
    /// Port, the scheme's default when none is written.
    pub port: u16,
    /// Path as written (still percent-encoded), dot segments removed; always starts with `/`.
    pub path: String,
    /// Query without its `?`.
    pub query: Option<String>,
    /// Fragment without its `#`.
    pub fragment: Option<String>,
}

/// Where a reference leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An http(s) URL.
    Web(Url),
    /// A URL of another scheme (`mailto:`, `tel:`, `data:` …), lower-case: nothing to fetch.
    Other(String),
}

impl Url {
    /// Parses an absolute http(s) URL; `None` for anything else.
    pub fn parse(s: &str) -> Option<Url> {
        let (scheme, rest) = split_scheme(s)?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "http" => 80,
            "https" => 443,
            _ => return None,
        };
        let rest = rest.strip_prefix("//")?;
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, rest) = rest.split_at(end);
        let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
        // A colon after the closing bracket of an IPv6 address, or anywhere in a name, starts
        // the port.
        let port_at = match host_port.rfind(']') {
            Some(b) => host_port[b..].find(':').map(|i| b + i),
            None => host_port.find(':'),
        };
        let (host, port) = match port_at {
            Some(i) if i + 1 == host_port.len() => (&host_port[..i], default_port),
            Some(i) => (&host_port[..i], host_port[i + 1..].parse().ok()?),
            None => (host_port, default_port),
        };
        if host.is_empty() {
            return None;
        }
        let (path, query, fragment) = split_rest(rest);
        Some(Url {
            scheme,
            host: host.to_ascii_lowercase(),
            port,
            path: remove_dot_segments(if path.is_empty() { "/" } else { path }),
            query: query.map(str::to_owned),
            fragment: fragment.map(str::to_owned),
        })
    }

    /// Resolves `reference` (an attribute value as a browser reads it) against this URL, the way
    /// a browser does; `None` when it is malformed.
    pub fn join(&self, reference: &str) -> Option<Target> {
        // Browsers drop surrounding spaces and any tab or newline, and read `\` as `/` in web URLs.
        let cleaned: String = reference
            .trim_matches(|c: char| c.is_ascii_whitespace())
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .map(|c| if c == '\\' { '/' } else { c })
            .collect();
        let r = cleaned.as_str();
        if let Some((scheme, _)) = split_scheme(r) {
            let lower = scheme.to_ascii_lowercase();
            return if lower == "http" || lower == "https" {
                Url::parse(r).map(Target::Web)
            } else {
                Some(Target::Other(lower))
            };
        }
        if r.starts_with("//") {
            return Url::parse(&format!("{}:{r}", self.scheme)).map(Target::Web);
        }
        let (path, query, fragment) = split_rest(r);
        let mut url = self.clone();
        url.fragment = fragment.map(str::to_owned);
        if path.is_empty() {
            if query.is_some() {
                url.query = query.map(str::to_owned);
            }
            return Some(Target::Web(url));
        }
        url.query = query.map(str::to_owned);
        url.path = if path.starts_with('/') {
            remove_dot_segments(path)
        } else {
            let dir = &self.path[..=self.path.rfind('/').unwrap_or(0)];
            remove_dot_segments(&format!("{dir}{path}"))
        };
        Some(Target::Web(url))
    }

    /// Whether `other` has the same scheme, host and port.
    pub fn same_origin(&self, other: &Url) -> bool {
        self.scheme == other.scheme && self.host == other.host && self.port == other.port
    }

    /// `scheme://host[:port]`, the port shown only when it is not the scheme's default.
    pub fn origin(&self) -> String {
        let default = if self.scheme == "https" { 443 } else { 80 };
        if self.port == default {
            format!("{}://{}", self.scheme, self.host)
        } else {
            format!("{}://{}:{}", self.scheme, self.host, self.port)
        }
    }
}

impl fmt::Display for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.origin(), self.path)?;
        if let Some(q) = &self.query {
            write!(f, "?{q}")?;
        }
        if let Some(h) = &self.fragment {
            write!(f, "#{h}")?;
        }
        Ok(())
    }
}

/// `scheme` and what follows its colon, when `s` starts with a scheme (`mailto:`, `https:`).
fn split_scheme(s: &str) -> Option<(&str, &str)> {
    let colon = s.find(':')?;
    let scheme = &s[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| (scheme, &s[colon + 1..]))
}

/// Path, query and fragment of the part of a URL after its authority.
fn split_rest(s: &str) -> (&str, Option<&str>, Option<&str>) {
    let (before_hash, fragment) = match s.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (s, None),
    };
    match before_hash.split_once('?') {
        Some((p, q)) => (p, Some(q), fragment),
        None => (before_hash, None, fragment),
    }
}

/// RFC 3986 §5.2.4 on an absolute path: `.` and `..` segments resolved, never above `/`
/// (as browsers do), a trailing slash kept.
fn remove_dot_segments(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let mut out: Vec<&str> = Vec::with_capacity(segments.len());
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *seg {
            "." | ".." => {
                if *seg == ".." {
                    out.pop();
                }
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}", out.join("/"))
}

pub use crate::percent::decode;

/// Percent-encodes a decoded path for a request line: everything but unreserved characters and
/// the sub-delimiters a path may carry.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://example.github.io/xietong/carbon/a/").unwrap()
    }

    fn join(r: &str) -> String {
        match base().join(r) {
            Some(Target::Web(u)) => u.to_string(),
            Some(Target::Other(s)) => format!("other:{s}"),
            None => "malformed".into(),
        }
    }

    #[test]
    fn parse_splits_and_lowercases() {
        let u = Url::parse("HTTPS://Example.GitHub.io:443/x/y?q=1#f").unwrap();
        assert_eq!(u.scheme, "https");
        assert_eq!(u.host, "example.github.io");
        assert_eq!(u.port, 443);
        assert_eq!(u.path, "/x/y");
        assert_eq!(u.query.as_deref(), Some("q=1"));
        assert_eq!(u.fragment.as_deref(), Some("f"));
        assert_eq!(u.to_string(), "https://example.github.io/x/y?q=1#f");
    }

    #[test]
    fn parse_handles_ports_userinfo_and_empty_paths() {
        let u = Url::parse("http://user@127.0.0.1:8000").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.path.as_str()),
            ("127.0.0.1", 8000, "/")
        );
        assert_eq!(u.origin(), "http://127.0.0.1:8000");
        assert_eq!(Url::parse("http://[::1]:9/").unwrap().host, "[::1]");
        assert_eq!(Url::parse("http://[::1]/").unwrap().port, 80);
    }

    #[test]
    fn parse_rejects_non_web_and_broken_urls() {
        for s in [
            "mailto:a@b.cn",
            "/xietong/",
            "https:/x",
            "https://:80/",
            "http://a:port/",
        ] {
            assert_eq!(Url::parse(s), None, "{s}");
        }
    }

    #[test]
    fn relative_references_resolve_like_a_browser() {
        assert_eq!(join("b/"), "https://example.github.io/xietong/carbon/a/b/");
        assert_eq!(join("../b/"), "https://example.github.io/xietong/carbon/b/");
        assert_eq!(join("../../../../.."), "https://example.github.io/");
        assert_eq!(join("/css/x.css"), "https://example.github.io/css/x.css");
        assert_eq!(join("./"), "https://example.github.io/xietong/carbon/a/");
        assert_eq!(
            join("?page=2"),
            "https://example.github.io/xietong/carbon/a/?page=2"
        );
        assert_eq!(
            join("#zhu-1"),
            "https://example.github.io/xietong/carbon/a/#zhu-1"
        );
        assert_eq!(join(""), "https://example.github.io/xietong/carbon/a/");
        assert_eq!(
            join("//cdn.example.com/x.js"),
            "https://cdn.example.com/x.js"
        );
        assert_eq!(
            join(" \n/xietong/\t "),
            "https://example.github.io/xietong/"
        );
        assert_eq!(join("..\\b"), "https://example.github.io/xietong/carbon/b");
    }

    #[test]
    fn a_file_url_resolves_against_its_folder() {
        let feed = Url::parse("https://example.github.io/xietong/atom.xml").unwrap();
        let Some(Target::Web(u)) = feed.join("carbon/a/") else {
            panic!("not a web URL")
        };
        assert_eq!(u.path, "/xietong/carbon/a/");
    }

    #[test]
    fn other_schemes_are_named() {
        assert_eq!(join("mailto:bianjibu@example.cn"), "other:mailto");
        assert_eq!(join("JavaScript:void(0)"), "other:javascript");
        assert_eq!(join("data:image/png;base64,AAAA"), "other:data");
        assert_eq!(join("http:/broken"), "malformed");
    }

    #[test]
    fn decode_and_encode_round_trip() {
        assert_eq!(
            decode("/xietong/%E6%96%B0%E9%97%BB/").as_deref(),
            Some("/xietong/新闻/")
        );
        assert_eq!(decode("/a%2"), None);
        assert_eq!(decode("/a%zz"), None);
        assert_eq!(decode("/%ff"), None);
        assert_eq!(
            encode_path("/xietong/新闻 1/"),
            "/xietong/%E6%96%B0%E9%97%BB%201/"
        );
        assert_eq!(decode(&encode_path("/a b/中")).as_deref(), Some("/a b/中"));
    }
}
