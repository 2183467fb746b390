//! Reports in the shapes real conversions give and our converter never
//! rendered (fixtures/unseen/, written by hand from the samples' values):
//! every cell is compared with the hand reading; a wrong value anywhere
//! fails, and each family must read at least 95% of its cells right.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{fixtures, measure};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/unseen")
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

#[test]
fn unseen_shapes_read_right_and_never_wrong() {
    let all = fixtures(&dir());
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
