//! Cited documents (《…》): papers, columns, policies, books.

use super::{CitedDocument, DocumentKind};
use crate::body::Body;

const POLICY_WORDS: &[&str] = &[
    "关于", "意见", "通知", "办法", "规定", "条例", "方案", "规划", "决定", "纲要", "细则", "制度",
    "清单", "标准", "体系", "准则", "措施", "计划", "实施", "决议", "报告", "公告", "指引", "指南",
    "规则", "法", "章程",
];

fn classify_document(title: &str, before: &str, after: &str) -> DocumentKind {
    if after.starts_with("专栏") || after.starts_with("栏目") || after.starts_with("节目") {
        return DocumentKind::Column;
    }
    if [
        "日报",
        "晚报",
        "时报",
        "商报",
        "报",
        "杂志",
        "周刊",
        "月刊",
        "半月刊",
        "求是",
        "党建",
    ]
    .iter()
    .any(|w| title.ends_with(w))
        && title.chars().count() <= 10
    {
        return DocumentKind::Paper;
    }
    if POLICY_WORDS.iter().any(|w| title.contains(w)) {
        return DocumentKind::Policy;
    }
    let b = before.trim_end();
    if ["读", "研读", "阅读", "学习", "出版", "著作", "读了", "著"]
        .iter()
        .any(|w| b.ends_with(w))
        || ["文集", "选集", "文选", "新语", "岁月", "论", "传", "史"]
            .iter()
            .any(|w| title.ends_with(w))
    {
        return DocumentKind::Book;
    }
    DocumentKind::Other
}

/// The documents cited in 《…》 (and 〈…〉 inside them), read from the
/// `marks` of the text's [`Scan`].
pub(super) fn cited_documents(body: &Body, marks: &[(usize, char)]) -> Vec<CitedDocument> {
    let text = body.text.as_str();
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut inner_open: Option<usize> = None;
    for &(i, c) in marks {
        match c {
            '《' => {
                open = Some(i + c.len_utf8());
                inner_open = None;
            }
            '〈' if open.is_some() => inner_open = Some(i + c.len_utf8()),
            '〉' => {
                if let Some(s) = inner_open.take() {
                    let title = &text[s..i];
                    if !title.trim().is_empty() {
                        out.push(CitedDocument {
                            title: title.trim().to_string(),
                            kind: classify_document(title, "", ""),
                            span: body.span(s, i),
                        });
                    }
                }
            }
            '》' => {
                if let Some(s) = open.take() {
                    let title = &text[s..i];
                    let n = title.chars().count();
                    if n > 0 && n <= 80 && !title.contains('\n') {
                        let before = &text[..s - '《'.len_utf8()];
                        let before: String = before
                            .chars()
                            .rev()
                            .take(4)
                            .collect::<Vec<_>>()
                            .into_iter()
                            .rev()
                            .collect();
                        let after = &text[i + c.len_utf8()..];
                        out.push(CitedDocument {
                            title: title.trim().to_string(),
                            kind: classify_document(title, &before, after),
                            span: body.span(s, i),
                        });
                    }
                }
            }
            '\n' => {
                open = None;
                inner_open = None;
            }
            _ => {}
        }
    }
    out.sort_by_key(|d| d.span[0]);
    out
}
