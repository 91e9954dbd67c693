use super::lexicon::{LEX, number_word, starts_with_number_word};
use super::nxmy::{LEADING_NUMBERS, opens_nxmy};
use super::*;

#[test]
fn leading_numbers_are_the_number_words() {
    for c in ('\u{3000}'..='\u{9fff}').filter(|c| !matches!(c, '百' | '千' | '万' | '十')) {
        assert_eq!(number_word(c).is_some(), opens_nxmy(c), "{c}");
        assert_eq!(opens_nxmy(c), LEADING_NUMBERS.contains(&c), "{c}");
        assert!(!is_mark(c) || !is_ideograph(c), "{c}");
    }
}

#[test]
fn national_formulations_start_with_a_number_word() {
    // formulation_candidates skips quotes without a number word or digit.
    for n in &LEX.national {
        assert!(starts_with_number_word(n), "{n}");
    }
}

#[test]
fn char_prefix_is_the_first_characters() {
    let long = "党员a干部，“三会一课”\n".repeat(200);
    for s in ["", "党员", "abc", long.as_str()] {
        for n in [0, 1, 2, 3, 255, 256, 257, 1000, 3000, 10_000] {
            let want: String = s.chars().take(n).collect();
            assert_eq!(char_prefix(s, n), want, "{n}");
        }
    }
}

#[test]
fn one_scan_finds_marks_and_openers() {
    let text = "落实“三会一课”,第三会、十三五和四个意识";
    let scan = Scan::new(text);
    let marks: String = scan.marks.iter().map(|m| m.1).collect();
    assert_eq!(marks, "“”,、");
    let openers: Vec<&str> = scan.openers.iter().map(|&i| &text[i..]).collect();
    // Not 第三, not the 三 of 十三.
    assert_eq!(
        openers,
        [
            "三会一课”,第三会、十三五和四个意识",
            "一课”,第三会、十三五和四个意识",
            "四个意识"
        ]
    );
}

fn forms(t: &str) -> Vec<String> {
    extract_text(t)
        .formulations
        .into_iter()
        .map(|f| f.text)
        .collect()
}

#[test]
fn not_formulations() {
    for t in [
        "建立健全调研指导、述职评议、党建考核三项制度",
        "2022年和2023年共两批评选",
        "分别设立了七个支部",
        "启动三年行动计划",
        "一言一行讲政治、一举一动显忠诚",
        "一是机关创品牌",
        "千方百计解决问题,一把手带头",
        "每年“七一”前夕",
        "“五星级”党支部占比达30.7%",
        "“百名处长话改革、千名支书讲党课、万名党员谈体会”活动",
    ] {
        assert!(forms(t).is_empty(), "{t}: {:?}", forms(t));
    }
}

#[test]
fn formulations_found() {
    assert_eq!(forms("践行“兩個維護”"), ["两个维护"]);
    assert_eq!(
        forms("严格执行三会一课制度,推进“五基三化”"),
        ["三会一课", "五基三化"]
    );
    assert_eq!(forms("开展“双报到、双服务”工作"), ["双报到", "双服务"]);
    assert_eq!(
        forms("扎实推进“四好农村路”建设,重点做好“十个一”服务"),
        ["四好农村路", "十个一"]
    );
}

#[test]
fn shapes_of_unseen_reports() {
    // Digit formulas, quoted or with a variable part.
    assert_eq!(
        forms("构建“1+5+20”工作体系,落实“258”行动"),
        ["1+5+20", "258"]
    );
    assert_eq!(forms("打造1+N服务矩阵"), ["1+N"]);
    assert!(forms("“2035”远景目标,全年增长1+2个百分点").is_empty());
    let e = extract_text("落实“258”行动,2580名党员参与");
    assert_eq!(e.formulations[0].mentions.len(), 1);
    // One per unit of organization, quoted or not; idioms are not.
    assert_eq!(forms("推行一户一档管理"), ["一户一档"]);
    assert_eq!(forms("实施“一校一案”"), ["一校一案"]);
    assert!(forms("一言一行都是榜样,一唱一和").is_empty());
    assert!(forms("推行一事一清单").is_empty());
    // 一X with other numbers, N级X, long names of numbered parts.
    assert_eq!(forms("构建“一轴两翼三中心”格局"), ["一轴两翼三中心"]);
    assert_eq!(forms("建立“一心多点”网络"), ["一心多点"]);
    assert_eq!(forms("完善“三级联动”机制"), ["三级联动"]);
    assert_eq!(forms("打造“四化两融合一体系”"), ["四化两融合一体系"]);
    assert!(!forms("建成“两纵两横三个重要路段”").contains(&"两纵两横三个重要路段".to_string()));
    // A quoted list of formulations gives each.
    assert_eq!(forms("以“一引领、三提升”为抓手"), ["一引领", "三提升"]);
    assert_eq!(forms("深化“红色物业+三联+X”模式"), ["三联"]);
    // A count names the list it closes.
    let e = extract_text("推动“服务能力、协同合力、自治活力”三力提升,让群众满意。");
    assert_eq!(e.formulations[0].text, "三力提升");
    assert_eq!(e.formulations[0].expansion.as_ref().map(Vec::len), Some(3));
    let e = extract_text("全面开展清理河道、修缮道路、美化庭院“三项行动”。");
    assert_eq!(e.formulations[0].text, "三项行动");
    // An ordinary count stays one.
    assert!(forms("围绕“政治、思想、组织”三个方面").is_empty());
    assert!(forms("健全三项制度,设立七个支部,分两批").is_empty());
}

/// The expansion of formulation `f` in text `t`.
fn exp(t: &str, f: &str) -> Option<Vec<String>> {
    extract_text(t)
        .formulations
        .into_iter()
        .find(|x| x.text == f)
        .and_then(|x| x.expansion)
}

/// `items` as an expansion.
fn v(items: &[&str]) -> Option<Vec<String>> {
    Some(items.iter().map(|s| s.to_string()).collect())
}

#[test]
fn expansions_listed_part_by_part() {
    // One list per part, after a lead-in or without one.
    assert_eq!(
        exp(
            "推行“两访两助”机制:访困难党员、访老党员,助就业、助就医。",
            "两访两助"
        ),
        v(&["访困难党员", "访老党员", "助就业", "助就医"])
    );
    assert_eq!(
        exp(
            "开展“三下三提”行动,下企业、下村组、下社区,提效率、提质量、提满意度。",
            "三下三提"
        ),
        v(&["下企业", "下村组", "下社区", "提效率", "提质量", "提满意度"])
    );
    // A digit formula with an open part.
    assert_eq!(
        exp(
            "构建“1+2+N”体系,即1个联合党委、2个功能型党支部、N个楼宇党小组。",
            "1+2+N"
        ),
        v(&["1个联合党委", "2个功能型党支部", "N个楼宇党小组"])
    );
}

#[test]
fn expansions_beside_the_mention() {
    assert_eq!(
        exp(
            "以“三比三看”(即“比学习看素质、比服务看作风、比实绩看担当”)为主线。",
            "三比三看"
        ),
        v(&["比学习看素质", "比服务看作风", "比实绩看担当"])
    );
    assert_eq!(
        exp(
            "推行“五带头”活动,即带头学理论、讲奉献、守纪律、亮身份和办实事。",
            "五带头"
        ),
        v(&["带头学理论", "讲奉献", "守纪律", "亮身份", "办实事"])
    );
    assert_eq!(
        exp(
            "形成“1+3+12”架构(1个总支、3个支部、12个小组),运行顺畅。",
            "1+3+12"
        ),
        v(&["1个总支", "3个支部", "12个小组"])
    );
    assert_eq!(
        exp(
            "探索“一网两链”模式,织密一张“服务网”、延伸两条“产业链”,成效明显。",
            "一网两链"
        ),
        v(&["织密一张“服务网”", "延伸两条“产业链”"])
    );
    assert_eq!(
        exp(
            "实施“两抓两促”。\n抓队伍建设,促作用发挥。全县选派干部。\n抓产业发展,促集体增收。全县建成基地。",
            "两抓两促"
        ),
        v(&["抓队伍建设,促作用发挥", "抓产业发展,促集体增收"])
    );
    assert_eq!(
        exp(
            "推行“三同步”机制。将项目立项与党组织组建同步、项目建设与党建工作同步、项目验收与党建考核同步,成效明显。",
            "三同步"
        ),
        v(&[
            "项目立项与党组织组建同步",
            "项目建设与党建工作同步",
            "项目验收与党建考核同步"
        ])
    );
    // Subjects before the verb are no items; a list of another length is none.
    assert_eq!(
        exp("各单位党组织、在职党员到社区开展“双报到”。", "双报到"),
        None
    );
    assert_eq!(
        exp("落实“四个必访”,即困难户、独居老人、残疾人。", "四个必访"),
        None
    );
}

#[test]
fn expansions() {
    let e = extract_text(
        "天津市深入开展大兴“学习之风、深入调研之风、亲民之风、尚能之风”活动。大兴“四个之风”。",
    );
    assert_eq!(e.formulations[0].text, "四个之风");
    assert_eq!(e.formulations[0].expansion.as_ref().map(Vec::len), Some(4));
    let e = extract_text(
        "按照有组织、有制度、有教育、有活动、有场所、有标识和作用发挥好的“六有一好”要求",
    );
    assert_eq!(e.formulations[0].expansion.as_ref().map(Vec::len), Some(7));
    let e = extract_text(
        "开展争创“五星”活动,即争创学习型、服务奉献型、奉献型、廉洁自律型、文明和谐型。",
    );
    assert_eq!(
        e.formulations[0].expansion.as_deref(),
        Some(&["学习型", "服务奉献型", "奉献型", "廉洁自律型", "文明和谐型"].map(String::from)[..])
    );
    // A list of the wrong length is no expansion.
    let e = extract_text("争创“五星”,即学习型、服务型、奉献型。");
    assert_eq!(e.formulations[0].expansion, None);
}

#[test]
fn quotes_and_documents() {
    let e = extract_text(
        "落实“社区吹哨、部门报到”机制,纠治“机关病”,办好“党课大讲堂”,获评“清廉广西工作建设先进集体”,带头走好“第一方阵”。《桂林日报》《机关党建先锋》专栏刊发,起草《关于全面加强新时代机关党的建设的意见》,研读《之江新语》。",
    );
    let kinds: Vec<QuoteKind> = e.slogans.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            QuoteKind::Slogan,
            QuoteKind::Term,
            QuoteKind::Title,
            QuoteKind::Honor,
            QuoteKind::Slogan
        ]
    );
    let docs: Vec<DocumentKind> = e.documents.iter().map(|d| d.kind).collect();
    assert_eq!(
        docs,
        [
            DocumentKind::Paper,
            DocumentKind::Column,
            DocumentKind::Policy,
            DocumentKind::Book
        ]
    );
}

#[test]
fn unbalanced_quotes_do_not_swallow_text() {
    let e = extract_text("他说“我们要\n继续“机关病”问题");
    assert_eq!(e.slogans.len(), 1);
    assert_eq!(e.slogans[0].text, "机关病");
}

#[test]
fn names_led_by_a_word_before_their_count() {
    // Quoted, any leading word; unquoted, a word that is no verb.
    assert_eq!(forms("打造“兴业三步法”,带动增收。"), ["兴业三步法"]);
    assert_eq!(forms("街道推出便民五举措,方便群众。"), ["便民五举措"]);
    assert!(forms("街道推出三举措,方便群众。").is_empty());
    let e = extract_text("推出便民五举措,服务群众。");
    assert_eq!(e.formulations[0].number, 5);
}

#[test]
fn one_leads_a_number_of_others() {
    assert_eq!(forms("推行党员“一带五”制度。"), ["一带五"]);
    // A machine or a manner is no formulation.
    assert!(forms("推出“一拖二”空调,开展“一对一”帮扶。").is_empty());
}

#[test]
fn a_lone_measure_word_names_nothing() {
    // The noun after the count is missing (masked or cut off).
    assert!(forms("围绕“平安、民生、美丽”三个XX建设目标。").is_empty());
}

#[test]
fn expansions_before_the_mention() {
    // A number word inside a word is no second part of the name.
    assert_eq!(
        exp(
            "队伍建设做到选拔机制、培养渠道、考核办法“三个进一步完善”。",
            "三个进一步完善"
        ),
        v(&["选拔机制", "培养渠道", "考核办法"])
    );
    // The list runs back over a quoted item, to the 与 that governs it.
    assert_eq!(
        exp(
            "推行积分管理,与评优评先、岗位补贴、“五好家庭”评选“三挂钩”,形成激励。",
            "三挂钩"
        ),
        v(&["评优评先", "岗位补贴", "“五好家庭”评选"])
    );
    // A lead-in verb (通过) is no part of the first item.
    assert_eq!(
        exp(
            "通过领办、协办、督办和挂牌整改“三办一改”方式,推动落实。",
            "三办一改"
        ),
        v(&["领办", "协办", "督办", "挂牌整改"])
    );
    // So is 利用, and an opening single quote before the name is no part of
    // the last item.
    assert_eq!(
        exp("如今利用茶叶、竹笋、土鸡‘三驾马车’带动增收。", "三驾马车"),
        v(&["茶叶", "竹笋", "土鸡"])
    );
}

#[test]
fn expansions_spelled_out_after_the_mention() {
    // Names ending in the formulation's noun, in the rest of the paragraph.
    assert_eq!(
        exp(
            "全面实施“三大工程”,“聚力”工程重在培训骨干,“铸魂”工程重在理论学习;“惠民”工程重在办好实事。",
            "三大工程"
        ),
        v(&["“聚力”工程", "“铸魂”工程", "“惠民”工程"])
    );
    assert_eq!(
        exp(
            "培育“四大产业链”,柑橘产业链带动面广,竹笋产业链效益好,另有生猪产业链和油茶产业链。",
            "四大产业链"
        ),
        v(&["柑橘产业链", "竹笋产业链", "生猪产业链", "油茶产业链"])
    );
    // Another number of such names gives none.
    assert_eq!(
        exp(
            "培育“三大产业链”,柑橘产业链带动面广,竹笋产业链效益好,另有生猪产业链和油茶产业链。",
            "三大产业链"
        ),
        None
    );
    // 一是, 二是 … right after the mention, exactly as many.
    let t = "落实“三个坚持”。一是建立台账,逐项销号;二是定期回访;三是严格考核。";
    assert_eq!(exp(t, "三个坚持"), v(&["建立台账", "定期回访", "严格考核"]));
    let t = "落实“三个坚持”。一是建立台账;二是定期回访;三是严格考核;四是公开结果。";
    assert_eq!(exp(t, "三个坚持"), None);
    // Items introduced by ordinal labels and a dash.
    for t in [
        "组建“三支力量”,一队—党员先锋队、二队—志愿服务队、三队—应急突击队,服务群众。",
        "组建“三支力量”:一队——党员先锋队、二队——志愿服务队、三队——应急突击队。",
    ] {
        assert_eq!(
            exp(t, "三支力量"),
            v(&["党员先锋队", "志愿服务队", "应急突击队"]),
            "{t}"
        );
    }
}

#[test]
fn two_items_before_the_mention() {
    // A 、-pair of short words; a subject before a copula is cut off.
    assert_eq!(
        exp("甲村、乙村等都是生产、生态“两手抓”,成效明显。", "两手抓"),
        v(&["生产", "生态"])
    );
    // Long pieces are clauses, not the items of a pair.
    assert_eq!(
        exp(
            "多名代表联名要求重新审视今明两年、明后两年“双同步”。",
            "双同步"
        ),
        None
    );
}

#[test]
fn items_opened_by_other_markers() {
    // 一要…二要…, 第一(步)…第二(步)…, 首先…其次…最后… right after the mention.
    assert_eq!(
        exp(
            "全乡开展“三访”活动。一要访孤寡老人,二要访留守儿童,三要访返乡青年。",
            "三访"
        ),
        v(&["访孤寡老人", "访留守儿童", "访返乡青年"])
    );
    assert_eq!(
        exp(
            "小区推行“三步议事法”。第一步,征集议题;第二步,居民协商;第三步,公示结果。",
            "三步议事法"
        ),
        v(&["征集议题", "居民协商", "公示结果"])
    );
    assert_eq!(
        exp("支部推行“两步法”。第一,学原文;第二,谈体会。", "两步法"),
        v(&["学原文", "谈体会"])
    );
    assert_eq!(
        exp(
            "局党组部署“三个一批”:首先,选拔一批骨干;其次,培训一批新人;最后,储备一批后备力量。",
            "三个一批"
        ),
        v(&["选拔一批骨干", "培训一批新人", "储备一批后备力量"])
    );
    // 第一书记 and 统一要求 hold no markers.
    assert_eq!(
        exp(
            "驻村第一书记开展“两帮”活动,第一书记带头,统一要求,二要看成效。",
            "两帮"
        ),
        None
    );
}

#[test]
fn an_item_opened_by_a_marker_is_its_first_clause() {
    assert_eq!(
        exp(
            "推行“三联”工作法:一是联系群众,常走访;二是联系企业,办实事;三是联系项目,抓服务。",
            "三联"
        ),
        v(&["联系群众", "联系企业", "联系项目"])
    );
}

#[test]
fn more_lead_ins_and_items_one_a_clause() {
    // 是指, 主要是 … introduce the list as 即 does.
    assert_eq!(
        exp("全镇推行“三晒”,是指晒职责、晒进度、晒成效。", "三晒"),
        v(&["晒职责", "晒进度", "晒成效"])
    );
    // Without a lead-in, one item a clause when each carries the key.
    assert_eq!(
        exp(
            "厂里推行“双培养”机制,把技术能手培养成党员,把党员培养成技术能手。",
            "双培养"
        ),
        v(&["把技术能手培养成党员", "把党员培养成技术能手"])
    );
    // The verb that governs the list is no part of the first item.
    assert_eq!(
        exp(
            "方案内容涵盖了道路整治、绿化美化和路灯亮化等“三化”任务。",
            "三化"
        ),
        v(&["道路整治", "绿化美化", "路灯亮化"])
    );
}

#[test]
fn a_word_with_a_conjunction_inside_is_one_item() {
    use super::adjacent::split_on_conjunctions;
    // 和平, 和谐, 参与 are words; 和平安 is 和 and 平安; 以及 is one conjunction.
    assert_eq!(split_on_conjunctions("维护和平稳定"), ["维护和平稳定"]);
    assert_eq!(split_on_conjunctions("邻里和谐"), ["邻里和谐"]);
    assert_eq!(split_on_conjunctions("群众参与"), ["群众参与"]);
    assert_eq!(
        split_on_conjunctions("生态宜居和平安有序"),
        ["生态宜居", "平安有序"]
    );
    assert_eq!(
        split_on_conjunctions("产业兴旺以及乡风文明"),
        ["产业兴旺", "乡风文明"]
    );
    assert_eq!(
        exp("实现乡村产业兴旺和基层平安建设的“双提升”。", "双提升"),
        v(&["乡村产业兴旺", "基层平安建设"])
    );
}

#[test]
fn a_led_name_with_a_four_character_lead() {
    // Two words before the count lead the name; a verb or a scope word
    // before them does not.
    assert_eq!(
        forms("街道出台助老服务五举措,方便老人。"),
        ["助老服务五举措"]
    );
    assert_eq!(forms("街道出台助老五举措,方便老人。"), ["助老五举措"]);
    assert!(!forms("推动全区助老五举措落地。").contains(&"全区助老五举措".to_string()));
}

#[test]
fn a_quoted_list_of_clauses_split_by_semicolons() {
    // Each clause, opened by the verb the name counts, is one item.
    assert_eq!(
        exp(
            "推行“抓班子,强核心;抓队伍,提素质;抓阵地,优服务”的“三抓”举措。",
            "三抓"
        ),
        v(&["抓班子,强核心", "抓队伍,提素质", "抓阵地,优服务"])
    );
}

#[test]
fn levels_acting_together() {
    // N级 + role + action after the quoted levels names them.
    let t = "推行“省市县”三级书记抓落实、“县、乡、村、护林员”四级林长包片巡山工作机制。";
    assert_eq!(forms(t), ["三级书记抓落实", "四级林长包片巡山"]);
    assert_eq!(exp(t, "三级书记抓落实"), v(&["省", "市", "县"]));
    assert_eq!(exp(t, "四级林长包片巡山"), v(&["县", "乡", "村", "护林员"]));
    // A role without an action, a count of another number or a list of
    // things that are no levels names nothing.
    assert!(forms("形成“省市县”三级书记队伍。").is_empty());
    assert!(forms("形成“省市县”两级书记抓落实格局。").is_empty());
    assert!(forms("组建“红、黄、蓝”三级主任巡查队。").is_empty());
}

#[test]
fn a_name_in_single_quotes() {
    // ‘…’ inside a longer quote or in plain text names a formulation.
    assert_eq!(
        forms("推行“抓班子‘双强’,促发展”的做法,落实‘三联’制度。"),
        ["双强", "三联"]
    );
    // A duration in single quotes is none either.
    assert!(forms("管好‘八小时以内’。").is_empty());
    // It is no slogan of its own.
    assert!(
        extract_text("他说‘好的’。")
            .slogans
            .iter()
            .all(|s| s.text != "好的")
    );
}

#[test]
fn a_duration_in_hours_is_no_name() {
    assert!(forms("守住“八小时以内”的纪律。").is_empty());
}

#[test]
fn grasping_both_hands_and_the_pair_before_it() {
    // An established formulation, recognized unquoted; its two items are
    // the pair right before it, the first from after a copula.
    assert_eq!(forms("全镇坚持两手抓,成效明显。"), ["两手抓"]);
    assert_eq!(
        exp("各村都是生产、党建两手抓,发展势头良好。", "两手抓"),
        Some(vec!["生产".to_string(), "党建".to_string()])
    );
    assert_eq!(
        exp("坚持发展、稳定两手抓。", "两手抓"),
        Some(vec!["发展".to_string(), "稳定".to_string()])
    );
}

/// The texts of the formulations found in `t`.
fn names(t: &str) -> Vec<String> {
    extract_text(t)
        .formulations
        .into_iter()
        .map(|f| f.text)
        .collect()
}

#[test]
fn a_quoted_definition_of_parallel_clauses() {
    // The lead-in introduces a quote that closes its sentence; the clauses
    // split by a semicolon are the items, not the first clause's 、-list.
    assert_eq!(
        exp(
            "推行“双下沉”。“双下沉”是指“县里派单、镇里下沉;镇里派单、村里下沉。”对象为全体干部。",
            "双下沉"
        ),
        v(&["县里派单、镇里下沉", "镇里派单、村里下沉"])
    );
    // A 、-list that a comma ends stays the list.
    assert_eq!(
        exp(
            "推行“三到位”,即人员到位、经费到位、场地到位,成效明显。",
            "三到位"
        ),
        v(&["人员到位", "经费到位", "场地到位"])
    );
}

#[test]
fn parallel_slogans_elsewhere_in_the_text() {
    // Two clauses in a row, each a 、-pair ending in the key; the verb
    // governing the first and the noun after the last are no part of them.
    assert_eq!(
        exp(
            "全乡推行“双响应”。年初以来,落实片区呼叫、站所响应,楼栋呼叫、党员响应的要求。",
            "双响应"
        ),
        v(&["片区呼叫、站所响应", "楼栋呼叫、党员响应"])
    );
    // Three such clauses are no pair; two rival pairs give none.
    assert_eq!(
        exp(
            "深化双响应。实行甲呼叫、乙响应;丙呼叫、丁响应;戊呼叫、己响应。",
            "双响应"
        ),
        None
    );
    assert_eq!(
        exp(
            "深化双响应。实行甲呼叫、乙响应;丙呼叫、丁响应。又有戊呼叫、己响应,庚呼叫、辛响应。",
            "双响应"
        ),
        None
    );
}

#[test]
fn a_pair_before_the_mention_named_by_the_key() {
    // Two items joined by 与, each ending in the key: no 的 needed.
    assert_eq!(
        exp("把社区服务网与应急管理网“两网”合成一网。", "两网"),
        v(&["社区服务网", "应急管理网"])
    );
    // Items without the key are no such pair.
    assert_eq!(exp("把区委与区政府“两网”合成一网。", "两网"), None);
}

#[test]
fn figures_are_never_items() {
    // A list of counts with their units shares a last character, but it
    // is no expansion.
    assert_eq!(
        exp(
            "推动“两网”融合。全市设立调解员3000名、信息员500名。",
            "两网"
        ),
        None
    );
}

#[test]
fn a_count_of_sheets_named_by_its_list() {
    // N张清单 right after a list of N nouns is a name, expanded by them.
    let t = "街道梳理诉求、岗位、服务三张清单,逐项销号。";
    assert_eq!(names(t), ["三张清单"]);
    assert_eq!(exp(t, "三张清单"), v(&["诉求", "岗位", "服务"]));
    // Without such a list it is an ordinary count.
    assert!(names("街道印发了三张清单。").is_empty());
}

#[test]
fn a_run_of_digits_counting_named_items() {
    // One digit an item, each item opened by its number word: the run is a
    // formulation, and the named items are formulations of their own.
    let t = "以“1234”(一站服务、双岗联动、三访行动和以四议制度为主体的协商)为抓手。";
    assert_eq!(
        exp(t, "1234"),
        v(&["一站服务", "双岗联动", "三访行动", "以四议制度为主体的协商"])
    );
    let found = names(t);
    for f in ["1234", "双岗联动", "三访", "四议制度"] {
        assert!(found.iter().any(|x| x == f), "{f} in {found:?}");
    }
    // Counts of things are no names of their own.
    let t = "以“12345”(一个中心、两支队伍、三项机制、四联工作、五星评比)为抓手。";
    let found = names(t);
    assert!(found.iter().any(|x| x == "12345"));
    assert!(!found.iter().any(|x| x == "两支队伍" || x == "一个中心"));
    // Items that do not follow the digits, or a hotline, name nothing.
    assert!(names("拨打“12345”(市民热线)反映诉求。").is_empty());
    assert!(
        names("以“12345”(一个中心、三支队伍、两项机制、四联工作、五星评比)为抓手。").is_empty()
    );
}
