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

#[cfg(test)]
mod tests {
    use super::super::{Archive, SearchRequest};
    use crate::{Document, Pipeline};

    /// Invented reports with words that repeat, mixed scripts and Latin.
    fn reports() -> Vec<Document> {
        let lines = [
            "某县开展党员志愿服务，党员志愿服务队走进社区，服务群众三千人次。",
            "某市推行“双报到”，在职党员到社区报到，社区党组织统筹安排。",
            "某區黨員幹部下沉網格，網格員上門服務，辦結訴求九百件。",
            "某镇围绕COVID-19防控，组建Party志愿队，党员带头值守卡口。",
        ];
        lines
            .iter()
            .enumerate()
            .map(|(k, l)| {
                Document::from_text(format!("第{k}号简报\n\n{l}\n")).with_path(format!("r/{k}.txt"))
            })
            .collect()
    }

    fn ranked(a: &Archive, q: &str) -> Vec<(String, String)> {
        let r = a.search(&SearchRequest::new().query(q).limit(10)).unwrap();
        r.hits
            .iter()
            .map(|h| (h.id.clone(), format!("{:.4}", h.score.unwrap_or(0.0))))
            .collect()
    }

    #[test]
    fn words_handed_over_cut_rank_as_the_words_cut_by_the_index() {
        // Version 2 takes the analysis's content words, or cuts the body
        // itself when an analysis has none: the same terms, so the same
        // ranking. Version 1 cut every word of the body on the indexing
        // thread: the same documents match.
        let base = std::env::temp_dir().join(format!("dangjian-layout-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let with_terms = crate::PipelineBuilder::new()
            .keep_terms(true)
            .build()
            .unwrap();
        let plain = Pipeline::default();
        let mut built = Vec::new();
        for (name, version, p) in [
            ("v2-terms", 2, &with_terms),
            ("v2-cut", 2, &plain),
            ("v1", 1, &plain),
        ] {
            let a = Archive::create_version(&base.join(name), version).unwrap();
            let mut w = a.writer(1).unwrap();
            for d in reports() {
                w.add(&p.analyze(&d)).unwrap();
            }
            w.finish().unwrap();
            // Reopened, the layout is read back from the index.
            drop(a);
            let a = Archive::open(base.join(name)).unwrap();
            assert_eq!(a.f.body_cut, version == 2);
            built.push(a);
        }
        for q in [
            "党员",
            "社区 服务",
            "网格",
            "covid",
            "party 党员",
            "志愿服务 OR 报到",
        ] {
            let cut = ranked(&built[0], q);
            assert!(!cut.is_empty(), "{q}");
            assert_eq!(ranked(&built[1], q), cut, "{q}");
            let ids = |v: Vec<(String, String)>| {
                let mut v: Vec<String> = v.into_iter().map(|x| x.0).collect();
                v.sort();
                v
            };
            assert_eq!(ids(ranked(&built[2], q)), ids(cut), "{q}");
        }
        let _ = std::fs::remove_dir_all(&base);
    }
}
