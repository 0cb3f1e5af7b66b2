//! Awkward inputs to `xietong import`: binary noise, GBK and Big5 bytes, a UTF-8 BOM, empty and
//! blank files, and a 20 MB page.

use crate::util::{assert_has, Json, SiteTest};

use super::{
    all_text, articles, content_files, dry_json, read, site, titles, UNDATED, UNDATED_TITLE,
};

// --- encodings and awkward inputs ----------------------------------------------------------

/// `len` bytes of seeded xorshift noise (binary: NULs and control bytes included).
fn noise(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// Imports one raw page given as bytes (a dry run) and returns its single article, in a list.
fn import_bytes(site: &SiteTest, path: &str, bytes: &[u8]) -> Vec<Json> {
    site.write_bytes(path, bytes);
    let arts = dry_json(site, &[path]);
    assert_eq!(arts.len(), 1, "{arts:?}");
    arts
}

#[test]
fn binary_input_is_refused_naming_the_file() {
    let site = site();
    site.write_bytes("raw/zz-scan.txt", &noise(4096));
    let run = site
        .run(&["import", "--dry-run", "--format", "json", "raw/zz-scan.txt"])
        .failure();
    run.stderr_has(&["zz-scan.txt"]);
    assert_eq!(run.stdout, "", "nothing may be printed on stdout\n{run}");
    // In a folder with good pages, the bad file stops the batch before anything is written.
    site.run(&["import", "raw"])
        .failure()
        .stderr_has(&["zz-scan.txt"]);
    assert!(
        content_files(&site).is_empty(),
        "{:?}",
        content_files(&site)
    );
}

#[test]
fn missing_input_is_refused_naming_it() {
    let site = site();
    site.run(&["import", UNDATED, "raw/missing.txt"])
        .failure()
        .stderr_has(&["raw/missing.txt"]);
    assert!(
        content_files(&site).is_empty(),
        "{:?}",
        content_files(&site)
    );
}

/// GBK bytes of a short page: date line, headline 雄安新区新建三所学校, byline, two paragraphs.
const GBK_PAGE: &[u8] = b"\
    \x32\x30\x32\x34\xc4\xea\x35\xd4\xc2\x32\x30\xc8\xd5\x20\xd0\xc7\xc6\xda\xd2\xbb\x0a\x0a\xd0\xdb\
    \xb0\xb2\xd0\xc2\xc7\xf8\xd0\xc2\xbd\xa8\xc8\xfd\xcb\xf9\xd1\xa7\xd0\xa3\x0a\x0a\xb1\xbe\xb1\xa8\
    \xbc\xc7\xd5\xdf\x20\xd6\xdc\xce\xc4\x0a\x0a\xbd\xfc\xc8\xd5\xa3\xac\xd0\xdb\xb0\xb2\xd0\xc2\xc7\
    \xf8\xc8\xfd\xcb\xf9\xd0\xc2\xbd\xa8\xd1\xa7\xd0\xa3\xcd\xac\xca\xb1\xbf\xaa\xd1\xa7\xa3\xac\xca\
    \xd7\xc5\xfa\xd1\xa7\xc9\xfa\xc0\xb4\xd7\xd4\xb1\xb1\xbe\xa9\xba\xcd\xcc\xec\xbd\xf2\xb5\xc4\xcb\
    \xe6\xc7\xa8\xbc\xd2\xcd\xa5\xa1\xa3\x0a\x0a\xd0\xc2\xc7\xf8\xbd\xcc\xd3\xfd\xb2\xbf\xc3\xc5\xbd\
    \xe9\xc9\xdc\xa3\xac\xc8\xfd\xcb\xf9\xd1\xa7\xd0\xa3\xbe\xf9\xd3\xc9\xb1\xb1\xbe\xa9\xc3\xfb\xd0\
    \xa3\xcd\xd0\xb9\xdc\xb0\xec\xd1\xa7\xa3\xac\xbf\xce\xb3\xcc\xc9\xe8\xd6\xc3\xd3\xeb\xb1\xb1\xbe\
    \xa9\xcd\xac\xb2\xbd\xa1\xa3\x0a";

/// Big5 bytes of a short page in traditional characters: headline 天津港開通新航線, byline, two
/// paragraphs, the second ending 為北京、天津、河北三地企業節省物流成本。
const BIG5_PAGE: &[u8] = b"\
    \x32\x30\x32\x34\xa6\x7e\x35\xa4\xeb\x32\x31\xa4\xe9\x20\xac\x50\xb4\xc1\xa4\x47\x0a\x0a\xa4\xd1\
    \xac\x7a\xb4\xe4\xb6\x7d\xb3\x71\xb7\x73\xaf\xe8\xbd\x75\x0a\x0a\xa5\xbb\xb3\xf8\xb0\x4f\xaa\xcc\
    \x20\xb3\xaf\xa5\xdf\x0a\x0a\xa4\xd1\xac\x7a\xb4\xe4\xaa\xf1\xa4\xe9\xb6\x7d\xb3\x71\xa4\x40\xb1\
    \xf8\xb7\x73\xaa\xba\xb6\xb0\xb8\xcb\xbd\x63\xaf\xe8\xbd\x75\xa1\x41\xb3\x73\xb1\xb5\xaa\x65\xa5\
    \x5f\xa6\x68\xad\xd3\xa4\xba\xb3\xb0\xb4\xe4\xa4\x66\xa1\x43\x0a\x0a\xb4\xe4\xa4\x66\xad\x74\xb3\
    \x64\xa4\x48\xaa\xed\xa5\xdc\xa1\x41\xb7\x73\xaf\xe8\xbd\x75\xb1\x4e\xac\xb0\xa5\x5f\xa8\xca\xa1\
    \x42\xa4\xd1\xac\x7a\xa1\x42\xaa\x65\xa5\x5f\xa4\x54\xa6\x61\xa5\xf8\xb7\x7e\xb8\x60\xac\xd9\xaa\
    \xab\xac\x79\xa6\xa8\xa5\xbb\xa1\x43\x0a";

#[track_caller]
fn assert_clean(arts: &[Json]) {
    for a in arts {
        assert!(
            !all_text(a).contains('\u{fffd}'),
            "replacement characters: {a:?}"
        );
    }
}

#[test]
fn gbk_input_is_decoded() {
    let site = site();
    let arts = import_bytes(&site, "raw/gbk.txt", GBK_PAGE);
    assert_clean(&arts);
    assert_eq!(arts[0].get("title").str(), "雄安新区新建三所学校");
    assert_has(
        "body",
        arts[0].get("body").str(),
        "首批学生来自北京和天津的随迁家庭",
    );
}

#[test]
fn big5_input_is_decoded() {
    let site = site();
    let arts = import_bytes(&site, "raw/big5.txt", BIG5_PAGE);
    assert_clean(&arts);
    // The same in both scripts, so this checks decoding alone.
    assert_has("body", arts[0].get("body").str(), "北京、天津、河北三地");
}

#[test]
fn big5_traditional_text_comes_out_simplified() {
    let site = site();
    let arts = import_bytes(&site, "raw/big5.txt", BIG5_PAGE);
    assert_eq!(arts[0].get("title").str(), "天津港开通新航线");
    assert_has(
        "body",
        arts[0].get("body").str(),
        "为北京、天津、河北三地企业节省物流成本",
    );
}

#[test]
fn utf8_bom_is_stripped() {
    let site = site();
    let page = read(&site, UNDATED);
    site.write("raw/bom.txt", &format!("\u{feff}{page}"));
    let arts = dry_json(&site, &["raw/bom.txt"]);
    assert_eq!(titles(&arts), [UNDATED_TITLE]);
    site.run(&["import", "raw/bom.txt"]).success();
    for f in content_files(&site) {
        assert!(!read(&site, &f).contains('\u{feff}'), "{f} kept the BOM");
    }
}

#[test]
fn empty_inputs_warn_and_import_nothing() {
    let site = site();
    site.write("raw/empty.txt", "");
    site.write("raw/blank.txt", "  \n\r\n\t\u{3000}\u{3000}\n\n");
    site.write("raw/bom-only.txt", "\u{feff}");
    for f in ["raw/empty.txt", "raw/blank.txt", "raw/bom-only.txt"] {
        let run = site
            .run(&["import", "--dry-run", "--format", "json", f])
            .success();
        assert!(articles(&run).is_empty(), "{run}");
        run.stderr_has(&[f.trim_start_matches("raw/")]);
        site.run(&["import", f])
            .success()
            .stderr_has(&[f.trim_start_matches("raw/")]);
    }
    assert!(
        content_files(&site).is_empty(),
        "{:?}",
        content_files(&site)
    );
}

// --- a large input -------------------------------------------------------------------------

/// A raw text of at least `min_bytes`: newspaper pages (a date line, then six articles with a
/// headline, a byline and three paragraphs), every headline distinct. Returns the text and the
/// number of articles.
fn big_input(min_bytes: usize) -> (String, usize) {
    const PLACES: [&str; 10] = [
        "沧州",
        "廊坊",
        "保定",
        "唐山",
        "承德",
        "张家口",
        "雄安新区",
        "武清",
        "通州",
        "滨海新区",
    ];
    const THINGS: [&str; 6] = [
        "产业园",
        "科创中心",
        "物流基地",
        "光伏电站",
        "职业学校",
        "医院分院",
    ];
    const DONE: [&str; 4] = ["开工建设", "正式投用", "签约落地", "通过验收"];
    const NAMES: [&str; 5] = ["赵宁", "钱江", "孙悦", "李舟", "周远"];
    const LINES: [&str; 6] = [
        "项目由北京和天津的企业共同投资，建成后将带动周边上下游配套企业集聚发展。",
        "当地有关部门成立专班，在审批、用地和用工等方面提供全程服务，项目进度比计划提前。",
        "负责人介绍，项目引入了数字化管理系统，能耗比同类项目降低两成以上。",
        "三地还将在人才培训、技术标准和市场开拓方面深化合作，共享发展成果。",
        "据了解，今年以来当地已签约协同项目数十个，协议投资额较去年同期明显增长。",
        "附近村民表示，项目开工后在家门口就能找到工作，收入比以前稳定多了。",
    ];
    let mut out = String::with_capacity(min_bytes + 4096);
    let mut n = 0;
    while out.len() < min_bytes {
        let day = n / 6;
        out.push_str(&format!(
            "{}年{}月{}日\n\n",
            2020 + day % 5,
            1 + day % 12,
            1 + day % 28
        ));
        for _ in 0..6 {
            let place = PLACES[n % 10];
            let (thing, done) = (THINGS[(n / 10) % 6], DONE[(n / 60) % 4]);
            out.push_str(&format!(
                "{place}第{}个{thing}{done}\n\n本报记者 {}\n\n",
                n + 1,
                NAMES[n % 5]
            ));
            for k in 0..3 {
                out.push_str(&format!("{place}{thing}{}\n\n", LINES[(n + k * 2) % 6]));
            }
            n += 1;
        }
    }
    (out, n)
}

#[test]
#[ignore = "about 25 s in a debug build; run with `cargo test --release --test main -- --ignored \
            twenty`, and scripts/bench-import measures a larger input"]
fn twenty_megabyte_input_imports() {
    let site = site();
    let (text, n) = big_input(20 << 20);
    site.write("raw/big.txt", &text);
    let arts = dry_json(&site, &["raw/big.txt"]);
    assert_eq!(arts.len(), n, "one article per headline");
    for (i, a) in arts.iter().enumerate() {
        let title = a.get("title").str();
        assert!(
            title.contains(&format!("第{}个", i + 1)),
            "article {i} is titled {title}"
        );
    }
}
