//! What the words around a place name say about it: a street (承德道), a media outlet
//! (河北日报), an organisation (北京工业大学, 远景动力（沧州）有限公司), or an ordinary word that
//! only contains the name (大城市, 山东城市). Pure functions over a text and byte offsets.

use crate::import::topics::lexicon;

/// Suffixes that make a place name the name of a street or road.
const STREETS: &[&str] = &["路", "道", "街", "大街", "大道", "胡同", "巷"];

/// Words starting with a street suffix that are not street names (沧州道路建设).
const NOT_STREETS: &[&str] = &[
    "道路", "路线", "路径", "路网", "路演", "道德", "街道", "道理",
];

/// Words that make the run after a place name a media outlet, byline or source line.
const MEDIA: &[&str] = &[
    "日报",
    "晚报",
    "早报",
    "报社",
    "广播",
    "电视台",
    "传媒",
    "新闻",
    "融媒",
    "客户端",
    "记者",
];

/// Suffixes of an organisation named after the place it comes from (北京工业大学): the place is
/// where the organisation is from, not what the article is about.
const ORGS: &[&str] = &[
    "大学",
    "学院",
    "研究院",
    "研究所",
    "科学院",
    "公司",
    "集团",
    "银行",
    "医院",
    "工厂",
    "分院",
    "海关",
    "协会",
    "商会",
    "学会",
    "中学",
    "小学",
    "有限",
    "本部",
    "总部",
];

/// Suffixes of a branch or site that a second place name locates (… 沧州工厂, … 沧州研究院).
const SITES: &[&str] = &[
    "工厂",
    "研究院",
    "分院",
    "分公司",
    "中心",
    "基地",
    "园区",
    "产业园",
    "工业园",
    "办事处",
    "分中心",
    "校区",
    "公司",
    "有限",
];

/// Suffixes of a park, campus or centre that a zone's name is lent to as a brand (中关村科技园,
/// 中关村创新中心): the brand may stand anywhere, so the zone need not be the place.
const BRANDS: &[&str] = &["园", "城", "中心", "基地", "示范区"];

/// Characters between two names that join two places rather than make one name (北京至沧州).
const JOINERS: &[char] = &[
    '与', '和', '及', '同', '跟', '至', '到', '往', '向', '在', '从', '对', '或', '赴', '的',
];

/// Verbs that organisation names are made with (创新研究院, 制造有限公司).
const NAME_VERBS: &[&str] = &[
    "创新", "制造", "计算", "评估", "登记", "发展", "服务", "投资", "建设", "管理", "研究", "设计",
    "检测", "检验", "开发", "转化", "交易", "运营", "建工", "科创", "控股",
];

/// How far after a name the organisation suffix may start, in characters.
const ORG_REACH: usize = 10;

/// Whether `c` ends a run of name characters: punctuation, quotes, whitespace.
pub fn is_break(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '，' | '。'
                | '、'
                | '；'
                | '：'
                | '！'
                | '？'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '《'
                | '》'
                | '「'
                | '」'
                | '【'
                | '】'
                | '—'
                | '…'
                | ','
                | '.'
                | ';'
                | ':'
                | '!'
                | '?'
                | '"'
                | '\''
                | '/'
        )
}

/// Whether `c` ends a clause (for finding enumerations): like [`is_break`] but not 、.
pub fn is_clause_break(c: char) -> bool {
    c != '、' && c != '“' && c != '”' && c != '《' && c != '》' && is_break(c)
}

/// Brackets, which an organisation name may contain (远景动力（沧州）有限公司).
fn is_bracket(c: char) -> bool {
    matches!(c, '（' | '）' | '(' | ')')
}

/// The run of name characters after `end`: up to `max` characters, stopping at a break, with
/// brackets skipped.
pub fn run_after(text: &str, end: usize, max: usize) -> String {
    text.get(end..)
        .unwrap_or("")
        .chars()
        .take_while(|&c| !is_break(c))
        .filter(|&c| !is_bracket(c))
        .take(max)
        .collect()
}

/// Whether a street suffix follows `end` (承德道, 北京路), but not a word such as 道路.
pub fn is_street(text: &str, end: usize) -> bool {
    let after = text.get(end..).unwrap_or("");
    STREETS.iter().any(|s| after.starts_with(s))
        && !NOT_STREETS.iter().any(|s| after.starts_with(s))
}

/// Whether the name at `end` belongs to a media outlet or a byline (河北日报, 北京广播电视台记者).
pub fn is_media(text: &str, end: usize) -> bool {
    let run = run_after(text, end, 6);
    MEDIA.iter().any(|m| run.contains(m))
}

/// Whether the name ending at `end` names an organisation it belongs to (北京工业大学,
/// 远景动力（沧州）有限公司, 石家庄海关).
pub fn is_org(text: &str, end: usize) -> bool {
    names_ending_in(text, end, ORG_REACH, ORGS)
}

/// Whether the words after a second place name (ending at `end`) end in a branch or site
/// suffix (… 沧州工厂, … 沧州创新研究院).
pub fn is_site(text: &str, end: usize) -> bool {
    names_ending_in(text, end, 8, SITES)
}

/// Whether the run after `end` is a noun phrase ending in one of `suffixes`.
fn names_ending_in(text: &str, end: usize, reach: usize, suffixes: &[&str]) -> bool {
    let run = run_after(text, end, reach);
    let Some(at) = suffixes.iter().filter_map(|s| run.find(s)).min() else {
        return false;
    };
    let head = &run[..at];
    !head.chars().any(|c| JOINERS.contains(&c)) && is_noun_phrase(head)
}

/// Whether the zone name ending at `end` begins the name of a park or centre (中关村科技园,
/// 中关村创新中心, 中关村科技园雄安园).
pub fn is_brand(text: &str, end: usize) -> bool {
    names_ending_in(text, end, 8, BRANDS)
}

/// Whether `c` ends a sentence (or a paragraph).
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '\n' | '!' | '?' | ';')
}

/// Whether a sentence (or the text) starts at `start`, give or take opening quotes, bold
/// markers and spaces.
pub fn opens_sentence(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    before
        .chars()
        .rev()
        .find(|&c| !(c.is_whitespace() || matches!(c, '“' | '‘' | '「' | '*' | '（' | '(')))
        .is_none_or(is_sentence_end)
}

/// Whether the name at `start..end` frames its clause as a locative: 在 opening a clause, the
/// name, then a comma (在保定，… ; 今年以来，在天津宝坻，…).
pub fn is_locative_frame(text: &str, start: usize, end: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..start), text.get(end..)) else {
        return false;
    };
    let Some(head) = before.strip_suffix('在') else {
        return false;
    };
    let opens_clause = head.chars().next_back().is_none_or(|c| {
        is_sentence_end(c) || matches!(c, '，' | ',' | '：' | ':' | '“' | '”' | ' ' | '*')
    });
    opens_clause && after.starts_with(['，', ','])
}

/// Whether `words` can be part of a name: no prepositions, conjunctions, particles, pronouns
/// or adverbs, and no verbs but those organisations are named with (引进研究院 is not a name,
/// 创新研究院 is). Only called on the few short runs next to a suffix or between two names.
fn is_noun_phrase(words: &str) -> bool {
    words.is_empty()
        || lexicon::base()
            .tag(words, false)
            .iter()
            .all(|t| match t.tag.as_bytes().first() {
                Some(b'p' | b'c' | b'u' | b'r' | b'd') => false,
                // A one-character "verb" is usually a piece of a proper name (天启, 衡发).
                Some(b'v') => t.word.chars().count() == 1 || NAME_VERBS.contains(&t.word),
                _ => true,
            })
}

/// Whether the text between two names is a short link inside one name (现代, 工业大学) rather
/// than a break or words that join two places (北京至沧州, 满城区的河北京车基地).
pub fn is_name_link(gap: &str) -> bool {
    let chars = gap.chars().filter(|&c| !is_bracket(c)).count();
    chars <= 6 && !gap.chars().any(|c| is_break(c) || JOINERS.contains(&c)) && is_noun_phrase(gap)
}

/// Whether the idiom 大兴…之风 follows: the name is a verb here.
pub fn is_idiom(text: &str, end: usize) -> bool {
    run_after(text, end, 10).contains("之风")
}

/// Whether segmentation glues the name at `start..end` to its neighbours (大城 in 大城市, 东城
/// in 山东城市, 兴隆 in 生意兴隆): some word of the surrounding text crosses its edges.
pub fn is_inside_word(text: &str, start: usize, end: usize) -> bool {
    let (from, to) = window(text, start, end, 4);
    let Some(slice) = text.get(from..to) else {
        return false;
    };
    let (s, e) = (start - from, end - from);
    lexicon::base()
        .cut(slice, false)
        .iter()
        .any(|t| (t.byte_start < s && s < t.byte_end) || (t.byte_start < e && e < t.byte_end))
}

/// Whether segmentation makes the name at `start..end` the head of a longer word (北京大学):
/// a word that starts with it and runs at least two characters further.
pub fn is_compound_head(text: &str, start: usize, end: usize) -> bool {
    let (_, to) = window(text, start, end, 4);
    let Some(slice) = text.get(start..to) else {
        return false;
    };
    let e = end - start;
    lexicon::base().cut(slice, false).first().is_some_and(|t| {
        t.byte_start == 0 && t.byte_end > e && slice[e..t.byte_end].chars().count() >= 2
    })
}

/// Byte range of up to `reach` characters either side of `start..end`, within a run of text
/// without breaks.
fn window(text: &str, start: usize, end: usize, reach: usize) -> (usize, usize) {
    let before = text.get(..start).unwrap_or("");
    let from = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| !is_break(c))
        .take(reach)
        .last()
        .map_or(start, |(i, _)| i);
    let after = text.get(end..).unwrap_or("");
    let to = end
        + after
            .char_indices()
            .take_while(|&(_, c)| !is_break(c))
            .take(reach)
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
    (from, to)
}

/// Byte ranges of 《…》 titles in `text` (a place inside a book or document title is not the
/// article's subject). An unclosed 《 runs to the end of its line.
pub fn book_titles(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match c {
            '《' => open = Some(i),
            '》' | '\n' => {
                if let Some(s) = open.take() {
                    out.push((s, i));
                }
            }
            _ => {}
        }
    }
    if let Some(s) = open {
        out.push((s, text.len()));
    }
    out
}

/// Whether `pos` lies inside one of the sorted, disjoint `ranges`.
pub fn inside(ranges: &[(usize, usize)], pos: usize) -> bool {
    let i = ranges.partition_point(|&(s, _)| s <= pos);
    i > 0 && pos < ranges[i - 1].1
}
