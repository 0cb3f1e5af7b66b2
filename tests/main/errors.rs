//! Every way a build can be refused: the exit code is 1, nothing is written, and stderr names the
//! file, the line and column where one is known, what is wrong, and what to do about it.

use crate::util::{Article, Run, SiteTest};

/// Builds a site holding only `file` with `text`; asserts the build fails without writing output.
fn refused(file: &str, text: &str) -> Run {
    let site = SiteTest::new();
    site.write(file, text);
    let run = site.build().failure();
    assert!(
        !site.public().exists(),
        "a refused build wrote public/\n{run}"
    );
    run
}

const OK_HEAD: &str = "+++\ntitle = \"沧州港口协作\"\ndate = 2024-04-18\n";

#[test]
fn missing_front_matter() {
    refused("content/industry/a.md", "# 沧州港口协作\n\n正文。\n").stderr_has(&[
        "the file does not start with front matter",
        "content/industry/a.md:1:1",
        "help: begin the file with a line `+++`",
    ]);
}

#[test]
fn unclosed_toml_header() {
    refused(
        "content/industry/a.md",
        "+++\ntitle = \"沧州港口协作\"\ndate = 2024-04-18\n\n正文。\n",
    )
    .stderr_has(&[
        "the front matter opened with `+++` is never closed",
        "content/industry/a.md:1:1",
        "help: add a line `+++` after the last front-matter field",
    ]);
}

#[test]
fn unclosed_yaml_header() {
    refused(
        "content/industry/a.md",
        "---\ntitle: 沧州港口协作\n\n正文。\n",
    )
    .stderr_has(&[
        "the front matter opened with `---` is never closed",
        "help: add a line `---`",
    ]);
}

#[test]
fn invalid_toml() {
    refused(
        "content/industry/a.md",
        "+++\ntitle = \"沧州港口协作\ndate = 2024-04-18\n+++\n",
    )
    .stderr_has(&[
        "invalid TOML front matter",
        "content/industry/a.md:2:",
        "title = \"沧州港口协作",
        "help: write each field as `key = value`",
    ]);
}

#[test]
fn invalid_yaml() {
    refused(
        "content/industry/a.md",
        "---\ntitle: 沧州港口协作\nsource: 河北日报: 记者\n---\n正文。\n",
    )
    .stderr_has(&[
        "invalid YAML front matter: mapping values are not allowed",
        "content/industry/a.md:3:13",
        "help: write each field as `key: value`; quote text that contains a colon",
    ]);
}

#[test]
fn invalid_yaml_message_uses_file_lines() {
    refused(
        "content/industry/a.md",
        "---\ntitle: 沧州港口协作\nsource: 河北日报: 记者\n---\n正文。\n",
    )
    .stderr_has(&["content/industry/a.md:3:13"])
    .stderr_lacks(&["at line 2 column 13"]);
}

#[test]
fn error_column_past_the_end_of_the_line_is_kept() {
    refused(
        "content/industry/a.md",
        "+++\ntitle = \"沧州港口协作\ndate = 2024-04-18\n+++\n",
    )
    .stderr_has(&["content/industry/a.md:2:16"]);
}

#[test]
fn missing_title() {
    refused(
        "content/industry/a.md",
        "+++\ndate = 2024-04-18\n+++\n正文。\n",
    )
    .stderr_has(&[
        "the front matter has no `title`",
        "content/industry/a.md:2:1",
        "help: add a line like title = \"京津冀协同发展取得新进展\"",
    ]);
}

#[test]
fn missing_date() {
    refused(
        "content/industry/a.md",
        "+++\ntitle = \"沧州港口协作\"\n+++\n正文。\n",
    )
    .stderr_has(&[
        "the article has no `date`",
        "content/industry/a.md:1:",
        "help: add the publication date, like date = 2024-04-18",
    ]);
}

#[test]
fn invalid_date_as_text() {
    refused(
        "content/industry/a.md",
        "+++\ntitle = \"沧州港口协作\"\ndate = \"2024-13-01\"\n+++\n",
    )
    .stderr_has(&[
        "date `2024-13-01` is not a valid date",
        "content/industry/a.md:3:8",
        "help: write YYYY-MM-DD or RFC 3339, like 2024-04-18",
    ]);
}

#[test]
fn invalid_date_in_yaml() {
    refused(
        "content/industry/a.md",
        "---\ntitle: 沧州港口协作\ndate: 2024-13-01\n---\n",
    )
    .stderr_has(&[
        "date `2024-13-01` is not a valid date",
        "content/industry/a.md:3:7",
        "help: write YYYY-MM-DD or RFC 3339",
    ]);
}

#[test]
fn invalid_bare_toml_date() {
    // Unquoted, TOML itself rejects the date before xietong sees it.
    refused(
        "content/industry/a.md",
        "+++\ntitle = \"沧州港口协作\"\ndate = 2024-13-01\n+++\n",
    )
    .stderr_has(&[
        "invalid TOML front matter: invalid date, expected month between 01 and 12",
        "content/industry/a.md:3:8",
        "date = 2024-13-01",
    ]);
}

#[test]
fn unknown_topic_suggests_the_closest() {
    refused(
        "content/industry/a.md",
        &format!("{OK_HEAD}topics = [\"industry\", \"carbn\"]\n+++\n"),
    )
    .stderr_has(&[
        "unknown topic `carbn`; did you mean `carbon` (绿色低碳)?",
        "content/industry/a.md:4:10",
        "help: use one of the topic keys from site.toml",
    ]);
}

#[test]
fn primary_topic_must_match_the_folder() {
    refused(
        "content/industry/a.md",
        &format!("{OK_HEAD}topics = [\"carbon\"]\n+++\n"),
    )
    .stderr_has(&[
        "the primary topic is `carbon` but the file is in content/industry/",
        "content/industry/a.md:4:10",
        "help: move the file to content/carbon/, or list `industry` first in topics",
    ]);
}

#[test]
fn folder_that_is_not_a_topic() {
    refused("content/sports/a.md", &format!("{OK_HEAD}+++\n")).stderr_has(&[
        "folder `content/sports` is not a topic",
        "content/sports/a.md",
        "help: move the file into one of content/industry/, content/innovation/, content/carbon/, content/talent/",
    ]);
}

#[test]
fn article_directly_in_content() {
    refused("content/a.md", &format!("{OK_HEAD}+++\n")).stderr_has(&[
        "articles must be inside a topic folder",
        "content/a.md",
        "help: move it to content/<topic>/",
    ]);
}

#[test]
fn unknown_region_suggests_the_full_key() {
    refused(
        "content/industry/a.md",
        &format!("{OK_HEAD}regions = [\"cangzou\"]\n+++\n"),
    )
    .stderr_has(&[
        "unknown region `cangzou`; did you mean `hebei/cangzhou`?",
        "content/industry/a.md:4:11",
        "help: use a key from data/regions.toml",
    ]);
}

#[test]
fn ambiguous_region_lists_the_candidates() {
    refused("content/industry/a.md", &format!("{OK_HEAD}regions = [\"qiaoxiqu\"]\n+++\n")).stderr_has(&[
        "region `qiaoxiqu` is ambiguous: it could be hebei/shijiazhuang/qiaoxiqu, hebei/zhangjiakou/qiaoxiqu; write the full key",
        "content/industry/a.md:4:11",
        "help: use a key from data/regions.toml",
    ]);
}

#[test]
fn wrong_shape() {
    refused(
        "content/industry/a.md",
        &format!("{OK_HEAD}topics = 3\n+++\n"),
    )
    .stderr_has(&[
        "`topics` should be a list of topic keys",
        "content/industry/a.md:4:10",
        "help: write it like topics = [\"carbon\", \"industry\"]",
    ]);
}

#[test]
fn invalid_slug_suggests_one() {
    refused(
        "content/industry/a.md",
        &format!("{OK_HEAD}slug = \"沧州 港口\"\n+++\n"),
    )
    .stderr_has(&[
        "slug `沧州 港口` is not a valid URL slug",
        "content/industry/a.md:4:8",
        "help: use lowercase ASCII letters, digits and hyphens, like slug = \"cang-zhou-gang-kou\"",
    ]);
}

#[test]
fn page_slug_taken_by_the_site() {
    refused(
        "content/pages/topics.md",
        "+++\ntitle = \"专题说明\"\n+++\n正文。\n",
    )
    .stderr_has(&[
        "the page slug `topics` is taken by the site's own pages",
        "content/pages/topics.md",
        "help: rename the file or set another slug",
    ]);
}

#[test]
fn page_slug_taken_by_a_topic() {
    refused(
        "content/pages/carbon.md",
        "+++\ntitle = \"碳中和说明\"\n+++\n正文。\n",
    )
    .stderr_has(&[
        "the page slug `carbon` is taken by the site's own pages",
        "content/pages/carbon.md",
    ]);
}

#[test]
fn non_utf8_file() {
    let site = SiteTest::new();
    // 测试 in GBK.
    site.write_bytes(
        "content/industry/gbk.md",
        b"+++\ntitle = \"\xb2\xe2\xca\xd4\"\ndate = 2024-04-18\n+++\n",
    );
    site.build().failure().stderr_has(&[
        "the file is not valid UTF-8 text",
        "content/industry/gbk.md:2:10",
        "help: save it as UTF-8",
    ]);
}

#[test]
fn unknown_site_toml_key_names_the_line() {
    let site = SiteTest::new();
    site.article("industry", "a", &Article::new("沧州港口协作"));
    site.edit("site.toml", |t| t.replace("per_page = 20", "per_pgae = 20"));
    let line = std::fs::read_to_string(site.root().join("site.toml"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("per_pgae"))
        .unwrap()
        + 1;
    site.build().failure().stderr_has(&[
        "site.toml",
        &format!("line {line} column 1"),
        "unknown field `per_pgae`",
        "expected one of",
        "`per_page`",
    ]);
}

#[test]
fn invalid_site_toml_value() {
    let site = SiteTest::new();
    site.config("per_page", "\"二十\"");
    let line = std::fs::read_to_string(site.root().join("site.toml"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("per_page"))
        .unwrap()
        + 1;
    site.build().failure().stderr_has(&[
        "site.toml",
        &format!("line {line} column 12"),
        "invalid type: string \"二十\"",
    ]);
}

#[test]
fn unknown_theme() {
    let site = SiteTest::new();
    site.config("theme", "\"fancy\"");
    site.build().failure().stderr_has(&[
        "site.toml",
        "theme `fancy` not found",
        "has no templates/ folder",
        "set theme = \"digest\"",
    ]);
}

#[test]
fn template_syntax_error_names_the_file_and_line() {
    let site = SiteTest::new();
    site.article("industry", "a", &Article::new("沧州港口协作"));
    site.write(
        "templates/index.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>首页</p>\n{% if %}\n{% endblock content %}\n",
    );
    site.build()
        .failure()
        .stderr_has(&["templates/index.html", "line 4 column 7", "{% if %}"]);
}

#[test]
fn undefined_template_variable_names_the_file_and_line() {
    let site = SiteTest::new();
    site.article("industry", "a", &Article::new("沧州港口协作"));
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n<p>{{ page.editor }}</p>\n{% endblock content %}\n",
    );
    site.build().failure().stderr_has(&[
        "templates/article.html",
        "line 4 column",
        "`editor` is not defined",
        "Available fields",
    ]);
}

#[test]
fn errors_in_several_files_are_reported_together() {
    let site = SiteTest::new();
    site.write(
        "content/industry/a.md",
        &format!("{OK_HEAD}topics = [\"carbn\"]\n+++\n"),
    );
    site.write(
        "content/industry/b.md",
        &format!("{OK_HEAD}regions = [\"cangzou\"]\n+++\n"),
    );
    site.write(
        "content/carbon/c.md",
        &format!("{OK_HEAD}regions = [\"qiaoxiqu\"]\n+++\n"),
    );
    site.build().failure().stderr_has(&[
        "content/industry/a.md:4:10",
        "unknown topic `carbn`",
        "content/industry/b.md:4:11",
        "unknown region `cangzou`",
        "content/carbon/c.md:4:11",
        "region `qiaoxiqu` is ambiguous",
        "内容中有 3 处问题",
    ]);
}

#[test]
fn front_matter_errors_in_several_files_are_reported_together() {
    let site = SiteTest::new();
    site.write("content/industry/a.md", "+++\ndate = 2024-04-18\n+++\n");
    site.write(
        "content/industry/b.md",
        "+++\ntitle = \"乙\"\ndate = \"2024-13-01\"\n+++\n",
    );
    site.write("content/carbon/c.md", "无头\n");
    site.write("content/pages/d.md", "---\ntitle: 丁\n");
    site.build().failure().stderr_has(&[
        "content/industry/a.md:2:1",
        "content/industry/b.md:3:8",
        "content/carbon/c.md:1:1",
        "content/pages/d.md:1:1",
        "内容中有 4 处问题",
    ]);
}

#[test]
fn errors_of_every_kind_are_reported_in_one_run() {
    let site = SiteTest::new();
    site.write("content/industry/a.md", "+++\ndate = 2024-04-18\n+++\n");
    site.write(
        "content/industry/b.md",
        &format!("{OK_HEAD}topics = [\"carbn\"]\n+++\n"),
    );
    site.write(
        "content/carbon/c.md",
        &format!("{OK_HEAD}regions = [\"cangzou\"]\n+++\n"),
    );
    site.build().failure().stderr_has(&[
        "content/industry/a.md:2:1",
        "content/industry/b.md:4:10",
        "content/carbon/c.md:4:11",
        "内容中有 3 处问题",
    ]);
}

#[test]
fn page_slug_and_duplicate_slug_errors_are_reported_together() {
    let site = SiteTest::new();
    site.write(
        "content/pages/topics.md",
        "+++\ntitle = \"专题说明\"\n+++\n",
    );
    site.article("industry", "a", &Article::new("甲").text("slug", "gangkou"));
    site.article("industry", "b", &Article::new("乙").text("slug", "gangkou"));
    site.build().failure().stderr_has(&[
        "the page slug `topics` is taken",
        "slug `gangkou` is already used by content/industry/a.md",
        "内容中有 2 处问题",
    ]);
}

// Regression: the location was printed as `a.md:4:10:4:10`.
#[test]
fn error_location_is_file_line_column_once() {
    refused(
        "content/industry/a.md",
        &format!("{OK_HEAD}topics = [\"carbn\"]\n+++\n"),
    )
    .stderr_has(&["--> content/industry/a.md:4:10\n"]);
}
