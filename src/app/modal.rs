//! The dialogs drawn inside the window: the path prompt (when no platform
//! dialog can be shown), the unsaved-changes question, the acknowledgement
//! note, and the keyboard help. They edit only their own text; everything
//! else goes out as actions.

use std::path::PathBuf;

use egui::{Id, Key, Modal as EguiModal};

use super::action::{Action, UnsavedChoice};
use super::command::{Command, navigation_help};
use super::i18n::Lang;
use crate::checks::CheckId;

/// What to do once the unsaved-changes question is answered (or was not needed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Close the window.
    Quit,
    /// Open this file.
    Open(PathBuf),
    /// Ask for a file with the dialog, then open it.
    OpenDialog,
    /// Ask for a path in the window, then open it.
    OpenPrompt,
    /// Open the embedded sample.
    OpenSample,
    /// Close the document.
    CloseDocument,
    /// Ask for a folder with the dialog, then scan it.
    OpenFolderDialog,
    /// Open this folder as a queue.
    OpenFolder(PathBuf),
    /// Open the queue's report at this position.
    OpenQueueRow(usize),
    /// Close the report and show the queue.
    BackToQueue,
}

/// What an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// The queue summary as CSV.
    SummaryCsv,
    /// The queue summary as XLSX.
    SummaryXlsx,
    /// The review's corrected tables as XLSX.
    TablesXlsx,
    /// The review's cells as CSV.
    CellsCsv,
}

impl ExportKind {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportKind::SummaryCsv | ExportKind::CellsCsv => "csv",
            ExportKind::SummaryXlsx | ExportKind::TablesXlsx => "xlsx",
        }
    }
}

/// What a path prompt is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPurpose {
    /// Open the file.
    Open,
    /// Save the review there, then go on with `then`.
    Save {
        /// What to do after saving.
        then: Option<Pending>,
    },
    /// Open this folder as a queue.
    Folder,
    /// Export there.
    Export(ExportKind),
}

/// A dialog in the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Modal {
    /// Type or paste a path.
    PathPrompt {
        /// Open or save.
        purpose: PathPurpose,
        /// The text typed so far.
        text: String,
    },
    /// Save the unsaved edits first?
    Unsaved {
        /// What was asked for.
        then: Pending,
    },
    /// A note to acknowledge a check with.
    Acknowledge {
        /// The check.
        check: CheckId,
        /// The note typed so far.
        note: String,
    },
    /// The keyboard help.
    Help,
    /// A journal of unsaved edits was found for the file just opened.
    Restore {
        /// How many edits it holds.
        edits: usize,
        /// How many acknowledgements it holds.
        acknowledged: usize,
    },
    /// The reviewer's name.
    Settings {
        /// The name typed so far.
        name: String,
    },
}

impl Modal {
    /// Draws the dialog; pushes what the user chose.
    pub fn show(&mut self, ctx: &egui::Context, lang: Lang, out: &mut Vec<Action>) {
        let response = EguiModal::new(Id::unique("nianbao-modal")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            match self {
                Modal::PathPrompt { purpose, text } => path_prompt(ui, lang, purpose, text, out),
                Modal::Unsaved { .. } => unsaved(ui, lang, out),
                Modal::Acknowledge { check, note } => acknowledge(ui, lang, *check, note, out),
                Modal::Help => help(ui, lang, out),
                Modal::Restore {
                    edits,
                    acknowledged,
                } => restore(ui, lang, *edits, *acknowledged, out),
                Modal::Settings { name } => settings(ui, lang, name, out),
            }
        });
        if response.should_close() && !out.contains(&Action::CloseModal) {
            out.push(match self {
                Modal::Unsaved { .. } => Action::Unsaved(UnsavedChoice::Cancel),
                // Closing without an answer keeps the journal for next time.
                Modal::Restore { .. } => Action::CloseModal,
                _ => Action::CloseModal,
            });
        }
    }
}

fn path_prompt(
    ui: &mut egui::Ui,
    lang: Lang,
    purpose: &PathPurpose,
    text: &mut String,
    out: &mut Vec<Action>,
) {
    let title = match purpose {
        PathPurpose::Open => lang.t("打开文件", "Open a file"),
        PathPurpose::Save { .. } => lang.t("保存审阅到", "Save the review to"),
        PathPurpose::Folder => lang.t("打开文件夹", "Open a folder"),
        PathPurpose::Export(_) => lang.t("导出到", "Export to"),
    };
    ui.heading(title);
    let label = lang.t("文件路径（可粘贴）：", "File path (paste or type):");
    let entered = focused_line(ui, label, text, "path-prompt");
    ui.horizontal(|ui| {
        let ok = match purpose {
            PathPurpose::Open | PathPurpose::Folder => lang.t("打开", "Open"),
            PathPurpose::Save { .. } => lang.t("保存", "Save"),
            PathPurpose::Export(_) => lang.t("导出", "Export"),
        };
        if ui.button(ok).clicked() || (entered && !text.trim().is_empty()) {
            out.push(Action::SubmitPrompt);
        }
        if ui.button(lang.t("取消", "Cancel")).clicked() {
            out.push(Action::CloseModal);
        }
    });
}

fn unsaved(ui: &mut egui::Ui, lang: Lang, out: &mut Vec<Action>) {
    ui.heading(lang.t("有未保存的修改", "Unsaved changes"));
    ui.label(lang.t(
        "当前审阅有尚未保存的修改。要先保存吗？",
        "The review has changes that are not saved. Save them first?",
    ));
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button(lang.t("保存", "Save")).clicked() {
            out.push(Action::Unsaved(UnsavedChoice::Save));
        }
        if ui.button(lang.t("不保存", "Discard")).clicked() {
            out.push(Action::Unsaved(UnsavedChoice::Discard));
        }
        if ui.button(lang.t("取消", "Cancel")).clicked() {
            out.push(Action::Unsaved(UnsavedChoice::Cancel));
        }
    });
}

fn acknowledge(
    ui: &mut egui::Ui,
    lang: Lang,
    check: CheckId,
    note: &mut String,
    out: &mut Vec<Action>,
) {
    ui.heading(lang.t("确认校验结果", "Acknowledge a check"));
    ui.label(format!(
        "{} {} ({check})",
        lang.t("校验：", "Check:"),
        super::check_text::title(check, lang)
    ));
    ui.label(lang.t(
        "例如：公开发布的报告本身有误，已按原文录入。",
        "For example: the published report itself is wrong; the figures are kept as printed.",
    ));
    let label = ui.label(lang.t("说明：", "Note:"));
    let edit = ui
        .add(
            egui::TextEdit::multiline(note)
                .id_salt("ack-note")
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if !edit.has_focus() && !edit.lost_focus() {
        edit.request_focus();
    }
    ui.horizontal(|ui| {
        let ok = ui.add_enabled(
            !note.trim().is_empty(),
            egui::Button::new(lang.t("确认", "Acknowledge")),
        );
        if ok.clicked() {
            out.push(Action::Acknowledge {
                check,
                note: note.trim().to_string(),
            });
        }
        if ui.button(lang.t("取消", "Cancel")).clicked() {
            out.push(Action::CloseModal);
        }
    });
}

fn restore(ui: &mut egui::Ui, lang: Lang, edits: usize, acked: usize, out: &mut Vec<Action>) {
    ui.heading(lang.t("恢复未保存的修改？", "Restore unsaved edits?"));
    ui.label(format!(
        "{} {edits} {} {acked} {}",
        lang.t(
            "上次关闭前，这份报告有未保存的修改：",
            "This report had unsaved changes when nianbao last closed:"
        ),
        lang.t("处修改，", "edits,"),
        lang.t("项确认。", "acknowledgements."),
    ));
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button(lang.t("恢复", "Restore")).clicked() {
            out.push(Action::Restore(true));
        }
        if ui.button(lang.t("丢弃", "Discard")).clicked() {
            out.push(Action::Restore(false));
        }
    });
}

fn settings(ui: &mut egui::Ui, lang: Lang, name: &mut String, out: &mut Vec<Action>) {
    ui.heading(Command::Settings.label(lang));
    let label = lang.t(
        "审阅人姓名（记录在每处修改和确认中）：",
        "Reviewer's name (recorded with every edit and acknowledgement):",
    );
    let entered = focused_line(ui, label, name, "reviewer-name");
    ui.horizontal(|ui| {
        if ui.button(lang.t("确定", "OK")).clicked() || entered {
            out.push(Action::SetReviewer(name.trim().to_string()));
        }
        if ui.button(lang.t("取消", "Cancel")).clicked() {
            out.push(Action::CloseModal);
        }
    });
}

fn help(ui: &mut egui::Ui, lang: Lang, out: &mut Vec<Action>) {
    ui.heading(Command::Help.label(lang));
    egui::Grid::new("help-grid").striped(true).show(ui, |ui| {
        for c in Command::ALL {
            let keys: Vec<String> = c
                .shortcuts()
                .iter()
                .map(|s| ui.ctx().format_shortcut(s))
                .collect();
            if keys.is_empty() {
                continue;
            }
            ui.label(keys.join(" / "));
            ui.label(c.label(lang));
            ui.end_row();
        }
        for (keys, what) in navigation_help(lang) {
            ui.label(keys);
            ui.label(what);
            ui.end_row();
        }
    });
    if ui.button(lang.t("关闭", "Close")).clicked() {
        out.push(Action::CloseModal);
    }
}

/// A labelled one-line text field that keeps the keyboard focus; whether
/// Enter was pressed in it.
fn focused_line(ui: &mut egui::Ui, label: &str, text: &mut String, id: &str) -> bool {
    let label = ui.label(label);
    let edit = ui
        .add(
            egui::TextEdit::singleline(text)
                .id_salt(id)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if !edit.has_focus() && !edit.lost_focus() {
        edit.request_focus();
    }
    edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter))
}
