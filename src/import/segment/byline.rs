//! Bylines, datelines and source lines: who wrote an article and which publication it names.
//!
//! Forms read: `本报记者 X 本报通讯员 Y`, `■本报记者 X`, `记者 X`, `作者：X`, `文/X、Y`,
//! `（记者 X 通讯员 Y）` and `（X）` at the end of the last paragraph, `本报讯（记者 X）` and
//! `新华社北京4月18日电（记者 X）` at the start of the first, `据《X》`, `据X网`, `来源：X`.
//! Editors and photographers (`X 摄`) are not authors.

use super::shape;
use crate::text::is_cjk;

/// Who wrote an article, as one byline says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Byline {
    /// Authors in byline order.
    pub authors: Vec<String>,
    /// The byline says 本报 (the paper's own staff).
    pub own: bool,
    /// The names are photographers (`本报记者 X 摄`): a picture credit, not a byline.
    pub photo: bool,
}

/// A dateline prefix at the start of a paragraph (`本报讯（记者 X）`, `人民网石家庄4月18日电`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The paragraph without its dateline.
    pub rest: String,
    /// Reporters named in it.
    pub byline: Byline,
    /// The agency or site named (`新华社`); `None` for 本报.
    pub agency: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Author,
    Other,
}

/// Role words, longest first so that `本报通讯员` wins over `通讯员`.
const ROLES: &[(&str, Role)] = &[
    ("本报特约通讯员", Role::Author),
    ("本报特约记者", Role::Author),
    ("本报见习记者", Role::Author),
    ("本报实习记者", Role::Author),
    ("本报通讯员", Role::Author),
    ("本报记者", Role::Author),
    ("特约通讯员", Role::Author),
    ("特约评论员", Role::Author),
    ("特约记者", Role::Author),
    ("见习记者", Role::Author),
    ("实习记者", Role::Author),
    ("责任编辑", Role::Other),
    ("通讯员", Role::Author),
    ("实习生", Role::Author),
    ("评论员", Role::Author),
    ("记者", Role::Author),
    ("作者", Role::Author),
    ("撰文", Role::Author),
    ("撰稿", Role::Author),
    ("采写", Role::Author),
    ("摄影", Role::Other),
    ("摄像", Role::Other),
    ("编辑", Role::Other),
    ("责编", Role::Other),
    ("美编", Role::Other),
    ("校对", Role::Other),
    ("制图", Role::Other),
];

/// Whole chunks that are roles only when they stand alone (`文/X`, `图/X`).
const SHORT_ROLES: &[(&str, Role)] = &[
    ("文", Role::Author),
    ("文字", Role::Author),
    ("图", Role::Other),
    ("视频", Role::Other),
];

/// Words after the names that qualify them (`文并摄` keeps them authors, `摄` makes them photographers).
const TEXT_SUFFIXES: &[&str] = &[
    "文并摄",
    "文/图",
    "图文",
    "文图",
    "报道",
    "整理",
    "采写",
    "撰文",
    "执笔",
];
const PHOTO_SUFFIXES: &[&str] = &["摄", "摄影", "摄影报道", "供图", "图"];

/// Text that looks like a name in parentheses but is not one.
const NOT_NAMES: &[&str] = &[
    "完",
    "待续",
    "未完待续",
    "续完",
    "图",
    "摄",
    "资料图",
    "资料图片",
    "示意图",
    "详见",
    "同上",
    "试行",
    "草案",
];

/// Common Chinese surnames (single and compound), for names that stand without a role word.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙", "夏侯", "公孙",
    "宇文", "司徒",
];

/// True when `s` looks like a personal name: 2–4 Han characters (up to 8 with a middle dot).
pub fn is_name(s: &str) -> bool {
    let n = shape::len(s);
    let han = shape::han(s);
    if s.contains('·') || s.contains('•') {
        return n <= 9 && han + s.matches(['·', '•']).count() == n && han >= 3;
    }
    (2..=4).contains(&n) && han == n && !NOT_NAMES.contains(&s)
}

/// True when `s` is a name that starts with a common surname (used where no role word vouches for it).
pub fn is_surname_name(s: &str) -> bool {
    is_name(s)
        && (COMPOUND_SURNAMES
            .iter()
            .any(|c| s.starts_with(c) && shape::len(s) >= 3)
            || s.chars().next().is_some_and(|c| SURNAMES.contains(c)))
}

/// True for a pen name alone on a line (`进超`): two or three Han characters.
pub fn is_pen_name(line: &str) -> bool {
    let n = shape::len(line);
    (2..=3).contains(&n) && shape::han(line) == n && !NOT_NAMES.contains(&line)
}

fn strip_decoration(line: &str) -> &str {
    let l = line
        .trim()
        .trim_start_matches([
            '■', '●', '▲', '◆', '□', '◇', '★', '☆', '•', '▌', '▍', '|', '｜',
        ])
        .trim();
    let inner = l
        .strip_prefix('（')
        .and_then(|x| x.strip_suffix('）'))
        .or_else(|| l.strip_prefix('(').and_then(|x| x.strip_suffix(')')));
    inner.unwrap_or(l).trim()
}

fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '、' | '，' | ',' | '/' | '／' | '：' | ':' | '｜' | '|' | '丨' | '；' | ';'
        )
}

/// The role word starting `s`, if any.
fn role_at(s: &str) -> Option<(&'static str, Role)> {
    ROLES.iter().find(|(w, _)| s.starts_with(w)).copied()
}

/// Parses a line that is only a byline (`本报记者 张三 本报通讯员 李四`, `（文/王五、赵六）`,
/// `本报记者 刘七 摄`); `None` when any part of it is not a role word or a name.
pub fn parse_line(line: &str) -> Option<Byline> {
    let l = strip_decoration(line);
    if l.is_empty() || shape::len(l) > 50 || l.contains(['。', '！', '？']) {
        return None;
    }
    let mut role: Option<Role> = None;
    let mut saw_role = false;
    let mut any_name = false;
    let mut out = Byline {
        own: l.contains("本报"),
        ..Byline::default()
    };
    let chunks = pair_single_chars(l.split(is_separator).filter(|c| !c.is_empty()).collect());
    for (i, chunk) in chunks.iter().map(String::as_str).enumerate() {
        let last = i + 1 == chunks.len();
        if let Some((_, r)) = SHORT_ROLES.iter().find(|(w, _)| *w == chunk) {
            role = Some(*r);
            saw_role = true;
            continue;
        }
        if TEXT_SUFFIXES.contains(&chunk) && !out.authors.is_empty() {
            continue;
        }
        if last && PHOTO_SUFFIXES.contains(&chunk) && !out.authors.is_empty() {
            out.photo = true;
            continue;
        }
        let (names, r, seen) = split_chunk(chunk, role)?;
        role = r;
        saw_role |= seen;
        any_name |= !names.is_empty();
        if role == Some(Role::Author) {
            out.authors.extend(names);
        } else if !names.is_empty() && role.is_none() {
            return None;
        }
    }
    // A role alone (`本报评论员`) signs the article without naming a person.
    let role_only = !any_name && role == Some(Role::Author);
    (saw_role && (!out.authors.is_empty() || out.photo || role_only)).then_some(out)
}

/// Rejoins two-character names that print pads with a space (`刘 畅` → `刘畅`).
fn pair_single_chars(chunks: Vec<&str>) -> Vec<String> {
    let single = |s: &str| {
        shape::len(s) == 1
            && shape::han(s) == 1
            && !SHORT_ROLES.iter().any(|(w, _)| *w == s)
            && !PHOTO_SUFFIXES.contains(&s)
    };
    let mut out: Vec<String> = Vec::with_capacity(chunks.len());
    let mut i = 0;
    while i < chunks.len() {
        if single(chunks[i]) && chunks.get(i + 1).is_some_and(|n| single(n)) {
            out.push(format!("{}{}", chunks[i], chunks[i + 1]));
            i += 2;
        } else {
            out.push(chunks[i].to_string());
            i += 1;
        }
    }
    out
}

/// Splits one separator-free chunk into role words and names (`本报记者郑进超` → role, `郑进超`).
/// Text before the first role word is an organisation (`新华社记者`) and is skipped.
fn split_chunk(chunk: &str, mut role: Option<Role>) -> Option<(Vec<String>, Option<Role>, bool)> {
    let mut names = Vec::new();
    let mut seen = false;
    let mut start = 0;
    let mut i = 0;
    while i < chunk.len() {
        let rest = &chunk[i..];
        if let Some((w, r)) = role_at(rest) {
            let before = &chunk[start..i];
            if !before.is_empty() && role.is_some() {
                names.push(before);
            }
            role = Some(r);
            seen = true;
            i += w.len();
            start = i;
            continue;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    let tail = &chunk[start..];
    let tail = PHOTO_SUFFIXES
        .iter()
        .chain(TEXT_SUFFIXES)
        .find_map(|s| tail.strip_suffix(s).filter(|t| is_name(t)))
        .unwrap_or(tail);
    if !tail.is_empty() {
        names.push(tail);
    }
    if names.iter().any(|n| !is_name(n)) {
        return None;
    }
    Some((names.into_iter().map(str::to_string).collect(), role, seen))
}

/// Names alone in parentheses (`米彦泽`, `张三 李四`), each starting with a common surname.
fn bare_names(s: &str) -> Option<Vec<String>> {
    let names: Vec<&str> = s.split(is_separator).filter(|c| !c.is_empty()).collect();
    let ok = !names.is_empty() && names.len() <= 4 && names.iter().all(|n| is_surname_name(n));
    ok.then(|| names.into_iter().map(str::to_string).collect())
}

/// The byline in parentheses closing a paragraph (`…增长。（记者 张三）`, `…企业。（米彦泽）`):
/// the paragraph without it, and the byline. The parentheses must follow a finished sentence.
pub fn trailing(para: &str) -> Option<(String, Byline)> {
    let (pre, inner) = closing_parens(para)?;
    if !(pre.is_empty() || shape::ends_sentence(pre)) {
        return None;
    }
    if let Some(b) = parse_line(inner).filter(|b| !b.photo) {
        return Some((pre.to_string(), b));
    }
    let authors = bare_names(inner)?;
    Some((
        pre.to_string(),
        Byline {
            authors,
            ..Byline::default()
        },
    ))
}

/// Splits `text（inner）` into the text before the last parenthesis pair and its content.
fn closing_parens(para: &str) -> Option<(&str, &str)> {
    let p = para.trim_end();
    let (open, close) = if p.ends_with('）') {
        ('（', '）')
    } else if p.ends_with(')') {
        ('(', ')')
    } else {
        return None;
    };
    let at = p.rfind(open)?;
    let inner = &p[at + open.len_utf8()..p.len() - close.len_utf8()];
    Some((p[..at].trim_end(), inner.trim()))
}

/// Names of a source line (`据《河北日报》`, `据人民网`, `来源：长城网`, `（据新华社）`).
pub fn source_line(line: &str) -> Option<String> {
    let l = strip_decoration(line).trim_end_matches(['。', '.']);
    if shape::len(l) > 30 {
        return None;
    }
    for key in ["稿件来源", "信息来源", "新闻来源", "来源", "转自"] {
        if let Some(rest) = l.strip_prefix(key) {
            let rest = rest.trim_start_matches([':', '：', ' ', '　']).trim();
            let name = rest
                .split(|c: char| c.is_whitespace() || matches!(c, '-' | '－' | '|' | '｜'))
                .next()
                .unwrap_or("");
            let name = name.trim_matches(['《', '》']).trim();
            return (shape::han(name) >= 2 && shape::len(name) <= 20).then(|| name.to_string());
        }
    }
    let rest = l.strip_prefix('据')?.trim();
    let rest = ["报道", "消息", "综合报道", "电"]
        .iter()
        .find_map(|s| rest.strip_suffix(s))
        .unwrap_or(rest);
    if let Some(inner) = rest.strip_prefix('《').and_then(|r| r.strip_suffix('》')) {
        return (shape::han(inner) >= 2 && !inner.contains('《')).then(|| inner.to_string());
    }
    publication(rest).then(|| rest.to_string())
}

/// True when `s` reads as the name of a publication or site (`人民网`, `新华社`, `冀时客户端`).
fn publication(s: &str) -> bool {
    let endings = [
        "网",
        "报",
        "社",
        "台",
        "客户端",
        "新闻",
        "公众号",
        "频道",
        "杂志",
        "周刊",
        "APP",
        "App",
    ];
    let n = shape::len(s);
    (2..=15).contains(&n)
        && s.chars().all(|c| is_cjk(c) || c.is_ascii_alphanumeric())
        && endings.iter().any(|e| s.ends_with(e))
}

/// A source named in parentheses at the end of a paragraph (`…落地。（据新华社）`).
pub fn trailing_source(para: &str) -> Option<(String, String)> {
    let (pre, inner) = closing_parens(para)?;
    if !(pre.is_empty() || shape::ends_sentence(pre))
        || !(inner.starts_with('据') || inner.starts_with("来源"))
    {
        return None;
    }
    source_line(inner).map(|s| (pre.to_string(), s))
}

/// True for a picture credit on its own line (`本报记者 王五 摄`, `（新华社记者 赵六 摄）`, `图/李四`).
pub fn is_photo_credit(line: &str) -> bool {
    if parse_line(line).is_some_and(|b| b.photo) {
        return true;
    }
    let l = strip_decoration(line);
    let credit = l.ends_with("供图")
        || l.starts_with("图片由") && l.ends_with("提供")
        || l.starts_with("图片来源")
        || l.ends_with("资料图片")
        || l.ends_with("资料图")
        || l.starts_with("图/")
        || l.starts_with("图：");
    credit && shape::len(l) <= 30 && !l.contains('。')
}

/// True when `s` is a picture credit: `本报记者 王五 摄`, `王五 摄`, `新华社发`.
fn is_credit(s: &str) -> bool {
    let s = strip_decoration(s);
    if s.ends_with("并摄") {
        return false;
    }
    if parse_line(s).is_some_and(|b| b.photo) {
        return true;
    }
    ["摄影", "摄", "供图"].iter().any(|suf| {
        s.strip_suffix(suf)
            .is_some_and(|names| bare_names(names).is_some())
    })
}

/// True for a caption that ends with its picture credit (`新建的停车场。 本报记者 王五 摄`,
/// `新建的停车场（王五 摄）`).
pub fn ends_with_credit(line: &str) -> bool {
    let l = line.trim_end();
    if shape::len(l) > 150 || parse_line(l).is_some_and(|b| !b.photo) {
        return false;
    }
    if let Some((_, inner)) = closing_parens(l) {
        if is_credit(inner) {
            return true;
        }
    }
    let tail_at = |i: usize| is_credit(&l[i..]);
    let after_stop = l
        .rfind('。')
        .map(|i| i + '。'.len_utf8())
        .filter(|&i| i < l.len());
    after_stop.is_some_and(tail_at)
        || l.char_indices()
            .filter(|(_, c)| c.is_whitespace())
            .any(|(i, _)| tail_at(i))
}

/// The dateline opening a paragraph: `本报讯（记者 X）`, `本报北京4月18日电`, `新华社石家庄4月18日电（记者 X）`.
pub fn dateline(para: &str) -> Option<Dateline> {
    let (prefix, after) = dateline_prefix(para)?;
    let agency = if prefix.starts_with("本报") {
        None
    } else {
        let end = prefix
            .char_indices()
            .take(10)
            .find(|(_, c)| matches!(c, '网' | '社' | '报' | '台'))?
            .0;
        Some(prefix[..end + 3].to_string()).filter(|a| shape::han(a) >= 2)
    };
    if agency.is_none() && !prefix.starts_with("本报") {
        return None;
    }
    let after = after.trim_start_matches([' ', '　']);
    let (byline, rest) = reporters(after);
    let rest = rest
        .trim_start_matches([' ', '　', '：', ':', '】', ']'])
        .to_string();
    Some(Dateline {
        rest,
        byline: Byline {
            own: agency.is_none(),
            ..byline
        },
        agency,
    })
}

/// Splits `本报讯…` at 讯 or 电 when what comes before is an agency, place and date only.
fn dateline_prefix(para: &str) -> Option<(&str, &str)> {
    let p = para.trim_start_matches(['■', '●', '▲', ' ', '　']);
    let (at, c) = p
        .char_indices()
        .take(26)
        .find(|(_, c)| matches!(c, '讯' | '电'))?;
    let prefix = &p[..at];
    let after = &p[at + c.len_utf8()..];
    let clean = prefix
        .chars()
        .all(|c| is_cjk(c) || c.is_ascii_digit() || c == ' ' || c == '　');
    let next_ok = (prefix == "本报" && c == '讯')
        || after.is_empty()
        || after.starts_with(['（', '(', ' ', '　', '：', ':', '】'])
        || after.starts_with("记者");
    (clean && !prefix.is_empty() && next_ok).then_some((prefix, after))
}

/// Reporters right after a dateline: `（记者 X 通讯员 Y）` or `记者X报道：`.
fn reporters(after: &str) -> (Byline, &str) {
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = after.strip_prefix(open) {
            if let Some(end) = inner.find(close) {
                let names = &inner[..end];
                let b = parse_line(names)
                    .filter(|b| !b.photo)
                    .or_else(|| {
                        bare_names(names).map(|authors| Byline {
                            authors,
                            ..Byline::default()
                        })
                    })
                    .unwrap_or_default();
                return (b, &inner[end + close.len_utf8()..]);
            }
        }
    }
    if after.starts_with("记者") || after.starts_with("本报记者") || after.starts_with("通讯员")
    {
        if let Some(colon) = after.find(['：', ':']).filter(|&i| i < 60) {
            let head = after[..colon].trim_end_matches("报道");
            if let Some(b) = parse_line(head) {
                return (b, &after[colon..]);
            }
        }
    }
    (Byline::default(), after)
}

#[cfg(test)]
mod tests;
