//! The agenda for the next one-on-one: what carries over, what has been on the person's
//! mind, what the nudges say, and questions for the skills the notes with them neglect.

use chrono::{NaiveDate, TimeDelta};
use serde::Serialize;

use crate::analysis::{Corpus, Signal, Skill, Worry};
use crate::model::{Direction, Owner, Relationship};
use crate::nudges::{self, Nudge, NudgeSettings};
use crate::themes::{self, Scope, ThemeOptions};
use crate::Journal;

use super::bank;
use super::sbi;
use super::{weekly_pick, PromptError, Question};

/// How far back "lately" reaches for themes and neglected skills.
const RECENT_DAYS: i64 = 120;
/// Themes on an agenda at most.
const THEMES: usize = 5;
/// Vague praise pointed out on an agenda at most.
const VAGUE_PRAISE: usize = 2;
/// Skill questions on an agenda at most.
const SKILL_QUESTIONS: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LastMeeting {
    pub id: String,
    pub date: NaiveDate,
    pub days_ago: i64,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrepAction {
    pub id: String,
    pub text: String,
    /// The manager owns it (else the other person does).
    pub mine: bool,
    pub due: Option<NaiveDate>,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeedbackToDeliver {
    pub id: String,
    pub date: NaiveDate,
    pub title: String,
    pub direction: Direction,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Prep {
    pub person: String,
    pub relationship: Relationship,
    pub last_meeting: Option<LastMeeting>,
    /// Open action items with them: carried over into this meeting.
    pub open_actions: Vec<PrepAction>,
    /// What has come up with them lately, most distinctive first.
    pub themes: Vec<String>,
    /// Current nudges about them.
    pub nudges: Vec<Nudge>,
    /// Feedback planned for them and not yet delivered.
    pub feedback_to_deliver: Vec<FeedbackToDeliver>,
    /// Situation–Behaviour–Impact guidance: the checklist when there is feedback to
    /// deliver, then a note on each recent piece of praise for them that was vague (no
    /// behaviour or no impact written down).
    pub sbi: Vec<String>,
    pub questions: Vec<Question>,
    /// Their active goals, each with its last check-in.
    pub goals: Vec<PrepGoal>,
    /// The notes a new one-on-one starts with: the agenda above as Markdown headings and
    /// lists, with room under each to write what was said.
    pub agenda: String,
}

/// An active goal as the prep lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrepGoal {
    pub id: String,
    pub title: String,
    pub due: Option<NaiveDate>,
    pub last_checkin: Option<NaiveDate>,
}

pub fn prep(j: &mut Journal, name: &str, today: NaiveDate) -> Result<Prep, PromptError> {
    let person = j.person(name)?;
    let corpus = Corpus::load(j)?;
    let since = today - TimeDelta::days(RECENT_DAYS);
    let mine: Vec<_> = corpus
        .entries_of(&person.id)
        .filter(|e| e.date <= today)
        .collect();

    let last_meeting = mine
        .iter()
        .rev()
        .find(|e| e.is_meeting())
        .map(|e| LastMeeting {
            id: e.id.clone(),
            date: e.date,
            days_ago: (today - e.date).num_days(),
            title: e.title.clone(),
        });

    let open_actions = corpus
        .actions
        .iter()
        .filter(|a| a.person_id == person.id && a.done_at.is_none())
        .map(|a| PrepAction {
            id: a.id.clone(),
            text: a.text.clone(),
            mine: a.owner == Owner::Me,
            due: a.due,
            overdue: a.due.is_some_and(|d| d < today),
        })
        .collect();

    let mut scope = Scope::person(&person.name);
    scope.since = Some(since);
    scope.until = Some(today);
    let opts = ThemeOptions {
        limit: THEMES,
        min_entries: 3,
        ..ThemeOptions::default()
    };
    // Lately first; the person's themes over all time fill the rest.
    let mut found = themes::themes(j, &scope, &opts)?.themes.clone();
    if found.len() < THEMES {
        for t in themes::themes(j, &Scope::person(&person.name), &opts)?
            .themes
            .iter()
            .cloned()
        {
            if found.len() < THEMES && !found.iter().any(|f| f.label == t.label) {
                found.push(t);
            }
        }
    }
    let themes = found.into_iter().map(|t| t.label).collect();

    let nudges: Vec<Nudge> = nudges::active(j, &corpus, today)?
        .into_iter()
        .filter(|n| n.person.as_deref() == Some(person.name.as_str()))
        .collect();

    let feedback_to_deliver: Vec<FeedbackToDeliver> = mine
        .iter()
        .rev()
        .filter_map(|e| {
            let f = e.given_feedback()?;
            f.planned.then(|| FeedbackToDeliver {
                id: e.id.clone(),
                date: e.date,
                title: e.title.clone(),
                direction: f.direction,
            })
        })
        .collect();
    let mut sbi = feedback_to_deliver
        .first()
        .map(|f| sbi::guidance(f.direction))
        .unwrap_or_default();
    // Recent praise for them that named no behaviour or no impact.
    sbi.extend(
        mine.iter()
            .rev()
            .filter(|e| e.date >= since)
            .filter_map(|e| {
                let f = e.given_feedback()?;
                (f.direction == Direction::Praise && !f.planned && f.vague())
                    .then(|| sbi::vague_praise(e.date, &e.title, f.no_behavior, f.no_impact))
            })
            .take(VAGUE_PRAISE),
    );

    // Skills practised with them lately, and worries in the latest meetings.
    let recent: Vec<_> = mine.iter().filter(|e| e.date >= since).collect();
    let practised = |s: Skill| recent.iter().any(|e| e.hits.has(Signal::Skill(s)));
    let s = NudgeSettings::load(j.conn())?;
    let latest: Vec<_> = mine
        .iter()
        .rev()
        .filter(|e| e.is_meeting())
        .take(s.worry_window as usize)
        .collect();
    let worries: Vec<Worry> = Worry::ALL
        .iter()
        .copied()
        .filter(|&w| latest.iter().any(|e| e.shows_worry(w)))
        .collect();
    let questions = questions(&person.id, person.relationship, today, &practised, &worries);

    let mut p = Prep {
        person: person.name.clone(),
        relationship: person.relationship,
        last_meeting,
        open_actions,
        themes,
        nudges,
        feedback_to_deliver,
        sbi,
        questions,
        goals: corpus
            .goals
            .iter()
            .filter(|g| g.person_id.as_deref() == Some(person.id.as_str()))
            .map(|g| PrepGoal {
                id: g.id.clone(),
                title: g.title.clone(),
                due: g.due,
                last_checkin: g.last_checkin,
            })
            .collect(),
        agenda: String::new(),
    };
    p.agenda = agenda(&p);
    Ok(p)
}

/// The agenda as the start of the meeting's notes. Carried-over items are listed as text
/// (they stay action items of their own until ticked off), feedback to deliver with its
/// date, then the questions; a final heading takes the next steps.
pub fn agenda(p: &Prep) -> String {
    let mut out = String::new();
    let mut section = |title: &str, lines: Vec<String>| {
        if lines.is_empty() {
            return;
        }
        out.push_str(&format!("## {title}\n"));
        for l in lines {
            out.push_str(&format!("- {l}\n"));
        }
        out.push('\n');
    };
    section(
        "Carried over",
        p.open_actions
            .iter()
            .map(|a| {
                let who = if a.mine { "me" } else { "them" };
                match a.due {
                    Some(d) => format!("{} ({who}, due {d})", a.text),
                    None => format!("{} ({who})", a.text),
                }
            })
            .collect(),
    );
    section(
        "Feedback to deliver",
        p.feedback_to_deliver
            .iter()
            .map(|f| format!("{} ({}, {})", f.title, f.direction, f.date))
            .collect(),
    );
    section(
        "Goals",
        p.goals
            .iter()
            .map(|g| match g.last_checkin {
                Some(d) => format!("{} (last check-in {d})", g.title),
                None => format!("{} (no check-in yet)", g.title),
            })
            .collect(),
    );
    section(
        "Questions",
        p.questions.iter().map(|q| q.text.clone()).collect(),
    );
    out.push_str("## What they wanted to talk about\n\n## Agreed next steps\n");
    out
}

/// The skills an agenda can practise with each kind of relationship, most pressing first.
fn skills_for(r: Relationship) -> &'static [Skill] {
    match r {
        Relationship::Report | Relationship::SkipLevel => &[
            Skill::CareerGrowth,
            Skill::DifficultFeedback,
            Skill::Recognition,
            Skill::EmpathyListening,
            Skill::ClearExpectations,
            Skill::Delegation,
            Skill::ConflictResolution,
            Skill::NavigatingOrg,
        ],
        _ => &[],
    }
}

fn questions(
    salt: &str,
    r: Relationship,
    today: NaiveDate,
    practised: &dyn Fn(Skill) -> bool,
    worries: &[Worry],
) -> Vec<Question> {
    let mut out = Vec::new();
    let ask = |skill: Skill, text: &str| Question {
        skill,
        text: text.to_string(),
    };
    let special: Option<(&[&str], Skill)> = match r {
        Relationship::Mentee => Some((bank::MENTORING_GIVEN, Skill::CareerGrowth)),
        Relationship::Mentor => Some((bank::MENTORING_RECEIVED, Skill::SelfReflection)),
        Relationship::Manager => Some((bank::MANAGING_UP, Skill::NavigatingOrg)),
        Relationship::Peer => Some((bank::PEER, Skill::NavigatingOrg)),
        Relationship::Report | Relationship::SkipLevel => None,
    };
    if let Some((b, skill)) = special {
        out.extend(
            weekly_pick(b, salt, today, 3)
                .into_iter()
                .map(|q| ask(skill, q)),
        );
    } else {
        out.extend(
            weekly_pick(bank::OPENERS, salt, today, 1)
                .into_iter()
                .map(|q| ask(Skill::EmpathyListening, q)),
        );
    }
    for &w in worries {
        let skill = match w {
            Worry::Conflict => Skill::ConflictResolution,
            Worry::CareerStagnation => Skill::CareerGrowth,
            Worry::Workload | Worry::Disengagement => Skill::EmpathyListening,
        };
        out.push(ask(skill, bank::worry(w)));
    }
    let neglected: Vec<Skill> = skills_for(r)
        .iter()
        .copied()
        .filter(|&s| !practised(s))
        .take(SKILL_QUESTIONS)
        .collect();
    for s in neglected {
        out.extend(
            weekly_pick(bank::one_on_one(s), salt, today, 1)
                .into_iter()
                .map(|q| ask(s, q)),
        );
    }
    out
}
