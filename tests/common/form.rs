//! The official 2021 Word form (fixtures/docx/2021-template.docx) filled
//! with a sample's hand-read values, as a department would: numbers split
//! over runs as Word leaves them after an edit.

use std::io::{Cursor, Read, Write};
use std::path::PathBuf;

use serde_json::Value as Json;

pub const ROWS: [&str; 25] = [
    "new_received",
    "carried_over",
    "disclosed",
    "partly_disclosed",
    "withheld_state_secret",
    "withheld_prohibited_by_law",
    "withheld_three_safeties",
    "withheld_third_party",
    "withheld_internal_affairs",
    "withheld_process_info",
    "withheld_enforcement_files",
    "withheld_query_matters",
    "unable_not_held",
    "unable_needs_creation",
    "unable_unclear",
    "rejected_petition",
    "rejected_duplicate",
    "rejected_publication",
    "rejected_excessive",
    "rejected_confirmation",
    "other_no_correction",
    "other_unpaid_fee",
    "other_other",
    "outcome_total",
    "carried_forward",
];
const COLS: [&str; 7] = [
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_services",
    "other_org",
    "total",
];
const APPEALS: [&str; 3] = ["review", "litigation_direct", "litigation_after_review"];
const APPEAL_COLS: [&str; 5] = ["upheld", "corrected", "other", "pending", "total"];

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn template() -> Vec<u8> {
    std::fs::read(root().join("fixtures/docx/2021-template.docx")).unwrap()
}

pub fn expected(name: &str) -> Json {
    let p = root().join(format!("fixtures/expected/{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// How a filled form writes a cell the report leaves empty.
#[derive(Clone, Copy)]
pub enum Blank {
    Empty,
    Slash,
}

/// How to fill the form.
#[derive(Clone, Copy)]
pub struct Fill {
    pub blank: Blank,
    /// Add the 小计 column (the five organisations' subtotal) to table B.
    pub subtotal: bool,
}

/// The text a value cell gets: the number split over two runs where it has
/// two digits or more ("2" + "16"), "/" or nothing for a null.
fn runs(v: &Json, blank: Blank) -> String {
    let s = match v {
        Json::Number(n) => n.to_string(),
        Json::String(s) if s != "any" => s.clone(),
        _ => {
            return match blank {
                Blank::Empty => String::new(),
                Blank::Slash => "<w:r><w:t>/</w:t></w:r>".to_string(),
            };
        }
    };
    let cut = s.len().min(1);
    let (a, b) = s.split_at(cut);
    let mut out = format!("<w:r><w:t>{a}</w:t></w:r>");
    if !b.is_empty() {
        out.push_str(&format!(
            "<w:r><w:rPr><w:b w:val=\"0\"/></w:rPr><w:t>{b}</w:t></w:r>"
        ));
    }
    out
}

/// The `<w:tc>` elements of a row, as byte ranges.
pub fn cells(row: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = row[from..].find("<w:tc>") {
        let start = from + k;
        let end = start + row[start..].find("</w:tc>").unwrap() + "</w:tc>".len();
        out.push((start, end));
        from = end;
    }
    out
}

/// A cell with `inner` runs put into its (last) paragraph.
fn fill_cell(cell: &str, inner: &str) -> String {
    if inner.is_empty() {
        return cell.to_string();
    }
    // Placeholder full-width spaces the form carries are dropped.
    let cell = cell.replace("<w:t>\u{3000}\u{3000}</w:t>", "<w:t></w:t>");
    let cell = cell.replace("<w:t>\u{3000}</w:t>", "<w:t></w:t>");
    if let Some(k) = cell.rfind("</w:p>") {
        format!("{}{inner}{}", &cell[..k], &cell[k..])
    } else {
        let k = cell.rfind("<w:p/>").expect("a paragraph in every cell");
        format!(
            "{}<w:p>{inner}</w:p>{}",
            &cell[..k],
            &cell[k + "<w:p/>".len()..]
        )
    }
}

/// Fills the value cells of one row: the last `values.len()` cells.
fn fill_row(row: &str, values: &[String], extra: Option<(usize, String)>) -> String {
    let cs = cells(row);
    let first = cs.len() - values.len();
    let mut out = String::new();
    let mut at = 0;
    for (i, (s, e)) in cs.iter().enumerate() {
        out.push_str(&row[at..*s]);
        let cell = &row[*s..*e];
        if let Some((before, text)) = &extra
            && i == *before
        {
            out.push_str(&format!("<w:tc><w:p>{text}</w:p></w:tc>"));
        }
        if i >= first {
            out.push_str(&fill_cell(cell, &values[i - first]));
        } else {
            out.push_str(cell);
        }
        at = *e;
    }
    out.push_str(&row[at..]);
    out
}

/// The rows (`<w:tr …>…</w:tr>`) of each table, as byte ranges.
fn tables(xml: &str) -> Vec<Vec<(usize, usize)>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = xml[from..].find("<w:tbl>") {
        let start = from + k;
        let end = start + xml[start..].find("</w:tbl>").unwrap();
        let mut rows = Vec::new();
        let mut at = start;
        while let Some(r) = xml[at..end].find("<w:tr") {
            let rs = at + r;
            let re = rs + xml[rs..].find("</w:tr>").unwrap() + "</w:tr>".len();
            rows.push((rs, re));
            at = re;
        }
        out.push(rows);
        from = end;
    }
    out
}

/// A row to fill: its byte range, its values (the last cells), and a cell to
/// insert (before which cell, with what runs).
type RowEdit = ((usize, usize), Vec<String>, Option<(usize, String)>);

/// The form's document.xml filled with a report's cells.
fn filled_xml(xml: &str, cells_of: &Json, fill: Fill) -> String {
    let get = |id: String| runs(&cells_of[&id], fill.blank);
    let t = tables(xml);
    assert_eq!(t.len(), 3, "the form has three tables");
    // (row range, values, an extra cell) for every row that gets values.
    let mut edits: Vec<RowEdit> = Vec::new();
    let a = &t[0];
    let active = [
        (2, "rules", &["issued", "repealed", "in_force"][..]),
        (
            3,
            "normative_documents",
            &["issued", "repealed", "in_force"][..],
        ),
        (6, "licensing", &["decisions"][..]),
        (9, "penalty", &["decisions"][..]),
        (10, "coercion", &["decisions"][..]),
        (13, "fees", &["amount"][..]),
    ];
    for (r, row, cols) in active {
        let v = cols
            .iter()
            .map(|c| get(format!("active.{row}.{c}")))
            .collect();
        edits.push((a[r], v, None));
    }
    let b = &t[1];
    assert_eq!(b.len(), 28);
    if fill.subtotal {
        let text = "<w:r><w:t>小计</w:t></w:r>".to_string();
        edits.push((b[2], Vec::new(), Some((7, text))));
    }
    for (k, row) in ROWS.iter().enumerate() {
        let v: Vec<String> = COLS
            .iter()
            .map(|c| get(format!("requests.{row}.{c}")))
            .collect();
        let extra = fill.subtotal.then(|| {
            let sum: u64 = COLS[1..6]
                .iter()
                .filter_map(|c| cells_of[format!("requests.{row}.{c}")].as_u64())
                .sum();
            let n = cells(&xml[b[3 + k].0..b[3 + k].1]).len();
            (n - 1, format!("<w:r><w:t>{sum}</w:t></w:r>"))
        });
        edits.push((b[3 + k], v, extra));
    }
    let c = &t[2];
    let v = APPEALS
        .iter()
        .flat_map(|g| APPEAL_COLS.iter().map(move |col| (g, col)))
        .map(|(g, col)| get(format!("appeals.{g}.{col}")))
        .collect();
    edits.push((c[3], v, None));
    edits.sort_by_key(|e| e.0.0);
    let mut out = String::new();
    let mut at = 0;
    for ((s, e), values, extra) in edits {
        out.push_str(&xml[at..s]);
        out.push_str(&fill_row(&xml[s..e], &values, extra));
        at = e;
    }
    out.push_str(&xml[at..]);
    out
}

/// The form filled with a sample's values, as .docx bytes.
pub fn filled_docx(name: &str, fill: Fill) -> Vec<u8> {
    let template = template();
    let mut zin = zip::ZipArchive::new(Cursor::new(&template)).unwrap();
    let mut out = Cursor::new(Vec::new());
    {
        let mut zout = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for i in 0..zin.len() {
            let mut f = zin.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            let name_in = f.name().to_string();
            if name_in == "word/document.xml" {
                let xml = String::from_utf8(bytes).unwrap();
                bytes = filled_xml(&xml, &expected(name)["cells"], fill).into_bytes();
            }
            zout.start_file(name_in, options).unwrap();
            zout.write_all(&bytes).unwrap();
        }
        zout.finish().unwrap();
    }
    out.into_inner()
}
