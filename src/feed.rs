//! Atom feeds: the whole site, each topic and each place, newest entries first, absolute URLs.
//!
//! Written directly rather than through a template so that escaping and the required elements
//! (id, updated, author) are always right, whatever the theme does.

use std::fmt::Write;

use crate::config::Config;
use crate::gazetteer::Gazetteer;
use crate::site::outputs::{feed_path, region_path, topic_path, FeedScope};
use crate::site::{SiteArticle, SiteGraph};
use crate::taxonomy::Taxonomy;
use crate::xml::escape;

/// The articles the feed for `scope` lists, newest first.
pub fn entries(cfg: &Config, g: &SiteGraph, scope: FeedScope) -> Vec<usize> {
    let list: &[usize] = match scope {
        FeedScope::Site => return (0..g.articles.len().min(cfg.feed_limit)).collect(),
        FeedScope::Topic(t) => &g.topics[t],
        FeedScope::Region(r) => g.regions.get(&r).map_or(&[][..], |n| n.articles.as_slice()),
    };
    list[..list.len().min(cfg.feed_limit)].to_vec()
}

/// The Atom document for `scope`.
pub fn atom(
    cfg: &Config,
    tax: &Taxonomy,
    gaz: &Gazetteer,
    g: &SiteGraph,
    scope: FeedScope,
) -> String {
    let (title, page) = match scope {
        FeedScope::Site => (cfg.title.clone(), String::new()),
        FeedScope::Topic(t) => (
            format!("{} · {}", tax.topics[t].name, cfg.title),
            topic_path(tax, t),
        ),
        FeedScope::Region(r) => (
            format!("{} · {}", gaz.get(r).name, cfg.title),
            region_path(tax, gaz, r, None),
        ),
    };
    let entries = entries(cfg, g, scope);
    let updated = entries.first().map_or_else(
        || "1970-01-01T00:00:00+08:00".to_string(),
        |&i| g.articles[i].article.date.to_rfc3339(),
    );
    let mut x = String::with_capacity(4096 + entries.len() * 8192);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\" xml:base=\"{}\">",
        escape(&cfg.language),
        escape(&cfg.base_url)
    );
    let _ = writeln!(x, "<title>{}</title>", escape(&title));
    if !cfg.description.is_empty() {
        let _ = writeln!(x, "<subtitle>{}</subtitle>", escape(&cfg.description));
    }
    let _ = writeln!(
        x,
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&cfg.permalink(&feed_path(tax, gaz, scope)))
    );
    let _ = writeln!(
        x,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&cfg.permalink(&page))
    );
    let _ = writeln!(x, "<id>{}</id>", escape(&cfg.permalink(&page)));
    let _ = writeln!(x, "<updated>{updated}</updated>");
    let _ = writeln!(x, "<author><name>{}</name></author>", escape(&cfg.title));
    x.push_str("<generator>xietong</generator>\n");
    for &i in &entries {
        entry(&mut x, cfg, tax, &g.articles[i]);
    }
    x.push_str("</feed>\n");
    x
}

fn entry(x: &mut String, cfg: &Config, tax: &Taxonomy, a: &SiteArticle) {
    let art = &a.article;
    let url = escape(&cfg.permalink(&a.path));
    let date = art.date.to_rfc3339();
    x.push_str("<entry>\n");
    let _ = writeln!(x, "<title>{}</title>", escape(&art.title));
    let _ = writeln!(
        x,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>"
    );
    let _ = writeln!(x, "<id>{url}</id>");
    let _ = writeln!(
        x,
        "<published>{date}</published>\n<updated>{date}</updated>"
    );
    for name in &art.front.authors {
        let _ = writeln!(x, "<author><name>{}</name></author>", escape(name));
    }
    for &t in &a.labels.topics {
        let topic = &tax.topics[t];
        let _ = writeln!(
            x,
            "<category term=\"{}\" label=\"{}\"/>",
            escape(&topic.key),
            escape(&topic.name)
        );
    }
    if !art.summary.is_empty() {
        let _ = writeln!(
            x,
            "<summary type=\"text\">{}</summary>",
            escape(&art.summary)
        );
    }
    let _ = writeln!(
        x,
        "<content type=\"html\">{}</content>",
        escape(&art.body.html)
    );
    x.push_str("</entry>\n");
}
