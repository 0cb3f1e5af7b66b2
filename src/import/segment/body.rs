//! Body lines: whether a line continues the one before it across a column or page break
//! (税收可 / 达6亿元), whether a short line is an image caption, and TV-transcript speaker labels
//! (`北京广播电视台记者 孙烁：`).
//!
//! A break inside a word is found with the jieba dictionary: when the last characters of one line
//! and the first of the next make one word (老 / 师 → 老师), the line was cut mid-sentence.

use super::{byline, shape};
use crate::import::topics::lexicon;
use crate::text::is_cjk;

/// The last `n` characters of `s`.
fn tail(s: &str, n: usize) -> &str {
    let start = s.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    &s[start..]
}

/// The first `n` characters of `s`.
fn head(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// True when a dictionary word spans the boundary between `a` and `b` (`邀请老` + `师深入` → 老师).
pub fn word_spans(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim_end(), b.trim_start());
    let (Some(x), Some(y)) = (a.chars().next_back(), b.chars().next()) else {
        return false;
    };
    if !is_cjk(x) || !is_cjk(y) {
        return false;
    }
    let left = tail(a, 4);
    let window = format!("{left}{}", head(b, 4));
    let mut pos = 0;
    // The plain default dictionary (shared with topic detection, loaded once per process).
    for tok in lexicon::base().cut(&window, false) {
        let end = pos + tok.word.len();
        if pos < left.len() && end > left.len() {
            return true;
        }
        pos = end;
    }
    false
}

/// True when `next` starts with what cannot start a sentence (，。、”）or 的).
fn starts_inside(next: &str) -> bool {
    next.trim_start().starts_with([
        '，', '。', '、', '；', '：', '！', '？', '”', '’', '）', '》', ',', '.', ';', ':', ')',
        '的',
    ])
}

/// True when a paragraph piece visibly stops mid-sentence (sentences inside, none at the end,
/// or open punctuation at the end).
pub fn is_fragment(text: &str) -> bool {
    // Only the end of a long paragraph is looked at, so stitching many pieces stays linear.
    let end = shape::tail(text, 600);
    !shape::ends_sentence(end)
        && (text.len() > 300 || shape::has_inner_stop(end) || shape::ends_open(end))
}

/// True when `next` continues `prev` across a line break. `prev` is a paragraph piece or a
/// heading-shaped line; `next` the line after it.
pub fn continues(prev: &str, next: &str) -> bool {
    let prev = shape::tail(prev, 600);
    if shape::ends_sentence(prev) || next.trim().is_empty() {
        return false;
    }
    if starts_inside(next) {
        return true;
    }
    // A colon may introduce a list of headed items; other open ends always continue.
    if shape::ends_open(prev) && !prev.trim_end().ends_with(['：', ':']) {
        return true;
    }
    let next_heading = shape::is_heading_shape(next);
    if is_fragment(prev) && !next_heading {
        return true;
    }
    word_spans(prev, next)
}

/// True when a short line has the shape of an image caption: one phrase or one sentence of
/// 5–40 characters (`新建成的湿地公园一角。`), not a byline.
pub fn caption_shape(line: &str) -> bool {
    let n = shape::len(line);
    let commas = line.matches(['，', ',']).count();
    (5..=40).contains(&n)
        && !shape::has_inner_stop(line)
        && !shape::ends_open(line)
        && commas <= 1
        && (line.ends_with('。') || !shape::ends_sentence(line))
        && byline::parse_line(line).is_none()
}

/// True for lines that announce themselves as captions (`图为…`, `▲…`, `上图：…`).
pub fn is_marked_caption(line: &str) -> bool {
    let marks = [
        "图为", "▲", "△", "上图", "下图", "左图", "右图", "图①", "图②", "图③", "组图", "题图",
    ];
    shape::len(line) <= 150 && marks.iter().any(|m| line.starts_with(m))
}

/// Splits a one-line brief `标题。正文` into its headline (a short first sentence without commas)
/// and its text.
pub fn one_liner(para: &str) -> Option<(&str, &str)> {
    let at = para.find('。')?;
    let (title, rest) = (&para[..at], para[at + '。'.len_utf8()..].trim_start());
    let n = shape::len(title);
    let plain = !title.contains(['，', ',', '：', ':', '；', '“', '”']);
    ((6..=30).contains(&n) && plain && shape::is_heading_shape(title) && shape::len(rest) >= 10)
        .then_some((title, rest))
}

/// Role words that name a speaker on their own (`主持人：`, `解说：`).
const VOICES: &[&str] = &["主持人", "记者", "解说", "旁白", "画外音", "同期声", "同期"];

/// A TV-transcript speaker label: `机构职务 姓名：` alone on its line, or leading a paragraph.
/// Returns the speaker and what follows the colon on the same line, if anything.
pub fn speaker_label(line: &str) -> Option<(String, Option<String>)> {
    let at = line.find(['：', ':'])?;
    let label = line[..at].trim();
    let label = match label.strip_prefix('【').and_then(|l| l.split_once('】')) {
        Some((_, rest)) => rest.trim(),
        None => label,
    };
    let rest = line[at
        + if line[at..].starts_with('：') {
            '：'.len_utf8()
        } else {
            1
        }..]
        .trim();
    let inline = (!rest.is_empty()).then(|| rest.to_string());
    if shape::len(label) > 40 || label.is_empty() {
        return None;
    }
    let clean = label.chars().all(|c| {
        is_cjk(c) || c.is_whitespace() || matches!(c, '·' | '（' | '）' | '(' | ')' | '、')
    });
    if !clean {
        return None;
    }
    let last = label.split_whitespace().next_back().unwrap_or("");
    let named = shape::has_inner_space(label) && byline::is_surname_name(last);
    let voice = if inline.is_none() {
        shape::len(label) <= 8 && VOICES.iter().any(|v| label.ends_with(v))
    } else {
        VOICES.contains(&label)
    };
    (named || voice).then(|| (label.to_string(), inline))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_across_a_break() {
        assert!(word_spans("社区组织志愿者邀请老", "师走进课堂"));
        assert!(word_spans("产品具有耐", "腐蚀的特点"));
        assert!(!word_spans("推进绿色低碳发展", "近年来，全市"));
        assert!(!word_spans("ABC", "DEF"));
        assert!(!word_spans("", "开始"));
    }

    #[test]
    fn continuation_after_a_column_break() {
        assert!(continues("工程总投资约12亿元。年产值可", "达30亿元。"));
        assert!(continues("他说：“这几年变化太", "大了。”"));
        assert!(continues(
            "今年以来，新区共引进企业",
            "，其中科技型企业占六成。"
        ));
        assert!(!continues("项目已经全面竣工。", "下一步，将开展验收。"));
        assert!(!continues(
            "加快建设现代化产业体系",
            "今年以来，全市工业增加值增长8%。"
        ));
    }

    #[test]
    fn fragments() {
        assert!(is_fragment("天气转暖。工人们正在"));
        assert!(is_fragment("不仅修好了路，"));
        assert!(!is_fragment("乡村振兴 产业先行"));
    }

    #[test]
    fn captions() {
        assert!(caption_shape("新落成的科技馆外景。"));
        assert!(caption_shape("工人在车间内检修设备"));
        assert!(!caption_shape("好。"));
        assert!(!caption_shape("建设。"));
        assert!(!caption_shape(
            "天气晴。工人们在车间里忙碌，机器轰鸣，一派繁忙景象。"
        ));
        assert!(is_marked_caption("图为市民在公园里散步。"));
        assert!(is_marked_caption("▲新建的大桥"));
    }

    #[test]
    fn one_line_briefs() {
        assert_eq!(
            one_liner("新城首座图书馆开馆。近日，新城首座公共图书馆正式开馆，藏书十万册。"),
            Some((
                "新城首座图书馆开馆",
                "近日，新城首座公共图书馆正式开馆，藏书十万册。"
            ))
        );
        assert_eq!(
            one_liner("春回大地，万物勃发。今年的春天来得格外早。"),
            None
        );
        assert_eq!(one_liner("好。这是一个短句子后面跟着很多内容。"), None);
        assert_eq!(one_liner("没有句号的一行"), None);
    }

    #[test]
    fn speaker_labels() {
        let (n, t) = speaker_label("市电视台记者 王小丫：").unwrap();
        assert_eq!(n, "市电视台记者 王小丫");
        assert_eq!(t, None);
        let (n, t) = speaker_label("某某科技公司总经理 赵大伟：我们今年的订单翻了一番。").unwrap();
        assert_eq!(n, "某某科技公司总经理 赵大伟");
        assert_eq!(t.as_deref(), Some("我们今年的订单翻了一番。"));
        assert!(speaker_label("主持人：").is_some());
        assert_eq!(
            speaker_label("【同期】某某公司经理 钱多多：订单排到了年底。")
                .unwrap()
                .0,
            "某某公司经理 钱多多"
        );
        assert_eq!(speaker_label("具体措施如下："), None);
        assert_eq!(speaker_label("截至目前 累计："), None);
        assert_eq!(speaker_label("他说：明天就出发。"), None);
        assert_eq!(
            speaker_label("主持人：欢迎收看。").unwrap().1.as_deref(),
            Some("欢迎收看。")
        );
    }
}
