//! Rebuilding for `serve`: the same pipeline as `xietong build`, into the preview directory,
//! writing only the files whose bytes changed and reporting which URLs those are.
//!
//! Every rebuild renders the whole site again (as `build` does) and compares each output's hash
//! with the previous one, so the preview is always exactly what a build would write. Skipping the
//! rendering of unaffected pages is the next step; the write-and-notify contract stays the same.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::{BuildOptions, Site};

/// The outcome of one successful rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Output files (relative to the preview directory) written or removed.
    pub files: Vec<String>,
    /// How long the rebuild took, in milliseconds.
    pub ms: u64,
}

impl Changes {
    /// True when every changed file is a stylesheet.
    pub fn only_css(&self) -> bool {
        !self.files.is_empty() && self.files.iter().all(|f| f.ends_with(".css"))
    }

    /// The URL paths of the changed files under `base_path` (`carbon/a/index.html` → `/x/carbon/a/`).
    pub fn urls(&self, base_path: &str) -> Vec<String> {
        self.files
            .iter()
            .map(|f| format!("{base_path}{}", f.strip_suffix("index.html").unwrap_or(f)))
            .collect()
    }
}

/// Keeps the preview directory in step with the sources.
pub struct Builder {
    opts: BuildOptions,
    live_reload: String,
    hashes: HashMap<String, u64>,
}

impl Builder {
    /// A builder for `opts` (whose `out` is the preview directory) that injects the reload script
    /// at `live_reload` into every page.
    pub fn new(opts: BuildOptions, live_reload: String) -> Builder {
        Builder {
            opts,
            live_reload,
            hashes: HashMap::new(),
        }
    }

    /// The preview directory.
    pub fn out(&self) -> &Path {
        &self.opts.out
    }

    /// Rebuilds; on error nothing in the preview directory changes.
    pub fn rebuild(&mut self) -> Result<Changes> {
        let start = Instant::now();
        let site = Site::load(&self.opts)?;
        let renderer = site.renderer(Some(self.live_reload.clone()))?;
        let files = site.files();
        let rendered: Vec<Result<(u64, Vec<u8>)>> = site
            .graph
            .outputs
            .par_iter()
            .map(|o| renderer.render(o).map(|b| (hash(&b), b)))
            .collect();
        let mut next: HashMap<String, u64> = HashMap::with_capacity(files.len());
        let mut write: Vec<(&str, Vec<u8>)> = Vec::new();
        for (file, r) in files.iter().zip(rendered) {
            let (h, bytes) = r?;
            if self.hashes.get(file) != Some(&h) {
                write.push((file, bytes));
            }
            next.insert(file.clone(), h);
        }
        for (name, path) in &site.theme.statics {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let h = hash(&bytes);
            if self.hashes.get(name) != Some(&h) {
                write.push((name, bytes));
            }
            next.insert(name.clone(), h);
        }
        let mut changed: Vec<String> = write.iter().map(|(f, _)| f.to_string()).collect();
        write_all(&self.opts.out, write)?;
        changed.extend(self.remove_stale(&next)?);
        changed.sort();
        self.hashes = next;
        Ok(Changes {
            files: changed,
            ms: start.elapsed().as_millis() as u64,
        })
    }

    /// Deletes outputs the new build no longer has; returns them.
    fn remove_stale(&self, next: &HashMap<String, u64>) -> Result<Vec<String>> {
        let gone: Vec<String> = self
            .hashes
            .keys()
            .filter(|f| !next.contains_key(*f))
            .cloned()
            .collect();
        for f in &gone {
            let p = self.opts.out.join(f);
            match std::fs::remove_file(&p) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(p, e)),
            }
        }
        Ok(gone)
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Writes files through a temporary name and a rename, so the server never sends half a page.
fn write_all(out: &Path, files: Vec<(&str, Vec<u8>)>) -> Result<()> {
    let dirs: HashSet<PathBuf> = files
        .iter()
        .filter_map(|(f, _)| out.join(f).parent().map(Path::to_path_buf))
        .collect();
    for d in dirs {
        std::fs::create_dir_all(&d).map_err(|e| Error::io(&d, e))?;
    }
    files.into_par_iter().try_for_each(|(f, bytes)| {
        let p = out.join(f);
        let tmp = p.with_file_name(format!(
            ".{}.tmp",
            p.file_name().unwrap_or_default().to_string_lossy()
        ));
        std::fs::write(&tmp, &bytes).map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, &p).map_err(|e| Error::io(&p, e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(repo.join("site.toml"), d.path().join("site.toml")).unwrap();
        copy_dir(&repo.join("themes"), &d.path().join("themes"));
        write(
            d.path(),
            "content/carbon/a.md",
            "+++\ntitle = \"甲文\"\ndate = 2024-01-02\nregions = [\"cangzhou\"]\n+++\n正文一。\n",
        );
        write(
            d.path(),
            "content/carbon/b.md",
            "+++\ntitle = \"乙文\"\ndate = 2024-01-01\n+++\n正文二。\n",
        );
        d
    }

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn copy_dir(from: &Path, to: &Path) {
        for e in walkdir::WalkDir::new(from).into_iter().flatten() {
            let rel = e.path().strip_prefix(from).unwrap();
            if e.file_type().is_dir() {
                std::fs::create_dir_all(to.join(rel)).unwrap();
            } else {
                std::fs::copy(e.path(), to.join(rel)).unwrap();
            }
        }
    }

    fn builder(root: &Path) -> Builder {
        let mut opts = BuildOptions::new(root);
        opts.out = root.join(".preview");
        opts.base_url = Some("http://127.0.0.1:1111/".into());
        Builder::new(opts, "/__livereload.js".into())
    }

    #[test]
    fn body_edit_rewrites_the_article_but_not_unrelated_pages() {
        let d = site();
        let mut b = builder(d.path());
        let first = b.rebuild().unwrap();
        assert!(first.files.contains(&"carbon/a/index.html".to_string()));
        write(d.path(), "content/carbon/a.md", "+++\ntitle = \"甲文\"\ndate = 2024-01-02\nregions = [\"cangzhou\"]\n+++\n正文一。\n\n新加一段。\n");
        let second = b.rebuild().unwrap();
        assert!(
            second.files.contains(&"carbon/a/index.html".to_string()),
            "{:?}",
            second.files
        );
        assert!(
            !second.files.contains(&"carbon/b/index.html".to_string()),
            "{:?}",
            second.files
        );
        assert!(
            !second.files.contains(&"archive/index.html".to_string()),
            "{:?}",
            second.files
        );
        let html = std::fs::read_to_string(d.path().join(".preview/carbon/a/index.html")).unwrap();
        assert!(html.contains("新加一段") && html.contains("/__livereload.js"));
    }

    #[test]
    fn nothing_changed_writes_nothing() {
        let d = site();
        let mut b = builder(d.path());
        b.rebuild().unwrap();
        assert_eq!(b.rebuild().unwrap().files, Vec::<String>::new());
    }

    #[test]
    fn title_edit_reaches_the_lists() {
        let d = site();
        let mut b = builder(d.path());
        b.rebuild().unwrap();
        write(d.path(), "content/carbon/a.md", "+++\ntitle = \"甲文新题\"\ndate = 2024-01-02\nregions = [\"cangzhou\"]\n+++\n正文一。\n");
        let c = b.rebuild().unwrap();
        for f in [
            "index.html",
            "topics/carbon/index.html",
            "regions/hebei/cangzhou/index.html",
            "atom.xml",
        ] {
            assert!(c.files.contains(&f.to_string()), "{f} not in {:?}", c.files);
        }
    }

    #[test]
    fn deleted_article_removes_its_page_and_a_failed_rebuild_keeps_the_old_one() {
        let d = site();
        let mut b = builder(d.path());
        b.rebuild().unwrap();
        write(
            d.path(),
            "content/carbon/a.md",
            "+++\ntitle = \"甲文\"\ndate = 2024-13-02\n+++\n",
        );
        assert!(b.rebuild().is_err());
        assert!(d.path().join(".preview/carbon/a/index.html").exists());
        std::fs::remove_file(d.path().join("content/carbon/a.md")).unwrap();
        let c = b.rebuild().unwrap();
        assert!(c.files.contains(&"carbon/a/index.html".to_string()));
        assert!(!d.path().join(".preview/carbon/a/index.html").exists());
    }

    #[test]
    fn css_only_change_is_recognised() {
        let d = site();
        let mut b = builder(d.path());
        b.rebuild().unwrap();
        write(d.path(), "static/css/style.css", "body { color: red }\n");
        let c = b.rebuild().unwrap();
        assert_eq!(c.files, vec!["css/style.css".to_string()]);
        assert!(c.only_css());
        assert_eq!(c.urls("/x/"), vec!["/x/css/style.css".to_string()]);
    }
}
