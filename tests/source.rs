//! Reading real files: encodings round-trip to the same report, refusals
//! name the file and say what to do.

mod common;

use std::path::Path;

use nianbao::source::{self, ReadError};

fn sample_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/samples/kelamayi-2024.txt")
}

#[test]
fn every_sample_reads_as_utf8() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/samples");
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "txt") {
            let s = source::read_file(&p).unwrap();
            assert_eq!(s.encoding, "UTF-8", "{}", p.display());
            assert!(!s.had_errors);
        }
    }
}

#[test]
fn gb18030_and_utf16_files_give_the_same_report() {
    let utf8 = source::read_file(&sample_path()).unwrap();
    let report = nianbao::extract::extract(&utf8.text);
    let dir = tempfile::tempdir().unwrap();

    let (gb, _, _) = encoding_rs::GB18030.encode(&utf8.text);
    let gb_path = dir.path().join("gb.txt");
    std::fs::write(&gb_path, &gb).unwrap();
    let s = source::read_file(&gb_path).unwrap();
    assert_eq!(s.encoding, "GB18030");
    assert_eq!(s.text, utf8.text);

    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(utf8.text.encode_utf16().flat_map(u16::to_le_bytes));
    let u16_path = dir.path().join("u16.txt");
    std::fs::write(&u16_path, &utf16).unwrap();
    let s = source::read_file(&u16_path).unwrap();
    assert_eq!(s.encoding, "UTF-16LE");
    assert_eq!(nianbao::extract::extract(&s.text), report);
}

#[test]
fn refusals_say_what_the_file_is() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("a.pdf");
    std::fs::write(&pdf, b"%PDF-1.5\n").unwrap();
    let docx = dir.path().join("a.docx");
    std::fs::write(&docx, b"PK\x03\x04\x14\x00\x06\x00\x08\x00").unwrap();
    let png = dir.path().join("a.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR").unwrap();
    let empty = dir.path().join("e.txt");
    std::fs::write(&empty, b"").unwrap();

    let says = |p: &Path| source::read_file(p).unwrap_err().to_string();
    assert!(says(&pdf).contains("PDF"));
    assert!(says(&docx).contains(".docx"));
    assert!(says(&png).contains("image"));
    assert!(matches!(source::read_file(&empty), Err(ReadError::Empty)));
    assert!(matches!(
        source::read_file(dir.path()),
        Err(ReadError::Directory(_))
    ));
    let missing = dir.path().join("nope.txt");
    let e = source::read_file(&missing).unwrap_err();
    assert!(e.to_string().contains("nope.txt"));
}

#[test]
fn the_reader_is_one_small_interface() {
    use nianbao::source::{PlainText, TextSource};
    let readers: Vec<Box<dyn TextSource>> = vec![Box::new(PlainText)];
    for r in readers {
        assert_eq!(
            r.read("一、总体情况".as_bytes()).unwrap().text,
            "一、总体情况"
        );
    }
}

/// A web page saved by a browser in GBK, declaring it in `<meta charset>`:
/// decoded by the declaration, read as HTML, through the library and the
/// binary alike.
#[test]
fn a_gbk_web_page_is_decoded_by_its_meta_charset() {
    let page = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/layouts/kelamayi-2024.html.txt"),
    )
    .unwrap()
    .replacen(
        r#"<meta charset="utf-8">"#,
        r#"<meta http-equiv="Content-Type" content="text/html; charset=gb2312">"#,
        1,
    );
    let (bytes, _, bad) = encoding_rs::GBK.encode(&page);
    assert!(!bad);
    let s = source::decode(&bytes).unwrap();
    assert_eq!(s.encoding, "GB18030");
    assert_eq!(s.kind, source::SourceKind::Html);
    assert_eq!(s.text, page);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("克拉玛依市2024年报.html");
    std::fs::write(&path, &bytes).unwrap();
    let v = common::extract_json(&path);
    assert_eq!(v["source"]["kind"], "html");
    assert_eq!(v["source"]["encoding"], "GB18030");
    assert_eq!(v["values"]["requests"]["new_received"]["total"], 216);
}
