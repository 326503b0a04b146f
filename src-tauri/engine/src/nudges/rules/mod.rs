//! The rules. Each reads the corpus as of `today` and returns its nudges.

mod actions;
mod delegation;
mod feedback;
mod growth;
mod meetings;
mod reflection;
mod retention;
mod tension;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};

use crate::analysis::{Corpus, EntryMeta, Skill};
use crate::model::{Person, Relationship};

use super::{Nudge, NudgeSettings};

pub struct Ctx<'a> {
    pub corpus: &'a Corpus,
    pub s: &'a NudgeSettings,
    pub today: NaiveDate,
    /// Each person's entries up to today, newest first.
    histories: FxHashMap<&'a str, Vec<&'a EntryMeta>>,
    /// The dates of the entries the open action items were made from (the only ones asked
    /// for: a map of every entry cost more than all the rules).
    dates: FxHashMap<&'a str, NaiveDate>,
}

impl<'a> Ctx<'a> {
    pub fn new(corpus: &'a Corpus, s: &'a NudgeSettings, today: NaiveDate) -> Self {
        let mut histories: FxHashMap<&str, Vec<&EntryMeta>> = FxHashMap::default();
        let mut dates: FxHashMap<&str, NaiveDate> = corpus
            .actions
            .iter()
            .filter_map(|a| a.entry_id.as_deref())
            .map(|id| (id, NaiveDate::MIN))
            .collect();
        for e in corpus.entries.iter().rev() {
            if let Some(d) = dates.get_mut(e.id.as_str()) {
                *d = e.date;
            }
            if e.date > today {
                continue;
            }
            if let Some(p) = e.person_id.as_deref() {
                histories.entry(p).or_default().push(e);
            }
        }
        dates.retain(|_, d| *d != NaiveDate::MIN);
        Ctx {
            corpus,
            s,
            today,
            histories,
            dates,
        }
    }

    /// Days from `d` to today (negative for the future).
    pub fn age(&self, d: NaiveDate) -> i64 {
        (self.today - d).num_days()
    }

    /// Active people, in name order.
    pub fn people(&self) -> impl Iterator<Item = &'a Person> {
        self.corpus.people.iter().filter(|p| !p.archived)
    }

    /// A person's entries up to today, newest first.
    pub fn history(&self, p: &Person) -> Vec<&'a EntryMeta> {
        self.histories
            .get(p.id.as_str())
            .cloned()
            .unwrap_or_default()
    }

    /// The date of an entry.
    pub fn date_of(&self, id: &str) -> Option<NaiveDate> {
        self.dates.get(id).copied()
    }

    /// Every entry up to today, newest first.
    pub fn all_history(&self) -> impl Iterator<Item = &'a EntryMeta> + '_ {
        let today = self.today;
        self.corpus
            .entries
            .iter()
            .rev()
            .filter(move |e| e.date <= today)
    }
}

/// The manager gives feedback to, and manages the growth of, these people.
pub fn manages(p: &Person) -> bool {
    matches!(
        p.relationship,
        Relationship::Report | Relationship::SkipLevel | Relationship::Mentee | Relationship::Peer
    )
}

pub fn first_name(p: &Person) -> &str {
    p.name.split_whitespace().next().unwrap_or(&p.name)
}

/// `rule-xxxxxxxx`: the rule's name and a short digest of the subject and the episode.
pub fn nudge_id(rule: &str, subject: &str, episode: &str) -> String {
    let digest = Sha256::digest(format!("{rule}\u{0}{subject}\u{0}{episode}").as_bytes());
    format!("{rule}-{}", hex::encode(&digest[..4]))
}

pub struct Draft<'a> {
    pub rule: &'static str,
    pub skill: Skill,
    pub person: Option<&'a Person>,
    /// What makes the id: the subject (person or item id) and the episode.
    pub subject: &'a str,
    pub episode: &'a str,
    pub message: String,
    pub evidence: Vec<String>,
    pub suggestion: String,
}

impl Draft<'_> {
    pub fn build(self) -> Nudge {
        Nudge {
            id: nudge_id(self.rule, self.subject, self.episode),
            rule: self.rule.to_string(),
            skill: self.skill,
            person: self.person.map(|p| p.name.clone()),
            message: self.message,
            evidence: self.evidence,
            suggestion: self.suggestion,
            urgency: super::rank::urgency(self.rule, None),
            late_days: None,
            members: Vec::new(),
            priority: 0,
            group: super::NudgeGroup::Today,
        }
    }
}

impl Nudge {
    /// Records how many days late the situation is (past a cadence or a due date).
    pub(super) fn late_by(mut self, days: i64) -> Self {
        let days = u32::try_from(days.max(0)).unwrap_or(u32::MAX);
        self.late_days = Some(days);
        self.urgency = super::rank::urgency(&self.rule, Some(days));
        self
    }
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn ids<'a>(entries: impl IntoIterator<Item = &'a EntryMeta>) -> Vec<String> {
    entries.into_iter().map(|e| e.id.clone()).collect()
}

/// Every rule, in the order they are shown: what needs doing for someone first.
pub fn all(ctx: &Ctx<'_>) -> Vec<Nudge> {
    let mut out = Vec::new();
    out.extend(meetings::overdue(ctx));
    let tension = tension::unresolved(ctx);
    let worries = meetings::recurring_worry(ctx);
    out.extend(worries.into_iter().filter(|w| {
        // A conflict that keeps coming up is the tension nudge already.
        !(w.rule == meetings::WORRY_CONFLICT && tension.iter().any(|t| t.person == w.person))
    }));
    out.extend(tension);
    out.extend(retention::leaving(ctx));
    out.extend(feedback::undelivered(ctx));
    out.extend(feedback::one_sided(ctx));
    out.extend(feedback::no_constructive(ctx));
    out.extend(feedback::no_recent_praise(ctx));
    out.extend(feedback::received_not_acted_on(ctx));
    out.extend(growth::career_lapsed(ctx));
    out.extend(growth::goal_stale(ctx));
    out.extend(meetings::detail_heavy(ctx));
    out.extend(delegation::doing_their_work(ctx));
    out.extend(actions::stale(ctx));
    out.extend(actions::overdue(ctx));
    out.extend(reflection::struggles(ctx));
    out.extend(reflection::lapsed(ctx));
    out
}

#[cfg(test)]
mod tests;
