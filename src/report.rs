//! The extracted report: every cell of the template with its value, the raw
//! text it was read from, its byte span in the source and how sure the
//! extractor was.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::note::Note;
use crate::template::{CellId, Layout, TableId, TemplateVersion, ValueKind};

/// A byte range `[start, end)` into the decoded source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "[usize; 2]", into = "[usize; 2]")]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from two offsets.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Whether `offset` lies inside the span.
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl From<[usize; 2]> for Span {
    fn from(a: [usize; 2]) -> Span {
        Span::new(a[0], a[1])
    }
}

impl From<Span> for [usize; 2] {
    fn from(s: Span) -> [usize; 2] {
        [s.start, s.end]
    }
}

/// A well-formed cell value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    /// A non-negative integer count.
    Count(u64),
    /// A non-negative decimal, kept as its digits (e.g. "53624.202456").
    Decimal(String),
}

impl Value {
    /// The value as a count, if it is one.
    pub fn as_count(&self) -> Option<u64> {
        match self {
            Value::Count(n) => Some(*n),
            Value::Decimal(_) => None,
        }
    }

    /// Parses clean text (ASCII digits, optional single '.') into a value of
    /// the given kind. OCR-tolerant reading lives in `extract::number`.
    pub fn parse_clean(text: &str, kind: ValueKind) -> Option<Value> {
        let t = text.trim();
        if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return None;
        }
        match kind {
            ValueKind::Count => t.parse::<u64>().ok().map(Value::Count),
            ValueKind::Decimal => {
                let dots = t.bytes().filter(|&b| b == b'.').count();
                if dots > 1 || t.starts_with('.') || t.ends_with('.') {
                    None
                } else {
                    Some(Value::Decimal(t.to_string()))
                }
            }
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Count(n) => write!(f, "{n}"),
            Value::Decimal(s) => f.write_str(s),
        }
    }
}

/// Where a cell's content stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CellState {
    /// Read from the text as a well-formed number.
    Extracted,
    /// The report left the cell empty.
    Blank,
    /// The report marked it not applicable ("/", "-", "—").
    NotApplicable,
    /// The extraction could not find it.
    #[default]
    Missing,
    /// Text that is not a well-formed number (kept as written).
    Invalid,
    /// Derived by nianbao (e.g. a split chosen by the template's arithmetic).
    Inferred,
    /// Set by a person.
    Edited,
}

impl CellState {
    /// The JSON / CLI name.
    pub fn id(self) -> &'static str {
        match self {
            CellState::Extracted => "extracted",
            CellState::Blank => "blank",
            CellState::NotApplicable => "not_applicable",
            CellState::Missing => "missing",
            CellState::Invalid => "invalid",
            CellState::Inferred => "inferred",
            CellState::Edited => "edited",
        }
    }
}

/// One cell of the report.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// The value, when the cell holds a well-formed number.
    pub value: Option<Value>,
    /// The text the value was read from (or typed), as written.
    pub raw: String,
    /// Where in the source text it was read (none for missing, edited, inferred).
    pub span: Option<Span>,
    /// The state.
    pub state: CellState,
    /// How sure the extractor is, 0.0–1.0 (1.0 for a clean read under a
    /// well-matched label; lower for loose label matches or repaired text).
    pub confidence: f32,
    /// Why the extractor is unsure, or how the value was inferred.
    pub notes: Vec<Note>,
}

impl Cell {
    /// A cell the extraction did not find, with the reason.
    pub fn missing(note: Note) -> Cell {
        Cell {
            state: CellState::Missing,
            notes: vec![note],
            ..Cell::default()
        }
    }

    /// The notes as one English sentence, if any.
    pub fn note_text(&self) -> Option<String> {
        (!self.notes.is_empty()).then(|| crate::note::joined(&self.notes))
    }

    /// The count held, if any.
    pub fn count(&self) -> Option<u64> {
        self.value.as_ref().and_then(Value::as_count)
    }

    /// Whether a value read from the text is one the extractor was unsure
    /// of (a loose label match, a number joined from pieces, a row placed by
    /// order): a clerk should look at it against the source.
    pub fn is_unsure(&self) -> bool {
        self.state == CellState::Extracted && self.value.is_some() && self.confidence < SURE
    }
}

/// The confidence below which a value read from the text counts as unsure.
pub const SURE: f32 = 0.95;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// The extraction is unsure about part of the report.
    Warning,
    /// A part of the report could not be read.
    Error,
}

/// Something the extractor wants the reader to know (an unsure row, an
/// unreadable table, a format it does not check). In JSON: the note as an
/// English `message` and as its typed value (`note`, with its `kind`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "DiagnosticJson", from = "DiagnosticJson")]
pub struct Diagnostic {
    /// How serious.
    pub severity: Severity,
    /// The table concerned, if any (`active`, `requests`, `appeals`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The cells concerned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<CellId>,
    /// Where in the source it concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// What is wrong.
    pub note: Note,
}

impl Diagnostic {
    /// What is wrong, as an English sentence.
    pub fn message(&self) -> String {
        self.note.to_string()
    }
}

/// A diagnostic as JSON writes it: the sentence and the typed note; a
/// review saved before notes were typed has the sentence only.
#[derive(Serialize, Deserialize)]
struct DiagnosticJson {
    severity: Severity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    table: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cells: Vec<CellId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    span: Option<Span>,
    message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<Note>,
}

impl From<Diagnostic> for DiagnosticJson {
    fn from(d: Diagnostic) -> DiagnosticJson {
        DiagnosticJson {
            severity: d.severity,
            table: d.table,
            cells: d.cells,
            span: d.span,
            message: d.note.to_string(),
            note: Some(d.note),
        }
    }
}

impl From<DiagnosticJson> for Diagnostic {
    fn from(d: DiagnosticJson) -> Diagnostic {
        Diagnostic {
            severity: d.severity,
            table: d.table,
            cells: d.cells,
            span: d.span,
            note: d.note.unwrap_or(Note::Text { text: d.message }),
        }
    }
}

/// The extracted report.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// The issuing body, as written (e.g. 克拉玛依市人民政府), if found.
    pub issuer: Option<String>,
    /// The issuer with OCR noise and spacing normalised, if it differs.
    pub issuer_normalized: Option<String>,
    /// The report year, if found.
    pub year: Option<u16>,
    /// Which template the report follows.
    pub template: TemplateVersion,
    /// The grid shape (whether table B has the 小计 column).
    pub layout: Layout,
    /// Every cell of `layout`.
    pub cells: BTreeMap<CellId, Cell>,
    /// Tables that could not be read at all (their cells are all missing).
    pub unreadable: Vec<TableId>,
    /// Tables the text gives with no row structure (one value per line),
    /// read in reading order where the values confirmed the rows: every
    /// value in them deserves a look.
    pub by_order: Vec<TableId>,
    /// What the extractor is unsure about.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// A report with every cell of the layout `missing`.
    pub fn empty(layout: Layout) -> Report {
        Report {
            layout,
            cells: layout
                .cells()
                .map(|id| (id, Cell::missing(Note::NotFound)))
                .collect(),
            ..Report::default()
        }
    }

    /// The cell, if the layout has it.
    pub fn cell(&self, id: CellId) -> Option<&Cell> {
        self.cells.get(&id)
    }

    /// The count in a cell, if it holds one.
    pub fn count(&self, id: CellId) -> Option<u64> {
        self.cells.get(&id).and_then(Cell::count)
    }

    /// The cell whose span contains a source offset (for "click a number in
    /// the text to select its cell").
    pub fn cell_at(&self, offset: usize) -> Option<CellId> {
        self.cells
            .iter()
            .find(|(_, c)| c.span.is_some_and(|s| s.contains(offset)))
            .map(|(id, _)| *id)
    }
}
