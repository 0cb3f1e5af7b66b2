//! Temporary: dumps all topic scores for articles in $TOPICS_DEBUG.

use super::*;
use crate::config::Config;

#[test]
#[ignore]
fn dump() {
    let Ok(path) = std::env::var("TOPICS_DEBUG") else { return };
    let gaz = Gazetteer::builtin().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let tax = Taxonomy::new(Config::load(&root.join("site.toml")).unwrap().topics);
    let c = Classifier::new(&tax, &gaz);
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for a in v["articles"].as_array().unwrap() {
        let title = a["title"].as_str().unwrap();
        let body = a["body"].as_str().unwrap().replace("## ", "");
        println!("=== {title}");
        let mut counts = Counts::new();
        c.count(title, &mut counts, true);
        let tokens = c.count(&body, &mut counts, false);
        let norm = (1.0 + tokens as f64 / NORM_TOKENS).sqrt();
        let mut ranked = c.score(&counts, norm);
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score));
        for r in ranked {
            let mut r = r;
            r.terms.truncate(12);
            let terms: Vec<String> = r.terms.iter().map(|t| format!("{}×{}({:.1})", t.word, t.count, t.contribution)).collect();
            println!("  {} {:.1}: {}", tax.topics[r.topic].key, r.score, terms.join(" "));
        }
    }
}
