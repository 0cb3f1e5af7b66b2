//! Classification for the build: each article's topic and region keys resolved against the
//! [`Taxonomy`] and the [`Gazetteer`], and its file placed under its primary topic.
//!
//! Automatic classification of raw text (which topics and places an article is *about*) belongs to
//! the importer; the build only trusts and checks what the front matter says.

use rayon::prelude::*;

use crate::content::{Article, Corpus};
use crate::error::Diagnostic;
use crate::gazetteer::{Gazetteer, RegionId};
use crate::taxonomy::{Taxonomy, TopicId};

/// What an article is filed under.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Labels {
    /// Topics, primary first, without repeats.
    pub topics: Vec<TopicId>,
    /// Places as written (not their ancestors), without repeats.
    pub regions: Vec<RegionId>,
}

/// Resolves the labels of every article of `corpus`, in the same order: `None` for an article
/// with problems, which are all returned beside the labels.
pub fn classify(
    tax: &Taxonomy,
    gaz: &Gazetteer,
    corpus: &Corpus,
) -> (Vec<Option<Labels>>, Vec<Diagnostic>) {
    let results: Vec<std::result::Result<Labels, Vec<Diagnostic>>> = corpus
        .articles
        .par_iter()
        .map(|a| article(tax, gaz, a))
        .collect();
    let mut out = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for r in results {
        match r {
            Ok(l) => out.push(Some(l)),
            Err(mut ds) => {
                out.push(None);
                problems.append(&mut ds);
            }
        }
    }
    (out, problems)
}

/// The labels of one article, or its problems.
pub fn article(
    tax: &Taxonomy,
    gaz: &Gazetteer,
    a: &Article,
) -> std::result::Result<Labels, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut l = Labels::default();
    let (line, col) = a.front.position("topics");
    for key in &a.front.topics {
        match tax.resolve(key) {
            Ok(id) if !l.topics.contains(&id) => l.topics.push(id),
            Ok(_) => {}
            Err(msg) => problems.push(Diagnostic::new(&a.path, line, col, msg).with_help(
                "use one of the topic keys from site.toml; add a [[topics]] entry there for a new topic",
            )),
        }
    }
    check_folder(tax, a, &mut l, &mut problems);
    let (line, col) = a.front.position("regions");
    for key in &a.front.regions {
        match gaz.resolve(key) {
            Ok(id) if !l.regions.contains(&id) => l.regions.push(id),
            Ok(_) => {}
            Err(e) => problems.push(Diagnostic::new(&a.path, line, col, e.to_string()).with_help(
                "use a key from data/regions.toml (full like `hebei/cangzhou` or a unique leaf like `cangzhou`), or add the place under [[regions]] in site.toml",
            )),
        }
    }
    if problems.is_empty() {
        Ok(l)
    } else {
        Err(problems)
    }
}

/// The folder under `content/` must be the primary topic; an article without topics takes it.
fn check_folder(tax: &Taxonomy, a: &Article, l: &mut Labels, problems: &mut Vec<Diagnostic>) {
    let folder = tax.get(&a.folder);
    let (line, col) = a.front.position("topics");
    match (folder, l.topics.first()) {
        (None, _) => problems.push(
            Diagnostic::new(
                &a.path,
                0,
                0,
                format!("folder `content/{}` is not a topic", a.folder),
            )
            .with_help(format!(
                "move the file into one of {}",
                tax.topics
                    .iter()
                    .map(|t| format!("content/{}/", t.key))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        ),
        (Some(f), None) if a.front.topics.is_empty() => l.topics.push(f),
        (Some(f), Some(&first)) if f != first => {
            let (want, have) = (&tax.topics[first].key, &tax.topics[f].key);
            problems.push(
                Diagnostic::new(
                    &a.path,
                    line,
                    col,
                    format!("the primary topic is `{want}` but the file is in content/{have}/"),
                )
                .with_help(format!(
                    "move the file to content/{want}/, or list `{have}` first in topics"
                )),
            );
        }
        _ => {}
    }
}
