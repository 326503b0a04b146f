//! Rules about one-on-ones: kept to cadence, a worry that keeps coming back, and meetings
//! that are all about the work and never about the person.

use crate::analysis::{Skill, Worry};
use crate::model::{Kind, Relationship};

use super::{first_name, ids, plural, Ctx, Draft};
use crate::nudges::Nudge;

pub const OVERDUE: &str = "one-on-one-overdue";
pub const WORRY_CONFLICT: &str = "recurring-conflict";
pub const DETAIL: &str = "detail-heavy-one-on-ones";

/// A one-on-one (or mentoring session) overdue against the person's cadence.
pub fn overdue(ctx: &Ctx<'_>) -> Vec<Nudge> {
    let mut out = Vec::new();
    for p in ctx.people() {
        let Some(cadence) = p.cadence_days.filter(|&c| c > 0) else {
            continue;
        };
        let history = ctx.history(p);
        let Some(last) = history.iter().find(|e| e.is_meeting()) else {
            continue;
        };
        let days = ctx.age(last.date);
        let standing = crate::today::standing(Some(cadence), Some(last.date), ctx.today);
        if !crate::today::past_grace(&standing, cadence, ctx.s.overdue_grace_percent) {
            continue;
        }
        let name = first_name(p);
        let what = if last.kind == Kind::Mentoring {
            "mentoring session"
        } else {
            "one-on-one"
        };
        out.push(
            Draft {
                rule: OVERDUE,
                skill: Skill::EmpathyListening,
                person: Some(p),
                subject: &p.id,
                episode: &last.id,
                message: format!(
                    "Your last {what} with {} was {days} days ago ({}); you meant to meet every {}.",
                    p.name,
                    last.date,
                    plural(cadence as usize, "day", "days")
                ),
                evidence: vec![last.id.clone()],
                suggestion: format!(
                    "Book time with {name} this week, and open with: \"What has changed for you since we last talked?\""
                ),
            }
            .build()
            .late_by(days - i64::from(cadence)),
        );
    }
    out
}

fn worry_rule(w: Worry) -> (&'static str, Skill, &'static str) {
    match w {
        Worry::Workload => (
            "recurring-workload",
            Skill::EmpathyListening,
            "Ask what they would stop doing if they could, then take one thing off their plate yourself before the next meeting.",
        ),
        Worry::Conflict => (
            WORRY_CONFLICT,
            Skill::ConflictResolution,
            "Talk to the people involved together, agree who decides what, and write it down.",
        ),
        Worry::Disengagement => (
            "recurring-disengagement",
            Skill::EmpathyListening,
            "Ask: \"What part of your work gives you energy right now, and what drains it?\" and listen without fixing.",
        ),
        Worry::CareerStagnation => (
            "recurring-stagnation",
            Skill::CareerGrowth,
            "Agree on one stretch goal for the next quarter and what support they need from you to reach it.",
        ),
    }
}

/// The same worry in most of the latest meetings with someone.
pub fn recurring_worry(ctx: &Ctx<'_>) -> Vec<Nudge> {
    let mut out = Vec::new();
    let window = ctx.s.worry_window as usize;
    let min = ctx.s.worry_min as usize;
    for p in ctx.people() {
        let history = ctx.history(p);
        let recent: Vec<_> = history
            .iter()
            .filter(|e| e.is_meeting())
            .take(window)
            .copied()
            .collect();
        if recent.len() < min {
            continue;
        }
        for &w in Worry::ALL {
            let with: Vec<_> = recent
                .iter()
                .filter(|e| e.shows_worry(w))
                .copied()
                .collect();
            if with.len() < min {
                continue;
            }
            let (rule, skill, suggestion) = worry_rule(w);
            out.push(
                Draft {
                    rule,
                    skill,
                    person: Some(p),
                    subject: &p.id,
                    episode: "",
                    message: format!(
                        "{} came up in {} of your last {} meetings with {}.",
                        w.label(),
                        with.len(),
                        recent.len(),
                        p.name
                    ),
                    evidence: ids(with),
                    suggestion: suggestion.to_string(),
                }
                .build(),
            );
        }
    }
    out
}

/// One-on-ones with a report that are almost all implementation detail: the manager is
/// doing the work (or checking it) instead of talking with the person.
pub fn detail_heavy(ctx: &Ctx<'_>) -> Vec<Nudge> {
    let mut out = Vec::new();
    for p in ctx.people() {
        if !matches!(
            p.relationship,
            Relationship::Report | Relationship::SkipLevel
        ) {
            continue;
        }
        let history = ctx.history(p);
        let recent: Vec<_> = history
            .iter()
            .filter(|e| e.kind == Kind::OneOnOne)
            .take(ctx.s.detail_window as usize)
            .copied()
            .collect();
        if recent.len() < ctx.s.detail_min as usize {
            continue;
        }
        let heavy: Vec<_> = recent
            .iter()
            .filter(|e| e.hits.detail >= ctx.s.detail_ratio * e.hits.personal.max(1))
            .copied()
            .collect();
        if heavy.len() < ctx.s.detail_min as usize {
            continue;
        }
        let name = first_name(p);
        out.push(
            Draft {
                rule: DETAIL,
                skill: Skill::Delegation,
                person: Some(p),
                subject: &p.id,
                episode: "",
                message: format!(
                    "{} of your last {} one-on-ones with {} were mostly implementation detail, with little about {name} as a person.",
                    heavy.len(),
                    recent.len(),
                    p.name
                ),
                evidence: ids(heavy),
                suggestion: format!(
                    "Move status and code questions to the team channel, and let {name} set the agenda next time. Ask: \"What would you like more of, or less of, from me?\""
                ),
            }
            .build(),
        );
    }
    out
}
