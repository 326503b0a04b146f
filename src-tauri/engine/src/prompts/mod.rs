//! Prompts: an agenda for the next one-on-one, questions for mentoring, the weekly
//! reflection, a first-90-days track, the monthly "is this the right path for me?"
//! reflection with its mood trend, and Situation–Behaviour–Impact guidance. Every
//! question is written for Candor (see `bank`).

pub mod bank;
mod prep;
mod reflect;
pub mod sbi;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::analysis::{AnalysisError, Skill};
use crate::model::ModelError;
use crate::nudges::NudgeError;
use crate::themes::ThemesError;

pub use prep::{prep, FeedbackToDeliver, LastMeeting, Prep, PrepAction, PrepGoal};
pub use reflect::{
    management_start, reflect, set_management_start, track_week, MoodMonth, PathReflection,
    Reflection, TrackWeek, PATH_TAG,
};

#[derive(Debug, thiserror::Error)]
pub enum PromptError {
    #[error("no person with that name")]
    UnknownPerson,
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
    #[error(transparent)]
    Themes(#[from] ThemesError),
    #[error(transparent)]
    Nudges(#[from] NudgeError),
}

impl From<ModelError> for PromptError {
    fn from(e: ModelError) -> Self {
        match e {
            ModelError::UnknownPerson => PromptError::UnknownPerson,
            e => PromptError::Analysis(e.into()),
        }
    }
}

impl From<rusqlite::Error> for PromptError {
    fn from(e: rusqlite::Error) -> Self {
        PromptError::Analysis(e.into())
    }
}

/// A question and the skill it practises.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Question {
    pub skill: Skill,
    pub text: String,
}

/// A pick from `bank` that changes week to week (and person to person) but is the same
/// all week: prompts should not reshuffle on every open.
pub(crate) fn weekly_pick<'a>(
    bank: &[&'a str],
    salt: &str,
    today: NaiveDate,
    k: usize,
) -> Vec<&'a str> {
    if bank.is_empty() {
        return Vec::new();
    }
    let week = today.iso_week();
    let mut h: u64 = 1469598103934665603;
    for b in salt.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(1099511628211);
    }
    let start = (h as usize).wrapping_add(week.year() as usize * 53 + week.week() as usize);
    (0..k.min(bank.len()))
        .map(|i| bank[(start + i) % bank.len()])
        .collect()
}

#[cfg(test)]
mod tests;
