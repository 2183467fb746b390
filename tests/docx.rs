//! Word documents as departments fill them: the official 2021 form
//! (fixtures/docx/2021-template.docx, three tables with merged cells) filled
//! here with each sample's hand-read values, numbers split over runs as
//! Word leaves them after an edit, read back through the same open as a
//! text: every cell right.

mod common;

use std::path::Path;
use std::process::Command;

use common::form::{Blank, Fill, ROWS, expected, filled_docx};
use common::{Verdict, verdict};
use nianbao::extract::extract;
use nianbao::source::{self, SourceKind};

const SAMPLES: [&str; 5] = [
    "kelamayi-2024",
    "shawan-2024",
    "tacheng-2024",
    "wulumuqi-2024",
    "kekedala-2024",
];

fn wrong_cells(name: &str, fill: Fill) -> (usize, Vec<String>) {
    let bytes = filled_docx(name, fill);
    let source = source::decode(&bytes).expect("a filled form reads");
    assert_eq!(source.kind, SourceKind::Docx);
    assert!(source.original_sha256.is_some());
    let report = extract(&source.text);
    let want = expected(name);
    let mut right = 0;
    let mut bad = Vec::new();
    for (key, w) in want["cells"].as_object().unwrap() {
        match verdict(&report, key, w, false) {
            Verdict::Right => right += 1,
            Verdict::Missing => bad.push(format!("{key}: missing")),
            Verdict::Wrong(s) => bad.push(s),
        }
    }
    if fill.subtotal {
        for row in ROWS {
            let id =
                nianbao::template::CellId::parse(&format!("requests.{row}.org_subtotal")).unwrap();
            if report.cell(id).and_then(|c| c.count()).is_none() {
                bad.push(format!("requests.{row}.org_subtotal: missing"));
            }
        }
    }
    (right, bad)
}

#[test]
fn the_filled_official_form_reads_every_cell_right() {
    for name in SAMPLES {
        for blank in [Blank::Empty, Blank::Slash] {
            let fill = Fill {
                blank,
                subtotal: false,
            };
            let (right, bad) = wrong_cells(name, fill);
            println!("{name}: {right}/200");
            assert!(bad.is_empty(), "{name}:\n{}", bad.join("\n"));
        }
    }
}

#[test]
fn the_form_with_the_subtotal_column_reads_every_cell_right() {
    let fill = Fill {
        blank: Blank::Empty,
        subtotal: true,
    };
    let (right, bad) = wrong_cells("kelamayi-2024", fill);
    assert!(bad.is_empty(), "{right} right:\n{}", bad.join("\n"));
}

#[test]
fn the_binary_extracts_a_docx_and_refuses_an_old_doc() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kelamayi-2024.docx");
    std::fs::write(
        &path,
        filled_docx(
            "kelamayi-2024",
            Fill {
                blank: Blank::Empty,
                subtotal: false,
            },
        ),
    )
    .unwrap();
    let v = common::extract_json(&path);
    assert_eq!(v["source"]["kind"], "docx");
    assert_eq!(v["values"]["requests"]["new_received"]["total"], 216);
    assert_eq!(
        v["source"]["original_sha256"].as_str().map(str::len),
        Some(64)
    );

    let doc = dir.path().join("old.doc");
    std::fs::write(&doc, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        // English, whatever the machine's locale (the CLI speaks Chinese in a zh_* one).
        .env("LC_ALL", "C.UTF-8")
        .args(["extract", doc.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains(".docx"));
}

#[test]
fn a_docx_without_the_tables_is_refused_with_a_reason() {
    // The empty form: tables, but no values in them.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/docx/2021-template.docx");
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        // English, whatever the machine's locale (the CLI speaks Chinese in a zh_* one).
        .env("LC_ALL", "C.UTF-8")
        .args(["check", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("no report tables"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
