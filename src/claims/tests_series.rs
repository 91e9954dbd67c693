//! Objects in the series of figures statistical reports are made of:
//! thresholds over a list of villages, parts of a group, changes of each
//! part, shares of a whole, names of teams and levels.

use super::*;

/// The text and object of every claim of `text`.
fn objects(text: &str) -> Vec<(String, Option<String>)> {
    extract_text(text)
        .into_iter()
        .map(|c| (c.text, c.object))
        .collect()
}

fn object_of(text: &str, figure: &str) -> Option<String> {
    objects(text)
        .into_iter()
        .find(|(t, _)| t == figure)
        .unwrap_or_else(|| panic!("{figure} not read in {text}"))
        .1
}

#[test]
fn thresholds_pick_out_the_villages_they_count() {
    let t = "全县120个村中,48个村集体经济收入超过10万元,17个村超过30万元。";
    assert_eq!(
        object_of(t, "48个").as_deref(),
        Some("集体经济收入超过10万元的村")
    );
    assert_eq!(object_of(t, "17个").as_deref(), Some("超过30万元的村"));
    // A later threshold of the same villages measures what the first named.
    assert_eq!(
        object_of(t, "超过30万元").as_deref(),
        Some("村集体经济收入")
    );
    // All of them: the villages are counted.
    let all = "全镇16个村集体经济收入全部达到5万元以上。";
    assert_eq!(object_of(all, "16个").as_deref(), Some("村"));
}

#[test]
fn a_share_that_opens_its_clause_is_of_the_subject_before() {
    let t = "全区注册志愿者达4.1万人,占常住人口8.2%。";
    assert_eq!(object_of(t, "8.2%").as_deref(), Some("志愿者占比"));
    // 占道 inside a clause is no share.
    let road = "取缔占道摆摊以后,群众投诉减少30%。";
    assert_ne!(object_of(road, "30%").as_deref(), Some("群众投诉占比"));
}

#[test]
fn parts_of_a_group_named_in_their_own_clause() {
    let t = "据统计,全区党员中具有本科学历的2.3万名,45岁以下1.6万名,分别比上年增长4.1%、2.7%。";
    assert_eq!(object_of(t, "2.3万名").as_deref(), Some("本科学历党员"));
    assert_eq!(object_of(t, "1.6万名").as_deref(), Some("45岁以下党员"));
    assert_eq!(object_of(t, "4.1%").as_deref(), Some("本科学历党员增长"));
    assert_eq!(object_of(t, "2.7%").as_deref(), Some("45岁以下党员增长"));
    // A part that names its own people keeps them.
    let own = "党员队伍中女党员1200名。";
    assert_eq!(object_of(own, "1200名").as_deref(), Some("女党员"));
    // 中 inside a word is no group (大中型, 中小学).
    let word = "新建中小学校15所,培训大中型企业经理800名。";
    assert_ne!(object_of(word, "800名").as_deref(), Some("企业经理新建"));
}

#[test]
fn teams_and_levels_keep_their_whole_names() {
    assert_eq!(
        object_of("镇里组建12支驻村帮扶工作队。", "12支").as_deref(),
        Some("驻村帮扶工作队")
    );
    assert_eq!(
        object_of("全市创建35个省级及以上示范党支部。", "35个").as_deref(),
        Some("省级及以上示范党支部")
    );
    // After people, the verb is what they do.
    assert_eq!(
        object_of("各单位选派60名青年干部加入宣讲团。", "60名").as_deref(),
        Some("青年干部")
    );
}

#[test]
fn units_of_a_group_named_by_what_is_said_of_them() {
    let t = "全县260余家非公企业中,180余家已建立党组织,占非公企业总数的69.2%。";
    assert_eq!(
        object_of(t, "180余家").as_deref(),
        Some("已建立党组织的非公企业")
    );
    assert_eq!(
        object_of(t, "69.2%").as_deref(),
        Some("已建立党组织的非公企业占比")
    );
}

#[test]
fn age_ranges_titles_verbs_of_reaching_and_funds_raised() {
    let ages = "全省46岁至60岁的党员3.4万名。";
    assert_eq!(
        object_of(ages, "3.4万名").as_deref(),
        Some("46岁至60岁党员")
    );
    let titles = "全市7名同志被评为“优秀共产党员”。";
    assert_eq!(object_of(titles, "7名").as_deref(), Some("优秀共产党员"));
    let reached = "基地的果园已经扩种至800亩。";
    assert_eq!(object_of(reached, "800亩").as_deref(), Some("果园"));
    let raised = "社区“邻里基金”两天内募得捐款6000元。";
    assert_eq!(object_of(raised, "6000元").as_deref(), Some("捐款"));
    let broke = "全县村级集体经济总收入冲破2亿元。";
    assert_eq!(
        object_of(broke, "冲破2亿元").as_deref(),
        Some("村级集体经济总收入")
    );
}

#[test]
fn employment_parts_dealt_with_and_groups_before_a_bound() {
    let work = "基地年收入达到40万元,带动周边85人就业。";
    assert_eq!(object_of(work, "85人").as_deref(), Some("带动就业"));
    // The part dealt with is of the figure in its unit, not of the sum
    // between them; a second part is of the whole, not of the first part.
    let dealt = "排查矛盾纠纷31件,投入资金20万元,目前已化解26件,正在推进化解5件。";
    assert_eq!(object_of(dealt, "26件").as_deref(), Some("已化解矛盾纠纷"));
    assert_eq!(
        object_of(dealt, "5件").as_deref(),
        Some("正在推进化解矛盾纠纷")
    );
    // A group that ends the clause right before its part's bound.
    let group = "村两委成员中35岁以下96人,占比22.5%,每个村至少配备1名30岁以下的后备干部。";
    assert_eq!(
        object_of(group, "96人").as_deref(),
        Some("35岁以下村两委成员")
    );
    assert_eq!(object_of(group, "1名").as_deref(), Some("30岁以下后备干部"));
}

#[test]
fn a_linking_clause_alone_takes_the_subject_of_the_clause_before() {
    let t = "全县村级集体经济总收入突破3亿元,村均收入两年实现翻番,达到21.5万元。";
    assert_eq!(object_of(t, "21.5万元").as_deref(), Some("村均收入"));
    let people = "党员人数稳步增长,达到2.4万名。";
    assert_eq!(object_of(people, "2.4万名").as_deref(), Some("党员人数"));
    // A clause with a figure of its own lends nothing; nor does one whose
    // object is moved by 将.
    let moved = "球队已将赞助目标,提高到5000万元。";
    assert_ne!(object_of(moved, "5000万元").as_deref(), Some("球队"));
}

#[test]
fn a_link_word_is_stripped_only_as_a_word() {
    // 均 of 平均 and 的 of 标的 are part of the subject, not links before
    // the figure.
    let t = "全镇茶园鲜叶亩产平均达到350公斤,涉及合同标的1200万元。";
    assert_eq!(object_of(t, "350公斤").as_deref(), Some("茶园鲜叶亩产平均"));
    assert_eq!(object_of(t, "1200万元").as_deref(), Some("合同标的"));
    // As words, they are stripped.
    let t = "全镇茶园亩产均达到350公斤。";
    assert_eq!(object_of(t, "350公斤").as_deref(), Some("茶园亩产"));
}

#[test]
fn a_modal_verb_is_not_part_of_the_subject() {
    let t = "全县党员活动室将由12个增至20个,日均客流量可达3万人次。";
    assert_eq!(object_of(t, "12个").as_deref(), Some("党员活动室"));
    assert_eq!(object_of(t, "3万人次").as_deref(), Some("日均客流量"));
}

#[test]
fn a_count_runs_on_through_a_clause_to_its_noun() {
    // People described by a clause or by whom they belong to: the whole.
    let t = "全区选派30名机关单位的党员干部进驻网格,吸引120名返乡创业的青年。";
    assert_eq!(object_of(t, "30名").as_deref(), Some("机关单位的党员干部"));
    assert_eq!(object_of(t, "120名").as_deref(), Some("返乡创业的青年"));
    // Units described by a clause ending in a verb: the whole.
    let t = "村里6个新近完工的冷库已经投用。";
    assert_eq!(object_of(t, "6个").as_deref(), Some("新近完工的冷库"));
    // A noun before 的 is what is counted: its property is not.
    let t = "5个试点村的经验得到推广,每年缴纳1000元管理费的农户增加。";
    assert_eq!(object_of(t, "5个").as_deref(), Some("试点村"));
    assert_eq!(object_of(t, "1000元").as_deref(), Some("管理费"));
}
