//! Check-driven repair: values that would make failing or incomplete checks
//! pass, found from the checks themselves. Suggestions never change the
//! report; a person accepts one (see `Review::accept_suggestion`).

use crate::checks::{
    CheckId, CheckKind, CheckResult, CheckStatus, Counts, Suggestion, cell_index, cell_of_index,
};
use crate::report::{CellState, Report};
use crate::template::CellId;

/// A template check with its cells as indices into [`Counts`] (see
/// `checks::CELL_IDS`); a cell that is not the template's has the index
/// [`NO_CELL`], which holds no count.
pub(crate) struct Indexed<'a> {
    check: &'a CheckResult,
    left: &'a [u16],
    right: &'a [u16],
}

/// The index of a cell the template does not have.
const NO_CELL: u16 = u16::MAX;

impl<'a> Indexed<'a> {
    pub(crate) fn new(check: &'a CheckResult, left: &'a [u16], right: &'a [u16]) -> Self {
        Indexed { check, left, right }
    }

    /// The indices of the cells, left side first.
    fn cells(&self) -> impl Iterator<Item = u16> + '_ {
        self.left.iter().chain(self.right).copied()
    }
}

/// A check a cell is in: the cell's index, the check, the cell's side (+1
/// left, −1 right), and how many of the check's cells hold no count.
type OnCheck<'a> = (u16, &'a Indexed<'a>, i64, usize);

/// Suggestions from the template checks (never from narrative ones):
/// 1. a *likely culprit*: a cell whose every complete check fails, with at
///    least one row check and one column check, all implying the same error;
///    the suggestion is the value that makes them all pass;
/// 2. a *missing total*: a total with no count whose addends are all known;
///    the suggestion is their sum, provided every other check where the cell
///    is the only unknown agrees.
pub fn suggest(report: &Report, results: &[CheckResult]) -> Vec<Suggestion> {
    let template: Vec<&CheckResult> = results
        .iter()
        .filter(|r| r.kind() != CheckKind::Narrative)
        .collect();
    let index = |cells: &[CellId]| -> Vec<u16> {
        cells
            .iter()
            .map(|&c| cell_index(c).unwrap_or(NO_CELL))
            .collect()
    };
    let indices: Vec<(Vec<u16>, Vec<u16>)> = template
        .iter()
        .map(|r| (index(&r.left_cells), index(&r.right_cells)))
        .collect();
    let indexed: Vec<Indexed> = template
        .iter()
        .zip(&indices)
        .map(|(check, (left, right))| Indexed::new(check, left, right))
        .collect();
    suggest_indexed(report, &Counts::new(report), &indexed)
}

/// [`suggest`] for template checks whose cell indices are known already.
pub(crate) fn suggest_indexed(
    report: &Report,
    counts: &Counts,
    checks: &[Indexed],
) -> Vec<Suggestion> {
    // How many of each check's cells hold no count (counted once here, not
    // once per candidate: a column check has 22 cells).
    let unknown: Vec<usize> = checks
        .iter()
        .map(|c| c.cells().filter(|&i| counts.at(i).is_none()).count())
        .collect();
    // Only cells of checks that do not pass can be culprits or missing
    // totals; and of those, only a cell with a count in a failing check can
    // be a culprit, only the one cell without a count of a check a missing
    // total. The others are not looked at: most cells of a mostly empty
    // report are in checks that do not pass.
    let (mut open, mut repairable) = ([false; super::CELLS], [false; super::CELLS]);
    for (check, &unknown) in checks.iter().zip(&unknown) {
        let status = check.check.status;
        for i in check.cells().map(usize::from).filter(|&i| i < super::CELLS) {
            let known = counts.at(i as u16).is_some();
            open[i] |= status != CheckStatus::Pass;
            repairable[i] |= (status == CheckStatus::Fail && known) || (unknown == 1 && !known);
        }
    }
    // Each candidate's checks, with the side it is on (+1 left, −1 right)
    // by cell index: the sort is stable, so a cell's checks stay in spec
    // order.
    let candidate = |i: u16| open.get(usize::from(i)) == Some(&true) && repairable[usize::from(i)];
    let mut on: Vec<OnCheck> = Vec::new();
    for (check, &unknown) in checks.iter().zip(&unknown) {
        let sides = check.left.iter().map(|&i| (i, 1));
        for (i, sign) in sides.chain(check.right.iter().map(|&i| (i, -1))) {
            if candidate(i) {
                on.push((i, check, sign, unknown));
            }
        }
    }
    on.sort_by_key(|on| on.0);
    // Cell index order is the layout's (table, row, column as printed).
    on.chunk_by(|a, b| a.0 == b.0)
        .filter_map(|group| {
            let (i, cell) = (group[0].0, cell_of_index(group[0].0));
            if !report.layout.contains(cell) {
                return None;
            }
            culprit(counts, group, i, cell).or_else(|| missing_total(counts, group, i, cell))
        })
        .collect()
}

fn culprit(counts: &Counts, checks: &[OnCheck], index: u16, cell: CellId) -> Option<Suggestion> {
    let value = counts.at(index)?;
    let mut excess = None;
    let (mut row_side, mut column_side) = (false, false);
    let mut ids = Vec::new();
    for &(_, indexed, s, _) in checks {
        let check = indexed.check;
        match check.status {
            CheckStatus::Fail => {}
            CheckStatus::Pass => return None,
            _ => continue,
        }
        let d = check.difference?;
        if d == i64::MIN || d == i64::MAX {
            // Saturated: the true difference is not known exactly.
            return None;
        }
        let e = s * d;
        if *excess.get_or_insert(e) != e {
            return None;
        }
        match check.kind() {
            CheckKind::RowTotal | CheckKind::OrgSubtotal => row_side = true,
            CheckKind::OutcomeTotal | CheckKind::Balance => column_side = true,
            _ => {}
        }
        ids.push(check.id);
    }
    let excess = excess?;
    if !(row_side && column_side) || excess == 0 {
        return None;
    }
    let fixed = u64::try_from(i128::from(value) - i128::from(excess)).ok()?;
    Some(Suggestion {
        cell,
        value: fixed,
        reason: format!(
            "likely culprit: {cell} = {value} is off by {excess:+} in every check it is part of; \
             {fixed} makes {} pass",
            list(&ids)
        ),
        checks: ids,
    })
}

/// Check ids as a message lists them: "a, b".
fn list(ids: &[CheckId]) -> String {
    ids.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn missing_total(
    counts: &Counts,
    checks: &[OnCheck],
    index: u16,
    cell: CellId,
) -> Option<Suggestion> {
    let state = counts.cell(index)?.state;
    if counts.at(index).is_some()
        || !matches!(
            state,
            CellState::Missing | CellState::Blank | CellState::Invalid
        )
    {
        return None;
    }
    let mut is_total = false;
    let mut value = None;
    let mut ids = Vec::new();
    for &(_, indexed, s, unknown) in checks {
        if unknown != 1 {
            continue;
        }
        let check = indexed.check;
        // Solve sum(left) = sum(right) for the one unknown cell.
        let known = |cells: &[u16]| -> i128 {
            cells
                .iter()
                .filter(|&&i| i != index)
                .filter_map(|&i| counts.at(i))
                .map(i128::from)
                .sum()
        };
        let (l, r) = (known(indexed.left), known(indexed.right));
        let solved = if s > 0 { r - l } else { l - r };
        let solved = u64::try_from(solved).ok()?;
        if *value.get_or_insert(solved) != solved {
            return None;
        }
        if s > 0 && check.left_cells.len() == 1 && check.kind() != CheckKind::Balance {
            is_total = true;
        }
        ids.push(check.id);
    }
    let value = value?;
    if !is_total {
        return None;
    }
    Some(Suggestion {
        cell,
        value,
        reason: format!(
            "{cell} is {}; the cells it totals are all known and sum to {value}, which makes {} pass",
            state.id().replace('_', " "),
            list(&ids)
        ),
        checks: ids,
    })
}

#[cfg(test)]
mod tests {
    use crate::checks::tests::{id, passing_report, set_count, set_state};
    use crate::checks::{CheckStatus, run};
    use crate::report::CellState;
    use crate::template::{CellId, Layout};

    #[test]
    fn one_wrong_cell_is_named_as_the_culprit() {
        let mut r = passing_report(Layout::default());
        set_count(&mut r, "requests.disclosed.natural_person", 4); // should be 1
        let checks = run(&r, "");
        assert_eq!(
            checks
                .get(id("requests.row_total.disclosed"))
                .unwrap()
                .status,
            CheckStatus::Fail
        );
        assert_eq!(
            checks
                .get(id("requests.outcome_total.natural_person"))
                .unwrap()
                .status,
            CheckStatus::Fail
        );
        assert_eq!(checks.suggestions.len(), 1, "{:#?}", checks.suggestions);
        let s = &checks.suggestions[0];
        assert_eq!(
            s.cell,
            CellId::parse("requests.disclosed.natural_person").unwrap()
        );
        assert_eq!(s.value, 1);
        assert!(s.checks.contains(&id("requests.row_total.disclosed")));
        assert!(
            s.checks
                .contains(&id("requests.outcome_total.natural_person"))
        );
        assert!(s.reason.contains("culprit"));
    }

    #[test]
    fn a_wrong_total_cell_is_named_too() {
        let mut r = passing_report(Layout::default());
        set_count(&mut r, "requests.carried_forward.total", 2); // should be 0
        let checks = run(&r, "");
        let s = checks
            .suggestion(CellId::parse("requests.carried_forward.total").unwrap())
            .unwrap();
        assert_eq!(s.value, 0);
        assert_eq!(checks.suggestions.len(), 1);
    }

    #[test]
    fn a_lone_failure_has_no_culprit() {
        let mut r = passing_report(Layout::default());
        set_count(&mut r, "appeals.review.total", 0);
        assert!(run(&r, "").suggestions.is_empty());
        // Two independent errors: no single cell explains them.
        let mut r = passing_report(Layout::default());
        set_count(&mut r, "requests.disclosed.natural_person", 4);
        set_count(&mut r, "requests.partly_disclosed.commercial", 3);
        let checks = run(&r, "");
        assert!(
            checks
                .suggestions
                .iter()
                .all(|s| s.cell.to_string() != "requests.disclosed.total")
        );
        assert_eq!(checks.suggestions.len(), 2, "{:#?}", checks.suggestions);
    }

    /// The checks of a passing report with one cell missing.
    fn checks_with_missing(cell: &str) -> crate::checks::Checks {
        let mut r = passing_report(Layout::default());
        set_state(&mut r, cell, CellState::Missing, "");
        run(&r, "")
    }

    #[test]
    fn a_missing_total_gets_the_sum_of_its_row() {
        let checks = checks_with_missing("requests.new_received.total");
        assert_eq!(
            checks
                .get(id("requests.row_total.new_received"))
                .unwrap()
                .status,
            CheckStatus::Incomplete
        );
        let s = checks
            .suggestion(CellId::parse("requests.new_received.total").unwrap())
            .unwrap();
        assert_eq!(s.value, 120);
        assert!(
            s.checks.contains(&id("requests.balance.total")),
            "{:?}",
            s.checks
        );
        assert!(s.reason.contains("missing"));
    }

    #[test]
    fn a_missing_outcome_total_gets_its_column_sum() {
        let checks = checks_with_missing("requests.outcome_total.total");
        let s = checks
            .suggestion(CellId::parse("requests.outcome_total.total").unwrap())
            .unwrap();
        assert_eq!(s.value, 126);
        assert_eq!(s.checks.len(), 3, "{:?}", s.checks);
    }

    #[test]
    fn a_missing_addend_gets_no_suggestion_and_disagreeing_sums_none_either() {
        let mut r = passing_report(Layout::default());
        set_state(
            &mut r,
            "requests.disclosed.commercial",
            CellState::Missing,
            "",
        );
        assert!(run(&r, "").suggestions.is_empty());

        let mut r = passing_report(Layout::default());
        set_state(
            &mut r,
            "requests.outcome_total.total",
            CellState::Missing,
            "",
        );
        set_count(&mut r, "requests.carried_forward.total", 5); // balance now disagrees
        let checks = run(&r, "");
        assert!(
            checks
                .suggestion(CellId::parse("requests.outcome_total.total").unwrap())
                .is_none()
        );
    }

    /// `suggest` over a report's results finds what `run` finds with the
    /// cell indices it has: culprits, missing totals and none.
    #[test]
    fn suggest_from_results_agrees_with_run() {
        let mut culprit = passing_report(Layout { org_subtotal: true });
        set_count(&mut culprit, "requests.disclosed.commercial", 4);
        let mut missing = passing_report(Layout::default());
        set_state(
            &mut missing,
            "requests.outcome_total.total",
            CellState::Blank,
            "",
        );
        set_count(&mut missing, "appeals.review.upheld", 9);
        for r in [culprit, missing, passing_report(Layout::default())] {
            let checks = run(&r, "");
            assert_eq!(super::suggest(&r, &checks.results), checks.suggestions);
        }
    }

    #[test]
    fn not_applicable_totals_are_left_alone() {
        let mut r = passing_report(Layout::default());
        set_state(
            &mut r,
            "appeals.review.total",
            CellState::NotApplicable,
            "/",
        );
        assert!(run(&r, "").suggestions.is_empty());
    }
}
