//! What the integration tests share: the rule that says whether a cell
//! holds the hand reading, and reading a folder of texts with their
//! expected JSON beside them.

#![allow(dead_code)]

pub mod form;

use std::path::{Path, PathBuf};

use nianbao::extract::extract;
use nianbao::report::{Report, Value};
use nianbao::template::{CellId, TableId, TemplateVersion};
use serde_json::Value as Json;

/// `nianbao extract FILE`, which must exit 0: the review JSON it prints.
pub fn extract_json(path: &Path) -> Json {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        // English, whatever the machine's locale (the CLI speaks Chinese in a zh_* one).
        .env("LC_ALL", "C.UTF-8")
        .arg("extract")
        .arg(path)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

/// A cell's verdict against the hand reading.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    Right,
    Missing,
    Wrong(String),
}

/// Whether the report's cell `key` holds `want` (a number, a decimal's
/// digits, `null` for a cell the text leaves empty, `"any"` where 0 and
/// missing are both right); `lost` says the text does not print it, so
/// missing is right.
pub fn verdict(report: &Report, key: &str, want: &Json, lost: bool) -> Verdict {
    let id = CellId::parse(key).unwrap_or_else(|| panic!("bad cell id {key}"));
    let got = report.cell(id).and_then(|c| c.value.clone());
    match (want, &got) {
        (Json::String(s), None) if s == "any" => Verdict::Right,
        (Json::String(s), Some(v)) if s == "any" => {
            if v.as_count() == Some(0) {
                Verdict::Right
            } else {
                Verdict::Wrong(format!("{key}: want any/0, got {v}"))
            }
        }
        (_, None) if lost => Verdict::Right,
        (Json::Null, None) => Verdict::Right,
        (_, None) => Verdict::Missing,
        (Json::Number(n), Some(Value::Count(c))) if n.as_u64() == Some(*c) => Verdict::Right,
        (Json::String(s), Some(Value::Decimal(d))) if s == d => Verdict::Right,
        (Json::String(s), Some(Value::Count(c))) if s == &c.to_string() => Verdict::Right,
        (w, Some(v)) => Verdict::Wrong(format!("{key}: want {w}, got {v}")),
    }
}

/// The texts (`.txt`, `.html`) of a folder with their expected JSON, by name.
pub fn fixtures(dir: &Path) -> Vec<(PathBuf, Json)> {
    let mut out: Vec<(PathBuf, Json)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "html"))
        .filter_map(|p| {
            let j = p.with_extension("json");
            let want = std::fs::read_to_string(&j).ok()?;
            Some((p, serde_json::from_str(&want).expect("expected JSON")))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// (right, total, wrong) for one text against its expected JSON:
/// `cells`, `lost_in_text` (cells the text does not print: right when
/// missing), `unreadable_ok` (tables the text cannot give row by row: right
/// when said unreadable), `template` ("2019": right when recognised).
/// `NIANBAO_SHOW=<part of the file name>` prints what it got wrong or lost.
pub fn measure(path: &Path, want: &Json) -> (usize, usize, Vec<String>) {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8(bytes).expect("UTF-8 fixture");
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let show =
        std::env::var("NIANBAO_SHOW").is_ok_and(|s| path.to_string_lossy().contains(s.as_str()));
    let report = extract(text);
    if want["template"] == "2019" {
        let ok = report.template == TemplateVersion::V2019;
        let wrong = if ok {
            Vec::new()
        } else {
            vec![format!("template {:?}, want 2019", report.template)]
        };
        return (usize::from(ok), 1, wrong);
    }
    let listed = |key: &str| -> Vec<String> {
        want[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Json::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let lost = listed("lost_in_text");
    // OCR texts: cells whose digits OCR printed wrong, with what it printed.
    // Reading what the text prints there is faithful: neither right nor
    // wrong; the true value is right, as is leaving it missing.
    let misread = want["ocr_misread"].as_object();
    let said: Vec<TableId> = listed("unreadable_ok")
        .iter()
        .filter_map(|t| TableId::from_id(t))
        .filter(|t| report.unreadable.contains(t))
        .collect();
    let mut right = 0;
    let mut total = 0;
    let mut wrong = Vec::new();
    for (key, w) in want["cells"].as_object().expect("cells") {
        total += 1;
        let id = CellId::parse(key).expect("cell id");
        let lost_here = lost.iter().any(|l| l == key) || said.contains(&id.table);
        let mut v = verdict(&report, key, w, lost_here);
        if let (Verdict::Wrong(_), Some(printed)) =
            (&v, misread.and_then(|m| m.get(key)).and_then(Json::as_str))
        {
            let raw = report.cell(id).map_or("", |c| c.raw.as_str());
            if printed.contains(raw.trim()) {
                v = Verdict::Missing;
            }
        }
        if show && v != Verdict::Right {
            let c = report.cell(id).unwrap();
            println!("{key}: want {w} {v:?} {:?} {:?}", c.state, c.note_text());
        }
        match v {
            Verdict::Right => right += 1,
            Verdict::Missing => {}
            Verdict::Wrong(s) => wrong.push(s),
        }
    }
    if show {
        for d in &report.diagnostics {
            println!("diag: {}", d.message());
        }
    }
    (right, total, wrong)
}
