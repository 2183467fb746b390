//! The window's layout: menu bar, status bar, and either the welcome view or
//! the review view (source text | tables | checks). Each panel reads the
//! borrowed context and pushes actions.

use super::action::Action;
use super::document::{Document, SourceTab};
use super::effect::Scroll;
use super::i18n::Lang;
use super::marks::Marks;
use super::queue::QueueState;
use super::settings::Settings;
use super::{
    checks_panel, grid, inspector, menu, original, queue_view, source_view, status_bar, welcome,
};

/// What every panel may read this frame.
pub struct ViewCtx<'a> {
    /// The UI language.
    pub lang: Lang,
    /// The preferences.
    pub settings: &'a Settings,
    /// The open document.
    pub doc: Option<&'a Document>,
    /// Its check marks.
    pub marks: Option<&'a Marks>,
    /// The error to show, if any.
    pub notice: Option<&'a str>,
    /// The folder queue, when it is shown.
    pub queue: Option<&'a QueueState>,
    /// Whether a folder queue is open (shown or not).
    pub has_queue: bool,
    /// The file being read in the background, if any.
    pub loading: Option<&'a std::path::Path>,
    /// The scrolling this frame does.
    pub scroll: Scroll,
}

/// Draws the whole window.
pub fn show(ui: &mut egui::Ui, cx: &ViewCtx<'_>, out: &mut Vec<Action>) {
    egui::Panel::top("menu-bar").show(ui, |ui| menu::bar(ui, cx, out));
    egui::Panel::bottom("status-bar").show(ui, |ui| status_bar::show(ui, cx));
    if let Some(q) = cx.queue {
        egui::CentralPanel::default().show(ui, |ui| {
            notice(ui, cx, out);
            loading(ui, cx);
            queue_view::show(ui, q, cx.lang, out);
        });
        return;
    }
    match (cx.doc, cx.marks) {
        (Some(doc), Some(marks)) => {
            let width = ui.available_width();
            egui::Panel::left("source-panel")
                .resizable(true)
                .default_size(width * 0.34)
                .size_range(160.0..=(width * 0.7).max(200.0))
                .show(ui, |ui| source_panel(ui, doc, cx.lang, cx.scroll, out));
            egui::Panel::right("checks-panel")
                .resizable(true)
                .default_size(300.0_f32.min(width * 0.25))
                .size_range(180.0..=(width * 0.5).max(200.0))
                .show(ui, |ui| checks_panel::show(ui, doc, marks, cx.lang, out));
            egui::CentralPanel::default().show(ui, |ui| {
                notice(ui, cx, out);
                loading(ui, cx);
                held_elsewhere(ui, doc, cx.lang);
                inspector::show(ui, doc, marks, cx.lang, out);
                ui.separator();
                grid::show(ui, doc, marks, cx.lang, cx.scroll, out);
            });
        }
        _ => {
            egui::CentralPanel::default().show(ui, |ui| {
                notice(ui, cx, out);
                loading(ui, cx);
                welcome::show(ui, cx, out);
            });
        }
    }
}

/// The source panel: the text, and for a PDF its pages in a second tab.
fn source_panel(
    ui: &mut egui::Ui,
    doc: &Document,
    lang: Lang,
    scroll: Scroll,
    out: &mut Vec<Action>,
) {
    if doc.original.is_some() {
        ui.horizontal(|ui| {
            for (tab, label) in [
                (SourceTab::Text, lang.t("文字", "Text")),
                (SourceTab::Page, lang.t("原件", "Original")),
            ] {
                if ui
                    .selectable_label(doc.view.source_tab == tab, label)
                    .clicked()
                {
                    out.push(Action::ShowSourceTab(tab));
                }
            }
        });
        if doc.view.source_tab == SourceTab::Page {
            ui.separator();
            original::show(ui, doc, lang, scroll, out);
            return;
        }
    }
    source_view::show(ui, doc, lang, scroll, out);
}

/// A spinner while a large file is read in the background.
fn loading(ui: &mut egui::Ui, cx: &ViewCtx<'_>) {
    let Some(path) = cx.loading else { return };
    ui.horizontal(|ui| {
        ui.spinner();
        ui.label(format!(
            "{}{}",
            cx.lang.t("正在读取并抽取：", "Reading and extracting: "),
            super::document::file_name(path)
        ));
    });
}

/// The warning that another window has this file open.
fn held_elsewhere(ui: &mut egui::Ui, doc: &Document, lang: Lang) {
    let Some(pid) = doc.held_by else { return };
    let color = ui.visuals().warn_fg_color;
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, color))
        .show(ui, |ui| {
            ui.colored_label(
                color,
                format!(
                    "⚠ {} {pid}{}",
                    lang.t(
                        "此文件已在另一个 nianbao 窗口中打开（进程",
                        "This file is open in another nianbao window (process"
                    ),
                    lang.t(
                        "）。可以查看；此窗口中的修改不做崩溃恢复，两边都保存会互相覆盖。",
                        "). You can view it; edits here are not journaled for crash recovery, and saving in both windows overwrites each other."
                    ),
                ),
            );
        });
}

/// The error banner: what went wrong, with the file name, until dismissed.
fn notice(ui: &mut egui::Ui, cx: &ViewCtx<'_>, out: &mut Vec<Action>) {
    let Some(text) = cx.notice else { return };
    let color = ui.visuals().error_fg_color;
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, color))
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.colored_label(color, "⚠");
                ui.add(egui::Label::new(egui::RichText::new(text).color(color)).wrap());
                if ui.small_button(cx.lang.t("关闭提示", "Dismiss")).clicked() {
                    out.push(Action::DismissNotice);
                }
            });
        });
}
