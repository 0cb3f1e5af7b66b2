//! Place detection rules, each with short texts written for the test.

use std::sync::OnceLock;

use super::*;

fn gaz() -> &'static Gazetteer {
    static GAZ: OnceLock<Gazetteer> = OnceLock::new();
    GAZ.get_or_init(|| Gazetteer::builtin().unwrap())
}

fn matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| Matcher::new(gaz()))
}

/// Short names of the places found, most specific first.
fn places(title: &str, body: &str) -> Vec<String> {
    matcher()
        .detect(gaz(), title, body)
        .iter()
        .map(|f| gaz().get(f.region).name.clone())
        .collect()
}

fn has(list: &[String], name: &str) -> bool {
    list.iter().any(|n| n == name)
}

mod credit;
mod salience;

#[test]
fn title_place_is_found() {
    assert_eq!(
        places(
            "保定新建三座智慧仓储中心",
            "项目总投资约十亿元，预计明年投用。"
        ),
        ["保定"]
    );
}

#[test]
fn nothing_found_in_text_without_places() {
    assert!(places("春耕备耕正当时", "农民们忙着检修农机、采购化肥。").is_empty());
    assert!(places("", "").is_empty());
}

#[test]
fn odd_input_does_not_panic() {
    let junk = "\u{0}\u{feff}河北\u{fffd}区\u{200b}域《沧州\n》北京\u{10ffff}路";
    let _ = places(junk, junk);
    let _ = places("区域", "域区河北区域区");
    let long = "京津冀、".repeat(5000);
    let _ = places(&long, &long);
}

#[test]
fn tianjin_hebei_district_is_not_hebei_province() {
    let found = places(
        "河北区上线智慧停车平台",
        "天津市河北区日前上线智慧停车平台。河北区城管委负责人说，平台接入车位三千余个。",
    );
    assert!(has(&found, "河北区"), "{found:?}");
    assert!(!has(&found, "河北"), "{found:?}");
}

#[test]
fn hebei_before_quyu_is_the_province() {
    let found = places(
        "河北区域协同水平提升",
        "河北区域创新能力持续增强，河北各市加快布局。",
    );
    assert!(has(&found, "河北"), "{found:?}");
    assert!(!has(&found, "河北区"), "{found:?}");
}

#[test]
fn city_starting_an_organisation_name_is_a_modifier() {
    let found = places(
        "新车型在沧州下线",
        "北京现代沧州工厂生产的新车型日前下线。北京现代沧州工厂今年产量增长两成，沧州的配套企业随之扩产。",
    );
    assert_eq!(found, ["沧州"]);
    let found = places(
        "高校研究院助企升级",
        "北京工业大学沧州研究院与沧州多家企业签约。研究院落户沧州三年来，帮助企业解决技术难题二十余项。",
    );
    assert_eq!(found, ["沧州"]);
}

#[test]
fn street_named_after_a_city_is_not_the_city() {
    let found = places(
        "老字号迎来新客流",
        "位于天津和平区承德道的一家老字号糕点铺，近日推出新品。和平区商务部门表示，将继续扶持老字号。",
    );
    assert!(!has(&found, "承德"), "{found:?}");
    assert!(has(&found, "和平区"), "{found:?}");
}

#[test]
fn common_words_containing_place_names_are_not_places() {
    let found = places(
        "新能源成为朝阳产业",
        "不少地方曾经大兴土木，如今转向大兴调查研究之风。大城市周边的山东城市也在布局。廊坊企业加快转型，廊坊的订单明显增加。",
    );
    for wrong in ["朝阳", "大兴", "大城", "东城"] {
        assert!(!has(&found, wrong), "{wrong} in {found:?}");
    }
    assert!(has(&found, "廊坊"), "{found:?}");
}

#[test]
fn jingjinji_alone_means_the_three() {
    let found = places(
        "京津冀联合发布文旅线路",
        "京津冀三地文旅部门联合推出二十条精品线路，三地游客可享受同等优惠。",
    );
    for name in ["北京", "天津", "河北"] {
        assert!(has(&found, name), "{name} missing from {found:?}");
    }
}

#[test]
fn jingjinji_in_passing_does_not_add_the_three() {
    let found = places(
        "唐山港货物吞吐量创新高",
        "唐山港今年前三季度货物吞吐量同比增长。唐山港务部门介绍，港口正加快建设服务京津冀的物流枢纽。",
    );
    assert_eq!(found, ["唐山"]);
}

#[test]
fn abbreviation_pairs_name_two_places() {
    let found = places(
        "京冀共建产业园区",
        "京冀两地共建的产业园区又迎新项目，京冀合作不断深化。",
    );
    assert!(has(&found, "北京") && has(&found, "河北"), "{found:?}");
    assert!(!has(&found, "天津"), "{found:?}");
}

#[test]
fn xiongan_and_xiongxian_are_told_apart() {
    let found = places(
        "雄县温泉小镇迎客",
        "雄县的温泉小镇春节期间接待游客超过十万人次，雄县文旅部门表示将延长开放时间。",
    );
    assert!(has(&found, "雄县"), "{found:?}");
    let found = places("雄安新区启动区建设提速", "雄安新区启动区一批项目集中开工。");
    assert_eq!(found, ["雄安"]);
}

#[test]
fn places_in_a_long_list_are_passing_mentions() {
    let found = places(
        "保定展会吸引多地客商",
        "保定举办的装备制造展会吸引了来自北京、天津、上海、重庆、石家庄等地的客商。保定市商务局表示，展会签约额创新高。",
    );
    assert_eq!(found, ["保定"]);
}

#[test]
fn media_names_and_bylines_are_not_places() {
    let found = places(
        "钢铁企业加快超低排放改造",
        "据河北日报报道，唐山多家钢铁企业完成超低排放改造。北京广播电视台记者在唐山现场看到，厂区环境明显改善。",
    );
    assert_eq!(found, ["唐山"]);
}

#[test]
fn a_qualifying_parent_does_not_count_on_its_own() {
    let found = places(
        "固安航空产业园投产",
        "河北省廊坊市固安县的航空产业园首批企业投产，固安县招商部门介绍，园区已签约二十家企业。",
    );
    assert_eq!(found[0], "固安");
    assert!(!has(&found, "河北"), "{found:?}");
}

#[test]
fn a_generic_alias_after_another_city_is_that_citys() {
    let found = places(
        "石家庄城市副中心建设提速",
        "石家庄城市副中心一批项目开工，石家庄将在这里布局总部经济。",
    );
    assert!(!has(&found, "通州"), "{found:?}");
    assert!(has(&found, "石家庄"), "{found:?}");
}

#[test]
fn a_zone_counts_for_its_county() {
    let found = places(
        "科技企业加快落地",
        "燕郊的一家算力企业新建生产线，燕郊高新区管委会介绍，园区今年新增企业三十家。三河市还将出台配套政策。",
    );
    assert!(has(&found, "三河"), "{found:?}");
    assert!(!has(&found, "燕郊"), "{found:?}");
    let found = places("燕郊产业园迎来新项目", "燕郊产业园签约五个项目。");
    assert!(has(&found, "燕郊"), "{found:?}");
}

#[test]
fn a_shared_district_name_follows_the_city_named() {
    let found = places(
        "新华区老旧小区改造完工",
        "沧州市新华区今年改造老旧小区四十个，新华区住建局表示，明年继续推进。",
    );
    let ids: Vec<String> = matcher()
        .detect(
            gaz(),
            "新华区老旧小区改造完工",
            "沧州市新华区今年改造老旧小区四十个，新华区住建局表示，明年继续推进。",
        )
        .iter()
        .map(|f| gaz().get(f.region).key.clone())
        .collect();
    assert!(
        ids.iter().any(|k| k == "hebei/cangzhou/xinhuaqu"),
        "{ids:?} / {found:?}"
    );
    assert!(
        !ids.iter().any(|k| k == "hebei/shijiazhuang/xinhuaqu"),
        "{ids:?}"
    );
}

#[test]
fn beijing_time_is_not_beijing() {
    let found = places(
        "航天员顺利出舱",
        "北京时间今天凌晨，航天员顺利完成出舱任务。酒泉卫星发射中心传来消息。",
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_county_named_once_inside_the_main_city_is_kept() {
    let found = places(
        "沧州企业牵手高校",
        "沧州一批企业与高校开展合作。沧州市科技局介绍，合作项目覆盖装备制造等领域。\n任丘市一家管道公司借助高校力量完成技术改造，沧州各县正在复制这一做法。",
    );
    assert_eq!(found, ["任丘", "沧州"]);
}

#[test]
fn a_place_named_once_is_the_best_guess_when_alone() {
    let found = places(
        "优化营商环境的几点思考",
        "营商环境是生产力。近年来，邢台的一些企业反映审批提速明显。我市还将继续优化服务。",
    );
    assert_eq!(found, ["邢台"]);
}

#[test]
fn at_most_five_places_that_are_not_parents() {
    let body = "石家庄、唐山、保定三市签约。\n石家庄项目开工。唐山项目开工。保定项目开工。邯郸项目开工。邢台项目开工。衡水项目开工。\n石家庄二期。唐山二期。保定二期。邯郸二期。邢台二期。衡水二期。";
    let found = places("多地项目集中开工", body);
    assert!(found.len() <= 5, "{found:?}");
}

#[test]
fn explain_shows_mentions() {
    let found = matcher().detect(
        gaz(),
        "沧州发布新政",
        "沧州市出台措施支持企业。沧州还将加大投入。",
    );
    assert_eq!(found.len(), 1);
    let line = found[0].explain(gaz());
    assert!(line.starts_with("地区 沧州 "), "{line}");
    assert!(line.contains("标题1次、正文2次"), "{line}");
    assert!(line.contains("沧州市"), "{line}");
}

#[test]
fn a_weak_name_inside_a_company_name_needs_more_than_one_mention() {
    let found = places(
        "新材料项目开工",
        "浙江芯安新材料公司投资的项目近日开工，项目位于雄安新区。\n雄安新区有关部门表示，将做好服务保障。",
    );
    assert!(!has(&found, "安新"), "{found:?}");
    assert!(has(&found, "雄安"), "{found:?}");
}

#[test]
fn words_that_only_look_like_places() {
    let found = places(
        "互联网大厂布局算力",
        "新华社消息，多家互联网大厂加快布局算力中心。长安街沿线的写字楼里，企业负责人介绍了河北的项目进展。",
    );
    for wrong in ["大厂", "新华区", "长安区"] {
        assert!(!has(&found, wrong), "{wrong} in {found:?}");
    }
    let found = places("和平区域合作论坛举行", "论坛围绕和平区域合作展开讨论。");
    assert!(!has(&found, "和平区"), "{found:?}");
}

#[test]
fn two_places_closed_by_deng_are_examples() {
    let found = places(
        "专家团队下基层",
        "专家团队来到承德、张家口等地开展义诊。\n廊坊市卫健委表示，廊坊将继续做好对接服务。",
    );
    assert_eq!(found, ["廊坊"]);
}

#[test]
fn an_organisation_in_the_title_does_not_list_its_city() {
    let found = places(
        "北京大学团队助力乡村振兴",
        "团队在阜平县开展调研，阜平县有关负责人介绍了当地特色产业。",
    );
    assert!(!has(&found, "北京"), "{found:?}");
    assert!(has(&found, "阜平"), "{found:?}");
}

#[test]
fn random_mixes_of_names_and_punctuation_do_not_panic() {
    let pieces = [
        "河北",
        "区",
        "域",
        "天津市",
        "北京",
        "现代",
        "沧州",
        "工厂",
        "大学",
        "、",
        "，",
        "。",
        "《",
        "》",
        "（",
        "）",
        "(",
        ")",
        "·",
        "道",
        "京津冀",
        "京",
        "冀",
        "津",
        "燕郊",
        "城市副中心",
        "新华区",
        "桥西区",
        "等",
        "之风",
        "大兴",
        "日报",
        "有限公司",
        "\n",
        " ",
        "a",
        "\u{fffd}",
        "\u{10ffff}",
        "的",
        "在",
        "与",
        "以及",
        "北三县",
        "通武廊",
        "中关村",
        "科技园",
        "天津港",
        "北京经开区",
        "研究院",
        "本部",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..500 {
        let mut text = String::new();
        for _ in 0..(seed % 40) {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        let found = matcher().detect(gaz(), &text, &text);
        assert!(found.len() <= 12, "{text}: {found:?}");
        for f in &found {
            let _ = f.explain(gaz());
        }
    }
}
