use super::*;

fn s(line: &str) -> String {
    strip(line).into_owned()
}

fn spot(text: &str) -> String {
    format!("{SPOT_START}{text}{SPOT_END}")
}

#[test]
fn single_syllable_after_a_character_is_removed() {
    assert_eq!(s("積極(jí)推進"), "積極推進");
}

#[test]
fn full_width_parentheses_are_recognised() {
    assert_eq!(s("綠（lǜ）色發展"), "綠色發展");
}

#[test]
fn mixed_parentheses_are_recognised() {
    assert_eq!(s("綠(lǜ）色"), "綠色");
}

#[test]
fn consecutive_annotations_are_all_removed() {
    assert_eq!(s("環(huán)境(jìng)保護(hù)"), "環境保護");
}

#[test]
fn annotation_inside_real_parentheses_is_removed() {
    assert_eq!(s("省發(改(gǎi))委"), "省發(改)委");
}

#[test]
fn space_separated_syllables_match_the_characters_before() {
    assert_eq!(s("協同(xié tóng)推進"), "協同推進");
}

#[test]
fn spaces_inside_the_parentheses_are_allowed() {
    assert_eq!(s("準( zhǔn )確"), "準確");
}

#[test]
fn any_reading_of_a_heteronym_matches() {
    assert_eq!(s("銀行(háng)"), "銀行");
    assert_eq!(s("行(xíng)動"), "行動");
    assert_eq!(s("長(zhǎng)大"), "長大");
}

#[test]
fn u_umlaut_and_v_spellings_match() {
    assert_eq!(s("女(nǚ)士"), "女士");
    assert_eq!(s("旅(lǚ)游"), "旅游");
}

#[test]
fn toneless_syllables_are_not_annotations() {
    for line in ["我的(de)书", "好吗(ma)", "方案(a)"] {
        assert_eq!(s(line), line);
    }
}

#[test]
fn acronyms_numbers_names_and_words_are_untouched() {
    for line in [
        "居民消费价格(CPI)上涨",
        "报告(2023)显示",
        "（记者 张三）",
        "百度(Apollo)平台",
        "咖啡馆(café)开业",
    ] {
        assert_eq!(s(line), line);
    }
}

#[test]
fn capitalised_pinyin_is_untouched() {
    assert_eq!(s("北京(Běijīng)"), "北京(Běijīng)");
}

#[test]
fn syllables_run_together_are_untouched() {
    assert_eq!(s("协同(xiétóng)"), "协同(xiétóng)");
}

#[test]
fn annotation_after_latin_text_is_untouched() {
    assert_eq!(s("abc(wù)"), "abc(wù)");
}

#[test]
fn annotation_at_line_start_is_untouched() {
    assert_eq!(s("(wù)开头"), "(wù)开头");
}

#[test]
fn mismatched_annotation_marks_a_garbled_spot() {
    assert_eq!(
        s("落實“兩!比蛹(wù)要求"),
        format!("落實“{}要求", spot("兩!比蛹(wù)"))
    );
}

#[test]
fn garbled_spot_reaches_back_three_characters_at_most() {
    assert_eq!(
        s("我們要求比蝿(wù)"),
        format!("我們{}", spot("要求比蝿(wù)"))
    );
}

#[test]
fn garbled_spot_stops_at_whitespace() {
    assert_eq!(s("推進 比蝿(wù)"), format!("推進 {}", spot("比蝿(wù)")));
}

#[test]
fn mismatch_without_other_damage_is_taken_as_a_reading() {
    assert_eq!(s("他們(wù)來了"), "他們來了");
}

#[test]
fn regional_readings_of_place_names_match() {
    assert_eq!(s("樂亭縣(xiàn)和乐(lào)亭"), "樂亭縣和乐亭");
}

#[test]
fn mismatch_next_to_a_variant_character_is_a_spot() {
    assert_eq!(s("推進蝿(wù)"), spot("推進蝿(wù)"));
}

#[test]
fn mismatched_syllable_lists_are_left_alone() {
    assert_eq!(s("發展(xié tóng)"), "發展(xié tóng)");
}

#[test]
fn invalid_syllables_are_left_alone() {
    assert_eq!(s("發展(wòx)"), "發展(wòx)");
}

#[test]
fn matches_and_mismatches_mix_in_one_line() {
    assert_eq!(
        s("產(chǎn)品比蝿(wù)業(yè)"),
        format!("產{}業", spot("品比蝿(wù)"))
    );
}

#[test]
fn unclosed_parenthesis_is_harmless() {
    assert_eq!(s("推進(jìn"), "推進(jìn");
    assert_eq!(s("（"), "（");
}

#[test]
fn overlong_content_is_not_read() {
    let line = format!("發({})", "ā ".repeat(40));
    assert_eq!(s(&line), line);
}

#[test]
fn lines_without_parentheses_are_borrowed() {
    assert!(matches!(strip("京津冀协同发展"), Cow::Borrowed(_)));
    assert!(matches!(strip("报告(2023)"), Cow::Borrowed(_)));
}

#[test]
fn mismatches_reports_byte_ranges() {
    let line = "落實“兩!比蛹(wù)要求";
    let found = mismatches(line);
    assert_eq!(found.len(), 1);
    assert_eq!(&line[found[0].clone()], "兩!比蛹(wù)");
}

#[test]
fn mismatches_ignores_matching_annotations() {
    assert!(mismatches("精準(zhǔn)").is_empty());
    assert!(mismatches("没有括号").is_empty());
}

#[test]
fn syllable_table_knows_real_syllables() {
    for p in ["zhun", "a", "lü", "xiong", "er"] {
        assert!(is_syllable(p), "{p}");
    }
    for p in ["caf", "wox", "bv"] {
        assert!(!is_syllable(p), "{p}");
    }
}
