//! How a check is summed up in the window: its title and rule (the words
//! are [`crate::i18n::checks`], shared with the command line), both sides
//! and the difference, in the window's language.

use egui::Ui;

use super::i18n::Lang;
use super::marks::Severity;
use super::style::{self, Palette};
use crate::checks::{CheckResult, CheckStatus, Suggestion};
use crate::i18n::checks;

pub use crate::i18n::checks::title;

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
        format!(
            "{glyph} {} — {}",
            title(check.id, lang),
            checks::rule(check.id, lang)
        ),
    );
    ui.weak(check.id.to_string());
    ui.label(checks::sides(
        check.left,
        check.right,
        check.difference,
        lang,
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
pub fn suggestion_reason(s: &Suggestion, lang: Lang) -> String {
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
