//! What the checks say about each cell, computed once per frame from the
//! review: the worst status of the checks a cell takes part in, whether the
//! core suggests a value for it, and the ordered list of problem cells that
//! F8 / Shift+F8 walk through.

use std::collections::{HashMap, HashSet};

use crate::checks::{CheckId, CheckResult, CheckStatus, Checks, Suggestion};
use crate::report::{Cell, Report};
use crate::template::CellId;

/// How a check involves a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// A narrative cross-check disagrees.
    Warning,
    /// The cell has no value, so a check cannot be decided.
    Incomplete,
    /// The cell takes part in a check whose two sides disagree.
    Fail,
}

/// The marks of one cell.
#[derive(Debug, Clone, Default)]
pub struct Mark {
    /// The worst unacknowledged problem the cell is part of.
    pub severity: Option<Severity>,
    /// Whether it takes part in an acknowledged non-passing check.
    pub acknowledged: bool,
    /// Indices into `Checks::results` of the non-passing checks it is part of.
    pub checks: Vec<usize>,
    /// Index into `Checks::suggestions` of the value suggested for it.
    pub suggestion: Option<usize>,
}

/// Counts of check outcomes, for the checks panel and the status bar: the
/// core's one tally (an acknowledged check counts only as acknowledged).
pub type Counts = crate::checks::Tally;

/// The marks of every cell.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    cells: HashMap<CellId, Mark>,
    problems: Vec<CellId>,
    unsure: Vec<CellId>,
    counts: Counts,
}

impl Marks {
    /// Computes the marks from the report, its checks and the acknowledged check ids.
    pub fn compute(
        report: &Report,
        checks: &Checks,
        acknowledged: impl IntoIterator<Item = CheckId>,
    ) -> Marks {
        let acked: HashSet<CheckId> = acknowledged.into_iter().collect();
        let mut cells: HashMap<CellId, Mark> = HashMap::new();
        let mut counts = Counts::default();
        for (i, check) in checks.results.iter().enumerate() {
            let is_acked = acked.contains(&check.id);
            counts.add(check.status, is_acked);
            if check.status == CheckStatus::Pass {
                continue;
            }
            for id in check.cells() {
                let mark = cells.entry(id).or_default();
                mark.checks.push(i);
                if is_acked {
                    mark.acknowledged = true;
                    continue;
                }
                let sev = severity_for(check, report.cell(id));
                mark.severity = mark.severity.max(sev);
            }
        }
        for (i, s) in checks.suggestions.iter().enumerate() {
            cells.entry(s.cell).or_default().suggestion = Some(i);
        }
        let problems = report
            .layout
            .cells()
            .filter(|id| cells.get(id).is_some_and(Mark::is_problem))
            .collect();
        let unsure = report
            .layout
            .cells()
            .filter(|id| report.cell(*id).is_some_and(Cell::is_unsure))
            .collect();
        Marks {
            cells,
            problems,
            unsure,
            counts,
        }
    }

    /// The marks of a cell (default: none).
    pub fn get(&self, id: CellId) -> Option<&Mark> {
        self.cells.get(&id)
    }

    /// The check counts.
    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// Counts more checks (the cross-year ones) in the tally.
    pub fn tally_also(&mut self, checks: impl IntoIterator<Item = (CheckStatus, bool)>) {
        for (status, acknowledged) in checks {
            self.counts.add(status, acknowledged);
        }
    }

    /// Problem cells in grid order.
    pub fn problems(&self) -> &[CellId] {
        &self.problems
    }

    /// The problem after (or, with `back`, before) `from`, wrapping around.
    pub fn next_problem(
        &self,
        from: Option<CellId>,
        back: bool,
        order: &[CellId],
    ) -> Option<CellId> {
        next_in(&self.problems, from, back, order)
    }

    /// Values the extractor was unsure of, in grid order (F7 walks them).
    pub fn unsure(&self) -> &[CellId] {
        &self.unsure
    }

    /// The unsure value after (or, with `back`, before) `from`, wrapping around.
    pub fn next_unsure(
        &self,
        from: Option<CellId>,
        back: bool,
        order: &[CellId],
    ) -> Option<CellId> {
        next_in(&self.unsure, from, back, order)
    }
}

/// The cell of `list` after (or before) `from` in `order`, wrapping around.
fn next_in(list: &[CellId], from: Option<CellId>, back: bool, order: &[CellId]) -> Option<CellId> {
    let pos = |id: CellId| order.iter().position(|&c| c == id);
    let here = from.and_then(pos);
    let ranked = list.iter().filter_map(|&p| Some((pos(p)?, p)));
    let found = match (here, back) {
        (None, false) => ranked.min_by_key(|(i, _)| *i),
        (None, true) => ranked.max_by_key(|(i, _)| *i),
        (Some(h), false) => ranked
            .clone()
            .filter(|(i, _)| *i > h)
            .min_by_key(|(i, _)| *i)
            .or_else(|| ranked.min_by_key(|(i, _)| *i)),
        (Some(h), true) => ranked
            .clone()
            .filter(|(i, _)| *i < h)
            .max_by_key(|(i, _)| *i)
            .or_else(|| ranked.max_by_key(|(i, _)| *i)),
    };
    found.map(|(_, p)| p)
}

impl Mark {
    /// Whether F8 stops here: a failing or undecidable cell, or one with a suggestion.
    pub fn is_problem(&self) -> bool {
        self.suggestion.is_some()
            || matches!(self.severity, Some(Severity::Fail | Severity::Incomplete))
    }

    /// The suggestion for this cell, if any.
    pub fn suggestion<'c>(&self, checks: &'c Checks) -> Option<&'c Suggestion> {
        self.suggestion.and_then(|i| checks.suggestions.get(i))
    }
}

/// How a non-passing check marks one of its cells: every cell of a failing
/// check, only the valueless cells of an incomplete one.
fn severity_for(check: &CheckResult, cell: Option<&Cell>) -> Option<Severity> {
    match check.status {
        CheckStatus::Fail => Some(Severity::Fail),
        CheckStatus::Incomplete => cell
            .is_none_or(|c| c.value.is_none())
            .then_some(Severity::Incomplete),
        CheckStatus::Warning => Some(Severity::Warning),
        CheckStatus::Pass => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{CellState, Value};
    use crate::template::Layout;

    fn id(s: &str) -> CellId {
        CellId::parse(s).unwrap()
    }

    fn check_id(s: &str) -> CheckId {
        s.parse().unwrap()
    }

    fn check(cid: &str, status: CheckStatus, left: &str, right: &[&str]) -> CheckResult {
        CheckResult {
            id: check_id(cid),
            status,
            rule: String::new(),
            left_cells: vec![id(left)],
            right_cells: right.iter().map(|s| id(s)).collect(),
            left: None,
            right: None,
            difference: None,
            message: String::new(),
            span: None,
        }
    }

    fn report() -> Report {
        let mut r = Report::empty(Layout::default());
        for c in r.cells.values_mut() {
            c.value = Some(Value::Count(0));
            c.state = CellState::Extracted;
        }
        r.cells
            .get_mut(&id("appeals.review.pending"))
            .unwrap()
            .value = None;
        r
    }

    #[test]
    fn fail_marks_every_cell_incomplete_only_the_valueless_ones() {
        let checks = Checks {
            results: vec![
                check(
                    "appeals.total.review",
                    CheckStatus::Fail,
                    "appeals.review.total",
                    &["appeals.review.upheld"],
                ),
                check(
                    "appeals.total.litigation_direct",
                    CheckStatus::Incomplete,
                    "appeals.litigation_direct.total",
                    &["appeals.review.pending"],
                ),
                check(
                    "appeals.total.litigation_after_review",
                    CheckStatus::Pass,
                    "active.rules.issued",
                    &[],
                ),
            ],
            suggestions: vec![],
        };
        let m = Marks::compute(&report(), &checks, []);
        assert_eq!(
            m.get(id("appeals.review.total")).unwrap().severity,
            Some(Severity::Fail)
        );
        assert_eq!(
            m.get(id("appeals.review.upheld")).unwrap().severity,
            Some(Severity::Fail)
        );
        assert_eq!(
            m.get(id("appeals.review.pending")).unwrap().severity,
            Some(Severity::Incomplete)
        );
        assert_eq!(
            m.get(id("appeals.litigation_direct.total"))
                .unwrap()
                .severity,
            None
        );
        assert!(m.get(id("active.rules.issued")).is_none());
        assert_eq!(
            m.counts(),
            Counts {
                fail: 1,
                incomplete: 1,
                warning: 0,
                pass: 1,
                acknowledged: 0
            }
        );
        assert_eq!(
            m.problems(),
            &[
                id("appeals.review.upheld"),
                id("appeals.review.pending"),
                id("appeals.review.total")
            ]
        );
    }

    /// Table C's review total failing, on its total cell and one outcome.
    fn review_total_fails() -> Checks {
        Checks {
            results: vec![check(
                "appeals.total.review",
                CheckStatus::Fail,
                "appeals.review.total",
                &["appeals.review.upheld"],
            )],
            suggestions: vec![],
        }
    }

    #[test]
    fn acknowledged_checks_are_not_problems() {
        let checks = review_total_fails();
        let m = Marks::compute(&report(), &checks, [check_id("appeals.total.review")]);
        let mark = m.get(id("appeals.review.total")).unwrap();
        assert!(mark.acknowledged);
        assert_eq!(mark.severity, None);
        assert!(m.problems().is_empty());
    }

    #[test]
    fn next_problem_wraps_both_ways() {
        let checks = review_total_fails();
        let m = Marks::compute(&report(), &checks, []);
        let order: Vec<CellId> = Layout::default().cells().collect();
        let (up, tot) = (id("appeals.review.upheld"), id("appeals.review.total"));
        assert_eq!(m.next_problem(None, false, &order), Some(up));
        assert_eq!(m.next_problem(Some(up), false, &order), Some(tot));
        assert_eq!(m.next_problem(Some(tot), false, &order), Some(up));
        assert_eq!(m.next_problem(Some(up), true, &order), Some(tot));
        assert_eq!(m.next_problem(None, true, &order), Some(tot));
    }
}
