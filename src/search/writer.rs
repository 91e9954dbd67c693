//! Building an archive: one writer at a time adds (or replaces) documents,
//! deletes them, and commits.

use std::path::PathBuf;

use tantivy::{IndexReader, IndexWriter, TantivyDocument, Term};

use super::archive::{Archive, describe};
use super::prepare::{Prepared, prepare};
use super::schema::Fields;
use crate::analysis::Analysis;
use crate::error::Result;

impl Archive {
    /// A writer: one at a time per archive (the folder is locked while it
    /// lives); `threads` indexing threads.
    pub fn writer(&self, threads: usize) -> Result<ArchiveWriter> {
        let threads = threads.clamp(1, 8);
        let writer = self
            .index
            .writer_with_num_threads(threads, threads * 64_000_000)
            .map_err(|e| describe(&self.dir, e))?;
        Ok(ArchiveWriter {
            writer,
            f: self.f,
            dir: self.dir.clone(),
            added: 0,
            deleted: 0,
            reader: self.reader.clone(),
        })
    }
}

/// Adds documents to an archive; see [`Archive::writer`]. Nothing is
/// visible (or safe from a crash) before [`ArchiveWriter::commit`].
pub struct ArchiveWriter {
    writer: IndexWriter<TantivyDocument>,
    f: Fields,
    dir: PathBuf,
    reader: IndexReader,
    /// Documents added since the writer was made.
    pub added: u64,
    /// Deletions asked since the writer was made.
    pub deleted: u64,
}

impl std::fmt::Debug for ArchiveWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArchiveWriter")
            .field("dir", &self.dir)
            .field("added", &self.added)
            .field("deleted", &self.deleted)
            .finish()
    }
}

impl ArchiveWriter {
    /// The fields, for [`prepare`] on other threads.
    pub fn fields(&self) -> Fields {
        self.f
    }

    /// Adds (or replaces: same id or same path) one document.
    pub fn add(&mut self, a: &Analysis) -> Result<()> {
        let p = prepare(a, &self.f)?;
        self.add_prepared(p)
    }

    /// Adds a document made by [`prepare`].
    pub fn add_prepared(&mut self, p: Prepared) -> Result<()> {
        self.writer
            .delete_term(Term::from_field_text(self.f.id, &p.id));
        if let Some(path) = &p.path {
            self.writer
                .delete_term(Term::from_field_text(self.f.path, path));
        }
        for d in p.docs {
            self.writer
                .add_document(d)
                .map_err(|e| describe(&self.dir, e))?;
        }
        self.added += 1;
        Ok(())
    }

    /// Removes a document by id or by path (and its claims).
    pub fn delete(&mut self, id_or_path: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.f.id, id_or_path));
        self.writer
            .delete_term(Term::from_field_text(self.f.path, id_or_path));
        self.deleted += 1;
    }

    /// Whether the last commit holds a document with this id.
    pub fn contains(&self, id: &str) -> bool {
        self.reader
            .searcher()
            .doc_freq(&Term::from_field_text(self.f.id, id))
            .map(|n| n > 0)
            .unwrap_or(false)
    }

    /// Makes everything added so far durable and visible to searches.
    pub fn commit(&mut self) -> Result<()> {
        self.writer.commit().map_err(|e| describe(&self.dir, e))?;
        Ok(())
    }

    /// Commits and waits for background merges to end.
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        self.writer
            .wait_merging_threads()
            .map_err(|e| describe(&self.dir, e))
    }
}
