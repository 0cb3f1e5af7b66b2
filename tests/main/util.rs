//! The test harness: [`SiteTest`], a real site in a temporary directory that the real `xietong`
//! binary builds, plus small helpers to write articles and read the HTML that comes out.
//!
//! Modelled on mdBook's `BookTest` and ripgrep's `Dir`/`TestCommand`: every failed assertion prints
//! the command, its working directory, the site's files, stdout and stderr, so a red test explains
//! itself without a rerun.

#![allow(dead_code)]

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root (where `site.toml` and `themes/` live).
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Base path of every URL in a site built from the repository's `site.toml`
/// (`base_url = "https://example.github.io/xietong/"`).
pub const BASE: &str = "/xietong/";

/// Absolute base URL of the repository's `site.toml`.
pub const BASE_URL: &str = "https://example.github.io/xietong/";

/// A site in a temporary directory.
pub struct SiteTest {
    dir: tempfile::TempDir,
    /// The report of the last run, shown when a later lookup in its output fails.
    last: std::cell::RefCell<String>,
}

impl SiteTest {
    /// A site with the repository's `site.toml` and `themes/`, and no content.
    pub fn new() -> SiteTest {
        let dir = tempfile::Builder::new()
            .prefix("xietong-test-")
            .tempdir()
            .expect("create a temp dir");
        copy_file(&repo().join("site.toml"), &dir.path().join("site.toml"));
        copy_dir(&repo().join("themes"), &dir.path().join("themes"));
        SiteTest {
            dir,
            last: Default::default(),
        }
    }

    /// [`SiteTest::new`] with the files of `tests/fixtures/<name>/` laid over it (a fixture may
    /// bring its own `site.toml`, `templates/` or `static/`).
    pub fn from_fixture(name: &str) -> SiteTest {
        let site = SiteTest::new();
        let src = repo().join("tests/fixtures").join(name);
        assert!(src.is_dir(), "no fixture at {}", src.display());
        copy_dir(&src, site.root());
        site
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The default output directory, `<root>/public`.
    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes a file under the site root, creating folders as needed.
    pub fn write(&self, rel: &str, text: &str) -> &SiteTest {
        self.write_bytes(rel, text.as_bytes())
    }

    /// Writes raw bytes under the site root (for encodings other than UTF-8).
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &SiteTest {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", p.display()));
        self
    }

    /// Rewrites a file under the site root through `f` (e.g. to change one `site.toml` line).
    pub fn edit(&self, rel: &str, f: impl FnOnce(String) -> String) -> &SiteTest {
        let p = self.root().join(rel);
        let text = std::fs::read_to_string(&p)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
        let new = f(text.clone());
        assert_ne!(text, new, "edit of {rel} changed nothing");
        std::fs::write(&p, new).unwrap();
        self
    }

    /// Sets a top-level `key = value` line of `site.toml` (`value` is TOML, quotes included).
    pub fn config(&self, key: &str, value: &str) -> &SiteTest {
        self.edit("site.toml", |text| {
            let prefix = format!("{key} =");
            let mut found = false;
            let mut lines: Vec<String> = text
                .lines()
                .map(|l| {
                    if l.starts_with(&prefix) {
                        found = true;
                        format!("{key} = {value}")
                    } else {
                        l.to_string()
                    }
                })
                .collect();
            if !found {
                lines.insert(0, format!("{key} = {value}"));
            }
            lines.join("\n") + "\n"
        })
    }

    /// Removes a file or folder under the site root.
    pub fn remove(&self, rel: &str) -> &SiteTest {
        let p = self.root().join(rel);
        if p.is_dir() {
            std::fs::remove_dir_all(&p).unwrap();
        } else {
            std::fs::remove_file(&p)
                .unwrap_or_else(|e| panic!("cannot remove {}: {e}", p.display()));
        }
        self
    }

    /// Writes an article at `content/<folder>/<file>.md`.
    pub fn article(&self, folder: &str, file: &str, a: &Article) -> &SiteTest {
        self.write(&format!("content/{folder}/{file}.md"), &a.toml())
    }

    /// Writes `content/carbon/lianjie.md`, an article titled 港口减排进展 whose body is `body`: the
    /// link tests' article.
    pub fn linking_article(&self, body: &str) -> &SiteTest {
        let a = Article::new("港口减排进展").topics(&["carbon"]).body(body);
        self.article("carbon", "lianjie", &a)
    }

    /// Writes `n` (< 300) articles `content/<topic>/<prefix>-001.md`, … titled `<topic>测试稿第<i>篇`,
    /// with primary topic `topic`, the given regions, and dates one day apart in 2024, the first
    /// newest.
    pub fn articles(&self, n: usize, topic: &str, prefix: &str, regions: &[&str]) -> &SiteTest {
        assert!(n < 300, "dates are only made for fewer than 300 articles");
        for i in 1..=n {
            let day = 300 - i;
            let date = format!("2024-{:02}-{:02}", 1 + day / 28, 1 + day % 28);
            let a = Article::new(&format!("{topic}测试稿第{i}篇"))
                .date(&date)
                .topics(&[topic])
                .regions(regions);
            self.article(topic, &format!("{prefix}-{i:03}"), &a);
        }
        self
    }

    /// Runs `xietong build --root <root>`.
    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    /// Runs `xietong <args[0]> --root <root> <args[1..]>` with no extra environment.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    /// [`SiteTest::run`] with environment variables set.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut full: Vec<String> = Vec::new();
        if let Some((first, rest)) = args.split_first() {
            full.push(first.to_string());
            full.push("--root".into());
            full.push(self.root().display().to_string());
            full.extend(rest.iter().map(|s| s.to_string()));
        }
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_xietong"));
        cmd.args(&full)
            .current_dir(self.root())
            .env_remove("RAYON_NUM_THREADS");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("run the xietong binary");
        let shown_env: String = env.iter().map(|(k, v)| format!("{k}={v} ")).collect();
        let run = Run {
            command: format!("{shown_env}xietong {}", full.join(" ")),
            cwd: self.root().to_path_buf(),
            files: list_files(self.root()),
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        *self.last.borrow_mut() = run.to_string();
        run
    }

    /// Builds and panics (with the full report) unless the build succeeds.
    pub fn build_ok(&self) -> Run {
        self.build().success()
    }

    /// A file of the output (`public/`), as text; a missing file panics with the output listing
    /// and the report of the last run.
    pub fn read(&self, rel: &str) -> String {
        if !self.public().join(rel).is_file() {
            panic!(
                "public/{rel} was not written; public/ holds:\n  {}\nlast run:\n{}",
                self.outputs().join("\n  "),
                self.last.borrow()
            );
        }
        read_in(&self.public(), rel)
    }

    /// A file of the output, as text even if it is not valid UTF-8.
    pub fn read_bytes_lossy(&self, rel: &str) -> String {
        let p = self.public().join(rel);
        String::from_utf8_lossy(
            &std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read {} ({e})", p.display())),
        )
        .into_owned()
    }

    /// Whether the output (`public/`) has this file.
    pub fn exists(&self, rel: &str) -> bool {
        self.public().join(rel).is_file()
    }

    /// Every file of the output, relative, sorted.
    pub fn outputs(&self) -> Vec<String> {
        list_files(&self.public())
    }
}

/// A file under `dir`, as text; panics with the directory listing if it is missing.
pub fn read_in(dir: &Path, rel: &str) -> String {
    let p = dir.join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}); the directory holds:\n  {}",
            p.display(),
            list_files(dir).join("\n  ")
        )
    })
}

/// One run of the binary, with everything needed to explain a failure.
pub struct Run {
    /// The command line as run.
    pub command: String,
    /// Where it ran.
    pub cwd: PathBuf,
    /// The site's files afterwards.
    pub files: Vec<String>,
    /// Exit code (None if killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let files: Vec<&String> = self
            .files
            .iter()
            .filter(|f| !f.starts_with("themes/") && !f.starts_with("public/"))
            .collect();
        let public = self
            .files
            .iter()
            .filter(|f| f.starts_with("public/"))
            .count();
        writeln!(f, "command: {}", self.command)?;
        writeln!(f, "cwd:     {}", self.cwd.display())?;
        writeln!(f, "exit:    {:?}", self.code)?;
        writeln!(f, "site files (themes/ not shown, {public} under public/):")?;
        for file in files {
            writeln!(f, "  {file}")?;
        }
        writeln!(f, "--- stdout ---\n{}", self.stdout)?;
        write!(f, "--- stderr ---\n{}", self.stderr)
    }
}

impl Run {
    /// Asserts exit code 0.
    #[track_caller]
    pub fn success(self) -> Run {
        assert_eq!(self.code, Some(0), "expected success\n{self}");
        self
    }

    /// Asserts exit code 1.
    #[track_caller]
    pub fn failure(self) -> Run {
        assert_eq!(self.code, Some(1), "expected exit code 1\n{self}");
        self
    }

    /// Asserts stderr contains every needle.
    #[track_caller]
    pub fn stderr_has(&self, needles: &[&str]) -> &Run {
        for n in needles {
            assert!(self.stderr.contains(n), "stderr lacks {n:?}\n{self}");
        }
        self
    }

    /// Asserts stderr contains none of the needles.
    #[track_caller]
    pub fn stderr_lacks(&self, needles: &[&str]) -> &Run {
        for n in needles {
            assert!(
                !self.stderr.contains(n),
                "stderr should not contain {n:?}\n{self}"
            );
        }
        self
    }

    /// Asserts stdout contains the needle.
    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Run {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\n{self}"
        );
        self
    }
}

/// An article's front matter and body, written as TOML (`+++`) or YAML (`---`).
#[derive(Debug, Clone)]
pub struct Article {
    fields: Vec<(String, String, String)>,
    body: String,
}

impl Article {
    /// An article titled `title`, dated 2024-04-18, with a one-sentence body.
    pub fn new(title: &str) -> Article {
        let mut a = Article {
            fields: Vec::new(),
            body: format!("{title}的正文。三地有关部门表示将继续推进合作。\n"),
        };
        a.set_str("title", title);
        a.set("date", "2024-04-18", "2024-04-18");
        a
    }

    /// Sets a field to a TOML and a YAML value, replacing an earlier one of the same key.
    pub fn set(&mut self, key: &str, toml: &str, yaml: &str) {
        match self.fields.iter_mut().find(|f| f.0 == key) {
            Some(f) => (f.1, f.2) = (toml.into(), yaml.into()),
            None => self.fields.push((key.into(), toml.into(), yaml.into())),
        }
    }

    fn set_str(&mut self, key: &str, value: &str) {
        let quoted = format!("{value:?}");
        self.set(key, &quoted, &quoted);
    }

    fn set_list(&mut self, key: &str, values: &[&str]) {
        let list = format!(
            "[{}]",
            values
                .iter()
                .map(|v| format!("{v:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        self.set(key, &list, &list);
    }

    /// Sets the date (`YYYY-MM-DD`, written unquoted).
    pub fn date(mut self, date: &str) -> Article {
        self.set("date", date, date);
        self
    }

    /// Sets the topics.
    pub fn topics(mut self, topics: &[&str]) -> Article {
        self.set_list("topics", topics);
        self
    }

    /// Sets the regions (none: the key is left out).
    pub fn regions(mut self, regions: &[&str]) -> Article {
        if !regions.is_empty() {
            self.set_list("regions", regions);
        }
        self
    }

    /// Sets a text field (`kicker`, `subtitle`, `source`, `slug`, …).
    pub fn text(mut self, key: &str, value: &str) -> Article {
        self.set_str(key, value);
        self
    }

    /// Sets a raw field written the same in TOML and YAML (`draft`, `true`).
    pub fn raw(mut self, key: &str, value: &str) -> Article {
        self.set(key, value, value);
        self
    }

    /// Replaces the Markdown body.
    pub fn body(mut self, body: &str) -> Article {
        self.body = body.into();
        self
    }

    /// The file text with a `+++` TOML header.
    pub fn toml(&self) -> String {
        let mut s = String::from("+++\n");
        for (k, v, _) in &self.fields {
            s.push_str(&format!("{k} = {v}\n"));
        }
        s + "+++\n\n" + &self.body
    }

    /// The file text with a `---` YAML header.
    pub fn yaml(&self) -> String {
        let mut s = String::from("---\n");
        for (k, _, v) in &self.fields {
            s.push_str(&format!("{k}: {v}\n"));
        }
        s + "---\n\n" + &self.body
    }
}

/// The `<main>` element of a page (what the theme puts around it is not under test).
#[track_caller]
pub fn main_of(html: &str) -> &str {
    let start = html
        .find("<main")
        .unwrap_or_else(|| panic!("no <main> in:\n{html}"));
    let end = html[start..]
        .find("</main>")
        .map(|e| start + e + "</main>".len())
        .expect("no </main>");
    &html[start..end]
}

/// The values of every `href="…"` and `src="…"` attribute, in document order per attribute.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').expect("unterminated attribute");
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    out
}

/// How many times `needle` occurs in `hay`.
pub fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

/// Asserts `hay` contains `needle`, showing `what` and the text on failure.
#[track_caller]
pub fn assert_has(what: &str, hay: &str, needle: &str) {
    assert!(hay.contains(needle), "{what} lacks {needle:?}:\n{hay}");
}

/// Asserts `hay` does not contain `needle`.
#[track_caller]
pub fn assert_lacks(what: &str, hay: &str, needle: &str) {
    assert!(
        !hay.contains(needle),
        "{what} should not contain {needle:?}:\n{hay}"
    );
}

/// Every file under `dir`, relative with `/` separators, sorted.
pub fn list_files(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p.strip_prefix(base).unwrap();
                out.push(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Every file under `dir` with its bytes, sorted by path (to compare two builds).
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    list_files(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

/// Asserts two directory snapshots are byte-identical, naming the first difference.
#[track_caller]
pub fn assert_same_tree(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)], what: &str) {
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(a), names(b), "{what}: the file lists differ");
    for ((name, x), (_, y)) in a.iter().zip(b) {
        assert!(
            x == y,
            "{what}: {name} differs:\n--- first ---\n{}\n--- second ---\n{}",
            String::from_utf8_lossy(x),
            String::from_utf8_lossy(y)
        );
    }
}

fn copy_file(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(from, to).unwrap_or_else(|e| panic!("cannot copy {} ({e})", from.display()));
}

fn copy_dir(from: &Path, to: &Path) {
    for rel in list_files(from) {
        copy_file(&from.join(&rel), &to.join(&rel));
    }
}

// ---------------------------------------------------------------------------------------------
// JSON reading (added for the `import` tests; serde_json is not a dev-dependency).
// ---------------------------------------------------------------------------------------------

/// A parsed JSON value; objects keep their keys in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number.
    Num(f64),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object, keys in document order.
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// Parses exactly one JSON document (surrounding whitespace allowed, nothing else).
    pub fn parse(text: &str) -> Result<Json, String> {
        let mut p = JsonParser {
            s: text.as_bytes(),
            at: 0,
        };
        let v = p.value()?;
        p.ws();
        if p.at != p.s.len() {
            return Err(format!("trailing text at byte {}", p.at));
        }
        Ok(v)
    }

    /// The value of `key` in an object; panics (showing the value) if absent or not an object.
    #[track_caller]
    pub fn get(&self, key: &str) -> &Json {
        match self {
            Json::Obj(kv) => kv
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v)
                .unwrap_or_else(|| panic!("no key {key:?} in {self:?}")),
            _ => panic!("not an object: {self:?}"),
        }
    }

    /// An object's keys in order; panics if not an object.
    #[track_caller]
    pub fn keys(&self) -> Vec<&str> {
        match self {
            Json::Obj(kv) => kv.iter().map(|(k, _)| k.as_str()).collect(),
            _ => panic!("not an object: {self:?}"),
        }
    }

    /// The string, or `None` for `null`; panics on anything else.
    #[track_caller]
    pub fn opt_str(&self) -> Option<&str> {
        match self {
            Json::Null => None,
            Json::Str(s) => Some(s),
            _ => panic!("not a string or null: {self:?}"),
        }
    }

    /// The string; panics on anything else.
    #[track_caller]
    pub fn str(&self) -> &str {
        self.opt_str()
            .unwrap_or_else(|| panic!("null where a string was expected"))
    }

    /// The array's items; panics on anything else.
    #[track_caller]
    pub fn arr(&self) -> &[Json] {
        match self {
            Json::Arr(a) => a,
            _ => panic!("not an array: {self:?}"),
        }
    }
}

struct JsonParser<'a> {
    s: &'a [u8],
    at: usize,
}

impl JsonParser<'_> {
    fn ws(&mut self) {
        while self.at < self.s.len() && b" \t\r\n".contains(&self.s[self.at]) {
            self.at += 1;
        }
    }

    fn err<T>(&self, what: &str) -> Result<T, String> {
        Err(format!("{what} at byte {}", self.at))
    }

    fn eat(&mut self, lit: &str) -> Result<(), String> {
        if self.s[self.at..].starts_with(lit.as_bytes()) {
            self.at += lit.len();
            Ok(())
        } else {
            self.err(&format!("expected {lit:?}"))
        }
    }

    fn value(&mut self) -> Result<Json, String> {
        self.ws();
        match self.s.get(self.at) {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().map(Json::Str),
            Some(b't') => self.eat("true").map(|_| Json::Bool(true)),
            Some(b'f') => self.eat("false").map(|_| Json::Bool(false)),
            Some(b'n') => self.eat("null").map(|_| Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => self.err("expected a value"),
        }
    }

    fn object(&mut self) -> Result<Json, String> {
        self.eat("{")?;
        let mut kv = Vec::new();
        self.ws();
        if self.s.get(self.at) == Some(&b'}') {
            self.at += 1;
            return Ok(Json::Obj(kv));
        }
        loop {
            self.ws();
            let k = self.string()?;
            self.ws();
            self.eat(":")?;
            kv.push((k, self.value()?));
            self.ws();
            match self.s.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Json::Obj(kv));
                }
                _ => return self.err("expected , or }"),
            }
        }
    }

    fn array(&mut self) -> Result<Json, String> {
        self.eat("[")?;
        let mut items = Vec::new();
        self.ws();
        if self.s.get(self.at) == Some(&b']') {
            self.at += 1;
            return Ok(Json::Arr(items));
        }
        loop {
            items.push(self.value()?);
            self.ws();
            match self.s.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Json::Arr(items));
                }
                _ => return self.err("expected , or ]"),
            }
        }
    }

    fn number(&mut self) -> Result<Json, String> {
        let start = self.at;
        while self.at < self.s.len() && b"+-.eE0123456789".contains(&self.s[self.at]) {
            self.at += 1;
        }
        let text = std::str::from_utf8(&self.s[start..self.at]).unwrap();
        text.parse()
            .map(Json::Num)
            .or_else(|_| self.err("bad number"))
    }

    fn string(&mut self) -> Result<String, String> {
        self.eat("\"")?;
        let mut out: Vec<u8> = Vec::new();
        loop {
            let Some(&b) = self.s.get(self.at) else {
                return self.err("unterminated string");
            };
            self.at += 1;
            match b {
                b'"' => return String::from_utf8(out).map_err(|e| e.to_string()),
                b'\\' => {
                    let c = self.escape()?;
                    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                }
                0..=0x1f => return self.err("control character in string"),
                _ => out.push(b),
            }
        }
    }

    fn escape(&mut self) -> Result<char, String> {
        let Some(&b) = self.s.get(self.at) else {
            return self.err("unterminated escape");
        };
        self.at += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                if (0xD800..0xDC00).contains(&hi) {
                    self.eat("\\u")?;
                    let lo = self.hex4()?;
                    let c = 0x10000 + ((hi - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3ff);
                    return char::from_u32(c).map_or_else(|| self.err("bad surrogate pair"), Ok);
                }
                return char::from_u32(hi).map_or_else(|| self.err("bad \\u escape"), Ok);
            }
            _ => return self.err("bad escape"),
        })
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self.s.get(self.at..self.at + 4).ok_or("short \\u escape")?;
        let text = std::str::from_utf8(digits).map_err(|e| e.to_string())?;
        self.at += 4;
        u32::from_str_radix(text, 16).map_err(|e| e.to_string())
    }
}
