//! The places of a comparison by province: places rolled up under their
//! province, and claims as distributions per province with their outliers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::compare::{Comparison, PlaceSummary, UNKNOWN};

/// The claims of one indicator in one unit, as a distribution per province.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Distribution {
    /// Indicator id.
    pub indicator: String,
    /// Unit of every value here.
    pub unit: String,
    /// One row per province (`unknown` for places without one).
    pub provinces: Vec<ProvinceValues>,
    /// Claims far from the others (beyond 1.5 interquartile ranges of the
    /// log values), largest deviation first.
    pub outliers: Vec<Outlier>,
}

/// Summary of one province's values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProvinceValues {
    /// Province.
    pub province: String,
    /// Claims.
    pub n: usize,
    /// Smallest, median and largest value.
    pub min: f64,
    /// Median.
    pub median: f64,
    /// Largest.
    pub max: f64,
}

/// A claim whose value lies far from the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outlier {
    /// Place.
    pub place: String,
    /// Value.
    pub value: f64,
    /// Claim text.
    pub text: String,
    /// Document id.
    pub document: String,
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let pos = q * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    let f = pos - lo as f64;
    sorted[lo] * (1.0 - f) + sorted[hi.min(sorted.len() - 1)] * f
}

/// Claims by indicator as distributions per province: for each indicator,
/// its most used unit, values summarized per province, outliers listed.
pub fn distributions(c: &Comparison) -> Vec<Distribution> {
    let province: BTreeMap<&str, &str> = c
        .places
        .iter()
        .filter_map(|p| Some((p.name.as_str(), p.province.as_deref()?)))
        .collect();
    let mut out = Vec::new();
    for ind in &c.indicators {
        let mut units: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &ind.rows {
            *units.entry(r.unit.as_str()).or_default() += 1;
        }
        let Some((unit, _)) = units
            .iter()
            .max_by_key(|(u, n)| (**n, std::cmp::Reverse(**u)))
        else {
            continue;
        };
        let rows: Vec<_> = ind
            .rows
            .iter()
            .filter(|r| r.unit == *unit && r.value.is_finite() && r.value > 0.0)
            .collect();
        if rows.len() < 2 {
            continue;
        }
        let mut by_prov: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
        for r in &rows {
            let p = province.get(r.place.as_str()).copied().unwrap_or(UNKNOWN);
            by_prov.entry(p).or_default().push(r.value);
        }
        let provinces = by_prov
            .into_iter()
            .map(|(p, mut v)| {
                v.sort_by(f64::total_cmp);
                ProvinceValues {
                    province: p.to_string(),
                    n: v.len(),
                    min: v[0],
                    median: quantile(&v, 0.5),
                    max: v[v.len() - 1],
                }
            })
            .collect();
        let mut logs: Vec<f64> = rows.iter().map(|r| r.value.log10()).collect();
        logs.sort_by(f64::total_cmp);
        let (q1, q3) = (quantile(&logs, 0.25), quantile(&logs, 0.75));
        let iqr = (q3 - q1).max(0.1);
        let (lo, hi) = (q1 - 1.5 * iqr, q3 + 1.5 * iqr);
        let mut outliers: Vec<(f64, Outlier)> = rows
            .iter()
            .filter_map(|r| {
                let l = r.value.log10();
                let dev = if l < lo { lo - l } else { l - hi };
                (dev > 0.0).then(|| {
                    (
                        dev,
                        Outlier {
                            place: r.place.clone(),
                            value: r.value,
                            text: r.text.clone(),
                            document: r.document.clone(),
                        },
                    )
                })
            })
            .collect();
        outliers.sort_by(|a, b| b.0.total_cmp(&a.0));
        out.push(Distribution {
            indicator: ind.indicator.clone(),
            unit: unit.to_string(),
            provinces,
            outliers: outliers.into_iter().map(|o| o.1).take(20).collect(),
        });
    }
    out
}

/// Names of the provinces in `c`, with their places, most documents first.
pub fn places_by_province(c: &Comparison) -> Vec<(String, Vec<&PlaceSummary>)> {
    let mut m: BTreeMap<String, Vec<&PlaceSummary>> = BTreeMap::new();
    for p in &c.places {
        m.entry(p.province.clone().unwrap_or_else(|| UNKNOWN.to_string()))
            .or_default()
            .push(p);
    }
    let mut v: Vec<_> = m.into_iter().collect();
    for (_, ps) in &mut v {
        ps.sort_by(|a, b| {
            (&a.city, std::cmp::Reverse(a.documents), &a.name).cmp(&(
                &b.city,
                std::cmp::Reverse(b.documents),
                &b.name,
            ))
        });
    }
    let docs = |ps: &Vec<&PlaceSummary>| ps.iter().map(|p| p.documents).sum::<usize>();
    v.sort_by(|a, b| {
        (a.0 == UNKNOWN, std::cmp::Reverse(docs(&a.1)), &a.0).cmp(&(
            b.0 == UNKNOWN,
            std::cmp::Reverse(docs(&b.1)),
            &b.0,
        ))
    });
    v
}
