//! The three tables as grids (egui_extras `TableBuilder`, one `id_salt` per
//! table), with the template's labels and group headings.

use egui::{Label, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::action::Action;
use super::cell::CellView;
use super::document::Document;
use super::effect::Scroll;
use super::extraction_panel;
use super::i18n::Lang;
use super::marks::Marks;
use super::style::Palette;
use crate::template::{CellId, ColDef, RowDef, TableId};

const ROW_H: f32 = 24.0;
/// The row-label column's width: what the value columns leave of the
/// panel, within these bounds (long labels are clipped, the tooltip and the
/// inspector show them whole).
const LABEL_W: std::ops::RangeInclusive<f32> = 120.0..=320.0;
const VALUE_W: f32 = 56.0;
/// Table A's value columns: three at most, holding counts in the millions
/// (行政处罚 decisions) and the fee with its decimals.
const WIDE_VALUE_W: f32 = 92.0;

/// What every cell of the grid reads.
#[derive(Clone, Copy)]
struct GridCtx<'a> {
    doc: &'a Document,
    marks: &'a Marks,
    lang: Lang,
    check_cells: &'a [CellId],
    /// Where the selected cell was drawn, to scroll the grid to it (the
    /// tables' own scroll areas would swallow a `scroll_to_me`).
    selected_rect: &'a std::cell::Cell<Option<egui::Rect>>,
    /// The row-label column's width, the same in every table.
    label_w: f32,
}

/// A line of a displayed table.
enum Line {
    /// A group heading; for table A also the block's column labels.
    Group {
        depth: usize,
        label: &'static str,
        cols: Option<&'static [ColDef]>,
    },
    /// A row of cells.
    Row(usize),
}

/// The lines of a table: each row, preceded by its group headings where they change.
fn lines(table: TableId) -> Vec<Line> {
    let mut out = Vec::new();
    let mut open: &[&str] = &[];
    for (i, row) in table.rows().iter().enumerate() {
        let shared = open
            .iter()
            .zip(row.groups)
            .take_while(|(a, b)| a == b)
            .count();
        for (depth, label) in row.groups.iter().enumerate().skip(shared) {
            let cols = (table == TableId::Active).then_some(row.cols);
            out.push(Line::Group { depth, label, cols });
        }
        open = row.groups;
        out.push(Line::Row(i));
    }
    out
}

/// Draws the three tables, scrolling together.
/// `scroll.grid` brings the selected cell into view.
pub fn show(
    ui: &mut Ui,
    doc: &Document,
    marks: &Marks,
    lang: Lang,
    scroll: Scroll,
    out: &mut Vec<Action>,
) {
    let review = &doc.review;
    let check_cells: Vec<CellId> = doc
        .view
        .selected_check
        .and_then(|id| review.checks().get(id))
        .map(|r| r.cells().collect())
        .unwrap_or_default();
    let selected_rect = std::cell::Cell::new(None);
    // Table B's columns (the widest table) fit beside the labels without a
    // sideways scroll wherever the panel leaves room for them.
    let widest = header_cols(doc, TableId::Requests).len() as f32;
    let spacing = ui.spacing().item_spacing.x;
    let scrollbar = ui.spacing().scroll.bar_width + 8.0;
    let label_w = (ui.available_width() - widest * (VALUE_W + spacing) - spacing - scrollbar)
        .clamp(*LABEL_W.start(), *LABEL_W.end());
    let cx = GridCtx {
        label_w,
        doc,
        marks,
        lang,
        check_cells: &check_cells,
        selected_rect: &selected_rect,
    };
    egui::ScrollArea::both()
        .id_salt("grid-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if let Some(note) = extraction_panel::template_note(doc.review.report(), lang) {
                ui.colored_label(ui.visuals().warn_fg_color, format!("⚠ {note}"));
            }
            for table in TableId::ALL {
                ui.add_space(6.0);
                ui.heading(extraction_panel::table_name(table, lang));
                if doc.review.report().by_order.contains(&table) {
                    ui.colored_label(
                        Palette::of(ui.visuals()).incomplete,
                        format!("⚠ {}", extraction_panel::by_order_note(lang)),
                    );
                }
                if doc.review.report().unreadable.contains(&table) {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        lang.t(
                            "⚠ 未能从原文读取此表。",
                            "⚠ This table could not be read from the text.",
                        ),
                    );
                }
                table_ui(ui, &cx, table, out);
            }
            if let Some(rect) = selected_rect.get().filter(|_| scroll.grid) {
                ui.scroll_to_rect(rect, None);
            }
        });
}

fn header_cols(doc: &Document, table: TableId) -> &'static [ColDef] {
    let layout = doc.review.report().layout;
    match table {
        TableId::Active => &[],
        _ => layout.cols(table, 0),
    }
}

fn table_ui(ui: &mut Ui, cx: &GridCtx<'_>, table: TableId, out: &mut Vec<Action>) {
    let GridCtx { doc, lang, .. } = *cx;
    let ncols = match table {
        TableId::Active => 3,
        _ => header_cols(doc, table).len(),
    };
    let lines = lines(table);
    let builder = TableBuilder::new(ui)
        .id_salt(table.id())
        .striped(true)
        .vscroll(false)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(cx.label_w).clip(true))
        .columns(
            Column::exact(if table == TableId::Active {
                WIDE_VALUE_W
            } else {
                VALUE_W
            }),
            ncols,
        );
    let builder = builder.header(
        if table == TableId::Active { 4.0 } else { 40.0 },
        |mut h| {
            h.col(|_| {});
            for c in header_cols(doc, table) {
                h.col(|ui| {
                    col_label(ui, c, lang);
                });
            }
            for _ in header_cols(doc, table).len()..ncols {
                h.col(|_| {});
            }
        },
    );
    builder.body(|mut body| {
        for line in &lines {
            match *line {
                Line::Group { depth, label, cols } => {
                    body.row(if cols.is_some() { 36.0 } else { ROW_H }, |mut row| {
                        row.col(|ui| {
                            ui.add_space(depth as f32 * 12.0);
                            ui.add(Label::new(RichText::new(label).strong()).truncate());
                        });
                        let cols = cols.unwrap_or(&[]);
                        for c in cols {
                            row.col(|ui| col_label(ui, c, lang));
                        }
                        for _ in cols.len()..ncols {
                            row.col(|_| {});
                        }
                    });
                }
                Line::Row(r) => body.row(ROW_H, |mut row| {
                    let def = &table.rows()[r];
                    row.col(|ui| row_label(ui, def, lang));
                    let cols = doc.review.report().layout.cols(table, r);
                    for c in cols {
                        let id = CellId {
                            table,
                            row: r as u8,
                            col: c.id,
                        };
                        row.col(|ui| cell_ui(ui, cx, id, out));
                    }
                    for _ in cols.len()..ncols {
                        row.col(|_| {});
                    }
                }),
            }
        }
    });
}

fn col_label(ui: &mut Ui, c: &ColDef, lang: Lang) {
    let text = match lang {
        Lang::Zh => c.label,
        Lang::En => c.label_en,
    };
    ui.add(Label::new(RichText::new(text).small().strong()).wrap())
        .on_hover_text(format!("{} / {}", c.label, c.label_en));
}

fn row_label(ui: &mut Ui, def: &RowDef, lang: Lang) {
    let depth = def.groups.len();
    ui.add_space(depth as f32 * 12.0);
    let text = match lang {
        Lang::Zh => def.label,
        Lang::En => def.label_en,
    };
    ui.add(Label::new(text).truncate())
        .on_hover_text(format!("{}\n{}", def.label, def.label_en));
}

fn cell_ui(ui: &mut Ui, cx: &GridCtx<'_>, id: CellId, out: &mut Vec<Action>) {
    let GridCtx {
        doc,
        marks,
        lang,
        check_cells,
        selected_rect,
        ..
    } = *cx;
    let review = &doc.review;
    let view = &doc.view;
    let selected = view.selected == Some(id);
    let in_check = check_cells.contains(&id);
    let cv = CellView {
        id,
        cell: review.report().cell(id),
        mark: marks.get(id),
        checks: review.checks(),
        selected,
        in_check,
        editing: view.editing.as_deref().filter(|_| selected),
        edited: review.is_edited(id),
        lang,
    };
    let response = cv.show(ui, out);
    if selected {
        selected_rect.set(Some(response.rect));
    }
    response.on_hover_ui(|ui| cv.details(ui, review.extracted().cell(id)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::ACTIVE_BLOCKS;

    #[test]
    fn group_headings_appear_once_where_they_change() {
        let heads: Vec<&str> = lines(TableId::Requests)
            .iter()
            .filter_map(|l| match l {
                Line::Group { label, .. } => Some(*label),
                Line::Row(_) => None,
            })
            .collect();
        assert_eq!(
            heads,
            [
                "三、本年度办理结果",
                "（三）不予公开",
                "（四）无法提供",
                "（五）不予处理",
                "（六）其他处理"
            ]
        );
        let rows = lines(TableId::Requests)
            .iter()
            .filter(|l| matches!(l, Line::Row(_)))
            .count();
        assert_eq!(rows, 25);
        let a_groups = lines(TableId::Active)
            .iter()
            .filter(|l| matches!(l, Line::Group { .. }))
            .count();
        assert_eq!(a_groups, ACTIVE_BLOCKS.len());
    }
}
