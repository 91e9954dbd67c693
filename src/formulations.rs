//! Stage 4b: formulations, slogans, cited documents (placeholder).
use serde::{Deserialize, Serialize};

use crate::analysis::Body;

/// A numbered formulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Formulation {
    /// Canonical text.
    pub text: String,
    /// Mentions.
    pub mentions: Vec<[usize; 2]>,
}
/// A quoted slogan or term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slogan {
    /// Text.
    pub text: String,
}
/// A cited document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitedDocument {
    /// Title.
    pub title: String,
}
/// All of a body's quoted material.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// Formulations.
    pub formulations: Vec<Formulation>,
    /// Slogans.
    pub slogans: Vec<Slogan>,
    /// Documents.
    pub documents: Vec<CitedDocument>,
}
/// Extracts from a body.
pub fn extract(_body: &Body) -> Extracted {
    Extracted::default()
}
