//! Rendering: the site graph's outputs turned into bytes — HTML pages through the theme's Tera
//! templates, feeds, the sitemap, robots.txt and the code stylesheet through their own modules.
//!
//! A [`Renderer`] is built once per build and renders any single [`Output`] on demand, so the
//! build can render in parallel and stream to disk, and `serve` can re-render just what changed.

pub mod context;
mod pages;

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;
use tera::{Context, Tera};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::site::{Output, SiteGraph};
use crate::taxonomy::Taxonomy;
use crate::theme::Theme;
use context::Shared;

/// Everything needed to render any output of one build.
pub struct Renderer<'a> {
    tera: Tera,
    sources: HashMap<String, PathBuf>,
    cfg: &'a Config,
    tax: &'a Taxonomy,
    gaz: &'a Gazetteer,
    graph: &'a SiteGraph,
    shared: Shared,
    syntax_css: String,
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
    /// Loads the theme's templates and prepares the shared values. `live_reload` is the script URL
    /// `serve` injects; builds pass `None`.
    pub fn new(
        cfg: &'a Config,
        tax: &'a Taxonomy,
        gaz: &'a Gazetteer,
        graph: &'a SiteGraph,
        theme: &Theme,
        live_reload: Option<String>,
    ) -> Result<Renderer<'a>> {
        let mut tera = Tera::new();
        let mut sources = HashMap::new();
        let mut raw = Vec::with_capacity(theme.templates.len());
        for (name, path) in &theme.templates {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            sources.insert(name.clone(), path.clone());
            raw.push((name.clone(), text));
        }
        tera.add_raw_templates(raw)
            .map_err(|e| template_error(&sources, "", e))?;
        let shared = Shared::new(cfg, tax, gaz, graph);
        let site = site_value(cfg, graph, &shared.topics);
        tera.global_context().insert("site", &site);
        tera.global_context().insert("live_reload", &live_reload);
        let syntax_css =
            crate::highlight::stylesheet(&cfg.highlight_theme, &cfg.highlight_theme_dark).map_err(
                |msg| Error::Config {
                    path: PathBuf::from("site.toml"),
                    msg,
                },
            )?;
        Ok(Renderer {
            tera,
            sources,
            cfg,
            tax,
            gaz,
            graph,
            shared,
            syntax_css,
        })
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
            Output::Robots => Ok(crate::sitemap::robots(self.cfg).into_bytes()),
            Output::SyntaxCss => Ok(self.syntax_css.clone().into_bytes()),
            Output::Search(f) => Ok(crate::search::render(self.graph, f)),
            Output::Redirect { to, .. } => Ok(redirect_html(&self.cfg.url(to)).into_bytes()),
            page => {
                let (template, ctx) = pages::context(self, page);
                // Straight into bytes: `render` would re-validate the whole page as UTF-8.
                let mut bytes = Vec::with_capacity(32 * 1024);
                self.tera
                    .render_to(template, &ctx, &mut bytes)
                    .map_err(|e| template_error(&self.sources, template, e))?;
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
