//! The one error type that crosses the IPC boundary.
//!
//! Tagged by `kind` so the front end can `switch` on it. Messages come from the engine's
//! error texts, which never contain journal text, so nothing private reaches the page's
//! console or a bug report through an error.

use candor_engine::analysis::AnalysisError;
use candor_engine::backup::BackupError;
use candor_engine::model::ModelError;
use candor_engine::nudges::NudgeError;
use candor_engine::prompts::PromptError;
use candor_engine::review::ReviewError;
use candor_engine::themes::ThemesError;
use candor_engine::transfer::TransferError;
use candor_engine::vault::MIN_PASSPHRASE_CHARS;
use candor_engine::{SearchError, StoreError, VaultError};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS, thiserror::Error)]
#[serde(tag = "kind")]
pub enum AppError {
    #[error("there is no journal here yet")]
    NoJournal,
    #[error("a journal already exists here")]
    AlreadyExists,
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error("the passphrase must be at least {min_chars} characters")]
    WeakPassphrase { min_chars: u32 },
    #[error("the journal is locked")]
    Locked,
    #[error("no {what} with that id")]
    NotFound { what: String },
    #[error("no person with that name")]
    UnknownPerson,
    #[error("a person with that name already exists")]
    DuplicatePerson,
    #[error("{message}")]
    Invalid { message: String },
    /// A search the query language cannot read; the message says what to fix.
    #[error("{message}")]
    BadQuery { message: String },
    #[error("the journal is busy in another Candor process")]
    Busy,
    /// Another Candor window has this journal open (it holds the journal's lock file).
    #[error("the journal is open in another Candor window")]
    OpenElsewhere,
    #[error("{message}")]
    Damaged { message: String },
    #[error("the journal was written by a newer version of Candor")]
    TooNew,
    #[error("{message}")]
    Io { message: String },
    #[error("{message}")]
    Internal { message: String },
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Damaged => AppError::Damaged {
                message: e.to_string(),
            },
            StoreError::TooNew { .. } => AppError::TooNew,
            StoreError::Busy => AppError::Busy,
            StoreError::Sqlite(_) => AppError::Internal {
                message: e.to_string(),
            },
        }
    }
}

impl From<VaultError> for AppError {
    fn from(e: VaultError) -> Self {
        match e {
            VaultError::NoJournal => AppError::NoJournal,
            VaultError::AlreadyExists => AppError::AlreadyExists,
            // The app unlocks with the passphrase only; a recovery code goes through the CLI.
            VaultError::WrongPassphrase | VaultError::WrongRecoveryCode => {
                AppError::WrongPassphrase
            }
            VaultError::WeakPassphrase => AppError::WeakPassphrase {
                min_chars: MIN_PASSPHRASE_CHARS as u32,
            },
            VaultError::Damaged(_) => AppError::Damaged {
                message: e.to_string(),
            },
            VaultError::TooNew(_) => AppError::TooNew,
            VaultError::InUse => AppError::OpenElsewhere,
            VaultError::Io(_) => AppError::Io {
                message: e.to_string(),
            },
            VaultError::Store(s) => s.into(),
        }
    }
}

impl From<ModelError> for AppError {
    fn from(e: ModelError) -> Self {
        match e {
            ModelError::NotFound(what) | ModelError::Ambiguous(what) => AppError::NotFound {
                what: what.to_string(),
            },
            ModelError::UnknownPerson => AppError::UnknownPerson,
            ModelError::DuplicatePerson => AppError::DuplicatePerson,
            ModelError::NeedsPerson | ModelError::InTrash => AppError::Invalid {
                message: e.to_string(),
            },
            ModelError::Invalid(message) => AppError::Invalid {
                message: message.to_string(),
            },
            ModelError::Store(s) => s.into(),
        }
    }
}

impl From<SearchError> for AppError {
    fn from(e: SearchError) -> Self {
        match e {
            SearchError::Store(s) => s.into(),
            SearchError::Index(_) => AppError::Internal {
                message: e.to_string(),
            },
            other => AppError::BadQuery {
                message: other.to_string(),
            },
        }
    }
}

impl From<BackupError> for AppError {
    fn from(e: BackupError) -> Self {
        match e {
            BackupError::Store(s) => s.into(),
            BackupError::Io { .. } => AppError::Io {
                message: e.to_string(),
            },
            // The rest say what to change (a name that exists, an empty passphrase…).
            other => AppError::Invalid {
                message: other.to_string(),
            },
        }
    }
}

impl From<AnalysisError> for AppError {
    fn from(e: AnalysisError) -> Self {
        match e {
            AnalysisError::Model(m) => m.into(),
            AnalysisError::UnknownPerson => AppError::UnknownPerson,
            AnalysisError::Invalid(message) => AppError::Invalid {
                message: message.to_string(),
            },
        }
    }
}

impl From<ThemesError> for AppError {
    fn from(e: ThemesError) -> Self {
        match e {
            ThemesError::Analysis(a) => a.into(),
            ThemesError::UnknownPerson => AppError::UnknownPerson,
            ThemesError::EmptyWindow => AppError::Invalid {
                message: "the date window is empty: its start is after its end".into(),
            },
        }
    }
}

impl From<NudgeError> for AppError {
    fn from(e: NudgeError) -> Self {
        match e {
            NudgeError::Analysis(a) => a.into(),
            NudgeError::UnknownNudge => AppError::NotFound {
                what: "nudge".into(),
            },
            NudgeError::UnknownSetting => AppError::NotFound {
                what: "nudge threshold".into(),
            },
            other => AppError::Invalid {
                message: other.to_string(),
            },
        }
    }
}

impl From<PromptError> for AppError {
    fn from(e: PromptError) -> Self {
        match e {
            PromptError::UnknownPerson => AppError::UnknownPerson,
            PromptError::Analysis(a) => a.into(),
            PromptError::Themes(t) => t.into(),
            PromptError::Nudges(n) => n.into(),
        }
    }
}

impl From<ReviewError> for AppError {
    fn from(e: ReviewError) -> Self {
        match e {
            ReviewError::UnknownPerson => AppError::UnknownPerson,
            ReviewError::Model(m) => m.into(),
            ReviewError::Analysis(a) => a.into(),
            ReviewError::EmptyPeriod | ReviewError::TooLong => AppError::Invalid {
                message: e.to_string(),
            },
        }
    }
}

impl From<TransferError> for AppError {
    fn from(e: TransferError) -> Self {
        match e {
            TransferError::Model(m) => m.into(),
            TransferError::Store(s) => s.into(),
            TransferError::Io { .. } => AppError::Io {
                message: e.to_string(),
            },
            // A bad file, an existing target, a newer export: each says what to change.
            other => AppError::Invalid {
                message: other.to_string(),
            },
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;

impl From<candor_engine::sync::SyncError> for AppError {
    fn from(e: candor_engine::sync::SyncError) -> Self {
        use candor_engine::sync::SyncError as S;
        match e {
            S::WrongPassphrase => AppError::WrongPassphrase,
            S::Vault(v) => v.into(),
            S::Store(s) => s.into(),
            S::Model(m) => m.into(),
            S::Folder(_) => AppError::Io {
                message: e.to_string(),
            },
            S::Damaged(_) | S::OtherJournal => AppError::Damaged {
                message: e.to_string(),
            },
            S::TooNew(_) => AppError::TooNew,
            S::UnknownConflict | S::UnknownDevice => AppError::NotFound {
                what: if matches!(e, S::UnknownConflict) {
                    "sync conflict".into()
                } else {
                    "device".into()
                },
            },
            other => AppError::Invalid {
                message: other.to_string(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_cross_ipc_tagged_by_kind() {
        let json = serde_json::to_value(AppError::WrongPassphrase).unwrap_or_default();
        assert_eq!(json, serde_json::json!({ "kind": "WrongPassphrase" }));
        let json = serde_json::to_value(AppError::from(ModelError::Invalid("mood 1 to 5")))
            .unwrap_or_default();
        assert_eq!(
            json,
            serde_json::json!({ "kind": "Invalid", "message": "mood 1 to 5" })
        );
    }

    #[test]
    fn a_bad_query_is_not_an_internal_error() {
        assert!(matches!(
            AppError::from(SearchError::UnclosedQuote),
            AppError::BadQuery { .. }
        ));
        assert!(matches!(
            AppError::from(VaultError::WeakPassphrase),
            AppError::WeakPassphrase { min_chars: 8 }
        ));
    }
}
