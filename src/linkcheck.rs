//! Internal link checking over rendered pages: every `href` and `src` must name a file the build
//! writes (or a static asset) and stay under the site's base path.
//!
//! It works on what the renderer produced, before anything is written, so `xietong check` can tell
//! about broken links without touching `public/`. External links are counted, never fetched.

use std::collections::HashSet;

/// One link that does not resolve.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BrokenLink {
    /// The page's output file (`topics/carbon/index.html`).
    pub page: String,
    /// The link as written.
    pub link: String,
    /// Why it is broken.
    pub reason: String,
}

impl std::fmt::Display for BrokenLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: `{}` {}", self.page, self.link, self.reason)
    }
}

/// Every URL `html` links to or loads (`href`, `src`, `srcset`, `<meta http-equiv="refresh">` …),
/// entities decoded: the same reading as `check --links` ([`crate::crawl::extract::html`]).
pub fn links(html: &str) -> Vec<String> {
    crate::crawl::extract::html(html).links
}

/// Checks the links of pages against the set of files the site contains.
pub struct Checker<'a> {
    base_url: &'a str,
    base_path: &'a str,
    files: &'a HashSet<String>,
}

impl<'a> Checker<'a> {
    /// A checker for a site at `base_url` (absolute, ending in `/`) with these output files.
    pub fn new(base_url: &'a str, base_path: &'a str, files: &'a HashSet<String>) -> Checker<'a> {
        Checker {
            base_url,
            base_path,
            files,
        }
    }

    /// The broken links of the page written to `page` (a file path relative to the output).
    pub fn check(&self, page: &str, links: &[String]) -> Vec<BrokenLink> {
        links
            .iter()
            .filter_map(|l| {
                self.problem(page, l).map(|reason| BrokenLink {
                    page: page.into(),
                    link: l.clone(),
                    reason,
                })
            })
            .collect()
    }

    fn problem(&self, page: &str, link: &str) -> Option<String> {
        let link = link
            .split('#')
            .next()
            .unwrap_or("")
            .split('?')
            .next()
            .unwrap_or("");
        if link.is_empty() || is_external(link) && !link.starts_with(self.base_url) {
            return None;
        }
        let path = if let Some(rest) = link.strip_prefix(self.base_url) {
            rest.to_string()
        } else if let Some(abs) = link.strip_prefix('/') {
            match ("/".to_string() + abs).strip_prefix(self.base_path) {
                Some(rest) => rest.to_string(),
                None => return Some(format!("leaves the base path {}", self.base_path)),
            }
        } else {
            let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
            match normalize(&format!("{dir}/{link}")) {
                Some(p) => p,
                None => return Some("climbs above the site root".into()),
            }
        };
        let path = normalize(&path)?;
        let found = if path.is_empty() || path.ends_with('/') {
            self.files.contains(&format!("{path}index.html"))
        } else {
            self.files.contains(&path) || self.files.contains(&format!("{path}/index.html"))
        };
        (!found).then(|| "names no file of the site".to_string())
    }
}

fn is_external(link: &str) -> bool {
    link.starts_with("//")
        || link.split_once(':').is_some_and(|(scheme, _)| {
            scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

/// Resolves `.` and `..` in a relative path; `None` if it climbs above the root. Keeps a trailing `/`.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> HashSet<String> {
        [
            "index.html",
            "topics/carbon/index.html",
            "css/style.css",
            "atom.xml",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    fn broken(page: &str, link: &str) -> Option<String> {
        let f = files();
        let c = Checker::new("https://u.github.io/x/", "/x/", &f);
        c.check(page, &[link.to_string()]).pop().map(|b| b.reason)
    }

    #[test]
    fn links_are_extracted_from_href_and_src() {
        let l = links(r#"<a href="/x/a/?q=1&amp;p=2">a</a><img src="b.png" alt="">"#);
        assert_eq!(l, vec!["/x/a/?q=1&p=2", "b.png"]);
    }

    #[test]
    fn good_links_pass() {
        assert_eq!(broken("index.html", "/x/topics/carbon/"), None);
        assert_eq!(
            broken("topics/carbon/index.html", "../../css/style.css"),
            None
        );
        assert_eq!(broken("index.html", "https://u.github.io/x/atom.xml"), None);
        assert_eq!(broken("index.html", "/x/topics/carbon"), None);
        assert_eq!(broken("index.html", "#main"), None);
        assert_eq!(broken("index.html", "mailto:a@b.c"), None);
        assert_eq!(broken("index.html", "https://other.example/"), None);
    }

    #[test]
    fn missing_target_is_broken() {
        assert_eq!(
            broken("index.html", "/x/topics/talent/").as_deref(),
            Some("names no file of the site")
        );
    }

    #[test]
    fn leaving_the_base_path_is_broken() {
        assert_eq!(
            broken("index.html", "/topics/carbon/").as_deref(),
            Some("leaves the base path /x/")
        );
    }

    #[test]
    fn climbing_above_the_root_is_broken() {
        assert_eq!(
            broken("index.html", "../../etc/passwd").as_deref(),
            Some("climbs above the site root")
        );
    }
}
