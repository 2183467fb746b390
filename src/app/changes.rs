//! The Changes tab: the audit trail of the review — every edit (cell,
//! extracted value, current value, who, when) and every acknowledged check
//! with its note. Clicking an entry selects its cell (or check).

use egui::{RichText, Ui};

use super::action::Action;
use super::cell::{accessible_name, display_text};
use super::check_text;
use super::document::Document;
use super::i18n::Lang;

/// Draws the Changes tab.
pub fn show(ui: &mut Ui, doc: &Document, lang: Lang, out: &mut Vec<Action>) {
    let review = &doc.review;
    let who = |by: &Option<String>| {
        by.clone()
            .unwrap_or_else(|| lang.t("（未署名）", "(unnamed)").to_string())
    };
    egui::ScrollArea::vertical()
        .id_salt("changes-list")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.strong(format!(
                "{} {}",
                lang.t("修改", "Edits"),
                review.edits().len()
            ));
            if review.edits().is_empty() {
                ui.weak(lang.t("尚无修改。", "No edits yet."));
            }
            for (i, e) in review.edits().iter().enumerate() {
                let extracted = display_text(review.extracted().cell(e.cell), lang);
                let current = display_text(review.report().cell(e.cell), lang);
                let title = format!(
                    "{} {}：{extracted} → {current}",
                    lang.t("修改", "Edit"),
                    accessible_name(e.cell, lang),
                );
                let selected = doc.view.selected == Some(e.cell);
                let resp = ui
                    .push_id(("edit", i), |ui| ui.selectable_label(selected, title))
                    .inner;
                ui.weak(format!(
                    "{}{} · {}{} · {}",
                    lang.t("输入 ", "typed "),
                    shown(&e.after, lang),
                    lang.t("原为 ", "was "),
                    shown(&e.before, lang),
                    format_args!("{} · {}", who(&e.by), e.at)
                ));
                if resp.clicked() {
                    out.push(Action::Select(e.cell));
                }
            }
            ui.separator();
            ui.strong(format!(
                "{} {}",
                lang.t("已确认的校验", "Acknowledged checks"),
                review.acknowledged().len()
            ));
            if review.acknowledged().is_empty() {
                ui.weak(lang.t("尚无确认。", "Nothing acknowledged."));
            }
            for a in review.acknowledged() {
                let known = a.check.known();
                let title =
                    known.map_or_else(|| a.check.to_string(), |c| check_text::title(c, lang));
                let selected = known.is_some() && doc.view.selected_check == known;
                let resp = ui
                    .push_id(("ack", a.check.to_string()), |ui| {
                        ui.selectable_label(
                            selected,
                            format!("{} {title}", lang.t("确认", "Acknowledged")),
                        )
                    })
                    .inner;
                ui.label(RichText::new(format!("“{}”", a.note)).italics());
                ui.weak(format!("{} · {}", who(&a.by), a.at));
                if let Some(check) = known.filter(|_| resp.clicked()) {
                    out.push(Action::SelectCheck(check));
                }
            }
        });
}

fn shown(raw: &str, lang: Lang) -> String {
    if raw.is_empty() {
        lang.t("（空）", "(empty)").to_string()
    } else {
        format!("“{raw}”")
    }
}
