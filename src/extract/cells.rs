//! Cells from a matched row: which value goes to which column (or why a row
//! cannot be placed without guessing), and the cell built from each value.

use crate::note::Note;
use crate::report::{Cell, CellState, Value};
use crate::template::{TableId, ValueKind};

use super::matcher::{Shape, text_of};
use super::number::Reading;
use super::segment::{Item, Segment};

/// Decides which item goes to which column: `Ok((slot per column, note))`
/// where a `None` slot is a missing cell, or `Err(values)` (how many the row
/// has) when the row cannot be placed without guessing.
pub(crate) fn place(
    seg: &Segment,
    ncols: usize,
    table: TableId,
    shape: Shape,
) -> Result<(Vec<Option<usize>>, Option<Note>), usize> {
    let items = &seg.items;
    let mut filled: Vec<usize> = (0..items.len()).filter(|&i| items[i].is_filled()).collect();
    // Marks after the last value are damage beside the row, not values.
    while filled.last().is_some_and(|&i| items[i].mark) {
        filled.pop();
    }
    // Marks among values ("#") that make the row too long were damage
    // between two values, not values. (Without marks there is nothing to
    // drop.)
    if filled.iter().any(|&i| items[i].mark) {
        let unmarked: Vec<usize> = filled.iter().copied().filter(|&i| !items[i].mark).collect();
        if filled.len() > ncols && unmarked.len() == ncols {
            return Ok((
                unmarked.into_iter().map(Some).collect(),
                Some(Note::StrayMarkAmong),
            ));
        }
        if unmarked.len() < filled.len() && filled.len() != ncols {
            filled = unmarked;
        }
    }
    // Rules that read a short row need every value well formed: an invalid
    // one may be two values run together ("0#0").
    let clean = items
        .iter()
        .all(|i| !matches!(i.reading, Some(Reading::Invalid(_) | Reading::Text)));
    if shape.lined() {
        if let (Some(&first), Some(&last)) = (filled.first(), filled.last())
            && last - first + 1 == ncols
        {
            return Ok(((first..=last).map(Some).collect(), None));
        }
        if filled.len() == ncols {
            return Ok((filled.into_iter().map(Some).collect(), None));
        }
        if table == TableId::Requests
            && !shape.header_has_total
            && clean
            && filled.len() + 1 == ncols
        {
            let mut slots: Vec<Option<usize>> = filled.into_iter().map(Some).collect();
            slots.push(None);
            return Ok((slots, Some(Note::NoTotalColumn)));
        }
        return Err(filled.len());
    }
    let count = filled.len();
    let mut idx: Vec<usize> = if shape.empties_are_cells() {
        (0..items.len()).collect()
    } else {
        filled
    };
    while idx.len() > ncols
        && idx
            .last()
            .is_some_and(|&i| !items[i].is_filled() || items[i].mark)
    {
        idx.pop();
    }
    if idx.len() == ncols {
        return Ok((idx.into_iter().map(Some).collect(), None));
    }
    if shape.empties_are_cells() && clean && ncols >= 3 && idx.len() + 1 == ncols {
        let mut slots: Vec<Option<usize>> = idx.into_iter().map(Some).collect();
        slots.push(None);
        return Ok((
            slots,
            Some(Note::LastCellMissing {
                cells: ncols - 1,
                columns: ncols,
            }),
        ));
    }
    Err(count)
}

/// A count's value: `digits.parse::<u64>()`, with the common case (up to 19
/// ASCII digits, which cannot overflow) read directly.
fn count(digits: &str) -> Result<u64, std::num::ParseIntError> {
    let b = digits.as_bytes();
    if !b.is_empty() && b.len() <= 19 && b.iter().all(u8::is_ascii_digit) {
        return Ok(b.iter().fold(0, |n, d| n * 10 + u64::from(d - b'0')));
    }
    digits.parse::<u64>()
}

/// Builds a cell from an item.
pub(crate) fn cell_from(
    text: &str,
    item: &Item,
    kind: ValueKind,
    confidence: f32,
    note: Option<Note>,
) -> Cell {
    let raw = text_of(text, item.span).to_string();
    let span = Some(item.span);
    let (state, value, why) = match &item.reading {
        None => (CellState::Blank, None, Some(Note::LeftEmpty)),
        Some(Reading::NotApplicable) => (
            CellState::NotApplicable,
            None,
            Some(Note::NotApplicable { raw: raw.clone() }),
        ),
        Some(Reading::Invalid(why)) => (
            CellState::Invalid,
            None,
            Some(Note::Malformed { why: why.clone() }),
        ),
        Some(Reading::Text) => (CellState::Invalid, None, Some(Note::NotANumber)),
        Some(Reading::Number(digits)) => match kind {
            ValueKind::Decimal => (
                CellState::Extracted,
                Some(Value::Decimal(digits.clone())),
                None,
            ),
            ValueKind::Count if digits.as_bytes().contains(&b'.') => {
                (CellState::Invalid, None, Some(Note::CountHasDecimals))
            }
            ValueKind::Count => match count(digits) {
                Ok(n) => (CellState::Extracted, Some(Value::Count(n)), None),
                Err(_) => (CellState::Invalid, None, Some(Note::CountTooLarge)),
            },
        },
    };
    let mut confidence = confidence;
    let mut notes: Vec<Note> = Vec::new();
    if let Some(n) = note {
        notes.push(n);
    }
    if let Some(w) = why {
        notes.push(w);
    }
    if item.joined && value.is_some() {
        confidence *= 0.9;
        notes.push(Note::JoinedPieces { raw: raw.clone() });
    }
    if item.noise && value.is_some() {
        confidence *= 0.9;
        notes.push(Note::StrayMarkBeside { raw: raw.clone() });
    }
    if item.run {
        confidence *= 0.9;
        notes.push(Note::FieldOfSeveral);
    }
    Cell {
        value,
        raw,
        span,
        state,
        confidence,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_reads_as_parse_does() {
        for d in [
            "0",
            "007",
            "1234567890123456789",
            "9999999999999999999",
            "18446744073709551615",
            "18446744073709551616",
            "99999999999999999999",
            "",
            "+5",
            "1.5",
            "12a",
        ] {
            assert_eq!(count(d), d.parse::<u64>(), "{d:?}");
        }
    }
}
