//! A Word document (.docx) → report text: paragraphs and tables in
//! document order, each table row one line of cells.
//!
//! A Word table is structure, not text: its cells are rendered as they are,
//! "| a | b | c |", one row a line, so the extractor reads rows the layout
//! states instead of guessing them. A cell merged across columns
//! (`gridSpan`) is written once; a cell merged down (`vMerge` continuation)
//! is the cell above, written empty, so a value is never read twice. Runs
//! that split one number ("2" + "16", as Word leaves them after an edit) are
//! joined: a cell's text is its runs' text end to end.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// The largest `word/document.xml` read (64 MiB unpacked): a report is far
/// smaller, and a zip bomb is refused before it is inflated.
const MAX_XML: u64 = 64 * 1024 * 1024;

/// Why a Word document could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocxError {
    /// Not a ZIP archive, or a damaged one.
    #[error("the Word document is damaged: it is not a readable .docx (ZIP) archive")]
    Broken,
    /// A ZIP archive without `word/document.xml` (an .xlsx, an .odt, …).
    #[error("this ZIP archive is not a Word document (.docx): it has no word/document.xml")]
    NotWord,
    /// Encrypted (password-protected) documents are stored as OLE, not ZIP;
    /// an encrypted part inside the ZIP is refused too.
    #[error("the Word document is encrypted: remove the password in Word and save it again")]
    Encrypted,
    /// `word/document.xml` is larger than [`MAX_XML`].
    #[error("the Word document's text is larger than 64 MiB: is this the right file?")]
    TooLarge,
    /// The XML is malformed.
    #[error("the Word document's XML is malformed ({0})")]
    Xml(String),
}

/// Reads the document text of a .docx: paragraphs one a line, table rows one
/// a line with their cells between `|`.
pub fn read_docx(bytes: &[u8]) -> Result<String, DocxError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| DocxError::Broken)?;
    let mut part = match zip.by_name("word/document.xml") {
        Ok(part) => part,
        Err(zip::result::ZipError::FileNotFound) => return Err(DocxError::NotWord),
        Err(zip::result::ZipError::UnsupportedArchive(_)) => return Err(DocxError::Encrypted),
        Err(_) => return Err(DocxError::Broken),
    };
    if part.size() > MAX_XML {
        return Err(DocxError::TooLarge);
    }
    let mut xml = String::new();
    (&mut part)
        .take(MAX_XML + 1)
        .read_to_string(&mut xml)
        .map_err(|_| DocxError::Broken)?;
    if xml.len() as u64 > MAX_XML {
        return Err(DocxError::TooLarge);
    }
    render(&xml)
}

/// One table cell as read: its text, and how it merges.
#[derive(Debug, Default)]
struct Cell {
    text: String,
    /// Continues the cell above (`<w:vMerge/>` without `restart`).
    continued: bool,
}

/// Where the walk through the XML stands.
#[derive(Debug, Default)]
struct Walk {
    out: String,
    /// The open tables (a table may sit inside a cell), each with the row
    /// being read and its cells.
    tables: Vec<Vec<Cell>>,
    /// The text of the paragraph being read.
    para: String,
    /// Inside `<w:t>` (text) or `<w:instrText>` (a field code: not text).
    in_text: bool,
    in_field_code: bool,
}

impl Walk {
    /// Ends a paragraph: into the cell being read, or a line of its own.
    fn end_paragraph(&mut self) {
        let para = std::mem::take(&mut self.para);
        let para = para.trim();
        match self.tables.last_mut().and_then(|row| row.last_mut()) {
            Some(cell) => {
                if !cell.text.is_empty() && !para.is_empty() {
                    cell.text.push(' ');
                }
                cell.text.push_str(para);
            }
            None => {
                self.out.push_str(para);
                self.out.push('\n');
            }
        }
    }

    /// Ends a table row: its cells as one line (or, in a nested table, as
    /// the text of the outer cell).
    fn end_row(&mut self) {
        let Some(row) = self.tables.last_mut() else {
            return;
        };
        let cells = std::mem::take(row);
        if cells.iter().all(|c| c.text.is_empty()) && cells.iter().all(|c| c.continued) {
            return;
        }
        let mut line = String::from("|");
        for c in &cells {
            line.push(' ');
            if !c.continued {
                // A cell's own line breaks and bars would cut the row.
                line.extend(c.text.chars().map(|ch| match ch {
                    '\n' | '\r' | '|' => ' ',
                    ch => ch,
                }));
            }
            line.push_str(" |");
        }
        let outer = self.tables.len() >= 2;
        if outer {
            let depth = self.tables.len();
            if let Some(cell) = self.tables[depth - 2].last_mut() {
                if !cell.text.is_empty() {
                    cell.text.push(' ');
                }
                cell.text.push_str(&line);
            }
        } else {
            self.out.push_str(&line);
            self.out.push('\n');
        }
    }
}

/// The value of an element's `w:val` attribute.
fn val(e: &BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == b"val")
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// Renders `word/document.xml`'s body.
fn render(xml: &str) -> Result<String, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut w = Walk::default();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| DocxError::Xml(e.to_string()))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"tbl" => w.tables.push(Vec::new()),
                b"tc" => {
                    if let Some(row) = w.tables.last_mut() {
                        row.push(Cell::default());
                    }
                }
                b"t" => w.in_text = true,
                b"instrText" => w.in_field_code = true,
                b"vMerge" => merge(&mut w, &e),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" if !w.in_field_code => w.para.push('\t'),
                b"br" | b"cr" => w.para.push(' '),
                b"vMerge" => merge(&mut w, &e),
                b"p" => w.end_paragraph(),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => w.in_text = false,
                b"instrText" => w.in_field_code = false,
                b"p" => w.end_paragraph(),
                b"tr" => w.end_row(),
                b"tbl" => {
                    w.tables.pop();
                    if w.tables.is_empty() {
                        w.out.push('\n');
                    }
                }
                _ => {}
            },
            Event::Text(t) if w.in_text => {
                let s = t.unescape().map_err(|e| DocxError::Xml(e.to_string()))?;
                w.para.push_str(&s);
            }
            Event::CData(t) if w.in_text => {
                w.para.push_str(&String::from_utf8_lossy(&t));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(w.out)
}

/// A `vMerge` in the current cell's properties: without `restart` the cell
/// continues the one above.
fn merge(w: &mut Walk, e: &BytesStart) {
    let restart = val(e).is_some_and(|v| v == "restart");
    if let Some(cell) = w.tables.last_mut().and_then(|row| row.last_mut()) {
        cell.continued = !restart;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
    }

    #[test]
    fn paragraphs_and_a_table_in_document_order() {
        let xml = doc(concat!(
            r#"<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>"#,
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>规章</w:t></w:r></w:p></w:tc>"#,
            r#"<w:tc><w:p><w:r><w:t>2</w:t></w:r><w:r><w:t>16</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
            r#"<w:p><w:r><w:t xml:space="preserve">结束 &amp; 完</w:t></w:r></w:p>"#,
        ));
        assert_eq!(
            render(&xml).unwrap(),
            "一、总体情况\n| 规章 | 216 |\n\n结束 & 完\n"
        );
    }

    #[test]
    fn a_cell_merged_down_is_written_empty_and_one_across_once() {
        let xml = doc(concat!(
            r#"<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>三、本年度办理结果</w:t></w:r></w:p></w:tc>"#,
            r#"<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>（一）予以公开</w:t></w:r></w:p></w:tc>"#,
            r#"<w:tc><w:p><w:r><w:t>131</w:t></w:r></w:p></w:tc></w:tr>"#,
            r#"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"#,
            r#"<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>（二）部分公开</w:t></w:r></w:p></w:tc>"#,
            r#"<w:tc><w:p><w:r><w:t>20</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        ));
        assert_eq!(
            render(&xml).unwrap(),
            "| 三、本年度办理结果 | （一）予以公开 | 131 |\n|  | （二）部分公开 | 20 |\n\n"
        );
    }

    #[test]
    fn what_is_not_a_word_document_is_refused() {
        assert_eq!(read_docx(b""), Err(DocxError::Broken));
        assert_eq!(read_docx(b"PK\x03\x04 broken"), Err(DocxError::Broken));
        // A ZIP without word/document.xml.
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            z.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut z, b"<workbook/>").unwrap();
            z.finish().unwrap();
        }
        assert_eq!(read_docx(buf.get_ref()), Err(DocxError::NotWord));
        assert!(matches!(
            render("<w:p><w:t>a</w:p>"),
            Err(DocxError::Xml(_))
        ));
    }
}
