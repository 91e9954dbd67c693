//! Byte ranges of a text already claimed by an earlier match, as one flag
//! per byte.
//!
//! Extraction passes read a text several times (round counts, then Arabic
//! numbers, then Chinese numerals; longer formulations before shorter ones)
//! and skip a match that overlaps one already taken. Checking each match
//! against a list of every range taken so far costs `matches × ranges`,
//! quadratic on a text of a hundred thousand numbers; with one flag per
//! byte, asking and marking cost the length of the range alone.
//!
//! ```
//! use dangjian::taken::Taken;
//! let mut t = Taken::new(10);
//! t.take(2, 5);
//! assert!(t.overlaps(4, 8));
//! assert!(!t.overlaps(5, 8));
//! assert!(!t.overlaps(0, 2));
//! ```

/// Which bytes of a text of a given length are taken.
#[derive(Debug, Clone)]
pub struct Taken(Vec<bool>);

impl Taken {
    /// Nothing taken, for a text of `len` bytes.
    pub fn new(len: usize) -> Self {
        Taken(vec![false; len])
    }

    /// Whether any byte of `start..end` is taken (a range outside the text
    /// overlaps nothing).
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.0.get(start..end).is_some_and(|r| r.contains(&true))
    }

    /// Marks `start..end` as taken (a range outside the text is ignored).
    pub fn take(&mut self, start: usize, end: usize) {
        if let Some(r) = self.0.get_mut(start..end) {
            r.fill(true);
        }
    }
}
