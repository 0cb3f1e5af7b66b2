//! How the crawler reads a published site: the [`Fetch`] trait, and [`Disk`], the output folder
//! read the way a static host such as GitHub Pages serves it.
//!
//! Tests put a real HTTP server behind the same trait, so the crawl itself never knows whether it
//! reads files or the network.

use std::path::PathBuf;

use super::CrawlError;

/// What fetching one path gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// The resource, with its bytes when they were asked for (empty otherwise).
    Found(Vec<u8>),
    /// A redirect to another decoded, site-absolute path (a folder asked for without its `/`).
    Redirect(String),
    /// Nothing there.
    Missing,
}

/// A way to read the published site.
pub trait Fetch {
    /// Fetches `path`, a decoded, site-absolute URL path under the base path
    /// (`/xietong/carbon/a/`), with its bytes when `body` is set.
    fn fetch(&self, path: &str, body: bool) -> Result<Fetched, CrawlError>;
}

/// The output folder, read as a static host such as GitHub Pages serves it: `x/` is `x/index.html`,
/// and `x` is the file `x` or else a redirect to `x/`.
#[derive(Debug, Clone)]
pub struct Disk {
    root: PathBuf,
    base_path: String,
}

impl Disk {
    /// The site in `root`, published under `base_path` (`/` or `/xietong/`).
    pub fn new(root: impl Into<PathBuf>, base_path: &str) -> Disk {
        Disk {
            root: root.into(),
            base_path: base_path.to_owned(),
        }
    }
}

impl Fetch for Disk {
    fn fetch(&self, path: &str, body: bool) -> Result<Fetched, CrawlError> {
        if format!("{path}/") == self.base_path {
            return Ok(Fetched::Redirect(self.base_path.clone()));
        }
        let Some(rel) = path.strip_prefix(&self.base_path) else {
            return Ok(Fetched::Missing);
        };
        // A decoded `%2e%2e` or `%5c` must not lead out of the folder.
        if rel.split('/').any(|s| s == ".." || s == ".") || rel.contains(['\\', '\0']) {
            return Ok(Fetched::Missing);
        }
        let file = if rel.is_empty() || rel.ends_with('/') {
            self.root.join(rel).join("index.html")
        } else {
            let file = self.root.join(rel);
            if file.is_dir() {
                return Ok(if file.join("index.html").is_file() {
                    Fetched::Redirect(format!("{path}/"))
                } else {
                    Fetched::Missing
                });
            }
            file
        };
        if !file.is_file() {
            return Ok(Fetched::Missing);
        }
        if !body {
            return Ok(Fetched::Found(Vec::new()));
        }
        std::fs::read(&file)
            .map(Fetched::Found)
            .map_err(|source| CrawlError::Io { path: file, source })
    }
}
