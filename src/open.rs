//! One way to open a file as a review, for the command line, the folder
//! scan and the window alike: a saved review (`.json`) is loaded, anything
//! else is read ([`crate::source`]: text, web page, Word, PDF) and
//! extracted. One typed error; each edge renders it once.

use std::path::Path;

use crate::review::{LoadError, Review};
use crate::source::{self, ReadError};

/// Why a file could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The report could not be read (missing, binary, a scan …).
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The saved review could not be loaded (not JSON, not ours, damaged).
    #[error(transparent)]
    Review(#[from] LoadError),
}

/// Whether a path names a saved review (JSON) rather than a report.
pub fn is_review_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// The file name shown for a path (its last component).
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Opens a report (extracting it) or a saved review.
pub fn open(path: &Path) -> Result<Review, OpenError> {
    if is_review_file(path) {
        return Ok(Review::load(path)?);
    }
    let text = source::read_file(path)?;
    Ok(Review::new(&file_name(path), text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_and_its_saved_review_open_the_same_way() {
        let dir = tempfile::tempdir().unwrap();
        let txt = dir.path().join("r.txt");
        std::fs::write(
            &txt,
            "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 2 0 0 0 0 0 2\n",
        )
        .unwrap();
        let mut review = open(&txt).unwrap();
        assert_eq!(review.source().file_name, "r.txt");
        let saved = dir.path().join("r.review.json");
        review.save(&saved).unwrap();
        assert_eq!(open(&saved).unwrap().source().text, review.source().text);
        assert!(matches!(
            open(&dir.path().join("missing.txt")),
            Err(OpenError::Read(ReadError::NotFound(_)))
        ));
        std::fs::write(dir.path().join("bad.json"), "{").unwrap();
        assert!(matches!(
            open(&dir.path().join("bad.json")),
            Err(OpenError::Review(_))
        ));
    }
}
