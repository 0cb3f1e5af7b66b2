//! Grouping a page's items into articles: a small state machine over headline runs, bylines,
//! paragraphs and terminators.
//!
//! A run of heading lines starts a new article when nothing is open, when the article above has
//! ended (a trailing byline, a source line, an editor line, a jump line), when a byline or pen
//! name follows the run, when the run opens with a column label, when it is a stack of headline
//! lines set apart (kicker, title, ——subtitle), when it stands after a picture-sized gap, when
//! the paragraph below opens with a dateline, or when it follows an unsigned brief under a column.
//! Otherwise it is a subhead of the open article — until a closing byline by other people (or a
//! source line) under an article signed at its top shows the last subhead was a headline; that
//! section then becomes an article of its own. A lead paragraph printed above its headline
//! (under a column label or a picture) is folded into the article below it. A column label over
//! `标题。正文` paragraphs heads a column of one-line briefs.

use super::builder::Builder;
use super::byline::{self, Byline};
use super::headline::{self, Head};
use super::page::{Item, Page};
use super::{body, shape};
use crate::import::{Block, Draft};

/// Walks the items and collects the drafts.
struct Machine<'p> {
    page: &'p Page,
    cur: Option<Builder>,
    out: Vec<Draft>,
    /// Column of the brief chain the next untitled article may belong to.
    column: Option<String>,
    pending: Vec<String>,
    pending_captions: Vec<String>,
    /// The next paragraph opened with a bullet.
    bullet: bool,
    /// Paragraphs of the form `标题。正文` are briefs of their own (a column of one-liners).
    oneliners: bool,
}

/// Groups a page's items into drafts.
pub fn assemble(items: &[Item], page: &Page) -> Vec<Draft> {
    let mut m = Machine {
        page,
        cur: None,
        out: Vec::new(),
        column: None,
        pending: Vec::new(),
        pending_captions: Vec::new(),
        bullet: false,
        oneliners: false,
    };
    let mut i = 0;
    while i < items.len() {
        match &items[i] {
            Item::Heads(..) => {
                let end = items[i..]
                    .iter()
                    .position(|x| !matches!(x, Item::Heads(..)))
                    .map_or(items.len(), |n| i + n);
                let next = items[end..].iter().find(|x| {
                    !matches!(
                        x,
                        Item::Caption(_) | Item::Break | Item::Jump(_) | Item::Bullet
                    )
                });
                m.run(&items[i..end], next);
                i = end;
                continue;
            }
            Item::Title(t) => m.web_title(t),
            Item::Para(p) => m.para(p),
            Item::Byline(b) => m.byline(b),
            Item::Source(s) => m.source(s),
            Item::Caption(c) => m.caption(c),
            Item::Speaker(name, text) => {
                let said = text.clone().or_else(|| said_below(items.get(i + 1)));
                if text.is_none() && said.is_some() {
                    i += 1;
                }
                m.speaker(name, said);
            }
            Item::End => {
                // On a web page the editor line closes the article; what follows is page chrome.
                // An editor line above the text (under the headline) closes nothing.
                if let Some(c) = m.cur.as_mut().filter(|c| c.has_body()) {
                    c.ended = true;
                    if page.web.is_some() {
                        break;
                    }
                }
            }
            Item::Jump(on) => {
                if let Some(c) = m.cur.as_mut().filter(|c| *on && c.has_body()) {
                    c.ended = true;
                }
            }
            Item::Bullet => m.bullet = true,
            Item::Break => {}
        }
        i += 1;
    }
    m.finish();
    m.out
}

/// What a speaker whose label stands alone says: the paragraph (or one short line) below it.
fn said_below(next: Option<&Item>) -> Option<String> {
    match next {
        Some(Item::Para(p)) => Some(p.clone()),
        Some(Item::Heads(lines, _)) if lines.len() == 1 => Some(lines[0].clone()),
        _ => None,
    }
}

impl Machine<'_> {
    fn finish(&mut self) {
        if let Some(b) = self.cur.take() {
            self.column = if b.ended { b.column.clone() } else { None };
            if let Some(d) = b.into_draft(self.page) {
                self.out.push(d);
            }
        }
    }

    /// Starts an article, giving it what arrived before any article was open.
    fn open(&mut self, mut b: Builder) {
        b.authors.append(&mut self.pending);
        b.captions.append(&mut self.pending_captions);
        self.cur = Some(b);
    }

    /// The open article, or a new untitled one when none is open.
    fn body(&mut self) -> &mut Builder {
        if self.cur.as_ref().is_none_or(|c| c.ended) {
            self.finish();
            let column = self.column.take();
            self.open(Builder {
                column,
                ..Builder::default()
            });
        }
        self.cur.get_or_insert_with(Builder::default)
    }

    fn para(&mut self, p: &str) {
        let bullet = std::mem::take(&mut self.bullet);
        let free = self.cur.as_ref().is_none_or(|c| c.ended || !c.has_body());
        if self.oneliners || bullet && free {
            if let Some((title, rest)) = body::one_liner(p) {
                let column = self
                    .cur
                    .as_ref()
                    .and_then(|c| c.column.clone())
                    .or_else(|| self.column.clone());
                self.finish();
                self.oneliners = true;
                let head = Head {
                    title: Some(title.to_string()),
                    ..Head::default()
                };
                let mut b = Builder {
                    column,
                    ..Builder::new(head)
                };
                let closing = b.add_para(rest);
                self.open(b);
                self.close(closing);
                return;
            }
        }
        let closing = self.body().add_para(p);
        self.close(closing);
    }

    /// Closes the open article with the byline that ends its text; when that byline shows the
    /// last subhead was the next article's headline, that section becomes the next article.
    fn close(&mut self, closing: Option<Byline>) {
        let Some(b) = closing else { return };
        let Some(cur) = self.cur.as_mut() else {
            self.pending.extend(b.authors);
            return;
        };
        if let Some(next) = cur.split_last_section(Some(&b.authors)) {
            self.finish();
            self.open(next);
        }
        let cur = self.cur.as_mut().expect("open article");
        cur.authors.extend(b.authors);
        cur.ended = true;
    }

    fn byline(&mut self, b: &Byline) {
        match self.cur.as_mut() {
            None => self.pending.extend(b.authors.iter().cloned()),
            Some(c) if c.has_body() && !c.byline_next => self.close(Some(b.clone())),
            Some(c) => {
                c.byline_next = false;
                c.signed = true;
                c.authors.extend(b.authors.iter().cloned());
            }
        }
    }

    fn source(&mut self, s: &str) {
        let Some(c) = self.cur.as_mut() else { return };
        if c.has_body() {
            if let Some(next) = c.split_last_section(None) {
                self.finish();
                self.open(next);
            }
        }
        let c = self.cur.as_mut().expect("open article");
        c.source = Some(s.to_string());
        c.ended |= c.has_body();
    }

    fn caption(&mut self, c: &str) {
        match self.cur.as_mut() {
            Some(b) => b.captions.push(c.to_string()),
            None => self.pending_captions.push(c.to_string()),
        }
    }

    fn speaker(&mut self, name: &str, said: Option<String>) {
        let b = self.body();
        match said {
            Some(text) => b.blocks.push(Block::Speaker {
                name: name.to_string(),
                text,
            }),
            None => {
                b.add_para(&format!("{name}："));
            }
        }
    }

    fn web_title(&mut self, t: &str) {
        self.finish();
        let mut b = Builder {
            web: true,
            ..Builder::new(headline::resolve(vec![t.to_string()], true))
        };
        if let Some(w) = &self.page.web {
            b.authors.extend(w.authors.iter().cloned());
            b.signed = !b.authors.is_empty();
        }
        self.open(b);
    }

    /// Handles a run of heading blocks: a new article's headline, or subheads of the open one.
    fn run(&mut self, run: &[Item], next: Option<&Item>) {
        let mut blocks: Vec<(Vec<String>, usize)> = run
            .iter()
            .filter_map(|x| match x {
                Item::Heads(lines, gap) => Some((lines.clone(), *gap)),
                _ => None,
            })
            .collect();
        self.oneliners = false;
        self.trailing_name(&mut blocks);
        if blocks.is_empty() || self.one_liner_column(&blocks, next) {
            return;
        }
        let pen = self.pen_name(&mut blocks, matches!(next, Some(Item::Para(_))));
        let leading = pen.is_some() || matches!(next, Some(Item::Byline(b)) if !b.photo);
        let parts: Vec<String> = blocks
            .iter()
            .flat_map(|(lines, _)| headline::parts(lines))
            .collect();
        let picture = blocks[0].1 >= self.page.big_gap;
        let open = self.cur.as_ref().is_some_and(|c| !c.ended);
        if open && !leading && !picture && !self.heads_article(&blocks, &parts, next) {
            let cur = self.cur.as_mut().expect("open article");
            for (lines, _) in &blocks {
                cur.add_subhead(lines);
            }
            return;
        }
        // A page without blank lines cannot show whether a label stood apart.
        let apart = blocks[0].0.len() == 1 || self.page.usual_gap == 0;
        self.start(parts, apart, leading, picture, pen);
    }

    /// True when a run inside an open article is still a headline, not a subhead: it opens with
    /// a column label set apart, it is a stack of headline lines set apart (or has a dashed
    /// subtitle), a dateline follows it, or it follows an unsigned brief under a column.
    fn heads_article(
        &self,
        blocks: &[(Vec<String>, usize)],
        parts: &[String],
        next: Option<&Item>,
    ) -> bool {
        // Two lines set together are a two-part subhead; a column label stands on its own.
        let column = blocks[0].0.len() == 1 && parts.len() >= 2 && headline::is_column(&parts[0]);
        let numbered = parts.iter().any(|p| shape::is_numbered(p));
        let dashed = blocks
            .iter()
            .flat_map(|(l, _)| l.iter().skip(1))
            .any(|l| shape::after_dashes(l).is_some());
        let stack = !numbered && (blocks.len() >= 2 || dashed);
        let next_para = matches!(next, Some(Item::Para(_)));
        let dateline = matches!(next, Some(Item::Para(p)) if byline::dateline(p).is_some());
        let brief =
            self.cur.as_ref().is_some_and(Builder::is_brief) && parts.len() == 1 && next_para;
        column || stack || dateline || brief
    }

    /// A column label alone over `标题。正文` paragraphs heads a column of one-line briefs (only
    /// where an article may start: a subhead over a paragraph looks the same).
    fn one_liner_column(&mut self, blocks: &[(Vec<String>, usize)], next: Option<&Item>) -> bool {
        let closed = self.cur.as_ref().is_none_or(|c| c.ended);
        let ([(lines, _)], Some(Item::Para(p)), true) = (blocks, next, closed) else {
            return false;
        };
        if lines.len() != 1 || !headline::is_column(&lines[0]) || body::one_liner(p).is_none() {
            return false;
        }
        self.finish();
        self.column = Some(lines[0].clone());
        self.oneliners = true;
        true
    }

    /// A surname-name alone above the next headline closes the open article as its byline.
    fn trailing_name(&mut self, blocks: &mut Vec<(Vec<String>, usize)>) {
        let Some(cur) = self.cur.as_mut() else { return };
        let first = &blocks[0].0;
        if blocks.len() >= 2
            && cur.has_body()
            && !cur.ended
            && first.len() == 1
            && byline::is_surname_name(&first[0])
        {
            let name = blocks.remove(0).0.remove(0);
            self.close(Some(Byline {
                authors: vec![name],
                ..Byline::default()
            }));
        }
    }

    /// A pen name under a headline (`进超`): the run's last line, when the text follows it.
    fn pen_name(&self, blocks: &mut Vec<(Vec<String>, usize)>, next_para: bool) -> Option<String> {
        let lines: usize = blocks.iter().map(|(l, _)| l.len()).sum();
        let last = blocks.last()?.0.last()?;
        // Print pads a two-character name to the width of three (`齐 鸣`).
        let name: String = last.split_whitespace().collect();
        let padded = last.split_whitespace().all(|p| shape::len(p) == 1);
        if !next_para
            || lines < 2
            || !byline::is_pen_name(&name)
            || shape::has_inner_space(last) && !padded
        {
            return None;
        }
        let (block, _) = blocks.last_mut()?;
        block.pop();
        if block.is_empty() {
            blocks.pop();
        }
        Some(name)
    }

    /// Opens a new article with the headline `parts`, folding a lead printed above it.
    fn start(
        &mut self,
        parts: Vec<String>,
        apart: bool,
        leading: bool,
        picture: bool,
        pen: Option<String>,
    ) {
        let label_title = apart && parts.len() == 1 && headline::is_column(&parts[0]);
        let head = headline::resolve(parts, apart);
        let weak = head.column.is_some() || !head.labels.is_empty() || picture || label_title;
        let mut b = Builder {
            weak,
            after_picture: picture,
            label_title,
            ..Builder::new(head)
        };
        b.byline_next = leading && pen.is_none();
        b.signed = pen.is_some();
        b.authors.extend(pen);
        let fold = leading && self.cur.as_ref().is_some_and(Builder::is_lead);
        if fold {
            let lead = self.cur.take().expect("lead article");
            b.warnings
                .push("标题前的导语段已并入本文正文开头，请核对".to_string());
            b.blocks = lead.blocks;
            b.paras = lead.paras;
            b.captions = lead.captions;
            let lead_title = lead.head.title.clone();
            if lead.after_picture {
                b.captions.extend(lead_title.clone());
            }
            b.column = b.column.or(lead.column);
            if lead.label_title {
                b.column = b.column.or(lead_title);
            }
        } else {
            self.finish();
            if b.column.is_none() && !leading {
                b.column = self.column.take();
            }
        }
        self.open(b);
    }
}

#[cfg(test)]
mod tests;
