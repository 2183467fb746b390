//! Moving the selection through the grid: the three tables stacked as one
//! list of rows, each row its cells left to right.

use crate::template::{CellId, Layout, TableId};

/// A movement of the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// One row up (same column position, clamped).
    Up,
    /// One row down (Enter too).
    Down,
    /// One cell left, within the row.
    Left,
    /// One cell right, within the row.
    Right,
    /// The next cell in reading order (Tab).
    Next,
    /// The previous cell in reading order (Shift+Tab).
    Prev,
}

/// The grid's rows of cells, in display order.
#[derive(Debug, Clone)]
pub struct GridOrder {
    rows: Vec<Vec<CellId>>,
}

impl GridOrder {
    /// The rows of a layout.
    pub fn new(layout: Layout) -> GridOrder {
        let rows = TableId::ALL
            .into_iter()
            .flat_map(|t| {
                (0..t.rows().len()).map(move |r| {
                    layout
                        .cols(t, r)
                        .iter()
                        .map(|c| CellId {
                            table: t,
                            row: r as u8,
                            col: c.id,
                        })
                        .collect()
                })
            })
            .collect();
        GridOrder { rows }
    }

    /// Every cell in reading order.
    pub fn flat(&self) -> Vec<CellId> {
        self.rows.iter().flatten().copied().collect()
    }

    fn position(&self, id: CellId) -> Option<(usize, usize)> {
        self.rows
            .iter()
            .enumerate()
            .find_map(|(r, row)| row.iter().position(|&c| c == id).map(|c| (r, c)))
    }

    /// Where `m` takes the selection from `from` (the first cell if none).
    pub fn step(&self, from: Option<CellId>, m: Move) -> Option<CellId> {
        let first = self.rows.first()?.first().copied();
        let Some((r, c)) = from.and_then(|id| self.position(id)) else {
            return first;
        };
        let at = |r: usize, c: usize| {
            let row = &self.rows[r];
            row.get(c.min(row.len().saturating_sub(1))).copied()
        };
        match m {
            Move::Up => at(r.saturating_sub(1), c),
            Move::Down => at((r + 1).min(self.rows.len() - 1), c),
            Move::Left => at(r, c.saturating_sub(1)),
            Move::Right => at(r, c + 1),
            Move::Next if c + 1 < self.rows[r].len() => at(r, c + 1),
            Move::Next if r + 1 < self.rows.len() => at(r + 1, 0),
            Move::Next => at(r, c),
            Move::Prev if c > 0 => at(r, c - 1),
            Move::Prev if r > 0 => at(r - 1, usize::MAX),
            Move::Prev => at(r, c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> CellId {
        CellId::parse(s).unwrap()
    }

    #[test]
    fn moves_within_rows_and_across_tables() {
        let g = GridOrder::new(Layout::default());
        assert_eq!(g.step(None, Move::Down), Some(id("active.rules.issued")));
        let s = Some(id("active.rules.in_force"));
        assert_eq!(g.step(s, Move::Right), s);
        assert_eq!(g.step(s, Move::Left), Some(id("active.rules.repealed")));
        assert_eq!(
            g.step(s, Move::Next),
            Some(id("active.normative_documents.issued"))
        );
        assert_eq!(
            g.step(s, Move::Down),
            Some(id("active.normative_documents.in_force"))
        );
        // Table A's one-column rows clamp the column.
        assert_eq!(
            g.step(Some(id("active.normative_documents.in_force")), Move::Down),
            Some(id("active.licensing.decisions"))
        );
        // From the last row of A into the first of B.
        assert_eq!(
            g.step(Some(id("active.fees.amount")), Move::Down),
            Some(id("requests.new_received.natural_person"))
        );
        assert_eq!(
            g.step(Some(id("requests.new_received.natural_person")), Move::Prev),
            Some(id("active.fees.amount"))
        );
        let last = Some(id("appeals.litigation_after_review.total"));
        assert_eq!(g.step(last, Move::Next), last);
        assert_eq!(g.step(last, Move::Down), last);
        assert_eq!(g.flat().len(), 200);
    }
}
