//! The manager's own reflection habit, and the struggles their reflections keep naming.

use crate::analysis::{EntryMeta, Signal, Skill, Struggle};
use crate::model::Kind;

use super::{ids, Ctx, Draft};
use crate::nudges::Nudge;

/// No reflection written in a while (in a journal old enough to have had one).
pub fn lapsed(ctx: &Ctx<'_>) -> Vec<Nudge> {
    let gap = i64::from(ctx.s.reflection_gap_days);
    let Some(oldest) = ctx.corpus.entries.first() else {
        return Vec::new();
    };
    let last = ctx.all_history().find(|e| e.kind == Kind::Reflection);
    let since = match last {
        Some(e) => ctx.age(e.date),
        None => ctx.age(oldest.date),
    };
    if since <= gap {
        return Vec::new();
    }
    let message = match last {
        Some(e) => format!("Your last reflection was {since} days ago, on {}.", e.date),
        None => "You have not written a reflection yet.".to_string(),
    };
    vec![Draft {
        rule: "no-recent-reflection",
        skill: Skill::SelfReflection,
        person: None,
        subject: "",
        episode: last.map_or("", |e| e.id.as_str()),
        message,
        evidence: last.iter().map(|e| e.id.clone()).collect(),
        suggestion: "Take ten minutes on Friday: what went well, what you avoided, and one thing to try next week (the weekly reflection prompt has questions to start from).".to_string(),
    }
    .build()]
}

pub const STRUGGLE_RULE: &str = "same-struggle-in-reflections";

/// The skill a struggle asks for, how the message names it, and what to try.
fn coaching(s: Struggle) -> (Skill, &'static str, &'static str) {
    match s {
        Struggle::PuttingOff => (
            Skill::DifficultFeedback,
            "putting off a hard conversation",
            "Pick the conversation you keep putting off and book it for this week. Write its first two sentences now (the situation, and what you saw) and open with them; it rarely gets easier by waiting.",
        ),
        Struggle::MissingCraft => (
            Skill::Delegation,
            "missing the technical work",
            "Missing the craft is normal in the first year. Decide which technical work is yours now (design reviews, unblocking, one small task off the critical path) rather than taking tickets back, and talk the change through with your own manager or a mentor.",
        ),
        Struggle::Overcommitting => (
            Skill::NavigatingOrg,
            "saying yes to everything",
            "Before the next yes, ask what it replaces. List what you have agreed to, then hand off or decline one this week: \"I can't do this well right now; here is who could.\"",
        ),
        Struggle::SelfDoubt => (
            Skill::SelfReflection,
            "doubting yourself in the role",
            "Ask your manager or a mentor for one specific thing you do well and one to work on, and write down three things that went well this month beside the worries.",
        ),
    }
}

/// Several of the latest reflections name the same struggle.
pub fn struggles(ctx: &Ctx<'_>) -> Vec<Nudge> {
    let days = i64::from(ctx.s.struggle_days);
    let recent: Vec<&EntryMeta> = ctx
        .all_history()
        .filter(|e| e.kind == Kind::Reflection && e.person_id.is_none())
        .take_while(|e| ctx.age(e.date) <= days)
        .take(ctx.s.struggle_window as usize)
        .collect();
    let mut out = Vec::new();
    for &s in Struggle::ALL {
        let naming: Vec<&EntryMeta> = recent
            .iter()
            .filter(|e| e.hits.has(Signal::Struggle(s)))
            .copied()
            .collect();
        if naming.len() < ctx.s.struggle_min as usize {
            continue;
        }
        let Some(first) = naming.last() else {
            continue;
        };
        let (skill, what, suggestion) = coaching(s);
        out.push(
            Draft {
                rule: STRUGGLE_RULE,
                skill,
                person: None,
                subject: s.id(),
                episode: &first.id,
                message: format!(
                    "{} of your last {} reflections come back to {what}, since {}.",
                    naming.len(),
                    recent.len(),
                    first.date
                ),
                evidence: ids(naming.iter().copied()),
                suggestion: suggestion.to_string(),
            }
            .build(),
        );
    }
    out
}
