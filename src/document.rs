//! Documents and corpora: what goes into the pipeline.
//!
//! A [`Document`] is decoded text plus where it came from. Its `id` is derived
//! from the bytes alone (the first 16 hex digits of their SHA-256), so the
//! same file has the same id wherever it is stored; `index --resume` relies on
//! that.
//!
//! A [`Corpus`] is a directory of documents, optionally with a
//! `manifest.json` that states what the text may not: the place a document
//! reports on, its source and date. The bundled `corpus/` has one.
//!
//! ```
//! use dangjian::Document;
//! let doc = Document::from_text("党的十八大以来");
//! assert_eq!(doc.id, Document::from_text("党的十八大以来").id);
//! assert_eq!(doc.encoding, "utf-8");
//! ```

use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::decode;
use crate::error::{Error, ErrorKind, Result};

/// Facts about a document known from outside its text (a manifest, a JSONL
/// record's fields). All optional; what is given takes precedence over what
/// the pipeline would infer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// The place the document reports on, e.g. `桂林市`; empty string or
    /// absent when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Administrative code of that place, e.g. `450300`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_code: Option<String>,
    /// The source, e.g. `桂林日报`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Subtitle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// Authors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
}

/// One document: decoded text and provenance.
#[derive(Debug, Clone)]
pub struct Document {
    /// Stable id: the same bytes give the same id.
    pub id: String,
    /// Where the document was read from (`None` for stdin or memory).
    pub path: Option<PathBuf>,
    /// The decoded text; spans in an analysis refer to it.
    pub text: String,
    /// The encoding the text was decoded from.
    pub encoding: &'static str,
    /// Outside knowledge about the document.
    pub info: DocumentInfo,
    /// `text` or `html`: what the input was. For HTML, `text` holds the text
    /// extracted from the page, and spans refer to it.
    pub format: &'static str,
}

/// The id of a byte string: 16 hex digits of its SHA-256.
///
/// ```
/// assert_eq!(dangjian::document::id_of(b"abc").len(), 16);
/// ```
pub fn id_of(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

impl Document {
    /// A document from text already in memory.
    pub fn from_text(text: impl Into<String>) -> Self {
        let text = text.into();
        Document::from_decoded(id_of(text.as_bytes()), None, text, "utf-8")
    }

    /// A document from raw bytes in any supported encoding.
    ///
    /// ```
    /// let (big5, _, _) = encoding_rs::BIG5.encode("機關黨建");
    /// let doc = dangjian::Document::from_bytes(&big5, None).unwrap();
    /// assert_eq!((doc.text.as_str(), doc.encoding), ("機關黨建", "big5"));
    /// ```
    pub fn from_bytes(bytes: &[u8], path: Option<&Path>) -> Result<Self> {
        let decoded = decode::decode(bytes).map_err(|e| match path {
            Some(p) => e.with_path(p),
            None => e,
        })?;
        Ok(Document::from_decoded(
            id_of(bytes),
            path.map(Path::to_path_buf),
            decoded.text,
            decoded.encoding,
        ))
    }

    /// A document from decoded text; HTML pages are turned into their text
    /// (see [`crate::html`]) with the page's title, date, source and authors
    /// as outside knowledge.
    fn from_decoded(
        id: String,
        path: Option<PathBuf>,
        text: String,
        encoding: &'static str,
    ) -> Self {
        if crate::html::is_html(&text) {
            let e = crate::html::extract(&text);
            return Document {
                id,
                path,
                text: e.text,
                encoding,
                info: DocumentInfo {
                    title: e.title,
                    subtitle: e.subtitle,
                    date: e.date,
                    source: e.source,
                    authors: e.authors,
                    ..Default::default()
                },
                format: "html",
            };
        }
        Document {
            id,
            path,
            text,
            encoding,
            info: DocumentInfo::default(),
            format: "text",
        }
    }

    /// Reads and decodes a file.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self> {
        Self::from_path_limited(path, u64::MAX)
    }

    /// Reads and decodes a file, refusing files larger than `max_bytes`
    /// (see [`read_limited`]).
    pub fn from_path_limited(path: impl AsRef<Path>, max_bytes: u64) -> Result<Self> {
        let path = path.as_ref();
        let bytes = read_limited(path, max_bytes, None)?;
        Self::from_bytes(&bytes, Some(path))
    }

    /// Sets outside knowledge about the document; fields left empty keep
    /// what the document itself gave (an HTML page's title, say).
    pub fn with_info(mut self, info: DocumentInfo) -> Self {
        let old = std::mem::take(&mut self.info);
        self.info = DocumentInfo {
            place: info.place.or(old.place),
            place_code: info.place_code.or(old.place_code),
            source: info.source.or(old.source),
            date: info.date.or(old.date),
            title: info.title.or(old.title),
            subtitle: info.subtitle.or(old.subtitle),
            authors: if info.authors.is_empty() {
                old.authors
            } else {
                info.authors
            },
        };
        self
    }

    /// Sets the path (for documents built from memory).
    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }
}

/// What a walker saw of a file when it listed it: its length and
/// modification time. [`read_limited`] refuses a file that no longer matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listed {
    /// Length in bytes.
    pub len: u64,
    /// Modification time, when the file system keeps one.
    pub modified: Option<SystemTime>,
}

impl Listed {
    /// What `meta` says of a file.
    pub fn of(meta: &fs::Metadata) -> Self {
        Listed {
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

/// Reads a whole file, safely for archives that are being written to:
///
/// - anything but a regular file (a directory, a FIFO, a device such as
///   `/dev/zero`) is refused before it is read, as is a file longer than
///   `max_bytes` (a 2 GB file costs one `stat`, not a read);
/// - at most `max_bytes + 1` bytes are ever read, so a file that grows
///   while it is read cannot exhaust memory;
/// - a file that changed since it was `listed`, or while it was read (its
///   length or modification time differ before and after), is an error, not
///   a document made of two versions.
///
/// ```
/// use dangjian::document::read_limited;
/// let p = std::env::temp_dir().join(format!("dangjian-read-{}.txt", std::process::id()));
/// std::fs::write(&p, "机关党建").unwrap();
/// assert_eq!(read_limited(&p, 100, None).unwrap(), "机关党建".as_bytes());
/// let err = read_limited(&p, 4, None).unwrap_err();
/// assert_eq!(err.kind(), dangjian::ErrorKind::TooLarge);
/// std::fs::remove_file(&p).unwrap();
/// ```
pub fn read_limited(path: &Path, max_bytes: u64, listed: Option<Listed>) -> Result<Vec<u8>> {
    let too_large = |len: u64| {
        Error::new(
            ErrorKind::TooLarge,
            format!("{len} bytes, over the limit of {max_bytes} bytes (raise it with --max-bytes)"),
        )
        .with_path(path)
    };
    let changed = |what: String| {
        Error::new(
            ErrorKind::Io,
            format!(
                "the file changed while it was read ({what}); read it again once it is complete"
            ),
        )
        .with_path(path)
    };
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let before = file.metadata().map_err(|e| Error::io(path, e))?;
    if before.is_dir() {
        return Err(Error::new(ErrorKind::Io, "is a directory, not a file").with_path(path));
    }
    if !before.is_file() {
        return Err(Error::new(
            ErrorKind::Io,
            "not a regular file (a device, a pipe or a socket)",
        )
        .with_path(path));
    }
    if before.len() > max_bytes {
        return Err(too_large(before.len()));
    }
    let now = Listed::of(&before);
    if let Some(l) = listed
        && l != now
    {
        return Err(changed(format!(
            "{} bytes when listed, {} bytes when opened",
            l.len, now.len
        )));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(before.len()).unwrap_or(0));
    (&file)
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > max_bytes {
        // Within the limit when it was looked at, longer now: it grew.
        return Err(changed(format!("it grew past {max_bytes} bytes")));
    }
    let after = file.metadata().map_err(|e| Error::io(path, e))?;
    if Listed::of(&after) != now || bytes.len() as u64 != now.len {
        return Err(changed(format!(
            "{} bytes when opened, {} bytes read",
            now.len,
            bytes.len()
        )));
    }
    Ok(bytes)
}

/// One entry of a corpus manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// File name, relative to the corpus directory.
    pub file: String,
    /// Known facts.
    #[serde(flatten)]
    pub info: DocumentInfo,
    /// Script as stated by the curator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script: Option<String>,
    /// Shape of the text (page dump, speech …), free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shape: Option<String>,
    /// Original file name, if the file was renamed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// A corpus manifest: `manifest.json` in a corpus directory.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Free-text description.
    #[serde(default)]
    pub description: String,
    /// The documents.
    pub documents: Vec<ManifestEntry>,
}

/// File extensions read from a directory.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "text", "html", "htm", "xhtml", "shtml"];

/// Whether `path` has one of [`DOCUMENT_EXTENSIONS`].
pub fn is_document_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| DOCUMENT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// A directory of documents with an optional manifest.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// The directory.
    pub dir: PathBuf,
    /// The manifest, if the directory has one.
    pub manifest: Option<Manifest>,
    /// The document files, in manifest order or sorted by name.
    pub files: Vec<PathBuf>,
}

impl Corpus {
    /// Reads a corpus directory: `manifest.json` if present (its `documents`
    /// list the files), else every document file directly in it, sorted.
    ///
    /// ```
    /// let corpus = dangjian::Corpus::open("corpus").unwrap();
    /// assert_eq!(corpus.files.len(), 5);
    /// ```
    pub fn open(dir: impl AsRef<Path>) -> Result<Self> {
        let dir = dir.as_ref();
        let manifest_path = dir.join("manifest.json");
        let manifest = if manifest_path.is_file() {
            let raw =
                fs::read_to_string(&manifest_path).map_err(|e| Error::io(&manifest_path, e))?;
            let m: Manifest = serde_json::from_str(&raw).map_err(|e| {
                Error::new(ErrorKind::Config, format!("malformed manifest: {e}"))
                    .with_path(&manifest_path)
            })?;
            Some(m)
        } else {
            None
        };
        let files = match &manifest {
            Some(m) => m.documents.iter().map(|d| dir.join(&d.file)).collect(),
            None => {
                let mut v: Vec<PathBuf> = fs::read_dir(dir)
                    .map_err(|e| Error::io(dir, e))?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.is_file() && is_document_file(p))
                    .collect();
                v.sort();
                v
            }
        };
        Ok(Corpus {
            dir: dir.to_path_buf(),
            manifest,
            files,
        })
    }

    /// Manifest facts about `path`, if any.
    pub fn info_for(&self, path: &Path) -> Option<&ManifestEntry> {
        let m = self.manifest.as_ref()?;
        let name = path.file_name()?.to_str()?;
        m.documents.iter().find(|d| d.file == name)
    }

    /// Loads every document (with manifest facts attached). A file that fails
    /// gives an `Err` in its place; the others are unaffected.
    pub fn documents(&self) -> Vec<Result<Document>> {
        self.files
            .iter()
            .map(|p| {
                let doc = Document::from_path(p)?;
                Ok(match self.info_for(p) {
                    Some(e) => doc.with_info(e.info.clone()),
                    None => doc,
                })
            })
            .collect()
    }
}
