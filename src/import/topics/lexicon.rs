//! The segmenter shared by topic and place detection: jieba's default dictionary, loaded once,
//! and the user dictionary of regional terms a classifier adds to its own copy.
//!
//! Loading the default dictionary takes about a tenth of a second, so it happens once per
//! process ([`base`]); each classifier clones it and adds the site's place names and keywords.

use std::sync::OnceLock;

use jieba_rs::Jieba;

use crate::config::TopicConfig;
use crate::gazetteer::Gazetteer;

/// Terms of regional collaboration that must come out of segmentation whole.
pub const REGIONAL_TERMS: &[&str] = &[
    "京津冀",
    "京津",
    "京冀",
    "津冀",
    "通武廊",
    "北三县",
    "环京",
    "环京津",
    "协同发展",
    "京津冀协同发展",
    "非首都功能",
    "疏解",
    "承接",
    "产业转移",
    "产业协作",
    "协同创新",
    "碳普惠",
    "碳达峰",
    "碳中和",
    "双碳",
    "新质生产力",
    "城市副中心",
    "雄安新区",
    "首都都市圈",
    "一体化",
    "联防联控",
    "双城生活",
    "异地就医",
    "成果转化",
    "科技成果转化",
    "创新链",
    "产业链",
    "供应链",
    "链主",
    "飞地经济",
    "承接平台",
    "协同转化",
];

/// A keyword followed by this one-character word means something else (创新 + 高 is "a record
/// high", not innovation; 创新高地 segments as 创新 + 高地 and still counts).
pub const FALSE_FRIENDS: &[(&str, &str)] = &[("创新", "高"), ("创新", "低")];

/// Words of the dictionary that contain a keyword without meaning it; never searched inside.
pub const FALSE_FRIEND_WORDS: &[&str] = &["再创新高", "屡创新高", "创新高", "创新低"];

/// jieba with only its default dictionary, loaded on first use.
pub fn base() -> &'static Jieba {
    static BASE: OnceLock<Jieba> = OnceLock::new();
    BASE.get_or_init(Jieba::new)
}

/// A copy of [`base`] that also keeps `words` whole.
pub fn with_words<'a>(words: impl IntoIterator<Item = &'a str>) -> Jieba {
    let mut jieba = base().clone();
    for word in words {
        let word = word.trim();
        if word.chars().count() >= 2 && !word.contains(char::is_whitespace) {
            jieba.add_word(word, None, None);
        }
    }
    jieba
}

/// Every word a classifier's segmenter should keep whole: place names, keywords, regional terms.
pub fn user_words<'a>(topics: &'a [TopicConfig], gaz: &'a Gazetteer) -> Vec<&'a str> {
    let mut words: Vec<&str> = REGIONAL_TERMS.to_vec();
    words.extend(gaz.names().map(|(_, name)| name));
    words.extend(
        topics
            .iter()
            .flat_map(|t| t.keywords.keys().map(String::as_str)),
    );
    words.sort_unstable();
    words.dedup();
    words
}

/// Keywords for a topic that has none configured: the words of its name (weight 2) and of its
/// description (weight 1), plus the whole name (weight 3). Words of one character are dropped.
pub fn fallback_keywords(topic: &TopicConfig) -> Vec<(String, f64)> {
    let mut out: Vec<(String, f64)> = Vec::new();
    let mut push = |word: &str, weight: f64| {
        if word.chars().count() < 2 || !word.chars().all(is_cjk) {
            return;
        }
        match out.iter_mut().find(|(w, _)| w == word) {
            Some(entry) => entry.1 = entry.1.max(weight),
            None => out.push((word.to_string(), weight)),
        }
    };
    push(topic.name.trim(), 3.0);
    for token in base().cut(&topic.name, false) {
        push(token.word, 2.0);
    }
    for token in base().cut(&topic.description, false) {
        push(token.word, 1.0);
    }
    out
}

/// A CJK ideograph (the basic block and extension A).
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}
