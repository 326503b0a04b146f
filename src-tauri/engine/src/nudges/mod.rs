//! Nudges: rules over the journal that point the manager at a people skill to practise,
//! each with the entries that prompted it and a concrete question to ask or thing to do.
//!
//! Every nudge has a stable id made of its rule, its subject (a person, an action item)
//! and, where a situation can end and come back, the entry that started it; dismissing or
//! snoozing stores that id in the journal. "Today" is always a parameter.

mod dismiss;
mod rules;
pub mod settings;

use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::{AnalysisError, Corpus, Skill};
use crate::model::ModelError;
use crate::Journal;

pub use dismiss::Dismissal;
pub use settings::{set, settings, NudgeSettings, SettingInfo};

#[derive(Debug, thiserror::Error)]
pub enum NudgeError {
    #[error("no current nudge has that id; `candor nudges` lists them")]
    UnknownNudge,
    #[error("that id matches more than one nudge; type more of it")]
    Ambiguous,
    #[error("no such setting; `candor nudges settings` lists them")]
    UnknownSetting,
    #[error("{0}")]
    Invalid(&'static str),
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
}

impl From<rusqlite::Error> for NudgeError {
    fn from(e: rusqlite::Error) -> Self {
        NudgeError::Analysis(e.into())
    }
}

impl From<ModelError> for NudgeError {
    fn from(e: ModelError) -> Self {
        NudgeError::Analysis(e.into())
    }
}

/// One nudge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Nudge {
    /// Stable while the situation lasts; what `dismiss` takes.
    pub id: String,
    /// Which rule fired, e.g. "one-on-one-overdue".
    pub rule: String,
    /// The skill it asks the manager to practise.
    pub skill: Skill,
    /// Who it is about, when it is about someone.
    pub person: Option<String>,
    pub message: String,
    /// The entries behind it, newest first.
    pub evidence: Vec<String>,
    /// A concrete question to ask or thing to do.
    pub suggestion: String,
}

/// Every rule over `corpus` as of `today`, dismissed or not. Pure: no journal access.
pub fn evaluate(corpus: &Corpus, settings: &NudgeSettings, today: NaiveDate) -> Vec<Nudge> {
    rules::all(&rules::Ctx::new(corpus, settings, today))
}

/// The nudges the manager should see today: every rule's, less those dismissed or still
/// snoozed.
pub fn nudges(j: &mut Journal, today: NaiveDate) -> Result<Vec<Nudge>, NudgeError> {
    let corpus = Corpus::load(j)?;
    active(j, &corpus, today)
}

/// As [`nudges`], over a corpus already loaded.
pub fn active(j: &Journal, corpus: &Corpus, today: NaiveDate) -> Result<Vec<Nudge>, NudgeError> {
    let s = NudgeSettings::load(j.conn())?;
    let hidden = dismiss::hidden(j.conn(), today)?;
    Ok(evaluate(corpus, &s, today)
        .into_iter()
        .filter(|n| !hidden.contains(&n.id))
        .collect())
}

/// Dismisses a current nudge (by id or a unique start of it) for good, or snoozes it for
/// `snooze_days` days from `today`. Returns what was stored.
pub fn dismiss(
    j: &mut Journal,
    id: &str,
    snooze_days: Option<u32>,
    today: NaiveDate,
) -> Result<Dismissal, NudgeError> {
    let corpus = Corpus::load(j)?;
    let s = NudgeSettings::load(j.conn())?;
    let all = evaluate(&corpus, &s, today);
    let id = id.trim();
    if id.is_empty() {
        return Err(NudgeError::UnknownNudge);
    }
    let found = match all.iter().find(|n| n.id == id) {
        Some(n) => n,
        None => {
            let mut m = all.iter().filter(|n| n.id.starts_with(id));
            match (m.next(), m.next()) {
                (Some(n), None) => n,
                (Some(_), Some(_)) => return Err(NudgeError::Ambiguous),
                _ => return Err(NudgeError::UnknownNudge),
            }
        }
    };
    dismiss::store(j, &found.id, snooze_days, today)
}

/// Forgets every dismissal and snooze; returns how many there were.
pub fn undismiss_all(j: &mut Journal) -> Result<usize, NudgeError> {
    dismiss::clear(j)
}

#[cfg(test)]
mod tests;
