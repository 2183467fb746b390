//! Reports in the shapes real conversions give and our converter never
//! rendered (fixtures/unseen/, written by hand from the samples' values):
//! every cell is compared with the hand reading; a wrong value anywhere
//! fails, and each family must read at least 95% of its cells right.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use nianbao::extract::extract;
use nianbao::report::{Report, Value};
use nianbao::template::{CellId, TableId, TemplateVersion};
use serde_json::Value as Json;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/unseen")
}

/// The fixtures: (text file, expected JSON), sorted by name.
fn fixtures() -> Vec<(PathBuf, Json)> {
    let mut out: Vec<(PathBuf, Json)> = std::fs::read_dir(dir())
        .expect("fixtures/unseen")
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

/// The families of issue 10, as the README names them.
const FAMILIES: &[(&str, &str)] = &[
    ("a", "a. whole page on a few long lines, cells run together"),
    ("b", "b. OCR/LLM markdown, a mini-table per group"),
    ("c", "c. PDF-to-markdown fragments"),
    ("d", "d. a dropped cell in a regular table"),
    ("e", "e. common PDF-to-text/markdown/HTML converters"),
    ("f", "f. the 2019 template"),
];

/// A cell's verdict against the hand reading.
#[derive(Debug, PartialEq)]
enum Verdict {
    Right,
    Missing,
    Wrong(String),
}

fn verdict(report: &Report, key: &str, want: &Json, lost: bool) -> Verdict {
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

/// (right, total, wrong) for one fixture.
fn measure(path: &Path, want: &Json) -> (usize, usize, Vec<String>) {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8(bytes).expect("UTF-8 fixture");
    let show =
        std::env::var("NIANBAO_SHOW").is_ok_and(|s| path.to_string_lossy().contains(s.as_str()));
    let report = extract(&text);
    if want["template"] == "2019" {
        let ok = report.template == TemplateVersion::V2019;
        let wrong = if ok {
            Vec::new()
        } else {
            vec![format!("template {:?}, want 2019", report.template)]
        };
        return (usize::from(ok), 1, wrong);
    }
    let lost: Vec<&str> = want["lost_in_text"]
        .as_array()
        .map(|a| a.iter().filter_map(Json::as_str).collect())
        .unwrap_or_default();
    // A table the text cannot give row by row (printed column by column):
    // the right answer is to say it is unreadable and read none of it.
    let unreadable_ok: Vec<TableId> = want["unreadable_ok"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|t| TableId::from_id(t.as_str()?))
                .collect()
        })
        .unwrap_or_default();
    let said: Vec<TableId> = unreadable_ok
        .iter()
        .copied()
        .filter(|t| report.unreadable.contains(t))
        .collect();
    let mut right = 0;
    let mut total = 0;
    let mut wrong = Vec::new();
    // NIANBAO_SHOW=<file name part> prints what a fixture got wrong or lost.
    for (key, w) in want["cells"].as_object().expect("cells") {
        total += 1;
        let id = CellId::parse(key).expect("cell id");
        let lost_here = lost.contains(&key.as_str()) || said.contains(&id.table);
        let v = verdict(&report, key, w, lost_here);
        if show && v != Verdict::Right {
            let c = report.cell(CellId::parse(key).unwrap()).unwrap();
            println!("{key}: want {w} {v:?} {:?} {:?}", c.state, c.note);
        }
        match v {
            Verdict::Right => right += 1,
            Verdict::Missing => {}
            Verdict::Wrong(s) => wrong.push(s),
        }
    }
    if show {
        for d in &report.diagnostics {
            println!("diag: {}", d.message);
        }
    }
    (right, total, wrong)
}

#[test]
fn unseen_shapes_read_right_and_never_wrong() {
    let all = fixtures();
    assert!(
        all.len() >= 10,
        "fixtures/unseen has {} fixtures",
        all.len()
    );
    let mut by_family: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut wrong = Vec::new();
    let mut lines = Vec::new();
    let mut table =
        String::from("| family | fixture | cells right | wrong values |\n|---|---|---|---|\n");
    for (path, want) in &all {
        let (r, t, w) = measure(path, want);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let family = want["family"].as_str().unwrap_or("?").to_string();
        lines.push(format!("{family} {name}: {r}/{t}, {} wrong", w.len()));
        let shown = if t == 1 {
            if r == 1 {
                "2019 template recognised".to_string()
            } else {
                "not recognised".to_string()
            }
        } else {
            format!("{r}/{t} ({:.0}%)", 100.0 * r as f64 / t as f64)
        };
        table.push_str(&format!(
            "| {} | `unseen/{name}` | {shown} | {} |\n",
            FAMILIES
                .iter()
                .find(|(f, _)| *f == family)
                .map_or("?", |(_, d)| d),
            w.len()
        ));
        let e = by_family.entry(family).or_default();
        e.0 += r;
        e.1 += t;
        wrong.extend(w.into_iter().map(|s| format!("{name}: {s}")));
    }
    for (f, (r, t)) in &by_family {
        lines.push(format!(
            "family {f}: {r}/{t} ({:.1}%)",
            100.0 * *r as f64 / *t as f64
        ));
    }
    println!("{}\n{table}", lines.join("\n"));
    assert!(wrong.is_empty(), "wrong values:\n{}", wrong.join("\n"));
    let readme = std::fs::read_to_string(dir().join("../../README.md")).expect("README.md");
    assert!(
        readme.contains(&table),
        "README.md's table of unseen shapes differs from the measurement:\n{table}"
    );
    for (f, (r, t)) in &by_family {
        let floor = 0.95;
        assert!(
            *r as f64 >= floor * *t as f64,
            "family {f}: {r}/{t} right, under {floor}\n{}",
            lines.join("\n")
        );
    }
}
