//! Texts made by real conversion tools (fixtures/converted/: pdfplumber,
//! PyMuPDF, pypdf, pdfminer, markitdown, pymupdf4llm, pdftohtml, pandoc,
//! mammoth, LibreOffice, python-docx, html2text, lynx, w3m, BeautifulSoup,
//! tesseract) from our published PDFs and from the official Word form
//! filled with the samples' values: every cell is compared with the hand
//! reading. A wrong value anywhere fails (where OCR printed a cell's digits
//! wrong, reading what it printed is not counted wrong), and the README's
//! table must be the measurement.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{fixtures, measure};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/converted")
}

/// The tool that made a text, from its name ("kelamayi-2024.lo-pdf.pypdf.txt").
fn tool(name: &str) -> &'static str {
    let chain = name.split_once('.').map_or(name, |(_, c)| c);
    let chain = chain.rsplit_once('.').map_or(chain, |(c, _)| c);
    let last = chain.rsplit('.').next().unwrap_or(chain);
    match last {
        "pdfplumber" => "pdfplumber, text",
        "pdfplumber-tables" | "pdfplumber-tables-br" => "pdfplumber, tables as markdown",
        "pymupdf" | "pymupdf-blocks" => "PyMuPDF, text and blocks",
        "pymupdf4llm" => "pymupdf4llm (markdown)",
        "pypdf" | "pypdf-layout" => "pypdf, plain and layout",
        "pdfminer" => "pdfminer.six",
        "markitdown" => "markitdown (PDF and Word)",
        "pdftohtml-stdout" => "pdftohtml (positioned HTML)",
        "bs4-newline" | "bs4-space" | "bs4-nosep" => "BeautifulSoup get_text of HTML",
        "html2text" => "html2text of HTML",
        "lynx" | "w3m" => "lynx / w3m dump of HTML",
        "pandoc-gfm" | "pandoc-markdown" | "pandoc-html" | "pandoc-plain" => "pandoc (Word)",
        "mammoth-html" | "mammoth-md" => "mammoth (Word)",
        "lo-html" | "lo-txt" => "LibreOffice (Word to HTML, text)",
        "python-docx" => "python-docx (Word)",
        "tesseract-psm4" => "tesseract OCR of the page images",
        _ => "other",
    }
}

#[test]
fn real_converters_read_right_and_never_wrong() {
    let all = fixtures(&dir());
    assert!(
        all.len() >= 200,
        "fixtures/converted has {} texts",
        all.len()
    );
    // tool -> (texts, right, total, wrong)
    let mut by_tool: BTreeMap<&str, (usize, usize, usize, usize)> = BTreeMap::new();
    let mut wrong = Vec::new();
    let mut lines = Vec::new();
    for (path, want) in &all {
        let (r, t, w) = measure(path, want);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        lines.push(format!("{name}: {r}/{t}, {} wrong", w.len()));
        let e = by_tool.entry(tool(&name)).or_default();
        e.0 += 1;
        e.1 += r;
        e.2 += t;
        e.3 += w.len();
        wrong.extend(w.into_iter().map(|s| format!("{name}: {s}")));
    }
    let mut table =
        String::from("| tool | texts | cells right | wrong values |\n|---|---|---|---|\n");
    let (mut right, mut total) = (0, 0);
    for (tool, (n, r, t, w)) in &by_tool {
        right += r;
        total += t;
        table.push_str(&format!(
            "| {tool} | {n} | {r}/{t} ({:.1}%) | {w} |\n",
            100.0 * *r as f64 / *t as f64
        ));
    }
    table.push_str(&format!(
        "| all | {} | {right}/{total} ({:.1}%) | {} |\n",
        all.len(),
        100.0 * right as f64 / total as f64,
        wrong.len()
    ));
    println!("{}\n{table}", lines.join("\n"));
    assert!(wrong.is_empty(), "wrong values:\n{}", wrong.join("\n"));
    let readme = std::fs::read_to_string(dir().join("../../README.md")).expect("README.md");
    assert!(
        readme.contains(&table),
        "README.md's table of real converters differs from the measurement:\n{table}"
    );
}
