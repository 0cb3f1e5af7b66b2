//! `xietong check`: loads, renders and link-checks the site without writing anything.

use crate::util::{list_files, SiteTest};

#[test]
fn check_succeeds_and_writes_nothing() {
    let site = SiteTest::from_fixture("basic");
    let before = list_files(site.root());
    site.run(&["check"]).success().stdout_has("检查通过");
    assert!(!site.public().exists(), "check created public/");
    assert_eq!(
        before,
        list_files(site.root()),
        "check changed the site folder"
    );
}

#[test]
fn check_reports_a_link_to_a_missing_article() {
    let site = SiteTest::from_fixture("basic");
    site.linking_article(
        "参见[此前报道](/industry/bu-cun-zai/)和[河间职教](/talent/hejian-zhijiao/)。\n",
    );
    let run = site.run(&["check"]).failure();
    run.stderr_has(&[
        "carbon/lianjie/index.html",
        "/xietong/industry/bu-cun-zai/",
        "names no file of the site",
        "1 个失效链接",
    ]);
    run.stderr_lacks(&["hejian-zhijiao"]);
    assert!(!site.public().exists(), "check created public/");
}

#[test]
fn check_accepts_links_between_articles() {
    let site = SiteTest::from_fixture("basic");
    site.linking_article(
        "参见[沧州](/industry/cangzhou-gangkou/)与[通州](../tongzhou-lvse-tongqin/)。\n",
    );
    site.run(&["check"]).success();
}

#[test]
fn check_reports_content_errors_like_build() {
    let site = SiteTest::from_fixture("basic");
    site.write("content/industry/bad.md", "+++\ntitle = \"缺日期\"\n+++\n");
    site.run(&["check"])
        .failure()
        .stderr_has(&["content/industry/bad.md:1:", "the article has no `date`"]);
    assert!(!site.public().exists());
}
