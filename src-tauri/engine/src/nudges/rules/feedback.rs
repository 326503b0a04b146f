//! Rules about feedback: planned and never delivered, only ever one kind for someone, no
//! constructive feedback (or no praise) for anyone in a long while, and feedback the
//! manager received with nothing noted about acting on it.

use crate::analysis::{EntryMeta, Signal, Skill};
use crate::model::{Direction, Kind, Relationship};

use super::{first_name, ids, manages, plural, Ctx, Draft};
use crate::nudges::Nudge;

/// Planned feedback still not delivered some days after it was written down.
pub fn undelivered(ctx: &Ctx<'_>) -> Vec<Nudge> {
    let mut out = Vec::new();
    for p in ctx.people() {
        for e in ctx.history(p) {
            let Some(fb) = e.given_feedback() else {
                continue;
            };
            let days = ctx.age(e.date);
            if !fb.planned || days < i64::from(ctx.s.planned_feedback_days) {
                continue;
            }
            let name = first_name(p);
            let kind = match fb.direction {
                Direction::Praise => "praise",
                Direction::Constructive => "constructive feedback",
            };
            out.push(
                Draft {
                    rule: "feedback-not-delivered",
                    skill: Skill::DifficultFeedback,
                    person: Some(p),
                    subject: &e.id,
                    episode: "",
                    message: format!(
                        "You planned {kind} for {} {} ago (\"{}\") and have not marked it delivered.",
                        p.name,
                        plural(days as usize, "day", "days"),
                        e.title
                    ),
                    evidence: vec![e.id.clone()],
                    suggestion: format!(
                        "Deliver it at your next conversation with {name}: the situation, what you saw, its impact, then ask how {name} sees it. Then mark it delivered."
                    ),
                }
                .build()
                .late_by(days - i64::from(ctx.s.planned_feedback_days)),
            );
        }
    }
    out
}

/// The latest few feedback entries for someone are all praise, or all constructive.
pub fn one_sided(ctx: &Ctx<'_>) -> Vec<Nudge> {
    let mut out = Vec::new();
    let n = ctx.s.balance_entries as usize;
    for p in ctx.people().filter(|p| manages(p)) {
        let given: Vec<&EntryMeta> = ctx
            .history(p)
            .into_iter()
            .filter(|e| e.given_feedback().is_some())
            .take(n)
            .collect();
        let (Some(newest), true) = (given.first(), given.len() >= n) else {
            continue;
        };
        if ctx.age(newest.date) > i64::from(ctx.s.balance_days) {
            continue;
        }
        let dir = |e: &EntryMeta| e.given_feedback().map(|f| f.direction);
        let Some(first) = dir(newest) else {
            continue;
        };
        if !given.iter().all(|e| dir(e) == Some(first)) {
            continue;
        }
        let name = first_name(p);
        let (rule, skill, message, suggestion) = match first {
            Direction::Praise => (
                "praise-only",
                Skill::DifficultFeedback,
                format!(
                    "Your last {n} pieces of feedback for {} were all praise. Caring about someone includes telling them what to improve.",
                    p.name
                ),
                format!(
                    "Think of one thing {name} could do better and say it next time, specifically and kindly: \"One thing that would make your work land even better is…\""
                ),
            ),
            Direction::Constructive => (
                "constructive-only",
                Skill::Recognition,
                format!(
                    "Your last {n} pieces of feedback for {} were all constructive. People need to hear what is working too.",
                    p.name
                ),
                format!(
                    "Notice something {name} did well this week and say so the same day, naming the behaviour and why it mattered."
                ),
            ),
        };
        out.push(
            Draft {
                rule,
                skill,
                person: Some(p),
                subject: &p.id,
                episode: "",
                message,
                evidence: ids(given),
                suggestion,
            }
            .build(),
        );
    }
    out
}

/// No constructive feedback written (planned or delivered) for anyone in a long while.
pub fn no_constructive(ctx: &Ctx<'_>) -> Vec<Nudge> {
    let gap = i64::from(ctx.s.constructive_gap_days);
    let Some(oldest) = ctx.corpus.entries.first() else {
        return Vec::new();
    };
    // A journal younger than the gap has not had the chance.
    if ctx.age(oldest.date) < gap || !ctx.people().any(manages) {
        return Vec::new();
    }
    let last = ctx.all_history().find(|e| {
        e.given_feedback()
            .is_some_and(|f| f.direction == Direction::Constructive)
    });
    if last.is_some_and(|e| ctx.age(e.date) <= gap) {
        return Vec::new();
    }
    let (message, evidence, episode) = match last {
        Some(e) => (
            format!(
                "No constructive feedback logged for anyone in {} days; the last was on {}.",
                ctx.age(e.date),
                e.date
            ),
            vec![e.id.clone()],
            e.id.as_str(),
        ),
        None => (
            "No constructive feedback logged for anyone yet.".to_string(),
            Vec::new(),
            "",
        ),
    };
    vec![Draft {
        rule: "no-constructive-feedback",
        skill: Skill::DifficultFeedback,
        person: None,
        subject: "",
        episode,
        message,
        evidence,
        suggestion: "Pick one behaviour on your team you have let slide and raise it this week, early and in private. Write it down first as situation, behaviour, impact.".to_string(),
    }
    .build()]
}

pub const RECEIVED_RULE: &str = "feedback-received-not-acted-on";

/// Feedback the manager received, with nothing noted about acting on it some weeks later:
/// no action item of theirs made from it, and no later entry of their own (or with the
/// person who gave it) that says they tried it, worked on it or asked whether it helped.
pub fn received_not_acted_on(ctx: &Ctx<'_>) -> Vec<Nudge> {
    let after = i64::from(ctx.s.received_follow_up_days);
    let window = i64::from(ctx.s.received_window_days);
    let mut out = Vec::new();
    for e in ctx.all_history() {
        let Some(fb) = e
            .feedback
            .filter(|f| f.received && e.kind == Kind::Feedback)
        else {
            continue;
        };
        let days = ctx.age(e.date);
        if days < after || days > window || ctx.corpus.acted_on.contains(&e.id) {
            continue;
        }
        let acted = ctx.all_history().take_while(|l| l.date >= e.date).any(|l| {
            l.id != e.id
                && l.feedback.is_none_or(|f| !f.received)
                && (l.person_id.is_none() || l.person_id == e.person_id)
                && l.hits.has(Signal::ActedOnFeedback)
        });
        if acted {
            continue;
        }
        let giver = e.person_id.as_deref().and_then(|id| ctx.corpus.person(id));
        let (who, first) = match giver {
            Some(p) => (p.name.clone(), first_name(p).to_string()),
            None => ("Someone".to_string(), "them".to_string()),
        };
        let kind = match fb.direction {
            Direction::Praise => "praise",
            Direction::Constructive => "feedback",
        };
        out.push(
            Draft {
                rule: RECEIVED_RULE,
                skill: Skill::SelfReflection,
                person: giver,
                subject: &e.id,
                episode: "",
                message: format!(
                    "{who} gave you {kind} {days} days ago (\"{}\") and nothing since notes acting on it.",
                    e.title
                ),
                evidence: vec![e.id.clone()],
                suggestion: format!(
                    "Pick one change from it, try it this week and write down how it went; then ask {first} whether they notice a difference."
                ),
            }
            .build()
            .late_by(days - after),
        );
    }
    out
}

/// No praise written (planned or delivered) for anyone in a while, on a journal with
/// reports.
pub fn no_recent_praise(ctx: &Ctx<'_>) -> Vec<Nudge> {
    let gap = i64::from(ctx.s.praise_gap_days);
    let Some(oldest) = ctx.corpus.entries.first() else {
        return Vec::new();
    };
    let reports = ctx
        .people()
        .any(|p| matches!(p.relationship, Relationship::Report));
    if ctx.age(oldest.date) < gap || !reports {
        return Vec::new();
    }
    let last = ctx.all_history().find(|e| {
        e.given_feedback()
            .is_some_and(|f| f.direction == Direction::Praise)
    });
    if last.is_some_and(|e| ctx.age(e.date) <= gap) {
        return Vec::new();
    }
    let (message, evidence, episode) = match last {
        Some(e) => {
            let whom = e
                .person_id
                .as_deref()
                .and_then(|id| ctx.corpus.person(id))
                .map(|p| format!(" for {}", p.name))
                .unwrap_or_default();
            (
                format!(
                    "No praise logged for anyone in {} days; the last was{whom} on {}.",
                    ctx.age(e.date),
                    e.date
                ),
                vec![e.id.clone()],
                e.id.as_str(),
            )
        }
        None => (
            "No praise logged for anyone yet.".to_string(),
            Vec::new(),
            "",
        ),
    };
    vec![Draft {
        rule: "no-recent-praise",
        skill: Skill::Recognition,
        person: None,
        subject: "",
        episode,
        message,
        evidence,
        suggestion: "This week, notice someone doing something well and tell them the same day: what exactly they did and what it made possible. Then log it as praise.".to_string(),
    }
    .build()]
}
