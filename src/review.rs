//! A review document: the source + the extracted report + the edits a person
//! made + checks acknowledged, with undo/redo and the JSON the product saves.
//!
//! CONTRACT: the window and CLI call only these methods; bodies are filled in
//! by the core work.

use std::path::Path;

use crate::checks::Checks;
use crate::report::Report;
use crate::source::SourceText;
use crate::template::CellId;

/// The source of a review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceInfo {
    /// The file name (no directory).
    pub file_name: String,
    /// The encoding it was decoded from.
    pub encoding: String,
    /// sha256 of the decoded text (hex), to tie a review to its text.
    pub sha256: String,
    /// The full decoded text.
    pub text: String,
}

/// One edit a person made.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    /// The cell.
    pub cell: CellId,
    /// The raw text before.
    pub before: String,
    /// The raw text typed.
    pub after: String,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who (the reviewer's name from settings), if known.
    pub by: Option<String>,
}

/// A check a person acknowledged (e.g. the published report itself is wrong).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acknowledgement {
    /// The check id.
    pub check: String,
    /// The person's note.
    pub note: String,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who, if known.
    pub by: Option<String>,
}

/// Why a saved review could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Placeholder until the core work lands.
    #[error("{0}")]
    Other(String),
}

/// Why a review could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Placeholder until the core work lands.
    #[error("{0}")]
    Other(String),
}

/// The review document.
#[derive(Debug, Clone)]
pub struct Review {
    source: SourceInfo,
    extracted: Report,
    report: Report,
    checks: Checks,
}

impl Review {
    /// Extracts a report from a decoded source and starts a review of it.
    pub fn new(_file_name: &str, _source: SourceText) -> Review {
        todo!("Review::new")
    }

    /// The source.
    pub fn source(&self) -> &SourceInfo {
        &self.source
    }

    /// The report as extracted, before any edit.
    pub fn extracted(&self) -> &Report {
        &self.extracted
    }

    /// The report with every edit applied (what the window shows).
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The checks of the current report.
    pub fn checks(&self) -> &Checks {
        &self.checks
    }

    /// Sets a cell from typed text (parsed; kept as `invalid` if not a number;
    /// empty text means blank). Records an undo point; re-runs the checks.
    pub fn edit(&mut self, _cell: CellId, _text: &str) {
        todo!("Review::edit")
    }

    /// Undoes the last edit, acceptance or acknowledgement. False if none.
    pub fn undo(&mut self) -> bool {
        todo!("Review::undo")
    }

    /// Redoes. False if nothing to redo.
    pub fn redo(&mut self) -> bool {
        todo!("Review::redo")
    }

    /// Whether there is something to undo / redo.
    pub fn can_undo(&self) -> bool {
        todo!()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        todo!()
    }

    /// Accepts the core's suggestion for a cell (state `inferred`). False if
    /// there is no suggestion for it.
    pub fn accept_suggestion(&mut self, _cell: CellId) -> bool {
        todo!()
    }

    /// Acknowledges a non-passing check with a note.
    pub fn acknowledge(&mut self, _check: &str, _note: &str) {
        todo!()
    }

    /// Takes an acknowledgement back.
    pub fn unacknowledge(&mut self, _check: &str) {
        todo!()
    }

    /// The acknowledgements in force.
    pub fn acknowledged(&self) -> &[Acknowledgement] {
        todo!()
    }

    /// The edits in force, oldest first.
    pub fn edits(&self) -> &[Edit] {
        todo!()
    }

    /// Whether there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        todo!()
    }

    /// The review as JSON (`nianbao-review/1`).
    pub fn to_json(&self) -> String {
        todo!()
    }

    /// Loads a review from JSON.
    pub fn from_json(_json: &str) -> Result<Review, LoadError> {
        todo!()
    }

    /// Saves atomically (temp file in the same directory, fsync, rename);
    /// marks the review clean on success only.
    pub fn save(&mut self, _path: &Path) -> Result<(), SaveError> {
        todo!()
    }

    /// Loads a saved review file.
    pub fn load(_path: &Path) -> Result<Review, LoadError> {
        todo!()
    }
}
