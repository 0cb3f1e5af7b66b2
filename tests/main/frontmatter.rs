//! Front matter in both syntaxes reaches the article page: title, 引题, 副题, source, authors, the
//! date in Chinese, topic and region links; keys xietong does not know are kept, not rejected.

use crate::util::{assert_has, main_of, Article, SiteTest, BASE};

/// Asserts the article page of the `basic` fixture at `path` shows each of `texts`.
fn assert_article_shows(site: &SiteTest, path: &str, texts: &[&str]) {
    let html = site.read(path);
    let main = main_of(&html);
    for t in texts {
        assert_has(path, main, t);
    }
}

#[test]
fn toml_header_shows_every_field() {
    let site = SiteTest::from_fixture("basic");
    site.build_ok();
    assert_article_shows(
        &site,
        "industry/cangzhou-gangkou/index.html",
        &[
            ">沧州港口协作<",
            ">港口联动<",
            "黄骅港与天津港共建集装箱航线",
            "河北日报",
            "李明",
            "王芳",
            "2024年4月18日",
            &format!("href=\"{BASE}topics/industry/\""),
            &format!("href=\"{BASE}topics/carbon/\""),
            &format!("href=\"{BASE}regions/hebei/cangzhou/\""),
        ],
    );
}

#[test]
fn yaml_header_shows_every_field() {
    let site = SiteTest::from_fixture("basic");
    site.build_ok();
    assert_article_shows(
        &site,
        "talent/hejian-zhijiao/index.html",
        &[
            ">河间职教生赴津实训<",
            ">校际结对<",
            "两地职业学校共建实训课程",
            "协同周刊",
            "赵清扬",
            "2024年5月20日",
            &format!("href=\"{BASE}topics/talent/\""),
            &format!("href=\"{BASE}regions/hebei/cangzhou/hejian/\""),
        ],
    );
}

#[test]
fn toml_and_yaml_headers_render_the_same_article() {
    let a = Article::new("雄安新区中关村科技园揭牌")
        .date("2024-03-09")
        .topics(&["innovation", "industry"])
        .regions(&["xiongan", "beijing/haidian"])
        .text("kicker", "科创协同")
        .text("subtitle", "首批二十家企业入驻")
        .text("source", "北京日报")
        .raw("authors", "[\"陈晨\", \"刘洋\"]");
    let (toml, yaml) = (SiteTest::new(), SiteTest::new());
    toml.write("content/innovation/yuanqu.md", &a.toml());
    yaml.write("content/innovation/yuanqu.md", &a.yaml());
    toml.build_ok();
    yaml.build_ok();
    let page = "innovation/yuanqu/index.html";
    let (t, y) = (toml.read(page), yaml.read(page));
    assert_has(page, main_of(&t), "陈晨、刘洋");
    assert_eq!(
        main_of(&t),
        main_of(&y),
        "the same fields in TOML and YAML give different pages"
    );
}

#[test]
fn unknown_keys_do_not_break_the_build() {
    let site = SiteTest::new();
    let a = Article::new("沧州港口协作")
        .topics(&["industry"])
        .raw("weather", "\"晴\"")
        .raw("priority", "3");
    site.write(
        "content/industry/gangkou.md",
        &(a.toml()
            .replacen("+++\n\n", "[extra_table]\nnote = \"备注\"\n+++\n\n", 1)),
    );
    site.write(
        "content/carbon/yaml.md",
        &Article::new("绿色港口")
            .topics(&["carbon"])
            .raw("mood", "{a: 1, b: [x, y]}")
            .yaml(),
    );
    site.build_ok();
    assert_has(
        "article",
        &site.read("industry/gangkou/index.html"),
        "沧州港口协作",
    );
    assert_has("article", &site.read("carbon/yaml/index.html"), "绿色港口");
}

#[test]
fn unknown_keys_reach_templates_as_page_extra() {
    let site = SiteTest::new();
    site.article(
        "industry",
        "gangkou",
        &Article::new("沧州港口协作").raw("weather", "\"晴\""),
    );
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block content %}<p>天气：{{ page.extra.weather }}</p>{% endblock content %}",
    );
    site.build_ok();
    assert_has(
        "article",
        &site.read("industry/gangkou/index.html"),
        "<p>天气：晴</p>",
    );
}

#[test]
fn dates_are_shown_in_china_time() {
    let site = SiteTest::new();
    // 20:30 UTC on the 17th is 04:30 on the 18th in Beijing.
    site.article(
        "industry",
        "utc",
        &Article::new("夜间发布").date("2024-04-17T20:30:00Z"),
    );
    site.article(
        "industry",
        "local",
        &Article::new("上午发布").date("\"2024-04-18 09:30\""),
    );
    site.build_ok();
    assert_has(
        "utc article",
        main_of(&site.read("industry/utc/index.html")),
        "2024年4月18日",
    );
    let local = site.read("industry/local/index.html");
    assert_has("local article", main_of(&local), "2024年4月18日");
    assert_has("local article", &local, "2024-04-18T09:30:00+08:00");
}

#[test]
fn special_characters_are_escaped_in_pages_and_feeds() {
    let site = SiteTest::new();
    site.article(
        "industry",
        "esc",
        &Article::new("协同<效应> & “1+1>2”")
            .text("summary", "摘要<b>粗</b>")
            .raw("authors", "[\"张<三>\"]"),
    );
    site.build_ok();
    let html = site.read("industry/esc/index.html");
    assert_has(
        "article",
        main_of(&html),
        ">协同&lt;效应&gt; &amp; “1+1&gt;2”<",
    );
    assert_has("article", main_of(&html), "张&lt;三&gt;");
    crate::util::assert_lacks("article", &html, "<效应>");
    let feed = site.read("atom.xml");
    assert_has(
        "feed",
        &feed,
        "<title>协同&lt;效应&gt; &amp; “1+1&gt;2”</title>",
    );
    assert_has(
        "feed",
        &feed,
        "<summary type=\"text\">摘要&lt;b&gt;粗&lt;/b&gt;</summary>",
    );
    assert_has("feed", &feed, "<name>张&lt;三&gt;</name>");
}
