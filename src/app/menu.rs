//! The menu bar, drawn from the command table (labels and shortcuts).

use super::action::Action;
use super::command::Command;
use super::document::file_name;
use super::i18n::Lang;
use super::settings::Theme;
use super::view::ViewCtx;

/// Draws the menu bar.
pub fn bar(ui: &mut egui::Ui, cx: &ViewCtx<'_>, out: &mut Vec<Action>) {
    let lang = cx.lang;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(lang.t("文件", "File"), |ui| {
            item(ui, cx, Command::Open, out);
            item(ui, cx, Command::OpenPath, out);
            item(ui, cx, Command::OpenFolder, out);
            item(ui, cx, Command::OpenSample, out);
            recent(ui, cx, out);
            ui.separator();
            item(ui, cx, Command::Save, out);
            item(ui, cx, Command::SaveAs, out);
            ui.separator();
            item(ui, cx, Command::ExportTablesXlsx, out);
            item(ui, cx, Command::ExportCellsCsv, out);
            item(ui, cx, Command::ExportSummaryCsv, out);
            item(ui, cx, Command::ExportSummaryXlsx, out);
            ui.separator();
            item(ui, cx, Command::Settings, out);
            ui.separator();
            item(ui, cx, Command::CloseDocument, out);
            item(ui, cx, Command::Quit, out);
        });
        ui.menu_button(lang.t("编辑", "Edit"), |ui| {
            item(ui, cx, Command::Undo, out);
            item(ui, cx, Command::Redo, out);
            ui.separator();
            item(ui, cx, Command::EditCell, out);
            item(ui, cx, Command::ClearCell, out);
            item(ui, cx, Command::AcceptSuggestion, out);
            item(ui, cx, Command::AcknowledgeCheck, out);
        });
        ui.menu_button(lang.t("转到", "Go"), |ui| {
            item(ui, cx, Command::NextProblem, out);
            item(ui, cx, Command::PrevProblem, out);
            item(ui, cx, Command::NextUnsure, out);
            item(ui, cx, Command::PrevUnsure, out);
            ui.separator();
            item(ui, cx, Command::BackToQueue, out);
            item(ui, cx, Command::NextReport, out);
            item(ui, cx, Command::PrevReport, out);
            item(ui, cx, Command::Rescan, out);
        });
        ui.menu_button(lang.t("视图", "View"), |ui| {
            ui.label(lang.t("界面语言", "Language"));
            toggle(ui, cx, Command::LangZh, lang == Lang::Zh, out);
            toggle(ui, cx, Command::LangEn, lang == Lang::En, out);
            ui.separator();
            let theme = cx.settings.theme;
            toggle(ui, cx, Command::ThemeSystem, theme == Theme::System, out);
            toggle(ui, cx, Command::ThemeLight, theme == Theme::Light, out);
            toggle(ui, cx, Command::ThemeDark, theme == Theme::Dark, out);
        });
        ui.menu_button(lang.t("帮助", "Help"), |ui| {
            item(ui, cx, Command::Help, out);
        });
    });
}

fn enabled(cx: &ViewCtx<'_>, c: Command) -> bool {
    if c.needs_queue() {
        return cx.has_queue
            && match c {
                Command::BackToQueue => cx.queue.is_none(),
                Command::CancelScan => cx.queue.is_some_and(|q| q.progress().is_some()),
                _ => true,
            };
    }
    let Some(doc) = cx.doc else {
        return !c.needs_document();
    };
    match c {
        Command::Undo => doc.review.can_undo(),
        Command::Redo => doc.review.can_redo(),
        Command::EditCell | Command::ClearCell => doc.view.selected.is_some(),
        Command::AcceptSuggestion => doc.view.selected.is_some_and(|cell| {
            doc.review
                .checks()
                .suggestions
                .iter()
                .any(|s| s.cell == cell)
        }),
        _ => true,
    }
}

fn item(ui: &mut egui::Ui, cx: &ViewCtx<'_>, c: Command, out: &mut Vec<Action>) {
    let mut button = egui::Button::new(c.label(cx.lang));
    if let Some(s) = c.shortcuts().first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(s));
    }
    if ui.add_enabled(enabled(cx, c), button).clicked() {
        out.push(Action::Command(c));
    }
}

fn toggle(ui: &mut egui::Ui, cx: &ViewCtx<'_>, c: Command, on: bool, out: &mut Vec<Action>) {
    if ui.radio(on, c.label(cx.lang)).clicked() {
        out.push(Action::Command(c));
    }
}

fn recent(ui: &mut egui::Ui, cx: &ViewCtx<'_>, out: &mut Vec<Action>) {
    let files = &cx.settings.recent;
    ui.add_enabled_ui(!files.is_empty(), |ui| {
        ui.menu_button(cx.lang.t("最近打开", "Open recent"), |ui| {
            for path in files {
                let r = ui
                    .button(file_name(path))
                    .on_hover_text(path.display().to_string());
                if r.clicked() {
                    out.push(Action::Open(path.clone()));
                }
            }
        });
    });
}
