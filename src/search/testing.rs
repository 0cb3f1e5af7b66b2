//! Test support: small sites built in memory up to the site graph, and a reader of the index
//! files that answers queries the way `search.js` does, so tests can check the files end to end.

use std::collections::BTreeMap;
use std::path::Path;

use super::analyze::{query, Required};
use super::encode;
use crate::config::Config;
use crate::gazetteer::Gazetteer;
use crate::site::SiteGraph;
use crate::taxonomy::Taxonomy;

/// A site in memory.
pub struct TestSite {
    pub config: Config,
    pub tax: Taxonomy,
    pub gaz: Gazetteer,
    pub graph: SiteGraph,
}

/// One article: folder (primary topic), file name, date, regions, title, body.
pub struct Doc<'a>(
    pub &'a str,
    pub &'a str,
    pub &'a str,
    pub &'a [&'a str],
    pub &'a str,
    pub &'a str,
);

/// Builds the graph of a site with these articles (search on, under `/xt/`).
pub fn site(docs: &[Doc]) -> TestSite {
    let dir = tempfile::tempdir().unwrap();
    for Doc(folder, file, date, regions, title, body) in docs {
        let regions: Vec<String> = regions.iter().map(|r| format!("\"{r}\"")).collect();
        let text = format!(
            "+++\ntitle = \"{title}\"\ndate = {date}\nregions = [{}]\n+++\n\n{body}\n",
            regions.join(", ")
        );
        let path = dir
            .path()
            .join("content")
            .join(folder)
            .join(format!("{file}.md"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let config = Config::parse(
        "title = \"测试\"\nbase_url = \"https://example.cn/xt/\"",
        Path::new("site.toml"),
    )
    .unwrap();
    let tax = Taxonomy::new(config.topics.clone());
    let gaz = Gazetteer::builtin().unwrap();
    let (corpus, problems) = crate::content::load(dir.path(), false, config.base_path()).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let (labels, problems) = crate::classify::classify(&tax, &gaz, &corpus);
    assert!(problems.is_empty(), "{problems:?}");
    let labels = labels.into_iter().map(Option::unwrap).collect();
    let mut graph = crate::site::build(config.per_page, &tax, &gaz, corpus, labels).unwrap();
    super::attach(&mut graph, &config, &tax, &gaz);
    TestSite {
        config,
        tax,
        gaz,
        graph,
    }
}

/// A posting: article number, weight, title flag.
pub type Posting = (u32, u32, bool);

/// Every term of the index files with its postings, decoded.
pub fn terms(g: &SiteGraph) -> BTreeMap<String, Vec<Posting>> {
    let ix = g.search.as_deref().expect("the site has an index");
    let mut out = BTreeMap::new();
    for shard in &ix.shards {
        let items: Vec<String> = serde_json::from_str(shard).unwrap();
        for pair in items.chunks(2) {
            out.insert(pair[0].clone(), postings(&pair[1]));
        }
    }
    out
}

/// Decodes a posting list.
pub fn postings(s: &str) -> Vec<Posting> {
    let ns = encode::decode(s).expect("a valid posting list");
    let mut next = 0;
    ns.chunks(2)
        .map(|p| {
            let doc = next + p[0];
            next = doc + 1;
            (doc, p[1] >> 1, p[1] & 1 == 1)
        })
        .collect()
}

/// The titles of the articles that match `q`, best first, ranked as `search.js` ranks them:
/// every required term must be there; articles whose title holds them all come first, then by
/// score (the sum over the query's terms and words of idf × (1 + ln weight)), then newest first.
pub fn search(g: &SiteGraph, q: &str) -> Vec<String> {
    let all = terms(g);
    let n = g.articles.len() as f64;
    let q = query(q);
    let lists: Vec<Vec<Posting>> = q
        .required
        .iter()
        .map(|r| match r {
            Required::Term(t) => all.get(t).cloned().unwrap_or_default(),
            Required::Prefix(c) => {
                let mut merged: BTreeMap<u32, (u32, bool)> = BTreeMap::new();
                for (_, list) in all.iter().filter(|(t, _)| t.starts_with(*c)) {
                    for &(d, w, title) in list {
                        let e = merged.entry(d).or_default();
                        e.0 += w;
                        e.1 |= title;
                    }
                }
                merged.into_iter().map(|(d, (w, t))| (d, w, t)).collect()
            }
        })
        .collect();
    if lists.is_empty() {
        return Vec::new();
    }
    let words: Vec<Vec<Posting>> = q.words.iter().filter_map(|w| all.get(w).cloned()).collect();
    let score_of = |list: &[Posting], d: u32| -> Option<(f64, bool)> {
        let idf = (1.0 + n / list.len() as f64).ln();
        list.iter()
            .find(|p| p.0 == d)
            .map(|p| (idf * (1.0 + (p.1 as f64).ln()), p.2))
    };
    let mut hits: Vec<(bool, f64, u32)> = Vec::new();
    for &(d, _, _) in &lists[0] {
        let mut score = 0.0;
        let mut in_title = true;
        let mut all_there = true;
        for list in &lists {
            match score_of(list, d) {
                Some((s, t)) => {
                    score += s;
                    in_title &= t;
                }
                None => all_there = false,
            }
        }
        if !all_there {
            continue;
        }
        for list in &words {
            if let Some((s, _)) = score_of(list, d) {
                score += s;
            }
        }
        hits.push((in_title, score, d));
    }
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
    hits.into_iter()
        .map(|(_, _, d)| g.articles[d as usize].article.title.clone())
        .collect()
}
