//! Candor's engine: the encrypted journal and everything a user can do with it.
//! No GUI here; the command line and the desktop shell are thin layers over this crate.
#![forbid(unsafe_code)]

pub mod demo;
mod journal;
pub mod keys;
pub mod model;
pub mod store;
pub mod vault;

pub use journal::{Counts, Journal};
pub use keys::RecoveryCode;
pub use model::ModelError;
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
}

impl Error {
    /// The store error underneath, wherever it surfaced.
    pub fn store(&self) -> Option<&StoreError> {
        match self {
            Error::Store(s)
            | Error::Vault(VaultError::Store(s))
            | Error::Model(ModelError::Store(s)) => Some(s),
            _ => None,
        }
    }
}
