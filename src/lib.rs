//! nianbao — review Chinese government information disclosure annual reports
//! (政府信息公开工作年度报告).
//!
//! The core, free of any window code: data flows one way,
//! file → [`source`] → [`extract`] → [`report::Report`] → [`checks`] →
//! [`review`] (edits, undo, JSON) → the window (`app`, behind the `gui`
//! feature) renders it and sends edits back. The CLI ([`cli`]) uses the same
//! core.

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
