//! Report → check results: pure functions, no state.
//!
//! The template checks of spec §6 ([`template_checks`]), the repairs they
//! suggest ([`repair`]) and the softer narrative cross-checks ([`narrative`]).
//! The window and the CLI only read the types defined here.

mod id;
pub mod narrative;
pub mod repair;

pub use id::{CheckId, CrossYear, Narrative, SavedCheckId, UnknownCheckId};

use serde::{Deserialize, Serialize};

use crate::report::{CellState, Report};
use crate::template::{
    APPLICANT_COLS, CellId, ORG_COLS, ORG_SUBTOTAL, REQUEST_COLS, TableId, TemplateVersion,
    outcome_rows,
};

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// Both sides agree.
    Pass,
    /// Both sides are known and disagree.
    Fail,
    /// A cell involved is missing, blank, "/" or invalid.
    Incomplete,
    /// A softer check (narrative vs tables) disagrees: never a `Fail`.
    Warning,
}

/// What family a check belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// `requests.row_total.<row>`.
    RowTotal,
    /// `requests.outcome_total.<col>`.
    OutcomeTotal,
    /// `requests.balance.<col>` (勾稽关系).
    Balance,
    /// `appeals.total.<group>`.
    AppealTotal,
    /// `requests.org_subtotal.<row>`.
    OrgSubtotal,
    /// `narrative.*`: section 一 vs the tables.
    Narrative,
    /// `cross_year.*`: this report vs the same issuer's report of the year before.
    CrossYear,
}

/// A value nianbao proposes for a cell, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The cell.
    pub cell: CellId,
    /// The proposed value.
    pub value: u64,
    /// Why (e.g. "makes requests.row_total.disclosed and requests.outcome_total.total pass").
    pub reason: String,
    /// The checks this suggestion would make pass.
    pub checks: Vec<CheckId>,
}

/// The result of one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    /// Stable id, e.g. `requests.balance.total` (its family is the kind).
    pub id: CheckId,
    /// The outcome.
    pub status: CheckStatus,
    /// The rule in words, e.g. "总计 = 自然人 + … + 其他".
    pub rule: String,
    /// Cells on the left side (e.g. the total).
    pub left_cells: Vec<CellId>,
    /// Cells on the right side (e.g. the addends).
    pub right_cells: Vec<CellId>,
    /// Left side's value, when every left cell is known.
    pub left: Option<u64>,
    /// Right side's value, when every right cell is known.
    pub right: Option<u64>,
    /// left − right, when both are known.
    pub difference: Option<i64>,
    /// A one-line human message.
    pub message: String,
    /// Source span (narrative checks: the sentence compared).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<crate::report::Span>,
}

impl CheckResult {
    /// The family.
    pub fn kind(&self) -> CheckKind {
        self.id.kind()
    }

    /// Every cell the check reads.
    pub fn cells(&self) -> impl Iterator<Item = CellId> + '_ {
        self.left_cells
            .iter()
            .chain(self.right_cells.iter())
            .copied()
    }
}

/// All check results for a report, plus the repairs they suggest.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Checks {
    /// Every check, template checks first in spec order, then narrative ones.
    pub results: Vec<CheckResult>,
    /// Likely culprits and missing totals with the value that would fix them.
    pub suggestions: Vec<Suggestion>,
}

/// Runs every check of spec §6 (and the narrative cross-checks against `text`).
pub fn run(report: &Report, text: &str) -> Checks {
    if report.template != TemplateVersion::V2021 {
        return Checks::default();
    }
    let mut results = template_checks(report);
    let suggestions = repair::suggest(report, &results);
    results.extend(narrative::run(report, text));
    Checks {
        results,
        suggestions,
    }
}

impl Checks {
    /// The result of a check by id.
    pub fn get(&self, id: CheckId) -> Option<&CheckResult> {
        self.results.iter().find(|r| r.id == id)
    }

    /// The suggestion for a cell, if there is one.
    pub fn suggestion(&self, cell: CellId) -> Option<&Suggestion> {
        self.suggestions.iter().find(|s| s.cell == cell)
    }

    /// How many results have the given status.
    pub fn count(&self, status: CheckStatus) -> usize {
        self.results.iter().filter(|r| r.status == status).count()
    }
}

/// How many checks end how: the one tally the status bar, the checks panel,
/// the queue, `check` and the CSV all show. A check a person acknowledged
/// counts only as acknowledged, whatever its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    /// Checks that pass.
    pub pass: usize,
    /// Checks that fail, not acknowledged.
    pub fail: usize,
    /// Checks with a missing side, not acknowledged.
    pub incomplete: usize,
    /// Soft checks that disagree, not acknowledged.
    pub warning: usize,
    /// Non-passing checks a person acknowledged.
    pub acknowledged: usize,
}

impl Tally {
    /// Counts one check.
    pub fn add(&mut self, status: CheckStatus, acknowledged: bool) {
        match (status, acknowledged) {
            (CheckStatus::Pass, _) => self.pass += 1,
            (_, true) => self.acknowledged += 1,
            (CheckStatus::Fail, false) => self.fail += 1,
            (CheckStatus::Incomplete, false) => self.incomplete += 1,
            (CheckStatus::Warning, false) => self.warning += 1,
        }
    }

    /// The tally of checks given as (status, acknowledged).
    pub fn of(checks: impl IntoIterator<Item = (CheckStatus, bool)>) -> Tally {
        let mut t = Tally::default();
        for (status, acknowledged) in checks {
            t.add(status, acknowledged);
        }
        t
    }
}

impl CheckStatus {
    /// The JSON / CLI name.
    pub fn id(self) -> &'static str {
        match self {
            CheckStatus::Pass => "pass",
            CheckStatus::Fail => "fail",
            CheckStatus::Incomplete => "incomplete",
            CheckStatus::Warning => "warning",
        }
    }
}

/// The arithmetic checks of spec §6, in spec order: row totals, outcome
/// totals, the 勾稽 balance, appeal totals, then (only with the 小计 column)
/// the organisation subtotals.
pub fn template_checks(report: &Report) -> Vec<CheckResult> {
    let mut out = Vec::with_capacity(67);
    let counts = Counts::new(report);
    // Cells by row index (the template's order), built without lookups.
    let req = |row: usize, col: &'static str| CellId {
        table: TableId::Requests,
        row: row as u8,
        col,
    };
    let row_of = |id: &str| row_index(TableId::Requests, id);
    let (new, carried_over) = (row_of("new_received"), row_of("carried_over"));
    let (outcome_total, carried_forward) = (row_of("outcome_total"), row_of("carried_forward"));
    let outcome =
        row_of(outcome_rows()[0].id)..=row_of(outcome_rows()[outcome_rows().len() - 1].id);

    for (r, row) in TableId::Requests.rows().iter().enumerate() {
        out.push(sum_check(
            report,
            &counts,
            CheckId::RowTotal { row: row.id },
            "总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
            vec![req(r, "total")],
            APPLICANT_COLS.iter().map(|c| req(r, c)).collect(),
        ));
    }
    for col in REQUEST_COLS {
        out.push(sum_check(
            report,
            &counts,
            CheckId::OutcomeTotal { col: col.id },
            "（七）总计 = （一）+（二）+（三）1–8 +（四）1–3 +（五）1–5 +（六）1–3",
            vec![req(outcome_total, col.id)],
            outcome.clone().map(|r| req(r, col.id)).collect(),
        ));
    }
    for col in REQUEST_COLS {
        out.push(sum_check(
            report,
            &counts,
            CheckId::Balance { col: col.id },
            "一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理",
            vec![req(new, col.id), req(carried_over, col.id)],
            vec![req(outcome_total, col.id), req(carried_forward, col.id)],
        ));
    }
    for (g, group) in TableId::Appeals.rows().iter().enumerate() {
        let c = |col: &'static str| CellId {
            table: TableId::Appeals,
            row: g as u8,
            col,
        };
        out.push(sum_check(
            report,
            &counts,
            CheckId::AppealTotal { group: group.id },
            "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
            vec![c("total")],
            ["upheld", "corrected", "other", "pending"]
                .into_iter()
                .map(c)
                .collect(),
        ));
    }
    if report.layout.org_subtotal {
        for (r, row) in TableId::Requests.rows().iter().enumerate() {
            out.push(sum_check(
                report,
                &counts,
                CheckId::OrgSubtotal { row: row.id },
                "小计 = 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
                vec![req(r, ORG_SUBTOTAL)],
                ORG_COLS.iter().map(|c| req(r, c)).collect(),
            ));
        }
    }
    out
}

/// The index of a template row by id; the ids used here are the template's own.
fn row_index(table: TableId, id: &str) -> usize {
    match table.rows().iter().position(|r| r.id == id) {
        Some(i) => i,
        None => unreachable!("template row {id} exists in the template"),
    }
}

/// A template cell by ids; the ids used here are the template's own.
#[cfg(test)]
fn cell(table: TableId, row: &str, col: &str) -> CellId {
    match CellId::new(table, row, col) {
        Some(id) => id,
        None => unreachable!("template ids {row}.{col} exist in the template"),
    }
}

/// A report's counts, read once into a list in cell order: the template
/// checks look up about 500 cells, and a binary search on (table, row) then a
/// scan of that row's few columns is cheaper than a tree lookup comparing
/// column names at every level.
pub(crate) struct Counts {
    /// Every cell of the report with its count, in `CellId` order.
    cells: Vec<(CellId, Option<u64>)>,
}

impl Counts {
    pub(crate) fn new(report: &Report) -> Counts {
        Counts {
            cells: report
                .cells
                .iter()
                .map(|(&id, c)| (id, c.count()))
                .collect(),
        }
    }

    /// The count in a cell, as [`Report::count`] gives it.
    pub(crate) fn get(&self, id: CellId) -> Option<u64> {
        let row = (id.table, id.row);
        let first = self.cells.partition_point(|(c, _)| (c.table, c.row) < row);
        self.cells[first..]
            .iter()
            .take_while(|(c, _)| (c.table, c.row) == row)
            .find(|(c, _)| c.col == id.col)
            .and_then(|&(_, n)| n)
    }

    /// The sum of the counts in `cells`, when every one holds a count.
    fn sum(&self, cells: &[CellId]) -> Option<u64> {
        cells
            .iter()
            .try_fold(0u64, |sum, &c| sum.checked_add(self.get(c)?))
    }
}

/// left − right, saturating at the ends of `i64` (counts are `u64`).
pub(crate) fn signed_difference(left: u64, right: u64) -> i64 {
    (i128::from(left) - i128::from(right)).clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

/// How a cell without a count is described in a message.
fn why_unknown(report: &Report, id: CellId) -> String {
    match report.cell(id) {
        None => format!("{id} is not in the report"),
        Some(c) => match c.state {
            CellState::Blank => format!("{id} is blank"),
            CellState::NotApplicable => format!("{id} is marked not applicable (\"{}\")", c.raw),
            CellState::Invalid => format!("{id} is not a number (\"{}\")", c.raw),
            CellState::Missing => format!("{id} is missing"),
            _ => format!("{id} holds no count"),
        },
    }
}

/// Appends a cell's id ("requests.disclosed.total") without the formatting
/// machinery: template checks name a few hundred cells per report.
fn push_cell(out: &mut String, c: CellId) {
    for part in [c.table.id(), ".", c.row_id(), ".", c.col] {
        out.push_str(part);
    }
}

/// Names a side of a check: the cell itself, or "the N cells a + b + …".
fn push_side_name(out: &mut String, cells: &[CellId]) {
    match cells {
        [one] => push_cell(out, *one),
        [a, b] => {
            push_cell(out, *a);
            out.push_str(" + ");
            push_cell(out, *b);
        }
        many => {
            out.push_str("the sum of ");
            out.push_str(&many.len().to_string());
            out.push_str(" cells (");
            push_cell(out, many[0]);
            out.push_str(" … ");
            push_cell(out, many[many.len() - 1]);
            out.push(')');
        }
    }
}

/// The message of a passing check: "a + b = 12 = the sum of 6 cells (c … d)".
fn pass_message(left_cells: &[CellId], value: u64, right_cells: &[CellId]) -> String {
    let mut out = String::with_capacity(160);
    push_side_name(&mut out, left_cells);
    out.push_str(" = ");
    out.push_str(&value.to_string());
    out.push_str(" = ");
    push_side_name(&mut out, right_cells);
    out
}

/// A side of a failing check with its values: "requests.disclosed:
/// natural_person 131 + commercial 6 + …" (cells sharing a row are named by
/// column, cells sharing a column by row; of long sides only non-zero terms).
fn side_terms(report: &Report, cells: &[CellId]) -> String {
    let value = |c: CellId| report.count(c).unwrap_or(0);
    if let [one] = cells {
        return one.to_string();
    }
    let same_row = cells
        .iter()
        .all(|c| (c.table, c.row) == (cells[0].table, cells[0].row));
    let same_col = cells
        .iter()
        .all(|c| (c.table, c.col) == (cells[0].table, cells[0].col));
    let name = |c: CellId| match (same_row, same_col) {
        (true, _) => c.col.to_string(),
        (_, true) => c.row_id().to_string(),
        _ => c.to_string(),
    };
    let long = cells.len() > 8;
    let terms: Vec<String> = cells
        .iter()
        .filter(|&&c| !long || value(c) != 0)
        .map(|&c| format!("{} {}", name(c), value(c)))
        .collect();
    let zeros = cells.len() - terms.len();
    let mut out = match (same_row, same_col) {
        (true, _) => format!("{}.{}: ", cells[0].table.id(), cells[0].row_id()),
        (_, true) => format!("column {} of {} rows: ", cells[0].col, cells.len()),
        _ => String::new(),
    };
    out.push_str(&if terms.is_empty() {
        "all 0".to_string()
    } else {
        terms.join(" + ")
    });
    if zeros > 0 && !terms.is_empty() {
        out.push_str(&format!(" (the other {zeros} are 0)"));
    }
    out
}

/// A check "sum(left) = sum(right)".
fn sum_check(
    report: &Report,
    counts: &Counts,
    id: CheckId,
    rule: &str,
    left_cells: Vec<CellId>,
    right_cells: Vec<CellId>,
) -> CheckResult {
    let left = counts.sum(&left_cells);
    let right = counts.sum(&right_cells);
    let difference = match (left, right) {
        (Some(l), Some(r)) => Some(signed_difference(l, r)),
        _ => None,
    };
    let (status, message) = match (left, right) {
        (Some(l), Some(r)) if l == r => (
            CheckStatus::Pass,
            pass_message(&left_cells, l, &right_cells),
        ),
        (Some(l), Some(r)) => (
            CheckStatus::Fail,
            format!(
                "{} = {l}, but {} = {r} (difference {:+})",
                side_terms(report, &left_cells),
                side_terms(report, &right_cells),
                signed_difference(l, r)
            ),
        ),
        _ => {
            // Only the first three are described: formatting every unknown
            // cell of a mostly empty table is most of the cost of checking it.
            let unknown: Vec<CellId> = left_cells
                .iter()
                .chain(&right_cells)
                .copied()
                .filter(|&c| counts.get(c).is_none())
                .collect();
            if unknown.is_empty() {
                return CheckResult {
                    id,
                    status: CheckStatus::Incomplete,
                    rule: rule.to_string(),
                    message: "cannot check: the numbers are too large to add up".to_string(),
                    left_cells,
                    right_cells,
                    left,
                    right,
                    difference,
                    span: None,
                };
            }
            let shown = unknown.len().min(3);
            let more = match unknown.len() - shown {
                0 => String::new(),
                n => format!(" (and {n} more cells without a count)"),
            };
            (
                CheckStatus::Incomplete,
                format!(
                    "cannot check: {}{more}",
                    unknown[..shown]
                        .iter()
                        .map(|&c| why_unknown(report, c))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            )
        }
    };
    CheckResult {
        id,
        status,
        rule: rule.to_string(),
        left_cells,
        right_cells,
        left,
        right,
        difference,
        message,
        span: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Cell, Value};
    use crate::template::Layout;

    /// A check id the checks produce, by its string.
    pub(crate) fn id(s: &str) -> CheckId {
        match s.parse() {
            Ok(id) => id,
            Err(e) => panic!("{e}"),
        }
    }

    /// Every id the template checks produce (with the 小计 column, all 67)
    /// is among [`CheckId::all`], and writes as spec §6 names it.
    #[test]
    fn template_check_ids_are_the_spec_ids() {
        let checks = run(&passing_report(Layout { org_subtotal: true }), "");
        let all: Vec<CheckId> = CheckId::all().collect();
        for c in &checks.results {
            assert!(all.contains(&c.id), "{}", c.id);
            assert_eq!(id(&c.id.to_string()), c.id);
        }
        let families: Vec<String> = checks
            .results
            .iter()
            .map(|c| {
                c.id.to_string()
                    .rsplit_once('.')
                    .map(|(f, _)| f.to_string())
                    .unwrap()
            })
            .collect();
        for family in [
            "requests.row_total",
            "requests.outcome_total",
            "requests.balance",
            "appeals.total",
            "requests.org_subtotal",
        ] {
            assert!(families.iter().any(|f| f == family), "{family}");
        }
    }

    /// A complete report where every check passes: each applicant column of
    /// each row holds 1 (totals 6), outcome rows 1 each (outcome_total 21 per
    /// column), new_received 20, carried_over 1, carried_forward 0.
    pub(crate) fn passing_report(layout: Layout) -> Report {
        let mut r = Report::empty(layout);
        let set = |r: &mut Report, id: CellId, n: u64| {
            r.cells.insert(
                id,
                Cell {
                    value: Some(Value::Count(n)),
                    raw: n.to_string(),
                    state: CellState::Extracted,
                    confidence: 1.0,
                    ..Cell::default()
                },
            );
        };
        for row in TableId::Requests.rows() {
            let per_col = match row.id {
                "new_received" => 20,
                "carried_over" => 1,
                "carried_forward" => 0,
                "outcome_total" => 21,
                _ => 1,
            };
            for col in APPLICANT_COLS {
                set(&mut r, cell(TableId::Requests, row.id, col), per_col);
            }
            set(
                &mut r,
                cell(TableId::Requests, row.id, "total"),
                per_col * 6,
            );
            if layout.org_subtotal {
                set(
                    &mut r,
                    cell(TableId::Requests, row.id, ORG_SUBTOTAL),
                    per_col * 5,
                );
            }
        }
        for g in TableId::Appeals.rows() {
            for (col, n) in [
                ("upheld", 1),
                ("corrected", 2),
                ("other", 0),
                ("pending", 3),
                ("total", 6),
            ] {
                set(&mut r, cell(TableId::Appeals, g.id, col), n);
            }
        }
        r
    }

    pub(crate) fn set_count(r: &mut Report, id: &str, n: u64) {
        let c = r.cells.get_mut(&CellId::parse(id).unwrap()).unwrap();
        c.value = Some(Value::Count(n));
        c.raw = n.to_string();
        c.state = CellState::Extracted;
    }

    pub(crate) fn set_state(r: &mut Report, id: &str, state: CellState, raw: &str) {
        let c = r.cells.get_mut(&CellId::parse(id).unwrap()).unwrap();
        c.value = None;
        c.raw = raw.to_string();
        c.state = state;
    }

    /// The list lookup gives what the report's own lookup gives, for every
    /// template cell: counts, blanks, invalid and removed cells, with and
    /// without the 小计 column.
    #[test]
    fn counts_agree_with_report_count_for_every_cell() {
        for org_subtotal in [false, true] {
            let layout = Layout { org_subtotal };
            let mut r = passing_report(layout);
            set_count(&mut r, "requests.disclosed.commercial", 7);
            set_state(&mut r, "requests.disclosed.total", CellState::Blank, "");
            set_state(&mut r, "appeals.review.other", CellState::Invalid, "x");
            r.cells
                .remove(&CellId::parse("requests.carried_over.natural_person").unwrap());
            let counts = Counts::new(&r);
            let mut known = 0;
            let every = Layout { org_subtotal: true };
            for id in every.cells() {
                assert_eq!(counts.get(id), r.count(id), "{id}");
                known += usize::from(counts.get(id).is_some());
            }
            // Not vacuous: most cells hold a count.
            assert!(known > 150, "{known}");
        }
    }

    #[test]
    fn a_consistent_report_passes_all_42_checks_in_spec_order() {
        let checks = run(&passing_report(Layout::default()), "");
        assert_eq!(checks.results.len(), 42);
        assert!(
            checks.results.iter().all(|c| c.status == CheckStatus::Pass),
            "{:#?}",
            checks
                .results
                .iter()
                .find(|c| c.status != CheckStatus::Pass)
        );
        assert_eq!(checks.results[0].id, id("requests.row_total.new_received"));
        assert_eq!(
            checks.results[24].id,
            id("requests.row_total.carried_forward")
        );
        assert_eq!(
            checks.results[25].id,
            id("requests.outcome_total.natural_person")
        );
        assert_eq!(checks.results[32].id, id("requests.balance.natural_person"));
        assert_eq!(checks.results[38].id, id("requests.balance.total"));
        assert_eq!(checks.results[39].id, id("appeals.total.review"));
        assert_eq!(
            checks.results[41].id,
            id("appeals.total.litigation_after_review")
        );
        assert!(checks.suggestions.is_empty());
    }

    #[test]
    fn the_subtotal_column_adds_25_checks() {
        let checks = run(&passing_report(Layout { org_subtotal: true }), "");
        assert_eq!(checks.results.len(), 67);
        assert_eq!(
            checks.results[42].id,
            id("requests.org_subtotal.new_received")
        );
        assert_eq!(checks.count(CheckStatus::Pass), 67);
    }

    #[test]
    fn other_templates_get_no_template_checks() {
        let mut r = passing_report(Layout::default());
        r.template = TemplateVersion::V2019;
        assert!(run(&r, "").results.is_empty());
        r.template = TemplateVersion::Unknown;
        assert!(run(&r, "").results.is_empty());
    }

    #[test]
    fn a_wrong_value_fails_with_both_sides_and_the_difference() {
        let mut r = passing_report(Layout::default());
        set_count(&mut r, "appeals.review.total", 0);
        let checks = run(&r, "");
        let c = checks.get(id("appeals.total.review")).unwrap();
        assert_eq!(c.status, CheckStatus::Fail);
        assert_eq!(
            (c.left, c.right, c.difference),
            (Some(0), Some(6), Some(-6))
        );
        assert!(
            c.message.contains("appeals.review.total = 0"),
            "{}",
            c.message
        );
        assert!(c.message.contains("-6"), "{}", c.message);
        assert!(
            c.message
                .contains("appeals.review: upheld 1 + corrected 2 + other 0 + pending 3 = 6"),
            "{}",
            c.message
        );
        // A long side lists its non-zero terms.
        let mut r = passing_report(Layout::default());
        set_count(&mut r, "requests.outcome_total.research", 5);
        let checks = run(&r, "");
        let m = &checks
            .get(id("requests.outcome_total.research"))
            .unwrap()
            .message;
        assert!(
            m.contains("column research of 21 rows: disclosed 1 + "),
            "{m}"
        );
        assert_eq!(c.left_cells.len(), 1);
        assert_eq!(c.right_cells.len(), 4);
    }

    #[test]
    fn blank_not_applicable_invalid_and_missing_make_a_check_incomplete() {
        for (state, raw) in [
            (CellState::Blank, ""),
            (CellState::NotApplicable, "/"),
            (CellState::Invalid, "l2"),
            (CellState::Missing, ""),
        ] {
            let mut r = passing_report(Layout::default());
            set_state(&mut r, "requests.disclosed.commercial", state, raw);
            let checks = run(&r, "");
            let row = checks.get(id("requests.row_total.disclosed")).unwrap();
            assert_eq!(row.status, CheckStatus::Incomplete, "{state:?}");
            assert_eq!((row.left, row.right, row.difference), (Some(6), None, None));
            assert!(
                row.message.contains("requests.disclosed.commercial"),
                "{}",
                row.message
            );
            assert_eq!(
                checks
                    .get(id("requests.outcome_total.commercial"))
                    .unwrap()
                    .status,
                CheckStatus::Incomplete
            );
            assert_eq!(
                checks
                    .get(id("requests.balance.commercial"))
                    .unwrap()
                    .status,
                CheckStatus::Pass
            );
        }
    }

    #[test]
    fn a_decimal_in_a_count_cell_is_not_a_count() {
        let mut r = passing_report(Layout::default());
        let cell = CellId::parse("requests.new_received.total").unwrap();
        r.cells.get_mut(&cell).unwrap().value = Some(Value::Decimal("120".into()));
        assert_eq!(
            run(&r, "")
                .get(id("requests.row_total.new_received"))
                .unwrap()
                .status,
            CheckStatus::Incomplete
        );
    }
}
