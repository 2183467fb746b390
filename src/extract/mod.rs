//! Decoded text → [`Report`], with a provenance span on every cell.
//!
//! CONTRACT: `extract(text)` is the one entry point; keep it.
//!
//! The pipeline: [`sections`] finds the three table regions (and the issuer,
//! year and template version); a [`tokenize`] tokenizer chosen by the layout
//! family turns each region into rows of fields; [`segment`] groups fields
//! into label + values segments; [`matcher`] walks the template's fixed
//! order, matching labels ([`normalize`]); [`cells`] places each row's values
//! ([`number`]) into its columns.
//! A table with no row structure at all (plain pdftotext: one value per line,
//! labels before, after or away from their numbers) is read in reading order
//! ([`ordered`]) only where its own arithmetic and the labels beside the
//! values confirm every row.
//! A new layout is a new tokenizer, not a new extractor; HTML markup
//! ([`html`]) is read through its visible text, which keeps the source's byte
//! offsets, so every span points into the source.
//!
//! Cell states, as the extractor sets them:
//! - `extracted`: a well-formed number under a matched row label (confidence
//!   below 1 when the label matched loosely, the number was joined from
//!   pieces, or a short row was read by evidence; the note says which);
//! - `blank`: the layout shows an empty cell at that position (an empty line
//!   in a cell-per-line table, an empty field between two values on a row);
//! - `not_applicable`: "/", "-", "—", "／", "－" and "无" (a word, not 0);
//! - `invalid`: text in a value position that is not a well-formed number
//!   ("1O", "l2", "12件", a damaged "#"), kept as written, the note says why;
//! - `inferred`: one of a row's cells that ran together with no separator
//!   ("规章010", [`runs`]), split where the template's arithmetic admits
//!   exactly one split; the note names the checks used to choose it (they are
//!   not independent evidence for the cell), the span shows its digits;
//! - `missing`: not found, or not placeable without guessing (the note and a
//!   diagnostic say why). `edited` is never set here.

mod anchors;
mod cells;
mod html;
mod matcher;
mod normalize;
mod number;
mod ordered;
mod runs;
mod sections;
mod segment;
mod short_rows;
mod title;
mod tokenize;

use crate::note::Note;
use crate::report::{Cell, CellState, Diagnostic, Report, Severity, Span};
use crate::template::{CellId, Layout, TableId, TemplateVersion};

use matcher::{Shape, TableRead};
use segment::Segment;

/// Whether a text is HTML markup (a saved or scraped web page, or a table
/// in markup), which the extractor reads through its visible text.
pub fn looks_like_html(text: &str) -> bool {
    html::looks_like_html(text)
}

/// Extracts every cell of the template from a decoded report text.
pub fn extract(text: &str) -> Report {
    // HTML markup is read through its visible text, which has the source's
    // byte offsets: every span below points into the source.
    let markup = html::looks_like_html(text)
        .then(|| html::read(text))
        .flatten();
    let text = markup.as_ref().map_or(text, |m| m.text.as_str());
    let title = title::title(text);
    let regions = sections::regions(text);
    let with_title = |mut r: Report| {
        r.issuer = title.issuer.clone();
        r.issuer_normalized = title.issuer_normalized.clone();
        r.year = title.year;
        if let (Some(issuer), Some(from)) = (&title.issuer, &title.issuer_from) {
            r.diagnostics.push(diagnostic(
                Severity::Info,
                None,
                Note::IssuerFrom {
                    issuer: issuer.clone(),
                    from: from.clone(),
                },
            ));
        }
        if let (Some(year), Some(from)) = (title.year, &title.year_from) {
            r.diagnostics.push(diagnostic(
                Severity::Info,
                None,
                Note::YearFrom {
                    year,
                    from: from.clone(),
                },
            ));
        }
        r
    };
    if regions.is_empty() {
        // No headings: the tables are found by their rows, wherever they sit.
        if sections::is_2019_template(text, &regions) {
            return report_2019(with_title(Report::empty(Layout::default())));
        }
        let layout = Layout {
            org_subtotal: text.contains("小计"),
        };
        let found = anchors::read(text, layout.cols(TableId::Requests, 0));
        if found.any_value() {
            let mut r = with_title(Report::empty(layout));
            r.diagnostics
                .push(diagnostic(Severity::Info, None, Note::FoundByLabels));
            fill_from(&mut r, found);
            return r;
        }
        let mut r = with_title(Report::empty(Layout::default()));
        r.template = TemplateVersion::Unknown;
        r.diagnostics
            .push(diagnostic(Severity::Error, None, Note::NoTables));
        return r;
    }
    if sections::is_2019_template(text, &regions) {
        return report_2019(with_title(Report::empty(Layout::default())));
    }

    let family = tokenize::detect(text, regions.span().unwrap_or(0..text.len()));
    // Each table's rows: from the markup when it has rows there, else from
    // the lines (a markdown document may hold one table as HTML).
    let mut families = [family; 3];
    let mut segs = |i: usize, range: &Option<std::ops::Range<usize>>| -> Vec<Segment> {
        let Some(r) = range else {
            return Vec::new();
        };
        if let Some(m) = &markup {
            let rows: Vec<Vec<Span>> = m
                .rows
                .iter()
                .filter(|row| row.first().is_some_and(|f| r.contains(&f.start)))
                .cloned()
                .collect();
            if !rows.is_empty() {
                families[i] = tokenize::Family::Html;
                return segment::segments(text, &rows);
            }
        }
        segment::segments(text, &tokenize::rows(text, r.clone(), family))
    };
    let active = segs(0, &regions.active);
    let requests = segs(1, &regions.requests);
    let appeals = segs(2, &regions.appeals);

    let header = header_text(text, &requests);
    let layout = Layout {
        org_subtotal: header.contains("小计"),
    };
    let shape = Shape {
        family,
        // Evidence that 总计 is lost needs a header that is there at all.
        header_has_total: !header.contains("自然人")
            || header.contains("总计")
            || header.contains("合计"),
        request_cols: layout.cols(TableId::Requests, 0),
    };

    let mut report = with_title(Report {
        layout,
        ..Report::default()
    });
    let mut cells: Vec<(CellId, Cell)> = Vec::with_capacity(layout.cells().count());
    for (i, (table, range, segs)) in [
        (TableId::Active, &regions.active, &active),
        (TableId::Requests, &regions.requests, &requests),
        (TableId::Appeals, &regions.appeals, &appeals),
    ]
    .into_iter()
    .enumerate()
    {
        let shape = Shape {
            family: families[i],
            ..shape
        };
        if range.is_none() {
            let read = TableRead {
                diagnostics: vec![diagnostic(
                    Severity::Warning,
                    Some(table),
                    Note::TableNotFound { table },
                )],
                ..TableRead::default()
            };
            apply(&mut report, &mut cells, table, read);
            continue;
        }
        let mut read = match table {
            TableId::Appeals => matcher::read_appeals(text, segs, shape),
            _ => matcher::read_rows(text, segs, table, shape),
        };
        // A table with no row structure (plain pdftotext: one value per
        // line) is read in reading order where the order can be trusted: it
        // replaces a reading that failed, or completes one it agrees with.
        if (read.unreadable || !read.missing_rows.is_empty())
            && let Some(range) = range
        {
            let ordered = match table {
                TableId::Active => Some(ordered::read_active(text, range.clone())),
                TableId::Requests => Some(ordered::read_requests(
                    text,
                    range.clone(),
                    shape.request_cols,
                )),
                TableId::Appeals => Some(ordered::read_appeals(text, range.clone())),
            };
            match ordered {
                Some(Ok(o)) if read.unreadable || agrees(&read, &o.read) => {
                    read = o.read;
                    report.by_order.push(table);
                }
                // Labels printed after their values: a labelled reading took
                // each label with the next row's values.
                Some(Ok(o))
                    if (o.labels_after.len() >= 2 && o.labels_after.len() > o.labels_before)
                        || differing_rows(&read, &o.read)
                            .iter()
                            .all(|r| o.labels_after.contains(r)) =>
                {
                    let mut o = o;
                    o.read.diagnostics.push(diagnostic(
                        Severity::Warning,
                        Some(table),
                        Note::LabelsAfterOrderTaken {
                            table,
                            labels: o.labels_after.len(),
                        },
                    ));
                    read = o.read;
                    report.by_order.push(table);
                }
                // Two readings that differ, and nothing says which is right:
                // only the cells they agree on are taken.
                Some(Ok(o)) => {
                    let differ = keep_agreeing(&mut read, &o.read);
                    read.diagnostics.push(diagnostic(
                        Severity::Warning,
                        Some(table),
                        Note::OrderDisagrees {
                            table,
                            cells: differ,
                        },
                    ));
                }
                Some(Err(why)) if read.unreadable => read.diagnostics.push(diagnostic(
                    Severity::Info,
                    Some(table),
                    Note::OrderNotEither {
                        table,
                        why: Box::new(why),
                    },
                )),
                // The order does not confirm the rows, but where labels stand
                // after their values a labelled reading took each with the
                // next row's values: all of the table when most do, else
                // those rows.
                Some(Err(why)) => {
                    let sides =
                        ordered::label_sides(text, range.clone(), table, shape.request_cols)
                            .unwrap_or_default();
                    if sides.mostly_after() {
                        let mut d = diagnostic(
                            Severity::Error,
                            Some(table),
                            Note::LabelsAfterUnconfirmed {
                                table,
                                why: Box::new(why),
                            },
                        );
                        d.span = Some(Span::new(range.start, range.start));
                        read = matcher::TableRead {
                            unreadable: true,
                            diagnostics: vec![d],
                            ..matcher::TableRead::default()
                        };
                    } else if !sides.after.is_empty() {
                        drop_rows(&mut read, &sides.after);
                        read.diagnostics.push(diagnostic(
                            Severity::Warning,
                            Some(table),
                            Note::LabelsAfterRows {
                                table,
                                labels: sides.after.len(),
                            },
                        ));
                    }
                }
                _ => {}
            }
        }
        // Plain lines whose first values come before any row label and whose
        // last row got none: the labels follow their values, and a reading
        // by the labels gave each row the next row's values.
        if !read.unreadable
            && shape.family == tokenize::Family::PlainLines
            && labels_follow_values(text, segs, table, &read)
        {
            let mut d = diagnostic(
                Severity::Error,
                Some(table),
                Note::LabelsFollowValues { table },
            );
            d.span = range.as_ref().map(|r| Span::new(r.start, r.start));
            read = matcher::TableRead {
                unreadable: true,
                diagnostics: vec![d],
                ..matcher::TableRead::default()
            };
        }
        // A row read one cell short keeps its values only where arithmetic
        // shows the lost cell is the last.
        if !read.unreadable {
            short_rows::confirm(&mut read, table, shape.cols(table, 0));
        }
        apply(&mut report, &mut cells, table, read);
    }
    // Built at once from the cells of the three tables (no insert each).
    report.cells = cells.into_iter().collect();
    // What the layout's rows left missing, the row labels anywhere in the
    // text may give (each row on its own evidence).
    if report.cells.values().any(|c| c.state == CellState::Missing) {
        fill_from(&mut report, anchors::read(text, shape.request_cols));
    }
    let no_values = report.unreadable.is_empty()
        && report.cells.values().all(|c| c.state == CellState::Missing);
    if no_values {
        // Headings, but no table under them.
        report.template = TemplateVersion::Unknown;
        report.diagnostics.push(diagnostic(
            Severity::Error,
            None,
            Note::NoValuesUnderHeadings,
        ));
    }
    report
}

/// A report of the 2019 template: recognised, its cells left missing.
fn report_2019(mut r: Report) -> Report {
    r.template = TemplateVersion::V2019;
    r.diagnostics
        .push(diagnostic(Severity::Error, None, Note::Template2019));
    r
}

/// Fills the report's missing cells from the rows found by their labels; a
/// cell already read keeps its reading (a different one is reported). A
/// table that was unreadable and gets cells this way is unreadable no more.
fn fill_from(report: &mut Report, found: anchors::Anchored) {
    let mut filled = [0usize; 3];
    let mut differ = 0usize;
    for (t, table) in TableId::ALL.into_iter().enumerate() {
        for (row, col, cell) in found.table(table) {
            let id = CellId {
                table,
                row: *row as u8,
                col,
            };
            let Some(have) = report.cells.get_mut(&id) else {
                continue;
            };
            if have.state == CellState::Missing {
                if cell.state != CellState::Missing {
                    filled[t] += 1;
                    *have = cell.clone();
                }
            } else if have.value.is_some() && cell.value.is_some() && have.value != cell.value {
                // Two readings of one cell that disagree: neither is taken.
                differ += 1;
                let (a, b) = (have.raw.clone(), cell.raw.clone());
                *have = Cell::missing(Note::ReadTwoWays {
                    layout: a,
                    labels: b,
                });
            }
        }
    }
    for (t, table) in TableId::ALL.into_iter().enumerate() {
        if filled[t] > 0 {
            report.unreadable.retain(|u| *u != table);
            report.diagnostics.push(diagnostic(
                Severity::Info,
                Some(table),
                Note::CellsByLabels {
                    table,
                    cells: filled[t],
                },
            ));
        }
    }
    if differ > 0 {
        report.diagnostics.push(diagnostic(
            Severity::Warning,
            None,
            Note::CellsReadTwoWays { cells: differ },
        ));
    }
    if filled.iter().sum::<usize>() + differ > 0 {
        report.diagnostics.extend(found.diagnostics);
    }
}

/// The rows where `read` placed a value from the text that `other` does not
/// place there.
fn differing_rows(read: &TableRead, other: &TableRead) -> Vec<usize> {
    let mut rows: Vec<usize> = read
        .cells
        .iter()
        .filter(|(row, col, cell)| {
            cell.span.is_some()
                && !other
                    .cells
                    .iter()
                    .any(|(r, c, o)| r == row && c == col && o.span == cell.span)
        })
        .map(|(row, _, _)| *row)
        .collect();
    rows.dedup();
    rows
}

/// Whether a labelled reading shows the signature of labels printed after
/// their values: values before the first label naming a row, and the last
/// row without a value read from the text.
fn labels_follow_values(text: &str, segs: &[Segment], table: TableId, read: &TableRead) -> bool {
    let Some(first) = segs.iter().find(|s| s.filled() > 0) else {
        return false;
    };
    if ordered::names_row(text, table, &first.labels) {
        return false;
    }
    let last = table.rows().len() - 1;
    !read
        .cells
        .iter()
        .any(|(r, _, c)| *r == last && c.span.is_some() && c.value.is_some())
}

/// Leaves the cells of `rows` missing (their reading is not to be trusted).
fn drop_rows(read: &mut TableRead, rows: &[usize]) {
    for (row, _, cell) in &mut read.cells {
        if rows.contains(row) && cell.span.is_some() {
            *cell = Cell::missing(Note::LabelAfterValues);
        }
    }
}

/// Keeps the cells of `read` that `other` places at the same place from the
/// same text; the others become missing. Returns how many differ.
fn keep_agreeing(read: &mut TableRead, other: &TableRead) -> usize {
    let mut differ = 0;
    for (row, col, cell) in &mut read.cells {
        let same = cell.span.is_none()
            || other
                .cells
                .iter()
                .any(|(r, c, o)| r == row && c == col && o.span == cell.span);
        if !same {
            differ += 1;
            *cell = Cell::missing(Note::OrderDisagreesHere);
        }
    }
    differ
}

/// Whether every cell one reading placed from the text sits at the same place
/// in another reading.
fn agrees(read: &TableRead, other: &TableRead) -> bool {
    read.cells.iter().all(|(row, col, cell)| {
        cell.span.is_none()
            || other
                .cells
                .iter()
                .any(|(r, c, o)| r == row && c == col && o.span == cell.span)
    })
}

/// The label text of table B's header (the segments before the first
/// number), compacted.
fn header_text(text: &str, segs: &[Segment]) -> String {
    let mut out = String::new();
    let has_number = |s: &&Segment| {
        s.items
            .iter()
            .any(|i| matches!(i.reading, Some(number::Reading::Number(_))))
    };
    for s in segs.iter().take_while(|s| !has_number(s)) {
        for l in &s.labels {
            out.push_str(&normalize::compact(&text[l.start..l.end]));
        }
    }
    out
}

fn diagnostic(severity: Severity, table: Option<TableId>, note: Note) -> Diagnostic {
    Diagnostic {
        severity,
        table: table.map(|t| t.id().to_string()),
        cells: Vec::new(),
        span: None,
        note,
    }
}

/// Writes one table's reading into the report: every cell of the table is
/// set, read cells as read, the others missing with the reason.
fn apply(report: &mut Report, cells: &mut Vec<(CellId, Cell)>, table: TableId, read: TableRead) {
    let layout = report.layout;
    // One slot per cell of the table, in layout order: row by row, column
    // by column. A later reading of the same cell replaces an earlier one.
    let rows = table.rows().len();
    let mut first = Vec::with_capacity(rows + 1);
    let mut n = 0;
    for row in 0..rows {
        first.push(n);
        n += layout.cols(table, row).len();
    }
    first.push(n);
    let mut slots: Vec<Option<Cell>> = vec![None; n];
    let mut put = |row: usize, col: &str, cell: Cell| {
        if row >= rows {
            return;
        }
        if let Some(i) = layout.cols(table, row).iter().position(|c| c.id == col) {
            slots[first[row] + i] = Some(cell);
        }
    };
    if read.unreadable {
        report.unreadable.push(table);
    } else {
        for (row, why) in &read.missing_rows {
            for col in layout.cols(table, *row) {
                put(*row, col.id, Cell::missing(why.clone()));
            }
        }
        for (row, col, cell) in read.cells {
            put(row, col, cell);
        }
    }
    let why = if read.unreadable {
        Note::TableUnreadable
    } else {
        Note::NotFound
    };
    let mut slots = slots.into_iter();
    for row in 0..rows {
        for col in layout.cols(table, row) {
            let id = CellId {
                table,
                row: row as u8,
                col: col.id,
            };
            let cell = slots
                .next()
                .flatten()
                .unwrap_or_else(|| Cell::missing(why.clone()));
            cells.push((id, cell));
        }
    }
    report.diagnostics.extend(read.diagnostics);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Value;

    /// A small 2021-format report in tab rows; `row` gives each table B row's
    /// value fields.
    fn tab_report(header: &str, row: impl Fn(usize) -> String) -> String {
        let mut t = String::from(
            "某某县人民政府2024年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n",
        );
        t.push_str("第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n");
        t.push_str("规章\t1\t/\t5\n规范性文件\t2\t0\t9\n行政许可\t3\n行政处罚\t4\n行政强制\t5\n行政事业性收费\t1.5\n");
        t.push_str("三、收到和处理政府信息公开申请情况\n");
        t.push_str(header);
        for (i, r) in TableId::Requests.rows().iter().enumerate() {
            t.push_str(&format!("{}\t{}\n", r.label, row(i)));
        }
        t.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
        t.push_str(&["1"; 15].join("\t"));
        t.push_str("\n五、存在的主要问题及改进情况\n无。\n");
        t
    }

    fn cell<'a>(r: &'a Report, id: &str) -> &'a Cell {
        r.cell(CellId::parse(id).unwrap()).unwrap()
    }

    const HEADER: &str =
        "\t申请人情况\n\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n";

    #[test]
    fn states_of_odd_cells() {
        let text = tab_report(HEADER, |i| {
            if i == 0 {
                "5\t—\tl2\t0\t12件\t0\t5".to_string()
            } else {
                ["0"; 7].join("\t")
            }
        });
        let r = extract(&text);
        assert_eq!(r.template, TemplateVersion::V2021);
        assert_eq!(r.issuer.as_deref(), Some("某某县人民政府"));
        assert_eq!(r.year, Some(2024));
        assert_eq!(
            cell(&r, "requests.new_received.natural_person").value,
            Some(Value::Count(5))
        );
        let na = cell(&r, "requests.new_received.commercial");
        assert_eq!(na.state, CellState::NotApplicable);
        let bad = cell(&r, "requests.new_received.research");
        assert_eq!(
            (bad.state, bad.raw.as_str(), bad.value.clone()),
            (CellState::Invalid, "l2", None)
        );
        assert!(
            matches!(
                &bad.notes[..],
                [Note::Malformed {
                    why: crate::note::Malformed::Letter { letter: 'l' }
                }]
            ),
            "{:?}",
            bad.notes
        );
        assert_eq!(
            cell(&r, "requests.new_received.legal_services").state,
            CellState::Invalid
        );
        assert_eq!(
            cell(&r, "active.rules.repealed").state,
            CellState::NotApplicable
        );
        assert_eq!(
            cell(&r, "active.fees.amount").value,
            Some(Value::Decimal("1.5".into()))
        );
        assert_eq!(
            cell(&r, "appeals.litigation_after_review.total").value,
            Some(Value::Count(1))
        );
        // Provenance: the span shows the raw text.
        let s = bad.span.unwrap();
        assert_eq!(&text[s.start..s.end], "l2");
    }

    #[test]
    fn subtotal_column_is_recognised() {
        let header = "\t申请人情况\n\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t小计\t总计\n";
        let text = tab_report(header, |_| "3\t1\t0\t0\t0\t1\t2\t5".to_string());
        let r = extract(&text);
        assert!(r.layout.org_subtotal);
        assert_eq!(r.cells.len(), 225);
        assert_eq!(
            cell(&r, "requests.disclosed.org_subtotal").value,
            Some(Value::Count(2))
        );
        assert_eq!(
            cell(&r, "requests.disclosed.total").value,
            Some(Value::Count(5))
        );
    }

    #[test]
    fn a_short_row_is_missing_not_shifted() {
        let text = tab_report(HEADER, |i| {
            if i == 3 {
                "1\t0\t0\t0\t1".to_string()
            } else {
                ["0"; 7].join("\t")
            }
        });
        let r = extract(&text);
        for col in ["natural_person", "total"] {
            assert_eq!(
                cell(&r, &format!("requests.partly_disclosed.{col}")).state,
                CellState::Missing
            );
        }
        assert_eq!(
            cell(&r, "requests.withheld_state_secret.total").value,
            Some(Value::Count(0))
        );
        assert!(
            r.diagnostics
                .iter()
                .any(|d| d.message().contains("uncertain"))
        );
    }

    #[test]
    fn an_empty_field_between_values_is_a_blank_cell() {
        let text = "二、主动公开政府信息情况\n规章\t1\t\t5\n规范性文件\t2\t－\t9\n行政许可\t3\n三、收到和处理政府信息公开申请情况\n";
        let r = extract(text);
        assert_eq!(cell(&r, "active.rules.repealed").state, CellState::Blank);
        assert_eq!(
            cell(&r, "active.rules.in_force").value,
            Some(Value::Count(5))
        );
        let na = cell(&r, "active.normative_documents.repealed");
        assert_eq!(
            (na.state, na.raw.as_str()),
            (CellState::NotApplicable, "－")
        );
    }

    #[test]
    fn headings_without_tables_are_no_report_tables() {
        let text = "二、主动公开政府信息情况\n本年度主动公开信息若干。\n三、收到和处理政府信息公开申请情况\n本年度未收到申请。\n";
        let r = extract(text);
        assert_eq!(r.template, TemplateVersion::Unknown);
        assert!(
            r.diagnostics
                .iter()
                .any(|d| d.message().contains("no report tables found"))
        );
    }

    #[test]
    fn blank_cells_in_cell_per_line() {
        let text = "二、主动公开政府信息情况\n\n\t第二十条第（一）项\n\n\t规章\n\t1\n\t\n\t5\n\n\t行政许可\n\t７\n\n三、收到和处理政府信息公开申请情况\n";
        let r = extract(text);
        let blank = cell(&r, "active.rules.repealed");
        assert_eq!(blank.state, CellState::Blank);
        assert_eq!(blank.value, None);
        assert_eq!(
            cell(&r, "active.rules.in_force").value,
            Some(Value::Count(5))
        );
        assert_eq!(
            cell(&r, "active.licensing.decisions").value,
            Some(Value::Count(7))
        );
    }

    #[test]
    fn values_without_labels_make_the_table_unreadable() {
        let mut text = String::from("三、收到和处理政府信息公开申请情况\n");
        for r in TableId::Requests.rows() {
            text.push_str(r.label);
            text.push('\n');
        }
        for _ in 0..3 {
            text.push_str("1\n0\n2\n0\n0\n0\n3\n0\n1\n\n");
        }
        text.push_str("四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n");
        let r = extract(&text);
        assert!(
            r.unreadable.contains(&TableId::Requests),
            "{:?}",
            r.diagnostics
        );
        assert!(r.cells.values().all(|c| c.value.is_none()));
    }

    /// Plain pdftotext order where some row labels follow their values and
    /// a lost total keeps the reading order from confirming the rows: no row
    /// gets the next row's values.
    #[test]
    fn labels_after_their_values_give_no_row_the_next_rows_values() {
        let rows = TableId::Requests.rows();
        // One lost total (the order still confirms the rows around it), then
        // two side by side (it cannot).
        for lost in [&[12][..], &[12, 13][..]] {
            let mut text =
                String::from("三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n总计\n");
            for (k, r) in rows.iter().enumerate() {
                let late = (5..=7).contains(&k);
                if !late {
                    text.push_str(&format!("{}\n\n", r.label));
                }
                let n = (k as u64 + 1).to_string();
                let total = if lost.contains(&k) { "—" } else { n.as_str() };
                for v in [n.as_str(), "0", "0", "0", "0", "0", total] {
                    text.push_str(&format!("{v}\n\n"));
                }
                if late {
                    text.push_str(&format!("{}\n\n", r.label));
                }
            }
            text.push_str("四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n");
            let r = extract(&text);
            for (k, row) in rows.iter().enumerate() {
                let c = cell(&r, &format!("requests.{}.natural_person", row.id));
                if let Some(v) = &c.value {
                    assert_eq!(
                        v,
                        &Value::Count(k as u64 + 1),
                        "{}: {:?}",
                        row.id,
                        r.diagnostics
                    );
                }
            }
            assert!(
                r.diagnostics
                    .iter()
                    .any(|d| d.message().contains("printed after their values")),
                "{lost:?}: {:?}",
                r.diagnostics
            );
        }
    }

    #[test]
    fn a_garbled_label_between_two_good_ones_is_placed_by_order() {
        let text = tab_report(HEADER, |i| format!("{i}\t0\t0\t0\t0\t0\t{i}"))
            .replace("2.重复申请", "2.重夏申淸");
        let r = extract(&text);
        let c = cell(&r, "requests.rejected_duplicate.total");
        assert_eq!(c.value, Some(Value::Count(16)));
        assert!(c.confidence < 0.6 && !c.notes.is_empty());
    }
}
