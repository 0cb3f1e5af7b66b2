//! Headline stacks: which of the heading lines above an article is its column label, kicker (引题),
//! title and subtitle (副题), and how a headline wrapped over two lines is joined.
//!
//! Newspapers set these in type sizes we cannot see, so the rules use shape and order only:
//! a short Han-only label on top is a column; a line starting with —— is a subtitle; of two
//! remaining lines a short label or parallel phrases (`发挥区位优势 深化区域协同`) on top is the
//! kicker; otherwise the second line is the subtitle.

use super::shape;

/// Longest column label, in characters (`京津冀观察`, `信息速递`).
const COLUMN_MAX: usize = 7;

/// The headline of one article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Head {
    /// Column label (栏目).
    pub column: Option<String>,
    /// Series and campaign labels that are part of no field (【奋进的春天】).
    pub labels: Vec<String>,
    /// 引题
    pub kicker: Option<String>,
    /// 标题
    pub title: Option<String>,
    /// 副题
    pub subtitle: Option<String>,
}

/// Longest headline, in characters, that a narrow column wraps over two lines; two lines longer
/// together than this are a title and its subtitle (or kicker), not one wrapped title.
const WRAPPED_MAX: usize = 24;

/// True when `b` continues headline line `a` that was wrapped by the column width: `a` filled
/// the line (no phrase space), `b` is about as long or shorter, and together they are no longer
/// than one headline.
fn wraps(a: &str, b: &str, joined: usize) -> bool {
    let (la, lb) = (shape::len(a), shape::len(b));
    !shape::has_inner_space(a)
        && shape::after_dashes(b).is_none()
        && la >= 6
        && lb >= 2
        && lb <= la + 2
        && joined + lb <= WRAPPED_MAX
}

/// The lines of one heading block (no blank line between them) as headline parts: wrapped lines
/// joined without a space, separate phrases kept apart.
pub fn parts(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut printed: &str = "";
    for line in lines {
        match out.last_mut() {
            Some(last) if wraps(printed, line, shape::len(last)) => last.push_str(line),
            _ => out.push(line.clone()),
        }
        printed = line;
    }
    out
}

/// A subhead from its block: wrapped lines joined, two phrases (`共建研发平台` / `加快成果转化`)
/// separated by a space.
pub fn subhead(lines: &[String]) -> String {
    let mut out = String::new();
    let mut printed: &str = "";
    for line in lines {
        if !out.is_empty()
            && (shape::len(line) > shape::len(printed) + 2 || shape::has_inner_space(printed))
        {
            out.push(' ');
        }
        out.push_str(line);
        printed = line;
    }
    out
}

/// True when a part is a column label rather than a headline.
pub fn is_column(part: &str) -> bool {
    shape::is_label(part, COLUMN_MAX) && !shape::is_numbered(part)
}

/// The label of a part that is only a bracketed tag (`【区域热点】` → `区域热点`).
fn bracketed(part: &str) -> Option<&str> {
    let inner = part.strip_prefix('【')?.strip_suffix('】')?;
    (!inner.contains(['【', '】']) && shape::han(inner) >= 2).then_some(inner)
}

/// Assigns headline parts (top to bottom) to column, labels, kicker, title and subtitle.
/// `first_apart` says the top part stood on its own, set off by blank lines.
pub fn resolve(mut parts: Vec<String>, first_apart: bool) -> Head {
    let mut head = Head::default();
    if parts.len() >= 2 {
        if let Some(sub) = parts
            .last()
            .and_then(|p| shape::after_dashes(p))
            .map(str::to_string)
        {
            head.subtitle = Some(sub);
            parts.pop();
        }
    }
    // A short line set tight over the title (no blank line between) is its kicker, not a column.
    if parts.len() >= 2 && is_column(&parts[0]) && first_apart {
        head.column = Some(parts.remove(0));
        // Page section over column (`京津冀协同发展` / `协同视线`): the lower label is the column.
        while parts.len() >= 2 && is_column(&parts[0]) {
            head.labels.extend(head.column.replace(parts.remove(0)));
        }
    } else if parts.len() >= 2 && bracketed(&parts[0]).is_some() {
        head.column = bracketed(&parts[0]).map(str::to_string);
        parts.remove(0);
    }
    let n = parts.len();
    if n >= 2 {
        let (a, b) = (&parts[n - 2], &parts[n - 1]);
        // Without dashes, the second of two lines is the subtitle, unless the first is a short
        // label or a pair of parallel phrases over a plain title: then it is the kicker.
        let kicker_first = head.subtitle.is_some()
            || is_column(a)
            || shape::has_inner_space(a) && !shape::has_inner_space(b);
        if kicker_first {
            head.kicker = Some(a.clone());
            head.title = Some(b.clone());
        } else {
            head.title = Some(a.clone());
            head.subtitle = Some(b.clone());
        }
        head.labels.extend(parts.drain(..n - 2));
    } else if n == 1 {
        head.title = parts.pop();
    }
    if let Some(t) = head.title.take() {
        let (tags, series, title) = split_tags(&t);
        head.labels.extend(tags);
        if head.kicker.is_none() {
            head.kicker = series;
        } else if let Some(s) = series {
            head.labels.push(s);
        }
        head.title = Some(title);
    }
    head
}

/// Splits campaign tags and a series name off a headline:
/// `【奋进的春天】同心京津冀丨产业协作串起来` → (`[奋进的春天]`, `同心京津冀`, `产业协作串起来`).
pub fn split_tags(title: &str) -> (Vec<String>, Option<String>, String) {
    let mut rest = title.trim();
    let mut tags = Vec::new();
    loop {
        let pair = [('【', '】'), ('[', ']'), ('〖', '〗')]
            .into_iter()
            .find(|(o, _)| rest.starts_with(*o));
        let Some((open, close)) = pair else { break };
        let Some(end) = rest.find(close) else { break };
        let tag = rest[open.len_utf8()..end].trim();
        if !tag.is_empty() {
            tags.push(tag.to_string());
        }
        rest = rest[end + close.len_utf8()..].trim_start();
    }
    let mut series = None;
    if let Some((at, sep)) = rest
        .char_indices()
        .find(|(_, c)| matches!(c, '丨' | '｜' | '|'))
    {
        let (a, b) = (rest[..at].trim(), rest[at + sep.len_utf8()..].trim());
        if shape::han(a) >= 2 && shape::han(b) >= 2 && shape::len(a) <= 20 {
            series = Some(a.to_string());
            rest = b;
        }
    }
    (tags, series, rest.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn wrapped_headline_is_joined() {
        assert_eq!(
            parts(&v(&["雄安新区首批疏解高校", "开工建设"])),
            v(&["雄安新区首批疏解高校开工建设"])
        );
        assert_eq!(
            parts(&v(&["绿色转型 步履不停", "钢城迎来新产业"])),
            v(&["绿色转型 步履不停", "钢城迎来新产业"])
        );
        assert_eq!(
            parts(&v(&["喜报", "我市夺得全省职业技能大赛团体第一名"])),
            v(&["喜报", "我市夺得全省职业技能大赛团体第一名"])
        );
        // Two full headline lines are too long together to be one wrapped title.
        assert_eq!(
            parts(&v(&[
                "老城街区引来设计工作室扎堆",
                "青砖小院里跑出创意产业新赛道"
            ])),
            v(&["老城街区引来设计工作室扎堆", "青砖小院里跑出创意产业新赛道"])
        );
    }

    #[test]
    fn column_then_title() {
        let h = resolve(v(&["城乡观察", "老旧小区换新颜"]), true);
        assert_eq!(h.column.as_deref(), Some("城乡观察"));
        assert_eq!(h.title.as_deref(), Some("老旧小区换新颜"));
        assert_eq!(h.kicker, None);
    }

    #[test]
    fn section_then_column_then_title() {
        let h = resolve(v(&["城市建设", "城乡观察", "老旧小区换新颜"]), true);
        assert_eq!(h.column.as_deref(), Some("城乡观察"));
        assert_eq!(h.labels, v(&["城市建设"]));
        assert_eq!(h.title.as_deref(), Some("老旧小区换新颜"));
        assert_eq!(h.kicker, None);
    }

    #[test]
    fn kicker_with_parallel_phrases() {
        let h = resolve(
            v(&["守护一方碧水 共享生态红利", "白洋淀重现鱼翔浅底"]),
            false,
        );
        assert_eq!(h.kicker.as_deref(), Some("守护一方碧水 共享生态红利"));
        assert_eq!(h.title.as_deref(), Some("白洋淀重现鱼翔浅底"));
    }

    #[test]
    fn plain_second_line_is_a_subtitle() {
        let h = resolve(
            v(&["一季度经济运行观察", "高新区一季度工业产值同比增长12.5%"]),
            true,
        );
        assert_eq!(h.title.as_deref(), Some("一季度经济运行观察"));
        assert_eq!(
            h.subtitle.as_deref(),
            Some("高新区一季度工业产值同比增长12.5%")
        );
        let h = resolve(v(&["老城区完成管网改造", "惠及居民两万户"]), false);
        assert_eq!(h.title.as_deref(), Some("老城区完成管网改造"));
        assert_eq!(h.subtitle.as_deref(), Some("惠及居民两万户"));
    }

    #[test]
    fn dashed_subtitle() {
        let h = resolve(v(&["一座城的十年", "——写在新区设立十周年之际"]), true);
        assert_eq!(h.title.as_deref(), Some("一座城的十年"));
        assert_eq!(h.subtitle.as_deref(), Some("写在新区设立十周年之际"));
        let h = resolve(v(&["引题在此", "标题在这里", "——副题在下"]), false);
        assert_eq!(h.kicker.as_deref(), Some("引题在此"));
        assert_eq!(h.column, None);
        let h = resolve(v(&["喜迎新春", "京津冀三地联合举办年货节"]), false);
        assert_eq!(h.kicker.as_deref(), Some("喜迎新春"));
        let h = resolve(v(&["城乡观察", "标题在这里", "——副题在下"]), true);
        assert_eq!(h.column.as_deref(), Some("城乡观察"));
        assert_eq!(h.kicker, None);
    }

    #[test]
    fn tags_and_series() {
        let h = resolve(v(&["【区域热点】", "湿地迎来候鸟"]), true);
        assert_eq!(h.column.as_deref(), Some("区域热点"));
        assert_eq!(h.kicker, None);
        let (tags, series, title) = split_tags("【两会时间】代表说丨让老百姓住得更舒心");
        assert_eq!(tags, v(&["两会时间"]));
        assert_eq!(series.as_deref(), Some("代表说"));
        assert_eq!(title, "让老百姓住得更舒心");
        let h = resolve(v(&["【专题】京畿大地丨春耕正忙"]), true);
        assert_eq!(h.kicker.as_deref(), Some("京畿大地"));
        assert_eq!(h.title.as_deref(), Some("春耕正忙"));
        assert_eq!(split_tags("没有标签的标题").2, "没有标签的标题");
    }

    #[test]
    fn two_line_subheads_keep_a_space() {
        assert_eq!(
            subhead(&v(&["守住耕地", "夯实粮食安全根基"])),
            "守住耕地 夯实粮食安全根基"
        );
        assert_eq!(
            subhead(&v(&["推进产业链与创新链", "深度融合"])),
            "推进产业链与创新链深度融合"
        );
    }
}
