//! The shape of one line of Chinese text: how long it is, how it ends, whether its quotes close.
//!
//! These are the features every other segmentation rule is built from. They look at one line
//! only; what a line *is* (headline, paragraph, byline …) is decided elsewhere, with its neighbours.

use crate::text::is_cjk;

/// Characters that end a sentence (。！？；…) in full- or half-width form.
pub fn is_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '…' | '!' | '?' | ';' | '．')
}

/// Closing quotes and brackets that may follow a sentence stop (`。”`).
pub fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '》' | '】' | '〕' | ']' | '"' | '\''
    )
}

/// Characters after which a line is certainly unfinished (，、：).
pub fn is_open_end(c: char) -> bool {
    matches!(
        c,
        '，' | '、' | '：' | ',' | ':' | '—' | '-' | '（' | '(' | '“' | '《'
    )
}

/// Number of characters.
pub fn len(s: &str) -> usize {
    s.chars().count()
}

/// Number of Han (CJK) characters.
pub fn han(s: &str) -> usize {
    s.chars().filter(|&c| is_cjk(c)).count()
}

/// The line without trailing closing quotes and brackets.
fn without_closers(s: &str) -> &str {
    s.trim_end_matches(is_closer)
}

/// True when the line ends a sentence: its last character before any closing quotes is a stop,
/// or a short note in parentheses follows the stop (`…完工。（记者 张三）`).
pub fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end();
    if without_closers(s).chars().next_back().is_some_and(is_stop) {
        return true;
    }
    let open = if s.ends_with('）') {
        s.rfind('（')
    } else if s.ends_with(')') {
        s.rfind('(')
    } else {
        None
    };
    open.is_some_and(|at| {
        s.len() - at <= 90
            && without_closers(s[..at].trim_end())
                .chars()
                .next_back()
                .is_some_and(is_stop)
    })
}

/// True when a sentence stop (。！？) occurs before the end of the line.
pub fn has_inner_stop(s: &str) -> bool {
    let body = without_closers(s.trim_end()).trim_end_matches(is_stop);
    body.chars()
        .any(|c| matches!(c, '。' | '！' | '？' | '!' | '?'))
}

/// True when every opening quote or bracket has its closing partner (ASCII `"` counted in pairs).
pub fn balanced(s: &str) -> bool {
    let (mut dq, mut sq, mut paren, mut book, mut corner, mut ascii) =
        (0i32, 0i32, 0i32, 0i32, 0i32, 0u32);
    for c in s.chars() {
        match c {
            '“' => dq += 1,
            '”' => dq -= 1,
            '‘' => sq += 1,
            '’' => sq -= 1,
            '（' | '(' => paren += 1,
            '）' | ')' => paren -= 1,
            '《' => book += 1,
            '》' => book -= 1,
            '「' | '『' => corner += 1,
            '」' | '』' => corner -= 1,
            '"' => ascii += 1,
            _ => {}
        }
    }
    dq <= 0 && sq <= 0 && paren <= 0 && book <= 0 && corner <= 0 && ascii % 2 == 0
}

/// True when the line has a space between two non-space runs (`优化生态 提升产业气质`).
pub fn has_inner_space(s: &str) -> bool {
    s.trim().contains(|c: char| c.is_whitespace())
}

/// Characters that cannot end a headline: a line ending in one is cut mid-sentence.
fn is_dangling(c: char) -> bool {
    matches!(
        c,
        '的' | '和'
            | '与'
            | '及'
            | '或'
            | '把'
            | '被'
            | '将'
            | '并'
            | '且'
            | '让'
            | '使'
            | '给'
            | '跟'
    )
}

/// True when the line visibly stops mid-sentence: open punctuation, a dangling particle or an
/// unclosed quote at its end.
pub fn ends_open(s: &str) -> bool {
    let s = s.trim_end();
    match s.chars().next_back() {
        None => false,
        Some(c) => is_open_end(c) || (is_dangling(c) && len(s) >= 8) || !balanced(s),
    }
}

/// The text after leading dashes (`——副题` → `副题`), or `None` when it has none.
pub fn after_dashes(s: &str) -> Option<&str> {
    let rest = s.trim_start_matches(['—', '─', '－', '―', '–', '━']);
    let dashes = s.len() - rest.len();
    // A single em dash is ambiguous; a subtitle has two (or a doubled ASCII/box dash).
    let dashed = dashes >= 2 * '—'.len_utf8() || s.starts_with("--");
    let rest = rest.trim_start_matches('-').trim_start();
    (dashed && !rest.is_empty()).then_some(rest)
}

/// True when the line is numbered like an outline item (`一、` `（二）` `3.` `第四，`).
pub fn is_numbered(s: &str) -> bool {
    let s = s.trim_start();
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    if first == '（' || first == '(' {
        let inner: String = chars
            .by_ref()
            .take_while(|&c| c != '）' && c != ')')
            .collect();
        return !inner.is_empty() && inner.chars().all(numeral);
    }
    if first == '第' {
        return chars.next().is_some_and(numeral);
    }
    if !numeral(first) {
        return false;
    }
    let rest = chars.as_str().trim_start_matches(numeral);
    rest.starts_with(['、', '.', '．', '是'])
}

/// True when a line has the shape of a headline or subhead: it has Han text, does not end or
/// contain a full sentence, is not cut open, and is not too long to be a heading.
pub fn is_heading_shape(s: &str) -> bool {
    let n = len(s);
    let plain = n <= 100 && !ends_sentence(s);
    // Headlines may ask or exclaim (`这个春天，为何不同？`), never state (。) or introduce (：).
    let asks = n <= 30
        && s.trim_end_matches(is_closer)
            .ends_with(['？', '！', '?', '!'])
        && !s.contains(['：', ':']);
    n > 0 && han(s) > 0 && (plain || asks) && !has_inner_stop(s) && !ends_open(s)
}

/// True when a line is a short label: at most `max` characters, Han only (a middle dot allowed),
/// no spaces or punctuation (`信息速递`, `京津冀观察`).
pub fn is_label(s: &str, max: usize) -> bool {
    let n = len(s);
    n >= 2 && n <= max && s.chars().all(|c| is_cjk(c) || c == '·')
}

/// Ornaments that open a line in print (■ ● ◆ …) and carry no text.
pub fn is_ornament(c: char) -> bool {
    matches!(
        c,
        '■' | '●'
            | '◆'
            | '□'
            | '◇'
            | '★'
            | '☆'
            | '◎'
            | '▌'
            | '▍'
            | '•'
            | '○'
            | '◯'
            | '▶'
            | '►'
            | '◥'
            | '◤'
    )
}

/// The line without leading ornaments and the spaces after them.
pub fn strip_ornaments(s: &str) -> &str {
    s.trim_start_matches(|c: char| is_ornament(c) || c.is_whitespace())
}

/// Concatenates two pieces of one sentence: no space, except between two Latin letters or digits.
pub fn join(a: &str, b: &str) -> String {
    let mut out = String::with_capacity(a.len() + b.len() + 1);
    out.push_str(a.trim_end());
    append(&mut out, b);
    out
}

/// Appends the next piece of a sentence to `out` in place (see [`join`]).
pub fn append(out: &mut String, b: &str) {
    out.truncate(out.trim_end().len());
    let b = b.trim_start();
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if latin(out.chars().next_back()) && latin(b.chars().next()) {
        out.push(' ');
    }
    out.push_str(b);
}

/// The last `max_bytes` (or fewer) bytes of `s`, cut at a character boundary: enough to judge
/// how a long paragraph ends without rescanning all of it.
pub fn tail(s: &str, max_bytes: usize) -> &str {
    if s.len() <= max_bytes {
        return s;
    }
    let mut at = s.len() - max_bytes;
    while !s.is_char_boundary(at) {
        at += 1;
    }
    &s[at..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_end_sees_through_closing_quotes() {
        assert!(ends_sentence("他说：“明天再来。”"));
        assert!(ends_sentence("新的一年开始了！"));
        assert!(!ends_sentence("城市更新 从老街区开始"));
        assert!(!ends_sentence("春天的“约定”"));
        assert!(ends_sentence("项目已竣工。（记者 张三）"));
        assert!(!ends_sentence("项目已竣工（记者 张三）"));
    }

    #[test]
    fn inner_stop_ignores_the_final_one() {
        assert!(!has_inner_stop("今天天气很好。"));
        assert!(has_inner_stop("今天天气很好。明天下雨"));
        assert!(!has_inner_stop("张三说：“好。”"));
    }

    #[test]
    fn balance_counts_pairs() {
        assert!(balanced("他说“好”（对）"));
        assert!(!balanced("“这件事还要"));
        assert!(!balanced("参照《办法"));
        assert!(!balanced("a \"b"));
    }

    #[test]
    fn open_end_marks_a_cut_line() {
        assert!(ends_open("不仅修好了道路，"));
        assert!(ends_open("大家都在谈论新开业的"));
        assert!(ends_open("“去年冬天真冷，大家"));
        assert!(!ends_open("湿地公园迎来候鸟"));
        assert!(!ends_open("好的"));
    }

    #[test]
    fn dashes_mark_subtitles() {
        assert_eq!(after_dashes("——记一位乡村教师"), Some("记一位乡村教师"));
        assert_eq!(after_dashes("--走访三座新城"), Some("走访三座新城"));
        assert_eq!(after_dashes("—单个破折号"), None);
        assert_eq!(after_dashes("没有破折号"), None);
        assert_eq!(after_dashes("————"), None);
    }

    #[test]
    fn numbering_is_recognised() {
        assert!(is_numbered("一、总体要求"));
        assert!(is_numbered("（三）保障措施"));
        assert!(is_numbered("2.加强监管"));
        assert!(is_numbered("第五，坚持创新"));
        assert!(!is_numbered("一路向北"));
        assert!(!is_numbered("2024年"));
    }

    #[test]
    fn heading_shape() {
        assert!(is_heading_shape("湿地公园迎来候鸟 市民争相观赏"));
        assert!(is_heading_shape(
            "坚持绿色发展，推动能源结构调整；打造低碳示范区"
        ));
        assert!(!is_heading_shape("湿地公园迎来了今年第一批候鸟。"));
        assert!(!is_heading_shape("天气晴。气温回升，公园里"));
        assert!(!is_heading_shape("2024"));
        assert!(is_heading_shape("这个春天，为何如此不同？"));
        assert!(!is_heading_shape("记者：为什么会这样？"));
        assert!(!is_heading_shape(""));
    }

    #[test]
    fn labels_are_short_han_runs() {
        assert!(is_label("城乡观察", 7));
        assert!(!is_label("城乡 观察", 7));
        assert!(!is_label("关于城乡建设的一些观察", 7));
    }

    #[test]
    fn join_spaces_only_latin() {
        assert_eq!(join("年产值可", "达5亿元"), "年产值可达5亿元");
        assert_eq!(join("the new", "plan"), "the new plan");
        assert_eq!(join("5G", "基站"), "5G基站");
        let mut s = String::from("区域 ");
        append(&mut s, " 协同");
        assert_eq!(s, "区域协同");
        assert_eq!(tail("一二三", 4), "三");
        assert_eq!(tail("ab", 4), "ab");
    }
}
