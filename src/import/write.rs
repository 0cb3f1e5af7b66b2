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

/// Decides where each article goes and checks every clash before anything is written.
pub fn plan(articles: &[Imported], content: &Path, force: bool) -> Result<Vec<Planned>> {
    let mut taken: HashSet<PathBuf> = HashSet::new();
    let mut planned = Vec::with_capacity(articles.len());
    let mut clashes = Vec::new();
    for a in articles {
        let topic = a.topics.first().map_or("industry", String::as_str);
        let base = crate::slug::from_text(&a.title);
        let base = if base.is_empty() { "article".to_string() } else { base };
        let dir = content.join(topic);
        let path = (1..)
            .map(|n| if n == 1 { dir.join(format!("{base}.md")) } else { dir.join(format!("{base}-{n}.md")) })
            .find(|p| !taken.contains(p))
            .expect("a free name exists");
        taken.insert(path.clone());
        let action = match existing_origin(&path) {
            None => Action::Create,
            Some(o) if o.as_deref() == Some(a.origin.as_str()) && !force => Action::Keep,
            Some(_) if force => Action::Overwrite,
            Some(o) => {
                clashes.push(format!(
                    "{} already exists (origin {}); use --force to replace it",
                    path.display(),
                    o.unwrap_or_else(|| "none: written by hand".into())
                ));
                continue;
            }
        };
        planned.push(Planned { path, text: render(a), action });
    }
    if !clashes.is_empty() {
        return Err(Error::Config { path: content.to_path_buf(), msg: clashes.join("\n") });
    }
    Ok(planned)
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
    for p in planned.iter().filter(|p| p.action != Action::Keep) {
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
    let tmp = dir.join(format!(".{}.tmp-{}", path.file_name().unwrap_or_default().to_string_lossy(), std::process::id()));
    std::fs::write(&tmp, text).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}
