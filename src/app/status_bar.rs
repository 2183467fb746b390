//! The status bar: file, encoding, template, check counts, unsaved marker.

use super::view::ViewCtx;

/// Draws the status bar.
pub fn show(ui: &mut egui::Ui, cx: &ViewCtx<'_>) {
    let lang = cx.lang;
    ui.horizontal(|ui| {
        if let Some(q) = cx.queue {
            ui.label(q.root().display().to_string());
            ui.separator();
            let shown = q.view().len();
            let all = q.queue().map_or(0, |queue| queue.rows().len());
            ui.label(format!(
                "{} {shown} / {all}",
                lang.t("显示报告", "reports shown")
            ));
            return;
        }
        let (Some(doc), Some(marks)) = (cx.doc, cx.marks) else {
            ui.weak(lang.t("未打开报告", "No report open"));
            return;
        };
        let review = &doc.review;
        let src = review.source();
        ui.label(doc.display_name());
        ui.separator();
        ui.label(&src.encoding);
        ui.separator();
        ui.label(format!(
            "{}{}",
            lang.t("模板 ", "Template "),
            review.report().template.id()
        ));
        ui.separator();
        ui.label(crate::i18n::checks::tally(&marks.counts(), lang));
        let unsure = marks.unsure().len();
        if unsure > 0 {
            ui.separator();
            ui.label(format!("{} {unsure}", lang.t("待核对", "unsure")))
                .on_hover_text(lang.t(
                    "抽取时把握不足的值（下划虚线）；F7 逐个查看",
                    "Values the extraction was unsure of (dotted underline); F7 walks them",
                ));
        }
        ui.separator();
        ui.label(format!(
            "{} {}",
            lang.t("修改", "edits"),
            review.edits().len()
        ));
        if let Some(e) = doc.journal.as_ref().and_then(|j| j.last_error()) {
            ui.separator();
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!(
                    "⚠ {}{}",
                    lang.t("恢复日志：", "Recovery journal: "),
                    crate::i18n::errors::writer_reason(&e, lang)
                ),
            );
        }
        if review.is_dirty() {
            ui.separator();
            ui.colored_label(ui.visuals().warn_fg_color, lang.t("● 未保存", "● unsaved"));
        }
    });
}
