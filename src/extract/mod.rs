//! Decoded text → [`Report`], with a provenance span on every cell.
//!
//! CONTRACT: `extract(text)` is the one entry point; keep it.
//!
//! The pipeline: [`sections`] finds the three table regions (and the issuer,
//! year and template version); a [`tokenize`] tokenizer chosen by the layout
//! family turns each region into rows of fields; [`segment`] groups fields
//! into label + values segments; [`matcher`] walks the template's fixed
//! order, matching labels ([`normalize`]) and reading values ([`number`]).
//! A new layout is a new tokenizer, not a new extractor.

mod matcher;
mod normalize;
mod number;
mod sections;
mod segment;
mod tokenize;

use crate::report::{Cell, Diagnostic, Report, Severity};
use crate::template::{CellId, Layout, TableId, TemplateVersion};

use matcher::{Shape, TableRead};
use segment::Segment;

/// Extracts every cell of the template from a decoded report text.
pub fn extract(text: &str) -> Report {
    let title = sections::title(text);
    let regions = sections::regions(text);
    let with_title = |mut r: Report| {
        r.issuer = title.issuer.clone();
        r.issuer_normalized = title.issuer_normalized.clone();
        r.year = title.year;
        r
    };
    if regions.is_empty() {
        let mut r = with_title(Report::empty(Layout::default()));
        r.template = TemplateVersion::Unknown;
        r.diagnostics.push(diagnostic(
            Severity::Error,
            None,
            "no report tables found".to_string(),
        ));
        return r;
    }
    if sections::is_2019_template(text, &regions) {
        let mut r = with_title(Report::empty(Layout::default()));
        r.template = TemplateVersion::V2019;
        r.diagnostics.push(diagnostic(
            Severity::Error,
            None,
            "2019 format, not supported for checking: table A has the 2019 columns (本年新制作数量 / 本年新公开数量 / 对外公开总数量); its cells are left missing".to_string(),
        ));
        return r;
    }

    let family = tokenize::detect(text, regions.span().unwrap_or(0..text.len()));
    let segs = |range: &Option<std::ops::Range<usize>>| -> Vec<Segment> {
        range.as_ref().map_or_else(Vec::new, |r| {
            segment::segments(text, &tokenize::rows(text, r.clone(), family))
        })
    };
    let active = segs(&regions.active);
    let requests = segs(&regions.requests);
    let appeals = segs(&regions.appeals);

    let header = header_text(text, &requests);
    let layout = Layout {
        org_subtotal: header.contains("小计"),
    };
    let shape = Shape {
        family,
        header_has_total: requests.is_empty() || header.contains("总计") || header.contains("合计"),
        request_cols: layout.cols(TableId::Requests, 0),
    };

    let mut report = with_title(Report::empty(layout));
    for (table, range, segs) in [
        (TableId::Active, &regions.active, &active),
        (TableId::Requests, &regions.requests, &requests),
        (TableId::Appeals, &regions.appeals, &appeals),
    ] {
        if range.is_none() {
            report.diagnostics.push(diagnostic(
                Severity::Warning,
                Some(table),
                format!(
                    "table {} not found in the text; its cells are missing",
                    table.id()
                ),
            ));
            continue;
        }
        let read = match table {
            TableId::Appeals => matcher::read_appeals(text, segs, shape),
            _ => matcher::read_rows(text, segs, table, shape),
        };
        apply(&mut report, table, read);
    }
    report
}

/// The label text of table B's header (the segments before the first row of
/// values), compacted.
fn header_text(text: &str, segs: &[Segment]) -> String {
    let mut out = String::new();
    for s in segs.iter().take_while(|s| s.filled() == 0) {
        for l in &s.labels {
            out.push_str(&normalize::compact(&text[l.start..l.end]));
        }
    }
    out
}

fn diagnostic(severity: Severity, table: Option<TableId>, message: String) -> Diagnostic {
    Diagnostic {
        severity,
        table: table.map(|t| t.id().to_string()),
        cells: Vec::new(),
        span: None,
        message,
    }
}

/// Writes one table's reading into the report.
fn apply(report: &mut Report, table: TableId, read: TableRead) {
    let layout = report.layout;
    for (row, why) in &read.missing_rows {
        for col in layout.cols(table, *row) {
            let id = CellId {
                table,
                row: *row as u8,
                col: col.id,
            };
            report.cells.insert(id, Cell::missing(why.clone()));
        }
    }
    for (row, col, cell) in read.cells {
        let id = CellId {
            table,
            row: row as u8,
            col,
        };
        if layout.contains(id) {
            report.cells.insert(id, cell);
        }
    }
    if read.unreadable {
        report.unreadable.push(table);
        for id in layout.cells().filter(|c| c.table == table) {
            report
                .cells
                .insert(id, Cell::missing("the table cannot be read row by row"));
        }
    }
    report.diagnostics.extend(read.diagnostics);
}
