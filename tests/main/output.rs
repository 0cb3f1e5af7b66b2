//! Writing the site: a failed build leaves the previous `public/` exactly as it was and no staging
//! directories behind; `--out` never replaces the site's own files; every output has its own file.

use crate::util::{assert_same_tree, list_files, snapshot, Article, SiteTest};

/// Names beside `public/` that only a build in progress should create.
fn leftovers(site: &SiteTest) -> Vec<String> {
    std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect()
}

#[test]
fn failed_build_keeps_the_previous_output() {
    let site = SiteTest::from_fixture("basic");
    site.build_ok();
    let before = snapshot(&site.public());
    site.write(
        "content/industry/cangzhou-gangkou.md",
        "+++\ntitle = \"沧州港口协作\"\n+++\n正文。\n",
    );
    let run = site.build().failure();
    run.stderr_has(&["the article has no `date`", "原有输出保持不变"]);
    assert_same_tree(
        &before,
        &snapshot(&site.public()),
        "public/ after a failed build",
    );
    assert_eq!(
        leftovers(&site),
        Vec::<String>::new(),
        "staging directories left behind\n{run}"
    );
}

#[test]
fn failed_render_keeps_the_previous_output() {
    let site = SiteTest::from_fixture("basic");
    site.build_ok();
    let before = snapshot(&site.public());
    // Loading succeeds; rendering fails half-way, after the staging directory exists.
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.nope }}{% endblock content %}",
    );
    let run = site.build().failure();
    run.stderr_has(&["templates/article.html", "`nope` is not defined"]);
    assert_same_tree(
        &before,
        &snapshot(&site.public()),
        "public/ after a failed render",
    );
    assert_eq!(
        leftovers(&site),
        Vec::<String>::new(),
        "staging directories left behind\n{run}"
    );
}

#[test]
fn successful_rebuild_replaces_stale_files() {
    let site = SiteTest::from_fixture("basic");
    site.build_ok();
    assert!(site.exists("carbon/tongzhou-lvse-tongqin/index.html"));
    site.remove("content/carbon/tongzhou-lvse-tongqin.md");
    site.build_ok();
    assert!(
        !site.exists("carbon/tongzhou-lvse-tongqin/index.html"),
        "a removed article's page survived the rebuild"
    );
    assert!(
        !site.exists("regions/beijing/tongzhou/index.html"),
        "a place without articles kept its page"
    );
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[test]
fn out_at_the_site_root_is_refused() {
    let site = SiteTest::from_fixture("basic");
    let before = list_files(site.root());
    let root = site.root().display().to_string();
    site.run(&["build", "--out", &root]).failure().stderr_has(&[
        "refusing to write the site here: it contains the site root",
        "choose another --out",
    ]);
    assert_eq!(before, list_files(site.root()), "the site root changed");
}

#[test]
fn out_above_the_site_root_is_refused() {
    let site = SiteTest::from_fixture("basic");
    // The site lives in <tmp>/site; --out points at <tmp>, which only a temp dir owns.
    let outer = site.root().to_path_buf();
    let inner = outer.join("site");
    std::fs::create_dir(&inner).unwrap();
    for name in ["site.toml", "content", "themes"] {
        std::fs::rename(outer.join(name), inner.join(name)).unwrap();
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_xietong"))
        .args([
            "build",
            "--root",
            &inner.display().to_string(),
            "--out",
            &outer.display().to_string(),
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        inner.join("site.toml").is_file(),
        "the site was deleted by --out above it; stderr:\n{stderr}"
    );
    assert!(
        inner.join("content/industry/cangzhou-gangkou.md").is_file(),
        "content was deleted; stderr:\n{stderr}"
    );
    assert_eq!(out.status.code(), Some(1), "stderr:\n{stderr}");
}

#[test]
fn out_inside_the_site_inputs_is_refused() {
    let site = SiteTest::from_fixture("basic");
    let content = site.root().join("content").display().to_string();
    let run = site.run(&["build", "--out", &content]);
    assert!(
        site.root()
            .join("content/industry/cangzhou-gangkou.md")
            .is_file(),
        "content/ was replaced\n{run}"
    );
    run.failure();
}

#[test]
fn every_output_has_its_own_file() {
    let site = SiteTest::from_fixture("basic");
    site.articles(25, "industry", "pl", &["hebei/cangzhou/hejian"]);
    let run = site.build_ok();
    let written = site.outputs().len();
    run.stdout_has(&format!("共 {written} 个文件"));
}

#[test]
fn topic_named_like_a_region_does_not_collide() {
    let site = SiteTest::new();
    site.edit("site.toml", |t| {
        t + "\n[[topics]]\nkey = \"xiongan\"\nname = \"雄安新区\"\n"
    });
    site.article(
        "xiongan",
        "jianshe",
        &Article::new("雄安新区建设提速").regions(&["xiongan"]),
    );
    site.article(
        "xiongan",
        "baoding",
        &Article::new("保定对接雄安").regions(&["baoding"]),
    );
    let run = site.build();
    if run.code == Some(0) {
        let written = site.outputs().len();
        run.stdout_has(&format!("共 {written} 个文件"));
    } else {
        run.stderr_has(&["xiongan"]);
    }
}

#[test]
fn topic_key_must_not_be_a_reserved_path() {
    let site = SiteTest::new();
    site.edit("site.toml", |t| {
        t + "\n[[topics]]\nkey = \"regions\"\nname = \"地区动态\"\n"
    });
    site.article(
        "regions",
        "hebei",
        &Article::new("河北动态").regions(&["hebei"]),
    );
    site.build().failure().stderr_has(&["regions"]);
}
