use super::*;

fn p(line: &str) -> String {
    let mut out = String::new();
    push_line(line, &mut out, &mut Scratch::default());
    out
}

#[test]
fn comma_between_chinese_becomes_full_width() {
    assert_eq!(p("今年以来,三地合作不断加深"), "今年以来，三地合作不断加深");
}

#[test]
fn semicolon_question_and_exclamation_become_full_width() {
    assert_eq!(p("一是稳;二是进"), "一是稳；二是进");
    assert_eq!(p("效果如何?请看"), "效果如何？请看");
    assert_eq!(p("太好了!大家说"), "太好了！大家说");
}

#[test]
fn colon_after_chinese_becomes_full_width() {
    assert_eq!(p("记者 王小明:"), "记者 王小明：");
    assert_eq!(p("来源:河北新闻网"), "来源：河北新闻网");
}

#[test]
fn comma_after_a_number_before_chinese_becomes_full_width() {
    assert_eq!(p("增长了12%,达到新高"), "增长了12%，达到新高");
}

#[test]
fn mark_ending_a_chinese_line_becomes_full_width() {
    assert_eq!(p("总投资达到了5,"), "总投资达到了5，");
    assert_eq!(p("增幅为5%!"), "增幅为5%！");
}

#[test]
fn marks_in_a_row_all_convert() {
    assert_eq!(p("真的吗?!"), "真的吗？！");
}

#[test]
fn thousands_separator_is_kept() {
    assert_eq!(p("共计1,000万元"), "共计1,000万元");
}

#[test]
fn clock_times_are_kept() {
    assert_eq!(
        p("发布时间:2023-02-28 14:39:36"),
        "发布时间：2023-02-28 14:39:36"
    );
    assert_eq!(p("14:39开幕"), "14:39开幕");
}

#[test]
fn decimals_and_hyphenated_words_are_kept() {
    assert_eq!(p("增长3.5个百分点,覆盖Wi-Fi"), "增长3.5个百分点，覆盖Wi-Fi");
}

#[test]
fn urls_are_kept() {
    assert_eq!(
        p("详见 http://x.cn/a?b=1&c=2 网页"),
        "详见 http://x.cn/a?b=1&c=2 网页"
    );
    assert_eq!(
        p("网址:https://www.example.cn/news"),
        "网址：https://www.example.cn/news"
    );
}

#[test]
fn sentence_punctuation_after_a_url_converts() {
    assert_eq!(
        p("请访问www.example.cn,了解详情"),
        "请访问www.example.cn，了解详情"
    );
}

#[test]
fn latin_text_is_kept() {
    assert_eq!(p("Hello, world! Is it ok?"), "Hello, world! Is it ok?");
    assert_eq!(p("f(x) = a(b)"), "f(x) = a(b)");
}

#[test]
fn query_after_latin_letters_is_kept() {
    assert_eq!(p("搜索 page?id=3"), "搜索 page?id=3");
}

#[test]
fn spaces_after_a_converted_mark_are_dropped() {
    assert_eq!(p("疫情期间, 三地联动"), "疫情期间，三地联动");
}

#[test]
fn spaces_between_latin_items_are_kept() {
    assert_eq!(p("GDP, CPI"), "GDP, CPI");
}

#[test]
fn parentheses_around_chinese_become_full_width() {
    assert_eq!(p("产业园(一期)建成"), "产业园（一期）建成");
}

#[test]
fn parentheses_around_latin_between_chinese_become_full_width() {
    assert_eq!(p("居民消费价格(CPI)上涨"), "居民消费价格（CPI）上涨");
    assert_eq!(p("报告(2023)显示"), "报告（2023）显示");
}

#[test]
fn list_numbers_before_chinese_become_full_width() {
    assert_eq!(p("(1)加强统筹"), "（1）加强统筹");
}

#[test]
fn lone_parenthesis_next_to_chinese_becomes_full_width() {
    assert_eq!(p("下转第二版)"), "下转第二版）");
}

#[test]
fn nested_parentheses_pair_correctly() {
    assert_eq!(p("工(经(济))信"), "工（经（济））信");
}

#[test]
fn straight_quotes_around_chinese_pair_left_and_right() {
    assert_eq!(
        p("扭住\"牛鼻子\",推动\"串起来\""),
        "扭住“牛鼻子”，推动“串起来”"
    );
}

#[test]
fn straight_quotes_around_latin_between_chinese_pair() {
    assert_eq!(p("推进\"5G+\"应用"), "推进“5G+”应用");
}

#[test]
fn curly_quotes_are_untouched() {
    assert_eq!(p("推进“5G+”应用"), "推进“5G+”应用");
}

#[test]
fn english_quotes_are_kept() {
    assert_eq!(p("he said \"ok\" twice"), "he said \"ok\" twice");
}

#[test]
fn lone_quote_opening_a_line_opens() {
    assert_eq!(p("\"我们要抓住机遇,"), "“我们要抓住机遇，");
}

#[test]
fn lone_quote_after_chinese_closes() {
    assert_eq!(p("共同发展。\""), "共同发展。”");
}

#[test]
fn trailing_whitespace_is_removed() {
    assert_eq!(p("协同发展 \t\u{a0}\u{3000}"), "协同发展");
    assert_eq!(p("协同发展,\u{3000}"), "协同发展，");
}

#[test]
fn leading_indentation_is_kept() {
    assert_eq!(p("\u{3000}\u{3000}协同发展"), "\u{3000}\u{3000}协同发展");
}

#[test]
fn whitespace_only_line_becomes_empty() {
    assert_eq!(p(" \u{3000} "), "");
}

#[test]
fn spot_contents_are_copied_verbatim_and_markers_dropped() {
    let line = format!("结合“{SPOT_START}两!比蛹(wù){SPOT_END},推进");
    assert_eq!(p(&line), "结合“两!比蛹(wù)，推进");
}

#[test]
fn clean_text_is_unchanged() {
    let line = "京津冀三地签署协议（2024—2026年），推动“通武廊”一体化，总投资1,200亿元。";
    assert_eq!(p(line), line);
}

#[test]
fn empty_line_stays_empty() {
    assert_eq!(p(""), "");
}

#[test]
fn appends_to_existing_output() {
    let mut out = String::from("前文\n");
    push_line("后文,结束 ", &mut out, &mut Scratch::default());
    assert_eq!(out, "前文\n后文，结束");
}
