//! Recurring themes: the words and two-word phrases that set a scope (a person, an entry
//! kind, a date window, or all of these) apart from the rest of the journal, scored with
//! G² over entry counts, shown as written, with monthly counts and the entries behind
//! each; and the people-skill lexicon counted over the same scope.
//!
//! For the whole journal there is no "rest"; its themes are the terms most unevenly spread
//! between the people in it (G² over one group per person), i.e. what comes back with
//! someone in particular.

mod memo;
mod rank;
mod rows;
pub mod score;
mod skills;
mod whole;

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::{cache, AnalysisError};
use crate::model::{Kind, ModelError};
use crate::Journal;

pub use memo::Memo;
pub use skills::SkillCount;

#[derive(Debug, thiserror::Error)]
pub enum ThemesError {
    #[error("no person with that name")]
    UnknownPerson,
    #[error("the date window is empty: its start is after its end")]
    EmptyWindow,
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
}

impl From<rusqlite::Error> for ThemesError {
    fn from(e: rusqlite::Error) -> Self {
        ThemesError::Analysis(e.into())
    }
}

impl From<ModelError> for ThemesError {
    fn from(e: ModelError) -> Self {
        match e {
            ModelError::UnknownPerson => ThemesError::UnknownPerson,
            e => ThemesError::Analysis(e.into()),
        }
    }
}

/// Which entries to find themes in. Empty: the whole journal.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// A person's name.
    pub person: Option<String>,
    pub kind: Option<Kind>,
    /// Inclusive dates.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Scope {
    pub fn person(name: &str) -> Self {
        Scope {
            person: Some(name.to_string()),
            ..Scope::default()
        }
    }

    pub fn is_everything(&self) -> bool {
        self.person.is_none() && self.kind.is_none() && self.since.is_none() && self.until.is_none()
    }
}

#[derive(Debug, Clone, Copy)]
pub struct ThemeOptions {
    /// How many themes at most.
    pub limit: usize,
    /// A theme must appear in at least this many entries of the scope.
    pub min_entries: u32,
    /// A small scope also shows themes of two entries, marked early.
    pub early: bool,
}

impl Default for ThemeOptions {
    fn default() -> Self {
        ThemeOptions {
            limit: 15,
            min_entries: 3,
            early: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MonthCount {
    /// YYYY-MM
    pub month: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Theme {
    /// The term as most often written in the scope.
    pub label: String,
    /// G² against the rest of the journal (higher: more distinctive).
    pub score: f64,
    /// Entries of the scope that contain it.
    pub entries: u32,
    /// Entries per month, oldest first; months without any are left out.
    pub monthly: Vec<MonthCount>,
    /// The entries, newest first.
    pub entry_ids: Vec<String>,
    /// For the whole journal: the people it comes back with most (empty for one person;
    /// always present, the window reads it).
    pub people: Vec<String>,
    /// In fewer entries than the minimum: shown only because the scope is small.
    pub early: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ThemesReport {
    /// Entries in the scope, and in the rest of the journal.
    pub scope_entries: u32,
    pub other_entries: u32,
    pub themes: Vec<Theme>,
    /// Every skill and worry of the lexicon, with how many entries of the scope show it.
    pub skills: Vec<SkillCount>,
}

/// The themes of `scope`; brings the analysis cache up to date first. Asked again while
/// nothing it reads has changed, the same report (see `memo`).
pub fn themes(
    j: &mut Journal,
    scope: &Scope,
    opts: &ThemeOptions,
) -> Result<Arc<ThemesReport>, ThemesError> {
    if let (Some(a), Some(b)) = (scope.since, scope.until) {
        if a > b {
            return Err(ThemesError::EmptyWindow);
        }
    }
    cache::catch_up(j)?;
    let people = j.people(true)?;
    let person = match &scope.person {
        Some(name) => Some(j.person(name)?),
        None => None,
    };
    let key = memo::Key::new(cache::state(j.conn())?, &people, scope, opts);
    if let Some(report) = j.themes_memo().get(&key) {
        return Ok(report);
    }
    let total = rows::total(j.conn())?;
    // Names are not themes: a person's own name in their scope (another's can be: the
    // colleague who keeps coming up), anyone's for the team, a kind or a window.
    let names: Vec<String> = match &person {
        Some(p) => rank::name_keys(std::slice::from_ref(p)),
        None => rank::name_keys(&people),
    };
    let report = if scope.is_everything() {
        let kept = j.themes_memo().whole.take();
        let whole = whole::Whole::refresh(j.conn(), kept)?;
        let themes = rank::by_people(j.conn(), &whole, &people, &names, opts)?;
        let scope_entries = whole.len() as u32;
        let skills = skills::count(
            whole
                .newest_first()
                .map(|(_, slot)| (slot.id.as_str(), slot.flags)),
        );
        j.themes_memo().whole = Some(whole);
        ThemesReport {
            scope_entries,
            other_entries: total.saturating_sub(scope_entries),
            themes,
            skills,
        }
    } else {
        let rows = rows::load(j.conn(), scope, person.as_ref().map(|p| p.id.as_str()))?;
        let scope_entries = rows.rows.len() as u32;
        ThemesReport {
            scope_entries,
            other_entries: total.saturating_sub(scope_entries),
            themes: rank::against_rest(j.conn(), &rows, total, &names, opts)?,
            skills: skills::count(rows.rows.iter().map(|r| (r.id.as_str(), r.flags))),
        }
    };
    let report = Arc::new(report);
    j.themes_memo().put(key, report.clone());
    Ok(report)
}

#[cfg(test)]
mod tests;
