//! Page and web headers: the publication date, the masthead, and a web article's
//! `2023-02-28 14:39:36 来源：X` line.
//!
//! Only header-shaped lines are read (short, no sentence, a weekday, a time, an edition or a
//! masthead beside the date): dates of events inside the text are not publication dates.

use chrono::NaiveDate;

use super::shape;

/// What a web article's header line says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WebHeader {
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// 来源
    pub source: Option<String>,
    /// 作者 / 记者
    pub authors: Vec<String>,
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Reads a run of digits starting at `i`; returns the number, its length and the index after it.
fn number(chars: &[char], i: usize) -> (u32, usize, usize) {
    let mut v = 0u32;
    let mut j = i;
    while j < chars.len() && j - i < 5 {
        match digit(chars[j]) {
            Some(d) => v = v * 10 + d,
            None => break,
        }
        j += 1;
    }
    (v, j - i, j)
}

/// The first calendar date in `s` (`2024年4月18日`, `2023-02-28`, `2024/4/8`, `2024.04.18`).
pub fn find_date(s: &str) -> Option<NaiveDate> {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if digit(chars[i]).is_none() || (i > 0 && digit(chars[i - 1]).is_some()) {
            i += 1;
            continue;
        }
        if let Some(d) = date_at(&chars, i) {
            return Some(d);
        }
        i += 1;
    }
    None
}

fn date_at(chars: &[char], i: usize) -> Option<NaiveDate> {
    let (y, ylen, j) = number(chars, i);
    if ylen != 4 || !(1900..=2100).contains(&y) {
        return None;
    }
    let sep = *chars.get(j)?;
    if !matches!(sep, '年' | '-' | '/' | '.' | '－' | '／' | '．') {
        return None;
    }
    let (m, mlen, k) = number(chars, j + 1);
    let sep2 = *chars.get(k)?;
    let ok2 = if sep == '年' {
        sep2 == '月'
    } else {
        sep2 == sep
    };
    if mlen == 0 || mlen > 2 || !ok2 {
        return None;
    }
    let (d, dlen, _) = number(chars, k + 1);
    if dlen == 0 || dlen > 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

/// True when `s` holds a clock time (`14:39`, `9：05`).
fn has_time(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    chars
        .windows(3)
        .any(|w| digit(w[0]).is_some() && matches!(w[1], ':' | '：') && digit(w[2]).is_some())
}

fn has_weekday(s: &str) -> bool {
    s.contains("星期")
        || [
            "周一", "周二", "周三", "周四", "周五", "周六", "周日", "周天",
        ]
        .iter()
        .any(|w| s.contains(w))
}

/// The publication date of a page header line (`2024年4月18日 星期四`, `河北日报 2024年4月18日 第7版`),
/// or `None` for any other line.
pub fn header_date(line: &str) -> Option<NaiveDate> {
    if shape::len(line) > 60 || shape::ends_sentence(line) {
        return None;
    }
    let date = find_date(line)?;
    let words = ["版", "来源", "发布", "时间", "日期", "农历"];
    let plain = shape::han(line) <= 4; // the date alone: 年 月 日 plus at most one more
    let cue = has_weekday(line)
        || has_time(line)
        || words.iter().any(|w| line.contains(w))
        || masthead(line).is_some();
    (plain || cue).then_some(date)
}

/// Endings of newspaper names that stand alone as a masthead (`沧州日报`).
const PAPERS: &[&str] = &[
    "日报",
    "晚报",
    "时报",
    "晨报",
    "商报",
    "都市报",
    "青年报",
    "经济报",
    "法制报",
];

/// Words ending in 报 that are not newspapers.
const NOT_PAPERS: &[&str] = &[
    "本报",
    "电子报",
    "手机报",
    "数字报",
    "简报",
    "快报",
    "速报",
    "公报",
    "汇报",
    "情报",
    "举报",
    "年报",
    "画报",
    "海报",
    "通报",
];

/// The newspaper a masthead or page header line names (`天津日报 2024年4月18日 星期四` → `天津日报`).
pub fn masthead(line: &str) -> Option<String> {
    if shape::len(line) > 40 || shape::ends_sentence(line) || line.contains(['据', '《', '，', ','])
    {
        return None;
    }
    let dated = find_date(line).is_some() || line.contains('版');
    let tokens: Vec<&str> = line
        .split(|c: char| c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    tokens.iter().find_map(|t| {
        let n = shape::han(t);
        let paper = t.ends_with('报')
            && n == shape::len(t)
            && (2..=10).contains(&n)
            && !NOT_PAPERS.iter().any(|x| t.ends_with(x));
        // Alone, or beside its romanised name (`天津日报 TIANJIN RIBAO`).
        let alone = tokens.iter().all(|o| o == t || o.is_ascii());
        let standalone = alone && PAPERS.iter().any(|p| t.ends_with(p));
        (paper && (dated || standalone)).then(|| t.to_string())
    })
}

/// Reads the value after `key` up to the next space or field; `None` when absent or empty.
fn field<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let at = line.find(key)? + key.len();
    let rest = line[at..].trim_start_matches([':', '：', ' ', '　']);
    let end = rest
        .find(|c: char| c.is_whitespace() || c == '|' || c == '丨')
        .unwrap_or(rest.len());
    let v = rest[..end].trim();
    (!v.is_empty()).then_some(v)
}

/// The date, source and authors of a web article's header line, or `None` when the line is not one.
pub fn web_header(line: &str) -> Option<WebHeader> {
    if shape::len(line) > 100 || shape::ends_sentence(line) || shape::has_inner_stop(line) {
        return None;
    }
    let date = find_date(line);
    let keyed = [
        "来源：",
        "来源:",
        "发布时间",
        "发布日期",
        "时间：",
        "时间:",
        "日期：",
        "日期:",
    ];
    let has_key = keyed.iter().any(|k| line.contains(k));
    if date.is_none() || !(has_time(line) || has_key) {
        return None;
    }
    let source =
        field(line, "来源").map(|s| s.split(['-', '－', '—']).next().unwrap_or(s).to_string());
    let authors = ["作者", "记者"]
        .iter()
        .filter_map(|k| field(line, k))
        .flat_map(|v| v.split(['、', '，', ',']))
        .filter(|n| (2..=4).contains(&shape::han(n)) && shape::han(n) == shape::len(n))
        .map(str::to_string)
        .collect();
    Some(WebHeader {
        date,
        source,
        authors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn dates_in_several_forms() {
        assert_eq!(find_date("2024年4月18日"), d(2024, 4, 18));
        assert_eq!(find_date("发布于 2023-02-08 09:30"), d(2023, 2, 8));
        assert_eq!(find_date("2022/11/3"), d(2022, 11, 3));
        assert_eq!(find_date("２０２１年１０月１日"), d(2021, 10, 1));
        assert_eq!(find_date("2024年13月1日"), None);
        assert_eq!(find_date("共12345年"), None);
        assert_eq!(find_date("2024-04"), None);
    }

    #[test]
    fn header_lines_carry_the_page_date() {
        assert_eq!(header_date("2024年4月18日 星期四"), d(2024, 4, 18));
        assert_eq!(header_date("廊坊日报 2021年9月2日 第5版"), d(2021, 9, 2));
        assert_eq!(header_date("2020年5月6日"), d(2020, 5, 6));
    }

    #[test]
    fn event_dates_are_not_header_dates() {
        assert_eq!(header_date("2024年3月1日起，新规正式实施。"), None);
        assert_eq!(header_date("2024年3月1日全市首座氢能加气站投用"), None);
    }

    #[test]
    fn mastheads() {
        assert_eq!(masthead("廊坊日报"), Some("廊坊日报".into()));
        assert_eq!(
            masthead("保定晚报 2022年1月3日 星期一"),
            Some("保定晚报".into())
        );
        assert_eq!(masthead("本报"), None);
        assert_eq!(masthead("沧州日报 CANGZHOU RIBAO"), Some("沧州日报".into()));
        assert_eq!(masthead("电子报"), None);
        assert_eq!(masthead("每日快报"), None);
        assert_eq!(masthead("据《廊坊日报》"), None);
    }

    #[test]
    fn web_header_fields() {
        let h = web_header("2022-06-01 08:15:00 来源：长城网 作者：赵一鸣").unwrap();
        assert_eq!(h.date, d(2022, 6, 1));
        assert_eq!(h.source.as_deref(), Some("长城网"));
        assert_eq!(h.authors, vec!["赵一鸣".to_string()]);
        let h = web_header("发布时间：2021年7月9日 来源：新华网-新华每日电讯").unwrap();
        assert_eq!(h.source.as_deref(), Some("新华网"));
        assert_eq!(web_header("他在2021年7月9日来到这里。"), None);
        assert_eq!(web_header("京津冀协同发展取得新进展"), None);
    }
}
