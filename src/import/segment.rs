//! Cutting a normalised page into articles ([`Draft`]s) with their metadata and body blocks.
//!
//! The page is read line by line ([`page`]): furniture dropped, headers read for the date and
//! masthead, each line classified by its own shape ([`shape`]) — heading, paragraph, byline,
//! caption, speaker label — and paragraphs cut by column breaks stitched back. A small state
//! machine ([`article`]) then groups the items into articles: column labels, kickers, titles and
//! subtitles from the heading runs ([`headline`]), authors and sources from bylines, datelines and
//! source lines ([`byline`]). Nothing here knows the names of particular papers or columns.

mod article;
mod body;
mod builder;
mod byline;
mod furniture;
mod header;
mod headline;
mod lines;
mod page;
mod shape;

use super::Draft;

/// Splits a normalised page into draft articles, in page order.
pub fn split(text: &str) -> Vec<Draft> {
    let (page, items) = page::read(text);
    article::assemble(&items, &page)
}
