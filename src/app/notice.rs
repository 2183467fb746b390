//! The error banner's message as a value: what could not be done to which
//! file and the typed reason, put into words only when drawn, in the
//! window's language at that moment (switching the language rewords a
//! banner already shown).

use std::path::PathBuf;

use super::i18n::Lang;
use crate::i18n::errors::{io_reason, journal_reason, open_reason, save_reason};
use crate::journal::JournalError;
use crate::open::OpenError;
use crate::review::SaveError;

/// What the banner says went wrong.
#[derive(Debug)]
pub enum Notice {
    /// A report or review could not be opened.
    Open {
        /// The file's name.
        file: String,
        /// Why.
        error: OpenError,
    },
    /// The background reader of a large file stopped without an answer.
    ReaderStopped {
        /// The file's name.
        file: String,
    },
    /// A path given as a folder is not one.
    NotAFolder(PathBuf),
    /// The review could not be saved (the previous file is unchanged).
    Save {
        /// The file's name.
        file: String,
        /// Why.
        error: SaveError,
    },
    /// An export could not be written.
    Export {
        /// The file's name.
        file: String,
        /// Why.
        error: ExportError,
    },
    /// The crash-recovery journal of the document could not be read.
    Journal(JournalError),
}

/// Why an export could not be written.
#[derive(Debug)]
pub enum ExportError {
    /// The file system refused.
    Io(std::io::Error),
    /// The spreadsheet could not be built (its library's own words).
    Xlsx(String),
}

impl From<std::io::Error> for ExportError {
    fn from(e: std::io::Error) -> ExportError {
        ExportError::Io(e)
    }
}

impl From<rust_xlsxwriter::XlsxError> for ExportError {
    fn from(e: rust_xlsxwriter::XlsxError) -> ExportError {
        match e {
            rust_xlsxwriter::XlsxError::IoError(io) => ExportError::Io(io),
            other => ExportError::Xlsx(other.to_string()),
        }
    }
}

impl Notice {
    /// The banner's text in `lang`: every word in that language (file
    /// names and numbers aside).
    pub fn text(&self, lang: Lang) -> String {
        let (what, file, why) = match self {
            Notice::Open { file, error } => (
                lang.t("无法打开", "Cannot open"),
                file,
                open_reason(error, lang),
            ),
            Notice::ReaderStopped { file } => (
                lang.t("无法打开", "Cannot open"),
                file,
                lang.t("读取线程意外停止", "the reader stopped unexpectedly")
                    .to_string(),
            ),
            Notice::NotAFolder(path) => {
                return format!(
                    "{}{}",
                    lang.t("不是文件夹：", "Not a folder: "),
                    path.display()
                );
            }
            Notice::Save { file, error } => (
                lang.t("无法保存", "Cannot save"),
                file,
                save_reason(error, lang),
            ),
            Notice::Export { file, error } => {
                let why = match error {
                    ExportError::Io(e) => io_reason(e, lang),
                    ExportError::Xlsx(e) => match lang {
                        Lang::Zh => "无法生成 XLSX 表格".to_string(),
                        Lang::En => format!("the XLSX could not be built: {e}"),
                    },
                };
                (lang.t("无法导出", "Cannot export"), file, why)
            }
            Notice::Journal(e) => return journal(e, lang),
        };
        format!("{what} {file}{}{why}", lang.t("：", ": "))
    }
}

fn journal(e: &JournalError, lang: Lang) -> String {
    format!(
        "{}{}",
        lang.t(
            "无法读取未保存修改的记录：",
            "Cannot read the record of unsaved edits: "
        ),
        journal_reason(e, lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::ReadError;

    fn has_latin_words(s: &str) -> bool {
        // File names aside, no English word of three letters or more.
        s.split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w.len() >= 3 && w != "nianbao" && w != "XLSX" && w != "txt")
    }

    #[test]
    fn every_notice_is_chinese_in_the_chinese_window_and_english_in_the_english_one() {
        let io = |kind| std::io::Error::new(kind, "os words in English");
        let notices = [
            Notice::Open {
                file: "x.txt".into(),
                error: OpenError::Read(ReadError::NotFound("x.txt".into())),
            },
            Notice::ReaderStopped {
                file: "x.txt".into(),
            },
            Notice::Save {
                file: "x.txt".into(),
                error: SaveError::Io {
                    path: "x.txt".into(),
                    source: io(std::io::ErrorKind::NotFound),
                },
            },
            Notice::Export {
                file: "x.txt".into(),
                error: ExportError::Io(io(std::io::ErrorKind::PermissionDenied)),
            },
            Notice::Export {
                file: "x.txt".into(),
                error: ExportError::Xlsx("sheet name too long".into()),
            },
            Notice::Export {
                file: "x.txt".into(),
                error: ExportError::Io(std::io::Error::from_raw_os_error(5)),
            },
            Notice::Journal(JournalError::Damaged {
                path: "j.json".into(),
                message: "bad".into(),
            }),
        ];
        for n in &notices {
            let zh = n.text(Lang::Zh);
            assert!(!has_latin_words(&zh), "{zh}");
            assert!(zh.contains("x.txt") || zh.contains("记录"), "{zh}");
            let en = n.text(Lang::En);
            assert!(!en.chars().any(|c| c > '\u{2E80}'), "{en}");
        }
        assert_eq!(
            notices[0].text(Lang::Zh),
            "无法打开 x.txt：找不到这个文件：请检查文件名和所在文件夹"
        );
        assert_eq!(
            notices[0].text(Lang::En),
            "Cannot open x.txt: no such file: check the name and the folder"
        );
    }
}
