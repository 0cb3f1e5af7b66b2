use std::sync::OnceLock;

use super::*;

/// The analyser of the default site.
fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| {
        let tax = Taxonomy::new(crate::config::default_topics());
        Analyzer::new(&tax, &Gazetteer::builtin().unwrap())
    })
}

/// Its segmenter (built once: loading jieba is slow in a debug build).
fn segmenter() -> &'static Segmenter {
    static S: OnceLock<Segmenter> = OnceLock::new();
    S.get_or_init(Segmenter::new)
}

fn terms(text: &str) -> Vec<String> {
    analyzer().term_set(None, text)
}

fn finds(text: &str, q: &str) -> bool {
    query(q).matches(&terms(text))
}

#[test]
fn xiongan_new_area_is_found_by_either_half_and_whole() {
    let doc = "雄安新区启动区建设提速";
    assert!(finds(doc, "雄安"));
    assert!(finds(doc, "新区"));
    assert!(finds(doc, "雄安新区"));
    assert!(!finds(doc, "新安"));
}

#[test]
fn a_place_name_is_also_a_word_of_its_own() {
    let terms = terms("推进雄安新区与通州协同");
    assert!(terms.contains(&"雄安新区".to_string()), "{terms:?}");
    let q = query("雄安新区");
    assert_eq!(q.words_in(&terms), ["雄安新区"]);
}

#[test]
fn tan_puhui_is_found() {
    let doc = "京津冀打造区域碳普惠体系，市民绿色出行可获积分。";
    assert!(finds(doc, "碳普惠"));
    assert!(finds(doc, "普惠"));
    assert!(terms(doc).contains(&"碳普惠".to_string()));
}

#[test]
fn jing_jin_ji_is_found_by_jin_ji() {
    assert!(finds("京津冀协同发展十周年", "津冀"));
    assert!(finds("京津冀协同发展十周年", "京津冀"));
}

#[test]
fn every_query_pair_must_be_present() {
    // 安新 is missing: the two halves alone do not make 雄安新区.
    assert!(!finds("雄安的新区", "雄安新区"));
    assert!(!finds("天津港口", "天津机场"));
}

#[test]
fn punctuation_and_spaces_break_pairs() {
    let terms = terms("北京。天津 河北");
    assert_eq!(terms, ["北京", "天津", "河北"]);
}

#[test]
fn latin_words_and_numbers_are_lower_cased_and_width_folded() {
    let doc = "河北建成5G基站12万个，GDP增长5.4%，ＡＩ产业";
    assert!(finds(doc, "5g"));
    assert!(finds(doc, "５Ｇ"));
    assert!(finds(doc, "gdp"));
    assert!(finds(doc, "GDP 5"));
    assert!(finds(doc, "ai"));
    assert!(finds(doc, "12"));
    assert!(!finds(doc, "13"));
    let t = terms(doc);
    assert!(t.contains(&"5g".to_string()) && t.contains(&"4".to_string()));
}

#[test]
fn a_traditional_query_finds_simplified_text() {
    assert!(finds("雄安新区启动区建设提速", "雄安新區"));
    assert!(finds("京津冀产业转移稳步推进", "產業轉移"));
    assert!(finds("京津冀打造区域碳普惠体系", "碳普惠體系"));
    assert_eq!(
        query("產業").required,
        [Required::Term("产业".into())],
        "the query is simplified before it is split"
    );
}

#[test]
fn one_character_finds_the_pairs_it_starts() {
    assert_eq!(query("碳").required, [Required::Prefix('碳')]);
    assert!(finds("力争实现碳达峰", "碳"));
    assert!(!finds("力争实现达峰", "碳"));
}

#[test]
fn query_lists_pairs_then_candidate_words_once() {
    let q = query("雄安新区 雄安");
    assert_eq!(
        q.required,
        [
            Required::Term("雄安".into()),
            Required::Term("安新".into()),
            Required::Term("新区".into()),
        ]
    );
    assert_eq!(q.words, ["雄安新", "安新区", "雄安新区"]);
}

#[test]
fn an_empty_or_punctuation_query_matches_nothing() {
    assert!(query("，。 ！").required.is_empty());
    assert!(!finds("京津冀", "，"));
}

#[test]
fn the_segmenter_adds_general_dictionary_words() {
    let plain = terms("推动高质量发展");
    let segmented = analyzer().term_set(Some(segmenter()), "推动高质量发展");
    assert!(!plain.contains(&"高质量".to_string()));
    assert!(segmented.contains(&"高质量".to_string()), "{segmented:?}");
}

#[test]
fn the_segmenter_leaves_user_words_to_the_analyser() {
    let mut words = Vec::new();
    segmenter().words(analyzer(), "雄安新区高质量发展", &mut |t| {
        words.push(t.text())
    });
    assert!(!words.contains(&"雄安新区".to_string()), "{words:?}");
}

#[test]
fn terms_come_in_text_order_and_the_same_every_time() {
    let text = "雄安新区与通州、天津滨海新区共建5G实验室";
    let collect = |a: &Analyzer| {
        let mut v = Vec::new();
        a.terms(text, &mut |t| v.push(t.text()));
        v
    };
    let first = collect(analyzer());
    let tax = Taxonomy::new(crate::config::default_topics());
    let again = Analyzer::new(&tax, &Gazetteer::builtin().unwrap());
    assert_eq!(first, collect(&again));
    assert_eq!(first[..3], ["雄安", "雄安新区", "安新"]);
}

#[test]
fn user_words_need_three_to_ten_cjk_characters() {
    let a = Analyzer::with_words(["碳普惠", "京津", "5G基站", "北京经济技术开发区"]);
    assert_eq!(a.term_set(None, "碳普惠"), ["普惠", "碳普", "碳普惠"]);
    assert!(a
        .term_set(None, "北京经济技术开发区")
        .contains(&"北京经济技术开发区".to_string()));
    assert!(!a.term_set(None, "5G基站").contains(&"5G基站".to_string()));
}
