//! The strip above the grid about the selected cell: what it holds, where
//! it came from, the checks it is part of, and the one-click suggestion.

use egui::{RichText, Ui};

use super::action::Action;
use super::cell::{CellView, accessible_name, display_text, state_name};
use super::command::Command;
use super::document::Document;
use super::i18n::Lang;
use super::marks::Marks;
use super::style::{self, Palette};

/// Draws the selected-cell strip.
pub fn show(ui: &mut Ui, doc: &Document, marks: &Marks, lang: Lang, out: &mut Vec<Action>) {
    let review = &doc.review;
    let Some(id) = doc.view.selected else {
        ui.weak(lang.t(
            "选择一个单元格（方向键、Tab 或点击），或按 F8 转到下一个问题。",
            "Select a cell (arrows, Tab or click), or press F8 for the next problem.",
        ));
        return;
    };
    let cell = review.report().cell(id);
    ui.horizontal_wrapped(|ui| {
        ui.strong(accessible_name(id, lang));
        ui.label("=");
        ui.label(RichText::new(display_text(cell, lang)).strong());
        if let Some(c) = cell {
            ui.weak(format!("（{}）", state_name(c.state, lang)));
        }
        if let Some(t) = &doc.view.editing {
            ui.label(format!("{}{t}", lang.t("正在输入：", "typing: ")));
        }
    });
    let mark = marks.get(id);
    if let Some(s) = mark.and_then(|m| m.suggestion(review.checks())) {
        let pal = Palette::of(ui.visuals());
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                pal.inferred,
                format!(
                    "{} {}{}",
                    style::SUGGESTED,
                    lang.t("建议值 ", "Suggested value "),
                    s.value
                ),
            );
            let label = format!("{} {}", Command::AcceptSuggestion.label(lang), s.value);
            let shortcut = ui
                .ctx()
                .format_shortcut(&Command::AcceptSuggestion.shortcuts()[0]);
            if ui.button(label).on_hover_text(shortcut).clicked() {
                out.push(Action::Accept(id));
            }
            ui.weak(super::check_text::suggestion_reason(s, lang));
        });
    }
    egui::CollapsingHeader::new(lang.t("详情", "Details"))
        .id_salt("inspector-details")
        .default_open(false)
        .show(ui, |ui| {
            let cv = CellView {
                id,
                cell,
                mark,
                checks: review.checks(),
                selected: true,
                in_check: false,
                editing: None,
                edited: review.is_edited(id),
                lang,
            };
            cv.details(ui, review.extracted().cell(id));
        });
}
