//! The theme's templates, compiled, with what each page template depends on.
//!
//! [`Templates`] is everything rendering takes from template files and highlight settings; it
//! does not depend on content, so `serve` keeps it until a template or `site.toml` changes.
//! Each page template gets a fingerprint covering the files it reads — itself, what it extends or
//! includes, and every file that defines components (which any template may call) — so that a
//! template edit re-renders only the pages that use it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use tera::Tera;

use crate::error::{Error, Result};
use crate::theme::Theme;

/// Template sources as read from disk, before compiling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sources {
    /// Template name → (file, text).
    files: BTreeMap<String, (PathBuf, String)>,
    /// The code-highlighting themes (light, dark).
    highlight: (String, String),
}

impl Sources {
    /// Reads the theme's templates.
    pub fn read(theme: &Theme, highlight: (&str, &str)) -> Result<Sources> {
        let mut files = BTreeMap::new();
        for (name, path) in &theme.templates {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            files.insert(name.clone(), (path.clone(), text));
        }
        Ok(Sources {
            files,
            highlight: (highlight.0.to_string(), highlight.1.to_string()),
        })
    }
}

/// Compiled templates, the code stylesheet, and a fingerprint per template.
pub struct Templates {
    sources: Sources,
    pub(super) tera: Tera,
    pub(super) paths: HashMap<String, PathBuf>,
    pub(super) syntax_css: String,
    fingerprints: HashMap<String, u64>,
}

impl Templates {
    /// Compiles `sources`.
    pub fn compile(sources: Sources) -> Result<Templates> {
        let paths: HashMap<String, PathBuf> = sources
            .files
            .iter()
            .map(|(n, (p, _))| (n.clone(), p.clone()))
            .collect();
        let mut tera = Tera::new();
        let raw = sources
            .files
            .iter()
            .map(|(n, (_, t))| (n.clone(), t.clone()));
        tera.add_raw_templates(raw.collect::<Vec<_>>())
            .map_err(|e| super::template_error(&paths, "", e))?;
        let (light, dark) = &sources.highlight;
        let syntax_css =
            crate::highlight::stylesheet(light, dark).map_err(|msg| Error::Config {
                path: PathBuf::from("site.toml"),
                msg,
            })?;
        let fingerprints = fingerprints(&sources.files);
        Ok(Templates {
            sources,
            tera,
            paths,
            syntax_css,
            fingerprints,
        })
    }

    /// The sources these were compiled from.
    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// A hash of every file template `name` reads; equal fingerprints render equal pages from
    /// equal data.
    pub fn fingerprint(&self, name: &str) -> u64 {
        self.fingerprints.get(name).copied().unwrap_or(0)
    }
}

/// Each template's fingerprint: the hash of the texts of all the templates it may read.
fn fingerprints(files: &BTreeMap<String, (PathBuf, String)>) -> HashMap<String, u64> {
    let refs: BTreeMap<&str, Option<Vec<String>>> = files
        .iter()
        .map(|(n, (_, text))| (n.as_str(), references(text)))
        .collect();
    let components: Vec<&str> = files
        .iter()
        .filter(|(_, (_, text))| defines_components(text))
        .map(|(n, _)| n.as_str())
        .collect();
    files
        .keys()
        .map(|name| {
            let read = closure(name, &components, &refs)
                .unwrap_or_else(|| files.keys().cloned().collect());
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for n in &read {
                n.hash(&mut h);
                files[n].1.hash(&mut h);
            }
            (name.clone(), h.finish())
        })
        .collect()
}

/// The templates `name` may read, or `None` when some reference cannot be followed (then it may
/// read any of them).
fn closure(
    name: &str,
    components: &[&str],
    refs: &BTreeMap<&str, Option<Vec<String>>>,
) -> Option<BTreeSet<String>> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<String> = std::iter::once(name)
        .chain(components.iter().copied())
        .map(String::from)
        .collect();
    while let Some(n) = todo.pop() {
        if seen.contains(&n) {
            continue;
        }
        todo.extend(refs.get(n.as_str())?.as_ref()?.iter().cloned());
        seen.insert(n);
    }
    Some(seen)
}

/// The template names `text` extends, includes or imports; `None` if a reference is not a plain
/// string literal.
fn references(text: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for tag in text.split("{%").skip(1) {
        let tag = tag.split("%}").next().unwrap_or("");
        let tag = tag.trim_start_matches('-').trim_end_matches('-').trim();
        let word = tag.split_whitespace().next().unwrap_or("");
        if !matches!(word, "extends" | "include" | "import") {
            continue;
        }
        let quoted = quoted_strings(&tag[word.len()..]);
        if quoted.is_empty() {
            return None;
        }
        out.extend(quoted);
    }
    Some(out)
}

/// The contents of the `"…"` and `'…'` literals in `s`.
fn quoted_strings(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(start) = rest.find(['"', '\'']) {
        let q = &rest[start..start + 1];
        let after = &rest[start + 1..];
        let Some(end) = after.find(q) else { break };
        out.push(after[..end].to_string());
        rest = &after[end + 1..];
    }
    out
}

fn defines_components(text: &str) -> bool {
    text.split("{%").skip(1).any(|t| {
        t.trim_start_matches('-')
            .trim_start()
            .starts_with("component ")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> BTreeMap<String, (PathBuf, String)> {
        list.iter()
            .map(|(n, t)| (n.to_string(), (PathBuf::from(n), t.to_string())))
            .collect()
    }

    #[test]
    fn references_are_read_from_tags() {
        let text =
            "{% extends \"base.html\" %}{%- include 'partials/a.html' -%}{% if x %}{% endif %}";
        assert_eq!(
            references(text),
            Some(vec!["base.html".into(), "partials/a.html".into()])
        );
        assert_eq!(references("{% include name %}"), None);
    }

    #[test]
    fn a_template_edit_changes_only_the_templates_that_read_it() {
        let before = files(&[
            ("base.html", "<html>{% block c %}{% endblock c %}</html>"),
            ("article.html", "{% extends \"base.html\" %}{% block c %}a{% endblock c %}"),
            ("topic.html", "{% extends \"base.html\" %}{% block c %}{% include \"side.html\" %}{% endblock c %}"),
            ("side.html", "side"),
            ("card.html", "{% component card(c) %}{{ c }}{% endcomponent card %}"),
        ]);
        let fp = fingerprints(&before);
        let mut edited = before.clone();
        edited.get_mut("side.html").unwrap().1 = "side, edited".into();
        let side = fingerprints(&edited);
        assert_eq!(fp["article.html"], side["article.html"]);
        assert_ne!(fp["topic.html"], side["topic.html"]);
        let mut edited = before.clone();
        edited.get_mut("base.html").unwrap().1.push(' ');
        let base = fingerprints(&edited);
        assert!(["article.html", "topic.html"]
            .iter()
            .all(|t| fp[*t] != base[*t]));
        let mut edited = before.clone();
        edited.get_mut("card.html").unwrap().1.push(' ');
        let card = fingerprints(&edited);
        assert!(
            ["article.html", "topic.html"]
                .iter()
                .all(|t| fp[*t] != card[*t]),
            "components are global"
        );
    }

    #[test]
    fn a_dynamic_include_makes_a_template_read_everything() {
        let before = files(&[("a.html", "{% include x %}"), ("b.html", "b")]);
        let mut edited = before.clone();
        edited.get_mut("b.html").unwrap().1.push('!');
        assert_ne!(
            fingerprints(&before)["a.html"],
            fingerprints(&edited)["a.html"]
        );
    }
}
