//! Rendering: the site graph's outputs turned into bytes — HTML pages through the theme's Tera
//! templates, feeds, the sitemap, robots.txt and the code stylesheet through their own modules.
//!
//! A [`Renderer`] is built once per build and renders any single [`Output`] on demand, so the
//! build can render in parallel and stream to disk, and `serve` can re-render just what changed.

pub mod context;
pub mod fingerprint;
mod pages;
pub mod templates;

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;
use tera::{Context, Value};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::site::{Output, SiteGraph};
use crate::taxonomy::Taxonomy;
use crate::Site;
pub use context::Shared;
pub use templates::{Sources, Templates};

/// Everything needed to render any output of one build: the site, its compiled templates and
/// the values its pages share. Cheap to make; the parts it borrows are the costly ones.
pub struct Renderer<'a> {
    templates: &'a Templates,
    cfg: &'a Config,
    tax: &'a Taxonomy,
    gaz: &'a Gazetteer,
    graph: &'a SiteGraph,
    shared: &'a Shared,
    site_value: Value,
    live_reload: Value,
}

#[derive(Serialize)]
struct SiteValue<'a> {
    title: &'a str,
    subtitle: &'a str,
    description: &'a str,
    lang: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    feed_url: String,
    year: i32,
    copyright: Option<&'a str>,
    topics: &'a [tera::Value],
    menu: Vec<MenuItem>,
    search_url: Option<String>,
}

#[derive(Serialize)]
struct MenuItem {
    name: String,
    url: String,
}

impl<'a> Renderer<'a> {
    /// A renderer for `site` with `templates` and `shared` (made from this site, see
    /// [`Site::prepare`]). `live_reload` is the script URL `serve` injects; builds pass `None`.
    pub fn new(
        site: &'a Site,
        templates: &'a Templates,
        shared: &'a Shared,
        live_reload: Option<&str>,
    ) -> Renderer<'a> {
        let site_value = site_value(&site.config, &site.graph, &shared.topics);
        Renderer {
            templates,
            cfg: &site.config,
            tax: &site.taxonomy,
            gaz: &site.gazetteer,
            graph: &site.graph,
            shared,
            site_value: Value::from_serializable(&site_value),
            live_reload: Value::from_serializable(&live_reload),
        }
    }

    /// The site graph it renders.
    pub fn graph(&self) -> &'a SiteGraph {
        self.graph
    }

    /// Renders one output.
    pub fn render(&self, out: &Output) -> Result<Vec<u8>> {
        match out {
            Output::Feed(scope) => Ok(crate::feed::atom(
                self.cfg, self.tax, self.gaz, self.graph, *scope,
            )
            .into_bytes()),
            Output::Sitemap => {
                Ok(crate::sitemap::sitemap(self.cfg, self.tax, self.gaz, self.graph).into_bytes())
            }
            Output::SitemapPart(k) => {
                Ok(crate::sitemap::part(self.cfg, self.tax, self.gaz, self.graph, *k).into_bytes())
            }
            Output::Robots => Ok(crate::sitemap::robots(self.cfg).into_bytes()),
            Output::SyntaxCss => Ok(self.templates.syntax_css.clone().into_bytes()),
            Output::Cname => {
                Ok(format!("{}\n", self.cfg.cname.as_deref().unwrap_or_default()).into_bytes())
            }
            Output::Search(f) => Ok(crate::search::render(self.graph, f)),
            Output::Redirect { to, .. } => Ok(redirect_html(&self.cfg.url(to)).into_bytes()),
            page => {
                let template = pages::template(page);
                let ctx = pages::context(self, page);
                // Straight into bytes: `render` would re-validate the whole page as UTF-8.
                let mut bytes = Vec::with_capacity(32 * 1024);
                self.templates
                    .tera
                    .render_to(template, &ctx, &mut bytes)
                    .map_err(|e| template_error(&self.templates.paths, template, e))?;
                Ok(bytes)
            }
        }
    }
}

fn site_value<'v>(cfg: &'v Config, g: &SiteGraph, topics: &'v [tera::Value]) -> SiteValue<'v> {
    use chrono::Datelike;
    let mut menu = vec![
        MenuItem {
            name: "首页".into(),
            url: cfg.url(""),
        },
        MenuItem {
            name: "地区".into(),
            url: cfg.url("regions/"),
        },
        MenuItem {
            name: "归档".into(),
            url: cfg.url("archive/"),
        },
    ];
    menu.extend(g.pages.iter().filter(|p| p.front.menu).map(|p| MenuItem {
        name: p.title.clone(),
        url: cfg.url(&format!("{}/", p.slug)),
    }));
    SiteValue {
        title: &cfg.title,
        subtitle: &cfg.subtitle,
        description: &cfg.description,
        lang: &cfg.language,
        base_url: &cfg.base_url,
        base_path: cfg.base_path(),
        feed_url: cfg.permalink("atom.xml"),
        year: g.articles.first().map_or(1970, |a| a.article.date.year()),
        copyright: cfg.copyright.as_deref(),
        topics,
        menu,
        search_url: g.search.is_some().then(|| cfg.url("search/")),
    }
}

/// A tiny page that sends the reader on to `url` (for `/page/1/` stubs).
fn redirect_html(url: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>跳转</title>\
         <link rel=\"canonical\" href=\"{url}\"><meta http-equiv=\"refresh\" content=\"0; url={url}\"></head>\
         <body><p><a href=\"{url}\">前往第一页</a></p></body></html>\n"
    )
}

fn template_error(sources: &HashMap<String, PathBuf>, rendering: &str, e: tera::Error) -> Error {
    let (name, detail) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            // Tera's report already quotes the message and the offending source line.
            let detail = format!(
                "line {} column {}\n{e}",
                span.start_line,
                span.start_col + 1
            );
            (r.filename().to_string(), detail)
        }
        _ => (rendering.to_string(), e.to_string()),
    };
    let shown = sources
        .get(&name)
        .map_or(name.clone(), |p| p.display().to_string());
    Error::Template {
        name: shown,
        msg: detail,
    }
}

impl Renderer<'_> {
    fn base(&self, kind: &str, path: &str, title: &str, description: &str) -> Context {
        let mut ctx = Context::new();
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert_value("live_reload", self.live_reload.clone());
        ctx.insert("kind", kind);
        ctx.insert("url", &self.cfg.url(path));
        ctx.insert("permalink", &self.cfg.permalink(path));
        ctx.insert("title", title);
        ctx.insert(
            "description",
            if description.is_empty() {
                self.cfg.description.as_str()
            } else {
                description
            },
        );
        ctx
    }
}
