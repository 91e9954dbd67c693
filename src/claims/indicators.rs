//! The indicator taxonomy: each claim gets the id of the first rule of
//! `data/indicators.tsv` whose unit, object and clause words all hold.

use std::sync::LazyLock;

/// One rule of the indicator taxonomy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorRule {
    /// Short name.
    pub id: String,
    /// What it measures.
    pub label: String,
    units: Vec<String>,
    object: Vec<String>,
    clause: Vec<String>,
}

pub(super) const INDICATORS: &str = include_str!("../../data/indicators.tsv");

pub(super) fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty() && *x != "*")
        .map(str::to_string)
        .collect()
}

/// The indicator taxonomy, in rule order.
pub fn indicators() -> &'static [IndicatorRule] {
    static RULES: LazyLock<Vec<IndicatorRule>> = LazyLock::new(|| {
        INDICATORS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("id\t") && !l.trim().is_empty())
            .map(|l| {
                let mut cols = l.split('\t');
                let mut next = || cols.next().unwrap_or("").to_string();
                let (id, label, units, object, clause) = (next(), next(), next(), next(), next());
                IndicatorRule {
                    id,
                    label,
                    units: split_list(&units),
                    object: split_list(&object),
                    clause: split_list(&clause),
                }
            })
            .collect()
    });
    &RULES
}

/// The label of an indicator id.
pub fn indicator_label(id: &str) -> &'static str {
    indicators()
        .iter()
        .find(|r| r.id == id)
        .map_or("", |r| r.label.as_str())
}

/// The first rule whose unit, object and clause conditions all hold, tested
/// in that order: the unit is one comparison, the clause words a search each.
pub(super) fn classify(unit: &str, object: Option<&str>, clause: &str) -> String {
    indicators()
        .iter()
        .find(|r| {
            (r.units.is_empty() || r.units.iter().any(|u| u == unit))
                && (r.object.is_empty()
                    || object.is_some_and(|o| r.object.iter().any(|w| o.contains(w.as_str()))))
                && (r.clause.is_empty() || r.clause.iter().any(|w| clause.contains(w.as_str())))
        })
        .map_or_else(|| "count".to_string(), |r| r.id.clone())
}
