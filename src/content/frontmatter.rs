//! Front matter: splitting a Markdown file into its `+++` TOML or `---` YAML header and body, and
//! reading the header into a [`FrontMatter`] that still says exactly what the author wrote.
//!
//! Resolution (dates, slugs, topic and region keys) happens later; this module only checks shapes
//! and remembers where each key stands so later stages can point at the right line.

use std::collections::BTreeMap;

use serde_json::Value;

/// Which syntax the header uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `+++` … `+++`
    Toml,
    /// `---` … `---`
    Yaml,
}

/// A file cut into header and body, with the line numbers needed for messages.
#[derive(Debug, Clone, PartialEq)]
pub struct Split<'a> {
    /// Header syntax.
    pub format: Format,
    /// Header text between the delimiters.
    pub header: &'a str,
    /// 1-based file line of the header's first line.
    pub header_line: usize,
    /// Markdown after the closing delimiter.
    pub body: &'a str,
}

/// A problem found in the header: position relative to the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: String,
}

impl FrontMatterError {
    fn new(
        line: usize,
        column: usize,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        FrontMatterError {
            line,
            column,
            message: message.into(),
            help: help.into(),
        }
    }
}

/// What the author wrote in the header; every field optional, unknown keys kept in `extra`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FrontMatter {
    /// 标题
    pub title: Option<String>,
    /// 引题, the line above the title.
    pub kicker: Option<String>,
    /// 副题, the line below the title.
    pub subtitle: Option<String>,
    /// Publication date as written (TOML dates are turned into their text form).
    pub date: Option<String>,
    /// 作者
    pub authors: Vec<String>,
    /// 来源, the publication.
    pub source: Option<String>,
    /// Topic keys; the first is primary.
    pub topics: Vec<String>,
    /// Gazetteer keys, full or leaf.
    pub regions: Vec<String>,
    /// URL slug override.
    pub slug: Option<String>,
    /// Summary override (plain text).
    pub summary: Option<String>,
    /// Drafts are left out unless building with `--drafts`.
    pub draft: bool,
    /// Raw file the article was imported from.
    pub origin: Option<String>,
    /// Notes for editors.
    pub review: Vec<String>,
    /// Standalone pages: show in the main menu.
    pub menu: bool,
    /// Every other key, passed to templates unchanged.
    pub extra: BTreeMap<String, Value>,
    /// Where each key stands: key → (file line, value column).
    pub positions: BTreeMap<String, (usize, usize)>,
}

impl FrontMatter {
    /// The file line and column of `key`'s value, or the header start when it is absent.
    pub fn position(&self, key: &str) -> (usize, usize) {
        self.positions.get(key).copied().unwrap_or((1, 1))
    }
}

/// 1-based (line, column) of byte offset `at` in `text`, counting columns in characters.
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Cuts `text` (BOM already removed) into header and body.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let first = text.lines().next().unwrap_or("").trim_end();
    let (format, delim) = match first {
        "+++" => (Format::Toml, "+++"),
        "---" => (Format::Yaml, "---"),
        _ => {
            return Err(FrontMatterError::new(
                1,
                1,
                "the file does not start with front matter",
                "begin the file with a line `+++`, then `title = \"…\"` and the other fields, then `+++`",
            ))
        }
    };
    let header_start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = header_start;
    for line in text[header_start..].split_inclusive('\n') {
        if line.trim_end() == delim {
            let body_start = offset + line.len();
            return Ok(Split {
                format,
                header: &text[header_start..offset],
                header_line: 2,
                body: &text[body_start..],
            });
        }
        offset += line.len();
    }
    Err(FrontMatterError::new(
        1,
        1,
        format!("the front matter opened with `{delim}` is never closed"),
        format!("add a line `{delim}` after the last front-matter field"),
    ))
}

/// Parses the header of `split` into a [`FrontMatter`].
pub fn parse(split: &Split<'_>) -> Result<FrontMatter, FrontMatterError> {
    let map = match split.format {
        Format::Toml => parse_toml(split)?,
        Format::Yaml => parse_yaml(split)?,
    };
    let mut fm = FrontMatter {
        positions: key_positions(split),
        ..FrontMatter::default()
    };
    for (key, value) in map {
        fm.assign(key, value)?;
    }
    Ok(fm)
}

fn parse_toml(split: &Split<'_>) -> Result<serde_json::Map<String, Value>, FrontMatterError> {
    let table: toml::Table = toml::from_str(split.header).map_err(|e| {
        let (line, column) = e.span().map_or((1, 0), |s| line_col(split.header, s.start));
        FrontMatterError::new(
            split.header_line + line - 1,
            column,
            format!("invalid TOML front matter: {}", e.message().trim()),
            "write each field as `key = value`, with text in double quotes: title = \"…\"",
        )
    })?;
    Ok(table
        .into_iter()
        .map(|(k, v)| (k, toml_to_json(v)))
        .collect())
}

fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

fn parse_yaml(split: &Split<'_>) -> Result<serde_json::Map<String, Value>, FrontMatterError> {
    if split.header.trim().is_empty() {
        return Ok(serde_json::Map::new());
    }
    let value: Value = serde_norway::from_str(split.header).map_err(|e| {
        let (line, column) = e.location().map_or((1, 0), |l| (l.line(), l.column()));
        FrontMatterError::new(
            split.header_line + line - 1,
            column,
            format!(
                "invalid YAML front matter: {}",
                without_location(&e.to_string())
            ),
            "write each field as `key: value`; quote text that contains a colon",
        )
    })?;
    match value {
        Value::Object(map) => Ok(map),
        _ => Err(FrontMatterError::new(
            split.header_line,
            1,
            "the YAML front matter is not a list of `key: value` fields",
            "write each field on its own line as `key: value`",
        )),
    }
}

/// The YAML parser's message without its own " at line L column C", which counts from the top of
/// the header rather than the file; the diagnostic carries the file position instead.
fn without_location(msg: &str) -> &str {
    match msg.find(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    }
}

/// Finds the line and value column of each top-level key by reading the header as text.
fn key_positions(split: &Split<'_>) -> BTreeMap<String, (usize, usize)> {
    let sep = match split.format {
        Format::Toml => '=',
        Format::Yaml => ':',
    };
    let mut out = BTreeMap::new();
    for (i, line) in split.header.lines().enumerate() {
        if line.starts_with([' ', '\t', '#', '[', '-']) {
            continue;
        }
        let Some((key, rest)) = line.split_once(sep) else {
            continue;
        };
        let key = key.trim().trim_matches('"');
        let value_col = line.chars().count() - rest.trim_start().chars().count() + 1;
        out.entry(key.to_string())
            .or_insert((split.header_line + i, value_col));
    }
    out
}

impl FrontMatter {
    fn assign(&mut self, key: String, value: Value) -> Result<(), FrontMatterError> {
        let (line, col) = self.position(&key);
        let wrong = |expected: &str, example: &str| {
            FrontMatterError::new(
                line,
                col,
                format!("`{key}` should be {expected}"),
                format!("write it like {example}"),
            )
        };
        match key.as_str() {
            "title" => {
                self.title = Some(text(value).ok_or_else(|| wrong("text", "title = \"…\""))?)
            }
            "kicker" => {
                self.kicker = opt_text(value).map_err(|_| wrong("text", "kicker = \"…\""))?
            }
            "subtitle" => {
                self.subtitle = opt_text(value).map_err(|_| wrong("text", "subtitle = \"…\""))?
            }
            "date" => {
                self.date = Some(text(value).ok_or_else(|| wrong("a date", "date = 2024-04-18"))?)
            }
            "source" => {
                self.source = opt_text(value).map_err(|_| wrong("text", "source = \"河北日报\""))?
            }
            "slug" => {
                self.slug =
                    opt_text(value).map_err(|_| wrong("text", "slug = \"cangzhou-hezuo\""))?
            }
            "summary" => {
                self.summary = opt_text(value).map_err(|_| wrong("text", "summary = \"…\""))?
            }
            "origin" => {
                self.origin =
                    opt_text(value).map_err(|_| wrong("text", "origin = \"raw/x.txt\""))?
            }
            "authors" => {
                self.authors = list(value)
                    .ok_or_else(|| wrong("a list of names", "authors = [\"张三\", \"李四\"]"))?
            }
            "topics" => {
                self.topics = list(value).ok_or_else(|| {
                    wrong(
                        "a list of topic keys",
                        "topics = [\"carbon\", \"industry\"]",
                    )
                })?
            }
            "regions" => {
                self.regions = list(value).ok_or_else(|| {
                    wrong(
                        "a list of region keys",
                        "regions = [\"hebei/cangzhou\", \"xiongan\"]",
                    )
                })?
            }
            "review" => {
                self.review = list(value)
                    .ok_or_else(|| wrong("text or a list of notes", "review = [\"核对人名\"]"))?
            }
            "draft" => {
                self.draft = value
                    .as_bool()
                    .ok_or_else(|| wrong("true or false", "draft = true"))?
            }
            "menu" => {
                self.menu = value
                    .as_bool()
                    .ok_or_else(|| wrong("true or false", "menu = true"))?
            }
            _ => {
                self.extra.insert(key, value);
            }
        }
        Ok(())
    }
}

fn text(v: Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn opt_text(v: Value) -> Result<Option<String>, ()> {
    match v {
        Value::Null => Ok(None),
        other => text(other)
            .map(|s| Some(s).filter(|s| !s.trim().is_empty()))
            .ok_or(()),
    }
}

/// A list of strings; a single string counts as a list of one.
fn list(v: Value) -> Option<Vec<String>> {
    match v {
        Value::Null => Some(Vec::new()),
        Value::String(s) => Some(vec![s]),
        Value::Array(items) => items.into_iter().map(text).collect(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm(src: &str) -> Result<FrontMatter, FrontMatterError> {
        parse(&split(src)?)
    }

    #[test]
    fn toml_header_and_body_are_split() {
        let s = split("+++\ntitle = \"甲\"\n+++\n正文\n").unwrap();
        assert_eq!(s.format, Format::Toml);
        assert_eq!(s.header, "title = \"甲\"\n");
        assert_eq!(s.body, "正文\n");
    }

    #[test]
    fn yaml_header_and_crlf_lines_are_split() {
        let s = split("---\r\ntitle: 甲\r\n---\r\n正文").unwrap();
        assert_eq!(s.format, Format::Yaml);
        assert_eq!(s.body, "正文");
        assert_eq!(parse(&s).unwrap().title.as_deref(), Some("甲"));
    }

    #[test]
    fn missing_header_says_how_to_start() {
        let e = split("# 标题\n").unwrap_err();
        assert_eq!(
            (e.line, e.message.as_str()),
            (1, "the file does not start with front matter")
        );
    }

    #[test]
    fn unclosed_header_names_the_delimiter() {
        let e = split("+++\ntitle = \"甲\"\n").unwrap_err();
        assert!(e.message.contains("`+++` is never closed"), "{}", e.message);
    }

    #[test]
    fn toml_syntax_error_points_at_the_file_line() {
        let e = fm("+++\ntitle = \"甲\"\ndate = 2024-13-01x\n+++\n").unwrap_err();
        assert_eq!(e.line, 3, "{e:?}");
        assert!(
            e.message.starts_with("invalid TOML front matter"),
            "{}",
            e.message
        );
    }

    #[test]
    fn yaml_syntax_error_points_at_the_file_line() {
        let e = fm("---\ntitle: 甲\ntopics: [carbon\n---\n").unwrap_err();
        assert!(e.line >= 3, "{e:?}");
        assert!(
            e.message.starts_with("invalid YAML front matter"),
            "{}",
            e.message
        );
    }

    #[test]
    fn toml_dates_become_text_and_unknown_keys_go_to_extra() {
        let f = fm("+++\ntitle = \"甲\"\ndate = 2019-01-01\nweather = \"晴\"\n+++\n").unwrap();
        assert_eq!(f.date.as_deref(), Some("2019-01-01"));
        assert_eq!(f.extra["weather"], Value::String("晴".into()));
    }

    #[test]
    fn a_single_author_string_is_a_list_of_one() {
        let f = fm("---\ntitle: 甲\nauthors: 张三\n---\n").unwrap();
        assert_eq!(f.authors, vec!["张三"]);
    }

    #[test]
    fn wrong_shape_names_key_line_and_example() {
        let e = fm("+++\ntitle = \"甲\"\ntopics = 3\n+++\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 10));
        assert_eq!(e.message, "`topics` should be a list of topic keys");
        assert!(e.help.contains("topics = [\"carbon\""));
    }

    #[test]
    fn positions_are_file_lines() {
        let f = fm("+++\ntitle = \"甲\"\nregions = [\"cangzhou\"]\n+++\n").unwrap();
        assert_eq!(f.position("regions"), (3, 11));
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("甲乙\n丙丁", 10), (2, 2));
        assert_eq!(
            line_col("甲乙\n丙丁", 9),
            (2, 1),
            "inside a character counts as its start"
        );
    }
}
