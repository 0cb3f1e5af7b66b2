//! 专题 — ranking an imported article's topics from the words it uses.
//!
//! Title and body are segmented with jieba ([`lexicon`]: the default dictionary plus every place
//! name, keyword and common collaboration term), and every keyword found adds its weight from
//! `site.toml` to its topic. A title word counts [`TITLE_WEIGHT`] times; repeats in the body
//! count less and less (1 + ln n), so an article is judged by the breadth of its vocabulary
//! rather than by one word said often; generic words (企业, 项目: weight ≤ [`GENERIC_WEIGHT`])
//! get no title bonus and add at most [`GENERIC_CAP`] to a topic; and the sum is divided by a
//! length factor so that long and short articles score on one scale. The best topic comes
//! first, and a second topic is kept only when it is clearly present too (see
//! [`Classifier::rank`]). Topics without keywords fall back to the words of their name and
//! description.

pub mod lexicon;

use std::collections::HashMap;

use jieba_rs::Jieba;

use crate::gazetteer::Gazetteer;
use crate::taxonomy::{Taxonomy, TopicId};

/// How many body occurrences one title occurrence is worth.
pub const TITLE_WEIGHT: f64 = 4.0;

/// Below this best score the evidence is too thin and the first topic is taken.
const MIN_EVIDENCE: f64 = 2.0;

/// A secondary topic needs at least this fraction of the best topic's score …
const SECONDARY_RATIO: f64 = 0.6;

/// … at least this (length-normalised) score …
const SECONDARY_MIN_SCORE: f64 = 6.0;

/// … and at least this many distinct keywords.
const SECONDARY_MIN_TERMS: usize = 3;

/// Length scale: scores are divided by √(1 + body tokens / `NORM_TOKENS`), so a text four times
/// as long needs about twice the evidence for the same score.
const NORM_TOKENS: f64 = 300.0;

/// How many terms `--explain` lists per topic.
const EXPLAIN_TERMS: usize = 5;

/// A configured keyword weighing at most this is a generic word (企业, 项目, 技术): every topic's
/// articles use it, so it gets no title bonus and its sum per topic is capped.
const GENERIC_WEIGHT: f64 = 1.0;

/// The most that generic words together add to one topic (before length normalisation): about
/// two words said a few times each. Without a cap, 企业 and 项目 alone can outvote a topic's
/// own vocabulary in a long article.
const GENERIC_CAP: f64 = 2.5;

/// One keyword found in an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The keyword.
    pub word: String,
    /// How often it occurs (title and body).
    pub count: usize,
    /// What it added to the topic's score.
    pub contribution: f64,
}

/// A topic with the evidence for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    /// The topic.
    pub topic: TopicId,
    /// Its score: the sum of the terms' contributions.
    pub score: f64,
    /// The keywords that counted, largest contribution first.
    pub terms: Vec<Term>,
}

impl Ranked {
    /// One line for `--explain`, e.g. `专题 绿色低碳 12.5：碳普惠×2 (10.0)、低碳 (2.5)`.
    pub fn explain(&self, tax: &Taxonomy) -> String {
        let name = tax.topics.get(self.topic).map_or("?", |t| t.name.as_str());
        if self.terms.is_empty() {
            return format!("专题 {name} {:.1}：未命中关键词，取默认专题", self.score);
        }
        if self.score < MIN_EVIDENCE {
            let terms: Vec<&str> = self.terms.iter().map(|t| t.word.as_str()).collect();
            return format!(
                "专题 {name} {:.1}：关键词太少（{}），取默认专题",
                self.score,
                terms.join("、")
            );
        }
        let terms: Vec<String> = self
            .terms
            .iter()
            .take(EXPLAIN_TERMS)
            .map(|t| match t.count {
                1 => format!("{} ({:.1})", t.word, t.contribution),
                n => format!("{}×{n} ({:.1})", t.word, t.contribution),
            })
            .collect();
        format!("专题 {name} {:.1}：{}", self.score, terms.join("、"))
    }
}

/// Ranks topics for a text.
pub struct Classifier {
    jieba: Jieba,
    /// Keyword (ASCII lower-cased) → the topics it marks, with weights.
    keywords: HashMap<String, Vec<Mark>>,
    /// Longest keyword, in characters (bounds the search inside long tokens).
    longest: usize,
    topics: usize,
}

/// What one keyword says for one topic.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Mark {
    topic: TopicId,
    weight: f64,
    /// A generic word (see [`GENERIC_WEIGHT`]).
    generic: bool,
}

/// Occurrences of one keyword: (title, body).
type Counts = HashMap<String, (usize, usize)>;

impl Classifier {
    /// Builds the classifier from the topics' keyword weights (or, for a topic without any,
    /// from the words of its name and description).
    pub fn new(tax: &Taxonomy, gaz: &Gazetteer) -> Classifier {
        let keywords = keyword_table(tax);
        let longest = keywords
            .keys()
            .map(|k| k.chars().count())
            .max()
            .unwrap_or(0);
        let mut words = lexicon::user_words(&tax.topics, gaz);
        words.extend(keywords.keys().map(String::as_str));
        Classifier {
            jieba: lexicon::with_words(words),
            keywords,
            longest,
            topics: tax.topics.len(),
        }
    }

    /// Topics for an article, best first; never empty unless the site has no topics (an article
    /// with hardly any keyword gets the first topic, the site's default). A further topic is listed only when it reaches
    /// `SECONDARY_RATIO` of the best score, a minimum score, and a minimum number of distinct
    /// keywords, so secondary topics appear only when clearly present.
    pub fn rank(&self, title: &str, body: &str) -> Vec<Ranked> {
        if self.topics == 0 {
            return Vec::new();
        }
        let mut counts = Counts::new();
        self.count(title, &mut counts, true);
        let tokens = self.count(body, &mut counts, false);
        let norm = (1.0 + tokens as f64 / NORM_TOKENS).sqrt();
        let mut ranked = self.score(&counts, norm);
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.topic.cmp(&b.topic)));
        let best = ranked.first().map_or(0.0, |r| r.score);
        if best < MIN_EVIDENCE {
            // Too little to go on: the first topic is the site's default.
            let first = ranked
                .iter()
                .position(|r| r.topic == 0)
                .map(|i| ranked.swap_remove(i));
            return vec![first.unwrap_or(Ranked {
                topic: 0,
                score: 0.0,
                terms: Vec::new(),
            })];
        }
        let keep = |(i, r): &(usize, &Ranked)| {
            *i == 0
                || (r.score >= SECONDARY_RATIO * best
                    && r.score >= SECONDARY_MIN_SCORE
                    && r.terms.len() >= SECONDARY_MIN_TERMS)
        };
        let n = ranked.iter().enumerate().take_while(keep).count();
        ranked.truncate(n);
        ranked
    }

    /// Adds the keywords of `text` to `counts`; returns how many word tokens it has.
    fn count(&self, text: &str, counts: &mut Counts, title: bool) -> usize {
        let mut total = 0;
        let mut lower = String::new();
        let tokens = self.jieba.cut(text, false);
        for (i, token) in tokens.iter().enumerate() {
            let word = token.word;
            if !word.chars().any(char::is_alphanumeric) {
                continue;
            }
            total += 1;
            let word = if word.bytes().any(|b| b.is_ascii_uppercase()) {
                lower.clear();
                lower.push_str(&word.to_ascii_lowercase());
                lower.as_str()
            } else {
                word
            };
            let next = tokens.get(i + 1).map_or("", |t| t.word);
            if lexicon::FALSE_FRIENDS.contains(&(word, next)) {
                continue;
            }
            if self.keywords.contains_key(word) {
                bump(counts, word, title);
            } else if !lexicon::FALSE_FRIEND_WORDS.contains(&word) {
                self.count_inside(word, counts, title);
            }
        }
        total
    }

    /// Keywords inside a longer token (低碳 in 低碳出行), each counted once.
    fn count_inside(&self, word: &str, counts: &mut Counts, title: bool) {
        let starts: Vec<usize> = word
            .char_indices()
            .map(|(i, _)| i)
            .chain([word.len()])
            .collect();
        let chars = starts.len() - 1;
        if !(3..=16).contains(&chars) {
            return;
        }
        let mut seen: Vec<&str> = Vec::new();
        for len in (2..chars.min(self.longest + 1)).rev() {
            for s in 0..=chars - len {
                let sub = &word[starts[s]..starts[s + len]];
                if self.keywords.contains_key(sub) && !seen.iter().any(|w| w.contains(sub)) {
                    seen.push(sub);
                    bump(counts, sub, title);
                }
            }
        }
    }

    /// Each topic's terms and score from the keyword counts.
    fn score(&self, counts: &Counts, norm: f64) -> Vec<Ranked> {
        let mut ranked: Vec<Ranked> = (0..self.topics)
            .map(|topic| Ranked {
                topic,
                score: 0.0,
                terms: Vec::new(),
            })
            .collect();
        let mut generic = vec![0.0; self.topics];
        // In word order, so that which generic word the cap trims is the same on every run.
        let mut words: Vec<(&String, &(usize, usize))> = counts.iter().collect();
        words.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (word, &(in_title, in_body)) in words {
            for mark in self.keywords.get(word).into_iter().flatten() {
                let strength = if mark.generic {
                    saturate(in_title + in_body)
                } else {
                    TITLE_WEIGHT * in_title as f64 + saturate(in_body)
                };
                let mut raw = mark.weight * strength;
                if mark.generic {
                    raw = raw.min(GENERIC_CAP - generic[mark.topic]).max(0.0);
                    generic[mark.topic] += raw;
                }
                let contribution = raw / norm;
                let r = &mut ranked[mark.topic];
                r.score += contribution;
                r.terms.push(Term {
                    word: word.clone(),
                    count: in_title + in_body,
                    contribution,
                });
            }
        }
        for r in &mut ranked {
            r.terms.retain(|t| t.contribution > 0.0);
            r.terms.sort_by(|a, b| {
                b.contribution
                    .total_cmp(&a.contribution)
                    .then(a.word.cmp(&b.word))
            });
        }
        ranked
    }
}

/// 1 + ln n for n ≥ 1: the second mention adds 0.69, the tenth 0.1.
fn saturate(n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        1.0 + (n as f64).ln()
    }
}

fn bump(counts: &mut Counts, word: &str, title: bool) {
    let entry = match counts.get_mut(word) {
        Some(e) => e,
        None => counts.entry(word.to_string()).or_default(),
    };
    if title {
        entry.0 += 1;
    } else {
        entry.1 += 1;
    }
}

/// Keyword → topics with weights. Configured keywords are taken as written (non-positive and
/// non-finite weights are ignored; light ones are generic); fallback words shared by several
/// topics are divided among them, since a word every topic has tells them apart poorly.
fn keyword_table(tax: &Taxonomy) -> HashMap<String, Vec<Mark>> {
    let mut table: HashMap<String, Vec<Mark>> = HashMap::new();
    let mut fallback: HashMap<String, Vec<(TopicId, f64)>> = HashMap::new();
    for (id, topic) in tax.topics.iter().enumerate() {
        if topic.keywords.is_empty() {
            for (word, weight) in lexicon::fallback_keywords(topic) {
                fallback.entry(word).or_default().push((id, weight));
            }
            continue;
        }
        for (word, &weight) in &topic.keywords {
            let word = word.trim().to_ascii_lowercase();
            if !word.is_empty() && weight.is_finite() && weight > 0.0 {
                table.entry(word).or_default().push(Mark {
                    topic: id,
                    weight,
                    generic: weight <= GENERIC_WEIGHT,
                });
            }
        }
    }
    for (word, topics) in fallback {
        let shared = topics.len() as f64;
        let marks = topics.into_iter().map(|(topic, weight)| Mark {
            topic,
            weight: weight / shared,
            generic: false,
        });
        table.entry(word).or_default().extend(marks);
    }
    table
}

#[cfg(test)]
mod tests;
