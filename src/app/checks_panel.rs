//! The checks panel: counts, the non-passing checks (click one to see its
//! cells and source), and acknowledging a check with a note.

use egui::{RichText, Ui};

use super::action::Action;
use super::cell::{accessible_name, display_text};
use super::check_text::{self, summary};
use super::document::{Document, SideTab};
use super::i18n::Lang;
use super::marks::{Marks, Severity};
use super::style::{self, Palette};
use crate::checks::{CheckId, CheckResult, CheckStatus};
use crate::i18n::checks as check_words;

/// Draws the checks panel.
pub fn show(ui: &mut Ui, doc: &Document, marks: &Marks, lang: Lang, out: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        for (tab, label) in [
            (SideTab::Checks, lang.t("校验", "Checks")),
            (SideTab::Changes, lang.t("修改记录", "Changes")),
            (SideTab::Extraction, lang.t("提取", "Extraction")),
        ] {
            let text = RichText::new(label).heading();
            if ui.selectable_label(doc.view.tab == tab, text).clicked() {
                out.push(Action::ShowTab(tab));
            }
        }
    });
    match doc.view.tab {
        SideTab::Changes => {
            ui.separator();
            super::changes::show(ui, doc, lang, out);
            return;
        }
        SideTab::Extraction => {
            ui.separator();
            super::extraction_panel::show(ui, doc, marks, lang, out);
            return;
        }
        SideTab::Checks => {}
    }
    let pal = Palette::of(ui.visuals());
    let c = marks.counts();
    ui.horizontal_wrapped(|ui| {
        for (severity, color, status, n) in [
            (Severity::Fail, pal.fail, CheckStatus::Fail, c.fail),
            (
                Severity::Incomplete,
                pal.incomplete,
                CheckStatus::Incomplete,
                c.incomplete,
            ),
            (
                Severity::Warning,
                pal.warning,
                CheckStatus::Warning,
                c.warning,
            ),
        ] {
            let name = check_words::status_heading(status, lang);
            let glyph = style::severity_glyph(severity);
            ui.colored_label(color, format!("{glyph} {name} {n}"));
        }
        let pass = check_words::status_heading(CheckStatus::Pass, lang);
        ui.label(format!("{} {pass} {}", style::ACKNOWLEDGED, c.pass));
    });
    if c.acknowledged > 0 {
        ui.weak(format!(
            "{}{}",
            lang.t("已确认：", "Acknowledged: "),
            c.acknowledged
        ));
    }
    ui.separator();
    let review = &doc.review;
    let results = &review.checks().results;
    let failing: Vec<&CheckResult> = results
        .iter()
        .filter(|r| r.status != CheckStatus::Pass)
        .collect();
    let selected = doc.view.selected_check;
    if failing.is_empty() {
        ui.label(lang.t("全部校验通过。", "Every check passes."));
    }
    let details_h = if selected.is_some() {
        ui.available_height() * 0.5
    } else {
        0.0
    };
    egui::ScrollArea::vertical()
        .id_salt("checks-list")
        .max_height(ui.available_height() - details_h)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for r in &failing {
                let acked = review.acknowledged().iter().any(|a| a.check == r.id);
                let (glyph, color) = status_look(r.status, acked, &pal);
                let title = check_text::title(r.id, lang);
                let text = RichText::new(format!("{glyph} {title}")).color(color);
                let resp = ui.selectable_label(selected == Some(r.id), text);
                let resp = resp.on_hover_ui(|ui| summary(ui, r, lang));
                if resp.clicked() {
                    out.push(Action::SelectCheck(r.id));
                }
            }
            cross_year(ui, doc, lang, &pal, out);
        });
    let Some(sel) = selected.and_then(|id| results.iter().find(|r| r.id == id)) else {
        return;
    };
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("check-details")
        .auto_shrink([false, false])
        .show(ui, |ui| details(ui, doc, sel, lang, out));
}

/// The checks against the same issuer's other years in the folder: they
/// compare files, not cells of this review, but can be acknowledged here.
fn cross_year(ui: &mut Ui, doc: &Document, lang: Lang, pal: &Palette, out: &mut Vec<Action>) {
    let open: Vec<&CheckResult> = doc
        .cross_year
        .iter()
        .filter(|r| r.status != CheckStatus::Pass)
        .collect();
    if doc.cross_year.is_empty() {
        return;
    }
    ui.separator();
    ui.strong(format!(
        "{} ({}/{})",
        lang.t("跨年度校验", "Cross-year checks"),
        open.len(),
        doc.cross_year.len()
    ));
    if open.is_empty() {
        ui.weak(lang.t(
            "与同一机关其他年度的报告一致。",
            "Consistent with the same issuer's other years.",
        ));
    }
    for r in open {
        let ack = doc.review.acknowledged().iter().find(|a| a.check == r.id);
        let (glyph, color) = status_look(r.status, ack.is_some(), pal);
        ui.push_id(("cross-year", r.id), |ui| {
            let title = check_text::title(r.id, lang);
            ui.label(RichText::new(format!("{glyph} {title}")).color(color))
                .on_hover_ui(|ui| summary(ui, r, lang));
            // The core's message is English (it names last year's file);
            // in Chinese the two sides say it.
            match lang {
                Lang::En if !r.message.is_empty() => {
                    ui.weak(&r.message);
                }
                Lang::Zh if r.left.is_some() || r.right.is_some() => {
                    ui.weak(check_words::sides(r.left, r.right, r.difference, lang));
                }
                _ => {}
            }
            acknowledgement(ui, doc, r.id, lang, out);
        });
    }
}

fn status_look(status: CheckStatus, acked: bool, pal: &Palette) -> (&'static str, egui::Color32) {
    if acked {
        return (style::ACKNOWLEDGED, pal.acknowledged);
    }
    match status {
        CheckStatus::Fail => (style::severity_glyph(Severity::Fail), pal.fail),
        CheckStatus::Incomplete => (style::severity_glyph(Severity::Incomplete), pal.incomplete),
        CheckStatus::Warning => (style::severity_glyph(Severity::Warning), pal.warning),
        CheckStatus::Pass => (style::ACKNOWLEDGED, pal.acknowledged),
    }
}

fn details(ui: &mut Ui, doc: &Document, check: &CheckResult, lang: Lang, out: &mut Vec<Action>) {
    let review = &doc.review;
    summary(ui, check, lang);
    ui.add_space(4.0);
    for (side, cells) in [
        (lang.t("左边", "Left side"), &check.left_cells),
        (lang.t("右边", "Right side"), &check.right_cells),
    ] {
        if cells.is_empty() {
            continue;
        }
        ui.strong(side);
        for &id in cells {
            let value = display_text(review.report().cell(id), lang);
            let text = format!("{} = {value}", accessible_name(id, lang));
            if ui
                .selectable_label(doc.view.selected == Some(id), text)
                .clicked()
            {
                out.push(Action::Select(id));
            }
        }
    }
    ui.add_space(6.0);
    acknowledgement(ui, doc, check.id, lang, out);
}

/// A check's acknowledgement and the button that gives or takes it back.
fn acknowledgement(ui: &mut Ui, doc: &Document, check: CheckId, lang: Lang, out: &mut Vec<Action>) {
    match doc.review.acknowledged().iter().find(|a| a.check == check) {
        Some(a) => {
            ui.label(format!(
                "{} {}{}",
                style::ACKNOWLEDGED,
                lang.t("已确认：", "Acknowledged: "),
                a.note
            ));
            if ui.button(lang.t("撤回确认", "Take back")).clicked() {
                out.push(Action::Unacknowledge(check));
            }
        }
        None => {
            if ui.button(lang.t("确认此校验…", "Acknowledge…")).clicked() {
                out.push(Action::AskAcknowledge(check));
            }
        }
    }
}
