//! One article while it is being read: its headline, bylines, blocks and whether it has ended,
//! and the rules that read a dateline or a closing byline off its paragraphs.

use super::byline::{self, Byline};
use super::furniture;
use super::headline::{self, Head};
use super::page::Page;
use crate::import::{Block, Draft};

/// An article being read.
#[derive(Debug, Default)]
pub struct Builder {
    /// Column label, kicker, title, subtitle.
    pub head: Head,
    /// The column it runs under.
    pub column: Option<String>,
    /// Authors found so far.
    pub authors: Vec<String>,
    /// The authors came from a byline above the text (or a dateline), not one closing it.
    pub signed: bool,
    /// A source line or trailing source.
    pub source: Option<String>,
    /// The agency of a dateline (`新华社`).
    pub agency: Option<String>,
    /// The article of a web page (its header names the source).
    pub web: bool,
    /// Body blocks.
    pub blocks: Vec<Block>,
    /// Captions met while it was open.
    pub captions: Vec<String>,
    /// Paragraphs in `blocks`.
    pub paras: usize,
    /// Index in `blocks` of the last subhead, and its printed lines.
    pub last_subhead: Option<(usize, Vec<String>)>,
    /// A trailing byline, source or editor line closed it.
    pub ended: bool,
    /// The title may be a picture caption or a series label rather than a headline.
    pub weak: bool,
    /// The title stood after a picture-sized gap.
    pub after_picture: bool,
    /// The title is a short label alone (`区域热点`): a column label if a lead follows it.
    pub label_title: bool,
    /// A byline follows the headline (even when a folded lead already gave the article a body).
    pub byline_next: bool,
    /// Segmentation guesses an editor should check.
    pub warnings: Vec<String>,
}

impl Builder {
    /// An article under the headline `head`.
    pub fn new(head: Head) -> Builder {
        Builder {
            column: head.column.clone(),
            head,
            ..Builder::default()
        }
    }

    /// True once a paragraph, subhead or speaker turn was added.
    pub fn has_body(&self) -> bool {
        !self.blocks.is_empty()
    }

    /// Adds a paragraph: a dateline opening the article and a source closing it are read and
    /// removed. A byline closing it is removed and returned, for the caller to place.
    pub fn add_para(&mut self, text: &str) -> Option<Byline> {
        let (mut p, jumped) = furniture::strip_jump(furniture::strip_closing_note(text));
        self.ended |= jumped;
        if self.paras == 0 {
            if let Some(d) = byline::dateline(&p) {
                self.signed |= !d.byline.authors.is_empty();
                self.authors.extend(d.byline.authors);
                self.agency = d.agency;
                p = d.rest;
            }
        }
        let mut closing = None;
        if let Some((pre, b)) = byline::trailing(&p) {
            closing = Some(b);
            p = pre;
        } else if let Some((pre, s)) = byline::trailing_source(&p) {
            self.source = Some(s);
            p = pre;
            self.ended = true;
        }
        if !p.is_empty() {
            self.blocks.push(Block::Paragraph(p));
            self.paras += 1;
        }
        closing
    }

    /// Adds a subhead printed as `lines`, unless it repeats the headline (a logo line under a
    /// web headline).
    pub fn add_subhead(&mut self, lines: &[String]) {
        let text = headline::subhead(lines);
        let h = &self.head;
        let repeats = [&h.title, &h.kicker, &h.subtitle, &self.column]
            .iter()
            .any(|x| x.as_deref() == Some(text.as_str()))
            || h.labels.contains(&text);
        if !repeats && !text.is_empty() {
            self.last_subhead = Some((self.blocks.len(), lines.to_vec()));
            self.blocks.push(Block::Heading(text));
        }
    }

    /// The section after the last subhead, as an article of its own, when what closes it shows
    /// that subhead was the next article's headline: a byline by other people (an article signed
    /// above its text does not also sign below it), or a source line under a signed article.
    /// `closing` holds the closing byline's names; `None` for a source line.
    pub fn split_last_section(&mut self, closing: Option<&[String]>) -> Option<Builder> {
        let (at, _) = self.last_subhead.as_ref()?;
        let at = *at;
        let others = closing.is_none_or(|names| names.iter().any(|a| !self.authors.contains(a)));
        if !self.signed || !others || at + 1 >= self.blocks.len() {
            return None;
        }
        let (_, lines) = self.last_subhead.take()?;
        let mut tail = self.blocks.split_off(at);
        tail.remove(0);
        let paras = tail
            .iter()
            .filter(|b| matches!(b, Block::Paragraph(_)))
            .count();
        self.paras -= paras;
        let head = headline::resolve(headline::parts(&lines), true);
        let column = head.column.clone().or_else(|| self.column.clone());
        let note = "原为上一篇文章中的小标题，因文末署名另起一篇，请核对分篇".to_string();
        Some(Builder {
            blocks: tail,
            paras,
            column,
            warnings: vec![note],
            ..Builder::new(head)
        })
    }

    /// True for a lead printed above the headline it belongs to: a paragraph or two with no
    /// byline, no source and no headline of its own (or one that may be a caption or label).
    pub fn is_lead(&self) -> bool {
        self.authors.is_empty()
            && self.source.is_none()
            && !self.ended
            && (1..=2).contains(&self.paras)
            && self.blocks.iter().all(|b| matches!(b, Block::Paragraph(_)))
            && (self.head.title.is_none() || self.weak)
    }

    /// True for a brief under a column label: a headline and a short paragraph or two, no byline.
    pub fn is_brief(&self) -> bool {
        let short = self
            .blocks
            .iter()
            .map(|b| {
                if let Block::Paragraph(p) = b {
                    p.len()
                } else {
                    0
                }
            })
            .sum::<usize>()
            <= 1200;
        self.column.is_some()
            && self.head.title.is_some()
            && self.authors.is_empty()
            && self.source.is_none()
            && !self.ended
            && (1..=2).contains(&self.paras)
            && self.last_subhead.is_none()
            && short
    }

    /// The finished draft; `None` when the article has no body.
    pub fn into_draft(self, page: &Page) -> Option<Draft> {
        if self.blocks.is_empty() {
            return None;
        }
        let mut authors: Vec<String> = Vec::new();
        for a in self.authors {
            if !authors.contains(&a) {
                authors.push(a);
            }
        }
        let web_source = if self.web {
            page.web.as_ref().and_then(|w| w.source.clone())
        } else {
            None
        };
        let source = self
            .source
            .or(self.agency)
            .or(web_source)
            .or_else(|| page.masthead.clone());
        Some(Draft {
            title: self.head.title.filter(|t| !t.is_empty()),
            kicker: self.head.kicker,
            subtitle: self.head.subtitle,
            authors,
            source,
            date: page.date,
            column: self.column,
            blocks: self.blocks,
            captions: self.captions,
            warnings: self.warnings,
        })
    }
}
