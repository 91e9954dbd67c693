//! Stage 4a: numeric claims (placeholder).
use serde::{Deserialize, Serialize};

use crate::analysis::Body;
use crate::formulations::Formulation;

/// A numeric claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Surface in the original text.
    pub text: String,
    /// Value.
    pub value: f64,
    /// Span.
    pub span: [usize; 2],
    /// Place.
    pub place: Option<String>,
}

/// Claims of a body.
pub fn extract_in_body(_body: &Body, _f: &[Formulation]) -> Vec<Claim> {
    Vec::new()
}
