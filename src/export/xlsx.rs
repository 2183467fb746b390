//! XLSX export (rust_xlsxwriter): the queue summary as one sheet, and one
//! review's corrected tables laid out like the printed report, one sheet per
//! table with the template's Chinese labels.

use std::path::Path;

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::{Field, Table};
use crate::report::{CellState, Report, Value};
use crate::review::Review;
use crate::template::{ACTIVE_BLOCKS, APPEAL_COLS, CellId, ORG_COLS, TableId};

/// Sheet names of the three tables.
pub const SHEET_NAMES: [&str; 3] = ["主动公开", "依申请公开", "复议诉讼"];

/// The workbook of a table (one sheet named `sheet`), as XLSX bytes.
pub fn table_bytes(table: &Table, sheet: &str) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet)?;
    let bold = Format::new().set_bold();
    for (c, h) in table.header.iter().enumerate() {
        ws.write_string_with_format(0, col(c), h, &bold)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, field) in row.iter().enumerate() {
            write_field(ws, r, col(c), field, None)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

/// Writes the queue summary (see [`super::summary`]) to an XLSX file.
pub fn write_summary(path: &Path, table: &Table) -> Result<(), XlsxError> {
    crate::atomic::write_atomic(path, &table_bytes(table, "汇总")?)?;
    Ok(())
}

/// Writes a review's corrected tables to an XLSX file.
pub fn write_review(path: &Path, review: &Review) -> Result<(), XlsxError> {
    crate::atomic::write_atomic(path, &review_bytes(review)?)?;
    Ok(())
}

/// Clamps a column index to the sheet's limit (our tables are far narrower).
fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

fn write_field(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    field: &Field,
    format: Option<&Format>,
) -> Result<(), XlsxError> {
    let default = Format::new();
    let format = format.unwrap_or(&default);
    match field {
        // Counts in reports stay far below 2^53: exact as f64.
        Field::Count(n) => ws.write_number_with_format(row, col, *n as f64, format)?,
        Field::Text(t) => ws.write_string_with_format(row, col, t, format)?,
    };
    Ok(())
}

/// The styles of the report sheets.
struct Styles {
    title: Format,
    header: Format,
    label: Format,
    value: Format,
    edited: Format,
    unsure: Format,
}

impl Styles {
    fn new() -> Styles {
        let boxed = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            header: boxed
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xDDEBF7)),
            label: boxed.clone().set_align(FormatAlign::VerticalCenter),
            value: boxed.clone(),
            // Set by a person or by nianbao: light yellow.
            edited: boxed.clone().set_background_color(Color::RGB(0xFFF2CC)),
            // Missing or not a number: light red.
            unsure: boxed.set_background_color(Color::RGB(0xF8CBAD)),
        }
    }
}

/// A review's corrected tables as XLSX bytes: three sheets laid out like the
/// report (表二 主动公开, 表三 依申请公开, 表四 复议诉讼), edited cells shaded
/// yellow, missing or invalid ones red.
pub fn review_bytes(review: &Review) -> Result<Vec<u8>, XlsxError> {
    let report = review.report();
    let styles = Styles::new();
    let mut book = Workbook::new();
    let title = |table: TableId| {
        let issuer = report
            .issuer
            .as_deref()
            .unwrap_or(&review.source().file_name);
        match report.year {
            Some(y) => format!("{issuer} {y}年 · {}", table.label()),
            None => format!("{issuer} · {}", table.label()),
        }
    };
    let ws = book.add_worksheet();
    ws.set_name(SHEET_NAMES[0])?;
    ws.write_string_with_format(0, 0, title(TableId::Active), &styles.title)?;
    active_sheet(ws, report, &styles)?;
    let ws = book.add_worksheet();
    ws.set_name(SHEET_NAMES[1])?;
    ws.write_string_with_format(0, 0, title(TableId::Requests), &styles.title)?;
    requests_sheet(ws, report, &styles)?;
    let ws = book.add_worksheet();
    ws.set_name(SHEET_NAMES[2])?;
    ws.write_string_with_format(0, 0, title(TableId::Appeals), &styles.title)?;
    appeals_sheet(ws, report, &styles)?;
    book.save_to_buffer()
}

/// Writes one cell's value with the style its state calls for.
fn write_cell(
    ws: &mut Worksheet,
    (row, col): (u32, u16),
    report: &Report,
    id: CellId,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let cell = report.cell(id);
    let state = cell.map_or(CellState::Missing, |c| c.state);
    let format = match state {
        CellState::Edited | CellState::Inferred => &styles.edited,
        CellState::Missing | CellState::Invalid => &styles.unsure,
        _ => &styles.value,
    };
    match cell.and_then(|c| c.value.as_ref()) {
        Some(Value::Count(n)) => ws.write_number_with_format(row, col, *n as f64, format)?,
        Some(Value::Decimal(d)) => match d.parse::<f64>() {
            Ok(x) => ws.write_number_with_format(row, col, x, format)?,
            Err(_) => ws.write_string_with_format(row, col, d, format)?,
        },
        None => {
            let raw = cell.map_or("", |c| c.raw.as_str());
            ws.write_string_with_format(row, col, raw, format)?
        }
    };
    Ok(())
}

/// 表二: one block per article, "信息内容" and the block's column headers,
/// then its rows.
fn active_sheet(ws: &mut Worksheet, report: &Report, s: &Styles) -> Result<(), XlsxError> {
    ws.set_column_width(0, 24)?;
    for c in 1..=3 {
        ws.set_column_width(c, 16)?;
    }
    let mut r = 2;
    for (article, row_ids) in ACTIVE_BLOCKS {
        let Some(first) = TableId::Active.rows().iter().find(|d| d.id == row_ids[0]) else {
            continue;
        };
        let width = col(first.cols.len());
        ws.merge_range(r, 0, r, width, article, &s.header)?;
        r += 1;
        ws.write_string_with_format(r, 0, "信息内容", &s.header)?;
        for (c, def) in first.cols.iter().enumerate() {
            ws.write_string_with_format(r, col(c + 1), def.label, &s.header)?;
        }
        r += 1;
        for row_id in *row_ids {
            let Some((i, def)) = TableId::Active
                .rows()
                .iter()
                .enumerate()
                .find(|(_, d)| d.id == *row_id)
            else {
                continue;
            };
            ws.write_string_with_format(r, 0, def.label, &s.label)?;
            for (c, cd) in def.cols.iter().enumerate() {
                let id = CellId {
                    table: TableId::Active,
                    row: i as u8,
                    col: cd.id,
                };
                write_cell(ws, (r, col(c + 1)), report, id, s)?;
            }
            r += 1;
        }
        r += 1;
    }
    Ok(())
}

/// 表三: the two-line applicant header, three label columns (group,
/// sub-group, row), then the values.
fn requests_sheet(ws: &mut Worksheet, report: &Report, s: &Styles) -> Result<(), XlsxError> {
    let cols = report.layout.cols(TableId::Requests, 0);
    let first = 3u16;
    let last = first + col(cols.len()) - 1;
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 14)?;
    ws.set_column_width(2, 36)?;
    for c in first..=last {
        ws.set_column_width(c, 10)?;
    }
    let (h1, h2, h3) = (2u32, 3u32, 4u32);
    ws.merge_range(
        h1,
        0,
        h3,
        2,
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        &s.header,
    )?;
    ws.merge_range(h1, first, h1, last, "申请人情况", &s.header)?;
    ws.merge_range(h2, first, h3, first, "自然人", &s.header)?;
    let orgs = col(ORG_COLS.len()) + u16::from(report.layout.org_subtotal);
    ws.merge_range(h2, first + 1, h2, first + orgs, "法人或其他组织", &s.header)?;
    ws.merge_range(h2, last, h3, last, "总计", &s.header)?;
    for (c, def) in cols.iter().enumerate().skip(1).take(usize::from(orgs)) {
        ws.write_string_with_format(h3, first + col(c), def.label, &s.header)?;
    }
    let mut last_groups: &[&str] = &[];
    for ((i, def), r) in TableId::Requests.rows().iter().enumerate().zip(h3 + 1..) {
        for level in 0..2 {
            let g = def.groups.get(level).copied().unwrap_or("");
            let shown = if last_groups.get(level).copied() == Some(g) {
                ""
            } else {
                g
            };
            ws.write_string_with_format(r, col(level), shown, &s.label)?;
        }
        last_groups = def.groups;
        ws.write_string_with_format(r, 2, def.label, &s.label)?;
        for (c, cd) in cols.iter().enumerate() {
            let id = CellId {
                table: TableId::Requests,
                row: i as u8,
                col: cd.id,
            };
            write_cell(ws, (r, first + col(c)), report, id, s)?;
        }
    }
    ws.set_freeze_panes(h3 + 1, first)?;
    Ok(())
}

/// 表四: 行政复议 (five columns), 行政诉讼 split into 未经复议直接起诉 and
/// 复议后起诉 (five each), one line of values.
fn appeals_sheet(ws: &mut Worksheet, report: &Report, s: &Styles) -> Result<(), XlsxError> {
    let n = col(APPEAL_COLS.len());
    for c in 0..3 * n {
        ws.set_column_width(c, 10)?;
    }
    let (h1, h2, h3, values) = (2u32, 3u32, 4u32, 5u32);
    ws.merge_range(h1, 0, h2, n - 1, "行政复议", &s.header)?;
    ws.merge_range(h1, n, h1, 3 * n - 1, "行政诉讼", &s.header)?;
    for (g, def) in TableId::Appeals.rows().iter().enumerate().skip(1) {
        let start = col(g) * n;
        ws.merge_range(h2, start, h2, start + n - 1, def.label, &s.header)?;
    }
    for g in 0..TableId::Appeals.rows().len() {
        for (c, cd) in APPEAL_COLS.iter().enumerate() {
            let at = col(g) * n + col(c);
            ws.write_string_with_format(h3, at, cd.label, &s.header)?;
            let id = CellId {
                table: TableId::Appeals,
                row: g as u8,
                col: cd.id,
            };
            write_cell(ws, (values, at), report, id, s)?;
        }
    }
    Ok(())
}
