//! The context of each page kind, as documented in `docs/templates.md`.

use serde::Serialize;
use tera::{Context, Value};

use super::Renderer;
use crate::gazetteer::RegionId;
use crate::markdown::TocEntry;
use crate::site::outputs::{feed_path, month_path, region_path, topic_path, FeedScope};
use crate::site::paginate::Paginator;
use crate::site::Output;
use crate::taxonomy::TopicId;

/// How many cards each topic block on the home page shows.
pub(super) const HOME_PER_TOPIC: usize = 5;
/// How many busiest places (besides the roots) the home page offers.
const HOME_REGIONS: usize = 9;

#[derive(Serialize)]
struct Pager {
    #[serde(flatten)]
    pager: Paginator,
    items: Vec<Value>,
}

#[derive(Serialize)]
struct Feed {
    url: String,
    title: String,
}

/// The template of an HTML output.
pub(super) fn template(out: &Output) -> &'static str {
    match out {
        Output::Home => "index.html",
        Output::Article(_) => "article.html",
        Output::Page(_) => "page.html",
        Output::Topics => "topics.html",
        Output::Topic { .. } => "topic.html",
        Output::Regions => "regions.html",
        Output::Region { .. } => "region.html",
        Output::Archive => "archive.html",
        Output::Month { .. } => "archive_month.html",
        Output::SearchPage => "search.html",
        _ => "404.html",
    }
}

/// The context of an HTML output.
pub(super) fn context(r: &Renderer<'_>, out: &Output) -> Context {
    match out {
        Output::Home => home(r),
        Output::Article(i) => article(r, *i),
        Output::Page(i) => page(r, *i),
        Output::Topics => with_feed(r, r.base("topics", "topics/", "专题", ""), FeedScope::Site),
        Output::Topic { topic, page } => topic_page(r, *topic, *page),
        Output::Regions => regions(r),
        Output::Region {
            region,
            topic,
            page,
        } => region_page(r, *region, *topic, *page),
        Output::Archive => archive(r),
        Output::Month { month, page } => month_page(r, *month, *page),
        Output::SearchPage => search(r),
        _ => with_feed(
            r,
            r.base("not_found", "404.html", "页面未找到", ""),
            FeedScope::Site,
        ),
    }
}

fn with_feed(r: &Renderer<'_>, mut ctx: Context, scope: FeedScope) -> Context {
    let title = match scope {
        FeedScope::Site => r.cfg.title.clone(),
        FeedScope::Topic(t) => format!("{} · {}", r.tax.topics[t].name, r.cfg.title),
        FeedScope::Region(g) => format!("{} · {}", r.gaz.get(g).name, r.cfg.title),
    };
    ctx.insert(
        "feed",
        &Feed {
            url: r.cfg.url(&feed_path(r.tax, r.gaz, scope)),
            title,
        },
    );
    ctx
}

fn pager(r: &Renderer<'_>, path: &str, list: &[usize], page: usize) -> Pager {
    let pager = Paginator::new(&r.cfg.url(path), list.len(), r.cfg.per_page, page);
    let items = r.shared.cards_of(&list[pager.range()]);
    Pager { pager, items }
}

fn paged_path(path: &str, page: usize) -> String {
    crate::site::paginate::page_url(path, page)
}

fn page_title(name: &str, page: usize) -> String {
    if page > 1 {
        format!("{name}（第 {page} 页）")
    } else {
        name.to_string()
    }
}

fn home(r: &Renderer<'_>) -> Context {
    let g = r.graph;
    let mut ctx = with_feed(r, r.base("home", "", &r.cfg.title, ""), FeedScope::Site);
    let latest: Vec<usize> = (0..g.articles.len().min(r.cfg.home_latest)).collect();
    ctx.insert("latest", &r.shared.cards_of(&latest));
    #[derive(Serialize)]
    struct Block {
        topic: Value,
        items: Vec<Value>,
    }
    let blocks: Vec<Block> = g
        .topics
        .iter()
        .enumerate()
        .map(|(t, list)| Block {
            topic: r.shared.topics[t].clone(),
            items: r.shared.cards_of(&list[..list.len().min(HOME_PER_TOPIC)]),
        })
        .collect();
    ctx.insert("topic_blocks", &blocks);
    ctx.insert("regions", &home_regions(r));
    ctx
}

/// The roots, then the busiest other places.
fn home_regions(r: &Renderer<'_>) -> Vec<Value> {
    let roots = r.gaz.roots();
    let mut others: Vec<(usize, &str, RegionId)> = r
        .graph
        .regions
        .iter()
        .filter(|(id, _)| !roots.contains(id))
        .map(|(&id, n)| (n.articles.len(), r.gaz.get(id).key.as_str(), id))
        .collect();
    others.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    roots
        .iter()
        .filter(|id| r.graph.regions.contains_key(id))
        .copied()
        .chain(others.into_iter().take(HOME_REGIONS).map(|o| o.2))
        .map(|id| r.shared.region(id))
        .collect()
}

#[derive(Serialize)]
struct ArticleValue<'a> {
    #[serde(flatten)]
    card: Value,
    body: &'a str,
    datetime: String,
    word_count: usize,
    origin: Option<&'a str>,
    review: Option<&'a [String]>,
    extra: &'a std::collections::BTreeMap<String, serde_json::Value>,
    toc: &'a [TocEntry],
}

fn article(r: &Renderer<'_>, i: usize) -> Context {
    let a = &r.graph.articles[i];
    let art = &a.article;
    let mut ctx = with_feed(
        r,
        r.base("article", &a.path, &art.title, &art.summary),
        FeedScope::Topic(a.primary()),
    );
    let f = &art.front;
    let value = ArticleValue {
        card: r.shared.cards[i].clone(),
        body: &art.body.html,
        datetime: art.date.to_rfc3339(),
        word_count: art.body.measure.total(),
        origin: f.origin.as_deref(),
        review: (f.draft && !f.review.is_empty()).then_some(f.review.as_slice()),
        extra: &f.extra,
        toc: &art.body.toc,
    };
    ctx.insert("page", &value);
    let n = &r.graph.neighbours[i];
    let card = |j: Option<usize>| j.map(|j| r.shared.cards[j].clone());
    ctx.insert("prev", &card(n.prev));
    ctx.insert("next", &card(n.next));
    ctx.insert("related", &r.shared.cards_of(&n.related));
    ctx
}

fn page(r: &Renderer<'_>, i: usize) -> Context {
    let p = &r.graph.pages[i];
    let path = format!("{}/", p.slug);
    let mut ctx = with_feed(r, r.base("page", &path, &p.title, ""), FeedScope::Site);
    #[derive(Serialize)]
    struct PageValue<'a> {
        title: &'a str,
        body: &'a str,
        url: String,
        extra: &'a std::collections::BTreeMap<String, serde_json::Value>,
    }
    ctx.insert(
        "page",
        &PageValue {
            title: &p.title,
            body: &p.body.html,
            url: r.cfg.url(&path),
            extra: &p.front.extra,
        },
    );
    ctx
}

fn topic_page(r: &Renderer<'_>, t: TopicId, page: usize) -> Context {
    let path = topic_path(r.tax, t);
    let name = &r.tax.topics[t].name;
    let mut ctx = with_feed(
        r,
        r.base(
            "topic",
            &paged_path(&path, page),
            &page_title(name, page),
            &r.tax.topics[t].description,
        ),
        FeedScope::Topic(t),
    );
    ctx.insert("topic", &r.shared.topics[t]);
    ctx.insert("paginator", &pager(r, &path, &r.graph.topics[t], page));
    ctx
}

fn regions(r: &Renderer<'_>) -> Context {
    let mut ctx = with_feed(
        r,
        r.base("regions", "regions/", "地区", "按地区浏览京津冀协同报道"),
        FeedScope::Site,
    );
    ctx.insert(
        "tree",
        &super::context::region_tree(r.cfg, r.tax, r.gaz, r.graph),
    );
    ctx
}

#[derive(Serialize)]
struct Crumb {
    name: String,
    url: String,
}

#[derive(Serialize)]
struct RegionValue {
    #[serde(flatten)]
    link: Value,
    breadcrumbs: Vec<Crumb>,
    children: Vec<Value>,
    feed_url: String,
}

#[derive(Serialize)]
struct Filter<'a> {
    key: &'a str,
    name: &'a str,
    url: String,
    count: usize,
    current: bool,
}

fn region_page(r: &Renderer<'_>, id: RegionId, topic: Option<TopicId>, page: usize) -> Context {
    let (gaz, tax) = (r.gaz, r.tax);
    let node = &r.graph.regions[&id];
    let region = gaz.get(id);
    let path = region_path(tax, gaz, id, topic);
    let name = match topic {
        Some(t) => format!("{} · {}", region.name, tax.topics[t].name),
        None => region.name.clone(),
    };
    let description = format!("{}的京津冀协同报道", region.full_name);
    let mut ctx = with_feed(
        r,
        r.base(
            "region",
            &paged_path(&path, page),
            &page_title(&name, page),
            &description,
        ),
        FeedScope::Region(id),
    );
    let mut line: Vec<RegionId> = gaz.ancestors(id).collect();
    line.reverse();
    line.push(id);
    let crumb = |c: RegionId| Crumb {
        name: gaz.get(c).name.clone(),
        url: r.cfg.url(&region_path(tax, gaz, c, None)),
    };
    ctx.insert(
        "region",
        &RegionValue {
            link: r.shared.region(id),
            breadcrumbs: line.into_iter().map(crumb).collect(),
            children: gaz
                .children(id)
                .iter()
                .filter(|c| r.graph.regions.contains_key(c))
                .map(|&c| r.shared.region(c))
                .collect(),
            feed_url: r.cfg.url(&feed_path(tax, gaz, FeedScope::Region(id))),
        },
    );
    let filters: Vec<Filter> = node
        .by_topic
        .iter()
        .map(|(t, list)| Filter {
            key: &tax.topics[*t].key,
            name: &tax.topics[*t].name,
            url: r.cfg.url(&region_path(tax, gaz, id, Some(*t))),
            count: list.len(),
            current: topic == Some(*t),
        })
        .collect();
    ctx.insert("filters", &filters);
    ctx.insert("active_topic", &topic.map(|t| r.shared.topics[t].clone()));
    let list = match topic {
        Some(t) => node
            .by_topic
            .iter()
            .find(|(x, _)| *x == t)
            .map_or(&[][..], |(_, l)| l.as_slice()),
        None => &node.articles,
    };
    ctx.insert("paginator", &pager(r, &path, list, page));
    ctx
}

#[derive(Serialize)]
struct MonthLink {
    month: u32,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct Year {
    year: i32,
    count: usize,
    months: Vec<MonthLink>,
}

fn archive(r: &Renderer<'_>) -> Context {
    let mut ctx = with_feed(
        r,
        r.base("archive", "archive/", "归档", "按年月浏览全部报道"),
        FeedScope::Site,
    );
    let mut years: Vec<Year> = Vec::new();
    for m in &r.graph.months {
        let link = MonthLink {
            month: m.month,
            url: r.cfg.url(&month_path(m.year, m.month)),
            count: m.articles.len(),
        };
        match years.last_mut() {
            Some(y) if y.year == m.year => {
                y.count += link.count;
                y.months.push(link);
            }
            _ => years.push(Year {
                year: m.year,
                count: link.count,
                months: vec![link],
            }),
        }
    }
    ctx.insert("years", &years);
    ctx
}

fn month_page(r: &Renderer<'_>, index: usize, page: usize) -> Context {
    let m = &r.graph.months[index];
    let path = month_path(m.year, m.month);
    let name = format!("{}年{}月", m.year, m.month);
    let mut ctx = with_feed(
        r,
        r.base(
            "archive_month",
            &paged_path(&path, page),
            &page_title(&name, page),
            "",
        ),
        FeedScope::Site,
    );
    ctx.insert("year", &m.year);
    ctx.insert("month", &m.month);
    ctx.insert("paginator", &pager(r, &path, &m.articles, page));
    ctx
}

fn search(r: &Renderer<'_>) -> Context {
    let mut ctx = with_feed(
        r,
        r.base("search", "search/", "搜索", "全文搜索京津冀协同报道"),
        FeedScope::Site,
    );
    ctx.insert("search", &crate::search::page_value(r.cfg, r.gaz, r.graph));
    ctx
}
