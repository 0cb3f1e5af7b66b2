//! The builder against real files: incremental rebuilds compared with full builds.
use super::*;

fn site() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("site.toml"), d.path().join("site.toml")).unwrap();
    copy_dir(&repo.join("themes"), &d.path().join("themes"));
    write(
        d.path(),
        "content/carbon/a.md",
        "+++\ntitle = \"甲文\"\ndate = 2024-01-02\nregions = [\"cangzhou\"]\n+++\n正文一。\n",
    );
    write(
        d.path(),
        "content/carbon/b.md",
        "+++\ntitle = \"乙文\"\ndate = 2024-01-01\n+++\n正文二。\n",
    );
    d
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().flatten() {
        let rel = e.path().strip_prefix(from).unwrap();
        if e.file_type().is_dir() {
            std::fs::create_dir_all(to.join(rel)).unwrap();
        } else {
            std::fs::copy(e.path(), to.join(rel)).unwrap();
        }
    }
}

fn builder(root: &Path) -> Builder {
    let mut opts = BuildOptions::new(root);
    opts.out = root.join(".preview");
    opts.base_url = Some("http://127.0.0.1:1111/".into());
    Builder::new(opts, "/__livereload.js".into())
}

#[test]
fn body_edit_rewrites_the_article_but_not_unrelated_pages() {
    let d = site();
    let mut b = builder(d.path());
    let first = b.rebuild(None).unwrap();
    assert!(first.files.contains(&"carbon/a/index.html".to_string()));
    write(d.path(), "content/carbon/a.md", "+++\ntitle = \"甲文\"\ndate = 2024-01-02\nregions = [\"cangzhou\"]\n+++\n正文一。\n\n新加一段。\n");
    let second = b.rebuild(None).unwrap();
    assert!(
        second.files.contains(&"carbon/a/index.html".to_string()),
        "{:?}",
        second.files
    );
    assert!(
        !second.files.contains(&"carbon/b/index.html".to_string()),
        "{:?}",
        second.files
    );
    assert!(
        !second.files.contains(&"archive/index.html".to_string()),
        "{:?}",
        second.files
    );
    let html = std::fs::read_to_string(d.path().join(".preview/carbon/a/index.html")).unwrap();
    assert!(html.contains("新加一段") && html.contains("/__livereload.js"));
}

#[test]
fn nothing_changed_writes_nothing() {
    let d = site();
    let mut b = builder(d.path());
    b.rebuild(None).unwrap();
    assert_eq!(b.rebuild(None).unwrap().files, Vec::<String>::new());
}

#[test]
fn title_edit_reaches_the_lists() {
    let d = site();
    let mut b = builder(d.path());
    b.rebuild(None).unwrap();
    write(
        d.path(),
        "content/carbon/a.md",
        "+++\ntitle = \"甲文新题\"\ndate = 2024-01-02\nregions = [\"cangzhou\"]\n+++\n正文一。\n",
    );
    let c = b.rebuild(None).unwrap();
    for f in [
        "index.html",
        "topics/carbon/index.html",
        "regions/hebei/cangzhou/index.html",
        "atom.xml",
    ] {
        assert!(c.files.contains(&f.to_string()), "{f} not in {:?}", c.files);
    }
}

#[test]
fn deleted_article_removes_its_page_and_a_failed_rebuild_keeps_the_old_one() {
    let d = site();
    let mut b = builder(d.path());
    b.rebuild(None).unwrap();
    write(
        d.path(),
        "content/carbon/a.md",
        "+++\ntitle = \"甲文\"\ndate = 2024-13-02\n+++\n",
    );
    assert!(b.rebuild(None).is_err());
    assert!(d.path().join(".preview/carbon/a/index.html").exists());
    std::fs::remove_file(d.path().join("content/carbon/a.md")).unwrap();
    let c = b.rebuild(None).unwrap();
    assert!(c.files.contains(&"carbon/a/index.html".to_string()));
    assert!(!d.path().join(".preview/carbon/a/index.html").exists());
}

#[test]
fn a_render_error_leaves_nothing_staged_and_the_pages_as_they_were() {
    let d = site();
    let mut b = builder(d.path());
    b.rebuild(None).unwrap();
    let page = d.path().join(".preview/carbon/a/index.html");
    let before = std::fs::read(&page).unwrap();
    let article = "themes/digest/templates/article.html";
    let good = std::fs::read_to_string(d.path().join(article)).unwrap();
    // Fails while rendering (an undefined value), after other pages may have rendered.
    let broken = good.replacen(
        "{{ page.title }}",
        "{{ page.title }}{{ page.no_such.field }}",
        1,
    );
    write(d.path(), article, &broken);
    write(
        d.path(),
        "content/carbon/b.md",
        "+++\ntitle = \"乙文\"\ndate = 2024-01-01\n+++\n正文二，改。\n",
    );
    let paths = [PathBuf::from(article), PathBuf::from("content/carbon/b.md")];
    assert!(b.rebuild(Some(&paths)).is_err());
    let leftovers: Vec<_> = walkdir::WalkDir::new(d.path().join(".preview"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .map(|e| e.path().display().to_string())
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert_eq!(std::fs::read(&page).unwrap(), before);
    let b_page = std::fs::read_to_string(d.path().join(".preview/carbon/b/index.html")).unwrap();
    assert!(
        !b_page.contains("正文二，改"),
        "no page of the failed rebuild is served"
    );
    write(d.path(), article, &good);
    let fixed = b.rebuild(Some(&paths[..1])).unwrap();
    assert!(
        fixed.files.contains(&"carbon/b/index.html".to_string()),
        "{fixed:?}"
    );
}

#[test]
fn css_only_change_is_recognised() {
    let d = site();
    let mut b = builder(d.path());
    b.rebuild(None).unwrap();
    write(d.path(), "static/css/style.css", "body { color: red }\n");
    let c = b.rebuild(None).unwrap();
    assert_eq!(c.files, vec!["css/style.css".to_string()]);
    assert!(c.only_css());
    assert_eq!(c.urls("/x/"), vec!["/x/css/style.css".to_string()]);
}

/// Every file under `dir`, relative, with its bytes; pages without the reload script tag.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let mut bytes = std::fs::read(e.path()).unwrap();
            if name.ends_with(".html") {
                let text = String::from_utf8(bytes).unwrap();
                let tag = "\n<script src=\"/__livereload.js\" defer></script>";
                bytes = text.replacen(tag, "", 1).into_bytes();
            }
            (name, bytes)
        })
        .collect();
    files.sort();
    files
}

/// Applies `edit` to the sources, rebuilds with the touched paths as the watcher would name
/// them, and checks the preview against a full build; returns the rebuild's changes.
fn step(b: &mut Builder, root: &Path, paths: &[&str], edit: impl FnOnce(&Path)) -> Changes {
    edit(root);
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let changes = b.rebuild(Some(&paths)).unwrap();
    if let Some(search) = b.catch_up() {
        search.unwrap();
    }
    let mut opts = BuildOptions::new(root);
    opts.out = root.join(".built");
    opts.base_url = Some("http://127.0.0.1:1111/".into());
    crate::build(&opts).unwrap();
    let (preview, built) = (snapshot(&root.join(".preview")), snapshot(&opts.out));
    assert_eq!(preview.len(), built.len(), "after {paths:?}");
    for ((pn, pb), (bn, bb)) in preview.iter().zip(&built) {
        assert_eq!(pn, bn, "after {paths:?}");
        assert!(pb == bb, "{pn} differs from a full build after {paths:?}");
    }
    changes
}

#[test]
fn every_kind_of_edit_leaves_the_preview_equal_to_a_full_build() {
    let d = site();
    let root = d.path();
    let a = "content/carbon/a.md";
    let head = "+++\ntitle = \"甲文\"\ndate = 2024-01-02\nregions = [\"cangzhou\"]\n+++\n";
    let lead = "沧州推进区域碳普惠体系建设，".repeat(12);
    write(root, a, &format!("{head}{lead}\n"));
    let mut b = builder(root);
    b.rebuild(None).unwrap();
    // Past the summary: the card stays as it was, so the lists need not be rendered again.
    let body = step(&mut b, root, &[a], |r| {
        write(r, a, &format!("{head}{lead}\n\n第二段。\n"))
    });
    assert!(
        body.rendered < 10,
        "a body edit renders a few outputs, not all: {}",
        body.rendered
    );
    assert!(body.files.contains(&"carbon/a/index.html".to_string()));
    step(&mut b, root, &[a], |r| {
        write(r, a, &format!("{head}导语改了。\n"))
    });
    step(&mut b, root, &[a], |r| {
        write(
            r,
            a,
            "+++\ntitle = \"甲文新题\"\ndate = 2024-01-02\nregions = [\"langfang\"]\n+++\n正文。\n",
        )
    });
    let card = "themes/digest/templates/partials/card.html";
    step(&mut b, root, &[card], |r| {
        let text = std::fs::read_to_string(r.join(card)).unwrap();
        write(
            r,
            card,
            &text.replacen("</article>", "</article><!-- 改 -->", 1),
        );
    });
    let article = "themes/digest/templates/article.html";
    let t = step(&mut b, root, &[article], |r| {
        let text = std::fs::read_to_string(r.join(article)).unwrap();
        write(r, article, &format!("{text}\n"));
    });
    assert_eq!(t.rendered, 2, "only the two article pages use article.html");
    let css = "themes/digest/static/css/style.css";
    let c = step(&mut b, root, &[css], |r| {
        write(r, css, "body { color: #123 }\n")
    });
    assert!(c.only_css() && c.rendered == 0, "{c:?}");
    let new = "content/talent/c.md";
    step(&mut b, root, &[new], |r| {
        write(
            r,
            new,
            "+++\ntitle = \"丙文\"\ndate = 2023-05-01\nregions = [\"xiongan\"]\n+++\n新文。\n",
        )
    });
    let s = step(&mut b, root, &["site.toml"], |r| {
        let text = std::fs::read_to_string(r.join("site.toml")).unwrap();
        write(
            r,
            "site.toml",
            &text.replacen("subtitle = \"", "subtitle = \"新版 ", 1),
        );
    });
    assert!(s.files.contains(&"index.html".to_string()), "{s:?}");
    step(&mut b, root, &["content/pages/about.md"], |r| {
        write(
            r,
            "content/pages/about.md",
            "+++\ntitle = \"关于\"\nmenu = true\n+++\n本刊。\n",
        )
    });
    step(&mut b, root, &[new], |r| {
        std::fs::remove_file(r.join(new)).unwrap()
    });
}
