//! The published PDFs (fixtures/pdf/, as the issuers put them online),
//! opened directly: through the same open as a text, and through the
//! binary. Every cell is the hand reading of the same report.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{Verdict, verdict};
use nianbao::review::Review;
use nianbao::source::{self, SourceKind};
use serde_json::Value as Json;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const PDFS: [&str; 3] = ["hongzequ-2023", "hongzequ-2024", "huaian-2024"];

#[test]
fn the_published_pdfs_give_every_cell_of_the_hand_reading() {
    for name in PDFS {
        let bytes = std::fs::read(root().join(format!("fixtures/pdf/{name}.pdf"))).unwrap();
        let source = source::decode(&bytes).expect("the text layer reads");
        assert_eq!(source.kind, SourceKind::Pdf);
        let review = Review::new(&format!("{name}.pdf"), source);
        let want: Json = serde_json::from_str(
            &std::fs::read_to_string(
                root().join(format!("fixtures/expected/{name}.pdftotext-layout.json")),
            )
            .unwrap(),
        )
        .unwrap();
        let mut bad = Vec::new();
        for (key, w) in want["cells"].as_object().unwrap() {
            match verdict(review.report(), key, w, false) {
                Verdict::Right => {}
                Verdict::Missing => bad.push(format!("{key}: missing")),
                Verdict::Wrong(s) => bad.push(s),
            }
        }
        assert!(bad.is_empty(), "{name}:\n{}", bad.join("\n"));
        // The checks fail where the published report is wrong, and only there.
        let failing: Vec<String> = review
            .checks()
            .results
            .iter()
            .filter(|c| c.status == nianbao::checks::CheckStatus::Fail)
            .map(|c| c.id.to_string())
            .collect();
        let mut want_fail: Vec<String> = want["checks_fail"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c.as_str().map(str::to_string))
            .collect();
        want_fail.sort();
        let mut failing = failing;
        failing.sort();
        assert_eq!(failing, want_fail, "{name}");
    }
}

#[test]
fn the_binary_extracts_and_checks_a_pdf() {
    let path = root().join("fixtures/pdf/hongzequ-2023.pdf");
    let v = common::extract_json(&path);
    assert_eq!(v["source"]["kind"], "pdf");
    assert_eq!(v["source"]["encoding"], "PDF text layer");
    assert_eq!(v["values"]["appeals"]["review"]["upheld"], 10);
    // The published 表四 totals are wrong: check exits 1.
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        // English, whatever the machine's locale (the CLI speaks Chinese in a zh_* one).
        .env("LC_ALL", "C.UTF-8")
        .args(["check", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("appeals.total.review"));
}

#[test]
fn a_cut_pdf_is_refused_with_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("cut.pdf");
    let bytes = std::fs::read(root().join("fixtures/pdf/huaian-2024.pdf")).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 3]).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        // English, whatever the machine's locale (the CLI speaks Chinese in a zh_* one).
        .env("LC_ALL", "C.UTF-8")
        .args(["extract", cut.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    // The pages that are left hold the narrative, not the tables: refused
    // with one line, never a panic.
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no report tables"), "{err}");
}

/// A one-page PDF that only draws (a scan's page is an image: no text).
fn drawing_only_pdf() -> Vec<u8> {
    let content = "0 0 m 300 400 l S";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_string(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len() + 1
        ),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

#[test]
fn a_scan_without_a_text_layer_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let scan = dir.path().join("scan.pdf");
    std::fs::write(&scan, drawing_only_pdf()).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        // English, whatever the machine's locale (the CLI speaks Chinese in a zh_* one).
        .env("LC_ALL", "C.UTF-8")
        .args(["extract", scan.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("no text layer") && err.contains("OCR"),
        "{err}"
    );
    assert!(matches!(
        source::decode(&drawing_only_pdf()),
        Err(source::ReadError::Pdf(nianbao::pdf::PdfError::NoText))
    ));
}
