//! From pairwise links to clusters of passages.
//!
//! Every aligned pair links a passage of one document to a passage of
//! another. Within a document, passages that overlap by at least half of the
//! shorter one are the same passage (the paragraph copied into twelve cities
//! is aligned eleven times in its source, each time with slightly different
//! boundaries); the linked passages then form connected groups, one cluster
//! each (union–find), so the paragraph in twelve documents is one cluster
//! with twelve members rather than 66 pairs.
//!
//! ```
//! use dangjian::reuse::cluster::{clusters, Link};
//! let links = vec![
//!     Link { docs: [0, 1], spans: [10..60, 0..50] },
//!     Link { docs: [0, 2], spans: [12..60, 30..78] },
//!     Link { docs: [3, 4], spans: [0..40, 0..40] },
//! ];
//! let cs = clusters(&links);
//! assert_eq!(cs.len(), 2);
//! assert_eq!(cs[0].len(), 3); // documents 0, 1 and 2
//! assert_eq!(cs[0][0], (0, 10..60)); // the union of the source's spans
//! ```

use std::collections::BTreeMap;
use std::ops::Range;

/// Two passages (match-character ranges) of two documents that align.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The documents (indices into the collection).
    pub docs: [u32; 2],
    /// The passages.
    pub spans: [Range<usize>; 2],
}

/// Union–find over passage nodes.
struct Sets(Vec<usize>);

impl Sets {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Groups links into clusters. Each cluster is a list of members
/// `(document, span)`, one per distinct passage, sorted by document and
/// start; clusters come largest first.
pub fn clusters(links: &[Link]) -> Vec<Vec<(u32, Range<usize>)>> {
    // Nodes: every end of every link.
    let mut nodes: Vec<(u32, Range<usize>)> = Vec::with_capacity(links.len() * 2);
    for l in links {
        nodes.push((l.docs[0], l.spans[0].clone()));
        nodes.push((l.docs[1], l.spans[1].clone()));
    }
    let mut sets = Sets((0..nodes.len()).collect());
    for i in 0..links.len() {
        sets.union(2 * i, 2 * i + 1);
    }
    // Same document, overlapping by half of the shorter: the same passage.
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by_key(|&i| (nodes[i].0, nodes[i].1.start, nodes[i].1.end));
    let mut active: Vec<usize> = Vec::new();
    let mut doc = u32::MAX;
    for &i in &order {
        let (d, ref r) = nodes[i];
        if d != doc {
            active.clear();
            doc = d;
        }
        active.retain(|&j| nodes[j].1.end > r.start);
        for &j in &active {
            let o = overlap(&nodes[j].1, r);
            let shorter = nodes[j].1.len().min(r.len()).max(1);
            if 2 * o >= shorter {
                sets.union(i, j);
            }
        }
        active.push(i);
    }
    // Members: per cluster and document, the union of the passages that
    // were merged (overlapping ones); separate passages stay separate.
    let mut groups: BTreeMap<usize, Vec<(u32, Range<usize>)>> = BTreeMap::new();
    for (i, n) in nodes.iter().enumerate() {
        let root = sets.find(i);
        groups.entry(root).or_default().push(n.clone());
    }
    let mut out: Vec<Vec<(u32, Range<usize>)>> = groups
        .into_values()
        .map(|mut g| {
            g.sort_by_key(|(d, r)| (*d, r.start, r.end));
            let mut merged: Vec<(u32, Range<usize>)> = Vec::with_capacity(g.len());
            for (d, r) in g {
                match merged.last_mut() {
                    Some((ld, lr)) if *ld == d && r.start < lr.end => lr.end = lr.end.max(r.end),
                    _ => merged.push((d, r)),
                }
            }
            merged
        })
        .collect();
    let key = |g: &Vec<(u32, Range<usize>)>| -> Vec<(u32, usize, usize)> {
        g.iter().map(|(d, r)| (*d, r.start, r.end)).collect()
    };
    out.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| key(a).cmp(&key(b))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_in_twelve_documents_is_one_cluster() {
        let mut links = Vec::new();
        for i in 0..12u32 {
            for j in i + 1..12 {
                links.push(Link {
                    docs: [i, j],
                    spans: [
                        (100 + i as usize)..180,
                        (100 + j as usize)..(181 + i as usize),
                    ],
                });
            }
        }
        let cs = clusters(&links);
        assert_eq!(cs.len(), 1);
        assert_eq!(cs[0].len(), 12);
    }

    #[test]
    fn two_passages_of_one_document_stay_apart() {
        let links = vec![
            Link {
                docs: [0, 1],
                spans: [0..40, 0..40],
            },
            Link {
                docs: [0, 2],
                spans: [38..90, 0..52],
            },
        ];
        assert_eq!(clusters(&links).len(), 2);
    }
}
