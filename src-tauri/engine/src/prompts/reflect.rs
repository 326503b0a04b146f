//! The manager's own reflection: weekly questions, the first-90-days track from the day
//! they started managing, and the monthly "is this the right path for me?" questions with
//! the mood of earlier answers as a trend (staying on, or going back to, a technical track
//! is a legitimate outcome).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, TimeDelta};
use serde::Serialize;

use crate::model::Kind;
use crate::nudges::settings::date_setting;
use crate::Journal;

use super::bank;
use super::{weekly_pick, PromptError};

/// Where the management start date is kept (`settings` table).
const START_KEY: &str = "prompts.management_start";
/// The tag that marks an answer to the monthly path reflection.
pub const PATH_TAG: &str = "path";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TrackWeek {
    /// 1 to 13.
    pub week: u32,
    pub theme: String,
    pub questions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MoodMonth {
    /// YYYY-MM
    pub month: String,
    /// Average mood (1–5) of that month's answers.
    pub mood: f64,
    pub answers: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PathReflection {
    /// No answer this month yet.
    pub due: bool,
    pub questions: Vec<String>,
    /// Earlier answers' mood by month, oldest first.
    pub trend: Vec<MoodMonth>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reflection {
    /// The Monday of this week.
    pub week_of: NaiveDate,
    pub weekly: Vec<String>,
    /// This week of the first-90-days track, while it lasts.
    pub first_90_days: Option<TrackWeek>,
    pub management_start: Option<NaiveDate>,
    /// Shown while this month's answer is still due (with the trend so far).
    pub path: Option<PathReflection>,
    /// The trend, always.
    pub path_trend: Vec<MoodMonth>,
    pub how_to_answer: String,
}

pub fn management_start(j: &Journal) -> Result<Option<NaiveDate>, PromptError> {
    Ok(date_setting(j.conn(), START_KEY)?)
}

pub fn set_management_start(j: &mut Journal, date: NaiveDate) -> Result<(), PromptError> {
    j.write(|tx| {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            rusqlite::params![START_KEY, date.format("%Y-%m-%d").to_string()],
        )?;
        Ok(())
    })?;
    Ok(())
}

/// The week of the track `today` falls in, if within the first 13 weeks from `start`.
pub fn track_week(start: NaiveDate, today: NaiveDate) -> Option<TrackWeek> {
    let days = (today - start).num_days();
    if days < 0 {
        return None;
    }
    let week = (days / 7) as usize;
    let (theme, questions) = bank::FIRST_90_DAYS.get(week)?;
    Some(TrackWeek {
        week: week as u32 + 1,
        theme: theme.to_string(),
        questions: questions.iter().map(|q| q.to_string()).collect(),
    })
}

pub fn reflect(j: &Journal, today: NaiveDate) -> Result<Reflection, PromptError> {
    let start = management_start(j)?;
    let week_of = today - TimeDelta::days(i64::from(today.weekday().num_days_from_monday()));
    let weekly = weekly_pick(bank::WEEKLY, "weekly", today, 3)
        .into_iter()
        .map(String::from)
        .collect();
    let mut stmt = j.conn().prepare(
        "SELECT date, mood FROM entries
         WHERE kind = ?1 AND deleted_at IS NULL AND date <= ?2
           AND EXISTS (SELECT 1 FROM json_each(entries.tags) WHERE value = ?3)",
    )?;
    let answers: Vec<(NaiveDate, Option<u8>)> = stmt
        .query_map(
            rusqlite::params![
                Kind::Reflection.as_str(),
                today.format("%Y-%m-%d").to_string(),
                PATH_TAG
            ],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<u8>>(1)?)),
        )?
        .filter_map(|row| {
            row.map(|(d, m)| {
                NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                    .ok()
                    .map(|d| (d, m))
            })
            .transpose()
        })
        .collect::<Result<_, _>>()?;
    let mut months: BTreeMap<(i32, u32), (u32, u32)> = BTreeMap::new();
    for (date, mood) in &answers {
        if let Some(m) = *mood {
            let slot = months.entry((date.year(), date.month())).or_insert((0, 0));
            slot.0 += u32::from(m);
            slot.1 += 1;
        }
    }
    let trend: Vec<MoodMonth> = months
        .into_iter()
        .map(|((y, m), (sum, n))| MoodMonth {
            month: format!("{y:04}-{m:02}"),
            mood: (f64::from(sum) / f64::from(n) * 10.0).round() / 10.0,
            answers: n,
        })
        .collect();
    let answered = answers
        .iter()
        .any(|(d, _)| d.year() == today.year() && d.month() == today.month());
    let path = (!answered).then(|| PathReflection {
        due: true,
        questions: bank::PATH.iter().map(|q| q.to_string()).collect(),
        trend: trend.clone(),
    });
    Ok(Reflection {
        week_of,
        weekly,
        first_90_days: start.and_then(|s| track_week(s, today)),
        management_start: start,
        path,
        path_trend: trend,
        how_to_answer: format!(
            "Write it down as a reflection; for the monthly questions tag it \"{PATH_TAG}\" and give it a mood (1 = not for me, 5 = exactly right)."
        ),
    })
}
