//! Narrative cross-checks: what section 一 (总体情况) says about the requests
//! and appeals, compared with the tables. Placeholder filled in below.

use crate::checks::CheckResult;
use crate::report::Report;

/// Compares the figures section 一 states with the tables.
pub fn run(_report: &Report, _text: &str) -> Vec<CheckResult> {
    Vec::new()
}
