//! Why a file could not be opened, in either language: one exhaustive
//! match over the core's typed reasons (a report that cannot be read, a
//! saved review that cannot be loaded, the operating system's refusal).
//! English is the errors' own `Display`; Chinese leaves out the English
//! details of serde and the operating system and says what they mean.

use super::Lang;
use crate::docx::DocxError;
use crate::journal::{JournalError, WriterError};
use crate::open::OpenError;
use crate::pdf::PdfError;
use crate::review::{LoadError, SaveError};
use crate::source::{BinaryKind, MAX_FILE_SIZE, ReadError};
use crate::template::ValueKind;

/// The reason a report file could not be read.
pub fn reason(e: &ReadError, lang: Lang) -> String {
    let zh = matches!(lang, Lang::Zh);
    match e {
        ReadError::Empty => lang
            .t(
                "文件是空的：没有报告文字可读",
                "the file is empty: there is no report text to read",
            )
            .to_string(),
        ReadError::Binary(kind) => binary(*kind, lang).to_string(),
        ReadError::TooLarge { size } => {
            let mib = size.div_ceil(1024 * 1024);
            let limit = MAX_FILE_SIZE / (1024 * 1024);
            if zh {
                format!(
                    "文件有 {mib} MiB，超过 {limit} MiB 的上限：年度报告远比这小，是不是选错了文件？"
                )
            } else {
                e.to_string()
            }
        }
        ReadError::Directory(_) => lang
            .t(
                "这是文件夹，不是文件：请打开其中的一份报告（或用“打开文件夹”）",
                "this is a folder, not a file: open one report inside it (or use Open Folder)",
            )
            .to_string(),
        ReadError::NotFound(_) => lang
            .t(
                "找不到这个文件：请检查文件名和所在文件夹",
                "no such file: check the name and the folder",
            )
            .to_string(),
        ReadError::PermissionDenied(_) => lang
            .t(
                "没有读取权限：请确认可以读取这个文件",
                "permission denied: check that you may read this file",
            )
            .to_string(),
        ReadError::Docx(d) => docx(d, lang),
        ReadError::Pdf(p) => pdf(p, lang),
        ReadError::Io { source, .. } => {
            if zh {
                format!("读取失败：{}", io_reason(source, lang))
            } else {
                format!("could not be read: {source}")
            }
        }
    }
}

/// Why a saved review could not be loaded.
pub fn review_reason(e: &LoadError, lang: Lang) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    // The JSON reader's and the core's details are English: the Chinese
    // says what is wrong and where, without them.
    match e {
        LoadError::Io { source, .. } => format!("审阅文件读取失败：{}", io_reason(source, lang)),
        LoadError::Syntax { line, column, .. } => {
            format!("不是有效的 JSON：第 {line} 行第 {column} 列有误")
        }
        LoadError::NotAReview(_) => {
            "不是 nianbao 的审阅文件（没有或不认识其中的格式说明）".to_string()
        }
        LoadError::NewerVersion { found } => {
            format!("这个审阅文件的格式（{found}）比本版 nianbao 新：请先更新 nianbao")
        }
        LoadError::Invalid { line, column, .. } => {
            format!("审阅文件已损坏：第 {line} 行第 {column} 列的内容不符合格式")
        }
        LoadError::TextChanged { .. } => {
            "审阅保存之后原文被改动过（sha256 不符）：位置和修改可能已对不上原文".to_string()
        }
        LoadError::UnknownCell(id) => format!("未知的单元格编号 {id:?}"),
        LoadError::BadValue { cell, .. } => {
            let kind = crate::template::CellId::parse(cell).map(|c| c.col_def().kind);
            let should = match kind {
                Some(ValueKind::Decimal) => "非负小数",
                _ => "非负整数",
            };
            format!("单元格 {cell} 的数值不是{should}")
        }
    }
}

/// One line of the command line about a file that could not be opened:
/// "<file>: <reason>", naming the file once (the English reasons about a
/// path name it already, in full).
pub fn open_line(file: &str, e: &OpenError, lang: Lang) -> String {
    let line = match (e, lang) {
        (_, Lang::Zh) => return format!("{file}：{}", open_reason(e, lang)),
        (
            OpenError::Read(
                ReadError::Directory(_)
                | ReadError::NotFound(_)
                | ReadError::PermissionDenied(_)
                | ReadError::Io { .. },
            ),
            Lang::En,
        ) => e.to_string(),
        (OpenError::Review(LoadError::Io { source, .. }), Lang::En) => {
            format!("{file}: could not be read: {source}")
        }
        (_, Lang::En) => format!("{file}: {e}"),
    };
    if line.starts_with(file) {
        line
    } else {
        format!("{file}: {line}")
    }
}

/// Why the record of unsaved edits (the crash-recovery journal) could not
/// be read or written.
pub fn journal_reason(e: &JournalError, lang: Lang) -> String {
    match (e, lang) {
        (JournalError::Io { source, .. }, Lang::Zh) => io_reason(source, lang),
        (JournalError::Damaged { .. }, Lang::Zh) => {
            "记录已损坏（或来自更新版本的 nianbao），无法恢复".to_string()
        }
        (e, Lang::En) => e.to_string(),
    }
}

/// Why the journal of an open document is not being kept.
pub fn writer_reason(e: &WriterError, lang: Lang) -> String {
    match e {
        WriterError::Stopped => lang
            .t(
                "记录线程已停止：未保存的修改不再记录",
                "the journal writer has stopped: unsaved edits are not journaled",
            )
            .to_string(),
        WriterError::Failed(e) => journal_reason(e, lang),
    }
}

/// Why a review could not be saved (the previous file is always unchanged).
pub fn save_reason(e: &SaveError, lang: Lang) -> String {
    let SaveError::Io { source, .. } = e;
    match lang {
        Lang::Zh => format!("{}（原有文件未改动）", io_reason(source, lang)),
        Lang::En => format!("{source} (any previous file there is unchanged)"),
    }
}

/// An operating system's error in either language: in Chinese a
/// sentence chosen by its kind (the system's own words are English), with
/// the error code where the kind says nothing; in English the system's words.
pub fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    if lang.is_en() {
        return e.to_string();
    }
    let why = match e.kind() {
        K::NotFound => "找不到文件或文件夹",
        K::PermissionDenied => "没有权限",
        K::AlreadyExists => "已有同名的文件",
        K::IsADirectory => "这是文件夹，不是文件",
        K::NotADirectory => "路径中有一部分不是文件夹",
        K::ReadOnlyFilesystem => "磁盘是只读的",
        K::StorageFull | K::QuotaExceeded => "磁盘空间不足",
        K::FileTooLarge => "文件太大",
        K::InvalidInput | K::InvalidFilename => "文件名或路径无效",
        K::ResourceBusy => "文件正被其他程序占用",
        K::TimedOut => "操作超时",
        K::OutOfMemory => "内存不足",
        K::InvalidData => "数据无法读取",
        _ => {
            return match e.raw_os_error() {
                Some(code) => format!("系统错误（代码 {code}）"),
                None => "系统错误".to_string(),
            };
        }
    };
    why.to_string()
}

/// Why a file could not be opened.
pub fn open_reason(e: &OpenError, lang: Lang) -> String {
    match e {
        OpenError::Read(e) => reason(e, lang),
        OpenError::Review(e) => review_reason(e, lang),
    }
}

fn binary(kind: BinaryKind, lang: Lang) -> &'static str {
    match kind {
        BinaryKind::Pdf => lang.t("这是 PDF，但无法读取它的文字层", "this is a PDF whose text layer could not be read"),
        BinaryKind::Zip => lang.t("这是 ZIP 压缩包，但不是 Word 文档（.docx）：请打开报告本身（.docx、.pdf、.html 或 .txt）", "this is a ZIP archive but not a Word document (.docx): open the report itself (.docx, .pdf, .html or .txt)"),
        BinaryKind::Ole2 => lang.t("这是旧版 Word/Excel 文档（.doc/.xls）：请在 Word 或 WPS 中另存为 .docx 后再打开", "this is an old Word/Excel document (.doc/.xls): save it as .docx first"),
        BinaryKind::Png | BinaryKind::Jpeg | BinaryKind::Gif | BinaryKind::Tiff | BinaryKind::Bmp => lang.t("这是图片：请先做文字识别（OCR），再打开识别出的文字", "this is an image: run OCR on it first and open the resulting text"),
        BinaryKind::Elf => lang.t("这是程序文件，不是报告", "this is a program, not a report"),
        BinaryKind::Other => lang.t("这是二进制文件，不是报告文字：请打开报告的 .txt、.html、.docx 或 .pdf", "this is a binary file, not a report: open the report's .txt, .html, .docx or .pdf"),
    }
}

/// Why a PDF could not be read or a page of it drawn.
pub fn pdf(e: &PdfError, lang: Lang) -> String {
    match e {
        PdfError::Broken => lang
            .t(
                "PDF 已损坏或不是 PDF：无法读取",
                "not a readable PDF file (it is damaged or not a PDF)",
            )
            .to_string(),
        PdfError::Encrypted => lang
            .t(
                "PDF 加了密码：请先取消密码再打开",
                "the PDF is encrypted with a password: remove it first",
            )
            .to_string(),
        PdfError::NoText => lang
            .t(
                "扫描件：没有文字层，需要先做文字识别（OCR）",
                "a scan without a text layer: run OCR first",
            )
            .to_string(),
        PdfError::TooManyPages(n) => match lang {
            Lang::Zh => format!("PDF 有 {n} 页，超过可读的 {} 页", crate::pdf::MAX_PAGES),
            Lang::En => e.to_string(),
        },
        PdfError::TooSlow(secs) => match lang {
            Lang::Zh => format!("读取 PDF 超过 {secs} 秒：文件过于复杂或已损坏"),
            Lang::En => e.to_string(),
        },
    }
}

fn docx(e: &DocxError, lang: Lang) -> String {
    match e {
        DocxError::Broken => lang
            .t(
                "Word 文档已损坏：不是可读的 .docx 文件",
                "the Word document is damaged: it is not a readable .docx archive",
            )
            .to_string(),
        DocxError::NotWord => lang
            .t(
                "这个压缩包不是 Word 文档（.docx）",
                "this ZIP archive is not a Word document (.docx)",
            )
            .to_string(),
        DocxError::Encrypted => lang
            .t(
                "Word 文档加了密码：请在 Word 中取消密码后另存，再打开",
                "the Word document is encrypted: remove the password in Word and save it again",
            )
            .to_string(),
        DocxError::TooLarge => lang
            .t(
                "Word 文档的文字超过 64 MiB：是不是选错了文件？",
                "the Word document's text is larger than 64 MiB: is this the right file?",
            )
            .to_string(),
        DocxError::Xml(why) => match lang {
            Lang::Zh => format!("Word 文档的内容（XML）已损坏（{why}）"),
            Lang::En => e.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_is_in_chinese_in_chinese() {
        let all = [
            ReadError::Empty,
            ReadError::Binary(BinaryKind::Ole2),
            ReadError::TooLarge { size: 40 << 20 },
            ReadError::NotFound("x.txt".into()),
            ReadError::Docx(DocxError::Encrypted),
            ReadError::Docx(DocxError::Xml("bad".into())),
            ReadError::Pdf(PdfError::NoText),
            ReadError::Pdf(PdfError::TooManyPages(900)),
        ];
        for e in &all {
            let zh = reason(e, Lang::Zh);
            assert!(
                zh.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
                "{zh}"
            );
            assert!(!zh.contains("file"), "{zh}");
            assert!(!reason(e, Lang::En).is_empty());
        }
        assert!(reason(&ReadError::Binary(BinaryKind::Ole2), Lang::Zh).contains(".docx"));
        assert!(reason(&ReadError::Pdf(PdfError::NoText), Lang::Zh).contains("扫描件"));
        let newer = LoadError::NewerVersion {
            found: "nianbao-review/9".into(),
        };
        assert!(review_reason(&newer, Lang::Zh).contains("更新 nianbao"));
        assert_eq!(review_reason(&newer, Lang::En), newer.to_string());
    }

    /// The core's English details (serde's, the operating system's) stay
    /// out of the Chinese text.
    #[test]
    fn english_details_stay_out_of_chinese() {
        let errors = [
            LoadError::Syntax {
                line: 3,
                column: 7,
                message: "EOF while parsing an object".into(),
            },
            LoadError::NotAReview("the JSON is not an object".into()),
            LoadError::Invalid {
                line: 1,
                column: 2,
                message: "missing field `source`".into(),
            },
            LoadError::BadValue {
                cell: "active.fees.amount".into(),
                message: "x is not a non-negative decimal".into(),
            },
            LoadError::Io {
                path: "r.json".into(),
                source: std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    "Permission denied",
                ),
            },
        ];
        for e in &errors {
            let zh = review_reason(e, Lang::Zh);
            assert!(
                !zh.split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| w.len() > 3
                        && !["nianbao", "JSON", "active", "fees", "amount"].contains(&w)),
                "{zh}"
            );
        }
        assert!(review_reason(&errors[0], Lang::Zh).contains("第 3 行第 7 列"));
        assert!(review_reason(&errors[3], Lang::Zh).contains("非负小数"));
        let io = ReadError::Io {
            path: "x".into(),
            source: std::io::Error::from_raw_os_error(5),
        };
        assert_eq!(reason(&io, Lang::Zh), "读取失败：系统错误（代码 5）");
    }
}
