//! Site settings: `site.toml` parsed into a [`Config`], with documented defaults.
//!
//! ```
//! let cfg = xietong::config::Config::parse(r#"
//! title = "京津冀协同观察"
//! base_url = "https://example.github.io/xietong/"
//! "#, std::path::Path::new("site.toml")).unwrap();
//! assert_eq!(cfg.base_path(), "/xietong/");
//! assert_eq!(cfg.topics.len(), 4);
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::gazetteer::Region;

/// Everything `site.toml` can say. Unknown keys are rejected so typos surface.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Site name shown in the masthead and feeds.
    pub title: String,
    /// A line under the masthead.
    #[serde(default)]
    pub subtitle: String,
    /// Meta description and feed subtitle.
    #[serde(default)]
    pub description: String,
    /// Absolute URL the site is published at, ending in `/`; may carry a path.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// `lang` of every page.
    #[serde(default = "default_language")]
    pub language: String,
    /// Theme directory name under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Articles per list page (topic, region, archive).
    #[serde(default = "default_per_page")]
    pub per_page: usize,
    /// Newest articles shown on the home page.
    #[serde(default = "default_home_latest")]
    pub home_latest: usize,
    /// Entries per Atom feed.
    #[serde(default = "default_feed_limit")]
    pub feed_limit: usize,
    /// Footer copyright line.
    #[serde(default)]
    pub copyright: Option<String>,
    /// syntect theme for code in light mode.
    #[serde(default = "default_highlight_light")]
    pub highlight_theme: String,
    /// syntect theme for code in dark mode.
    #[serde(default = "default_highlight_dark")]
    pub highlight_theme_dark: String,
    /// Topics (专题), in display order; the first topic of an article is its primary one.
    #[serde(default = "default_topics")]
    pub topics: Vec<TopicConfig>,
    /// Places added to (or replacing entries of) the built-in gazetteer.
    #[serde(default)]
    pub regions: Vec<Region>,
    /// Custom domain (`news.example.cn`) written to a `CNAME` file for GitHub Pages; none by default.
    #[serde(default)]
    pub cname: Option<String>,
    /// Full-text search: the `/search/` page, its index and the search box on every page.
    #[serde(default = "default_search")]
    pub search: bool,
}

/// 专题 — one topic as configured.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicConfig {
    /// ASCII key used in URLs and front matter (`carbon`).
    pub key: String,
    /// Chinese display name (`绿色低碳`).
    pub name: String,
    /// One-line description for the topic page.
    #[serde(default)]
    pub description: String,
    /// Words that mark an article as belonging to this topic, with their weights (the importer's
    /// classifier reads them; editors tune them here).
    #[serde(default)]
    pub keywords: std::collections::BTreeMap<String, f64>,
}

fn default_base_url() -> String {
    "http://127.0.0.1:1111/".into()
}
fn default_language() -> String {
    "zh-CN".into()
}
fn default_theme() -> String {
    "digest".into()
}
fn default_per_page() -> usize {
    20
}
fn default_home_latest() -> usize {
    12
}
fn default_feed_limit() -> usize {
    20
}
fn default_highlight_light() -> String {
    "InspiredGitHub".into()
}
fn default_search() -> bool {
    true
}
fn default_highlight_dark() -> String {
    "base16-ocean.dark".into()
}

fn topic(key: &str, name: &str, description: &str) -> TopicConfig {
    TopicConfig {
        key: key.into(),
        name: name.into(),
        description: description.into(),
        keywords: Default::default(),
    }
}

/// The four default topics of the digest.
pub fn default_topics() -> Vec<TopicConfig> {
    vec![
        topic("industry", "产业协作", "产业转移、园区共建与产业链协同"),
        topic("innovation", "协同创新", "科技成果转化、创新平台与联合攻关"),
        topic("carbon", "绿色低碳", "生态共治、能源转型与碳普惠"),
        topic("talent", "人才交流", "人才互认、教育医疗与公共服务共享"),
    ]
}

impl Config {
    /// Reads `site.toml` from `path`.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            msg: format!("cannot read the site settings ({e}); create site.toml at the site root"),
        })?;
        Config::parse(&text, path)
    }

    /// Parses and validates settings text; `path` is only used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let err = |msg: String| Error::Config {
            path: path.to_path_buf(),
            msg,
        };
        let mut cfg: Config = toml::from_str(text).map_err(|e| {
            let (line, col) = e
                .span()
                .map(|s| crate::content::frontmatter::line_col(text, s.start))
                .unwrap_or((0, 0));
            let quoted = text
                .lines()
                .nth(line.saturating_sub(1))
                .map(str::trim)
                .unwrap_or("");
            err(format!(
                "line {line} column {col}: {} (in `{quoted}`)",
                e.message().trim()
            ))
        })?;
        cfg.validate().map_err(err)?;
        if !cfg.base_url.ends_with('/') {
            cfg.base_url.push('/');
        }
        Ok(cfg)
    }

    fn validate(&self) -> std::result::Result<(), String> {
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            return Err(format!(
                "base_url `{}` must be an absolute http(s) URL, like https://example.github.io/xietong/",
                self.base_url
            ));
        }
        if self.per_page == 0 {
            return Err("per_page must be at least 1".into());
        }
        if self.topics.is_empty() {
            return Err("at least one [[topics]] entry is needed".into());
        }
        if let Some(host) = &self.cname {
            check_cname(host)?;
        }
        let mut seen = std::collections::HashSet::new();
        for t in &self.topics {
            if !crate::slug::is_slug(&t.key) {
                return Err(format!(
                    "topic key `{}` must be lowercase ASCII letters, digits and hyphens",
                    t.key
                ));
            }
            if crate::site::RESERVED.contains(&t.key.as_str()) {
                return Err(format!(
                    "topic key `{}` is a path the site uses itself ({}); choose another key",
                    t.key,
                    crate::site::RESERVED.join(", ")
                ));
            }
            if !seen.insert(t.key.as_str()) {
                return Err(format!("topic key `{}` is listed twice", t.key));
            }
        }
        Ok(())
    }

    /// Replaces `base_url` (from `--base-url` or `serve`), keeping the trailing slash rule.
    pub fn set_base_url(&mut self, url: &str) -> Result<()> {
        let mut url = url.to_string();
        if !url.ends_with('/') {
            url.push('/');
        }
        self.base_url = url;
        self.validate().map_err(|msg| Error::Config {
            path: PathBuf::from("--base-url"),
            msg,
        })
    }

    /// The path part of `base_url`: `/` or `/xietong/`.
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, r)| r);
        after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
    }

    /// Absolute URL of a site path given without a leading slash (`topics/carbon/`).
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }

    /// Site-absolute URL path (`/xietong/topics/carbon/`) for a path without a leading slash.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path(), path.trim_start_matches('/'))
    }
}

/// A custom domain must be a bare host name: what GitHub Pages expects in `CNAME`.
fn check_cname(host: &str) -> std::result::Result<(), String> {
    let problem = if host.contains("://") {
        Some("不要带 https:// 之类的协议")
    } else if host.contains('/') {
        Some("不要带路径或斜杠")
    } else if host.contains(':') {
        Some("不要带端口")
    } else if !host.contains('.') {
        Some("需要完整的域名")
    } else if !host.split('.').all(is_dns_label) || host.len() > 253 {
        Some("只能由字母、数字和连字符组成，以点分隔（中文域名请写成 xn-- 开头的 Punycode 形式）")
    } else {
        None
    };
    match problem {
        None => Ok(()),
        Some(why) => Err(format!(
            "cname `{host}` 不是有效的自定义域名：{why}。请只写域名本身，例如 cname = \"news.example.cn\""
        )),
    }
}

/// One dot-separated part of a host name: 1–63 ASCII letters, digits or inner hyphens.
fn is_dns_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Config> {
        Config::parse(s, Path::new("site.toml"))
    }

    #[test]
    fn defaults_fill_everything_but_title() {
        let c = parse("title = \"x\"").unwrap();
        assert_eq!(c.per_page, 20);
        assert_eq!(c.theme, "digest");
        assert_eq!(c.topics[2].name, "绿色低碳");
        assert_eq!(c.base_path(), "/");
    }

    #[test]
    fn base_path_and_urls_follow_base_url() {
        let c = parse("title = \"x\"\nbase_url = \"https://u.github.io/repo\"").unwrap();
        assert_eq!(c.base_url, "https://u.github.io/repo/");
        assert_eq!(c.base_path(), "/repo/");
        assert_eq!(c.url("topics/carbon/"), "/repo/topics/carbon/");
        assert_eq!(
            c.permalink("/atom.xml"),
            "https://u.github.io/repo/atom.xml"
        );
    }

    #[test]
    fn unknown_key_is_reported_with_line() {
        let e = parse("title = \"x\"\ntitel = \"y\"")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2"), "{e}");
        assert!(e.contains("titel"), "{e}");
    }

    #[test]
    fn relative_base_url_is_rejected() {
        let e = parse("title = \"x\"\nbase_url = \"/repo/\"")
            .unwrap_err()
            .to_string();
        assert!(e.contains("must be an absolute http(s) URL"), "{e}");
    }

    #[test]
    fn duplicate_and_bad_topic_keys_are_rejected() {
        let dup = "title = \"x\"\n[[topics]]\nkey = \"a\"\nname = \"甲\"\n[[topics]]\nkey = \"a\"\nname = \"乙\"";
        assert!(parse(dup).unwrap_err().to_string().contains("listed twice"));
        let bad = "title = \"x\"\n[[topics]]\nkey = \"低碳\"\nname = \"甲\"";
        assert!(parse(bad)
            .unwrap_err()
            .to_string()
            .contains("lowercase ASCII"));
    }

    #[test]
    fn reserved_topic_key_is_rejected() {
        let e = parse("title = \"x\"\n[[topics]]\nkey = \"regions\"\nname = \"甲\"")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("topic key `regions` is a path the site uses itself"),
            "{e}"
        );
    }

    #[test]
    fn wrong_type_names_the_line() {
        let e = parse("title = \"x\"\nper_page = \"二十\"")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("line 2") && e.contains("per_page = \"二十\""),
            "{e}"
        );
    }

    /// The `site.toml` example in README.md must stay valid, and its added place must load.
    #[test]
    fn readme_example_parses() {
        let readme = include_str!("../README.md");
        let start = readme.find("## Site settings").unwrap();
        let block = &readme[start..];
        let block = &block[block.find("```toml\n").unwrap() + 8..];
        let block = &block[..block.find("```").unwrap()];
        let cfg = parse(block).unwrap();
        assert_eq!(cfg.topics[0].key, "carbon");
        let mut gaz = crate::gazetteer::Gazetteer::builtin().unwrap();
        gaz.extend(cfg.regions).unwrap();
        assert!(gaz.resolve("zhongjie").is_ok());
    }

    #[test]
    fn cname_takes_a_bare_host_name() {
        let c = parse("title = \"x\"\ncname = \"news.example.cn\"").unwrap();
        assert_eq!(c.cname.as_deref(), Some("news.example.cn"));
        assert_eq!(parse("title = \"x\"").unwrap().cname, None);
        assert!(parse("title = \"x\"\ncname = \"xn--fiqs8s.xn--fiqz9s\"").is_ok());
    }

    #[test]
    fn cname_with_scheme_path_or_port_is_rejected() {
        for (bad, why) in [
            ("https://news.example.cn", "协议"),
            ("news.example.cn/xietong/", "路径"),
            ("news.example.cn:8080", "端口"),
            ("localhost", "完整的域名"),
            ("新闻.example.cn", "Punycode"),
            ("news..example.cn", "连字符"),
            ("-news.example.cn", "连字符"),
            ("news example.cn", "连字符"),
        ] {
            let e = parse(&format!("title = \"x\"\ncname = \"{bad}\""))
                .unwrap_err()
                .to_string();
            assert!(e.starts_with("site.toml: cname `"), "{bad}: {e}");
            assert!(e.contains(why), "{bad}: {e}");
        }
    }

    #[test]
    fn missing_title_is_an_error() {
        let e = parse("base_url = \"https://a.b/\"")
            .unwrap_err()
            .to_string();
        assert!(e.contains("title"), "{e}");
    }
}
