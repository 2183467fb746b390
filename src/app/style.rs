//! How cell states and check marks look, in light and dark themes. Every
//! state has a glyph or a border as well as a colour, so none is told apart
//! by colour alone.

use egui::{Color32, Visuals};

use super::marks::Severity;

/// The colours of one theme.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    /// Failing checks: border, glyph and text.
    pub fail: Color32,
    /// Failing checks: cell background.
    pub fail_bg: Color32,
    /// Incomplete checks and missing cells.
    pub incomplete: Color32,
    /// Incomplete: cell background.
    pub incomplete_bg: Color32,
    /// Narrative warnings.
    pub warning: Color32,
    /// Inferred values and suggestions.
    pub inferred: Color32,
    /// Edited cells.
    pub edited: Color32,
    /// Cells of the check being looked at.
    pub check_bg: Color32,
    /// Source text highlight of the selected cell.
    pub source_hl: Color32,
    /// Source text highlight of the other cells of the selected check.
    pub source_check_hl: Color32,
    /// Acknowledged checks.
    pub acknowledged: Color32,
}

impl Palette {
    /// The palette for the current visuals.
    pub fn of(v: &Visuals) -> Palette {
        if v.dark_mode {
            Palette {
                fail: Color32::from_rgb(255, 110, 100),
                fail_bg: Color32::from_rgb(84, 30, 30),
                incomplete: Color32::from_rgb(240, 190, 80),
                incomplete_bg: Color32::from_rgb(70, 56, 20),
                warning: Color32::from_rgb(230, 200, 110),
                inferred: Color32::from_rgb(120, 180, 255),
                edited: Color32::from_rgb(140, 220, 150),
                check_bg: Color32::from_rgb(40, 52, 78),
                source_hl: Color32::from_rgb(40, 90, 150),
                source_check_hl: Color32::from_rgb(60, 60, 90),
                acknowledged: Color32::from_rgb(160, 160, 160),
            }
        } else {
            Palette {
                fail: Color32::from_rgb(190, 20, 20),
                fail_bg: Color32::from_rgb(255, 222, 218),
                incomplete: Color32::from_rgb(160, 100, 0),
                incomplete_bg: Color32::from_rgb(255, 240, 200),
                warning: Color32::from_rgb(150, 110, 0),
                inferred: Color32::from_rgb(20, 80, 190),
                edited: Color32::from_rgb(20, 120, 40),
                check_bg: Color32::from_rgb(225, 234, 252),
                source_hl: Color32::from_rgb(170, 210, 255),
                source_check_hl: Color32::from_rgb(225, 225, 245),
                acknowledged: Color32::from_rgb(110, 110, 110),
            }
        }
    }

    /// The colour of a severity.
    pub fn severity(&self, s: Severity) -> Color32 {
        match s {
            Severity::Fail => self.fail,
            Severity::Incomplete => self.incomplete,
            Severity::Warning => self.warning,
        }
    }
}

/// The glyph of a severity (shown in cells, lists and tooltips).
pub fn severity_glyph(s: Severity) -> &'static str {
    match s {
        Severity::Fail => "×",
        Severity::Incomplete => "？",
        Severity::Warning => "⚠",
    }
}

/// Glyph of an edited cell.
pub const EDITED: &str = "●";
/// Glyph of an inferred value.
pub const INFERRED: &str = "≈";
/// Glyph of a suggestion.
pub const SUGGESTED: &str = "→";
/// Glyph of an acknowledged check.
pub const ACKNOWLEDGED: &str = "✓";
