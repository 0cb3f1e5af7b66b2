//! Import: the front door that turns raw newspaper and web text into articles for `content/`.
//!
//! A raw page goes through plain stages, each its own module:
//! [`decode`] bytes → text; [`normalize`] traditional → simplified, pinyin annotations out,
//! punctuation made Chinese; [`segment`] the page cut into [`Draft`] articles with their
//! metadata and body blocks; [`topics`] and [`places`] classify each draft; [`write`] renders
//! front matter and writes files atomically. Nothing here touches the site build.

pub mod decode;
pub mod normalize;
pub mod places;
pub mod report;
pub mod segment;
pub mod topics;
pub mod write;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::gazetteer::{Gazetteer, RegionId};
use crate::taxonomy::{Taxonomy, TopicId};

/// One block of an article body, as segmentation found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph of running text.
    Paragraph(String),
    /// A section subhead inside the article (rendered `## …`).
    Heading(String),
    /// A turn of a TV or radio transcript: who speaks, and what they say.
    Speaker {
        /// Name and role as printed (`河北京车总经理 钱兆勇`).
        name: String,
        /// What they said.
        text: String,
    },
}

/// An article as segmentation extracted it from a page, before classification.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Draft {
    /// 标题; `None` for a photo brief without a headline.
    pub title: Option<String>,
    /// 引题
    pub kicker: Option<String>,
    /// 副题, without its leading dashes.
    pub subtitle: Option<String>,
    /// Authors in byline order (editors and photographers excluded).
    pub authors: Vec<String>,
    /// The publication the text names (据《河北日报》, 来源：人民网, the page masthead).
    pub source: Option<String>,
    /// Publication date from the page or web header.
    pub date: Option<NaiveDate>,
    /// The column label it ran under (瞭望京津冀), if any.
    pub column: Option<String>,
    /// Body blocks in order.
    pub blocks: Vec<Block>,
    /// Image captions found in the article (kept out of the body).
    pub captions: Vec<String>,
    /// Problems an editor should see (garbled text, guessed title …).
    pub warnings: Vec<String>,
}

impl Draft {
    /// The body as Markdown: paragraphs, `##` subheads, speakers in bold.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            if !out.is_empty() {
                out.push('\n');
            }
            match b {
                Block::Paragraph(p) => out.push_str(p),
                Block::Heading(h) => {
                    out.push_str("## ");
                    out.push_str(h);
                }
                Block::Speaker { name, text } => {
                    out.push_str("**");
                    out.push_str(name);
                    out.push_str("**：");
                    out.push_str(text);
                }
            }
            out.push('\n');
        }
        out
    }

    /// The body as plain text, for classification.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            match b {
                Block::Paragraph(p) | Block::Heading(p) => out.push_str(p),
                Block::Speaker { name, text } => {
                    out.push_str(name);
                    out.push('：');
                    out.push_str(text);
                }
            }
            out.push('\n');
        }
        out
    }
}

/// What the importer needs from the site: its topics, keyword weights and places.
pub struct Context {
    /// Topics with their keyword weights.
    pub taxonomy: Taxonomy,
    /// Places.
    pub gazetteer: Gazetteer,
    /// The topic classifier built from the keyword weights.
    pub topics: topics::Classifier,
    /// The place matcher built from the gazetteer.
    pub places: places::Matcher,
}

/// Options that apply to every input.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Publication for articles whose text names none.
    pub source: Option<String>,
    /// Date for articles whose text gives none.
    pub date: Option<NaiveDate>,
}

/// A place as the JSON output names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlaceRef {
    /// Gazetteer key.
    pub key: String,
    /// Short Chinese name.
    pub name: String,
}

/// One imported article, classified and ready to write.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Imported {
    /// The headline as printed; `null` in JSON for a photo brief without one.
    #[serde(rename = "title")]
    pub headline: Option<String>,
    /// The title the article is filed under: the headline, or one drawn from the first sentence.
    #[serde(skip)]
    pub title: String,
    /// 引题
    pub kicker: Option<String>,
    /// 副题
    pub subtitle: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// Publication.
    pub source: Option<String>,
    /// `YYYY-MM-DD`
    pub date: Option<String>,
    /// Topic keys, primary first.
    pub topics: Vec<String>,
    /// Places the article is about, most specific first.
    pub regions: Vec<PlaceRef>,
    /// Markdown body.
    pub body: String,
    /// What an editor should check.
    pub warnings: Vec<String>,
    /// Image captions, kept out of the body.
    #[serde(skip)]
    pub captions: Vec<String>,
    /// The raw file, relative to the site root.
    #[serde(skip)]
    pub origin: String,
    /// Why each topic and place was chosen (for `--explain`).
    #[serde(skip)]
    pub explain: Vec<String>,
    #[serde(skip)]
    topic_ids: Vec<TopicId>,
    #[serde(skip)]
    region_ids: Vec<RegionId>,
}

impl Context {
    /// Builds the classifiers for a site's topics and places.
    pub fn new(taxonomy: Taxonomy, gazetteer: Gazetteer) -> Context {
        let topics = topics::Classifier::new(&taxonomy, &gazetteer);
        let places = places::Matcher::new(&gazetteer);
        Context {
            taxonomy,
            gazetteer,
            topics,
            places,
        }
    }

    /// Imports one decoded page. `origin` is recorded in each article.
    pub fn import_text(&self, text: &str, origin: &str, opts: &Options) -> Vec<Imported> {
        let text = normalize::normalize(text);
        // Classification (word segmentation, place matching) dominates on big pages and is
        // independent per article.
        segment::split(&text)
            .into_par_iter()
            .map(|d| self.classify(d, origin, opts))
            .collect()
    }

    fn classify(&self, mut d: Draft, origin: &str, opts: &Options) -> Imported {
        let body_text = d.text();
        let spots = normalize::garbled_spots(&format!(
            "{}\n{body_text}",
            d.title.as_deref().unwrap_or("")
        ));
        if !spots.is_empty() {
            d.warnings.push(format!(
                "疑似乱码，无法自动修复，请对照原文核对：{}",
                spots.join("；")
            ));
        }
        let title = match d.title.clone() {
            Some(t) => t,
            None => {
                d.warnings
                    .push("原文无标题，标题取自正文首句，请核对".into());
                first_sentence(&body_text)
            }
        };
        let ranked = self.topics.rank(&title, &body_text);
        let found = self.places.detect(&self.gazetteer, &title, &body_text);
        let mut explain: Vec<String> = ranked.iter().map(|r| r.explain(&self.taxonomy)).collect();
        explain.extend(found.iter().map(|p| p.explain(&self.gazetteer)));
        let topic_ids: Vec<TopicId> = ranked.iter().map(|r| r.topic).collect();
        let region_ids: Vec<RegionId> = found.iter().map(|p| p.region).collect();
        Imported {
            headline: d.title.clone(),
            title,
            kicker: d.kicker.clone(),
            subtitle: d.subtitle.clone(),
            authors: d.authors.clone(),
            source: d.source.clone().or_else(|| opts.source.clone()),
            date: d
                .date
                .or(opts.date)
                .map(|x| x.format("%Y-%m-%d").to_string()),
            topics: topic_ids
                .iter()
                .map(|&t| self.taxonomy.topics[t].key.clone())
                .collect(),
            regions: region_ids
                .iter()
                .map(|&r| PlaceRef {
                    key: self.gazetteer.get(r).key.clone(),
                    name: self.gazetteer.get(r).name.clone(),
                })
                .collect(),
            body: d.markdown(),
            warnings: d.warnings.clone(),
            captions: d.captions.clone(),
            origin: origin.to_string(),
            explain,
            topic_ids,
            region_ids,
        }
    }
}

/// The first sentence of `text`, at most 30 characters, for an article without a headline.
pub fn first_sentence(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let end = line.find(['。', '！', '？']).unwrap_or(line.len());
    let s: String = line[..end].chars().take(30).collect();
    if s.is_empty() {
        "无题".into()
    } else {
        s
    }
}

/// The raw files named by `paths`: files as given, folders walked for `*.txt`, in a stable order.
pub fn inputs(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            for e in walkdir::WalkDir::new(p).sort_by_file_name() {
                let e = e?;
                if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "txt") {
                    out.push(e.path().to_path_buf());
                }
            }
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// `path` relative to `root` with `/` separators, for `origin`.
pub fn origin_of(root: &Path, path: &Path) -> String {
    let abs = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (root, path) = (abs(root), abs(path));
    let rel = path.strip_prefix(&root).unwrap_or(&path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
