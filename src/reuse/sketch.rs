//! Counting the seeds of document pairs in fixed memory.
//!
//! Most document pairs of a large collection share a rare n-gram or two by
//! chance; only the few that share a passage have many. Counting every
//! pair exactly takes memory that grows with the collection, so the counts
//! go into a *count-min sketch*: two rows of 4-bit saturating counters, a
//! pair adding its seeds to one counter of each row (picked by two
//! independent hashes of the pair). Pairs that collide share a counter, so
//! a pair's estimate — the smaller of its two counters — can only be too
//! high, never too low: a pair with `min_seeds` seeds always passes
//! [`PairSketch::at_least`], and the few that pass wrongly are dropped when
//! their seeds are counted exactly. Memory is a byte for a counter of each
//! row, however many pairs there are. A counter stops at 15: the filter
//! asks for a handful of seeds (4 by default), and a saturated counter
//! still says "this many or more".
//!
//! Counters are atomic, so the reducers of one hash partition count in
//! parallel.
//!
//! ```
//! use dangjian::reuse::sketch::PairSketch;
//! let s = PairSketch::new(1 << 10);
//! let pair = (3u64 << 32) | 7;
//! s.add(pair, 2, 4);
//! assert!(!s.at_least(pair, 4));
//! s.add(pair, 2, 4);
//! assert!(s.at_least(pair, 4));
//! assert_eq!(s.counters(), 1 << 10);
//! ```

use std::sync::atomic::{AtomicU8, Ordering};

/// Saturating seed counts of document pairs (a count-min sketch).
#[derive(Debug)]
pub struct PairSketch {
    /// Two counters a byte: counter `i` is the low (even `i`) or high
    /// (odd `i`) half of byte `i / 2`.
    rows: [Vec<AtomicU8>; 2],
    mask: u64,
}

/// The largest count a counter holds.
const MAX: u8 = 15;

/// Two independent positions of `key` (splitmix64 finalizers with
/// different seeds).
fn positions(key: u64) -> [u64; 2] {
    let mix = |mut h: u64| {
        h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        h ^ (h >> 31)
    };
    [
        mix(key ^ 0x9e37_79b9_7f4a_7c15),
        mix(key ^ 0x2545_f491_4f6c_dd1d),
    ]
}

impl PairSketch {
    /// A sketch with about `counters` counters a row (rounded down to a
    /// power of two, at least 1,024): `counters` bytes.
    pub fn new(counters: usize) -> Self {
        let n = counters.max(1024);
        let n = if n.is_power_of_two() {
            n
        } else {
            n.next_power_of_two() / 2
        };
        let row = || (0..n / 2).map(|_| AtomicU8::new(0)).collect::<Vec<_>>();
        PairSketch {
            rows: [row(), row()],
            mask: n as u64 - 1,
        }
    }

    /// Counters a row.
    pub fn counters(&self) -> usize {
        self.rows[0].len() * 2
    }

    /// The byte of counter `p` of `row` (masked) and its shift in it.
    fn slot(&self, row: usize, p: u64) -> (&AtomicU8, u32) {
        let i = p & self.mask;
        (&self.rows[row][(i >> 1) as usize], ((i & 1) * 4) as u32)
    }

    /// Adds `seeds` to the pair `key`. Counters stop at `cap` (no more is
    /// asked of them) and at 15.
    pub fn add(&self, key: u64, seeds: u32, cap: usize) {
        let cap = cap.min(usize::from(MAX)) as u8;
        let add = seeds.min(u32::from(MAX)) as u8;
        for (row, p) in positions(key).into_iter().enumerate() {
            let (byte, shift) = self.slot(row, p);
            let get = |b: u8| (b >> shift) & MAX;
            if get(byte.load(Ordering::Relaxed)) >= cap {
                continue;
            }
            // A failed update only means the counter is already at `cap`.
            let _ = byte.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |b| {
                let v = get(b);
                (v < cap).then(|| {
                    let v = (v + add).min(cap);
                    (b & !(MAX << shift)) | (v << shift)
                })
            });
        }
    }

    /// The share of pairs that would pass [`at_least`](Self::at_least)`(_,
    /// n)` by collisions alone: the product of the rows' shares of counters
    /// at `n` or more.
    ///
    /// ```
    /// let s = dangjian::reuse::sketch::PairSketch::new(1024);
    /// assert_eq!(s.pass_rate(4), 0.0);
    /// ```
    pub fn pass_rate(&self, n: usize) -> f64 {
        let n = n.min(usize::from(MAX)) as u8;
        self.rows
            .iter()
            .map(|row| {
                let full: usize = row
                    .iter()
                    .map(|b| {
                        let b = b.load(Ordering::Relaxed);
                        usize::from((b & MAX) >= n) + usize::from((b >> 4) >= n)
                    })
                    .sum();
                full as f64 / (row.len() * 2) as f64
            })
            .product()
    }

    /// Whether the pair `key` may have `n` seeds or more (never `false`
    /// when it has; sometimes `true` when it has not).
    pub fn at_least(&self, key: u64, n: usize) -> bool {
        let n = n.min(usize::from(MAX)) as u8;
        positions(key).into_iter().enumerate().all(|(row, p)| {
            let (byte, shift) = self.slot(row, p);
            ((byte.load(Ordering::Relaxed) >> shift) & MAX) >= n
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_too_low_even_when_everything_collides() {
        let s = PairSketch::new(1);
        assert_eq!(s.counters(), 1024);
        // A hundred pairs a counter: every estimate is far above the truth.
        for k in 0..100_000u64 {
            s.add(k, 1, 4);
        }
        assert!((0..100_000u64).all(|k| s.at_least(k, 4)));
    }

    #[test]
    fn neighbouring_counters_of_one_byte_keep_apart() {
        let s = PairSketch::new(1024);
        // Find two keys whose first-row counters share a byte.
        let p0 = positions(0)[0] & s.mask;
        // Keys hash uniformly over 1,024 counters: one lands on the
        // neighbour within a few thousand tries.
        let Some(k) = (1..u64::MAX).find(|&k| positions(k)[0] & s.mask == p0 ^ 1) else {
            panic!("no key lands on the neighbouring counter");
        };
        s.add(0, 15, 15);
        s.add(k, 2, 15);
        let (byte, shift) = s.slot(0, positions(k)[0]);
        assert_eq!((byte.load(Ordering::Relaxed) >> shift) & MAX, 2);
        let (byte, shift) = s.slot(0, p0);
        assert_eq!((byte.load(Ordering::Relaxed) >> shift) & MAX, 15);
        s.add(0, 9, 15);
        assert!(s.at_least(0, 40));
        assert!(s.pass_rate(2) > 0.0);
    }

    #[test]
    fn distinct_pairs_keep_apart_in_a_roomy_sketch() {
        let s = PairSketch::new(1 << 16);
        s.add(1, 4, 4);
        s.add(2, 1, 4);
        assert!(s.at_least(1, 4));
        assert!(!s.at_least(2, 4));
        assert_eq!(PairSketch::new(3000).counters(), 2048);
    }
}
