//! Where the webview keeps its own data (WebKit's salts, HSTS list, cache): a private
//! folder made for this run, outside the user's data and cache directories, removed when
//! the app ends; folders of earlier runs that were killed are removed at start.
//!
//! Not `incognito`: WebKitGTK's ephemeral contexts refuse automation, so the window
//! tests could not drive the real window.

use std::path::{Path, PathBuf};

const PREFIX: &str = "candor-webview-";

/// The folder's parent: the per-user runtime directory (a tmpfs, 0700) when there is one.
fn base() -> PathBuf {
    std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|p| p.is_dir())
        .unwrap_or_else(std::env::temp_dir)
}

/// A new private folder for this process, after removing those of processes now gone.
pub fn prepare() -> std::io::Result<PathBuf> {
    let base = base();
    remove_stale(&base);
    let dir = base.join(format!("{PREFIX}{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    candor_engine::owner_only::create_dir_all(&dir)?;
    Ok(dir)
}

pub fn remove(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
}

fn remove_stale(base: &Path) {
    let Ok(list) = std::fs::read_dir(base) else {
        return;
    };
    for entry in list.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(PREFIX)) else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_of_dead_processes_go_and_ours_is_private() {
        let root = tempfile::tempdir().expect("tempdir");
        let dead = root.path().join(format!("{PREFIX}4000000000"));
        let other = root.path().join("unrelated");
        std::fs::create_dir_all(&dead).expect("mkdir");
        std::fs::create_dir_all(&other).expect("mkdir");
        remove_stale(root.path());
        assert!(!dead.exists());
        assert!(other.exists());
        let mine = root.path().join(format!("{PREFIX}{}", std::process::id()));
        std::fs::create_dir_all(&mine).expect("mkdir");
        remove_stale(root.path());
        assert!(mine.exists(), "a live process keeps its folder");
    }
}
