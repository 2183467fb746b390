//! The same reports rendered in other layout families (fixtures/layouts/,
//! made by fixtures/layouts/convert.py) must give the same values as the
//! originals: a new layout is a new tokenizer, the matching is shared.

use std::path::PathBuf;

use nianbao::extract::extract;
use nianbao::report::{Report, Value};
use nianbao::template::CellId;
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
