//! nianbao — review Chinese government information disclosure annual reports
//! (政府信息公开工作年度报告).
//!
//! The core, free of any window code: data flows one way,
//! file → [`source`] → [`extract`] → [`report::Report`] → [`checks`] →
//! [`review`] (edits, undo, JSON) → the window (`app`, behind the `gui`
//! feature) renders it and sends edits back. The CLI ([`cli`]) uses the same
//! core.

/// The allocator of every program built on this crate (the window, the CLI,
/// the tests and benchmarks). Reading a report makes some thousands of small
/// allocations (cells, notes, tokens); mimalloc serves them in a fraction of
/// the system allocator's instructions: decode, extract and check over the
/// nine sample reports went from 35.0 to 29.3 million instructions (callgrind,
/// see `benches/extract.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod atomic;
pub mod checks;
pub mod cli;
pub mod cross_year;
pub mod docx;
pub mod export;
pub mod extract;
pub mod folder;
pub mod i18n;
pub mod journal;
pub mod lock;
pub mod note;
pub mod open;
pub mod pdf;
pub mod report;
pub mod review;
pub mod source;
pub mod template;

#[cfg(feature = "gui")]
pub mod app;
