//! Cells run together with no separator ("规章010", table C as one run of 15
//! digits), as scraped pages give them: a run is split only where the
//! template's arithmetic admits exactly one split.
//!
//! - Table B: each row's `total` is the sum of the six applicant columns (and
//!   `org_subtotal` the sum of the five organisation columns when the report
//!   has that column) — the checks `requests.row_total.<row>` and
//!   `requests.org_subtotal.<row>`.
//! - Table C: each group's `total` is the sum of its four outcomes — the
//!   checks `appeals.total.<group>`.
//! - Table A has no arithmetic: a run is split only when it has exactly one
//!   digit per cell.
//!
//! Counts never start with 0 unless they are 0, which is what makes a split
//! testable at all.

use crate::template::{APPLICANT_COLS, ColDef, ORG_COLS, ORG_SUBTOTAL, TableId};

/// How a run of digits splits into a row's cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Split {
    /// Exactly one split satisfies the arithmetic: the byte range of each
    /// cell in the run, and the ids of the checks used to choose it.
    One(Vec<(usize, usize)>, Vec<String>),
    /// More than one split satisfies it.
    Many,
    /// No split does.
    None,
}

/// The longest run tried (longer runs are not split).
const MAX_RUN: usize = 60;
/// The longest count a cell may hold, in digits.
const MAX_DIGITS: usize = 12;

/// Whether a field is a run of ASCII digits that could be several counts.
pub(crate) fn is_run(s: &str, ncols: usize) -> bool {
    ncols > 1 && s.len() >= ncols && s.len() <= MAX_RUN && s.bytes().all(|b| b.is_ascii_digit())
}

/// Splits a run of digits into the cells of one template row of `table`
/// (`row_id` names the row for the check ids).
pub(crate) fn split_row(digits: &str, table: TableId, row_id: &str, cols: &[ColDef]) -> Split {
    let n = cols.len();
    if !is_run(digits, n) {
        return Split::None;
    }
    match table {
        TableId::Active => {
            if digits.len() == n {
                Split::One((0..n).map(|i| (i, i + 1)).collect(), Vec::new())
            } else {
                Split::Many
            }
        }
        TableId::Requests => {
            let pos = |id: &str| cols.iter().position(|c| c.id == id);
            let Some(total) = pos("total") else {
                return Split::None;
            };
            let applicants: Vec<usize> = APPLICANT_COLS.iter().filter_map(|c| pos(c)).collect();
            let orgs: Vec<usize> = ORG_COLS.iter().filter_map(|c| pos(c)).collect();
            let subtotal = pos(ORG_SUBTOTAL);
            let ok = |v: &[u64]| {
                let sum: u64 = applicants.iter().map(|&i| v[i]).sum();
                let sub_ok =
                    subtotal.is_none_or(|s| orgs.iter().map(|&i| v[i]).sum::<u64>() == v[s]);
                sum == v[total] && sub_ok
            };
            let mut checks = vec![format!("requests.row_total.{row_id}")];
            if subtotal.is_some() {
                checks.push(format!("requests.org_subtotal.{row_id}"));
            }
            unique(digits, n, &ok, checks)
        }
        TableId::Appeals => {
            // One group of five: total = the four outcomes.
            let ok = |v: &[u64]| v[..4].iter().sum::<u64>() == v[4];
            unique(digits, n, &ok, vec![format!("appeals.total.{row_id}")])
        }
    }
}

/// Splits table C's whole run (three groups of five) into its 15 cells.
pub(crate) fn split_appeals(digits: &str) -> Split {
    let groups = TableId::Appeals.rows();
    let per = TableId::Appeals.rows()[0].cols.len();
    let n = per * groups.len();
    if !is_run(digits, n) {
        return Split::None;
    }
    let ok = |v: &[u64]| {
        v.chunks(per)
            .all(|g| g[..per - 1].iter().sum::<u64>() == g[per - 1])
    };
    let checks = groups
        .iter()
        .map(|g| format!("appeals.total.{}", g.id))
        .collect();
    unique(digits, n, &ok, checks)
}

/// The split of `digits` into `n` well-formed counts satisfying `ok`, when
/// there is exactly one.
fn unique(digits: &str, n: usize, ok: &dyn Fn(&[u64]) -> bool, checks: Vec<String>) -> Split {
    let mut found: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut parts: Vec<(usize, usize)> = Vec::with_capacity(n);
    let mut values: Vec<u64> = Vec::with_capacity(n);
    search(
        digits.as_bytes(),
        0,
        n,
        &mut parts,
        &mut values,
        ok,
        &mut found,
    );
    match found.len() {
        0 => Split::None,
        1 => Split::One(found.remove(0), checks),
        _ => Split::Many,
    }
}

/// Depth-first over the cut points; stops after two splits are found.
fn search(
    b: &[u8],
    at: usize,
    n: usize,
    parts: &mut Vec<(usize, usize)>,
    values: &mut Vec<u64>,
    ok: &dyn Fn(&[u64]) -> bool,
    found: &mut Vec<Vec<(usize, usize)>>,
) {
    if found.len() >= 2 {
        return;
    }
    let left = n - parts.len();
    if left == 0 {
        if at == b.len() && ok(values) {
            found.push(parts.clone());
        }
        return;
    }
    let rest = b.len() - at;
    // Each remaining cell needs at least one digit.
    if rest < left || rest > left * MAX_DIGITS {
        return;
    }
    // A count starting with 0 is 0 itself.
    let longest = if b[at] == b'0' {
        1
    } else {
        (rest - (left - 1)).min(MAX_DIGITS)
    };
    for len in 1..=longest {
        let v = b[at..at + len]
            .iter()
            .fold(0u64, |acc, d| acc * 10 + u64::from(d - b'0'));
        parts.push((at, at + len));
        values.push(v);
        search(b, at + len, n, parts, values, ok, found);
        parts.pop();
        values.pop();
        if found.len() >= 2 {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{REQUEST_COLS, STOCK_COLS};

    fn cells(digits: &str, s: &Split) -> Vec<String> {
        match s {
            Split::One(parts, _) => parts
                .iter()
                .map(|(a, b)| digits[*a..*b].to_string())
                .collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_row_total_admitting_one_split_is_split() {
        // 12 3 0 0 0 0 15: the only split where the last is the sum.
        let d = "123000015";
        let s = split_row(d, TableId::Requests, "disclosed", REQUEST_COLS);
        assert_eq!(cells(d, &s), ["12", "3", "0", "0", "0", "0", "15"]);
        let Split::One(_, checks) = s else {
            unreachable!()
        };
        assert_eq!(checks, ["requests.row_total.disclosed"]);
    }

    #[test]
    fn no_split_or_several_splits_are_not_chosen() {
        // No seven counts of "10100002" end in the sum of the other six.
        assert_eq!(
            split_row("10100002", TableId::Requests, "disclosed", REQUEST_COLS),
            Split::None
        );
        // Two readings: 1 0 0 0 0 10 11 and 10 0 0 0 1 0 11.
        assert_eq!(
            split_row("100001011", TableId::Requests, "disclosed", REQUEST_COLS),
            Split::Many
        );
    }

    #[test]
    fn table_a_only_one_digit_per_cell() {
        let s = split_row("010", TableId::Active, "rules", STOCK_COLS);
        assert_eq!(cells("010", &s), ["0", "1", "0"]);
        assert_eq!(
            split_row(
                "1247303",
                TableId::Active,
                "normative_documents",
                STOCK_COLS
            ),
            Split::Many
        );
    }

    #[test]
    fn table_c_as_one_run() {
        let d = "000000000000000";
        assert_eq!(cells(d, &split_appeals(d)).len(), 15);
        // 2 1 0 0 3 | 1 0 0 1 2 | 0 0 0 0 0
        let d = "210031001200000";
        let s = split_appeals(d);
        assert_eq!(cells(d, &s)[..5], ["2", "1", "0", "0", "3"]);
        let Split::One(_, checks) = s else {
            unreachable!()
        };
        assert_eq!(checks.len(), 3);
    }
}
