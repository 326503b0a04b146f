//! The app's state: which vault, the open journal (if unlocked), and idle tracking.
//!
//! Locking drops the `Journal`, which closes SQLCipher (it wipes its key) and frees the
//! in-memory search index; nothing decrypted stays behind in the shell.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::SeqCst};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, TryLockError};
use std::time::{Duration, Instant};

use candor_engine::keys::DataKey;
use candor_engine::vault::InstanceLock;
use candor_engine::{vault, Journal, SecretString};

use crate::dto::{Settings, VaultStatus};
use crate::error::{AppError, AppResult};
use crate::picker::{PickKind, Picks};

/// The passphrase of the demo journal, as the `candor demo` command line uses it.
pub const DEMO_PASSPHRASE: &str = "candor-demo-passphrase";
/// Kept beside the journal; it holds preferences only, never journal text.
const SETTINGS_FILE: &str = "app-settings.json";

/// The unlocked journal and its data key (a backup needs the key; both are wiped on drop).
pub struct Open {
    pub journal: Journal,
    pub key: DataKey,
}

/// Monotonic time since the state was made. Injected so the idle tests move time
/// forward instead of subtracting from `Instant::now()` (which underflows on a machine
/// booted only minutes ago).
pub trait Clock: Send + Sync {
    fn now(&self) -> Duration;
}

struct SystemClock(Instant);

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.0.elapsed()
    }
}

pub struct AppState {
    vault: PathBuf,
    demo: bool,
    /// Lock order: `journal`, then `instance` or `last_activity`.
    journal: Mutex<Option<Open>>,
    /// Whether the journal is open and not being locked; read without waiting for a
    /// command that holds `journal`.
    unlocked: AtomicBool,
    /// Set by `lock` while a command holds the journal: that command closes it as it
    /// ends, and nothing new starts on it.
    lock_pending: AtomicBool,
    /// Counts locks. Work done outside the journal's lock (a backup being sealed) stops
    /// when it moves.
    epoch: AtomicU64,
    /// Held while the journal is open, so a second window (even without D-Bus, which
    /// the single-instance plugin needs) cannot open it too.
    instance: Mutex<Option<InstanceLock>>,
    clock: Box<dyn Clock>,
    last_activity: Mutex<Duration>,
    settings: Mutex<Settings>,
    picks: Picks,
    /// The analysis cache being filled on a connection of its own since the last unlock:
    /// `true` once done. Analysis commands wait for it before taking the journal, so a
    /// large journal's first analysis never holds the journal (and search) for seconds.
    warm: Arc<(Mutex<bool>, Condvar)>,
}

/// A poisoned lock only means a command panicked; its data is still consistent enough
/// to lock or read, and refusing would strand the user.
fn guard<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The lock if it is free now; `None` while a command holds it.
fn try_guard<T>(m: &Mutex<T>) -> Option<MutexGuard<'_, T>> {
    match m.try_lock() {
        Ok(g) => Some(g),
        Err(TryLockError::Poisoned(e)) => Some(e.into_inner()),
        Err(TryLockError::WouldBlock) => None,
    }
}

impl AppState {
    pub fn new(vault: PathBuf, demo: bool) -> Self {
        Self::with_clock(vault, demo, Box::new(SystemClock(Instant::now())))
    }

    pub fn with_clock(vault: PathBuf, demo: bool, clock: Box<dyn Clock>) -> Self {
        let settings = read_settings(&vault).unwrap_or_default();
        AppState {
            vault,
            demo,
            journal: Mutex::new(None),
            unlocked: AtomicBool::new(false),
            lock_pending: AtomicBool::new(false),
            epoch: AtomicU64::new(0),
            instance: Mutex::new(None),
            last_activity: Mutex::new(clock.now()),
            clock,
            settings: Mutex::new(settings),
            picks: Picks::default(),
            warm: Arc::new((Mutex::new(true), Condvar::new())),
        }
    }

    /// Takes the one-window lock unless this state already holds it.
    fn hold_instance(&self) -> AppResult<()> {
        let mut held = guard(&self.instance);
        if held.is_none() {
            *held = Some(InstanceLock::acquire(&self.vault)?);
        }
        Ok(())
    }

    /// Closes the journal (which wipes its key) and lets the window lock go.
    fn close(&self, slot: &mut Option<Open>) -> bool {
        self.unlocked.store(false, SeqCst);
        self.epoch.fetch_add(1, SeqCst);
        let was_open = slot.take().is_some();
        guard(&self.instance).take();
        self.lock_pending.store(false, SeqCst);
        was_open
    }

    /// Puts `open` in the slot and marks the journal unlocked; starts filling the
    /// analysis cache beside it.
    fn put(&self, slot: &mut Option<Open>, open: Open) {
        self.warm_up(&open.key);
        *slot = Some(open);
        self.lock_pending.store(false, SeqCst);
        self.unlocked.store(true, SeqCst);
    }

    /// Fills the analysis cache on a thread and connection of its own (a no-op when it is
    /// current). The thread holds a copy of the data key until it ends; a lock meanwhile
    /// lets it finish its one transaction and then drops the copy.
    fn warm_up(&self, key: &DataKey) {
        let warm = self.warm.clone();
        *guard(&warm.0) = false;
        let dir = self.vault.clone();
        let key = key.duplicate();
        let spawned = std::thread::Builder::new()
            .name("analysis".into())
            .spawn(move || {
                // A failure (a full disk, a damaged page) only means the first analysis
                // command does the work itself, and reports it.
                let _ = candor_engine::analysis::catch_up_apart(&dir, &key);
                drop(key);
                *guard(&warm.0) = true;
                warm.1.notify_all();
            });
        if spawned.is_err() {
            *guard(&self.warm.0) = true;
        }
    }

    /// Waits (without holding the journal) until the background analysis is done; after
    /// a minute the caller goes ahead and its own catch-up waits for the database.
    fn wait_for_analysis(&self) {
        let (done, changed) = &*self.warm;
        let ready = guard(done);
        let _ = changed.wait_timeout_while(ready, Duration::from_secs(60), |d| !*d);
    }

    /// Like [`AppState::with`], for work that reads the analysis cache (themes, nudges,
    /// prep, reviews): first waits for the background analysis, outside the journal's lock,
    /// so searches and saves meanwhile are not queued behind it.
    pub fn with_analysis<T>(&self, f: impl FnOnce(&mut Journal) -> AppResult<T>) -> AppResult<T> {
        if !self.is_unlocked() {
            return Err(AppError::Locked);
        }
        self.wait_for_analysis();
        self.with(f)
    }

    /// The journal's lock, after finishing a lock that was asked for while a command
    /// held it.
    fn slot(&self) -> MutexGuard<'_, Option<Open>> {
        let mut slot = guard(&self.journal);
        if self.lock_pending.load(SeqCst) {
            self.close(&mut slot);
        }
        slot
    }

    /// Counts locks; see [`AppState::locked_since`].
    pub fn epoch(&self) -> u64 {
        self.epoch.load(SeqCst)
    }

    /// Whether the journal was locked (or is being locked) since `epoch` was read.
    pub fn locked_since(&self, epoch: u64) -> bool {
        self.lock_pending.load(SeqCst) || self.epoch.load(SeqCst) != epoch
    }

    pub fn vault_dir(&self) -> &Path {
        &self.vault
    }

    /// The files and folders chosen in the system's dialogs this run.
    pub fn picks(&self) -> &Picks {
        &self.picks
    }

    pub fn is_demo(&self) -> bool {
        self.demo
    }

    pub fn status(&self) -> VaultStatus {
        VaultStatus {
            exists: vault::exists(&self.vault),
            unlocked: self.is_unlocked(),
            demo: self.demo,
            demo_passphrase: self.demo.then(|| DEMO_PASSPHRASE.to_string()),
            vault_dir: self.vault.display().to_string(),
            min_passphrase_chars: vault::MIN_PASSPHRASE_CHARS as u32,
            settings: self.settings(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }

    /// Creates the journal and leaves it unlocked; returns the recovery code to show once.
    pub fn create(&self, passphrase: SecretString) -> AppResult<String> {
        let mut slot = self.slot();
        let (journal, code) = vault::create(&self.vault, &passphrase)?;
        // Creating returns no key; unwrapping it costs one more key derivation, once.
        let key = vault::unlock(&self.vault, &passphrase)?;
        self.hold_instance()?;
        self.put(&mut slot, Open { journal, key });
        self.touch();
        Ok(code.expose().to_string())
    }

    pub fn unlock(&self, passphrase: SecretString) -> AppResult<()> {
        let mut slot = self.slot();
        // Checked even when the journal is already open: a wrong passphrase never passes.
        let key = vault::unlock(&self.vault, &passphrase)?;
        if slot.is_none() {
            self.hold_instance()?;
            let mut journal = vault::open_with_key(&self.vault, &key).inspect_err(|_| {
                guard(&self.instance).take();
            })?;
            // Another device's rekey gave the sync folder a new key: this passphrase opens it.
            journal.sync_learn_key(&passphrase);
            self.put(&mut slot, Open { journal, key });
        }
        drop(slot);
        // Settings may have been written by another run since this one started.
        if let Some(s) = read_settings(&self.vault) {
            *guard(&self.settings) = s;
        }
        self.touch();
        Ok(())
    }

    /// Puts an already open journal in place (the demo builder opens its own).
    pub fn install(&self, open: Open) {
        let mut slot = self.slot();
        // The demo journal is this run's own; a lock held elsewhere does not stop it.
        let _ = self.hold_instance();
        self.put(&mut slot, open);
        drop(slot);
        self.touch();
    }

    /// Locks now, without waiting for a running command: the window counts as locked
    /// at once, nothing new starts on the journal, and a command still running (an
    /// import's transaction) closes it as it ends. A backup being sealed stops.
    pub fn lock(&self) {
        self.lock_pending.store(true, SeqCst);
        self.unlocked.store(false, SeqCst);
        self.epoch.fetch_add(1, SeqCst);
        if let Some(mut slot) = try_guard(&self.journal) {
            self.close(&mut slot);
        }
    }

    /// Locks and waits until a running command, and the background analysis, have let
    /// the journal go (the file can then be replaced).
    pub fn lock_and_wait(&self) {
        self.lock();
        drop(self.slot());
        self.wait_for_analysis();
    }

    pub fn is_unlocked(&self) -> bool {
        self.unlocked.load(SeqCst)
    }

    pub fn touch(&self) {
        *guard(&self.last_activity) = self.clock.now();
    }

    /// Runs `f` on the open journal; counts as activity. `Locked` when there is none.
    pub fn with<T>(&self, f: impl FnOnce(&mut Journal) -> AppResult<T>) -> AppResult<T> {
        self.with_key(|j, _| f(j))
    }

    /// Like [`AppState::with`], with the data key too (for backups).
    pub fn with_key<T>(
        &self,
        f: impl FnOnce(&mut Journal, &DataKey) -> AppResult<T>,
    ) -> AppResult<T> {
        let out = {
            let mut slot = self.slot();
            let open = slot.as_mut().ok_or(AppError::Locked)?;
            self.touch();
            let out = f(&mut open.journal, &open.key);
            // Idle time starts when a long command (a backup, an import) ends, not began.
            self.touch();
            out
        };
        // A lock asked for while `f` ran, after the guard's last look: close now.
        if self.lock_pending.load(SeqCst) {
            drop(self.slot());
        }
        out
    }

    /// Runs `f` on the open journal for work nobody asked for (sync in the background):
    /// never counts as activity, and skips the round when a command holds the journal.
    pub fn in_background<T>(&self, f: impl FnOnce(&mut Journal) -> T) -> Option<T> {
        let out = {
            let mut slot = try_guard(&self.journal)?;
            if self.lock_pending.load(SeqCst) {
                self.close(&mut slot);
                return None;
            }
            f(&mut slot.as_mut()?.journal)
        };
        if self.lock_pending.load(SeqCst) {
            drop(self.slot());
        }
        Some(out)
    }

    pub fn settings(&self) -> Settings {
        guard(&self.settings).clone()
    }

    pub fn set_settings(&self, s: Settings) -> AppResult<Settings> {
        if s.auto_lock_minutes > 24 * 60 {
            return Err(AppError::Invalid {
                message: "auto-lock is limited to 24 hours (1440 minutes)".into(),
            });
        }
        if !self.is_unlocked() {
            return Err(AppError::Locked);
        }
        // A new backup folder is one chosen in the folder dialog.
        let dir = s
            .backup_dir
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty());
        if let Some(dir) = dir {
            if Some(dir) != self.settings().backup_dir.as_deref().map(str::trim) {
                self.picks.check(PickKind::BackupFolder, dir)?;
            }
        }
        write_settings(&self.vault, &s)?;
        *guard(&self.settings) = s.clone();
        self.touch();
        Ok(s)
    }

    /// Locks when the journal has been idle longer than the setting allows. Returns
    /// whether it locked now. Decided under the journal's lock, never waiting for it: a
    /// command running when the check begins means the journal is in use.
    pub fn lock_if_idle(&self) -> bool {
        let minutes = self.settings().auto_lock_minutes;
        if minutes == 0 {
            return false;
        }
        // A command holding the journal is activity, not idleness.
        let Some(mut slot) = try_guard(&self.journal) else {
            return false;
        };
        if self.lock_pending.load(SeqCst) {
            return self.close(&mut slot);
        }
        let idle = self.clock.now().saturating_sub(*guard(&self.last_activity));
        if idle < Duration::from_secs(u64::from(minutes) * 60) {
            return false;
        }
        self.close(&mut slot)
    }
}

fn read_settings(dir: &Path) -> Option<Settings> {
    let text = std::fs::read_to_string(dir.join(SETTINGS_FILE)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Written atomically (temp file, then rename) so a crash never leaves half a file.
fn write_settings(dir: &Path, s: &Settings) -> AppResult<()> {
    let io = |e: std::io::Error| AppError::Io {
        message: format!("could not save the settings: {e}"),
    };
    let text = serde_json::to_string_pretty(s).map_err(|_| AppError::Internal {
        message: "could not encode the settings".into(),
    })?;
    let tmp = dir.join(format!("{SETTINGS_FILE}.tmp"));
    std::fs::write(&tmp, text).map_err(io)?;
    std::fs::rename(&tmp, dir.join(SETTINGS_FILE)).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pass(s: &str) -> SecretString {
        SecretString::from(s.to_string())
    }

    #[test]
    fn create_lock_unlock_and_wrong_passphrase() {
        let dir = tempfile::tempdir().expect("tempdir");
        let vault = dir.path().join("j");
        let state = AppState::new(vault.clone(), false);
        assert!(!state.status().exists);
        assert_eq!(
            state.with(|_| Ok(())).err(),
            Some(AppError::Locked),
            "nothing to use before a journal exists"
        );
        assert_eq!(
            state.create(pass("short")).err(),
            Some(AppError::WeakPassphrase { min_chars: 8 })
        );
        let code = state.create(pass("correct horse battery")).expect("create");
        assert!(!code.is_empty());
        assert!(state.status().unlocked);

        state.lock();
        assert!(!state.status().unlocked);
        assert_eq!(state.with(|_| Ok(())).err(), Some(AppError::Locked));
        assert_eq!(
            state.unlock(pass("not the passphrase")).err(),
            Some(AppError::WrongPassphrase)
        );
        state.unlock(pass("correct horse battery")).expect("unlock");
        assert!(state.is_unlocked());
    }

    /// A clock the test moves by hand.
    #[derive(Clone, Default)]
    struct TestClock(std::sync::Arc<Mutex<Duration>>);

    impl TestClock {
        fn advance(&self, by: Duration) {
            *guard(&self.0) += by;
        }
    }

    impl Clock for TestClock {
        fn now(&self) -> Duration {
            *guard(&self.0)
        }
    }

    #[test]
    fn idle_journal_locks_itself_and_settings_persist() {
        let dir = tempfile::tempdir().expect("tempdir");
        let vault = dir.path().join("j");
        let clock = TestClock::default();
        let state = AppState::with_clock(vault.clone(), false, Box::new(clock.clone()));
        state.create(pass("correct horse battery")).expect("create");
        assert_eq!(state.settings().auto_lock_minutes, 10);

        assert!(!state.lock_if_idle(), "fresh activity keeps it open");
        clock.advance(Duration::from_secs(9 * 60));
        assert!(!state.lock_if_idle(), "9 of 10 minutes");
        clock.advance(Duration::from_secs(2 * 60));
        assert!(state.lock_if_idle());
        assert!(!state.is_unlocked());

        state.unlock(pass("correct horse battery")).expect("unlock");
        state
            .set_settings(Settings {
                auto_lock_minutes: 0,
                backup_dir: None,
            })
            .expect("save settings");
        assert!(state
            .set_settings(Settings {
                auto_lock_minutes: 100_000,
                backup_dir: None,
            })
            .is_err());
        clock.advance(Duration::from_secs(3600));
        assert!(!state.lock_if_idle(), "0 means never");
        // A new run of the app reads them back.
        assert_eq!(AppState::new(vault, false).settings().auto_lock_minutes, 0);
    }

    #[test]
    fn idleness_is_rechecked_under_the_journal_lock() {
        let dir = tempfile::tempdir().expect("tempdir");
        let clock = TestClock::default();
        let state = std::sync::Arc::new(AppState::with_clock(
            dir.path().join("j"),
            false,
            Box::new(clock.clone()),
        ));
        state.create(pass("correct horse battery")).expect("create");
        // A command that runs past the auto-lock time; the idle check starts during it
        // and waits for the journal.
        let checker = state
            .with(|_| {
                clock.advance(Duration::from_secs(11 * 60));
                let state = state.clone();
                let checker = std::thread::spawn(move || state.lock_if_idle());
                std::thread::sleep(Duration::from_millis(300));
                Ok(checker)
            })
            .expect("command");
        assert!(
            !checker.join().expect("join"),
            "locked right after a command"
        );
        assert!(state.is_unlocked());
    }

    #[test]
    fn unlock_checks_the_passphrase_even_when_open() {
        let dir = tempfile::tempdir().expect("tempdir");
        let state = AppState::new(dir.path().join("j"), false);
        state.create(pass("correct horse battery")).expect("create");
        assert_eq!(
            state.unlock(pass("not the passphrase")).err(),
            Some(AppError::WrongPassphrase)
        );
        state
            .unlock(pass("correct horse battery"))
            .expect("right one");
    }

    #[test]
    fn a_second_window_on_the_same_journal_is_refused_until_the_first_locks() {
        let dir = tempfile::tempdir().expect("tempdir");
        let vault = dir.path().join("j");
        let first = AppState::new(vault.clone(), false);
        first.create(pass("correct horse battery")).expect("create");
        let second = AppState::new(vault, false);
        assert_eq!(
            second.unlock(pass("correct horse battery")).err(),
            Some(AppError::OpenElsewhere)
        );
        assert!(!second.is_unlocked());
        first.lock();
        second
            .unlock(pass("correct horse battery"))
            .expect("now free");
        assert_eq!(
            first.unlock(pass("correct horse battery")).err(),
            Some(AppError::OpenElsewhere)
        );
    }

    /// A lock asked for during a long command (an import) takes effect for the window at
    /// once; the command finishes and then the journal closes; nothing new starts on it.
    #[test]
    fn lock_during_a_long_command_does_not_wait_for_it() {
        use std::sync::mpsc;
        let dir = tempfile::tempdir().expect("tempdir");
        let state = std::sync::Arc::new(AppState::new(dir.path().join("j"), false));
        state.create(pass("correct horse battery")).expect("create");
        let (started, wait_started) = mpsc::channel();
        let (finish, wait_finish) = mpsc::channel::<()>();
        let long = {
            let state = state.clone();
            std::thread::spawn(move || {
                state.with(|_| {
                    let _ = started.send(());
                    let _ = wait_finish.recv_timeout(Duration::from_secs(20));
                    Ok(())
                })
            })
        };
        wait_started
            .recv_timeout(Duration::from_secs(20))
            .expect("command running");
        let t = Instant::now();
        state.lock();
        assert!(t.elapsed() < Duration::from_secs(1), "lock did not wait");
        assert!(!state.is_unlocked());
        assert!(!state.status().unlocked);
        assert!(!state.lock_if_idle(), "the idle check does not wait either");
        finish.send(()).expect("finish");
        long.join()
            .expect("join")
            .expect("the command itself finished");
        assert_eq!(state.with(|_| Ok(())).err(), Some(AppError::Locked));
        // The window lock is free again: another window can open the journal.
        let other = AppState::new(dir.path().join("j"), false);
        other.unlock(pass("correct horse battery")).expect("free");
    }

    /// Unlocking fills the analysis cache in the background; analysis commands wait for
    /// it and then find nothing left to do, while plain commands never wait for it.
    #[test]
    fn the_analysis_cache_fills_in_the_background_after_unlock() {
        let dir = tempfile::tempdir().expect("tempdir");
        let state = AppState::new(dir.path().join("j"), false);
        state.create(pass("correct horse battery")).expect("create");
        state
            .with(|j| {
                for i in 0..40 {
                    j.log(candor_engine::model::NewEntry {
                        body: format!("note {i} about the on-call rota"),
                        ..Default::default()
                    })?;
                }
                Ok(())
            })
            .expect("log");
        state.lock();
        state.unlock(pass("correct horse battery")).expect("unlock");
        let left = state
            .with_analysis(|j| Ok(candor_engine::analysis::cache_catch_up(j)?))
            .expect("analysis");
        assert_eq!(left, 0, "the background analysis did it all");
    }
}
