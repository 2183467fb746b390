//! The same reports rendered in other layout families (fixtures/layouts/,
//! made by fixtures/layouts/convert.py) must give the same values as the
//! originals: a new layout is a new tokenizer, the matching is shared.

use std::path::PathBuf;

use nianbao::extract::extract;
use nianbao::report::{CellState, Report, Value};
use nianbao::template::{CellId, TableId};
use serde_json::Value as Json;

fn read(rel: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn digits(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect()
}

/// Extracts a converted fixture and checks every cell against the source's
/// hand-read values, and every value's span against the converted text.
fn check(source: &str, family: &str) -> Report {
    let text = read(&format!("layouts/{source}.{family}.txt"));
    let report = extract(&text);
    let want: Json = serde_json::from_str(&read(&format!("expected/{source}.json"))).unwrap();
    let mut diffs = Vec::new();
    for (key, w) in want["cells"].as_object().unwrap() {
        let id = CellId::parse(key).unwrap();
        let got = report.cell(id).and_then(|c| c.value.clone());
        let ok = match (w, &got) {
            (Json::String(s), None) if s == "any" => true,
            (Json::String(s), Some(v)) if s == "any" => v.as_count() == Some(0),
            (Json::Null, None) => true,
            (Json::Number(n), Some(Value::Count(c))) => n.as_u64() == Some(*c),
            (Json::String(s), Some(Value::Decimal(d))) => s == d,
            _ => false,
        };
        if !ok {
            diffs.push(format!("{key}: want {w}, got {got:?}"));
        }
    }
    assert!(
        diffs.is_empty(),
        "{source}.{family}: {} cells differ:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
    for (id, cell) in &report.cells {
        if let (Some(v), Some(s)) = (&cell.value, cell.span) {
            let shown = match v {
                Value::Count(n) => n.to_string(),
                Value::Decimal(d) => d.clone(),
            };
            assert_eq!(
                digits(&text[s.start..s.end]),
                shown,
                "{source}.{family} {id}"
            );
        }
    }
    report
}

#[test]
fn kelamayi_as_markdown_table() {
    check("kelamayi-2024", "markdown");
}

#[test]
fn kelamayi_as_pipe_rows() {
    check("kelamayi-2024", "pipe-rows");
}

#[test]
fn kelamayi_as_pipe_rows_with_fillers() {
    check("kelamayi-2024", "pipe-fillers");
}

#[test]
fn wulumuqi_as_pipe_rows_with_fillers() {
    check("wulumuqi-2024", "pipe-fillers");
}

#[test]
fn kelamayi_as_tab_rows() {
    check("kelamayi-2024", "tab-rows");
}

#[test]
fn kelamayi_as_pipe_cells() {
    check("kelamayi-2024", "pipe-cells");
}

#[test]
fn shawan_as_pipe_cells_keeps_the_lost_total_missing() {
    let r = check("shawan-2024", "pipe-cells");
    let id = CellId::parse("requests.outcome_total.total").unwrap();
    assert!(r.cell(id).unwrap().value.is_none());
}

#[test]
fn tacheng_as_cell_per_line() {
    check("tacheng-2024", "cell-per-line");
}

#[test]
fn tacheng_as_markdown_table() {
    check("tacheng-2024", "markdown");
}

#[test]
fn wulumuqi_as_tab_rows() {
    check("wulumuqi-2024", "tab-rows");
}

#[test]
fn wulumuqi_as_markdown_table() {
    check("wulumuqi-2024", "markdown");
}

#[test]
fn wulumuqi_as_cell_per_line() {
    check("wulumuqi-2024", "cell-per-line");
}

#[test]
fn kelamayi_as_html_table() {
    check("kelamayi-2024", "html");
}

#[test]
fn tacheng_as_html_table() {
    check("tacheng-2024", "html");
}

/// Word-exported HTML: labels split over <span>/<font> pieces, `&nbsp;`
/// blanks, group labels with rowspan, labels with colspan, a style block.
#[test]
fn kelamayi_as_word_html() {
    let r = check("kelamayi-2024", "word-html");
    // A label split over pieces is matched (clean, not loosely).
    let id = CellId::parse("requests.withheld_state_secret.total").unwrap();
    assert_eq!(r.cell(id).unwrap().confidence, 1.0);
}

#[test]
fn wulumuqi_as_word_html() {
    check("wulumuqi-2024", "word-html");
}

/// A scraped page whose cells lost their separators ("规章010"): every cell
/// is either right or honestly missing, never a wrong value; split cells are
/// `inferred` and name the checks that chose the split.
fn check_run_together(source: &str) -> (Report, usize, usize) {
    let text = read(&format!("layouts/{source}.run-together.txt"));
    let report = extract(&text);
    let want: Json = serde_json::from_str(&read(&format!("expected/{source}.json"))).unwrap();
    let (mut right, mut missing) = (0, 0);
    for (key, w) in want["cells"].as_object().unwrap() {
        let id = CellId::parse(key).unwrap();
        let cell = report.cell(id).unwrap();
        match (&cell.value, w) {
            (None, _) => {
                assert!(
                    matches!(cell.state, CellState::Missing | CellState::Blank),
                    "{key}: {cell:?}"
                );
                missing += 1;
            }
            (Some(Value::Count(c)), Json::Number(n)) if n.as_u64() == Some(*c) => right += 1,
            (Some(Value::Decimal(d)), Json::String(s)) if s == d => right += 1,
            (got, _) => panic!("{source}.run-together {key}: want {w}, got {got:?}"),
        }
        if cell.state == CellState::Inferred {
            let note = cell.note_text().unwrap_or_default();
            assert!(
                note.contains("split chosen by requests.row_total.")
                    || note.contains("split chosen by appeals.total.")
                    || (id.table == TableId::Active && note.contains("one digit per cell")),
                "{key}: {note}"
            );
        }
    }
    (report, right, missing)
}

#[test]
fn kelamayi_run_together() {
    let (r, right, missing) = check_run_together("kelamayi-2024");
    // 规章105: one digit per cell; 行政规范性文件3019182: many splits.
    let id = CellId::parse("active.rules.repealed").unwrap();
    assert_eq!(r.cell(id).unwrap().state, CellState::Inferred);
    let id = CellId::parse("active.normative_documents.issued").unwrap();
    assert_eq!(r.cell(id).unwrap().state, CellState::Missing);
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.message().contains("more than one split possible"))
    );
    // Table C as one run of 17 digits, split by the three group totals.
    let id = CellId::parse("appeals.litigation_after_review.total").unwrap();
    assert_eq!(r.cell(id).unwrap().state, CellState::Inferred);
    assert!(
        right >= 190 && missing <= 10,
        "{right} right, {missing} missing"
    );
}

#[test]
fn wulumuqi_run_together() {
    let (r, right, _) = check_run_together("wulumuqi-2024");
    // 8.属于行政查询事务101000011: 10 1 0 0 0 0 11 or 1 0 10 0 0 0 11 by
    // the row's own total; the column checks (outcome total, balance) of
    // the rows read around it leave one of them.
    let id = CellId::parse("requests.withheld_query_matters.natural_person").unwrap();
    let cell = r.cell(id).unwrap();
    assert_eq!(cell.state, CellState::Inferred);
    assert!(
        cell.note_text()
            .is_some_and(|n| n.contains("requests.outcome_total.")),
        "{:?}",
        cell.notes
    );
    assert!(right >= 190, "{right} right");
}

/// Markdown from document-AI tools: bold labels, a row's labels merged into
/// one cell with <br>, an escaped pipe inside a cell.
#[test]
fn kelamayi_as_ocr_markdown() {
    check("kelamayi-2024", "ocr-markdown");
}

#[test]
fn tacheng_as_ocr_markdown() {
    check("tacheng-2024", "ocr-markdown");
}

/// Markdown text whose tables are HTML, with <br> inside cells.
#[test]
fn kelamayi_as_markdown_with_html_tables() {
    check("kelamayi-2024", "md-html");
}

/// Every fixture of every layout family, as (family, fixture under
/// fixtures/, expected values under fixtures/expected/).
const MEASURED: &[(&str, &str, &str)] = &[
    (
        "cell per line (Word → text)",
        "samples/kelamayi-2024.txt",
        "kelamayi-2024",
    ),
    (
        "cell per line (Word → text)",
        "samples/shawan-2024.txt",
        "shawan-2024",
    ),
    (
        "cell per line (Word → text)",
        "layouts/tacheng-2024.cell-per-line.txt",
        "tacheng-2024",
    ),
    (
        "cell per line (Word → text)",
        "layouts/wulumuqi-2024.cell-per-line.txt",
        "wulumuqi-2024",
    ),
    (
        "tab rows (PDF extraction, OCR)",
        "samples/tacheng-2024.txt",
        "tacheng-2024",
    ),
    (
        "tab rows (PDF extraction, OCR)",
        "samples/kekedala-2024.txt",
        "kekedala-2024",
    ),
    (
        "tab rows (PDF extraction, OCR)",
        "layouts/kelamayi-2024.tab-rows.txt",
        "kelamayi-2024",
    ),
    (
        "tab rows (PDF extraction, OCR)",
        "layouts/wulumuqi-2024.tab-rows.txt",
        "wulumuqi-2024",
    ),
    (
        "pipe cells (scraped HTML)",
        "samples/wulumuqi-2024.txt",
        "wulumuqi-2024",
    ),
    (
        "pipe cells (scraped HTML)",
        "layouts/kelamayi-2024.pipe-cells.txt",
        "kelamayi-2024",
    ),
    (
        "pipe cells (scraped HTML)",
        "layouts/shawan-2024.pipe-cells.txt",
        "shawan-2024",
    ),
    (
        "pipe rows",
        "layouts/kelamayi-2024.pipe-rows.txt",
        "kelamayi-2024",
    ),
    (
        "pipe rows",
        "layouts/kelamayi-2024.pipe-fillers.txt",
        "kelamayi-2024",
    ),
    (
        "pipe rows",
        "layouts/wulumuqi-2024.pipe-fillers.txt",
        "wulumuqi-2024",
    ),
    (
        "markdown tables",
        "layouts/kelamayi-2024.markdown.txt",
        "kelamayi-2024",
    ),
    (
        "markdown tables",
        "layouts/tacheng-2024.markdown.txt",
        "tacheng-2024",
    ),
    (
        "markdown tables",
        "layouts/wulumuqi-2024.markdown.txt",
        "wulumuqi-2024",
    ),
    (
        "OCR / document-AI markdown",
        "layouts/kelamayi-2024.ocr-markdown.txt",
        "kelamayi-2024",
    ),
    (
        "OCR / document-AI markdown",
        "layouts/tacheng-2024.ocr-markdown.txt",
        "tacheng-2024",
    ),
    (
        "OCR / document-AI markdown",
        "layouts/kelamayi-2024.md-html.txt",
        "kelamayi-2024",
    ),
    (
        "space-aligned (pdftotext -layout)",
        "samples/hongzequ-2023.pdftotext-layout.txt",
        "hongzequ-2023.pdftotext-layout",
    ),
    (
        "space-aligned (pdftotext -layout)",
        "samples/hongzequ-2024.pdftotext-layout.txt",
        "hongzequ-2024.pdftotext-layout",
    ),
    (
        "space-aligned (pdftotext -layout)",
        "samples/huaian-2024.pdftotext-layout.txt",
        "huaian-2024.pdftotext-layout",
    ),
    (
        "CSV (spreadsheet export)",
        "layouts/kelamayi-2024.csv.txt",
        "kelamayi-2024",
    ),
    (
        "CSV (spreadsheet export)",
        "layouts/wulumuqi-2024.csv.txt",
        "wulumuqi-2024",
    ),
    (
        "plain pdftotext (no -layout)",
        "layouts/kelamayi-2024.plain.txt",
        "kelamayi-2024",
    ),
    (
        "plain pdftotext (no -layout)",
        "layouts/wulumuqi-2024.plain.txt",
        "wulumuqi-2024",
    ),
    (
        "plain pdftotext (no -layout)",
        "samples/huaian-2024.pdftotext-raw.txt",
        "huaian-2024.pdftotext-raw",
    ),
    (
        "HTML table markup",
        "layouts/kelamayi-2024.html.txt",
        "kelamayi-2024",
    ),
    (
        "HTML table markup",
        "layouts/tacheng-2024.html.txt",
        "tacheng-2024",
    ),
    (
        "Word-exported HTML (span noise, rowspan/colspan)",
        "layouts/kelamayi-2024.word-html.txt",
        "kelamayi-2024",
    ),
    (
        "Word-exported HTML (span noise, rowspan/colspan)",
        "layouts/wulumuqi-2024.word-html.txt",
        "wulumuqi-2024",
    ),
    (
        "cells run together (scraped)",
        "layouts/kelamayi-2024.run-together.txt",
        "kelamayi-2024",
    ),
    (
        "cells run together (scraped)",
        "layouts/wulumuqi-2024.run-together.txt",
        "wulumuqi-2024",
    ),
];

/// (right, wrong, cells) of one fixture: a cell is right when it has the
/// hand-read value (or, where the hand reading says "any", none or 0), or no
/// value where the hand reading has none; wrong when it has another value.
fn measure(fixture: &str, expected: &str) -> (usize, usize, usize) {
    let report = extract(&read(fixture));
    let want: Json = serde_json::from_str(&read(&format!("expected/{expected}.json"))).unwrap();
    let cells = want["cells"].as_object().unwrap();
    let (mut right, mut wrong) = (0, 0);
    for (key, w) in cells {
        let got = report
            .cell(CellId::parse(key).unwrap())
            .and_then(|c| c.value.clone());
        match (w, &got) {
            (Json::String(s), None) if s == "any" => right += 1,
            (Json::String(s), Some(v)) if s == "any" && v.as_count() == Some(0) => right += 1,
            (Json::Null, None) => right += 1,
            (Json::Number(n), Some(Value::Count(c))) if n.as_u64() == Some(*c) => right += 1,
            (Json::String(s), Some(Value::Decimal(d))) if s == d => right += 1,
            (_, None) => {}
            _ => wrong += 1,
        }
    }
    (right, wrong, cells.len())
}

/// The README's table is this measurement: regenerate it with
/// `cargo test --test layout_families readme -- --nocapture` and paste.
#[test]
fn readme_table_is_the_measurement() {
    let mut table = String::from(
        "| layout family | fixture | cells right | wrong values |\n|---|---|---|---|\n",
    );
    let mut wrong_total = 0;
    for (family, fixture, expected) in MEASURED {
        let (right, wrong, n) = measure(fixture, expected);
        wrong_total += wrong;
        table.push_str(&format!(
            "| {family} | `{fixture}` | {right}/{n} ({:.0}%) | {wrong} |\n",
            100.0 * right as f64 / n as f64
        ));
    }
    println!("{table}");
    assert_eq!(wrong_total, 0, "a fixture has wrong values:\n{table}");
    let readme = read("layouts/README.md");
    assert!(
        readme.contains(&table),
        "fixtures/layouts/README.md's table differs from the measurement:\n{table}"
    );
}

/// Word HTML cut off anywhere (a download that stopped) is read without a
/// panic, and every value read still shows its digits at its span.
#[test]
fn truncated_html_is_read_safely() {
    let text = read("layouts/kelamayi-2024.word-html.txt");
    let mut cut = 0;
    while cut < text.len() {
        let part = &text[..cut];
        let r = extract(part);
        for cell in r.cells.values() {
            if let (Some(Value::Count(n)), Some(s)) = (&cell.value, cell.span) {
                assert_eq!(digits(&part[s.start..s.end]), n.to_string());
            }
        }
        cut += 577;
        while !text.is_char_boundary(cut.min(text.len())) {
            cut += 1;
        }
    }
}
