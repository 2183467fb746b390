//! "This file is open in another window": a lock file holding the process
//! id of the nianbao that has a source open.
//!
//! Locks live in the data folder (`…/nianbao/locks`), named by the sha256
//! of the source's absolute path, so a source in a read-only folder can be
//! locked too and nothing is left beside the person's files. A lock whose
//! process is gone (checked through `/proc/<pid>` on Linux; elsewhere every
//! lock is taken as live) is stale and taken over. Dropping the
//! [`LockGuard`] removes the file.
//!
//! The lock is advisory: it exists to warn a person, who may still choose
//! to open the file anyway ([`Lock::take_over`]).

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::review::sha256_hex;

/// Why a lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another running nianbao has the file open.
    #[error("this file is open in another nianbao window (process {pid})")]
    Held {
        /// The process id written in the lock.
        pid: u32,
    },
    /// The lock folder or file could not be used.
    #[error("{}: could not lock: {source}", .path.display())]
    Io {
        /// The lock file.
        path: PathBuf,
        /// The operating system's reason.
        source: io::Error,
    },
}

/// Taking locks.
#[derive(Debug, Clone, Copy)]
pub struct Lock;

/// A held lock; dropping it removes the lock file.
#[derive(Debug)]
pub struct LockGuard {
    path: PathBuf,
}

impl LockGuard {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        // Only remove a lock that is still ours (not one taken over since).
        if read_pid(&self.path) == Some(std::process::id()) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

impl Lock {
    /// The folder locks are kept in: `$XDG_DATA_HOME/nianbao/locks` or
    /// `~/.local/share/nianbao/locks`, created on demand.
    pub fn default_dir() -> io::Result<PathBuf> {
        let dir = crate::journal::data_home()?.join("nianbao").join("locks");
        fs::create_dir_all(&dir)?;
        Ok(dir)
    }

    /// The lock file of a source in a lock folder: keyed by the sha256 of
    /// its absolute path (so "a.txt" and "./a.txt" are one lock).
    pub fn path_for(lock_dir: &Path, source: &Path) -> PathBuf {
        let absolute = fs::canonicalize(source)
            .or_else(|_| std::path::absolute(source))
            .unwrap_or_else(|_| source.to_path_buf());
        let key = sha256_hex(&absolute.to_string_lossy());
        lock_dir.join(format!("{key}.lock"))
    }

    /// Locks a source in the default lock folder.
    pub fn acquire(source: &Path) -> Result<LockGuard, LockError> {
        let dir = Lock::default_dir().map_err(|source| LockError::Io {
            path: PathBuf::from("nianbao/locks"),
            source,
        })?;
        Lock::acquire_in(&dir, source)
    }

    /// Locks a source with its lock file in `lock_dir`: `Held` when a live
    /// process holds it (this one included), a stale lock is taken over.
    pub fn acquire_in(lock_dir: &Path, source: &Path) -> Result<LockGuard, LockError> {
        let path = Lock::path_for(lock_dir, source);
        let io_err = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        fs::create_dir_all(lock_dir).map_err(io_err)?;
        // Two attempts: the second after removing a stale lock.
        for _ in 0..2 {
            match create_new(&path, source) {
                Ok(()) => return Ok(LockGuard { path }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(io_err(e)),
            }
            match read_pid(&path) {
                Some(pid) if is_alive(pid) => return Err(LockError::Held { pid }),
                // Dead, or a lock left half-written: stale.
                _ => match fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(io_err(e)),
                },
            }
        }
        // Someone else took it between our removal and our creation.
        match read_pid(&path) {
            Some(pid) => Err(LockError::Held { pid }),
            None => Err(io_err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "the lock file keeps changing",
            ))),
        }
    }

    /// Takes a lock whoever holds it (the person chose "open anyway").
    pub fn take_over(lock_dir: &Path, source: &Path) -> Result<LockGuard, LockError> {
        let path = Lock::path_for(lock_dir, source);
        let io_err = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        fs::create_dir_all(lock_dir).map_err(io_err)?;
        let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
        fs::write(&tmp, lock_text(source)).map_err(io_err)?;
        if let Err(e) = fs::rename(&tmp, &path) {
            let _ = fs::remove_file(&tmp);
            return Err(io_err(e));
        }
        Ok(LockGuard { path })
    }

    /// The process holding a source's lock, if a live one does.
    pub fn holder(lock_dir: &Path, source: &Path) -> Option<u32> {
        read_pid(&Lock::path_for(lock_dir, source)).filter(|&pid| is_alive(pid))
    }
}

/// The lock file's content: the pid on the first line, the source after
/// (for a person looking into the folder).
fn lock_text(source: &Path) -> String {
    format!("{}\n{}\n", std::process::id(), source.display())
}

fn create_new(path: &Path, source: &Path) -> io::Result<()> {
    let mut f = OpenOptions::new().write(true).create_new(true).open(path)?;
    let written = f
        .write_all(lock_text(source).as_bytes())
        .and_then(|()| f.sync_all());
    if let Err(e) = written {
        drop(f);
        let _ = fs::remove_file(path);
        return Err(e);
    }
    Ok(())
}

/// The pid on a lock file's first line, if the file holds one.
fn read_pid(path: &Path) -> Option<u32> {
    let text = fs::read_to_string(path).ok()?;
    text.lines().next()?.trim().parse().ok()
}

/// Whether a process is running. Linux: `/proc/<pid>` exists. Elsewhere
/// there is no cheap portable test: every lock is taken as live.
pub fn is_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("nianbao-lock-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    /// A pid that was just used and is now gone.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[test]
    fn a_second_acquire_is_told_who_holds_it_and_drop_releases() {
        let dir = temp_dir("held");
        let source = dir.join("report.txt");
        fs::write(&source, "x").unwrap();
        let guard = Lock::acquire_in(&dir, &source).unwrap();
        assert!(guard.path().exists());
        let text = fs::read_to_string(guard.path()).unwrap();
        assert!(
            text.starts_with(&format!("{}\n", std::process::id())),
            "{text}"
        );
        match Lock::acquire_in(&dir, &source) {
            Err(LockError::Held { pid }) => assert_eq!(pid, std::process::id()),
            other => panic!("{other:?}"),
        }
        // The same file by another spelling is the same lock.
        let other_spelling = dir.join(".").join("report.txt");
        assert!(matches!(
            Lock::acquire_in(&dir, &other_spelling),
            Err(LockError::Held { .. })
        ));
        assert_eq!(Lock::holder(&dir, &source), Some(std::process::id()));
        let path = guard.path().to_path_buf();
        drop(guard);
        assert!(!path.exists());
        assert_eq!(Lock::holder(&dir, &source), None);
        let again = Lock::acquire_in(&dir, &source).unwrap();
        drop(again);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_stale_lock_of_a_dead_process_is_taken_over() {
        let dir = temp_dir("stale");
        let source = dir.join("report.txt");
        fs::write(&source, "x").unwrap();
        let path = Lock::path_for(&dir, &source);
        let pid = dead_pid();
        assert!(!is_alive(pid));
        fs::write(&path, format!("{pid}\n")).unwrap();
        let guard = Lock::acquire_in(&dir, &source).unwrap();
        assert_eq!(read_pid(guard.path()), Some(std::process::id()));
        drop(guard);
        // A half-written (empty) lock is stale too.
        fs::write(&path, "").unwrap();
        drop(Lock::acquire_in(&dir, &source).unwrap());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_live_process_holds_and_take_over_overrides() {
        let dir = temp_dir("live");
        let source = dir.join("report.txt");
        fs::write(&source, "x").unwrap();
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let path = Lock::path_for(&dir, &source);
        fs::write(&path, format!("{}\n", child.id())).unwrap();
        let held = Lock::acquire_in(&dir, &source);
        child.kill().unwrap();
        child.wait().unwrap();
        match held {
            Err(LockError::Held { pid }) => assert_eq!(pid, child.id()),
            other => panic!("{other:?}"),
        }
        fs::write(&path, "1\n").unwrap();
        let guard = Lock::take_over(&dir, &source).unwrap();
        assert_eq!(read_pid(&path), Some(std::process::id()));
        // A guard whose lock was taken over does not remove the new holder's file.
        fs::write(&path, "1\n").unwrap();
        drop(guard);
        assert!(path.exists());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_message_names_the_process() {
        let e = LockError::Held { pid: 4242 };
        assert!(e.to_string().contains("4242"), "{e}");
    }
}
