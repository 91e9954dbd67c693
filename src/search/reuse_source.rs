//! An archive as a source of documents for text reuse: each document's
//! body, read back from the index one at a time (spans refer to the body,
//! as for `index` records).
//!
//! ```no_run
//! use dangjian::reuse::Reuse;
//! use dangjian::search::{Archive, ArchiveDocuments};
//! let archive = Archive::open("corpus.idx")?;
//! let docs = ArchiveDocuments::new(&archive)?;
//! let report = Reuse::builder().build().find_in(&docs)?;
//! println!("{} clusters of shared passages", report.clusters.len());
//! # Ok::<(), dangjian::Error>(())
//! ```

use std::borrow::Cow;
use std::sync::Mutex;

use tantivy::DocAddress;

use super::archive::Archive;
use crate::error::Result;
use crate::reuse::{DocumentSource, ReuseDocument};

/// The documents of an archive, in index order, for
/// [`Reuse::find_in`](crate::reuse::Reuse::find_in). Only their addresses
/// are held; a document that cannot be read back is skipped and listed by
/// [`failures`](ArchiveDocuments::failures).
pub struct ArchiveDocuments<'a> {
    archive: &'a Archive,
    docs: Vec<DocAddress>,
    failures: Mutex<Vec<(usize, String)>>,
}

impl<'a> ArchiveDocuments<'a> {
    /// Every document the archive holds now.
    pub fn new(archive: &'a Archive) -> Result<Self> {
        Ok(ArchiveDocuments {
            archive,
            docs: archive.document_addresses()?,
            failures: Mutex::new(Vec::new()),
        })
    }

    /// The documents that could not be read back, by position, each once.
    pub fn failures(&self) -> Vec<(usize, String)> {
        let mut f = self.failures.lock().map(|f| f.clone()).unwrap_or_default();
        f.sort();
        f.dedup_by_key(|(i, _)| *i);
        f
    }
}

impl DocumentSource for ArchiveDocuments<'_> {
    fn len(&self) -> usize {
        self.docs.len()
    }

    fn load(&self, i: usize) -> Option<Cow<'_, ReuseDocument>> {
        let stored = match self.archive.stored_doc(*self.docs.get(i)?) {
            Ok(s) => s,
            Err(e) => {
                if let Ok(mut f) = self.failures.lock() {
                    f.push((i, e.to_string()));
                }
                return None;
            }
        };
        Some(Cow::Owned(ReuseDocument::from_analysis(stored.a)))
    }

    fn unique_ids(&self) -> bool {
        true
    }
}
