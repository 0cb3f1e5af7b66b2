//! Names that count though named once: opening or framing a sentence, joined to such a name,
//! qualified by their own parent, or standing in an enumeration whose other items are subjects.

use super::*;

#[test]
fn a_weak_name_right_after_its_own_parent_is_kept() {
    let found = places(
        "冷链物流枢纽投用",
        "两地共建的冷链物流枢纽日前投用，首批入驻企业十二家。\n在天津武清，新建的冷库已开始接收生鲜订单。",
    );
    assert!(has(&found, "武清"), "{found:?}");
}

#[test]
fn a_weak_name_right_after_another_place_is_still_dropped() {
    let found = places("", "唐山大厂家云集的展会今天开幕，唐山各县区组团参展。");
    assert!(!has(&found, "大厂"), "{found:?}");
}

#[test]
fn a_clause_framed_by_a_place_is_about_it() {
    let body = "廊坊多家企业今年扩大了产能，廊坊市工信局说订单已排到年底。\n\
                产业链上下游也在跟进。今年以来，在唐山，一批钢铁企业完成了设备更新。\n\
                记者了解到，部分产品还销往邯郸的经销商。";
    let found = places("订单增长带动扩产", body);
    assert!(has(&found, "唐山"), "{found:?}");
    assert!(!has(&found, "邯郸"), "{found:?}");
}

#[test]
fn places_opening_a_sentence_as_a_pair_are_its_subjects() {
    let body = "房山区今年新开通三条公交线路，房山区交通局说线路覆盖了主要产业园区。\n\
                房山区与涿州市隔河相望，两地通勤人数逐年增多。新线路每天往返二十班。\n\
                房山区还将增设站点。";
    let found = places("跨界公交线路开通", body);
    assert!(has(&found, "房山"), "{found:?}");
    assert!(has(&found, "涿州"), "{found:?}");
}

#[test]
fn a_name_inside_a_sentence_once_stays_a_passing_mention() {
    let body = "秦皇岛的旅游旺季即将到来，秦皇岛市文旅局推出多项便民措施。\n\
                游客中有不少人来自承德，他们更喜欢自驾出行。";
    let found = places("海滨旅游旺季将至", body);
    assert_eq!(found, ["秦皇岛"]);
}

#[test]
fn an_organisation_opening_a_sentence_is_not_made_prominent() {
    let body = "衡水一家企业新建生产线，衡水市有关部门全程帮办。\n\
                北京理工大学的教授团队为生产线提供了技术支持。";
    let found = places("新生产线投产", body);
    assert!(!has(&found, "北京"), "{found:?}");
}

#[test]
fn the_rest_of_an_enumeration_whose_items_stand_out_is_listed() {
    let body = "一个由三地企业组成的产业联盟近日成立。\n\
                首批成员包括顺义区的整车企业、廊坊的零部件企业以及衡水的一家研究所。\n\
                按照分工，廊坊负责底盘部件，衡水负责材料测试。";
    let found = places("汽车产业联盟成立", body);
    for name in ["顺义", "廊坊", "衡水"] {
        assert!(has(&found, name), "{name} missing from {found:?}");
    }
}

#[test]
fn an_enumeration_closed_by_deng_is_not_completed() {
    let body = "一个产业联盟近日成立。\n\
                成员来自顺义区、廊坊、衡水等地。\n\
                按照分工，廊坊负责底盘部件，衡水负责材料测试。";
    let found = places("汽车产业联盟成立", body);
    assert!(!has(&found, "顺义"), "{found:?}");
}

#[test]
fn an_enumeration_of_provinces_is_not_completed() {
    let body = "论坛吸引了众多企业参加。\n\
                来自北京、天津、河北的代表作了发言。\n\
                北京代表介绍了经验，天津代表介绍了做法。";
    let found = places("论坛举行", body);
    assert!(!has(&found, "河北"), "{found:?}");
}
