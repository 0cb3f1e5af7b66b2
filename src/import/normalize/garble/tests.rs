use super::*;

/// Clean news-style text in the house's own words: names with uncommon characters, numbers,
/// Latin, symbols and full-width punctuation. None of it may be reported.
const CLEAN: &str = "\
本报讯（记者 王喆 通讯员 张堃）日前，京津冀三地在廊坊签署协议，总投资约56.7亿元。
中国工程院院士邬贺铨表示，5G+工业互联网正在加速落地，α粒子探测器和β射线设备已投入使用。
气温最低-3℃，湿度45%，PM2.5浓度为35μg/m³；详见 https://www.example.cn/a?id=1 。
①加强统筹；②优化服务；③完善机制。项目总投资1,200亿元，时间为2024—2026年。
“通武廊”人才一体化发展示范区吸引了“85后”“90后”青年，ARM架构服务器已量产。
天津市南开区、河北省沧州市泊头市、北京市丰台区的企业代表参加了对接会。
记者：张三丰；编辑：李四；责编：王五。（完）
";

#[test]
fn clean_text_has_no_spots() {
    assert_eq!(garbled_spots(CLEAN), Vec::<String>::new());
}

#[test]
fn empty_text_has_no_spots() {
    assert!(garbled_spots("").is_empty());
    assert!(garbled_spots("\n\n").is_empty());
}

#[test]
fn mismatched_pinyin_annotation_is_a_spot() {
    assert_eq!(
        garbled_spots("全面落实“两!比蛹(wù)，推进发展"),
        vec!["两!比蛹(wù)"]
    );
}

#[test]
fn matching_pinyin_annotation_is_not_a_spot() {
    assert!(garbled_spots("精准(zhǔn)承接").is_empty());
}

#[test]
fn replacement_character_is_a_spot_with_context() {
    assert_eq!(
        garbled_spots("北京市人民\u{FFFD}政府发布通知"),
        vec!["市人民\u{FFFD}政府发"]
    );
}

#[test]
fn private_use_and_noncharacters_are_spots() {
    assert_eq!(garbled_spots("产业\u{E012}转移").len(), 1);
    assert_eq!(garbled_spots("产业\u{FDD5}转移").len(), 1);
}

#[test]
fn control_characters_are_shown_as_replacement_characters() {
    assert_eq!(garbled_spots("协同\u{7}发展"), vec!["协同\u{FFFD}发展"]);
}

#[test]
fn tabs_are_not_junk() {
    assert!(garbled_spots("项目\t名称").is_empty());
}

#[test]
fn classic_mojibake_runs_are_spots() {
    assert_eq!(garbled_spots("标题锟斤拷锟斤拷内容").len(), 1);
    assert_eq!(garbled_spots("烫烫烫烫烫").len(), 1);
}

#[test]
fn utf8_read_as_windows_1252_is_a_spot() {
    let (mojibake, _) =
        encoding_rs::WINDOWS_1252.decode_without_bom_handling("京津冀协同发展".as_bytes());
    assert!(!garbled_spots(&mojibake).is_empty(), "{mojibake}");
}

#[test]
fn accented_latin_words_are_not_windows_1252_mojibake() {
    assert!(garbled_spots("法国Café de Flore与Crème brûlée").is_empty());
}

#[test]
fn utf8_read_as_gbk_is_a_spot() {
    let text = "河北省积极推进产业转移，培育发展新动能，三地合作不断深化";
    let (mojibake, _) = encoding_rs::GBK.decode_without_bom_handling(text.as_bytes());
    let clean: String = mojibake.chars().filter(|&c| c != '\u{FFFD}').collect();
    assert!(!rare_runs(&clean).is_empty(), "{clean}");
}

#[test]
fn big5_read_as_gbk_is_a_spot() {
    let (bytes, _, _) = encoding_rs::BIG5.encode("天津積極推動綠色發展，各項工作穩步推進");
    let (mojibake, _) = encoding_rs::GBK.decode_without_bom_handling(&bytes);
    assert!(!garbled_spots(&mojibake).is_empty(), "{mojibake}");
}

#[test]
fn one_rare_character_in_a_name_is_not_a_spot() {
    assert!(garbled_spots("记者吴玥、王喆报道").is_empty());
}

#[test]
fn kana_mixed_into_chinese_counts() {
    assert!(garbled_spots("产业ぃ攼ゼ燉ㄛ转移").len() == 1);
}

#[test]
fn nearby_evidence_is_merged_into_one_spot() {
    assert_eq!(garbled_spots("甲\u{FFFD}\u{FFFD}乙\u{FFFD}丙").len(), 1);
}

#[test]
fn spots_on_different_lines_are_separate() {
    assert_eq!(
        garbled_spots("第一行\u{FFFD}\n正常\n第三行\u{FFFD}").len(),
        2
    );
}

#[test]
fn at_most_five_spots_are_reported() {
    let text = "一段文字\u{FFFD}正常的内容\n".repeat(12);
    assert_eq!(garbled_spots(&text).len(), MAX_SPOTS);
}

#[test]
fn long_spots_are_cut() {
    let text = "\u{FFFD}".repeat(60);
    let spots = garbled_spots(&text);
    assert_eq!(spots.len(), 1);
    assert_eq!(spots[0].chars().count(), MAX_EXCERPT + 1);
    assert!(spots[0].ends_with('…'));
}

#[test]
fn odd_unicode_does_not_panic() {
    let weird = "\u{0301}\u{200D}👨\u{200D}👩\u{E0001}\u{10FFFF}\u{FFFE}a\u{0085}b\u{2028}c";
    let _ = garbled_spots(weird);
}
