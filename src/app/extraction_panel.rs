//! The extraction tab: what the extractor says about this report — the
//! template it recognised, the tables it could not read or read only in
//! reading order, how many values it was unsure of, and every diagnostic.
//! Clicking a diagnostic selects its first cell, or shows its text.

use egui::{RichText, Ui};

use super::action::Action;
use super::document::Document;
use super::i18n::Lang;
use super::marks::Marks;
use super::style::Palette;
use crate::report::{Diagnostic, Report, Severity};
use crate::template::{TableId, TemplateVersion};

/// A table's name as the grid heads it ("三、收到和处理…").
pub fn table_name(table: TableId, lang: Lang) -> String {
    let n = TableId::ALL.iter().position(|t| *t == table).unwrap_or(0);
    match lang {
        Lang::Zh => format!("{}、{}", ["二", "三", "四"][n], table.label()),
        Lang::En => format!("{}. {}", ["II", "III", "IV"][n], table.label_en()),
    }
}

/// What the window says about a report's template, when it is not the
/// 2021 one the grid and the checks follow.
pub fn template_note(report: &Report, lang: Lang) -> Option<&'static str> {
    match report.template {
        TemplateVersion::V2021 => None,
        TemplateVersion::V2019 => Some(lang.t(
            "此报告为 2019 年版模板（国办公开办函〔2019〕60号：表二列为本年新制作数量 / 本年新公开数量 / 对外公开总数量，表三 23 行），不按 2021 年版表格读取和校验，单元格留空。",
            "This report follows the 2019 template (国办公开办函〔2019〕60号: table II columns 本年新制作数量 / 本年新公开数量 / 对外公开总数量, 23 rows in table III); it is not read into the 2021 grid nor checked, and its cells are left empty.",
        )),
        TemplateVersion::Unknown => Some(lang.t(
            "未在原文中找到年度报告的表格。",
            "No annual report tables were found in the text.",
        )),
    }
}

/// What the grid says under a table read in reading order.
pub fn by_order_note(lang: Lang) -> &'static str {
    lang.t(
        "原文此表没有行结构（每行一个数）：数值按模板顺序放置，各行合计相符才采用。请对照原文逐个核对（F7）。",
        "The text gives this table with no row structure (one value per line): values are placed in template order, taken only where each row adds up. Check them against the text (F7).",
    )
}

/// Draws the extraction tab.
pub fn show(ui: &mut Ui, doc: &Document, marks: &Marks, lang: Lang, out: &mut Vec<Action>) {
    let report = doc.review.report();
    let pal = Palette::of(ui.visuals());
    let template = match report.template {
        TemplateVersion::V2021 => lang.t("2021 年版", "2021"),
        TemplateVersion::V2019 => lang.t("2019 年版", "2019"),
        TemplateVersion::Unknown => lang.t("未识别", "unknown"),
    };
    ui.label(format!("{}{template}", lang.t("模板：", "Template: ")));
    if let Some(note) = template_note(report, lang) {
        ui.colored_label(pal.fail, note);
    }
    for &t in &report.unreadable {
        ui.colored_label(
            pal.fail,
            format!(
                "⚠ {}{}",
                table_name(t, lang),
                lang.t("：未能从原文读取", ": could not be read from the text")
            ),
        );
    }
    for &t in &report.by_order {
        ui.colored_label(
            pal.incomplete,
            format!(
                "⚠ {}{}",
                table_name(t, lang),
                lang.t("：按阅读顺序读取", ": read in reading order")
            ),
        );
    }
    let unsure = marks.unsure().len();
    if unsure > 0 {
        ui.colored_label(
            pal.incomplete,
            format!(
                "{} {unsure}{}",
                lang.t("待核对的值", "Unsure values"),
                lang.t("（F7 逐个查看）", " (F7 walks them)")
            ),
        );
    }
    ui.separator();
    if report.diagnostics.is_empty() {
        ui.weak(lang.t("提取没有说明。", "The extraction has nothing to report."));
        return;
    }
    ui.weak(lang.t(
        "提取说明：点击查看相关单元格或原文。",
        "Extraction notes: click one to see its cells or its text.",
    ));
    egui::ScrollArea::vertical()
        .id_salt("extraction-notes")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for d in &report.diagnostics {
                diagnostic(ui, d, lang, &pal, out);
            }
        });
}

fn diagnostic(ui: &mut Ui, d: &Diagnostic, lang: Lang, pal: &Palette, out: &mut Vec<Action>) {
    let (glyph, color) = match d.severity {
        Severity::Error => ("⚠", pal.fail),
        Severity::Warning => ("⚠", pal.incomplete),
        Severity::Info => ("·", ui.visuals().weak_text_color()),
    };
    let table = d
        .table
        .as_deref()
        .and_then(TableId::from_id)
        .map(|t| format!("[{}] ", table_name(t, lang)))
        .unwrap_or_default();
    let message = super::note_text::text(&d.note, lang);
    let text = RichText::new(format!("{glyph} {table}{message}")).color(color);
    let clickable = !d.cells.is_empty() || d.span.is_some();
    let response = ui.add(egui::Button::selectable(false, text).wrap());
    if clickable && response.clicked() {
        match (d.cells.first(), d.span) {
            (Some(&cell), _) => out.push(Action::Select(cell)),
            (None, Some(span)) => out.push(Action::ShowSource(span.start)),
            (None, None) => {}
        }
    }
}
