//! The nudges' thresholds: settings stored in the journal (`settings` table, keys
//! `nudges.NAME`), each with a default.

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::Journal;

use super::NudgeError;

macro_rules! thresholds {
    ($($field:ident = $default:literal, $min:literal..=$max:literal, $doc:literal;)+) => {
        /// Thresholds of the nudge rules.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub struct NudgeSettings { $(#[doc = $doc] pub $field: u32,)+ }

        impl Default for NudgeSettings {
            fn default() -> Self { NudgeSettings { $($field: $default,)+ } }
        }

        /// One threshold as listed for the user.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub struct SettingInfo {
            pub key: String,
            pub value: u32,
            pub default: u32,
            pub min: u32,
            pub max: u32,
            pub description: String,
        }

        impl NudgeSettings {
            fn set_field(&mut self, key: &str, v: u32) -> Result<(), NudgeError> {
                match key {
                    $(stringify!($field) => {
                        if !($min..=$max).contains(&v) {
                            return Err(NudgeError::Invalid(concat!(
                                stringify!($field), " must be between ", $min, " and ", $max)));
                        }
                        self.$field = v;
                    })+
                    _ => return Err(NudgeError::UnknownSetting),
                }
                Ok(())
            }

            /// Every threshold with its value, default, range and meaning.
            pub fn describe(&self) -> Vec<SettingInfo> {
                vec![$(SettingInfo {
                    key: stringify!($field).to_string(),
                    value: self.$field,
                    default: $default,
                    min: $min,
                    max: $max,
                    description: $doc.trim().to_string(),
                },)+]
            }
        }
    };
}

thresholds! {
    overdue_grace_percent = 50, 0..=500,
        "A one-on-one is overdue this much (percent of the cadence) after it was due.";
    balance_entries = 4, 2..=50,
        "One-sided feedback: this many of the latest feedback entries for someone all praise, or all constructive.";
    balance_days = 180, 7..=3650,
        "One-sided feedback: the latest of them within this many days.";
    constructive_gap_days = 60, 7..=3650,
        "No constructive feedback for anyone in this many days.";
    career_gap_days = 90, 7..=3650,
        "No career or growth conversation with a report in this many days.";
    goal_gap_days = 45, 7..=3650,
        "An active goal with no entry checking in on it for this many days.";
    worry_window = 4, 2..=20,
        "Recurring worry: among this many latest meetings with someone...";
    worry_min = 3, 1..=20,
        "...at least this many raise the same worry.";
    stale_action_days = 30, 1..=3650,
        "An open action item is stale this many days after it was agreed.";
    overdue_action_days = 7, 0..=3650,
        "An action item you own is overdue this many days after its due date.";
    detail_window = 5, 2..=20,
        "Implementation detail: among this many latest one-on-ones with a report...";
    detail_min = 4, 1..=20,
        "...at least this many are mostly about the work rather than the person.";
    detail_ratio = 4, 1..=50,
        "A one-on-one is mostly about the work when detail words outnumber words about the person this many times.";
    tension_window_days = 90, 7..=3650,
        "Tension noted within this many days...";
    tension_follow_up_days = 14, 1..=365,
        "...and not followed up this many days later.";
    planned_feedback_days = 3, 0..=365,
        "Planned feedback not delivered this many days after it was written.";
    reflection_gap_days = 14, 1..=365,
        "No reflection written in this many days.";
    struggle_window = 6, 2..=30,
        "Recurring struggle: among this many of your latest reflections...";
    struggle_min = 3, 1..=30,
        "...at least this many name the same struggle (putting off a hard conversation, missing the technical work, saying yes to everything, self-doubt)...";
    struggle_days = 90, 7..=3650,
        "...counting reflections from this many days back.";
    received_follow_up_days = 30, 1..=365,
        "Feedback you received with nothing noted about acting on it this many days later.";
    received_window_days = 180, 7..=3650,
        "Received feedback older than this many days is no longer followed up.";
    praise_gap_days = 30, 7..=3650,
        "No praise for anyone in this many days (when you have reports).";
}

const PREFIX: &str = "nudges.";

impl NudgeSettings {
    /// The stored thresholds; missing or unreadable ones take their defaults.
    pub fn load(conn: &Connection) -> Result<NudgeSettings, NudgeError> {
        let mut s = NudgeSettings::default();
        let mut stmt = conn.prepare("SELECT key, value FROM settings WHERE key LIKE 'nudges.%'")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (key, value) = row?;
            if let (Some(k), Ok(v)) = (key.strip_prefix(PREFIX), value.trim().parse::<u32>()) {
                // A value out of range (written by hand, or by a newer version) is ignored.
                let _ = s.set_field(k, v);
            }
        }
        Ok(s)
    }
}

/// The journal's thresholds.
pub fn settings(j: &Journal) -> Result<NudgeSettings, NudgeError> {
    NudgeSettings::load(j.conn())
}

/// Changes one threshold (`None`: back to its default) and returns them all.
pub fn set(j: &mut Journal, key: &str, value: Option<u32>) -> Result<NudgeSettings, NudgeError> {
    let key = key.trim().replace('-', "_");
    let default = NudgeSettings::default()
        .describe()
        .into_iter()
        .find(|i| i.key == key)
        .ok_or(NudgeError::UnknownSetting)?
        .default;
    // Checks the range before anything is written.
    NudgeSettings::default().set_field(&key, value.unwrap_or(default))?;
    let full = format!("{PREFIX}{key}");
    j.write(|tx| {
        match value {
            Some(v) => tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                rusqlite::params![full, v.to_string()],
            )?,
            None => tx.execute("DELETE FROM settings WHERE key = ?1", [&full])?,
        };
        Ok(())
    })?;
    settings(j)
}

/// A stored date setting (YYYY-MM-DD), such as the management start date.
pub fn date_setting(conn: &Connection, key: &str) -> Result<Option<chrono::NaiveDate>, NudgeError> {
    let v: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(v.and_then(|s| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()))
}
