//! Bytes → decoded text, with the encoding found, or a refusal that says what
//! the file is and what to do.
//!
//! CONTRACT (filled in by the core work): keep this public surface.

use std::path::Path;

/// Files larger than this are refused (32 MiB).
pub const MAX_FILE_SIZE: u64 = 32 * 1024 * 1024;

/// A decoded text and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    /// The decoded text (BOM removed). All spans are byte offsets into it.
    pub text: String,
    /// The encoding name as shown to the user: "UTF-8", "UTF-8 (BOM)",
    /// "UTF-16LE", "UTF-16BE", "GB18030".
    pub encoding: String,
    /// Whether some bytes could not be decoded and were replaced by U+FFFD.
    pub had_errors: bool,
}

/// Why a file could not be read as a report text.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Placeholder until the core work lands.
    #[error("{0}")]
    Other(String),
}

/// Decodes bytes into text.
pub fn decode(_bytes: &[u8]) -> Result<SourceText, ReadError> {
    todo!("source::decode")
}

/// Reads and decodes a file.
pub fn read_file(_path: &Path) -> Result<SourceText, ReadError> {
    todo!("source::read_file")
}
