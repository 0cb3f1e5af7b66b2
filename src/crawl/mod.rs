//! `xietong check --links`: the built site crawled as a browser would see it once published, so
//! a link that would break under GitHub Pages' sub-path (`/xietong/`) is found before it ships.
//!
//! The crawl starts at the home page and goes breadth-first through every page reached by a link,
//! reading each document for the URLs it points at ([`extract`]): pages, feeds, the sitemap and
//! its parts, stylesheets and what they load, scripts, images. Every URL is resolved against the
//! page's address under `base_url` ([`url`]) and must name a file of the site without leaving the
//! base path. `404.html`, which GitHub Pages shows at any depth, is checked from the site root and
//! from a deep path. External links are counted and listed, never fetched: the check needs no
//! network. Unlike [`crate::linkcheck`], which checks pages as rendered in memory, this reads the
//! finished output through a [`Fetch`] — the output folder ([`Disk`]) or, in tests, a real HTTP
//! server.

pub mod extract;
mod fetch;
pub mod url;

pub use fetch::{Disk, Fetch, Fetched};

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::fmt;
use std::path::{Path, PathBuf};

use self::url::{Target, Url};

/// How many redirects in a row a link may take before it counts as a loop.
const MAX_REDIRECTS: usize = 5;
/// The made-up address at which `404.html` is also checked, below the base path.
const DEEP_MISSING: &str = "no/such/page/";

/// Why the crawl could not run, or what it found.
#[derive(Debug, thiserror::Error)]
pub enum CrawlError {
    /// `base_url` is not an absolute http(s) URL.
    #[error("base_url `{url}` 不是以 http:// 或 https:// 开头的完整地址")]
    BaseUrl {
        /// The URL given.
        url: String,
    },
    /// The output folder has no home page.
    #[error("{} 中没有 index.html：请先运行 xietong build（或用 --out 指向生成网站的目录）", dir.display())]
    NoSite {
        /// The folder looked in.
        dir: PathBuf,
    },
    /// The home page could not be fetched.
    #[error("首页 {url} 不存在")]
    NoHome {
        /// Its URL.
        url: String,
    },
    /// The site was built for another address than the one it is checked against.
    #[error("网站是按 base_url {built} 生成的（见首页的 canonical 链接），而检查用的是 {checking}：请加上 --base-url {built}，或按当前设置重新生成")]
    BaseMismatch {
        /// The home page's canonical URL.
        built: String,
        /// The `base_url` of the check.
        checking: String,
    },
    /// A file of the site could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// A [`Fetch`] other than [`Disk`] failed (a test's HTTP client, say).
    #[error("{url}: {msg}")]
    Fetch {
        /// What was fetched.
        url: String,
        /// What went wrong.
        msg: String,
    },
    /// The crawl finished and found broken links; the report has them all.
    #[error("{} 个链接有问题", .0.problems.len())]
    Broken(Box<CrawlReport>),
}

/// Why a link is broken.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// Nothing is published at the address.
    Missing {
        /// The file the address would need, relative to the output folder.
        file: String,
    },
    /// The link leaves the site's base path on its own host.
    OutsideBase {
        /// The base path (`/xietong/`).
        base_path: String,
    },
    /// Same host, other scheme or port than `base_url`.
    Origin {
        /// The site's origin (`https://example.github.io`).
        expected: String,
    },
    /// The page exists but has no element with the fragment's id.
    NoAnchor {
        /// The fragment, decoded.
        id: String,
    },
    /// Redirects that go round in circles.
    RedirectLoop,
    /// A URL a browser cannot read (bad percent-encoding, a broken port …).
    Malformed,
}

impl Reason {
    /// What to do about it, for the reader of the report.
    pub fn help(&self) -> &'static str {
        match self {
            Reason::Missing { .. } => "检查链接是否写错、目标文章是否存在（草稿不会发布）；Markdown 中站内链接写成 /专题/文件名/，生成时会自动加上 base_url 的路径",
            Reason::OutsideBase { .. } => "站内链接必须以 base_url 的路径开头：Markdown 中以 / 开头的链接会自动加上前缀，模板中请写 {{ site.base_path }}，不要写死 /",
            Reason::Origin { .. } => "站内链接请用站点地址的协议和端口，或直接写以 / 开头的路径",
            Reason::NoAnchor { .. } => "检查 # 后的锚点：标题的锚点是其拼音，可用 {#名字} 指定",
            Reason::RedirectLoop => "检查目录与同名文件是否互相冲突",
            Reason::Malformed => "检查链接的写法（百分号编码、端口等）",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Missing { file } => write!(f, "目标不存在（输出中没有 {file}）"),
            Reason::OutsideBase { base_path } => {
                write!(f, "跳出了站点路径 {base_path}，发布后会指向别的网站内容")
            }
            Reason::Origin { expected } => write!(f, "协议或端口与站点 {expected} 不同"),
            Reason::NoAnchor { id } => write!(f, "目标页面中没有 id 为“{id}”的元素"),
            Reason::RedirectLoop => write!(f, "重定向次数过多"),
            Reason::Malformed => write!(f, "不是有效的地址"),
        }
    }
}

/// One broken link.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct LinkProblem {
    /// The page it is on: its URL path, plus where it was shown for `404.html` at depth.
    pub page: String,
    /// The link as written.
    pub link: String,
    /// The absolute URL it resolves to (empty when it cannot be resolved).
    pub resolved: String,
    /// What is wrong.
    pub reason: Reason,
}

impl fmt::Display for LinkProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "页面 {} 中的链接 `{}`：{}",
            self.page, self.link, self.reason
        )?;
        if !self.resolved.is_empty() && self.resolved != self.link {
            write!(f, "\n  → {}", self.resolved)?;
        }
        Ok(())
    }
}

/// An external URL and where it was first seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct External {
    /// How many links point at it.
    pub count: usize,
    /// The first page that links to it.
    pub first_page: String,
}

/// What a crawl found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CrawlReport {
    /// The `base_url` crawled.
    pub base_url: String,
    /// HTML pages read (each once; `404.html` included).
    pub pages: usize,
    /// Every published path reached, decoded (`/xietong/carbon/a/`, `/xietong/css/style.css`).
    pub reached: BTreeSet<String>,
    /// Internal links checked (occurrences).
    pub links: usize,
    /// External URLs, not fetched.
    pub external: BTreeMap<String, External>,
    /// Broken links, in the order found.
    pub problems: Vec<LinkProblem>,
}

impl CrawlReport {
    /// How many distinct hosts the external links go to.
    pub fn external_hosts(&self) -> usize {
        self.external
            .keys()
            .filter_map(|u| Url::parse(u).map(|u| u.host))
            .collect::<BTreeSet<_>>()
            .len()
    }
}

/// Checks the site built into `dir` for publication at `base_url`: crawls it through [`Disk`],
/// and turns broken links into [`CrawlError::Broken`].
pub fn check_dir(dir: &Path, base_url: &str) -> Result<CrawlReport, CrawlError> {
    if !dir.join("index.html").is_file() {
        return Err(CrawlError::NoSite {
            dir: dir.to_path_buf(),
        });
    }
    let base = Url::parse(base_url).ok_or_else(|| CrawlError::BaseUrl {
        url: base_url.to_owned(),
    })?;
    let base_path = url::decode(&base.path).unwrap_or_else(|| base.path.clone());
    let report = crawl(base_url, &Disk::new(dir, &base_path))?;
    if report.problems.is_empty() {
        Ok(report)
    } else {
        Err(CrawlError::Broken(Box::new(report)))
    }
}

/// Crawls the site published at `base_url` through `source`, from the home page, `robots.txt`
/// and `404.html`. Broken links are in the report; an error means the crawl could not run.
pub fn crawl(base_url: &str, source: &dyn Fetch) -> Result<CrawlReport, CrawlError> {
    let base = Url::parse(base_url)
        .filter(|u| u.query.is_none() && u.fragment.is_none())
        .ok_or_else(|| CrawlError::BaseUrl {
            url: base_url.to_owned(),
        })?;
    let mut base = base;
    if !base.path.ends_with('/') {
        base.path.push('/');
    }
    let mut c = Crawler::new(base, source);
    c.run()?;
    Ok(c.report)
}

/// How a document is read, by the end of its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Html,
    Xml,
    Css,
    Robots,
    /// The search index's manifest, which names the data files the search script fetches.
    SearchManifest,
    Other,
}

fn kind_of(path: &str) -> Kind {
    let name = path.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
    if name.is_empty() || name.ends_with(".html") || name.ends_with(".htm") {
        Kind::Html
    } else if name.ends_with(".xml") {
        Kind::Xml
    } else if name.ends_with(".css") {
        Kind::Css
    } else if name == "robots.txt" {
        Kind::Robots
    } else if path.ends_with("search/index/manifest.json") {
        Kind::SearchManifest
    } else {
        Kind::Other
    }
}

/// What is known about a path once it has been fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Status {
    /// Published; the path a browser ends up at (after any redirect).
    Found(String),
    Missing,
    Loop,
}

/// A `#fragment` link to another page, checked once every page has been read.
struct AnchorRef {
    problem: LinkProblem,
    target: String,
}

struct Crawler<'a> {
    base: Url,
    /// The base path, decoded.
    base_path: String,
    source: &'a dyn Fetch,
    status: HashMap<String, Status>,
    queue: VecDeque<String>,
    anchors: Vec<AnchorRef>,
    /// `(page, link)` of the problems reported, so a link repeated on a page is reported once.
    reported: HashSet<(String, String)>,
    report: CrawlReport,
}

impl<'a> Crawler<'a> {
    fn new(base: Url, source: &'a dyn Fetch) -> Crawler<'a> {
        let base_path = url::decode(&base.path).unwrap_or_else(|| base.path.clone());
        let report = CrawlReport {
            base_url: base.to_string(),
            ..CrawlReport::default()
        };
        Crawler {
            base,
            base_path,
            source,
            status: HashMap::new(),
            queue: VecDeque::new(),
            anchors: Vec::new(),
            reported: HashSet::new(),
            report,
        }
    }

    fn run(&mut self) -> Result<(), CrawlError> {
        let home = self.base_path.clone();
        match self.probe(&home)? {
            Status::Found(_) => {}
            _ => {
                return Err(CrawlError::NoHome {
                    url: self.base.to_string(),
                })
            }
        }
        self.check_canonical(&home)?;
        // Entry points nothing links to: `robots.txt` is read by crawlers, and `404.html` is what
        // the host shows for any missing address.
        for seed in ["robots.txt", "404.html"] {
            self.probe(&format!("{}{seed}", self.base_path))?;
        }
        while let Some(path) = self.queue.pop_front() {
            self.read(&path)?;
        }
        self.check_anchors()
    }

    /// Fails when the home page says it was built for another `base_url`.
    fn check_canonical(&self, home: &str) -> Result<(), CrawlError> {
        let Fetched::Found(bytes) = self.source.fetch(home, true)? else {
            return Ok(());
        };
        let page = extract::html(&String::from_utf8_lossy(&bytes));
        let Some(canonical) = page.canonical.as_deref().and_then(Url::parse) else {
            return Ok(());
        };
        if canonical.origin() == self.base.origin() && canonical.path == self.base.path {
            return Ok(());
        }
        Err(CrawlError::BaseMismatch {
            built: canonical.to_string(),
            checking: self.base.to_string(),
        })
    }

    /// Fetches `path` once (without its body) and remembers what it is; a found document is
    /// queued to be read.
    fn probe(&mut self, path: &str) -> Result<Status, CrawlError> {
        let mut hops = vec![path.to_owned()];
        let status = loop {
            let at = hops.last().expect("starts with one").clone();
            if let Some(known) = self.status.get(&at) {
                break known.clone();
            }
            match self.source.fetch(&at, false)? {
                Fetched::Found(_) => {
                    self.report.reached.insert(at.clone());
                    if kind_of(&at) != Kind::Other {
                        self.queue.push_back(at.clone());
                    }
                    break Status::Found(at);
                }
                Fetched::Missing => break Status::Missing,
                Fetched::Redirect(_) if hops.len() > MAX_REDIRECTS => break Status::Loop,
                Fetched::Redirect(to) if hops.contains(&to) => break Status::Loop,
                Fetched::Redirect(to) => hops.push(to),
            }
        };
        for hop in hops {
            self.status.insert(hop, status.clone());
        }
        Ok(status)
    }

    /// Reads one queued document and checks every URL in it.
    fn read(&mut self, path: &str) -> Result<(), CrawlError> {
        let Fetched::Found(bytes) = self.source.fetch(path, true)? else {
            return Ok(());
        };
        let text = String::from_utf8_lossy(&bytes);
        let here = self.url_of(path);
        match kind_of(path) {
            Kind::Html => {
                self.report.pages += 1;
                let page = extract::html(&text);
                // Where the page is shown, and how the report names it there.
                let mut places = vec![(path.to_owned(), path.to_owned())];
                if path == format!("{}404.html", self.base_path) {
                    let deep = format!("{}{DEEP_MISSING}", self.base_path);
                    places.push((deep.clone(), format!("{path}（显示在 {deep} 时）")));
                }
                for (shown_at, label) in places {
                    let url = self.url_of(&shown_at);
                    let doc = match page.base.as_deref().map(|b| url.join(b)) {
                        Some(Some(Target::Web(b))) => b,
                        _ => url,
                    };
                    for link in &page.links {
                        self.link(&doc, &label, link, Some((&shown_at, &page.ids)))?;
                    }
                }
            }
            Kind::Xml => {
                for link in extract::xml(&text) {
                    self.link(&here, path, &link, None)?;
                }
            }
            Kind::Css => {
                for link in extract::css(&text) {
                    self.link(&here, path, &link, None)?;
                }
            }
            Kind::Robots => {
                for link in extract::robots(&text) {
                    self.link(&here, path, &link, None)?;
                }
            }
            Kind::SearchManifest => {
                for link in crate::search::manifest_files(&text).unwrap_or_default() {
                    self.link(&here, path, &link, None)?;
                }
            }
            Kind::Other => {}
        }
        Ok(())
    }

    /// Records a problem, once per page and link.
    fn push(&mut self, p: LinkProblem) {
        if self.reported.insert((p.page.clone(), p.link.clone())) {
            self.report.problems.push(p);
        }
    }

    /// The URL of a decoded site path.
    fn url_of(&self, path: &str) -> Url {
        let mut u = self.base.clone();
        u.path = url::encode_path(path);
        u
    }

    /// Checks one link of the document `label`, resolved against `doc`. An HTML page also
    /// passes the path it is shown at and its ids, for links to itself.
    fn link(
        &mut self,
        doc: &Url,
        label: &str,
        link: &str,
        own: Option<(&str, &HashSet<String>)>,
    ) -> Result<(), CrawlError> {
        let problem = |resolved: String, reason: Reason| LinkProblem {
            page: label.to_owned(),
            link: link.to_owned(),
            resolved,
            reason,
        };
        let target = match doc.join(link) {
            None => {
                self.report.links += 1;
                self.push(problem(String::new(), Reason::Malformed));
                return Ok(());
            }
            Some(Target::Other(_)) => return Ok(()),
            Some(Target::Web(u)) => u,
        };
        if target.host != self.base.host {
            let mut key = target.clone();
            key.fragment = None;
            self.report
                .external
                .entry(key.to_string())
                .and_modify(|e| e.count += 1)
                .or_insert_with(|| External {
                    count: 1,
                    first_page: label.to_owned(),
                });
            return Ok(());
        }
        self.report.links += 1;
        let resolved = target.to_string();
        if !target.same_origin(&self.base) {
            let expected = self.base.origin();
            self.push(problem(resolved, Reason::Origin { expected }));
            return Ok(());
        }
        let Some(path) = url::decode(&target.path) else {
            self.push(problem(resolved, Reason::Malformed));
            return Ok(());
        };
        if !path.starts_with(&self.base_path) && path != self.base_path.trim_end_matches('/') {
            let base_path = self.base_path.clone();
            self.push(problem(resolved, Reason::OutsideBase { base_path }));
            return Ok(());
        }
        let own = own.filter(|(shown_at, _)| *shown_at == path);
        let landed = if own.is_some() {
            // The document itself: for `404.html` shown at a made-up address, nothing to fetch.
            path
        } else {
            match self.probe(&path)? {
                Status::Found(p) => p,
                Status::Missing => {
                    let file = self.file_of(&path);
                    self.push(problem(resolved, Reason::Missing { file }));
                    return Ok(());
                }
                Status::Loop => {
                    self.push(problem(resolved, Reason::RedirectLoop));
                    return Ok(());
                }
            }
        };
        let Some(id) = target.fragment.as_deref().filter(|f| !f.is_empty()) else {
            return Ok(());
        };
        let id = url::decode(id).unwrap_or_else(|| id.to_owned());
        if id.eq_ignore_ascii_case("top") || kind_of(&landed) != Kind::Html {
            return Ok(());
        }
        let problem = problem(resolved, Reason::NoAnchor { id: id.clone() });
        match own {
            Some((_, ids)) => {
                if !ids.contains(&id) {
                    self.push(problem);
                }
            }
            None => self.anchors.push(AnchorRef {
                problem,
                target: landed,
            }),
        }
        Ok(())
    }

    /// The output file a missing path would need, relative to the output folder.
    fn file_of(&self, path: &str) -> String {
        let rel = path.strip_prefix(&self.base_path).unwrap_or(path);
        if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_owned()
        }
    }

    /// Checks the `#fragment` links between pages, reading each target page once more.
    fn check_anchors(&mut self) -> Result<(), CrawlError> {
        let mut by_target: BTreeMap<String, Vec<LinkProblem>> = BTreeMap::new();
        for a in self.anchors.drain(..) {
            by_target.entry(a.target).or_default().push(a.problem);
        }
        for (target, refs) in by_target {
            let Fetched::Found(bytes) = self.source.fetch(&target, true)? else {
                continue;
            };
            let ids = extract::html(&String::from_utf8_lossy(&bytes)).ids;
            for p in refs {
                if let Reason::NoAnchor { id } = &p.reason {
                    if !ids.contains(id) {
                        self.push(p);
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
