//! The crawler on small sites held in memory, published under `/xietong/`.

use std::collections::BTreeMap;

use super::*;

const BASE: &str = "https://example.github.io/xietong/";

/// A site in memory: site-absolute paths (under `/xietong/`) to their text. A folder path
/// without its slash redirects, as on a static host.
struct Memory(BTreeMap<String, String>);

impl Memory {
    fn new(files: &[(&str, &str)]) -> Memory {
        Memory(
            files
                .iter()
                .map(|(p, t)| (format!("/xietong/{p}"), t.to_string()))
                .collect(),
        )
    }
}

impl Fetch for Memory {
    fn fetch(&self, path: &str, body: bool) -> Result<Fetched, CrawlError> {
        let file = if path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_owned()
        };
        Ok(match self.0.get(&file) {
            Some(text) if body => Fetched::Found(text.clone().into_bytes()),
            Some(_) => Fetched::Found(Vec::new()),
            None if self.0.contains_key(&format!("{path}/index.html")) => {
                Fetched::Redirect(format!("{path}/"))
            }
            None => Fetched::Missing,
        })
    }
}

fn page(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><link rel=\"canonical\" href=\"{BASE}\">\
         <link rel=\"stylesheet\" href=\"/xietong/css/style.css\"></head><body>{body}</body></html>"
    )
}

fn article(body: &str) -> String {
    format!("<!DOCTYPE html><html><head></head><body>{body}</body></html>")
}

fn crawl_site(files: &[(&str, &str)]) -> CrawlReport {
    crawl(BASE, &Memory::new(files)).unwrap()
}

/// `(page, link, reason)` of every problem, for compact assertions.
fn problems(r: &CrawlReport) -> Vec<(String, String, String)> {
    r.problems
        .iter()
        .map(|p| (p.page.clone(), p.link.clone(), p.reason.to_string()))
        .collect()
}

#[test]
fn a_sound_site_is_crawled_from_the_home_page() {
    let home = page(
        "<a href=\"/xietong/carbon/a/\">甲</a><a href=\"topics/\">专题</a>\
         <a href=\"https://www.hebnews.cn/x\">外部</a><a href=\"mailto:bianjibu@example.cn\">信</a>",
    );
    let r = crawl_site(&[
        ("index.html", &home),
        (
            "carbon/a/index.html",
            &article("<main id=\"zheng-wen\"><a href=\"../../\">首页</a><a href=\"https://www.hebnews.cn/x#p\">同一外链</a></main>"),
        ),
        ("topics/index.html", &article("<a href=\"../carbon/a/#zheng-wen\">甲</a>")),
        ("orphan/index.html", &article("没有链接指向这里")),
        ("css/style.css", "body { background: url(../img/bg.png) }"),
        ("img/bg.png", "PNG"),
    ]);
    assert!(r.problems.is_empty(), "{:?}", problems(&r));
    assert_eq!(r.pages, 3);
    let reached: Vec<&str> = r.reached.iter().map(String::as_str).collect();
    assert_eq!(
        reached,
        [
            "/xietong/",
            "/xietong/carbon/a/",
            "/xietong/css/style.css",
            "/xietong/img/bg.png",
            "/xietong/topics/"
        ]
    );
    assert_eq!(r.external.len(), 1);
    assert_eq!(r.external["https://www.hebnews.cn/x"].count, 2);
    assert_eq!(
        r.external["https://www.hebnews.cn/x"].first_page,
        "/xietong/"
    );
    assert_eq!(r.external_hosts(), 1);
}

#[test]
fn a_missing_target_is_named_with_its_page_and_file() {
    let r = crawl_site(&[
        ("index.html", &page("<a href=\"/xietong/carbon/a/\">甲</a>")),
        (
            "carbon/a/index.html",
            &article("见<a href=\"/xietong/industry/bu-cun-zai/\">此前报道</a>"),
        ),
        ("css/style.css", ""),
    ]);
    assert_eq!(
        problems(&r),
        [(
            "/xietong/carbon/a/".to_string(),
            "/xietong/industry/bu-cun-zai/".to_string(),
            "目标不存在（输出中没有 industry/bu-cun-zai/index.html）".to_string()
        )]
    );
    assert_eq!(
        r.problems[0].resolved,
        "https://example.github.io/xietong/industry/bu-cun-zai/"
    );
}

#[test]
fn a_link_repeated_on_a_page_is_reported_once_per_page() {
    let bad = "<a href=\"/xietong/topicz/\">专题</a>";
    let r = crawl_site(&[
        (
            "index.html",
            &page(&format!("{bad}{bad}<a href=\"a/\">甲</a>")),
        ),
        ("css/style.css", ""),
        ("a/index.html", &article(bad)),
    ]);
    let pages: Vec<&str> = r.problems.iter().map(|p| p.page.as_str()).collect();
    assert_eq!(pages, ["/xietong/", "/xietong/a/"]);
}

#[test]
fn a_link_that_leaves_the_base_path_is_reported_even_if_the_file_exists() {
    // `/css/style.css` is the classic mistake: right at a domain root, wrong under /xietong/.
    let r = crawl_site(&[
        (
            "index.html",
            &page("<link rel=\"icon\" href=\"/css/style.css\"><a href=\"../\">上一级</a>"),
        ),
        ("css/style.css", ""),
    ]);
    assert_eq!(
        problems(&r),
        [
            (
                "/xietong/".to_string(),
                "/css/style.css".to_string(),
                "跳出了站点路径 /xietong/，发布后会指向别的网站内容".to_string()
            ),
            (
                "/xietong/".to_string(),
                "../".to_string(),
                "跳出了站点路径 /xietong/，发布后会指向别的网站内容".to_string()
            ),
        ]
    );
}

#[test]
fn other_scheme_or_port_on_the_same_host_is_reported() {
    let r = crawl_site(&[
        (
            "index.html",
            &page("<a href=\"http://example.github.io/xietong/\">http</a>"),
        ),
        ("css/style.css", ""),
    ]);
    assert_eq!(r.problems.len(), 1, "{:?}", problems(&r));
    assert_eq!(
        r.problems[0].reason,
        Reason::Origin {
            expected: "https://example.github.io".into()
        }
    );
}

#[test]
fn not_found_page_is_checked_where_the_host_shows_it() {
    // Relative links in 404.html work at the site root but not at /xietong/no/such/page/.
    let nf = article("<a href=\"topics/\">专题</a><a href=\"/xietong/\">首页</a><a href=\"#main\">正文</a><main id=\"main\"></main>");
    let r = crawl_site(&[
        ("index.html", &page("")),
        ("css/style.css", ""),
        ("topics/index.html", &article("")),
        ("404.html", &nf),
    ]);
    assert_eq!(
        problems(&r),
        [(
            "/xietong/404.html（显示在 /xietong/no/such/page/ 时）".to_string(),
            "topics/".to_string(),
            "目标不存在（输出中没有 no/such/page/topics/index.html）".to_string()
        )]
    );
    assert!(r.reached.contains("/xietong/404.html"));
    assert!(
        r.reached.contains("/xietong/topics/"),
        "404.html's links are followed"
    );
}

#[test]
fn sitemap_robots_and_feeds_are_followed() {
    let r = crawl_site(&[
        ("index.html", &page("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/xietong/atom.xml\">")),
        ("css/style.css", ""),
        ("robots.txt", "User-agent: *\nSitemap: https://example.github.io/xietong/sitemap.xml\n"),
        ("sitemap.xml", "<sitemapindex><sitemap><loc>https://example.github.io/xietong/sitemap-1.xml</loc></sitemap></sitemapindex>"),
        ("sitemap-1.xml", "<urlset><url><loc>https://example.github.io/xietong/only-in-sitemap/</loc></url></urlset>"),
        ("atom.xml", "<feed><link rel=\"self\" href=\"https://example.github.io/xietong/atom.xml\"/><entry><link href=\"https://example.github.io/xietong/gone/\"/></entry></feed>"),
    ]);
    assert!(r.reached.contains("/xietong/sitemap-1.xml"));
    // Breadth-first: the feed is linked from the home page, the sitemap part only via robots.txt.
    assert_eq!(
        problems(&r),
        [
            (
                "/xietong/atom.xml".to_string(),
                "https://example.github.io/xietong/gone/".to_string(),
                "目标不存在（输出中没有 gone/index.html）".to_string()
            ),
            (
                "/xietong/sitemap-1.xml".to_string(),
                "https://example.github.io/xietong/only-in-sitemap/".to_string(),
                "目标不存在（输出中没有 only-in-sitemap/index.html）".to_string()
            ),
        ]
    );
}

#[test]
fn folders_without_a_slash_redirect_and_pages_resolve_from_there() {
    let r = crawl_site(&[
        (
            "index.html",
            &page("<a href=\"/xietong/topics\">专题</a><a href=\"/xietong\">首页</a>"),
        ),
        ("css/style.css", ""),
        (
            "topics/index.html",
            &article("<a href=\"carbon/\">绿色低碳</a>"),
        ),
        ("topics/carbon/index.html", &article("")),
    ]);
    assert!(r.problems.is_empty(), "{:?}", problems(&r));
    assert!(r.reached.contains("/xietong/topics/carbon/"));
}

#[test]
fn fragments_must_name_an_element_of_their_page() {
    let r = crawl_site(&[
        (
            "index.html",
            &page("<h2 id=\"bei-jing\"></h2><a href=\"#bei-jing\">背景</a><a href=\"#top\">顶部</a>\
                   <a href=\"#mei-you\">无</a><a href=\"carbon/a/#zhu-1\">注</a><a href=\"carbon/a/#fn-9\">无注</a>"),
        ),
        ("css/style.css", ""),
        ("carbon/a/index.html", &article("<sup id=\"zhu-1\"></sup>")),
    ]);
    let found: Vec<String> = r.problems.iter().map(|p| p.link.clone()).collect();
    assert_eq!(found, ["#mei-you", "carbon/a/#fn-9"]);
    assert_eq!(r.problems[1].reason, Reason::NoAnchor { id: "fn-9".into() });
}

#[test]
fn a_site_built_for_another_base_url_is_refused() {
    let home = page("").replace(BASE, "http://127.0.0.1:8000/");
    let e = crawl(BASE, &Memory::new(&[("index.html", &home)])).unwrap_err();
    assert!(
        matches!(&e, CrawlError::BaseMismatch { built, .. } if built == "http://127.0.0.1:8000/"),
        "{e}"
    );
    assert!(
        e.to_string().contains("--base-url http://127.0.0.1:8000/"),
        "{e}"
    );
}

#[test]
fn no_home_page_is_an_error() {
    let e = crawl(BASE, &Memory::new(&[("about/index.html", "")])).unwrap_err();
    assert!(matches!(e, CrawlError::NoHome { .. }), "{e}");
    assert!(matches!(
        crawl("/xietong/", &Memory::new(&[])),
        Err(CrawlError::BaseUrl { .. })
    ));
}

#[test]
fn malformed_links_are_reported() {
    let r = crawl_site(&[
        ("index.html", &page("<a href=\"/xietong/%E4%B8\">坏编码</a><a href=\"https://example.github.io:x/\">坏端口</a>")),
        ("css/style.css", ""),
    ]);
    let reasons: Vec<&Reason> = r.problems.iter().map(|p| &p.reason).collect();
    assert_eq!(reasons, [&Reason::Malformed, &Reason::Malformed]);
}

#[test]
fn disk_maps_paths_like_a_static_host() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("topics/carbon")).unwrap();
    std::fs::write(dir.join("index.html"), "首页").unwrap();
    std::fs::write(dir.join("topics/index.html"), "专题").unwrap();
    std::fs::write(dir.join("atom.xml"), "<feed/>").unwrap();
    let disk = Disk::new(dir, "/xietong/");
    let get = |p: &str| disk.fetch(p, true).unwrap();
    assert_eq!(get("/xietong/"), Fetched::Found("首页".as_bytes().to_vec()));
    assert_eq!(
        get("/xietong/topics/"),
        Fetched::Found("专题".as_bytes().to_vec())
    );
    assert_eq!(
        get("/xietong/topics"),
        Fetched::Redirect("/xietong/topics/".into())
    );
    assert_eq!(get("/xietong"), Fetched::Redirect("/xietong/".into()));
    assert_eq!(
        get("/xietong/atom.xml"),
        Fetched::Found(b"<feed/>".to_vec())
    );
    assert_eq!(
        disk.fetch("/xietong/atom.xml", false).unwrap(),
        Fetched::Found(Vec::new())
    );
    for missing in [
        "/xietong/topics/carbon/",
        "/xietong/topics/carbon",
        "/xietong/nope.css",
        "/index.html",
        "/xietong/../etc/passwd",
        "/xietong/a\\b",
    ] {
        assert_eq!(get(missing), Fetched::Missing, "{missing}");
    }
}

#[test]
fn check_dir_wants_a_built_site() {
    let e = check_dir(Path::new("/nonexistent/xietong-public"), BASE).unwrap_err();
    assert!(matches!(e, CrawlError::NoSite { .. }), "{e}");
    assert!(e.to_string().contains("xietong build"), "{e}");
}
