//! Export for people who continue in Excel / WPS: the queue summary (one row
//! per report) and one review's corrected tables, as CSV ([`csv`]) and XLSX
//! ([`xlsx`]).
//!
//! Both formats are written from the same tables built here, so the CSV and
//! the XLSX never disagree.

pub mod csv;
pub mod xlsx;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::folder::{self, QueueRow, ScanControl};
use crate::i18n::Lang;
use crate::i18n::errors::open_line;
use crate::report::CellState;
use crate::review::Review;

/// One value of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    /// Text.
    Text(String),
    /// A count (written as a number in XLSX).
    Count(u64),
}

impl Field {
    /// The text written to CSV.
    pub fn text(&self) -> String {
        match self {
            Field::Text(t) => t.clone(),
            Field::Count(n) => n.to_string(),
        }
    }
}

impl From<&str> for Field {
    fn from(s: &str) -> Field {
        Field::Text(s.to_string())
    }
}

impl From<String> for Field {
    fn from(s: String) -> Field {
        Field::Text(s)
    }
}

impl From<usize> for Field {
    fn from(n: usize) -> Field {
        Field::Count(n as u64)
    }
}

/// A table: a header line and rows of fields.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Column names.
    pub header: Vec<String>,
    /// The rows, each as long as the header.
    pub rows: Vec<Vec<Field>>,
}

impl Table {
    /// The table as CSV text (no byte-order mark).
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        csv::record(&mut out, &self.header);
        for row in &self.rows {
            let fields: Vec<String> = row.iter().map(Field::text).collect();
            csv::record(&mut out, &fields);
        }
        out
    }
}

/// The fixed columns of the summary, before one column per check id.
pub const SUMMARY_COLUMNS: [&str; 13] = [
    "file",
    "issuer",
    "issuer_key",
    "year",
    "template",
    "state",
    "fail",
    "incomplete",
    "warning",
    "acknowledged",
    "unsure",
    "edits",
    "error",
];

/// The queue summary: one row per report (in the order given), the fixed
/// [`SUMMARY_COLUMNS`], then one column per check id that fails, is
/// incomplete or warns (unacknowledged) in at least one of the reports,
/// holding that status where it does (columns in order of first appearance).
pub fn summary<'a>(rows: impl IntoIterator<Item = &'a QueueRow>) -> Table {
    let rows: Vec<&QueueRow> = rows.into_iter().collect();
    let mut check_ids: Vec<crate::checks::CheckId> = Vec::new();
    for r in &rows {
        for (id, _) in r.open_problems() {
            if !check_ids.contains(&id) {
                check_ids.push(id);
            }
        }
    }
    let header = SUMMARY_COLUMNS
        .iter()
        .map(|c| c.to_string())
        .chain(check_ids.iter().map(|c| c.to_string()))
        .collect();
    let body = rows
        .iter()
        .map(|r| {
            let c = r.counts();
            let mut fields: Vec<Field> = vec![
                r.relative.as_str().into(),
                r.issuer_shown().into(),
                r.issuer_key.clone().unwrap_or_default().into(),
                r.year
                    .map_or(Field::Text(String::new()), |y| Field::Count(y.into())),
                r.template.map_or("", |t| t.id()).into(),
                r.state().id().into(),
                c.fail.into(),
                c.incomplete.into(),
                c.warning.into(),
                c.acknowledged.into(),
                r.unsure.into(),
                r.edits.into(),
                r.error
                    .as_ref()
                    .map_or_else(String::new, |e| e.to_string())
                    .into(),
            ];
            let open: Vec<_> = r.open_problems().collect();
            fields.extend(check_ids.iter().map(|id| {
                open.iter()
                    .find(|(o, _)| o == id)
                    .map_or(Field::Text(String::new()), |(_, s)| s.id().into())
            }));
            fields
        })
        .collect();
    Table { header, rows: body }
}

/// One review's cells, one row per cell: id, label (Chinese), value, state.
/// The value is the number, or the text as written when it is not one.
pub fn cells(review: &Review) -> Table {
    let report = review.report();
    let rows = report
        .layout
        .cells()
        .map(|id| {
            let cell = report.cell(id);
            let value = match cell {
                Some(c) => match &c.value {
                    Some(crate::report::Value::Count(n)) => Field::Count(*n),
                    Some(v) => Field::Text(v.to_string()),
                    None => Field::Text(c.raw.clone()),
                },
                None => Field::Text(String::new()),
            };
            let state = cell.map_or(CellState::Missing, |c| c.state);
            vec![
                Field::Text(id.to_string()),
                Field::Text(format!("{} · {}", id.table.label(), id.label())),
                value,
                Field::Text(state.id().to_string()),
            ]
        })
        .collect();
    Table {
        header: ["id", "label", "value", "state"].map(String::from).to_vec(),
        rows,
    }
}

/// Writes CSV text to a file, with the UTF-8 byte-order mark Excel and WPS
/// need to read Chinese text right (atomically, like every file nianbao
/// writes).
pub fn write_csv_file(path: &Path, csv_text: &str) -> io::Result<()> {
    let mut bytes = Vec::with_capacity(csv_text.len() + 3);
    bytes.extend_from_slice(csv::UTF8_BOM.as_bytes());
    bytes.extend_from_slice(csv_text.as_bytes());
    crate::atomic::write_atomic(path, &bytes)
}

/// `nianbao check PATH… --format csv`: the summary of every report in the
/// inputs (cross-year checks included) on `out`, errors on `err`. Returns
/// the exit code of `check`: 2 when an input could not be read (or a folder
/// holds no report), 1 when some report has failures, 0 otherwise.
/// Errors are in `lang`; the CSV is the same in both languages.
pub fn check_csv(paths: &[PathBuf], out: &mut impl Write, err: &mut impl Write, lang: Lang) -> u8 {
    let mut unreadable = false;
    for p in paths.iter().filter(|p| p.is_dir()) {
        if folder::find_reports(p).is_empty() {
            let _ = writeln!(err, "nianbao: {}", folder::nothing_to_check(p, lang));
            unreadable = true;
        }
    }
    let queue = match folder::scan_paths(paths, &ScanControl::new()) {
        Ok(q) => q,
        Err(e) => {
            let _ = writeln!(err, "nianbao: {e}");
            return 2;
        }
    };
    // A closed pipe (e.g. `| head`) is not an error worth reporting.
    let _ = out.write_all(summary(queue.rows()).to_csv().as_bytes());
    for r in queue.rows() {
        if let Some(e) = &r.error {
            let _ = writeln!(err, "nianbao: {}", open_line(&r.relative, e, lang));
            unreadable = true;
        }
    }
    if unreadable {
        2
    } else if queue.rows().iter().any(QueueRow::has_failures) {
        1
    } else {
        0
    }
}
