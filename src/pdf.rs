//! The text layer of a PDF, laid out as space-aligned lines (like
//! `pdftotext -layout`), read with the pure-Rust interpreter `hayro-interpret`.
//!
//! Every glyph the page draws arrives at a [`Device`] with its Unicode text
//! (from the font's `ToUnicode` map) and its transform; from the transform we
//! take the origin (x, baseline y, in points, y down from the page's top) and
//! the font size. Producers such as WPS place every glyph by itself and draw
//! bold text twice (fill, then stroke), so the layout is rebuilt from the
//! geometry alone:
//! - exact duplicates (same text, same place within 0.1 pt) are dropped;
//! - glyphs are grouped into lines by baseline (within 0.3 × font size) and
//!   sorted by x;
//! - glyphs closer than 0.3 em are one word ("7730.28" stays one token); a
//!   gap under 1 em is one space (running text); a wider gap places the next
//!   word at the character column its x maps to, with at least one space
//!   before it. The column width is one for the page, so that table columns
//!   align across lines: the 20th percentile of the glyphs' advance per
//!   column (a CJK character counts two columns, others one), narrow enough
//!   that a word's text seldom runs past the room its glyphs take.
//!
//! Vertical writing (Identity-V) comes out one character per line.
//!
//! Every character written from a glyph keeps its box on the page
//! ([`PdfText::glyphs`]), so that a span of the text can be shown on the
//! page ([`PdfText::boxes`]) and a click on the page found in the text
//! ([`PdfText::at_point`]). [`render_page`] draws a page with the `hayro`
//! rasterizer, for a person to compare the text with the original.
//!
//! Never panics on bad input: the page count and the glyphs per page are
//! bounded, and a panic inside the interpreter is caught and reported as
//! [`PdfError::Broken`]. (A content stream that makes the interpreter loop
//! cannot be interrupted from here; hayro bounds its own nesting.)

use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use hayro_interpret::font::{FallbackFontQuery, FontData, FontQuery, Glyph as FontGlyph, GlyphRun};
use hayro_interpret::hayro_cmap::CidFamily;
use hayro_interpret::hayro_cmap::{BfString, WritingMode};
use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect};
use hayro_interpret::util::TransformExt;
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, SoftMask, interpret_page,
};

/// The most pages read; a longer document is refused ([`PdfError::TooManyPages`]).
pub const MAX_PAGES: usize = 500;
/// The most glyphs kept from one page (the rest are ignored).
const MAX_GLYPHS_PER_PAGE: usize = 200_000;
/// Fewer glyphs with Unicode text than this in the whole document: a scan.
const MIN_TEXT_GLYPHS: usize = 20;

/// The text layer of a PDF, page by page, as space-aligned lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfText {
    /// Every page's lines; pages are separated by a line holding only a form
    /// feed ('\x0c').
    pub text: String,
    /// The pages, in order.
    pub pages: Vec<PdfPage>,
    /// Where each character written from a glyph stood on its page, sorted
    /// by [`Glyph::at`] (the padding spaces and line breaks have none).
    pub glyphs: Vec<Glyph>,
}

/// Where one character of [`PdfText::text`] stood on its page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Its byte offset in `text`.
    pub at: usize,
    /// The page index (0-based).
    pub page: usize,
    /// Its box in points, origin at the page's top left, y down:
    /// `[x0, y0, x1, y1]`. x runs from the glyph's origin over its advance,
    /// y from 0.85 × the font size above the baseline to 0.15 × below it
    /// (about the em box).
    pub rect: [f32; 4],
}

impl PdfText {
    /// The boxes of the characters in `span` (byte range of `text`), one
    /// rectangle per page: their union. Pages in order; pages without a
    /// character of the span are left out.
    pub fn boxes(&self, span: Range<usize>) -> Vec<(usize, [f32; 4])> {
        let first = self.glyphs.partition_point(|g| g.at < span.start);
        let mut out: Vec<(usize, [f32; 4])> = Vec::new();
        for g in self.glyphs[first..].iter().take_while(|g| g.at < span.end) {
            match out.last_mut() {
                Some((page, r)) if *page == g.page => {
                    r[0] = r[0].min(g.rect[0]);
                    r[1] = r[1].min(g.rect[1]);
                    r[2] = r[2].max(g.rect[2]);
                    r[3] = r[3].max(g.rect[3]);
                }
                _ => out.push((g.page, g.rect)),
            }
        }
        out
    }

    /// The byte offset of the character whose box holds the point (page,
    /// x, y in points, y down from the top), if any. Where boxes overlap,
    /// the one whose centre is nearest.
    pub fn at_point(&self, page: usize, x: f32, y: f32) -> Option<usize> {
        let range = self.pages.get(page)?.range.clone();
        let first = self.glyphs.partition_point(|g| g.at < range.start);
        let last = self.glyphs.partition_point(|g| g.at < range.end);
        let distance = |r: &[f32; 4]| {
            let (cx, cy) = ((r[0] + r[2]) / 2.0, (r[1] + r[3]) / 2.0);
            (cx - x).powi(2) + (cy - y).powi(2)
        };
        self.glyphs[first..last]
            .iter()
            .filter(|g| {
                g.page == page
                    && (g.rect[0]..=g.rect[2]).contains(&x)
                    && (g.rect[1]..=g.rect[3]).contains(&y)
            })
            .min_by(|a, b| distance(&a.rect).total_cmp(&distance(&b.rect)))
            .map(|g| g.at)
    }
}

/// Where one page's text sits in `text`, and the page size in points.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfPage {
    /// The page's byte range in [`PdfText::text`] (without the separator).
    pub range: Range<usize>,
    /// The page width in points, as displayed (rotation applied).
    pub width: f32,
    /// The page height in points, as displayed (rotation applied).
    pub height: f32,
}

/// Why a PDF gave no text.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// Not a PDF, or one that cannot be parsed.
    #[error("not a readable PDF file (it is damaged or not a PDF)")]
    Broken,
    /// Encrypted with a password we do not have.
    #[error("the PDF is encrypted with a password")]
    Encrypted,
    /// Pages, but (almost) no text with Unicode: a scanned document.
    #[error("the PDF has no text layer (a scanned document?); it needs OCR")]
    NoText,
    /// More pages than [`MAX_PAGES`].
    #[error("the PDF has {0} pages, more than the {MAX_PAGES} read")]
    TooManyPages(usize),
    /// Reading took longer than [`read_pdf_within`] allows.
    #[error("reading the PDF took longer than {0} seconds: it is too complex or damaged")]
    TooSlow(u64),
}

/// Reads the text layer on a thread of its own and gives up after `secs`
/// seconds (a content stream that makes the interpreter loop must not hang
/// the window or the command line; the thread is left to end by itself).
pub fn read_pdf_within(bytes: &[u8], secs: u64) -> Result<PdfText, PdfError> {
    let (tx, rx) = std::sync::mpsc::channel();
    let owned = bytes.to_vec();
    let spawned = std::thread::Builder::new()
        .name("pdf".to_string())
        .spawn(move || {
            let _ = tx.send(read_pdf(&owned));
        });
    if spawned.is_err() {
        return read_pdf(bytes);
    }
    rx.recv_timeout(std::time::Duration::from_secs(secs))
        .unwrap_or(Err(PdfError::TooSlow(secs)))
}

/// Reads the text layer of a PDF: every page as space-aligned lines.
pub fn read_pdf(bytes: &[u8]) -> Result<PdfText, PdfError> {
    if bytes.is_empty() {
        return Err(PdfError::Broken);
    }
    match catch_unwind(AssertUnwindSafe(|| read_pdf_inner(bytes))) {
        Ok(r) => r,
        Err(_) => Err(PdfError::Broken),
    }
}

fn read_pdf_inner(bytes: &[u8]) -> Result<PdfText, PdfError> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(_) => PdfError::Encrypted,
        LoadPdfError::Invalid => PdfError::Broken,
    })?;
    let pages = pdf.pages();
    if pages.is_empty() {
        return Err(PdfError::Broken);
    }
    if pages.len() > MAX_PAGES {
        return Err(PdfError::TooManyPages(pages.len()));
    }
    let cache = InterpreterCache::new();
    let settings = InterpreterSettings::default();
    let mut out = PdfText::default();
    let (mut with_text, mut without_text) = (0usize, 0usize);
    for (i, page) in pages.iter().enumerate() {
        let (width, height) = page.render_dimensions();
        let transform = page.initial_transform(true).to_kurbo();
        let bbox = Rect::new(0.0, 0.0, width as f64, height as f64);
        let mut ctx = Context::new(transform, bbox, &cache, page.xref(), settings.clone());
        let mut device = TextDevice::default();
        interpret_page(page, &mut ctx, &mut device);
        with_text += device.glyphs.len();
        without_text += device.without_unicode;
        if i > 0 {
            out.text.push_str("\x0c\n");
        }
        let start = out.text.len();
        layout_page(device.glyphs, i, &mut out.text, &mut out.glyphs);
        out.pages.push(PdfPage {
            range: start..out.text.len(),
            width,
            height,
        });
    }
    if with_text < MIN_TEXT_GLYPHS || with_text * 4 < without_text {
        return Err(PdfError::NoText);
    }
    Ok(out)
}

/// The most pixels [`render_page`] draws; a larger page is drawn at a
/// smaller scale.
pub const MAX_RENDER_PIXELS: u64 = 40_000_000;

/// A rendered page: RGBA pixels, row by row.
#[derive(Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The width in pixels.
    pub width: u32,
    /// The height in pixels.
    pub height: u32,
    /// `width * height` pixels of 4 bytes (red, green, blue, alpha; opaque).
    pub rgba: Vec<u8>,
}

impl std::fmt::Debug for Rendered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Rendered({}×{})", self.width, self.height)
    }
}

/// The bundled CJK font (Noto Sans SC, subset): drawn for a CJK font a PDF
/// names but does not embed, and the window's own font.
pub static CJK_FALLBACK: &[u8] = include_bytes!("../assets/NotoSansSC-nianbao.otf");

/// Whether a font that is not embedded is Chinese, Japanese or Korean: a
/// CID font of a CJK character collection, or a font named like one.
fn wants_cjk(query: &FallbackFontQuery) -> bool {
    if let Some(cc) = &query.character_collection
        && matches!(
            cc.family,
            CidFamily::AdobeGB1
                | CidFamily::AdobeCNS1
                | CidFamily::AdobeJapan1
                | CidFamily::AdobeKorea1
        )
    {
        return true;
    }
    const NAMES: [&str; 14] = [
        "sim", "song", "hei", "kai", "fang", "yahei", "ming", "gb2312", "gbk", "gb18030", "fz",
        "dengxian", "stxihei", "mincho",
    ];
    [
        &query.post_script_name,
        &query.font_name,
        &query.font_family,
    ]
    .into_iter()
    .flatten()
    .any(|n| {
        let lower = n.to_ascii_lowercase();
        !n.is_ascii() || NAMES.iter().any(|k| lower.contains(k))
    })
}

/// The interpreter settings for drawing: hayro's embedded standard fonts,
/// and the bundled Noto Sans SC for CJK fonts that are not embedded.
fn render_settings() -> InterpreterSettings {
    let settings = InterpreterSettings::default();
    let standard = settings.font_resolver.clone();
    InterpreterSettings {
        font_resolver: Arc::new(move |query: &FontQuery| match query {
            FontQuery::Fallback(f) if wants_cjk(f) => {
                let data: FontData = Arc::new(CJK_FALLBACK);
                Some((data, 0))
            }
            _ => standard(query),
        }),
        ..settings
    }
}

/// Renders page `page` (0-based) at `scale` pixels per point (1.0 = 72 dpi),
/// white background.
///
/// The size is the page's displayed size (rotation applied) times `scale`,
/// rounded up; a page that would take more than [`MAX_RENDER_PIXELS`] (or
/// more than 65535 pixels a side) is drawn at the largest scale that fits,
/// so the scale actually used is `width / page width`. A page index out of
/// range, a scale that is not a positive number, and a panic inside the
/// renderer are all [`PdfError::Broken`].
pub fn render_page(bytes: &[u8], page: usize, scale: f32) -> Result<Rendered, PdfError> {
    if bytes.is_empty() || !(scale.is_finite() && scale > 0.0) {
        return Err(PdfError::Broken);
    }
    match catch_unwind(AssertUnwindSafe(|| render_page_inner(bytes, page, scale))) {
        Ok(r) => r,
        Err(_) => Err(PdfError::Broken),
    }
}

/// The pixel size of a `width` × `height` point page at `scale`, and the
/// scale, made smaller if needed to stay within [`MAX_RENDER_PIXELS`] and
/// 65535 pixels a side.
fn render_size(width: f32, height: f32, scale: f32) -> Option<(u16, u16, f64)> {
    let (w, h) = (width as f64, height as f64);
    if !(w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0) {
        return None;
    }
    let mut s = scale as f64;
    let most = MAX_RENDER_PIXELS as f64;
    if (w * s).ceil() * (h * s).ceil() > most {
        s = (most / (w * h)).sqrt();
    }
    s = s.min(f64::from(u16::MAX) / w).min(f64::from(u16::MAX) / h);
    // Rounding up must not take the size past the bounds.
    loop {
        let (pw, ph) = ((w * s).ceil().max(1.0), (h * s).ceil().max(1.0));
        if pw * ph <= most && pw <= f64::from(u16::MAX) && ph <= f64::from(u16::MAX) {
            return Some((pw as u16, ph as u16, s));
        }
        s *= 0.999;
    }
}

fn render_page_inner(bytes: &[u8], index: usize, scale: f32) -> Result<Rendered, PdfError> {
    use hayro::vello_cpu::color::palette::css::WHITE;
    use hayro::vello_cpu::peniko::ImageAlphaType;
    use hayro::vello_cpu::{Pixmap, RasterizerSettings, RenderContext, Resources, TargetInit};

    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(_) => PdfError::Encrypted,
        LoadPdfError::Invalid => PdfError::Broken,
    })?;
    let pages = pdf.pages();
    let page = pages.get(index).ok_or(PdfError::Broken)?;
    let (width, height) = page.render_dimensions();
    let (pw, ph, s) = render_size(width, height, scale).ok_or(PdfError::Broken)?;
    let cache = hayro::RenderCache::new();
    let mut ctx = RenderContext::new(pw, ph);
    let transform = Affine::scale(s) * page.initial_transform(true).to_kurbo();
    hayro::render_into(
        page,
        &cache,
        &render_settings(),
        &hayro::RenderSettings::default(),
        &mut ctx,
        transform,
    );
    ctx.flush();
    let mut pixmap = Pixmap::new(pw, ph);
    ctx.render_with(
        &mut pixmap,
        &mut Resources::default(),
        RasterizerSettings {
            target_init: TargetInit::Clear(WHITE),
            ..Default::default()
        },
    );
    // Over the opaque white background every pixel is opaque, but for
    // rounding (an alpha of 254 here and there): the premultiplied colour is
    // the colour, and the alpha is made 255.
    let mut rgba = pixmap.take_rgba8(ImageAlphaType::AlphaPremultiplied);
    for p in rgba.chunks_exact_mut(4) {
        p[3] = 255;
    }
    Ok(Rendered {
        width: u32::from(pw),
        height: u32::from(ph),
        rgba,
    })
}

/// One glyph as placed on the page: its text, origin and size in points
/// (y down from the top of the page).
#[derive(Debug, Clone)]
struct Placed {
    text: String,
    x: f32,
    y: f32,
    size: f32,
    /// The advance width in points (the font's width, or an estimate).
    advance: f32,
    /// A space glyph: a word break, not text.
    space: bool,
}

/// Receives the glyphs of one page; everything else is ignored.
#[derive(Default)]
struct TextDevice {
    glyphs: Vec<Placed>,
    without_unicode: usize,
    /// Exact positions seen (text, x and y in tenths of a point): the
    /// duplicates of fill + stroke bold are dropped.
    seen: std::collections::HashSet<(String, i32, i32)>,
}

impl TextDevice {
    fn add(&mut self, transform: Affine, glyph: &FontGlyph<'_>, vertical: bool) {
        if self.glyphs.len() >= MAX_GLYPHS_PER_PAGE {
            return;
        }
        let text = match glyph.as_unicode() {
            Some(BfString::Char(c)) => c.to_string(),
            Some(BfString::String(s)) => s,
            None => {
                self.without_unicode += 1;
                return;
            }
        };
        let text: String = text.chars().map(fold).filter(|c| !c.is_control()).collect();
        if text.is_empty() {
            return;
        }
        // The glyph transform maps a 1000-unit em to the page.
        let origin = transform * Point::ZERO;
        let up = transform * Point::new(0.0, 1000.0) - origin;
        let size = up.hypot() as f32;
        let (x, y) = (origin.x as f32, origin.y as f32);
        if !(x.is_finite() && y.is_finite() && size.is_finite()) || size < 0.5 {
            return;
        }
        let key = (
            text.clone(),
            (x * 10.0).round() as i32,
            (y * 10.0).round() as i32,
        );
        if !self.seen.insert(key) {
            return;
        }
        let space = text.chars().all(char::is_whitespace);
        let width_em = match glyph {
            FontGlyph::Outline(o) => o.advance_width().map(|w| w / 1000.0),
            FontGlyph::Type3(t) => t.advance_width().map(|w| w / 1000.0),
        }
        .filter(|w| w.is_finite() && *w > 0.05 && *w < 3.0 && !vertical)
        .unwrap_or_else(|| text.chars().map(|c| columns(c) as f32 * 0.5).sum());
        self.glyphs.push(Placed {
            text,
            x,
            y,
            size,
            advance: width_em * size,
            space,
        });
    }
}

impl<'a> Device<'a> for TextDevice {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        let vertical = run.writing_mode() == WritingMode::Vertical;
        for glyph in run.glyphs() {
            self.add(props.transform * glyph.transform(), glyph, vertical);
        }
    }
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

/// Compatibility forms some fonts map to (Kangxi radicals, CJK
/// compatibility ideographs, the non-breaking space) folded to the ordinary
/// character.
fn fold(c: char) -> char {
    match c {
        '\u{a0}' | '\u{3000}' => ' ',
        '\u{2f00}'..='\u{2fdf}' | '\u{f900}'..='\u{faff}' | '\u{2e80}'..='\u{2eff}' => {
            use unicode_normalization::UnicodeNormalization;
            let mut n = std::iter::once(c).nfkc();
            match (n.next(), n.next()) {
                (Some(f), None) => f,
                _ => c,
            }
        }
        _ => c,
    }
}

/// How many character columns `c` takes: two for CJK and full-width forms.
fn columns(c: char) -> usize {
    let u = c as u32;
    let wide = matches!(u,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD);
    if wide { 2 } else { 1 }
}

/// The fraction of an em under which two glyphs belong to one word.
const WORD_GAP_EM: f32 = 0.3;
/// Gaps under this many ems are spaces of running text (one space), wider
/// ones are placed at their column.
const RUNNING_GAP_EM: f32 = 1.0;
/// The fraction of the font size within which two baselines are one line.
const LINE_TOLERANCE: f32 = 0.3;

/// Lays out one page's glyphs (page `page`) as lines of text appended to
/// `out`, and the characters' boxes to `boxes`.
fn layout_page(mut glyphs: Vec<Placed>, page: usize, out: &mut String, boxes: &mut Vec<Glyph>) {
    if glyphs.is_empty() {
        return;
    }
    // The column width, one for the page so that columns align across
    // lines: narrow enough that no word's text (a CJK character two
    // columns, others one) is wider than the room its glyphs take.
    let cw = column_width(&glyphs);
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<Placed>> = Vec::new();
    let mut line_y = f32::NEG_INFINITY;
    let mut line_size = 0.0f32;
    for g in glyphs {
        if let Some(line) = lines.last_mut()
            && g.y - line_y <= LINE_TOLERANCE * line_size.max(g.size)
        {
            line.push(g);
            continue;
        }
        line_y = g.y;
        line_size = g.size;
        lines.push(vec![g]);
    }
    for mut line in lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        let start = out.len();
        write_line(&line, cw, page, out, boxes);
        let trimmed = out[start..].trim_end().len();
        out.truncate(start + trimmed);
        while boxes.last().is_some_and(|g| g.at >= out.len()) {
            boxes.pop();
        }
        if out.len() > start {
            out.push('\n');
        }
    }
}

fn column_width(glyphs: &[Placed]) -> f32 {
    let mut per_column: Vec<f32> = glyphs
        .iter()
        .filter(|g| !g.space)
        .map(|g| g.advance / g.text.chars().map(columns).sum::<usize>().max(1) as f32)
        .filter(|w| w.is_finite() && *w > 0.0)
        .collect();
    if per_column.is_empty() {
        return 5.0;
    }
    let k = per_column.len() / 5;
    let (_, w, _) = per_column.select_nth_unstable_by(k, f32::total_cmp);
    w.clamp(2.0, 20.0)
}

/// The top of a glyph's box above its baseline, in font sizes.
const ASCENT: f32 = 0.85;
/// The bottom of a glyph's box below its baseline, in font sizes.
const DESCENT: f32 = 0.15;

/// Writes one line's glyphs (sorted by x): words at the columns their x maps
/// to, at least one space apart; each character's box goes to `boxes`.
fn write_line(line: &[Placed], cw: f32, page: usize, out: &mut String, boxes: &mut Vec<Glyph>) {
    let mut col = 0usize;
    let mut prev_end: Option<f32> = None;
    let mut word_break = false;
    for g in line {
        if g.space {
            word_break = true;
            continue;
        }
        let gap = prev_end.map(|end| g.x - end);
        let new_word = match gap {
            None => true,
            Some(gap) => word_break || gap > WORD_GAP_EM * g.size,
        };
        if new_word {
            let target = (g.x / cw).round().max(0.0) as usize;
            let pad = match gap {
                None => target,
                // A space between words of running text is one space.
                Some(gap) if gap < RUNNING_GAP_EM * g.size => 1,
                Some(_) => target.saturating_sub(col).max(1),
            };
            // Bound the padding: a glyph far off the page adds no more
            // than a screen of spaces.
            let pad = pad.min(400);
            out.extend(std::iter::repeat_n(' ', pad));
            col += pad;
        }
        // A glyph with several characters (a ligature) is shared among
        // them by their columns.
        let cols = g.text.chars().map(columns).sum::<usize>().max(1) as f32;
        let (y0, y1) = (g.y - ASCENT * g.size, g.y + DESCENT * g.size);
        let mut x = g.x;
        for c in g.text.chars() {
            let w = g.advance * columns(c) as f32 / cols;
            boxes.push(Glyph {
                at: out.len(),
                page,
                rect: [x, y0, x + w, y1],
            });
            out.push(c);
            x += w;
        }
        col += cols as usize;
        prev_end = Some(prev_end.map_or(g.x + g.advance, |e: f32| e.max(g.x + g.advance)));
        word_break = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(name: &str) -> Option<Vec<u8>> {
        let p = format!("{}/fixtures/pdf/{name}.pdf", env!("CARGO_MANIFEST_DIR"));
        match std::fs::read(&p) {
            Ok(b) => Some(b),
            Err(e) => {
                println!("skipped: {p}: {e}");
                None
            }
        }
    }

    /// Compares every cell with the expected values; returns (right, wrong
    /// values, cells without a value where one was expected).
    fn compare(name: &str, text: &str) -> (usize, Vec<String>, Vec<String>) {
        use crate::report::Value;
        use crate::template::CellId;
        use serde_json::Value as Json;
        let p = format!(
            "{}/fixtures/expected/{name}.pdftotext-layout.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let expected: Json = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        let report = crate::extract::extract(text);
        let (mut right, mut wrong, mut absent) = (0, Vec::new(), Vec::new());
        for (key, want) in expected["cells"].as_object().unwrap() {
            let id = CellId::parse(key).unwrap_or_else(|| panic!("unknown id {key}"));
            let got = report.cell(id).and_then(|c| c.value.as_ref());
            match (want, got) {
                (Json::String(s), Some(v)) if s == "any" => {
                    if v.as_count() == Some(0) {
                        right += 1
                    } else {
                        wrong.push(format!("{key}: want any (0 or none), got {v}"))
                    }
                }
                (Json::String(s), None) if s == "any" => right += 1,
                (Json::Null, None) => right += 1,
                (Json::Null, Some(v)) => wrong.push(format!("{key}: want none, got {v}")),
                (Json::Number(n), Some(Value::Count(c))) if n.as_u64() == Some(*c) => right += 1,
                (Json::String(s), Some(Value::Decimal(d))) if s == d => right += 1,
                (want, Some(v)) => wrong.push(format!("{key}: want {want}, got {v}")),
                (want, None) => absent.push(format!("{key}: want {want}, got none")),
            }
        }
        (right, wrong, absent)
    }

    fn every_cell(name: &str) {
        let Some(bytes) = sample(name) else { return };
        let t0 = std::time::Instant::now();
        let pdf = read_pdf(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let elapsed = t0.elapsed();
        assert!(!pdf.pages.is_empty());
        for p in &pdf.pages {
            assert!(pdf.text.is_char_boundary(p.range.start) && p.range.end <= pdf.text.len());
            assert!(p.width > 0.0 && p.height > 0.0);
        }
        let (right, wrong, absent) = compare(name, &pdf.text);
        let total = right + wrong.len() + absent.len();
        println!(
            "{name}: {} pages read in {elapsed:?}; {right}/{total} cells right, {} wrong, {} missing",
            pdf.pages.len(),
            wrong.len(),
            absent.len()
        );
        for m in wrong.iter().chain(&absent) {
            println!("  {m}");
        }
        if std::env::var_os("NIANBAO_PDF_DUMP").is_some() {
            std::fs::write(
                std::env::temp_dir().join(format!("{name}.hayro.txt")),
                &pdf.text,
            )
            .unwrap();
        }
        assert!(
            wrong.is_empty(),
            "{name}: wrong values:\n{}",
            wrong.join("\n")
        );
        assert!(
            absent.is_empty(),
            "{name}: missing values:\n{}",
            absent.join("\n")
        );
    }

    #[test]
    fn hongzequ_2023_every_cell() {
        every_cell("hongzequ-2023");
    }

    #[test]
    fn hongzequ_2024_every_cell() {
        every_cell("hongzequ-2024");
    }

    #[test]
    fn huaian_2024_every_cell() {
        every_cell("huaian-2024");
    }

    #[test]
    fn not_a_pdf_is_broken() {
        assert!(matches!(
            read_pdf(b"hello, this is not a PDF"),
            Err(PdfError::Broken)
        ));
        assert!(read_pdf(b"").is_err());
        assert!(read_pdf(b"%PDF-1.7\n").is_err());
        assert!(
            read_pdf(
                b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"
            )
            .is_err()
        );
    }

    /// A one-page PDF with the given content stream (offsets computed, the
    /// font Helvetica as /F1).
    fn tiny_pdf(content: &str) -> Vec<u8> {
        tiny_pdf_with(
            content,
            &["<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"],
        )
    }

    /// A one-page PDF with the given content stream; `fonts[0]` is object 5,
    /// the font /F1, and the others follow as objects 6, 7, …
    fn tiny_pdf_with(content: &str, fonts: &[&str]) -> Vec<u8> {
        let mut objects = vec![
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
             /Resources << /Font << /F1 5 0 R >> >> >>"
                .to_string(),
            format!(
                "<< /Length {} >>\nstream\n{content}\nendstream",
                content.len() + 1
            ),
        ];
        objects.extend(fonts.iter().map(|f| f.to_string()));
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
        for o in offsets {
            out.extend(format!("{o:010} 00000 n \n").bytes());
        }
        out.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .bytes(),
        );
        out
    }

    #[test]
    fn a_page_without_text_is_a_scan() {
        let pdf = tiny_pdf("0 0 m 100 100 l S");
        assert!(matches!(read_pdf(&pdf), Err(PdfError::NoText)));
    }

    #[test]
    fn words_columns_and_bold_duplicates() {
        // The second line is drawn fill + stroke (bold, each glyph twice); its
        // number sits under the first line's number.
        let pdf = tiny_pdf(
            "BT /F1 12 Tf 72 700 Td (Licences issued) Tj 300 0 Td (7730.28) Tj ET\n\
             BT 2 Tr /F1 12 Tf 72 680 Td (Penalties) Tj 300 0 Td (42) Tj ET\n\
             BT 0 Tr /F1 12 Tf 72 660 Td (Fees) Tj ET",
        );
        let t = read_pdf(&pdf).unwrap();
        assert_eq!(t.pages.len(), 1);
        assert_eq!((t.pages[0].width, t.pages[0].height), (595.0, 842.0));
        let lines: Vec<&str> = t.text.lines().collect();
        assert_eq!(lines.len(), 3, "{:?}", t.text);
        assert_eq!(
            lines[0].split_whitespace().collect::<Vec<_>>(),
            ["Licences", "issued", "7730.28"]
        );
        assert_eq!(
            lines[1].split_whitespace().collect::<Vec<_>>(),
            ["Penalties", "42"]
        );
        assert_eq!(lines[2].trim(), "Fees");
        // The numbers start in the same column; "Licences issued" keeps one space.
        assert_eq!(lines[0].find("7730"), lines[1].find("42"));
        assert!(lines[0].contains("Licences issued"));
        assert_eq!(lines[0].find('L'), lines[1].find('P'));

        // One box per character written, none for the padding; sorted.
        let written = t.text.chars().filter(|c| !c.is_whitespace()).count();
        assert_eq!(t.glyphs.len(), written);
        assert!(t.glyphs.windows(2).all(|w| w[0].at < w[1].at));
        assert!(
            t.glyphs
                .iter()
                .all(|g| !t.text[g.at..].starts_with(char::is_whitespace))
        );
        // "7730.28" at x 372, baseline 842 - 700 = 142, 12 pt Helvetica
        // (digits 556, the point 278 units wide).
        let at = t.text.find("7730.28").unwrap();
        let boxes = t.boxes(at..at + 7);
        assert_eq!(boxes.len(), 1);
        let (page, [x0, y0, x1, y1]) = boxes[0];
        assert_eq!(page, 0);
        let want = [
            372.0,
            142.0 - 10.2,
            372.0 + (6.0 * 556.0 + 278.0) * 0.012,
            142.0 + 1.8,
        ];
        for (got, want) in [x0, y0, x1, y1].into_iter().zip(want) {
            assert!((got - want).abs() < 0.05, "{:?} != {want:?}", boxes[0]);
        }
        // The third character ('3') is the one at its middle.
        let g = t.glyphs.iter().find(|g| g.at == at + 2).unwrap();
        let (cx, cy) = ((g.rect[0] + g.rect[2]) / 2.0, (g.rect[1] + g.rect[3]) / 2.0);
        assert_eq!(t.at_point(0, cx, cy), Some(at + 2));
        assert_eq!(t.at_point(0, 10.0, 10.0), None);
        assert_eq!(t.at_point(1, cx, cy), None);
        assert!(t.boxes(0..0).is_empty());
        // A span of the whole text: one box, over every line.
        let all = t.boxes(0..t.text.len());
        assert_eq!(all.len(), 1);
        assert!(all[0].1[1] < 142.0 - 10.0 && all[0].1[3] > 182.0);
    }

    /// The byte span of `needle` in `text`.
    fn span(text: &str, needle: &str) -> Range<usize> {
        let at = text.find(needle).unwrap_or_else(|| panic!("no {needle:?}"));
        at..at + needle.len()
    }

    /// How many pixels are not white.
    fn inked(r: &Rendered) -> usize {
        r.rgba
            .chunks_exact(4)
            .filter(|p| p[..3] != [255, 255, 255])
            .count()
    }

    #[test]
    fn hongzequ_2023_boxes_of_a_number() {
        let Some(bytes) = sample("hongzequ-2023") else {
            return;
        };
        let pdf = read_pdf(&bytes).unwrap();
        let span = span(&pdf.text, "7730.28");
        let boxes = pdf.boxes(span.clone());
        assert_eq!(boxes.len(), 1, "{boxes:?}");
        let (page, [x0, y0, x1, y1]) = boxes[0];
        let p = &pdf.pages[page];
        assert!(p.range.contains(&span.start));
        assert!(0.0 <= x0 && x0 < x1 && x1 <= p.width, "{boxes:?}");
        assert!(0.0 <= y0 && y0 < y1 && y1 <= p.height, "{boxes:?}");
        // The box is one font size high; seven characters, mostly digits
        // half an em wide, make about 3.5 em.
        let size = y1 - y0;
        let ems = (x1 - x0) / size;
        println!(
            "\"7730.28\" on page {page}: {:?}, {size:.1} pt, {ems:.2} em wide",
            boxes[0].1
        );
        assert!((5.0..30.0).contains(&size), "{size}");
        assert!((2.5..5.0).contains(&ems), "{ems}");
        let at = pdf
            .at_point(page, (x0 + x1) / 2.0, (y0 + y1) / 2.0)
            .unwrap();
        assert!(span.contains(&at), "{at} not in {span:?}");
        // Every glyph lies on its page's text and is sorted.
        assert!(pdf.glyphs.windows(2).all(|w| w[0].at < w[1].at));
        for g in &pdf.glyphs {
            assert!(pdf.pages[g.page].range.contains(&g.at));
            assert!(pdf.text.is_char_boundary(g.at));
        }
    }

    #[test]
    fn hongzequ_2023_renders() {
        let Some(bytes) = sample("hongzequ-2023") else {
            return;
        };
        let first = render_page(&bytes, 0, 1.0).unwrap();
        assert!(
            first.width.abs_diff(595) <= 1 && first.height.abs_diff(842) <= 1,
            "{first:?}"
        );
        assert_eq!(first.rgba.len(), (first.width * first.height * 4) as usize);
        assert!(inked(&first) > 1000, "{} inked pixels", inked(&first));
        assert!(first.rgba.chunks_exact(4).all(|p| p[3] == 255));

        let t0 = std::time::Instant::now();
        let page = render_page(&bytes, 3, 100.0 / 72.0).unwrap();
        println!(
            "page 3 at 100 dpi: {page:?} in {:?}, {} inked pixels",
            t0.elapsed(),
            inked(&page)
        );
        assert!(
            page.width.abs_diff(827) <= 1 && page.height.abs_diff(1170) <= 1,
            "{page:?}"
        );
        assert!(inked(&page) > 1000);
        if std::env::var_os("NIANBAO_PDF_DUMP").is_some() {
            use hayro::vello_cpu::peniko::ImageAlphaType;
            use hayro::vello_cpu::{PixelMetadata, Pixmap};
            let pixmap = Pixmap::from_parts(
                page.rgba,
                page.width as u16,
                page.height as u16,
                PixelMetadata {
                    may_have_transparency: false,
                    alpha_type: ImageAlphaType::AlphaPremultiplied,
                },
            );
            let path = std::env::temp_dir().join("nianbao-page3.png");
            std::fs::write(&path, pixmap.into_png().unwrap()).unwrap();
            println!("wrote {}", path.display());
        }
    }

    #[test]
    fn render_refuses_what_it_cannot_draw() {
        assert!(matches!(render_page(b"", 0, 1.0), Err(PdfError::Broken)));
        assert!(matches!(
            render_page(b"not a PDF", 0, 1.0),
            Err(PdfError::Broken)
        ));
        let pdf = tiny_pdf("BT /F1 12 Tf 72 700 Td (Hello) Tj ET");
        assert!(matches!(render_page(&pdf, 1, 1.0), Err(PdfError::Broken)));
        for bad in [0.0, -1.0, f32::NAN, f32::INFINITY] {
            assert!(matches!(render_page(&pdf, 0, bad), Err(PdfError::Broken)));
        }
        let r = render_page(&pdf, 0, 1.0).unwrap();
        assert_eq!((r.width, r.height), (595, 842));
        assert!(inked(&r) > 20);
        // A huge scale is brought down to the pixel bound.
        let (w, h, s) = render_size(595.0, 842.0, 1000.0).unwrap();
        assert!(u64::from(w) * u64::from(h) <= MAX_RENDER_PIXELS, "{w}×{h}");
        assert!(
            u64::from(w) * u64::from(h) > MAX_RENDER_PIXELS * 99 / 100,
            "{w}×{h}"
        );
        assert!((f64::from(w) / 595.0 - s).abs() < 0.01);
        let (w, h, _) = render_size(100_000.0, 1.0, 1.0).unwrap();
        assert_eq!((w, h), (u16::MAX, 1));
        assert!(render_size(0.0, 842.0, 1.0).is_none());
        assert_eq!(
            render_size(595.0, 842.0, 1.0).map(|(w, h, _)| (w, h)),
            Some((595, 842))
        );
    }

    #[test]
    fn a_cjk_font_not_embedded_is_drawn_with_noto() {
        // 政府 in STSong-Light (Adobe-GB1, not embedded), as UCS-2 codes.
        let pdf = tiny_pdf_with(
            "BT /F1 48 Tf 72 700 Td <653F5E9C> Tj ET",
            &[
                "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light \
                 /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
                "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light \
                 /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> \
                 /FontDescriptor 7 0 R >>",
                "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 \
                 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 \
                 /CapHeight 700 /StemV 80 >>",
            ],
        );
        let r = render_page(&pdf, 0, 1.0).unwrap();
        // Two 48 pt characters: a good many dark pixels, where they stand.
        let dark = |r: &Rendered| r.rgba.chunks_exact(4).filter(|p| p[0] < 128).count();
        assert!(dark(&r) > 500, "{} dark pixels", dark(&r));
        let row = |y: usize| &r.rgba[y * r.width as usize * 4..(y + 1) * r.width as usize * 4];
        assert!((842 - 740..842 - 690).any(|y| row(y).chunks_exact(4).any(|p| p[0] < 128)));
        assert!(wants_cjk(&FallbackFontQuery {
            post_script_name: Some("SimSun".into()),
            ..Default::default()
        }));
        assert!(!wants_cjk(&FallbackFontQuery {
            post_script_name: Some("Arial".into()),
            ..Default::default()
        }));
    }

    #[test]
    fn cjk_counts_two_columns() {
        assert_eq!(columns('政'), 2);
        assert_eq!(columns('（'), 2);
        assert_eq!(columns('7'), 1);
        assert_eq!(fold('\u{2f45}'), '方');
    }

    #[test]
    fn a_cut_pdf_does_not_panic() {
        let Some(bytes) = sample("hongzequ-2023") else {
            return;
        };
        for cut in [
            0,
            10,
            1000,
            bytes.len() / 3,
            bytes.len() / 2,
            bytes.len() - 100,
        ] {
            let _ = read_pdf(&bytes[..cut]);
        }
    }
}
