//! Nudges: rules over the journal that point the manager at a people skill to practise,
//! each with the entries that prompted it and a concrete question to ask or thing to do.
//!
//! Every nudge has a stable id made of its rule, its subject (a person, an action item)
//! and, where a situation can end and come back, the entry that started it; dismissing or
//! snoozing stores that id in the journal. "Today" is always a parameter.

mod dismiss;
mod rank;
mod rules;
pub mod settings;

use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::{AnalysisError, Corpus, Skill};
use crate::model::ModelError;
use crate::Journal;

pub use dismiss::Dismissal;
pub use rank::Member;
pub use settings::{set, settings, NudgeSettings, SettingInfo};

#[derive(Debug, thiserror::Error)]
pub enum NudgeError {
    #[error("no current nudge has that id")]
    UnknownNudge,
    #[error("that id matches more than one nudge; type more of it")]
    Ambiguous,
    #[error("no nudge setting has that name")]
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
    /// How pressing it is: nudges are listed highest first (see [`nudges`]).
    pub urgency: u32,
    /// Days past a cadence or a due date, for the rules that have one.
    pub late_days: Option<u32>,
    /// When this nudge stands for several of the same rule and skill, each of them, most
    /// pressing first (dismissing it dismisses them all); empty otherwise.
    pub members: Vec<Member>,
    /// Its place in the list, from 1 (set when the list is ranked; 0 before).
    pub priority: u32,
    /// Whether it belongs to the short list shown first, or to the rest.
    pub group: NudgeGroup,
}

/// The short list a manager sees first, and the rest, one click away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum NudgeGroup {
    Today,
    Later,
}

impl Nudge {
    /// The ids of the single nudges this one stands for.
    pub fn covers(&self) -> Vec<&str> {
        if self.members.is_empty() {
            vec![self.id.as_str()]
        } else {
            self.members.iter().map(|m| m.id.as_str()).collect()
        }
    }
}

/// Every rule over `corpus` as of `today`, dismissed or not. Pure: no journal access.
pub fn evaluate(corpus: &Corpus, settings: &NudgeSettings, today: NaiveDate) -> Vec<Nudge> {
    rules::all(&rules::Ctx::new(corpus, settings, today))
}

/// The nudges the manager should see today, most pressing first, repeats of a rule
/// grouped: every rule's, less those dismissed or still snoozed.
pub fn nudges(j: &mut Journal, today: NaiveDate) -> Result<Vec<Nudge>, NudgeError> {
    let corpus = Corpus::load(j)?;
    Ok(rank::rank(active(j, &corpus, today)?))
}

/// As [`nudges`] over a corpus already loaded, but one nudge per situation, unranked.
pub fn active(j: &Journal, corpus: &Corpus, today: NaiveDate) -> Result<Vec<Nudge>, NudgeError> {
    let s = NudgeSettings::load(j.conn())?;
    let hidden = dismiss::hidden(j.conn(), today)?;
    Ok(evaluate(corpus, &s, today)
        .into_iter()
        .filter(|n| !hidden.contains(&n.id))
        .collect())
}

/// Whether the manager sees a nudge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Shown,
    Snoozed,
    Dismissed,
}

/// A nudge with whether it is shown, for the listing of every nudge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListedNudge {
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub nudge: Nudge,
    pub status: Status,
    /// A snoozed nudge shows again on this date.
    pub until: Option<NaiveDate>,
}

/// Every current nudge, dismissed and snoozed ones too: the shown ones as [`nudges`]
/// orders them, then the snoozed, then the dismissed, each ranked and grouped.
pub fn all_nudges(j: &mut Journal, today: NaiveDate) -> Result<Vec<ListedNudge>, NudgeError> {
    let corpus = Corpus::load(j)?;
    let s = NudgeSettings::load(j.conn())?;
    let stored = dismiss::stored(j.conn())?;
    let status_of = |id: &str| match stored.get(id) {
        Some(None) => (Status::Dismissed, None),
        Some(Some(u)) if *u > today => (Status::Snoozed, Some(*u)),
        _ => (Status::Shown, None),
    };
    let mut by_status: [Vec<Nudge>; 3] = Default::default();
    let mut until: std::collections::HashMap<String, NaiveDate> = Default::default();
    for n in evaluate(&corpus, &s, today) {
        let (status, u) = status_of(&n.id);
        if let Some(u) = u {
            until.insert(n.id.clone(), u);
        }
        by_status[status as usize].push(n);
    }
    let mut out = Vec::new();
    for (status, list) in [Status::Shown, Status::Snoozed, Status::Dismissed]
        .into_iter()
        .zip(by_status)
    {
        for nudge in rank::rank(list) {
            // A group snoozed piecemeal shows again when its last member does.
            let until = nudge
                .covers()
                .iter()
                .filter_map(|id| until.get(*id))
                .max()
                .copied();
            out.push(ListedNudge {
                nudge,
                status,
                until,
            });
        }
    }
    Ok(out)
}

/// The listed nudge (or group member) with this id or unique start of it: its id and the
/// single nudges it stands for.
fn find<'a>(list: &'a [ListedNudge], id: &str) -> Result<(&'a str, Vec<&'a str>), NudgeError> {
    let id = id.trim();
    if id.is_empty() {
        return Err(NudgeError::UnknownNudge);
    }
    let mut candidates: Vec<(&str, Vec<&str>)> = Vec::new();
    for l in list {
        candidates.push((l.nudge.id.as_str(), l.nudge.covers()));
        for m in &l.nudge.members {
            candidates.push((m.id.as_str(), vec![m.id.as_str()]));
        }
    }
    if let Some((found, covers)) = candidates.iter().find(|(c, _)| *c == id) {
        return Ok((found, covers.clone()));
    }
    let mut m = candidates.into_iter().filter(|(c, _)| c.starts_with(id));
    match (m.next(), m.next()) {
        (Some(found), None) => Ok(found),
        (Some(_), Some(_)) => Err(NudgeError::Ambiguous),
        _ => Err(NudgeError::UnknownNudge),
    }
}

/// Dismisses a current nudge (by id or a unique start of it; a group dismisses all its
/// members) for good, or snoozes it for `snooze_days` days from `today`. Returns what was
/// stored.
pub fn dismiss(
    j: &mut Journal,
    id: &str,
    snooze_days: Option<u32>,
    today: NaiveDate,
) -> Result<Dismissal, NudgeError> {
    let list = all_nudges(j, today)?;
    let (found, covers) = find(&list, id)?;
    dismiss::store(j, found, &covers, snooze_days, today)
}

/// Shows a dismissed or snoozed nudge again (by id or a unique start of it, as the
/// listing of every nudge gives it). Returns how many single nudges came back.
pub fn restore(j: &mut Journal, id: &str, today: NaiveDate) -> Result<usize, NudgeError> {
    let list = all_nudges(j, today)?;
    let hidden: Vec<ListedNudge> = list
        .into_iter()
        .filter(|l| l.status != Status::Shown)
        .collect();
    let covers: Vec<String> = match find(&hidden, id) {
        Ok((_, covers)) => covers.into_iter().map(str::to_string).collect(),
        // A dismissal whose situation has ended is still stored; its exact id restores it.
        Err(NudgeError::UnknownNudge) if dismiss::stored(j.conn())?.contains_key(id.trim()) => {
            vec![id.trim().to_string()]
        }
        Err(e) => return Err(e),
    };
    let ids: Vec<&str> = covers.iter().map(String::as_str).collect();
    dismiss::forget(j, &ids)
}

/// Forgets every dismissal and snooze; returns how many there were.
pub fn undismiss_all(j: &mut Journal) -> Result<usize, NudgeError> {
    dismiss::clear(j)
}

#[cfg(test)]
mod tests;
