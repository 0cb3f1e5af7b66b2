//! Markdown in article bodies: tables, footnotes, strikethrough, heading anchors, and fenced code
//! highlighted with `hl-` classes (no inline styles) coloured by the generated `css/syntax.css`.

use crate::util::{assert_has, assert_lacks, main_of, Article, SiteTest};

const BODY: &str = "\
导语：三地联合发布港口数据。

## 航线安排

| 港口 | 航线数 |
|---|---|
| 黄骅港 | 3 |
| 天津港 | 5 |

首批航线~~暂缓~~已经开通[^1]。

### 航线安排

## 数据接口 {#api}

```rust
fn main() {
    let ports = [\"黄骅\", \"天津\"];
    println!(\"{}\", ports.len());
}
```

[^1]: 数据来自两港公告。
";

/// The article body of a built article whose Markdown is [`BODY`].
fn built() -> (SiteTest, String) {
    let site = SiteTest::new();
    site.article("industry", "md", &Article::new("港口数据发布").body(BODY));
    site.build_ok();
    let html = site.read("industry/md/index.html");
    let main = main_of(&html).to_string();
    (site, main)
}

#[test]
fn tables_render() {
    let (_, main) = built();
    assert_has("body", &main, "<table>");
    assert_has("body", &main, "<th>港口</th>");
    assert_has("body", &main, "<td>黄骅港</td>");
}

#[test]
fn footnotes_render() {
    let (_, main) = built();
    assert_has("body", &main, "class=\"footnote-reference\"");
    assert_has("body", &main, "class=\"footnote-definition\"");
    assert_has("body", &main, "数据来自两港公告。");
}

#[test]
fn strikethrough_renders() {
    let (_, main) = built();
    assert_has("body", &main, "<del>暂缓</del>");
}

#[test]
fn headings_get_unique_anchors() {
    let (_, main) = built();
    assert_has("body", &main, "<h2 id=\"hang-xian-an-pai\">航线安排</h2>");
    assert_has("body", &main, "<h3 id=\"hang-xian-an-pai-2\">航线安排</h3>");
    assert_has("body", &main, "<h2 id=\"api\">数据接口</h2>");
    // Three headings: the theme shows a table of contents linking to them.
    for id in ["#hang-xian-an-pai", "#hang-xian-an-pai-2", "#api"] {
        assert_has("toc", &main, &format!("href=\"{id}\""));
    }
}

#[test]
fn code_is_highlighted_with_classes_not_styles() {
    let (_, main) = built();
    let start = main
        .find("<pre class=\"code\" data-lang=\"rust\">")
        .expect("a highlighted rust block");
    let end = start + main[start..].find("</pre>").unwrap();
    let code = &main[start..end];
    assert_has("code", code, "class=\"hl-");
    assert_has("code", code, "黄骅");
    assert_has("code", code, "&quot;");
    assert_lacks("code", code, "style=");
    assert_lacks("article body", &main, "style=");
}

#[test]
fn syntax_stylesheet_is_generated() {
    let (site, _) = built();
    let css = site.read("css/syntax.css");
    assert_has("syntax.css", &css, ".hl-");
    assert_has("syntax.css", &css, "@media (prefers-color-scheme: dark)");
    assert_has(
        "article head",
        &site.read("industry/md/index.html"),
        "href=\"/xietong/css/syntax.css\"",
    );
}
