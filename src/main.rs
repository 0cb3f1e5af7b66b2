//! The `xietong` command: argument parsing, dispatch, and the one place errors are printed.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use clap::{Args, Parser, Subcommand};
use xietong::crawl::CrawlError;
use xietong::{BuildOptions, Diagnostic, Error};

/// 协同 — static site generator for the 京津冀 regional-collaboration digest.
#[derive(Debug, Parser)]
#[command(name = "xietong", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site from content/ into public/ (or --out).
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Output directory [default: <root>/public]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Print how long each stage took
        #[arg(long)]
        timings: bool,
    },
    /// Load, validate and render the site and check its links, writing nothing; with --links,
    /// crawl the built site instead.
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Crawl the built site from its home page as published at base_url: every link must
        /// reach a file and stay under the base path
        #[arg(long)]
        links: bool,
        /// With --links: the built site to crawl [default: <root>/public]
        #[arg(long, value_name = "DIR", requires = "links")]
        out: Option<PathBuf>,
        /// With --links: list every external URL (they are never fetched)
        #[arg(long, requires = "links")]
        external: bool,
    },
    /// Import raw newspaper or web text (.txt files or folders) as articles into content/.
    Import(ImportArgs),
    /// Build, serve on loopback and rebuild on every change, with live reload in the browser.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Site root holding site.toml, content/ and themes/
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Port to listen on (the next free one is used if it is busy)
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Address to listen on; anything but loopback exposes the preview to the network
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Open the preview in the default browser
    #[arg(long)]
    open: bool,
    /// Include articles marked draft = true
    #[arg(long)]
    drafts: bool,
    /// Poll for file changes instead of using file-system notifications
    #[arg(long)]
    poll: bool,
}

fn run_serve(args: &ServeArgs) -> xietong::Result<()> {
    let opts = xietong::serve::ServeOptions {
        root: args.root.clone(),
        bind: args.bind,
        port: args.port,
        drafts: args.drafts,
        poll: args.poll,
    };
    if !args.bind.is_loopback() {
        eprintln!(
            "warning: serving on {}: other machines on the network can see the preview",
            args.bind
        );
    }
    if args.open {
        let url = format!("http://{}:{}/", args.bind, args.port);
        // Best effort: a desktop may have no opener, and the URL is printed anyway.
        let _ = std::process::Command::new("xdg-open").arg(url).spawn();
    }
    xietong::serve::serve(&opts, &|line: &str| eprintln!("{line}"))
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// Raw .txt files, or folders of them (UTF-8, GB18030/GBK or Big5)
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Site root holding site.toml (topics, keyword weights, extra places)
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Where articles are written [default: <root>/content]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Publication for articles whose text names none
    #[arg(long, value_name = "NAME")]
    source: Option<String>,
    /// Date (YYYY-MM-DD) for articles whose text gives none
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
    /// Show what would be imported; write nothing
    #[arg(long)]
    dry_run: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Replace existing articles, even hand-edited ones
    #[arg(long)]
    force: bool,
    /// Show the terms and mentions behind each topic and place
    #[arg(long)]
    explain: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date like 2024-04-18"))
}

fn run_import(args: &ImportArgs) -> xietong::Result<()> {
    let opts = xietong::ImportOptions {
        root: args.root.clone(),
        paths: args.paths.clone(),
        out: args
            .out
            .clone()
            .unwrap_or_else(|| args.root.join("content")),
        defaults: xietong::import::Options {
            source: args.source.clone(),
            date: args.date,
        },
        dry_run: args.dry_run,
        force: args.force,
    };
    if !args.root.join("site.toml").is_file() {
        eprintln!(
            "warning: no site.toml in {}: classifying with the default topics and no keyword weights (use --root)",
            args.root.display()
        );
    }
    let report = xietong::import(&opts)?;
    for p in &report.empty {
        eprintln!("warning: {}: 没有找到文章", p.display());
    }
    if args.dry_run {
        for c in xietong::import::write::clashes(&report.planned) {
            eprintln!("warning: {c}");
        }
    }
    match args.format {
        Format::Json => print!("{}", xietong::import::report::json(&report.articles)),
        Format::Text => {
            print!(
                "{}",
                xietong::import::report::table(&report.articles, &report.planned, args.explain)
            );
            let written = report
                .planned
                .iter()
                .filter(|p| {
                    use xietong::import::write::Action;
                    matches!(p.action, Action::Create | Action::Overwrite)
                })
                .count();
            if args.dry_run {
                println!("共 {} 篇（试运行，未写入文件）", report.articles.len());
            } else {
                println!("共 {} 篇，写入 {} 个文件", report.articles.len(), written);
            }
        }
    }
    Ok(())
}

#[derive(Debug, Args)]
struct SiteArgs {
    /// Site root holding site.toml, content/ and themes/
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Override base_url from site.toml (e.g. https://user.github.io/repo/)
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Include articles marked draft = true
    #[arg(long)]
    drafts: bool,
}

impl SiteArgs {
    fn options(&self, out: Option<PathBuf>) -> BuildOptions {
        let mut o = BuildOptions::new(&self.root);
        if let Some(out) = out {
            o.out = out;
        }
        o.base_url = self.base_url.clone();
        o.drafts = self.drafts;
        o.progress = std::io::stderr().is_terminal();
        o
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Build { site, out, timings } => {
            let opts = site.options(out.clone());
            xietong::build(&opts).map(|r| {
                if *timings {
                    for (stage, d, kib) in &r.timings.stages {
                        eprintln!(
                            "{stage:>14} {:>8.1} ms {:>8} MiB",
                            d.as_secs_f64() * 1000.0,
                            kib / 1024
                        );
                    }
                }
                println!(
                    "已生成 {} 个页面（{} 篇文章，共 {} 个文件），用时 {:.2} 秒 → {}",
                    r.pages,
                    r.articles,
                    r.files,
                    r.elapsed.as_secs_f64(),
                    opts.out.display()
                )
            })
        }
        Command::Check {
            site,
            links: true,
            out,
            external,
        } => xietong::check_links(&site.options(out.clone())).map(|r| print_crawl(&r, *external)),
        Command::Check { site, .. } => {
            xietong::check(&site.options(None)).map(|n| println!("检查通过：{n} 个页面，链接完好"))
        }
        Command::Import(args) => run_import(args),
        Command::Serve(args) => run_serve(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e, &cli);
            ExitCode::FAILURE
        }
    }
}

fn root_of(cli: &Cli) -> &Path {
    match &cli.command {
        Command::Build { site, .. } | Command::Check { site, .. } => &site.root,
        Command::Import(args) => &args.root,
        Command::Serve(args) => &args.root,
    }
}

/// Prints an error once, with every diagnostic and the chain of causes.
fn report(e: &Error, cli: &Cli) {
    let renderer = if std::io::stderr().is_terminal() {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    match e {
        Error::Content(ds) => {
            for d in ds {
                let line = source_line(d, root_of(cli));
                eprintln!("{}\n", renderer.render(&diagnostic(d, line.as_deref())));
            }
            eprintln!(
                "错误：内容中有 {} 处问题，未生成网站（原有输出保持不变）",
                ds.len()
            );
        }
        Error::Crawl(CrawlError::Broken(r)) => {
            for p in r.problems.iter().take(MAX_SHOWN) {
                eprintln!("错误：{p}");
            }
            if r.problems.len() > MAX_SHOWN {
                eprintln!("……另有 {} 处未列出", r.problems.len() - MAX_SHOWN);
            }
            let mut helps: Vec<&str> = Vec::new();
            for p in &r.problems {
                if !helps.contains(&p.reason.help()) {
                    helps.push(p.reason.help());
                }
            }
            for h in helps {
                eprintln!("提示：{h}");
            }
            eprintln!(
                "错误：{} 个链接有问题（共读了 {} 个页面、{} 个站内链接），按 {} 发布后它们会失效",
                r.problems.len(),
                r.pages,
                r.links,
                r.base_url
            );
        }
        Error::Links(broken) => {
            for b in broken {
                eprintln!("error: broken link in {b}");
            }
            eprintln!("错误：发现 {} 个失效链接", broken.len());
        }
        other => {
            eprintln!("error: {other}");
            let mut source = std::error::Error::source(other);
            while let Some(s) = source {
                eprintln!("  caused by: {s}");
                source = s.source();
            }
        }
    }
}

/// Broken links shown one by one before the rest are only counted.
const MAX_SHOWN: usize = 100;

/// The summary of a crawl that found nothing broken; with `external`, every external URL too.
fn print_crawl(r: &xietong::crawl::CrawlReport, external: bool) {
    if external {
        for (url, e) in &r.external {
            println!("外部链接 {url}（{} 处，首见于 {}）", e.count, e.first_page);
        }
    }
    println!(
        "链接检查通过：从首页出发读了 {} 个页面，到达 {} 个文件，{} 个站内链接都在 {} 之下且完好",
        r.pages,
        r.reached.len(),
        r.links,
        r.base_url
    );
    println!(
        "外部链接 {} 个（{} 个网站），未访问{}",
        r.external.len(),
        r.external_hosts(),
        if external {
            ""
        } else {
            "；加 --external 列出"
        }
    );
}

/// The text of the line a diagnostic points at, when the file can be read.
fn source_line(d: &Diagnostic, root: &Path) -> Option<String> {
    let text = std::fs::read(root.join(&d.path)).ok()?;
    String::from_utf8_lossy(&text)
        .lines()
        .nth(d.line.checked_sub(1)?)
        .map(str::to_owned)
}

/// A diagnostic as a rustc-style report, quoting the offending line when there is one.
fn diagnostic<'a>(d: &'a Diagnostic, line: Option<&'a str>) -> Vec<Group<'a>> {
    let path = d.path.to_str().unwrap_or("?");
    let title = Level::ERROR.primary_title(d.message.as_str());
    let mut group = match line {
        Some(text) => {
            // A column past the end (an unterminated string) points just after the last character.
            let start = text
                .char_indices()
                .nth(d.column.saturating_sub(1))
                .map_or(text.len(), |(i, _)| i);
            let end = text[start..]
                .chars()
                .next()
                .map_or(start, |c| start + c.len_utf8());
            title.element(
                Snippet::source(text)
                    .line_start(d.line)
                    .path(path)
                    .annotation(AnnotationKind::Primary.span(start..end.max(start))),
            )
        }
        None => title.element(Level::NOTE.message(format!("in {path}"))),
    };
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    vec![group]
}

#[cfg(test)]
mod tests {
    #[test]
    fn verify_cli() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
