//! Temporary: dumps mentions for articles in $PLACES_DEBUG (JSON from `import --format json`).

use super::*;

#[test]
#[ignore]
fn dump() {
    let Ok(path) = std::env::var("PLACES_DEBUG") else { return };
    let gaz = Gazetteer::builtin().unwrap();
    let m = Matcher::new(&gaz);
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for a in v["articles"].as_array().unwrap() {
        let title = a["title"].as_str().unwrap();
        let body = a["body"].as_str().unwrap().replace("## ", "");
        println!("=== {title}");
        for (text, t) in [(title, true), (body.as_str(), false)] {
            for x in mentions::scan(&m.patterns, &gaz, text, t) {
                let ctx: String = text[..x.start].chars().rev().take(8).collect::<Vec<_>>().into_iter().rev().collect();
                let after: String = text[x.end..].chars().take(8).collect();
                println!("  {:<8} {:?} w={:.2} lead={} | {}[{}]{}", m.patterns.list[x.pattern].text, x.role, x.weight, x.lead, ctx.replace('\n', "⏎"), &text[x.start..x.end], after.replace('\n', "⏎"));
            }
        }
        let found = m.detect(&gaz, title, &body);
        for f in &found {
            println!("  -> {}", f.explain(&gaz));
        }
    }
}
