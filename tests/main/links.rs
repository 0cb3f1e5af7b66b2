//! Links under a base path: with `--base-url https://example.github.io/xietong/` every internal link
//! of every page starts with `/xietong/`, and the 404 page (served at any depth) links only that way.

use crate::util::{links, Article, SiteTest};

const OVERRIDE: &str = "https://example.github.io/xietong/";

/// The `basic` fixture published at the domain root by `site.toml`, plus an article whose body
/// has root-relative, relative-free and external links; built with `--base-url OVERRIDE`.
fn built_under_a_path() -> SiteTest {
    let site = SiteTest::from_fixture("basic");
    site.config("base_url", "\"https://digest.example.cn/\"");
    site.article(
        "carbon",
        "lianjie",
        &Article::new("港口减排进展").topics(&["carbon"]).regions(&["cangzhou"]).body(
            "参见[沧州](/industry/cangzhou-gangkou/)、[外部报道](https://www.hebnews.cn/)和[来信](mailto:bianjibu@example.cn)。\n\n![港口](/img/gangkou.png)\n\n## 小结\n\n完。[^1]\n\n[^1]: 注释。\n",
        ),
    );
    site.run(&["build", "--base-url", OVERRIDE]).success();
    site
}

/// Why `link` is not a proper internal link under `/xietong/`, if it is not.
fn problem(link: &str) -> Option<&'static str> {
    if link.starts_with('#') || link.starts_with("/xietong/") || link.starts_with(OVERRIDE) {
        None
    } else if link.contains("digest.example.cn") {
        Some("uses the base_url that --base-url replaced")
    } else if link.starts_with("https://")
        || link.starts_with("http://")
        || link.starts_with("mailto:")
    {
        None
    } else if link.starts_with('/') {
        Some("is root-absolute but outside /xietong/")
    } else {
        Some("is relative")
    }
}

#[test]
fn base_url_override_prefixes_every_internal_link() {
    let site = built_under_a_path();
    let mut bad = Vec::new();
    let mut checked = 0;
    for file in site.outputs().iter().filter(|f| f.ends_with(".html")) {
        for link in links(&site.read(file)) {
            checked += 1;
            if let Some(why) = problem(&link) {
                bad.push(format!("{file}: {link} {why}"));
            }
        }
    }
    assert!(checked > 1000, "only {checked} links found");
    assert!(
        bad.is_empty(),
        "{} bad links:\n{}",
        bad.len(),
        bad.join("\n")
    );
    let article = site.read("carbon/lianjie/index.html");
    for l in [
        "href=\"/xietong/industry/cangzhou-gangkou/\"",
        "src=\"/xietong/img/gangkou.png\"",
        "href=\"https://www.hebnews.cn/\"",
    ] {
        assert!(article.contains(l), "article lacks {l}");
    }
}

#[test]
fn base_url_override_reaches_feeds_and_sitemap() {
    let site = built_under_a_path();
    for file in site.outputs() {
        let text = site.read_bytes_lossy(&file);
        assert!(
            !text.contains("digest.example.cn"),
            "{file} still uses the replaced base_url"
        );
    }
    assert!(site
        .read("sitemap.xml")
        .contains("<loc>https://example.github.io/xietong/carbon/lianjie/</loc>"));
    assert!(site
        .read("atom.xml")
        .contains("href=\"https://example.github.io/xietong/carbon/lianjie/\""));
}

/// The links of the 404 page that do not start with the base path (fragments are fine: they stay
/// on the same document at any depth).
fn not_found_links_off_the_base_path(html: &str) -> Vec<String> {
    links(html)
        .into_iter()
        .filter(|l| !(l.starts_with("/xietong/") || l.starts_with('#')))
        .collect()
}

#[test]
fn not_found_page_has_no_relative_links() {
    let site = built_under_a_path();
    let html = site.read("404.html");
    assert!(
        links(&html).len() >= 10,
        "the 404 page has only {} links:\n{html}",
        links(&html).len()
    );
    // Absolute URLs of the site also work at any depth; only relative ones break.
    let bad: Vec<String> = not_found_links_off_the_base_path(&html)
        .into_iter()
        .filter(|l| !l.starts_with(OVERRIDE))
        .collect();
    assert!(
        bad.is_empty(),
        "404.html has links that break when served at another depth: {bad:?}"
    );
    for l in [
        "href=\"/xietong/\"",
        "href=\"/xietong/css/style.css\"",
        "href=\"/xietong/topics/\"",
    ] {
        assert!(html.contains(l), "404.html lacks {l}");
    }
}

#[test]
fn not_found_page_links_only_under_the_base_path() {
    let site = built_under_a_path();
    let bad = not_found_links_off_the_base_path(&site.read("404.html"));
    assert!(bad.is_empty(), "404.html links outside /xietong/: {bad:?}");
}

#[test]
fn each_page_names_the_site_feed_once() {
    let site = SiteTest::from_fixture("basic");
    site.build_ok();
    for page in ["index.html", "404.html", "about/index.html"] {
        let html = site.read(page);
        let feeds = html.matches("type=\"application/atom+xml\"").count();
        assert_eq!(
            feeds,
            1,
            "{page} links {feeds} feeds:\n{}",
            &html[..html.find("</head>").unwrap()]
        );
    }
}
