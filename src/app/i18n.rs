//! The two UI languages: the core's [`crate::i18n::Lang`]. Every string the
//! window shows is written in both, side by side at the call site, so
//! neither can be forgotten; the words for the core's typed values
//! (errors, checks) are in [`crate::i18n`], shared with the command line.

pub use crate::i18n::Lang;
