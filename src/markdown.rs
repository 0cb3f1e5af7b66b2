//! Markdown → HTML for article bodies, with the by-products lists need: heading anchors and a table of
//! contents, the plain text a summary is cut from, and reading measures.
//!
//! Extensions: tables, footnotes, strikethrough, heading attributes (`{#id}`). Fenced code goes through
//! [`crate::highlight`]. `<!-- more -->` marks where an explicit summary ends.

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::text::Measure;

/// The marker that ends a hand-chosen summary.
pub const MORE_MARKER: &str = "<!-- more -->";

/// Longest plain-text lead kept for summaries, in characters.
const LEAD_CHARS: usize = 240;

/// One `##`/`###` heading, for a table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// The anchor id.
    pub id: String,
    /// Heading text.
    pub title: String,
}

/// A rendered body.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Body {
    /// The HTML.
    pub html: String,
    /// Headings of level 2 and 3.
    pub toc: Vec<TocEntry>,
    /// Plain text of the opening paragraphs (up to the more-marker if there is one).
    pub lead: String,
    /// Whether `<!-- more -->` cut the lead.
    pub has_more: bool,
    /// Characters and words of the body text (code excluded).
    pub measure: Measure,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `markdown` to HTML. Root-relative link and image targets (`/carbon/x/`) are prefixed
/// with `base_path` (`/xietong/`) so that articles keep working when the site lives under a path.
pub fn render(markdown: &str, base_path: &str) -> Body {
    let mut state = State::default();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut parser = Parser::new_ext(markdown, options());
    while let Some(event) = parser.next() {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let inner: Vec<Event<'_>> = parser
                    .by_ref()
                    .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                    .collect();
                let id = state.heading(level, id, &inner);
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(id.into()),
                    classes,
                    attrs,
                }));
                events.extend(inner);
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match &kind {
                    CodeBlockKind::Fenced(l) => l.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let mut code = String::new();
                for e in parser.by_ref() {
                    match e {
                        Event::Text(t) => code.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                events.push(Event::Html(
                    crate::highlight::code_block(&lang, &code).into(),
                ));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rebase(dest_url, base_path);
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rebase(dest_url, base_path);
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Html(ref h) | Event::InlineHtml(ref h) if h.trim() == MORE_MARKER => {
                state.more = true;
            }
            other => {
                state.observe(&other);
                events.push(other);
            }
        }
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // Bodies stay in memory until their page is rendered: don't keep the growth slack.
    html.shrink_to_fit();
    Body {
        html,
        toc: state.toc,
        lead: state.lead.trim().to_string(),
        has_more: state.more,
        measure: state.measure,
    }
}

/// `/x/` → `{base_path}x/` for site-root links; anything else is left alone.
fn rebase<'a>(url: CowStr<'a>, base_path: &str) -> CowStr<'a> {
    match url.strip_prefix('/') {
        Some(rest) if base_path != "/" && !rest.starts_with('/') && !url.starts_with(base_path) => {
            format!("{base_path}{rest}").into()
        }
        _ => url,
    }
}

#[derive(Default)]
struct State {
    ids: HashSet<String>,
    toc: Vec<TocEntry>,
    lead: String,
    more: bool,
    lead_done: bool,
    in_paragraph: usize,
    measure: Measure,
}

impl State {
    /// Chooses the heading's id (the author's `{#id}` or a pinyin slug) and records it.
    fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'_>>,
        inner: &[Event<'_>],
    ) -> String {
        let title: String = inner
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        self.measure.add(Measure::of(&title));
        self.lead_done |= !self.lead.is_empty();
        let base = id.map(|i| i.to_string()).unwrap_or_else(|| {
            let s = crate::slug::from_text(&title);
            if s.is_empty() {
                format!("section-{}", self.ids.len() + 1)
            } else {
                s
            }
        });
        let id = crate::slug::unique(&base, &mut self.ids);
        let level = level as u8;
        if (2..=3).contains(&level) {
            self.toc.push(TocEntry {
                level,
                id: id.clone(),
                title,
            });
        }
        id
    }

    fn observe(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(Tag::Paragraph) => self.in_paragraph += 1,
            Event::End(TagEnd::Paragraph) => {
                self.in_paragraph = self.in_paragraph.saturating_sub(1);
                if self.lead.chars().count() >= LEAD_CHARS && !self.more {
                    self.lead_done = true;
                }
            }
            Event::Text(t) | Event::Code(t) => {
                self.measure.add(Measure::of(t));
                if self.in_paragraph > 0 && !self.lead_done && !self.more {
                    self.lead.push_str(t);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_(md: &str) -> Body {
        render(md, "/")
    }

    #[test]
    fn root_links_get_the_base_path() {
        let b = render(
            "[甲](/carbon/a/) [乙](https://x.cn/) [丙](/xietong/c/) ![图](/img/a.png)",
            "/xietong/",
        );
        assert!(b.html.contains("href=\"/xietong/carbon/a/\""), "{}", b.html);
        assert!(b.html.contains("href=\"https://x.cn/\""));
        assert!(b.html.contains("href=\"/xietong/c/\""));
        assert!(b.html.contains("src=\"/xietong/img/a.png\""));
    }

    #[test]
    fn headings_get_pinyin_ids_and_toc() {
        let b = render_("## 产业协作\n\n文字\n\n### 产业协作\n");
        assert!(
            b.html.contains("<h2 id=\"chan-ye-xie-zuo\">产业协作</h2>"),
            "{}",
            b.html
        );
        assert!(
            b.html.contains("<h3 id=\"chan-ye-xie-zuo-2\">"),
            "{}",
            b.html
        );
        assert_eq!(b.toc.len(), 2);
    }

    #[test]
    fn explicit_heading_id_is_kept() {
        let b = render_("## 背景 {#bg}\n");
        assert!(b.html.contains("<h2 id=\"bg\">背景</h2>"), "{}", b.html);
    }

    #[test]
    fn tables_footnotes_and_strikethrough_render() {
        let b =
            render_("| 城市 | 数 |\n|---|---|\n| 沧州 | 3 |\n\n注释[^1] ~~删~~\n\n[^1]: 说明\n");
        assert!(b.html.contains("<table>"));
        assert!(b.html.contains("footnote-definition"));
        assert!(b.html.contains("<del>删</del>"));
    }

    #[test]
    fn fenced_code_is_highlighted_with_classes() {
        let b = render_("```rust\nlet a = 1;\n```\n");
        assert!(
            b.html.contains("<pre class=\"code\" data-lang=\"rust\">"),
            "{}",
            b.html
        );
        assert!(b.html.contains("hl-"));
    }

    #[test]
    fn more_marker_ends_the_lead_and_is_not_output() {
        let b = render_("第一段。\n\n<!-- more -->\n\n第二段。\n");
        assert!(b.has_more);
        assert_eq!(b.lead, "第一段。");
        assert!(!b.html.contains("more"));
    }

    #[test]
    fn lead_takes_opening_paragraphs_only() {
        let b = render_("导语。\n\n## 小标题\n\n正文。\n");
        assert_eq!(b.lead, "导语。");
    }

    #[test]
    fn measure_excludes_code() {
        let b = render_("中文五个字\n\n```\n代码不算\n```\n");
        assert_eq!(b.measure.cjk, 5);
    }
}
