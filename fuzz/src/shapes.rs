//! Structure-aware inputs: turns fuzzer bytes into text made of the pieces
//! the pipeline parses (Chinese and Arabic digits, units and measure words,
//! quotation marks, brackets, HTML tags and entities, traditional characters,
//! pinyin glosses, invisible characters), so that mutations reach the numeral
//! parser, the quote matcher and the page cleaner instead of dying in the
//! decoder.
//!
//! An input that starts with [`TOKEN_MODE`] is read as a sequence of token
//! numbers, one byte each; any other input is taken as text (invalid UTF-8
//! replaced), so plain seed documents and the libFuzzer dictionary work too.
//!
//! This file has no dependency besides `std`: the stable replay test of the
//! root crate includes it with `#[path]`.

/// First byte of a token-mode input.
pub const TOKEN_MODE: u8 = 0x01;

/// The pieces a token byte chooses from (`byte % TOKENS.len()`).
pub const TOKENS: &[&str] = &[
    // Chinese digits and units.
    "零",
    "〇",
    "一",
    "二",
    "两",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "百",
    "千",
    "万",
    "亿",
    "萬",
    "億",
    "壹",
    "贰",
    "叁",
    "拾",
    "佰",
    "仟",
    "廿",
    "卅",
    "几",
    "数",
    "半",
    // Arabic digits and number punctuation.
    "0",
    "1",
    "2",
    "3",
    "5",
    "7",
    "9",
    "00",
    "1.35",
    "０",
    "１",
    "９",
    ".",
    "．",
    ",",
    "，",
    "%",
    "％",
    "‰",
    "+",
    "-",
    "—",
    "~",
    "～",
    "至",
    "到",
    "余",
    "多",
    "近",
    "约",
    "超过",
    "以上",
    "左右",
    "第",
    "e",
    "E",
    "99999999999999999999999999999999999999999",
    // Measure words, units, time.
    "个",
    "名",
    "人",
    "项",
    "次",
    "家",
    "元",
    "万元",
    "亿元",
    "平方米",
    "公里",
    "户",
    "场",
    "期",
    "倍",
    "成",
    "年",
    "月",
    "日",
    "年来",
    "今年",
    "上半年",
    "季度",
    "以来",
    "同比增长",
    "下降",
    // Quotation marks and brackets.
    "“",
    "”",
    "‘",
    "’",
    "「",
    "」",
    "『",
    "』",
    "\"",
    "'",
    "《",
    "》",
    "〈",
    "〉",
    "（",
    "）",
    "(",
    ")",
    "【",
    "】",
    "[",
    "]",
    "{",
    "}",
    "<",
    ">",
    // Formulations, campaign language, places.
    "三会一课",
    "两个维护",
    "四个意识",
    "三创",
    "五基三化",
    "即",
    "：",
    "、",
    "和",
    "及",
    "党建",
    "党员",
    "党支部",
    "机关",
    "社区",
    "市",
    "县",
    "区",
    "省",
    "镇",
    "街道",
    "我市",
    "天津",
    "桂林",
    "乐昌",
    "浙江",
    "北京市",
    "朝阳区",
    // Traditional script and pinyin.
    "黨",
    "員",
    "機關",
    "個",
    "為",
    "發展",
    "乾",
    "著",
    "(dǎng)",
    "（zhǎng）",
    "dangwei",
    "guān",
    // Sentence punctuation and space.
    "。",
    "；",
    "！",
    "？",
    "…",
    "\n",
    "\r\n",
    "\n\n",
    " ",
    "　",
    "\t",
    // Invisible and odd characters.
    "\u{200b}",
    "\u{feff}",
    "\u{0}",
    "\u{7}",
    "\u{301}",
    "\u{fffd}",
    "🇨🇳",
    "𠀀",
    "é",
    // HTML.
    "<html>",
    "</html>",
    "<!DOCTYPE html>",
    "<head>",
    "<title>",
    "</title>",
    "<body>",
    "</body>",
    "<p>",
    "</p>",
    "<div class=\"content\">",
    "<div id=\"article\">",
    "</div>",
    "<br>",
    "<br/>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<!--",
    "-->",
    "<a href=\"x\">",
    "</a>",
    "<table>",
    "<tr>",
    "<td>",
    "</td>",
    "<span>",
    "</span>",
    "<h1>",
    "</h1>",
    "<li>",
    "<meta charset=\"gbk\">",
    "<meta name=\"publishdate\" content=\"2023-05-12\">",
    "<meta name=\"author\" content=\"",
    "\">",
    "&nbsp;",
    "&amp;",
    "&lt;",
    "&#x4e00;",
    "&#12354;",
    "&#99999999;",
    "&",
    "<![CDATA[",
    "]]>",
    // Page furniture.
    "来源：",
    "作者：",
    "编辑：",
    "责任编辑：",
    "发布时间：",
    "2023-05-12",
    "2023年5月12日",
    "版",
    "第03版",
    "【字体：大 中 小】",
    "打印本页",
    "关闭窗口",
    "图为",
    "摄",
];

/// Renders a fuzzer input as text; see the module documentation.
pub fn render(data: &[u8]) -> String {
    match data.split_first() {
        Some((&TOKEN_MODE, rest)) => tokens(rest),
        _ => String::from_utf8_lossy(data).into_owned(),
    }
}

/// The text of a token sequence.
pub fn tokens(bytes: &[u8]) -> String {
    let mut out = String::new();
    for &b in bytes {
        out.push_str(TOKENS[b as usize % TOKENS.len()]);
    }
    out
}

/// Splits a rendered text into JSONL input for `index -`: in token mode each
/// line of the text becomes one `{"id", "text"}` record (so the records hold
/// the same hostile material); other inputs are passed through as raw
/// stdin bytes.
pub fn jsonl(data: &[u8]) -> Vec<u8> {
    match data.split_first() {
        Some((&TOKEN_MODE, rest)) => {
            let text = tokens(rest);
            let mut out = String::new();
            for (i, line) in text.split('\n').enumerate() {
                let rec = serde_json_escape(line);
                out.push_str(&format!("{{\"id\":\"r{i}\",\"text\":{rec}}}\n"));
            }
            out.into_bytes()
        }
        _ => data.to_vec(),
    }
}

/// A JSON string literal (std only, so the replay test needs no extra crate).
fn serde_json_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
