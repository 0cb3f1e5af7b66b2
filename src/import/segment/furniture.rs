//! Page furniture: the lines of a newspaper page or web page that belong to no article.
//!
//! Mastheads and page headers are *read* by [`super::header`] before they are dropped; this module
//! only says what to drop: navigation bars, share and print buttons, 扫码阅读手机版, 电子报,
//! copyright footers, jump lines (下转第二版 / 上接第一版) and editor lines (责任编辑：…).

use super::shape;

/// Phrases of buttons, prompts and page chrome; a short line holding one is furniture.
const BUTTONS: &[&str] = &[
    "扫码阅读",
    "扫一扫",
    "手机版",
    "手机看新闻",
    "字体：",
    "字号：",
    "【字体",
    "【打印",
    "【关闭",
    "【纠错",
    "打印本页",
    "打印本文",
    "关闭窗口",
    "分享到",
    "分享至",
    "收藏本文",
    "返回顶部",
    "返回首页",
    "返回列表",
    "上一篇",
    "下一篇",
    "相关阅读",
    "相关新闻",
    "推荐阅读",
    "网站地图",
    "设为首页",
    "加入收藏",
    "联系我们",
    "当前位置",
    "您的位置",
    "阅读原文",
    "点击查看",
    "点击进入",
    "微信扫码",
    "长按识别",
    "关注我们",
    "下载客户端",
    "字体:",
    "字号:",
    "小字号",
    "大字号",
    "中字号",
    "打印】",
    "关闭】",
    "纠错】",
    "收藏】",
    "让更多人看到",
    "一键分享",
    "我要评论",
    "发表评论",
    "网友评论",
];

/// Phrases of copyright footers; a line holding two of them (or one strong one) is furniture.
const FOOTER: &[&str] = &[
    "版权所有",
    "版权均为",
    "版权归",
    "未经许可",
    "未经授权",
    "不得转载",
    "凡注有",
    "凡注明",
    "违法和不良信息",
    "举报电话",
    "信息网络传播视听节目",
    "依法追究",
    "本网站",
    "本网",
];

/// Footer phrases that settle it alone.
const STRONG_FOOTER: &[&str] = &[
    "ICP备",
    "ICP证",
    "公网安备",
    "Copyright",
    "copyright",
    "COPYRIGHT",
    "All Rights Reserved",
    "©",
];

/// Lines that are furniture exactly as they stand (`电子报`, `打印`).
const WHOLE: &[&str] = &[
    "电子报",
    "数字报",
    "打印",
    "关闭",
    "分享",
    "收藏",
    "纠错",
    "首页",
    "返回",
    "大",
    "中",
    "小",
    "A+",
    "A-",
    "（完）",
    "(完)",
    "完",
    "点赞",
    "在看",
    "转发",
];

/// True when the line belongs to no article and is dropped.
pub fn is_furniture(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty()
        || WHOLE.contains(&line)
        || is_url(line)
        || is_nav(line)
        || is_page_label(line)
    {
        return true;
    }
    // Page numbers, rules and other short scraps without a Han character (`3`, `—2—`, `***`).
    if shape::han(line) == 0 && shape::len(line) <= 20 {
        return true;
    }
    let n = shape::len(line);
    if n <= 30 && !shape::ends_sentence(line) && BUTTONS.iter().any(|m| line.contains(m)) {
        return true;
    }
    let footer = FOOTER.iter().filter(|m| line.contains(*m)).count();
    n <= 400 && (footer >= 2 || STRONG_FOOTER.iter().any(|m| line.contains(m)))
}

fn is_url(line: &str) -> bool {
    let l = line.trim_start_matches(['（', '(', '<']);
    l.starts_with("http://") || l.starts_with("https://") || l.starts_with("www.")
}

/// A navigation bar: several short items between separators (`首页 > 新闻 > 京津冀`).
fn is_nav(line: &str) -> bool {
    if shape::ends_sentence(line) || shape::len(line) > 100 {
        return false;
    }
    let arrows = ['>', '＞', '»', '›', '|', '｜', '/', '／', '·', '•'];
    let has_arrows = line.contains(arrows);
    let items: Vec<&str> = line
        .split(|c: char| arrows.contains(&c) || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .collect();
    if has_arrows {
        items.len() >= 3
            && items.iter().all(|s| shape::len(s) <= 6)
            && line.matches(arrows).count() >= 2
    } else {
        items.len() >= 6 && items.iter().all(|s| (2..=4).contains(&shape::len(s)))
    }
}

/// An edition label on its own (`第3版`, `A07版：区域`, `本版责编：…`).
fn is_page_label(line: &str) -> bool {
    if shape::len(line) > 24 || shape::ends_sentence(line) {
        return false;
    }
    let head = line.split([' ', '：', ':']).next().unwrap_or("");
    let edition = head.ends_with('版')
        && head.chars().count() <= 5
        && head
            .chars()
            .any(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    edition || line.starts_with("本版")
}

/// Roles of people who prepared a page but did not write the article.
const EDITOR_ROLES: &[&str] = &[
    "责任编辑",
    "值班编辑",
    "本版编辑",
    "美术编辑",
    "编辑",
    "责编",
    "美编",
    "校对",
    "审核",
    "审校",
    "终审",
    "初审",
    "复审",
    "监制",
    "制作",
    "出品人",
    "总监制",
];

/// The paragraph without a closing note that is furniture (`…。（完）`, `…。（责任编辑：王五）`).
pub fn strip_closing_note(para: &str) -> &str {
    let p = para.trim_end();
    let open = if p.ends_with('）') {
        p.rfind('（')
    } else if p.ends_with(')') {
        p.rfind('(')
    } else {
        None
    };
    match open {
        Some(at)
            if is_editor_line(&p[at..]) || matches!(&p[at..], "（完）" | "(完)" | "（全文完）") =>
        {
            p[..at].trim_end()
        }
        _ => p,
    }
}

/// True for the heading of a web page's list of links (`相关阅读：`, `推荐阅读`).
pub fn opens_link_list(line: &str) -> bool {
    let heads = [
        "相关阅读",
        "相关新闻",
        "相关链接",
        "相关报道",
        "推荐阅读",
        "延伸阅读",
        "热点推荐",
        "猜你喜欢",
        "往期回顾",
        "热门推荐",
        "更多阅读",
    ];
    let l = line.trim().trim_start_matches(['【', '[', '（', '(']);
    shape::len(l) <= 12 && heads.iter().any(|h| l.starts_with(h))
}

/// True for an editor line (`责任编辑：张三`, `（编辑 李四）`, `责编 王五 美编 赵六`).
pub fn is_editor_line(line: &str) -> bool {
    let l = line
        .trim()
        .trim_start_matches(['（', '(', '【', '[', '■', '●', '▲']);
    if shape::len(l) > 40 || shape::ends_sentence(l) && !l.ends_with('）') && !l.ends_with(')') {
        return false;
    }
    let leads = EDITOR_ROLES.iter().any(|r| {
        l.strip_prefix(r).is_some_and(|rest| {
            rest.is_empty() || rest.starts_with(['：', ':', ' ', '　', '/', '】', ']', '丨', '|'])
        })
    });
    // A page footer names its editors after the page code (`A06 区域新闻 责编：柯敏 美编：戴维`).
    let named = EDITOR_ROLES.iter().any(|r| {
        l.match_indices(r)
            .any(|(at, _)| l[at + r.len()..].starts_with(['：', ':']))
    });
    leads || named && !l.contains(['，', ','])
}

/// Jump-line verbs: the article continues on (下转) or comes from (上接) another page.
const JUMPS: &[&str] = &[
    "下转",
    "上接",
    "转第",
    "接第",
    "转A",
    "接A",
    "转B",
    "接B",
    "转下版",
    "接上版",
];

/// True when the whole line is a jump line (`（下转第二版）`, `上接第1版`).
pub fn is_jump_line(line: &str) -> bool {
    let core = line
        .trim()
        .trim_matches(['（', '）', '(', ')', '【', '】', '[', ']', '　', ' ']);
    shape::len(core) <= 16 && starts_jump(core) && (core.ends_with('版') || core.ends_with("版面"))
}

fn starts_jump(s: &str) -> bool {
    JUMPS.iter().any(|j| s.starts_with(j))
}

/// True for a jump line that sends the reader on (`下转第二版`), not one that picks up (`上接…`).
pub fn jumps_on(line: &str) -> bool {
    let core = line.trim().trim_start_matches(['（', '(', '【', '[']);
    core.starts_with('下') || core.starts_with('转')
}

/// Removes a jump note at the end or start of a paragraph (`…增长。（下转第二版）`); returns the
/// text and whether a note at its end sends the reader on to another page.
pub fn strip_jump(para: &str) -> (String, bool) {
    let mut text = para.trim().to_string();
    let mut found = false;
    for (open, close) in [('（', '）'), ('(', ')')] {
        if text.ends_with(close) {
            if let Some(at) = text.rfind(open) {
                if is_jump_line(&text[at..]) {
                    found = jumps_on(&text[at..]);
                    text.truncate(at);
                }
            }
        }
        if text.starts_with(open) {
            if let Some(end) = text.find(close) {
                let end = end + close.len_utf8();
                if is_jump_line(&text[..end]) {
                    text = text[end..].trim_start().to_string();
                }
            }
        }
    }
    (text.trim().to_string(), found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_and_footers_are_furniture() {
        for l in [
            "【字体：大 中 小】",
            "扫码阅读手机版",
            "电子报",
            "分享到：微信 微博",
            "Copyright © 2024 某某日报社 All Rights Reserved",
            "未经书面许可，不得转载、摘编本网作品。",
            "冀ICP备12345678号",
            "https://example.com/news/1.html",
            "（完）",
            "—3—",
            "A2",
        ] {
            assert!(is_furniture(l), "{l}");
        }
    }

    #[test]
    fn footers_need_two_markers_or_a_strong_one() {
        assert!(is_furniture(
            "凡注明来源本网的作品，版权归本网所有，未经许可不得转载。"
        ));
        assert!(!is_furniture(
            "他们推出了手机版应用，市民在家就能办理业务，不必再跑窗口。"
        ));
        assert!(is_furniture("冀ICP备12345678号"));
    }

    #[test]
    fn navigation_bars_are_furniture() {
        assert!(is_furniture("首页 > 新闻中心 > 区域协同"));
        assert!(is_furniture("首页 | 要闻 | 经济 | 社会 | 文化"));
        assert!(is_furniture("首页 要闻 时政 经济 社会 图片"));
        assert!(!is_furniture("本报记者 张 华 通讯员 李 明"));
        assert!(!is_furniture("优化营商环境 激发市场活力"));
    }

    #[test]
    fn edition_labels_are_furniture() {
        assert!(is_furniture("第3版"));
        assert!(is_furniture("A07版：区域合作"));
        assert!(!is_furniture("三版本对比分析新能源车续航"));
    }

    #[test]
    fn story_text_is_not_furniture() {
        assert!(!is_furniture("近日，小区居民在手机上扫一扫就能报修。"));
        assert!(!is_furniture("新建的公园开放首日迎来上万名游客。"));
    }

    #[test]
    fn editor_lines() {
        assert!(is_editor_line("责任编辑：王小明"));
        assert!(is_editor_line("（编辑 刘洋）"));
        assert!(is_editor_line("B03 城市新闻 责编：王五 美编：赵六"));
        assert!(is_editor_line("责编 王五 美编 赵六"));
        assert!(!is_editor_line("编辑部的同事们一起加班。"));
        assert!(!is_editor_line("编辑出版工作取得新进展"));
    }

    #[test]
    fn closing_notes() {
        assert_eq!(strip_closing_note("工程完工。（完）"), "工程完工。");
        assert_eq!(
            strip_closing_note("工程完工。（责任编辑：王五）"),
            "工程完工。"
        );
        assert_eq!(strip_closing_note("工程完工（一期）"), "工程完工（一期）");
    }

    #[test]
    fn jump_lines() {
        assert!(is_jump_line("（下转第二版）"));
        assert!(is_jump_line("上接第1版"));
        assert!(is_jump_line("(转A3版)"));
        assert!(!is_jump_line("下转变思路，上接地气"));
        assert_eq!(
            strip_jump("产量持续增长。（下转第二版）"),
            ("产量持续增长。".to_string(), true)
        );
        assert_eq!(
            strip_jump("（上接第一版）工人们正在安装。"),
            ("工人们正在安装。".to_string(), false)
        );
        assert!(jumps_on("（下转第二版）"));
        assert!(!jumps_on("上接第1版"));
        assert_eq!(strip_jump("没有转版。"), ("没有转版。".to_string(), false));
    }
}
