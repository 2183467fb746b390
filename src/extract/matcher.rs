//! The template matcher: walks a table's segments in the template's fixed
//! order, matches row labels against the canonical labels, and places each
//! row's values into its columns — or says why it could not.

use std::sync::LazyLock;

use crate::note::Note;
use crate::report::{Cell, CellState, Diagnostic, Severity, Span, Value};
use crate::template::{CellId, ColDef, TableId};

use super::cells::{cell_from, place};
use super::normalize::{self, Label};
use super::number::Reading;
use super::runs::{self, Split};
use super::segment::{Item, Segment};
use super::tokenize::Family;

/// A label score at or above this places a row.
const ACCEPT: f32 = 0.6;
/// How many template rows ahead of the last matched one a label may match.
const WINDOW: usize = 10;
/// A label score at or above this is a clean match (confidence 1).
const CLEAN: f32 = 0.95;

/// The canonical labels (label and variants) of each row of each table.
static CANON: LazyLock<[Vec<Vec<Label>>; 3]> = LazyLock::new(|| {
    TableId::ALL.map(|t| {
        t.rows()
            .iter()
            .map(|r| {
                std::iter::once(r.label)
                    .chain(r.variants.iter().copied())
                    .map(normalize::label)
                    .collect()
            })
            .collect()
    })
});

/// Table B's group labels: a data row labelled only with one of these is a
/// merged group row whose values cannot be placed.
static GROUPS: LazyLock<Vec<Label>> = LazyLock::new(|| {
    [
        "三、本年度办理结果",
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
        "（六）其他处理",
    ]
    .into_iter()
    .map(normalize::label)
    .collect()
});

/// The canonical labels (label and variants) of each row of `table`.
pub(crate) fn canon(table: TableId) -> &'static [Vec<Label>] {
    let i = TableId::ALL.iter().position(|t| *t == table).unwrap_or(0);
    &CANON[i]
}

/// The result of reading one table.
#[derive(Debug, Default)]
pub(crate) struct TableRead {
    /// Cells read (row index, column id, cell); cells not listed stay missing.
    pub cells: Vec<(usize, &'static str, Cell)>,
    /// Notes for the reader.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the table could not be read row by row.
    pub unreadable: bool,
    /// Rows not found, with the reason (their cells are missing).
    pub missing_rows: Vec<(usize, Note)>,
}

/// What the matcher needs to know about the table's layout.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape {
    /// The layout family the segments came from.
    pub family: Family,
    /// Whether table B's header prints the 总计 column.
    pub header_has_total: bool,
    /// The columns of table B rows as this report has them.
    pub request_cols: &'static [ColDef],
}

impl Shape {
    pub(crate) fn cols(&self, table: TableId, row: usize) -> &'static [ColDef] {
        match table {
            TableId::Requests => self.request_cols,
            _ => table.rows()[row].cols,
        }
    }

    /// Whether an empty field after a label is an empty cell of the table.
    pub(crate) fn empties_are_cells(&self) -> bool {
        matches!(
            self.family,
            Family::CellPerLine | Family::PipeCells | Family::Html
        )
    }

    /// Whether fields sit at column positions on one line.
    pub(crate) fn lined(&self) -> bool {
        matches!(
            self.family,
            Family::TabRows | Family::SpaceRows | Family::PipeRows | Family::CsvRows
        )
    }
}

pub(crate) fn text_of(text: &str, s: Span) -> &str {
    &text[s.start..s.end]
}

/// The label texts a data segment may be matched by: its last label, its last
/// two labels joined, and labels carried from label-only segments before it.
fn candidates(text: &str, seg: &Segment, pending: &[Span]) -> Vec<String> {
    let own = &seg.labels;
    let own_text = |spans: &[Span]| -> String { spans.iter().map(|s| text_of(text, *s)).collect() };
    let mut out = Vec::new();
    if let Some(last) = own.last() {
        out.push(text_of(text, *last).to_string());
    }
    // A label holding a run of digits held values (cells run together): it
    // is another row's, not the first half of this one's.
    let holds_values = |s: &Span| {
        text_of(text, *s)
            .as_bytes()
            .windows(3)
            .any(|w| w.iter().all(u8::is_ascii_digit))
    };
    if own.len() >= 2 && !holds_values(&own[own.len() - 2]) {
        out.push(own_text(&own[own.len() - 2..]));
    }
    if let Some(p) = pending.last()
        && own.len() <= 2
        && !holds_values(p)
        && !(own.len() == 2 && holds_values(&own[0]))
    {
        out.push(format!("{}{}", text_of(text, *p), own_text(own)));
    }
    if own.is_empty() && pending.len() >= 2 {
        let n = pending.len();
        out.push(format!(
            "{}{}",
            text_of(text, pending[n - 2]),
            text_of(text, pending[n - 1])
        ));
    }
    out
}

/// The best score of any candidate against a row's canonical labels.
fn row_score(cands: &[Label], canon: &[Label]) -> f32 {
    best_candidate(cands, canon).0
}

/// The best score of any candidate against a row's canonical labels, and
/// which candidate gave it.
fn best_candidate(cands: &[Label], canon: &[Label]) -> (f32, usize) {
    let mut best = (0.0, 0);
    for (i, c) in cands.iter().enumerate() {
        for k in canon {
            let s = normalize::label_score(c, k);
            if s > best.0 {
                best = (s, i);
            }
        }
    }
    best
}

#[derive(Debug, Clone)]
struct Match {
    seg: usize,
    row: usize,
    score: f32,
    label: String,
    /// Set when the row was placed by template order, not by its label.
    by_order: Option<Note>,
}

/// Which segment is which template row: the segments matched (in order) and
/// the data segments that match no row. Merged group rows are reported in
/// `diagnostics` and left out of both.
fn walk(
    text: &str,
    segs: &[Segment],
    table: TableId,
    shape: Shape,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Match>, Vec<usize>) {
    let canon = canon(table);
    let n = canon.len();
    let is_data = |s: &Segment| {
        s.filled() > 0 || (shape.empties_are_cells() && !s.labels.is_empty() && !s.items.is_empty())
    };

    // 1. Walk the segments in order, matching labels forward from a cursor.
    let mut matches: Vec<Match> = Vec::new();
    let mut unplaced: Vec<usize> = Vec::new();
    let mut pending: Vec<Span> = Vec::new();
    let mut cursor = 0usize;
    for (si, seg) in segs.iter().enumerate() {
        if !is_data(seg) {
            pending.extend(seg.labels.iter().copied());
            let keep = pending.len().saturating_sub(2);
            pending.drain(..keep);
            continue;
        }
        let texts = candidates(text, seg, &pending);
        pending.clear();
        // No score is above 1: when the first candidate scores 1 on the next
        // row, that row and that candidate are the answer, and the other
        // candidates need no label.
        let mut labels: Vec<Label> = texts.iter().take(1).map(|t| normalize::label(t)).collect();
        let perfect = cursor < n && row_score(&labels, &canon[cursor]) >= 1.0;
        if !perfect {
            labels.extend(texts.iter().skip(1).map(|t| normalize::label(t)));
        }
        // The next row in order, matched cleanly, needs no search. Each row
        // is scored once: its best score and which candidate gave it.
        let next = (cursor < n)
            .then(|| (cursor, best_candidate(&labels, &canon[cursor])))
            .filter(|(_, (s, _))| *s >= CLEAN);
        let best = next.or_else(|| {
            (cursor..n.min(cursor + WINDOW))
                .map(|r| (r, best_candidate(&labels, &canon[r])))
                .filter(|(_, (s, _))| *s >= ACCEPT)
                .max_by(|(ra, (sa, _)), (rb, (sb, _))| {
                    let ka = sa - 0.005 * (ra - cursor) as f32;
                    let kb = sb - 0.005 * (rb - cursor) as f32;
                    ka.total_cmp(&kb)
                })
        });
        let which = best.map_or(0, |(_, (_, which))| which);
        let best = best.map(|(r, (score, _))| (r, score));
        let shown = texts.into_iter().nth(which).unwrap_or_default();
        if let Some((row, score)) = best {
            matches.push(Match {
                seg: si,
                row,
                score,
                label: shown,
                by_order: None,
            });
            cursor = row + 1;
            continue;
        }
        if table == TableId::Requests && seg.filled() > 0 {
            let g = GROUPS
                .iter()
                .map(|g| row_score(&labels, std::slice::from_ref(g)))
                .fold(0.0, f32::max);
            if g >= 0.8 {
                diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    table: Some(table.id().to_string()),
                    cells: Vec::new(),
                    span: seg.labels.last().copied(),
                    note: Note::GroupRowAsOne {
                        label: shown.trim().to_string(),
                    },
                });
                continue;
            }
        }
        if seg.filled() > 0 {
            unplaced.push(si);
        }
    }

    // 2. A garbled label between two matched rows: place by template order
    //    when the number of such segments is exactly the number of rows between
    //    (and the text has rows at all: in plain lines a segment is only what
    //    follows a label, not a row).
    if shape.family != Family::PlainLines {
        fill_gaps(text, segs, (table, shape), &mut matches, &mut unplaced);
    }
    (matches, unplaced)
}

/// Reads a table whose rows are labelled (tables A and B; C as a fallback).
pub(crate) fn read_rows(text: &str, segs: &[Segment], table: TableId, shape: Shape) -> TableRead {
    let n = canon(table).len();
    let mut out = TableRead::default();
    let (matches, unplaced) = walk(text, segs, table, shape, &mut out.diagnostics);

    // 3. Place values into columns.
    let orphans: usize = unplaced.iter().map(|&i| segs[i].filled()).sum();
    // Values beyond the column count in rows that had too many.
    let mut excess = 0usize;
    let mut found = vec![false; n];
    for m in &matches {
        let seg = &segs[m.seg];
        let cols = shape.cols(table, m.row);
        found[m.row] = true;
        let row_label = table.rows()[m.row].label;
        // The row's cell ids, for the diagnostics that name them.
        let row_cells = || -> Vec<CellId> {
            cols.iter()
                .map(|c| CellId {
                    table,
                    row: m.row as u8,
                    col: c.id,
                })
                .collect()
        };
        let loose = (m.score < CLEAN).then(|| Note::LooseLabel {
            read: m.label.trim().to_string(),
            label: row_label.to_string(),
            score: m.score,
        });
        if let Some(why) = &m.by_order {
            out.diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                table: Some(table.id().to_string()),
                cells: row_cells(),
                span: seg.labels.last().copied(),
                note: why.clone(),
            });
        } else if let Some(note) = &loose {
            out.diagnostics.push(Diagnostic {
                severity: Severity::Info,
                table: Some(table.id().to_string()),
                cells: row_cells(),
                span: seg.labels.last().copied(),
                note: note.clone(),
            });
        }
        if let Some((item, digits)) = run_of(text, seg, cols.len(), table, shape) {
            read_run(
                &mut out,
                (m.row, row_cells()),
                item,
                &digits,
                runs::split_row(&digits, table, table.rows()[m.row].id, cols),
                cols,
            );
            continue;
        }
        match place(seg, cols.len(), table, shape) {
            Ok((slots, place_note)) => {
                if let Some(note) = &place_note {
                    out.diagnostics.push(Diagnostic {
                        severity: Severity::Warning,
                        table: Some(table.id().to_string()),
                        cells: row_cells(),
                        span: seg.labels.last().copied(),
                        note: Note::Row {
                            label: row_label.to_string(),
                            note: Box::new(note.clone()),
                        },
                    });
                }
                let conf_label = if m.by_order.is_some() {
                    0.5
                } else if m.score >= CLEAN {
                    1.0
                } else {
                    m.score
                };
                for (col, slot) in cols.iter().zip(slots) {
                    let cell = match slot {
                        Some(i) => {
                            let note = m.by_order.clone().or_else(|| loose.clone());
                            let conf = if place_note.is_some() {
                                conf_label.min(0.7)
                            } else {
                                conf_label
                            };
                            let mut cell = cell_from(text, &seg.items[i], col.kind, conf, note);
                            if let Some(p) = &place_note
                                && cell.notes.is_empty()
                            {
                                cell.notes.push(p.clone());
                            }
                            cell
                        }
                        None => Cell::missing(place_note.clone().unwrap_or(Note::NotFoundInRow)),
                    };
                    out.cells.push((m.row, col.id, cell));
                }
            }
            Err(values) => {
                excess += seg.filled().saturating_sub(cols.len());
                out.diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    table: Some(table.id().to_string()),
                    cells: row_cells(),
                    span: seg.start().map(|s| Span::new(s, s)),
                    note: Note::RowUncertain {
                        label: row_label.to_string(),
                        values,
                        columns: cols.len(),
                    },
                });
                out.missing_rows.push((
                    m.row,
                    Note::Uncertain {
                        values,
                        columns: cols.len(),
                    },
                ));
            }
        }
    }

    // 4. A table whose values mostly do not sit under labels is unreadable.
    let any_data = segs.iter().any(|s| s.filled() > 0);
    let limit = match table {
        TableId::Requests => 14,
        _ => 4,
    };
    if any_data && (orphans + excess >= limit || matches.is_empty()) {
        out.unreadable = true;
        out.cells.clear();
        out.missing_rows.clear();
        out.diagnostics.push(Diagnostic {
            severity: Severity::Error,
            table: Some(table.id().to_string()),
            cells: Vec::new(),
            span: None,
            note: Note::NotRowByRow {
                table,
                values: orphans + excess,
                rows: matches.len(),
            },
        });
        return out;
    }
    if orphans > 0 {
        out.diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            table: Some(table.id().to_string()),
            cells: Vec::new(),
            span: unplaced
                .first()
                .and_then(|&i| segs[i].start())
                .map(|s| Span::new(s, s)),
            note: Note::Unplaced {
                table,
                values: orphans,
            },
        });
    }
    let lost: Vec<&str> = (0..n)
        .filter(|r| !found[*r])
        .map(|r| table.rows()[r].id)
        .collect();
    if !lost.is_empty() && any_data {
        out.diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            table: Some(table.id().to_string()),
            cells: Vec::new(),
            span: None,
            note: Note::RowsNotFound {
                table,
                rows: lost.iter().map(|r| r.to_string()).collect(),
            },
        });
    }
    for r in (0..n).filter(|r| !found[*r]) {
        out.missing_rows.push((r, Note::RowLabelNotFound));
    }
    out
}

/// The one value of a row that holds its cells run together with no
/// separator ("010" under 规章): a run of plain digits at least as long as the
/// row has cells. In table A (no arithmetic to test a split) only a number
/// glued to its label, or on a page with no table structure, counts.
fn run_of<'s>(
    text: &str,
    seg: &'s Segment,
    ncols: usize,
    table: TableId,
    shape: Shape,
) -> Option<(&'s Item, String)> {
    let mut filled = seg.items.iter().filter(|i| i.is_filled() && !i.mark);
    let (Some(item), None) = (filled.next(), filled.next()) else {
        return None;
    };
    let Some(Reading::Number(d)) = &item.reading else {
        return None;
    };
    let trusted = item.glued || shape.family == Family::PlainLines || table != TableId::Active;
    (text_of(text, item.span) == d && runs::is_run(d, ncols) && trusted).then(|| (item, d.clone()))
}

/// Writes the cells of a row read from a run: `inferred` cells when exactly
/// one split fits, else the row missing with the reason.
fn read_run(
    out: &mut TableRead,
    (row, row_cells): (usize, Vec<CellId>),
    item: &Item,
    digits: &str,
    split: Split,
    cols: &[ColDef],
) {
    let table = row_cells.first().map(|c| c.table);
    match split {
        Split::One(parts, checks) => {
            let note = Note::RunSplit {
                digits: digits.to_string(),
                checks: checks.clone(),
            };
            for (col, (a, b)) in cols.iter().zip(parts) {
                let raw = &digits[a..b];
                let value = raw.parse::<u64>().ok().map(Value::Count);
                out.cells.push((
                    row,
                    col.id,
                    Cell {
                        state: if value.is_some() {
                            CellState::Inferred
                        } else {
                            CellState::Missing
                        },
                        value,
                        raw: raw.to_string(),
                        span: Some(Span::new(item.span.start + a, item.span.start + b)),
                        confidence: 0.5,
                        notes: vec![note.clone()],
                    },
                ));
            }
            out.diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                table: table.map(|t| t.id().to_string()),
                cells: row_cells,
                span: Some(item.span),
                note: Note::RunInferred {
                    digits: digits.to_string(),
                    checks,
                },
            });
        }
        other => {
            let digits = digits.to_string();
            let why = if other == Split::Many {
                Note::RunAmbiguous { digits }
            } else {
                Note::RunNoSplit { digits }
            };
            out.diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                table: table.map(|t| t.id().to_string()),
                cells: row_cells,
                span: Some(item.span),
                note: Note::LeftMissing {
                    why: Box::new(why.clone()),
                },
            });
            out.missing_rows.push((row, why));
        }
    }
}

/// Places unmatched data segments lying between two matched rows by the
/// template's order, when their number equals the number of rows between and
/// each holds as many values as its row has columns (or one run of digits).
fn fill_gaps(
    text: &str,
    segs: &[Segment],
    (table, shape): (TableId, Shape),
    matches: &mut Vec<Match>,
    unplaced: &mut Vec<usize>,
) {
    let mut added = Vec::new();
    for pair in matches.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let between: Vec<usize> = unplaced
            .iter()
            .copied()
            .filter(|s| *s > a.seg && *s < b.seg)
            .collect();
        if between.is_empty() || between.len() != b.row - a.row - 1 {
            continue;
        }
        // A garbled label is a label: values with none are the rest of a
        // row broken by a page break, not a row of their own.
        let fits = between.iter().enumerate().all(|(k, &si)| {
            let ncols = shape.cols(table, a.row + 1 + k).len();
            let filled = segs[si].filled();
            let labelled = segs[si]
                .labels
                .iter()
                .any(|l| !text_of(text, *l).trim().is_empty());
            if !labelled {
                return false;
            }
            filled == ncols
                || (filled == 1
                    && segs[si]
                        .items
                        .iter()
                        .any(|i| runs::is_run(text_of(text, i.span), ncols)))
        });
        if !fits {
            continue;
        }
        for (k, &si) in between.iter().enumerate() {
            let label = segs[si]
                .labels
                .last()
                .map_or(String::new(), |s| text_of(text, *s).to_string());
            added.push(Match {
                seg: si,
                row: a.row + 1 + k,
                score: 0.5,
                label: label.clone(),
                by_order: Some(Note::PlacedByOrder {
                    label: label.trim().to_string(),
                }),
            });
        }
    }
    unplaced.retain(|s| !added.iter().any(|m| m.seg == *s));
    matches.extend(added);
    matches.sort_by_key(|m| m.seg);
}

/// Reads table C: normally one row of 15 values; else three labelled rows of
/// five.
pub(crate) fn read_appeals(text: &str, segs: &[Segment], shape: Shape) -> TableRead {
    let cols = TableId::Appeals.rows()[0].cols;
    let groups = TableId::Appeals.rows().len();
    let want = cols.len() * groups;
    let run = segs.iter().find_map(|s| {
        let mut filled: Vec<usize> = (0..s.items.len())
            .filter(|&i| s.items[i].is_filled())
            .collect();
        if filled.len() > want {
            filled.retain(|&i| !s.items[i].mark);
        }
        let (first, last) = (*filled.first()?, *filled.last()?);
        if last - first + 1 == want {
            Some((s, (first..=last).collect::<Vec<_>>()))
        } else if filled.len() == want {
            Some((s, filled))
        } else {
            None
        }
    });
    if let Some((seg, idx)) = run {
        let mut out = TableRead::default();
        for (k, i) in idx.into_iter().enumerate() {
            let (row, col) = (k / cols.len(), &cols[k % cols.len()]);
            out.cells.push((
                row,
                col.id,
                cell_from(text, &seg.items[i], col.kind, 1.0, None),
            ));
        }
        return out;
    }
    // The whole table as one run of digits.
    let whole = segs.iter().find_map(|s| {
        let mut filled = s.items.iter().filter(|i| i.is_filled() && !i.mark);
        let (Some(item), None) = (filled.next(), filled.next()) else {
            return None;
        };
        match &item.reading {
            Some(Reading::Number(d)) if text_of(text, item.span) == d && runs::is_run(d, want) => {
                Some((item, d.clone()))
            }
            _ => None,
        }
    });
    if let Some((item, digits)) = whole {
        let mut out = TableRead::default();
        let all: Vec<ColDef> = (0..groups).flat_map(|_| cols.iter().copied()).collect();
        let mut read = TableRead::default();
        let ids: Vec<CellId> = (0..want)
            .map(|k| CellId {
                table: TableId::Appeals,
                row: (k / cols.len()) as u8,
                col: cols[k % cols.len()].id,
            })
            .collect();
        read_run(
            &mut read,
            (0, ids),
            item,
            &digits,
            runs::split_appeals(&digits),
            &all,
        );
        // read_run wrote every cell into row 0: spread them over the groups.
        for (k, (_, col, cell)) in read.cells.into_iter().enumerate() {
            out.cells.push((k / cols.len(), col, cell));
        }
        if !read.missing_rows.is_empty() {
            for g in 0..groups {
                out.missing_rows.push((g, read.missing_rows[0].1.clone()));
            }
        }
        out.diagnostics = read.diagnostics;
        return out;
    }
    let by_rows = read_rows(text, segs, TableId::Appeals, shape);
    if !by_rows.cells.is_empty() {
        return by_rows;
    }
    let mut out = TableRead {
        unreadable: segs.iter().any(|s| s.filled() > 0),
        ..TableRead::default()
    };
    out.diagnostics.push(Diagnostic {
        severity: if out.unreadable {
            Severity::Error
        } else {
            Severity::Warning
        },
        table: Some(TableId::Appeals.id().to_string()),
        cells: Vec::new(),
        span: None,
        note: Note::AppealsNotFound,
    });
    out
}
