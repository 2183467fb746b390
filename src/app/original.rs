//! The original page beside the grids: a PDF's pages as the issuer
//! published them, the selected cell's box drawn on its page, a click on a
//! number selecting its cell. The pages are rendered by the core
//! ([`crate::pdf::render_page`]) once, when the tab is first shown.

use std::path::{Path, PathBuf};

use egui::{Color32, CursorIcon, Sense, Stroke, TextureHandle, TextureOptions, Ui};

use super::action::Action;
use super::document::Document;
use super::effect::Scroll;
use super::i18n::Lang;
use super::style::Palette;
use crate::pdf::{PdfText, render_page};
use crate::review::Review;
use crate::source::SourceKind;

/// Pixels per point the pages are rendered at (144 dpi: sharp at 200%).
const RENDER_SCALE: f32 = 2.0;

/// A PDF's pages and where its text stood on them.
pub struct Original {
    /// The file's bytes (the renderer reads them again for each page).
    bytes: Vec<u8>,
    /// The text layer read again, with each character's box.
    layout: PdfText,
    /// Whether the layout is the text the review holds (its spans index the
    /// same characters); a review read by an older reader may differ.
    aligned: bool,
    /// Each page, rendered once it is first shown.
    pages: Vec<Option<TextureHandle>>,
    /// Why a page could not be rendered, if one could not.
    failed: Option<crate::pdf::PdfError>,
}

impl std::fmt::Debug for Original {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Original")
            .field("pages", &self.layout.pages.len())
            .field("aligned", &self.aligned)
            .finish()
    }
}

/// Where the original of a PDF review stands.
#[derive(Debug)]
pub enum OriginalState {
    /// Found (and its sha256 is the one the review records).
    Found(Original),
    /// Not found: the places looked at.
    NotFound(Vec<PathBuf>),
}

impl OriginalState {
    /// The original of a review read from a PDF: the file it was opened
    /// from, or the PDF beside a saved review (the name it was read from, or
    /// the review's own name with `.pdf`) whose sha256 is the recorded one.
    /// None when the review did not come from a PDF.
    pub fn find(review: &Review, opened_from: Option<&Path>) -> Option<OriginalState> {
        let src = review.source();
        if src.kind != SourceKind::Pdf {
            return None;
        }
        let mut candidates: Vec<PathBuf> = Vec::new();
        if let Some(from) = opened_from {
            if crate::open::is_review_file(from) {
                let dir = from.parent().unwrap_or(Path::new(""));
                candidates.push(dir.join(&src.file_name));
                let name = crate::open::file_name(from);
                let stem = name
                    .strip_suffix(".review.json")
                    .or_else(|| name.strip_suffix(".json"))
                    .unwrap_or(&name);
                candidates.push(dir.join(format!("{stem}.pdf")));
            } else {
                candidates.push(from.to_path_buf());
            }
        }
        candidates.dedup();
        for path in &candidates {
            let Ok(bytes) = std::fs::read(path) else {
                continue;
            };
            let sha = crate::source::sha256_hex(&bytes);
            if src.original_sha256.as_ref().is_some_and(|s| *s != sha) {
                continue;
            }
            let Ok(layout) = crate::pdf::read_pdf(&bytes) else {
                continue;
            };
            let aligned = layout.text == src.text;
            let pages = vec![None; layout.pages.len()];
            return Some(OriginalState::Found(Original {
                bytes,
                layout,
                aligned,
                pages,
                failed: None,
            }));
        }
        Some(OriginalState::NotFound(candidates))
    }

    /// The boxes of a span of the review's text on the pages: (page, rect
    /// in points); none when the original's text is not the review's.
    pub fn boxes(&self, span: crate::report::Span) -> Vec<(usize, [f32; 4])> {
        match self {
            OriginalState::Found(o) if o.aligned => o.layout.boxes(span.start..span.end),
            _ => Vec::new(),
        }
    }

    /// Each page's size in points.
    pub fn page_sizes(&self) -> Vec<(f32, f32)> {
        match self {
            OriginalState::Found(o) => o.layout.pages.iter().map(|p| (p.width, p.height)).collect(),
            OriginalState::NotFound(_) => Vec::new(),
        }
    }

    /// Renders the pages not rendered yet (once; the tab is being shown).
    pub fn prepare(&mut self, ctx: &egui::Context) {
        let OriginalState::Found(o) = self else {
            return;
        };
        for i in 0..o.pages.len() {
            if o.pages[i].is_some() || o.failed.is_some() {
                continue;
            }
            match render_page(&o.bytes, i, RENDER_SCALE) {
                Ok(r) => {
                    let image = egui::ColorImage::from_rgba_unmultiplied(
                        [r.width as usize, r.height as usize],
                        &r.rgba,
                    );
                    o.pages[i] = Some(ctx.load_texture(
                        format!("original-page-{i}"),
                        image,
                        TextureOptions::LINEAR,
                    ));
                }
                Err(e) => o.failed = Some(e),
            }
        }
    }
}

/// Draws the pages: zoom controls, every page at the zoom, the selected
/// cell's box on its page.
/// `scroll` brings the selected cell's box into view.
pub fn show(ui: &mut Ui, doc: &Document, lang: Lang, scroll: Scroll, out: &mut Vec<Action>) {
    let Some(state) = &doc.original else {
        return;
    };
    let o = match state {
        OriginalState::Found(o) => o,
        OriginalState::NotFound(looked) => {
            ui.label(lang.t(
                "找不到原件（与审阅文件同名、sha256 相同的 PDF）。查找过：",
                "The original (a PDF of the same name and sha256 beside the review) was not found. Looked at:",
            ));
            for p in looked {
                ui.weak(p.display().to_string());
            }
            return;
        }
    };
    if let Some(why) = &o.failed {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!(
                "{}{}",
                lang.t("页面无法显示：", "The page cannot be shown: "),
                crate::i18n::errors::pdf(why, lang)
            ),
        );
    }
    if !o.aligned {
        ui.weak(lang.t(
            "原件的文字与审阅中保存的文字不同（用旧版本读取）：页面上不标出单元格。",
            "The original's text differs from the text the review saved (read by an older version): cells are not marked on the page.",
        ));
    }
    let zoom_now = doc.view.page_zoom;
    // Zooming steps from what is shown: the fit-width zoom of the widest page.
    let widest = o
        .layout
        .pages
        .iter()
        .map(|p| p.width)
        .fold(1.0f32, f32::max);
    let fit = (ui.available_width() - 8.0).max(100.0) / widest;
    let base = zoom_now.unwrap_or(fit);
    ui.horizontal(|ui| {
        if ui
            .small_button("−")
            .on_hover_text(lang.t("缩小", "Zoom out"))
            .clicked()
        {
            out.push(Action::ZoomPage(Some(base / 1.25)));
        }
        if ui
            .small_button("+")
            .on_hover_text(lang.t("放大", "Zoom in"))
            .clicked()
        {
            out.push(Action::ZoomPage(Some(base * 1.25)));
        }
        if ui
            .selectable_label(zoom_now.is_none(), lang.t("适合宽度", "Fit width"))
            .clicked()
        {
            out.push(Action::ZoomPage(None));
        }
    });
    let pal = Palette::of(ui.visuals());
    let selected = doc
        .view
        .selected
        .and_then(|id| doc.review.report().cell(id))
        .and_then(|c| c.span)
        .filter(|_| o.aligned);
    let boxes = selected.map_or_else(Vec::new, |s| state.boxes(s));
    let scroll_to = scroll.source_to.is_some() || scroll.grid;
    egui::ScrollArea::both()
        .id_salt("original-pages")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let width = ui.available_width();
            for (i, page) in o.layout.pages.iter().enumerate() {
                ui.weak(match lang {
                    Lang::Zh => format!("第 {} 页", i + 1),
                    Lang::En => format!("Page {}", i + 1),
                });
                let zoom = zoom_now.unwrap_or((width - 8.0).max(100.0) / page.width.max(1.0));
                let size = egui::vec2(page.width * zoom, page.height * zoom);
                let Some(tex) = &o.pages[i] else {
                    ui.allocate_exact_size(size, Sense::hover());
                    continue;
                };
                let response = ui.add(
                    egui::Image::new((tex.id(), size))
                        .sense(Sense::click())
                        .alt_text(match lang {
                            Lang::Zh => format!("原件第 {} 页", i + 1),
                            Lang::En => format!("Original page {}", i + 1),
                        }),
                );
                let to_screen = |r: [f32; 4]| {
                    egui::Rect::from_min_max(
                        response.rect.min + egui::vec2(r[0], r[1]) * zoom,
                        response.rect.min + egui::vec2(r[2], r[3]) * zoom,
                    )
                    .expand(2.0)
                };
                for (_, r) in boxes.iter().filter(|(p, _)| *p == i) {
                    let rect = to_screen(*r);
                    ui.painter()
                        .rect_filled(rect, 2.0, pal.source_hl.gamma_multiply(0.5));
                    ui.painter().rect_stroke(
                        rect,
                        2.0,
                        Stroke::new(2.0, Color32::from_rgb(220, 60, 40)),
                        egui::StrokeKind::Outside,
                    );
                    if scroll_to {
                        ui.scroll_to_rect(rect.expand(60.0), Some(egui::Align::Center));
                    }
                }
                let offset = response.hover_pos().and_then(|p| {
                    let at = (p - response.rect.min) / zoom;
                    o.layout.at_point(i, at.x, at.y)
                });
                let on_cell = offset
                    .filter(|_| o.aligned)
                    .is_some_and(|off| doc.review.report().cell_at(off).is_some());
                if on_cell {
                    ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
                }
                if response.clicked()
                    && on_cell
                    && let Some(off) = offset
                {
                    out.push(Action::ClickSource(off));
                }
                ui.add_space(8.0);
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_review_finds_its_pdf_beside_it_or_says_where_it_looked() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("report.pdf");
        std::fs::copy(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/fixtures/pdf/hongzequ-2024.pdf"
            ),
            &pdf,
        )
        .unwrap();
        let mut review = crate::open::open(&pdf).unwrap();
        assert!(matches!(
            OriginalState::find(&review, Some(&pdf)),
            Some(OriginalState::Found(_))
        ));
        let saved = dir.path().join("report.review.json");
        review.save(&saved).unwrap();
        let again = crate::open::open(&saved).unwrap();
        match OriginalState::find(&again, Some(&saved)) {
            Some(OriginalState::Found(o)) => assert!(o.aligned),
            other => panic!("{other:?}"),
        }
        // Another file under the same name: not the original.
        std::fs::write(&pdf, b"%PDF-1.4 something else").unwrap();
        match OriginalState::find(&again, Some(&saved)) {
            Some(OriginalState::NotFound(looked)) => assert!(looked.contains(&pdf)),
            other => panic!("{other:?}"),
        }
        // A text report has no original pages.
        let txt = dir.path().join("r.txt");
        std::fs::write(&txt, "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1").unwrap();
        let text_review = crate::open::open(&txt).unwrap();
        assert!(OriginalState::find(&text_review, Some(&txt)).is_none());
    }
}
