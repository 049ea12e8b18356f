//! The formula engine: pure Rust, no web crates, no I/O beyond parsing the bytes it is given.
//!
//! Flow: [`table::Table`] reads a data file (CSV and its cousins via [`source`], workbooks
//! via [`workbook`]) into columns; [`dataset`] reads areas, schools and enrollment from
//! tables; [`formula::Formula`] is the validated formula file; [`model::Prepared`] does the
//! work that only changes with the data or normalisation; [`model::Prepared::evaluate`] does
//! the cheap part a weight change needs; [`compare`] sets a scenario against a baseline;
//! [`export`] writes results.
//!
//! The formula's steps, one file each: normalise ([`normalize`]) → score ([`score`]) → tiers
//! ([`tiers`]) → schools ([`schools`]) → allocation ([`allocation`]); [`model`] runs them.

pub mod allocation;
pub mod compare;
pub mod dataset;
pub mod demo;
pub mod error;
pub mod explain;
pub mod export;
pub mod fairness;
pub mod fit;
pub mod formula;
pub mod geometry;
pub mod model;
pub mod normalize;
pub mod number;
pub mod parallel;
pub mod privacy;
pub mod schools;
pub mod score;
pub mod sort;
pub mod source;
pub mod stability;
pub mod table;
pub mod tiers;
#[cfg(feature = "workbook")]
pub mod workbook;

#[cfg(test)]
mod missing_tests;

pub use error::{EngineError, Result};
