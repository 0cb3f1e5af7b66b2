//! Reproducible builds: the same site gives byte-identical output every time, with one thread or
//! many, in any time zone, and wherever the site folder is.

use crate::util::{assert_same_tree, snapshot, SiteTest};

/// The `basic` fixture plus enough articles for several list pages, related articles and months.
fn busy_site() -> SiteTest {
    let site = SiteTest::from_fixture("basic");
    site.articles(45, "industry", "cz", &["hejian", "tianjin/hebeiqu"])
        .articles(23, "carbon", "tc", &["beijing/tongzhou"])
        .articles(8, "talent", "rc", &["cangzhou"]);
    site
}

fn build_into(site: &SiteTest, out: &str, env: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
    let dir = site.root().join(out);
    site.run_env(&["build", "--out", &dir.display().to_string()], env)
        .success();
    let snap = snapshot(&dir);
    assert!(
        snap.len() > 100,
        "expected a few hundred files, got {}",
        snap.len()
    );
    snap
}

#[test]
fn two_builds_are_byte_identical() {
    let site = busy_site();
    let a = build_into(&site, "out-a", &[]);
    let b = build_into(&site, "out-b", &[]);
    assert_same_tree(&a, &b, "two builds");
}

#[test]
fn one_thread_and_many_threads_agree() {
    let site = busy_site();
    let one = build_into(&site, "out-1", &[("RAYON_NUM_THREADS", "1")]);
    let many = build_into(&site, "out-8", &[("RAYON_NUM_THREADS", "8")]);
    let default = build_into(&site, "out-default", &[]);
    assert_same_tree(&one, &many, "RAYON_NUM_THREADS=1 vs 8");
    assert_same_tree(&one, &default, "RAYON_NUM_THREADS=1 vs default");
}

#[test]
fn time_zone_does_not_change_the_output() {
    let site = busy_site();
    let shanghai = build_into(&site, "out-sh", &[("TZ", "Asia/Shanghai")]);
    let new_york = build_into(&site, "out-ny", &[("TZ", "America/New_York")]);
    assert_same_tree(&shanghai, &new_york, "TZ=Asia/Shanghai vs America/New_York");
}

#[test]
fn output_does_not_depend_on_the_site_folder() {
    let (a, b) = (busy_site(), busy_site());
    assert_ne!(a.root(), b.root());
    assert_same_tree(
        &build_into(&a, "public", &[]),
        &build_into(&b, "public", &[]),
        "the same site in two folders",
    );
}
