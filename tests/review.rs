//! The review document: JSON shape and round trip, load errors, and property
//! tests of undo/redo, save/load and never panicking on any input.

use std::sync::LazyLock;

use nianbao::checks::{self, CheckId, SavedCheckId};
use nianbao::review::{LoadError, Review};
use nianbao::source;
use nianbao::template::{CellId, Layout};
use proptest::prelude::*;

fn sample(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/fixtures/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn review_of(name: &str) -> Review {
    let text = source::decode(sample(name).as_bytes()).unwrap();
    Review::new(name, text)
}

static KELAMAYI: LazyLock<Review> = LazyLock::new(|| review_of("kelamayi-2024.txt"));

fn id(s: &str) -> CellId {
    CellId::parse(s).unwrap()
}

#[test]
fn the_json_has_every_cell_and_the_fee_digits_exactly() {
    let json = KELAMAYI.to_json();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["format"], "nianbao-review/1");
    assert_eq!(v["source"]["file_name"], "kelamayi-2024.txt");
    assert_eq!(v["source"]["encoding"], "UTF-8");
    assert_eq!(v["report"]["template"], "2021");
    assert_eq!(v["report"]["org_subtotal"], false);
    let mut n = 0;
    for (_, rows) in v["values"].as_object().unwrap() {
        for (_, cols) in rows.as_object().unwrap() {
            n += cols.as_object().unwrap().len();
        }
    }
    assert_eq!(n, 200);
    assert_eq!(v["cells"].as_object().unwrap().len(), 200);
    assert_eq!(v["values"]["requests"]["new_received"]["total"], 216);
    // The fee is a bare number token with its digits as printed.
    assert!(
        json.contains("\"amount\": 53624.202456"),
        "fee token not found"
    );
    assert!(v["checks"].as_array().unwrap().len() >= 42);
    let c = &v["checks"][0];
    for key in [
        "id",
        "kind",
        "status",
        "rule",
        "left",
        "right",
        "difference",
        "left_cells",
        "right_cells",
        "message",
    ] {
        assert!(c.get(key).is_some(), "check lacks {key}");
    }
    assert_eq!(
        v["cells"]["requests.new_received.total"]["state"],
        "extracted"
    );
    assert!(v["cells"]["requests.new_received.total"]["span"].is_array());
}

#[test]
fn an_edit_keeps_the_extracted_cell_and_round_trips() {
    let mut r = KELAMAYI.clone();
    r.set_reviewer(Some("李".into()));
    r.edit(id("requests.new_received.total"), "217");
    r.edit(id("active.fees.amount"), "0.50");
    r.acknowledge(
        "requests.row_total.new_received".parse().unwrap(),
        "checked against the PDF",
    );
    let json = r.to_json();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let cell = &v["cells"]["requests.new_received.total"];
    assert_eq!(cell["state"], "edited");
    assert_eq!(cell["extracted"]["raw"], "216");
    assert_eq!(cell["extracted"]["value"], 216);
    assert_eq!(v["edits"][0]["cell"], "requests.new_received.total");
    assert_eq!(v["edits"][0]["before"], "216");
    assert_eq!(v["edits"][0]["after"], "217");
    assert_eq!(v["edits"][0]["by"], "李");
    assert!(json.contains("\"amount\": 0.50"));
    let ack = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "requests.row_total.new_received")
        .unwrap();
    assert_eq!(ack["status"], "fail");
    assert_eq!(ack["acknowledged"]["note"], "checked against the PDF");
    assert_eq!(
        v["acknowledged"][0]["check"],
        "requests.row_total.new_received"
    );

    let loaded = Review::from_json(&json).unwrap();
    assert_eq!(loaded.to_json(), json);
    assert!(!loaded.is_dirty() && !loaded.can_undo() && !loaded.can_redo());
    assert_eq!(loaded.edits(), r.edits());
    assert_eq!(loaded.acknowledged(), r.acknowledged());
    assert_eq!(loaded.report(), r.report());
    assert_eq!(loaded.extracted(), r.extracted());
}

/// A table read in reading order says so in the JSON, and keeps saying so
/// after a load (the window marks it); a review without one has no key.
#[test]
fn tables_read_by_order_round_trip() {
    let r = review_of("huaian-2024.pdftotext-raw.txt");
    assert_eq!(r.report().by_order, [nianbao::template::TableId::Requests]);
    let json = r.to_json();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["report"]["by_order"], serde_json::json!(["requests"]));
    let loaded = Review::from_json(&json).unwrap();
    assert_eq!(loaded.report(), r.report());
    assert!(!KELAMAYI.to_json().contains("by_order"));
    let bad = json.replace(
        "\"by_order\": [\n      \"requests\"",
        "\"by_order\": [\n      \"nowhere\"",
    );
    assert_ne!(bad, json);
    assert!(Review::from_json(&bad).is_err());
}

/// Notes are saved as a sentence and as typed values; a review saved
/// before notes were typed (the sentence only) loads with each note kept as
/// its sentence.
#[test]
fn typed_notes_round_trip_and_sentence_only_reviews_still_load() {
    use nianbao::note::Note;
    let r = review_of("huaian-2024.pdftotext-raw.txt");
    let json = r.to_json();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let cell = &v["cells"]["requests.disclosed.total"];
    assert_eq!(cell["notes"][0]["kind"], "order_group", "{cell}");
    assert!(
        cell["note"]
            .as_str()
            .unwrap()
            .starts_with("placed by reading order")
    );
    let diag = &v["report"]["diagnostics"][0];
    assert!(
        diag["message"].is_string() && diag["note"]["kind"].is_string(),
        "{diag}"
    );
    assert_eq!(Review::from_json(&json).unwrap().report(), r.report());

    // The same review as an older version wrote it.
    let mut old = v.clone();
    for (_, c) in old["cells"].as_object_mut().unwrap() {
        c.as_object_mut().unwrap().remove("notes");
    }
    for d in old["report"]["diagnostics"].as_array_mut().unwrap() {
        d.as_object_mut().unwrap().remove("note");
    }
    let loaded = Review::from_json(&old.to_string()).unwrap();
    for (id, cell) in &r.report().cells {
        let was = loaded.report().cell(*id).unwrap();
        assert_eq!(was.note_text(), cell.note_text(), "{id}");
        assert!(
            was.notes.iter().all(|n| matches!(n, Note::Text { .. })),
            "{id}"
        );
    }
    for (a, b) in loaded
        .report()
        .diagnostics
        .iter()
        .zip(&r.report().diagnostics)
    {
        assert_eq!(a.message(), b.message());
    }
}

/// A cross-year check (computed between files) can be acknowledged in the
/// review and survives a save; an unknown check id is not an id at all, and
/// a check the report does not have is not acknowledged.
#[test]
fn a_cross_year_check_is_acknowledged_in_the_review() {
    let mut r = KELAMAYI.clone();
    assert!("no.such.check".parse::<CheckId>().is_err());
    r.acknowledge("requests.org_subtotal.disclosed".parse().unwrap(), "x");
    assert!(r.acknowledged().is_empty());
    let carry: CheckId = "cross_year.carry.total".parse().unwrap();
    r.acknowledge(carry, "上年报告有误");
    assert_eq!(r.acknowledged().len(), 1);
    let loaded = Review::from_json(&r.to_json()).unwrap();
    assert_eq!(loaded.acknowledged()[0].check, carry);
    assert!(r.undo());
    assert!(r.acknowledged().is_empty());
}

/// A review saved by a newer nianbao may acknowledge a check this one does
/// not compute: it loads, keeps the acknowledgement as written and saves it
/// back byte for byte; checks and suggestions it lists are recomputed, so
/// unknown ids there are no reason to refuse the file either.
#[test]
fn an_acknowledged_check_of_a_newer_nianbao_is_kept() {
    let mut r = KELAMAYI.clone();
    r.acknowledge("appeals.total.review".parse().unwrap(), "checked");
    let json = r.to_json();
    let newer = json
        .replace(
            "\"check\": \"appeals.total.review\"",
            "\"check\": \"narrative.fees\"",
        )
        .replacen(
            "\"id\": \"requests.row_total.new_received\"",
            "\"id\": \"requests.future_check.x\"",
            1,
        );
    assert_ne!(newer, json);
    let loaded = Review::from_json(&newer).unwrap();
    let ack = &loaded.acknowledged()[0];
    assert_eq!(ack.check, SavedCheckId::Unknown("narrative.fees".into()));
    assert_eq!(ack.note, "checked");
    assert!(!loaded.is_acknowledged("appeals.total.review".parse().unwrap()));
    let saved: serde_json::Value = serde_json::from_str(&loaded.to_json()).unwrap();
    assert_eq!(saved["acknowledged"][0]["check"], "narrative.fees");
    // The checks are this nianbao's own again.
    assert_eq!(loaded.to_json().matches("requests.future_check").count(), 0);
}

#[test]
fn load_errors_say_what_is_wrong() {
    let json = KELAMAYI.to_json();

    // A byte-order mark is fine.
    assert!(Review::from_json(&format!("\u{feff}{json}")).is_ok());

    let e = Review::from_json("{\n  \"format\": ").unwrap_err();
    assert!(matches!(e, LoadError::Syntax { line: 2, .. }), "{e}");
    assert!(e.to_string().contains("line 2"), "{e}");

    let e = Review::from_json("{\"hello\": 1}").unwrap_err();
    assert!(matches!(e, LoadError::NotAReview(_)), "{e}");
    let e = Review::from_json("[1, 2]").unwrap_err();
    assert!(matches!(e, LoadError::NotAReview(_)), "{e}");
    let e = Review::from_json("{\"format\": \"something-else/1\"}").unwrap_err();
    assert!(matches!(e, LoadError::NotAReview(_)), "{e}");

    let newer = json.replacen("nianbao-review/1", "nianbao-review/2", 1);
    let e = Review::from_json(&newer).unwrap_err();
    assert!(matches!(e, LoadError::NewerVersion { .. }), "{e}");
    assert!(e.to_string().contains("update nianbao"));

    let changed = json.replacen("克拉玛依市人民政府", "克拉玛依市人民攻府", 1);
    let e = Review::from_json(&changed).unwrap_err();
    assert!(matches!(e, LoadError::TextChanged { .. }), "{e}");

    let unknown = json.replacen(
        "\"requests.new_received.total\"",
        "\"requests.new_received.totl\"",
        1,
    );
    let e = Review::from_json(&unknown).unwrap_err();
    assert!(
        matches!(e, LoadError::UnknownCell(ref c) if c == "requests.new_received.totl"),
        "{e}"
    );

    let missing_field = json.replacen("\"encoding\"", "\"encodin\"", 1);
    let e = Review::from_json(&missing_field).unwrap_err();
    assert!(matches!(e, LoadError::Invalid { .. }), "{e}");
    assert!(e.to_string().contains("encoding"), "{e}");

    let bad_value = json.replacen("\"total\": 216", "\"total\": 21.6", 1);
    let e = Review::from_json(&bad_value).unwrap_err();
    assert!(matches!(e, LoadError::BadValue { .. }), "{e}");
}

#[test]
fn deeply_nested_json_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(
        Review::from_json(&deep),
        Err(LoadError::Syntax { .. })
    ));
    let deep_obj = format!(
        "{{\"format\": \"nianbao-review/1\", \"x\": {}{}}}",
        "{\"a\":".repeat(50_000),
        "}".repeat(50_000)
    );
    assert!(Review::from_json(&deep_obj).is_err());
}

#[test]
fn save_then_load_is_identity_and_a_failed_save_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.review.json");
    let mut r = KELAMAYI.clone();
    r.edit(id("appeals.review.upheld"), "11");
    r.save(&path).unwrap();
    assert!(!r.is_dirty());
    let loaded = Review::load(&path).unwrap();
    assert_eq!(loaded.to_json(), r.to_json());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), r.to_json());

    // Saving over a path whose folder is missing fails and changes nothing.
    r.edit(id("appeals.review.upheld"), "12");
    let bad = dir.path().join("gone").join("k.review.json");
    let e = r.save(&bad).unwrap_err();
    assert!(e.to_string().contains("gone"), "{e}");
    assert!(r.is_dirty());
    assert_eq!(Review::load(&path).unwrap().to_json(), loaded.to_json());
    // No temporary files are left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_review_with_the_subtotal_column_round_trips() {
    let mut report = nianbao::report::Report::empty(Layout { org_subtotal: true });
    report.issuer = Some("某某局".into());
    report.year = Some(2024);
    let text = source::SourceText {
        text: "某某局2024年政府信息公开工作年度报告".into(),
        encoding: "GB18030".into(),
        had_errors: false,
        ..Default::default()
    };
    let mut r = Review::with_report("x.txt", text, report);
    r.edit(id("requests.new_received.org_subtotal"), "3");
    let json = r.to_json();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["cells"].as_object().unwrap().len(), 225);
    assert_eq!(v["values"]["requests"]["new_received"]["org_subtotal"], 3);
    assert_eq!(Review::from_json(&json).unwrap().to_json(), json);
    // The same cell is unknown in a report without the column.
    let plain = KELAMAYI.to_json().replacen(
        "\"requests.new_received.total\"",
        "\"requests.new_received.org_subtotal\"",
        1,
    );
    assert!(matches!(
        Review::from_json(&plain),
        Err(LoadError::UnknownCell(_))
    ));
}

/// One thing a person may do in the window.
#[derive(Debug, Clone)]
enum Op {
    Edit(usize, &'static str),
    Accept(usize),
    Ack(usize),
    Unack(usize),
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    let texts = prop::sample::select(vec![
        "", "/", "-", "—", "0", "5", "216", "l2", "1O", "12.5", " 7 ",
    ]);
    prop_oneof![
        (0usize..200, texts).prop_map(|(c, t)| Op::Edit(c, t)),
        (0usize..200).prop_map(Op::Accept),
        (0usize..60).prop_map(Op::Ack),
        (0usize..60).prop_map(Op::Unack),
        Just(Op::Undo),
        Just(Op::Redo),
    ]
}

fn apply(r: &mut Review, op: &Op) {
    let cells: Vec<CellId> = Layout::default().cells().collect();
    let check = |i: usize| {
        let results = &r.checks().results;
        results[i % results.len()].id
    };
    match *op {
        Op::Edit(c, t) => r.edit(cells[c], t),
        Op::Accept(c) => {
            r.accept_suggestion(cells[c]);
        }
        Op::Ack(i) => {
            let id = check(i);
            r.acknowledge(id, &format!("note {i}"));
        }
        Op::Unack(i) => {
            let id = check(i);
            r.unacknowledge(&id.into());
        }
        Op::Undo => {
            r.undo();
        }
        Op::Redo => {
            r.redo();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn undoing_everything_returns_to_the_start(ops in prop::collection::vec(op(), 0..24)) {
        let start = KELAMAYI.clone();
        let mut r = start.clone();
        for o in &ops {
            apply(&mut r, o);
        }
        let after_ops = r.clone();
        let mut undone = 0;
        while r.undo() {
            undone += 1;
        }
        prop_assert!(!r.is_dirty());
        prop_assert!(r.report() == start.report(), "the report differs from the start");
        prop_assert!(r.edits().is_empty());
        prop_assert!(r.acknowledged().is_empty());
        prop_assert!(r.checks() == start.checks(), "the checks differ from the start");
        prop_assert_eq!(r.to_json(), start.to_json());
        // Redoing as many steps returns to the state after the actions.
        for _ in 0..undone {
            prop_assert!(r.redo());
        }
        prop_assert!(r.report() == after_ops.report(), "redo did not restore the report");
        prop_assert_eq!(r.acknowledged(), after_ops.acknowledged());
        prop_assert_eq!(r.edits(), after_ops.edits());
        prop_assert_eq!(r.is_dirty(), after_ops.is_dirty());
    }

    #[test]
    fn save_then_load_is_identity(ops in prop::collection::vec(op(), 0..16)) {
        let mut r = KELAMAYI.clone();
        for o in &ops {
            apply(&mut r, o);
        }
        let json = r.to_json();
        let loaded = Review::from_json(&json).unwrap();
        prop_assert_eq!(loaded.to_json(), json);
        prop_assert!(loaded.report() == r.report(), "the loaded report differs");
        prop_assert_eq!(loaded.edits(), r.edits());
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(text) = source::decode(&bytes) {
            let report = nianbao::extract::extract(&text.text);
            let _ = checks::run(&report, &text.text);
            let _ = Review::with_report("x", text, report).to_json();
        }
    }

    #[test]
    fn mutated_samples_never_panic(
        which in 0usize..5,
        cuts in prop::collection::vec((any::<prop::sample::Index>(), 0usize..64, prop::sample::select(vec!["", "\t", "\n", "0", "１２", "|", "总计", "（七）", "。", "申请3件"])), 1..8),
    ) {
        let names = ["kelamayi-2024.txt", "tacheng-2024.txt", "wulumuqi-2024.txt", "kekedala-2024.txt", "shawan-2024.txt"];
        let mut text = sample(names[which]);
        for (at, len, insert) in cuts {
            let mut start = at.index(text.len().max(1)).min(text.len());
            while !text.is_char_boundary(start) { start -= 1; }
            let mut end = (start + len).min(text.len());
            while !text.is_char_boundary(end) { end -= 1; }
            text.replace_range(start..end.max(start), insert);
        }
        let report = nianbao::extract::extract(&text);
        let _ = checks::run(&report, &text);
    }
}

/// The samples whose review JSON is kept in `fixtures/golden/`.
const GOLDEN: [&str; 5] = [
    "kelamayi-2024",
    "tacheng-2024",
    "wulumuqi-2024",
    "kekedala-2024",
    "shawan-2024",
];

fn fixture(dir: &str, name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(dir)
        .join(name)
}

/// `NIANBAO_BLESS=1 cargo test --test review golden` rewrites the goldens
/// (check the diff, value by value, before committing it).
#[test]
fn golden_reviews_are_reproduced_byte_for_byte() {
    let bless = std::env::var("NIANBAO_BLESS").is_ok_and(|v| v == "1");
    for name in GOLDEN {
        let got = review_of(&format!("{name}.txt")).to_json();
        let path = fixture("golden", &format!("{name}.review.json"));
        if bless {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run NIANBAO_BLESS=1 cargo test --test review golden",
                path.display()
            )
        });
        if got != want {
            let line = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(got.lines().count().min(want.lines().count()));
            panic!(
                "{name}: the review JSON changed at line {}:\n  golden: {}\n  now:    {}\n\
                 if the change is right, run NIANBAO_BLESS=1 cargo test --test review golden",
                line + 1,
                want.lines().nth(line).unwrap_or("<end>"),
                got.lines().nth(line).unwrap_or("<end>"),
            );
        }
    }
}

#[test]
fn golden_values_are_the_hand_read_values() {
    use nianbao::report::Value;
    for name in GOLDEN {
        let r = Review::load(&fixture("golden", &format!("{name}.review.json"))).unwrap();
        let text = std::fs::read_to_string(fixture("expected", &format!("{name}.json"))).unwrap();
        let expected: serde_json::Value = serde_json::from_str(&text).unwrap();
        let cells = expected["cells"].as_object().unwrap();
        assert_eq!(cells.len(), 200, "{name}");
        for (cell, want) in cells {
            let got = r.report().cell(id(cell)).and_then(|c| c.value.clone());
            let ok = match want {
                serde_json::Value::String(s) if s == "any" => {
                    matches!(got, None | Some(Value::Count(0)))
                }
                serde_json::Value::String(s) => got == Some(Value::Decimal(s.clone())),
                serde_json::Value::Null => got.is_none(),
                n => got == n.as_u64().map(Value::Count),
            };
            assert!(ok, "{name}: {cell}: golden {got:?}, read by hand {want}");
        }
    }
}
