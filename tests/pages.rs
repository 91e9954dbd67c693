//! Page cleaning against the hand-annotated gold in tests/gold/pages.json:
//! character-level body precision/recall and exact metadata.

mod common;

use std::collections::HashMap;

use dangjian::{Document, Pipeline};
use serde_json::Value;

fn chars(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// Character-level overlap of two lists of lines (lines are matched whole,
/// as a multiset).
fn overlap(system: &[&str], gold: &[&str]) -> (usize, usize, usize) {
    let mut pool: HashMap<&str, usize> = HashMap::new();
    for g in gold {
        *pool.entry(g).or_default() += 1;
    }
    let mut tp = 0;
    for s in system {
        if let Some(n) = pool.get_mut(s)
            && *n > 0
        {
            *n -= 1;
            tp += chars(s);
        }
    }
    let sys: usize = system.iter().map(|s| chars(s)).sum();
    let gold: usize = gold.iter().map(|s| chars(s)).sum();
    (tp, sys, gold)
}

/// Body precision and recall of an analysis against a gold entry's lines.
fn body_scores(a: &dangjian::Analysis, gold: &Value) -> (f64, f64) {
    let sys: Vec<&str> = a.body.lines().collect();
    let gold_lines: Vec<&str> = gold["body"]
        .as_array()
        .expect("body")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let (tp, s, g) = overlap(&sys, &gold_lines);
    let (p, r, _) = common::prf(tp, s, g);
    (p, r)
}

/// Metadata fields of the gold entry that the analysis gets wrong.
fn meta_mismatches(file: &str, a: &dangjian::Analysis, gold: &Value) -> Vec<String> {
    let meta = serde_json::to_value(&a.meta).expect("meta");
    gold["meta"]
        .as_object()
        .expect("meta")
        .iter()
        .filter(|(k, v)| meta[k.as_str()] != **v)
        .map(|(k, v)| format!("{file}: meta.{k} = {} (gold {v})", meta[k.as_str()]))
        .collect()
}

#[test]
fn corpus_pages_match_gold() {
    let gold: Value = serde_json::from_str(include_str!("gold/pages.json")).expect("gold JSON");
    let pipeline = Pipeline::default();
    let mut failures = Vec::new();
    for d in gold["documents"].as_array().expect("documents") {
        let file = d["file"].as_str().expect("file");
        // No manifest facts: what is found must come from the page itself.
        let doc = Document::from_path(common::corpus_dir().join(file)).expect("corpus file");
        let a = pipeline.analyze(&doc);
        let (p, r) = body_scores(&a, d);
        println!("{file}: body P {p:.3} R {r:.3}");
        if p < 0.97 || r < 0.97 {
            failures.push(format!("{file}: body P {p:.3} R {r:.3}"));
        }
        failures.extend(meta_mismatches(file, &a, d));
        if let Some(caps) = d.get("captions").and_then(Value::as_array) {
            for c in caps.iter().filter_map(Value::as_str) {
                if !a.captions.iter().any(|x| x == c) {
                    failures.push(format!("{file}: caption missed: {c}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn page_samples_in_other_shapes() {
    let gold: Value =
        serde_json::from_str(include_str!("gold/page-samples.json")).expect("gold JSON");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages");
    let pipeline = Pipeline::default();
    let mut failures = Vec::new();
    for d in gold["documents"].as_array().expect("documents") {
        let file = d["file"].as_str().expect("file");
        let doc = Document::from_path(dir.join(file)).expect("sample decodes");
        if doc.encoding != d["encoding"].as_str().unwrap_or("") {
            failures.push(format!(
                "{file}: encoding {} (gold {})",
                doc.encoding, d["encoding"]
            ));
        }
        let a = pipeline.analyze(&doc);
        let (p, r) = body_scores(&a, d);
        println!("{file}: body P {p:.3} R {r:.3}");
        if p < 0.97 || r < 0.97 {
            failures.push(format!(
                "{file}: body P {p:.3} R {r:.3}\n  got {:?}",
                a.body
            ));
        }
        failures.extend(meta_mismatches(file, &a, d));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// GBK and Big5 copies of corpus documents analyze exactly like the UTF-8
/// originals (only the id and the encoding differ).
#[test]
fn legacy_encodings_give_the_same_analysis() {
    let pipeline = Pipeline::default();
    for (file, enc) in [
        ("guilin-2024-08-15.txt", encoding_rs::GBK),
        ("zhejiang-2019-11-25.txt", encoding_rs::GB18030),
        ("tianjin-2021-06-16.txt", encoding_rs::BIG5),
    ] {
        // Big5 has no no-break space; the portal's page uses one.
        let text = common::corpus_text(file).replace('\u{a0}', " ");
        let (bytes, _, lossy) = enc.encode(&text);
        assert!(!lossy, "{file} is not representable in {}", enc.name());
        let original = pipeline.analyze(&Document::from_text(text.clone()));
        let copy = pipeline.analyze(&Document::from_bytes(&bytes, None).expect("decodes"));
        let mut a = serde_json::to_value(&original).expect("json");
        let mut b = serde_json::to_value(&copy).expect("json");
        assert_ne!(b["encoding"], "utf-8");
        for v in [&mut a, &mut b] {
            v["id"] = Value::Null;
            v["encoding"] = Value::Null;
        }
        assert_eq!(a, b, "{file} as {}", enc.name());
    }
}

#[test]
fn binary_file_gives_a_clear_error() {
    let e = Document::from_bytes(
        &[
            0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d,
        ],
        Some(std::path::Path::new("photo.txt")),
    )
    .expect_err("binary");
    assert_eq!(e.kind(), dangjian::ErrorKind::Binary);
    assert!(e.to_string().starts_with("photo.txt: binary"), "{e}");
}

/// The script found agrees with the manifest for every corpus document.
#[test]
fn script_matches_the_manifest() {
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(common::corpus_dir().join("manifest.json")).expect("manifest"),
    )
    .expect("manifest JSON");
    let pipeline = Pipeline::default();
    for d in manifest["documents"].as_array().expect("documents") {
        let file = d["file"].as_str().expect("file");
        let a = pipeline
            .analyze(&Document::from_path(common::corpus_dir().join(file)).expect("corpus"));
        assert_eq!(
            serde_json::to_value(a.script).expect("script"),
            d["script"],
            "{file}"
        );
    }
}

// Metadata on page shapes the corpus does not have. Every page below is
// invented; each test names the rule it guards.

fn meta_of(page: &str) -> dangjian::page::PageMeta {
    dangjian::page::clean(page).meta
}

#[test]
fn government_table_gives_publisher_and_date() {
    let page = "索引号 | abc_xyz/2023-00101 | 效力属性 | |\n\
                发布机构 | 某某镇 | 文 号 | |\n\
                成文日期 | 发布日期 | 2023-04-05 |\n\
                某某村是由三个自然村合并组建的行政村,有党员42名,建有党支部1个。\n";
    let m = meta_of(page);
    assert_eq!(m.source.as_deref(), Some("某某镇"));
    assert_eq!(m.date.as_deref(), Some("2023-04-05"));
    // A table row is never the title.
    assert_eq!(m.title, None);
}

#[test]
fn a_notice_issuing_a_document_is_titled_by_the_document() {
    let page = "分享到:\n\
                索引号: | 330000/2024-00012 | 发文时间: | 2024-03-05 |\n\
                文件编号: | 某政办发〔2024〕8号 | 发布机构: | 某县政府办公室 |\n\
                各镇人民政府,县府直属各单位:\n\
                《某县党建引领强村富民行动方案(2024—2026年)》已经县政府同意,现印发给你们,请认真贯彻执行。\n\
                某县人民政府办公室\n\
                2024年2月28日\n\
                某县党建引领强村富民行动方案(2024—2026年)\n\
                为深化党建引领强村富民,特制定本方案。\n";
    let m = meta_of(page);
    assert_eq!(
        m.title.as_deref(),
        Some("某县党建引领强村富民行动方案(2024—2026年)")
    );
    assert_eq!(m.source.as_deref(), Some("某县政府办公室"));
    // The table's publication date, not the notice's signing date.
    assert_eq!(m.date.as_deref(), Some("2024-03-05"));
}

#[test]
fn accessibility_toolbar_and_labelled_dateline() {
    let page = "丨  网站无障碍 丨 关怀版 丨 长辈版\n\
                某街道推行居民议事会制度\n\
                发布日期:2023-06-07    发布者:某区人民政府办公室\n\
                一是建立议事机制。某街道在12个社区成立居民议事会,吸纳成员180名。\n";
    let m = meta_of(page);
    assert_eq!(m.title.as_deref(), Some("某街道推行居民议事会制度"));
    assert_eq!(m.source.as_deref(), Some("某区人民政府办公室"));
    assert_eq!(m.date.as_deref(), Some("2023-06-07"));
}

#[test]
fn image_file_names_are_no_title() {
    let page = "7.jpg\n\
                《晨光》张三  摄于某某公园_副本.jpg\n\
                某年某月,游客在某地古镇参观。李四_副本.jpg\n\
                某省党员队伍结构持续优化\n\
                来源:某某日报   2024-07-04 08:15:00\n\
                本报讯 近日,某省委组织部发布党内统计数据,全省党员队伍结构持续优化。\n";
    let m = meta_of(page);
    assert_eq!(m.title.as_deref(), Some("某省党员队伍结构持续优化"));
    assert_eq!(m.date.as_deref(), Some("2024-07-04"));
}

#[test]
fn epaper_edition_label_kicker_and_headline() {
    let page = "某某日报 数字报纸\n\
                00012版:要闻·综合\n\
                某县机关党员进社区\n\n\
                结对服务群众零距离\n\
                本报讯 (记者 张三) 11月16日,某县机关党员来到某社区,参加社区党员志愿服务活动。\n\
                某县机关党员组建临时党支部31个,常年参加社区志愿服务。\n\
                某某日报 要闻·综合 00012 结对服务群众零距离 2015-11-18 4070000 2 2015年11月18日 星期三\n";
    let m = meta_of(page);
    assert_eq!(
        m.title.as_deref(),
        Some("某县机关党员进社区 结对服务群众零距离")
    );
    assert_eq!(m.source.as_deref(), Some("某某日报"));
}

#[test]
fn the_original_title_line_confirms_the_headline() {
    let page = "某某网>>党建\n\
                以党建为引领 助力乡村振兴\n\
                某市加快美丽乡村建设步伐\n\
                2018年07月13日09:54    来源:某某日报\n\
                原标题:以党建为引领 助力乡村振兴\n\
                某市坚持以党建为引领,提升基层党组织组织力,加快美丽乡村建设步伐。\n";
    let m = meta_of(page);
    assert_eq!(m.title.as_deref(), Some("以党建为引领 助力乡村振兴"));
}

#[test]
fn the_headline_shares_words_with_the_lead() {
    // Navigation words above the headline; an advert between it and the body.
    let page = "移动新媒体\n\
                某某搜索\n\n\
                某省八成村书记具有高中以上学历 九成选民参加换届投票\n\
                移动用户编辑短信AB到10000000,即可免费订阅30天某某手机报。\n\
                某省有2750多万名登记选民,其中2600多万名选民参加了换届投票,村书记高中以上学历占八成。\n";
    let m = meta_of(page);
    assert_eq!(
        m.title.as_deref(),
        Some("某省八成村书记具有高中以上学历 九成选民参加换届投票")
    );
    // The advert names no source.
    assert_eq!(m.source, None);
}

#[test]
fn a_short_headline_that_the_lead_is_about() {
    let page = "兴和社区\n某区某街道兴和社区位于老城区,辖区面积1.1平方公里,居民2114户。\n";
    assert_eq!(meta_of(page).title.as_deref(), Some("兴和社区"));
    // A short line the lead is not about is no headline.
    let page = "红色印记\n某区某街道兴和社区位于老城区,辖区面积1.1平方公里,居民2114户。\n";
    assert_eq!(meta_of(page).title, None);
}

#[test]
fn a_byline_under_the_headline_over_a_section_heading() {
    let page = "扎根乡村十三载\n\
                通讯员 张三\n\
                建制度强班子\n\
                驻村干部帮助整顿软弱涣散村党组织82个,健全村级工作制度9000余项\n";
    assert_eq!(meta_of(page).title.as_deref(), Some("扎根乡村十三载"));
}

#[test]
fn a_headline_written_twice_with_a_part_number() {
    let page = "走进基层党支部(3)\n\n\
                走进基层党支部(3)\n\n\
                某省开展党员进社区活动综述\n\n\
                成效明显,群众得到实惠\n\n\
                广大在职党员进入社区后,与居民结对子、交朋友,为群众办实事好事。\n";
    assert_eq!(meta_of(page).title.as_deref(), Some("走进基层党支部"));
}

#[test]
fn day_first_dates_and_checked_days() {
    let page = "某县召开基层党建述职评议会\n09.11.2014  12:06\n本报讯 某县19名乡镇党委书记现场述职,接受评议。\n";
    assert_eq!(meta_of(page).date.as_deref(), Some("2014-11-09"));
    let page =
        "某县召开基层党建述职评议会\n2023-02-30\n本报讯 某县19名乡镇党委书记现场述职,接受评议。\n";
    assert_eq!(meta_of(page).date, None);
}

#[test]
fn stamps_of_other_articles_are_not_the_date() {
    let page = "某县壮大村级集体经济\n\
                本报讯 某县856个行政村集体经济年收入全部突破10万元。\n\
                2023-10-25 18:49:41\n\
                2023-10-24 14:51:42\n\
                2023-09-15 18:08:33\n";
    assert_eq!(meta_of(page).date, None);
}

#[test]
fn a_source_field_that_names_no_outlet_is_passed_over() {
    let page = "某区 > 扶贫 >\n\
                某地干部接力驻村服务基层\n\
                发布时间:2019-06-02 18:07来源: 网络整理\n\
                某某社某市11月1日电 五年来,某地累计选派驻村干部35万人次。\n";
    let m = meta_of(page);
    assert_eq!(m.source.as_deref(), Some("某某社"));
    assert_eq!(m.date.as_deref(), Some("2019-06-02"));
}

#[test]
fn outlets_named_in_leads_toolbars_and_footers() {
    // The outlet before the reporters' names.
    let page = "某某在线(记者张三 通讯员李四)12月5日,某区国际志愿者日主题活动举行。\n";
    assert_eq!(meta_of(page).source.as_deref(), Some("某某在线"));
    // A broadcast's sign-off in the first paragraph.
    let page =
        "一场特殊的述职\n某市昨天举行书记抓党建述职会,19名县委书记接受评议,某某台记者张三报道:\n";
    assert_eq!(meta_of(page).source.as_deref(), Some("某某台"));
    // The site's name among the controls of a toolbar.
    let page = "某省发展壮大村级集体经济\n某某党员网 打印 纠错\n近年来,某省把发展壮大村级集体经济作为重要工程。\n";
    assert_eq!(meta_of(page).source.as_deref(), Some("某某党员网"));
    // A copyright line with the site's years.
    let page = "本報訊 某县856个行政村集体经济年收入全部突破10万元。\n某某新闻网 2006-2023 版权所有 某某市新闻传媒中心 联合主办\n";
    assert_eq!(meta_of(page).source.as_deref(), Some("某某新闻网"));
    // An editor's note announcing the outlet's series.
    let page = "- +1\n某市党建引领城市治理\n【编者按】\n2022年9月起,某某新闻推出“奔流十年”系列报道。\n本篇聚焦党建引领高品质生活。\n";
    assert_eq!(meta_of(page).source.as_deref(), Some("某某新闻"));
}

#[test]
fn a_page_title_with_the_site_after_it() {
    let page =
        "某县党建引领乡村振兴_某某网\n近年来,某县以党建为抓手,推动乡村振兴,新建服务站12个。\n";
    let m = meta_of(page);
    assert_eq!(m.title.as_deref(), Some("某县党建引领乡村振兴"));
    assert_eq!(m.source.as_deref(), Some("某某网"));
}

#[test]
fn reading_time_widgets_and_clause_fragments_are_no_title() {
    let page = "本篇文章803字,读完约2分钟\n某某在线讯 某区共建设志愿者广场53处。\n";
    assert_eq!(meta_of(page).title, None);
    let page = "他们希望由客户处得到实际回馈后,\n再决定下一步的合作方式。\n";
    assert_eq!(meta_of(page).title, None);
}

#[test]
fn sources_stated_at_the_close_or_in_the_footer() {
    let body = "某县组建党建联合体26个,联结村社区120个。\n";
    // A paragraph's closing field, bracketed or bare.
    let page = format!(
        "某县推进党建联建\n2023-01-05\n{body}联建以来,共解决难题300余个。(来源:某某县融媒体中心)\n"
    );
    assert_eq!(meta_of(&page).source.as_deref(), Some("某某县融媒体中心"));
    let page = "某县推进党建联建\n2023-01-05\n某县组建党建联合体26个,联结村社区120个。 来源:某某县融媒体中心\n";
    assert_eq!(meta_of(page).source.as_deref(), Some("某某县融媒体中心"));
    // A reprint line; a paper cited in 《》.
    let page = format!("某县推进党建联建\n2023-01-05\n{body}本文转载自某某日报\n");
    assert_eq!(meta_of(&page).source.as_deref(), Some("某某日报"));
    let page = format!("某县推进党建联建\n{body}(摘自《某某青年报》张三)\n");
    assert_eq!(meta_of(&page).source.as_deref(), Some("某某青年报"));
    // Copyright lines in other spellings; a footer bar of links.
    let page = format!(
        "某区社区党校开班\n时间:2020-10-15\n{body}Copyright © 2015-2020 某某新闻网 All Rights Reserved\n"
    );
    assert_eq!(meta_of(&page).source.as_deref(), Some("某某新闻网"));
    let page = format!(
        "某县推进党建联建\n2023-01-05\n{body}版权所有:某某新闻网  备案号:某ICP备12345678号\n"
    );
    assert_eq!(meta_of(&page).source.as_deref(), Some("某某新闻网"));
    let page = format!(
        "某县推进党建联建\n2023-01-05\n{body}某某党建网 | 关于我们 | 联系我们 | 网站地图\n"
    );
    assert_eq!(meta_of(&page).source.as_deref(), Some("某某党建网"));
    // A line of hosts, when nothing else names the site.
    let page = format!("某县推进党建联建\n2023-01-05\n{body}主办:某某日报社 承办:某某网\n");
    assert_eq!(meta_of(&page).source.as_deref(), Some("某某网"));
}

#[test]
fn sources_stated_in_the_head_in_other_shapes() {
    let body = "某县组建党建联合体26个,联结村社区120个。\n";
    let source = |page: String| meta_of(&page).source;
    // An empty field followed by the next label names nothing; the byline does.
    assert_eq!(
        source(format!(
            "某县推进党建联建\n来源:  作者:  发布时间:2023-01-05\n某某日报记者 张三\n{body}"
        ))
        .as_deref(),
        Some("某某日报")
    );
    // A field passed over as no outlet; the copyright line names the site.
    assert_eq!(
        source(format!(
            "某县推进党建联建\n来源:本站原创 发布时间:2023-01-05\n{body}某某党建网 版权所有\n"
        ))
        .as_deref(),
        Some("某某党建网")
    );
    // Fields in brackets; a bar or a lost colon for a colon.
    let m = meta_of(&format!(
        "某县推进党建联建\n【发布时间:2019-01-03】【来源:某某网】【字体:大 中 小】\n{body}"
    ));
    assert_eq!(
        (m.source.as_deref(), m.date.as_deref()),
        (Some("某某网"), Some("2019-01-03"))
    );
    assert_eq!(
        source(format!(
            "某县推进党建联建\n来源 | 某某日报    2023-01-05\n{body}"
        ))
        .as_deref(),
        Some("某某日报")
    );
    assert_eq!(
        source(format!(
            "某县推进党建联建\n2023-01-05 来源?某某日报\n{body}"
        ))
        .as_deref(),
        Some("某某日报")
    );
    // Publishers under other labels.
    assert_eq!(
        source(format!(
            "某乡召开党建工作推进会\n发布部门:某乡人民政府  发布时间:2024年03月15日\n{body}"
        ))
        .as_deref(),
        Some("某乡人民政府")
    );
    assert_eq!(
        source(format!(
            "某镇推行村干部坐班制\n供稿单位:某镇党委  日期:2022-11-20\n{body}"
        ))
        .as_deref(),
        Some("某镇党委")
    );
    // Leads and bylines.
    assert_eq!(
        source(format!("某县推进党建联建\n【某某网讯】{body}")).as_deref(),
        Some("某某网")
    );
    assert_eq!(
        source("某县推进党建联建\n某某网消息(记者 张三)某县组建党建联合体26个。\n".to_string())
            .as_deref(),
        Some("某某网")
    );
    assert_eq!(
        source("某县推进党建联建\n据某某日报报道,某县组建党建联合体26个。\n".to_string())
            .as_deref(),
        Some("某某日报")
    );
    assert_eq!(
        source(format!(
            "某社区开展红色观影活动\n文/某某日报记者 张三 通讯员 李四\n2023-07-01\n{body}"
        ))
        .as_deref(),
        Some("某某日报")
    );
    assert_eq!(
        source(
            "把党建联建做实\n某某日报评论员\n党建联建要落到实处,不能停留在纸面上。\n".to_string()
        )
        .as_deref(),
        Some("某某日报")
    );
    // Mastheads and site headers.
    assert_eq!(
        source(format!(
            "某某日报多媒体数字报刊\n某县推进党建联建\n2023年01月05日\n{body}"
        ))
        .as_deref(),
        Some("某某日报")
    );
    assert_eq!(
        source(format!(
            "某某党建网\n某县推进党建联建\n2023-01-05 09:12\n{body}"
        ))
        .as_deref(),
        Some("某某党建网")
    );
    // A page flattened into one line: its head's date and source.
    let m = meta_of(
        "某县推进党建联建 2023-01-05 来源:某某网 某县组建党建联合体26个,联结村社区120个,覆盖党员1.2万名,形成了共建共享的工作格局。\n",
    );
    assert_eq!(
        (m.source.as_deref(), m.date.as_deref()),
        (Some("某某网"), Some("2023-01-05"))
    );
}

#[test]
fn title_suffixes_and_headlines_that_ask() {
    let body = "某县组建党建联合体26个,联结村社区120个。\n";
    // A site after a dash with no spaces; a long page title dumped at the top.
    let m = meta_of(
        "某县党员干部下沉一线-某某新闻网\n2022-12-01 08:00\n某县组织1500名党员干部下沉到社区。\n",
    );
    assert_eq!(m.title.as_deref(), Some("某县党员干部下沉一线"));
    assert_eq!(m.source.as_deref(), Some("某某新闻网"));
    let m = meta_of(&format!(
        "某县坚持党建引领,推动基层治理提质增效,群众满意度持续提升_某某网\n{body}"
    ));
    assert_eq!(
        m.title.as_deref(),
        Some("某县坚持党建引领,推动基层治理提质增效,群众满意度持续提升")
    );
    // A headline that asks or exclaims, above the dateline.
    let m = meta_of(
        "党员教育如何入脑入心?\n2023-05-06 来源:某某党建网\n某县开设微课堂120个,覆盖党员1.8万名。\n",
    );
    assert_eq!(m.title.as_deref(), Some("党员教育如何入脑入心?"));
    let m = meta_of(
        "某县这支党员突击队了不起!\n2023-05-06 来源:某某日报\n某县党员突击队连续奋战30天,抢修道路12公里。\n",
    );
    assert_eq!(m.title.as_deref(), Some("某县这支党员突击队了不起!"));
    // An edition label with its pager is furniture.
    let m = meta_of(
        "第03版 要闻 上一版 下一版\n某县开展党员冬训\n2020年12月08日 某某日报\n本报讯 12月以来,某县组织3.2万名农村党员参加冬训。\n",
    );
    assert_eq!(m.title.as_deref(), Some("某县开展党员冬训"));
    assert_eq!(m.source.as_deref(), Some("某某日报"));
}

#[test]
fn dates_in_han_numerals_and_glossed_sources() {
    let body = "某县组建党建联合体26个,联结村社区120个。\n";
    assert_eq!(
        meta_of(&format!("某县推进党建联建\n二〇二三年一月五日\n{body}"))
            .date
            .as_deref(),
        Some("2023-01-05")
    );
    assert_eq!(
        meta_of(&format!("某县推进党建联建\n【2023-01-05】\n{body}"))
            .date
            .as_deref(),
        Some("2023-01-05")
    );
    // Through the whole analysis: a gloss whose bracket became ?, a lost character.
    let pipeline = Pipeline::default();
    let a = |page: &str| pipeline.analyze(&Document::from_text(page)).meta.source;
    assert_eq!(a("某县推进智慧党建\n来源:某某日?rì)报?bào) 2020-06-06\n某县建成智慧党建平台,覆盖党员2.1万名。\n").as_deref(), Some("某某日报"));
    assert_eq!(
        a("某县推进智慧党建\n来源:某某日?报 2020-06-06\n某县建成智慧党建平台,覆盖党员2.1万名。\n")
            .as_deref(),
        Some("某某日报")
    );
    assert_eq!(a("某縣推進黨建聯建\n來源:某某日?報 2023-01-05\n某縣組建黨建聯合體26個,聯結村社區120個。\n").as_deref(), Some("某某日報"));
}

#[test]
fn outlets_joined_credited_or_met_in_the_lead() {
    let body = "某县组建党建联合体26个,联结村社区120个。\n";
    let source = |page: String| meta_of(&page).source;
    // An outlet line under the headline: two names joined, a column word after.
    let m = meta_of(&format!(
        "某县党建引领乡村振兴 产业兴旺民增收\n新某某-某某日报精选\n2024-05-01 10:00\n{body}"
    ));
    assert_eq!(m.source.as_deref(), Some("新某某-某某日报"));
    assert_eq!(
        m.title.as_deref(),
        Some("某县党建引领乡村振兴 产业兴旺民增收")
    );
    // A byline of two outlets joined by a middle dot, under a lead paragraph.
    assert_eq!(
        source(format!(
            "摘要:某县组建党建联合体,联结村社区,推动共建共享。\n——某县党建联建探索(副题)\n某某日报·中国某网记者 张三 李四\n{body}"
        ))
        .as_deref(),
        Some("某某日报·中国某网")
    );
    // A paper's reporter learning the news in the lead.
    assert_eq!(
        source(
            "3月5日,某县召开党建推进会。某某日报记者从某县委组织部获悉,全县已组建党建联合体26个。\n"
                .to_string()
        )
        .as_deref(),
        Some("某某日报")
    );
    // The outlet credited after the article wins over the site carrying it.
    assert_eq!(
        source(format!(
            "某县推进党建联建\n{body}(《某某时报》新闻中心)\n某某党建网 | 关于我们 | 网站地图\n"
        ))
        .as_deref(),
        Some("某某时报")
    );
    assert_eq!(
        source(format!("某县推进党建联建\n{body}(记者 张三)\n")),
        None
    );
    // A picture story's credit names the agency.
    assert_eq!(
        source(
            "图为近日,两名驻村队员在村口清扫积雪。某某社记者 张三 摄\n某村海拔4000米,驻村工作队有队员5名。\n"
                .to_string()
        )
        .as_deref(),
        Some("某某社")
    );
    // A wire dateline without a city, in traditional script.
    let pipeline = Pipeline::default();
    let a = |page: &str| pipeline.analyze(&Document::from_text(page)).meta.source;
    assert_eq!(
        a("新華社3月5日電 某省已組建黨建聯合體260個,聯結村社區1200個。\n").as_deref(),
        Some("新華社")
    );
}

#[test]
fn speech_heads_and_spam_in_headlines() {
    // A speech's head flattened into its first paragraph.
    let m = meta_of(
        "在全县组织工作会议上的讲话县委副书记张三(2023年3月1日)同志们:今天召开全县组织工作会议,主要任务是总结工作。\n",
    );
    assert_eq!(m.title.as_deref(), Some("在全县组织工作会议上的讲话"));
    assert_eq!(m.date.as_deref(), Some("2023-03-01"));
    let m = meta_of(
        "在全县党建工作座谈会上的发言(二〇二三年三月一日)同志们:今天召开座谈会,主要任务是交流经验。\n",
    );
    assert_eq!(m.title.as_deref(), Some("在全县党建工作座谈会上的发言"));
    assert_eq!(m.date.as_deref(), Some("2023-03-01"));
    // A speech's title on a line of its own, over the speaker's line.
    let m = meta_of(
        "在全县组织工作会议上的讲话\n县委副书记 张三\n二〇二三年三月一日\n同志们:今天召开全县组织工作会议,主要任务是总结工作,部署任务。\n",
    );
    assert_eq!(m.title.as_deref(), Some("在全县组织工作会议上的讲话"));
    assert_eq!(m.date.as_deref(), Some("2023-03-01"));
    // A sentence that opens with 在 is no speech's head.
    let m = meta_of("在全县组织工作会议上,县委书记作了讲话,部署了全年工作。\n");
    assert_eq!((m.title, m.date), (None, None));
    // Spam spliced into a headline is cut out, in the original script too
    // (a short line holding spam is an advert, no headline).
    let m = meta_of(
        "某县以党建引领推包养网动产业发展——某某乡新建党群服务站助力乡村振兴\n某县以党建引领推动产业发展,某某乡新建党群服务站12个。\n",
    );
    assert_eq!(
        m.title.as_deref(),
        Some("某县以党建引领推动产业发展——某某乡新建党群服务站助力乡村振兴")
    );
    let pipeline = Pipeline::default();
    let a = |page: &str| pipeline.analyze(&Document::from_text(page)).meta.title;
    assert_eq!(
        a("某縣以黨建引領推包養網動產業發展——某某鄉新建黨群服務站助力鄉村振興\n某縣以黨建引領推動產業發展,某某鄉新建黨群服務站12個。\n").as_deref(),
        Some("某縣以黨建引領推動產業發展——某某鄉新建黨群服務站助力鄉村振興")
    );
    // A headline about what the article is about keeps its words.
    let t = "某县开展打击非法彩票专项行动 查处违规销售网点12个 净化社会风气";
    let m = meta_of(&format!(
        "{t}\n某县开展打击非法彩票专项行动,查处违规销售网点12个,社会风气进一步净化。\n"
    ));
    assert_eq!(m.title.as_deref(), Some(t));
}
