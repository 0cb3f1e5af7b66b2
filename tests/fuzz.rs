//! Fuzz smoke: thousands of mutated inputs through every parser that reads what editors and the
//! outside world write — front matter, Markdown, raw-text decoding and the whole importer, the link
//! checker's HTML/XML/CSS readers and URL resolution, and search's text and query analysis — and
//! not one may panic.
//!
//! It is deterministic (a fixed-seed xorshift generator over the repository's own content and test
//! pages), so a failure reproduces. `FUZZ_ITERS` sets the number of inputs per target (default 300,
//! for `cargo test`; `.ci/run` uses many more in release mode). A failing input is saved under
//! `target/fuzz-failures/` before the test fails.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SPICE: &[&str] = &[
    "+++",
    "---",
    "\n",
    "\r\n",
    "\0",
    "\u{feff}",
    "“",
    "”",
    "（",
    "）",
    "(zhǔn)",
    "——",
    "。",
    "本报记者 ",
    "据《",
    "》",
    "\u{301}",
    "😀",
    "[^1]",
    "```",
    "<!-- more -->",
    "# ",
    "| a |",
    "=",
    "\"",
    "[",
    "]",
    "date = 2024-13-01",
    "title = ",
    "\t",
    "\u{200b}",
    "�",
    "瞭望京津冀",
    "下转第二版",
    "\\",
    "{{",
    "{%",
    "<a href=\"",
    "<img srcset=\"",
    " 2x, ",
    "<base href=\"",
    "<meta http-equiv=\"refresh\" content=\"0; url=",
    "&#x",
    "&amp;",
    "<!--",
    "-->",
    "url(",
    "@import \"",
    "%e6%",
    "%",
    "../",
    "//",
    "#",
    "?q=",
    "體系",
];

fn iterations() -> usize {
    std::env::var("FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

/// Text files of the repository to start from: articles, test pages, raw pages.
fn corpus() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["content", "tests/fixtures", "raw"] {
        for e in walkdir::WalkDir::new(root.join(dir))
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if e.file_type().is_file() && e.metadata().is_ok_and(|m| m.len() < 200_000) {
                if let Ok(bytes) = std::fs::read(e.path()) {
                    out.push(bytes);
                }
            }
        }
    }
    out.push(b"+++\ntitle = \"x\"\n+++\n".to_vec());
    out
}

fn mutate(rng: &mut Rng, base: &[u8]) -> Vec<u8> {
    let mut v = base.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(v.len() + 1);
        match rng.below(6) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] = rng.next() as u8;
            }
            1 => {
                let s = SPICE[rng.below(SPICE.len())].as_bytes();
                v.splice(at..at, s.iter().copied());
            }
            2 => v.truncate(at),
            3 if !v.is_empty() => {
                let end = (at + rng.below(64)).min(v.len());
                v.drain(at..end);
            }
            4 => {
                let rep = "长".repeat(rng.below(3000));
                v.splice(at..at, rep.bytes());
            }
            _ => {
                let line = v
                    .get(at..)
                    .and_then(|r| r.split(|&b| b == b'\n').next())
                    .unwrap_or(&[])
                    .to_vec();
                v.splice(at..at, line);
            }
        }
    }
    v
}

/// Runs `target` on mutated inputs; any panic saves the input and fails the test.
fn fuzz(name: &str, seed: u64, target: impl Fn(&[u8])) {
    let base = corpus();
    let mut rng = Rng(seed);
    for i in 0..iterations() {
        let pick = rng.below(base.len());
        let input = mutate(&mut rng, &base[pick]);
        if catch_unwind(AssertUnwindSafe(|| target(&input))).is_err() {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
            let _ = std::fs::create_dir_all(&dir);
            let file = dir.join(format!("{name}-{i}.bin"));
            let _ = std::fs::write(&file, &input);
            panic!("{name}: input {i} panicked; saved to {}", file.display());
        }
    }
}

#[test]
fn front_matter_never_panics() {
    fuzz("frontmatter", 0x9e37_79b9_7f4a_7c15, |bytes| {
        let text = String::from_utf8_lossy(bytes);
        if let Ok(split) = xietong::content::frontmatter::split(&text) {
            let _ = xietong::content::frontmatter::parse(&split);
        }
    });
}

#[test]
fn markdown_never_panics() {
    fuzz("markdown", 0x2545_f491_4f6c_dd1d, |bytes| {
        let text = String::from_utf8_lossy(bytes);
        let body = xietong::markdown::render(&text, "/xietong/");
        let _ = xietong::text::cut_summary(&body.lead, 110);
    });
}

#[test]
fn importer_never_panics() {
    let gaz = xietong::gazetteer::Gazetteer::builtin().unwrap();
    let tax = xietong::taxonomy::Taxonomy::new(xietong::config::default_topics());
    let ctx = xietong::import::Context::new(tax, gaz);
    let opts = xietong::import::Options::default();
    fuzz("import", 0xdead_beef_cafe_f00d, |bytes| {
        if let Ok(text) = xietong::import::decode::decode(bytes) {
            for a in ctx.import_text(&text, "raw/fuzz.txt", &opts) {
                let _ = xietong::import::write::render(&a);
            }
        }
    });
}

#[test]
fn link_reading_never_panics() {
    use xietong::crawl::{extract, url};
    let page = url::Url::parse("https://example.github.io/xietong/carbon/a/").unwrap();
    fuzz("links", 0x1234_5678_9abc_def1, |bytes| {
        let text = String::from_utf8_lossy(bytes);
        // Markdown rendered gives realistic pages; the raw text gives broken ones.
        let rendered = xietong::markdown::render(&text, "/xietong/").html;
        let mut links = Vec::new();
        for doc in [text.as_ref(), rendered.as_str()] {
            let html = extract::html(doc);
            links.extend(html.links);
            links.extend(extract::xml(doc));
            links.extend(extract::css(doc));
            links.extend(extract::robots(doc));
        }
        links.extend(text.lines().map(String::from));
        for link in &links {
            let _ = page.join(link);
            if let Some(u) = url::Url::parse(link) {
                let _ = u.origin();
            }
            let _ = url::decode(link).map(|d| url::encode_path(&d));
        }
    });
}

#[test]
fn search_analysis_never_panics() {
    let gaz = xietong::gazetteer::Gazetteer::builtin().unwrap();
    let tax = xietong::taxonomy::Taxonomy::new(xietong::config::default_topics());
    let an = xietong::search::analyze::Analyzer::new(&tax, &gaz);
    fuzz("search", 0x0f1e_2d3c_4b5a_6978, |bytes| {
        let text = String::from_utf8_lossy(bytes);
        let mut n = 0usize;
        an.terms(&text, &mut |_| n += 1);
        for line in text.lines().take(50) {
            let _ = xietong::search::analyze::query(line);
        }
        let _ = xietong::search::manifest_files(&text);
    });
}
