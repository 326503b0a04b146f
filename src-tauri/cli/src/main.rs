//! `candor`: the whole journal from a terminal. A thin layer over candor-engine.
#![forbid(unsafe_code)]

mod backup_cmd;
mod cli;
mod commands;
mod insight_cmd;
mod render;
mod review_cmd;
mod search_cmd;
mod secret;
mod sync_cmd;
mod transfer_cmd;

use std::process::ExitCode;

use candor_engine::backup::BackupError;
use candor_engine::sync::SyncError;
use candor_engine::{ModelError, StoreError, VaultError};
use clap::Parser;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Engine(#[from] candor_engine::Error),
    #[error("{0}")]
    Usage(String),
}

impl From<VaultError> for CliError {
    fn from(e: VaultError) -> Self {
        CliError::Engine(e.into())
    }
}

impl From<ModelError> for CliError {
    fn from(e: ModelError) -> Self {
        CliError::Engine(e.into())
    }
}

impl CliError {
    /// What to type next, for errors where the command line has an answer. The engine
    /// says what is wrong; only this face knows its commands and flags.
    fn hint(&self) -> Option<&'static str> {
        use candor_engine::transfer::TransferError;
        use candor_engine::Error as E;
        let CliError::Engine(e) = self else {
            return None;
        };
        let model = match e {
            E::Model(m) | E::Transfer(TransferError::Model(m)) => Some(m),
            _ => None,
        };
        match (e, model) {
            (_, Some(ModelError::UnknownPerson)) => {
                Some("`candor person list` shows who is in the journal")
            }
            (_, Some(ModelError::NeedsPerson)) => Some("name them with --with NAME"),
            (_, Some(ModelError::InTrash)) => Some("`candor trash restore ID` brings it back"),
            (E::Search(candor_engine::SearchError::Index(_)), _) => {
                Some("run `candor reindex` to rebuild it")
            }
            (E::Vault(VaultError::NoJournal), _) => Some("create one with `candor init`"),
            (e, _) if read_only(e) => Some(
                "the journal's disk is full or read-only, so it opened for reading only; free some space and try again",
            ),
            (E::Transfer(TransferError::EmptyRange), _) => Some("--since is after --until"),
            (E::Backup(BackupError::NeedsIdentity), _) => Some("give one with --identity FILE"),
            (E::Sync(SyncError::NotSetUp), _) => {
                Some("start with `candor sync setup FOLDER`, or join one with `candor sync join FOLDER`")
            }
            (E::Sync(SyncError::UnknownConflict), _) => {
                Some("`candor sync conflicts` lists them")
            }
            (E::Sync(SyncError::UnknownDevice), _) => Some("`candor sync status` lists them"),
            (E::Backup(BackupError::NotConfigured), _) => {
                Some("choose one with `candor backup config --dir DIR`")
            }
            (E::Backup(BackupError::NoAutoSecret), _) => Some(
                "add one with `candor backup config --recipient age1…`, or set CANDOR_BACKUP_PASSPHRASE",
            ),
            _ => None,
        }
    }

    /// Exit statuses scripts can rely on (documented in `candor --help`).
    fn exit_code(&self) -> u8 {
        use candor_engine::Error as E;
        match self {
            CliError::Engine(E::Vault(
                VaultError::WrongPassphrase | VaultError::WrongRecoveryCode,
            )) => 3,
            CliError::Engine(E::Vault(VaultError::Damaged(_))) => 4,
            CliError::Engine(E::Backup(
                BackupError::WrongPassphrase | BackupError::WrongIdentity,
            )) => 3,
            CliError::Engine(E::Backup(BackupError::Truncated | BackupError::Damaged(_))) => 4,
            CliError::Engine(E::Sync(SyncError::WrongPassphrase)) => 3,
            CliError::Engine(E::Sync(SyncError::Vault(
                VaultError::WrongPassphrase | VaultError::WrongRecoveryCode,
            ))) => 3,
            CliError::Engine(e) => match e.store() {
                Some(StoreError::Damaged) => 4,
                Some(StoreError::Busy) => 5,
                _ => 1,
            },
            CliError::Usage(_) => 1,
        }
    }
}

fn read_only(e: &candor_engine::Error) -> bool {
    e.store().is_some_and(StoreError::is_read_only)
}

/// `candor list | head` closes the pipe early; Rust then panics inside `println!`. A closed
/// reader is not an error worth a backtrace, so end quietly the way Unix tools do. Any
/// other panic prints where it happened, never its message (which can hold journal text).
fn panic_hook() {
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if msg.contains("Broken pipe") {
            std::process::exit(141);
        }
        eprintln!("{}", candor_engine::hardening::panic_report("candor", info));
    }));
}

fn main() -> ExitCode {
    // A crash must not leave the data key or decrypted entries in a core dump.
    if let Err(e) = candor_engine::hardening::disable_core_dumps() {
        eprintln!("candor: warning: {e}");
    }
    panic_hook();
    let args = cli::Cli::parse();
    match commands::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            match e.hint() {
                Some(hint) => eprintln!("candor: {e}; {hint}"),
                None => eprintln!("candor: {e}"),
            }
            ExitCode::from(e.exit_code())
        }
    }
}
