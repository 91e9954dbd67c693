//! Builds `data/gazetteer.tsv`, the compact gazetteer the crate embeds, from
//! the administrative-division tables in `../shared/data/admin-divisions`:
//! NBS 2023 codes via modood (WTFPL) and, for names that have since gone
//! (莱芜市), the older cpca table (MIT).
//!
//! `cargo run --example build_gazetteer -- ../shared/data/admin-divisions > data/gazetteer.tsv`
//!
//! Output columns: code, name, level (province, city, county, district,
//! zone), parent code, short names (comma-separated: the short name first,
//! then level forms of autonomous divisions such as 化隆县 for
//! 化隆回族自治县), note (`historical` for names only in the older table).

use std::collections::{BTreeMap, HashSet};
use std::error::Error;
use std::path::Path;

const PLACEHOLDERS: &[&str] = &[
    "市辖区",
    "县",
    "省直辖县级行政区划",
    "自治区直辖县级行政区划",
];

struct Row {
    name: String,
    level: &'static str,
    parent: String,
    note: &'static str,
}

/// 广西壮族自治区 → 广西, 黔东南苗族侗族自治州 → 黔东南, 恭城瑶族自治县 → 恭城,
/// 桂林市 → 桂林, 锡林郭勒盟 → 锡林郭勒, 阿克苏地区 → 阿克苏.
fn short_name(name: &str, level: &str) -> Option<String> {
    const PEOPLES: &str = "壮|回|维吾尔|藏|苗|侗|瑶|彝|土家|蒙古|朝鲜|满|布依|白|哈尼|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|哈萨克|各";
    let ethnic =
        regex::Regex::new(&format!(r"^(.+?)(?:(?:{PEOPLES})族)+自治(?:区|州|县|旗)$")).ok()?;
    // 鄂温克族自治旗, 鄂伦春自治旗: the people is the whole name.
    let people_only =
        regex::Regex::new(&format!(r"^((?:{PEOPLES}))族?自治(?:区|州|县|旗)$")).ok()?;
    let mut s = if let Some(c) = people_only.captures(name) {
        c[1].to_string()
    } else if let Some(c) = ethnic.captures(name) {
        c[1].to_string()
    } else if let Some(r) = name.strip_suffix("自治区") {
        // 新疆维吾尔自治区: a people named without 族.
        PEOPLES
            .split('|')
            .find_map(|p| r.strip_suffix(p).filter(|x| x.chars().count() >= 2))
            .unwrap_or(r)
            .to_string()
    } else {
        let suffixes: &[&str] = match level {
            "province" => &["省", "市"],
            "city" => &["地区", "市", "盟", "自治州"],
            _ => &["林区", "县", "市", "区", "旗"],
        };
        suffixes
            .iter()
            .find_map(|suf| name.strip_suffix(suf).map(str::to_string))?
    };
    if s.ends_with("新区") || s.ends_with("开发") {
        return None;
    }
    s = s.trim().to_string();
    (s.chars().count() >= 2 && s != name).then_some(s)
}

/// The forms news use for an autonomous division besides its short name:
/// the short name with the generic level word (鄂温克族自治旗 → 鄂温克旗,
/// 化隆回族自治县 → 化隆县, 黔西南布依族苗族自治州 → 黔西南州). They read as
/// full names (they end in a level word), so they are listed after the short
/// name in the same column.
fn level_aliases(name: &str, short: Option<&str>) -> Vec<String> {
    let Some(short) = short else {
        return Vec::new();
    };
    [("自治县", "县"), ("自治旗", "旗"), ("自治州", "州")]
        .iter()
        .filter(|(suffix, _)| name.ends_with(suffix))
        .map(|(_, level)| format!("{short}{level}"))
        .filter(|alias| alias != name)
        .collect()
}

fn main() -> Result<(), Box<dyn Error>> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/admin-divisions".to_string());
    let dir = Path::new(&dir);
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let mut placeholder_cities: HashSet<String> = HashSet::new();
    let mut city_names: BTreeMap<String, String> = BTreeMap::new();

    let mut r = csv::Reader::from_path(dir.join("modood/provinces.csv"))?;
    for rec in r.records() {
        let rec = rec?;
        rows.insert(
            format!("{}0000", &rec[0]),
            Row {
                name: rec[1].to_string(),
                level: "province",
                parent: String::new(),
                note: "",
            },
        );
    }
    let mut r = csv::Reader::from_path(dir.join("modood/cities.csv"))?;
    for rec in r.records() {
        let rec = rec?;
        let code = format!("{}00", &rec[0]);
        if PLACEHOLDERS.contains(&&rec[1]) {
            placeholder_cities.insert(rec[0].to_string());
            continue;
        }
        city_names.insert(rec[0].to_string(), rec[1].to_string());
        rows.insert(
            code,
            Row {
                name: rec[1].to_string(),
                level: "city",
                parent: format!("{}0000", &rec[2]),
                note: "",
            },
        );
    }
    let mut r = csv::Reader::from_path(dir.join("modood/areas.csv"))?;
    for rec in r.records() {
        let rec = rec?;
        let (code, name, city, prov) = (&rec[0], &rec[1], &rec[2], &rec[3]);
        // Synthetic county rows of cities without counties (东莞市 441900).
        if city_names.get(city).is_some_and(|n| n == name) {
            continue;
        }
        let tail: u32 = code[4..].parse().unwrap_or(0);
        let level = if (71..=80).contains(&tail) {
            "zone"
        } else if name.ends_with('区') && !name.ends_with("林区") {
            "district"
        } else {
            "county"
        };
        let parent = if placeholder_cities.contains(city) {
            format!("{prov}0000")
        } else {
            format!("{city}00")
        };
        rows.insert(
            code.to_string(),
            Row {
                name: name.to_string(),
                level,
                parent,
                note: "",
            },
        );
    }
    // Older names from the cpca table.
    let known: HashSet<String> = rows.values().map(|r| r.name.clone()).collect();
    let mut r = csv::Reader::from_path(dir.join("cpca/adcodes.csv"))?;
    for rec in r.records() {
        let rec = rec?;
        let code = rec[0].get(..6).unwrap_or("").to_string();
        let name = rec[1].trim().to_string();
        if code.len() != 6 || PLACEHOLDERS.contains(&name.as_str()) || known.contains(&name) {
            continue;
        }
        if rows.contains_key(&code) {
            continue;
        }
        let (level, parent) = if code.ends_with("0000") {
            ("province", String::new())
        } else if code.ends_with("00") {
            ("city", format!("{}0000", &code[..2]))
        } else {
            let city = format!("{}00", &code[..4]);
            let parent = if rows.contains_key(&city) {
                city
            } else {
                format!("{}0000", &code[..2])
            };
            let level = if name.ends_with('区') {
                "district"
            } else {
                "county"
            };
            (level, parent)
        };
        if level == "province" {
            continue; // 香港, 澳门, 台湾: no codes of their own in the NBS table
        }
        rows.insert(
            code,
            Row {
                name,
                level,
                parent,
                note: "historical",
            },
        );
    }
    println!("# Chinese administrative divisions: NBS 2023 statistical division codes");
    println!("# (modood/Administrative-divisions-of-China, WTFPL) plus names found only");
    println!("# in the older cpca table (MIT), marked historical. Generated by");
    println!("# examples/build_gazetteer.rs; do not edit by hand.");
    println!("# code\tname\tlevel\tparent\tshort\tnote");
    for (code, r) in &rows {
        let short = short_name(&r.name, r.level);
        let short = std::iter::once(short.clone().unwrap_or_default())
            .chain(level_aliases(&r.name, short.as_deref()))
            .collect::<Vec<_>>()
            .join(",");
        println!(
            "{code}\t{}\t{}\t{}\t{short}\t{}",
            r.name, r.level, r.parent, r.note
        );
    }
    Ok(())
}
