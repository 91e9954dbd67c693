//! From shared n-grams to aligned passages.
//!
//! Two documents that share rare n-grams have *seeds*: positions `(a, b)`
//! where the same n-gram starts in each. Seeds of one copied passage lie
//! near one diagonal `b - a` (an inserted or dropped character moves the
//! diagonal by one), close to each other. [`chains`] groups them; [`align`]
//! then runs a local alignment (Smith–Waterman: match +1, mismatch −1,
//! gap −1) in a band around the chain, with a margin on both sides, so
//! the passage's boundaries are where the copied text really begins and
//! ends, not where the first and last seed happen to be.
//!
//! ```
//! use dangjian::reuse::align::{align, chains, Seed};
//! let a: Vec<char> = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉".chars().collect();
//! // b: the same run of characters, one dropped, inside other text
//! let b: Vec<char> = "天地玄黄乙丙丁戊己辛壬癸子丑寅卯宇宙洪荒".chars().collect();
//! let seeds = vec![Seed { a: 1, b: 4 }, Seed { a: 2, b: 5 }, Seed { a: 8, b: 10 }, Seed { a: 10, b: 12 }];
//! let cs = chains(&seeds, 40, 20);
//! assert_eq!(cs.len(), 1);
//! let al = align(&a, &b, &cs[0], 5, 20).unwrap();
//! assert_eq!((al.a.start, al.a.end), (1, 14));
//! assert_eq!((al.b.start, al.b.end), (4, 16));
//! ```

use std::ops::Range;

/// The same n-gram starts at `a` in one document and at `b` in the other
/// (match-character positions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Seed {
    /// Position in the first document.
    pub a: u32,
    /// Position in the second document.
    pub b: u32,
}

impl Seed {
    fn diag(self) -> i64 {
        i64::from(self.b) - i64::from(self.a)
    }
}

/// Seeds that belong to one passage, in order of `a`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chain {
    /// The seeds.
    pub seeds: Vec<Seed>,
}

/// Groups seeds into chains: a seed joins the chain whose last seed is at
/// most `max_gap` characters before it (in the first document) and whose
/// diagonal differs by at most `max_drift`. Seeds must come sorted by `a`
/// (they are sorted here otherwise).
pub fn chains(seeds: &[Seed], max_gap: u32, max_drift: u32) -> Vec<Chain> {
    let mut sorted = seeds.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut open: Vec<Chain> = Vec::new();
    for s in sorted {
        let best = open
            .iter_mut()
            .filter(|c| {
                c.seeds.last().is_some_and(|l| {
                    s.a.saturating_sub(l.a) <= max_gap
                        && (s.diag() - l.diag()).unsigned_abs() <= u64::from(max_drift)
                        && s.b + max_gap >= l.b
                        && s.b <= l.b + max_gap
                })
            })
            .min_by_key(|c| {
                c.seeds
                    .last()
                    .map_or(u64::MAX, |l| (s.diag() - l.diag()).unsigned_abs())
            });
        match best {
            Some(c) => c.seeds.push(s),
            None => open.push(Chain { seeds: vec![s] }),
        }
    }
    open.sort_by_key(|c| c.seeds.first().map_or(0, |s| s.a));
    open
}

/// A local alignment of two passages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment {
    /// Match characters of the first document.
    pub a: Range<usize>,
    /// Match characters of the second document.
    pub b: Range<usize>,
    /// Columns of the alignment (matches, mismatches and gaps).
    pub columns: usize,
    /// Identical characters aligned.
    pub matches: usize,
}

const DIAG: u8 = 1;
const UP: u8 = 2;
const LEFT: u8 = 3;

/// Aligns the passage around `chain` (n-grams of length `n`): a banded
/// Smith–Waterman over the chain's extent plus `margin` characters on both
/// sides. `None` when nothing aligns.
pub fn align(a: &[char], b: &[char], chain: &Chain, n: usize, margin: usize) -> Option<Alignment> {
    let first = *chain.seeds.first()?;
    let last = *chain.seeds.last()?;
    let a_lo = (first.a as usize).saturating_sub(margin);
    let a_hi = (last.a as usize + n + margin).min(a.len());
    let b_lo = (first.b.min(last.b) as usize).saturating_sub(margin);
    let b_hi = (first.b.max(last.b) as usize + n + margin).min(b.len());
    if a_lo >= a_hi || b_lo >= b_hi {
        return None;
    }
    let wa = &a[a_lo..a_hi];
    let wb = &b[b_lo..b_hi];
    // The band's centre follows the chain's diagonal from its first seed to
    // its last one; its half-width allows for drift and for the margin.
    let d0 = first.diag() as f64 - (b_lo as f64 - a_lo as f64);
    let d1 = last.diag() as f64 - (b_lo as f64 - a_lo as f64);
    let span = (last.a - first.a) as f64;
    let drift = chain
        .seeds
        .iter()
        .map(|s| s.diag())
        .fold((i64::MAX, i64::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
    let half = (12 + (drift.1 - drift.0) as usize + wa.len() / 20).min(400) as i64;
    let centre = |i: usize| -> i64 {
        let ia = i as f64 - (first.a as usize - a_lo) as f64;
        let t = if span > 0.0 {
            (ia / span).clamp(0.0, 1.0)
        } else {
            0.0
        };
        (i as f64 + d0 + t * (d1 - d0)).round() as i64
    };
    let rows = wa.len();
    let width = (2 * half + 1) as usize;
    // Cell (i, k): prefix a[..i], b[..j] with j = centre(i) - half + k,
    // 1-based; row 0 is the empty prefix of a.
    let jlo = |i: usize| centre(i) - half;
    let mut score = vec![0i32; (rows + 1) * width];
    let mut dir = vec![0u8; (rows + 1) * width];
    let at = |i: usize, j: i64| -> Option<usize> {
        let k = j - jlo(i);
        (k >= 0 && (k as usize) < width).then(|| i * width + k as usize)
    };
    let mut best = (0i32, 0usize, 0i64);
    for i in 1..=rows {
        let lo = jlo(i);
        for k in 0..width {
            let j = lo + k as i64;
            if j < 1 || j > wb.len() as i64 {
                continue;
            }
            let get = |ii: usize, jj: i64| at(ii, jj).map_or(0, |x| score[x]);
            let s = if wa[i - 1] == wb[(j - 1) as usize] {
                1
            } else {
                -1
            };
            let diag = get(i - 1, j - 1) + s;
            let up = get(i - 1, j) - 1;
            let left = if k > 0 {
                score[i * width + k - 1] - 1
            } else {
                -1
            };
            let (mut v, mut d) = (0, 0u8);
            if diag > v {
                (v, d) = (diag, DIAG);
            }
            if up > v {
                (v, d) = (up, UP);
            }
            if left > v {
                (v, d) = (left, LEFT);
            }
            score[i * width + k] = v;
            dir[i * width + k] = d;
            if v > best.0 {
                best = (v, i, j);
            }
        }
    }
    if best.0 == 0 {
        return None;
    }
    let (end_i, end_j) = (best.1, best.2);
    let (mut i, mut j) = (end_i, end_j);
    let (mut columns, mut matches) = (0usize, 0usize);
    while i > 0 && j > 0 {
        let Some(x) = at(i, j) else { break };
        match dir[x] {
            DIAG => {
                if wa[i - 1] == wb[(j - 1) as usize] {
                    matches += 1;
                }
                i -= 1;
                j -= 1;
            }
            UP => i -= 1,
            LEFT => j -= 1,
            _ => break,
        }
        columns += 1;
    }
    Some(Alignment {
        a: a_lo + i..a_lo + end_i,
        b: b_lo + j as usize..b_lo + end_j as usize,
        columns,
        matches,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cs(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn a_changed_name_inside_is_bridged() {
        let a = cs("前前前前前前一二三四五六七八九十桂林市甲乙丙丁戊己庚辛壬癸后后后后后");
        let b = cs("另外的文字一二三四五六七八九十柳州市甲乙丙丁戊己庚辛壬癸完");
        let seeds = vec![
            Seed { a: 6, b: 5 },
            Seed { a: 10, b: 9 },
            Seed { a: 19, b: 18 },
            Seed { a: 24, b: 23 },
        ];
        let c = chains(&seeds, 40, 10);
        assert_eq!(c.len(), 1);
        let al = align(&a, &b, &c[0], 5, 20).unwrap();
        assert_eq!(al.a, 6..29);
        assert_eq!(al.b, 5..28);
        assert_eq!(al.matches, 21);
    }

    #[test]
    fn far_apart_seeds_make_two_chains() {
        let seeds = vec![
            Seed { a: 0, b: 0 },
            Seed { a: 5, b: 5 },
            Seed { a: 500, b: 20 },
        ];
        assert_eq!(chains(&seeds, 40, 10).len(), 2);
    }

    #[test]
    fn empty_chain_aligns_nothing() {
        assert!(align(&cs("ab"), &cs("ab"), &Chain { seeds: vec![] }, 2, 5).is_none());
    }
}
