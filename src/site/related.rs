//! Neighbours of an article: previous and next within its primary topic, and related articles that
//! share places and topics.
//!
//! Related articles are searched among the articles nearest in time in each of the article's place
//! and topic lists, so the cost per article stays bounded however large the site grows.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::{Neighbours, RegionNode, SiteArticle};
use crate::gazetteer::RegionId;
use crate::taxonomy::Taxonomy;

/// Candidates taken on each side of an article in each list it is in.
const REACH: usize = 8;
/// Most related articles shown.
pub const MAX_RELATED: usize = 5;
/// Fewest related articles shown when enough candidates exist.
pub const MIN_RELATED: usize = 3;

/// Prev/next and related articles for every article, in `articles` order.
pub fn neighbours(
    tax: &Taxonomy,
    articles: &[SiteArticle],
    regions: &BTreeMap<RegionId, RegionNode>,
) -> Vec<Neighbours> {
    let primary = primary_lists(tax, articles);
    let mut position = vec![0; articles.len()];
    for list in &primary {
        for (p, &i) in list.iter().enumerate() {
            position[i] = p;
        }
    }
    (0..articles.len())
        .into_par_iter()
        .map(|i| {
            let list = &primary[articles[i].primary()];
            let p = position[i];
            Neighbours {
                next: p.checked_sub(1).map(|q| list[q]),
                prev: list.get(p + 1).copied(),
                related: related(i, articles, regions, list),
            }
        })
        .collect()
}

/// Articles per primary topic, newest first.
fn primary_lists(tax: &Taxonomy, articles: &[SiteArticle]) -> Vec<Vec<usize>> {
    let mut lists: Vec<Vec<usize>> = vec![Vec::new(); tax.topics.len()];
    for (i, a) in articles.iter().enumerate() {
        lists[a.primary()].push(i);
    }
    lists
}

/// Up to [`MAX_RELATED`] articles, scored by shared places (the named ones weigh most) and topics.
fn related(
    i: usize,
    articles: &[SiteArticle],
    regions: &BTreeMap<RegionId, RegionNode>,
    topic_list: &[usize],
) -> Vec<usize> {
    let me = &articles[i];
    let mut candidates: Vec<usize> = Vec::new();
    for r in &me.labels.regions {
        if let Some(node) = regions.get(r) {
            near(&node.articles, i, &mut candidates);
        }
    }
    near(topic_list, i, &mut candidates);
    candidates.sort_unstable();
    candidates.dedup();
    let mut scored: Vec<(u32, usize, usize)> = candidates
        .into_iter()
        .map(|j| (score(me, &articles[j]), i.abs_diff(j), j))
        .filter(|&(s, _, _)| s > 0)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let strong = scored
        .iter()
        .filter(|s| s.0 >= 3)
        .count()
        .clamp(MIN_RELATED, MAX_RELATED);
    scored.into_iter().take(strong).map(|(_, _, j)| j).collect()
}

/// Adds the articles within [`REACH`] of `i` in the sorted `list` (indices are in date order).
fn near(list: &[usize], i: usize, out: &mut Vec<usize>) {
    let p = list.partition_point(|&j| j < i);
    let lo = p.saturating_sub(REACH);
    let hi = (p + REACH + 1).min(list.len());
    out.extend(list[lo..hi].iter().copied().filter(|&j| j != i));
}

fn score(a: &SiteArticle, b: &SiteArticle) -> u32 {
    let named = a
        .labels
        .regions
        .iter()
        .filter(|r| b.labels.regions.contains(r))
        .count() as u32;
    let around = a.places.iter().filter(|r| b.places.contains(r)).count() as u32;
    let topics = a
        .labels
        .topics
        .iter()
        .filter(|t| b.labels.topics.contains(t))
        .count() as u32;
    let same_primary: u32 = (a.labels.topics[0] == b.labels.topics[0]).into();
    named * 3 + around + topics * 2 + same_primary
}
