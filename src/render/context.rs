//! Template values: the shapes `docs/templates.md` documents — topic and region links, cards, the
//! region tree — built once per build and shared by every page that lists them.
//!
//! Cards are made once per article as `tera::Value`s, whose arrays and maps are reference counted,
//! so a list page clones twenty pointers rather than twenty articles.

use std::collections::HashMap;

use chrono::Datelike;
use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use crate::config::Config;
use crate::gazetteer::{Gazetteer, RegionId};
use crate::site::outputs::{feed_path, region_path, topic_path, FeedScope};
use crate::site::{SiteArticle, SiteGraph};
use crate::taxonomy::{Taxonomy, TopicId};

/// Values shared by all pages of one build.
pub struct Shared {
    /// One link per topic, in topic order.
    pub topics: Vec<Value>,
    /// One link per place with articles.
    pub regions: HashMap<RegionId, Value>,
    /// One card per article, in graph order.
    pub cards: Vec<Value>,
    /// A hash of each card, in graph order (see [`super::fingerprint`]).
    pub card_hashes: Vec<u64>,
}

#[derive(Serialize)]
struct TopicLink<'a> {
    key: &'a str,
    name: &'a str,
    description: &'a str,
    url: String,
    feed_url: String,
    count: usize,
}

#[derive(Serialize)]
struct RegionLink<'a> {
    key: &'a str,
    name: &'a str,
    full_name: &'a str,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct Card<'a> {
    title: &'a str,
    kicker: Option<&'a str>,
    subtitle: Option<&'a str>,
    url: String,
    date: String,
    date_zh: String,
    summary: &'a str,
    topics: Vec<Value>,
    regions: Vec<Value>,
    source: Option<&'a str>,
    authors: &'a [String],
    reading_minutes: usize,
}

impl Shared {
    /// Builds the shared values of `g`.
    pub fn new(cfg: &Config, tax: &Taxonomy, gaz: &Gazetteer, g: &SiteGraph) -> Shared {
        let topics: Vec<Value> = (0..tax.topics.len())
            .map(|t| topic_link(cfg, tax, gaz, t, g.topics[t].len()))
            .collect();
        let regions: HashMap<RegionId, Value> = g
            .regions
            .iter()
            .map(|(&r, node)| (r, region_link(cfg, tax, gaz, r, node.articles.len())))
            .collect();
        let (cards, card_hashes) = g
            .articles
            .par_iter()
            .map(|a| {
                let c = card(cfg, a, &topics, &regions);
                let h = super::fingerprint::hash_value(&c);
                (c, h)
            })
            .unzip();
        Shared {
            topics,
            regions,
            cards,
            card_hashes,
        }
    }

    /// Makes article `i`'s card again, after [`crate::Site::patch`] changed the article but not
    /// the lists (so topic and place links stay as they are).
    pub fn patch(&mut self, cfg: &Config, g: &SiteGraph, i: usize) {
        let c = card(cfg, &g.articles[i], &self.topics, &self.regions);
        self.card_hashes[i] = super::fingerprint::hash_value(&c);
        self.cards[i] = c;
    }

    /// Cards for a list of article indices.
    pub fn cards_of(&self, list: &[usize]) -> Vec<Value> {
        list.iter().map(|&i| self.cards[i].clone()).collect()
    }

    /// The link of a place with articles.
    pub fn region(&self, r: RegionId) -> Value {
        self.regions.get(&r).cloned().unwrap_or(Value::none())
    }
}

fn topic_link(cfg: &Config, tax: &Taxonomy, gaz: &Gazetteer, t: TopicId, count: usize) -> Value {
    let topic = &tax.topics[t];
    Value::from_serializable(&TopicLink {
        key: &topic.key,
        name: &topic.name,
        description: &topic.description,
        url: cfg.url(&topic_path(tax, t)),
        feed_url: cfg.url(&feed_path(tax, gaz, FeedScope::Topic(t))),
        count,
    })
}

fn region_link(cfg: &Config, tax: &Taxonomy, gaz: &Gazetteer, r: RegionId, count: usize) -> Value {
    Value::from_serializable(&region_fields(cfg, tax, gaz, r, count))
}

fn region_fields<'a>(
    cfg: &Config,
    tax: &Taxonomy,
    gaz: &'a Gazetteer,
    r: RegionId,
    count: usize,
) -> RegionLink<'a> {
    let region = gaz.get(r);
    RegionLink {
        key: &region.key,
        name: &region.name,
        full_name: &region.full_name,
        url: cfg.url(&region_path(tax, gaz, r, None)),
        count,
    }
}

fn card(
    cfg: &Config,
    a: &SiteArticle,
    topics: &[Value],
    regions: &HashMap<RegionId, Value>,
) -> Value {
    let art = &a.article;
    let f = &art.front;
    Value::from_serializable(&Card {
        title: &art.title,
        kicker: f.kicker.as_deref(),
        subtitle: f.subtitle.as_deref(),
        url: cfg.url(&a.path),
        date: date_iso(a),
        date_zh: date_zh(a),
        summary: &art.summary,
        topics: a.labels.topics.iter().map(|&t| topics[t].clone()).collect(),
        regions: a
            .labels
            .regions
            .iter()
            .filter_map(|r| regions.get(r).cloned())
            .collect(),
        source: f.source.as_deref(),
        authors: &f.authors,
        reading_minutes: art.body.measure.reading_minutes(),
    })
}

fn local(a: &SiteArticle) -> chrono::DateTime<chrono::FixedOffset> {
    a.article.date.with_timezone(&crate::content::date::china())
}

/// `2024-04-18`
pub fn date_iso(a: &SiteArticle) -> String {
    local(a).format("%Y-%m-%d").to_string()
}

/// `2024年4月18日`
pub fn date_zh(a: &SiteArticle) -> String {
    let d = local(a);
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[derive(Serialize)]
struct TreeNode<'a> {
    #[serde(flatten)]
    link: RegionLink<'a>,
    children: Vec<TreeNode<'a>>,
}

/// The places that have articles, nested from the roots down, each a region link plus `children`.
pub fn region_tree(cfg: &Config, tax: &Taxonomy, gaz: &Gazetteer, g: &SiteGraph) -> Value {
    let node = |r: RegionId| -> TreeNode<'_> { tree_node(cfg, tax, gaz, g, r) };
    let roots: Vec<TreeNode> = gaz
        .roots()
        .iter()
        .filter(|r| g.regions.contains_key(r))
        .map(|&r| node(r))
        .collect();
    Value::from_serializable(&roots)
}

fn tree_node<'a>(
    cfg: &Config,
    tax: &Taxonomy,
    gaz: &'a Gazetteer,
    g: &SiteGraph,
    r: RegionId,
) -> TreeNode<'a> {
    TreeNode {
        link: region_fields(cfg, tax, gaz, r, g.regions[&r].articles.len()),
        children: gaz
            .children(r)
            .iter()
            .filter(|c| g.regions.contains_key(c))
            .map(|&c| tree_node(cfg, tax, gaz, g, c))
            .collect(),
    }
}
