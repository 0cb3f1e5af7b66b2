//! Atom feeds for the site, each topic and each place; `sitemap.xml` with absolute URLs under
//! `base_url`; `robots.txt` naming the sitemap.

use crate::util::{assert_has, assert_lacks, count, SiteTest, BASE_URL};

fn built() -> SiteTest {
    let site = SiteTest::from_fixture("basic");
    site.build_ok();
    site
}

const ARTICLES: [&str; 5] = [
    "industry/cangzhou-gangkou/",
    "talent/hejian-zhijiao/",
    "industry/hebeiqu-shangquan/",
    "carbon/tongzhou-lvse-tongqin/",
    "innovation/haidian-shuju/",
];

/// The `<id>` of every entry of an Atom feed, in order.
fn entry_ids(feed: &str) -> Vec<String> {
    feed.split("<entry>")
        .skip(1)
        .map(|e| {
            let start = e.find("<id>").expect("an entry without <id>") + 4;
            e[start..start + e[start..].find("</id>").unwrap()].to_string()
        })
        .collect()
}

fn url(path: &str) -> String {
    format!("{BASE_URL}{path}")
}

#[test]
fn site_feed_lists_every_article_newest_first() {
    let site = built();
    let feed = site.read("atom.xml");
    assert!(feed.starts_with("<?xml"), "{feed}");
    assert_has(
        "atom.xml",
        &feed,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"",
    );
    assert_has(
        "atom.xml",
        &feed,
        &format!(
            "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
            url("atom.xml")
        ),
    );
    let newest_first: Vec<String> = ARTICLES.iter().rev().map(|p| url(p)).collect();
    assert_eq!(entry_ids(&feed), newest_first);
}

#[test]
fn topic_feed_lists_the_topic_only() {
    let site = built();
    let feed = site.read("topics/industry/atom.xml");
    // 沧州港口协作 is filed under industry and carbon; the carbon feed has it too.
    assert_eq!(
        entry_ids(&feed),
        vec![
            url("industry/hebeiqu-shangquan/"),
            url("industry/cangzhou-gangkou/")
        ]
    );
    assert_eq!(
        entry_ids(&site.read("topics/carbon/atom.xml")),
        vec![
            url("carbon/tongzhou-lvse-tongqin/"),
            url("industry/cangzhou-gangkou/")
        ]
    );
    assert_has(
        "industry feed",
        &feed,
        "<title>产业协作 · 京津冀协同观察</title>",
    );
}

#[test]
fn region_feed_rolls_up_places_below() {
    let site = built();
    assert_eq!(
        entry_ids(&site.read("regions/hebei/atom.xml")),
        vec![
            url("talent/hejian-zhijiao/"),
            url("industry/cangzhou-gangkou/")
        ]
    );
    assert_eq!(
        entry_ids(&site.read("regions/hebei/cangzhou/hejian/atom.xml")),
        vec![url("talent/hejian-zhijiao/")]
    );
    assert_eq!(
        entry_ids(&site.read("regions/tianjin/atom.xml")),
        vec![url("industry/hebeiqu-shangquan/")]
    );
}

#[test]
fn empty_topic_still_has_a_valid_feed() {
    let site = SiteTest::new();
    site.build_ok();
    let feed = site.read("topics/talent/atom.xml");
    assert_has(
        "empty feed",
        &feed,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"",
    );
    assert_has("empty feed", &feed, "<updated>");
    assert_eq!(count(&feed, "<entry>"), 0);
}

#[test]
fn feed_limit_caps_entries() {
    let site = SiteTest::new();
    site.config("feed_limit", "3");
    site.articles(5, "carbon", "tc", &[]);
    site.build_ok();
    let expect: Vec<String> = (1..=3).map(|i| url(&format!("carbon/tc-00{i}/"))).collect();
    assert_eq!(entry_ids(&site.read("atom.xml")), expect);
    assert_eq!(entry_ids(&site.read("topics/carbon/atom.xml")), expect);
}

#[test]
fn sitemap_lists_articles_as_absolute_urls() {
    let site = built();
    let map = site.read("sitemap.xml");
    for a in ARTICLES {
        assert_eq!(
            count(&map, &format!("<loc>{}</loc>", url(a))),
            1,
            "sitemap lists {a} once:\n{map}"
        );
    }
    assert_has("sitemap", &map, "<lastmod>2024-04-18</lastmod>");
    for loc in map.split("<loc>").skip(1) {
        assert!(
            loc.starts_with(BASE_URL),
            "a <loc> outside base_url: {}",
            &loc[..loc.find("</loc>").unwrap()]
        );
    }
    for listed in [
        "<loc>https://example.github.io/xietong/</loc>",
        "about/</loc>",
        "topics/industry/</loc>",
        "regions/hebei/cangzhou/</loc>",
    ] {
        assert_has("sitemap", &map, listed);
    }
    for unlisted in ["404", "page/1/", "atom.xml", "robots.txt"] {
        assert_lacks("sitemap", &map, unlisted);
    }
}

#[test]
fn robots_names_the_sitemap() {
    let site = built();
    assert_has(
        "robots.txt",
        &site.read("robots.txt"),
        &format!("Sitemap: {}\n", url("sitemap.xml")),
    );
}
