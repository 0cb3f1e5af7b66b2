//! Writing imported articles into `content/`: front matter, file names, and the rules that keep
//! editors' work safe — a re-import of the same raw text leaves its articles alone, any other
//! clash stops the import before anything is written, and each file appears whole or not at all.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Imported;
use crate::error::{Error, Result};

/// What will happen to one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A new file.
    Create,
    /// An article imported earlier from the same raw text: left as the editor has it.
    Keep,
    /// An existing file replaced (`--force`).
    Overwrite,
    /// An existing file that may not be replaced: hand-written, or from another raw file (its origin).
    Blocked(String),
}

/// One file to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// Target file.
    pub path: PathBuf,
    /// Its full text.
    pub text: String,
    /// What happens to it.
    pub action: Action,
}

#[derive(Serialize)]
struct Front<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kicker: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subtitle: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    authors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    topics: &'a [String],
    regions: Vec<&'a str>,
    origin: &'a str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    draft: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    review: Vec<String>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    captions: &'a [String],
}

/// The Markdown file for an article: TOML front matter, then the body. An article without a date
/// is written as a draft, since the site cannot publish it until an editor adds one.
pub fn render(a: &Imported) -> String {
    let mut review = a.warnings.clone();
    if a.date.is_none() {
        review.push("原文无发布日期：请补上 date 并删除 draft".into());
    }
    let front = Front {
        title: &a.title,
        kicker: a.kicker.as_deref(),
        subtitle: a.subtitle.as_deref(),
        date: a.date.as_deref(),
        authors: &a.authors,
        source: a.source.as_deref(),
        topics: &a.topics,
        regions: a.regions.iter().map(|r| r.key.as_str()).collect(),
        origin: &a.origin,
        draft: a.date.is_none(),
        review,
        captions: &a.captions,
    };
    let toml = toml::to_string(&front).expect("front matter serializes");
    format!("+++\n{toml}+++\n\n{}", a.body)
}

/// Decides where each article goes. Nothing is written; an article that would replace a file it
/// may not replace is planned as [`Action::Blocked`], so a dry run can show it and a real import
/// can refuse before writing anything.
pub fn plan(articles: &[Imported], content: &Path, force: bool) -> Vec<Planned> {
    let existing = Existing::scan(content);
    let mut taken: HashSet<PathBuf> = HashSet::new();
    let mut planned = Vec::with_capacity(articles.len());
    for a in articles {
        let base = crate::slug::from_text(&a.title);
        let base = if base.is_empty() {
            "article".to_string()
        } else {
            base
        };
        // An earlier import of the same raw text is kept wherever an editor has moved it.
        if let Some(path) = existing
            .imported(&base, &a.origin, &taken)
            .filter(|_| !force)
        {
            taken.insert(path.clone());
            planned.push(Planned {
                path,
                text: render(a),
                action: Action::Keep,
            });
            continue;
        }
        let dir = content.join(a.topics.first().map_or("industry", String::as_str));
        let path = (1..)
            .map(|n| {
                if n == 1 {
                    dir.join(format!("{base}.md"))
                } else {
                    dir.join(format!("{base}-{n}.md"))
                }
            })
            .find(|p| !taken.contains(p))
            .expect("a free name exists");
        taken.insert(path.clone());
        let action = match existing_origin(&path) {
            None => Action::Create,
            Some(_) if force => Action::Overwrite,
            Some(o) if o.as_deref() == Some(a.origin.as_str()) => Action::Keep,
            Some(o) => Action::Blocked(o.unwrap_or_else(|| "none: written by hand".into())),
        };
        planned.push(Planned {
            path,
            text: render(a),
            action,
        });
    }
    planned
}

/// The messages for planned files that may not be written.
pub fn clashes(planned: &[Planned]) -> Vec<String> {
    planned
        .iter()
        .filter_map(|p| match &p.action {
            Action::Blocked(origin) => Some(format!(
                "{} already exists (origin: {origin}); edit or move it, or use --force to replace it",
                p.path.display()
            )),
            _ => None,
        })
        .collect()
}

/// Articles already in `content/`, by file stem, with their `origin`.
struct Existing {
    by_stem: std::collections::HashMap<String, Vec<(PathBuf, String)>>,
}

impl Existing {
    fn scan(content: &Path) -> Existing {
        let mut by_stem: std::collections::HashMap<String, Vec<(PathBuf, String)>> =
            Default::default();
        for e in walkdir::WalkDir::new(content)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            let path = e.path();
            if !e.file_type().is_file() || path.extension().is_none_or(|x| x != "md") {
                continue;
            }
            if let (Some(stem), Some(Some(origin))) = (path.file_stem(), existing_origin(path)) {
                by_stem
                    .entry(stem.to_string_lossy().into_owned())
                    .or_default()
                    .push((path.to_path_buf(), origin));
            }
        }
        Existing { by_stem }
    }

    /// A file imported from `origin` under the slug `base` (or `base-N`), not yet claimed.
    fn imported(&self, base: &str, origin: &str, taken: &HashSet<PathBuf>) -> Option<PathBuf> {
        let mut stems: Vec<&String> = self
            .by_stem
            .keys()
            .filter(|s| {
                *s == base
                    || s.strip_prefix(base)
                        .and_then(|r| r.strip_prefix('-'))
                        .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
            })
            .collect();
        stems.sort_by_key(|s| (s.len(), s.to_string()));
        stems
            .into_iter()
            .flat_map(|s| &self.by_stem[s])
            .find(|(p, o)| o == origin && !taken.contains(p))
            .map(|(p, _)| p.clone())
    }
}

/// `None` if no file; `Some(None)` if a file without `origin`; `Some(Some(o))` otherwise.
fn existing_origin(path: &Path) -> Option<Option<String>> {
    let text = std::fs::read_to_string(path).ok()?;
    let split = crate::content::frontmatter::split(&text).ok();
    let front = split.and_then(|s| crate::content::frontmatter::parse(&s).ok());
    Some(front.and_then(|f| f.origin))
}

/// Writes the planned files, each through a temporary file renamed into place. If one fails, the
/// files this call created are removed again.
pub fn apply(planned: &[Planned]) -> Result<()> {
    let mut created: Vec<&Path> = Vec::new();
    for p in planned
        .iter()
        .filter(|p| matches!(p.action, Action::Create | Action::Overwrite))
    {
        if let Err(e) = write_atomic(&p.path, &p.text) {
            for c in created {
                let _ = std::fs::remove_file(c);
            }
            return Err(e);
        }
        if p.action == Action::Create {
            created.push(&p.path);
        }
    }
    Ok(())
}

fn write_atomic(path: &Path, text: &str) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    std::fs::write(&tmp, text).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}
