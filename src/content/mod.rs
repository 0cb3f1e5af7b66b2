//! Loading content: every Markdown file under `content/` read, split, parsed and rendered into an
//! [`Article`] or a standalone [`Page`], with every problem collected as a [`Diagnostic`].
//!
//! This stage knows file layout and front-matter shapes; it does not resolve topic or region keys
//! (that is [`crate::classify`]) nor decide URLs (that is [`crate::site`]).

mod cache;
pub mod date;
pub mod frontmatter;

use std::hash::Hasher;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use walkdir::WalkDir;

use crate::error::{Diagnostic, Error, Result};
use crate::markdown::{self, Body};
pub use cache::{Cache, Refresh};
use frontmatter::FrontMatter;

/// Folder under `content/` that holds standalone pages rather than articles.
pub const PAGES_DIR: &str = "pages";

/// Characters in a summary cut from the body.
pub const SUMMARY_CHARS: usize = 110;

/// 文章 — one news article, loaded and rendered, not yet classified.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Source file relative to the site root (`content/carbon/x.md`).
    pub path: PathBuf,
    /// The folder under `content/` it lives in (its primary topic key, if the layout is right).
    pub folder: String,
    /// Slug wish: front-matter `slug`, else the file name if it is a valid slug, else from the title.
    pub slug: String,
    /// Whether `slug` was made from the title (and may take a `-2` suffix on a collision).
    pub slug_from_title: bool,
    /// Title.
    pub title: String,
    /// Publication time.
    pub date: DateTime<FixedOffset>,
    /// Summary: front-matter `summary`, else the text before `<!-- more -->`, else the lead cut on a
    /// sentence boundary.
    pub summary: String,
    /// Everything the author wrote.
    pub front: FrontMatter,
    /// Rendered body.
    pub body: Body,
    /// A hash of the source file's bytes: equal hashes mean the same article (given the same
    /// settings), which lets `serve` skip pages whose sources did not change.
    pub source_hash: u64,
}

/// 页面 — a standalone page such as 关于本刊.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Source file relative to the site root.
    pub path: PathBuf,
    /// URL slug (the file name).
    pub slug: String,
    /// Title.
    pub title: String,
    /// Everything the author wrote.
    pub front: FrontMatter,
    /// Rendered body.
    pub body: Body,
    /// A hash of the source file's bytes.
    pub source_hash: u64,
}

/// Everything under `content/`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Corpus {
    /// Articles in path order, shared so that `serve` can keep them between rebuilds.
    pub articles: Vec<Arc<Article>>,
    /// Standalone pages in path order.
    pub pages: Vec<Page>,
}

/// Loads `root/content`. Drafts are skipped unless `drafts` is set; `base_path` prefixes
/// root-relative links in bodies. Files with problems are left out of the corpus and their
/// problems returned beside it, so later stages can still check the rest.
pub fn load(root: &Path, drafts: bool, base_path: &str) -> Result<(Corpus, Vec<Diagnostic>)> {
    Cache::new(drafts, base_path).scan(root)
}

/// Markdown files under `root/content`, relative to `root`, in a stable order. Hidden files and
/// editor leftovers (`x.md~`, `.#x.md`) are skipped.
pub fn list(root: &Path) -> Result<Vec<PathBuf>> {
    let dir = root.join("content");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(&dir).sort_by_file_name().into_iter();
    for entry in walker.filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.')) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(&dir).to_path_buf();
            Error::io(
                path,
                e.into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("loop in links")),
            )
        })?;
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && name.ends_with(".md") {
            let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
            files.push(rel.to_path_buf());
        }
    }
    Ok(files)
}

/// Whether `rel` (relative to the site root) names a file [`list`] would return: a visible `.md`
/// file under `content/`.
pub fn is_source(rel: &Path) -> bool {
    let mut parts = rel.components();
    parts.next().is_some_and(|c| c.as_os_str() == "content")
        && rel.extension().is_some_and(|e| e == "md")
        && parts.all(|c| !c.as_os_str().to_string_lossy().starts_with('.'))
}

/// What one source file loads as.
#[derive(Debug, Clone)]
enum Item {
    Article(Arc<Article>),
    Page(Arc<Page>),
}

/// When a file was last changed, as far as its metadata tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<std::time::SystemTime>,
    len: u64,
}

/// Reads a file and its stamp from one open handle.
fn read(path: &Path) -> std::io::Result<(Vec<u8>, Stamp)> {
    let mut file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes)?;
    let stamp = Stamp {
        modified: meta.modified().ok(),
        len: meta.len(),
    };
    Ok((bytes, stamp))
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

fn load_file(
    rel: &Path,
    bytes: Vec<u8>,
    drafts: bool,
    base_path: &str,
) -> std::result::Result<Option<Item>, Diagnostic> {
    let source_hash = hash(&bytes);
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, col) = frontmatter::line_col(
            &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
            usize::MAX,
        );
        Diagnostic::new(rel, line, col, "the file is not valid UTF-8 text")
            .with_help("save it as UTF-8 (xietong import converts GBK and Big5 files)")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let located = |e: frontmatter::FrontMatterError| {
        Diagnostic::new(rel, e.line, e.column, e.message).with_help(e.help)
    };
    let split = frontmatter::split(text).map_err(located)?;
    let front = frontmatter::parse(&split).map_err(located)?;
    if front.draft && !drafts {
        return Ok(None);
    }
    let title = match front.title.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => t.to_string(),
        _ => {
            return Err(Diagnostic::new(
                rel,
                split.header_line,
                1,
                "the front matter has no `title`",
            )
            .with_help("add a line like title = \"京津冀协同发展取得新进展\""))
        }
    };
    let body = markdown::render(split.body, base_path);
    let folder = folder_of(rel);
    if folder.as_deref() == Some(PAGES_DIR) {
        let (slug, _) = file_slug(rel, &front, &title)?;
        return Ok(Some(Item::Page(Arc::new(Page {
            path: rel.into(),
            slug,
            title,
            front,
            body,
            source_hash,
        }))));
    }
    let Some(folder) = folder else {
        return Err(Diagnostic::new(rel, 0, 0, "articles must be inside a topic folder")
            .with_help("move it to content/<topic>/, e.g. content/carbon/, or to content/pages/ for a standalone page"));
    };
    let date = article_date(rel, &front)?;
    let (slug, slug_from_title) = file_slug(rel, &front, &title)?;
    let summary = summary(&front, &body);
    // The lead only feeds the summary; at 50,000 articles keeping it would cost tens of megabytes.
    let mut body = body;
    body.lead = String::new();
    Ok(Some(Item::Article(Arc::new(Article {
        path: rel.into(),
        folder,
        slug,
        slug_from_title,
        title,
        date,
        summary,
        front,
        body,
        source_hash,
    }))))
}

/// The first folder under `content/`, if the file is not directly in it.
fn folder_of(rel: &Path) -> Option<String> {
    let mut parts = rel.components().skip(1);
    let first = parts.next()?;
    parts.next()?;
    Some(first.as_os_str().to_string_lossy().into_owned())
}

fn article_date(
    rel: &Path,
    front: &FrontMatter,
) -> std::result::Result<DateTime<FixedOffset>, Diagnostic> {
    let (line, col) = front.position("date");
    let Some(raw) = front.date.as_deref() else {
        if front.draft {
            // An undated draft (fresh from the importer) can still be previewed with --drafts;
            // it sorts last until an editor gives it a date.
            return Ok(date::parse("1970-01-01").expect("valid date"));
        }
        return Err(Diagnostic::new(rel, line, 0, "the article has no `date`")
            .with_help("add the publication date, like date = 2024-04-18"));
    };
    date::parse(raw).ok_or_else(|| {
        Diagnostic::new(rel, line, col, format!("date `{raw}` is not a valid date"))
            .with_help("write YYYY-MM-DD or RFC 3339, like 2024-04-18 or 2024-04-18T09:30:00+08:00")
    })
}

/// The slug and whether it was made from the title.
fn file_slug(
    rel: &Path,
    front: &FrontMatter,
    title: &str,
) -> std::result::Result<(String, bool), Diagnostic> {
    if let Some(s) = front.slug.as_deref() {
        if crate::slug::is_slug(s) {
            return Ok((s.to_string(), false));
        }
        let (line, col) = front.position("slug");
        return Err(Diagnostic::new(
            rel,
            line,
            col,
            format!("slug `{s}` is not a valid URL slug"),
        )
        .with_help(format!(
            "use lowercase ASCII letters, digits and hyphens, like slug = \"{}\", or remove it",
            crate::slug::from_text(s)
        )));
    }
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    if crate::slug::is_slug(&stem) {
        return Ok((stem.into_owned(), false));
    }
    let from_title = crate::slug::from_text(title);
    Ok((
        if from_title.is_empty() {
            "article".into()
        } else {
            from_title
        },
        true,
    ))
}

fn summary(front: &FrontMatter, body: &Body) -> String {
    if let Some(s) = &front.summary {
        return s.trim().to_string();
    }
    if body.has_more {
        return body.lead.clone();
    }
    crate::text::cut_summary(&body.lead, SUMMARY_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(root: &Path) -> Corpus {
        let (c, problems) = load(root, false, "/").unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        c
    }

    fn problems(root: &Path) -> Vec<Diagnostic> {
        load(root, false, "/").unwrap().1
    }

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        dir
    }

    const OK: &str = "+++\ntitle = \"沧州绿色转型\"\ndate = 2024-04-18\n+++\n第一句。第二句。\n";

    #[test]
    fn articles_and_pages_are_told_apart() {
        let d = site(&[
            ("content/carbon/a.md", OK),
            ("content/pages/about.md", "+++\ntitle = \"关于\"\n+++\n"),
        ]);
        let c = ok(d.path());
        assert_eq!(c.articles.len(), 1);
        assert_eq!(c.articles[0].folder, "carbon");
        assert_eq!(c.articles[0].slug, "a");
        assert_eq!(c.pages[0].slug, "about");
    }

    #[test]
    fn drafts_are_skipped_unless_asked() {
        let draft = "+++\ntitle = \"草稿\"\ndate = 2024-01-01\ndraft = true\n+++\n";
        let d = site(&[("content/carbon/d.md", draft)]);
        assert!(ok(d.path()).articles.is_empty());
        assert_eq!(load(d.path(), true, "/").unwrap().0.articles.len(), 1);
    }

    #[test]
    fn all_problems_are_collected() {
        let d = site(&[
            ("content/carbon/a.md", "+++\ndate = 2024-01-01\n+++\n"),
            (
                "content/carbon/b.md",
                "+++\ntitle = \"乙\"\ndate = \"2024-13-01\"\n+++\n",
            ),
            ("content/loose.md", OK),
        ]);
        let ds = problems(d.path());
        let text: Vec<String> = ds.iter().map(|d| d.to_string()).collect();
        assert_eq!(ds.len(), 3, "{text:#?}");
        assert!(
            text[0].starts_with("content/carbon/a.md:2:1: the front matter has no `title`"),
            "{}",
            text[0]
        );
        assert!(
            text[1].starts_with("content/carbon/b.md:3:8: date `2024-13-01` is not a valid date"),
            "{}",
            text[1]
        );
        assert!(
            text[2].contains("articles must be inside a topic folder"),
            "{}",
            text[2]
        );
    }

    #[test]
    fn missing_date_says_what_to_add() {
        let d = site(&[("content/carbon/a.md", "+++\ntitle = \"甲\"\n+++\n")]);
        let ds = problems(d.path());
        assert_eq!(ds[0].message, "the article has no `date`");
        assert!(ds[0].help.as_deref().unwrap().contains("date = 2024-04-18"));
    }

    #[test]
    fn non_utf8_file_is_reported() {
        let d = site(&[]);
        std::fs::create_dir_all(d.path().join("content/carbon")).unwrap();
        std::fs::write(
            d.path().join("content/carbon/gbk.md"),
            b"+++\ntitle = \"\xb2\xe2\"\n",
        )
        .unwrap();
        let ds = problems(d.path());
        assert_eq!(ds[0].message, "the file is not valid UTF-8 text");
        assert_eq!(ds[0].line, 2);
    }

    #[test]
    fn chinese_file_names_get_pinyin_slugs() {
        let d = site(&[("content/carbon/沧州.md", OK)]);
        assert_eq!(ok(d.path()).articles[0].slug, "cang-zhou-lv-se-zhuan-xing");
    }

    #[test]
    fn invalid_slug_suggests_one() {
        let d = site(&[(
            "content/carbon/a.md",
            "+++\ntitle = \"甲\"\ndate = 2024-01-01\nslug = \"沧州 新闻\"\n+++\n",
        )]);
        let ds = problems(d.path());
        assert!(
            ds[0].help.as_deref().unwrap().contains("cang-zhou-xin-wen"),
            "{:?}",
            ds[0]
        );
    }

    #[test]
    fn summary_prefers_front_matter_then_more_then_lead() {
        let d = site(&[
            (
                "content/carbon/a.md",
                "+++\ntitle = \"甲\"\ndate = 2024-01-01\nsummary = \"手写摘要\"\n+++\n正文。\n",
            ),
            (
                "content/carbon/b.md",
                "+++\ntitle = \"乙\"\ndate = 2024-01-01\n+++\n前言。\n\n<!-- more -->\n\n后文。\n",
            ),
            ("content/carbon/c.md", OK),
        ]);
        let c = ok(d.path());
        let s: Vec<&str> = c.articles.iter().map(|a| a.summary.as_str()).collect();
        assert_eq!(s, ["手写摘要", "前言。", "第一句。第二句。"]);
    }

    #[test]
    fn bom_is_ignored_and_editor_backups_skipped() {
        let d = site(&[
            ("content/carbon/a.md", &format!("\u{feff}{OK}")),
            ("content/carbon/a.md~", OK),
            ("content/carbon/.#a.md", OK),
        ]);
        assert_eq!(ok(d.path()).articles.len(), 1);
    }
}
