//! Where and since when: the province of each place, and the diffusion of
//! each formulation across places over time (the comparison reports both).
//!
//! ```
//! assert_eq!(dangjian::spread::province_of(Some("450300")).0.as_deref(), Some("广西壮族自治区"));
//! assert_eq!(dangjian::spread::province_of(None).0, None);
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::places::{Gazetteer, Level};

/// The province-level region and the prefecture-level city a place code
/// lies in (the place itself when it is one).
pub fn province_of(code: Option<&str>) -> (Option<String>, Option<String>) {
    let g = Gazetteer::shared();
    let Some(mut p) = code.and_then(|c| g.by_code(c)) else {
        return (None, None);
    };
    let mut city = None;
    loop {
        match p.level {
            Level::Province => return (Some(p.name.clone()), city),
            Level::City => city = Some(p.name.clone()),
            _ => {}
        }
        match g.parent(p) {
            Some(q) => p = q,
            None => return (None, city),
        }
    }
}

/// One place's first dated use of a formulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstUse {
    /// Place.
    pub place: String,
    /// Its province, when known.
    pub province: Option<String>,
    /// Date of its first document using the formulation.
    pub date: String,
}

/// How a formulation spread across places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diffusion {
    /// The formulation.
    pub text: String,
    /// Each place's first dated use, earliest first.
    pub first_uses: Vec<FirstUse>,
    /// Places using it in undated documents only.
    pub undated: usize,
}

impl Diffusion {
    /// Cumulative places by date: `(date, places using it by then)`.
    pub fn cumulative(&self) -> Vec<(String, usize)> {
        let mut v: Vec<(String, usize)> = Vec::new();
        for (i, u) in self.first_uses.iter().enumerate() {
            match v.last_mut() {
                Some(last) if last.0 == u.date => last.1 = i + 1,
                _ => v.push((u.date.clone(), i + 1)),
            }
        }
        v
    }
}

/// Formulations followed over time.
pub const DIFFUSION_KEPT: usize = 12;

/// One place's use of a formulation, as [`diffusion`] reads it.
#[derive(Debug, Clone, Copy)]
pub struct Use<'a> {
    /// The place.
    pub place: &'a str,
    /// Its division code, when known.
    pub code: Option<&'a str>,
    /// The formulation.
    pub text: &'a str,
    /// The date of the place's first document using it, when dated.
    pub first_date: Option<&'a str>,
}

/// The diffusion of the formulations used by at least `min_places` places
/// with a date, most widely used first (at most [`DIFFUSION_KEPT`]).
pub fn diffusion<'a>(uses: impl IntoIterator<Item = Use<'a>>, min_places: usize) -> Vec<Diffusion> {
    let mut by_text: BTreeMap<&str, Diffusion> = BTreeMap::new();
    for u in uses {
        let d = by_text.entry(u.text).or_insert_with(|| Diffusion {
            text: u.text.to_string(),
            first_uses: Vec::new(),
            undated: 0,
        });
        match u.first_date {
            Some(date) => d.first_uses.push(FirstUse {
                place: u.place.to_string(),
                province: province_of(u.code).0,
                date: date.to_string(),
            }),
            None => d.undated += 1,
        }
    }
    let mut v: Vec<Diffusion> = by_text
        .into_values()
        .filter(|d| d.first_uses.len() >= min_places.max(2))
        .map(|mut d| {
            d.first_uses
                .sort_by(|a, b| (&a.date, &a.place).cmp(&(&b.date, &b.place)));
            d
        })
        .collect();
    v.sort_by(|a, b| {
        b.first_uses
            .len()
            .cmp(&a.first_uses.len())
            .then_with(|| a.text.cmp(&b.text))
    });
    v.truncate(DIFFUSION_KEPT);
    v
}
