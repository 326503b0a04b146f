//! Keeping people: a report showing signs of leaving in more than one recent entry, with
//! no stay conversation noted since.

use crate::analysis::{EntryMeta, Signal, Skill};
use crate::model::Relationship;

use super::{first_name, ids, plural, Ctx, Draft};
use crate::nudges::Nudge;

/// Signs older than this are history, not a pattern.
const WINDOW_DAYS: i64 = 90;
/// One passing mention of a recruiter is not a pattern; two entries are.
const MIN_ENTRIES: usize = 2;

pub const RULE: &str = "signs-of-leaving";

pub fn leaving(ctx: &Ctx<'_>) -> Vec<Nudge> {
    let mut out = Vec::new();
    for p in ctx.people() {
        if !matches!(
            p.relationship,
            Relationship::Report | Relationship::SkipLevel
        ) {
            continue;
        }
        let history = ctx.history(p);
        // Feedback the manager received is about the manager.
        let about = |e: &&&EntryMeta| e.feedback.is_none_or(|f| !f.received);
        let stayed_at = history
            .iter()
            .filter(about)
            .find(|e| e.hits.has(Signal::Stay))
            .map(|e| e.date);
        let signs: Vec<&EntryMeta> = history
            .iter()
            .filter(about)
            .filter(|e| ctx.age(e.date) <= WINDOW_DAYS)
            .filter(|e| e.hits.has(Signal::Leaving))
            .filter(|e| stayed_at.is_none_or(|s| e.date > s))
            .copied()
            .collect();
        if signs.len() < MIN_ENTRIES {
            continue;
        }
        let Some(first) = signs.last() else {
            continue;
        };
        let name = first_name(p);
        out.push(
            Draft {
                rule: RULE,
                skill: Skill::KeepingPeople,
                person: Some(p),
                subject: &p.id,
                episode: &first.id,
                message: format!(
                    "{} may be thinking about leaving: signs of it in {} since {}, and no stay conversation noted.",
                    p.name,
                    plural(signs.len(), "entry", "entries"),
                    first.date
                ),
                evidence: ids(signs.iter().copied()),
                suggestion: format!(
                    "Have a stay conversation with {name} soon, without waiting for a resignation: \"What keeps you here, and what might make you leave?\" Then note what you agreed to change."
                ),
            }
            .build(),
        );
    }
    out
}
