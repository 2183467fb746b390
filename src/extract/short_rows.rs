//! Rows read one cell short ("the row has 6 cells for 7 columns; read in
//! order, the last cell is missing"), kept only where arithmetic shows that
//! the lost cell is the last one.
//!
//! A row of table B short by one cell is read as its first columns with the
//! 总计 lost, as reports print it (a lost （七）总计, first rows printed
//! without their totals).
//! But a cell lost in the middle reads the same and would shift every value
//! after it. So each placed value must be confirmed by the table's column
//! arithmetic — `requests.outcome_total.<col>` (the outcome rows add up to
//! （七）总计) or `requests.balance.<col>` (新收 + 结转 = 总计 + 结转下年) —
//! with every cell it needs present, none of those checks failing. Otherwise
//! the row's cells are left missing. Tables A and C have no arithmetic that
//! could tell, so their short rows are always left missing.

use std::collections::HashMap;

use crate::checks::CheckId;
use crate::note::Note;
use crate::report::{Cell, Diagnostic, Severity};
use crate::template::{ColDef, TableId, outcome_rows};

use super::matcher::TableRead;

/// Whether a note is the one `cells` gives a row read one cell short.
fn is_short(n: &Note) -> bool {
    matches!(n, Note::LastCellMissing { .. })
}

/// Checks the rows of `read` read one cell short; leaves missing the ones
/// arithmetic does not confirm and says so.
pub(crate) fn confirm(read: &mut TableRead, table: TableId, cols: &'static [ColDef]) {
    let mut short: Vec<usize> = read
        .cells
        .iter()
        .filter(|(_, _, c)| c.notes.iter().any(is_short))
        .map(|(r, _, _)| *r)
        .collect();
    short.dedup();
    if short.is_empty() {
        return;
    }
    if table != TableId::Requests {
        for row in short {
            leave_missing(read, table, row);
        }
        return;
    }
    let values: HashMap<(usize, &str), u64> = read
        .cells
        .iter()
        .filter_map(|(r, c, cell)| cell.count().map(|v| ((*r, *c), v)))
        .collect();
    for row in short {
        match confirmed_by(&values, row, cols) {
            Some(used) => {
                for (_, _, cell) in read.cells.iter_mut().filter(|(r, _, _)| *r == row) {
                    if cell.value.is_some() {
                        cell.confidence = cell.confidence.min(0.6);
                        cell.notes.push(Note::ShortConfirmed {
                            checks: used.clone(),
                        });
                    }
                }
            }
            None => leave_missing(read, table, row),
        }
    }
}

/// Leaves a short row's cells missing, and says so.
fn leave_missing(read: &mut TableRead, table: TableId, row: usize) {
    for (_, _, cell) in read.cells.iter_mut().filter(|(r, _, _)| *r == row) {
        *cell = Cell::missing(Note::ShortUnplaced);
    }
    let label = table.rows()[row].label;
    read.diagnostics.push(Diagnostic {
        severity: Severity::Warning,
        table: Some(table.id().to_string()),
        cells: Vec::new(),
        span: None,
        note: Note::RowShortUnplaced {
            label: label.to_string(),
        },
    });
}

/// The column checks that confirm every value placed in a short table B row
/// (all but its last column), or `None`.
fn confirmed_by(
    values: &HashMap<(usize, &str), u64>,
    row: usize,
    cols: &[ColDef],
) -> Option<Vec<CheckId>> {
    let rows = TableId::Requests.rows();
    let index = |id: &str| rows.iter().position(|r| r.id == id);
    let (new, carried, total, forward) = (
        index("new_received")?,
        index("carried_over")?,
        index("outcome_total")?,
        index("carried_forward")?,
    );
    let outcome: Vec<usize> = outcome_rows().iter().filter_map(|r| index(r.id)).collect();
    let get = |r: usize, c: &str| values.get(&(r, c)).copied();
    let mut used = Vec::new();
    for col in &cols[..cols.len().saturating_sub(1)] {
        let c = col.id;
        let mut decided = false;
        if outcome.contains(&row) || row == total {
            let parts: Option<u64> = outcome.iter().map(|&r| get(r, c)).sum();
            if let (Some(sum), Some(t)) = (parts, get(total, c)) {
                if sum != t {
                    return None;
                }
                decided = true;
                used.push(CheckId::OutcomeTotal { col: c });
            }
        }
        if [new, carried, total, forward].contains(&row)
            && let (Some(a), Some(b), Some(t), Some(f)) =
                (get(new, c), get(carried, c), get(total, c), get(forward, c))
        {
            if a + b != t + f {
                return None;
            }
            decided = true;
            used.push(CheckId::Balance { col: c });
        }
        if !decided {
            return None;
        }
    }
    Some(used)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{CellState, Value};
    use crate::template::REQUEST_COLS;

    const SHORT: Note = Note::LastCellMissing {
        cells: 6,
        columns: 7,
    };

    /// A consistent table B read, every cell a count; row 23 (（七）总计)
    /// read short with its values as given.
    fn read_with_short_total(short: [u64; 6]) -> TableRead {
        let rows = TableId::Requests.rows();
        let mut read = TableRead::default();
        for (k, r) in rows.iter().enumerate() {
            let n: u64 = match r.id {
                "new_received" => 21,
                "carried_over" => 0,
                "outcome_total" => 21,
                "carried_forward" => 0,
                _ => 1,
            };
            for (i, col) in REQUEST_COLS.iter().enumerate() {
                let v = match (r.id, col.id) {
                    ("outcome_total", "total") => None,
                    ("outcome_total", _) => Some(short[i]),
                    (_, "natural_person" | "total") => Some(n),
                    _ => Some(0),
                };
                let cell = match v {
                    Some(v) => Cell {
                        value: Some(Value::Count(v)),
                        raw: v.to_string(),
                        state: CellState::Extracted,
                        confidence: 1.0,
                        notes: if r.id == "outcome_total" {
                            vec![SHORT]
                        } else {
                            Vec::new()
                        },
                        ..Cell::default()
                    },
                    None => Cell::missing(SHORT),
                };
                read.cells.push((k, col.id, cell));
            }
        }
        read
    }

    #[test]
    fn a_short_row_the_columns_confirm_is_kept() {
        let mut read = read_with_short_total([21, 0, 0, 0, 0, 0]);
        confirm(&mut read, TableId::Requests, REQUEST_COLS);
        let c = &read
            .cells
            .iter()
            .find(|c| c.0 == 23 && c.1 == "natural_person")
            .unwrap()
            .2;
        assert_eq!(c.value, Some(Value::Count(21)));
        assert!(
            c.note_text()
                .unwrap()
                .contains("requests.outcome_total.natural_person")
        );
        assert!(c.confidence <= 0.6);
    }

    #[test]
    fn a_short_row_shifted_by_a_lost_middle_cell_is_left_missing() {
        // The natural-person value was lost: the total slid into 其他.
        let mut read = read_with_short_total([0, 0, 0, 0, 0, 21]);
        confirm(&mut read, TableId::Requests, REQUEST_COLS);
        assert!(
            read.cells
                .iter()
                .filter(|c| c.0 == 23)
                .all(|c| c.2.value.is_none())
        );
        assert!(
            read.diagnostics
                .iter()
                .any(|d| d.message().contains("one cell short"))
        );
    }

    #[test]
    fn short_rows_of_tables_without_arithmetic_are_left_missing() {
        let mut read = TableRead::default();
        read.cells.push((
            0,
            "issued",
            Cell {
                value: Some(Value::Count(3)),
                notes: vec![Note::LeftEmpty, SHORT],
                ..Cell::default()
            },
        ));
        confirm(&mut read, TableId::Active, TableId::Active.rows()[0].cols);
        assert_eq!(read.cells[0].2.value, None);
    }
}
