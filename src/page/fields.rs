//! Labelled fields of a page's metadata block: the information-disclosure
//! table of a government page (`索引号 | 330000/2024-00012 | 发布机构 |
//! 某县政府办公室`, one cell or `label: value` pair after another, bars or
//! runs of spaces between), and datelines made of labelled fields
//! (`发布日期:2024-05-06    发布者:某区人民政府办公室`).
//!
//! A line is read as a table row when it *starts* with a known label, or
//! holds a bar and a label: a sentence that mentions 发布机构 in passing is
//! not a table. A label's value runs to the next bar, run of spaces or label;
//! a label followed directly by another label (`成文日期 | 发布日期 |
//! 2024-05-06`) has no value. A label alone on its line takes the next line
//! as its value, as a table dumped one cell per line reads.

use super::{Kind, Line};

// The labels of metadata tables. Spaces may stand inside a short label
// (文 号, 索 引 号) where a template pads it to a column's width.
static_regex!(
    LABEL,
    r"索\s*引\s*号|发布机构|发布单位|发布部门|发文机关|发文单位|供稿单位|发稿单位|发布者|信息来源|来源单位|文件编号|发文字号|文\s*号|发文时间|发布时间|发布日期|成文日期|生成日期|公开日期|印发日期|公开方式|公开时限|公开范围|主题分类|主\s*题\s*词|效力属性|有\s*效\s*性|所属机构|体裁分类|组配分类|标\s*题"
);

/// What a page's table of fields states.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Fields {
    /// The publishing body (发布机构, 发布单位, 发布者, 信息来源 …).
    pub publisher: Option<String>,
    /// The publication date as written (发布日期, 发文时间, 公开日期 …).
    pub published: Option<String>,
    /// The date the document was written (成文日期, 印发日期): a
    /// publication date only when no other is stated.
    pub written: Option<String>,
    /// A title field (标题).
    pub title: Option<String>,
}

/// The separators between the cells of a table row.
fn is_separator(c: char) -> bool {
    matches!(c, '|' | '丨' | '│' | '｜' | ':' | '：') || c.is_whitespace()
}

/// Whether a line reads as a row of a metadata table.
pub(super) fn is_table_row(s: &str) -> bool {
    let core = s.trim_start_matches(|c: char| is_separator(c) || c == '·');
    let Some(first) = LABEL.find(core) else {
        return false;
    };
    let after = &core[first.end()..];
    let labelled_start =
        first.start() == 0 && (after.is_empty() || after.starts_with(is_separator));
    labelled_start || (s.contains(['|', '丨', '│', '｜']) && LABEL.find_iter(s).count() >= 2)
}

/// The (label, value) pairs of a table row; a label without a value pairs
/// with "".
fn cells(s: &str) -> Vec<(String, &str)> {
    let labels: Vec<regex::Match<'_>> = LABEL.find_iter(s).collect();
    let mut out = Vec::with_capacity(labels.len());
    for (k, m) in labels.iter().enumerate() {
        let end = labels.get(k + 1).map_or(s.len(), |n| n.start());
        let rest = s[m.end()..end].trim_start_matches(is_separator);
        // The value ends at a bar or a run of two spaces.
        let mut cut = rest.len();
        let mut prev_space = false;
        for (i, c) in rest.char_indices() {
            if matches!(c, '|' | '丨' | '│' | '｜') {
                cut = i;
                break;
            }
            let space = c.is_whitespace();
            if space && prev_space {
                cut = i;
                break;
            }
            prev_space = space;
        }
        let label: String = m.as_str().chars().filter(|c| !c.is_whitespace()).collect();
        out.push((label, rest[..cut].trim()));
    }
    out
}

/// Reads the table rows among the page's lines outside body paragraphs.
pub(super) fn read(ls: &[Line<'_>], kinds: &[Kind]) -> Fields {
    let mut f = Fields::default();
    for (i, l) in ls.iter().enumerate() {
        if kinds[i] == Kind::Paragraph || l.shape.chars > 120 || !is_table_row(l.text) {
            continue;
        }
        let row = cells(l.text);
        let alone = row.len() == 1 && row[0].1.is_empty();
        for (label, mut value) in row {
            if alone {
                // A cell per line: the value is the next line, unless that
                // is a label too.
                match ls.get(i + 1) {
                    Some(n) if n.shape.chars <= 40 && !is_table_row(n.text) => value = n.text,
                    _ => continue,
                }
            }
            if value.is_empty() {
                continue;
            }
            let slot = match label.as_str() {
                "发布机构" | "发布单位" | "发布部门" | "发文机关" | "发文单位" | "供稿单位"
                | "发稿单位" | "发布者" | "信息来源" | "来源单位" => {
                    &mut f.publisher
                }
                "发文时间" | "发布时间" | "发布日期" | "生成日期" | "公开日期" => {
                    &mut f.published
                }
                "成文日期" | "印发日期" => &mut f.written,
                "标题" => &mut f.title,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(value.to_string());
            }
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(page: &str) -> Fields {
        let ls = super::super::lines(page);
        let kinds = vec![Kind::Meta; ls.len()];
        read(&ls, &kinds)
    }

    #[test]
    fn pattern_compiles() {
        assert!(!LABEL.as_str().is_empty());
    }

    #[test]
    fn a_barred_table() {
        let f = fields(
            "索引号: | 330000/2024-00012 | 发文时间: | 2024-03-05 |\n\
             文件编号: | 某政办发〔2024〕8号 | 发布机构: | 某县政府办公室 |\n",
        );
        assert_eq!(f.publisher.as_deref(), Some("某县政府办公室"));
        assert_eq!(f.published.as_deref(), Some("2024-03-05"));
    }

    #[test]
    fn a_label_without_its_value() {
        let f = fields(
            "索引号 | abc_xyz/2023-00101 | 效力属性 | |\n发布机构 | 某某镇 | 文 号 | |\n\
             成文日期 | 发布日期 | 2023-04-05 |\n",
        );
        assert_eq!(f.publisher.as_deref(), Some("某某镇"));
        assert_eq!(f.published.as_deref(), Some("2023-04-05"));
        assert_eq!(f.written, None);
    }

    #[test]
    fn labelled_fields_on_a_dateline() {
        let f = fields("发布日期:2023-06-07    发布者:某区人民政府办公室\n");
        assert_eq!(f.publisher.as_deref(), Some("某区人民政府办公室"));
        assert_eq!(f.published.as_deref(), Some("2023-06-07"));
    }

    #[test]
    fn one_cell_per_line() {
        let f = fields("发布机构\n某市民政局\n成文日期\n2022-01-02\n");
        assert_eq!(f.publisher.as_deref(), Some("某市民政局"));
        assert_eq!(f.written.as_deref(), Some("2022-01-02"));
    }

    #[test]
    fn a_sentence_is_no_table() {
        assert!(!is_table_row("各发布机构要严格审核信息,确保准确。"));
        assert!(is_table_row("发布机构:某县委组织部"));
        assert!(!is_table_row("标题党不可取"));
    }
}
