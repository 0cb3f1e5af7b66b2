//! xietong (协同) — a static site generator for the 京津冀 regional-collaboration digest.
//!
//! A build is a pipeline of plain-data stages, each in its own module:
//!
//! 1. [`config`] reads `site.toml`;
//! 2. [`content`] loads `content/` into articles and pages (front matter, Markdown, summaries);
//! 3. [`classify`] resolves each article's topics ([`taxonomy`]) and places ([`gazetteer`]);
//! 4. [`site`] builds the site graph: URLs, topic and region lists with roll-up, archive,
//!    neighbours, pagination, and the list of [`site::Output`]s;
//! 5. [`render`] turns each output into bytes (Tera templates, [`feed`], [`sitemap`]);
//! 6. [`output`] writes them to a staging directory and swaps it into place.
//!
//! ```no_run
//! let report = xietong::build(&xietong::BuildOptions::new(".")).unwrap();
//! println!("{} pages", report.pages);
//! ```
#![warn(missing_docs)]

pub mod classify;
pub mod config;
pub mod content;
pub mod crawl;
pub mod error;
pub mod feed;
pub mod gazetteer;
pub mod highlight;
pub mod import;
pub mod linkcheck;
pub mod markdown;
pub mod output;
mod percent;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod sitemap;
pub mod slug;
pub mod taxonomy;
pub mod text;
pub mod theme;
mod xml;

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

pub use error::{Diagnostic, Error, Result};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Site root: holds `site.toml`, `content/`, `themes/`.
    pub root: PathBuf,
    /// Output directory (default `<root>/public`).
    pub out: PathBuf,
    /// Overrides `base_url` from `site.toml`.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Show a progress bar (the CLI sets it on an interactive terminal).
    pub progress: bool,
}

impl BuildOptions {
    /// Defaults for a site at `root`.
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        let root = root.into();
        BuildOptions {
            out: root.join("public"),
            root,
            base_url: None,
            drafts: false,
            progress: false,
        }
    }
}

/// What a build did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    /// Articles published.
    pub articles: usize,
    /// HTML pages written.
    pub pages: usize,
    /// All files written, static assets included.
    pub files: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// Time per stage.
    pub timings: Timings,
}

/// How long each stage of a build took, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timings {
    start: Instant,
    last: Instant,
    /// Stage name, its duration, and the resident memory in KiB when it ended (0 where unknown).
    pub stages: Vec<(&'static str, Duration, u64)>,
}

impl Default for Timings {
    fn default() -> Self {
        let now = Instant::now();
        Timings {
            start: now,
            last: now,
            stages: Vec::new(),
        }
    }
}

impl Timings {
    /// Records that stage `name` ended now.
    pub fn mark(&mut self, name: &'static str) {
        let now = Instant::now();
        self.stages.push((name, now - self.last, resident_kib()));
        self.last = now;
    }
}

/// A site loaded and planned: everything before rendering.
#[derive(Debug, Clone)]
pub struct Site {
    /// Settings (with any `--base-url` applied).
    pub config: config::Config,
    /// Topics.
    pub taxonomy: taxonomy::Taxonomy,
    /// Places, with the site's additions.
    pub gazetteer: gazetteer::Gazetteer,
    /// Template and static files.
    pub theme: theme::Theme,
    /// The site graph.
    pub graph: site::SiteGraph,
}

impl Site {
    /// Runs the stages up to the site graph: config → content → classify → graph.
    pub fn load(opts: &BuildOptions) -> Result<Site> {
        Site::load_timed(opts, &mut Timings::default())
    }

    /// [`Site::load`], recording how long each stage took.
    pub fn load_timed(opts: &BuildOptions, timings: &mut Timings) -> Result<Site> {
        Site::load_cached(opts, &mut content::Cache::new(opts.drafts, "/"), timings)
    }

    /// [`Site::load_timed`] reading through `cache`, which keeps the loaded files for next time:
    /// only files changed since the cache last saw them are read again.
    pub fn load_cached(
        opts: &BuildOptions,
        cache: &mut content::Cache,
        timings: &mut Timings,
    ) -> Result<Site> {
        let mut config = config::Config::load(&opts.root.join("site.toml"))?;
        if let Some(url) = &opts.base_url {
            config.set_base_url(url)?;
        }
        let mut gazetteer = gazetteer::Gazetteer::builtin()?;
        gazetteer.extend(config.regions.clone())?;
        let taxonomy = taxonomy::Taxonomy::new(config.topics.clone());
        check_topic_keys(&taxonomy, &gazetteer)?;
        let theme = theme::resolve(&opts.root, &config.theme)?;
        timings.mark("config");
        cache.configure(opts.drafts, config.base_path());
        let (mut corpus, mut problems) = cache.scan(&opts.root)?;
        timings.mark("content");
        let (labels, mut more) = classify::classify(&taxonomy, &gazetteer, &corpus);
        problems.append(&mut more);
        // Articles that failed to classify are set aside so the graph can still report, say, slug
        // collisions among the rest: every problem of the site is reported in one run.
        let labels = keep_classified(&mut corpus, labels);
        timings.mark("classify");
        let graph = match site::build(config.per_page, &taxonomy, &gazetteer, corpus, labels) {
            Err(Error::Content(mut ds)) => {
                problems.append(&mut ds);
                None
            }
            other => Some(other?),
        };
        if !problems.is_empty() {
            problems.sort();
            return Err(Error::Content(problems));
        }
        let mut graph = graph.expect("a graph exists when there are no problems");
        if config.cname.is_some() {
            graph.outputs.push(site::Output::Cname);
        }
        timings.mark("graph");
        if config.search {
            search::attach(&mut graph, &config, &taxonomy, &gazetteer);
            timings.mark("search");
        }
        Ok(Site {
            config,
            taxonomy,
            gazetteer,
            theme,
            graph,
        })
    }

    /// Takes edited articles into the graph without rebuilding it (see [`site::SiteGraph::patch`]).
    /// Returns their indices, or `None` when some edit changes the graph's shape; the site must
    /// then be loaded again, as it may hold some of the edits already. The search index is left
    /// as it was: [`Site::reindex`] brings it up to date.
    pub fn patch(
        &mut self,
        edited: Vec<std::sync::Arc<content::Article>>,
    ) -> Result<Option<Vec<usize>>> {
        let mut labelled = Vec::with_capacity(edited.len());
        let mut problems = Vec::new();
        for a in edited {
            match classify::article(&self.taxonomy, &self.gazetteer, &a) {
                Ok(l) => labelled.push((a, l)),
                Err(mut ds) => problems.append(&mut ds),
            }
        }
        if !problems.is_empty() {
            problems.sort();
            return Err(Error::Content(problems));
        }
        let mut patched = Vec::with_capacity(labelled.len());
        for (a, l) in labelled {
            match self.graph.patch(a, l) {
                Some(i) => patched.push(i),
                None => return Ok(None),
            }
        }
        Ok(Some(patched))
    }

    /// Rebuilds the search index (if the site has one) after [`Site::patch`], which leaves it as
    /// it was.
    pub fn reindex(&mut self) {
        if self.config.search {
            search::reattach(
                &mut self.graph,
                &self.config,
                &self.taxonomy,
                &self.gazetteer,
            );
        }
    }

    /// The theme's template sources for this site's settings.
    pub fn template_sources(&self) -> Result<render::Sources> {
        let c = &self.config;
        render::Sources::read(&self.theme, (&c.highlight_theme, &c.highlight_theme_dark))
    }

    /// The values this site's pages share (cards, topic and place links).
    pub fn shared(&self) -> render::Shared {
        render::Shared::new(&self.config, &self.taxonomy, &self.gazetteer, &self.graph)
    }

    /// The output file of every output, in output order.
    pub fn files(&self) -> Vec<String> {
        self.graph
            .outputs
            .iter()
            .map(|o| o.file(&self.graph, &self.taxonomy, &self.gazetteer))
            .collect()
    }
}

/// Builds the site: load, render every output in parallel, write to a staging directory and swap
/// it into place. On any error the previous output is left untouched.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let mut timings = Timings::default();
    let site = Site::load_timed(opts, &mut timings)?;
    let templates = render::Templates::compile(site.template_sources()?)?;
    let shared = site.shared();
    let renderer = render::Renderer::new(&site, &templates, &shared, None);
    timings.mark("templates");
    let files = site.files();
    output::check_target(&opts.root, &opts.out)?;
    let staging = output::Staging::new(&opts.out)?;
    staging.create_dirs(
        files
            .iter()
            .map(String::as_str)
            .chain(site.theme.statics.iter().map(|(n, _)| n.as_str())),
    )?;
    let bar = progress_bar(opts.progress, files.len());
    let results: Vec<Result<()>> = site
        .graph
        .outputs
        .par_iter()
        .zip(files.par_iter())
        .map(|(out, file)| {
            let bytes = renderer.render(out)?;
            bar.inc(1);
            staging.write(file, &bytes)
        })
        .collect();
    bar.finish_and_clear();
    results.into_iter().collect::<Result<Vec<()>>>()?;
    for (name, path) in &site.theme.statics {
        staging.copy(name, path)?;
    }
    timings.mark("render+write");
    staging.commit()?;
    timings.mark("commit");
    Ok(BuildReport {
        articles: site.graph.articles.len(),
        pages: files.iter().filter(|f| f.ends_with(".html")).count(),
        files: files.len() + site.theme.statics.len(),
        elapsed: timings.start.elapsed(),
        timings,
    })
}

/// Loads, validates and renders the site without writing anything, then checks every internal
/// link. Returns the number of pages checked.
pub fn check(opts: &BuildOptions) -> Result<usize> {
    let site = Site::load(opts)?;
    let templates = render::Templates::compile(site.template_sources()?)?;
    let shared = site.shared();
    let renderer = render::Renderer::new(&site, &templates, &shared, None);
    let files = site.files();
    let mut known: HashSet<String> = files.iter().cloned().collect();
    known.extend(site.theme.statics.iter().map(|(n, _)| n.clone()));
    let checker = linkcheck::Checker::new(&site.config.base_url, site.config.base_path(), &known);
    let results: Vec<Result<Vec<linkcheck::BrokenLink>>> = site
        .graph
        .outputs
        .par_iter()
        .zip(files.par_iter())
        .filter(|(_, f)| f.ends_with(".html"))
        .map(|(out, file)| {
            let html = renderer.render(out)?;
            Ok(checker.check(file, &linkcheck::links(&String::from_utf8_lossy(&html))))
        })
        .collect();
    let mut broken = Vec::new();
    let mut pages = 0;
    for r in results {
        broken.extend(r?);
        pages += 1;
    }
    if broken.is_empty() {
        Ok(pages)
    } else {
        Err(Error::Links(broken))
    }
}

/// Crawls the site already built in `opts.out` from its home page, as a browser would see it
/// published at `base_url` (from `site.toml`, or `opts.base_url`): every link must reach a file
/// of the site and stay under the base path. Broken links are an [`Error::Crawl`].
pub fn check_links(opts: &BuildOptions) -> Result<crawl::CrawlReport> {
    let mut config = config::Config::load(&opts.root.join("site.toml"))?;
    if let Some(url) = &opts.base_url {
        config.set_base_url(url)?;
    }
    Ok(crawl::check_dir(&opts.out, &config.base_url)?)
}

/// A topic key may not equal a place's leaf key: `/regions/hebei/xiongan/` would be both the
/// 雄安 page and 河北's `xiongan` topic filter.
fn check_topic_keys(tax: &taxonomy::Taxonomy, gaz: &gazetteer::Gazetteer) -> Result<()> {
    for t in &tax.topics {
        if let Some((_, r)) = gaz.iter().find(|(_, r)| r.leaf() == t.key) {
            return Err(Error::Config {
                path: PathBuf::from("site.toml"),
                msg: format!("topic key `{}` is also the key of the place {} (`{}`); region pages could not tell them apart, so choose another topic key", t.key, r.name, r.key),
            });
        }
    }
    Ok(())
}

/// Drops the articles whose labels are `None`, returning the labels of the rest.
fn keep_classified(
    corpus: &mut content::Corpus,
    labels: Vec<Option<classify::Labels>>,
) -> Vec<classify::Labels> {
    let mut keep = labels.iter().map(Option::is_some);
    corpus.articles.retain(|_| keep.next().unwrap_or(false));
    labels.into_iter().flatten().collect()
}

fn progress_bar(show: bool, len: usize) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} 页") {
        bar.set_style(style);
    }
    bar
}

/// Resident memory of this process in KiB, from `/proc` on Linux; 0 elsewhere.
fn resident_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// What to import and where.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Site root (its `site.toml` gives topics, keywords and extra places; defaults apply without one).
    pub root: PathBuf,
    /// Raw files or folders of them.
    pub paths: Vec<PathBuf>,
    /// Where articles go (default `<root>/content`).
    pub out: PathBuf,
    /// Publication and date for articles whose text names none.
    pub defaults: import::Options,
    /// Plan and report, write nothing.
    pub dry_run: bool,
    /// Replace existing articles.
    pub force: bool,
}

/// What an import found and did.
#[derive(Debug, Clone)]
pub struct ImportReport {
    /// Every article found, in input order.
    pub articles: Vec<import::Imported>,
    /// Where each goes (same order); on a dry run, where each would go.
    pub planned: Vec<import::write::Planned>,
    /// Inputs in which no article was found.
    pub empty: Vec<PathBuf>,
}

/// Imports raw pages: decode, normalise, segment, classify, then (unless a dry run) write every
/// article atomically, or nothing if any would clash with an existing one.
pub fn import(opts: &ImportOptions) -> Result<ImportReport> {
    let cfg_path = opts.root.join("site.toml");
    let config = if cfg_path.is_file() {
        config::Config::load(&cfg_path)?
    } else {
        config::Config::parse("title = \"\"", &cfg_path)?
    };
    let mut gazetteer = gazetteer::Gazetteer::builtin()?;
    gazetteer.extend(config.regions.clone())?;
    let ctx = import::Context::new(taxonomy::Taxonomy::new(config.topics.clone()), gazetteer);
    let files = import::inputs(&opts.paths)
        .map_err(|e| Error::io(opts.paths.first().cloned().unwrap_or_default(), e))?;
    let mut report = ImportReport {
        articles: Vec::new(),
        planned: Vec::new(),
        empty: Vec::new(),
    };
    for file in files {
        let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
        let text = import::decode::decode(&bytes).map_err(|e| Error::Input {
            path: file.clone(),
            msg: e.to_string(),
        })?;
        let found = ctx.import_text(&text, &import::origin_of(&opts.root, &file), &opts.defaults);
        if found.is_empty() {
            report.empty.push(file);
        }
        report.articles.extend(found);
    }
    report.planned = import::write::plan(&report.articles, &opts.out, opts.force);
    if !opts.dry_run {
        let clashes = import::write::clashes(&report.planned);
        if !clashes.is_empty() {
            return Err(Error::Clash(clashes));
        }
        import::write::apply(&report.planned)?;
    }
    Ok(report)
}
