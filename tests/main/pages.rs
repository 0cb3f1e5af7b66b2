//! Publishing on GitHub Pages: the built site served over real HTTP on a loopback port, under a
//! project sub-path (`/xietong/`) and at a domain root, crawled from the home page; `check --links`
//! on broken and escaping links; the `CNAME` file.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use xietong::crawl::{self, CrawlError, CrawlReport, Fetch, Fetched};
use xietong::serve::reload::Hub;
use xietong::serve::server::{Server, ServerConfig, ServerHandle};

use crate::util::{list_files, Article, SiteTest, BASE_URL};

/// A custom domain, published at the root.
const ROOT_URL: &str = "https://news.example.cn/";

/// The `basic` fixture plus an article whose Markdown links every way an editor might (site
/// paths, relative paths, an image, a footnote, external sites and mail), built for `base_url`.
fn built_for(base_url: &str) -> SiteTest {
    let site = SiteTest::from_fixture("basic");
    site.write(
        "static/img/gangkou.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"3\"/>\n",
    );
    site.article(
        "carbon",
        "lianjie",
        &Article::new("港口减排进展")
            .topics(&["carbon"])
            .regions(&["cangzhou"])
            .body(
                "参见[沧州港口](/industry/cangzhou-gangkou/)、[通州](../tongzhou-lvse-tongqin/)、\
             [外部报道](https://www.hebnews.cn/)和[来信](mailto:bianjibu@example.cn)。\n\n\
             ![港口](/img/gangkou.svg)\n\n## 小结\n\n回到[小结](#xiao-jie)。[^1]\n\n[^1]: 注释。\n",
            ),
    );
    site.run(&["build", "--base-url", base_url]).success();
    site
}

/// One HTTP response.
struct Resp {
    status: u16,
    /// Header names lower-case.
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// The output served at `base_path` by xietong's own preview server (it serves files as they
/// are on disk, answers 404 with `404.html` and redirects a folder to its slash, as Pages does).
struct Served {
    addr: SocketAddr,
    _server: ServerHandle,
}

impl Served {
    fn start(dir: &Path, base_path: &str) -> Served {
        let server = Server::bind("127.0.0.1:0".parse().unwrap(), false).expect("bind loopback");
        let addr = server.local_addr();
        let handle = server.spawn(ServerConfig {
            site_dir: dir.to_path_buf(),
            base_path: base_path.to_owned(),
            hub: Arc::new(Hub::new()),
        });
        Served {
            addr,
            _server: handle,
        }
    }

    /// GETs a site-absolute, encoded path.
    fn get(&self, target: &str) -> Result<Resp, String> {
        let mut s = TcpStream::connect(self.addr).map_err(|e| e.to_string())?;
        s.set_read_timeout(Some(Duration::from_secs(10)))
            .map_err(|e| e.to_string())?;
        let rq = format!(
            "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        );
        s.write_all(rq.as_bytes()).map_err(|e| e.to_string())?;
        let mut raw = Vec::new();
        let mut chunk = [0u8; 65536];
        let (head_end, status, headers) = loop {
            let n = s
                .read(&mut chunk)
                .map_err(|e| format!("GET {target}: {e}"))?;
            if n == 0 {
                return Err(format!("GET {target}: closed before the response head"));
            }
            raw.extend_from_slice(&chunk[..n]);
            if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&raw[..i]).into_owned();
                let mut lines = head.split("\r\n");
                let status = lines
                    .next()
                    .and_then(|l| l.split(' ').nth(1))
                    .and_then(|c| c.parse().ok())
                    .ok_or_else(|| format!("GET {target}: bad status line in {head:?}"))?;
                let headers: Vec<(String, String)> = lines
                    .filter_map(|l| l.split_once(':'))
                    .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
                    .collect();
                break (i + 4, status, headers);
            }
        };
        let len: usize = headers
            .iter()
            .find(|(k, _)| k == "content-length")
            .and_then(|(_, v)| v.parse().ok())
            .ok_or_else(|| format!("GET {target}: no Content-Length"))?;
        while raw.len() < head_end + len {
            let n = s
                .read(&mut chunk)
                .map_err(|e| format!("GET {target}: {e}"))?;
            if n == 0 {
                return Err(format!("GET {target}: body cut short"));
            }
            raw.extend_from_slice(&chunk[..n]);
        }
        Ok(Resp {
            status,
            headers,
            body: raw[head_end..head_end + len].to_vec(),
        })
    }
}

/// The crawler's view of the site through HTTP: 200 is found, 404 missing, 301/302 a redirect.
impl Fetch for Served {
    fn fetch(&self, path: &str, _body: bool) -> Result<Fetched, CrawlError> {
        let fail = |msg: String| CrawlError::Fetch {
            url: path.to_owned(),
            msg,
        };
        let Resp {
            status,
            headers,
            body,
        } = self.get(&crawl::url::encode_path(path)).map_err(fail)?;
        match status {
            200 => Ok(Fetched::Found(body)),
            404 => Ok(Fetched::Missing),
            301 | 302 | 307 | 308 => {
                let location = headers
                    .iter()
                    .find(|(k, _)| k == "location")
                    .map(|(_, v)| v.clone())
                    .ok_or_else(|| fail(format!("{status} without Location")))?;
                crawl::url::decode(&location)
                    .map(Fetched::Redirect)
                    .ok_or_else(|| fail(format!("undecodable Location {location:?}")))
            }
            other => Err(fail(format!("unexpected status {other}"))),
        }
    }
}

/// The URL path of every file of `dir` a reader can reach: all but the `page/1/` stubs, which
/// exist for readers who type the address and are linked from nowhere.
fn reachable_paths(dir: &Path, base_path: &str) -> Vec<String> {
    let mut paths: Vec<String> = list_files(dir)
        .into_iter()
        .filter(|f| !f.ends_with("page/1/index.html"))
        .map(|f| match f.strip_suffix("index.html") {
            Some(folder) => format!("{base_path}{folder}"),
            None => format!("{base_path}{f}"),
        })
        .collect();
    paths.sort();
    paths
}

/// Serves the site built for `base_url` under `base_path`, crawls it over HTTP from the home page,
/// and asserts that nothing is broken, nothing leaves `base_path`, and every page is reached.
fn crawl_served(base_url: &str, base_path: &str) -> (SiteTest, Served, CrawlReport) {
    let site = built_for(base_url);
    let served = Served::start(&site.public(), base_path);
    let report = crawl::crawl(base_url, &served).unwrap_or_else(|e| panic!("crawl failed: {e}"));
    let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        problems.is_empty(),
        "{} broken links over HTTP:\n{}",
        problems.len(),
        problems.join("\n")
    );
    let outside: Vec<&String> = report
        .reached
        .iter()
        .filter(|p| !p.starts_with(base_path))
        .collect();
    assert!(
        outside.is_empty(),
        "reached outside {base_path}: {outside:?}"
    );
    assert!(report.pages > 30, "only {} pages crawled", report.pages);
    assert!(report.links > 500, "only {} links checked", report.links);
    let reached: Vec<String> = report.reached.iter().cloned().collect();
    assert_eq!(
        reached,
        reachable_paths(&site.public(), base_path),
        "the crawl from the home page and the files of public/ differ"
    );
    (site, served, report)
}

/// GETs an address that does not exist, deep under the base path, and checks that the 404 page
/// comes back and every internal link on it works from there.
fn assert_not_found_page_works_deep(served: &Served, base_url: &str, base_path: &str) {
    let deep = format!("{base_path}no/such/deep/page/");
    let resp = served.get(&deep).unwrap();
    assert_eq!(resp.status, 404, "GET {deep}");
    let html = String::from_utf8(resp.body).unwrap();
    assert!(
        html.contains("页面未找到"),
        "GET {deep} did not give 404.html:\n{html}"
    );
    let here = crawl::url::Url::parse(base_url)
        .unwrap()
        .join(&deep)
        .unwrap();
    let crawl::url::Target::Web(here) = here else {
        panic!("{deep} is not a web URL")
    };
    let links = crawl::extract::html(&html).links;
    let mut internal = 0;
    for link in &links {
        let Some(crawl::url::Target::Web(u)) = here.join(link) else {
            continue;
        };
        if u.host != here.host || u.path == here.path {
            continue;
        }
        internal += 1;
        assert!(u.path.starts_with(base_path), "404 page link {link} → {u}");
        let status = served.get(&u.path).unwrap().status;
        assert_eq!(status, 200, "404 page link {link} → {u} at {deep}");
    }
    assert!(
        internal >= 10,
        "only {internal} internal links on the 404 page: {links:?}"
    );
}

#[test]
fn project_site_under_its_repo_path_has_no_broken_or_escaping_link() {
    let (site, served, report) = crawl_served(BASE_URL, "/xietong/");
    assert!(report.reached.contains("/xietong/img/gangkou.svg"));
    assert!(report.reached.contains("/xietong/sitemap.xml"));
    assert!(report.reached.contains("/xietong/carbon/lianjie/"));
    assert_eq!(report.external["https://www.hebnews.cn/"].count, 1);
    assert_eq!(
        report.external["https://www.hebnews.cn/"].first_page,
        "/xietong/carbon/lianjie/"
    );
    assert_not_found_page_works_deep(&served, BASE_URL, "/xietong/");
    // The same output through the command, reading the folder instead of HTTP.
    site.run(&["check", "--links"])
        .success()
        .stdout_has(&format!("读了 {} 个页面", report.pages));
}

#[test]
fn custom_domain_site_at_the_root_has_no_broken_link() {
    let (site, served, _) = crawl_served(ROOT_URL, "/");
    assert_not_found_page_works_deep(&served, ROOT_URL, "/");
    site.run(&["check", "--links", "--base-url", ROOT_URL])
        .success();
}

#[test]
fn check_links_names_the_page_of_a_broken_link() {
    let site = SiteTest::from_fixture("basic");
    site.linking_article(
        "参见[此前报道](/industry/bu-cun-zai/)和[河间职教](/talent/hejian-zhijiao/)。\n",
    );
    site.build_ok();
    let run = site.run(&["check", "--links"]).failure();
    run.stderr_has(&[
        "页面 /xietong/carbon/lianjie/ 中的链接 `/xietong/industry/bu-cun-zai/`",
        "目标不存在（输出中没有 industry/bu-cun-zai/index.html）",
        "提示：检查链接是否写错",
        "错误：1 个链接有问题",
    ]);
    run.stderr_lacks(&["hejian-zhijiao"]);
}

#[test]
fn check_links_reports_a_link_that_escapes_the_base_path() {
    let site = SiteTest::from_fixture("basic");
    // Three levels up from /xietong/carbon/lianjie/ is the domain root: fine at a custom domain,
    // another site under GitHub Pages' project path.
    site.linking_article("参见[原文](../../../yuanwen/)。\n");
    site.build_ok();
    site.run(&["check", "--links"]).failure().stderr_has(&[
        "页面 /xietong/carbon/lianjie/ 中的链接 `../../../yuanwen/`：跳出了站点路径 /xietong/",
        "→ https://example.github.io/yuanwen/",
        "{{ site.base_path }}",
    ]);
}

#[test]
fn check_links_lists_external_links_only_when_asked() {
    let site = built_for(BASE_URL);
    site.run(&["check", "--links"])
        .success()
        .stdout_has("外部链接 1 个（1 个网站），未访问；加 --external 列出");
    site.run(&["check", "--links", "--external"])
        .success()
        .stdout_has("外部链接 https://www.hebnews.cn/（1 处，首见于 /xietong/carbon/lianjie/）");
}

#[test]
fn check_links_refuses_an_output_built_for_another_base_url() {
    let site = SiteTest::from_fixture("basic");
    site.build_ok();
    site.run(&["check", "--links", "--base-url", ROOT_URL])
        .failure()
        .stderr_has(&[
            "网站是按 base_url https://example.github.io/xietong/ 生成的",
            "--base-url https://example.github.io/xietong/",
        ]);
}

#[test]
fn check_links_without_a_build_says_to_build_first() {
    let site = SiteTest::from_fixture("basic");
    site.run(&["check", "--links"])
        .failure()
        .stderr_has(&["没有 index.html", "xietong build"]);
    let out = site.root().join("elsewhere");
    site.run(&["build", "--out", out.to_str().unwrap()])
        .success();
    site.run(&["check", "--links", "--out", out.to_str().unwrap()])
        .success();
}

#[test]
fn cname_writes_the_custom_domain() {
    let site = SiteTest::from_fixture("basic");
    site.build_ok();
    assert!(!site.exists("CNAME"), "CNAME written without cname");
    site.config("cname", "\"news.example.cn\"");
    site.build_ok();
    assert_eq!(site.read("CNAME"), "news.example.cn\n");
    assert!(
        !site.read("sitemap.xml").contains("CNAME"),
        "CNAME is not a page"
    );
}

#[test]
fn cname_with_a_scheme_is_refused_naming_site_toml() {
    let site = SiteTest::from_fixture("basic");
    site.config("cname", "\"https://news.example.cn/\"");
    site.build().failure().stderr_has(&[
        "site.toml: cname `https://news.example.cn/` 不是有效的自定义域名",
        "cname = \"news.example.cn\"",
    ]);
}
