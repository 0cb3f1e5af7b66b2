//! `xietong import`: the real binary on raw pages in temporary sites — the `--dry-run` JSON
//! document, writing articles that then build, `--out`, `--source`/`--date`, folders, the text
//! table and `--explain`. Re-import, clashes and `--force` are in [`reimport`]; awkward inputs
//! (binary, GBK, Big5, BOM, empty, missing, 20 MB) in [`input`].
//!
//! The raw pages (`tests/fixtures/import/raw/`, or written here) are unambiguous — a date line, a
//! headline, a byline, paragraphs — so the assertions hold while the extraction rules change. They
//! check what the command does, not how finely it extracts.

// Binary noise, GBK, Big5, a BOM, empty files, a 20 MB page.
mod input;
// Re-import, clashes with existing articles, `--force`, failed writes.
mod reimport;

use std::path::Path;

use crate::util::{
    assert_has, assert_same_tree, list_files, main_of, snapshot, Article, Json, Run, SiteTest,
};

/// Two articles under one page date (2024-04-18), no publication named.
const DATED: &str = "raw/page-dated.txt";
const DATED_TITLES: [&str; 2] = [
    "沧州渤海新区承接北京医药企业",
    "三地联合开展大气污染防治执法检查",
];
/// One article with neither a date nor a publication.
const UNDATED: &str = "raw/page-undated.txt";
const UNDATED_TITLE: &str = "天津滨海新区为京籍人才开设服务专窗";

/// The keys of every article of the JSON document, in order.
const KEYS: [&str; 10] = [
    "title", "kicker", "subtitle", "authors", "source", "date", "topics", "regions", "body",
    "warnings",
];
const TOPIC_KEYS: [&str; 4] = ["industry", "innovation", "carbon", "talent"];

/// A site with the raw pages of `tests/fixtures/import/raw/` and no content.
fn site() -> SiteTest {
    SiteTest::from_fixture("import")
}

/// The articles of a `--format json` run, checking that stdout is exactly `{"articles": [...]}`.
#[track_caller]
fn articles(run: &Run) -> Vec<Json> {
    let doc = Json::parse(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e})\n{run}"));
    assert_eq!(doc.keys(), ["articles"], "top-level keys\n{run}");
    doc.get("articles").arr().to_vec()
}

/// `import --dry-run --format json <args>`, which must succeed; its articles.
#[track_caller]
fn dry_json(site: &SiteTest, args: &[&str]) -> Vec<Json> {
    let mut full = vec!["import", "--dry-run", "--format", "json"];
    full.extend_from_slice(args);
    articles(&site.run(&full).success())
}

/// Title, kicker, subtitle and body of an article, to look for decoded text wherever it landed.
fn all_text(a: &Json) -> String {
    ["title", "kicker", "subtitle", "body"]
        .iter()
        .filter_map(|k| a.get(k).opt_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn titles(articles: &[Json]) -> Vec<&str> {
    articles.iter().map(|a| a.get("title").str()).collect()
}

/// The files under `content/`, relative to the site root (`content/<topic>/<slug>.md`).
fn content_files(site: &SiteTest) -> Vec<String> {
    list_files(&site.root().join("content"))
        .into_iter()
        .map(|f| format!("content/{f}"))
        .collect()
}

fn read(site: &SiteTest, rel: &str) -> String {
    crate::util::read_in(site.root(), rel)
}

/// The raw TOML value of a top-level front-matter key (`origin = "raw/a.txt"` → `"raw/a.txt"`).
fn front<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let header = text.strip_prefix("+++\n")?.split("\n+++\n").next()?;
    header
        .lines()
        .find_map(|l| l.strip_prefix(key)?.trim_start().strip_prefix('='))
        .map(str::trim)
}

/// The written file whose front matter has this title.
#[track_caller]
fn file_titled(site: &SiteTest, title: &str) -> String {
    let want = format!("\"{title}\"");
    content_files(site)
        .into_iter()
        .find(|f| front(&read(site, f), "title") == Some(want.as_str()))
        .unwrap_or_else(|| {
            panic!(
                "no file titled {title}; content/ holds {:?}",
                content_files(site)
            )
        })
}

/// Checks the shape of one article of the JSON document.
#[track_caller]
fn assert_article_shape(a: &Json) {
    assert_eq!(a.keys(), KEYS, "article keys");
    assert!(!a.get("title").str().is_empty());
    a.get("kicker").opt_str();
    a.get("subtitle").opt_str();
    a.get("authors")
        .arr()
        .iter()
        .for_each(|x| assert!(!x.str().is_empty()));
    a.get("source").opt_str();
    if let Some(d) = a.get("date").opt_str() {
        assert!(
            d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-',
            "date {d:?}"
        );
    }
    let topics = a.get("topics").arr();
    assert!(!topics.is_empty(), "no topic: {a:?}");
    for t in topics {
        assert!(TOPIC_KEYS.contains(&t.str()), "unknown topic {t:?}");
    }
    for r in a.get("regions").arr() {
        assert_eq!(r.keys(), ["key", "name"]);
        assert!(!r.get("key").str().is_empty() && !r.get("name").str().is_empty());
    }
    assert!(!a.get("body").str().trim().is_empty(), "empty body: {a:?}");
    a.get("warnings")
        .arr()
        .iter()
        .for_each(|w| assert!(!w.str().is_empty()));
}

// --- the JSON document ---------------------------------------------------------------------

#[test]
fn dry_run_json_is_one_document_and_writes_nothing() {
    let site = site();
    site.article(
        "industry",
        "yiyou",
        &Article::new("已有的稿件").topics(&["industry"]),
    );
    let before = snapshot(site.root());
    let arts = dry_json(&site, &[DATED]);
    assert_eq!(titles(&arts), DATED_TITLES);
    for a in &arts {
        assert_article_shape(a);
        assert_eq!(a.get("date").opt_str(), Some("2024-04-18"));
        assert_eq!(
            a.get("source").opt_str(),
            None,
            "the page names no publication"
        );
    }
    assert_has("first body", arts[0].get("body").str(), "生物医药产业园");
    assert_has("second body", arts[1].get("body").str(), "柴油货车尾气");
    assert!(
        !arts[1].get("body").str().contains("生物医药产业园"),
        "the first article ran on into the second"
    );
    assert_same_tree(&before, &snapshot(site.root()), "a dry run");
}

#[test]
fn dry_run_text_writes_nothing() {
    let site = site();
    let before = snapshot(site.root());
    let run = site.run(&["import", "--dry-run", DATED, UNDATED]).success();
    for t in DATED_TITLES.iter().chain([&UNDATED_TITLE]) {
        run.stdout_has(t);
    }
    run.stdout_has("共 3 篇");
    assert_same_tree(&before, &snapshot(site.root()), "a dry run");
}

// --- writing -------------------------------------------------------------------------------

#[test]
fn import_writes_one_file_per_article_under_its_primary_topic() {
    let site = site();
    site.run(&["import", DATED, UNDATED]).success();
    let files = content_files(&site);
    assert_eq!(files.len(), 3, "{files:?}");
    for (title, origin) in [
        (DATED_TITLES[0], DATED),
        (DATED_TITLES[1], DATED),
        (UNDATED_TITLE, UNDATED),
    ] {
        let f = file_titled(&site, title);
        let text = read(&site, &f);
        assert!(
            text.starts_with("+++\n"),
            "{f} has no TOML front matter:\n{text}"
        );
        assert_eq!(
            front(&text, "origin"),
            Some(format!("\"{origin}\"").as_str()),
            "{f}"
        );
        let topics = front(&text, "topics").expect("topics");
        let primary = topics.trim_start_matches("[\"").split('"').next().unwrap();
        assert_eq!(
            f.split('/').nth(1),
            Some(primary),
            "{f} is not in its primary topic's folder"
        );
        assert!(f.ends_with(".md") && f.matches('/').count() == 2, "{f}");
        let slug = Path::new(&f).file_stem().unwrap().to_str().unwrap();
        assert!(
            slug.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{f}"
        );
    }
    let undated = read(&site, &file_titled(&site, UNDATED_TITLE));
    assert_eq!(
        front(&undated, "draft"),
        Some("true"),
        "an undated article must be a draft:\n{undated}"
    );
    assert!(
        front(&undated, "review").is_some_and(|r| r.contains("date")),
        "no review note:\n{undated}"
    );
    let dated = read(&site, &file_titled(&site, DATED_TITLES[0]));
    assert_eq!(front(&dated, "draft"), None, "{dated}");
    assert!(
        front(&dated, "date").is_some_and(|d| d.contains("2024-04-18")),
        "{dated}"
    );
    assert_has("written article", &dated, "生物医药产业园");
    let stray: Vec<String> = list_files(site.root())
        .into_iter()
        .filter(|f| f.contains(".tmp"))
        .collect();
    assert!(stray.is_empty(), "temporary files left: {stray:?}");
}

#[test]
fn origin_is_relative_to_the_root_for_an_absolute_path() {
    let site = site();
    let abs = site.root().join(UNDATED).display().to_string();
    site.run(&["import", &abs]).success();
    let text = read(&site, &file_titled(&site, UNDATED_TITLE));
    assert_eq!(
        front(&text, "origin"),
        Some("\"raw/page-undated.txt\""),
        "{text}"
    );
}

#[test]
fn imported_articles_build_and_drafts_stay_unpublished() {
    let site = site();
    site.run(&["import", DATED, UNDATED]).success();
    site.build_ok().stdout_has("2 篇文章");
    for title in DATED_TITLES {
        let f = file_titled(&site, title);
        let url = f.trim_start_matches("content/").trim_end_matches(".md");
        assert_has(&f, main_of(&site.read(&format!("{url}/index.html"))), title);
    }
    let draft = file_titled(&site, UNDATED_TITLE);
    let url = draft.trim_start_matches("content/").trim_end_matches(".md");
    assert!(
        !site.exists(&format!("{url}/index.html")),
        "the undated draft was published"
    );
}

#[test]
fn undated_imported_draft_builds_with_drafts() {
    let site = site();
    site.run(&["import", UNDATED]).success();
    let draft = file_titled(&site, UNDATED_TITLE);
    let url = draft.trim_start_matches("content/").trim_end_matches(".md");
    site.run(&["build", "--drafts"]).success();
    assert_has(
        &draft,
        main_of(&site.read(&format!("{url}/index.html"))),
        UNDATED_TITLE,
    );
}

#[test]
fn text_report_lists_each_title_and_its_target_file() {
    let site = site();
    let run = site.run(&["import", DATED]).success();
    for (i, title) in DATED_TITLES.iter().enumerate() {
        let numbered = format!("{}. {title}", i + 1);
        assert!(
            run.stdout.lines().any(|l| l.trim() == numbered),
            "no line {numbered:?}\n{run}"
        );
        let file = file_titled(&site, title);
        assert!(
            run.stdout
                .lines()
                .any(|l| l.contains(&file) && l.contains("新建")),
            "no line naming {file} as new\n{run}"
        );
    }
    run.stdout_has("共 2 篇，写入 2 个文件");
}

#[test]
fn out_option_writes_elsewhere_with_origin_relative_to_the_root() {
    let site = site();
    site.run(&["import", "--out", "review", UNDATED]).success();
    assert!(
        content_files(&site).is_empty(),
        "{:?}",
        content_files(&site)
    );
    let files: Vec<String> = list_files(&site.root().join("review"));
    assert_eq!(files.len(), 1, "{files:?}");
    let text = read(&site, &format!("review/{}", files[0]));
    assert_eq!(
        front(&text, "origin"),
        Some("\"raw/page-undated.txt\""),
        "{text}"
    );
}

// --- --source and --date -------------------------------------------------------------------

#[test]
fn source_and_date_fill_in_an_article_that_names_none() {
    let site = site();
    let arts = dry_json(
        &site,
        &["--source", "天津日报", "--date", "2024-05-06", UNDATED],
    );
    assert_eq!(arts.len(), 1);
    assert_eq!(arts[0].get("source").opt_str(), Some("天津日报"));
    assert_eq!(arts[0].get("date").opt_str(), Some("2024-05-06"));
    site.run(&[
        "import",
        "--source",
        "天津日报",
        "--date",
        "2024-05-06",
        UNDATED,
    ])
    .success();
    let text = read(&site, &file_titled(&site, UNDATED_TITLE));
    assert_eq!(front(&text, "source"), Some("\"天津日报\""), "{text}");
    assert!(
        front(&text, "date").is_some_and(|d| d.contains("2024-05-06")),
        "{text}"
    );
    assert_eq!(
        front(&text, "draft"),
        None,
        "a dated article is not a draft:\n{text}"
    );
}

#[test]
fn date_option_does_not_replace_the_page_date() {
    let site = site();
    let arts = dry_json(&site, &["--date", "2020-01-01", DATED]);
    assert_eq!(arts.len(), 2);
    for a in &arts {
        assert_eq!(a.get("date").opt_str(), Some("2024-04-18"));
    }
}

#[test]
fn invalid_date_option_is_refused() {
    let site = site();
    let run = site.run(&["import", "--date", "2024-13-01", UNDATED]);
    assert_ne!(run.code, Some(0), "{run}");
    run.stderr_has(&["2024-13-01"]);
    assert!(content_files(&site).is_empty());
}

// --- folders -------------------------------------------------------------------------------

/// A minimal page: headline, byline, two paragraphs about `what`.
fn page(title: &str, what: &str) -> String {
    format!(
        "{title}\n\n本报记者 韩冰\n\n{what}近日在廊坊启动，北京和天津的二十多家单位参加。\n\n主办方表示，{what}今后每年举办一次，成果将在三地共享。\n"
    )
}

#[test]
fn folder_imports_its_txt_files_in_name_order() {
    let site = site();
    site.write(
        "batch/b-second.txt",
        &page("京津冀职业技能大赛开幕", "职业技能大赛"),
    );
    site.write(
        "batch/a-first.txt",
        &page("廊坊举办三地科技成果对接会", "科技成果对接会"),
    );
    site.write("batch/notes.md", &page("这篇不是原文不应导入", "说明文件"));
    site.write("batch/page.html", &page("网页文件也不应导入", "网页"));
    let arts = dry_json(&site, &["batch"]);
    assert_eq!(
        titles(&arts),
        ["廊坊举办三地科技成果对接会", "京津冀职业技能大赛开幕"]
    );
    site.run(&["import", "batch"]).success();
    let mut origins: Vec<String> = content_files(&site)
        .iter()
        .map(|f| front(&read(&site, f), "origin").unwrap().to_string())
        .collect();
    origins.sort();
    assert_eq!(origins, ["\"batch/a-first.txt\"", "\"batch/b-second.txt\""]);
}

// --- --explain -----------------------------------------------------------------------------

#[test]
fn explain_names_the_terms_behind_topics_and_places() {
    let site = site();
    let page = read(&site, DATED);
    let first_article = page.split(DATED_TITLES[1]).next().unwrap().to_string();
    site.write("raw/one.txt", &first_article);
    let arts = dry_json(&site, &["raw/one.txt"]);
    assert_eq!(titles(&arts), [DATED_TITLES[0]]);
    let plain = site
        .run(&["import", "--dry-run", "raw/one.txt"])
        .success()
        .stdout;
    let run = site
        .run(&["import", "--dry-run", "--explain", "raw/one.txt"])
        .success();
    // The lines only --explain adds.
    let added: String = run
        .stdout
        .lines()
        .filter(|l| !plain.lines().any(|p| p == *l))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!added.is_empty(), "--explain added nothing\n{run}");
    let names = [
        ("industry", "产业协作"),
        ("innovation", "协同创新"),
        ("carbon", "绿色低碳"),
        ("talent", "人才交流"),
    ];
    let primary = arts[0].get("topics").arr()[0].str();
    let name = names.iter().find(|(k, _)| *k == primary).unwrap().1;
    assert!(
        added.contains(primary) || added.contains(name),
        "primary topic {primary} not explained:\n{added}"
    );
    for r in arts[0].get("regions").arr() {
        assert_has("explain lines", &added, r.get("name").str());
    }
    assert!(
        !arts[0].get("regions").arr().is_empty(),
        "an article about 沧州 found no place: {:?}",
        arts[0]
    );
    // Terms: words of the article that decided its topic, and the place names it mentions.
    let terms = [
        "医药", "产业", "企业", "园区", "研发", "投产", "制造", "签约", "投资",
    ];
    assert!(
        terms.iter().any(|t| added.contains(t)),
        "no topic term in the explanation:\n{added}"
    );
    assert_has("explain lines", &added, "沧州");
}
