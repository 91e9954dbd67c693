//! Stage 5: places (placeholder).
use serde::{Deserialize, Serialize};

use crate::analysis::Body;
use crate::claims::Claim;
use crate::document::DocumentInfo;
use crate::page::PageMeta;

/// The place a document reports on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentPlace {
    /// Full name.
    pub name: String,
    /// Code.
    pub code: Option<String>,
    /// Level.
    pub level: String,
}
/// A place mentioned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceMention {
    /// Full name.
    pub name: String,
}
/// Result of attribution.
pub struct Attribution {
    /// Place.
    pub place: Option<DocumentPlace>,
    /// Reason.
    pub reason: String,
    /// Mentions.
    pub mentions: Vec<PlaceMention>,
}
/// Attributes.
pub fn attribute(
    _b: &Body,
    _n: &str,
    _m: &PageMeta,
    info: &DocumentInfo,
    _c: &mut [Claim],
) -> Attribution {
    let place = info.place.as_ref().map(|p| DocumentPlace {
        name: p.clone(),
        code: info.place_code.clone(),
        level: "city".into(),
    });
    Attribution {
        place,
        reason: "manifest".into(),
        mentions: Vec::new(),
    }
}
