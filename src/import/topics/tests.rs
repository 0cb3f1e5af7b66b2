//! Topic ranking rules, each with short texts written for the test, plus a run over the raw
//! seed pages when they are present.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::*;
use crate::config::{Config, TopicConfig};

fn gaz() -> &'static Gazetteer {
    static GAZ: OnceLock<Gazetteer> = OnceLock::new();
    GAZ.get_or_init(|| Gazetteer::builtin().unwrap())
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The site's own topics, with the keyword weights editors maintain in `site.toml`.
fn site_taxonomy() -> &'static Taxonomy {
    static TAX: OnceLock<Taxonomy> = OnceLock::new();
    TAX.get_or_init(|| Taxonomy::new(Config::load(&root().join("site.toml")).unwrap().topics))
}

fn classifier() -> &'static Classifier {
    static C: OnceLock<Classifier> = OnceLock::new();
    C.get_or_init(|| Classifier::new(site_taxonomy(), gaz()))
}

fn keys(tax: &Taxonomy, ranked: &[Ranked]) -> Vec<String> {
    ranked
        .iter()
        .map(|r| tax.topics[r.topic].key.clone())
        .collect()
}

fn rank(title: &str, body: &str) -> Vec<String> {
    keys(site_taxonomy(), &classifier().rank(title, body))
}

#[test]
fn site_toml_has_keywords_for_every_topic() {
    for topic in &site_taxonomy().topics {
        assert!(
            topic.keywords.len() >= 20,
            "{} has {} keywords",
            topic.key,
            topic.keywords.len()
        );
    }
}

#[test]
fn each_topic_wins_on_its_own_vocabulary() {
    let cases = [
        (
            "industry",
            "园区共建迎来新签约",
            "两地共建的产业园区新签约项目十二个，涵盖汽车零部件和装备制造，产业链配套进一步完善。",
        ),
        (
            "innovation",
            "联合实验室揭牌",
            "三家高校与企业共建联合实验室，围绕关键技术开展攻关，推动科技成果转化。",
        ),
        (
            "carbon",
            "碳普惠平台上线",
            "市民绿色出行可累计碳减排量，碳普惠积分能兑换公交乘车券，助力低碳生活。",
        ),
        (
            "talent",
            "跨省招聘会举行",
            "招聘会提供岗位两千余个，吸引求职者三千人次，不少高校毕业生现场达成就业意向。",
        ),
    ];
    for (want, title, body) in cases {
        assert_eq!(rank(title, body)[0], want, "{title}");
    }
}

#[test]
fn title_words_outweigh_body_words() {
    let body = "活动现场，多家企业展示了新技术和新产品。";
    assert_eq!(rank("人才招聘会在廊坊举行", body)[0], "talent");
    assert_eq!(rank("科技成果发布会在廊坊举行", body)[0], "innovation");
}

#[test]
fn a_clearly_present_second_topic_is_listed() {
    let ranked = rank(
        "新能源产业园签约",
        "新能源产业园签约落地一批项目，产业链上下游配套企业加快集聚。园区推广光伏发电和储能，\
         推动节能减排与低碳转型，助力碳达峰碳中和，绿色发展成效显著。",
    );
    assert_eq!(ranked.len(), 2, "{ranked:?}");
    assert!(ranked.contains(&"industry".to_string()) && ranked.contains(&"carbon".to_string()));
}

#[test]
fn a_faint_second_topic_is_not_listed() {
    let ranked = rank(
        "汽车零部件项目投产",
        "总投资二十亿元的汽车零部件项目正式投产，将为整车企业配套供应，带动上下游产业链发展。园区还种植了一片绿化带。",
    );
    assert_eq!(ranked, ["industry"]);
}

#[test]
fn text_without_keywords_gets_the_first_topic() {
    let ranked = classifier().rank("", "");
    assert_eq!(ranked.len(), 1);
    assert_eq!(ranked[0].topic, 0);
    assert_eq!(ranked[0].score, 0.0);
    assert!(ranked[0].explain(site_taxonomy()).contains("未命中关键词"));
    assert_eq!(classifier().rank("今天天气", "晴，微风。").len(), 1);
}

#[test]
fn keyword_inside_a_longer_word_counts() {
    let ranked = classifier().rank("", "倡导低碳出行。");
    let carbon = site_taxonomy().get("carbon").unwrap();
    assert_eq!(ranked[0].topic, carbon);
    assert!(
        ranked[0].terms.iter().any(|t| t.word == "低碳"),
        "{:?}",
        ranked[0].terms
    );
}

#[test]
fn repeats_count_less_and_less() {
    let once = classifier().rank("", "招聘。")[0].score;
    let ten = classifier().rank("", &"招聘。".repeat(10))[0].score;
    assert!(ten > once && ten < 5.0 * once, "{once} {ten}");
}

#[test]
fn generic_words_cannot_outvote_a_topics_own_vocabulary() {
    let body = "企业负责人说，项目由多家企业合作推进，项目建成后企业用能成本下降。\
                该项目替代燃煤锅炉，每年减少碳排放约两万吨。";
    assert_eq!(rank("企业合作项目投用", body)[0], "carbon");
}

#[test]
fn generic_words_get_no_title_bonus() {
    let contribution = |title: &str| {
        let ranked = classifier().rank(title, "企业。");
        ranked[0]
            .terms
            .iter()
            .find(|t| t.word == "企业")
            .map_or(0.0, |t| t.contribution)
    };
    let in_title = contribution("企业");
    let in_body_only = classifier().rank("", "企业。企业。")[0].score;
    // Equal but for the length factor, which counts body words only.
    assert!(
        (in_title / in_body_only - 1.0).abs() < 0.01,
        "{in_title} {in_body_only}"
    );
    let specific = classifier().rank("招聘", "招聘。")[0].score;
    let specific_body = classifier().rank("", "招聘。招聘。")[0].score;
    assert!(specific > 1.5 * specific_body, "{specific} {specific_body}");
}

#[test]
fn generic_words_together_are_capped() {
    let few = classifier().rank("", "企业。项目。")[0].score;
    let many = classifier().rank("", &"企业。项目。市场。收入。".repeat(20))[0].score;
    assert!(many < 1.5 * few + 1.0, "{few} {many}");
}

#[test]
fn clean_heating_is_low_carbon() {
    let body = "新建的供热站采用地源热泵和工业余热，替代了燃煤锅炉，\
                每个采暖季可节约标准煤三千吨。小区居民说，清洁取暖后室温更稳定了。";
    assert_eq!(rank("老旧小区告别燃煤供热", body)[0], "carbon");
}

#[test]
fn cultural_businesses_moving_in_are_industry() {
    let body = "老厂房改造成的文化创意园区已有四十家文创企业入驻，涵盖设计、动漫和演艺等业态。\
                园区还与职业学校合作，每年接收学生实习。";
    assert_eq!(rank("文创企业落户老厂房", body)[0], "industry");
}

#[test]
fn explain_lists_terms_with_counts_and_contributions() {
    let ranked = classifier().rank("碳普惠惠及市民", "碳普惠让低碳行为有价值。");
    let line = ranked[0].explain(site_taxonomy());
    assert!(line.starts_with("专题 绿色低碳 "), "{line}");
    assert!(line.contains("碳普惠×2 ("), "{line}");
    assert!(line.contains("、低碳 ("), "{line}");
}

#[test]
fn topics_without_keywords_use_their_name_and_description() {
    let tax = Taxonomy::new(crate::config::default_topics());
    assert!(tax.topics.iter().all(|t| t.keywords.is_empty()));
    let c = Classifier::new(&tax, gaz());
    let key = |title: &str, body: &str| tax.topics[c.rank(title, body)[0].topic].key.clone();
    assert_eq!(key("推进碳普惠", "能源转型与生态共治。"), "carbon");
    assert_eq!(key("人才交流活动举行", "两地人才互认。"), "talent");
    assert_eq!(key("科技成果转化", "创新平台联合攻关。"), "innovation");
    assert_eq!(key("产业转移提速", "园区共建。"), "industry");
}

#[test]
fn bad_weights_are_ignored() {
    let mut topic = TopicConfig {
        key: "x".into(),
        name: "测试".into(),
        description: String::new(),
        keywords: Default::default(),
    };
    topic.keywords.insert("招聘".into(), f64::NAN);
    topic.keywords.insert("岗位".into(), -1.0);
    topic.keywords.insert("就业".into(), 2.0);
    let tax = Taxonomy::new(vec![topic]);
    let c = Classifier::new(&tax, gaz());
    let ranked = c.rank("", "招聘岗位，促进就业。");
    assert_eq!(ranked[0].terms.len(), 1);
    assert!(ranked[0].score.is_finite());
}

#[test]
fn odd_input_does_not_panic() {
    let junk = "\u{0}\u{feff}碳\u{fffd}普惠\u{200b}ＡＢＣ abc 123 \u{10ffff}";
    assert!(!classifier().rank(junk, junk).is_empty());
    let long = "低碳".repeat(20_000);
    assert!(!classifier().rank(&long, &long).is_empty());
}

/// Raw seed pages: `raw/` in the repository, or the shared seeds beside it.
fn seed_pages() -> Vec<PathBuf> {
    let dirs = [root().join("raw"), root().join("../shared/seeds")];
    let mut pages: Vec<PathBuf> = dirs
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    pages.sort();
    pages
}

#[test]
fn every_seed_article_gets_topics() {
    let ctx = crate::import::Context::new(site_taxonomy().clone(), gaz().clone());
    for page in seed_pages() {
        let bytes = std::fs::read(&page).unwrap();
        let text = crate::import::decode::decode(&bytes).unwrap();
        for article in ctx.import_text(&text, "seed", &Default::default()) {
            assert!(
                !article.topics.is_empty(),
                "{}: {}",
                page.display(),
                article.title
            );
        }
    }
}

#[test]
fn a_record_high_is_not_innovation() {
    let ranked = rank(
        "港口吞吐量创新高",
        "集装箱吞吐量再创新高，港口物流企业订单饱满。",
    );
    assert_eq!(ranked, ["industry"]);
    let ranked = classifier().rank("", "销量屡创新高，利润创新高。");
    assert!(
        ranked[0].terms.iter().all(|t| t.word != "创新"),
        "{:?}",
        ranked[0].terms
    );
}

#[test]
fn an_innovation_highland_is_still_innovation() {
    for text in [
        "打造原始创新高地，推动成果转化。",
        "建设科技创新高地，推动成果转化。",
    ] {
        let ranked = classifier().rank("", text);
        assert!(
            ranked[0].terms.iter().any(|t| t.word.contains("创新")),
            "{text}: {:?}",
            ranked[0].terms
        );
    }
}

#[test]
fn a_site_without_topics_gets_none() {
    let c = Classifier::new(&Taxonomy::new(Vec::new()), gaz());
    assert!(c.rank("招聘会", "岗位").is_empty());
}

#[test]
fn random_mixes_of_keywords_and_noise_do_not_panic() {
    let pieces = [
        "创新", "高", "低碳", "出行", "招聘", "，", "。", "\n", "ＡＢ", "5G", "\u{fffd}", "碳",
        "普惠", " ",
    ];
    let mut seed: u64 = 42;
    for _ in 0..300 {
        let mut text = String::new();
        for _ in 0..(seed % 30) {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        let ranked = classifier().rank(&text, &text);
        assert!(!ranked.is_empty());
        assert!(ranked.iter().all(|r| r.score.is_finite()));
    }
}
