//! The loaded-content cache: every source file's load result kept with the file's stamp, so that a
//! second load re-reads only the files that changed.
//!
//! A plain build fills a fresh cache once and drops it. `serve` keeps one for the whole session: a
//! rebuild either rescans `content/` (re-reading files whose size or time changed) or, when the
//! watcher names the changed files, re-reads just those and says whether the change was a plain
//! edit of existing articles — the case the site graph can take without being rebuilt.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::{is_source, list, load_file, read, Article, Corpus, Item, Page, Stamp};
use crate::error::{Diagnostic, Result};

/// Load results by source path (relative to the site root), for one drafts setting and base path.
#[derive(Debug, Clone)]
pub struct Cache {
    drafts: bool,
    base_path: String,
    entries: BTreeMap<PathBuf, Entry>,
}

#[derive(Debug, Clone)]
struct Entry {
    stamp: Stamp,
    item: std::result::Result<Option<Item>, Diagnostic>,
}

/// What [`Cache::refresh`] found.
#[derive(Debug, Clone, Default)]
pub struct Refresh {
    /// Articles that were published articles before and still are, without problems, as re-read.
    pub edited: Vec<Arc<Article>>,
    /// Whether anything else changed: a file added, removed or turned into a draft, a standalone
    /// page edited, or a file with problems. The caller must then rebuild from [`Cache::corpus`].
    pub structural: bool,
}

impl Cache {
    /// An empty cache for loads with these settings.
    pub fn new(drafts: bool, base_path: &str) -> Cache {
        Cache {
            drafts,
            base_path: base_path.to_string(),
            entries: BTreeMap::new(),
        }
    }

    /// Forgets everything when the settings differ from the cache's (bodies depend on the base
    /// path, the corpus on whether drafts are shown).
    pub fn configure(&mut self, drafts: bool, base_path: &str) {
        if self.drafts != drafts || self.base_path != base_path {
            *self = Cache::new(drafts, base_path);
        }
    }

    /// Walks `root/content`, re-reads new and changed files, forgets removed ones, and returns the
    /// corpus with the problems of the files that have any.
    pub fn scan(&mut self, root: &Path) -> Result<(Corpus, Vec<Diagnostic>)> {
        let files = list(root)?;
        let fresh: Vec<(PathBuf, Entry)> = files
            .par_iter()
            .filter_map(|rel| {
                let changed = self.entries.get(rel).is_none_or(|e| {
                    let now = std::fs::metadata(root.join(rel)).ok().map(|m| Stamp {
                        modified: m.modified().ok(),
                        len: m.len(),
                    });
                    now != Some(e.stamp)
                });
                changed.then(|| (rel.clone(), self.load(root, rel)))
            })
            .collect();
        let keep: std::collections::HashSet<&PathBuf> = files.iter().collect();
        self.entries.retain(|p, _| keep.contains(p));
        self.entries.extend(fresh);
        Ok(self.corpus())
    }

    /// Re-reads exactly `paths` (relative to the site root; those that are not sources are
    /// ignored), removing the ones that no longer exist.
    pub fn refresh(&mut self, root: &Path, paths: &[PathBuf]) -> Refresh {
        let sources: Vec<&PathBuf> = paths.iter().filter(|p| is_source(p)).collect();
        let fresh: Vec<(PathBuf, Option<Entry>)> = sources
            .par_iter()
            .map(|&rel| {
                let exists = root.join(rel).is_file();
                (rel.clone(), exists.then(|| self.load(root, rel)))
            })
            .collect();
        let mut refresh = Refresh::default();
        for (rel, entry) in fresh {
            let before = self.entries.remove(&rel);
            let was_article = matches!(
                &before,
                Some(Entry {
                    item: Ok(Some(Item::Article(_))),
                    ..
                })
            );
            match (&entry, was_article) {
                (
                    Some(Entry {
                        item: Ok(Some(Item::Article(a))),
                        ..
                    }),
                    true,
                ) => refresh.edited.push(Arc::clone(a)),
                _ => refresh.structural = true,
            }
            if let Some(e) = entry {
                self.entries.insert(rel, e);
            }
        }
        refresh
    }

    /// The corpus as cached, in path order, and the problems of files that have any.
    pub fn corpus(&self) -> (Corpus, Vec<Diagnostic>) {
        let mut corpus = Corpus::default();
        let mut problems = Vec::new();
        for entry in self.entries.values() {
            match &entry.item {
                Ok(Some(Item::Article(a))) => corpus.articles.push(Arc::clone(a)),
                Ok(Some(Item::Page(p))) => corpus.pages.push(Page::clone(p)),
                Ok(None) => {}
                Err(d) => problems.push(d.clone()),
            }
        }
        (corpus, problems)
    }

    fn load(&self, root: &Path, rel: &Path) -> Entry {
        match read(&root.join(rel)) {
            Ok((bytes, stamp)) => Entry {
                stamp,
                item: load_file(rel, bytes, self.drafts, &self.base_path),
            },
            Err(e) => Entry {
                stamp: Stamp {
                    modified: None,
                    len: 0,
                },
                item: Err(Diagnostic::new(
                    rel,
                    0,
                    0,
                    format!("cannot read the file: {e}"),
                )),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn article(title: &str, body: &str) -> String {
        format!("+++\ntitle = \"{title}\"\ndate = 2024-01-02\n+++\n{body}\n")
    }

    fn titles(c: &Corpus) -> Vec<&str> {
        c.articles.iter().map(|a| a.title.as_str()).collect()
    }

    #[test]
    fn a_rescan_rereads_only_changed_files_and_forgets_removed_ones() {
        let d = tempfile::tempdir().unwrap();
        write(d.path(), "content/carbon/a.md", &article("甲", "一"));
        write(d.path(), "content/carbon/b.md", &article("乙", "二"));
        let mut cache = Cache::new(false, "/");
        let (first, _) = cache.scan(d.path()).unwrap();
        assert_eq!(titles(&first), ["甲", "乙"]);
        write(d.path(), "content/carbon/a.md", &article("甲改", "一二"));
        std::fs::remove_file(d.path().join("content/carbon/b.md")).unwrap();
        write(d.path(), "content/carbon/c.md", &article("丙", "三"));
        let (second, problems) = cache.scan(d.path()).unwrap();
        assert!(problems.is_empty());
        assert_eq!(titles(&second), ["甲改", "丙"]);
    }

    #[test]
    fn an_unchanged_file_keeps_its_loaded_article() {
        let d = tempfile::tempdir().unwrap();
        write(d.path(), "content/carbon/a.md", &article("甲", "一"));
        let mut cache = Cache::new(false, "/");
        let (first, _) = cache.scan(d.path()).unwrap();
        let (second, _) = cache.scan(d.path()).unwrap();
        assert!(Arc::ptr_eq(&first.articles[0], &second.articles[0]));
    }

    #[test]
    fn a_refresh_tells_plain_edits_from_structural_changes() {
        let d = tempfile::tempdir().unwrap();
        write(d.path(), "content/carbon/a.md", &article("甲", "一"));
        let mut cache = Cache::new(false, "/");
        cache.scan(d.path()).unwrap();
        write(d.path(), "content/carbon/a.md", &article("甲", "一，又一"));
        let edit = cache.refresh(d.path(), &[PathBuf::from("content/carbon/a.md")]);
        assert!(!edit.structural);
        assert_eq!(edit.edited.len(), 1);
        assert!(edit.edited[0].body.html.contains("又一"));

        write(d.path(), "content/carbon/b.md", &article("乙", "二"));
        let added = cache.refresh(d.path(), &[PathBuf::from("content/carbon/b.md")]);
        assert!(added.structural);
        assert_eq!(titles(&cache.corpus().0), ["甲", "乙"]);

        write(
            d.path(),
            "content/carbon/a.md",
            "+++\ntitle = \"甲\"\n+++\n",
        );
        let broken = cache.refresh(d.path(), &[PathBuf::from("content/carbon/a.md")]);
        assert!(broken.structural);
        assert_eq!(cache.corpus().1.len(), 1, "the missing date is reported");

        std::fs::remove_file(d.path().join("content/carbon/b.md")).unwrap();
        let removed = cache.refresh(
            d.path(),
            &[
                PathBuf::from("content/carbon/b.md"),
                PathBuf::from("themes/x/a.html"),
            ],
        );
        assert!(removed.structural && removed.edited.is_empty());
        assert!(cache.corpus().0.articles.is_empty());
    }

    #[test]
    fn new_settings_empty_the_cache() {
        let d = tempfile::tempdir().unwrap();
        write(
            d.path(),
            "content/carbon/a.md",
            &article("甲", "[链接](/x/)"),
        );
        let mut cache = Cache::new(false, "/");
        cache.scan(d.path()).unwrap();
        cache.configure(false, "/base/");
        assert!(cache.corpus().0.articles.is_empty());
        let (c, _) = cache.scan(d.path()).unwrap();
        assert!(
            c.articles[0].body.html.contains("/base/x/"),
            "{}",
            c.articles[0].body.html
        );
    }
}
