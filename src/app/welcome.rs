//! The welcome view: open a file, a recent one, or the embedded sample.

use super::action::Action;
use super::command::Command;
use super::document::file_name;
use super::view::ViewCtx;

/// Draws the welcome view.
pub fn show(ui: &mut egui::Ui, cx: &ViewCtx<'_>, out: &mut Vec<Action>) {
    let lang = cx.lang;
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.12);
        ui.heading(lang.t(
            "政府信息公开工作年度报告审阅",
            "Annual disclosure report review",
        ));
        ui.label(lang.t(
            "抽取报告中的三张表格，逐项校验，修正后保存。",
            "Extract the report's three tables, check them, correct and save.",
        ));
        ui.add_space(16.0);
        let open = format!(
            "{}  ({})",
            Command::Open.label(lang),
            ui.ctx().format_shortcut(&Command::Open.shortcuts()[0])
        );
        if ui
            .add(egui::Button::new(open).min_size(egui::vec2(260.0, 32.0)))
            .clicked()
        {
            out.push(Action::Command(Command::Open));
        }
        let folder = format!(
            "{}  ({})",
            Command::OpenFolder.label(lang),
            ui.ctx()
                .format_shortcut(&Command::OpenFolder.shortcuts()[0])
        );
        if ui
            .add(egui::Button::new(folder).min_size(egui::vec2(260.0, 32.0)))
            .clicked()
        {
            out.push(Action::Command(Command::OpenFolder));
        }
        if ui
            .add(
                egui::Button::new("打开示例报告 / Open a sample report")
                    .min_size(egui::vec2(260.0, 32.0)),
            )
            .clicked()
        {
            out.push(Action::Command(Command::OpenSample));
        }
        if ui.link(Command::OpenPath.label(lang)).clicked() {
            out.push(Action::Command(Command::OpenPath));
        }
        ui.add_space(20.0);
        let recent = &cx.settings.recent;
        if !recent.is_empty() {
            ui.strong(lang.t("最近打开", "Recent files"));
            for path in recent {
                let r = ui
                    .link(file_name(path))
                    .on_hover_text(path.display().to_string());
                if r.clicked() {
                    out.push(Action::Open(path.clone()));
                }
            }
        }
        ui.add_space(20.0);
        ui.weak(lang.t(
            "可以打开（或拖进窗口）.pdf、.docx（Word）、.html 网页或 .txt 文本形式的报告，或 .review.json 审阅文件。",
            "Open (or drop on the window) a report as a PDF, a Word document (.docx), a web page (.html) or a text (.txt), or a saved review (.review.json).",
        ));
    });
}
