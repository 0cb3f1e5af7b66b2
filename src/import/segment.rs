//! Cutting a page into articles. (Placeholder: one article per page; being replaced.)

use super::{Block, Draft};

/// Splits a normalised page into draft articles.
pub fn split(text: &str) -> Vec<Draft> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let Some(title) = lines.next() else { return Vec::new() };
    vec![Draft {
        title: Some(title.to_string()),
        blocks: lines.map(|l| Block::Paragraph(l.to_string())).collect(),
        ..Draft::default()
    }]
}
