//! Bytes → decoded text, with the encoding found, or a refusal that says what
//! the file is and what to do.
//!
//! Reading sits behind one small interface, [`TextSource`]: bytes in, decoded
//! text + encoding out. Today there is one implementation, [`PlainText`]; an
//! HTML, DOCX or PDF-text reader is another implementation of the same trait,
//! and extraction never needs to know which one produced the text.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

/// Files larger than this are refused (32 MiB).
pub const MAX_FILE_SIZE: u64 = 32 * 1024 * 1024;

/// A decoded text and how it was decoded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceText {
    /// The decoded text (BOM removed). All spans are byte offsets into it.
    pub text: String,
    /// The encoding name as shown to the user: "UTF-8", "UTF-8 (BOM)",
    /// "UTF-16LE", "UTF-16BE", "GB18030"; for a document the text was read
    /// from ("Word (.docx)", "PDF text layer").
    pub encoding: String,
    /// Whether some bytes could not be decoded and were replaced by U+FFFD.
    pub had_errors: bool,
    /// What kind of file the text came from.
    pub kind: SourceKind,
    /// sha256 (hex) of the original file's bytes, where the text was derived
    /// from a document (Word, PDF): ties a review to its original.
    pub original_sha256: Option<String>,
}

/// The kind of file a report text came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A plain text (any encoding).
    #[default]
    Text,
    /// A web page (HTML markup, read through its visible text).
    Html,
    /// A Word document: its paragraphs and table rows, rendered as text.
    Docx,
    /// A PDF: its text layer, page by page, as space-aligned lines.
    Pdf,
}

impl SourceKind {
    /// The kind's id, as the review JSON writes it.
    pub fn id(self) -> &'static str {
        match self {
            SourceKind::Text => "text",
            SourceKind::Html => "html",
            SourceKind::Docx => "docx",
            SourceKind::Pdf => "pdf",
        }
    }
}

/// A kind of binary file recognised by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryKind {
    /// "%PDF".
    Pdf,
    /// "PK\x03\x04": DOCX, XLSX, ODT or a plain ZIP archive.
    Zip,
    /// OLE2 compound file: old Word .doc / Excel .xls.
    Ole2,
    /// PNG image.
    Png,
    /// JPEG image.
    Jpeg,
    /// GIF image.
    Gif,
    /// TIFF image.
    Tiff,
    /// BMP image.
    Bmp,
    /// ELF executable.
    Elf,
    /// Something else that holds NUL bytes: not text.
    Other,
}

impl BinaryKind {
    /// Recognises a binary file by its magic bytes (not by NULs).
    pub fn from_magic(bytes: &[u8]) -> Option<BinaryKind> {
        const MAGIC: &[(&[u8], BinaryKind)] = &[
            (b"%PDF", BinaryKind::Pdf),
            (b"PK\x03\x04", BinaryKind::Zip),
            (b"PK\x05\x06", BinaryKind::Zip),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", BinaryKind::Ole2),
            (b"\x89PNG\r\n\x1A\n", BinaryKind::Png),
            (b"\xFF\xD8\xFF", BinaryKind::Jpeg),
            (b"GIF87a", BinaryKind::Gif),
            (b"GIF89a", BinaryKind::Gif),
            (b"II*\x00", BinaryKind::Tiff),
            (b"MM\x00*", BinaryKind::Tiff),
            (b"BM", BinaryKind::Bmp),
            (b"\x7FELF", BinaryKind::Elf),
        ];
        MAGIC
            .iter()
            .find(|(magic, kind)| {
                bytes.starts_with(magic)
                    // "BM" alone is too weak: also require a plausible header size.
                    && (*kind != BinaryKind::Bmp || bytes.len() >= 26)
            })
            .map(|&(_, kind)| kind)
    }

    /// What the file is and what to do about it.
    fn advice(self) -> &'static str {
        match self {
            BinaryKind::Pdf => "this is a PDF whose text layer could not be read",
            BinaryKind::Zip => {
                "this is a ZIP archive but not a Word document (.docx): open the report \
                 itself (.docx, .pdf, .html or .txt)"
            }
            BinaryKind::Ole2 => {
                "this is an old Word/Excel document (.doc/.xls): open it in Word or LibreOffice \
                 and save it as .docx first"
            }
            BinaryKind::Png
            | BinaryKind::Jpeg
            | BinaryKind::Gif
            | BinaryKind::Tiff
            | BinaryKind::Bmp => {
                "this is an image: run OCR on it first and open the resulting text"
            }
            BinaryKind::Elf => "this is a program, not a report text",
            BinaryKind::Other => {
                "this is a binary file, not a report text: open the report as plain text (.txt)"
            }
        }
    }
}

impl fmt::Display for BinaryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.advice())
    }
}

/// Why a file could not be read as a report text.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file holds no bytes (or only a byte-order mark).
    #[error("the file is empty: there is no report text to read")]
    Empty,
    /// A binary file (PDF, DOCX, image, program …).
    #[error("{0}")]
    Binary(BinaryKind),
    /// Larger than [`MAX_FILE_SIZE`].
    #[error(
        "the file is {} MiB, larger than the {} MiB limit: a report text is far smaller, \
         is this the right file?",
        .size.div_ceil(1024 * 1024),
        MAX_FILE_SIZE / (1024 * 1024)
    )]
    TooLarge {
        /// The file size in bytes.
        size: u64,
    },
    /// A directory was given where a file was expected.
    #[error("{}: this is a folder, not a file: open one report text inside it", .0.display())]
    Directory(PathBuf),
    /// No such file.
    #[error("{}: no such file: check the name and the folder", .0.display())]
    NotFound(PathBuf),
    /// The operating system refused access.
    #[error("{}: permission denied: check that you may read this file", .0.display())]
    PermissionDenied(PathBuf),
    /// A Word document that cannot be read.
    #[error("{0}")]
    Docx(#[from] crate::docx::DocxError),
    /// A PDF whose text layer cannot be read (a scan, encrypted, damaged).
    #[error("{0}")]
    Pdf(#[from] crate::pdf::PdfError),
    /// Any other I/O error.
    #[error("{}: could not be read: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: io::Error,
    },
}

impl ReadError {
    fn from_io(path: &Path, e: io::Error) -> ReadError {
        match e.kind() {
            io::ErrorKind::NotFound => ReadError::NotFound(path.to_path_buf()),
            io::ErrorKind::PermissionDenied => ReadError::PermissionDenied(path.to_path_buf()),
            io::ErrorKind::IsADirectory => ReadError::Directory(path.to_path_buf()),
            _ => ReadError::Io {
                path: path.to_path_buf(),
                source: e,
            },
        }
    }
}

/// One kind of input: bytes in, decoded text + encoding out.
///
/// Extraction only ever sees the [`SourceText`], so a new input kind (HTML,
/// DOCX, a PDF text layer) is a new implementation of this trait.
pub trait TextSource {
    /// Turns the file's bytes into report text, or says why it cannot.
    fn read(&self, bytes: &[u8]) -> Result<SourceText, ReadError>;
}

/// A plain text file in any common encoding (UTF-8, UTF-16 with BOM, GB18030/GBK …).
#[derive(Debug, Clone, Copy, Default)]
pub struct PlainText;

impl TextSource for PlainText {
    fn read(&self, bytes: &[u8]) -> Result<SourceText, ReadError> {
        if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
            let body = &bytes[bom_len..];
            if body.is_empty() {
                return Err(ReadError::Empty);
            }
            let name = if encoding == UTF_8 {
                "UTF-8 (BOM)"
            } else {
                encoding.name()
            };
            return Ok(decode_with(encoding, body, name));
        }
        if bytes.is_empty() {
            return Err(ReadError::Empty);
        }
        if let Some(kind) = BinaryKind::from_magic(bytes) {
            return Err(ReadError::Binary(kind));
        }
        if let Ok(text) = std::str::from_utf8(bytes)
            && !text.contains('\0')
        {
            return Ok(SourceText {
                text: text.to_string(),
                encoding: "UTF-8".to_string(),
                had_errors: false,
                ..Default::default()
            });
        }
        if mostly_utf8(bytes) {
            // A UTF-8 text with a few damaged bytes: keep the damage where
            // it is (U+FFFD) instead of guessing another encoding for all.
            return Ok(SourceText {
                text: String::from_utf8_lossy(bytes).into_owned(),
                encoding: "UTF-8".to_string(),
                had_errors: true,
                ..Default::default()
            });
        }
        if let Some(encoding) = utf16_without_bom(bytes) {
            return Ok(decode_with(encoding, bytes, encoding.name()));
        }
        if bytes.contains(&0) {
            return Err(ReadError::Binary(BinaryKind::Other));
        }
        // A web page says its encoding in a <meta charset>: taken first.
        if let Some(encoding) = declared_charset(bytes) {
            return Ok(decode_with(encoding, bytes, encoding.name()));
        }
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
        // GBK and GB2312 text decodes the same with GB18030, its superset.
        let encoding = if guess == encoding_rs::GBK {
            GB18030
        } else {
            guess
        };
        Ok(decode_with(encoding, bytes, encoding.name()))
    }
}

/// The encoding a web page declares in its first 2 KiB
/// (`<meta charset="gbk">`, `content="text/html; charset=gb2312"`), with
/// GBK and GB2312 read as their superset GB18030.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = memchr::memmem::find(&lower, b"charset")?;
    let rest = &lower[at + b"charset".len()..];
    let rest = rest.strip_prefix(b"=").or_else(|| {
        let k = rest.iter().position(|b| !b.is_ascii_whitespace())?;
        rest[k..].strip_prefix(b"=")
    })?;
    let label: Vec<u8> = rest
        .iter()
        .copied()
        .skip_while(|b| matches!(b, b'"' | b'\'' | b' '))
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .collect();
    let encoding = Encoding::for_label(&label)?;
    Some(if encoding == encoding_rs::GBK {
        GB18030
    } else {
        encoding
    })
}

/// Whether bytes that are not valid UTF-8 are still UTF-8 text with a few
/// damaged bytes: many well-formed multi-byte characters for each invalid
/// byte (text in GB18030 or another encoding forms almost none).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    !bytes.contains(&0) && multibyte >= 20 && invalid * 10 <= multibyte
}

/// UTF-16 without a BOM, recognised by NUL bytes that all sit on one side of
/// each code unit (ASCII text in UTF-16). None when the bytes do not look so.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in head.iter().enumerate() {
        if b == 0 {
            if i.is_multiple_of(2) {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let units = head.len() / 2;
    let (encoding, nuls, stray) = if odd >= even {
        (UTF_16LE, odd, even)
    } else {
        (UTF_16BE, even, odd)
    };
    // Real text in UTF-16 has no NUL code units, and line breaks and digits
    // put a NUL in at least some units.
    if stray != 0 || nuls < 2 || nuls * 5 < units {
        return None;
    }
    let (_, had_errors) = encoding.decode_without_bom_handling(bytes);
    (!had_errors).then_some(encoding)
}

fn decode_with(encoding: &'static Encoding, body: &[u8], name: &str) -> SourceText {
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    let name = if encoding == GB18030 { "GB18030" } else { name };
    SourceText {
        text: text.into_owned(),
        encoding: name.to_string(),
        had_errors,
        ..Default::default()
    }
}

/// The longest a PDF's text layer may take to read.
const PDF_SECONDS: u64 = 30;

/// Decodes bytes into text: a PDF through its text layer, a Word document
/// through its tables and paragraphs, anything else as a text in its
/// encoding.
pub fn decode(bytes: &[u8]) -> Result<SourceText, ReadError> {
    if BinaryKind::from_magic(bytes) == Some(BinaryKind::Pdf) {
        let pdf = crate::pdf::read_pdf_within(bytes, PDF_SECONDS)?;
        return Ok(SourceText {
            text: pdf.text,
            encoding: "PDF text layer".to_string(),
            had_errors: false,
            kind: SourceKind::Pdf,
            original_sha256: Some(sha256_hex(bytes)),
        });
    }
    if BinaryKind::from_magic(bytes) == Some(BinaryKind::Zip) {
        return match crate::docx::read_docx(bytes) {
            Ok(text) => Ok(SourceText {
                text,
                encoding: "Word (.docx)".to_string(),
                had_errors: false,
                kind: SourceKind::Docx,
                original_sha256: Some(sha256_hex(bytes)),
            }),
            Err(crate::docx::DocxError::NotWord) => Err(ReadError::Binary(BinaryKind::Zip)),
            Err(e) => Err(e.into()),
        };
    }
    let mut source = PlainText.read(bytes)?;
    // The extractor's own test of markup: the text it reads as HTML.
    if crate::extract::looks_like_html(&source.text) {
        source.kind = SourceKind::Html;
    }
    Ok(source)
}

/// The sha256 of bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads and decodes a file.
pub fn read_file(path: &Path) -> Result<SourceText, ReadError> {
    let bytes = read_bytes(path)?;
    decode(&bytes)
}

/// Reads a file's bytes, refusing folders and files over [`MAX_FILE_SIZE`]
/// before reading anything.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| ReadError::from_io(path, e))?;
    if meta.is_dir() {
        return Err(ReadError::Directory(path.to_path_buf()));
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(ReadError::TooLarge { size: meta.len() });
    }
    std::fs::read(path).map_err(|e| ReadError::from_io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str =
        "沙湾市2024年政府信息公开工作年度报告\n一、总体情况\n本年新收政府信息公开申请1件。\n";

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, had_errors) = encoding.encode(text);
        assert!(!had_errors);
        bytes.into_owned()
    }

    fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if little_endian {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn utf8_plain_and_with_bom() {
        let s = decode(SAMPLE.as_bytes()).unwrap();
        assert_eq!((s.text.as_str(), s.encoding.as_str()), (SAMPLE, "UTF-8"));
        assert!(!s.had_errors);

        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(SAMPLE.as_bytes());
        let s = decode(&bytes).unwrap();
        assert_eq!(
            (s.text.as_str(), s.encoding.as_str()),
            (SAMPLE, "UTF-8 (BOM)")
        );
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(utf16(SAMPLE, true));
        let s = decode(&le).unwrap();
        assert_eq!((s.text.as_str(), s.encoding.as_str()), (SAMPLE, "UTF-16LE"));

        let mut be = vec![0xFE, 0xFF];
        be.extend(utf16(SAMPLE, false));
        let s = decode(&be).unwrap();
        assert_eq!((s.text.as_str(), s.encoding.as_str()), (SAMPLE, "UTF-16BE"));
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_nuls() {
        let text = "2024年 report\n自然人 202\n";
        let s = decode(&utf16(text, true)).unwrap();
        assert_eq!((s.text.as_str(), s.encoding.as_str()), (text, "UTF-16LE"));
        let s = decode(&utf16(text, false)).unwrap();
        assert_eq!((s.text.as_str(), s.encoding.as_str()), (text, "UTF-16BE"));
    }

    #[test]
    fn gb18030_and_gbk_without_bom() {
        let long = SAMPLE.repeat(3);
        let s = decode(&encode(GB18030, &long)).unwrap();
        assert_eq!(
            (s.text.as_str(), s.encoding.as_str()),
            (long.as_str(), "GB18030")
        );
        let s = decode(&encode(encoding_rs::GBK, &long)).unwrap();
        assert_eq!(s.text, long);
        assert_eq!(s.encoding, "GB18030");
        assert!(!s.had_errors);
    }

    #[test]
    fn a_few_bad_bytes_keep_a_utf8_text_utf8() {
        let mut bytes = SAMPLE.repeat(4).into_bytes();
        bytes[10] = 0xFF;
        bytes[100] = 0xFE;
        let s = decode(&bytes).unwrap();
        assert_eq!(s.encoding, "UTF-8");
        assert!(s.had_errors);
        assert_eq!(s.text, String::from_utf8_lossy(&bytes));
        // GB18030 text is not mistaken for damaged UTF-8.
        let gb = encode(GB18030, &SAMPLE.repeat(4));
        assert_eq!(decode(&gb).unwrap().encoding, "GB18030");
    }

    #[test]
    fn undecodable_bytes_are_flagged() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(b"abc\xFFdef");
        let s = decode(&bytes).unwrap();
        assert!(s.had_errors);
        assert!(s.text.contains('\u{FFFD}'));
    }

    #[test]
    fn refuses_empty() {
        assert!(matches!(decode(b""), Err(ReadError::Empty)));
        assert!(matches!(decode(b"\xEF\xBB\xBF"), Err(ReadError::Empty)));
        assert!(decode(b"").unwrap_err().to_string().contains("empty"));
    }

    #[test]
    fn refuses_binaries_by_magic() {
        let cases: &[(&[u8], BinaryKind)] = &[
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", BinaryKind::Ole2),
            (b"\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR", BinaryKind::Png),
            (b"\xFF\xD8\xFF\xE0\x00\x10JFIF", BinaryKind::Jpeg),
            (b"GIF89a\x01\x00\x01\x00", BinaryKind::Gif),
            (b"II*\x00\x08\x00\x00\x00", BinaryKind::Tiff),
            (b"MM\x00*\x00\x00\x00\x08", BinaryKind::Tiff),
            (b"BM\x36\x00\x0C\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00\x01\x00\x00\x00\x01\x00\x00\x00", BinaryKind::Bmp),
            (b"\x7FELF\x02\x01\x01\x00", BinaryKind::Elf),
        ];
        for (bytes, kind) in cases {
            match decode(bytes) {
                Err(ReadError::Binary(k)) => assert_eq!(k, *kind),
                other => panic!("{kind:?}: {other:?}"),
            }
        }
        // A PDF is read through its text layer: a damaged one says so.
        assert!(matches!(
            decode(b"%PDF-1.4"),
            Err(ReadError::Pdf(crate::pdf::PdfError::Broken))
        ));
        // A ZIP is opened as a Word document: a damaged one says so.
        assert!(matches!(
            decode(b"PK\x03\x04\x14\x00\x06\x00"),
            Err(ReadError::Docx(crate::docx::DocxError::Broken))
        ));
        // "BM" at the start of a short text line is not a bitmap.
        assert!(decode(b"BM report").is_ok());
    }

    #[test]
    fn refuses_other_binaries_by_nul_bytes() {
        let bytes = b"\x00\x01\x02\x03garbage\x00\x00\x00\xFE\x10\x00\x01";
        assert!(matches!(
            decode(bytes),
            Err(ReadError::Binary(BinaryKind::Other))
        ));
        assert!(matches!(
            decode(b"text\0more text"),
            Err(ReadError::Binary(BinaryKind::Other))
        ));
    }

    #[test]
    fn read_file_refusals_name_the_path() {
        let dir = std::env::temp_dir().join(format!("nianbao-source-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();

        let e = read_file(&dir).unwrap_err();
        assert!(matches!(e, ReadError::Directory(_)));
        assert!(e.to_string().contains("folder"));

        let missing = dir.join("nope.txt");
        let e = read_file(&missing).unwrap_err();
        assert!(matches!(e, ReadError::NotFound(_)));
        assert!(e.to_string().contains("nope.txt"), "{e}");

        let big = dir.join("big.txt");
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(MAX_FILE_SIZE + 1).unwrap();
        let e = read_file(&big).unwrap_err();
        assert!(matches!(e, ReadError::TooLarge { .. }), "{e}");
        assert!(e.to_string().contains("32 MiB"), "{e}");

        let ok = dir.join("ok.txt");
        std::fs::write(&ok, SAMPLE).unwrap();
        assert_eq!(read_file(&ok).unwrap().text, SAMPLE);

        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let locked = dir.join("locked.txt");
            std::fs::write(&locked, SAMPLE).unwrap();
            std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
            // Root may read anything: only assert when the OS does refuse.
            if std::fs::read(&locked).is_err() {
                let e = read_file(&locked).unwrap_err();
                assert!(matches!(e, ReadError::PermissionDenied(_)), "{e}");
                assert!(e.to_string().contains("locked.txt"));
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
