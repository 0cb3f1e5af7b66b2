//! Whole-page tests: small pages written for these rules, each a different layout.

use chrono::NaiveDate;

use crate::import::segment::split;
use crate::import::{Block, Draft};

fn titles(ds: &[Draft]) -> Vec<Option<&str>> {
    ds.iter().map(|d| d.title.as_deref()).collect()
}

fn body(d: &Draft) -> String {
    d.markdown()
}

const WEB_PAGE: &str = "\
长城新闻 首页 > 区域 > 协同发展

【春风行动】携手共进丨三地联手打造氢能走廊 首批加氢站投用

2022-03-15 09:20:11 来源:长城新闻客户端

扫码阅读手机版

【字体：大 中 小】

近日，三地联合规划的氢能走廊迎来首批加氢站，氢能重卡在高速公路上开始常态化运行。

据介绍，走廊全长约三百公里，沿线将建设加氢站二十座，带动燃料电池产业集聚。

责任编辑：周小舟
电子报

凡注有“长城新闻”电头的作品，版权均为本网站所有，未经许可不得转载。
";

#[test]
fn web_page_header_nav_and_footer() {
    let ds = split(WEB_PAGE);
    assert_eq!(
        titles(&ds),
        vec![Some("三地联手打造氢能走廊 首批加氢站投用")]
    );
    let d = &ds[0];
    assert_eq!(d.kicker.as_deref(), Some("携手共进"));
    assert_eq!(d.source.as_deref(), Some("长城新闻客户端"));
    assert_eq!(d.date, NaiveDate::from_ymd_opt(2022, 3, 15));
    assert!(d.authors.is_empty());
    let b = body(d);
    assert!(b.contains("沿线将建设加氢站二十座"));
    for noise in ["扫码", "责任编辑", "电子报", "版权", "字体", "来源", "首页"] {
        assert!(!b.contains(noise), "{noise} leaked: {b}");
    }
}

const NEWSPAPER_PAGE: &str = "\
廊坊日报
2021年9月2日 星期四

城乡观察

守护一方碧水 共享生态红利
白洋淀重现鱼翔浅底

本报记者 韩雪 本报通讯员 林木

清晨的淀区，水鸟掠过芦苇荡。近年来，当地持续推进退耕还淀，水质稳定在三类以上，全年补水可

达五亿立方米。

治理水体 恢复生态

渔民老周说：“现在的水清得能看见

底，鱼也多了。”

（下转第二版）

新能源公交全面上线

本报讯（记者 秦川）日前，主城区最后一批燃油公交车退役，新能源公交车实现全覆盖。

运营公司表示，下一步将增加夜间线路。
";

#[test]
fn newspaper_page_with_jump_line() {
    let ds = split(NEWSPAPER_PAGE);
    assert_eq!(
        titles(&ds),
        vec![Some("白洋淀重现鱼翔浅底"), Some("新能源公交全面上线")]
    );
    let (a, b) = (&ds[0], &ds[1]);
    assert_eq!(a.kicker.as_deref(), Some("守护一方碧水 共享生态红利"));
    assert_eq!(a.column.as_deref(), Some("城乡观察"));
    assert_eq!(a.authors, vec!["韩雪".to_string(), "林木".to_string()]);
    assert_eq!(a.source.as_deref(), Some("廊坊日报"));
    assert_eq!(a.date, NaiveDate::from_ymd_opt(2021, 9, 2));
    let text = body(a);
    assert!(text.contains("全年补水可达五亿立方米。"), "{text}");
    assert!(text.contains("现在的水清得能看见底，鱼也多了。"), "{text}");
    assert!(text.contains("## 治理水体 恢复生态"), "{text}");
    assert!(!text.contains("下转"));
    assert_eq!(b.authors, vec!["秦川".to_string()]);
    assert!(body(b).starts_with("日前，主城区"), "{}", body(b));
}

const BRIEFS: &str = "\
要闻速览

三地签署文旅合作协议

近日，三地文旅部门签署合作协议，将联合推出精品旅游线路。

据《燕赵晚报》

首条跨省公交线路开通

昨日，连接两市的首条跨省公交线路开通运营，单程约一小时。

本报记者 葛亮



眼下正值樱桃采摘季，园区里游人如织，果农们忙着采摘装箱。

本报记者 葛亮 文并摄

新材料产业园二期开工

本报讯(记者 齐心)近日，新材料产业园二期项目开工，总投资约二十亿元。
";

#[test]
fn briefs_each_become_an_article() {
    let ds = split(BRIEFS);
    assert_eq!(
        titles(&ds),
        vec![
            Some("三地签署文旅合作协议"),
            Some("首条跨省公交线路开通"),
            None,
            Some("新材料产业园二期开工")
        ]
    );
    assert_eq!(ds[0].source.as_deref(), Some("燕赵晚报"));
    assert_eq!(ds[0].column.as_deref(), Some("要闻速览"));
    assert_eq!(ds[1].authors, vec!["葛亮".to_string()]);
    assert_eq!(ds[2].authors, vec!["葛亮".to_string()]);
    assert!(body(&ds[2]).contains("樱桃采摘季"));
    assert_eq!(ds[3].authors, vec!["齐心".to_string()]);
    assert!(!body(&ds[3]).contains("本报讯"));
    assert!(!body(&ds[0]).contains("燕赵晚报"));
}

const UNSIGNED_BRIEFS: &str = "\
信息快递

老旧小区加装电梯提速

今年全市计划为老旧小区加装电梯三百部，目前已完工过半。

夜市经济持续升温

入夏以来，多个夜市客流明显增长，带动周边餐饮消费。
";

#[test]
fn unsigned_briefs_under_a_column_are_split() {
    let ds = split(UNSIGNED_BRIEFS);
    assert_eq!(
        titles(&ds),
        vec![Some("老旧小区加装电梯提速"), Some("夜市经济持续升温")]
    );
}

const TRANSCRIPT: &str = "\
节目导语：今天我们走进一座新建的物流园。

市广播电视台记者 王小丫:

我现在是在物流园的分拣中心，每天有上万件包裹从这里发往各地。

园区这几年引进了多家快递企业，智能分拣设备全面投用。

某某物流公司总经理 赵大伟:

我们的分拣效率比三年前提高了一倍。
";

#[test]
fn transcript_speakers_are_kept_readable() {
    let ds = split(TRANSCRIPT);
    assert_eq!(ds.len(), 1);
    let d = &ds[0];
    assert!(d.authors.is_empty());
    assert!(d.blocks.contains(&Block::Speaker {
        name: "某某物流公司总经理 赵大伟".into(),
        text: "我们的分拣效率比三年前提高了一倍。".into()
    }));
    assert!(body(d).contains("**市广播电视台记者 王小丫**：我现在是在物流园的分拣中心"));
}

const COMMENTARY: &str = "\
今日评说

让数据多跑路 让群众少跑腿

晓风

政务服务的便利程度，直接关系群众的获得感。近年来，不少地方推行一网通办，办事效率明显提升。

但也要看到，一些事项仍需多头提交材料。打通数据壁垒，还需久久为功。

两地共建产业园区

本报记者 石磊

近日，两地签约共建产业园区，首批十个项目落地。
";

#[test]
fn commentary_with_pen_name() {
    let ds = split(COMMENTARY);
    assert_eq!(
        titles(&ds),
        vec![Some("让数据多跑路 让群众少跑腿"), Some("两地共建产业园区")]
    );
    assert_eq!(ds[0].authors, vec!["晓风".to_string()]);
    assert_eq!(ds[0].column.as_deref(), Some("今日评说"));
    assert!(!body(&ds[0]).contains("晓风"));
    assert_eq!(ds[1].authors, vec!["石磊".to_string()]);
}

const LEAD_ABOVE_HEADLINE: &str = "\
区域聚焦

走进新城系列调研

初夏时节，记者走进新城，探访这里的产业新变化。

产业集聚 动能强劲
新城迎来发展新机遇

■本报记者 田甜

科技园区内，一批新项目正在加紧建设。
";

#[test]
fn lead_printed_above_its_headline_is_folded_in() {
    let ds = split(LEAD_ABOVE_HEADLINE);
    assert_eq!(titles(&ds), vec![Some("新城迎来发展新机遇")]);
    let d = &ds[0];
    assert_eq!(d.kicker.as_deref(), Some("产业集聚 动能强劲"));
    assert_eq!(d.authors, vec!["田甜".to_string()]);
    let b = body(d);
    assert!(b.starts_with("初夏时节"), "{b}");
    assert!(!b.contains("走进新城系列调研"));
    assert!(!b.contains("区域聚焦"));
}

const PICTURE_THEN_LEAD: &str = "\
第一篇正文很短。

据新华社



新建的港口码头

港口吞吐量持续攀升，今年即可突破一亿吨。

港口吞吐量再创新高

本报记者 安然

码头上，一台台桥吊正在装卸集装箱。
";

#[test]
fn caption_and_lead_before_a_signed_headline() {
    let ds = split(PICTURE_THEN_LEAD);
    let last = ds.last().unwrap();
    assert_eq!(last.title.as_deref(), Some("港口吞吐量再创新高"));
    assert!(body(last).starts_with("港口吞吐量持续攀升"));
    assert!(!body(last).contains("新建的港口码头"));
    assert!(last.captions.contains(&"新建的港口码头".to_string()));
}

const SINGLE_NEWLINES: &str = "\
全市新能源产业加快发展
今年以来，全市新能源产业保持较快增长，多个重点项目投产。
扩大有效投资，推动项目落地见效
一季度，新能源领域完成投资同比增长两成。
企业技改步伐加快，产品竞争力不断提升。
深化开放合作，拓展市场空间
多家企业与外地车企签订供货协议。 （宋一凡）
";

#[test]
fn single_newline_page_with_subheads_and_trailing_author() {
    let ds = split(SINGLE_NEWLINES);
    assert_eq!(titles(&ds), vec![Some("全市新能源产业加快发展")]);
    let d = &ds[0];
    assert_eq!(d.authors, vec!["宋一凡".to_string()]);
    let headings: Vec<&Block> = d
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Heading(_)))
        .collect();
    assert_eq!(headings.len(), 2);
    assert!(!body(d).contains("宋一凡"));
}

const TITLE_AND_SUBTITLE: &str = "\
\n\n\n\n园区夜景。

一季度经济运行观察

高新区一季度工业产值同比增长12.5%

近日，高新区发布一季度经济运行情况，工业产值同比增长12.5%。

（文/高山、流水）



园区鸟瞰。
";

#[test]
fn captions_at_the_page_edges_and_a_subtitle() {
    let ds = split(TITLE_AND_SUBTITLE);
    assert_eq!(ds.len(), 1);
    let d = &ds[0];
    assert_eq!(d.title.as_deref(), Some("一季度经济运行观察"));
    assert_eq!(
        d.subtitle.as_deref(),
        Some("高新区一季度工业产值同比增长12.5%")
    );
    assert_eq!(d.authors, vec!["高山".to_string(), "流水".to_string()]);
    assert_eq!(
        d.captions,
        vec!["园区夜景。".to_string(), "园区鸟瞰。".to_string()]
    );
    assert!(!body(d).contains("鸟瞰"));
}

#[test]
fn empty_and_odd_pages() {
    assert!(split("").is_empty());
    assert!(split("\n\n  \n").is_empty());
    for t in [
        "标题",
        "本报记者 张三",
        "（",
        "——",
        "据《",
        "【】丨",
        "\u{0}\u{1}",
        "：\n：\n",
        "2024年4月18日 星期四",
    ] {
        let _ = split(t);
    }
}

#[test]
fn long_page_is_linear() {
    let mut text = String::new();
    for i in 0..3000 {
        text.push_str(&format!("第{i}条新闻标题\n\n这是第{i}条新闻的正文，内容较长，讲述了一件事情。\n\n本报记者 张三\n\n"));
    }
    let start = std::time::Instant::now();
    let ds = split(&text);
    assert_eq!(ds.len(), 3000);
    assert!(start.elapsed().as_secs() < 5);
}

const ONE_LINERS: &str = "\
城事简报

●老城区完成雨污分流改造。近日，老城区雨污分流改造工程全部完工，惠及居民两万户。

●市民公园新增健身步道。日前，市民公园新建健身步道三公里，免费向市民开放。
";

#[test]
fn one_line_briefs_under_a_column() {
    let ds = split(ONE_LINERS);
    assert_eq!(
        titles(&ds),
        vec![Some("老城区完成雨污分流改造"), Some("市民公园新增健身步道")]
    );
    assert_eq!(ds[1].column.as_deref(), Some("城事简报"));
    assert!(body(&ds[0]).starts_with("近日，老城区"));
}

const BULLETED_LIST: &str = "\
全力推进项目建设

本报记者 方圆

今年以来，我市多措并举推进项目建设。

●强化要素保障。全市新增建设用地指标三千亩，优先保障重点项目。

●优化审批服务。推行拿地即开工，审批时限压缩一半以上。
";

#[test]
fn bullets_inside_an_article_stay_in_it() {
    let ds = split(BULLETED_LIST);
    assert_eq!(titles(&ds), vec![Some("全力推进项目建设")]);
    assert!(body(&ds[0]).contains("强化要素保障。全市新增"));
}

const WEB_WITH_LOGO_LINE: &str = "\
新区要闻 今日头条

三地携手共建生态廊道

2023-05-06 08:00:00 来源：某某客户端

生态廊道

廊道建设是区域协同的重要内容。今年三地将新增造林面积十万亩，串联起多个湿地公园。
";

#[test]
fn short_line_under_a_web_headline_is_no_column() {
    let ds = split(WEB_WITH_LOGO_LINE);
    assert_eq!(titles(&ds), vec![Some("三地携手共建生态廊道")]);
    assert_eq!(ds[0].source.as_deref(), Some("某某客户端"));
    assert!(body(&ds[0]).contains("廊道建设是区域协同的重要内容。今年三地"));
}

const LABEL_THEN_LEAD: &str = "\
区域热点

春风拂过运河两岸，一批新项目相继开工，处处涌动着发展热潮。

深化协同 加快转型
运河两岸项目建设如火如荼

本报记者 顾然

在运河沿线的产业园里，十几台塔吊正在作业。
";

#[test]
fn column_label_then_lead_then_signed_headline() {
    let ds = split(LABEL_THEN_LEAD);
    assert_eq!(titles(&ds), vec![Some("运河两岸项目建设如火如荼")]);
    assert_eq!(ds[0].column.as_deref(), Some("区域热点"));
    assert!(body(&ds[0]).starts_with("春风拂过运河两岸"));
}

const SIGNED_THEN_UNSIGNED: &str = "\
新区科创园开园

本报记者 林青

新区科创园昨日开园，首批二十家企业入驻。

园区将提供研发、中试、孵化全链条服务。

老字号食品企业落户新区

一家京城老字号食品企业近日落户新区，新建生产线将于年内投产。（韦东）
";

#[test]
fn a_byline_below_a_signed_article_ends_the_article_after_it() {
    let ds = split(SIGNED_THEN_UNSIGNED);
    assert_eq!(
        titles(&ds),
        vec![Some("新区科创园开园"), Some("老字号食品企业落户新区")]
    );
    assert_eq!(ds[0].authors, vec!["林青".to_string()]);
    assert_eq!(ds[1].authors, vec!["韦东".to_string()]);
}

/// Pages made of random pieces of the constructs above must never panic.
#[test]
fn random_pages_do_not_panic() {
    let pieces = [
        "（",
        "）",
        "(",
        ")",
        "【",
        "】",
        "“",
        "”",
        "《",
        "》",
        "——",
        "—",
        "丨",
        "|",
        "：",
        ":",
        "。",
        "，",
        "！",
        "？",
        "本报讯",
        "记者",
        "本报记者",
        "通讯员",
        "文/",
        "摄",
        "据",
        "来源：",
        "责任编辑",
        "下转第二版",
        "2024年4月18日",
        "星期四",
        "12:30",
        "日报",
        "网",
        "电",
        "讯",
        "张三",
        "李",
        "■",
        "●",
        " ",
        "　",
        "\n",
        "\n\n",
        "\n\n\n\n",
        "a",
        "9",
        "é",
        "\u{0}",
        "\u{200b}",
        "\u{feff}",
        "𠀀",
        "标题",
        "正文内容很长很长",
        "区域热点",
        "的",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..3000 {
        let mut page = String::new();
        let len = (state % 60) as usize;
        for _ in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            page.push_str(pieces[(state % pieces.len() as u64) as usize]);
        }
        let _ = split(&page);
    }
}

const NO_BLANK_LINES: &str = "\
今日评说
让数据多跑路 让群众少跑腿
晓风
政务服务的便利程度，直接关系群众的获得感。
打通数据壁垒，还需久久为功。
要闻速览
三地签署文旅合作协议
近日，三地文旅部门签署合作协议，将联合推出精品旅游线路。
据《燕赵晚报》
";

#[test]
fn page_without_blank_lines_keeps_its_articles_apart() {
    let ds = split(NO_BLANK_LINES);
    assert_eq!(
        titles(&ds),
        vec![
            Some("让数据多跑路 让群众少跑腿"),
            Some("三地签署文旅合作协议")
        ]
    );
    assert_eq!(ds[0].source, None);
    assert_eq!(ds[1].source.as_deref(), Some("燕赵晚报"));
    assert_eq!(ds[1].column.as_deref(), Some("要闻速览"));
    assert!(!body(&ds[0]).contains("要闻速览"));
}
