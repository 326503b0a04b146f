//! Candor's engine: the encrypted journal and everything a user can do with it.
//! No GUI here; the command line and the desktop shell are thin layers over this crate.
#![forbid(unsafe_code)]

pub mod analysis;
pub mod backup;
#[cfg(any(test, feature = "demo"))]
pub mod demo;
pub mod drafts;
pub mod goals;
pub mod hardening;
mod instance;
mod journal;
pub mod keys;
pub mod model;
pub mod nudges;
pub mod owner_only;
pub mod prompts;
pub mod rekey;
pub mod review;
pub mod search;
pub mod store;
pub mod sync;
pub mod themes;
pub mod today;
pub mod transfer;
pub mod vault;

pub use journal::{Counts, Journal};
pub use keys::RecoveryCode;
pub use model::ModelError;
pub use search::{SearchError, SearchHit, SearchResults};
pub use secrecy::{ExposeSecret, SecretString};
pub use store::StoreError;
pub use vault::VaultError;

/// Any engine failure, for callers that handle them together.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error(transparent)]
    Backup(#[from] backup::BackupError),
    #[error(transparent)]
    Transfer(#[from] transfer::TransferError),
    #[error(transparent)]
    Sync(#[from] sync::SyncError),
}

impl Error {
    /// The store error underneath, wherever it surfaced.
    pub fn store(&self) -> Option<&StoreError> {
        match self {
            Error::Store(s)
            | Error::Vault(VaultError::Store(s))
            | Error::Model(ModelError::Store(s))
            | Error::Search(SearchError::Store(s))
            | Error::Backup(backup::BackupError::Store(s))
            | Error::Transfer(transfer::TransferError::Store(s))
            | Error::Sync(sync::SyncError::Store(s))
            | Error::Sync(sync::SyncError::Vault(VaultError::Store(s))) => Some(s),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The engine says what is wrong; each face adds how to fix it with its own controls.
    #[test]
    fn engine_errors_name_no_command_or_flag() {
        let errors: Vec<Box<dyn std::error::Error>> = vec![
            Box::new(ModelError::UnknownPerson),
            Box::new(ModelError::NeedsPerson),
            Box::new(ModelError::InTrash),
            Box::new(VaultError::NoJournal),
            Box::new(SearchError::Index("damaged".into())),
            Box::new(nudges::NudgeError::UnknownNudge),
            Box::new(nudges::NudgeError::UnknownSetting),
            Box::new(themes::ThemesError::EmptyWindow),
            Box::new(themes::ThemesError::UnknownPerson),
            Box::new(prompts::PromptError::UnknownPerson),
            Box::new(analysis::AnalysisError::UnknownPerson),
            Box::new(transfer::TransferError::EmptyRange),
            Box::new(backup::BackupError::NeedsIdentity),
            Box::new(backup::BackupError::NotConfigured),
            Box::new(backup::BackupError::NoAutoSecret),
            Box::new(sync::SyncError::NotSetUp),
            Box::new(sync::SyncError::UnknownConflict),
        ];
        for e in errors {
            let text = e.to_string();
            assert!(!text.contains("candor ") && !text.contains("--"), "{text}");
        }
    }
}
