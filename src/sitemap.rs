//! `sitemap.xml` listing every page a reader may land on, and the `robots.txt` that names it.

use std::fmt::Write;

use crate::config::Config;
use crate::gazetteer::Gazetteer;
use crate::site::{Output, SiteGraph};
use crate::taxonomy::Taxonomy;
use crate::xml::escape;

/// The sitemap: one `<url>` per listed HTML page; articles carry their date as `lastmod`.
pub fn sitemap(cfg: &Config, tax: &Taxonomy, gaz: &Gazetteer, g: &SiteGraph) -> String {
    let mut x = String::with_capacity(128 * g.outputs.len());
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for out in g.outputs.iter().filter(|o| o.is_listed_page()) {
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
