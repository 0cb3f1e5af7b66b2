//! Search: `build` writes the page, the box on every page and the index files under the base
//! path, within their size budget; `search = false` writes none of it; `serve` writes the same.

use crate::util::{assert_has, assert_lacks, Article, SiteTest, BASE};

/// The manifest of a built site.
fn manifest(site: &SiteTest) -> serde_json::Value {
    serde_json::from_str(&site.read("search/index/manifest.json")).expect("the manifest is JSON")
}

/// The files of the index folder with their sizes.
fn index_files(site: &SiteTest) -> Vec<(String, usize)> {
    site.outputs()
        .into_iter()
        .filter(|f| f.starts_with("search/index/"))
        .map(|f| {
            let len = std::fs::metadata(site.public().join(&f)).unwrap().len() as usize;
            (f, len)
        })
        .collect()
}

/// The shard that holds `term`: the last whose first term is not after it, compared as
/// JavaScript compares strings.
fn shard_of(m: &serde_json::Value, term: &str) -> usize {
    let firsts = m["shards"].as_array().unwrap();
    let t: Vec<u16> = term.encode_utf16().collect();
    firsts
        .iter()
        .rposition(|f| f.as_str().unwrap().encode_utf16().collect::<Vec<u16>>() <= t)
        .unwrap_or(0)
}

#[test]
fn build_writes_the_search_page_box_and_index() {
    let site = SiteTest::from_fixture("basic");
    site.build_ok();
    let page = site.read("search/index.html");
    assert_has("search page", &page, "<form id=\"search-form\"");
    assert_has(
        "search page",
        &page,
        "action=\"/xietong/search/\" method=\"get\"",
    );
    assert_has(
        "search page",
        &page,
        "data-index=\"/xietong/search/index/manifest.json\"",
    );
    assert_has(
        "search page",
        &page,
        "<script src=\"/xietong/js/search.js\" defer></script>",
    );
    assert_has("search page", &page, "aria-live=\"polite\"");
    assert_has(
        "search page",
        &page,
        "<option value=\"hebei/cangzhou/hejian\">",
    );
    assert!(site.exists("js/search.js"));
    for file in [
        "index.html",
        "regions/index.html",
        "carbon/tongzhou-lvse-tongqin/index.html",
    ] {
        let html = site.read(file);
        assert_has(
            file,
            &html,
            "<form class=\"site-search\" action=\"/xietong/search/\" method=\"get\"",
        );
        assert_has(file, &html, "name=\"q\"");
    }
    assert_lacks("search page", &page, "class=\"site-search\"");

    let m = manifest(&site);
    assert_eq!(m["docs"], 5);
    assert_eq!(m["base"], BASE);
    let shard = site.read(&format!("search/index/shard/{}.json", shard_of(&m, "北三")));
    assert_has("its shard", &shard, "\"北三县\"");
    let block: serde_json::Value =
        serde_json::from_str(&site.read("search/index/docs/0.json")).unwrap();
    assert_eq!(block.as_array().unwrap().len(), 5);
    assert!(site.exists("search/index/topic/carbon.json"));
    assert!(site.exists("search/index/region/hebei/cangzhou.json"));
    assert!(site.exists("search/index/t2s.json"));
    // Not a page readers land on from a search engine.
    assert_lacks("sitemap", &site.read("sitemap.xml"), "/search/");
}

#[test]
fn search_false_writes_no_page_no_box_and_no_index() {
    let site = SiteTest::from_fixture("basic");
    site.config("search", "false");
    site.build_ok();
    assert!(!site.exists("search/index.html"));
    let leftovers: Vec<String> = site
        .outputs()
        .into_iter()
        .filter(|f| f.starts_with("search/"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    for file in ["index.html", "regions/index.html"] {
        assert_lacks(file, &site.read(file), "site-search");
    }
    site.run(&["check"]).success();
}

#[test]
fn index_urls_follow_the_base_url() {
    let site = SiteTest::from_fixture("basic");
    site.run(&["build", "--base-url", "https://digest.example.cn/sub/dir/"])
        .success();
    let m = manifest(&site);
    assert_eq!(m["base"], "/sub/dir/");
    assert_eq!(m["topics"][0]["url"], "/sub/dir/topics/industry/");
    assert!(m["regions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["url"].as_str().unwrap().starts_with("/sub/dir/regions/")));
    assert_has(
        "search page",
        &site.read("search/index.html"),
        "data-index=\"/sub/dir/search/index/manifest.json\"",
    );
}

#[test]
fn a_first_query_loads_little_and_shards_stay_small() {
    let site = SiteTest::from_fixture("basic");
    site.articles(250, "industry", "cz", &["hejian", "tianjin/hebeiqu"])
        .articles(40, "carbon", "tc", &["beijing/tongzhou"]);
    site.article(
        "carbon",
        "puhui",
        &Article::new("京津冀打造区域碳普惠体系")
            .topics(&["carbon"])
            .regions(&["beijing"])
            .body(&"三地共建碳普惠平台，市民绿色出行可获积分，积分可以兑换公交卡充值。".repeat(40)),
    );
    site.build_ok();
    let files = index_files(&site);
    let m = manifest(&site);
    assert_eq!(m["docs"], 296);
    let shards: Vec<&(String, usize)> = files
        .iter()
        .filter(|(f, _)| f.contains("/shard/"))
        .collect();
    assert_eq!(shards.len(), m["shards"].as_array().unwrap().len());
    let largest = shards.iter().map(|(_, n)| *n).max().unwrap();
    assert!(largest <= 64 * 1024 + 1024, "a shard of {largest} bytes");
    let manifest_bytes = files
        .iter()
        .find(|(f, _)| f.ends_with("manifest.json"))
        .unwrap()
        .1;
    assert!(
        manifest_bytes < 40 * 1024,
        "manifest of {manifest_bytes} bytes"
    );
    let block_bytes = files
        .iter()
        .filter(|(f, _)| f.contains("/docs/"))
        .map(|(_, n)| *n)
        .max()
        .unwrap();
    assert!(
        block_bytes < 16 * 1024,
        "an article block of {block_bytes} bytes"
    );
    // 碳普惠 needs the shards of 碳普 and 普惠, the manifest and one block.
    let first_query = manifest_bytes
        + [shard_of(&m, "碳普"), shard_of(&m, "普惠")]
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .map(|n| {
                files
                    .iter()
                    .find(|(f, _)| f.ends_with(&format!("/shard/{n}.json")))
                    .unwrap()
                    .1
            })
            .sum::<usize>()
        + block_bytes;
    assert!(
        first_query < 200 * 1024,
        "the first query loads {first_query} bytes"
    );
}

#[test]
fn serve_writes_the_same_index_as_build() {
    let site = SiteTest::from_fixture("basic");
    site.build_ok();
    let preview = site.root().join("preview");
    let mut opts = xietong::BuildOptions::new(site.root());
    opts.out = preview.clone();
    let mut builder =
        xietong::serve::builder::Builder::new(opts, "/xietong/__livereload.js".into());
    let changes = builder.rebuild(None).expect("serve builds the site");
    for f in [
        "search/index.html",
        "search/index/manifest.json",
        "search/index/shard/0.json",
        "search/index/t2s.json",
    ] {
        assert!(
            changes.files.contains(&f.to_string()),
            "serve did not write {f}"
        );
        if f.ends_with(".json") {
            assert_eq!(
                std::fs::read(preview.join(f)).unwrap(),
                std::fs::read(site.public().join(f)).unwrap(),
                "{f} differs between serve and build"
            );
        }
    }
}
