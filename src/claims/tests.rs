use super::*;

fn vals(text: &str) -> Vec<(f64, String, Option<Approx>)> {
    extract_text(text)
        .into_iter()
        .map(|c| (c.value, c.unit, c.approx))
        .collect()
}

#[test]
fn not_claims() {
    for t in [
        "2019年7月9日,习近平总书记发表“7·9”重要讲话。",
        "5年来,工作成效显著。每年至少全脱产一周5个工作日。",
        "落实“139”“439”行动,形成“1+N”品牌矩阵。",
        "依据〔2020〕26号文件,拨打12345热线。",
        "第3次会议在A02版刊登。连续在外审计5个多月。",
        "一是机关创品牌,二是支部创红旗。",
    ] {
        assert!(vals(t).is_empty(), "{t}: {:?}", vals(t));
    }
}

#[test]
fn approximations_and_ranges() {
    assert_eq!(
        vals("解决困难事项8000多件,接种率达到95%以上,约3至5个,不足10人。"),
        [
            (8000.0, "件".to_string(), Some(Approx::Over)),
            (95.0, "%".to_string(), Some(Approx::Over)),
            (3.0, "个".to_string(), Some(Approx::About)),
            (10.0, "人".to_string(), Some(Approx::Under)),
        ]
    );
    let c = extract_text("约3至5个");
    assert_eq!(c[0].value_max, Some(5.0));
}

#[test]
fn chinese_numerals_and_percent() {
    assert_eq!(
        vals("上百家单位的3000余名党员,百分之三十的群众,两万多名干部"),
        [
            (100.0, "家".to_string(), Some(Approx::Over)),
            (3000.0, "名".to_string(), Some(Approx::Over)),
            (30.0, "%".to_string(), None),
            (20000.0, "名".to_string(), Some(Approx::Over)),
        ]
    );
}

#[test]
fn traditional_surface() {
    let c = extract_text("今年共有5.1萬名黨員干部參加入列輪值");
    assert_eq!(c[0].text, "5.1萬名");
    assert_eq!(c[0].value, 51000.0);
}

#[test]
fn percentage_points_and_money() {
    let v = vals("较一季度提升7.9个百分点,二产增加值达236.30亿元");
    assert_eq!(v[0].0, 7.9);
    assert_eq!(v[0].1, "百分点");
    assert_eq!(v[1].0, 23630000000.0);
    assert_eq!(v[1].1, "元");
}

#[test]
fn measure_words_from_the_unit_list() {
    let v = vals(
        "村里85岁的老党员说,今年新装路灯36盏,整合120路视频监控,清运垃圾8车,全村1200口人,建成220千伏变电站,养殖肉牛300头。",
    );
    let units: Vec<&str> = v.iter().map(|(_, u, _)| u.as_str()).collect();
    assert_eq!(units, ["岁", "盏", "路", "车", "口", "千伏", "头"]);
    // Names and addresses are not counts.
    assert!(vals("乘坐3路公交到幸福小区8栋,走进1车间。").is_empty());
}

#[test]
fn space_between_number_and_unit() {
    let v = vals("召开会议 12 次,为 560 名党员建档,2022 年投入 15 万元。");
    assert_eq!(
        v,
        [
            (12.0, "次".to_string(), None),
            (560.0, "名".to_string(), None),
            (150000.0, "元".to_string(), None),
        ]
    );
    let c = extract_text("收入突破 10 万元");
    assert_eq!(c[0].approx, Some(Approx::Over));
}

#[test]
fn round_counts_with_a_bare_magnitude() {
    assert_eq!(
        vals(
            "近千名志愿者、百余名党员参加,万名党员进网格,累计投入超亿元,增收30余万元,集体收入200多万元。"
        ),
        [
            (1000.0, "名".to_string(), Some(Approx::About)),
            (100.0, "名".to_string(), Some(Approx::Over)),
            (10000.0, "名".to_string(), None),
            (100000000.0, "元".to_string(), Some(Approx::Over)),
            (300000.0, "元".to_string(), Some(Approx::Over)),
            (2000000.0, "元".to_string(), Some(Approx::Over)),
        ]
    );
    // Campaign names in quotes and set phrases are not counts.
    assert!(vals("开展“百名干部进千企”活动,服务千家万户。").is_empty());
    // Two bare magnitudes paired are plenty, not a count; a digit before
    // either makes it one.
    assert!(vals("困难百种千样,走遍千村万户。").is_empty());
    assert_eq!(vals("走访5千户,万户受益。").len(), 1);
}

#[test]
fn range_with_magnitude_on_the_upper_end() {
    let c = extract_text("每个项目给予5—20万元奖励");
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].value, 50000.0);
    assert_eq!(c[0].value_max, Some(200000.0));
    assert_eq!(c[0].unit, "元");
}

#[test]
fn quoted_names_ending_in_a_unit() {
    assert!(vals("实现三个“100%”目标,出台“惠企政策30条”。").is_empty());
    assert_eq!(vals("“全村100户”的承诺兑现了,参与率达100%。").len(), 1);
}

/// The objects of the claims of `text`.
fn objects(text: &str) -> Vec<Option<String>> {
    extract_text(text).into_iter().map(|c| c.object).collect()
}

#[test]
fn objects_that_are_lists() {
    assert_eq!(
        objects("组织120名党员、干部参加培训。"),
        [Some("党员、干部".to_string())]
    );
    assert_eq!(
        objects("来自8个省、市、自治区的120名队员参赛。")[0].as_deref(),
        Some("省、市、自治区")
    );
    // An item with a number of its own is a claim, not an item.
    assert_eq!(
        objects("帮扶30户群众、解决问题50个。")[0].as_deref(),
        Some("群众")
    );
    assert_eq!(
        objects("建成12个服务站、活动室近两百个。")[0].as_deref(),
        Some("服务站")
    );
    // A list too long for an object ends on the last noun that fits in
    // twelve characters.
    let long = objects("走访300家企业、个体工商户和农民专业合作社。")[0]
        .clone()
        .unwrap();
    assert!(
        long.starts_with("企业、个体工商户") && long.chars().count() <= 12,
        "{long}"
    );
    assert_eq!(
        objects("造船15万吨散货船、大型集装箱船。")[0].as_deref(),
        Some("散货船、大型集装箱船")
    );
}

#[test]
fn set_phrases_and_negations_before_the_number() {
    // jieba tags 困难职工 as a set phrase (`l`).
    assert_eq!(
        objects("慰问困难职工1200余人。"),
        [Some("困难职工".to_string())]
    );
    // The negation is part of what is counted.
    assert_eq!(
        objects("收缴不合格产品4吨。"),
        [Some("不合格产品".to_string())]
    );
}

#[test]
fn a_noun_after_a_short_relative_clause() {
    assert_eq!(
        objects("村里有12个新落成的温室大棚,全部投用。"),
        [Some("新落成的温室大棚".to_string())]
    );
    assert_eq!(
        objects("建成5个社区级服务站点。"),
        [Some("社区级服务站点".to_string())]
    );
    // A position or a dimension is no clause about what is counted, and
    // people counted by 人 are who did it.
    assert_eq!(objects("远在1750公里之外的考察站。"), [None]);
    assert_eq!(objects("新建56米长的渡槽。"), [None]);
    assert_eq!(objects("举行了3000人参加的长跑比赛。"), [None]);
}

#[test]
fn bracketed_asides_inside_objects() {
    assert_eq!(
        objects("社区志愿者(义工)3.2万人。"),
        [Some("社区志愿者(义工)".to_string())]
    );
    assert_eq!(
        objects("选派25个乡镇(街道)领导班子成员。"),
        [Some("乡镇(街道)领导班子成员".to_string())]
    );
    // Not inside a verb: 新(改)建 is no noun with a gloss.
    assert_eq!(objects("新(改)建公厕9座。"), [Some("公厕".to_string())]);
}

#[test]
fn a_clause_without_a_subject_carries_the_one_before() {
    assert_eq!(
        objects("全县工业产值达12亿元,同比增长8%,较上年提升3个百分点。"),
        [
            Some("工业产值".to_string()),
            Some("工业产值增长".to_string()),
            Some("工业产值增长提升".to_string()),
        ]
    );
    assert_eq!(
        objects("党员900名,其中女党员600名,占66%。"),
        [
            Some("党员".to_string()),
            Some("女党员".to_string()),
            Some("女党员占比".to_string()),
        ]
    );
    assert_eq!(
        objects("9000多名党员干部沉入社区,其中6000多名还参与志愿服务。"),
        [Some("党员干部".to_string()), Some("党员干部".to_string())]
    );
    // Only within the sentence; a verb between subject and number
    // (完成, 实现) is not part of the subject.
    assert_eq!(
        objects("税收收入完成12亿元。增长9%。"),
        [Some("税收收入".to_string()), None]
    );
}

#[test]
fn objects_of_general_shapes() {
    // A verb inside a compound noun after the measure word.
    assert_eq!(
        objects("镇里组成6支宣讲队,走进村组。"),
        [Some("宣讲队".to_string())]
    );
    // Quotation marks inside the phrase are transparent.
    assert_eq!(
        objects("共组建8支“红色管家”服务队。"),
        [Some("红色管家服务队".to_string())]
    );
    // Two nouns joined by 和; a single-character noun.
    assert_eq!(
        objects("先后走访40个村和社区。"),
        [Some("村和社区".to_string())]
    );
    assert_eq!(objects("全乡63个村完成换届。"), [Some("村".to_string())]);
    // Before the number: a rate, an event counted by its verb.
    assert_eq!(
        objects("垃圾分类准确率达87%。"),
        [Some("垃圾分类准确率".to_string())]
    );
    assert_eq!(
        objects("今年累计走访300余人次。"),
        [Some("走访".to_string())]
    );
    // Households and people of a place; the second count shares the
    // first one's subject.
    assert_eq!(
        objects("全村412户1530人。"),
        [Some("全村户数".to_string()), Some("全村人口".to_string())]
    );
    // A short bracketed aside after the phrase belongs to it.
    assert_eq!(objects("走访了6个县(区)。"), [Some("县(区)".to_string())]);
}

#[test]
fn objects_of_changes_sums_and_people() {
    // A change from one figure to another: both are the subject's, each
    // with its own year.
    assert_eq!(
        objects("户均年收入由2019年的3.2万元增加到今年的5.6万元。"),
        [
            Some("户均年收入".to_string()),
            Some("户均年收入".to_string())
        ]
    );
    // A predicate verb jieba tags as a verbal noun (培育, 培训) is still
    // the predicate.
    assert_eq!(
        objects("全县共培育农村致富带头人860名。"),
        [Some("农村致富带头人".to_string())]
    );
    // A transitive verb between an agency and the sum is what the agency
    // did with it.
    assert_eq!(
        objects("县财政局统筹安排奖补资金600万元。"),
        [Some("奖补资金".to_string())]
    );
    // People counted by 人 are named before the number, listed item by
    // item (a set phrase is an item), not by what they did after it.
    assert_eq!(
        objects("招募网格员、退役军人、志愿者等800余人参与巡查。"),
        [Some("网格员、退役军人、志愿者".to_string())]
    );
    // Words the dictionary tags as places (满意度) or splits (驻村干部).
    assert_eq!(
        objects("全区选派驻村干部120名,群众满意度达96%。"),
        [Some("驻村干部".to_string()), Some("群众满意度".to_string())]
    );
}

#[test]
fn rates_cases_and_typical_examples() {
    // A rate named by a verb and its suffix (jieba tags 率 a verb).
    assert_eq!(
        objects("已整改问题120个,整改率达到96.5%。"),
        [Some("问题".to_string()), Some("整改率".to_string())]
    );
    // Cases counted by 起 and 例.
    let c = extract_text("共查处侵害群众利益问题57起,发现输入病例4例。");
    let units: Vec<&str> = c.iter().map(|c| c.unit.as_str()).collect();
    assert_eq!(units, ["起", "例"]);
    // 选树 is a verb of report language, not a piece of the object.
    assert_eq!(
        objects("各镇共选树身边典型86个。"),
        [Some("身边典型".to_string())]
    );
}

#[test]
fn chinese_counts_with_an_approximation_inside_and_repeated_units() {
    let c = extract_text("惠及群众十余万人,投入一百多万元,近百分之八十的村参与。");
    let got: Vec<(f64, &str, Option<Approx>)> = c
        .iter()
        .map(|c| (c.value, c.unit.as_str(), c.approx))
        .collect();
    assert_eq!(
        got,
        [
            (100_000.0, "人", Some(Approx::Over)),
            (1_000_000.0, "元", Some(Approx::Over)),
            (80.0, "%", Some(Approx::About)),
        ]
    );
    // A range that repeats its unit is one claim; 均在 links it.
    let c = extract_text("去年,试点村集体经济收入均在8万元至15万元之间。");
    assert_eq!(c.len(), 1);
    assert_eq!((c[0].value, c[0].value_max), (80_000.0, Some(150_000.0)));
    assert_eq!(c[0].object.as_deref(), Some("试点村集体经济收入"));
}

#[test]
fn shares_of_a_whole_and_comparisons() {
    assert_eq!(
        objects("全县GDP同比增长6.5%,增速高于全省平均水平0.8个百分点。"),
        [Some("GDP增长".to_string()), Some("GDP增速".to_string())]
    );
    assert_eq!(
        objects("女党员占党员总数的31.2%,少数民族党员占9.8%。"),
        [
            Some("女党员占比".to_string()),
            Some("少数民族党员占比".to_string())
        ]
    );
    // A share whose subject the clause leaves unsaid is its subject's.
    assert_eq!(
        objects("全市有专业技术人员1200余人,占职工总数的25%。"),
        [
            Some("专业技术人员".to_string()),
            Some("专业技术人员占比".to_string())
        ]
    );
    // 占道 names no share.
    let o = objects("违规占道经营现象减少80%。");
    assert!(
        o[0].as_deref().is_some_and(|o| !o.contains("占比")),
        "{o:?}"
    );
}

#[test]
fn figures_given_respectively() {
    assert_eq!(
        objects("截至9月底,全县党员和党组织分别达到2.8万名和960个,较上年分别增长3.1%和2.4%。"),
        [
            Some("党员".to_string()),
            Some("党组织".to_string()),
            Some("党员增长".to_string()),
            Some("党组织增长".to_string()),
        ]
    );
}

#[test]
fn a_verb_with_a_count_noun_is_one_noun() {
    assert_eq!(
        objects("全年参观人数突破12万人次,比上年增加1.5万人次。"),
        [
            Some("参观人数".to_string()),
            Some("参观人数增加".to_string())
        ]
    );
}

#[test]
fn the_part_dealt_with() {
    assert_eq!(
        objects("共梳理群众诉求530件,已办结498件。"),
        [
            Some("群众诉求".to_string()),
            Some("已办结群众诉求".to_string())
        ]
    );
}

#[test]
fn objects_stop_at_their_predicate() {
    // A quoted name is one word of the phrase, whatever jieba makes of
    // its inside (a verb, a numeral).
    assert_eq!(
        objects("全县推行36个“书记点题”项目。"),
        [Some("书记点题项目".to_string())]
    );
    assert_eq!(
        objects("建成12个“15分钟”便民服务中心。"),
        [Some("15分钟便民服务中心".to_string())]
    );
    // A light verb starts the predicate even before a one-character
    // noun.
    assert_eq!(
        objects("推动40个社区进行结对帮扶。"),
        [Some("社区".to_string())]
    );
    // Report verbs the dictionary tags as nouns (重温) or lacks (齐聚)
    // end the phrase.
    assert_eq!(
        objects("会上,150名新党员重温入党誓词。"),
        [Some("新党员".to_string())]
    );
    assert_eq!(
        objects("来自各地的300余名代表齐聚省城。"),
        [Some("代表".to_string())]
    );
    // A word before an aspect particle is a verb (参观 is a noun to
    // the dictionary); a set phrase ending in a noun is a noun phrase
    // (与会代表), but not the end of a longer one (自谋职业).
    assert_eq!(
        objects("会议期间,200余名与会代表参观了展馆。"),
        [Some("与会代表".to_string())]
    );
    assert_eq!(
        objects("帮助50名留守妇女自谋职业。"),
        [Some("留守妇女".to_string())]
    );
    // A distinguishing word after a noun, before no noun, starts the
    // predicate.
    assert_eq!(
        objects("区里选派42名干部驻村指导。"),
        [Some("干部".to_string())]
    );
    // A passive verb modifies the noun after it.
    assert_eq!(
        objects("督促40个被巡察单位完成整改。"),
        [Some("被巡察单位".to_string())]
    );
}

#[test]
fn lists_and_sums_before_the_number() {
    // A list before the number, back to the first item after its verb.
    assert_eq!(
        objects("吸纳退休干部、网格员、楼栋长等36人。"),
        [Some("退休干部、网格员、楼栋长".to_string())]
    );
    // A sum from one value to another names the same subject twice.
    assert_eq!(
        objects("合作社年收益从不足3万元达到6万元以上。"),
        [
            Some("合作社年收益".to_string()),
            Some("合作社年收益".to_string())
        ]
    );
    // What the subject did with a sum is not part of it; a word of
    // money is (集体经济收入).
    assert_eq!(objects("县财政拨出500万元。"), [Some("县财政".to_string())]);
    assert_eq!(
        objects("村集体经济收入达80万元。"),
        [Some("村集体经济收入".to_string())]
    );
}

#[test]
fn a_share_named_before_its_number() {
    // A share names its ratio.
    assert_eq!(
        objects("全县四星级党支部占比达42.5%。"),
        [Some("四星级党支部占比".to_string())]
    );
    // The things a clause picks out: the clause is the share's name.
    assert_eq!(
        objects("其中,参加过系统培训的党员占比为88%。"),
        [Some("参加过系统培训的党员占比".to_string())]
    );
    // A rate is named as it stands.
    assert_eq!(
        objects("群众满意率达98.6%。"),
        [Some("群众满意率".to_string())]
    );
}

#[test]
fn counts_of_administrative_units() {
    // Two counts of units share the noun after the second.
    assert_eq!(
        objects("培训12个乡镇、160个村党组织书记。"),
        [
            Some("乡镇党组织书记".to_string()),
            Some("村党组织书记".to_string())
        ]
    );
    // A threshold after the phrase is reached by each unit counted.
    assert_eq!(
        objects("全区96个村集体经济收入全部达15万元以上。"),
        [Some("村".to_string()), Some("村集体经济收入".to_string())]
    );
    // Without one the whole phrase is counted.
    assert_eq!(
        objects("全市50个村党组织书记参加培训。"),
        [Some("村党组织书记".to_string())]
    );
}

#[test]
fn shares_of_things_named_after_the_number() {
    // What is said of the things is part of their share.
    assert_eq!(
        objects("其中86%的工程项目已完工。"),
        [Some("已完工的工程项目占比".to_string())]
    );
    // A share of villages whose attribute passes a threshold: the
    // village is counted, the threshold is said of its income.
    assert_eq!(
        objects("全镇70%以上的村集体经济收入超过20万元。")[0],
        Some("集体经济收入超过20万元的村占比".to_string())
    );
    // Without a threshold the whole noun phrase is counted.
    assert_eq!(
        objects("85%的社区居民参加了义诊活动。"),
        [Some("参加义诊活动的社区居民占比".to_string())]
    );
    // Nothing more said: the things' share.
    assert_eq!(
        objects("覆盖全市92%的党员。"),
        [Some("党员占比".to_string())]
    );
    // A subject before the number comes first.
    assert_eq!(
        objects("党员参与率达到96%的水平。"),
        [Some("党员参与率".to_string())]
    );
}

#[test]
fn fractions_are_shares() {
    let c = extract_text("该乡耕地约占全县耕地面积的1/4,超过2/3的农户参加合作社。");
    let v: Vec<(f64, &str, Option<Approx>)> = c
        .iter()
        .map(|c| (c.value, c.unit.as_str(), c.approx))
        .collect();
    assert_eq!(
        v,
        [
            (0.25, "", Some(Approx::About)),
            (0.6667, "", Some(Approx::Over))
        ]
    );
    assert_eq!(c[1].object.as_deref(), Some("参加合作社的农户占比"));
    // Dates, pages and codes are no fractions.
    assert!(vals("见第1/3页,2023/5/6发布,型号A1/4。").is_empty());
}

#[test]
fn sums_without_yuan_after_a_money_verb() {
    assert_eq!(
        vals("村两委拿出120万购置商铺,镇里累计投入约3.5亿。"),
        [
            (1200000.0, "元".to_string(), None),
            (350000000.0, "元".to_string(), Some(Approx::About)),
        ]
    );
    // Not without 万 or 亿, and not after another verb.
    assert!(vals("村里拿出120购置商铺,全镇有120万。").is_empty());
}

#[test]
fn bare_counts_of_people() {
    assert_eq!(
        vals("带动5万农户增收,全乡人口2300多。"),
        [
            (50000.0, String::new(), None),
            (2300.0, String::new(), Some(Approx::Over))
        ]
    );
    // Said of the noun before it.
    assert_eq!(
        vals("全年游客人次达12.5万。"),
        [(125000.0, String::new(), None)]
    );
    // A number alone, without a magnitude or a noun of people, is none.
    assert!(vals("编号3的展板,得分95。").is_empty());
}

#[test]
fn ages_and_counts_of_events() {
    assert_eq!(
        vals("40岁及以下青年党员,举办讲座16场(次),服务群众900人(次)。"),
        [
            (40.0, "岁".to_string(), Some(Approx::Under)),
            (16.0, "场次".to_string(), None),
            (900.0, "人次".to_string(), None)
        ]
    );
}

#[test]
fn objects_picked_out_by_an_age_or_a_position() {
    assert_eq!(
        objects("选派20名45岁以下后备干部,45岁以下后备干部共有80名。"),
        [
            Some("45岁以下后备干部".to_string()),
            Some("后备干部".to_string()),
            Some("后备干部".to_string()),
            Some("45岁以下后备干部".to_string())
        ]
    );
    assert_eq!(
        objects("全镇有52个沿边自然村。"),
        [Some("沿边自然村".to_string())]
    );
}

#[test]
fn parts_of_a_group_named_at_the_head_of_the_sentence() {
    assert_eq!(
        objects("全乡党员中,党员平均年龄47.5岁,35岁以下210名,占18.2%;少数民族320名;流动党员12名。"),
        [
            Some("党员平均年龄".to_string()),
            Some("党员".to_string()),
            Some("35岁以下党员".to_string()),
            Some("35岁以下党员占比".to_string()),
            Some("少数民族党员".to_string()),
            Some("流动党员".to_string())
        ]
    );
}

#[test]
fn changes_against_a_base_benefits_and_sums_after_a_verb() {
    assert_eq!(
        objects("全县团员总数较上年底净增320名。团员总数为5600名,比上年净增180名。"),
        [
            Some("团员总数净增".to_string()),
            Some("团员总数".to_string()),
            Some("团员总数净增".to_string())
        ]
    );
    assert_eq!(
        objects("修建村道8公里,惠及1500人。闲置宅基地减少至36处。"),
        [
            Some("村道".to_string()),
            Some("惠及人口".to_string()),
            Some("闲置宅基地".to_string())
        ]
    );
    assert_eq!(
        objects("镇里投入80万元用于修路,筹集30万元周转资金,全年支出完成900万元。"),
        [
            Some("投入资金".to_string()),
            Some("周转资金".to_string()),
            Some("支出".to_string())
        ]
    );
    assert_eq!(
        objects("该社区面积2.1平方公里,860户,2450人。"),
        [
            Some("社区面积".to_string()),
            Some("户数".to_string()),
            Some("人口".to_string())
        ]
    );
}

#[test]
fn counts_of_things_a_relative_clause_picks_out() {
    assert_eq!(
        objects("没有固定活动场所的村42个,全县的党员1200名。"),
        [
            Some("没有固定活动场所的村".to_string()),
            Some("党员".to_string())
        ]
    );
}

#[test]
fn a_base_and_a_change_alone_carry_the_subject_before() {
    assert_eq!(
        objects("参加投票的党员占92.5%,比上届提高3.1%。"),
        [
            Some("参加投票的党员占比".to_string()),
            Some("参加投票的党员占比提高".to_string())
        ]
    );
}

#[test]
fn one_subject_before_respectively_gives_each_figure() {
    assert_eq!(
        objects("全县党员参学率分别达到85.5%和76.2%。"),
        [
            Some("党员参学率".to_string()),
            Some("党员参学率".to_string())
        ]
    );
    // 分别 before a place is no list of figures.
    assert_ne!(
        objects("队员们分别在8个社区开展宣传。")[0].as_deref(),
        Some("队员们")
    );
    // A comparison word is no subject.
    assert_ne!(
        objects("两项收入同比分别增长12%和9%。")[0].as_deref(),
        Some("同比")
    );
}

#[test]
fn a_count_after_a_count_or_a_figure_changed_from() {
    assert_eq!(
        objects("新建服务中心3座45间。"),
        [Some("服务中心".to_string()), Some("服务中心".to_string())]
    );
    assert_eq!(
        objects("展厅面积从原来的300平方米扩大到近900平方米。"),
        [Some("展厅面积".to_string()), Some("展厅面积".to_string())]
    );
    assert_eq!(
        objects("贫困发生率从2015年底的15.2%下降到3.1%。"),
        [
            Some("贫困发生率".to_string()),
            Some("贫困发生率".to_string())
        ]
    );
}

#[test]
fn villages_picked_out_by_their_predicate() {
    assert_eq!(
        objects("目前,已有15个村实现通自来水。"),
        [Some("实现通自来水的村".to_string())]
    );
    assert_eq!(
        objects("全镇仍有8个社区没有固定活动场所,亟待解决。"),
        [Some("没有固定活动场所的社区".to_string())]
    );
    // A threshold all of them reached keeps the unit (one that picks some
    // out names them: see tests_series); a verb before the count makes it
    // its object.
    assert_eq!(
        objects("已有20个村集体收入全部达到10万元。")[0].as_deref(),
        Some("村")
    );
    assert_ne!(
        objects("帮助12个村发展特色产业。")[0].as_deref(),
        Some("发展特色产业的村")
    );
    // A share of villages a clause picks out.
    assert_eq!(
        objects("力争年集体收入5万元以上的村达到80%以上。")[1].as_deref(),
        Some("年集体收入5万元以上的村占比")
    );
}

#[test]
fn an_attribute_alone_is_of_what_was_counted_before() {
    assert_eq!(
        objects("争取产业项目12个、资金360万元。"),
        [
            Some("产业项目".to_string()),
            Some("产业项目资金".to_string())
        ]
    );
    assert_eq!(
        objects("党员总数净增320名,增幅2.1%。")[1].as_deref(),
        Some("党员总数增幅")
    );
    // After a verb the attribute is its own.
    assert_ne!(
        objects("建成项目5个,争取资金300万元。")[1].as_deref(),
        Some("项目资金")
    );
}

#[test]
fn a_loose_reading_rather_than_none() {
    assert_eq!(
        objects("30个未按期换届党组织逐一整改到位。"),
        [Some("未按期换届党组织".to_string())]
    );
    assert_eq!(
        objects("全县行政村有320个,贫困村曾占120个。"),
        [Some("行政村".to_string()), Some("贫困村".to_string())]
    );
}

/// The object of figure `i` of `text`.
fn object_at(text: &str, i: usize) -> Option<String> {
    objects(text).into_iter().nth(i).flatten()
}

#[test]
fn objects_named_by_what_is_said_of_them() {
    // Rule 16e: a clause ending in 的 with no noun after it.
    assert_eq!(
        object_at("其中调离本单位的12人。", 0).as_deref(),
        Some("调离本单位的")
    );
    assert_eq!(
        object_at("受到表彰的有85名。", 0).as_deref(),
        Some("受到表彰的")
    );
    assert_eq!(
        object_at("研究生及以上42人。", 0).as_deref(),
        Some("研究生及以上")
    );
    // The 的 that links the count to a noun after it is no such clause.
    assert_ne!(
        object_at("新建了某公司的6台机组。", 0).as_deref(),
        Some("新建了某公司的")
    );
    // A scope is no clause either.
    assert_ne!(object_at("全县的30人。", 0).as_deref(), Some("全县的"));
}

#[test]
fn parts_of_a_group_inside_the_sentence() {
    // Rule 14 with the group after a clause of its own and its own count.
    let o = objects("队伍结构继续优化,1800名村干部中,本科学历的增加到960名,占53.3%。");
    assert_eq!(o[1].as_deref(), Some("本科学历村干部"));
    assert_eq!(o[2].as_deref(), Some("本科学历村干部占比"));
    // A setting is no group.
    assert_ne!(
        object_at("在抗洪抢险中,先后有300名民兵参战。", 0).as_deref(),
        Some("先后抗洪抢险")
    );
}

#[test]
fn objects_of_sums_areas_and_changes_before_a_noun() {
    // Rule 16f: a sum that is the object of a verb names the funds after it.
    assert_eq!(
        object_at("某村获得80万元征地补偿款。", 0).as_deref(),
        Some("征地补偿款")
    );
    // Rule 16g: an attribute before a figure that modifies a noun.
    assert_eq!(
        object_at("建成面积500平方米的文化礼堂。", 0).as_deref(),
        Some("文化礼堂面积")
    );
    // Rule 16h: a change verb before a percentage of a noun.
    assert_eq!(
        object_at("新设备投用后,降低了12%的成本。", 0).as_deref(),
        Some("成本降低")
    );
    // A share's predicate drops its aspect mark.
    assert_eq!(
        object_at("85%的村建立了红白理事会。", 0).as_deref(),
        Some("建立红白理事会的村占比")
    );
}

#[test]
fn objects_of_a_subject_and_its_parts() {
    // Rule 16i: a noun phrase alone before the count, a verb after it.
    assert_eq!(
        object_at("全镇网格员260名参与值守。", 0).as_deref(),
        Some("网格员")
    );
    // What has the things is not part of them.
    assert_eq!(
        object_at("该站有医护人员14名。", 0).as_deref(),
        Some("医护人员")
    );
    // Rule 16j: a paired subject given figures in turn.
    let o = objects("城乡低保标准分别为800元和650元。");
    assert_eq!(o[0].as_deref(), Some("城镇低保标准"));
    assert_eq!(o[1].as_deref(), Some("农村低保标准"));
    // An age bound before 的 and the people.
    assert_eq!(
        object_at("其中30岁以下的党员360名。", 1).as_deref(),
        Some("30岁以下党员")
    );
    // A bound is not the event an event unit counts.
    assert_ne!(
        object_at("年接待游客,每年应不少于20万人次。", 0).as_deref(),
        Some("不少于")
    );
}

#[test]
fn a_loose_reading_is_a_noun_phrase_or_nothing() {
    use super::objects::loose_junk;
    // A verb alone, unless the unit counts events.
    assert!(loose_junk(&[("调整", "vn")], false));
    assert!(!loose_junk(&[("走访", "v")], true));
    // A reading that ran into who said it, or into an adverb.
    assert!(loose_junk(&[("发言人", "n"), ("李明", "nr")], false));
    assert!(loose_junk(
        &[("出奇", "a"), ("地", "uv"), ("安静", "a")],
        false
    ));
    assert!(loose_junk(&[("图为", "v"), ("学生", "n")], false));
    // A noun phrase stays, a name inside a team's name too.
    assert!(!loose_junk(
        &[("无铅", "b"), ("汽油", "n"), ("销售率", "n")],
        false
    ));
    assert!(!loose_junk(&[("雷锋", "nr"), ("志愿队", "n")], false));
}

#[test]
fn a_change_against_a_base_names_what_changed() {
    assert_eq!(
        objects("全县社会消费品零售总额比上年同期增长9.2%。")[0].as_deref(),
        Some("社会消费品零售总额增长")
    );
    assert_eq!(
        objects("全镇党员人数较上年增加了120名。")[0].as_deref(),
        Some("党员人数增加")
    );
    // The segmenter glues 比 to the word before it (价格比): still a base.
    assert_eq!(
        objects("居民消费价格比上年同期小幅上升0.4个百分点。")[0].as_deref(),
        Some("居民消费价格上升")
    );
    // A base and a change alone carry the object of the claim before; the
    // same change as a sum and as a rate is named once, a rate's change
    // is a change of the rate.
    assert_eq!(
        objects("全县地税收入达到5.6亿元,同比增收1.1亿元,增长25%。"),
        [
            Some("地税收入".to_string()),
            Some("地税收入增收".to_string()),
            Some("地税收入增长".to_string())
        ]
    );
    assert_eq!(
        objects("工业增加值达80亿元,同比增长2.3%,较一季度提升0.9个百分点。")[2].as_deref(),
        Some("工业增加值增长提升")
    );
    // The 比 of 占比 is no base.
    assert_eq!(
        objects("全县女党员占比比上年提高1.2个百分点。")[0].as_deref(),
        Some("女党员占比提高")
    );
}

#[test]
fn a_share_of_the_things_after_it_not_of_the_whole_before() {
    assert_eq!(
        objects("社区党委60%的党员参加了志愿服务。")[0].as_deref(),
        Some("参加志愿服务的党员占比")
    );
    assert_eq!(
        objects("该公司80%的员工拥有大专以上学历。")[0].as_deref(),
        Some("拥有大专以上学历的员工占比")
    );
    // After a verb the share is its subject's as before.
    assert_eq!(
        objects("党员参学率达到95%。")[0].as_deref(),
        Some("党员参学率")
    );
}

#[test]
fn a_sum_that_is_a_verbs_object_names_the_credit_or_budget_after_it() {
    assert_eq!(
        objects("某集团获得50亿元授信额度。")[0].as_deref(),
        Some("授信额度")
    );
}

#[test]
fn a_verb_of_personnel_work_is_the_predicate_not_the_object() {
    assert_eq!(
        objects("县委调整村主要干部14名。")[0].as_deref(),
        Some("村主要干部")
    );
    assert_eq!(
        objects("全市多渠道安置退役军人2300人。")[0].as_deref(),
        Some("退役军人")
    );
}

#[test]
fn age_bounds_after_an_average_age_are_of_the_same_people() {
    assert_eq!(
        objects("新一届村干部平均年龄43.5岁,35岁以下占12.1%,60岁以上占2.5%。"),
        [
            Some("新一届村干部平均年龄".to_string()),
            Some("新一届村干部".to_string()),
            Some("35岁以下占比".to_string()),
            Some("新一届村干部".to_string()),
            Some("60岁以上占比".to_string()),
        ]
    );
    assert_eq!(
        objects("全县党员平均年龄49.2岁,其中35岁及以下的占15.3%。")[1..],
        [Some("党员".to_string()), Some("35岁及以下占比".to_string())]
    );
}
