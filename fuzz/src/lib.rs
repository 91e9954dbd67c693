//! Fuzz targets of dangjian: structure-aware inputs ([`shapes`]) and the
//! invariants each target checks ([`checks`]). See `README.md` in this
//! directory for how to run them.

pub mod checks;
pub mod shapes;
