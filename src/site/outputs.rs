//! The list of files a build writes, each an [`Output`] that knows its own path.
//!
//! Listing outputs separately from rendering them lets `check` and `serve` render a subset, and
//! makes the page set of a site easy to count and test.

use super::paginate::page_count;
use super::SiteGraph;
use crate::gazetteer::{Gazetteer, RegionId};
use crate::taxonomy::{Taxonomy, TopicId};

/// Which feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FeedScope {
    /// Whole site.
    Site,
    /// One topic.
    Topic(TopicId),
    /// One place, with roll-up.
    Region(RegionId),
}

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Output {
    /// `/`
    Home,
    /// `/<topic>/<slug>/`
    Article(usize),
    /// `/<slug>/`
    Page(usize),
    /// `/topics/`
    Topics,
    /// `/topics/<key>/` and its later pages.
    Topic {
        /// Which topic.
        topic: TopicId,
        /// 1-based page.
        page: usize,
    },
    /// `/regions/`
    Regions,
    /// `/regions/<key>/`, its topic filter `/regions/<key>/<topic>/`, and their later pages.
    Region {
        /// Which place.
        region: RegionId,
        /// The topic filter, if any.
        topic: Option<TopicId>,
        /// 1-based page.
        page: usize,
    },
    /// `/archive/`
    Archive,
    /// `/archive/<yyyy>/<mm>/` and its later pages; `month` indexes [`SiteGraph::months`].
    Month {
        /// Index into the months list.
        month: usize,
        /// 1-based page.
        page: usize,
    },
    /// `/404.html`
    NotFound,
    /// A stub at `<list>/page/1/` that sends readers to the list's first page.
    Redirect {
        /// The stub's own directory path (`topics/carbon/page/1/`).
        from: String,
        /// Site path of the target (`topics/carbon/`).
        to: String,
    },
    /// An Atom feed.
    Feed(FeedScope),
    /// `/sitemap.xml`: the sitemap, or the index of its parts on a site with more than
    /// [`crate::sitemap::MAX_URLS`] pages.
    Sitemap,
    /// `/sitemap-<n>.xml`, part `n` (1-based) of a large site's sitemap.
    SitemapPart(usize),
    /// `/robots.txt`
    Robots,
    /// `/css/syntax.css`, generated from the highlight themes.
    SyntaxCss,
    /// `/CNAME`, the custom domain for GitHub Pages; listed only when `site.toml` sets `cname`.
    Cname,
    /// `/search/`, the search page.
    SearchPage,
    /// A file of the search index under `/search/index/`.
    Search(crate::search::File),
}

/// Site path (no base) of a topic's first page.
pub fn topic_path(tax: &Taxonomy, t: TopicId) -> String {
    format!("topics/{}/", tax.topics[t].key)
}

/// Site path of a place's page, or of its topic filter.
pub fn region_path(tax: &Taxonomy, gaz: &Gazetteer, r: RegionId, topic: Option<TopicId>) -> String {
    match topic {
        Some(t) => format!("regions/{}/{}/", gaz.get(r).key, tax.topics[t].key),
        None => format!("regions/{}/", gaz.get(r).key),
    }
}

/// Site path of a month's first page.
pub fn month_path(year: i32, month: u32) -> String {
    format!("archive/{year}/{month:02}/")
}

/// Site path of a feed.
pub fn feed_path(tax: &Taxonomy, gaz: &Gazetteer, scope: FeedScope) -> String {
    match scope {
        FeedScope::Site => "atom.xml".into(),
        FeedScope::Topic(t) => format!("{}atom.xml", topic_path(tax, t)),
        FeedScope::Region(r) => format!("{}atom.xml", region_path(tax, gaz, r, None)),
    }
}

impl Output {
    /// The file this output is written to, relative to the output directory.
    pub fn file(&self, g: &SiteGraph, tax: &Taxonomy, gaz: &Gazetteer) -> String {
        let paged =
            |base: String, page: usize| super::paginate::page_url(&base, page) + "index.html";
        match self {
            Output::Home => "index.html".into(),
            Output::Article(i) => format!("{}index.html", g.articles[*i].path),
            Output::Page(i) => format!("{}/index.html", g.pages[*i].slug),
            Output::Topics => "topics/index.html".into(),
            Output::Topic { topic, page } => paged(topic_path(tax, *topic), *page),
            Output::Regions => "regions/index.html".into(),
            Output::Region {
                region,
                topic,
                page,
            } => paged(region_path(tax, gaz, *region, *topic), *page),
            Output::Archive => "archive/index.html".into(),
            Output::Month { month, page } => {
                let m = &g.months[*month];
                paged(month_path(m.year, m.month), *page)
            }
            Output::NotFound => "404.html".into(),
            Output::Redirect { from, .. } => format!("{from}index.html"),
            Output::Feed(scope) => feed_path(tax, gaz, *scope),
            Output::Sitemap => "sitemap.xml".into(),
            Output::SitemapPart(n) => format!("sitemap-{n}.xml"),
            Output::Robots => "robots.txt".into(),
            Output::SyntaxCss => "css/syntax.css".into(),
            Output::Cname => "CNAME".into(),
            Output::SearchPage => "search/index.html".into(),
            Output::Search(f) => f.path(tax, gaz),
        }
    }

    /// Whether this output is an HTML page a reader may land on (for the sitemap).
    pub fn is_listed_page(&self) -> bool {
        !matches!(
            self,
            Output::NotFound
                | Output::Redirect { .. }
                | Output::Feed(_)
                | Output::Sitemap
                | Output::Robots
                | Output::SyntaxCss
                | Output::Cname
                | Output::SearchPage
                | Output::Search(_)
        )
    }
}

/// Every output of `g`, in a stable order.
pub fn list(g: &SiteGraph, tax: &Taxonomy, gaz: &Gazetteer, per_page: usize) -> Vec<Output> {
    let mut out = vec![
        Output::Home,
        Output::Topics,
        Output::Regions,
        Output::Archive,
        Output::NotFound,
    ];
    out.extend((0..g.articles.len()).map(Output::Article));
    out.extend((0..g.pages.len()).map(Output::Page));
    out.push(Output::Feed(FeedScope::Site));
    for (t, list) in g.topics.iter().enumerate() {
        let pages = page_count(list.len(), per_page);
        out.extend((1..=pages).map(|page| Output::Topic { topic: t, page }));
        out.push(redirect(topic_path(tax, t)));
        out.push(Output::Feed(FeedScope::Topic(t)));
    }
    for (&r, node) in &g.regions {
        let pages = page_count(node.articles.len(), per_page);
        out.extend((1..=pages).map(|page| Output::Region {
            region: r,
            topic: None,
            page,
        }));
        out.push(redirect(region_path(tax, gaz, r, None)));
        out.push(Output::Feed(FeedScope::Region(r)));
        for (t, list) in &node.by_topic {
            let pages = page_count(list.len(), per_page);
            out.extend((1..=pages).map(|page| Output::Region {
                region: r,
                topic: Some(*t),
                page,
            }));
        }
    }
    for (m, month) in g.months.iter().enumerate() {
        let pages = page_count(month.articles.len(), per_page);
        out.extend((1..=pages).map(|page| Output::Month { month: m, page }));
    }
    let listed = out.iter().filter(|o| o.is_listed_page()).count();
    let parts = crate::sitemap::parts(listed);
    out.push(Output::Sitemap);
    if parts > 1 {
        out.extend((1..=parts).map(Output::SitemapPart));
    }
    out.extend([Output::Robots, Output::SyntaxCss]);
    out
}

fn redirect(to: String) -> Output {
    Output::Redirect {
        from: format!("{to}page/1/"),
        to,
    }
}
