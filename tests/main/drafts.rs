//! Drafts: `draft = true` articles are left out of every page, list, feed and the sitemap unless
//! the build is run with `--drafts`.

use crate::util::{assert_has, assert_lacks, main_of, Article, SiteTest};

const DRAFT_URL: &str = "/xietong/industry/caogao/";

fn site() -> SiteTest {
    let site = SiteTest::from_fixture("basic");
    site.article(
        "industry",
        "caogao",
        &Article::new("未定稿：廊坊物流园")
            .date("2024-09-30")
            .regions(&["langfang"])
            .raw("draft", "true")
            .raw("review", "[\"核对园区面积\"]"),
    );
    site
}

#[test]
fn drafts_are_left_out_by_default() {
    let site = site();
    site.build_ok();
    assert!(!site.exists("industry/caogao/index.html"));
    assert!(
        !site.exists("regions/hebei/langfang/index.html"),
        "a place with only a draft got a page"
    );
    assert!(
        !site.exists("archive/2024/09/index.html"),
        "a month with only a draft got a page"
    );
    for page in [
        "index.html",
        "topics/industry/index.html",
        "regions/hebei/index.html",
    ] {
        assert_lacks(page, main_of(&site.read(page)), DRAFT_URL);
    }
    for file in ["atom.xml", "topics/industry/atom.xml", "sitemap.xml"] {
        assert_lacks(file, &site.read(file), "caogao");
    }
}

#[test]
fn drafts_flag_includes_them() {
    let site = site();
    site.run(&["build", "--drafts"]).success();
    let html = site.read("industry/caogao/index.html");
    assert_has("draft", main_of(&html), "未定稿：廊坊物流园");
    assert_has("draft", main_of(&html), "核对园区面积");
    assert_has(
        "topic list",
        main_of(&site.read("topics/industry/index.html")),
        DRAFT_URL,
    );
    assert_has(
        "廊坊",
        main_of(&site.read("regions/hebei/langfang/index.html")),
        DRAFT_URL,
    );
    assert_has("sitemap", &site.read("sitemap.xml"), "industry/caogao/");
}

#[test]
fn review_notes_of_published_articles_are_never_shown() {
    let site = SiteTest::new();
    site.article(
        "industry",
        "a",
        &Article::new("沧州港口协作").raw("review", "[\"核对人名\"]"),
    );
    site.run(&["build", "--drafts"]).success();
    assert_lacks("article", &site.read("industry/a/index.html"), "核对人名");
}
