//! What the spec and the hand-read expectations say of each sample's checks.

use std::collections::BTreeSet;

use nianbao::checks::{CheckKind, CheckStatus, Checks};
use nianbao::report::CellState;
use nianbao::review::Review;
use nianbao::source;
use nianbao::template::CellId;

fn path(dir: &str, name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(dir)
        .join(name)
}

fn review(sample: &str) -> Review {
    let text = source::read_file(&path("samples", &format!("{sample}.txt"))).unwrap();
    Review::new(&format!("{sample}.txt"), text)
}

fn status(checks: &Checks, id: &str) -> CheckStatus {
    checks
        .get(id.parse().unwrap())
        .unwrap_or_else(|| panic!("no check {id}"))
        .status
}

fn ids(checks: &Checks, s: CheckStatus) -> BTreeSet<String> {
    checks
        .results
        .iter()
        .filter(|c| c.status == s && c.kind() != CheckKind::Narrative)
        .map(|c| c.id.to_string())
        .collect()
}

fn expected_list(sample: &str, key: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(path("expected", &format!("{sample}.json"))).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v.get(key)
        .and_then(|l| l.as_array())
        .map(|l| l.iter().map(|s| s.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

/// Cells whose value the text does not fix ("any" in the expectations).
fn any_cells(sample: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(path("expected", &format!("{sample}.json"))).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["cells"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, v)| v.as_str() == Some("any"))
        .map(|(k, _)| k.clone())
        .collect()
}

fn warnings(checks: &Checks) -> Vec<String> {
    checks
        .results
        .iter()
        .filter(|c| c.status == CheckStatus::Warning)
        .map(|c| c.id.to_string())
        .collect()
}

/// Samples whose tables the extractor reads (the raw huaian text comes out
/// column by column and is not rebuilt row by row).
const READABLE: [&str; 8] = [
    "kelamayi-2024",
    "tacheng-2024",
    "wulumuqi-2024",
    "kekedala-2024",
    "shawan-2024",
    "hongzequ-2023.pdftotext-layout",
    "hongzequ-2024.pdftotext-layout",
    "huaian-2024.pdftotext-layout",
];

#[test]
fn failing_and_incomplete_checks_are_those_read_by_hand() {
    for sample in READABLE {
        let r = review(sample);
        let c = r.checks();
        assert_eq!(
            c.results
                .iter()
                .filter(|c| c.kind() != CheckKind::Narrative)
                .count(),
            42,
            "{sample}"
        );
        assert_eq!(
            ids(c, CheckStatus::Fail),
            expected_list(sample, "checks_fail"),
            "{sample}"
        );
        // A check that depends on a cell the text leaves open ("any") may be
        // incomplete or pass; every other incomplete check is listed.
        let incomplete = ids(c, CheckStatus::Incomplete);
        let listed = expected_list(sample, "checks_incomplete");
        let mut may = expected_list(sample, "checks_depend_on_any");
        let open = any_cells(sample);
        may.extend(
            c.results
                .iter()
                .filter(|r| r.cells().any(|cell| open.contains(&cell.to_string())))
                .map(|r| r.id.to_string()),
        );
        assert!(
            listed.is_subset(&incomplete),
            "{sample}: {listed:?} ⊄ {incomplete:?}"
        );
        assert!(
            incomplete
                .iter()
                .all(|i| listed.contains(i) || may.contains(i)),
            "{sample}: unexpected incomplete {:?}",
            incomplete.difference(&listed).collect::<Vec<_>>()
        );
    }
}

#[test]
fn kelamayi_and_wulumuqi_pass_all_42_and_their_narrative_agrees() {
    for sample in ["kelamayi-2024", "wulumuqi-2024"] {
        let r = review(sample);
        let c = r.checks();
        assert_eq!(ids(c, CheckStatus::Pass).len(), 42, "{sample}");
        assert!(warnings(c).is_empty(), "{sample}: {:?}", warnings(c));
        assert_eq!(
            status(c, "narrative.handled"),
            CheckStatus::Pass,
            "{sample}"
        );
        assert_eq!(
            status(c, "narrative.concluded"),
            CheckStatus::Pass,
            "{sample}"
        );
        assert_eq!(
            status(c, "narrative.carried_forward"),
            CheckStatus::Pass,
            "{sample}"
        );
        assert!(c.suggestions.is_empty(), "{sample}");
    }
}

#[test]
fn tacheng_lost_totals_are_missing_incomplete_and_suggested() {
    let r = review("tacheng-2024");
    for row in [
        "new_received",
        "carried_over",
        "disclosed",
        "partly_disclosed",
    ] {
        let id = CellId::parse(&format!("requests.{row}.total")).unwrap();
        assert_eq!(
            r.report().cell(id).unwrap().state,
            CellState::Missing,
            "{row}"
        );
        assert_eq!(
            status(r.checks(), &format!("requests.row_total.{row}")),
            CheckStatus::Incomplete
        );
        assert!(r.checks().suggestion(id).is_some(), "{row}");
    }
    let s = r
        .checks()
        .suggestion(CellId::parse("requests.new_received.total").unwrap())
        .unwrap();
    assert_eq!(s.value, 9);
}

#[test]
fn shawan_lost_outcome_total_and_the_disclosed_warning() {
    let mut r = review("shawan-2024");
    let total = CellId::parse("requests.outcome_total.total").unwrap();
    assert_eq!(r.report().cell(total).unwrap().state, CellState::Missing);
    assert_eq!(warnings(r.checks()), ["narrative.disclosed"]);
    let w = r
        .checks()
        .get("narrative.disclosed".parse().unwrap())
        .unwrap();
    assert!(w.message.contains("予以公开"), "{}", w.message);
    let span = w.span.unwrap();
    assert!(r.source().text[span.start..span.end].contains("审核予以公开"));
    // Accepting the suggestion completes the three checks.
    assert_eq!(r.checks().suggestion(total).unwrap().value, 1);
    assert!(r.accept_suggestion(total));
    assert_eq!(r.report().cell(total).unwrap().state, CellState::Inferred);
    assert_eq!(ids(r.checks(), CheckStatus::Pass).len(), 42);
}

#[test]
fn hongzequ_2023_published_appeal_totals_fail_without_a_culprit() {
    let r = review("hongzequ-2023.pdftotext-layout");
    let c = r.checks();
    let review_total = c.get("appeals.total.review".parse().unwrap()).unwrap();
    assert_eq!(review_total.status, CheckStatus::Fail);
    assert_eq!(
        (
            review_total.left,
            review_total.right,
            review_total.difference
        ),
        (Some(0), Some(11), Some(-11))
    );
    assert_eq!(
        status(c, "appeals.total.litigation_after_review"),
        CheckStatus::Fail
    );
    assert!(c.suggestions.iter().all(|s| s.cell.table.id() != "appeals"));
    assert_eq!(status(c, "narrative.received"), CheckStatus::Pass);
}

#[test]
fn hongzequ_2024_scope_difference_is_a_warning() {
    let r = review("hongzequ-2024.pdftotext-layout");
    let w = r
        .checks()
        .get("narrative.received".parse().unwrap())
        .unwrap();
    assert_eq!(w.status, CheckStatus::Warning);
    assert_eq!((w.left, w.right), (Some(17), Some(95)));
    assert!(w.message.contains("scope"), "{}", w.message);
    assert_eq!(warnings(r.checks()), ["narrative.received"]);
}

#[test]
fn huaian_narrative_agrees_everywhere() {
    let r = review("huaian-2024.pdftotext-layout");
    let c = r.checks();
    assert!(warnings(c).is_empty(), "{:?}", warnings(c));
    let narrative: Vec<String> = c
        .results
        .iter()
        .filter(|c| c.kind() == CheckKind::Narrative)
        .map(|c| c.id.to_string())
        .collect();
    for id in [
        "narrative.received",
        "narrative.concluded",
        "narrative.carried_over",
        "narrative.carried_forward",
        "narrative.review",
        "narrative.litigation",
    ] {
        assert!(
            narrative.iter().any(|n| n == id),
            "{id} not in {narrative:?}"
        );
    }
}

#[test]
fn kekedala_says_no_requests_and_no_appeals_as_the_tables_do() {
    let r = review("kekedala-2024");
    assert_eq!(
        status(r.checks(), "narrative.no_requests"),
        CheckStatus::Pass
    );
    assert_eq!(
        status(r.checks(), "narrative.no_appeals"),
        CheckStatus::Pass
    );
    assert!(ids(r.checks(), CheckStatus::Fail).is_empty());
}

#[test]
fn narrative_checks_are_never_failures() {
    for sample in READABLE {
        let r = review(sample);
        for c in &r.checks().results {
            if c.kind() == CheckKind::Narrative {
                assert!(
                    matches!(c.status, CheckStatus::Pass | CheckStatus::Warning),
                    "{sample}: {c:?}"
                );
                assert!(c.span.is_some(), "{sample}: {}", c.id);
            }
        }
    }
}

mod properties {
    use nianbao::checks::{self, CheckKind, CheckStatus};
    use nianbao::report::{Cell, CellState, Report, Value};
    use nianbao::template::{CellId, Layout};
    use proptest::prelude::*;

    /// A cell: mostly small counts (so checks pass and fail), sometimes
    /// huge ones, blanks, "/", missing or invalid text.
    fn cell() -> impl Strategy<Value = Cell> {
        let count = |n: u64| Cell {
            value: Some(Value::Count(n)),
            raw: n.to_string(),
            state: CellState::Extracted,
            confidence: 1.0,
            ..Cell::default()
        };
        let other = |state: CellState, raw: &str| Cell {
            raw: raw.to_string(),
            state,
            ..Cell::default()
        };
        prop_oneof![
            8 => (0u64..4).prop_map(count),
            1 => prop_oneof![Just(u64::MAX), Just(u64::MAX / 2), any::<u64>()].prop_map(count),
            1 => prop_oneof![
                Just(other(CellState::Blank, "")),
                Just(other(CellState::NotApplicable, "/")),
                Just(other(CellState::Missing, "")),
                Just(other(CellState::Invalid, "l2")),
            ],
        ]
    }

    fn report() -> impl Strategy<Value = Report> {
        any::<bool>().prop_flat_map(|org_subtotal| {
            let layout = Layout { org_subtotal };
            let n = layout.cell_count();
            prop::collection::vec(cell(), n).prop_map(move |cells| {
                let mut r = Report::empty(layout);
                for (id, c) in layout.cells().zip(cells) {
                    r.cells.insert(id, c);
                }
                r
            })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn checks_never_panic_and_statuses_follow_the_sides(
            r in report(),
            text in "[共办理收到政府信息公开申请未无行政复议诉讼结转下年度件0-9１２，。 \n]{0,80}",
        ) {
            let checks = checks::run(&r, &text);
            let expected = if r.layout.org_subtotal { 67 } else { 42 };
            prop_assert_eq!(
                checks.results.iter().filter(|c| c.kind() != CheckKind::Narrative).count(),
                expected
            );
            for c in &checks.results {
                match c.kind() {
                    CheckKind::Narrative => prop_assert!(c.status != CheckStatus::Fail),
                    _ => match (c.left, c.right) {
                        (Some(l), Some(rr)) => prop_assert_eq!(
                            c.status,
                            if l == rr { CheckStatus::Pass } else { CheckStatus::Fail }
                        ),
                        _ => prop_assert_eq!(c.status, CheckStatus::Incomplete),
                    },
                }
            }
        }

        #[test]
        fn an_accepted_suggestion_makes_its_checks_pass(r in report()) {
            let checks = checks::run(&r, "");
            for s in &checks.suggestions {
                let mut fixed = r.clone();
                let cell: CellId = s.cell;
                fixed.cells.insert(cell, Cell {
                    value: Some(Value::Count(s.value)),
                    raw: s.value.to_string(),
                    state: CellState::Inferred,
                    confidence: 1.0,
                    ..Cell::default()
                });
                let after = checks::run(&fixed, "");
                for id in &s.checks {
                    prop_assert_eq!(
                        after.get(*id).map(|c| c.status),
                        Some(CheckStatus::Pass),
                        "{} = {} should make {} pass", cell, s.value, id
                    );
                }
            }
        }
    }
}
