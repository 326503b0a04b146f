//! Themes, nudges, the one-on-one prep agenda and feedback guidance: thin calls into the
//! engine's analysis, dated by the user's local today.

use candor_engine::model::Direction;
use candor_engine::nudges::{self, Nudge};
use candor_engine::prompts::{self, Prep};
use candor_engine::themes::{self, Scope, ThemeOptions, ThemesReport};
use candor_engine::Journal;

use super::local_today;
use crate::dto::{count, parse_date, EntryRef, NudgeThreshold, NudgeView, SbiHelp, ThemesQuery};
use crate::error::{AppError, AppResult};
use crate::run::blocking;
use tauri::AppHandle;

/// Evidence entries shown under one nudge at most.
pub const EVIDENCE_LIMIT: usize = 5;
/// Entries one `entry_refs` call returns at most (a theme's list on screen).
pub const REFS_LIMIT: usize = 100;

/// The entries behind `ids` that still exist, in the given order.
pub fn refs(j: &Journal, ids: &[String], limit: usize) -> Vec<EntryRef> {
    ids.iter()
        .filter_map(|id| j.entry(id).ok())
        .filter(|e| e.deleted_at.is_none())
        .take(limit)
        .map(|e| EntryRef::from(&e))
        .collect()
}

pub fn nudge_view(j: &Journal, n: Nudge) -> NudgeView {
    NudgeView {
        evidence: refs(j, &n.evidence, EVIDENCE_LIMIT),
        evidence_total: count(n.evidence.len()),
        skill: n.skill.label().to_string(),
        id: n.id,
        person: n.person,
        message: n.message,
        suggestion: n.suggestion,
        members: n.members.into_iter().map(|m| m.message).collect(),
        status: "shown".into(),
        until: None,
        group: n.group,
    }
}

pub fn scope(q: &ThemesQuery) -> AppResult<Scope> {
    Ok(Scope {
        person: q
            .person
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string),
        kind: q.kind,
        since: parse_date(q.since.as_deref(), "the start date")?,
        until: parse_date(q.until.as_deref(), "the end date")?,
    })
}

/// Today's nudges, without those dismissed or snoozed.
#[tauri::command]
pub async fn nudges(app: AppHandle) -> AppResult<Vec<NudgeView>> {
    blocking(app, move |state| {
        state.with_analysis(|j| {
            let list = nudges::nudges(j, local_today())?;
            Ok(list.into_iter().map(|n| nudge_view(j, n)).collect())
        })
    })
    .await
}

/// Every current nudge, the dismissed and snoozed ones too (after the shown ones).
#[tauri::command]
pub async fn all_nudges(app: AppHandle) -> AppResult<Vec<NudgeView>> {
    blocking(app, move |state| {
        state.with_analysis(|j| {
            let list = nudges::all_nudges(j, local_today())?;
            Ok(list
                .into_iter()
                .map(|l| {
                    let status = match l.status {
                        nudges::Status::Shown => "shown",
                        nudges::Status::Snoozed => "snoozed",
                        nudges::Status::Dismissed => "dismissed",
                    };
                    NudgeView {
                        status: status.into(),
                        until: l.until,
                        ..nudge_view(j, l.nudge)
                    }
                })
                .collect())
        })
    })
    .await
}

/// Shows a dismissed or snoozed nudge again.
#[tauri::command]
pub async fn restore_nudge(app: AppHandle, id: String) -> AppResult<()> {
    blocking(app, move |state| {
        state.with(|j| {
            nudges::restore(j, &id, local_today())?;
            Ok(())
        })
    })
    .await
}

/// Hides a nudge for good, or for `snooze_days` days.
#[tauri::command]
pub async fn dismiss_nudge(app: AppHandle, id: String, snooze_days: Option<u32>) -> AppResult<()> {
    blocking(app, move |state| {
        state.with(|j| {
            nudges::dismiss(j, &id, snooze_days, local_today())?;
            Ok(())
        })
    })
    .await
}

/// Every nudge threshold with its meaning, value, default and range.
pub fn thresholds(j: &Journal) -> AppResult<Vec<NudgeThreshold>> {
    Ok(nudges::settings(j)?
        .describe()
        .into_iter()
        .map(NudgeThreshold::from)
        .collect())
}

/// Sets one threshold (`None`: back to its default) and lists them all again. A value
/// that is negative, too large or outside the threshold's range is `Invalid`; a key
/// that names no threshold is `NotFound`. Nothing is written unless the value is good.
pub fn set_threshold(
    j: &mut Journal,
    key: &str,
    value: Option<i64>,
) -> AppResult<Vec<NudgeThreshold>> {
    let value = match value {
        None => None,
        Some(v) => match u32::try_from(v) {
            Ok(v) => Some(v),
            Err(_) => {
                // Out of any threshold's range; say which range applies.
                let key = key.trim().replace('-', "_");
                let info = nudges::NudgeSettings::default()
                    .describe()
                    .into_iter()
                    .find(|i| i.key == key)
                    .ok_or(AppError::NotFound {
                        what: "nudge threshold".into(),
                    })?;
                return Err(AppError::Invalid {
                    message: format!("{} must be between {} and {}", info.key, info.min, info.max),
                });
            }
        },
    };
    nudges::set(j, key, value)?;
    thresholds(j)
}

/// The nudge thresholds, for Settings.
#[tauri::command]
pub async fn nudge_thresholds(app: AppHandle) -> AppResult<Vec<NudgeThreshold>> {
    blocking(app, move |state| state.with(|j| thresholds(j))).await
}

/// Changes one nudge threshold, or with no `value` puts back its default; answers them all.
#[tauri::command]
pub async fn set_nudge_threshold(
    app: AppHandle,
    key: String,
    value: Option<i64>,
) -> AppResult<Vec<NudgeThreshold>> {
    blocking(app, move |state| {
        state.with(|j| set_threshold(j, &key, value))
    })
    .await
}

#[tauri::command]
pub async fn themes(app: AppHandle, query: ThemesQuery) -> AppResult<std::sync::Arc<ThemesReport>> {
    blocking(app, move |state| {
        let scope = scope(&query)?;
        let opts = ThemeOptions {
            limit: query.limit.map_or(15, |l| l.clamp(1, 50) as usize),
            ..ThemeOptions::default()
        };
        state.with_analysis(|j| Ok(themes::themes(j, &scope, &opts)?))
    })
    .await
}

/// The entries behind a theme or a skill, to list and open.
#[tauri::command]
pub async fn entry_refs(app: AppHandle, ids: Vec<String>) -> AppResult<Vec<EntryRef>> {
    blocking(app, move |state| {
        state.with(|j| Ok(refs(j, &ids, REFS_LIMIT)))
    })
    .await
}

/// The agenda for the next one-on-one with `name`.
#[tauri::command]
pub async fn prep(app: AppHandle, name: String) -> AppResult<Prep> {
    blocking(app, move |state| {
        state.with_analysis(|j| Ok(prompts::prep(j, &name, local_today())?))
    })
    .await
}

/// The SBI checklist for a feedback draft, and what the draft still lacks. Needs no
/// journal, but answers only while it is unlocked (the draft is journal text).
#[tauri::command]
pub async fn sbi_help(
    app: AppHandle,
    direction: Direction,
    situation: String,
    behavior: String,
    impact: String,
) -> AppResult<SbiHelp> {
    blocking(app, move |state| {
        state.with(|_| Ok(sbi(direction, &situation, &behavior, &impact)))
    })
    .await
}

pub fn sbi(direction: Direction, situation: &str, behavior: &str, impact: &str) -> SbiHelp {
    SbiHelp {
        guidance: prompts::sbi::guidance(direction),
        hints: prompts::sbi::check_draft(direction, Some(situation), Some(behavior), Some(impact)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AppError;
    use crate::state::AppState;
    use candor_engine::model::{Kind, NewEntry, NewPerson, Relationship};
    use candor_engine::SecretString;

    #[test]
    fn nudges_themes_and_prep_come_from_the_open_journal() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let state = AppState::new(tmp.path().join("j"), false);
        state
            .create(SecretString::from("correct horse battery".to_string()))
            .expect("create");
        let today = local_today();
        state
            .with(|j| {
                j.add_person(&NewPerson {
                    name: "Ada".into(),
                    role: None,
                    relationship: Relationship::Report,
                    cadence_days: Some(7),
                })?;
                for i in 0..6 {
                    j.log(NewEntry {
                        kind: Some(Kind::OneOnOne),
                        date: Some(today - chrono::Duration::days(60 + i)),
                        person: Some("Ada".into()),
                        body: "The migration deadline worries her; the migration plan slipped."
                            .into(),
                        ..Default::default()
                    })?;
                }
                Ok(())
            })
            .expect("seed");
        state
            .with(|j| {
                let list = nudges::nudges(j, today)?;
                assert!(!list.is_empty(), "an overdue one-on-one nudges");
                let v = nudge_view(j, list[0].clone());
                assert!(v.evidence.len() <= EVIDENCE_LIMIT);
                nudges::dismiss(j, &v.id, Some(7), today)?;
                let after = nudges::nudges(j, today)?;
                assert!(after.iter().all(|n| n.id != v.id), "snoozed");

                let q = ThemesQuery {
                    person: Some("Ada".into()),
                    ..Default::default()
                };
                let r = themes::themes(j, &scope(&q)?, &ThemeOptions::default())?;
                assert_eq!(r.scope_entries, 6);
                let p = prompts::prep(j, "Ada", today)?;
                assert_eq!(p.person, "Ada");
                Ok(())
            })
            .expect("insight");
        let bad = ThemesQuery {
            since: Some("yesterday".into()),
            ..Default::default()
        };
        assert!(matches!(scope(&bad), Err(AppError::Invalid { .. })));
        let help = sbi(Direction::Constructive, "", "He is always lazy", "");
        assert!(help.guidance.len() >= 4);
        assert!(help.hints.iter().any(|h| h.contains("lazy")));
    }

    #[test]
    fn nudge_thresholds_are_listed_set_reset_and_checked() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let state = AppState::new(tmp.path().join("j"), false);
        state
            .create(SecretString::from("correct horse battery".to_string()))
            .expect("create");
        state
            .with(|j| {
                let all = thresholds(j)?;
                let gap = all
                    .iter()
                    .find(|t| t.key == "constructive_gap_days")
                    .expect("listed");
                assert_eq!((gap.value, gap.default, gap.min), (60, 60, 7));
                assert!(!gap.description.is_empty());

                let after = set_threshold(j, "constructive_gap_days", Some(30))?;
                let gap = after.iter().find(|t| t.key == "constructive_gap_days");
                assert_eq!(gap.map(|t| t.value), Some(30));
                assert_eq!(thresholds(j)?, after, "stored");

                for bad in [3, -1, i64::from(u32::MAX) + 1] {
                    assert!(
                        matches!(
                            set_threshold(j, "constructive_gap_days", Some(bad)),
                            Err(AppError::Invalid { .. })
                        ),
                        "{bad} is refused"
                    );
                }
                assert!(matches!(
                    set_threshold(j, "no_such_thing", Some(5)),
                    Err(AppError::NotFound { .. })
                ));
                assert!(matches!(
                    set_threshold(j, "no_such_thing", Some(-5)),
                    Err(AppError::NotFound { .. })
                ));
                let gap = thresholds(j)?
                    .into_iter()
                    .find(|t| t.key == "constructive_gap_days");
                assert_eq!(
                    gap.map(|t| t.value),
                    Some(30),
                    "a refused value writes nothing"
                );

                let reset = set_threshold(j, "constructive_gap_days", None)?;
                let gap = reset.iter().find(|t| t.key == "constructive_gap_days");
                assert_eq!(gap.map(|t| t.value), Some(60));
                Ok(())
            })
            .expect("thresholds");
        state.lock();
        assert!(matches!(
            state.with(|j| thresholds(j)),
            Err(AppError::Locked)
        ));
    }
}
