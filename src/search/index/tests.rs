use super::*;
use crate::search::testing::{postings, search, site, terms, Doc};

fn sample() -> crate::search::testing::TestSite {
    site(&[
        Doc(
            "carbon",
            "puhui",
            "2024-05-01",
            &["beijing", "tianjin", "hebei"],
            "京津冀打造区域碳普惠体系",
            "三地共建碳普惠平台，市民绿色出行可获积分。",
        ),
        Doc(
            "carbon",
            "chuxing",
            "2024-06-01",
            &["beijing"],
            "北京绿色出行积分上线",
            "市民乘坐公交可以积累碳普惠积分，兑换奖励。碳普惠在北京推开。",
        ),
        Doc(
            "industry",
            "xiongan",
            "2024-04-01",
            &["xiongan"],
            "雄安新区承接产业转移",
            "雄安新区新落地一批高端产业项目，5G网络全覆盖。",
        ),
        Doc(
            "talent",
            "rencai",
            "2024-03-01",
            &["tianjin"],
            "天津人才引进新政",
            "天津发布人才新政，京津冀人才互认。",
        ),
    ])
}

#[test]
fn postings_list_the_articles_with_a_term_newest_first() {
    let s = sample();
    let t = terms(&s.graph);
    let docs = |term: &str| -> Vec<String> {
        t[term]
            .iter()
            .map(|p| s.graph.articles[p.0 as usize].article.title.clone())
            .collect()
    };
    assert_eq!(
        docs("碳普惠"),
        ["北京绿色出行积分上线", "京津冀打造区域碳普惠体系"]
    );
    assert_eq!(docs("雄安新区"), ["雄安新区承接产业转移"]);
    assert_eq!(docs("5g"), ["雄安新区承接产业转移"]);
}

#[test]
fn title_terms_carry_the_flag_and_weigh_most() {
    let s = sample();
    let t = terms(&s.graph);
    let puhui = &t["碳普惠"];
    let title = puhui
        .iter()
        .find(|p| p.2)
        .expect("one article has it in the title");
    let body = puhui
        .iter()
        .find(|p| !p.2)
        .expect("one has it in the body only");
    assert_eq!(title.1, TITLE + BODY);
    assert_eq!(body.1, 2 * BODY, "it is said twice in that body");
}

#[test]
fn place_and_topic_names_are_indexed_as_labels() {
    let s = sample();
    let t = terms(&s.graph);
    // 人才交流 is the topic of the 天津 article; 交流 appears nowhere in its text.
    let talent = s
        .graph
        .articles
        .iter()
        .position(|a| a.article.title == "天津人才引进新政")
        .unwrap() as u32;
    assert_eq!(t["交流"], vec![(talent, LABELS, false)]);
}

#[test]
fn title_matches_rank_first() {
    let s = sample();
    assert_eq!(
        search(&s.graph, "碳普惠"),
        ["京津冀打造区域碳普惠体系", "北京绿色出行积分上线"]
    );
    assert_eq!(search(&s.graph, "人才"), ["天津人才引进新政"]);
    assert!(search(&s.graph, "自动驾驶").is_empty());
}

#[test]
fn the_index_is_the_same_whatever_the_number_of_threads() {
    // Enough articles for several ranges, so that joining them is exercised.
    let bodies: Vec<String> = (0..300)
        .map(|i| format!("第{i}篇：京津冀协同发展，雄安新区建设，碳普惠推广，编号{i}。"))
        .collect();
    let files: Vec<String> = (0..300).map(|i| format!("a{i:03}")).collect();
    let docs: Vec<Doc> = (0..300)
        .map(|i| {
            Doc(
                "carbon",
                &files[i],
                "2024-05-01",
                &["hebei"],
                "协同报道",
                &bodies[i],
            )
        })
        .collect();
    let s = site(&docs);
    let an = Analyzer::new(&s.tax, &s.gaz);
    let with = |threads| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let mut e = pool.install(|| build(&an, &s.tax, &s.gaz, &s.graph));
        sort(&mut e);
        e
    };
    let one = with(1);
    assert_eq!(one, with(3));
    let xiongan = one.iter().find(|e| e.term == "雄安新区").unwrap();
    assert_eq!(xiongan.docs, 300);
    assert_eq!(postings(&xiongan.postings).len(), 300);
    assert!(one
        .windows(2)
        .all(|w| utf16_cmp(&w[0].term, &w[1].term).is_lt()));
}

#[test]
fn utf16_order_puts_supplementary_characters_before_the_high_bmp() {
    // As JavaScript compares: a surrogate (U+D800…) is below U+FF01.
    assert!(utf16_cmp("𠀀", "！").is_lt());
    assert!("𠀀" > "！");
}
