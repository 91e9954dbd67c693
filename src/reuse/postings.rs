//! The postings of a collection, mapped once and kept in hash buckets:
//! in memory while they fit in `postings_per_pass`, else in temporary
//! files, one a bucket. Each round of the finder reads them back a group
//! of buckets at a time (a *partition*) instead of normalizing every
//! document again, so the memory a round takes is one partition's
//! postings, however large the collection.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::Posting;

/// Hash buckets (by the top eight bits of an n-gram's hash).
pub const BUCKETS: usize = 256;

/// Bytes of a posting on disk: hash, document, position, little-endian.
const RECORD: usize = 16;

/// The bucket of a hash.
pub fn bucket(h: u64) -> usize {
    (h >> 56) as usize
}

/// Postings by bucket, in memory or spilled to temporary files.
#[derive(Debug)]
pub struct Buckets {
    mem: Vec<Vec<Posting>>,
    counts: Vec<usize>,
    limit: usize,
    spill: Option<Spill>,
    temp: PathBuf,
}

#[derive(Debug)]
struct Spill {
    dir: PathBuf,
    writers: Vec<BufWriter<File>>,
}

impl Drop for Spill {
    fn drop(&mut self) {
        self.writers.clear();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A fresh directory under `temp` for one run's files.
fn fresh_dir(temp: &Path) -> std::io::Result<PathBuf> {
    static RUN: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let dir = temp.join(format!(
        "dangjian-reuse-{}-{}-{nanos}",
        std::process::id(),
        RUN.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

impl Buckets {
    /// Empty buckets that spill to files under `temp` once they hold more
    /// than `limit` postings.
    pub fn new(limit: usize, temp: PathBuf) -> Self {
        Buckets {
            mem: vec![Vec::new(); BUCKETS],
            counts: vec![0; BUCKETS],
            limit,
            spill: None,
            temp,
        }
    }

    /// Postings held in all.
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// Whether the postings went to files.
    pub fn spilled(&self) -> bool {
        self.spill.is_some()
    }

    /// Adds postings.
    pub fn push(&mut self, postings: &[Posting]) -> std::io::Result<()> {
        for p in postings {
            self.counts[bucket(p.0)] += 1;
        }
        match &mut self.spill {
            Some(s) => write_all(&mut s.writers, postings),
            None => {
                for p in postings {
                    self.mem[bucket(p.0)].push(*p);
                }
                if self.total() > self.limit {
                    let dir = fresh_dir(&self.temp)?;
                    // Set at once, so that the directory goes even when a
                    // file cannot be made.
                    let mut spill = Spill {
                        dir,
                        writers: Vec::with_capacity(BUCKETS),
                    };
                    for b in 0..BUCKETS {
                        let f = File::create(spill.dir.join(format!("{b:03}")))?;
                        spill.writers.push(BufWriter::with_capacity(1 << 15, f));
                    }
                    let held = std::mem::take(&mut self.mem);
                    self.mem = vec![Vec::new(); BUCKETS];
                    for ps in held {
                        write_all(&mut spill.writers, &ps)?;
                    }
                    self.spill = Some(spill);
                }
                Ok(())
            }
        }
    }

    /// Ends the writing: files are flushed and closed.
    pub fn finish(&mut self) -> std::io::Result<()> {
        if let Some(s) = &mut self.spill {
            for w in &mut s.writers {
                w.flush()?;
            }
            s.writers.clear();
        }
        Ok(())
    }

    /// Consecutive buckets cut into partitions of at most `budget`
    /// postings each (a bucket larger than that is a partition alone).
    pub fn partitions(&self, budget: usize) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut held = 0usize;
        for (b, &c) in self.counts.iter().enumerate() {
            if b > start && held + c > budget {
                out.push(start..b);
                start = b;
                held = 0;
            }
            held += c;
        }
        if start < BUCKETS {
            out.push(start..BUCKETS);
        }
        out
    }

    /// The postings of buckets `r`, unsorted. In memory they are moved out
    /// when `take`, else copied.
    pub fn read(&mut self, r: Range<usize>, take: bool) -> std::io::Result<Vec<Posting>> {
        let want: usize = self.counts[r.clone()].iter().sum();
        let mut out = Vec::with_capacity(want);
        match &self.spill {
            None => {
                for b in r {
                    if take {
                        out.append(&mut self.mem[b]);
                    } else {
                        out.extend_from_slice(&self.mem[b]);
                    }
                }
            }
            Some(s) => {
                let mut buf = vec![0u8; RECORD * 4096];
                for b in r {
                    let f = File::open(s.dir.join(format!("{b:03}")))?;
                    let mut rd = BufReader::with_capacity(1 << 16, f);
                    let mut left = self.counts[b];
                    while left > 0 {
                        let k = left.min(4096);
                        rd.read_exact(&mut buf[..k * RECORD])?;
                        out.extend(buf[..k * RECORD].chunks_exact(RECORD).map(decode));
                        left -= k;
                    }
                }
            }
        }
        Ok(out)
    }
}

fn write_all(writers: &mut [BufWriter<File>], postings: &[Posting]) -> std::io::Result<()> {
    for p in postings {
        let mut rec = [0u8; RECORD];
        rec[..8].copy_from_slice(&p.0.to_le_bytes());
        rec[8..12].copy_from_slice(&p.1.to_le_bytes());
        rec[12..].copy_from_slice(&p.2.to_le_bytes());
        writers[bucket(p.0)].write_all(&rec)?;
    }
    Ok(())
}

fn decode(rec: &[u8]) -> Posting {
    let mut h = [0u8; 8];
    let mut d = [0u8; 4];
    let mut p = [0u8; 4];
    h.copy_from_slice(&rec[..8]);
    d.copy_from_slice(&rec[8..12]);
    p.copy_from_slice(&rec[12..16]);
    (
        u64::from_le_bytes(h),
        u32::from_le_bytes(d),
        u32::from_le_bytes(p),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spilled_postings_read_back_the_same() {
        let ps: Vec<Posting> = (0..1000u64)
            .map(|i| (i.wrapping_mul(0x9e37_79b9_7f4a_7c15), i as u32, 7))
            .collect();
        let mut mem = Buckets::new(usize::MAX, std::env::temp_dir());
        let mut disk = Buckets::new(10, std::env::temp_dir());
        for c in ps.chunks(100) {
            mem.push(c).unwrap();
            disk.push(c).unwrap();
        }
        mem.finish().unwrap();
        disk.finish().unwrap();
        assert!(disk.spilled() && !mem.spilled());
        let parts = disk.partitions(300);
        assert!(parts.len() >= 4);
        let mut a = Vec::new();
        let mut b = Vec::new();
        for p in parts {
            a.extend(mem.read(p.clone(), false).unwrap());
            b.extend(disk.read(p, true).unwrap());
        }
        a.sort_unstable();
        b.sort_unstable();
        let mut all = ps.clone();
        all.sort_unstable();
        assert_eq!(a, all);
        assert_eq!(b, all);
        assert_eq!(mem.partitions(usize::MAX), vec![0..BUCKETS]);
    }
}
