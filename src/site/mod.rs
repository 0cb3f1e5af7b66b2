//! The site graph: articles ordered and given URLs, and every list the site shows — topics, the
//! region tree with roll-up, the archive, neighbours and related articles — as index lists.
//!
//! Nothing here renders or copies article bodies: lists hold indices into [`SiteGraph::articles`],
//! so a paginated list of 5,000 articles costs 5,000 integers, not 5,000 pages.

pub mod outputs;
pub mod paginate;
mod patch;
pub mod related;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::Datelike;

use crate::classify::Labels;
use crate::content::{Article, Corpus, Page};
use crate::error::{Diagnostic, Error, Result};
use crate::gazetteer::{Gazetteer, RegionId};
use crate::taxonomy::{Taxonomy, TopicId};
pub use outputs::Output;

/// URL path segments the site uses itself; standalone pages may not take them.
pub const RESERVED: [&str; 8] = [
    "topics", "regions", "archive", "search", "css", "js", "static", "pages",
];

/// An article placed in the site.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteArticle {
    /// The loaded article.
    pub article: Arc<Article>,
    /// Its resolved topics and places.
    pub labels: Labels,
    /// Final, unique slug within its primary topic.
    pub slug: String,
    /// Site path without base (`carbon/slug/`).
    pub path: String,
    /// Its places and all their ancestors, without repeats, in gazetteer order.
    pub places: Vec<RegionId>,
}

impl SiteArticle {
    /// Primary topic.
    pub fn primary(&self) -> TopicId {
        self.labels.topics[0]
    }
}

/// The articles under one place (itself and everything below it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionNode {
    /// Articles, newest first.
    pub articles: Vec<usize>,
    /// The same, split by topic: only topics with articles here, in topic order.
    pub by_topic: Vec<(TopicId, Vec<usize>)>,
}

/// The articles of one calendar month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Month {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Articles, newest first.
    pub articles: Vec<usize>,
}

/// Links from one article to others.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Neighbours {
    /// The next older article of the same primary topic.
    pub prev: Option<usize>,
    /// The next newer article of the same primary topic.
    pub next: Option<usize>,
    /// 3–5 articles sharing places and topics, most related first.
    pub related: Vec<usize>,
}

/// Everything the renderer needs, as plain data.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteGraph {
    /// Articles, newest first; on the same day the longer first, then by path.
    pub articles: Vec<SiteArticle>,
    /// Standalone pages.
    pub pages: Vec<Page>,
    /// Articles per topic (any position in `topics`), newest first.
    pub topics: Vec<Vec<usize>>,
    /// Places that have articles, with roll-up.
    pub regions: BTreeMap<RegionId, RegionNode>,
    /// Months with articles, newest first.
    pub months: Vec<Month>,
    /// Per article, in `articles` order.
    pub neighbours: Vec<Neighbours>,
    /// Every file to write.
    pub outputs: Vec<Output>,
    /// The search index, unless `search = false` ([`crate::search::attach`] adds it).
    pub search: Option<Box<crate::search::SearchIndex>>,
}

/// Builds the graph from loaded, classified content.
pub fn build(
    per_page: usize,
    tax: &Taxonomy,
    gaz: &Gazetteer,
    corpus: Corpus,
    labels: Vec<Labels>,
) -> Result<SiteGraph> {
    let page_problems = check_pages(tax, &corpus.pages);
    let mut articles = match place(tax, gaz, corpus.articles, labels) {
        Err(Error::Content(mut ds)) => {
            ds.extend(page_problems);
            return Err(Error::Content(ds));
        }
        other => other?,
    };
    if !page_problems.is_empty() {
        return Err(Error::Content(page_problems));
    }
    articles.sort_by(newest_first);
    let topics = topic_lists(tax, &articles);
    let regions = region_nodes(tax, &articles);
    let months = months(&articles);
    let neighbours = related::neighbours(tax, &articles, &regions);
    let mut graph = SiteGraph {
        articles,
        pages: corpus.pages,
        topics,
        regions,
        months,
        neighbours,
        outputs: Vec::new(),
        search: None,
    };
    graph.outputs = outputs::list(&graph, tax, gaz, per_page);
    Ok(graph)
}

/// The order of [`SiteGraph::articles`]: newest first; on the same day the longer piece (a feature
/// before a brief), then path order.
fn newest_first(a: &SiteArticle, b: &SiteArticle) -> std::cmp::Ordering {
    let (a, b) = (&a.article, &b.article);
    b.date
        .cmp(&a.date)
        .then_with(|| b.body.measure.total().cmp(&a.body.measure.total()))
        .then_with(|| a.path.cmp(&b.path))
}

/// Gives every article its final slug and path, and its places with their ancestors.
fn place(
    tax: &Taxonomy,
    gaz: &Gazetteer,
    articles: Vec<Arc<Article>>,
    labels: Vec<Labels>,
) -> Result<Vec<SiteArticle>> {
    let mut taken: HashMap<TopicId, HashSet<String>> = HashMap::new();
    let mut claimed: HashMap<(TopicId, String), &std::path::Path> = HashMap::new();
    let mut problems = Vec::new();
    // Explicit slugs claim their URLs first, in path order, so a derived slug never displaces one.
    for (a, l) in articles
        .iter()
        .zip(&labels)
        .filter(|(a, _)| !a.slug_from_title)
    {
        let key = (l.topics[0], a.slug.clone());
        if let Some(other) = claimed.get(&key) {
            let (line, col) = a.front.position("slug");
            problems.push(
                Diagnostic::new(
                    &a.path,
                    line,
                    col,
                    format!("slug `{}` is already used by {}", a.slug, other.display()),
                )
                .with_help("give one of the two articles a different slug"),
            );
        } else {
            claimed.insert(key, &a.path);
            taken.entry(l.topics[0]).or_default().insert(a.slug.clone());
        }
    }
    if !problems.is_empty() {
        return Err(Error::Content(problems));
    }
    let mut out = Vec::with_capacity(articles.len());
    for (a, l) in articles.into_iter().zip(labels) {
        let topic = l.topics[0];
        let slug = if a.slug_from_title {
            crate::slug::unique(&a.slug, taken.entry(topic).or_default())
        } else {
            a.slug.clone()
        };
        let path = format!("{}/{}/", tax.topics[topic].key, slug);
        let mut places: Vec<RegionId> = l
            .regions
            .iter()
            .flat_map(|&r| std::iter::once(r).chain(gaz.ancestors(r)))
            .collect();
        places.sort();
        places.dedup();
        out.push(SiteArticle {
            article: a,
            labels: l,
            slug,
            path,
            places,
        });
    }
    Ok(out)
}

/// Standalone pages may not take a path the site uses, nor each other's.
fn check_pages(tax: &Taxonomy, pages: &[Page]) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, &std::path::Path> = HashMap::new();
    let mut problems = Vec::new();
    for p in pages {
        if RESERVED.contains(&p.slug.as_str()) || tax.get(&p.slug).is_some() {
            problems.push(
                Diagnostic::new(
                    &p.path,
                    0,
                    0,
                    format!(
                        "the page slug `{}` is taken by the site's own pages",
                        p.slug
                    ),
                )
                .with_help("rename the file or set another slug in its front matter"),
            );
        } else if let Some(other) = seen.insert(&p.slug, &p.path) {
            problems.push(
                Diagnostic::new(
                    &p.path,
                    0,
                    0,
                    format!(
                        "the page slug `{}` is already used by {}",
                        p.slug,
                        other.display()
                    ),
                )
                .with_help("give one of the two pages a different slug"),
            );
        }
    }
    problems
}

fn topic_lists(tax: &Taxonomy, articles: &[SiteArticle]) -> Vec<Vec<usize>> {
    let mut lists = vec![Vec::new(); tax.topics.len()];
    for (i, a) in articles.iter().enumerate() {
        for &t in &a.labels.topics {
            lists[t].push(i);
        }
    }
    lists
}

fn region_nodes(tax: &Taxonomy, articles: &[SiteArticle]) -> BTreeMap<RegionId, RegionNode> {
    let mut lists: BTreeMap<RegionId, Vec<usize>> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        for &r in &a.places {
            lists.entry(r).or_default().push(i);
        }
    }
    lists
        .into_iter()
        .map(|(r, list)| {
            let by_topic = (0..tax.topics.len())
                .map(|t| {
                    (
                        t,
                        list.iter()
                            .copied()
                            .filter(|&i| articles[i].labels.topics.contains(&t))
                            .collect::<Vec<_>>(),
                    )
                })
                .filter(|(_, l)| !l.is_empty())
                .collect();
            (
                r,
                RegionNode {
                    articles: list,
                    by_topic,
                },
            )
        })
        .collect()
}

fn months(articles: &[SiteArticle]) -> Vec<Month> {
    let mut months: Vec<Month> = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        let local = a.article.date.with_timezone(&crate::content::date::china());
        let (y, m) = (local.year(), local.month());
        match months.last_mut() {
            Some(last) if last.year == y && last.month == m => last.articles.push(i),
            _ => months.push(Month {
                year: y,
                month: m,
                articles: vec![i],
            }),
        }
    }
    months
}
