//! One desktop window per journal: an advisory lock on a file in the vault directory,
//! held while the app has the journal open. The single-instance plugin relies on D-Bus,
//! which a session may not have; this lock does not. The command line does not take it
//! (SQLite's own locking keeps a CLI run beside the window safe).

use std::fs;
use std::path::Path;

use crate::vault::VaultError;

/// The lock file's name in the vault directory. It holds nothing; it stays after unlock.
pub const LOCK_FILE: &str = "instance.lock";

/// Held for as long as this value lives; the kernel drops the lock when the process dies,
/// so a crashed window never leaves the journal locked.
#[derive(Debug)]
pub struct InstanceLock {
    _file: fs::File,
}

impl InstanceLock {
    /// Takes the lock for the journal in `dir`, or [`VaultError::InUse`] when another
    /// holder (another window, in this or another process) has it.
    pub fn acquire(dir: &Path) -> Result<InstanceLock, VaultError> {
        let mut opts = fs::OpenOptions::new();
        opts.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let file = opts.open(dir.join(LOCK_FILE))?;
        // Elsewhere (Windows, where there is no D-Bus to miss) the single-instance plugin
        // alone keeps one window per journal.
        #[cfg(unix)]
        {
            use rustix::fs::{flock, FlockOperation};
            match flock(&file, FlockOperation::NonBlockingLockExclusive) {
                Ok(()) => {}
                Err(rustix::io::Errno::WOULDBLOCK) => return Err(VaultError::InUse),
                Err(e) => return Err(VaultError::Io(e.into())),
            }
        }
        Ok(InstanceLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = InstanceLock::acquire(dir.path()).expect("first");
        assert!(matches!(
            InstanceLock::acquire(dir.path()),
            Err(VaultError::InUse)
        ));
        assert!(VaultError::InUse
            .to_string()
            .contains("another Candor window"));
        drop(first);
        let again = InstanceLock::acquire(dir.path()).expect("after the first is dropped");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.path().join(LOCK_FILE))
                .expect("meta")
                .permissions();
            assert_eq!(mode.mode() & 0o777, 0o600);
        }
        drop(again);
    }

    #[test]
    fn a_missing_directory_is_an_io_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(matches!(
            InstanceLock::acquire(&dir.path().join("nope")),
            Err(VaultError::Io(_))
        ));
    }
}
