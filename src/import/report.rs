//! How an import is shown: the JSON document of `--format json`, the editor's table, and the
//! `--explain` lines. Pure functions over the results; the CLI only prints them.

use serde::Serialize;

use super::write::{Action, Planned};
use super::Imported;

#[derive(Serialize)]
struct Document<'a> {
    articles: &'a [Imported],
}

/// `{"articles": [...]}`, pretty-printed.
pub fn json(articles: &[Imported]) -> String {
    serde_json::to_string_pretty(&Document { articles }).expect("articles serialize") + "\n"
}

/// A readable table: one block per article with what was found, where it goes and its warnings.
pub fn table(articles: &[Imported], planned: &[Planned], explain: bool) -> String {
    let mut out = String::new();
    for (i, a) in articles.iter().enumerate() {
        out.push_str(&format!("{:>3}. {}\n", i + 1, a.title));
        let line = |label: &str, v: String| {
            if v.is_empty() {
                String::new()
            } else {
                format!("     {label}：{v}\n")
            }
        };
        out.push_str(&line("引题", a.kicker.clone().unwrap_or_default()));
        out.push_str(&line("副题", a.subtitle.clone().unwrap_or_default()));
        out.push_str(&line("作者", a.authors.join("、")));
        out.push_str(&line("来源", a.source.clone().unwrap_or_default()));
        out.push_str(&line(
            "日期",
            a.date.clone().unwrap_or_else(|| "（无）".into()),
        ));
        out.push_str(&line("专题", a.topics.join(", ")));
        out.push_str(&line(
            "地区",
            a.regions
                .iter()
                .map(|r| format!("{}（{}）", r.name, r.key))
                .collect::<Vec<_>>()
                .join("、"),
        ));
        out.push_str(&line(
            "正文",
            format!("{} 字", crate::text::Measure::of(&a.body).total()),
        ));
        if let Some(p) = planned.get(i) {
            let what = match p.action {
                Action::Create => "新建",
                Action::Keep => "已存在（同一原文），保持不变",
                Action::Overwrite => "覆盖",
                Action::Blocked(_) => "已有同名文章，未写入（可用 --force 覆盖）",
            };
            out.push_str(&line("文件", format!("{} [{what}]", p.path.display())));
        }
        for w in &a.warnings {
            out.push_str(&format!("     ⚠ {w}\n"));
        }
        if explain {
            for e in &a.explain {
                out.push_str(&format!("     · {e}\n"));
            }
        }
    }
    out
}
