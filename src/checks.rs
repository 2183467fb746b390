//! Report → check results: pure functions, no state.
//!
//! CONTRACT (types are the shared interface; bodies are filled in by the core
//! work): the window and the CLI only read these types.

use serde::{Deserialize, Serialize};

use crate::report::Report;
use crate::template::CellId;

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
    pub checks: Vec<String>,
}

/// The result of one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    /// Stable id, e.g. `requests.balance.total`.
    pub id: String,
    /// The family.
    pub kind: CheckKind,
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
pub fn run(_report: &Report, _text: &str) -> Checks {
    todo!("checks::run")
}
