//! What can go wrong with a backup, each with a one-line message that names no journal text.

use crate::model::ModelError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("the backup passphrase is wrong")]
    WrongPassphrase,
    #[error("the backup was stopped before it was finished (the journal was locked); nothing was written")]
    Stopped,
    #[error(
        "none of the given identities can decrypt this backup (it was made for other recipients)"
    )]
    WrongIdentity,
    #[error(
        "this backup is protected by a passphrase; give the backup passphrase, not an identity"
    )]
    NeedsPassphrase,
    #[error("this backup is encrypted to age recipients; it opens only with one of their identity files")]
    NeedsIdentity,
    #[error("not a Candor backup: the file is not in the age format")]
    NotAgeFile,
    #[error("not a Candor backup: the file decrypts, but holds no Candor backup manifest")]
    NotABackup,
    #[error(
        "the backup file is cut short: it ends before its last block (was the copy interrupted?)"
    )]
    Truncated,
    #[error("the backup file is damaged: {0}")]
    Damaged(&'static str),
    #[error("the backup was made by a newer version of Candor (backup format {found}, this version reads up to {supported}); upgrade Candor to read it")]
    TooNew { found: u32, supported: u32 },
    #[error("the backup holds a journal from a newer version of Candor (schema {found}, this version knows up to {supported}); upgrade Candor to restore it")]
    SchemaTooNew { found: u32, supported: u32 },
    #[error("the backup's scrypt work factor is too high to decrypt here ({0})")]
    ExcessiveWork(u8),
    #[error("not an age public key: `{0}` (expected one starting with age1)")]
    BadRecipient(String),
    #[error("the identity file {0} holds no usable age identity (expected lines starting with AGE-SECRET-KEY-1)")]
    BadIdentityFile(String),
    #[error("a backup needs a passphrase or at least one recipient")]
    NoRecipients,
    #[error("the backup passphrase must be at least {} characters, like the journal's: whoever opens a backup holds the journal's key", crate::vault::MIN_PASSPHRASE_CHARS)]
    WeakPassphrase,
    #[error("{0} already exists; choose another file name (backups are never overwritten)")]
    Exists(String),
    #[error("{0} is not empty and holds no Candor journal; restore into an empty directory or an existing journal")]
    NotAJournalDir(String),
    #[error("automatic backups are not set up: they have no directory yet")]
    NotConfigured,
    #[error("automatic backups need a recipient or a backup passphrase")]
    NoAutoSecret,
    #[error("{0}")]
    Invalid(&'static str),
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Model(#[from] ModelError),
}

impl From<rusqlite::Error> for BackupError {
    fn from(e: rusqlite::Error) -> Self {
        BackupError::Store(e.into())
    }
}

/// Attaches a short description of what was being done to an I/O error.
pub(crate) trait IoContext<T> {
    fn ctx(self, what: impl FnOnce() -> String) -> Result<T, BackupError>;
}

impl<T> IoContext<T> for std::io::Result<T> {
    fn ctx(self, what: impl FnOnce() -> String) -> Result<T, BackupError> {
        self.map_err(|source| BackupError::Io {
            what: what(),
            source,
        })
    }
}
