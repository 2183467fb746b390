//! Report → check results: pure functions, no state.
//!
//! The template checks of spec §6 ([`template_checks`]), the repairs they
//! suggest ([`repair`]) and the softer narrative cross-checks ([`narrative`]).
//! The window and the CLI only read the types defined here.

mod id;
pub mod narrative;
pub mod repair;

pub use id::{CheckId, CrossYear, Narrative, SavedCheckId, UnknownCheckId};

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::report::{Cell, CellState, Report};
use crate::template::{
    APPLICANT_COLS, CellId, Layout, ORG_COLS, ORG_SUBTOTAL, REQUEST_COLS, TableId, TemplateVersion,
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
    // The template checks and their repairs share the counts and the
    // checks' cell indices (`repair::suggest` would find them again).
    let counts = Counts::new(report);
    let template = TemplateCheck::of(report.layout);
    let mut results: Vec<CheckResult> = template
        .iter()
        .map(|check| sum_check(&counts, check))
        .collect();
    let indexed: Vec<repair::Indexed> = results
        .iter()
        .zip(template)
        .map(|(check, t)| repair::Indexed::new(check, &t.left, &t.right))
        .collect();
    let suggestions = repair::suggest_indexed(report, &counts, &indexed);
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
    let counts = Counts::new(report);
    TemplateCheck::of(report.layout)
        .iter()
        .map(|check| sum_check(&counts, check))
        .collect()
}

/// Every cell a report can have (the layout with the 小计 column), in
/// layout order: a cell's place here is its *index*. The checks add up
/// cells by index, so that a lookup is an array access, not a search
/// comparing column names.
static CELL_IDS: LazyLock<Vec<CellId>> =
    LazyLock::new(|| Layout { org_subtotal: true }.cells().collect());

/// The index of each row's first cell in [`CELL_IDS`], by table and row.
static ROW_STARTS: LazyLock<[Vec<u16>; 3]> = LazyLock::new(|| {
    let mut next = 0;
    TableId::ALL.map(|t| {
        (0..t.rows().len())
            .map(|r| {
                let start = next;
                next += Layout { org_subtotal: true }.cols(t, r).len() as u16;
                start
            })
            .collect()
    })
});

/// The index of a cell in [`CELL_IDS`], if it is a template cell.
fn cell_index(id: CellId) -> Option<u16> {
    let row = usize::from(id.row);
    let start = *ROW_STARTS[id.table as usize].get(row)?;
    let col = Layout { org_subtotal: true }
        .cols(id.table, row)
        .iter()
        .position(|c| c.id == id.col)?;
    Some(start + col as u16)
}

/// The cell of an index in [`CELL_IDS`].
fn cell_of_index(i: u16) -> CellId {
    CELL_IDS[usize::from(i)]
}

/// The index of a cell the template has (the ids used here are its own).
fn template_cell_index(id: CellId) -> u16 {
    match cell_index(id) {
        Some(i) => i,
        None => unreachable!("template cell {id} exists in the template"),
    }
}

/// One template check as the template fixes it, everything but the
/// values: built once, so that checking a report only adds up numbers.
struct TemplateCheck {
    id: CheckId,
    rule: &'static str,
    left_cells: Vec<CellId>,
    right_cells: Vec<CellId>,
    /// The cells' indices in [`CELL_IDS`].
    left: Vec<u16>,
    right: Vec<u16>,
    /// The sides as a message names them (see [`side_name`]).
    left_name: String,
    right_name: String,
}

/// The template checks in spec order: the first 42 for every report, the
/// last 25 (the organisation subtotals) only with the 小计 column.
static TEMPLATE_CHECKS: LazyLock<Vec<TemplateCheck>> = LazyLock::new(|| {
    let mut out = Vec::with_capacity(67);
    let mut push = |id, rule, left_cells: Vec<CellId>, right_cells: Vec<CellId>| {
        let index = |cells: &[CellId]| cells.iter().map(|&c| template_cell_index(c)).collect();
        out.push(TemplateCheck {
            id,
            rule,
            left: index(&left_cells),
            right: index(&right_cells),
            left_name: side_name(&left_cells),
            right_name: side_name(&right_cells),
            left_cells,
            right_cells,
        });
    };
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
        push(
            CheckId::RowTotal { row: row.id },
            "总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
            vec![req(r, "total")],
            APPLICANT_COLS.iter().map(|c| req(r, c)).collect(),
        );
    }
    for col in REQUEST_COLS {
        push(
            CheckId::OutcomeTotal { col: col.id },
            "（七）总计 = （一）+（二）+（三）1–8 +（四）1–3 +（五）1–5 +（六）1–3",
            vec![req(outcome_total, col.id)],
            outcome.clone().map(|r| req(r, col.id)).collect(),
        );
    }
    for col in REQUEST_COLS {
        push(
            CheckId::Balance { col: col.id },
            "一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理",
            vec![req(new, col.id), req(carried_over, col.id)],
            vec![req(outcome_total, col.id), req(carried_forward, col.id)],
        );
    }
    for (g, group) in TableId::Appeals.rows().iter().enumerate() {
        let c = |col: &'static str| CellId {
            table: TableId::Appeals,
            row: g as u8,
            col,
        };
        push(
            CheckId::AppealTotal { group: group.id },
            "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
            vec![c("total")],
            ["upheld", "corrected", "other", "pending"]
                .into_iter()
                .map(c)
                .collect(),
        );
    }
    for (r, row) in TableId::Requests.rows().iter().enumerate() {
        push(
            CheckId::OrgSubtotal { row: row.id },
            "小计 = 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
            vec![req(r, ORG_SUBTOTAL)],
            ORG_COLS.iter().map(|c| req(r, c)).collect(),
        );
    }
    out
});

impl TemplateCheck {
    /// The checks of a layout, in spec order.
    fn of(layout: Layout) -> &'static [TemplateCheck] {
        let all = &TEMPLATE_CHECKS[..];
        if layout.org_subtotal {
            all
        } else {
            &all[..all.len() - TableId::Requests.rows().len()]
        }
    }
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

/// A report's cells and counts, read once into arrays by cell index (see
/// [`CELL_IDS`]): the template checks look up about 500 cells, and a tree
/// lookup compares column names at every level.
pub(crate) struct Counts<'a> {
    /// The count of every template cell, `None` when the report has no
    /// count there (or no such cell).
    counts: [Option<u64>; CELLS],
    /// Every template cell the report has.
    cells: [Option<&'a Cell>; CELLS],
}

/// The number of cells a report can have (with the 小计 column).
const CELLS: usize = 225;

impl<'a> Counts<'a> {
    pub(crate) fn new(report: &'a Report) -> Counts<'a> {
        let mut counts = [None; CELLS];
        let mut cells = [None; CELLS];
        for (&id, c) in &report.cells {
            if let Some(i) = cell_index(id) {
                counts[usize::from(i)] = c.count();
                cells[usize::from(i)] = Some(c);
            }
        }
        Counts { counts, cells }
    }

    /// The report's cell of an index, as [`Report::cell`] gives it.
    pub(crate) fn cell(&self, i: u16) -> Option<&'a Cell> {
        *self.cells.get(usize::from(i))?
    }

    /// The count in a cell, as [`Report::count`] gives it.
    #[cfg(test)]
    fn get(&self, id: CellId) -> Option<u64> {
        self.at(cell_index(id)?)
    }

    /// The count in the cell of an index.
    pub(crate) fn at(&self, i: u16) -> Option<u64> {
        *self.counts.get(usize::from(i))?
    }

    /// The sum of the counts in the cells of `indices`, when every one
    /// holds a count.
    fn sum(&self, indices: &[u16]) -> Option<u64> {
        indices
            .iter()
            .try_fold(0u64, |sum, &i| sum.checked_add(self.at(i)?))
    }
}

/// left − right, saturating at the ends of `i64` (counts are `u64`).
pub(crate) fn signed_difference(left: u64, right: u64) -> i64 {
    (i128::from(left) - i128::from(right)).clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

/// Appends how a cell without a count (`cell`: the report's) is described
/// in a message.
fn push_why_unknown(out: &mut String, id: CellId, cell: Option<&Cell>) {
    push_cell(out, id);
    let Some(c) = cell else {
        out.push_str(" is not in the report");
        return;
    };
    let (what, raw) = match c.state {
        CellState::Blank => (" is blank", false),
        CellState::NotApplicable => (" is marked not applicable (\"", true),
        CellState::Invalid => (" is not a number (\"", true),
        CellState::Missing => (" is missing", false),
        _ => (" holds no count", false),
    };
    out.push_str(what);
    if raw {
        out.push_str(&c.raw);
        out.push_str("\")");
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
fn side_name(cells: &[CellId]) -> String {
    let mut out = String::new();
    match cells {
        [one] => push_cell(&mut out, *one),
        [a, b] => {
            push_cell(&mut out, *a);
            out.push_str(" + ");
            push_cell(&mut out, *b);
        }
        many => {
            out.push_str("the sum of ");
            out.push_str(&many.len().to_string());
            out.push_str(" cells (");
            push_cell(&mut out, many[0]);
            out.push_str(" … ");
            push_cell(&mut out, many[many.len() - 1]);
            out.push(')');
        }
    }
    out
}

/// The message of a passing check: "a + b = 12 = the sum of 6 cells (c … d)".
fn pass_message(check: &TemplateCheck, value: u64) -> String {
    let value = value.to_string();
    let mut out =
        String::with_capacity(check.left_name.len() + value.len() + check.right_name.len() + 6);
    for part in [&check.left_name, " = ", &value, " = ", &check.right_name] {
        out.push_str(part);
    }
    out
}

/// A side of a failing check with its values: "requests.disclosed:
/// natural_person 131 + commercial 6 + …" (cells sharing a row are named by
/// column, cells sharing a column by row; of long sides only non-zero terms).
fn side_terms(counts: &Counts, cells: &[CellId], indices: &[u16]) -> String {
    let value = |i: usize| counts.at(indices[i]).unwrap_or(0);
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
        .enumerate()
        .filter(|&(i, _)| !long || value(i) != 0)
        .map(|(i, &c)| format!("{} {}", name(c), value(i)))
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
fn sum_check(counts: &Counts, check: &TemplateCheck) -> CheckResult {
    let left = counts.sum(&check.left);
    let right = counts.sum(&check.right);
    let difference = match (left, right) {
        (Some(l), Some(r)) => Some(signed_difference(l, r)),
        _ => None,
    };
    let (status, message) = match (left, right) {
        (Some(l), Some(r)) if l == r => (CheckStatus::Pass, pass_message(check, l)),
        (Some(l), Some(r)) => (
            CheckStatus::Fail,
            format!(
                "{} = {l}, but {} = {r} (difference {:+})",
                side_terms(counts, &check.left_cells, &check.left),
                side_terms(counts, &check.right_cells, &check.right),
                signed_difference(l, r)
            ),
        ),
        _ => (CheckStatus::Incomplete, incomplete_message(counts, check)),
    };
    CheckResult {
        id: check.id,
        status,
        rule: check.rule.to_string(),
        left_cells: check.left_cells.clone(),
        right_cells: check.right_cells.clone(),
        left,
        right,
        difference,
        message,
        span: None,
    }
}

/// The message of a check with a side unknown: why its first three cells
/// without a count have none. Only three are described: formatting every
/// unknown cell of a mostly empty table is most of the cost of checking it.
fn incomplete_message(counts: &Counts, check: &TemplateCheck) -> String {
    let cells = check.left_cells.iter().chain(&check.right_cells);
    let indices = check.left.iter().chain(&check.right);
    let mut unknown = cells.zip(indices).filter(|&(_, &i)| counts.at(i).is_none());
    let mut out = String::from("cannot check: ");
    let mut shown = 0;
    for (&c, &i) in unknown.by_ref().take(3) {
        if shown > 0 {
            out.push_str("; ");
        }
        push_why_unknown(&mut out, c, counts.cell(i));
        shown += 1;
    }
    if shown == 0 {
        return "cannot check: the numbers are too large to add up".to_string();
    }
    match unknown.count() {
        0 => {}
        n => {
            out.push_str(" (and ");
            out.push_str(&n.to_string());
            out.push_str(" more cells without a count)");
        }
    }
    out
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
