//! Which paths the watcher cares about: the site's sources, minus editor junk and the paths the
//! caller asked to ignore. Pure functions over paths relative to the site root.

use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

/// The source folders under the site root, each watched recursively when it exists.
pub(crate) const SOURCE_DIRS: [&str; 5] = ["content", "themes", "templates", "static", "data"];

/// The site configuration, at the root.
pub(crate) const CONFIG_FILE: &str = "site.toml";

/// True for the temporary, backup and lock files editors and tools leave next to the files they
/// edit, and for dot-files and dot-folders (which covers `.#a.md`, `.a.md.swp`, `.DS_Store`,
/// `.git/`).
pub fn is_junk(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    let name = name.as_ref();
    name.starts_with('.')
        || name.ends_with('~')
        // Emacs auto-save: `#a.md#`.
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        // Vim writes and deletes `4913` to probe whether a folder is writable.
        || name == "4913"
        // Microsoft Office lock files.
        || name.starts_with("~$")
        || name == "Thumbs.db"
        // JetBrains "safe write".
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || JUNK_EXTENSIONS
            .iter()
            .any(|ext| name.len() > ext.len() && name.ends_with(ext))
}

/// Vim swap files (`.swp`, then `.swo`, `.swn` when taken; `.swx` is its probe), generic
/// temporaries, Chrome's File System Access swap files and Kate's swap files.
const JUNK_EXTENSIONS: [&str; 7] = [
    ".swp",
    ".swo",
    ".swn",
    ".swx",
    ".tmp",
    ".crswap",
    ".kate-swp",
];

/// Decides, for a path relative to the site root, whether a change there matters.
#[derive(Debug, Clone, Default)]
pub(crate) struct Filter {
    /// Relative paths whose whole subtree is ignored (the output folder, say).
    ignore: Vec<PathBuf>,
}

impl Filter {
    /// A filter ignoring `ignore`: each path is relative to `root` or absolute; absolute paths
    /// outside `root` cannot appear in a batch and are dropped. `root` should be canonical.
    pub(crate) fn new(root: &Path, ignore: &[PathBuf]) -> Filter {
        let ignore = ignore
            .iter()
            .filter_map(|p| {
                if p.is_relative() {
                    return Some(p.components().collect());
                }
                // The caller may name the output folder by a non-canonical path (a symlinked
                // temp dir, `/var` vs `/private/var` on macOS); compare canonical forms.
                let p = p.canonicalize().unwrap_or_else(|_| p.clone());
                p.strip_prefix(root).ok().map(Path::to_path_buf)
            })
            .collect();
        Filter { ignore }
    }

    /// True when a change at `rel` can matter to the site: `site.toml` or something under a
    /// source folder (or the folder itself), with no junk name along the way and not under an
    /// ignored path.
    pub(crate) fn keeps(&self, rel: &Path) -> bool {
        let mut parts = rel.components();
        let in_scope = match parts.next() {
            Some(Component::Normal(first)) => {
                SOURCE_DIRS.iter().any(|d| first == OsStr::new(d))
                    || (first == OsStr::new(CONFIG_FILE) && parts.next().is_none())
            }
            _ => false,
        };
        in_scope
            && rel.components().all(|c| match c {
                Component::Normal(name) => !is_junk(name),
                _ => false,
            })
            && !self.ignore.iter().any(|ig| rel.starts_with(ig))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn junk(name: &str) -> bool {
        is_junk(OsStr::new(name))
    }

    #[test]
    fn editor_backups_and_temporaries_are_junk() {
        for name in [
            "a.md~",
            ".#a.md",
            "#a.md#",
            ".a.md.swp",
            "a.md.swp",
            "a.md.swx",
            "a.md.swo",
            "a.md.tmp",
            "4913",
            ".DS_Store",
            ".git",
            "~$report.docx",
            "a.md___jb_tmp___",
            "a.md.crswap",
        ] {
            assert!(junk(name), "{name} should be junk");
        }
    }

    #[test]
    fn ordinary_names_are_not_junk() {
        for name in [
            "a.md",
            "京津冀协同.md",
            "style.css",
            "4914",
            "#tag",
            "tmp",
            "swp",
            "49130",
        ] {
            assert!(!junk(name), "{name} should not be junk");
        }
    }

    #[test]
    fn keeps_sources_and_config_only() {
        let f = Filter::default();
        assert!(f.keeps(Path::new("site.toml")));
        assert!(f.keeps(Path::new("content")));
        assert!(f.keeps(Path::new("content/carbon/a.md")));
        assert!(f.keeps(Path::new("themes/digest/static/css/style.css")));
        assert!(f.keeps(Path::new("templates/base.html")));
        assert!(f.keeps(Path::new("static/logo.svg")));
        assert!(f.keeps(Path::new("data/regions.toml")));
        assert!(!f.keeps(Path::new("")));
        assert!(!f.keeps(Path::new("README.md")));
        assert!(!f.keeps(Path::new("public/index.html")));
        assert!(!f.keeps(Path::new("site.toml/x")));
        assert!(!f.keeps(Path::new("contents/a.md")));
        assert!(!f.keeps(Path::new("../content/a.md")));
    }

    #[test]
    fn junk_anywhere_along_the_path_is_dropped() {
        let f = Filter::default();
        assert!(!f.keeps(Path::new("content/.git/HEAD")));
        assert!(!f.keeps(Path::new("content/.drafts/a.md")));
        assert!(!f.keeps(Path::new("content/carbon/a.md~")));
        assert!(!f.keeps(Path::new("content/carbon/.a.md.tmp")));
    }

    #[test]
    fn ignored_paths_drop_their_subtree() {
        let root = Path::new("/site");
        let f = Filter::new(
            root,
            &[
                PathBuf::from("static/build"),
                PathBuf::from("/site/content/out"),
                PathBuf::from("/elsewhere"),
            ],
        );
        assert!(!f.keeps(Path::new("static/build")));
        assert!(!f.keeps(Path::new("static/build/app.css")));
        assert!(f.keeps(Path::new("static/buildings.css")));
        assert!(!f.keeps(Path::new("content/out/index.html")));
        assert!(f.keeps(Path::new("content/outline.md")));
    }
}
