//! Pagination over index lists: which slice of a list a page shows and the links between pages.
//!
//! Lists are slices of article indices, so a pager never copies articles; templates get a
//! [`Paginator`] with every URL already made and never compute page numbers themselves.

use serde::Serialize;

/// How many page numbers a pager shows around the current one.
pub const WINDOW: usize = 9;

/// Pages needed for `total` items, `per_page` each; an empty list still has one (empty) page.
pub fn page_count(total: usize, per_page: usize) -> usize {
    total.div_ceil(per_page.max(1)).max(1)
}

/// The items of page `number` (1-based, clamped to the pages there are) of a list of `total`.
pub fn page_range(total: usize, per_page: usize, number: usize) -> std::ops::Range<usize> {
    let number = number.clamp(1, page_count(total, per_page));
    let start = (number - 1) * per_page;
    start.min(total)..(start + per_page).min(total)
}

/// URL path of page `n` of a list whose first page is at `base` (`/x/topics/carbon/`).
pub fn page_url(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

/// One number in the pager.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageLink {
    /// 1-based page number.
    pub number: usize,
    /// Its URL.
    pub url: String,
    /// Whether it is the page being rendered.
    pub current: bool,
}

/// Everything a list template needs about its position, besides the items themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paginator {
    /// 1-based number of this page.
    pub number: usize,
    /// Pages in the list.
    pub total_pages: usize,
    /// Items in the whole list.
    pub total_items: usize,
    /// Items per page.
    pub per_page: usize,
    /// URL of page 1.
    pub first_url: String,
    /// URL of the last page.
    pub last_url: String,
    /// Previous page, if any.
    pub prev_url: Option<String>,
    /// Next page, if any.
    pub next_url: Option<String>,
    /// Up to [`WINDOW`] page numbers around this one.
    pub pages: Vec<PageLink>,
}

impl Paginator {
    /// The pager for page `number` (1-based) of a list of `total` items at `base`.
    pub fn new(base: &str, total: usize, per_page: usize, number: usize) -> Paginator {
        let total_pages = page_count(total, per_page);
        let number = number.clamp(1, total_pages);
        let half = WINDOW / 2;
        let start = number
            .saturating_sub(half)
            .max(1)
            .min(total_pages.saturating_sub(WINDOW - 1).max(1));
        let end = (start + WINDOW - 1).min(total_pages);
        Paginator {
            number,
            total_pages,
            total_items: total,
            per_page,
            first_url: page_url(base, 1),
            last_url: page_url(base, total_pages),
            prev_url: (number > 1).then(|| page_url(base, number - 1)),
            next_url: (number < total_pages).then(|| page_url(base, number + 1)),
            pages: (start..=end)
                .map(|n| PageLink {
                    number: n,
                    url: page_url(base, n),
                    current: n == number,
                })
                .collect(),
        }
    }

    /// The index range of the items on this page.
    pub fn range(&self) -> std::ops::Range<usize> {
        page_range(self.total_items, self.per_page, self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_counts_at_the_edges() {
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(1, 20), 1);
        assert_eq!(page_count(20, 20), 1);
        assert_eq!(page_count(21, 20), 2);
    }

    #[test]
    fn first_page_has_no_prev_and_links_to_page_two() {
        let p = Paginator::new("/t/", 21, 20, 1);
        assert_eq!(p.prev_url, None);
        assert_eq!(p.next_url.as_deref(), Some("/t/page/2/"));
        assert_eq!(p.range(), 0..20);
    }

    #[test]
    fn last_page_holds_the_remainder() {
        let p = Paginator::new("/t/", 21, 20, 2);
        assert_eq!(p.range(), 20..21);
        assert_eq!(p.prev_url.as_deref(), Some("/t/"));
        assert_eq!(p.next_url, None);
        assert_eq!(p.last_url, "/t/page/2/");
    }

    #[test]
    fn empty_list_is_one_empty_page() {
        let p = Paginator::new("/t/", 0, 20, 1);
        assert_eq!((p.total_pages, p.range()), (1, 0..0));
        assert_eq!(p.pages.len(), 1);
    }

    #[test]
    fn window_slides_and_stays_inside() {
        let p = Paginator::new("/t/", 20 * 30, 20, 15);
        let numbers: Vec<usize> = p.pages.iter().map(|l| l.number).collect();
        assert_eq!(numbers, (11..=19).collect::<Vec<_>>());
        let p = Paginator::new("/t/", 20 * 30, 20, 30);
        assert_eq!(p.pages.first().unwrap().number, 22);
        assert!(p.pages.last().unwrap().current);
    }
}
