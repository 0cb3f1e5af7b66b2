//! Importing again: unchanged files stay byte-identical, editors' changes survive, any other
//! article in the way stops the whole batch unless `--force`, and a failed write leaves nothing.

use crate::util::{assert_same_tree, snapshot, Article, SiteTest};

use super::{
    content_files, file_titled, front, page, read, site, DATED, DATED_TITLES, TOPIC_KEYS, UNDATED,
};

#[test]
fn reimport_leaves_files_byte_identical_and_reports_them_kept() {
    let site = site();
    site.run(&["import", DATED, UNDATED]).success();
    let first = snapshot(&site.root().join("content"));
    let run = site.run(&["import", DATED, UNDATED]).success();
    assert_same_tree(
        &first,
        &snapshot(&site.root().join("content")),
        "a re-import",
    );
    assert_eq!(
        run.stdout.matches("保持不变").count(),
        3,
        "every article should be reported kept\n{run}"
    );
    run.stdout_has("写入 0 个文件");
}

#[test]
fn hand_edit_survives_reimport() {
    let site = site();
    site.run(&["import", DATED]).success();
    let f = file_titled(&site, DATED_TITLES[0]);
    site.edit(&f, |t| {
        t.replace(DATED_TITLES[0], "渤海新区成北京药企新基地")
            + "\n编者按：本文数据已与园区核对。\n"
    });
    let edited = read(&site, &f);
    site.run(&["import", DATED])
        .success()
        .stdout_has("保持不变");
    assert_eq!(
        read(&site, &f),
        edited,
        "the editor's changes to {f} were lost"
    );
    assert_eq!(
        content_files(&site).len(),
        2,
        "a re-import made a second copy: {:?}",
        content_files(&site)
    );
}

/// Imports `DATED`, then leaves only `other` at the path of its second article: returns the
/// path of the first article (now absent) and of the second.
fn clash_setup(site: &SiteTest, other: &Article) -> (String, String) {
    site.run(&["import", DATED]).success();
    let (a, b) = (
        file_titled(site, DATED_TITLES[0]),
        file_titled(site, DATED_TITLES[1]),
    );
    site.remove(&a).remove(&b).write(&b, &other.toml());
    (a, b)
}

#[test]
fn hand_written_article_at_the_target_stops_the_whole_batch() {
    let site = site();
    let (a, b) = clash_setup(&site, &Article::new("编辑手写的稿件").topics(&["carbon"]));
    let before = snapshot(site.root());
    let run = site.run(&["import", DATED]).failure();
    run.stderr_has(&[&b, "--force"]);
    assert_same_tree(&before, &snapshot(site.root()), "a refused import");
    assert!(
        !site.root().join(&a).exists(),
        "{a} was written although the batch was refused"
    );
}

#[test]
fn article_from_another_raw_file_is_not_replaced() {
    let site = site();
    let other = Article::new("另一篇稿件")
        .topics(&["carbon"])
        .text("origin", "raw/another.txt");
    let (_, b) = clash_setup(&site, &other);
    let before = snapshot(site.root());
    site.run(&["import", DATED])
        .failure()
        .stderr_has(&[&b, "--force"]);
    assert_same_tree(&before, &snapshot(site.root()), "a refused import");
}

#[test]
fn force_replaces_a_clashing_article() {
    let site = site();
    let (a, b) = clash_setup(&site, &Article::new("编辑手写的稿件").topics(&["carbon"]));
    site.run(&["import", "--force", DATED]).success();
    let text = read(&site, &b);
    assert_eq!(
        front(&text, "title"),
        Some(format!("\"{}\"", DATED_TITLES[1]).as_str()),
        "{text}"
    );
    assert_eq!(front(&text, "origin"), Some("\"raw/page-dated.txt\""));
    assert!(site.root().join(&a).is_file(), "{a} missing after --force");
}

#[test]
fn failed_write_removes_the_files_already_written() {
    let site = site();
    site.run(&["import", DATED]).success();
    let (a, b) = (
        file_titled(&site, DATED_TITLES[0]),
        file_titled(&site, DATED_TITLES[1]),
    );
    site.remove(&a).remove(&b);
    // A folder where the second article's file goes: renaming onto it fails after the first
    // article was written.
    site.write(&format!("{b}/blocker/keep.txt"), "x");
    let run = site.run(&["import", DATED]).failure();
    assert_eq!(
        content_files(&site),
        [format!("{b}/blocker/keep.txt")],
        "half-written import\n{run}"
    );
}

#[test]
fn same_headline_twice_gets_a_numbered_file_and_reimports_cleanly() {
    let site = site();
    let title = "廊坊新增两条跨省公交线路";
    let text = page(title, "跨省公交首发仪式") + "\n" + &page(title, "公交线路调整说明会");
    site.write("raw/twice.txt", &text);
    site.run(&["import", "raw/twice.txt"]).success();
    let files = content_files(&site);
    assert_eq!(files.len(), 2, "{files:?}");
    let stems: Vec<&str> = files
        .iter()
        .map(|f| f.rsplit('/').next().unwrap())
        .collect();
    assert!(
        stems.iter().any(|s| s.ends_with("-2.md")),
        "the second copy needs its own numbered file: {files:?}"
    );
    let first = snapshot(&site.root().join("content"));
    site.run(&["import", "raw/twice.txt"])
        .success()
        .stdout_has("写入 0 个文件");
    assert_same_tree(
        &first,
        &snapshot(&site.root().join("content")),
        "a re-import",
    );
}

#[test]
fn reimport_finds_an_article_moved_to_another_topic() {
    let site = site();
    site.run(&["import", DATED]).success();
    let f = file_titled(&site, DATED_TITLES[1]);
    let topic = f.split('/').nth(1).unwrap();
    let other = TOPIC_KEYS.iter().find(|t| **t != topic).unwrap();
    let moved = f.replacen(topic, other, 1);
    let text = read(&site, &f);
    site.remove(&f).write(&moved, &text);
    let before = snapshot(&site.root().join("content"));
    site.run(&["import", DATED]).success();
    assert_same_tree(
        &before,
        &snapshot(&site.root().join("content")),
        "a re-import after the editor moved an article",
    );
}
