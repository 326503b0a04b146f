//! Review packets: a period of a person's record (or the manager's own) turned into the
//! evidence a review is written from. Every line cites the entries behind it (date, title
//! and id), so nothing in a review rests on memory or on the last six weeks.

mod build;
mod html;
mod markdown;

use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::AnalysisError;
use crate::goals::Goal;
use crate::model::{Direction, ModelError};
use crate::themes::ThemesError;

pub use build::build;
pub use html::to_html;
pub use markdown::to_markdown;

#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error("no person with that name")]
    UnknownPerson,
    #[error("the period starts after it ends")]
    EmptyPeriod,
    #[error("a review covers at most 10 years")]
    TooLong,
    #[error(transparent)]
    Model(ModelError),
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
}

impl From<ModelError> for ReviewError {
    fn from(e: ModelError) -> Self {
        match e {
            ModelError::UnknownPerson => ReviewError::UnknownPerson,
            e => ReviewError::Model(e),
        }
    }
}

impl From<ThemesError> for ReviewError {
    fn from(e: ThemesError) -> Self {
        match e {
            ThemesError::UnknownPerson => ReviewError::UnknownPerson,
            ThemesError::EmptyWindow => ReviewError::EmptyPeriod,
            ThemesError::Analysis(a) => ReviewError::Analysis(a),
        }
    }
}

/// Whose record, over which days. Without dates: the six months up to today.
#[derive(Debug, Clone, Default)]
pub struct ReviewQuery {
    /// A person's name; `None` for the manager's own packet.
    pub person: Option<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

/// An entry a line of the packet rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Cite {
    pub id: String,
    pub date: NaiveDate,
    pub title: String,
}

/// An action item in the period, with the entry it came from when it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionLine {
    pub id: String,
    pub text: String,
    /// "me" or "them".
    pub owner: String,
    pub done: bool,
    pub entry: Option<Cite>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MoodNote {
    pub entry: Cite,
    pub mood: u8,
}

/// The counts, each with the entries counted.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Summary {
    /// Entries in the period.
    pub entries: u32,
    /// One-on-ones and mentoring sessions held.
    pub meetings: Vec<Cite>,
    /// How many the cadence asks for over the period, when there is one.
    pub expected_meetings: Option<u32>,
    pub praise_given: Vec<Cite>,
    pub constructive_given: Vec<Cite>,
    /// Feedback written down to give, not (yet) marked delivered.
    pub planned_not_delivered: Vec<Cite>,
    pub feedback_received: Vec<Cite>,
    pub actions_done: Vec<ActionLine>,
    pub actions_open: Vec<ActionLine>,
    pub moods: Vec<MoodNote>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeedbackItem {
    pub entry: Cite,
    pub situation: Option<String>,
    pub behavior: Option<String>,
    pub impact: Option<String>,
    pub planned: bool,
    pub received: bool,
}

/// Feedback on one area (the entry's first tag, or "general"), in one direction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeedbackGroup {
    pub area: String,
    pub direction: Direction,
    pub items: Vec<FeedbackItem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// Not among the previous period's themes at all.
    New,
    Rising,
    Steady,
    Fading,
}

/// A theme of the period against the previous period of the same length.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ThemeTrend {
    pub label: String,
    /// Entries that show it, this period and the one before.
    pub now: u32,
    pub before: u32,
    pub trend: Trend,
    /// This period's entries (the previous period's for a fading theme), newest first.
    pub entries: Vec<Cite>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalReport {
    pub goal: Goal,
    /// Check-ins dated in the period.
    pub checkins: Vec<Cite>,
    /// Where it stands at the end of the period, in words.
    pub outcome: String,
}

/// A question to write the review with, and what the person already heard from you.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewPrompt {
    pub area: String,
    pub question: String,
    /// Delivered feedback that covered it.
    pub told: Vec<Cite>,
    /// Nothing delivered covers it: it would come as a surprise in the review. Fix that
    /// before the review, in a conversation.
    pub surprise: bool,
}

/// How often the manager's notes touched a skill in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SkillMonth {
    /// YYYY-MM
    pub month: String,
    /// (skill label, entries), most first.
    pub skills: Vec<(String, u32)>,
}

/// The manager's own record ("my year").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OwnRecord {
    pub reflections: Vec<Cite>,
    /// The first 90 days since the journal's first entry, when they fall in the period.
    pub first_90_days: Vec<Cite>,
    pub skills_by_month: Vec<SkillMonth>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Packet {
    /// The person's name, or `None` for the manager's own packet.
    pub person: Option<String>,
    pub role: Option<String>,
    pub cadence_days: Option<u32>,
    pub since: NaiveDate,
    pub until: NaiveDate,
    /// Nothing was written in the period: every section is empty.
    pub empty: bool,
    pub summary: Summary,
    pub feedback: Vec<FeedbackGroup>,
    pub themes: Vec<ThemeTrend>,
    pub goals: Vec<GoalReport>,
    pub career: Vec<Cite>,
    pub highlights: Vec<Cite>,
    pub prompts: Vec<ReviewPrompt>,
    /// For the manager's own packet only.
    pub own: Option<OwnRecord>,
}

impl Packet {
    /// "Priya Raman" or "My own record", for headings.
    pub fn subject(&self) -> &str {
        self.person.as_deref().unwrap_or("My own record")
    }
}

#[cfg(test)]
mod tests;
