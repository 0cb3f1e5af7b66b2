//! Reading a page: its lines classified one by one (furniture, header, byline, heading,
//! paragraph …), page-level facts (date, masthead, web header), captions found from the gaps
//! around them, and paragraphs cut by a column break stitched back together.
//!
//! The result is a flat list of [`Item`]s; grouping them into articles is [`super::article`]'s job.

use chrono::NaiveDate;

use super::byline::{self, Byline};
use super::header::{self, WebHeader};
use super::lines::{self, Line};
use super::{body, furniture, shape};

/// Facts about the whole page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// Publication date from a page or web header.
    pub date: Option<NaiveDate>,
    /// The newspaper the masthead names.
    pub masthead: Option<String>,
    /// The web article header (`2023-02-28 14:39:36 来源：X`), if this is a web page.
    pub web: Option<WebHeader>,
    /// Blank lines usually found between two lines of the page (0 when paragraphs are single lines).
    pub usual_gap: usize,
    /// Blank lines that mark a picture or a region break (more than the page's usual gap).
    pub big_gap: usize,
}

/// One unit of the page, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// Heading-shaped lines with no blank line between them, and the blank lines before them.
    Heads(Vec<String>, usize),
    /// The headline of a web article (the line above its date line).
    Title(String),
    /// A paragraph, stitched across column breaks.
    Para(String),
    /// A byline on its own line.
    Byline(Byline),
    /// A source line (`据《X》`).
    Source(String),
    /// An image caption or picture credit.
    Caption(String),
    /// A speaker label and the words on the same line, if any.
    Speaker(String, Option<String>),
    /// An editor line: the article above it is over.
    End,
    /// A jump line; `true` when it sends the article on to another page (下转).
    Jump(bool),
    /// A header line: separates what is above from what is below.
    Break,
    /// The next paragraph opened with a bullet (● ■ …).
    Bullet,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Drop,
    Jump,
    End,
    Meta,
    Title,
    Source(String),
    Caption,
    Speaker(String, Option<String>),
    Byline(Byline),
    Heading,
    Para,
}

fn classify(t: &str) -> Kind {
    if furniture::is_jump_line(t) {
        return Kind::Jump;
    }
    if furniture::is_furniture(t) {
        return Kind::Drop;
    }
    // A web header may name its editor too (`发布时间：… 来源：… 编辑：…`): header first.
    if header::web_header(t).is_some()
        || header::header_date(t).is_some()
        || header::masthead(t).is_some()
    {
        return Kind::Meta;
    }
    if furniture::is_editor_line(t) {
        return Kind::End;
    }
    if let Some(s) = byline::source_line(t) {
        return Kind::Source(s);
    }
    if byline::is_photo_credit(t) || byline::ends_with_credit(t) || body::is_marked_caption(t) {
        return Kind::Caption;
    }
    if let Some((name, text)) = body::speaker_label(t) {
        return Kind::Speaker(name, text);
    }
    if let Some(b) = byline::parse_line(t) {
        return Kind::Byline(b);
    }
    if shape::is_heading_shape(t) {
        Kind::Heading
    } else {
        Kind::Para
    }
}

/// Drops the headlines (and their dates) listed under `相关阅读：` and the like.
fn drop_link_lists(lines: &[Line], kinds: &mut [Kind]) {
    let mut listing = false;
    for (l, k) in lines.iter().zip(kinds.iter_mut()) {
        if furniture::opens_link_list(&l.text) {
            listing = true;
        } else if listing && matches!(k, Kind::Heading | Kind::Meta | Kind::Drop) {
            *k = Kind::Drop;
        } else {
            listing = false;
        }
    }
}

/// Reads the page-level facts from header lines, and marks a web article's headline and the
/// navigation above it.
fn scan(lines: &[Line], kinds: &mut [Kind]) -> Page {
    let usual = lines::usual_gap(lines);
    let mut page = Page {
        usual_gap: usual,
        big_gap: (usual + 2).max(2),
        ..Page::default()
    };
    for (i, l) in lines.iter().enumerate() {
        if kinds[i] != Kind::Meta {
            continue;
        }
        if page.web.is_none() {
            if let Some(w) = header::web_header(&l.text) {
                mark_web_title(kinds, i);
                page.date = page.date.or(w.date);
                page.web = Some(w);
            }
        }
        page.date = page.date.or_else(|| header::header_date(&l.text));
        page.masthead = page.masthead.take().or_else(|| header::masthead(&l.text));
    }
    page
}

/// The headline of a web article is the heading just above its date line; what is above the
/// headline is navigation.
fn mark_web_title(kinds: &mut [Kind], header_at: usize) {
    let skip = |k: &Kind| {
        matches!(
            k,
            Kind::Drop | Kind::Meta | Kind::Source(_) | Kind::Byline(_)
        )
    };
    let above = (0..header_at)
        .rev()
        .take_while(|&j| header_at - j <= 5)
        .find(|&j| !skip(&kinds[j]));
    if let Some(t) = above.filter(|&j| kinds[j] == Kind::Heading) {
        kinds[t] = Kind::Title;
        kinds[..t].iter_mut().for_each(|k| *k = Kind::Drop);
    }
}

/// Marks short one-sentence lines that stand alone between big gaps (or at the page's edges)
/// as captions, unless a byline follows them.
fn mark_captions(lines: &[Line], kinds: &mut [Kind], big: usize) {
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| !matches!(kinds[i], Kind::Drop | Kind::Jump))
        .collect();
    for (n, &i) in content.iter().enumerate() {
        if !matches!(kinds[i], Kind::Para | Kind::Heading) || !body::caption_shape(&lines[i].text) {
            continue;
        }
        let next = content.get(n + 1).copied();
        // At the top of the page, only a line above a headline is a caption.
        let top = n == 0 && next.is_some_and(|j| kinds[j] == Kind::Heading);
        let before_big = top || lines[i].gap >= big;
        let after_big = next.is_none_or(|j| lines[j].gap >= big);
        if next.is_some_and(|j| matches!(kinds[j], Kind::Byline(_))) {
            continue;
        }
        // After a paragraph cut mid-sentence, a short piece is more likely its end than a caption.
        let prev = n.checked_sub(1).map(|m| content[m]);
        if let Some(p) = prev.filter(|&p| !shape::ends_sentence(&lines[p].text)) {
            let short = kinds[p] == Kind::Para && shape::len(&lines[i].text) < 10;
            if matches!(kinds[p], Kind::Para | Kind::Heading)
                && (short || body::word_spans(&lines[p].text, &lines[i].text))
            {
                continue;
            }
        }
        // After an article's closing byline, with nothing or a headline below: a picture's line.
        let closed = prev
            .is_some_and(|p| matches!(kinds[p], Kind::Byline(_) | Kind::Source(_) | Kind::End))
            && next.is_none_or(|j| kinds[j] == Kind::Heading);
        let sentence = lines[i].text.ends_with('。') && (before_big || closed);
        let isolated = kinds[i] == Kind::Heading && before_big && after_big && n > 0;
        if sentence || isolated {
            kinds[i] = Kind::Caption;
        }
    }
}

/// Reads a normalised page into its facts and items.
pub fn read(text: &str) -> (Page, Vec<Item>) {
    let lines = lines::read(text);
    let mut kinds: Vec<Kind> = lines.iter().map(|l| classify(&l.text)).collect();
    drop_link_lists(&lines, &mut kinds);
    let page = scan(&lines, &mut kinds);
    mark_captions(&lines, &mut kinds, page.big_gap);
    (page, stitch(&lines, kinds))
}

/// Turns classified lines into items: heading lines without a gap grouped, paragraph pieces
/// split by a column or page break joined.
fn stitch(lines: &[Line], kinds: Vec<Kind>) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::with_capacity(lines.len());
    // The item a following text line may continue; furniture and captions do not interrupt it.
    let mut open: Option<usize> = None;
    for (line, kind) in lines.iter().zip(kinds) {
        let t: &str = &line.text;
        match kind {
            Kind::Drop => continue,
            Kind::Caption => {
                items.push(Item::Caption(t.to_string()));
                continue;
            }
            Kind::Jump => items.push(Item::Jump(furniture::jumps_on(t))),
            Kind::Para | Kind::Heading => {
                if line.bullet && kind == Kind::Para {
                    items.push(Item::Bullet);
                    open = None;
                }
                if let Some(ix) = open {
                    if continues_item(&items[ix], t) {
                        items[ix] = match std::mem::replace(&mut items[ix], Item::Break) {
                            Item::Para(mut p) => {
                                shape::append(&mut p, t);
                                Item::Para(p)
                            }
                            Item::Heads(lines, _) => Item::Para(shape::join(&lines[0], t)),
                            other => other,
                        };
                        continue;
                    }
                    let last = ix + 1 == items.len();
                    if let (Kind::Heading, Item::Heads(block, _)) = (&kind, &mut items[ix]) {
                        if line.gap == 0 && last {
                            block.push(t.to_string());
                            continue;
                        }
                    }
                }
                items.push(if kind == Kind::Heading {
                    Item::Heads(vec![t.to_string()], line.gap)
                } else {
                    Item::Para(t.to_string())
                });
                open = Some(items.len() - 1);
                continue;
            }
            Kind::Title => items.push(Item::Title(t.to_string())),
            Kind::End => items.push(Item::End),
            Kind::Meta => items.push(Item::Break),
            Kind::Source(s) => items.push(Item::Source(s)),
            Kind::Speaker(name, text) => items.push(Item::Speaker(name, text)),
            Kind::Byline(b) => items.push(Item::Byline(b)),
        }
        open = None;
    }
    items
}

/// True when `next` continues the paragraph (or one-line heading) `item` across a break.
fn continues_item(item: &Item, next: &str) -> bool {
    let prev = match item {
        Item::Para(p) => p,
        Item::Heads(lines, _) if lines.len() == 1 => &lines[0],
        _ => return false,
    };
    let heading_prev = matches!(item, Item::Heads(..));
    if (prev.ends_with('）') || prev.ends_with(')'))
        && furniture::strip_jump(shape::tail(prev, 120)).1
    {
        return false;
    }
    // Two heading-shaped lines with a blank line between are two headings, whatever words
    // their ends and starts happen to make.
    if heading_prev {
        !shape::is_heading_shape(next)
            && (body::continues(prev, next) && !shape::is_heading_shape(&shape::join(prev, next))
                || body::word_spans(prev, next))
    } else {
        body::continues(prev, next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str) -> Vec<Item> {
        read(text).1
    }

    fn para(s: &str) -> Item {
        Item::Para(s.to_string())
    }

    #[test]
    fn column_break_is_stitched() {
        let got = items("新厂房已经封顶。全年产值可\n\n达5亿元。\n");
        assert_eq!(got, vec![para("新厂房已经封顶。全年产值可达5亿元。")]);
    }

    #[test]
    fn break_inside_a_word_is_stitched() {
        let got = items("社区组织志愿者，邀请老\n\n师走进课堂，讲解垃圾分类。\n");
        assert_eq!(
            got,
            vec![para("社区组织志愿者，邀请老师走进课堂，讲解垃圾分类。")]
        );
    }

    #[test]
    fn heading_lines_form_one_block() {
        let got = items("新区首批高校\n开工建设\n\n近日，新区首批疏解高校开工。\n");
        assert_eq!(
            got[0],
            Item::Heads(vec!["新区首批高校".into(), "开工建设".into()], 0)
        );
        assert_eq!(got[1], para("近日，新区首批疏解高校开工。"));
    }

    #[test]
    fn caption_between_big_gaps() {
        let text = "标题在这里\n\n第一段正文内容，写得很长很长。\n\n\n\n新建成的湿地公园一角。\n\n第二段正文，继续讲述。\n";
        let got = items(text);
        assert!(
            got.contains(&Item::Caption("新建成的湿地公园一角。".into())),
            "{got:?}"
        );
    }

    #[test]
    fn web_header_marks_title_and_navigation() {
        let text = "某某新闻网 首页\n\n春耕时节访田间\n\n2022-04-01 10:00:00 来源：某某新闻网\n\n正文第一段。\n";
        let (page, got) = read(text);
        assert_eq!(got[0], Item::Title("春耕时节访田间".into()));
        assert_eq!(page.date, NaiveDate::from_ymd_opt(2022, 4, 1));
        assert_eq!(page.web.unwrap().source.as_deref(), Some("某某新闻网"));
    }

    #[test]
    fn masthead_and_page_date() {
        let (page, _) = read("廊坊日报\n2021年9月2日 星期四\n\n标题\n\n正文。\n");
        assert_eq!(page.masthead.as_deref(), Some("廊坊日报"));
        assert_eq!(page.date, NaiveDate::from_ymd_opt(2021, 9, 2));
    }

    #[test]
    fn furniture_is_gone() {
        let got = items("【字体：大 中 小】\n\n正文。\n\n扫码阅读手机版\n\n（下转第二版）\n");
        assert_eq!(got, vec![para("正文。"), Item::Jump(true)]);
    }

    #[test]
    fn link_lists_are_dropped() {
        let got = items("正文。\n\n相关阅读：\n某地新建三座公园\n2024-04-01\n另一条新闻标题\n");
        assert_eq!(got, vec![para("正文。")]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in [
            "",
            "\n\n\n",
            "。",
            "（",
            "——",
            "\u{feff}",
            "a\u{0}b",
            "丨",
            "【",
            "1:",
            "：",
            "本报讯",
            "据",
        ] {
            let _ = read(t);
        }
    }
}
