//! Stage 1 of the pipeline: page cleaning (boilerplate off, metadata out).
//!
//! Placeholder until the page cleaner lands: the whole text is the body.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// Page metadata; every field `null`/empty when the page does not state it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageMeta {
    /// Headline.
    pub title: Option<String>,
    /// Subtitle (the line starting with ——).
    pub subtitle: Option<String>,
    /// Source paper or site.
    pub source: Option<String>,
    /// Publication date, ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Edition / page, e.g. `02版`.
    pub edition: Option<String>,
    /// Reporters and correspondents.
    pub authors: Vec<String>,
    /// Editors.
    pub editors: Vec<String>,
}

/// A cleaned page: byte ranges of the normalized text.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// Body blocks (paragraphs), in order.
    pub body: Vec<Range<usize>>,
    /// Photo captions and credits.
    pub captions: Vec<Range<usize>>,
    /// Metadata read from the page.
    pub meta: PageMeta,
}

impl Page {
    /// Every non-empty line is body.
    pub fn whole(text: &str) -> Page {
        let mut body = Vec::new();
        let mut pos = 0;
        for line in text.split_inclusive('\n') {
            let t = line.trim_end_matches(['\n', '\r']);
            let lead = t.len() - t.trim_start().len();
            let trimmed = t.trim();
            if !trimmed.is_empty() {
                body.push(pos + lead..pos + lead + trimmed.len());
            }
            pos += line.len();
        }
        Page {
            body,
            ..Default::default()
        }
    }
}

/// Cleans a normalized page.
pub fn clean(text: &str) -> Page {
    Page::whole(text)
}
