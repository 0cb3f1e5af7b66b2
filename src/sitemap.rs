//! `sitemap.xml` listing every page a reader may land on, and the `robots.txt` that names it.

use std::fmt::Write;

use crate::config::Config;
use crate::gazetteer::Gazetteer;
use crate::site::{Output, SiteGraph};
use crate::taxonomy::Taxonomy;
use crate::xml::escape;

/// Most URLs one sitemap file may list (the sitemaps.org limit).
pub const MAX_URLS: usize = 50_000;

/// How many sitemap files `listed` pages need.
pub fn parts(listed: usize) -> usize {
    listed.div_ceil(MAX_URLS).max(1)
}

/// `sitemap.xml`: the whole sitemap, or on a site with more than [`MAX_URLS`] pages the index of
/// its parts.
pub fn sitemap(cfg: &Config, tax: &Taxonomy, gaz: &Gazetteer, g: &SiteGraph) -> String {
    let listed = g.outputs.iter().filter(|o| o.is_listed_page()).count();
    let n = parts(listed);
    if n == 1 {
        return part(cfg, tax, gaz, g, 1);
    }
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for k in 1..=n {
        let _ = writeln!(
            x,
            "<sitemap><loc>{}</loc></sitemap>",
            escape(&cfg.permalink(&format!("sitemap-{k}.xml")))
        );
    }
    x.push_str("</sitemapindex>\n");
    x
}

/// Part `k` (1-based) of the sitemap: one `<url>` per listed HTML page; articles carry their date
/// as `lastmod`.
pub fn part(cfg: &Config, tax: &Taxonomy, gaz: &Gazetteer, g: &SiteGraph, k: usize) -> String {
    let mut x = String::with_capacity(128 * MAX_URLS.min(g.outputs.len()));
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let pages = g
        .outputs
        .iter()
        .filter(|o| o.is_listed_page())
        .skip((k - 1) * MAX_URLS)
        .take(MAX_URLS);
    for out in pages {
        let file = out.file(g, tax, gaz);
        let path = file.strip_suffix("index.html").unwrap_or(&file);
        let _ = write!(x, "<url><loc>{}</loc>", escape(&cfg.permalink(path)));
        if let Output::Article(i) = out {
            let _ = write!(
                x,
                "<lastmod>{}</lastmod>",
                g.articles[*i].article.date.format("%Y-%m-%d")
            );
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

/// `robots.txt`: everything may be crawled; the sitemap is named with its absolute URL.
pub fn robots(cfg: &Config) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        cfg.permalink("sitemap.xml")
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn parts_split_at_the_limit() {
        assert_eq!(super::parts(0), 1);
        assert_eq!(super::parts(50_000), 1);
        assert_eq!(super::parts(50_001), 2);
    }
}
