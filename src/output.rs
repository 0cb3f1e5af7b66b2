//! Writing the site: into a staging directory beside the target, swapped into place only when
//! every file is written, so a failed build never leaves a half-written or missing `public/`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A directory being filled; it replaces the target on [`Staging::commit`] and is removed if
/// dropped without one.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    /// Prepares a fresh staging directory next to `target`. Refuses a target that holds the site
    /// itself (a `site.toml`, `content/` or `.git`), since the swap would replace it.
    pub fn new(target: &Path) -> Result<Staging> {
        refuse_precious(target)?;
        let name = target
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        std::fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    /// The staging directory.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Creates every directory the given relative file paths need, once each.
    pub fn create_dirs<'a>(&self, files: impl Iterator<Item = &'a str>) -> Result<()> {
        let dirs: BTreeSet<&str> = files
            .filter_map(|f| f.rsplit_once('/').map(|(d, _)| d))
            .collect();
        for d in dirs {
            let p = self.dir.join(d);
            std::fs::create_dir_all(&p).map_err(|e| Error::io(&p, e))?;
        }
        Ok(())
    }

    /// Writes one file; its directory must exist (see [`Staging::create_dirs`]).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let p = self.dir.join(rel);
        std::fs::write(&p, bytes).map_err(|e| Error::io(&p, e))
    }

    /// Copies a file in (static assets).
    pub fn copy(&self, rel: &str, from: &Path) -> Result<()> {
        let p = self.dir.join(rel);
        std::fs::copy(from, &p)
            .map(|_| ())
            .map_err(|e| Error::io(from, e))
    }

    /// Replaces the target with the staged directory.
    pub fn commit(mut self) -> Result<()> {
        let old = self.dir.with_file_name(format!(
            ".{}.old-{}",
            self.target
                .file_name()
                .map_or("public".into(), |n| n.to_string_lossy()),
            std::process::id()
        ));
        let had_target = self.target.exists();
        if had_target {
            std::fs::rename(&self.target, &old).map_err(|e| Error::io(&self.target, e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            if had_target {
                // Put the previous site back: a failed swap must not lose it.
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(Error::io(&self.target, e));
        }
        self.committed = true;
        if had_target {
            std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Refuses an output directory that holds the site root or lies inside one of its input folders:
/// replacing it would destroy the site's own files.
pub fn check_target(root: &Path, target: &Path) -> Result<()> {
    let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
    let out = absolute(target)?;
    let refuse = |why: String| {
        Err(Error::Config {
            path: target.to_path_buf(),
            msg: format!(
                "refusing to write the site here: {why}; choose another --out, such as public/"
            ),
        })
    };
    if root.starts_with(&out) {
        return refuse("it contains the site root".into());
    }
    for input in [
        "content",
        "themes",
        "templates",
        "static",
        "data",
        "src",
        ".git",
    ] {
        if out.starts_with(root.join(input)) {
            return refuse(format!("it is inside the site's `{input}/` folder"));
        }
    }
    Ok(())
}

/// `path` made absolute with symlinks resolved, for a path that may not exist yet.
fn absolute(path: &Path) -> Result<PathBuf> {
    let mut missing = Vec::new();
    let mut existing = path.to_path_buf();
    loop {
        match existing.canonicalize() {
            Ok(c) => {
                return Ok(missing
                    .iter()
                    .rev()
                    .fold(c, |acc: PathBuf, part| acc.join(part)))
            }
            Err(e) => match (
                existing.file_name().map(|n| n.to_os_string()),
                existing.parent(),
            ) {
                (Some(name), Some(parent)) => {
                    missing.push(name);
                    existing = if parent.as_os_str().is_empty() {
                        PathBuf::from(".")
                    } else {
                        parent.to_path_buf()
                    };
                }
                _ => return Err(Error::io(path, e)),
            },
        }
    }
}

fn refuse_precious(target: &Path) -> Result<()> {
    if target.is_file() {
        return Err(Error::Config {
            path: target.to_path_buf(),
            msg: "the output path is a file; choose a directory with --out".into(),
        });
    }
    for marker in ["site.toml", "content", ".git", "Cargo.toml"] {
        if target.join(marker).exists() {
            return Err(Error::Config {
                path: target.to_path_buf(),
                msg: format!("refusing to replace this directory: it holds `{marker}`; choose another --out, such as public/"),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_the_old_site() {
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("public");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("stale.html"), "old").unwrap();
        let s = Staging::new(&target).unwrap();
        s.create_dirs(["a/b/index.html"].into_iter()).unwrap();
        s.write("a/b/index.html", b"new").unwrap();
        s.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("a/b/index.html")).unwrap(),
            "new"
        );
        assert!(!target.join("stale.html").exists());
        assert_eq!(
            std::fs::read_dir(d.path()).unwrap().count(),
            1,
            "no staging or old dirs left"
        );
    }

    #[test]
    fn dropping_without_commit_keeps_the_old_site() {
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("public");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("index.html"), "old").unwrap();
        let s = Staging::new(&target).unwrap();
        s.write("index.html", b"new").unwrap();
        drop(s);
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).unwrap(),
            "old"
        );
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_targets_that_hold_or_sit_inside_the_site() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        let above = check_target(&root, d.path()).unwrap_err().to_string();
        assert!(above.contains("it contains the site root"), "{above}");
        let inside = check_target(&root, &root.join("content/out"))
            .unwrap_err()
            .to_string();
        assert!(
            inside.contains("inside the site's `content/` folder"),
            "{inside}"
        );
        check_target(&root, &root.join("public")).unwrap();
        check_target(&root, &d.path().join("elsewhere/new")).unwrap();
    }

    #[test]
    fn refuses_to_replace_the_site_root() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("site.toml"), "title = \"x\"").unwrap();
        let e = Staging::new(d.path()).unwrap_err().to_string();
        assert!(e.contains("refusing to replace this directory"), "{e}");
    }
}
