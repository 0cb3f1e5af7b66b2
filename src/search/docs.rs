//! The article table results are drawn from, and the filter lists.
//!
//! A result needs the article's title, link, date, topics and places. A table of all articles
//! would cost every first query about a megabyte on a 10,000-article site, so it is cut into
//! blocks of [`BLOCK`] articles (`docs/<n>.json`, about 7 KB) and the browser fetches the blocks
//! of the results it shows. Snippets are cut from the article pages themselves, which the
//! browser fetches for the results it shows: a copy of every article's text in the index would
//! double the index and add a sixth to the build's time and output (see `docs/search.md`).
//!
//! Topic and place filters are lists of article numbers (`topic/<key>.json`,
//! `region/<key path>.json`, with the roll-up of the region pages), loaded when a filter is set.
//! All these files are made at render time, in parallel with the pages, from the site graph.

use serde::Serialize;

use super::encode;
use crate::gazetteer::RegionId;
use crate::site::SiteGraph;

/// Articles per block of the article table.
pub const BLOCK: usize = 64;

/// One article of a block: path under the base path, title, date, topics (indices into the
/// manifest's topics) and places (indices into the manifest's regions).
#[derive(Serialize)]
struct Row<'a>(&'a str, &'a str, String, &'a [usize], Vec<usize>);

/// `docs/<b>.json`: the articles `b * BLOCK ..`. `regions` is the manifest's list of places
/// (sorted).
pub fn block(g: &SiteGraph, regions: &[RegionId], b: usize) -> String {
    let end = ((b + 1) * BLOCK).min(g.articles.len());
    let rows: Vec<Row> = g.articles[(b * BLOCK).min(end)..end]
        .iter()
        .map(|a| {
            Row(
                &a.path,
                &a.article.title,
                crate::render::context::date_iso(a),
                &a.labels.topics,
                a.labels
                    .regions
                    .iter()
                    .filter_map(|r| regions.binary_search(r).ok())
                    .collect(),
            )
        })
        .collect();
    serde_json::to_string(&rows).expect("a block serialises")
}

/// How many blocks `articles` articles fill.
pub fn blocks(articles: usize) -> usize {
    articles.div_ceil(BLOCK)
}

/// A filter file: `{"docs":"…"}`, the gaps between the article numbers of `list` (ascending).
pub fn filter(list: &[usize]) -> String {
    let mut out = Vec::with_capacity(list.len() * 2);
    let mut next = 0;
    for &i in list {
        encode::push(&mut out, (i - next) as u32);
        next = i + 1;
    }
    let docs = String::from_utf8(out).expect("the encoding is ASCII");
    serde_json::json!({ "docs": docs }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_lists_gaps_from_the_previous_article() {
        assert_eq!(filter(&[0, 1, 2, 5, 40]), r#"{"docs":"0002B2"}"#);
        assert_eq!(filter(&[]), r#"{"docs":""}"#);
    }
}
