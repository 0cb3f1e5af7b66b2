//! `xietong serve` end to end: the real binary on an ephemeral loopback port, real file edits in a
//! temporary site, plain HTTP GETs and the live-reload event stream read off the socket.
//!
//! Every test starts its own server through [`harness::Preview`], which kills it when dropped.

mod harness;

use std::time::Duration;

use harness::{Frame, Preview, REBUILD_START, WAIT};

use crate::util::{assert_has, assert_lacks, count, main_of, snapshot, Article, SiteTest, BASE};

/// The basic fixture's carbon article: `content/carbon/tongzhou-lvse-tongqin.md`.
const TONGZHOU: &str = "content/carbon/tongzhou-lvse-tongqin.md";
const TONGZHOU_URL: &str = "/xietong/carbon/tongzhou-lvse-tongqin/";
const TONGZHOU_TITLE: &str = "通州北三县绿色通勤";
const TONGZHOU_BODY: &str = "通州与北三县之间新开通的电动公交线路投入运营";

/// The script tag serve puts into every page (the theme's `base.html`).
const SCRIPT_TAG: &str = "<script src=\"/xietong/__livereload.js\" defer></script>";

/// Reads events until one named `name` arrives; panics on an `error` event when `name` is not
/// `error`, and after [`WAIT`].
#[track_caller]
fn wait_event(events: &mut harness::Events, name: &str, what: &str) -> Frame {
    loop {
        let f = events.expect_next(what);
        if f.event == name {
            return f;
        }
        assert_ne!(f.event, "error", "a build error after {what}: {f:?}");
    }
}

#[test]
fn served_pages_carry_the_reload_script_and_built_pages_do_not() {
    let site = SiteTest::from_fixture("basic");
    let p = Preview::start(&site);
    assert_eq!(p.base, BASE);
    assert_eq!(p.url, format!("http://{}{BASE}", p.addr));

    let home = p.get(BASE);
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let html = home.text();
    assert_eq!(count(&html, SCRIPT_TAG), 1, "home page:\n{html}");
    assert_has("home page", main_of(&html), TONGZHOU_TITLE);

    let script = p.get(&format!("{BASE}__livereload.js"));
    assert_eq!(script.status, 200);
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert_has(
        "the reload script",
        &script.text(),
        "\"/xietong/__livereload\"",
    );

    // The same site built: no trace of live reload anywhere in the output.
    site.build_ok();
    let outputs = site.outputs();
    assert!(outputs.len() > 20, "{outputs:?}");
    for f in &outputs {
        assert_lacks(f, &site.read_bytes_lossy(f), "__livereload");
    }
    assert_lacks("built home page", &site.read("index.html"), "<script");
}

#[test]
fn body_edit_sends_reload_with_the_article_url_and_serves_the_new_text() {
    let site = SiteTest::from_fixture("basic");
    let p = Preview::start(&site);
    assert_lacks(
        "article before",
        &p.page("carbon/tongzhou-lvse-tongqin/"),
        "新增站点二十处",
    );
    let mut events = p.events();

    site.edit(TONGZHOU, |t| {
        t + "\n沿线新增站点二十处，早晚高峰加密班次。\n"
    });
    let f = wait_event(&mut events, "reload", "a body edit");
    let data = f.json();
    assert_eq!(data.keys(), ["paths", "ms"], "{f:?}");
    assert!(
        matches!(data.get("ms"), crate::util::Json::Num(ms) if *ms >= 0.0 && ms.fract() == 0.0),
        "{f:?}"
    );
    let paths = f.paths();
    assert!(paths.contains(&TONGZHOU_URL.to_string()), "{paths:?}");
    // Only what the edit touched: the other articles' pages are unchanged.
    for other in [
        "/xietong/innovation/haidian-shuju/",
        "/xietong/industry/cangzhou-gangkou/",
        "/xietong/about/",
    ] {
        assert!(!paths.contains(&other.to_string()), "{other} in {paths:?}");
    }

    let html = p.page("carbon/tongzhou-lvse-tongqin/");
    assert_has(
        "article after the edit",
        main_of(&html),
        "沿线新增站点二十处，早晚高峰加密班次。",
    );
    assert_has("article after the edit", main_of(&html), TONGZHOU_BODY);
}

#[test]
fn title_edit_reaches_the_topic_page_and_the_home_page() {
    let site = SiteTest::from_fixture("basic");
    let p = Preview::start(&site);
    for page in ["", "topics/carbon/"] {
        assert_has(page, main_of(&p.page(page)), TONGZHOU_TITLE);
    }
    let mut events = p.events();

    site.edit(TONGZHOU, |t| {
        t.replace(TONGZHOU_TITLE, "通州北三县通勤专线开通")
    });
    let paths = wait_event(&mut events, "reload", "a title edit").paths();
    for url in [
        TONGZHOU_URL,
        "/xietong/",
        "/xietong/topics/carbon/",
        "/xietong/regions/beijing/tongzhou/",
    ] {
        assert!(paths.contains(&url.to_string()), "{url} not in {paths:?}");
    }
    for page in [
        "",
        "topics/carbon/",
        "regions/beijing/tongzhou/",
        "carbon/tongzhou-lvse-tongqin/",
    ] {
        let html = p.page(page);
        assert_has(page, main_of(&html), "通州北三县通勤专线开通");
        assert_lacks(page, main_of(&html), TONGZHOU_TITLE);
    }
}

#[test]
fn template_edit_rerenders_the_pages_that_use_it() {
    let site = SiteTest::from_fixture("basic");
    let theme_article =
        std::fs::read_to_string(site.root().join("themes/digest/templates/article.html")).unwrap();
    site.write("templates/article.html", &theme_article);
    let p = Preview::start(&site);
    assert_lacks(
        "article",
        &p.page("carbon/tongzhou-lvse-tongqin/"),
        "serve-test-marker",
    );
    let mut events = p.events();

    site.edit("templates/article.html", |t| {
        t.replace(
            "<h1 class=\"article-title\">{{ page.title }}</h1>",
            "<h1 class=\"article-title\">{{ page.title }}</h1>\n    <p class=\"serve-test-marker\">模板已改</p>",
        )
    });
    let paths = wait_event(&mut events, "reload", "a template edit").paths();
    for url in [
        TONGZHOU_URL,
        "/xietong/innovation/haidian-shuju/",
        "/xietong/talent/hejian-zhijiao/",
    ] {
        assert!(paths.contains(&url.to_string()), "{url} not in {paths:?}");
    }
    // The about page is a `page.html` page, the lists use their own templates.
    for url in ["/xietong/about/", "/xietong/topics/carbon/"] {
        assert!(!paths.contains(&url.to_string()), "{url} in {paths:?}");
    }
    assert_has(
        "article",
        main_of(&p.page("carbon/tongzhou-lvse-tongqin/")),
        "<p class=\"serve-test-marker\">模板已改</p>",
    );
    assert_lacks("about", &p.page("about/"), "serve-test-marker");
}

#[test]
fn theme_partial_edit_reaches_the_lists() {
    let site = SiteTest::from_fixture("basic");
    let p = Preview::start(&site);
    let mut events = p.events();

    site.edit("themes/digest/templates/partials/card.html", |t| {
        t.replace(
            "<article class=\"card card-{{ variant }}\"",
            "<article data-serve-test=\"卡片\" class=\"card card-{{ variant }}\"",
        )
    });
    let paths = wait_event(&mut events, "reload", "a theme partial edit").paths();
    for url in ["/xietong/", "/xietong/topics/carbon/"] {
        assert!(paths.contains(&url.to_string()), "{url} not in {paths:?}");
    }
    // Both carbon articles (the Tongzhou one and the Cangzhou one, whose second topic is carbon).
    assert_eq!(
        count(
            main_of(&p.page("topics/carbon/")),
            "<article data-serve-test=\"卡片\" class=\"card"
        ),
        2
    );
}

#[test]
fn stylesheet_edit_sends_css_not_reload() {
    let site = SiteTest::from_fixture("basic");
    let theme_css =
        std::fs::read_to_string(site.root().join("themes/digest/static/css/style.css")).unwrap();
    site.write("static/css/style.css", &theme_css);
    let p = Preview::start(&site);
    let mut events = p.events();

    site.edit("static/css/style.css", |t| {
        t + "\n.serve-test { color: #c00; }\n"
    });
    let f = events.expect_next("a stylesheet edit");
    assert_eq!(f.event, "css", "{f:?}");
    assert_eq!(f.paths(), ["/xietong/css/style.css"]);
    assert!(
        matches!(f.json().get("ms"), crate::util::Json::Num(_)),
        "{f:?}"
    );
    let extra = events.drain(Duration::from_millis(500));
    assert!(
        extra.is_empty(),
        "nothing more after the css event: {extra:?}"
    );

    let css = p.get(&format!("{BASE}css/style.css"));
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert_has("style.css", &css.text(), ".serve-test { color: #c00; }");
}

#[test]
fn broken_front_matter_sends_error_keeps_the_old_page_and_recovers() {
    let site = SiteTest::from_fixture("basic");
    let p = Preview::start(&site);
    let mut events = p.events();

    site.edit(TONGZHOU, |t| {
        t.replace("date = 2024-07-09", "date = 2024-13-01")
            .replace(TONGZHOU_BODY, "坏稿：这段文字不该出现在预览里")
    });
    let f = events.expect_next("a broken date");
    assert_eq!(f.event, "error", "{f:?}");
    let data = f.json();
    assert_eq!(data.keys(), ["file", "line", "message"], "{f:?}");
    let file = data.get("file").str();
    assert_eq!(file, TONGZHOU, "the file, relative to the site root");
    assert!(
        data.get("line") == &crate::util::Json::Num(3.0),
        "the date is on line 3: {f:?}"
    );
    assert_has("error message", data.get("message").str(), "month");
    p.wait_log(
        0,
        |l| l.starts_with("构建失败") && l.contains("tongzhou-lvse-tongqin.md:3"),
        "the error in the log",
    );

    // The last good pages stay served.
    let html = p.page("carbon/tongzhou-lvse-tongqin/");
    assert_has("article while broken", main_of(&html), TONGZHOU_BODY);
    assert_lacks("article while broken", &html, "坏稿");
    assert_has("home while broken", main_of(&p.page("")), TONGZHOU_TITLE);

    // Fixed (with a new body): reload, and the new text is served.
    site.edit(TONGZHOU, |t| {
        t.replace("date = 2024-13-01", "date = 2024-07-10").replace(
            "坏稿：这段文字不该出现在预览里",
            "修好了：新线路七月十日开通",
        )
    });
    let f = events.expect_next("the fix");
    assert_eq!(f.event, "reload", "{f:?}");
    assert!(f.paths().contains(&TONGZHOU_URL.to_string()), "{f:?}");
    assert_has(
        "article after the fix",
        main_of(&p.page("carbon/tongzhou-lvse-tongqin/")),
        "修好了：新线路七月十日开通",
    );
}

#[test]
fn reverting_a_broken_edit_clears_the_error() {
    let site = SiteTest::from_fixture("basic");
    let p = Preview::start(&site);
    let original = std::fs::read_to_string(site.root().join(TONGZHOU)).unwrap();
    let mut events = p.events();

    site.edit(TONGZHOU, |t| {
        t.replace("date = 2024-07-09", "date = 2024-13-01")
    });
    assert_eq!(events.expect_next("a broken date").event, "error");
    // The editor undoes the typo: the site is exactly as it was at the last good build.
    site.write(TONGZHOU, &original);
    let f = events.next(WAIT);
    assert!(
        matches!(&f, Some(f) if f.event == "reload" || f.event == "css"),
        "the good build after an error must tell the page to drop its overlay; got {f:?}\n{}",
        p.log_text()
    );
}

#[test]
fn traversal_attempts_are_refused() {
    let site = SiteTest::from_fixture("basic");
    let p = Preview::start(&site);
    // The preview directory and the site both live in the temp dir, so `..` from the preview
    // would reach the site's own files by its folder name.
    let site_dir = site
        .root()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let passwd = std::fs::read_to_string("/etc/passwd")
        .ok()
        .filter(|t| t.len() > 20);
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    // Symlinks in the served folder that point out of it.
    let out = p.out_dir();
    assert!(
        out.join("index.html").is_file(),
        "no preview at {}",
        out.display()
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(site.root(), out.join("escape")).unwrap();
        std::os::unix::fs::symlink(site.root().join("site.toml"), out.join("site.toml")).unwrap();
    }
    let targets = [
        "/../etc/passwd".to_string(),
        "/xietong/../../etc/passwd".to_string(),
        "/%2e%2e/%2e%2e/etc/passwd".to_string(),
        "/xietong/%2e%2e/%2e%2e/%2e%2e/etc/passwd".to_string(),
        "/xietong/..%2f..%2fsite.toml".to_string(),
        "/xietong/..%2f..%2f..%2fetc%2fpasswd".to_string(),
        "/xietong/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd".to_string(),
        "/xietong/%252e%252e/%252e%252e/etc/passwd".to_string(),
        "/xietong/..\\..\\etc\\passwd".to_string(),
        "/xietong/..%5c..%5cetc%5cpasswd".to_string(),
        "/xietong//etc/passwd".to_string(),
        "//etc/passwd".to_string(),
        "/xietong/%2fetc%2fpasswd".to_string(),
        "/xietong/carbon/%00/../../etc/passwd".to_string(),
        "/xietong/./../site.toml".to_string(),
        format!("/xietong/../{site_dir}/site.toml"),
        format!("/xietong/%2e%2e/{site_dir}/site.toml"),
        format!("/xietong/..%2f{site_dir}%2fsite.toml"),
        "/xietong/escape/site.toml".to_string(),
        "/xietong/escape/content/carbon/tongzhou-lvse-tongqin.md".to_string(),
        "/xietong/site.toml".to_string(),
        "http://example.com/../../etc/passwd".to_string(),
    ];
    for t in &targets {
        let r = p.get(t);
        assert!(
            r.status == 400 || r.status == 404,
            "GET {t} answered {}:\n{}",
            r.status,
            r.text()
        );
        let body = r.text();
        if let Some(passwd) = &passwd {
            assert!(
                !body.contains(passwd.lines().next().unwrap()),
                "GET {t} served /etc/passwd"
            );
        }
        assert!(!body.contains("root:x:0:0"), "GET {t} served /etc/passwd");
        assert!(
            !body.contains(config.lines().find(|l| l.starts_with("base_url")).unwrap()),
            "GET {t} served site.toml"
        );
        assert!(
            !body.contains(TONGZHOU_BODY),
            "GET {t} served a source file"
        );
    }
    // The server is still there and still serves the site.
    assert_has("home", main_of(&p.page("")), TONGZHOU_TITLE);
}

#[test]
fn a_burst_of_200_new_articles_gives_a_few_rebuilds() {
    let site = SiteTest::from_fixture("basic");
    let p = Preview::start(&site);
    let mut events = p.events();
    let from = p.log_len();

    site.articles(200, "talent", "burst", &["hejian"]);
    p.wait_log(
        from,
        |l| l.starts_with(REBUILD_START),
        "a rebuild after the burst",
    );
    let log = p.settle(from, Duration::from_millis(1500));
    let rebuilds: Vec<&String> = log
        .iter()
        .filter(|l| l.starts_with(REBUILD_START))
        .collect();
    assert!(
        (1..=5).contains(&rebuilds.len()),
        "{} rebuilds for one burst:\n{}",
        rebuilds.len(),
        log.join("\n")
    );
    let reported: usize = rebuilds
        .iter()
        .map(|l| {
            l.trim_start_matches(REBUILD_START)
                .trim()
                .split(' ')
                .next()
                .unwrap()
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert!(
        reported >= 200,
        "the batches name {reported} files in all:\n{}",
        log.join("\n")
    );

    let frames = events.drain(Duration::from_millis(300));
    assert!((1..=5).contains(&frames.len()), "{frames:?}");
    assert!(frames.iter().all(|f| f.event == "reload"), "{frames:?}");
    let urls: std::collections::BTreeSet<String> = frames.iter().flat_map(|f| f.paths()).collect();
    for i in [1, 100, 200] {
        assert!(
            urls.contains(&format!("/xietong/talent/burst-{i:03}/")),
            "burst-{i:03} not in {urls:?}"
        );
    }

    for i in 1..=200 {
        let html = p.page(&format!("talent/burst-{i:03}/"));
        assert_has(
            &format!("burst-{i:03}"),
            main_of(&html),
            &format!("talent测试稿第{i}篇"),
        );
    }
    // 205 talent articles at 20 a page: the topic's last page is there too.
    assert_has(
        "talent page 11",
        main_of(&p.page("topics/talent/page/11/")),
        "talent测试稿第200篇",
    );
}

#[test]
fn the_preview_is_what_a_full_build_writes() {
    let site = SiteTest::from_fixture("basic");
    let p = Preview::start(&site);
    let mut events = p.events();

    // A body edit, a title edit, a new article, a deleted one (the last in its county).
    site.edit(TONGZHOU, |t| t + "\n沿线新增站点二十处。\n");
    wait_event(&mut events, "reload", "a body edit");
    site.edit("content/industry/cangzhou-gangkou.md", |t| {
        t.replace("沧州港口协作", "沧州黄骅港口协作")
    });
    wait_event(&mut events, "reload", "a title edit");
    site.article(
        "innovation",
        "xiongan-suanli",
        &Article::new("雄安新区算力中心启用")
            .date("2024-09-01")
            .topics(&["innovation"])
            .regions(&["xiongan"]),
    );
    wait_event(&mut events, "reload", "a new article");
    site.remove("content/innovation/haidian-shuju.md");
    let gone = wait_event(&mut events, "reload", "a deleted article").paths();
    assert!(
        gone.contains(&"/xietong/innovation/haidian-shuju/".to_string()),
        "{gone:?}"
    );
    assert_eq!(p.get("/xietong/innovation/haidian-shuju/").status, 404);

    // Should an edit have come in two batches, let the last rebuild finish before comparing.
    p.settle(0, Duration::from_millis(300));
    let out = tempfile::tempdir().unwrap();
    let out_path = out.path().join("site");
    site.run(&[
        "build",
        "--base-url",
        &p.url,
        "--out",
        out_path.to_str().unwrap(),
    ])
    .success();
    let built = snapshot(&out_path);
    let preview: Vec<(String, Vec<u8>)> = snapshot(&p.out_dir())
        .into_iter()
        .map(|(name, bytes)| {
            if !name.ends_with(".html") {
                return (name, bytes);
            }
            let text = String::from_utf8(bytes).unwrap();
            // Every themed page carries the script once; the page/1/ redirect stubs have none.
            let want = usize::from(!name.ends_with("/page/1/index.html"));
            assert_eq!(
                count(&text, SCRIPT_TAG),
                want,
                "{name} should carry the script {want} time(s)"
            );
            let without = text.replacen(&format!("\n{SCRIPT_TAG}"), "", 1);
            (name, without.into_bytes())
        })
        .collect();
    assert!(built.len() > 50, "{} files", built.len());
    crate::util::assert_same_tree(&preview, &built, "serve preview vs build");
}

#[test]
fn an_atomic_save_through_a_temp_file_gives_one_reload() {
    let site = SiteTest::from_fixture("basic");
    let p = Preview::start(&site);
    let mut events = p.events();
    let from = p.log_len();

    // What editors do: write a hidden temp file next to the article, then rename it over.
    let text =
        std::fs::read_to_string(site.root().join(TONGZHOU)).unwrap() + "\n原子保存的新段落。\n";
    let tmp = site
        .root()
        .join("content/carbon/.tongzhou-lvse-tongqin.md.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, site.root().join(TONGZHOU)).unwrap();

    let f = wait_event(&mut events, "reload", "an atomic save");
    assert!(f.paths().contains(&TONGZHOU_URL.to_string()), "{f:?}");
    assert!(
        events.drain(Duration::from_millis(500)).is_empty(),
        "one event for one save: {:?}",
        events.seen
    );
    let log = p.settle(from, Duration::from_millis(300));
    assert_eq!(
        log.iter()
            .filter(|l| l.starts_with(REBUILD_START))
            .cloned()
            .collect::<Vec<_>>(),
        ["检测到 1 个文件变化，正在重新生成……"],
        "the temp file is not a change of its own:\n{}",
        log.join("\n")
    );
    assert_has(
        "article",
        main_of(&p.page("carbon/tongzhou-lvse-tongqin/")),
        "原子保存的新段落。",
    );
}

#[test]
fn missing_paths_get_the_sites_404_page_and_directories_their_index() {
    let site = SiteTest::from_fixture("basic");
    let p = Preview::start(&site);

    let r = p.get("/xietong/carbon/no-such-article/");
    assert_eq!(r.status, 404);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(
        r.text(),
        std::fs::read_to_string(p.out_dir().join("404.html")).unwrap()
    );

    // A directory without its slash is sent to it; the root goes to the base path.
    let r = p.get("/xietong/carbon/tongzhou-lvse-tongqin");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("location"), Some(TONGZHOU_URL));
    let r = p.get("/");
    assert!(r.status == 302 || r.status == 301, "{r:?}");
    assert_eq!(r.header("location"), Some(BASE));
    assert_eq!(
        p.get("/xietong/carbon/tongzhou-lvse-tongqin/index.html")
            .text(),
        p.page("carbon/tongzhou-lvse-tongqin/")
    );
    assert_eq!(
        p.get(&format!("{BASE}atom.xml"))
            .header("content-type")
            .map(|c| c.split(';').next().unwrap()),
        Some("application/atom+xml")
    );
}

#[test]
fn a_busy_port_moves_to_the_next_free_one_and_says_so() {
    let site = SiteTest::from_fixture("basic");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let p = Preview::start_with(&site, &["--port", &port.to_string()]);
    assert_ne!(p.addr.port(), port);
    let moved = format!("端口 {port} 已被占用，改用 {}", p.addr.port());
    p.wait_log(0, |l| l == moved, &moved);
    assert_has("home", main_of(&p.page("")), TONGZHOU_TITLE);
    drop(taken);
}

#[test]
fn moving_an_article_into_a_new_folder_moves_its_page() {
    let site = SiteTest::from_fixture("basic");
    let p = Preview::start(&site);
    let mut events = p.events();

    // A new subfolder, and the article renamed into it (the URL follows the file name).
    std::fs::create_dir(site.root().join("content/talent/2024")).unwrap();
    std::fs::rename(
        site.root().join("content/talent/hejian-zhijiao.md"),
        site.root().join("content/talent/2024/hejian-shixun.md"),
    )
    .unwrap();
    let paths = wait_event(&mut events, "reload", "a move into a new folder").paths();
    for url in [
        "/xietong/talent/hejian-zhijiao/",
        "/xietong/talent/hejian-shixun/",
        "/xietong/topics/talent/",
    ] {
        assert!(paths.contains(&url.to_string()), "{url} not in {paths:?}");
    }
    assert_eq!(p.get("/xietong/talent/hejian-zhijiao/").status, 404);
    assert_has(
        "moved article",
        main_of(&p.page("talent/hejian-shixun/")),
        "河间职教生赴津实训",
    );
    assert_has(
        "topic",
        main_of(&p.page("topics/talent/")),
        "href=\"/xietong/talent/hejian-shixun/\"",
    );

    // The new folder is watched: an edit inside it is seen.
    site.edit("content/talent/2024/hejian-shixun.md", |t| {
        t + "\n新学期再派两批学生。\n"
    });
    wait_event(&mut events, "reload", "an edit in the new folder");
    assert_has(
        "moved article",
        main_of(&p.page("talent/hejian-shixun/")),
        "新学期再派两批学生。",
    );
}

#[test]
fn a_templates_folder_created_while_serving_is_watched() {
    let site = SiteTest::from_fixture("basic");
    let p = Preview::start(&site);
    let mut events = p.events();

    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<article class=\"mine\">本站页面模板：{{ page.title }}</article>{% endblock content %}",
    );
    let paths = wait_event(&mut events, "reload", "a new templates/page.html").paths();
    assert_eq!(paths, ["/xietong/about/"]);
    assert_has(
        "about",
        main_of(&p.page("about/")),
        "<article class=\"mine\">本站页面模板：关于本刊</article>",
    );

    // And an edit of the new file is seen too (the new folder is watched, not just noticed).
    site.edit("templates/page.html", |t| {
        t.replace("本站页面模板", "本站页面模板二")
    });
    wait_event(&mut events, "reload", "an edit in the new folder");
    assert_has(
        "about",
        main_of(&p.page("about/")),
        "本站页面模板二：关于本刊",
    );
}

#[test]
fn sigterm_says_bye_to_the_browsers_and_removes_the_preview_folder() {
    let site = SiteTest::from_fixture("basic");
    let mut p = Preview::start(&site);
    let out = p.out_dir();
    assert!(out.join("index.html").is_file(), "{}", out.display());
    let mut events = p.events();
    let status = p.terminate();
    assert!(status.success(), "{status:?}\n{}", p.log_text());
    assert_eq!(wait_event(&mut events, "bye", "stopping").event, "bye");
    assert!(!out.exists(), "{} is left behind", out.display());
}
