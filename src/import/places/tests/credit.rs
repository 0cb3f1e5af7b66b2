//! Credit a name gives to other places: local groups, facilities named after their city, zone
//! names lent to parks elsewhere, organisations sited away from home, zones run as districts.

use super::*;

#[test]
fn a_local_group_names_each_member() {
    let body = "北三县的企业正在加快对接首都市场。\n\
                记者在走访中发现，不少配套企业订单饱满。北三县还将建设一批标准厂房。";
    let found = places("标准厂房建设提速", body);
    for name in ["三河", "大厂", "香河"] {
        assert!(has(&found, name), "{name} missing from {found:?}");
    }
    let found = places(
        "雄安三县推进农村供水改造",
        "雄安三县今年将完成农村供水管网改造。",
    );
    for name in ["雄县", "容城", "安新"] {
        assert!(has(&found, name), "{name} missing from {found:?}");
    }
}

#[test]
fn a_group_named_throughout_does_not_crowd_out_a_place_named_by_itself() {
    let mut body = String::from("通武廊三地签署人才合作协议。\n");
    for _ in 0..16 {
        body.push_str("通武廊人才互认范围继续扩大。");
    }
    body.push_str("\n通州区人社局、武清区人社局和廊坊市人社局共同发布了岗位清单。\n");
    body.push_str("固安县的两家企业也参加了活动，固安县人社局介绍，两家企业招聘工程师四十名。");
    let found = places("通武廊人才合作再升级", &body);
    assert!(has(&found, "固安"), "{found:?}");
}

#[test]
fn a_facility_named_after_its_city_names_the_city() {
    let body = "天津港一季度集装箱吞吐量同比增长。\n\
                天津港新开通两条海铁联运线路。货主表示，经天津港出海比过去节省一天。";
    let found = places("海铁联运线路再加密", body);
    assert!(has(&found, "天津"), "{found:?}");
}

#[test]
fn a_zone_lent_to_a_park_elsewhere_is_not_the_zone() {
    let body = "邯郸近年来加快引进科技企业，邯郸市科技局介绍了有关情况。\n\
                在邯郸，中关村科技园邯郸分园已入驻企业六十家。中关村创新中心也将在当地设立服务站。";
    let found = places("科技园区招商提速", body);
    assert!(!has(&found, "海淀"), "{found:?}");
    assert!(!has(&found, "中关村"), "{found:?}");
    assert!(has(&found, "邯郸"), "{found:?}");
}

#[test]
fn the_home_of_a_branch_sited_in_the_main_place_is_not_listed() {
    let body = "在邢台经济开发区，北京建筑科技大学邢台研究院的中试车间日前投用。\n\
                研究院由北京建筑科技大学与邢台市政府共建，邢台的企业可以就近对接科研团队。\n\
                研究院的骨干来自北京本部。一位企业负责人说，过去要跑到北京找专家，现在在邢台就能解决。";
    let found = places("研究院中试车间投用", body);
    assert!(has(&found, "邢台"), "{found:?}");
    assert!(!has(&found, "北京"), "{found:?}");
}

#[test]
fn a_zone_run_as_a_district_is_listed_under_its_own_name() {
    let body =
        "北京经开区一批机器人企业加快扩产。北京经开区有关负责人介绍，今年将新建两座标准厂房。";
    let found = places("机器人企业扩产", body);
    assert!(has(&found, "亦庄"), "{found:?}");
    assert!(!has(&found, "大兴"), "{found:?}");
}
