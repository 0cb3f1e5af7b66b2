//! Finding the place names in a title or body and judging each by its context: how much it
//! says the article is about that place (its [`Mention::weight`]).

use crate::gazetteer::{Gazetteer, Level, RegionId};

use super::context;
use super::patterns::{Patterns, Target};
use super::salience;

/// Weight of a name in the title, the lead paragraph, and later paragraphs.
const TITLE: f64 = 4.0;
const LEAD: f64 = 2.0;
const BODY: f64 = 1.0;

/// Factor for a name inside a 《…》 title.
const IN_BOOK_TITLE: f64 = 0.3;

/// Factors for a name in a list of three places, and of four or more.
const LISTED_3: f64 = 0.5;
const LISTED_4: f64 = 0.3;

/// What a name does in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Names the place.
    Direct,
    /// Only qualifies the place named right after it (天津市 in 天津市滨海新区).
    Qualifier,
    /// Starts the name of something sited at another place (北京 in 北京现代沧州工厂).
    Modifier,
    /// Names an organisation from there (北京工业大学, 石家庄海关).
    Org,
    /// Names a media outlet or a byline (河北日报, 北京广播电视台记者).
    Media,
}

impl Role {
    fn factor(self) -> f64 {
        match self {
            Role::Direct => 1.0,
            Role::Org => 0.5,
            Role::Modifier => 0.1,
            Role::Qualifier | Role::Media => 0.0,
        }
    }
}

/// One place name found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Pattern id.
    pub pattern: usize,
    /// Byte range in its text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// In the title (otherwise the body).
    pub title: bool,
    /// In the body's first paragraph.
    pub lead: bool,
    /// Opens its sentence or frames it (在保定，…), in the body: it weighs as in the lead.
    pub salient: bool,
    /// Not a weak name, or a weak name right after its own parent (天津宝坻).
    pub strong: bool,
    /// What the name does there.
    pub role: Role,
    /// For a [`Role::Modifier`], the pattern of the place where the thing it names is sited
    /// (沧州 in 北京现代沧州工厂).
    pub site: Option<usize>,
    /// The enumeration of specific places it stands in (三河、大厂、香河), numbered per text.
    pub list: Option<usize>,
    /// How much it counts: position weight × role factor × list and 《》 factors.
    pub weight: f64,
}

/// The place names of `text` with their weights. `title` says whether `text` is the title.
pub fn scan(patterns: &Patterns, gaz: &Gazetteer, text: &str, title: bool) -> Vec<Mention> {
    let lead_end = if title { text.len() } else { lead_end(text) };
    let mut found = find(patterns, gaz, text, title, lead_end);
    assign_roles(patterns, gaz, text, &mut found);
    if !title {
        salience::mark(text, &mut found);
        salience::enumerations(text, &mut found);
    }
    let books = context::book_titles(text);
    let listed = list_factors(text, &found);
    for (m, list) in found.iter_mut().zip(listed) {
        let position = if m.title {
            TITLE
        } else if m.lead || (m.salient && m.role == Role::Direct) {
            LEAD
        } else {
            BODY
        };
        let book = if context::inside(&books, m.start) {
            IN_BOOK_TITLE
        } else {
            1.0
        };
        m.weight = position * m.role.factor() * book * list;
    }
    found
}

/// End of the first non-empty paragraph.
fn lead_end(text: &str) -> usize {
    let start = text.len() - text.trim_start().len();
    text[start..].find('\n').map_or(text.len(), |i| start + i)
}

/// Every match of the automaton that is a place or group name in this context: not a street
/// (承德道), not the 河北 of 河北区域 read as 河北区, and for weak names, a word of its own.
fn find(
    patterns: &Patterns,
    gaz: &Gazetteer,
    text: &str,
    title: bool,
    lead_end: usize,
) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    for m in patterns.ac.find_iter(text) {
        let (mut id, start, mut end) = (m.pattern().as_usize(), m.start(), m.end());
        let pattern = &patterns.list[id];
        if pattern.target == Target::Stop {
            continue;
        }
        if pattern.text.ends_with('区') && text[end..].starts_with('域') {
            let shorter = &text[start..end - '区'.len_utf8()];
            match patterns.find(shorter) {
                Some(other) => (id, end) = (other, end - '区'.len_utf8()),
                None => continue,
            }
        }
        let pattern = &patterns.list[id];
        let place = matches!(pattern.target, Target::Place(_));
        if place && context::is_street(text, end) {
            continue;
        }
        if pattern.weak
            && (context::is_inside_word(text, start, end) || context::is_idiom(text, end))
        {
            continue;
        }
        let after = out.last().filter(|p| p.end == start).map(|p| p.pattern);
        let qualified = after.is_some_and(|p| contains(patterns, gaz, p, id));
        if pattern.weak && !qualified && after.is_some_and(|p| !related(patterns, p, id)) {
            // 石家庄城市副中心: a weak name right after another place is that place's; right
            // after its own parent (天津宝坻) it is certainly the place.
            continue;
        }
        let lead = !title && start < lead_end;
        out.push(Mention {
            pattern: id,
            start,
            end,
            title,
            lead,
            salient: false,
            strong: !pattern.weak || qualified,
            role: Role::Direct,
            site: None,
            list: None,
            weight: 0.0,
        });
    }
    out
}

/// Whether the places of patterns `a` and `b` are the same or one is inside the other.
fn related(patterns: &Patterns, a: usize, b: usize) -> bool {
    let (Target::Place(a) | Target::Group(a)) = &patterns.list[a].target else {
        return false;
    };
    let (Target::Place(b) | Target::Group(b)) = &patterns.list[b].target else {
        return false;
    };
    a.iter().any(|x| b.contains(x))
}

/// The regions a pattern names (members, for a group).
fn regions(patterns: &Patterns, id: usize) -> &[RegionId] {
    match &patterns.list[id].target {
        Target::Place(ids) | Target::Group(ids) => ids,
        Target::Stop => &[],
    }
}

/// Whether some region of pattern `a` contains some region of pattern `b`.
fn contains(patterns: &Patterns, gaz: &Gazetteer, a: usize, b: usize) -> bool {
    let outer = regions(patterns, a);
    regions(patterns, b)
        .iter()
        .any(|&r| gaz.ancestors(r).any(|x| outer.contains(&x)))
}

/// Decides each mention's [`Role`] from the text after it and the next mention.
fn assign_roles(patterns: &Patterns, gaz: &Gazetteer, text: &str, found: &mut [Mention]) {
    for i in 0..found.len() {
        let (m, next) = (&found[i], found.get(i + 1));
        let group = matches!(patterns.list[m.pattern].target, Target::Group(_));
        let mut site = None;
        let role = if context::is_media(text, m.end) {
            Role::Media
        } else if next.is_some_and(|n| {
            let gap = &text[m.end..n.start];
            !group
                && (gap.is_empty() || gap == "·")
                && !related(patterns, m.pattern, n.pattern)
                && contains(patterns, gaz, m.pattern, n.pattern)
        }) {
            Role::Qualifier
        } else if next.is_some_and(|n| {
            context::is_name_link(&text[m.end..n.start])
                && !related(patterns, m.pattern, n.pattern)
                && context::is_site(text, n.end)
        }) {
            site = next.map(|n| n.pattern);
            Role::Modifier
        } else if let Some(at) = brand_site(patterns, gaz, text, found, i) {
            site = Some(at);
            Role::Modifier
        } else if context::is_org(text, m.end)
            || (!group && context::is_compound_head(text, m.start, m.end))
        {
            Role::Org
        } else {
            Role::Direct
        };
        found[i].role = role;
        found[i].site = site;
    }
}

/// For a zone whose name is used as a brand (中关村创新中心, 中关村科技园雄安园), the place the
/// branch is sited at: a place named inside the brand name, or just before it (在保定，中关村
/// 创新中心…). `None` when the zone is not a brand here or nothing else is named.
fn brand_site(
    patterns: &Patterns,
    gaz: &Gazetteer,
    text: &str,
    found: &[Mention],
    i: usize,
) -> Option<usize> {
    let m = &found[i];
    let zone = regions(patterns, m.pattern)
        .iter()
        .all(|&r| gaz.get(r).level == Level::Zone);
    if !zone || !context::is_brand(text, m.end) {
        return None;
    }
    let elsewhere = |o: &&Mention| {
        o.role != Role::Qualifier
            && !related(patterns, o.pattern, m.pattern)
            && !contains(patterns, gaz, o.pattern, m.pattern)
            && !contains(patterns, gaz, m.pattern, o.pattern)
    };
    let inside = found
        .get(i + 1)
        .filter(|n| context::is_name_link(&text[m.end..n.start]))
        .filter(elsewhere);
    // Only a place that directly frames or qualifies the brand (在保定，中关村…; 保定的中关村…):
    // in 副中心中心与燕郊中心 the other place is a peer, and 燕郊中心 is in 燕郊.
    let before = i
        .checked_sub(1)
        .map(|k| &found[k])
        .filter(|o| matches!(text.get(o.end..m.start), Some("，" | "," | "的")))
        .filter(elsewhere);
    inside.or(before).map(|o| o.pattern)
}

/// For each mention, the factor for standing in a list of places: mentions in one clause
/// separated by 、, three or more of them, or two closed by 等 (北京、天津、河北、山东 and
/// 承德、张家口等地 are passing mentions).
fn list_factors(text: &str, found: &[Mention]) -> Vec<f64> {
    let mut factors = vec![1.0; found.len()];
    let mut clause_start = 0;
    let mut items = 1;
    for i in 0..found.len() {
        let next = found.get(i + 1);
        let gap = next.map_or("", |n| text.get(found[i].end..n.start).unwrap_or(""));
        let same_clause = next.is_some() && !gap.chars().any(context::is_clause_break);
        if same_clause && gap.contains('、') {
            items += 1;
        }
        if !same_clause {
            let closed = items == 2 && context::run_after(text, found[i].end, 3).contains('等');
            if items >= 3 || closed {
                let f = if items >= 4 { LISTED_4 } else { LISTED_3 };
                factors[clause_start..=i].iter_mut().for_each(|x| *x = f);
            }
            clause_start = i + 1;
            items = 1;
        }
    }
    factors
}
