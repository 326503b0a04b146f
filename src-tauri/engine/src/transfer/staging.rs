//! A private folder beside an export's target, renamed into place only when the export is
//! complete: a failed export leaves no half-written plaintext behind.

use std::fs;
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
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)
            .map_err(io_err(format!("cannot create {}", parent.display())))?;
        let stem = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "export".into());
        let suffix: u64 = rand::thread_rng().gen();
        let path = parent.join(format!(".{stem}.partial-{suffix:016x}"));
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

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}
