//! Where a name stands in its sentence: opening it (北三县与通州区仅一河之隔), framing it
//! (在保定，…), or as one item of an enumeration of specific places (三河、大厂、香河的企业).
//! A name in such a place says the sentence is about it, though the article names it once.

use std::ops::Range;

use super::context;
use super::mentions::Mention;

/// Words that join the items of an enumeration, at the end of the gap before the next item.
const ENUM_JOINERS: &[&str] = &["、", "以及", "及", "和", "与", "同"];

/// Words that join two subjects of one sentence (北三县与通州区…).
const SUBJECT_JOINERS: &[&str] = &["、", "与", "和", "及", "同", "跟"];

/// An enumeration needs at least this many places.
const MIN_ITEMS: usize = 3;

/// Name chains: runs of mentions written one right after another (天津宝坻, 河北省廊坊市), as
/// index ranges into `found`.
fn chains(text: &str, found: &[Mention]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for i in 0..found.len() {
        let joined = i > 0 && {
            let gap = text.get(found[i - 1].end..found[i].start).unwrap_or("。");
            gap.is_empty() || gap == "·"
        };
        match out.last_mut() {
            Some(last) if joined => last.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// Byte span of a chain in its text.
fn span(found: &[Mention], chain: &Range<usize>) -> (usize, usize) {
    (found[chain.start].start, found[chain.end - 1].end)
}

/// Marks the mentions that open their sentence, frame it as a locative (在X，), or are joined
/// to such a name as a second subject (北三县与通州区).
pub fn mark(text: &str, found: &mut [Mention]) {
    let mut previous: Option<usize> = None;
    for chain in chains(text, found) {
        let (start, end) = span(found, &chain);
        let joined = previous
            .and_then(|e| text.get(e..start))
            .is_some_and(|gap| SUBJECT_JOINERS.contains(&gap));
        let salient = joined
            || context::opens_sentence(text, start)
            || context::is_locative_frame(text, start, end);
        if salient {
            found[chain].iter_mut().for_each(|m| m.salient = true);
            previous = Some(end);
        } else {
            previous = None;
        }
    }
}

/// Numbers the enumerations of places: three or more name chains in one clause, each gap
/// ending in a joiner (、, 以及 …), not closed by 等 (北京、天津、河北等地 gives examples). The
/// mentions of each item get the enumeration's number.
pub fn enumerations(text: &str, found: &mut [Mention]) {
    let chains = chains(text, found);
    let mut next_id = 0;
    let mut run: Vec<&Range<usize>> = Vec::new();
    for (k, chain) in chains.iter().enumerate() {
        run.push(chain);
        let joined = chains.get(k + 1).is_some_and(|c| {
            let gap = text
                .get(span(found, chain).1..span(found, c).0)
                .unwrap_or("。");
            !gap.chars().any(context::is_clause_break)
                && ENUM_JOINERS.iter().any(|j| gap.ends_with(j))
        });
        if joined {
            continue;
        }
        let end = span(found, chain).1;
        let closed = context::run_after(text, end, 3).contains('等');
        if run.len() >= MIN_ITEMS && !closed {
            for c in &run {
                found[(*c).clone()]
                    .iter_mut()
                    .for_each(|m| m.list = Some(next_id));
            }
            next_id += 1;
        }
        run.clear();
    }
}
