//! The bundled CJK font (a subset of Noto Sans CJK SC, see assets/OFL.txt and
//! scripts/make-font-subset.py), installed after egui's Latin fonts so that
//! Latin text keeps its face and every Chinese character of the template and
//! the samples has a glyph on any machine. Characters outside the subset fall
//! back to the system fonts (eframe's `system_fonts`).

use egui::{FontData, FontFamily, FontInsert, FontPriority, InsertFontFamily};

/// The font file, embedded in the binary.
pub const CJK_FONT: &[u8] = crate::pdf::CJK_FALLBACK;

/// The window icon (PNG).
pub const ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");

/// Asks the system's fonts for characters the bundled ones lack, preferring
/// Simplified Chinese faces for Han characters (whatever the system locale).
pub fn install_system_fallback(ctx: &egui::Context) {
    let provider =
        egui_system_font_provider::SystemFontProvider::new().with_locale(Some("zh-Hans"));
    ctx.add_font_provider(std::sync::Arc::new(provider));
}

/// Installs the bundled CJK font as a fallback of both font families.
pub fn install(ctx: &egui::Context) {
    let families = [FontFamily::Proportional, FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(FontInsert::new(
        "noto-sans-sc-nianbao",
        FontData::from_static(CJK_FONT),
        families,
    ));
}
