//! Byline, dateline and source-line tests, with names and papers made up for them.

use super::*;

fn names(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn staff_bylines() {
    let b = parse_line("本报记者 王小川 本报通讯员 林一").unwrap();
    assert_eq!(b.authors, names(&["王小川", "林一"]));
    assert!(b.own);
    assert_eq!(
        parse_line("■本报记者 赵晴").unwrap().authors,
        names(&["赵晴"])
    );
    assert_eq!(
        parse_line("本报记者孙明 通讯员周亮").unwrap().authors,
        names(&["孙明", "周亮"])
    );
    assert_eq!(
        parse_line("记者 何静 实习生 唐果").unwrap().authors,
        names(&["何静", "唐果"])
    );
    assert_eq!(
        parse_line("本报记者 刘 畅 通讯员 王 伟").unwrap().authors,
        names(&["刘畅", "王伟"])
    );
}

#[test]
fn other_byline_forms() {
    assert_eq!(
        parse_line("（文/高山、流水）").unwrap().authors,
        names(&["高山", "流水"])
    );
    assert_eq!(
        parse_line("作者：钱多多").unwrap().authors,
        names(&["钱多多"])
    );
    assert_eq!(
        parse_line("新华社记者 马丁").unwrap().authors,
        names(&["马丁"])
    );
    let b = parse_line("本报记者 许诺 文并摄").unwrap();
    assert_eq!(b.authors, names(&["许诺"]));
    assert!(!b.photo);
}

#[test]
fn photographers_and_editors_are_not_authors() {
    assert!(parse_line("本报记者 许诺 摄").unwrap().photo);
    assert!(is_photo_credit("（新华社记者 马丁 摄）"));
    assert!(is_photo_credit("图/韩梅"));
    assert!(is_photo_credit("（图片由市文旅局提供）"));
    assert!(is_photo_credit("图片来源：视觉中国"));
    assert!(ends_with_credit("新建的古城停车场。 本报记者 孟夏 摄"));
    assert!(ends_with_credit("新建的古城停车场（孟夏 摄）"));
    assert!(ends_with_credit("工人在车间里忙碌 张小五 摄"));
    assert!(!ends_with_credit("全市新建停车场三处。"));
    assert!(!ends_with_credit("本报记者 许诺 文并摄"));
    assert!(!ends_with_credit("他说，这些照片都是他自己拍摄"));
    assert_eq!(parse_line("责任编辑：李雷"), None);
}

#[test]
fn sentences_are_not_bylines() {
    assert_eq!(parse_line("记者从市发改委获悉，今年将新建三座公园。"), None);
    assert_eq!(parse_line("记者走访了多家企业"), None);
    assert_eq!(parse_line("优化生态 提升产业气质"), None);
    assert_eq!(parse_line("进超"), None);
    assert_eq!(
        parse_line("本报评论员").unwrap().authors,
        Vec::<String>::new()
    );
    assert_eq!(parse_line("编辑"), None);
}

#[test]
fn trailing_parenthesised_bylines() {
    let (p, b) = trailing("今年共完成植树造林3万亩。 （记者 孔亮 通讯员 柳青）").unwrap();
    assert_eq!(p, "今年共完成植树造林3万亩。");
    assert_eq!(b.authors, names(&["孔亮", "柳青"]));
    let (_, b) = trailing("项目已全部竣工。（宋一凡）").unwrap();
    assert_eq!(b.authors, names(&["宋一凡"]));
    assert_eq!(trailing("出台了《管理办法（试行）》"), None);
    assert_eq!(trailing("这是一个新的开始。（完）"), None);
    assert_eq!(trailing("参观者络绎不绝（见下图）"), None);
}

#[test]
fn pen_names() {
    assert!(is_pen_name("晓风"));
    assert!(is_pen_name("石一凡"));
    assert!(!is_pen_name("城市观察家"));
    assert!(!is_pen_name("A组"));
    assert!(is_surname_name("欧阳明月"));
    assert!(!is_surname_name("试行"));
}

#[test]
fn source_lines() {
    assert_eq!(
        source_line("据《燕赵都市报》").as_deref(),
        Some("燕赵都市报")
    );
    assert_eq!(source_line("据新华社").as_deref(), Some("新华社"));
    assert_eq!(source_line("（据长城网）").as_deref(), Some("长城网"));
    assert_eq!(
        source_line("来源：中国经济网").as_deref(),
        Some("中国经济网")
    );
    assert_eq!(
        source_line("来源：燕赵晚报 作者：周一").as_deref(),
        Some("燕赵晚报")
    );
    assert_eq!(source_line("据介绍"), None);
    assert_eq!(source_line("据悉，项目将于年底完工。"), None);
    assert_eq!(source_line("据市统计局统计"), None);
    assert_eq!(
        trailing_source("工程顺利完工。（据新华社）")
            .map(|x| x.1)
            .as_deref(),
        Some("新华社")
    );
}

#[test]
fn datelines() {
    let d = dateline("本报讯（记者 秦川 通讯员 白露）近日，新桥通车。").unwrap();
    assert_eq!(d.rest, "近日，新桥通车。");
    assert_eq!(d.byline.authors, names(&["秦川", "白露"]));
    assert!(d.byline.own);
    assert_eq!(d.agency, None);
    let d = dateline("新华社天津5月2日电（记者 安然）港口吞吐量创新高。").unwrap();
    assert_eq!(d.agency.as_deref(), Some("新华社"));
    assert_eq!(d.byline.authors, names(&["安然"]));
    let d = dateline("中新网保定3月9日电 当地首条地铁开工。").unwrap();
    assert_eq!(d.agency.as_deref(), Some("中新网"));
    assert_eq!(d.rest, "当地首条地铁开工。");
    let d = dateline("本报讯 记者田野报道：一场春雨过后，麦苗返青。").unwrap();
    assert_eq!(d.byline.authors, names(&["田野"]));
    assert_eq!(d.rest, "一场春雨过后，麦苗返青。");
    let d = dateline("人民网北京4月18日电 （王小明、李冬）近日，新桥通车。").unwrap();
    assert_eq!(d.byline.authors, names(&["王小明", "李冬"]));
    assert_eq!(dateline("电力供应保持稳定。"), None);
    assert_eq!(dateline("通讯技术不断进步，电网更加智能。"), None);
}
