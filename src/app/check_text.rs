//! How a check is named and summed up in the window: a Chinese (or
//! English) title from its kind and the row or column it checks, the rule,
//! both sides and the difference.

use egui::Ui;

use super::i18n::Lang;
use super::marks::Severity;
use super::style::{self, Palette};
use crate::checks::{CheckId, CheckKind, CheckResult, CheckStatus, Checks, CrossYear, Suggestion};
use crate::template::{REQUEST_COLS_WITH_SUBTOTAL, TableId};

/// What the check is about, e.g. "行合计 · （一）予以公开": its family and
/// the row, column, group or table its id names.
pub fn title(id: CheckId, lang: Lang) -> String {
    let kind = match id.kind() {
        CheckKind::RowTotal => lang.t("行合计", "Row total"),
        CheckKind::OutcomeTotal => lang.t("办理结果总计", "Outcome total"),
        CheckKind::Balance => lang.t("勾稽关系", "Balance"),
        CheckKind::AppealTotal => lang.t("复议诉讼总计", "Appeal total"),
        CheckKind::OrgSubtotal => lang.t("法人或其他组织小计", "Organisations subtotal"),
        CheckKind::Narrative => lang.t("正文与表格", "Narrative vs tables"),
        CheckKind::CrossYear => lang.t("与上年报告", "Against last year's report"),
    };
    let row = |table: TableId, row: &str| {
        let def = table.rows().iter().find(|r| r.id == row)?;
        Some(lang.t(def.label, def.label_en).to_string())
    };
    let col = |col: &str| {
        let def = REQUEST_COLS_WITH_SUBTOTAL.iter().find(|c| c.id == col)?;
        Some(lang.t(def.label, def.label_en).to_string())
    };
    let subject = match id {
        CheckId::RowTotal { row: r } | CheckId::OrgSubtotal { row: r } => row(TableId::Requests, r),
        CheckId::OutcomeTotal { col: c } | CheckId::Balance { col: c } => col(c),
        CheckId::AppealTotal { group } => row(TableId::Appeals, group),
        CheckId::Narrative(_) => None,
        CheckId::CrossYear(c) => Some(match c {
            CrossYear::Carry { col: c } => format!(
                "{} · {}",
                lang.t("上年结转", "Carried over"),
                col(c).unwrap_or_default()
            ),
            CrossYear::Stock { row: r } => format!(
                "{} · {}",
                lang.t("现行有效件数", "In force"),
                row(TableId::Active, r).unwrap_or_default()
            ),
            CrossYear::Copied(t) => format!(
                "{} · {}",
                lang.t("表格与上年相同", "Same table as last year"),
                lang.t(t.label(), t.label_en())
            ),
            CrossYear::IssuerVariant => lang.t("机关名称不一致", "Issuer name differs").to_string(),
            CrossYear::Ambiguous => lang
                .t("上年报告不止一份", "Several reports for last year")
                .to_string(),
        }),
    };
    match subject {
        Some(s) => format!("{kind} · {s}"),
        None => kind.to_string(),
    }
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
        format!("{glyph} {} — {}", title(check.id, lang), check.rule),
    );
    ui.weak(check.id.to_string());
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
///
/// `_checks` is no longer read (a title comes from the check id alone); it
/// stays until its caller in `cell.rs` drops it.
pub fn suggestion_reason(s: &Suggestion, _checks: &Checks, lang: Lang) -> String {
    if lang.is_en() {
        return s.reason.clone();
    }
    let titles: Vec<String> = s.checks.iter().map(|&id| title(id, lang)).collect();
    if titles.is_empty() {
        "由校验推算".to_string()
    } else {
        format!("采用后以下校验通过：{}", titles.join("、"))
    }
}
