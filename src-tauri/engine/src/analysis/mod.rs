//! Reading the journal for themes and nudges: each entry's theme terms and lexicon hits,
//! cached inside the encrypted database and kept current by triggers, and an in-memory
//! view of the journal (people, entries, open action items) that the rules run over.
//!
//! Data flows one way: entries -> analysis -> themes, nudges and prompts. Nothing here
//! changes an entry; the only writes are to the cache tables.

mod analyze;
pub(crate) mod cache;
mod corpus;
pub mod eval;
pub(crate) mod family;
pub mod lexicon;
pub(crate) mod stopwords;
pub mod tokenize;

pub use analyze::{analyze, Analysis, Source};
pub use cache::{catch_up as cache_catch_up, catch_up_apart};
pub use corpus::{Corpus, EntryMeta, FeedbackMeta, Kept};
pub use lexicon::{Hits, Signal, Skill, Struggle, Worry};

use crate::model::ModelError;
use crate::store::StoreError;

/// Why an analysis could not be made.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error("no person with that name")]
    UnknownPerson,
    #[error("{0}")]
    Invalid(&'static str),
}

impl From<rusqlite::Error> for AnalysisError {
    fn from(e: rusqlite::Error) -> Self {
        AnalysisError::Model(ModelError::Store(StoreError::from(e)))
    }
}

impl AnalysisError {
    pub fn store(&self) -> Option<&StoreError> {
        match self {
            AnalysisError::Model(ModelError::Store(s)) => Some(s),
            _ => None,
        }
    }
}
