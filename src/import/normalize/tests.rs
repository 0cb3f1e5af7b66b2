use super::*;

/// Clean simplified text with the features pages have: blank lines, indentation, full-width
/// punctuation, numbers, dates, Latin, a URL and characters that t2s would touch in a
/// traditional page (乾隆, 瞭望, 於, 著名, 后/里/发/干).
const CLEAN: &str = "\
瞭望京津冀

　　本报记者 王晓明 通讯员 李红
2024年4月18日 星期四 14:39:36
乾隆年间修建的古桥旁，干部们头发花白，后来在三公里外的村里继续工作。
於姓村民说：“台湾、沧州、张家口、涿州的客商都来了。”著名企业投资1,200亿元，增长3.5%。
详见 https://www.example.cn/a?b=1 （完）

";

#[test]
fn clean_simplified_text_is_byte_identical() {
    assert_eq!(normalize(CLEAN), CLEAN);
}

#[test]
fn empty_text_stays_empty() {
    assert_eq!(normalize(""), "");
}

#[test]
fn blank_lines_are_kept() {
    assert_eq!(normalize("\n\n\n"), "\n\n\n");
    assert_eq!(normalize("甲\n\n乙\n"), "甲\n\n乙\n");
}

#[test]
fn missing_final_newline_stays_missing() {
    assert_eq!(normalize("甲\n乙"), "甲\n乙");
}

#[test]
fn line_endings_become_newlines() {
    assert_eq!(
        normalize("甲\r\n乙\r丙\u{2028}丁\u{2029}戊\u{85}己"),
        "甲\n乙\n丙\n丁\n戊\n己"
    );
}

#[test]
fn crlf_blank_lines_are_kept() {
    assert_eq!(normalize("甲\r\n\r\n乙\r\n"), "甲\n\n乙\n");
}

#[test]
fn line_count_never_changes() {
    let text = "一,二\n\n\"三\"\r\n(四)\u{3000}\n   \n產(chǎn)業\n";
    assert_eq!(normalize(text).lines().count(), text.lines().count());
}

#[test]
fn zero_width_characters_are_removed() {
    assert_eq!(
        normalize("协\u{200B}同\u{FEFF}发\u{200D}展\u{00AD}"),
        "协同发展"
    );
}

#[test]
fn trailing_spaces_are_cut_and_indentation_kept() {
    assert_eq!(
        normalize("\u{3000}\u{3000}正文\u{a0} \u{3000}\n下一段 "),
        "\u{3000}\u{3000}正文\n下一段"
    );
}

#[test]
fn traditional_page_is_simplified_with_annotations_removed() {
    let page = "天津積極(jí)推進(jìn)綠色(sè)發展,成效顯著\n張家口與滄州攜手合作";
    assert_eq!(
        normalize(page),
        "天津积极推进绿色发展，成效显著\n张家口与沧州携手合作"
    );
}

#[test]
fn annotations_are_removed_from_simplified_text_too() {
    assert_eq!(normalize("协(xié)同发展"), "协同发展");
}

#[test]
fn garbled_spot_survives_and_is_found_afterwards() {
    let page = "各地結合“兩!比蛹(wù),推進工作\n河北省推進產業轉移";
    let out = normalize(page);
    assert_eq!(out, "各地结合“两!比蛹(wù)，推进工作\n河北省推进产业转移");
    assert_eq!(garbled_spots(&out), vec!["两!比蛹(wù)"]);
}

#[test]
fn clean_page_has_no_garbled_spots() {
    assert!(garbled_spots(&normalize(CLEAN)).is_empty());
}

#[test]
fn half_width_punctuation_of_a_transcript_is_made_chinese() {
    let page = "记者 李明:\n我们紧紧扭住\"牛鼻子\",推动产业协作(京津冀)!\n";
    assert_eq!(
        normalize(page),
        "记者 李明：\n我们紧紧扭住“牛鼻子”，推动产业协作（京津冀）！\n"
    );
}

#[test]
fn spot_markers_in_the_input_cannot_pass_as_markers() {
    let out = normalize("甲\u{FDD0}乙,丙\u{FDD1}丁");
    assert_eq!(out, "甲\u{FFFD}乙，丙\u{FFFD}丁");
    assert_eq!(garbled_spots(&out).len(), 1);
}

#[test]
fn odd_unicode_does_not_panic() {
    let samples = [
        "\u{0301}\u{0301}(\u{0301})",
        "((((((((",
        "))))\"\"\"",
        "(ā)(ā)(ā)",
        "中(ā",
        "\u{10FFFF}\u{E000}中,\u{FFFF}",
        "👨\u{200D}👩\u{200D}👧,家庭",
        "\r\r\n\n\r",
        "\u{2028}\u{2029}\u{85}",
    ];
    for s in samples {
        let out = normalize(s);
        assert_eq!(
            out.matches('\n').count(),
            normalize(&out).matches('\n').count()
        );
    }
}

#[test]
fn lossy_binary_input_does_not_panic() {
    let bytes: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    let text = String::from_utf8_lossy(&bytes);
    let out = normalize(&text);
    let _ = garbled_spots(&out);
}

#[test]
fn normalizing_twice_changes_nothing_more() {
    let page = "天津積極(jí)推進(jìn),成效\"顯著\"\n\n记者:王明 ";
    let once = normalize(page);
    assert_eq!(normalize(&once), once);
}

#[test]
fn pathological_lines_stay_linear() {
    // Deep nesting, long runs of marks and of spaces: each would be quadratic if scanned naively.
    let nested = format!("中{}文{}", "(".repeat(100_000), ")".repeat(100_000));
    assert_eq!(
        normalize(&nested).chars().filter(|&c| c == '（').count(),
        100_000
    );
    let marks = "中, ".repeat(50_000);
    assert!(normalize(&marks).starts_with("中，中，"));
    let annotations = "發(fā)".repeat(50_000);
    assert_eq!(normalize(&annotations), "发".repeat(50_000));
}
