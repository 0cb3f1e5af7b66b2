//! Output fingerprints: for each output, a hash of everything its bytes depend on, computed from
//! the site graph without rendering.
//!
//! Two renders of an output with equal fingerprints give equal bytes, so `serve` renders again
//! only the outputs whose fingerprint changed. Each arm of [`Fingerprints::of`] mirrors what the
//! output's renderer reads (see `pages.rs`, `feed.rs`, `sitemap.rs`); the settings, the shared
//! `site` value and the page's template files are part of every fingerprint. The serve tests
//! compare incremental previews against full builds to keep the two in step.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use serde::Serialize;

use super::{pages, Renderer};
use crate::search;
use crate::site::paginate::page_range;
use crate::site::Output;

/// Hashes `value` as its JSON serialisation would read, without building the string.
pub fn hash_value(value: &impl Serialize) -> u64 {
    struct Sink(DefaultHasher);
    impl std::io::Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.write(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut sink = Sink(DefaultHasher::new());
    // Writing into a hasher cannot fail, and the values here always serialise.
    let _ = serde_json::to_writer(&mut sink, value);
    sink.0.finish()
}

/// The parts of fingerprints that many outputs share, computed once per rebuild.
pub struct Fingerprints {
    /// Settings, the `site` value and the reload script.
    global: u64,
    /// Every place with articles, with its counts per topic.
    regions: u64,
    /// Every month with its count.
    months: u64,
    /// Every output file and every article date (what the sitemap lists).
    shape: u64,
}

impl Fingerprints {
    /// The shared parts for `r`, whose outputs are written to `files`.
    pub fn new(r: &Renderer<'_>, files: &[String]) -> Fingerprints {
        let mut global = DefaultHasher::new();
        format!("{:?}", r.cfg).hash(&mut global);
        hash_value(&r.site_value).hash(&mut global);
        hash_value(&r.live_reload).hash(&mut global);
        let mut regions = DefaultHasher::new();
        for (id, node) in &r.graph.regions {
            (id, node.articles.len()).hash(&mut regions);
            for (t, list) in &node.by_topic {
                (t, list.len()).hash(&mut regions);
            }
        }
        let mut months = DefaultHasher::new();
        for m in &r.graph.months {
            (m.year, m.month, m.articles.len()).hash(&mut months);
        }
        let mut shape = DefaultHasher::new();
        files.hash(&mut shape);
        for a in &r.graph.articles {
            a.article.date.hash(&mut shape);
        }
        Fingerprints {
            global: global.finish(),
            regions: regions.finish(),
            months: months.finish(),
            shape: shape.finish(),
        }
    }

    /// The fingerprint of `out`.
    pub fn of(&self, r: &Renderer<'_>, out: &Output) -> u64 {
        let g = r.graph;
        let mut h = DefaultHasher::new();
        self.global.hash(&mut h);
        out.hash(&mut h);
        let cards = |h: &mut DefaultHasher, list: &[usize]| {
            list.len().hash(h);
            for &i in list {
                r.shared.card_hashes[i].hash(h);
            }
        };
        let paged = |h: &mut DefaultHasher, list: &[usize], page: usize| {
            list.len().hash(h);
            cards(h, &list[page_range(list.len(), r.cfg.per_page, page)]);
        };
        match out {
            Output::Feed(scope) => {
                for i in crate::feed::entries(r.cfg, g, *scope) {
                    (r.shared.card_hashes[i], g.articles[i].article.source_hash).hash(&mut h);
                }
                return h.finish();
            }
            Output::Sitemap | Output::SitemapPart(_) => {
                self.shape.hash(&mut h);
                return h.finish();
            }
            Output::Search(file) => {
                search_file(&mut h, r, *file, self.regions);
                return h.finish();
            }
            Output::SyntaxCss => {
                r.templates.syntax_css.hash(&mut h);
                return h.finish();
            }
            // Settings and the output's own fields are all they show.
            Output::Robots | Output::Cname | Output::Redirect { .. } => return h.finish(),
            _ => r.templates.fingerprint(pages::template(out)).hash(&mut h),
        }
        match out {
            Output::Home => {
                cards(
                    &mut h,
                    &(0..g.articles.len().min(r.cfg.home_latest)).collect::<Vec<_>>(),
                );
                for list in &g.topics {
                    cards(&mut h, &list[..list.len().min(pages::HOME_PER_TOPIC)]);
                }
                self.regions.hash(&mut h);
            }
            Output::Article(i) => {
                let n = &g.neighbours[*i];
                g.articles[*i].article.source_hash.hash(&mut h);
                cards(&mut h, &[*i]);
                cards(
                    &mut h,
                    &n.prev.into_iter().chain(n.next).collect::<Vec<_>>(),
                );
                n.prev.is_some().hash(&mut h);
                cards(&mut h, &n.related);
            }
            Output::Page(i) => g.pages[*i].source_hash.hash(&mut h),
            Output::Topic { topic, page } => paged(&mut h, &g.topics[*topic], *page),
            // The search page's place filter lists the places with articles.
            Output::Regions | Output::SearchPage => self.regions.hash(&mut h),
            Output::Region {
                region,
                topic,
                page,
            } => {
                self.regions.hash(&mut h);
                let node = &g.regions[region];
                let list = match topic {
                    Some(t) => node
                        .by_topic
                        .iter()
                        .find(|(x, _)| x == t)
                        .map_or(&[][..], |(_, l)| l.as_slice()),
                    None => &node.articles,
                };
                paged(&mut h, list, *page);
            }
            Output::Archive => self.months.hash(&mut h),
            Output::Month { month, page } => {
                self.months.hash(&mut h);
                paged(&mut h, &g.months[*month].articles, *page);
            }
            // The topics overview and the 404 page show only what the `site` value holds.
            _ => {}
        }
        h.finish()
    }
}

/// What a search index file shows: the index's own text for the manifest and shards, the cards of
/// a block of the article table, the lists of a filter.
fn search_file(h: &mut DefaultHasher, r: &Renderer<'_>, file: search::File, regions: u64) {
    let g = r.graph;
    let Some(ix) = g.search.as_deref() else {
        return;
    };
    match file {
        search::File::Manifest => ix.manifest.hash(h),
        search::File::Shard(n) => ix.shards.get(n).hash(h),
        search::File::Docs(b) => {
            regions.hash(h);
            let end = ((b + 1) * search::docs::BLOCK).min(g.articles.len());
            for i in (b * search::docs::BLOCK).min(end)..end {
                r.shared.card_hashes[i].hash(h);
            }
        }
        search::File::Topic(t) => g.topics[t].hash(h),
        search::File::Region(id) => g.regions.get(&id).map(|n| &n.articles).hash(h),
        // The traditional-character table comes with the program.
        search::File::T2s => {}
    }
}
