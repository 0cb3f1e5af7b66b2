//! From a request URL to a file of the built site, and never to anything outside it.
//!
//! [`route`] is pure: it decodes the URL once and decides what the request asks for, refusing
//! anything that could climb out of the site (`..`, backslashes, NUL, absolute paths). [`resolve`]
//! then looks at the disk, canonicalizing every path so that a symlink cannot lead out either.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::percent::decode;

/// The live-reload endpoints, relative to the base path (and also accepted at the root).
pub(super) const STREAM: &str = "__livereload";
pub(super) const SCRIPT: &str = "__livereload.js";

/// What a request URL asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Route {
    /// The live-reload event stream.
    Stream,
    /// The live-reload script.
    Script,
    /// Go elsewhere: `status` is 301 or 302, `location` an encoded, site-absolute path.
    Redirect { status: u16, location: String },
    /// Something under the base path: `rel` is the decoded path relative to the site directory
    /// (empty for the site root), `slash` says whether the URL ended in `/`, `url` is the whole
    /// decoded URL path (for the slash redirect).
    Site {
        rel: String,
        slash: bool,
        url: String,
    },
    /// A well-formed path outside the base path.
    Outside,
    /// Malformed, or an attempt to leave the site.
    Bad,
}

/// What is on disk for a [`Route::Site`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Resolved {
    /// Serve this file (canonical path); `name` is the file name the URL asked for, which
    /// decides the content type.
    File { path: PathBuf, name: String },
    /// A directory asked for without its trailing slash.
    AddSlash,
    /// Nothing there, or something that resolves outside the site.
    Missing,
}

/// `"xietong"`, `"/xietong"` or `"/xietong/"` → `"/xietong/"`; `""` → `"/"`. Percent-encoding in
/// the configured base is decoded, because requests are compared after decoding.
pub(super) fn normalize_base(base: &str) -> String {
    let base = decode(base).unwrap_or_else(|| base.to_owned());
    let inner = base.trim_matches('/');
    if inner.is_empty() {
        "/".to_owned()
    } else {
        format!("/{inner}/")
    }
}

/// Decides what `raw` (a request target as sent, query string and all) asks for under `base`
/// (normalized with [`normalize_base`]).
pub(super) fn route(raw: &str, base: &str) -> Route {
    let path = raw.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        // `*`, absolute-form `http://…`, or garbage.
        return Route::Bad;
    }
    let Some(path) = decode(path) else {
        return Route::Bad;
    };
    if !is_safe(&path) {
        return Route::Bad;
    }
    if path == format!("{base}{STREAM}") || path == format!("/{STREAM}") {
        return Route::Stream;
    }
    if path == format!("{base}{SCRIPT}") || path == format!("/{SCRIPT}") {
        return Route::Script;
    }
    if base != "/" {
        if path == "/" {
            return Route::Redirect {
                status: 302,
                location: encode(base),
            };
        }
        if path == base.trim_end_matches('/') {
            return Route::Redirect {
                status: 301,
                location: encode(base),
            };
        }
    }
    match path.strip_prefix(base) {
        Some(rest) => Route::Site {
            rel: rest.to_owned(),
            slash: rest.is_empty() || rest.ends_with('/'),
            url: path.clone(),
        },
        None => Route::Outside,
    }
}

/// A decoded URL path that names only things below the root: every segment but the last is
/// non-empty (so no `//x`, which is absolute once joined), none is `.` or `..`, and there is no
/// backslash or control character (NUL, CR, LF …) anywhere.
fn is_safe(path: &str) -> bool {
    let Some(body) = path.strip_prefix('/') else {
        return false;
    };
    if path.chars().any(|c| c == '\\' || c.is_control()) {
        return false;
    }
    let segments: Vec<&str> = body.split('/').collect();
    let last = segments.len() - 1;
    segments
        .iter()
        .enumerate()
        .all(|(i, s)| (i == last || !s.is_empty()) && *s != "." && *s != "..")
}

/// Percent-encodes a path for a `Location` header: everything but unreserved characters and `/`.
pub(super) fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Looks `rel` up under `root`, which must be canonical. Directories serve their `index.html`.
pub(super) fn resolve(root: &Path, rel: &str, slash: bool) -> Resolved {
    // `route` already refused anything else; this keeps `resolve` safe on its own.
    let rel = Path::new(rel);
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return Resolved::Missing;
    }
    let Some(real) = inside(root, &root.join(rel)) else {
        return Resolved::Missing;
    };
    let Ok(meta) = fs::metadata(&real) else {
        return Resolved::Missing;
    };
    if meta.is_dir() {
        if !slash {
            return Resolved::AddSlash;
        }
        match inside(root, &real.join("index.html")) {
            Some(index) if index.is_file() => Resolved::File {
                path: index,
                name: "index.html".to_owned(),
            },
            _ => Resolved::Missing,
        }
    } else if meta.is_file() && !slash {
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Resolved::File { path: real, name }
    } else {
        Resolved::Missing
    }
}

/// The site's own `404.html`, if it has one.
pub(super) fn not_found_page(root: &Path) -> Option<PathBuf> {
    inside(root, &root.join("404.html")).filter(|p| p.is_file())
}

/// `path` with every symlink resolved, if it exists and is still under `root`.
fn inside(root: &Path, path: &Path) -> Option<PathBuf> {
    fs::canonicalize(path)
        .ok()
        .filter(|real| real.starts_with(root))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(rel: &str, slash: bool, url: &str) -> Route {
        Route::Site {
            rel: rel.into(),
            slash,
            url: url.into(),
        }
    }

    #[test]
    fn base_is_normalized_to_slashes_on_both_ends() {
        assert_eq!(normalize_base(""), "/");
        assert_eq!(normalize_base("/"), "/");
        assert_eq!(normalize_base("xietong"), "/xietong/");
        assert_eq!(normalize_base("/xietong"), "/xietong/");
        assert_eq!(normalize_base("/xietong/"), "/xietong/");
        assert_eq!(normalize_base("/a/b/"), "/a/b/");
    }

    #[test]
    fn site_paths_are_relative_to_the_base() {
        assert_eq!(route("/xietong/", "/xietong/"), site("", true, "/xietong/"));
        assert_eq!(
            route("/xietong/carbon/a/", "/xietong/"),
            site("carbon/a/", true, "/xietong/carbon/a/")
        );
        assert_eq!(
            route("/css/style.css", "/"),
            site("css/style.css", false, "/css/style.css")
        );
    }

    #[test]
    fn query_and_fragment_are_ignored() {
        assert_eq!(
            route("/a.css?v=1&x=../..", "/"),
            site("a.css", false, "/a.css")
        );
        assert_eq!(route("/a/#top", "/"), site("a/", true, "/a/"));
    }

    #[test]
    fn chinese_paths_are_decoded_as_utf8() {
        assert_eq!(
            route("/xietong/%E5%8C%97%E4%BA%AC/", "/xietong/"),
            site("北京/", true, "/xietong/北京/")
        );
    }

    #[test]
    fn root_redirects_to_the_base_and_the_bare_base_gains_its_slash() {
        let to_base = |status| Route::Redirect {
            status,
            location: "/xietong/".into(),
        };
        assert_eq!(route("/", "/xietong/"), to_base(302));
        assert_eq!(route("/xietong", "/xietong/"), to_base(301));
        assert_eq!(route("/xietong?x=1", "/xietong/"), to_base(301));
    }

    #[test]
    fn paths_outside_the_base_are_outside() {
        assert_eq!(route("/other/", "/xietong/"), Route::Outside);
        assert_eq!(route("/xietongx/", "/xietong/"), Route::Outside);
    }

    #[test]
    fn live_reload_endpoints_under_the_base_and_at_the_root() {
        assert_eq!(route("/xietong/__livereload", "/xietong/"), Route::Stream);
        assert_eq!(route("/__livereload", "/xietong/"), Route::Stream);
        assert_eq!(route("/__livereload?x", "/"), Route::Stream);
        assert_eq!(
            route("/xietong/__livereload.js", "/xietong/"),
            Route::Script
        );
        assert_eq!(route("/__livereload.js", "/"), Route::Script);
    }

    #[test]
    fn traversal_is_refused_raw_and_encoded() {
        for raw in [
            "/../etc/passwd",
            "/xietong/../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E/secret",
            "/.%2e/secret",
            "/a%2f..%2f..%2fsecret",
            "/a/./b",
            "/a/..",
        ] {
            assert_eq!(route(raw, "/"), Route::Bad, "{raw}");
            assert_eq!(route(raw, "/xietong/"), Route::Bad, "{raw}");
        }
    }

    #[test]
    fn backslashes_nul_controls_and_absolute_paths_are_refused() {
        for raw in [
            "/a\\..\\b",
            "/a%5c..%5cb",
            "/a%00.html",
            "/a%0d%0aSet-Cookie:x",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/a//b",
            "http://evil.example/",
            "*",
            "",
        ] {
            assert_eq!(route(raw, "/"), Route::Bad, "{raw:?}");
        }
    }

    #[test]
    fn malformed_escapes_and_invalid_utf8_are_refused() {
        for raw in ["/%", "/%2", "/%zz", "/%ff%fe", "/%E5%8C"] {
            assert_eq!(route(raw, "/"), Route::Bad, "{raw}");
        }
    }

    #[test]
    fn decoding_happens_once() {
        // `%252e` is the literal name `%2e`, harmless.
        assert_eq!(
            route("/%252e%252e/x", "/"),
            site("%2e%2e/x", false, "/%2e%2e/x")
        );
    }

    #[test]
    fn encode_keeps_slashes_and_escapes_the_rest() {
        assert_eq!(encode("/xietong/北京/"), "/xietong/%E5%8C%97%E4%BA%AC/");
        assert_eq!(encode("/a b/%/"), "/a%20b/%25/");
    }
}
