//! How a check is named and summed up in the window: a Chinese (or
//! English) title from its kind and the row or column it checks, the rule,
//! both sides and the difference.

use egui::Ui;

use super::i18n::Lang;
use super::marks::Severity;
use super::style::{self, Palette};
use crate::checks::{CheckKind, CheckResult, CheckStatus, Checks, Suggestion};

/// What the check is about, e.g. "行合计 · （一）予以公开".
pub fn title(check: &CheckResult, lang: Lang) -> String {
    let kind = match check.kind {
        CheckKind::RowTotal => lang.t("行合计", "Row total"),
        CheckKind::OutcomeTotal => lang.t("办理结果总计", "Outcome total"),
        CheckKind::Balance => lang.t("勾稽关系", "Balance"),
        CheckKind::AppealTotal => lang.t("复议诉讼总计", "Appeal total"),
        CheckKind::OrgSubtotal => lang.t("法人或其他组织小计", "Organisations subtotal"),
        CheckKind::Narrative => lang.t("正文与表格", "Narrative vs tables"),
        CheckKind::CrossYear => lang.t("与上年报告", "Against last year's report"),
    };
    let Some(cell) = check.left_cells.first().or(check.right_cells.first()) else {
        return kind.to_string();
    };
    let by_column = matches!(check.kind, CheckKind::OutcomeTotal | CheckKind::Balance);
    let subject = match (by_column, lang) {
        (true, Lang::Zh) => cell.col_def().label,
        (true, Lang::En) => cell.col_def().label_en,
        (false, Lang::Zh) => cell.row_def().label,
        (false, Lang::En) => cell.row_def().label_en,
    };
    if check.kind == CheckKind::Narrative {
        return kind.to_string();
    }
    format!("{kind} · {subject}")
}

/// One line per check: status, rule, both sides and the difference.
pub fn summary(ui: &mut Ui, check: &CheckResult, lang: Lang) {
    let pal = Palette::of(ui.visuals());
    let (glyph, color) = match check.status {
        CheckStatus::Fail => (style::severity_glyph(Severity::Fail), pal.fail),
        CheckStatus::Incomplete => (style::severity_glyph(Severity::Incomplete), pal.incomplete),
        CheckStatus::Warning => (style::severity_glyph(Severity::Warning), pal.warning),
        CheckStatus::Pass => (style::ACKNOWLEDGED, ui.visuals().text_color()),
    };
    ui.colored_label(
        color,
        format!("{glyph} {} — {}", title(check, lang), check.rule),
    );
    ui.weak(&check.id);
    let side = |v: Option<u64>| v.map_or_else(|| "？".to_string(), |v| v.to_string());
    let diff = check.difference.map_or_else(String::new, |d| {
        format!("，{}{d:+}", lang.t("差 ", "difference "))
    });
    ui.label(format!(
        "{}{} · {}{}{diff}",
        lang.t("左 ", "left "),
        side(check.left),
        lang.t("右 ", "right "),
        side(check.right)
    ));
    // The core's message is in English: the rule and sides above say it in Chinese.
    if lang.is_en() && !check.message.is_empty() {
        ui.weak(&check.message);
    }
}

/// Why a value is suggested, in the window's language: the core's reason in
/// English; in Chinese, the checks the value would make pass, by title.
pub fn suggestion_reason(s: &Suggestion, checks: &Checks, lang: Lang) -> String {
    if lang.is_en() {
        return s.reason.clone();
    }
    let titles: Vec<String> = s
        .checks
        .iter()
        .map(|id| {
            checks
                .results
                .iter()
                .find(|c| &c.id == id)
                .map_or_else(|| id.clone(), |c| title(c, lang))
        })
        .collect();
    if titles.is_empty() {
        "由校验推算".to_string()
    } else {
        format!("采用后以下校验通过：{}", titles.join("、"))
    }
}
