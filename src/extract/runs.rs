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

use crate::checks::CheckId;
use crate::template::{APPLICANT_COLS, ColDef, ORG_COLS, ORG_SUBTOTAL, TableId};

/// How a run of digits splits into a row's cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Split {
    /// Exactly one split satisfies the arithmetic: the byte range of each
    /// cell in the run, and the ids of the checks used to choose it.
    One(Vec<(usize, usize)>, Vec<CheckId>),
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
pub(crate) fn split_row(
    digits: &str,
    table: TableId,
    row_id: &'static str,
    cols: &[ColDef],
) -> Split {
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
            let Some(sums) = RowSums::of(cols) else {
                return Split::None;
            };
            let mut checks = vec![CheckId::RowTotal { row: row_id }];
            if sums.subtotal.is_some() {
                checks.push(CheckId::OrgSubtotal { row: row_id });
            }
            unique(digits, n, &|v| sums.forced(v), checks)
        }
        TableId::Appeals => {
            // One group of five: total = the four outcomes.
            let forced = |v: &[u64]| (v.len() == n - 1).then(|| v.iter().sum());
            unique(
                digits,
                n,
                &forced,
                vec![CheckId::AppealTotal { group: row_id }],
            )
        }
    }
}

/// Where a table B row's sums stand: its total, the applicant columns it
/// adds up, and the 小计 with its organisation columns.
struct RowSums {
    total: usize,
    applicants: Vec<usize>,
    orgs: Vec<usize>,
    subtotal: Option<usize>,
}

impl RowSums {
    fn of(cols: &[ColDef]) -> Option<RowSums> {
        let pos = |id: &str| cols.iter().position(|c| c.id == id);
        Some(RowSums {
            total: pos("total")?,
            applicants: APPLICANT_COLS.iter().filter_map(|c| pos(c)).collect(),
            orgs: ORG_COLS.iter().filter_map(|c| pos(c)).collect(),
            subtotal: pos(ORG_SUBTOTAL),
        })
    }

    /// The value the next cell must have, given the cells before it: the
    /// total (and the subtotal) follow from the cells they add up.
    fn forced(&self, v: &[u64]) -> Option<u64> {
        let k = v.len();
        if Some(k) == self.subtotal {
            return Some(self.orgs.iter().map(|&i| v[i]).sum());
        }
        (k == self.total).then(|| self.applicants.iter().map(|&i| v[i]).sum())
    }
}

/// Every split of a table B row's run that satisfies the row's own
/// arithmetic (its total, and its 小计 where the report has one), up to
/// `limit` of them; None when there are more, or the search gave up.
pub(crate) fn all_request_splits(
    digits: &str,
    cols: &[ColDef],
    limit: usize,
) -> Option<Vec<Vec<(usize, usize)>>> {
    let n = cols.len();
    if !is_run(digits, n) {
        return Some(Vec::new());
    }
    let sums = RowSums::of(cols)?;
    let forced = |v: &[u64]| sums.forced(v);
    let mut s = Search {
        b: digits.as_bytes(),
        n,
        forced: &forced,
        parts: Vec::with_capacity(n),
        values: Vec::with_capacity(n),
        found: Vec::new(),
        budget: BUDGET,
        limit: limit + 1,
    };
    s.run(0);
    (s.budget > 0 && s.found.len() <= limit).then_some(s.found)
}

/// Splits table C's whole run (three groups of five) into its 15 cells.
pub(crate) fn split_appeals(digits: &str) -> Split {
    let groups = TableId::Appeals.rows();
    let per = TableId::Appeals.rows()[0].cols.len();
    let n = per * groups.len();
    if !is_run(digits, n) {
        return Split::None;
    }
    // Each group's total follows from its four outcomes.
    let forced = |v: &[u64]| {
        let k = v.len();
        (k % per == per - 1).then(|| v[k - (per - 1)..].iter().sum())
    };
    let checks = groups
        .iter()
        .map(|g| CheckId::AppealTotal { group: g.id })
        .collect();
    unique(digits, n, &forced, checks)
}

/// How many cut points a search may try before it gives up (and says more
/// than one split is possible: it could not show there is only one).
const BUDGET: usize = 200_000;

/// The split of `digits` into `n` well-formed counts where every cell that
/// `forced` determines from the cells before it has that value, when there
/// is exactly one.
fn unique(
    digits: &str,
    n: usize,
    forced: &dyn Fn(&[u64]) -> Option<u64>,
    checks: Vec<CheckId>,
) -> Split {
    let mut s = Search {
        b: digits.as_bytes(),
        n,
        forced,
        parts: Vec::with_capacity(n),
        values: Vec::with_capacity(n),
        found: Vec::new(),
        budget: BUDGET,
        limit: 2,
    };
    s.run(0);
    if s.budget == 0 {
        return Split::Many;
    }
    match s.found.len() {
        0 => Split::None,
        1 => Split::One(s.found.remove(0), checks),
        _ => Split::Many,
    }
}

/// A depth-first search over the cut points of a run.
struct Search<'a> {
    b: &'a [u8],
    n: usize,
    forced: &'a dyn Fn(&[u64]) -> Option<u64>,
    parts: Vec<(usize, usize)>,
    values: Vec<u64>,
    found: Vec<Vec<(usize, usize)>>,
    budget: usize,
    /// How many splits to find before stopping.
    limit: usize,
}

impl Search<'_> {
    /// Stops after `limit` splits are found or the budget is spent.
    fn run(&mut self, at: usize) {
        if self.found.len() >= self.limit || self.budget == 0 {
            return;
        }
        self.budget -= 1;
        let left = self.n - self.parts.len();
        let rest = self.b.len() - at;
        if left == 0 {
            if rest == 0 {
                self.found.push(self.parts.clone());
            }
            return;
        }
        // Each remaining cell needs one digit, and holds at most MAX_DIGITS.
        if rest < left || rest > left * MAX_DIGITS {
            return;
        }
        if let Some(v) = (self.forced)(&self.values) {
            let want = v.to_string();
            if self.b[at..].starts_with(want.as_bytes()) {
                self.push(at, want.len(), v);
            }
            return;
        }
        // A count starting with 0 is 0 itself; the last cell takes the rest.
        let longest = if self.b[at] == b'0' {
            1
        } else {
            (rest - (left - 1)).min(MAX_DIGITS)
        };
        let shortest = if left == 1 { rest } else { 1 };
        for len in shortest..=longest {
            let v = self.b[at..at + len]
                .iter()
                .fold(0u64, |acc, d| acc * 10 + u64::from(d - b'0'));
            self.push(at, len, v);
            if self.found.len() >= self.limit || self.budget == 0 {
                return;
            }
        }
    }

    fn push(&mut self, at: usize, len: usize, v: u64) {
        self.parts.push((at, at + len));
        self.values.push(v);
        self.run(at + len);
        self.parts.pop();
        self.values.pop();
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
        assert_eq!(checks, [CheckId::RowTotal { row: "disclosed" }]);
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

    #[test]
    fn a_long_run_ends_within_the_budget() {
        // 45 digits for 15 cells: far too many cut points to try them all
        // without the forced totals; the answer is honest either way.
        let d = "123456789".repeat(5);
        assert!(matches!(split_appeals(&d), Split::None | Split::Many));
    }
}
