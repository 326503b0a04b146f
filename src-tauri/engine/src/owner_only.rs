//! Files only their owner can read: directories 0700 and files 0600 on Unix.
//!
//! Everything Candor writes (the vault, its temporary files, exports) goes through these
//! helpers, so the process umask never decides who can read a journal. On other platforms
//! they are the plain standard-library calls.

use std::fs::{self, File};
use std::io;
use std::path::Path;

/// Mode bits of a private directory and a private file.
pub const DIR_MODE: u32 = 0o700;
pub const FILE_MODE: u32 = 0o600;

/// Creates `dir` and any missing parents, each new one readable by its owner only.
pub fn create_dir_all(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(DIR_MODE);
    }
    builder.create(dir)
}

/// Creates a new file only its owner can read; fails if anything exists at `path`.
pub fn create_new(path: &Path) -> io::Result<File> {
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(FILE_MODE);
    }
    opts.open(path)
}

/// Writes `bytes` as the new file `path`, readable by its owner only, whole or not at
/// all: written and synced under a temporary name beside it, then linked to `path`
/// (which fails if anything appeared there meanwhile; nothing is overwritten).
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    if path.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "the file exists",
        ));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = path.with_file_name(format!(".{name}.candor-partial-{}", std::process::id()));
    let result = (|| {
        let mut f = create_new(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::hard_link(&tmp, path).or_else(|e| {
            // File systems without hard links (FAT): a rename, after checking again.
            if e.kind() == io::ErrorKind::AlreadyExists || path.exists() {
                Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    "the file exists",
                ))
            } else {
                fs::rename(&tmp, path)
            }
        })
    })();
    let _ = fs::remove_file(&tmp);
    result
}

/// Creates or truncates a file only its owner can read (an existing one is tightened).
pub fn create_or_truncate(path: &Path) -> io::Result<File> {
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(FILE_MODE);
    }
    let f = opts.open(path)?;
    set_mode(&f, FILE_MODE)?;
    Ok(f)
}

/// Whether group or others can read, write or enter `path` (always false off Unix).
pub fn is_exposed(path: &Path) -> io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Ok(fs::symlink_metadata(path)?.permissions().mode() & 0o077 != 0)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(false)
    }
}

/// Tightens `dir` to 0700 and every regular file directly inside it to 0600 (symlinks
/// are left alone). Returns whether the directory itself was open to group or others.
pub fn tighten_dir(dir: &Path) -> io::Result<bool> {
    let exposed = is_exposed(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if exposed {
            fs::set_permissions(dir, fs::Permissions::from_mode(DIR_MODE))?;
        }
        for e in fs::read_dir(dir)? {
            let e = e?;
            let meta = e.metadata()?;
            if meta.file_type().is_file() && meta.permissions().mode() & 0o077 != 0 {
                fs::set_permissions(e.path(), fs::Permissions::from_mode(FILE_MODE))?;
            }
        }
    }
    Ok(exposed)
}

#[cfg(unix)]
fn set_mode(f: &File, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    f.set_permissions(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_: &File, _: u32) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    pub(crate) fn mode(p: &Path) -> u32 {
        fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn write_new_is_private_whole_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("review.md");
        write_new(&out, b"packet").unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"packet");
        assert_eq!(mode(&out), FILE_MODE);
        assert_eq!(
            write_new(&out, b"other").unwrap_err().kind(),
            io::ErrorKind::AlreadyExists
        );
        assert_eq!(fs::read(&out).unwrap(), b"packet", "not overwritten");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary left"
        );
    }

    #[test]
    fn new_files_and_dirs_are_private_and_loose_ones_are_tightened() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("a/b");
        create_dir_all(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&d.path().join("a")), 0o700);
        create_new(&dir.join("f")).unwrap();
        assert_eq!(mode(&dir.join("f")), 0o600);
        assert!(create_new(&dir.join("f")).is_err());
        fs::write(dir.join("loose"), b"x").unwrap();
        fs::set_permissions(dir.join("loose"), fs::Permissions::from_mode(0o644)).unwrap();
        create_or_truncate(&dir.join("loose")).unwrap();
        assert_eq!(mode(&dir.join("loose")), 0o600);
        fs::set_permissions(dir.join("loose"), fs::Permissions::from_mode(0o644)).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        assert!(tighten_dir(&dir).unwrap());
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&dir.join("loose")), 0o600);
        assert!(!tighten_dir(&dir).unwrap());
    }
}
