//! Region pages: an article about 河间 (a county-level city under 沧州, under 河北) is listed on all
//! three; the index shows the tree with roll-up counts; topic filters exist only where there is
//! something to filter; 天津的河北区 is not part of 河北省.

use crate::util::{assert_has, assert_lacks, main_of, Article, SiteTest, BASE};

fn built() -> SiteTest {
    let site = SiteTest::from_fixture("basic");
    site.build_ok();
    site
}

const HEJIAN_ARTICLE: &str = "talent/hejian-zhijiao/";
const CANGZHOU_ARTICLE: &str = "industry/cangzhou-gangkou/";
const HEBEIQU_ARTICLE: &str = "industry/hebeiqu-shangquan/";

fn href(path: &str) -> String {
    format!("href=\"{BASE}{path}\"")
}

/// The number written right after `marker` in `hay` (e.g. the count after a region's link).
#[track_caller]
fn number_after(hay: &str, marker: &str) -> usize {
    let at = hay
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker:?} in:\n{hay}"))
        + marker.len();
    let rest = &hay[at..];
    let start = rest
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or_else(|| panic!("no number after {marker:?}"));
    let digits: String = rest[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap()
}

#[test]
fn county_article_rolls_up_to_city_and_province() {
    let site = built();
    for page in [
        "regions/hebei/cangzhou/hejian/",
        "regions/hebei/cangzhou/",
        "regions/hebei/",
    ] {
        let html = site.read(&format!("{page}index.html"));
        assert_has(page, main_of(&html), &href(HEJIAN_ARTICLE));
    }
    // The city's own article is on the city and the province, not on the county.
    assert_has(
        "沧州",
        main_of(&site.read("regions/hebei/cangzhou/index.html")),
        &href(CANGZHOU_ARTICLE),
    );
    assert_lacks(
        "河间",
        main_of(&site.read("regions/hebei/cangzhou/hejian/index.html")),
        &href(CANGZHOU_ARTICLE),
    );
}

#[test]
fn region_page_has_breadcrumbs_from_the_top() {
    let site = built();
    let html = site.read("regions/hebei/cangzhou/hejian/index.html");
    let main = main_of(&html);
    let title = main.find("<h1").expect("a heading");
    let mut last = 0;
    for (path, name) in [
        ("regions/", "地区"),
        ("regions/hebei/", "河北"),
        ("regions/hebei/cangzhou/", "沧州"),
        ("regions/hebei/cangzhou/hejian/", "河间"),
    ] {
        let head = &main[..title];
        let at = head
            .find(&href(path))
            .unwrap_or_else(|| panic!("no breadcrumb to {path} before the heading:\n{main}"));
        let link = &head[at..at + head[at..].find("</a>").unwrap()];
        assert!(
            link.ends_with(&format!(">{name}")),
            "breadcrumb to {path} should read {name}: {link}"
        );
        assert!(at >= last, "breadcrumb {name} is out of order:\n{main}");
        last = at;
    }
    assert_has("河间", &main[title..], "河间市");
}

#[test]
fn region_index_lists_the_tree_with_counts() {
    let site = built();
    let html = site.read("regions/index.html");
    let main = main_of(&html);
    let counts = [
        ("regions/beijing/", "北京市", 2),
        ("regions/beijing/haidian/", "海淀区", 1),
        ("regions/beijing/tongzhou/", "通州区", 1),
        ("regions/tianjin/", "天津市", 1),
        ("regions/tianjin/hebeiqu/", "河北区", 1),
        ("regions/hebei/", "河北省", 2),
        ("regions/hebei/cangzhou/", "沧州市", 2),
        ("regions/hebei/cangzhou/hejian/", "河间市", 1),
    ];
    for (path, name, n) in counts {
        let link = format!("{}>{name}</a>", href(path));
        assert_eq!(number_after(main, &link), n, "count of {name}");
    }
    // Nested: province, then its city, then its county.
    let pos = |p: &str| main.find(&href(p)).unwrap();
    assert!(pos("regions/hebei/") < pos("regions/hebei/cangzhou/"));
    assert!(pos("regions/hebei/cangzhou/") < pos("regions/hebei/cangzhou/hejian/"));
    // Places without articles are not listed.
    assert_lacks("region index", main, &href("regions/hebei/tangshan/"));
}

#[test]
fn topic_filters_exist_only_for_topics_with_articles() {
    let site = built();
    // 沧州: the port article is industry + carbon; the 河间 article (talent) rolls up.
    for t in ["industry", "carbon", "talent"] {
        assert!(
            site.exists(&format!("regions/hebei/cangzhou/{t}/index.html")),
            "no {t} filter for 沧州"
        );
    }
    assert!(
        !site.exists("regions/hebei/cangzhou/innovation/index.html"),
        "a filter without articles"
    );
    assert!(
        !site.exists("regions/hebei/cangzhou/hejian/industry/index.html"),
        "a filter without articles"
    );
    let talent = site.read("regions/hebei/cangzhou/talent/index.html");
    assert_has("沧州 · 人才交流", main_of(&talent), &href(HEJIAN_ARTICLE));
    assert_lacks("沧州 · 人才交流", main_of(&talent), &href(CANGZHOU_ARTICLE));
    // The unfiltered page links to each filter.
    let city = site.read("regions/hebei/cangzhou/index.html");
    for t in ["industry", "carbon", "talent"] {
        assert_has(
            "沧州",
            main_of(&city),
            &href(&format!("regions/hebei/cangzhou/{t}/")),
        );
    }
    assert_lacks(
        "沧州",
        main_of(&city),
        &href("regions/hebei/cangzhou/innovation/"),
    );
}

#[test]
fn tianjin_hebeiqu_is_not_under_hebei_province() {
    let site = built();
    for page in ["regions/hebei/", "regions/hebei/industry/"] {
        assert_lacks(
            page,
            main_of(&site.read(&format!("{page}index.html"))),
            &href(HEBEIQU_ARTICLE),
        );
    }
    for page in ["regions/tianjin/", "regions/tianjin/hebeiqu/"] {
        assert_has(
            page,
            main_of(&site.read(&format!("{page}index.html"))),
            &href(HEBEIQU_ARTICLE),
        );
    }
    assert!(!site.exists("regions/hebei/hebeiqu/index.html"));
    assert_lacks(
        "河北 feed",
        &site.read("regions/hebei/atom.xml"),
        HEBEIQU_ARTICLE,
    );
}

#[test]
fn leaf_keys_and_full_keys_name_the_same_place() {
    let site = SiteTest::new();
    site.article(
        "industry",
        "leaf",
        &Article::new("河北区商圈").regions(&["hebeiqu"]),
    );
    site.article(
        "industry",
        "full",
        &Article::new("河北区老街").regions(&["tianjin/hebeiqu"]),
    );
    site.article(
        "industry",
        "tail",
        &Article::new("桥西区").regions(&["shijiazhuang/qiaoxiqu"]),
    );
    site.build_ok();
    let hebeiqu = site.read("regions/tianjin/hebeiqu/index.html");
    assert_has("河北区", main_of(&hebeiqu), &href("industry/leaf/"));
    assert_has("河北区", main_of(&hebeiqu), &href("industry/full/"));
    assert_has(
        "桥西区",
        main_of(&site.read("regions/hebei/shijiazhuang/qiaoxiqu/index.html")),
        &href("industry/tail/"),
    );
    assert!(!site.exists("regions/hebei/zhangjiakou/index.html"));
}
