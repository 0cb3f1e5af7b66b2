//! 专题 — the configured topics and how a key written in front matter resolves to one.

use std::collections::HashMap;

use crate::config::TopicConfig;

/// Index of a topic in `site.toml` order.
pub type TopicId = usize;

/// The topics of a site, looked up by key.
#[derive(Debug, Clone, PartialEq)]
pub struct Taxonomy {
    /// Topics in display order.
    pub topics: Vec<TopicConfig>,
    by_key: HashMap<String, TopicId>,
}

impl Taxonomy {
    /// Indexes `topics` (keys are already checked unique by the config).
    pub fn new(topics: Vec<TopicConfig>) -> Taxonomy {
        let by_key = topics
            .iter()
            .enumerate()
            .map(|(i, t)| (t.key.clone(), i))
            .collect();
        Taxonomy { topics, by_key }
    }

    /// The topic with exactly this key.
    pub fn get(&self, key: &str) -> Option<TopicId> {
        self.by_key.get(key).copied()
    }

    /// Resolves a key as an author may write it (case and spaces forgiven); an unknown key gives a
    /// message that suggests the closest topics, also when the author wrote the Chinese name.
    pub fn resolve(&self, key: &str) -> Result<TopicId, String> {
        let wanted = key.trim().to_ascii_lowercase();
        if let Some(id) = self.get(&wanted) {
            return Ok(id);
        }
        let by_name = self
            .topics
            .iter()
            .find(|t| t.name == key.trim() || t.name.contains(key.trim()));
        let mut near: Vec<(f64, &TopicConfig)> = self
            .topics
            .iter()
            .map(|t| (strsim::jaro_winkler(&wanted, &t.key), t))
            .filter(|(score, _)| *score > 0.7)
            .collect();
        near.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut hints: Vec<&TopicConfig> = by_name.into_iter().collect();
        hints.extend(
            near.into_iter()
                .map(|(_, t)| t)
                .filter(|t| by_name.is_none_or(|b| b.key != t.key)),
        );
        let known: Vec<String> = self
            .topics
            .iter()
            .map(|t| format!("`{}` ({})", t.key, t.name))
            .collect();
        Err(match hints.first() {
            Some(t) => format!(
                "unknown topic `{key}`; did you mean `{}` ({})?",
                t.key, t.name
            ),
            None => format!("unknown topic `{key}`; the topics are {}", known.join(", ")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tax() -> Taxonomy {
        Taxonomy::new(crate::config::default_topics())
    }

    #[test]
    fn exact_and_forgiving_keys_resolve() {
        assert_eq!(tax().resolve("carbon"), Ok(2));
        assert_eq!(tax().resolve(" Carbon "), Ok(2));
    }

    #[test]
    fn typo_suggests_the_closest_key() {
        assert_eq!(
            tax().resolve("carbn").unwrap_err(),
            "unknown topic `carbn`; did you mean `carbon` (绿色低碳)?"
        );
    }

    #[test]
    fn chinese_name_suggests_its_key() {
        assert_eq!(
            tax().resolve("低碳").unwrap_err(),
            "unknown topic `低碳`; did you mean `carbon` (绿色低碳)?"
        );
    }

    #[test]
    fn unrelated_key_lists_all_topics() {
        let e = tax().resolve("sports").unwrap_err();
        assert!(
            e.starts_with("unknown topic `sports`; the topics are `industry` (产业协作)"),
            "{e}"
        );
    }
}
