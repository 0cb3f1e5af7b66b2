//! Full-text search without a server: an index of every article written as static files that
//! `themes/<theme>/static/js/search.js` loads on demand, and the `/search/` page.
//!
//! The build ([`attach`], after the site graph) analyses every article ([`analyze`]: character
//! pairs, dictionary words, Latin words), inverts the terms into posting lists ([`index`]) and
//! splits the sorted term list into shards ([`shard`]). The files are [`crate::site::Output`]s
//! like every page, so `build` and `serve` write them through the same pipeline:
//!
//! | file | what |
//! |---|---|
//! | `search/index.html` | the search page (template `search.html`) |
//! | `search/index/manifest.json` | version, article count, each shard's first term, topics, places, the traditional characters |
//! | `search/index/shard/<n>.json` | terms and posting lists |
//! | `search/index/docs/<n>.json` | the article table in blocks: link, title, date, topics, places ([`docs`]) |
//! | `search/index/topic/<key>.json`, `search/index/region/<key>.json` | filter lists |
//! | `search/index/t2s.json` | traditional → simplified characters for queries ([`t2s`]) |
//!
//! `docs/search.md` describes the formats and the ranking the browser applies.

pub mod analyze;
pub mod docs;
pub mod encode;
pub mod hash;
pub mod index;
pub mod plain;
pub mod shard;
pub mod t2s;
#[cfg(test)]
mod testing;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::gazetteer::{Gazetteer, RegionId};
use crate::site::{Output, SiteGraph};
use crate::taxonomy::{Taxonomy, TopicId};

/// Version of the file formats, in the manifest; `search.js` refuses others.
pub const FORMAT: u32 = 1;

/// The folder of the index files under the site.
const DIR: &str = "search/index/";

/// The built index: what the data files need beyond the site graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchIndex {
    /// The manifest file's text.
    pub manifest: String,
    /// Each shard file's text.
    pub shards: Vec<String>,
    /// The places with articles, in manifest order (sorted); article files refer to them by
    /// position.
    pub regions: Vec<RegionId>,
    /// Sizes, for reports.
    pub stats: Stats,
}

/// Figures of an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stats {
    /// Distinct terms.
    pub terms: usize,
    /// Term–article pairs.
    pub postings: usize,
    /// Bytes of all shards.
    pub shard_bytes: usize,
    /// Bytes of the largest shard.
    pub largest_shard: usize,
}

/// One data file of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum File {
    /// `manifest.json`
    Manifest,
    /// `shard/<n>.json`
    Shard(usize),
    /// `docs/<n>.json`, block `n` of the article table.
    Docs(usize),
    /// `topic/<key>.json`
    Topic(TopicId),
    /// `region/<key path>.json`
    Region(RegionId),
    /// `t2s.json`
    T2s,
}

impl File {
    /// Its path under the output directory.
    pub fn path(&self, tax: &Taxonomy, gaz: &Gazetteer) -> String {
        match self {
            File::Manifest => format!("{DIR}manifest.json"),
            File::Shard(n) => format!("{DIR}shard/{n}.json"),
            File::Docs(n) => format!("{DIR}docs/{n}.json"),
            File::Topic(t) => format!("{DIR}topic/{}.json", tax.topics[*t].key),
            File::Region(r) => format!("{DIR}region/{}.json", gaz.get(*r).key),
            File::T2s => format!("{DIR}t2s.json"),
        }
    }
}

/// Indexes the articles of `g` again (after [`SiteGraph::patch`] changed some), replacing its
/// search outputs.
pub fn reattach(g: &mut SiteGraph, cfg: &Config, tax: &Taxonomy, gaz: &Gazetteer) {
    g.outputs
        .retain(|o| !matches!(o, Output::SearchPage | Output::Search(_)));
    g.search = None;
    attach(g, cfg, tax, gaz);
}

/// Indexes the articles of `g` and adds the search page and the index files to its outputs.
pub fn attach(g: &mut SiteGraph, cfg: &Config, tax: &Taxonomy, gaz: &Gazetteer) {
    let analyzer = analyze::Analyzer::new(tax, gaz);
    // jieba's dictionary (and the traditional-character table) load on one thread while the
    // bodies are indexed on the others.
    let graph: &SiteGraph = g;
    let (mut entries, titles) = rayon::join(
        || index::build(&analyzer, tax, gaz, graph),
        || {
            t2s::table();
            let seg = analyze::Segmenter::new();
            index::titles(&seg, &analyzer, graph)
        },
    );
    entries.extend(titles);
    index::sort(&mut entries);
    let shards = shard::pack(&entries, shard::TARGET_BYTES);
    let regions: Vec<RegionId> = g.regions.keys().copied().collect();
    let stats = Stats {
        terms: entries.len(),
        postings: entries.iter().map(|e| e.docs as usize).sum(),
        shard_bytes: shards.iter().map(|s| s.json.len()).sum(),
        largest_shard: shards.iter().map(|s| s.json.len()).max().unwrap_or(0),
    };
    let manifest = manifest(cfg, tax, gaz, g, &shards, &regions);
    g.outputs.push(Output::SearchPage);
    g.outputs.push(Output::Search(File::Manifest));
    g.outputs
        .extend((0..shards.len()).map(|n| Output::Search(File::Shard(n))));
    g.outputs
        .extend((0..docs::blocks(g.articles.len())).map(|n| Output::Search(File::Docs(n))));
    // Every topic is offered as a filter, so every topic has a file, empty or not.
    g.outputs
        .extend((0..tax.topics.len()).map(|t| Output::Search(File::Topic(t))));
    g.outputs
        .extend(regions.iter().map(|&r| Output::Search(File::Region(r))));
    g.outputs.push(Output::Search(File::T2s));
    g.search = Some(Box::new(SearchIndex {
        manifest,
        shards: shards.into_iter().map(|s| s.json).collect(),
        regions,
        stats,
    }));
}

/// The bytes of a data file.
pub fn render(g: &SiteGraph, file: &File) -> Vec<u8> {
    let Some(ix) = g.search.as_deref() else {
        return Vec::new();
    };
    match *file {
        File::Manifest => ix.manifest.clone().into_bytes(),
        File::Shard(n) => ix.shards.get(n).cloned().unwrap_or_default().into_bytes(),
        File::Docs(b) => docs::block(g, &ix.regions, b).into_bytes(),
        File::Topic(t) => docs::filter(&g.topics[t]).into_bytes(),
        File::Region(r) => {
            docs::filter(g.regions.get(&r).map_or(&[][..], |n| &n.articles)).into_bytes()
        }
        File::T2s => t2s::table().json().into_bytes(),
    }
}

#[derive(Serialize)]
struct Link<'a> {
    key: &'a str,
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct Manifest<'a> {
    format: u32,
    version: String,
    base: &'a str,
    docs: usize,
    block: usize,
    shards: Vec<&'a str>,
    topics: Vec<Link<'a>>,
    regions: Vec<Link<'a>>,
    t2s: String,
}

fn manifest(
    cfg: &Config,
    tax: &Taxonomy,
    gaz: &Gazetteer,
    g: &SiteGraph,
    shards: &[shard::Shard],
    regions: &[RegionId],
) -> String {
    use crate::site::outputs::{region_path, topic_path};
    // The version changes with anything a result shows, so browsers never mix files of two builds.
    let mut h = hash::Fnv::default();
    let shard_hashes: Vec<u64> = shards
        .par_iter()
        .map(|s| {
            let mut fx = hash::FxHasher::default();
            std::hash::Hasher::write(&mut fx, s.json.as_bytes());
            std::hash::Hasher::finish(&fx)
        })
        .collect();
    for x in shard_hashes {
        h.add(&x.to_le_bytes());
    }
    for a in &g.articles {
        h.add(a.path.as_bytes());
        h.add(a.article.title.as_bytes());
        h.add(&a.article.date.timestamp().to_le_bytes());
        h.add(&(a.article.body.html.len() as u64).to_le_bytes());
        for &t in &a.labels.topics {
            h.add(&(t as u64).to_le_bytes());
        }
        for r in &a.labels.regions {
            h.add(&u64::from(r.0).to_le_bytes());
        }
    }
    h.add(cfg.base_url.as_bytes());
    let m = Manifest {
        format: FORMAT,
        version: format!("{:016x}", h.0),
        base: cfg.base_path(),
        docs: g.articles.len(),
        block: docs::BLOCK,
        shards: shards.iter().map(|s| s.first.as_str()).collect(),
        topics: tax
            .topics
            .iter()
            .enumerate()
            .map(|(t, topic)| Link {
                key: &topic.key,
                name: &topic.name,
                url: cfg.url(&topic_path(tax, t)),
            })
            .collect(),
        regions: regions
            .iter()
            .map(|&r| Link {
                key: &gaz.get(r).key,
                name: &gaz.get(r).name,
                url: cfg.url(&region_path(tax, gaz, r, None)),
            })
            .collect(),
        t2s: t2s::table().trigger(),
    };
    serde_json::to_string(&m).expect("the manifest serialises")
}

/// The data files a search manifest refers to, relative to the manifest (`shard/0.json`, …), or
/// `None` when `text` is not a manifest of this format. `search.js` fetches only these, so link
/// checkers can follow them.
pub fn manifest_files(text: &str) -> Option<Vec<String>> {
    let m: serde_json::Value = serde_json::from_str(text).ok()?;
    if m.get("format")?.as_u64()? != u64::from(FORMAT) {
        return None;
    }
    let count = |k: &str| m.get(k).and_then(serde_json::Value::as_u64);
    let keys = |k: &str| -> Option<Vec<String>> {
        m.get(k)?
            .as_array()?
            .iter()
            .map(|l| l.get("key")?.as_str().map(String::from))
            .collect()
    };
    let shards = m.get("shards")?.as_array()?.len();
    let blocks = count("docs")?.div_ceil(count("block")?.max(1));
    let mut files: Vec<String> = (0..shards).map(|n| format!("shard/{n}.json")).collect();
    files.extend((0..blocks).map(|n| format!("docs/{n}.json")));
    files.extend(keys("topics")?.iter().map(|k| format!("topic/{k}.json")));
    files.extend(keys("regions")?.iter().map(|k| format!("region/{k}.json")));
    files.push("t2s.json".into());
    Some(files)
}

/// What the search page template sees as `search` (see `docs/templates.md`).
#[derive(Debug, Clone, Serialize)]
pub struct PageValue {
    /// URL of the manifest.
    pub index_url: String,
    /// URL of the script.
    pub script_url: String,
    /// The places with articles in tree order, for the place filter.
    pub regions: Vec<RegionOption>,
}

/// A place in the filter list.
#[derive(Debug, Clone, Serialize)]
pub struct RegionOption {
    /// Gazetteer key (`hebei/cangzhou`), the value of `region=` in the URL.
    pub key: String,
    /// Short name (`沧州`).
    pub name: String,
    /// Official name (`沧州市`).
    pub full_name: String,
    /// 0 for a province-level place, 1 below it, …
    pub depth: usize,
    /// `full_name` indented by `depth` ideographic spaces, for a `<select>`.
    pub label: String,
}

/// The search page's `search` value.
pub fn page_value(cfg: &Config, gaz: &Gazetteer, g: &SiteGraph) -> PageValue {
    let mut regions = Vec::new();
    let mut stack: Vec<(RegionId, usize)> = gaz
        .roots()
        .iter()
        .rev()
        .filter(|r| g.regions.contains_key(r))
        .map(|&r| (r, 0))
        .collect();
    while let Some((r, depth)) = stack.pop() {
        let region = gaz.get(r);
        regions.push(RegionOption {
            key: region.key.clone(),
            name: region.name.clone(),
            full_name: region.full_name.clone(),
            depth,
            label: format!("{}{}", "\u{3000}".repeat(depth), region.full_name),
        });
        stack.extend(
            gaz.children(r)
                .iter()
                .rev()
                .filter(|c| g.regions.contains_key(c))
                .map(|&c| (c, depth + 1)),
        );
    }
    PageValue {
        index_url: cfg.url(&format!("{DIR}manifest.json")),
        script_url: cfg.url("js/search.js"),
        regions,
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{site, Doc};
    use super::*;

    fn sample() -> testing::TestSite {
        site(&[
            Doc(
                "carbon",
                "puhui",
                "2024-05-01",
                &["beijing", "hebei"],
                "京津冀打造区域碳普惠体系",
                "碳普惠。",
            ),
            Doc(
                "talent",
                "hejian",
                "2024-06-01",
                &["hejian"],
                "河间职教生赴津实训",
                "职业教育。",
            ),
        ])
    }

    fn json(g: &SiteGraph, f: File) -> serde_json::Value {
        serde_json::from_slice(&render(g, &f)).unwrap()
    }

    #[test]
    fn the_manifest_describes_the_index() {
        let s = sample();
        let m = json(&s.graph, File::Manifest);
        assert_eq!(m["format"], FORMAT);
        assert_eq!(m["base"], "/xt/");
        assert_eq!(m["docs"], 2);
        assert_eq!(m["block"], docs::BLOCK);
        assert_eq!(
            m["shards"].as_array().unwrap().len(),
            1,
            "a small site has one shard"
        );
        assert_eq!(m["topics"][2]["url"], "/xt/topics/carbon/");
        let regions: Vec<&str> = m["regions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["key"].as_str().unwrap())
            .collect();
        assert!(regions.contains(&"hebei/cangzhou/hejian") && regions.contains(&"hebei/cangzhou"));
        assert_eq!(m["version"].as_str().unwrap().len(), 16);
    }

    #[test]
    fn the_manifest_names_exactly_the_data_files_written() {
        let s = sample();
        let manifest = String::from_utf8(render(&s.graph, &File::Manifest)).unwrap();
        let mut named: Vec<String> = manifest_files(&manifest)
            .unwrap()
            .into_iter()
            .map(|f| format!("{DIR}{f}"))
            .collect();
        let mut written: Vec<String> = s
            .graph
            .outputs
            .iter()
            .filter_map(|o| match o {
                Output::Search(f) if *f != File::Manifest => Some(f.path(&s.tax, &s.gaz)),
                _ => None,
            })
            .collect();
        named.sort();
        written.sort();
        assert_eq!(named, written);
        assert_eq!(manifest_files("{\"format\": 999}"), None);
        assert_eq!(manifest_files("not json"), None);
    }

    #[test]
    fn the_article_table_gives_path_title_date_topics_and_places() {
        let s = sample();
        let rows = json(&s.graph, File::Docs(0));
        let m = json(&s.graph, File::Manifest);
        assert_eq!(rows[0][0], "talent/hejian/");
        assert_eq!(rows[0][1], "河间职教生赴津实训");
        assert_eq!(rows[0][2], "2024-06-01");
        assert_eq!(
            m["topics"][rows[0][3][0].as_u64().unwrap() as usize]["key"],
            "talent"
        );
        let place = rows[0][4][0].as_u64().unwrap() as usize;
        assert_eq!(m["regions"][place]["name"], "河间");
    }

    #[test]
    fn region_filters_roll_up_to_the_places_above() {
        let s = sample();
        let cangzhou = s.gaz.resolve("cangzhou").unwrap();
        let hebei = s.gaz.resolve("hebei").unwrap();
        assert_eq!(json(&s.graph, File::Region(cangzhou))["docs"], "0");
        assert_eq!(json(&s.graph, File::Region(hebei))["docs"], "00");
        let talent = s.tax.get("talent").unwrap();
        assert_eq!(json(&s.graph, File::Topic(talent))["docs"], "0");
    }

    #[test]
    fn every_data_file_is_an_output_with_its_own_path() {
        let s = sample();
        let files: Vec<String> = s
            .graph
            .outputs
            .iter()
            .filter(|o| matches!(o, Output::Search(_) | Output::SearchPage))
            .map(|o| o.file(&s.graph, &s.tax, &s.gaz))
            .collect();
        for f in [
            "search/index.html",
            "search/index/manifest.json",
            "search/index/shard/0.json",
            "search/index/docs/0.json",
            "search/index/topic/carbon.json",
            "search/index/region/hebei/cangzhou/hejian.json",
            "search/index/t2s.json",
        ] {
            assert!(files.contains(&f.to_string()), "{f} missing from {files:?}");
        }
        let mut unique = files.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), files.len());
    }

    #[test]
    fn the_search_page_lists_places_as_a_tree() {
        let s = sample();
        let v = page_value(&s.config, &s.gaz, &s.graph);
        let labels: Vec<&str> = v.regions.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "北京市",
                "河北省",
                "\u{3000}沧州市",
                "\u{3000}\u{3000}河间市"
            ]
        );
        assert_eq!(v.index_url, "/xt/search/index/manifest.json");
    }

    #[test]
    fn two_builds_write_the_same_files() {
        let (a, b) = (sample(), sample());
        assert_eq!(a.graph.search, b.graph.search);
        for o in &a.graph.outputs {
            if let Output::Search(f) = o {
                assert_eq!(render(&a.graph, f), render(&b.graph, f), "{f:?}");
            }
        }
    }
}
