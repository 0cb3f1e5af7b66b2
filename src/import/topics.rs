//! Topic classification of imported text. (Placeholder: primary topic only; being replaced.)

use crate::gazetteer::Gazetteer;
use crate::taxonomy::{Taxonomy, TopicId};

/// A topic with the evidence for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    /// The topic.
    pub topic: TopicId,
    /// Its score.
    pub score: f64,
    /// The terms that counted, with their contributions.
    pub terms: Vec<(String, f64)>,
}

impl Ranked {
    /// One line for `--explain`.
    pub fn explain(&self, tax: &Taxonomy) -> String {
        format!("专题 {}：{:.1}", tax.topics[self.topic].name, self.score)
    }
}

/// Ranks topics for a text.
pub struct Classifier {
    topics: usize,
}

impl Classifier {
    /// Builds the classifier from the topics' keyword weights.
    pub fn new(tax: &Taxonomy, _gaz: &Gazetteer) -> Classifier {
        Classifier { topics: tax.topics.len() }
    }

    /// Topics for an article, best first; never empty.
    pub fn rank(&self, _title: &str, _body: &str) -> Vec<Ranked> {
        let _ = self.topics;
        vec![Ranked { topic: 0, score: 0.0, terms: Vec::new() }]
    }
}
