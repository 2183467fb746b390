//! Reading and extracting a large file off the UI thread: small files open
//! at once, large ones on a background thread while the window shows a
//! spinner and stays responsive.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::document::file_name;
use super::files;
use super::notice::Notice;
use crate::review::Review;

/// Files up to this size are read on the UI thread (they take a moment).
pub const BACKGROUND_ABOVE: u64 = 512 * 1024;

/// Whether a file is large enough to read in the background.
pub fn is_large(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > BACKGROUND_ABOVE)
}

/// A file being read and extracted on a background thread.
pub struct Loading {
    path: PathBuf,
    result: Receiver<Result<Review, Notice>>,
}

impl Loading {
    /// Starts reading `path`.
    pub fn start(path: PathBuf) -> Loading {
        let (tx, rx) = mpsc::channel();
        let p = path.clone();
        std::thread::spawn(move || {
            // The window may have given up on it: fine.
            let _ = tx.send(files::load(&p));
        });
        Loading { path, result: rx }
    }

    /// The file being read.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The outcome once done (`None` while reading).
    pub fn try_finish(&self) -> Option<Result<Review, Notice>> {
        match self.result.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(Notice::ReaderStopped {
                file: file_name(&self.path),
            })),
        }
    }
}
