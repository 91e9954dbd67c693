//! Figures distributed by 分别 over the items of a list before it (党员总数和
//! 党组织数分别达到3.6万名和1850个), or over one subject when there is no list.

use super::lists::{CHANGE_VERBS, respective_items};
use super::objects::object_before;
use super::{Body, Found};

/// The items a 分别 clause distributes its figures over, read once per
/// sentence: 党员总数和党组织数分别达到3.6万名和1850个 gives the first figure
/// to 党员总数 and the second to 党组织数; a later clause of the sentence
/// without a list of its own (较去年底分别增长2.1%和1.5%) distributes over
/// the same items.
#[derive(Default)]
pub(super) struct Respective {
    /// The sentence start and the items of its last list before 分别.
    items: Option<(usize, Vec<String>)>,
    /// The sentence start and the objects of its counts so far (see
    /// [`Respective::note`]).
    counted: (usize, Vec<String>),
}

impl Respective {
    pub(super) fn object(&mut self, body: &Body, f: &Found, starts: &[usize]) -> Option<String> {
        let text = body.text.as_str();
        let clause_s = body.clause_start(f.start);
        let before = text.get(clause_s..f.start)?;
        let p = clause_s + before.rfind("分别")?;
        let after = &text[p + "分别".len()..f.start];
        // The figures after 分别 form one list (3.6万名和1850个).
        if after.contains(['，', ',', '；', ';']) {
            return None;
        }
        let k = starts.iter().filter(|&&s| s > p && s < f.start).count();
        let sent_s = body.sentence_start(f.start);
        let listed = respective_items(&text[clause_s..p]);
        let items = match listed {
            Some(items) => &self.items.insert((sent_s, items)).1,
            None => match &self.items {
                Some((s, items)) if *s == sent_s => items,
                // 党员参学率分别达到85%和76%: one subject, not a list;
                // each figure of the list after 分别 is a figure of it.
                // Only when the figures follow 分别 and its verb directly
                // (分别在5个村…: a place, not a list of figures).
                // 大专学历的1.2万名,35岁以下的0.8万名,分别比上年增长5%、3%:
                // the counts just before, one figure each.
                _ if let Some(o) = self.counts_before(body, p, after, starts, k) => return Some(o),
                _ => {
                    let lead = after
                        .split(|c: char| c.is_ascii_digit())
                        .next()
                        .unwrap_or(after);
                    if lead.chars().count() > 4 || lead.contains(['在', '从', '对', '向']) {
                        return None;
                    }
                    let at_subject = Found {
                        start: p,
                        ..f.clone()
                    };
                    // 同比分别增长: a comparison word is no subject.
                    let k = starts.iter().filter(|&&s| s > p && s < f.start).count();
                    return object_before(body, &at_subject)
                        .filter(|o| !matches!(o.as_str(), "同比" | "环比" | "同期"))
                        .map(|o| paired_part(o, k));
                }
            },
        };
        let item = items.get(k)?;
        let verb = CHANGE_VERBS
            .iter()
            .find(|v| after.trim_start().starts_with(**v))
            .copied()
            .unwrap_or("");
        Some(format!("{item}{verb}"))
    }
}

impl Respective {
    /// The `k`-th of the counts just before a 分别 (at byte `p`) with a
    /// change and one figure for each of them, and what `after` (the text
    /// from 分别 to the figure) says changed.
    fn counts_before(
        &self,
        body: &Body,
        p: usize,
        after: &str,
        starts: &[usize],
        k: usize,
    ) -> Option<String> {
        let verb = CHANGE_VERBS.iter().find(|v| after.contains(**v))?;
        let n = figures_in_clause(body, p, starts);
        let (sent, counted) = &self.counted;
        if *sent != body.sentence_start(p) || n < 2 || counted.len() < n {
            return None;
        }
        Some(format!("{}{verb}", counted.get(counted.len() - n + k)?))
    }

    /// Records the object of a claim that is a count (not a share, a
    /// change, an age or a sum), for a later 分别 clause of the sentence
    /// that names no items of its own.
    pub(super) fn note(&mut self, sent_s: usize, unit: &str, object: Option<&str>) {
        if self.counted.0 != sent_s {
            self.counted = (sent_s, Vec::new());
        }
        if let Some(o) = object
            && !matches!(unit, "%" | "‰" | "百分点" | "岁" | "元")
        {
            self.counted.1.push(o.to_string());
        }
    }
}

/// How many figures the clause of the 分别 at byte `p` holds after it.
fn figures_in_clause(body: &Body, p: usize, starts: &[usize]) -> usize {
    let end = body.clause_end(p);
    starts.iter().filter(|&&s| s > p && s < end).count()
}

/// Subjects that name two groups in one word, figures given for each in
/// turn: 城乡低保标准分别为800元和650元 → 城镇低保标准, 农村低保标准.
const PAIRED: &[(&str, [&str; 2])] = &[("城乡", ["城镇", "农村"])];

/// The `k`-th figure's part of a paired subject (see [`PAIRED`]), or the
/// subject itself.
fn paired_part(subject: String, k: usize) -> String {
    for (pair, parts) in PAIRED {
        if let (Some(rest), Some(part)) = (subject.strip_prefix(pair), parts.get(k)) {
            return format!("{part}{rest}");
        }
    }
    subject
}
