//! Opening and saving files: reading a report or a saved review through the
//! core, and the platform file dialogs, with the in-window path prompt as the
//! fallback when no dialog can be shown.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::document::file_name;
use super::i18n::Lang;
use super::notice::Notice;
use crate::review::Review;
use crate::source::SourceText;

/// The sample report embedded in the binary (its published 表四 is wrong, so
/// two checks fail: a good first look at what nianbao does).
pub const SAMPLE_NAME: &str = "hongzequ-2023.pdftotext-layout.txt";
const SAMPLE_TEXT: &str = include_str!("../../fixtures/samples/hongzequ-2023.pdftotext-layout.txt");

/// Starts a review of the embedded sample.
pub fn sample_review() -> Review {
    let source = SourceText {
        text: SAMPLE_TEXT.to_string(),
        encoding: "UTF-8".to_string(),
        had_errors: false,
        ..Default::default()
    };
    Review::new(SAMPLE_NAME, source)
}

/// Opens a report text (extracting it) or a saved review (`.json`); the
/// error is the banner's, naming the file.
pub fn load(path: &Path) -> Result<Review, Notice> {
    crate::open::open(path).map_err(|error| Notice::Open {
        file: file_name(path),
        error,
    })
}

/// How the window asks for file names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialogs {
    /// The platform dialog (rfd, xdg portal), falling back to the prompt.
    Native,
    /// Always the in-window prompt (tests, or where no dialog exists).
    PromptOnly,
}

/// What a file dialog gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    /// A file was chosen.
    Path(PathBuf),
    /// The user closed the dialog.
    Cancelled,
    /// No dialog could be shown: ask in the window.
    Unavailable,
}

/// A dialog that returns nothing faster than this was never shown.
const NO_DIALOG: Duration = Duration::from_millis(300);

impl Dialogs {
    /// Asks for a file to open.
    pub fn pick_open(self, lang: Lang) -> Picked {
        self.run(|| {
            rfd::FileDialog::new()
                .set_title(lang.t("打开年度报告或审阅文件", "Open a report or a review"))
                .add_filter(
                    lang.t("报告或审阅", "Report or review"),
                    &["txt", "html", "htm", "docx", "pdf", "json"],
                )
                .add_filter(
                    lang.t("报告", "Report"),
                    &["txt", "html", "htm", "docx", "pdf"],
                )
                .add_filter(lang.t("审阅", "Review"), &["json"])
                .add_filter(lang.t("所有文件", "All files"), &["*"])
                .pick_file()
        })
    }

    /// Asks where to save, starting from `default`.
    pub fn pick_save(self, lang: Lang, default: &Path) -> Picked {
        self.run(|| {
            let mut d = rfd::FileDialog::new()
                .set_title(lang.t("保存审阅", "Save the review"))
                .add_filter(lang.t("审阅 (JSON)", "Review (JSON)"), &["json"])
                .set_file_name(file_name(default));
            if let Some(dir) = default.parent().filter(|d| !d.as_os_str().is_empty()) {
                d = d.set_directory(dir);
            }
            d.save_file()
        })
    }

    /// Asks for a folder of reports.
    pub fn pick_folder(self, lang: Lang) -> Picked {
        self.run(|| {
            rfd::FileDialog::new()
                .set_title(lang.t("打开报告文件夹", "Open a folder of reports"))
                .pick_folder()
        })
    }

    /// Asks where to export, starting from `default` (its extension names
    /// the format).
    pub fn pick_export(self, lang: Lang, default: &Path) -> Picked {
        self.run(|| {
            let ext = default
                .extension()
                .map(|e| e.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut d = rfd::FileDialog::new()
                .set_title(lang.t("导出", "Export"))
                .add_filter(ext.to_uppercase(), &[ext.as_str()])
                .set_file_name(file_name(default));
            if let Some(dir) = default.parent().filter(|d| !d.as_os_str().is_empty()) {
                d = d.set_directory(dir);
            }
            d.save_file()
        })
    }

    fn run(self, dialog: impl FnOnce() -> Option<PathBuf>) -> Picked {
        if self == Dialogs::PromptOnly {
            return Picked::Unavailable;
        }
        let started = Instant::now();
        match dialog() {
            Some(p) => Picked::Path(p),
            None if started.elapsed() < NO_DIALOG => Picked::Unavailable,
            None => Picked::Cancelled,
        }
    }
}
