//! End-to-end tests of the `candor` command line: the real binary on a real vault.
#![allow(clippy::unwrap_used)]

mod support;

mod backup;
mod canary;
mod concurrency;
mod daily;
mod entries;
mod hardening;
mod insight;
mod packaging;
mod review;
mod search;
mod sync;
mod transfer;
mod vault;
