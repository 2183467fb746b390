//! The queue view: every report of a folder with its issuer, year, check
//! counts, edits and review state; sortable headers, a filter, a progress
//! bar with Cancel while scanning. Double-click or Enter opens a report.

use egui::{RichText, Ui};
use egui_extras::{Column as Col, TableBuilder};

use super::action::Action;
use super::command::Command;
use super::i18n::Lang;
use super::queue::QueueState;
use super::style::Palette;
use crate::checks::CheckStatus;
use crate::folder::{Column, Filter, QueueRow, ReviewState};
use crate::i18n::checks::{status_heading, title};
use crate::i18n::errors::open_reason;
use crate::template::TemplateVersion;

const ROW_H: f32 = 24.0;

/// A column's header text.
pub fn header(column: Column, lang: Lang) -> &'static str {
    match column {
        Column::File => lang.t("文件", "File"),
        Column::Issuer => lang.t("发布机关", "Issuer"),
        Column::Year => lang.t("年度", "Year"),
        Column::Fail => status_heading(CheckStatus::Fail, lang),
        Column::Incomplete => status_heading(CheckStatus::Incomplete, lang),
        Column::Warning => status_heading(CheckStatus::Warning, lang),
        Column::Unsure => lang.t("待核对", "Unsure"),
        Column::Edits => lang.t("修改", "Edits"),
        Column::State => lang.t("审阅状态", "Review state"),
    }
}

fn state_label(state: ReviewState, lang: Lang) -> &'static str {
    match state {
        ReviewState::Untouched => lang.t("未审阅", "Untouched"),
        ReviewState::InProgress => lang.t("审阅中", "In progress"),
        ReviewState::Done => lang.t("已完成", "Done"),
    }
}

/// Draws the queue.
pub fn show(ui: &mut Ui, q: &QueueState, lang: Lang, out: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        ui.heading(lang.t("报告队列", "Report queue"));
        ui.weak(q.root().display().to_string());
    });
    toolbar(ui, q, lang, out);
    if let Some((done, total)) = q.progress() {
        ui.horizontal(|ui| {
            let fraction = if total == 0 {
                0.0
            } else {
                done as f32 / total as f32
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(320.0)
                    .text(format!("{} {done} / {total}", lang.t("扫描中", "Scanning"))),
            );
            if ui.button(lang.t("取消扫描", "Cancel scan")).clicked() {
                out.push(Action::Command(Command::CancelScan));
            }
        });
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(100));
    } else if q.was_cancelled() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            lang.t(
                "扫描已取消：列表可能不完整（F5 重新扫描）。",
                "Scan cancelled: the list may be incomplete (F5 rescans).",
            ),
        );
    }
    if q.queue().is_some() {
        let t = q.tally();
        ui.weak(format!(
            "{} {} · {} {} · {} {} · {} {} · {} {}",
            lang.t("报告", "reports"),
            t.reports,
            lang.t("有问题", "with failures"),
            t.with_failures,
            lang.t("未审阅", "untouched"),
            t.untouched,
            lang.t("审阅中", "in progress"),
            t.in_progress,
            lang.t("已完成", "done"),
            t.done,
        ));
    }
    ui.separator();
    table(ui, q, lang, out);
}

fn toolbar(ui: &mut Ui, q: &QueueState, lang: Lang, out: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        let label = ui.label(lang.t("按发布机关筛选：", "Filter by issuer:"));
        let mut text = q.filter().issuer.clone();
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .id_salt("queue-filter")
                    .desired_width(220.0),
            )
            .labelled_by(label.id);
        if edit.changed() {
            out.push(Action::QueueFilter(Filter {
                issuer: text,
                failures_only: q.filter().failures_only,
            }));
        }
        let mut failures = q.filter().failures_only;
        if ui
            .checkbox(&mut failures, lang.t("只看有问题的", "Only with failures"))
            .changed()
        {
            out.push(Action::QueueFilter(Filter {
                issuer: q.filter().issuer.clone(),
                failures_only: failures,
            }));
        }
        ui.separator();
        for c in [
            Command::Rescan,
            Command::ExportSummaryCsv,
            Command::ExportSummaryXlsx,
        ] {
            if ui.button(c.label(lang)).clicked() {
                out.push(Action::Command(c));
            }
        }
    });
}

fn table(ui: &mut Ui, q: &QueueState, lang: Lang, out: &mut Vec<Action>) {
    let pal = Palette::of(ui.visuals());
    let sort = q.sort();
    let mut builder = TableBuilder::new(ui)
        .id_salt("queue-table")
        .striped(true)
        .sense(egui::Sense::click())
        .column(
            Col::initial(260.0)
                .at_least(120.0)
                .resizable(true)
                .clip(true),
        )
        .column(
            Col::initial(220.0)
                .at_least(100.0)
                .resizable(true)
                .clip(true),
        )
        .columns(Col::exact(64.0), 6)
        .column(Col::remainder().at_least(90.0));
    if let Some(c) = q.cursor() {
        builder = builder.scroll_to_row(c, None);
    }
    builder
        .header(ROW_H, |mut row| {
            for column in Column::ALL {
                row.col(|ui| {
                    let arrow = match (sort.column == column, sort.descending) {
                        (false, _) => "",
                        (true, false) => " ▲",
                        (true, true) => " ▼",
                    };
                    let text = format!("{}{arrow}", header(column, lang));
                    if ui
                        .add(egui::Button::new(RichText::new(text).strong()).frame(false))
                        .clicked()
                    {
                        out.push(Action::QueueSort(column));
                    }
                });
            }
        })
        .body(|body| {
            body.rows(ROW_H, q.view().len(), |mut row| {
                let pos = row.index();
                let Some(r) = q.row_at(pos) else { return };
                row.set_selected(q.cursor() == Some(pos));
                cells(&mut row, r, lang, &pal);
                let resp = row.response();
                if resp.double_clicked() {
                    out.push(Action::QueueOpen(pos));
                } else if resp.clicked() {
                    out.push(Action::QueueSelect(pos));
                }
            });
        });
}

fn cells(row: &mut egui_extras::TableRow<'_, '_>, r: &QueueRow, lang: Lang, pal: &Palette) {
    let counts = r.counts();
    row.col(|ui| {
        ui.add(egui::Label::new(&r.relative).truncate().selectable(false));
    });
    row.col(|ui| {
        let issuer = r.issuer_shown();
        let text = match &r.error {
            Some(e) => RichText::new(format!("⚠ {}", open_reason(e, lang))).color(pal.fail),
            None if issuer.is_empty() => RichText::new("？").weak(),
            None => RichText::new(issuer),
        };
        ui.add(egui::Label::new(text).truncate().selectable(false));
    });
    row.col(|ui| {
        ui.add(
            egui::Label::new(r.year.map_or_else(|| "？".into(), |y| y.to_string()))
                .selectable(false),
        );
    });
    for (n, color, status) in [
        (counts.fail, pal.fail, CheckStatus::Fail),
        (counts.incomplete, pal.incomplete, CheckStatus::Incomplete),
        (counts.warning, pal.warning, CheckStatus::Warning),
    ] {
        row.col(|ui| {
            let text = if n == 0 {
                RichText::new("0").weak()
            } else {
                RichText::new(n.to_string()).color(color).strong()
            };
            let resp = ui.add(egui::Label::new(text).selectable(false));
            if n > 0 {
                // Which checks: their titles and ids, one a line.
                resp.on_hover_ui(|ui| {
                    for (id, _) in r.open_problems().filter(|(_, s)| *s == status) {
                        ui.label(format!("{} ({id})", title(id, lang)));
                    }
                });
            }
        });
    }
    row.col(|ui| {
        let text = if r.unsure == 0 {
            RichText::new("0").weak()
        } else {
            RichText::new(r.unsure.to_string()).color(pal.incomplete)
        };
        ui.add(egui::Label::new(text).selectable(false))
            .on_hover_text(lang.t(
                "抽取时把握不足、尚无人核对的值",
                "Values the extraction was unsure of, not yet confirmed",
            ));
    });
    row.col(|ui| {
        ui.add(egui::Label::new(r.edits.to_string()).selectable(false));
    });
    row.col(|ui| {
        let template = r.template.unwrap_or(TemplateVersion::Unknown);
        if r.error.is_none() && template == TemplateVersion::V2021 {
            ui.add(egui::Label::new(state_label(r.state(), lang)).selectable(false));
            return;
        }
        // Unreadable, or a text nianbao cannot check: say so, not "0 problems".
        let why = match (&r.error, template) {
            (Some(e), _) => open_reason(e, lang),
            (None, TemplateVersion::V2019) => lang
                .t(
                    "2019 年版格式，不支持校验",
                    "2019 format, not supported for checking",
                )
                .into(),
            (None, _) => lang.t("未找到报告表格", "no report tables found").into(),
        };
        ui.add(
            egui::Label::new(
                RichText::new(format!("⚠ {}", lang.t("无法校验", "Not checkable"))).color(pal.fail),
            )
            .selectable(false),
        )
        .on_hover_text(why);
    });
}
