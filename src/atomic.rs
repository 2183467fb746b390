//! Atomic file writes: a temporary file in the target's folder (tempfile's
//! `NamedTempFile`: a fresh name nobody else can have, removed again if
//! anything fails), written, synced and renamed over the target
//! (`persist`), so a crash or a full disk never leaves a half-written
//! review, journal or export behind.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` atomically: the old file (if any) is either
/// fully replaced or left untouched. The new file gets the usual
/// permissions (0o666 less the umask), not a temporary file's 0o600: saved
/// reviews are read by others (a supervisor's queue).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".nianbao-").suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // On failure the error holds the temporary file, which removes itself.
    tmp.persist(path).map_err(|e| e.error)?;
    // Make the rename itself durable; not every platform can sync a folder.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        let p = dir.join("a.review.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // Readable by the group and others as the umask allows, like
            // any file the person saves (not a temporary file's 0o600).
            let mode = fs::metadata(&p).unwrap().permissions().mode();
            assert_ne!(mode & 0o066, 0, "{mode:o}");
        }

        // A folder where the file should go: refused, nothing written.
        let blocked = dir.join("blocked");
        fs::create_dir_all(&blocked).unwrap();
        assert!(write_atomic(&blocked, b"x").is_err());
        assert!(blocked.is_dir());
        // A missing folder: refused.
        assert!(write_atomic(&dir.join("no/such/dir/x.json"), b"x").is_err());
        assert_eq!(fs::read_dir(dir).unwrap().count(), 2);
    }
}
