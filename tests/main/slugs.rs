//! Article URLs: slugs from Chinese titles take `-2`, `-3` … on a collision, in path order whatever
//! the dates; hand-written slugs claim their URL first, and a duplicate one is an error.

use crate::util::{assert_has, main_of, Article, SiteTest};

const SLUG: &str = "cang-zhou-gang-kou-xie-zuo";

/// Two articles titled 沧州港口协作 in Chinese-named files, `沧州一.md` (sorts first) and `沧州二.md`.
fn twins(date_one: &str, date_two: &str) -> SiteTest {
    let site = SiteTest::new();
    site.write(
        "content/industry/沧州一.md",
        &Article::new("沧州港口协作")
            .date(date_one)
            .body("第一篇正文。\n")
            .toml(),
    );
    site.write(
        "content/industry/沧州二.md",
        &Article::new("沧州港口协作")
            .date(date_two)
            .body("第二篇正文。\n")
            .toml(),
    );
    site.build_ok();
    site
}

fn assert_slugs_by_path_order(site: &SiteTest) {
    assert_has(
        "first in path order",
        main_of(&site.read(&format!("industry/{SLUG}/index.html"))),
        "第一篇正文。",
    );
    assert_has(
        "second in path order",
        main_of(&site.read(&format!("industry/{SLUG}-2/index.html"))),
        "第二篇正文。",
    );
    assert!(!site.exists(&format!("industry/{SLUG}-3/index.html")));
}

#[test]
fn same_titles_get_numbered_slugs_in_path_order() {
    assert_slugs_by_path_order(&twins("2024-04-18", "2024-05-01"));
}

#[test]
fn numbered_slugs_do_not_depend_on_dates() {
    assert_slugs_by_path_order(&twins("2024-05-01", "2024-04-18"));
}

#[test]
fn same_slug_in_different_topics_is_fine() {
    let site = SiteTest::new();
    site.article(
        "industry",
        "gangkou",
        &Article::new("沧州港口协作").body("产业正文。\n"),
    );
    site.article(
        "carbon",
        "gangkou",
        &Article::new("绿色港口")
            .topics(&["carbon"])
            .body("低碳正文。\n"),
    );
    site.build_ok();
    assert_has(
        "industry",
        &site.read("industry/gangkou/index.html"),
        "产业正文。",
    );
    assert_has(
        "carbon",
        &site.read("carbon/gangkou/index.html"),
        "低碳正文。",
    );
}

#[test]
fn explicit_slug_is_never_displaced() {
    let site = SiteTest::new();
    // 沧州一.md sorts before 沧州乙.md, but the hand-written slug still wins the plain URL.
    site.write(
        "content/industry/沧州一.md",
        &Article::new("沧州港口协作").body("标题生成。\n").toml(),
    );
    site.write(
        "content/industry/沧州乙.md",
        &Article::new("另一篇")
            .text("slug", SLUG)
            .body("手写。\n")
            .toml(),
    );
    site.build_ok();
    assert_has(
        "explicit",
        main_of(&site.read(&format!("industry/{SLUG}/index.html"))),
        "手写。",
    );
    assert_has(
        "derived",
        main_of(&site.read(&format!("industry/{SLUG}-2/index.html"))),
        "标题生成。",
    );
}

#[test]
fn duplicate_explicit_slugs_name_both_files() {
    let site = SiteTest::new();
    site.article("industry", "a", &Article::new("甲").text("slug", "gangkou"));
    site.article("industry", "b", &Article::new("乙").text("slug", "gangkou"));
    site.build().failure().stderr_has(&[
        "slug `gangkou` is already used by content/industry/a.md",
        "content/industry/b.md:4:8",
        "help: give one of the two articles a different slug",
    ]);
}

#[test]
fn explicit_slug_equal_to_another_file_name_is_an_error() {
    let site = SiteTest::new();
    site.article("industry", "gangkou", &Article::new("甲"));
    site.article(
        "industry",
        "other",
        &Article::new("乙").text("slug", "gangkou"),
    );
    site.build().failure().stderr_has(&[
        "slug `gangkou` is already used by content/industry/gangkou.md",
        "content/industry/other.md",
    ]);
}

#[test]
fn duplicate_page_slugs_are_an_error() {
    let site = SiteTest::new();
    site.write(
        "content/pages/about.md",
        "+++\ntitle = \"关于本刊\"\n+++\n第一页。\n",
    );
    site.write(
        "content/pages/guanyu.md",
        "+++\ntitle = \"关于我们\"\nslug = \"about\"\n+++\n第二页。\n",
    );
    site.build().failure().stderr_has(&[
        "about",
        "content/pages/about.md",
        "content/pages/guanyu.md",
    ]);
}
