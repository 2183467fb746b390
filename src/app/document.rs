//! An open document: the review, where it came from and where it is saved,
//! the line index of its source text, and what the user is looking at.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::original::OriginalState;
use crate::checks::CheckResult;
use crate::journal::JournalWriter;
use crate::lock::LockGuard;
use crate::review::Review;
use crate::template::CellId;

/// Byte offsets of the line starts of a text, to lay out only visible lines.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    widest: usize,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut widest = 0;
        let mut prev = 0;
        for &s in starts
            .iter()
            .skip(1)
            .chain(std::iter::once(&(text.len() + 1)))
        {
            let end = s.saturating_sub(1).min(text.len());
            widest = widest.max(text.get(prev..end).map_or(0, |l| l.chars().count()));
            prev = s;
        }
        LineIndex {
            starts,
            len: text.len(),
            widest,
        }
    }

    /// The number of lines.
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// The byte range of line `i` (without its newline).
    pub fn range(&self, i: usize) -> Range<usize> {
        let start = self.starts.get(i).copied().unwrap_or(self.len);
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.len, |&next| next.saturating_sub(1));
        start..end.max(start)
    }

    /// The line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The most characters on one line (to size the horizontal scroll).
    pub fn widest(&self) -> usize {
        self.widest
    }
}

/// What the user is looking at in a document (not saved, not undone).
#[derive(Debug, Clone, Default)]
pub struct ViewState {
    /// The selected cell.
    pub selected: Option<CellId>,
    /// The text being typed into the selected cell, while editing.
    pub editing: Option<String>,
    /// The check whose cells are shown.
    pub selected_check: Option<crate::checks::CheckId>,
    /// The side panel's tab.
    pub tab: SideTab,
    /// What the source panel shows: the text, or a PDF's pages.
    pub source_tab: SourceTab,
    /// The pages' zoom (points to pixels); None fits the panel's width.
    pub page_zoom: Option<f32>,
}

/// The tabs of the source panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SourceTab {
    /// The text the tables were read from.
    #[default]
    Text,
    /// The original pages (a PDF).
    Page,
}

/// The tabs of the side panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SideTab {
    /// The checks.
    #[default]
    Checks,
    /// The edits and acknowledgements (audit trail).
    Changes,
    /// What the extraction says about the report.
    Extraction,
}

/// What a change to the review is recognised by (to journal only changes).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fingerprint {
    edits: usize,
    last_edit: Option<(CellId, String)>,
    acknowledged: usize,
    dirty: bool,
    can_redo: bool,
}

impl Fingerprint {
    /// The fingerprint of a review now.
    pub fn of(review: &Review) -> Fingerprint {
        Fingerprint {
            edits: review.edits().len(),
            last_edit: review.edits().last().map(|e| (e.cell, e.after.clone())),
            acknowledged: review.acknowledged().len(),
            dirty: review.is_dirty(),
            can_redo: review.can_redo(),
        }
    }
}

/// An open review and its files.
pub struct Document {
    /// The review (source, report, edits, checks, history).
    pub review: Review,
    /// The file it was opened from (a report text or a saved review).
    pub opened_from: Option<PathBuf>,
    /// Where Save writes (known after the first Save As, or for an opened review).
    pub save_path: Option<PathBuf>,
    /// Line starts of the source text.
    pub lines: LineIndex,
    /// Selection and editing.
    pub view: ViewState,
    /// Cross-year checks of this report against the folder (read-only).
    pub cross_year: Vec<CheckResult>,
    /// Writes the unsaved edits to the crash-recovery journal.
    pub journal: Option<JournalWriter>,
    /// The review as last journaled.
    pub journaled: Fingerprint,
    /// This window's lock on the source file.
    pub lock: Option<LockGuard>,
    /// The process that has the file open elsewhere, if one does.
    pub held_by: Option<u32>,
    /// A PDF's pages (none for a review not read from a PDF).
    pub original: Option<OriginalState>,
}

impl Document {
    /// Wraps a review opened from `opened_from` (none for the embedded sample).
    pub fn new(review: Review, opened_from: Option<PathBuf>) -> Document {
        let lines = LineIndex::new(&review.source().text);
        let save_path = opened_from.as_ref().filter(|p| is_review_file(p)).cloned();
        let journaled = Fingerprint::of(&review);
        let original = OriginalState::find(&review, opened_from.as_deref());
        Document {
            review,
            opened_from,
            save_path,
            lines,
            view: ViewState::default(),
            cross_year: Vec::new(),
            journal: None,
            journaled,
            lock: None,
            held_by: None,
            original,
        }
    }

    /// Feeds the journal if the review changed since last time (a dirty
    /// review is written, a clean one has its journal removed). Never waits
    /// for the disk.
    pub fn journal_changes(&mut self) {
        let now = Fingerprint::of(&self.review);
        if now == self.journaled {
            return;
        }
        if let Some(j) = &self.journal {
            j.note(&self.review);
        }
        self.journaled = now;
    }

    /// The name shown in the title and status bar.
    pub fn display_name(&self) -> String {
        match &self.save_path {
            Some(p) => file_name(p),
            None => self.review.source().file_name.clone(),
        }
    }

    /// The default Save As path: `<source stem>.review.json` beside the source.
    pub fn default_save_path(&self) -> PathBuf {
        if let Some(p) = &self.save_path {
            return p.clone();
        }
        let name = &self.review.source().file_name;
        let stem = Path::new(name)
            .file_stem()
            .map_or_else(|| name.clone(), |s| s.to_string_lossy().into_owned());
        let file = format!("{stem}.review.json");
        match self.opened_from.as_ref().and_then(|p| p.parent()) {
            Some(dir) => dir.join(file),
            None => PathBuf::from(file),
        }
    }
}

pub use crate::open::is_review_file;

/// The last component of a path, for display.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_finds_lines_and_offsets() {
        let text = "ab\n\ncdé\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.count(), 4);
        assert_eq!(&text[idx.range(0)], "ab");
        assert_eq!(&text[idx.range(1)], "");
        assert_eq!(&text[idx.range(2)], "cdé");
        assert_eq!(&text[idx.range(3)], "x");
        assert_eq!(idx.line_of(0), 0);
        assert_eq!(idx.line_of(2), 0);
        assert_eq!(idx.line_of(3), 1);
        assert_eq!(idx.line_of(4), 2);
        assert_eq!(idx.line_of(text.len() - 1), 3);
        assert_eq!(idx.widest(), 3);
    }

    #[test]
    fn line_index_of_text_ending_in_newline() {
        let idx = LineIndex::new("a\n");
        assert_eq!(idx.count(), 2);
        assert_eq!(idx.range(1), 2..2);
    }
}
