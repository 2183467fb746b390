//! Nothing lost: the crash-recovery journal and the "open elsewhere" lock
//! of an open document, through the core's `journal` and `lock`.

use std::path::{Path, PathBuf};

use super::document::Document;
use crate::journal::{self, Journal, JournalEntry, JournalError, JournalWriter};
use crate::lock::{Lock, LockError};

/// Where journals and locks are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDirs {
    /// Journal files.
    pub journal: PathBuf,
    /// Lock files.
    pub locks: PathBuf,
}

impl DataDirs {
    /// The application's data folders (`~/.local/share/nianbao/…`), if there
    /// is a home to put them in.
    pub fn standard() -> Option<DataDirs> {
        Some(DataDirs {
            journal: journal::default_dir().ok()?,
            locks: Lock::default_dir().ok()?,
        })
    }

    /// Both folders under `root` (tests).
    pub fn under(root: &Path) -> DataDirs {
        DataDirs {
            journal: root.join("journal"),
            locks: root.join("locks"),
        }
    }
}

/// Takes the document's lock and starts its journal. Returns a journal a
/// crash left for the same source, to offer restoring, or why it could not
/// be read.
pub fn attach(doc: &mut Document, dirs: &DataDirs) -> Result<Option<JournalEntry>, JournalError> {
    if let Some(source) = &doc.opened_from {
        match Lock::acquire_in(&dirs.locks, source) {
            Ok(guard) => doc.lock = Some(guard),
            Err(LockError::Held { pid }) => doc.held_by = Some(pid),
            // Locking is advisory: a lock folder that cannot be used only
            // loses the warning.
            Err(LockError::Io { .. }) => {}
        }
    }
    // Another live window journals this source itself: leave its journal
    // be (writing here would replace that window's unsaved edits).
    if doc.held_by.is_some() {
        return Ok(None);
    }
    let path = Journal::path_for(&dirs.journal, &doc.review.source().sha256);
    doc.journal = Some(JournalWriter::new(path));
    Ok(journal::pending_in(&dirs.journal, &doc.review)?.map(|(_, entry)| entry))
}

/// Replays a journal onto the document (restore) or removes it (discard).
pub fn answer(doc: &mut Document, entry: &JournalEntry, restore: bool) {
    if restore {
        journal::restore(&mut doc.review, entry);
        doc.journal_changes();
    } else if let Some(j) = &doc.journal {
        j.discard();
    }
}

/// Removes the document's journal: its unsaved edits were thrown away.
pub fn discard(doc: &Document) {
    if let Some(j) = &doc.journal {
        j.discard();
    }
}
