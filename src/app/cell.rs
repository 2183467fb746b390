//! One grid cell: its value drawn by state, its check marks, its tooltip and
//! its accessible name ("row label · column label").

use egui::{Align2, FontId, Rect, Response, Sense, Shape, Stroke, StrokeKind, Ui, WidgetInfo};

use super::action::Action;
use super::command::Command;
use super::i18n::Lang;
use super::marks::{Mark, Severity};
use super::style::{self, Palette};
use crate::checks::Checks;
use crate::report::{Cell, CellState};
use crate::template::CellId;

/// What a cell needs to draw itself.
pub struct CellView<'a> {
    /// The cell id.
    pub id: CellId,
    /// The cell now.
    pub cell: Option<&'a Cell>,
    /// Its marks.
    pub mark: Option<&'a Mark>,
    /// The checks (for suggestion values).
    pub checks: &'a Checks,
    /// Whether it is selected.
    pub selected: bool,
    /// Whether it belongs to the check being looked at.
    pub in_check: bool,
    /// The text being typed, while editing.
    pub editing: Option<&'a str>,
    /// Whether a person changed it (typed, cleared or accepted a suggestion).
    pub edited: bool,
    /// The UI language.
    pub lang: Lang,
}

/// The accessible name of a cell: its row and column labels.
pub fn accessible_name(id: CellId, lang: Lang) -> String {
    match lang {
        Lang::Zh => id.label(),
        Lang::En => id.label_en(),
    }
}

/// The text shown for a cell: its value, or what stands for its state
/// (blank, "/", missing) so that none looks like 0 or like another.
pub fn display_text(cell: Option<&Cell>, lang: Lang) -> String {
    let Some(cell) = cell else {
        return "？".to_string();
    };
    let value = || {
        cell.value
            .as_ref()
            .map_or_else(|| cell.raw.clone(), ToString::to_string)
    };
    match cell.state {
        CellState::Blank => lang.t("空", "blank").to_string(),
        CellState::NotApplicable if cell.raw.trim().is_empty() => "/".to_string(),
        CellState::NotApplicable => cell.raw.trim().to_string(),
        CellState::Missing => "？".to_string(),
        CellState::Invalid => cell.raw.clone(),
        CellState::Inferred => format!("{}{}", style::INFERRED, value()),
        CellState::Edited if cell.value.is_none() && cell.raw.trim().is_empty() => {
            lang.t("空", "blank").to_string()
        }
        CellState::Extracted | CellState::Edited => value(),
    }
}

/// What a state means, in words.
pub fn state_name(state: CellState, lang: Lang) -> &'static str {
    match state {
        CellState::Extracted => lang.t("从原文读取", "read from the text"),
        CellState::Blank => lang.t("原文留空", "left blank in the report"),
        CellState::NotApplicable => lang.t("原文标为不适用（/）", "marked not applicable (/)"),
        CellState::Missing => lang.t("未能读取（缺失）", "not found by the extraction (missing)"),
        CellState::Invalid => lang.t("不是有效数字", "not a well-formed number"),
        CellState::Inferred => lang.t("推算得出", "inferred"),
        CellState::Edited => lang.t("人工修改", "edited by a person"),
    }
}

impl CellView<'_> {
    /// Draws the cell in the space given; pushes select/edit actions.
    pub fn show(&self, ui: &mut Ui, out: &mut Vec<Action>) -> Response {
        let size = ui.available_size();
        let (rect, response) = ui.allocate_exact_size(size, Sense::CLICK);
        let text = match self.editing {
            Some(t) => format!("{t}▏"),
            None => display_text(self.cell, self.lang),
        };
        let name = accessible_name(self.id, self.lang);
        response.widget_info(|| {
            let mut info = WidgetInfo::selected(egui::Role::Cell, true, self.selected, &name);
            info.current_text_value = Some(text.clone());
            info
        });
        if ui.is_rect_visible(rect) {
            self.paint(ui, rect, &text);
        }
        if response.clicked() {
            out.push(Action::Select(self.id));
        }
        if response.double_clicked() {
            out.push(Action::Select(self.id));
            out.push(Action::Command(Command::EditCell));
        }
        response
    }

    fn paint(&self, ui: &Ui, rect: Rect, text: &str) {
        let v = ui.visuals();
        let pal = Palette::of(v);
        let painter = ui.painter_at(rect);
        let inner = rect.shrink(1.0);
        let severity = self.mark.and_then(|m| m.severity);
        let state = self.cell.map_or(CellState::Missing, |c| c.state);
        let fill = match (severity, self.in_check) {
            (Some(Severity::Fail), _) => Some(pal.fail_bg),
            (Some(Severity::Incomplete), _) => Some(pal.incomplete_bg),
            (_, true) => Some(pal.check_bg),
            _ if state == CellState::Missing => Some(pal.incomplete_bg),
            _ => None,
        };
        if let Some(fill) = fill {
            painter.rect_filled(inner, 2.0, fill);
        }
        if self.editing.is_some() {
            painter.rect_filled(inner, 2.0, v.extreme_bg_color);
        }
        match severity {
            Some(Severity::Fail) => {
                painter.rect_stroke(
                    inner.shrink(1.0),
                    2.0,
                    Stroke::new(2.0, pal.fail),
                    StrokeKind::Inside,
                );
            }
            Some(Severity::Incomplete) => dashed_box(
                &painter,
                inner.shrink(1.0),
                Stroke::new(1.5, pal.incomplete),
            ),
            Some(Severity::Warning) => {
                painter.rect_stroke(
                    inner,
                    2.0,
                    Stroke::new(1.0, pal.warning),
                    StrokeKind::Inside,
                );
            }
            None if state == CellState::Missing => dashed_box(
                &painter,
                inner.shrink(1.0),
                Stroke::new(1.0, pal.incomplete),
            ),
            None => {}
        }
        if self.selected {
            painter.rect_stroke(
                rect,
                2.0,
                Stroke::new(2.5, v.selection.stroke.color),
                StrokeKind::Inside,
            );
        }

        self.paint_content(&painter, v, inner, text);
    }

    /// The value (or state text) and the corner glyphs: severity or
    /// acknowledged top left, edited top right, suggestion on the right.
    fn paint_content(&self, painter: &egui::Painter, v: &egui::Visuals, inner: Rect, text: &str) {
        let pal = Palette::of(v);
        let severity = self.mark.and_then(|m| m.severity);
        let state = self.cell.map_or(CellState::Missing, |c| c.state);
        let font = FontId::proportional(14.0);
        let small = FontId::proportional(10.0);
        let color = match state {
            CellState::Invalid => pal.fail,
            CellState::Blank | CellState::NotApplicable => v.weak_text_color(),
            CellState::Missing => pal.incomplete,
            CellState::Inferred => pal.inferred,
            CellState::Edited => pal.edited,
            CellState::Extracted => v.text_color(),
        };
        let suggestion = self.mark.and_then(|m| m.suggestion(self.checks));
        let value_pos = if suggestion.is_some() && self.editing.is_none() {
            inner.left_center() + egui::vec2(12.0, 0.0)
        } else if self.edited {
            // Leave the top-right corner to the edited mark, so the two never overlap.
            inner.right_center() - egui::vec2(11.0, 0.0)
        } else {
            inner.right_center() - egui::vec2(4.0, 0.0)
        };
        let align = if suggestion.is_some() && self.editing.is_none() {
            Align2::LEFT_CENTER
        } else {
            Align2::RIGHT_CENTER
        };
        painter.text(value_pos, align, text, font, color);
        if self.cell.is_some_and(Cell::is_unsure) && self.editing.is_none() {
            // A value the extractor was unsure of: a dotted underline.
            let y = inner.bottom() - 3.0;
            painter.extend(Shape::dotted_line(
                &[
                    egui::pos2(inner.left() + 3.0, y),
                    egui::pos2(inner.right() - 3.0, y),
                ],
                pal.incomplete,
                4.0,
                1.2,
            ));
        }
        if state == CellState::Invalid && self.editing.is_none() {
            let y = inner.bottom() - 3.0;
            painter.line_segment(
                [
                    egui::pos2(inner.left() + 3.0, y),
                    egui::pos2(inner.right() - 3.0, y),
                ],
                Stroke::new(1.5, pal.fail),
            );
        }
        if let Some(s) = suggestion.filter(|_| self.editing.is_none()) {
            painter.text(
                inner.right_center() - egui::vec2(3.0, 0.0),
                Align2::RIGHT_CENTER,
                format!("{}{}", style::SUGGESTED, s.value),
                FontId::proportional(12.0),
                pal.inferred,
            );
        }
        if let Some(sev) = severity {
            painter.text(
                inner.left_top() + egui::vec2(2.0, 0.0),
                Align2::LEFT_TOP,
                style::severity_glyph(sev),
                small.clone(),
                pal.severity(sev),
            );
        } else if self.mark.is_some_and(|m| m.acknowledged) {
            painter.text(
                inner.left_top() + egui::vec2(2.0, 0.0),
                Align2::LEFT_TOP,
                style::ACKNOWLEDGED,
                small.clone(),
                pal.acknowledged,
            );
        }
        if self.edited {
            painter.text(
                inner.right_top(),
                Align2::RIGHT_TOP,
                style::EDITED,
                small,
                pal.edited,
            );
        }
    }

    /// The tooltip / inspector text about this cell.
    pub fn details(&self, ui: &mut Ui, extracted: Option<&Cell>) {
        let lang = self.lang;
        ui.strong(accessible_name(self.id, lang));
        ui.weak(self.id.to_string());
        if let Some(cell) = self.cell {
            ui.label(format!(
                "{}{}",
                lang.t("状态：", "State: "),
                state_name(cell.state, lang)
            ));
            if !cell.raw.is_empty() {
                ui.label(format!("{}{}", lang.t("原文：", "As written: "), cell.raw));
            }
            if cell.is_unsure() {
                let pal = Palette::of(ui.visuals());
                ui.colored_label(
                    pal.incomplete,
                    format!(
                        "{}{:.0}%{}",
                        lang.t("把握：", "Confidence: "),
                        cell.confidence * 100.0,
                        lang.t(
                            "，请对照原文核对（F7 下一个）",
                            " — check it against the text (F7: next)"
                        )
                    ),
                );
            }
            if self.edited {
                let was = display_text(extracted, lang);
                ui.label(format!("{}{was}", lang.t("抽取值：", "Extracted value: ")));
            }
            if !cell.notes.is_empty() {
                ui.weak(super::note_text::notes(&cell.notes, lang));
            }
        }
        let Some(mark) = self.mark else { return };
        for &i in &mark.checks {
            if let Some(check) = self.checks.results.get(i) {
                super::check_text::summary(ui, check, lang);
            }
        }
        if let Some(s) = mark.suggestion(self.checks) {
            let pal = Palette::of(ui.visuals());
            ui.colored_label(
                pal.inferred,
                format!(
                    "{} {}{} — {}",
                    style::SUGGESTED,
                    lang.t("建议值 ", "Suggested value "),
                    s.value,
                    super::check_text::suggestion_reason(s, self.lang)
                ),
            );
        }
    }
}

fn dashed_box(painter: &egui::Painter, r: Rect, stroke: Stroke) {
    let pts = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ];
    painter.extend(Shape::dashed_line(&pts, stroke, 4.0, 3.0));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Value;

    fn cell(state: CellState, raw: &str, value: Option<u64>) -> Cell {
        Cell {
            value: value.map(Value::Count),
            raw: raw.into(),
            state,
            ..Cell::default()
        }
    }

    #[test]
    fn blank_slash_zero_and_missing_look_different() {
        let shown: Vec<String> = [
            cell(CellState::Blank, "", None),
            cell(CellState::NotApplicable, "/", None),
            cell(CellState::Extracted, "0", Some(0)),
            cell(CellState::Missing, "", None),
            cell(CellState::Inferred, "", Some(0)),
        ]
        .iter()
        .map(|c| display_text(Some(c), Lang::Zh))
        .collect();
        for (i, a) in shown.iter().enumerate() {
            for b in &shown[i + 1..] {
                assert_ne!(a, b, "{shown:?}");
            }
        }
        assert_eq!(
            display_text(Some(&cell(CellState::Invalid, "l2", None)), Lang::En),
            "l2"
        );
    }
}
