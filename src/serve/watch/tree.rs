//! What the watcher last saw of the sources, so that a raw event on a path can be turned into the
//! files that really changed there.
//!
//! Raw events say little: a renamed folder is one event for the folder, a folder created with
//! files in it may arrive before the recursive watch covers it (so the files' own events are
//! never sent), and a deleted folder's files are not listed. Comparing the disk with this index
//! answers all three: a folder in a batch is walked and compared with what the index held under
//! it, a missing path takes everything the index held under it along.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use walkdir::WalkDir;

use super::filter::{Filter, CONFIG_FILE, SOURCE_DIRS};

/// One indexed path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    Dir,
    /// A file (or anything else that is not a folder, such as a symlink), by size and mtime.
    File {
        len: u64,
        modified: Option<SystemTime>,
    },
}

impl Entry {
    fn of(meta: &Metadata) -> Entry {
        if meta.is_dir() {
            Entry::Dir
        } else {
            Entry::File {
                len: meta.len(),
                modified: meta.modified().ok(),
            }
        }
    }

    fn is_file(self) -> bool {
        matches!(self, Entry::File { .. })
    }
}

/// The kept paths under the site root, relative to it.
#[derive(Debug)]
pub(crate) struct Tree {
    root: PathBuf,
    filter: Filter,
    entries: BTreeMap<PathBuf, Entry>,
}

impl Tree {
    /// Indexes `site.toml` and the source folders under `root`.
    pub(crate) fn scan(root: &Path, filter: Filter) -> Tree {
        let mut tree = Tree {
            root: root.to_path_buf(),
            filter,
            entries: BTreeMap::new(),
        };
        tree.resolve([PathBuf::new()], true);
        tree
    }

    /// Number of indexed files.
    #[cfg(test)]
    pub(crate) fn files(&self) -> usize {
        self.entries.values().filter(|e| e.is_file()).count()
    }

    /// The files that changed, given the (relative) paths raw events named. The empty path
    /// stands for the whole site (a rescan). Paths the filter drops are left out, and so are
    /// paths that neither exist nor were indexed (a temporary created and deleted within the
    /// burst). A named file counts as changed even if its size and mtime look the same (a coarse
    /// mtime may hide an edit), unless `compare` says the events are coarser than the index (the
    /// polling watcher's whole-second mtimes). Updates the index.
    pub(crate) fn resolve(
        &mut self,
        raw: impl IntoIterator<Item = PathBuf>,
        compare: bool,
    ) -> BTreeSet<PathBuf> {
        let mut todo = BTreeMap::new();
        for rel in raw {
            if rel.as_os_str().is_empty() {
                todo.insert(PathBuf::from(CONFIG_FILE), true);
                todo.extend(SOURCE_DIRS.iter().map(|d| (PathBuf::from(d), true)));
            } else if self.filter.keeps(&rel) {
                todo.entry(rel).or_insert(compare);
            }
        }
        let mut changed = BTreeSet::new();
        // Sorted, so a folder is refreshed before the paths under it.
        for (rel, compare) in todo {
            self.refresh(&rel, compare, &mut changed);
        }
        changed
    }

    /// Files modified in the last `window` whose size or mtime no longer match the index. The
    /// polling watcher compares mtimes in whole seconds, so an edit in the same second as the
    /// one before escapes it; looking again at the few recent files closes that gap.
    pub(crate) fn recheck_recent(&mut self, window: Duration) -> BTreeSet<PathBuf> {
        let since = SystemTime::now() - window;
        let recent: Vec<PathBuf> = self
            .entries
            .iter()
            .filter(|(_, e)| matches!(e, Entry::File { modified: Some(m), .. } if *m >= since))
            .map(|(p, _)| p.clone())
            .collect();
        let mut changed = BTreeSet::new();
        for rel in recent {
            // Deletions and files turned folders are the watcher's to report.
            if let Ok(meta) = std::fs::symlink_metadata(self.root.join(&rel)) {
                if !meta.is_dir() {
                    self.refresh_file(&rel, &meta, true, &mut changed);
                }
            }
        }
        changed
    }

    fn refresh(&mut self, rel: &Path, compare: bool, changed: &mut BTreeSet<PathBuf>) {
        match std::fs::symlink_metadata(self.root.join(rel)) {
            Ok(meta) if meta.is_dir() => self.rescan(rel, changed),
            Ok(meta) => self.refresh_file(rel, &meta, compare, changed),
            Err(_) => self.forget(rel, changed),
        }
    }

    fn refresh_file(
        &mut self,
        rel: &Path,
        meta: &Metadata,
        compare: bool,
        changed: &mut BTreeSet<PathBuf>,
    ) {
        let now = Entry::of(meta);
        if compare && self.entries.get(rel) == Some(&now) {
            return;
        }
        // It may have been a folder until now.
        self.forget(rel, changed);
        self.entries.insert(rel.to_path_buf(), now);
        changed.insert(rel.to_path_buf());
    }

    /// Drops `rel` and everything under it; the files among them changed (they are gone).
    fn forget(&mut self, rel: &Path, changed: &mut BTreeSet<PathBuf>) {
        for (path, entry) in self.take_subtree(rel) {
            if entry.is_file() {
                changed.insert(path);
            }
        }
    }

    /// Walks the folder `rel` and compares it with the index.
    fn rescan(&mut self, rel: &Path, changed: &mut BTreeSet<PathBuf>) {
        let found = self.walk(rel);
        let old = self.take_subtree(rel);
        for (path, entry) in &old {
            if entry.is_file() && found.get(path) != Some(entry) {
                changed.insert(path.clone());
            }
        }
        for (path, entry) in &found {
            if entry.is_file() && old.get(path) != Some(entry) {
                changed.insert(path.clone());
            }
        }
        self.entries.extend(found);
    }

    /// Removes and returns the entries for `rel` and below. Paths order component by component,
    /// so they are one contiguous run starting at `rel`.
    fn take_subtree(&mut self, rel: &Path) -> BTreeMap<PathBuf, Entry> {
        let keys: Vec<PathBuf> = self
            .entries
            .range(rel.to_path_buf()..)
            .take_while(|(p, _)| p.starts_with(rel))
            .map(|(p, _)| p.clone())
            .collect();
        keys.into_iter()
            .filter_map(|k| self.entries.remove_entry(&k))
            .collect()
    }

    fn walk(&self, rel: &Path) -> BTreeMap<PathBuf, Entry> {
        let root = &self.root;
        let filter = &self.filter;
        WalkDir::new(root.join(rel))
            .into_iter()
            .filter_entry(|e| e.path().strip_prefix(root).is_ok_and(|r| filter.keeps(r)))
            // An entry deleted while we walk is simply not there; its deletion event follows.
            .filter_map(Result::ok)
            .filter_map(|e| {
                let meta = e.metadata().ok()?;
                let rel = e.path().strip_prefix(root).ok()?.to_path_buf();
                Some((rel, Entry::of(&meta)))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in [
            ("site.toml", "title = \"x\"\n"),
            ("content/carbon/a.md", "a"),
            ("content/carbon/b.md", "b"),
            ("content/talent/c.md", "c"),
            ("themes/digest/static/css/style.css", "body{}"),
            ("README.md", "not a source"),
            ("public/index.html", "output"),
        ] {
            let p = dir.path().join(path);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        }
        dir
    }

    fn paths(set: BTreeSet<PathBuf>) -> Vec<String> {
        set.iter()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect()
    }

    #[test]
    fn scan_indexes_sources_only() {
        let dir = site();
        let tree = Tree::scan(dir.path(), Filter::default());
        assert_eq!(tree.files(), 5);
    }

    #[test]
    fn a_renamed_folder_reports_old_and_new_files() {
        let dir = site();
        let mut tree = Tree::scan(dir.path(), Filter::default());
        fs::rename(
            dir.path().join("content/carbon"),
            dir.path().join("content/climate"),
        )
        .unwrap();
        let got = tree.resolve(
            [
                PathBuf::from("content/carbon"),
                PathBuf::from("content/climate"),
            ],
            false,
        );
        assert_eq!(
            paths(got),
            [
                "content/carbon/a.md",
                "content/carbon/b.md",
                "content/climate/a.md",
                "content/climate/b.md"
            ]
        );
    }

    #[test]
    fn a_rescan_reports_only_what_differs() {
        let dir = site();
        let mut tree = Tree::scan(dir.path(), Filter::default());
        fs::write(dir.path().join("content/carbon/a.md"), "longer a").unwrap();
        fs::remove_file(dir.path().join("content/talent/c.md")).unwrap();
        fs::write(dir.path().join("content/talent/d.md"), "d").unwrap();
        fs::write(dir.path().join("content/talent/d.md~"), "junk").unwrap();
        let got = tree.resolve([PathBuf::new()], false);
        assert_eq!(
            paths(got),
            [
                "content/carbon/a.md",
                "content/talent/c.md",
                "content/talent/d.md"
            ]
        );
        assert!(tree.resolve([PathBuf::new()], false).is_empty());
    }

    #[test]
    fn vanished_unknown_paths_and_dropped_paths_are_left_out() {
        let dir = site();
        let mut tree = Tree::scan(dir.path(), Filter::default());
        let got = tree.resolve(
            [
                PathBuf::from("content/carbon/never-existed.md"),
                PathBuf::from("README.md"),
                PathBuf::from("public/index.html"),
            ],
            false,
        );
        assert!(got.is_empty());
    }

    #[test]
    fn named_files_are_reported_unless_compared() {
        let dir = site();
        let mut tree = Tree::scan(dir.path(), Filter::default());
        let x = || [PathBuf::from("content/carbon/a.md")];
        assert_eq!(paths(tree.resolve(x(), false)), ["content/carbon/a.md"]);
        assert!(tree.resolve(x(), true).is_empty());
        fs::write(dir.path().join("content/carbon/a.md"), "longer a").unwrap();
        assert_eq!(paths(tree.resolve(x(), true)), ["content/carbon/a.md"]);
    }

    #[test]
    fn recent_files_are_looked_at_again() {
        let dir = site();
        let mut tree = Tree::scan(dir.path(), Filter::default());
        assert!(tree.recheck_recent(Duration::from_secs(2)).is_empty());
        fs::write(dir.path().join("content/carbon/a.md"), "longer a").unwrap();
        assert_eq!(
            paths(tree.recheck_recent(Duration::from_secs(2))),
            ["content/carbon/a.md"]
        );
        assert!(tree.recheck_recent(Duration::from_secs(2)).is_empty());
    }

    #[test]
    fn a_file_replacing_a_folder_reports_both() {
        let dir = site();
        let mut tree = Tree::scan(dir.path(), Filter::default());
        fs::remove_dir_all(dir.path().join("content/talent")).unwrap();
        fs::write(dir.path().join("content/talent"), "now a file").unwrap();
        let got = tree.resolve([PathBuf::from("content/talent")], false);
        assert_eq!(paths(got), ["content/talent", "content/talent/c.md"]);
    }
}
