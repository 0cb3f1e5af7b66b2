//! Real files in temporary folders, watched by real notify.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use super::*;

/// Generous: a loaded CI machine may be slow to deliver, but a passing test does not wait this long.
const PATIENCE: Duration = Duration::from_secs(5);
const DEBOUNCE: Duration = Duration::from_millis(50);

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in [
        ("site.toml", "title = \"京津冀协同\"\n"),
        ("content/carbon/x.md", "+++\ntitle = \"碳\"\n+++\n正文\n"),
        ("content/carbon/y.md", "+++\ntitle = \"碳二\"\n+++\n正文\n"),
        ("content/talent/z.md", "+++\ntitle = \"人才\"\n+++\n正文\n"),
        (
            "themes/digest/templates/base.html",
            "<html>{% block main %}{% endblock %}</html>",
        ),
        (
            "themes/digest/static/css/style.css",
            "body { color: black }",
        ),
        ("static/logo.svg", "<svg/>"),
        ("README.md", "not a source"),
    ] {
        write(dir.path(), path, text);
    }
    dir
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

fn opts() -> WatchOptions {
    WatchOptions {
        debounce: DEBOUNCE,
        ..WatchOptions::default()
    }
}

fn start(root: &Path) -> (Watcher, Receiver<Batch>) {
    Watcher::start(root, opts()).unwrap()
}

fn names(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect()
}

/// The next batch, or a failure naming what was expected.
fn next(rx: &Receiver<Batch>, expecting: &str) -> Batch {
    rx.recv_timeout(PATIENCE)
        .unwrap_or_else(|e| panic!("no batch within {PATIENCE:?} ({e}); expected {expecting}"))
}

/// Batches until together they name every path in `want`; fails after [`PATIENCE`].
fn until_all(rx: &Receiver<Batch>, want: &[&str]) -> Vec<Batch> {
    let deadline = Instant::now() + PATIENCE;
    let mut batches = Vec::new();
    let mut seen = BTreeSet::new();
    while !want.iter().all(|w| seen.contains(*w)) {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(b) => {
                seen.extend(names(&b.paths));
                batches.push(b);
            }
            Err(_) => {
                let missing: Vec<_> = want.iter().filter(|w| !seen.contains(**w)).collect();
                panic!("missing {missing:?} after {PATIENCE:?}; got {batches:?}");
            }
        }
    }
    batches
}

/// Fails if a batch arrives within the debounce plus a margin.
fn assert_quiet(rx: &Receiver<Batch>) {
    if let Ok(b) = rx.recv_timeout(DEBOUNCE + Duration::from_millis(500)) {
        panic!("expected no batch, got {b:?}");
    }
}

#[test]
fn an_edit_gives_a_batch_with_that_path() {
    let dir = site();
    let (_w, rx) = start(dir.path());
    write(
        dir.path(),
        "content/carbon/x.md",
        "+++\ntitle = \"碳\"\n+++\n新的正文\n",
    );
    let b = next(&rx, "content/carbon/x.md");
    assert_eq!(names(&b.paths), ["content/carbon/x.md"]);
    assert!(b.only_content());
    assert!(!b.touches_config());
}

#[test]
fn an_atomic_save_reports_the_file_not_the_temporary() {
    let dir = site();
    let (_w, rx) = start(dir.path());
    let carbon = dir.path().join("content/carbon");
    for tmp in [".x.md.tmp", "x.md.tmp"] {
        fs::write(carbon.join(tmp), "+++\ntitle = \"碳\"\n+++\n原子保存\n").unwrap();
        fs::rename(carbon.join(tmp), carbon.join("x.md")).unwrap();
        let b = next(&rx, "content/carbon/x.md");
        assert_eq!(
            names(&b.paths),
            ["content/carbon/x.md"],
            "saving through {tmp}"
        );
    }
}

#[test]
fn a_deleted_file_is_reported() {
    let dir = site();
    let (_w, rx) = start(dir.path());
    fs::remove_file(dir.path().join("content/talent/z.md")).unwrap();
    let b = next(&rx, "content/talent/z.md");
    assert_eq!(names(&b.paths), ["content/talent/z.md"]);
}

#[test]
fn a_renamed_file_reports_old_and_new_names() {
    let dir = site();
    let (_w, rx) = start(dir.path());
    let carbon = dir.path().join("content/carbon");
    fs::rename(carbon.join("y.md"), carbon.join("y2.md")).unwrap();
    until_all(&rx, &["content/carbon/y.md", "content/carbon/y2.md"]);
}

#[test]
fn a_renamed_folder_reports_the_files_under_both_names() {
    let dir = site();
    let (_w, rx) = start(dir.path());
    let content = dir.path().join("content");
    fs::rename(content.join("carbon"), content.join("climate")).unwrap();
    let batches = until_all(
        &rx,
        &[
            "content/carbon/x.md",
            "content/carbon/y.md",
            "content/climate/x.md",
            "content/climate/y.md",
        ],
    );
    assert!(batches.len() <= 2, "{batches:?}");
    // The moved folder is watched under its new name.
    write(dir.path(), "content/climate/x.md", "changed after the move");
    let b = next(&rx, "content/climate/x.md");
    assert_eq!(names(&b.paths), ["content/climate/x.md"]);
}

#[test]
fn a_new_folder_is_reported_and_then_watched() {
    let dir = site();
    let (_w, rx) = start(dir.path());
    write(dir.path(), "content/industry/steel/a.md", "钢铁");
    until_all(&rx, &["content/industry/steel/a.md"]);
    write(dir.path(), "content/industry/steel/a.md", "钢铁产业");
    let b = next(&rx, "content/industry/steel/a.md again");
    assert_eq!(names(&b.paths), ["content/industry/steel/a.md"]);
}

#[test]
fn a_source_folder_created_later_is_watched() {
    let dir = site();
    let (_w, rx) = start(dir.path());
    write(dir.path(), "templates/base.html", "<html>override</html>");
    let batches = until_all(&rx, &["templates/base.html"]);
    assert!(batches.iter().any(|b| b.touches(Source::Template)));
    write(dir.path(), "templates/partials/card.html", "<div></div>");
    until_all(&rx, &["templates/partials/card.html"]);
}

#[test]
fn a_burst_of_200_files_gives_at_most_3_batches() {
    let dir = site();
    for i in 0..100 {
        write(dir.path(), &format!("content/burst/{i:03}.md"), "旧");
    }
    let (_w, rx) = start(dir.path());
    // Like a `git checkout`: 100 files rewritten, 100 new ones.
    for i in 0..200 {
        write(dir.path(), &format!("content/burst/{i:03}.md"), "新的正文");
    }
    let want: Vec<String> = (0..200)
        .map(|i| format!("content/burst/{i:03}.md"))
        .collect();
    let want: Vec<&str> = want.iter().map(String::as_str).collect();
    let batches = until_all(&rx, &want);
    assert!(batches.len() <= 3, "{} batches: {batches:?}", batches.len());
    assert_quiet(&rx);
}

#[test]
fn editor_junk_alone_gives_no_batch() {
    let dir = site();
    let (_w, rx) = start(dir.path());
    let carbon = dir.path().join("content/carbon");
    for junk in [
        "x.md~",
        ".#x.md",
        "#x.md#",
        ".x.md.swp",
        "x.md.swx",
        "x.md.tmp",
        ".DS_Store",
    ] {
        fs::write(carbon.join(junk), "junk").unwrap();
    }
    // Vim's probe: created and deleted at once.
    fs::write(carbon.join("4913"), "").unwrap();
    fs::remove_file(carbon.join("4913")).unwrap();
    write(dir.path(), "content/.drafts/a.md", "in a dot-folder");
    write(dir.path(), "README.md", "outside the sources");
    write(dir.path(), "public/index.html", "outside the sources");
    assert_quiet(&rx);
}

#[test]
fn reading_the_sources_gives_no_batch() {
    // A rebuild reads every source; inotify reports the opens, which must not look like edits.
    let dir = site();
    let (_w, rx) = start(dir.path());
    for entry in walkdir::WalkDir::new(dir.path()) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            fs::read(entry.path()).unwrap();
        } else {
            fs::read_dir(entry.path()).unwrap().for_each(drop);
        }
    }
    assert_quiet(&rx);
}

#[test]
fn ignored_paths_give_no_batch() {
    let dir = site();
    let mut o = opts();
    o.ignore = vec![
        PathBuf::from("static/generated"),
        dir.path().join("content/out"),
    ];
    let (_w, rx) = Watcher::start(dir.path(), o).unwrap();
    write(dir.path(), "static/generated/app.css", "a{}");
    write(dir.path(), "content/out/index.html", "<html/>");
    assert_quiet(&rx);
    write(dir.path(), "static/generated.css", "a{}");
    let b = next(&rx, "static/generated.css");
    assert_eq!(names(&b.paths), ["static/generated.css"]);
}

#[test]
fn config_and_css_edits_are_classified() {
    let dir = site();
    let (_w, rx) = start(dir.path());
    write(
        dir.path(),
        "themes/digest/static/css/style.css",
        "body { color: navy }",
    );
    let b = next(&rx, "the stylesheet");
    assert!(b.only_css(), "{b:?}");
    assert!(!b.touches_config());

    // An atomic save of site.toml, as editors do it.
    fs::write(dir.path().join(".site.toml.tmp"), "title = \"新\"\n").unwrap();
    fs::rename(
        dir.path().join(".site.toml.tmp"),
        dir.path().join("site.toml"),
    )
    .unwrap();
    let b = next(&rx, "site.toml");
    assert_eq!(names(&b.paths), ["site.toml"]);
    assert!(b.touches_config());
    assert!(!b.only_css());
}

#[test]
fn forced_polling_still_delivers_an_edit() {
    let dir = site();
    let o = WatchOptions {
        poll: true,
        poll_interval: Duration::from_millis(100),
        ..opts()
    };
    let (w, rx) = Watcher::start(dir.path(), o).unwrap();
    assert!(w.is_polling());
    assert_eq!(w.fallback_reason(), None);
    // Same size, and within the second the file was written in: invisible to notify's
    // PollWatcher, which compares whole-second mtimes; the recheck of recent files sees it.
    write(
        dir.path(),
        "content/carbon/x.md",
        "+++\ntitle = \"碳\"\n+++\n改文\n",
    );
    let b = next(&rx, "content/carbon/x.md");
    assert_eq!(names(&b.paths), ["content/carbon/x.md"]);
    // Once, although both the recheck and the PollWatcher may notice it.
    assert_quiet(&rx);
    write(dir.path(), "content/energy/a.md", "a new folder, polled");
    until_all(&rx, &["content/energy/a.md"]);
}

#[test]
fn a_native_watcher_at_its_limit_falls_back_to_polling() {
    let dir = site();
    let o = WatchOptions {
        poll_interval: Duration::from_millis(100),
        ..opts()
    };
    let (w, rx) = Watcher::start_with(dir.path(), o, |_, _, _| {
        Err(notify::Error::new(notify::ErrorKind::MaxFilesWatch))
    })
    .unwrap();
    assert!(w.is_polling());
    let why = w.fallback_reason().unwrap();
    assert!(why.contains("max_user_watches"), "{why}");
    write(
        dir.path(),
        "content/carbon/x.md",
        "edited while polling, longer than before",
    );
    let b = next(&rx, "content/carbon/x.md");
    assert_eq!(names(&b.paths), ["content/carbon/x.md"]);
}

#[test]
fn hitting_the_limit_later_switches_to_polling() {
    let dir = site();
    let o = WatchOptions {
        poll_interval: Duration::from_millis(100),
        ..opts()
    };
    let (w, rx) = Watcher::start(dir.path(), o).unwrap();
    assert!(!w.is_polling(), "the native watcher should start here");
    // What inotify reports when a new folder's watch would pass max_user_watches.
    let tx = w.shared.lock().raw_tx.clone().unwrap();
    tx.send(Err(notify::Error::new(notify::ErrorKind::MaxFilesWatch)))
        .unwrap();
    let deadline = Instant::now() + PATIENCE;
    while !w.is_polling() {
        assert!(Instant::now() < deadline, "no switch to polling");
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(w.fallback_reason().is_some());
    write(dir.path(), "content/energy/a.md", "after the switch");
    until_all(&rx, &["content/energy/a.md"]);
}

#[test]
fn dropping_the_watcher_ends_the_channel() {
    let dir = site();
    let (w, rx) = start(dir.path());
    drop(w);
    match rx.recv_timeout(PATIENCE) {
        Err(RecvTimeoutError::Disconnected) => {}
        other => panic!("expected the channel to close, got {other:?}"),
    }
}

#[test]
fn a_missing_root_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = Watcher::start(&dir.path().join("nope"), opts())
        .err()
        .unwrap();
    assert!(matches!(err, WatchError::Root { .. }));
    assert!(
        err.to_string().contains("expected the site's root folder"),
        "{err}"
    );
}

#[test]
fn sources_are_classified_by_folder() {
    let of = |p: &str| Source::of(Path::new(p));
    assert_eq!(of("site.toml"), Source::Config);
    assert_eq!(of("content/carbon/x.md"), Source::Content);
    assert_eq!(of("templates/base.html"), Source::Template);
    assert_eq!(
        of("themes/digest/templates/partials/card.html"),
        Source::Template
    );
    assert_eq!(of("static/css/style.css"), Source::Static);
    assert_eq!(of("themes/digest/static/css/style.css"), Source::Static);
    assert_eq!(of("data/regions.toml"), Source::Data);
    assert_eq!(of("themes/digest/theme.toml"), Source::Other);
    assert_eq!(of("content"), Source::Other);
    assert_eq!(of("site.toml/x"), Source::Other);
}

#[test]
fn batch_classification() {
    let batch = |paths: &[&str]| Batch {
        paths: paths.iter().map(PathBuf::from).collect(),
    };
    assert!(batch(&["static/css/a.css", "themes/digest/static/css/style.CSS"]).only_css());
    assert!(!batch(&["static/css/a.css", "static/logo.svg"]).only_css());
    assert!(batch(&["static/css/a.css", "static/logo.svg"]).only_static());
    assert!(!batch(&["templates/a.css"]).only_css());
    assert!(!batch(&[]).only_css());
    assert!(batch(&["content/a.md", "site.toml"]).touches_config());
    assert!(!batch(&["content/site.toml"]).touches_config());
    let b = batch(&["content/a.md", "data/x.toml", "content/b/c.md"]);
    assert_eq!(
        b.content().collect::<Vec<_>>(),
        [Path::new("content/a.md"), Path::new("content/b/c.md")]
    );
    assert!(b.touches(Source::Data));
    assert!(!b.only_content());

    let mut m = batch(&["content/b.md", "site.toml"]);
    m.merge(batch(&["content/a.md", "content/b.md"]));
    assert_eq!(
        names(&m.paths),
        ["content/a.md", "content/b.md", "site.toml"]
    );
}

/// Not a check but a measurement: `XIETONG_WATCH_SITE=/path/to/site cargo test --release --lib
/// watch_latency -- --ignored --nocapture` prints the start-up time and the median
/// write-to-batch latency over 20 one-article edits (default debounce).
#[test]
#[ignore]
fn watch_latency() {
    let owned;
    let root = match std::env::var_os("XIETONG_WATCH_SITE") {
        Some(p) => PathBuf::from(p),
        None => {
            owned = site();
            owned.path().to_path_buf()
        }
    };
    let article = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "md"))
        .unwrap()
        .into_path();
    let original = fs::read_to_string(&article).unwrap();
    for poll in [false, true] {
        let t = Instant::now();
        let (w, rx) = Watcher::start(
            &root,
            WatchOptions {
                poll,
                ..WatchOptions::default()
            },
        )
        .unwrap();
        let started = t.elapsed();
        let mut ms = Vec::new();
        for i in 0..20 {
            std::thread::sleep(Duration::from_millis(if poll { 300 } else { 50 }));
            let t = Instant::now();
            fs::write(&article, format!("{original}\n编辑 {i}\n")).unwrap();
            let b = next(&rx, "the edited article");
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(b.paths.len(), 1, "{b:?}");
        }
        ms.sort_by(f64::total_cmp);
        println!(
            "polling={} start {:.1} ms, write-to-batch median {:.1} ms (min {:.1}, max {:.1})",
            w.is_polling(),
            started.as_secs_f64() * 1000.0,
            ms[10],
            ms[0],
            ms[19]
        );
    }
    fs::write(&article, original).unwrap();
}
