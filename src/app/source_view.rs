//! The original text, read-only, with line numbers. Only the visible lines
//! are laid out, so a 5 MB text scrolls as smoothly as a short one. The
//! selected cell's text is highlighted (and those of the selected check);
//! clicking a number selects its cell.

use std::ops::Range;

use egui::text::{LayoutJob, TextFormat};
use egui::{Align2, Color32, CursorIcon, FontId, Sense, Stroke, Ui};

use super::action::Action;
use super::document::Document;
use super::effect::Scroll;
use super::i18n::Lang;
use super::style::Palette;
use crate::report::Span;

const FONT_SIZE: f32 = 13.0;
const ROW_H: f32 = 19.0;

/// Background highlights and underlined (clickable) spans, as byte ranges.
struct Marks {
    strong: Vec<Span>,
    weak: Vec<Span>,
    cells: Vec<Span>,
}

fn marks(doc: &Document) -> Marks {
    let review = &doc.review;
    let report = review.report();
    let span_of = |id| report.cell(id).and_then(|c| c.span);
    let strong = doc.view.selected.and_then(span_of).into_iter().collect();
    let mut weak = Vec::new();
    if let Some(check) = doc
        .view
        .selected_check
        .and_then(|id| review.checks().get(id))
    {
        weak.extend(check.cells().filter_map(span_of));
        weak.extend(check.span);
    }
    let mut cells: Vec<Span> = report.cells.values().filter_map(|c| c.span).collect();
    cells.sort();
    Marks {
        strong,
        weak,
        cells,
    }
}

/// Draws the source text.
/// `scroll.source_to` scrolls the text to that byte offset.
pub fn show(ui: &mut Ui, doc: &Document, lang: Lang, scroll: Scroll, out: &mut Vec<Action>) {
    let src = doc.review.source();
    ui.horizontal(|ui| {
        ui.strong(lang.t("原文", "Original text"));
        ui.weak(format!(
            "{} · {} · {} {}",
            src.file_name,
            src.encoding,
            doc.lines.count(),
            lang.t("行", "lines")
        ));
    });
    ui.separator();
    let marks = marks(doc);
    let text = &src.text;
    let gutter = 8.0 + 7.5 * (doc.lines.count().to_string().len() as f32);
    let width = gutter + 12.0 + doc.lines.widest() as f32 * FONT_SIZE;
    let mut area = egui::ScrollArea::both()
        .id_salt("source-text")
        .auto_shrink([false, false]);
    let target = scroll.source_to;
    if let Some(line) = target.map(|o| doc.lines.line_of(o)) {
        let offset = line as f32 * ROW_H - ui.available_height() / 3.0;
        area = area.vertical_scroll_offset(offset.max(0.0));
    }
    let cx = Lines {
        doc,
        text,
        gutter,
        marks: &marks,
        target,
    };
    area.show_rows(ui, ROW_H, doc.lines.count(), |ui, rows| {
        ui.set_min_width(width);
        for i in rows {
            line_ui(ui, &cx, i, out);
        }
    });
}

/// What every visible line reads.
struct Lines<'a> {
    doc: &'a Document,
    text: &'a str,
    gutter: f32,
    marks: &'a Marks,
    /// The byte offset to bring into view this frame.
    target: Option<usize>,
}

fn line_ui(ui: &mut Ui, cx: &Lines<'_>, i: usize, out: &mut Vec<Action>) {
    let Lines {
        doc,
        text,
        gutter,
        marks,
        target,
    } = *cx;
    let range = doc.lines.range(i);
    let line = text.get(range.clone()).unwrap_or("");
    let width = ui.available_width().max(gutter);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, ROW_H), Sense::CLICK);
    if !ui.is_rect_visible(rect) {
        return;
    }
    let v = ui.visuals();
    let painter = ui.painter();
    let job = layout(line, range.start, marks, v);
    let galley = painter.layout_job(job);
    let origin = rect.left_top() + egui::vec2(gutter + 6.0, (ROW_H - galley.size().y) / 2.0);
    painter.galley(origin, galley.clone(), v.text_color());
    // The line numbers stay at the visible left edge when scrolled sideways.
    let left = rect.left().max(ui.clip_rect().left());
    let gutter_rect =
        egui::Rect::from_min_size(egui::pos2(left, rect.top()), egui::vec2(gutter, ROW_H));
    painter.rect_filled(gutter_rect, 0.0, v.panel_fill);
    painter.text(
        gutter_rect.right_center() - egui::vec2(6.0, 0.0),
        Align2::RIGHT_CENTER,
        (i + 1).to_string(),
        FontId::monospace(11.0),
        v.weak_text_color(),
    );
    // Bring the target into view sideways too (wide `pdftotext -layout` lines).
    if let Some(offset) = target.filter(|o| range.contains(o) || *o == range.end) {
        let chars = line[..offset - range.start].chars().count();
        let at = galley.pos_from_cursor(egui::text::CCursor::new(chars));
        let rect = at
            .translate(origin.to_vec2())
            .expand2(egui::vec2(80.0 + gutter, 0.0));
        ui.scroll_to_rect(rect, None);
    }

    let hovered_offset = response.hover_pos().map(|p| {
        let idx = galley.cursor_from_pos(p - origin).index.0;
        range.start + line.char_indices().nth(idx).map_or(line.len(), |(b, _)| b)
    });
    let over_cell = hovered_offset.is_some_and(|o| marks.cells.iter().any(|s| s.contains(o)));
    if over_cell {
        ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
    }
    if response.clicked()
        && let Some(offset) = hovered_offset
    {
        out.push(Action::ClickSource(offset));
    }
}

/// The line as a layout job: highlighted spans get a background, cell
/// numbers an underline. Control characters are drawn as spaces (same byte
/// length, so offsets still map).
fn layout(line: &str, start: usize, marks: &Marks, v: &egui::Visuals) -> LayoutJob {
    let pal = Palette::of(v);
    let end = start + line.len();
    let mut cuts = vec![0, line.len()];
    let local = |s: &Span| -> Option<Range<usize>> {
        (s.start < end && s.end > start).then(|| s.start.max(start) - start..s.end.min(end) - start)
    };
    let all = marks.strong.iter().chain(&marks.weak).chain(&marks.cells);
    for r in all.filter_map(local) {
        cuts.extend([r.start, r.end]);
    }
    cuts.retain(|&c| line.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = LayoutJob::default();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let inside = |spans: &[Span]| {
            spans
                .iter()
                .filter_map(local)
                .any(|r| r.start <= a && b <= r.end)
        };
        let background = if inside(&marks.strong) {
            pal.source_hl
        } else if inside(&marks.weak) {
            pal.source_check_hl
        } else {
            Color32::TRANSPARENT
        };
        let underline = if inside(&marks.cells) {
            Stroke::new(1.0, v.weak_text_color())
        } else {
            Stroke::NONE
        };
        let piece: String = line[a..b]
            .chars()
            .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
            .collect();
        job.append(
            &piece,
            0.0,
            TextFormat {
                font_id: FontId::monospace(FONT_SIZE),
                color: v.text_color(),
                background,
                underline,
                ..TextFormat::default()
            },
        );
    }
    job
}
