//! The lines of a page: trimmed, with the blank lines before each counted, and hard-wrapped
//! paragraphs (text copied from a PDF with a line break every N characters) reflowed.
//!
//! Reflowing is cautious: it only joins lines that fill the wrap width, hold no phrase space and
//! do not end a sentence, and only on pages (or blocks) whose shape shows they were wrapped.

use std::borrow::Cow;

use super::shape;

/// One non-blank line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    /// The text, trimmed, without leading ornaments (■ ●).
    pub text: Cow<'a, str>,
    /// Blank lines before it.
    pub gap: usize,
    /// It opened with an ornament (a bullet).
    pub bullet: bool,
}

fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}')
}

/// The non-blank lines of `text`, reflowed where the page was hard-wrapped.
pub fn read(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut gap = 0;
    for raw in text.lines() {
        let t = trim(raw);
        let bare = trim(shape::strip_ornaments(t));
        if bare.is_empty() {
            gap += 1;
        } else {
            out.push(Line {
                text: Cow::Borrowed(bare),
                gap,
                bullet: bare.len() < t.len(),
            });
            gap = 0;
        }
    }
    reflow(out)
}

/// The most common number of blank lines between two lines (capped at 3; the larger on a tie).
pub fn usual_gap(lines: &[Line]) -> usize {
    let mut counts = [0usize; 4];
    for l in lines.iter().skip(1) {
        counts[l.gap.min(3)] += 1;
    }
    (0..4).max_by_key(|&g| (counts[g], g)).unwrap_or(0)
}

/// The wrap width of a hard-wrapped page: the line length most lines share, when most of those
/// lines stop mid-sentence. `None` for pages with one line per paragraph.
fn wrap_width(lines: &[Line]) -> Option<usize> {
    let mut counts = [0usize; 61];
    let mut long = 0;
    for l in lines {
        let n = shape::len(&l.text);
        if n >= 10 {
            long += 1;
        }
        if (10..=60).contains(&n) {
            counts[n] += 1;
        }
    }
    let width = (11..60).max_by_key(|&w| counts[w - 1] + counts[w] + counts[w + 1])?;
    let near = |n: usize| n + 1 >= width && n <= width + 1;
    let full: Vec<&Line> = lines.iter().filter(|l| near(shape::len(&l.text))).collect();
    let open = full
        .iter()
        .filter(|l| !shape::ends_sentence(&l.text))
        .count();
    (full.len() >= 6 && full.len() * 5 >= long * 2 && open * 5 >= full.len() * 3).then_some(width)
}

/// True when printed line `a`, set in a column `width` wide, runs on into the next line: it fills
/// the width, holds no phrase space and does not end a sentence.
fn runs_on(a: &str, width: usize) -> bool {
    let n = shape::len(a);
    n >= 10 && n + 2 >= width && !shape::ends_sentence(a) && !shape::has_inner_space(a)
}

/// True when a block of lines with no blank line between them is one wrapped paragraph: its
/// lines (but the last) are about equally long, and it reads as prose (a comma or a stop).
fn prose_block(block: &[Line]) -> bool {
    let prose = block
        .iter()
        .any(|l| l.text.contains(['，', '。', ',', '；', '、']));
    block.len() >= 2 && prose
}

/// Joins lines of hard-wrapped paragraphs.
fn reflow(lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    let page_width = wrap_width(&lines);
    if page_width.is_none() && usual_gap(&lines) == 0 {
        return lines;
    }
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut start = 0;
    while start < lines.len() {
        let end = (start + 1..lines.len())
            .find(|&j| lines[j].gap > 0)
            .unwrap_or(lines.len());
        let block = &lines[start..end];
        let width = page_width.or_else(|| {
            prose_block(block).then(|| block.iter().map(|l| shape::len(&l.text)).max().unwrap_or(0))
        });
        // The printed line last added to `out` (a joined paragraph keeps growing; whether it
        // runs on depends on its last printed line only).
        let mut last: &str = "";
        for line in block {
            match (out.last_mut(), width) {
                (Some(prev), Some(w)) if line.gap == 0 && !line.bullet && runs_on(last, w) => {
                    shape::append(prev.text.to_mut(), &line.text);
                }
                _ => out.push(line.clone()),
            }
            last = &line.text;
        }
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<String> {
        read(t).into_iter().map(|l| l.text.into_owned()).collect()
    }

    #[test]
    fn blank_lines_and_bullets_are_counted() {
        let ls = read("\n\n■ 第一行\n\n第二行\n");
        assert_eq!(ls[0].gap, 2);
        assert!(ls[0].bullet);
        assert_eq!(ls[0].text, "第一行");
        assert_eq!(ls[1].gap, 1);
    }

    #[test]
    fn hard_wrapped_block_is_reflowed() {
        let t = "标题在这里\n\n近日，记者从市发改委获悉，今年以来全\n市重点项目建设进展顺利，已完成投资一\n百二十亿元。\n\n下一段正文。\n";
        assert_eq!(texts(t), vec!["标题在这里", "近日，记者从市发改委获悉，今年以来全市重点项目建设进展顺利，已完成投资一百二十亿元。", "下一段正文。"]);
    }

    #[test]
    fn headline_blocks_are_left_alone() {
        let t =
            "发挥区位优势 深化区域协同\n老城焕发新活力\n\n守住耕地\n夯实粮食安全根基\n\n正文。\n";
        assert_eq!(
            texts(t),
            vec![
                "发挥区位优势 深化区域协同",
                "老城焕发新活力",
                "守住耕地",
                "夯实粮食安全根基",
                "正文。"
            ]
        );
    }

    #[test]
    fn one_line_paragraphs_are_left_alone() {
        let t = "全市新能源产业加快发展\n今年以来，全市新能源产业保持较快增长，多个重点项目投产。\n扩大有效投资，推动项目落地见效\n一季度，新能源领域完成投资同比增长两成。\n";
        assert_eq!(texts(t).len(), 4);
    }

    #[test]
    fn hard_wrapped_page_without_blank_lines() {
        let mut t = String::from("老城更新 新貌初显\n");
        for _ in 0..4 {
            t.push_str("今年以来，老城区启动了新一轮更新改造，\n一批老旧小区完成了外立面和管网改造，居\n民的居住条件明显改善。\n");
        }
        let got = texts(&t);
        assert_eq!(got[0], "老城更新 新貌初显");
        assert_eq!(got.len(), 5, "{got:?}");
        assert!(got[1].ends_with("居民的居住条件明显改善。"));
    }
}
