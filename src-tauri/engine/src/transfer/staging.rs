//! A private folder (or file) beside an export's target, renamed into place only when the
//! export is complete: a failed export leaves no half-written plaintext behind, and what an
//! export killed part-way left is removed by the next export to the same target.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use rand::Rng;

use super::{io_err, TransferError};

pub(crate) struct Staging {
    path: PathBuf,
    target: PathBuf,
    done: bool,
}

impl Staging {
    /// A new 0700 folder in `target`'s parent (created if missing), named after it.
    pub(crate) fn beside(target: &Path) -> Result<Self, TransferError> {
        let path = staging_path(target)?;
        let mut builder = fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder
            .create(&path)
            .map_err(io_err(format!("cannot create {}", path.display())))?;
        Ok(Staging {
            path,
            target: target.to_path_buf(),
            done: false,
        })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Moves the finished folder to the target, which may exist only as an empty folder.
    pub(crate) fn finish(mut self) -> Result<(), TransferError> {
        if self.target.is_dir() {
            // Fails if something appeared in it meanwhile: nothing of the user's is replaced.
            fs::remove_dir(&self.target)
                .map_err(|_| TransferError::NotEmpty(self.target.display().to_string()))?;
        }
        fs::rename(&self.path, &self.target).map_err(io_err(format!(
            "cannot move the export to {}",
            self.target.display()
        )))?;
        self.done = true;
        Ok(())
    }
}

/// `.NAME.partial-` and 16 hex digits in the target's parent (created if missing), after
/// removing any such leftovers of an earlier export to the same target.
fn staging_path(target: &Path) -> Result<PathBuf, TransferError> {
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io_err(format!("cannot create {}", parent.display())))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let prefix = format!(".{name}.partial-");
    if let Ok(entries) = fs::read_dir(&parent) {
        for e in entries.flatten() {
            let file = e.file_name().to_string_lossy().into_owned();
            let ours = file
                .strip_prefix(&prefix)
                .is_some_and(|r| r.len() == 16 && r.chars().all(|c| c.is_ascii_hexdigit()));
            if ours {
                let p = e.path();
                let _ = fs::remove_dir_all(&p).or_else(|_| fs::remove_file(&p));
            }
        }
    }
    let suffix: u64 = rand::thread_rng().gen();
    Ok(parent.join(format!("{prefix}{suffix:016x}")))
}

/// Writes a new file at `target` (never replacing one): into a private (0600) file beside
/// it first, synced, then linked into place.
pub(crate) fn write_file(
    target: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), TransferError> {
    if target.exists() {
        return Err(TransferError::Exists(target.display().to_string()));
    }
    let tmp = staging_path(target)?;
    let cannot = || format!("cannot write {}", target.display());
    let result = (|| -> std::io::Result<()> {
        let mut opts = fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let file = opts.open(&tmp)?;
        let mut w = std::io::BufWriter::new(file);
        write(&mut w)?;
        w.flush()?;
        w.get_ref().sync_all()
    })()
    .map_err(io_err(cannot()))
    .and_then(|()| {
        // A hard link fails if the target appeared meanwhile; file systems without links
        // (FAT on a USB stick) fall back to a rename after checking again.
        match fs::hard_link(&tmp, target) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Err(TransferError::Exists(target.display().to_string()))
            }
            Err(_) if target.exists() => Err(TransferError::Exists(target.display().to_string())),
            Err(_) => fs::rename(&tmp, target).map_err(io_err(cannot())),
        }
    });
    let _ = fs::remove_file(&tmp);
    result
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}
