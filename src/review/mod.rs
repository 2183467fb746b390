//! A review document: the source + the extracted report + the edits a person
//! made + checks acknowledged, with undo/redo and the JSON the product saves.
//!
//! The window and the CLI call only these methods. Every change goes through
//! one command ([`Change`]) that knows how to apply and revert itself, so
//! undo/redo is plain history (no timers), and dirtiness is a comparison of
//! the current history point with the one last saved or loaded.

mod json;
pub mod time;

use std::path::{Path, PathBuf};

use crate::checks::{self, CheckId, Checks, SavedCheckId};
use crate::note::Note;
use crate::report::{Cell, CellState, Diagnostic, Report, Severity, Value};
use crate::source::{SourceKind, SourceText};
use crate::template::CellId;

pub use json::FORMAT;

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
    /// The kind of file the text came from.
    pub kind: SourceKind,
    /// sha256 (hex) of the original document's bytes (Word, PDF), to find
    /// the original again beside a saved review.
    pub original_sha256: Option<String>,
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
    /// The check (as saved: a newer nianbao's check is kept as written).
    pub check: SavedCheckId,
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
    /// The file could not be read.
    #[error("{}: could not be read: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// Not JSON at all (or nested too deeply).
    #[error("not valid JSON: {message} at line {line}, column {column}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// serde_json's description.
        message: String,
    },
    /// JSON, but no `"format": "nianbao-review/…"`.
    #[error("not a nianbao review: {0}")]
    NotAReview(String),
    /// Saved by a newer nianbao.
    #[error(
        "this review is in format {found}, newer than the {FORMAT} this nianbao reads: \
         update nianbao to open it"
    )]
    NewerVersion {
        /// The format found.
        found: String,
    },
    /// A field is missing or has the wrong type.
    #[error("the review is damaged: {message} at line {line}, column {column}")]
    Invalid {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The source text no longer matches the sha256 saved with it.
    #[error(
        "the source text was changed after the review was saved (sha256 {found} instead of \
         {expected}): the spans and edits may no longer fit it"
    )]
    TextChanged {
        /// The sha256 written in the file.
        expected: String,
        /// The sha256 of the text found.
        found: String,
    },
    /// A cell id this nianbao does not know (or not in the report's layout).
    #[error("unknown cell id {0:?}")]
    UnknownCell(String),
    /// A value that does not fit its cell.
    #[error("{cell}: {message}")]
    BadValue {
        /// The cell id.
        cell: String,
        /// What is wrong.
        message: String,
    },
}

/// Why a review could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Writing, syncing or renaming failed; the previous file is untouched.
    #[error("{}: could not save: {source} (any previous file there is unchanged)", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
}

/// One undoable change and what it replaced.
#[derive(Debug, Clone)]
enum Change {
    /// A cell set by typing or by accepting a suggestion.
    Cell {
        cell: CellId,
        before: Cell,
        after: Cell,
        edit: Edit,
    },
    /// An acknowledgement added, replaced or removed.
    Ack {
        check: SavedCheckId,
        /// The acknowledgement replaced or removed, with its position.
        before: Option<(usize, Acknowledgement)>,
        /// The acknowledgement added (at the end).
        after: Option<Acknowledgement>,
    },
}

/// A change with the id of the history point it leads to.
#[derive(Debug, Clone)]
struct Command {
    id: u64,
    change: Change,
}

/// The review document.
#[derive(Debug, Clone)]
pub struct Review {
    source: SourceInfo,
    extracted: Report,
    report: Report,
    checks: Checks,
    edits: Vec<Edit>,
    acknowledged: Vec<Acknowledgement>,
    undo: Vec<Command>,
    redo: Vec<Command>,
    /// The next history point id (0 is the state at creation or load).
    next_id: u64,
    /// The history point last saved or loaded.
    saved_id: u64,
    reviewer: Option<String>,
}

/// sha256 of a text, as lowercase hex.
pub fn sha256_hex(text: &str) -> String {
    crate::source::sha256_hex(text.as_bytes())
}

/// Parses what a person typed into a cell: "" is blank, "/", "-", "—" are
/// not applicable, a well-formed number is a value, anything else is kept
/// as typed and marked invalid.
pub fn parse_typed(cell: CellId, text: &str) -> Cell {
    let t = text.trim();
    let (value, state) = if t.is_empty() {
        (None, CellState::Blank)
    } else if matches!(t, "/" | "-" | "—" | "——" | "－" | "／" | "–") {
        (None, CellState::NotApplicable)
    } else if let Some(v) = Value::parse_clean(t, cell.col_def().kind) {
        (Some(v), CellState::Edited)
    } else {
        (None, CellState::Invalid)
    };
    Cell {
        value,
        raw: t.to_string(),
        span: None,
        state,
        confidence: 1.0,
        notes: if state == CellState::Edited {
            Vec::new()
        } else {
            vec![Note::SetByPerson]
        },
    }
}

impl Review {
    /// Extracts a report from a decoded source and starts a review of it.
    pub fn new(file_name: &str, source: SourceText) -> Review {
        let mut report = crate::extract::extract(&source.text);
        if source.had_errors {
            report.diagnostics.insert(
                0,
                Diagnostic {
                    severity: Severity::Warning,
                    table: None,
                    cells: Vec::new(),
                    span: None,
                    note: Note::BadBytes {
                        encoding: source.encoding.to_string(),
                    },
                },
            );
        }
        Review::with_report(file_name, source, report)
    }

    /// Starts a review of an already extracted report (tests, other readers).
    pub fn with_report(file_name: &str, source: SourceText, report: Report) -> Review {
        let info = SourceInfo {
            file_name: file_name.to_string(),
            encoding: source.encoding,
            sha256: sha256_hex(&source.text),
            text: source.text,
            kind: source.kind,
            original_sha256: source.original_sha256,
        };
        Review::assemble(info, report.clone(), report, Vec::new(), Vec::new())
    }

    fn assemble(
        source: SourceInfo,
        extracted: Report,
        report: Report,
        edits: Vec<Edit>,
        acknowledged: Vec<Acknowledgement>,
    ) -> Review {
        let checks = checks::run(&report, &source.text);
        Review {
            source,
            extracted,
            report,
            checks,
            edits,
            acknowledged,
            undo: Vec::new(),
            redo: Vec::new(),
            next_id: 1,
            saved_id: 0,
            reviewer: None,
        }
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

    /// The name recorded as `by` in new edits and acknowledgements.
    pub fn set_reviewer(&mut self, name: Option<String>) {
        self.reviewer = name.filter(|n| !n.trim().is_empty());
    }

    /// The reviewer's name, if set.
    pub fn reviewer(&self) -> Option<&str> {
        self.reviewer.as_deref()
    }

    /// Whether a person changed this cell (typed or accepted a suggestion).
    pub fn is_edited(&self, cell: CellId) -> bool {
        self.report.cell(cell) != self.extracted.cell(cell)
    }

    /// The cell as extracted, when a person changed it (for "was: …").
    pub fn original(&self, cell: CellId) -> Option<&Cell> {
        self.is_edited(cell)
            .then(|| self.extracted.cell(cell))
            .flatten()
    }

    /// Whether a check is acknowledged.
    pub fn is_acknowledged(&self, check: CheckId) -> bool {
        self.acknowledged.iter().any(|a| a.check == check)
    }

    /// Sets a cell from typed text (parsed; kept as `invalid` if not a number;
    /// empty text means blank). Records an undo point; re-runs the checks.
    pub fn edit(&mut self, cell: CellId, text: &str) {
        let after = parse_typed(cell, text);
        self.set_cell(cell, after);
    }

    fn set_cell(&mut self, cell: CellId, after: Cell) -> bool {
        let Some(before) = self.report.cell(cell).cloned() else {
            return false;
        };
        if before == after {
            return false;
        }
        let edit = Edit {
            cell,
            before: before.raw.clone(),
            after: after.raw.clone(),
            at: time::now_rfc3339(),
            by: self.reviewer.clone(),
        };
        self.perform(Change::Cell {
            cell,
            before,
            after,
            edit,
        });
        true
    }

    /// Undoes the last edit, acceptance or acknowledgement. False if none.
    pub fn undo(&mut self) -> bool {
        let Some(cmd) = self.undo.pop() else {
            return false;
        };
        self.revert(&cmd.change);
        self.redo.push(cmd);
        self.rerun_checks();
        true
    }

    /// Redoes. False if nothing to redo.
    pub fn redo(&mut self) -> bool {
        let Some(cmd) = self.redo.pop() else {
            return false;
        };
        self.apply(&cmd.change);
        self.undo.push(cmd);
        self.rerun_checks();
        true
    }

    /// Whether there is something to undo / redo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Accepts the core's suggestion for a cell (state `inferred`). False if
    /// there is no suggestion for it.
    pub fn accept_suggestion(&mut self, cell: CellId) -> bool {
        let Some(s) = self.checks.suggestion(cell).cloned() else {
            return false;
        };
        let after = Cell {
            value: Some(Value::Count(s.value)),
            raw: s.value.to_string(),
            span: None,
            state: CellState::Inferred,
            confidence: 1.0,
            notes: vec![Note::Suggested {
                reason: s.reason,
                checks: s.checks,
            }],
        };
        self.set_cell(cell, after)
    }

    /// Acknowledges a non-passing check with a note.
    pub fn acknowledge(&mut self, check: CheckId, note: &str) {
        // Cross-year checks compare this report with another file: they are
        // not among its own checks, but a person may acknowledge them here.
        if self.checks.get(check).is_none() && !check.is_cross_year() {
            return;
        }
        let before = self
            .acknowledged
            .iter()
            .position(|a| a.check == check)
            .map(|i| (i, self.acknowledged[i].clone()));
        if before.as_ref().is_some_and(|(_, a)| a.note == note) {
            return;
        }
        let after = Acknowledgement {
            check: check.into(),
            note: note.to_string(),
            at: time::now_rfc3339(),
            by: self.reviewer.clone(),
        };
        self.perform(Change::Ack {
            check: check.into(),
            before,
            after: Some(after),
        });
    }

    /// Takes an acknowledgement back (also one of a check only a newer
    /// nianbao knows).
    pub fn unacknowledge(&mut self, check: &SavedCheckId) {
        let Some(i) = self.acknowledged.iter().position(|a| &a.check == check) else {
            return;
        };
        let before = Some((i, self.acknowledged[i].clone()));
        self.perform(Change::Ack {
            check: check.clone(),
            before,
            after: None,
        });
    }

    /// The acknowledgements in force.
    pub fn acknowledged(&self) -> &[Acknowledgement] {
        &self.acknowledged
    }

    /// The edits in force, oldest first.
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    /// Whether there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.current_id() != self.saved_id
    }

    /// The review as JSON (`nianbao-review/1`).
    pub fn to_json(&self) -> String {
        json::to_json(self)
    }

    /// Loads a review from JSON.
    pub fn from_json(json: &str) -> Result<Review, LoadError> {
        json::from_json(json)
    }

    /// Saves atomically (temp file in the same directory, fsync, rename);
    /// marks the review clean on success only.
    pub fn save(&mut self, path: &Path) -> Result<(), SaveError> {
        crate::atomic::write_atomic(path, self.to_json().as_bytes()).map_err(|source| {
            SaveError::Io {
                path: path.to_path_buf(),
                source,
            }
        })?;
        self.saved_id = self.current_id();
        Ok(())
    }

    /// Loads a saved review file.
    pub fn load(path: &Path) -> Result<Review, LoadError> {
        let text = std::fs::read_to_string(path).map_err(|source| LoadError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Review::from_json(&text)
    }

    fn current_id(&self) -> u64 {
        self.undo.last().map_or(0, |c| c.id)
    }

    fn perform(&mut self, change: Change) {
        self.apply(&change);
        let id = self.next_id;
        self.next_id += 1;
        self.undo.push(Command { id, change });
        self.redo.clear();
        self.rerun_checks();
    }

    fn rerun_checks(&mut self) {
        self.checks = checks::run(&self.report, &self.source.text);
    }

    fn apply(&mut self, change: &Change) {
        match change {
            Change::Cell {
                cell, after, edit, ..
            } => {
                self.report.cells.insert(*cell, after.clone());
                self.edits.push(edit.clone());
            }
            Change::Ack {
                check,
                before,
                after,
            } => {
                if before.is_some() {
                    self.acknowledged.retain(|a| &a.check != check);
                }
                if let Some(a) = after {
                    self.acknowledged.push(a.clone());
                }
            }
        }
    }

    fn revert(&mut self, change: &Change) {
        match change {
            Change::Cell { cell, before, .. } => {
                self.report.cells.insert(*cell, before.clone());
                self.edits.pop();
            }
            Change::Ack {
                check,
                before,
                after,
            } => {
                if after.is_some() {
                    self.acknowledged.retain(|a| &a.check != check);
                }
                if let Some((i, a)) = before {
                    let i = (*i).min(self.acknowledged.len());
                    self.acknowledged.insert(i, a.clone());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Layout;

    fn id(s: &str) -> CellId {
        CellId::parse(s).unwrap()
    }

    fn review() -> Review {
        let source = SourceText {
            text: "一、总体情况\n".to_string(),
            encoding: "UTF-8".to_string(),
            had_errors: false,
            ..Default::default()
        };
        Review::with_report("r.txt", source, Report::empty(Layout::default()))
    }

    #[test]
    fn undecodable_bytes_are_a_diagnostic() {
        let source = crate::source::decode(b"\xEF\xBB\xBFabc\xFF").unwrap();
        let r = Review::new("x.txt", source);
        assert!(r.report().diagnostics[0].message().contains("replaced"));
        assert_eq!(r.report().diagnostics[0].severity, Severity::Warning);
    }

    #[test]
    fn typed_text_is_parsed() {
        let c = id("requests.new_received.total");
        assert_eq!(parse_typed(c, " 12 ").value, Some(Value::Count(12)));
        assert_eq!(parse_typed(c, " 12 ").state, CellState::Edited);
        assert_eq!(parse_typed(c, "").state, CellState::Blank);
        for na in ["/", "-", "—"] {
            assert_eq!(parse_typed(c, na).state, CellState::NotApplicable);
        }
        let bad = parse_typed(c, "l2");
        assert_eq!(
            (bad.state, bad.raw.as_str(), bad.value),
            (CellState::Invalid, "l2", None)
        );
        assert_eq!(parse_typed(c, "1.5").state, CellState::Invalid);
        let fee = parse_typed(id("active.fees.amount"), "53624.202456");
        assert_eq!(fee.value, Some(Value::Decimal("53624.202456".into())));
    }

    #[test]
    fn edit_undo_redo_and_dirtiness() {
        let mut r = review();
        let c = id("requests.new_received.total");
        assert!(!r.is_dirty() && !r.can_undo() && !r.can_redo());
        r.set_reviewer(Some("王".into()));
        r.edit(c, "5");
        assert_eq!(r.report().count(c), Some(5));
        assert!(r.is_edited(c));
        assert_eq!(r.original(c).unwrap().state, CellState::Missing);
        assert_eq!(r.edits().len(), 1);
        assert_eq!(r.edits()[0].by.as_deref(), Some("王"));
        assert_eq!(
            (r.edits()[0].before.as_str(), r.edits()[0].after.as_str()),
            ("", "5")
        );
        assert!(r.is_dirty() && r.can_undo());
        assert!(r.undo());
        assert_eq!(r.report().count(c), None);
        assert!(r.edits().is_empty());
        assert!(!r.is_dirty(), "undo back to the loaded point is clean");
        assert!(r.redo());
        assert_eq!(r.report().count(c), Some(5));
        assert!(!r.redo());
        // A new action clears redo.
        r.undo();
        r.edit(c, "7");
        assert!(!r.can_redo());
        // Editing to the same content records nothing.
        r.edit(c, " 7 ");
        assert_eq!(r.edits().len(), 1);
    }

    #[test]
    fn saving_marks_clean_and_undoing_past_it_is_dirty() {
        let dir = std::env::temp_dir().join(format!("nianbao-review-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("r.review.json");
        let mut r = review();
        r.edit(id("appeals.review.total"), "3");
        r.save(&path).unwrap();
        assert!(!r.is_dirty());
        r.undo();
        assert!(r.is_dirty());
        r.redo();
        assert!(!r.is_dirty());
        r.undo();
        r.edit(id("appeals.review.total"), "3");
        assert!(
            r.is_dirty(),
            "same content via a different history is still a change"
        );
        let loaded = Review::load(&path).unwrap();
        assert!(!loaded.is_dirty() && !loaded.can_undo());
        assert_eq!(loaded.report().count(id("appeals.review.total")), Some(3));
        // A save that cannot happen leaves the review dirty.
        let mut r2 = review();
        r2.edit(id("appeals.review.total"), "1");
        assert!(r2.save(&dir.join("missing/dir/x.json")).is_err());
        assert!(r2.is_dirty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn acknowledge_unacknowledge_undo() {
        let mut r = review();
        let check: CheckId = "appeals.total.review".parse().unwrap();
        r.acknowledge(check, "the published table is wrong");
        assert!(r.is_acknowledged(check));
        r.acknowledge(check, "reworded");
        assert_eq!(r.acknowledged().len(), 1);
        assert_eq!(r.acknowledged()[0].note, "reworded");
        r.acknowledge("requests.balance.total".parse().unwrap(), "b");
        r.unacknowledge(&check.into());
        assert_eq!(r.acknowledged().len(), 1);
        r.undo();
        assert_eq!(r.acknowledged()[0].check, check);
        assert_eq!(r.acknowledged()[0].note, "reworded");
        r.undo();
        r.undo();
        assert_eq!(r.acknowledged()[0].note, "the published table is wrong");
        r.undo();
        assert!(r.acknowledged().is_empty());
        // A check the report does not have (a narrative one here) is not
        // acknowledged; a cross-year one is, being computed between files.
        r.acknowledge("narrative.handled".parse().unwrap(), "x");
        assert!(r.acknowledged().is_empty());
        r.acknowledge("cross_year.carry.total".parse().unwrap(), "y");
        assert_eq!(r.acknowledged().len(), 1);
    }

    #[test]
    fn accepting_a_suggestion_sets_an_inferred_value() {
        let mut r = review();
        for col in crate::template::APPLICANT_COLS {
            r.edit(
                CellId::new(crate::template::TableId::Requests, "new_received", col).unwrap(),
                "2",
            );
        }
        let total = id("requests.new_received.total");
        assert!(r.checks().suggestion(total).is_some());
        assert!(r.accept_suggestion(total));
        let cell = r.report().cell(total).unwrap();
        assert_eq!((cell.state, cell.count()), (CellState::Inferred, Some(12)));
        assert!(!r.accept_suggestion(id("requests.disclosed.total")));
        r.undo();
        assert_eq!(r.report().count(total), None);
    }
}
