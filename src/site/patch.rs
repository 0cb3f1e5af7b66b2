//! Patching the site graph in place after an edit that leaves its shape alone.
//!
//! When an edited article keeps its URL, date, topics and places and its position in the order,
//! every list, neighbour and output of the graph stays as it was: only the article's own data
//! changes. `serve` uses this to skip rebuilding the graph for the most common edit, a change to an
//! article's text; anything else falls back to [`super::build`].

use std::sync::Arc;

use super::{newest_first, SiteArticle, SiteGraph};
use crate::classify::Labels;
use crate::content::Article;

impl SiteGraph {
    /// Puts `article`, labelled `labels`, in place of the article loaded from the same file, if
    /// that leaves every list of the graph as it is. Returns the article's index, or `None` when
    /// the graph has to be built again (a new file, a changed slug, date, topic or place, or a
    /// new position in the order).
    pub fn patch(&mut self, article: Arc<Article>, labels: Labels) -> Option<usize> {
        let i = self
            .articles
            .iter()
            .position(|a| a.article.path == article.path)?;
        let old = &self.articles[i];
        let before = &old.article;
        let same_shape = old.labels == labels
            && before.slug == article.slug
            && before.slug_from_title == article.slug_from_title
            && before.date == article.date
            && before.folder == article.folder;
        if !same_shape {
            return None;
        }
        let patched = SiteArticle {
            article,
            labels,
            slug: old.slug.clone(),
            path: old.path.clone(),
            places: old.places.clone(),
        };
        let after_previous = i == 0 || newest_first(&self.articles[i - 1], &patched).is_lt();
        let before_next = self
            .articles
            .get(i + 1)
            .is_none_or(|next| newest_first(&patched, next).is_lt());
        if !(after_previous && before_next) {
            return None;
        }
        self.articles[i] = patched;
        Some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Corpus;
    use crate::gazetteer::Gazetteer;
    use crate::taxonomy::Taxonomy;

    fn site() -> (tempfile::TempDir, Taxonomy, Gazetteer) {
        let d = tempfile::tempdir().unwrap();
        let a = "+++\ntitle = \"甲\"\ndate = 2024-01-02\nregions = [\"cangzhou\"]\n+++\n一二三四五六。\n";
        let b = "+++\ntitle = \"乙\"\ndate = 2024-01-02\n+++\n一二三。\n";
        for (name, text) in [("a", a), ("b", b)] {
            let p = d.path().join(format!("content/carbon/{name}.md"));
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let cfg = crate::config::Config::parse(
            "title = \"t\"\n[[topics]]\nkey = \"carbon\"\nname = \"绿色低碳\"\n",
            std::path::Path::new("site.toml"),
        )
        .unwrap();
        (d, Taxonomy::new(cfg.topics), Gazetteer::builtin().unwrap())
    }

    fn graph(root: &std::path::Path, tax: &Taxonomy, gaz: &Gazetteer) -> SiteGraph {
        let (corpus, problems) = crate::content::load(root, false, "/").unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        let (labels, problems) = crate::classify::classify(tax, gaz, &corpus);
        assert!(problems.is_empty(), "{problems:?}");
        super::super::build(20, tax, gaz, corpus, labels.into_iter().flatten().collect()).unwrap()
    }

    /// Reloads one file and tries to patch `g` with it.
    fn edit(
        g: &mut SiteGraph,
        root: &std::path::Path,
        tax: &Taxonomy,
        gaz: &Gazetteer,
        name: &str,
        text: &str,
    ) -> Option<usize> {
        let rel = format!("content/carbon/{name}.md");
        std::fs::write(root.join(&rel), text).unwrap();
        let mut cache = crate::content::Cache::new(false, "/");
        let (corpus, _): (Corpus, _) = cache.scan(root).unwrap();
        let a = corpus
            .articles
            .into_iter()
            .find(|a| a.path.to_str() == Some(rel.as_str()))
            .unwrap();
        let labels = crate::classify::article(tax, gaz, &a).unwrap();
        g.patch(a, labels)
    }

    #[test]
    fn a_text_edit_patches_and_equals_a_fresh_graph() {
        let (d, tax, gaz) = site();
        let mut g = graph(d.path(), &tax, &gaz);
        let text = "+++\ntitle = \"甲\"\ndate = 2024-01-02\nregions = [\"cangzhou\"]\n+++\n一二三四五六，七八。\n";
        assert_eq!(edit(&mut g, d.path(), &tax, &gaz, "a", text), Some(0));
        assert_eq!(g, graph(d.path(), &tax, &gaz));
    }

    #[test]
    fn shape_changes_are_refused() {
        let (d, tax, gaz) = site();
        let mut g = graph(d.path(), &tax, &gaz);
        let before = g.clone();
        let cases = [
            // another date
            "+++\ntitle = \"甲\"\ndate = 2024-01-03\nregions = [\"cangzhou\"]\n+++\n一二三四五六。\n",
            // another place
            "+++\ntitle = \"甲\"\ndate = 2024-01-02\nregions = [\"langfang\"]\n+++\n一二三四五六。\n",
            // shorter than 乙 on the same day: it would move behind it
            "+++\ntitle = \"甲\"\ndate = 2024-01-02\nregions = [\"cangzhou\"]\n+++\n一。\n",
        ];
        for text in cases {
            assert_eq!(
                edit(&mut g, d.path(), &tax, &gaz, "a", text),
                None,
                "{text}"
            );
            assert_eq!(g, before);
        }
    }
}
