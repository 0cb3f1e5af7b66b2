//! Themes: which template and static files a build uses — the theme's own, each overridden by the
//! site's `templates/` or `static/` file of the same relative name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Error, Result};

/// The files a build takes from its theme and the site, by relative name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Theme {
    /// Template name (`partials/card.html`) → file.
    pub templates: Vec<(String, PathBuf)>,
    /// Output path (`css/style.css`) → file.
    pub statics: Vec<(String, PathBuf)>,
}

/// Resolves theme `name` under `root/themes/`, with the site's overrides.
pub fn resolve(root: &Path, name: &str) -> Result<Theme> {
    let dir = root.join("themes").join(name);
    if !dir.join("templates").is_dir() {
        return Err(Error::Config {
            path: root.join("site.toml"),
            msg: format!(
                "theme `{name}` not found: {} has no templates/ folder; set theme = \"digest\" or add the theme there",
                dir.display()
            ),
        });
    }
    Ok(Theme {
        templates: merged(&dir.join("templates"), &root.join("templates"))?,
        statics: merged(&dir.join("static"), &root.join("static"))?,
    })
}

/// Files under `base`, replaced by files of the same relative name under `over`.
fn merged(base: &Path, over: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut files = BTreeMap::new();
    for dir in [base, over] {
        for (rel, path) in files_under(dir)? {
            files.insert(rel, path);
        }
    }
    Ok(files.into_iter().collect())
}

fn files_under(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            Error::io(
                dir,
                e.into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("loop in links")),
            )
        })?;
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        out.push((rel, entry.path().to_path_buf()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_files_override_theme_files() {
        let d = tempfile::tempdir().unwrap();
        for (p, t) in [
            ("themes/t/templates/base.html", "theme"),
            ("themes/t/templates/index.html", "theme"),
            ("themes/t/static/css/style.css", "theme"),
            ("templates/index.html", "site"),
            ("static/css/style.css", "site"),
            ("static/logo.svg", "site"),
        ] {
            let f = d.path().join(p);
            std::fs::create_dir_all(f.parent().unwrap()).unwrap();
            std::fs::write(f, t).unwrap();
        }
        let th = resolve(d.path(), "t").unwrap();
        let who = |list: &[(String, PathBuf)], name: &str| {
            std::fs::read_to_string(&list.iter().find(|(n, _)| n == name).unwrap().1).unwrap()
        };
        assert_eq!(who(&th.templates, "base.html"), "theme");
        assert_eq!(who(&th.templates, "index.html"), "site");
        assert_eq!(who(&th.statics, "css/style.css"), "site");
        assert_eq!(th.statics.len(), 2);
    }

    #[test]
    fn missing_theme_says_what_to_do() {
        let d = tempfile::tempdir().unwrap();
        let e = resolve(d.path(), "nope").unwrap_err().to_string();
        assert!(e.contains("theme `nope` not found"), "{e}");
    }
}
