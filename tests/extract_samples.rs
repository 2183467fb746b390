//! The extractor against the real sample reports and their hand-read values
//! (fixtures/expected/<name>.json): every cell compared, provenance checked.

use std::path::PathBuf;

use nianbao::extract::extract;
use nianbao::report::{CellState, Report, Value};
use nianbao::template::{CellId, TableId, TemplateVersion};
use serde_json::Value as Json;

fn fixture(rel: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn expected(name: &str) -> serde_json::Map<String, Json> {
    let v: Json = serde_json::from_str(&fixture(&format!("expected/{name}.json"))).unwrap();
    v["cells"].as_object().unwrap().clone()
}

/// The digits of a text, separators and spaces removed, full-width folded.
fn digits(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '0'..='9' | '.' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' => Some('.'),
            _ => None,
        })
        .collect()
}

fn value_digits(v: &Value) -> String {
    match v {
        Value::Count(n) => n.to_string(),
        Value::Decimal(s) => s.clone(),
    }
}

/// Every cell with a value has a span whose text holds the value's digits.
fn assert_provenance(name: &str, text: &str, report: &Report) {
    for (id, cell) in &report.cells {
        let Some(v) = &cell.value else { continue };
        let span = cell
            .span
            .unwrap_or_else(|| panic!("{name} {id}: a value without a span"));
        let raw = &text[span.start..span.end];
        let want = value_digits(v);
        let have = digits(raw);
        assert!(
            have.trim_start_matches('0') == want.trim_start_matches('0') || have == want,
            "{name} {id}: span text {raw:?} does not hold {want}"
        );
        assert!(
            raw.contains(cell.raw.as_str()) || cell.raw.contains(raw),
            "{name} {id}: raw"
        );
    }
}

/// Compares every cell; returns (right, wrong, total judged).
fn compare(name: &str, report: &Report, strict: bool) -> (usize, Vec<String>, usize) {
    let cells = expected(name);
    let mut right = 0;
    let mut wrong = Vec::new();
    let mut absent = Vec::new();
    for (key, want) in &cells {
        let id = CellId::parse(key).unwrap_or_else(|| panic!("unknown id {key}"));
        let cell = report
            .cell(id)
            .unwrap_or_else(|| panic!("{name}: no cell {key}"));
        let got = cell.value.as_ref();
        match (want, got) {
            (Json::String(s), Some(v)) if s == "any" => {
                if v.as_count() == Some(0) {
                    right += 1
                } else {
                    wrong.push(format!("{key}: want any (0 or none), got {v}"))
                }
            }
            (Json::String(s), None) if s == "any" => right += 1,
            (Json::Null, None) => right += 1,
            (Json::Null, Some(v)) => wrong.push(format!("{key}: want none, got {v}")),
            (Json::Number(n), Some(Value::Count(c))) if n.as_u64() == Some(*c) => right += 1,
            (Json::String(s), Some(Value::Decimal(d))) if s == d => right += 1,
            (want, Some(v)) => wrong.push(format!("{key}: want {want}, got {v}")),
            (want, None) => absent.push(format!("{key}: want {want}, got {:?}", cell.state)),
        }
    }
    if strict {
        let mut all = wrong.clone();
        all.extend(absent);
        assert!(
            all.is_empty(),
            "{name}: {} cells differ:\n{}",
            all.len(),
            all.join("\n")
        );
    }
    (right, wrong, cells.len())
}

fn run(name: &str) -> (String, Report) {
    let text = fixture(&format!("samples/{name}.txt"));
    let report = extract(&text);
    assert_provenance(name, &text, &report);
    (text, report)
}

fn cell<'a>(r: &'a Report, id: &str) -> &'a nianbao::report::Cell {
    r.cell(CellId::parse(id).unwrap()).unwrap()
}

#[test]
fn kelamayi_every_cell() {
    let (_, r) = run("kelamayi-2024");
    compare("kelamayi-2024", &r, true);
    assert_eq!(r.template, TemplateVersion::V2021);
    assert_eq!(r.issuer.as_deref(), Some("克拉玛依市人民政府"));
    assert_eq!(r.year, Some(2024));
    assert_eq!(
        cell(&r, "active.fees.amount").value,
        Some(Value::Decimal("53624.202456".into()))
    );
}

#[test]
fn tacheng_every_cell_and_lost_totals() {
    let (_, r) = run("tacheng-2024");
    compare("tacheng-2024", &r, true);
    for row in [
        "new_received",
        "carried_over",
        "disclosed",
        "partly_disclosed",
    ] {
        let c = cell(&r, &format!("requests.{row}.total"));
        assert_eq!(c.state, CellState::Missing, "{row}");
    }
    assert_eq!(r.issuer.as_deref(), Some("塔城市人民政府"));
    assert_eq!(
        cell(&r, "active.fees.amount").value,
        Some(Value::Decimal("1211".into()))
    );
}

#[test]
fn wulumuqi_every_cell() {
    let (_, r) = run("wulumuqi-2024");
    compare("wulumuqi-2024", &r, true);
}

#[test]
fn kekedala_every_cell_and_joined_fee() {
    let (text, r) = run("kekedala-2024");
    compare("kekedala-2024", &r, true);
    let fee = cell(&r, "active.fees.amount");
    assert_eq!(fee.value, Some(Value::Decimal("923.71".into())));
    let s = fee.span.unwrap();
    assert_eq!(&text[s.start..s.end], "923. 71");
    assert!(fee.confidence < 1.0);
    assert_eq!(
        r.issuer_normalized.as_deref().or(r.issuer.as_deref()),
        Some("可克达拉经开区")
    );
}

#[test]
fn shawan_every_cell_and_lost_total() {
    let (_, r) = run("shawan-2024");
    compare("shawan-2024", &r, true);
    assert_eq!(
        cell(&r, "requests.outcome_total.total").state,
        CellState::Missing
    );
    assert!(cell(&r, "requests.outcome_total.natural_person").confidence < 1.0);
}

/// The pdftotext fixtures: print the share of right cells, and never a wrong one.
#[test]
fn pdftotext_fixtures_have_no_wrong_values() {
    for name in [
        "hongzequ-2023.pdftotext-layout",
        "hongzequ-2024.pdftotext-layout",
        "huaian-2024.pdftotext-layout",
        "huaian-2024.pdftotext-raw",
    ] {
        let (_, r) = run(name);
        let (right, wrong, total) = compare(name, &r, false);
        println!(
            "{name}: {right}/{total} cells right ({:.0}%), unreadable {:?}",
            100.0 * right as f64 / total as f64,
            r.unreadable
        );
        assert!(
            wrong.is_empty(),
            "{name}: wrong values:\n{}",
            wrong.join("\n")
        );
    }
}

#[test]
fn hongzequ_2024_raw_table_b_is_unreadable() {
    let (_, r) = run("hongzequ-2024.pdftotext-raw");
    // Table B comes out column by column, but for its first rows, printed
    // one value per line under their labels: those rows (each label before
    // its seven values, the row adding up) may be read, no other.
    let read = r
        .cells
        .iter()
        .filter(|(id, c)| id.table == TableId::Requests && c.value.is_some())
        .count();
    assert!(
        r.unreadable.contains(&TableId::Requests) || read <= 3 * 7,
        "{read} cells read: {:?}",
        r.diagnostics
    );
    // Whatever it read elsewhere agrees with the layout text of the same report.
    let (right, wrong, total) = compare("hongzequ-2024.pdftotext-layout", &r, false);
    println!("hongzequ-2024 raw: {right}/{total} cells right");
    assert!(wrong.is_empty(), "wrong values:\n{}", wrong.join("\n"));
}

#[test]
fn hongzequ_2023_keeps_the_published_wrong_totals() {
    let (_, r) = run("hongzequ-2023.pdftotext-layout");
    assert_eq!(
        r.count(CellId::parse("appeals.review.upheld").unwrap()),
        Some(10)
    );
    assert_eq!(
        r.count(CellId::parse("appeals.review.total").unwrap()),
        Some(0)
    );
}

const REPORT_2019: &str = "某某县人民政府2019年政府信息公开工作年度报告

一、总体情况
2019年，本县继续推进政府信息公开工作。

二、主动公开政府信息情况
第二十条第（一）项
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
规章\t0\t0\t0
规范性文件\t3\t3\t25
第二十条第（五）项
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政许可\t12\t1\t340

三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况
一、本年新收政府信息公开申请数量\t5\t0\t0\t0\t0\t0\t5
二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0
（六）其他处理\t0\t0\t0\t0\t0\t0\t0
（七）总计\t5\t0\t0\t0\t0\t0\t5
四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0

四、政府信息公开行政复议、行政诉讼情况
0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0

五、存在的主要问题及改进情况
无。
";

#[test]
fn the_2019_template_is_recognised_not_checked() {
    let r = extract(REPORT_2019);
    assert_eq!(r.template, TemplateVersion::V2019);
    assert!(r.cells.values().all(|c| c.state == CellState::Missing));
    assert!(r.diagnostics.iter().any(|d| {
        d.message()
            .contains("2019 format, not supported for checking")
    }));
    assert_eq!(r.year, Some(2019));
}

#[test]
fn a_text_without_tables_is_unknown() {
    let r = extract("关于做好政务公开工作的通知\n\n各单位：请认真做好政府信息公开工作。\n");
    assert_eq!(r.template, TemplateVersion::Unknown);
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.message().contains("no report tables found"))
    );
    assert!(r.cells.values().all(|c| c.state == CellState::Missing));
}

#[test]
fn every_report_has_every_cell() {
    for name in [
        "kelamayi-2024",
        "tacheng-2024",
        "hongzequ-2024.pdftotext-raw",
    ] {
        let (_, r) = run(name);
        assert_eq!(r.cells.len(), r.layout.cell_count(), "{name}");
        for c in r.cells.values() {
            assert!((0.0..=1.0).contains(&c.confidence), "{name}");
            assert_ne!(c.state, CellState::Edited);
        }
    }
}
