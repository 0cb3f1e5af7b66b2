//! List pages at the edges of `per_page` (20 by default): 0, 1, 20 and 21 items, the links between
//! pages, and the `page/1/` stubs that send readers back to a list's first page.

use std::collections::BTreeSet;

use crate::util::{assert_has, links, main_of, SiteTest, BASE};

/// A site with 21 industry articles (all in 沧州), 20 innovation, 1 carbon and no talent articles.
fn site() -> SiteTest {
    let site = SiteTest::new();
    site.articles(21, "industry", "cz", &["cangzhou"])
        .articles(20, "innovation", "cx", &[])
        .articles(1, "carbon", "tc", &[]);
    site.build_ok();
    site
}

/// The distinct article pages of `topic` that the `<main>` of `html` links to.
fn article_links(html: &str, topic: &str) -> BTreeSet<String> {
    let prefix = format!("{BASE}{topic}/");
    links(main_of(html))
        .into_iter()
        .filter(|l| l.starts_with(&prefix))
        .collect()
}

/// The `href` of the element carrying `rel="<rel>"` inside `<main>`, if any.
fn rel_link(html: &str, rel: &str) -> Option<String> {
    let main = main_of(html);
    let at = main.find(&format!("rel=\"{rel}\""))?;
    let start = main[..at].rfind('<').unwrap();
    let end = at + main[at..].find('>').unwrap();
    links(&main[start..=end]).into_iter().next()
}

#[test]
fn empty_topic_has_one_empty_page() {
    let site = site();
    let html = site.read("topics/talent/index.html");
    assert_has("empty topic page", main_of(&html), "暂无报道");
    assert_eq!(article_links(&html, "talent").len(), 0);
    assert!(!site.exists("topics/talent/page/2/index.html"));
    assert_eq!(rel_link(&html, "next"), None);
}

#[test]
fn one_article_is_one_page() {
    let site = site();
    let html = site.read("topics/carbon/index.html");
    assert_eq!(article_links(&html, "carbon").len(), 1);
    assert!(!site.exists("topics/carbon/page/2/index.html"));
}

#[test]
fn twenty_articles_fit_on_one_page() {
    let site = site();
    let html = site.read("topics/innovation/index.html");
    assert_eq!(article_links(&html, "innovation").len(), 20);
    assert!(!site.exists("topics/innovation/page/2/index.html"));
    assert_eq!(
        rel_link(&html, "next"),
        None,
        "a single page links to a next page"
    );
}

#[test]
fn twenty_one_articles_make_two_pages() {
    let site = site();
    let first = article_links(&site.read("topics/industry/index.html"), "industry");
    assert_eq!(first.len(), 20);
    let second = article_links(&site.read("topics/industry/page/2/index.html"), "industry");
    // Newest first: the 21st (oldest) article is the one left for page 2.
    assert_eq!(second, BTreeSet::from([format!("{BASE}industry/cz-021/")]));
    assert!(first.is_disjoint(&second));
    assert!(!site.exists("topics/industry/page/3/index.html"));
}

#[test]
fn pages_link_to_each_other() {
    let site = site();
    let first = site.read("topics/industry/index.html");
    let second = site.read("topics/industry/page/2/index.html");
    assert_eq!(
        rel_link(&first, "next").as_deref(),
        Some(&*format!("{BASE}topics/industry/page/2/"))
    );
    assert_eq!(rel_link(&first, "prev"), None);
    assert_eq!(
        rel_link(&second, "prev").as_deref(),
        Some(&*format!("{BASE}topics/industry/"))
    );
    assert_eq!(rel_link(&second, "next"), None);
}

#[test]
fn page_one_stub_redirects_to_the_list() {
    let site = site();
    let stub = site.read("topics/industry/page/1/index.html");
    let target = format!("{BASE}topics/industry/");
    assert_has("page/1 stub", &stub, &format!("url={target}\""));
    assert_has("page/1 stub", &stub, &format!("href=\"{target}\""));
    // Even a topic with no articles has its stub.
    assert_has(
        "page/1 stub",
        &site.read("topics/talent/page/1/index.html"),
        &format!("url={BASE}topics/talent/\""),
    );
}

#[test]
fn region_lists_paginate_too() {
    let site = site();
    for list in [
        "regions/hebei/",
        "regions/hebei/cangzhou/",
        "regions/hebei/cangzhou/industry/",
    ] {
        let page2 = site.read(&format!("{list}page/2/index.html"));
        assert_eq!(
            article_links(&page2, "industry"),
            BTreeSet::from([format!("{BASE}industry/cz-021/")]),
            "{list}page/2/"
        );
        assert!(
            !site.exists(&format!("{list}page/3/index.html")),
            "{list}page/3/"
        );
        assert_eq!(
            rel_link(&page2, "prev").as_deref(),
            Some(&*format!("{BASE}{list}")),
            "{list}page/2/"
        );
    }
    assert_has(
        "region stub",
        &site.read("regions/hebei/page/1/index.html"),
        &format!("url={BASE}regions/hebei/\""),
    );
}

#[test]
fn per_page_setting_is_honoured() {
    let site = SiteTest::new();
    site.config("per_page", "2");
    site.articles(5, "carbon", "tc", &[]);
    site.build_ok();
    assert_eq!(
        article_links(&site.read("topics/carbon/page/3/index.html"), "carbon"),
        BTreeSet::from([format!("{BASE}carbon/tc-005/")])
    );
    assert!(!site.exists("topics/carbon/page/4/index.html"));
}
