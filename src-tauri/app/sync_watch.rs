//! Keeps a syncing journal current while the window is unlocked: a file watcher on the
//! sync folder (the `notify` crate: inotify here, FSEvents and ReadDirectoryChangesW
//! elsewhere) wakes a sync when another device's files arrive, with a slow poll as a
//! fallback for folders a watcher cannot see into (network shares).

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};
use tauri::{AppHandle, Manager};

use crate::state::AppState;

static WATCHED: std::sync::Mutex<Option<u64>> = std::sync::Mutex::new(None);

/// Without an event, sync anyway this often.
const POLL: Duration = Duration::from_secs(30);
/// Events come in bursts (a sync engine writing a temp file, renaming it): wait this long
/// after the first before syncing.
const SETTLE: Duration = Duration::from_millis(800);

/// Starts watching for the unlocked journal, if it syncs; ends by itself on lock.
pub fn start(app: &AppHandle) {
    let state = app.state::<AppState>();
    let epoch = state.epoch();
    // One watcher per unlock: unlocking again while unlocked starts none.
    {
        let mut watched = WATCHED.lock().unwrap_or_else(|e| e.into_inner());
        if *watched == Some(epoch) {
            return;
        }
        *watched = Some(epoch);
    }
    let Some(Some((folder, own))) = state.in_background(|j| {
        let st = j.sync_status().ok()?;
        let journal = PathBuf::from(&st.folder).join(format!("candor-{}", st.journal_id));
        Some((journal.clone(), journal.join("devices").join(&st.device_id)))
    }) else {
        return;
    };
    let app = app.clone();
    let _ = std::thread::Builder::new()
        .name("sync-watch".into())
        .spawn(move || run(app, epoch, folder, own));
}

fn run(app: AppHandle, epoch: u64, folder: PathBuf, own: PathBuf) {
    let (tx, rx) = mpsc::channel::<()>();
    // This device's own writes (its segments, what it applied) are not news.
    let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(ev) = res {
            if ev.paths.iter().any(|p| !p.starts_with(&own)) {
                let _ = tx.send(());
            }
        }
    });
    let mut watcher = watcher.ok();
    if let Some(w) = watcher.as_mut() {
        if w.watch(&folder, RecursiveMode::Recursive).is_err() {
            watcher = None;
        }
    }
    loop {
        match rx.recv_timeout(POLL) {
            Ok(()) => {
                std::thread::sleep(SETTLE);
                while rx.try_recv().is_ok() {}
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) if watcher.is_some() => return,
            Err(mpsc::RecvTimeoutError::Disconnected) => std::thread::sleep(POLL),
        }
        let state = app.state::<AppState>();
        if state.locked_since(epoch) {
            return;
        }
        // The outcome is in the sync status the sidebar shows; screens read the journal
        // afresh when opened.
        let _ = state.in_background(|j| j.sync_now());
    }
}
