//! The IPC commands: each takes the state, calls the engine (or a view over it) and
//! returns a typed result. Every one runs off the main thread (`async`), so key
//! derivation or a long search never freezes the window.
//!
//! `ui/src/ipc/index.ts` wraps each of them; keep the two lists in step.

pub mod backup;
pub mod drafts;
pub mod edits;
pub mod insight;
pub mod journal;
pub mod keys;
pub mod review;
pub mod sync;
pub mod transfer;
pub mod vault;

/// Today's date where the user is; cadences and "recent" are counted in local days.
pub(crate) fn local_today() -> chrono::NaiveDate {
    candor_engine::today::local_today()
}
