//! Building a packet from the journal: one pass over the period's entries, the themes of
//! the period and the one before, goals, action items and stars.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Days, Months, NaiveDate};

use super::*;
use crate::analysis::{Corpus, Hits, Signal, Skill};
use crate::goals::{GoalFilter, GoalStatus};
use crate::model::{ActionFilter, Entry, EntryFilter, Kind, Person};
use crate::themes::{self, Scope, ThemeOptions, ThemesReport};
use crate::Journal;

/// The longest period a packet covers.
const MAX_DAYS: i64 = 3660;
/// Themes compared between the two periods.
const THEMES: usize = 10;

fn cite(e: &Entry) -> Cite {
    Cite {
        id: e.id.clone(),
        date: e.date,
        title: e.title.clone(),
    }
}

fn first_name(p: &Person) -> &str {
    p.name.split_whitespace().next().unwrap_or(&p.name)
}

/// The packet for `q`, as of `today` (the default end of the period).
pub fn build(j: &mut Journal, q: &ReviewQuery, today: NaiveDate) -> Result<Packet, ReviewError> {
    let until = q.until.unwrap_or(today);
    let since = match q.since {
        Some(d) => d,
        None => until
            .checked_sub_months(Months::new(6))
            .and_then(|d| d.checked_add_days(Days::new(1)))
            .unwrap_or(until),
    };
    if since > until {
        return Err(ReviewError::EmptyPeriod);
    }
    if (until - since).num_days() > MAX_DAYS {
        return Err(ReviewError::TooLong);
    }
    let person = match q.person.as_deref() {
        Some(name) => Some(j.person(name)?),
        None => None,
    };
    // Caught up, and the lexicon hits of every entry in memory.
    let corpus = Corpus::load(j)?;

    let filter = |since, until| EntryFilter {
        person: person.as_ref().map(|p| p.name.clone()),
        since: Some(since),
        until: Some(until),
        ..EntryFilter::default()
    };
    // The previous period: as long, ending the day before.
    let length = Days::new((until - since).num_days() as u64 + 1);
    let prev_until = since.pred_opt().unwrap_or(since);
    let prev_since = since.checked_sub_days(length).unwrap_or(since);
    let mut entries = j.entries(&filter(since, until))?;
    let mut before = j.entries(&filter(prev_since, prev_until))?;
    if person.is_none() {
        // The manager's own record: what they wrote with nobody, and feedback they got.
        let own = |e: &Entry| e.person_id.is_none() || received(e);
        entries.retain(own);
        before.retain(own);
    }
    entries.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let person_id = person.as_ref().map(|p| p.id.as_str());
    let hits = corpus.hits_between(person_id, since, until);
    let hit = |e: &Entry, s: Signal| hits.get(&e.id).is_some_and(|h: &Hits| h.has(s));

    let scope = |since, until| Scope {
        person: person.as_ref().map(|p| p.name.clone()),
        kind: person.is_none().then_some(Kind::Reflection),
        since: Some(since),
        until: Some(until),
    };
    let opts = ThemeOptions {
        limit: THEMES,
        min_entries: 2,
        early: true,
    };
    let now_themes = themes::themes(j, &scope(since, until), &opts)?;
    let prev_themes = themes::themes(j, &scope(prev_since, prev_until), &opts)?;

    let summary = summary(j, &entries, person.as_ref(), since, until)?;
    let feedback = feedback_groups(&entries, person.is_none());
    let themes = trends(&now_themes, &prev_themes, &entries, &before);
    let goals = goal_reports(j, person.as_ref(), since, until)?;
    let career: Vec<Cite> = entries
        .iter()
        .filter(|e| hit(e, Signal::Skill(Skill::CareerGrowth)))
        .map(cite)
        .collect();
    let highlights = crate::goals::store::starred_between(j.conn(), person_id, since, until)?
        .into_iter()
        .map(|c| Cite {
            id: c.entry_id,
            date: c.date,
            title: c.title,
        })
        .collect();
    let prompts = match &person {
        Some(p) => prompts(p, &feedback, &themes, &entries, &hits),
        None => Vec::new(),
    };
    let own = match person {
        Some(_) => None,
        None => Some(own_record(j, &corpus, &entries, &hits, since, until)?),
    };
    Ok(Packet {
        person: person.as_ref().map(|p| p.name.clone()),
        role: person.as_ref().and_then(|p| p.role.clone()),
        cadence_days: person.as_ref().and_then(|p| p.cadence_days),
        since,
        until,
        empty: entries.is_empty(),
        summary,
        feedback,
        themes,
        goals,
        career,
        highlights,
        prompts,
        own,
    })
}

fn received(e: &Entry) -> bool {
    e.feedback.as_ref().is_some_and(|f| f.received)
}

fn summary(
    j: &Journal,
    entries: &[Entry],
    person: Option<&Person>,
    since: NaiveDate,
    until: NaiveDate,
) -> Result<Summary, ReviewError> {
    let mut s = Summary {
        entries: entries.len() as u32,
        ..Summary::default()
    };
    for e in entries {
        if matches!(e.kind, Kind::OneOnOne | Kind::Mentoring) {
            s.meetings.push(cite(e));
        }
        if let Some(m) = e.mood {
            s.moods.push(MoodNote {
                entry: cite(e),
                mood: m,
            });
        }
        let Some(f) = &e.feedback else { continue };
        if f.received {
            s.feedback_received.push(cite(e));
        } else if f.planned {
            s.planned_not_delivered.push(cite(e));
        } else if f.direction == Direction::Praise {
            s.praise_given.push(cite(e));
        } else {
            s.constructive_given.push(cite(e));
        }
    }
    if let Some(c) = person.and_then(|p| p.cadence_days).filter(|c| *c > 0) {
        let days = (until - since).num_days() + 1;
        s.expected_meetings = Some((days / i64::from(c)) as u32);
    }
    let Some(p) = person else { return Ok(s) };
    let by_id: HashMap<&str, &Entry> = entries.iter().map(|e| (e.id.as_str(), e)).collect();
    let items = j.actions(&ActionFilter {
        open_only: false,
        person: Some(p.name.clone()),
    })?;
    let day = |ts: &str| NaiveDate::parse_from_str(ts.get(..10).unwrap_or(""), "%Y-%m-%d").ok();
    for a in items {
        let created = day(&a.created_at).unwrap_or(since);
        let done = a.done_at.as_deref().and_then(day);
        let line = ActionLine {
            id: a.id.clone(),
            text: a.text.clone(),
            owner: a.owner.as_str().to_string(),
            done: done.is_some_and(|d| d <= until),
            entry: a
                .entry_id
                .as_deref()
                .and_then(|id| by_id.get(id))
                .map(|e| cite(e)),
        };
        match done {
            Some(d) if (since..=until).contains(&d) => s.actions_done.push(line),
            // Open at the end of the period, made by then.
            None if created <= until => s.actions_open.push(line),
            Some(d) if d > until && created <= until => s.actions_open.push(line),
            _ => {}
        }
    }
    Ok(s)
}

/// Feedback by area and direction: given feedback for a person, received for the manager.
fn feedback_groups(entries: &[Entry], own: bool) -> Vec<FeedbackGroup> {
    let mut groups: BTreeMap<(String, bool), Vec<FeedbackItem>> = BTreeMap::new();
    for e in entries {
        let Some(f) = &e.feedback else { continue };
        if f.received != own {
            continue;
        }
        let area = area(&e.tags);
        groups
            .entry((area, f.direction == Direction::Constructive))
            .or_default()
            .push(FeedbackItem {
                entry: cite(e),
                situation: f.situation.clone(),
                behavior: f.behavior.clone(),
                impact: f.impact.clone(),
                planned: f.planned,
                received: f.received,
            });
    }
    groups
        .into_iter()
        .map(|((area, constructive), items)| FeedbackGroup {
            area,
            direction: if constructive {
                Direction::Constructive
            } else {
                Direction::Praise
            },
            items,
        })
        .collect()
}

/// What a piece of feedback is about: its first tag that names a topic (not "feedback",
/// "praise" or "constructive", which the direction already says), else "general".
fn area(tags: &[String]) -> String {
    const NOT_TOPICS: &[&str] = &[
        "feedback",
        "praise",
        "positive",
        "constructive",
        "critical",
        "sbi",
    ];
    tags.iter()
        .find(|t| !NOT_TOPICS.contains(&t.to_lowercase().as_str()))
        .cloned()
        .unwrap_or_else(|| "general".into())
}

/// Entries whose title or notes mention `label` (any case).
fn mentioning<'a>(entries: &'a [Entry], label: &str) -> impl Iterator<Item = &'a Entry> + 'a {
    let needle = label.to_lowercase();
    entries.iter().filter(move |e| {
        e.title.to_lowercase().contains(&needle) || e.body.to_lowercase().contains(&needle)
    })
}

/// This period's themes against the previous period's. A theme of one period that is not
/// among the other's is counted there by the entries that mention it.
fn trends(
    now: &ThemesReport,
    prev: &ThemesReport,
    entries: &[Entry],
    before: &[Entry],
) -> Vec<ThemeTrend> {
    let cites = |ids: &[String], pool: &[Entry]| -> Vec<Cite> {
        let by_id: HashMap<&str, &Entry> = pool.iter().map(|e| (e.id.as_str(), e)).collect();
        ids.iter()
            .filter_map(|id| by_id.get(id.as_str()).map(|e| cite(e)))
            .collect()
    };
    let key = |s: &str| s.to_lowercase();
    let mut out: Vec<ThemeTrend> = now
        .themes
        .iter()
        .map(|t| {
            let before_n = prev
                .themes
                .iter()
                .find(|p| key(&p.label) == key(&t.label))
                .map(|p| p.entries)
                .unwrap_or_else(|| mentioning(before, &t.label).count() as u32);
            ThemeTrend {
                label: t.label.clone(),
                now: t.entries,
                before: before_n,
                trend: trend(t.entries, before_n),
                entries: cites(&t.entry_ids, entries),
            }
        })
        .collect();
    for p in &prev.themes {
        if out.iter().any(|t| key(&t.label) == key(&p.label)) {
            continue;
        }
        let now_n = mentioning(entries, &p.label).count() as u32;
        if trend(now_n, p.entries) == Trend::Fading {
            out.push(ThemeTrend {
                label: p.label.clone(),
                now: now_n,
                before: p.entries,
                trend: Trend::Fading,
                entries: cites(&p.entry_ids, before),
            });
        }
    }
    out
}

fn trend(now: u32, before: u32) -> Trend {
    if before == 0 {
        Trend::New
    } else if now * 2 >= before * 3 {
        Trend::Rising
    } else if now * 3 <= before * 2 {
        Trend::Fading
    } else {
        Trend::Steady
    }
}

fn goal_reports(
    j: &Journal,
    person: Option<&Person>,
    since: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<GoalReport>, ReviewError> {
    let goals = j.goals(&GoalFilter {
        person: person.map(|p| p.name.clone()),
        mine: person.is_none(),
        status: None,
    })?;
    let day = |ts: &str| NaiveDate::parse_from_str(ts.get(..10).unwrap_or(""), "%Y-%m-%d").ok();
    let mut out = Vec::new();
    for g in goals {
        let created = day(&g.created_at).unwrap_or(since);
        let closed = g.closed_at.as_deref().and_then(day);
        if created > until || closed.is_some_and(|c| c < since) {
            continue;
        }
        let checkins: Vec<Cite> = j
            .checkins(&g.id)?
            .into_iter()
            .filter(|c| (since..=until).contains(&c.date))
            .map(|c| Cite {
                id: c.entry_id,
                date: c.date,
                title: c.title,
            })
            .collect();
        let outcome = match (g.status, closed) {
            (GoalStatus::Achieved, Some(d)) if d <= until => format!("achieved on {d}"),
            (GoalStatus::Dropped, Some(d)) if d <= until => format!("dropped on {d}"),
            _ => {
                let mut s = match checkins.last() {
                    Some(c) => format!(
                        "active; {} check-in{} in the period, the last on {}",
                        checkins.len(),
                        if checkins.len() == 1 { "" } else { "s" },
                        c.date
                    ),
                    None => "active; no check-in in the period".to_string(),
                };
                if let Some(due) = g.due.filter(|d| *d < until) {
                    s.push_str(&format!("; past its target date ({due})"));
                }
                s
            }
        };
        out.push(GoalReport {
            goal: g,
            checkins,
            outcome,
        });
    }
    Ok(out)
}

/// Questions for writing the review. A growth area is constructive feedback on an area,
/// or a theme that came with constructive feedback or a worry; it is a surprise when no
/// delivered constructive feedback in the period covers it.
fn prompts(
    p: &Person,
    feedback: &[FeedbackGroup],
    themes: &[ThemeTrend],
    entries: &[Entry],
    hits: &HashMap<String, Hits>,
) -> Vec<ReviewPrompt> {
    let name = first_name(p);
    let mut out = vec![ReviewPrompt {
        area: "strengths".into(),
        question: format!(
            "What did {name} do in this period that you would want them to do again? Which of it did you tell them, and when?"
        ),
        told: feedback
            .iter()
            .filter(|g| g.direction == Direction::Praise)
            .flat_map(|g| g.items.iter().filter(|i| !i.planned).map(|i| i.entry.clone()))
            .collect(),
        surprise: false,
    }];
    for g in feedback
        .iter()
        .filter(|g| g.direction == Direction::Constructive)
    {
        let told: Vec<Cite> = g
            .items
            .iter()
            .filter(|i| !i.planned)
            .map(|i| i.entry.clone())
            .collect();
        out.push(ReviewPrompt {
            area: g.area.clone(),
            question: format!(
                "On {}: what did you already tell {name}, and when? What changed since?",
                g.area
            ),
            surprise: told.is_empty(),
            told,
        });
    }
    let delivered_constructive: Vec<&Entry> = entries
        .iter()
        .filter(|e| {
            e.feedback.as_ref().is_some_and(|f| {
                !f.received && !f.planned && f.direction == Direction::Constructive
            })
        })
        .collect();
    let by_id: HashMap<&str, &Entry> = entries.iter().map(|e| (e.id.as_str(), e)).collect();
    for t in themes.iter().filter(|t| t.trend != Trend::Fading) {
        let growth = t.entries.iter().any(|c| {
            let worry = hits.get(&c.id).is_some_and(|h| {
                crate::analysis::Worry::ALL
                    .iter()
                    .any(|w| h.has(Signal::Worry(*w)))
            });
            let constructive = by_id.get(c.id.as_str()).is_some_and(|e| {
                e.feedback
                    .as_ref()
                    .is_some_and(|f| !f.received && f.direction == Direction::Constructive)
            });
            worry || constructive
        });
        if !growth {
            continue;
        }
        let needle = t.label.to_lowercase();
        let told: Vec<Cite> = delivered_constructive
            .iter()
            .filter(|e| {
                let f = e.feedback.as_ref();
                let sbi = f.map(|f| {
                    [&f.situation, &f.behavior, &f.impact]
                        .iter()
                        .filter_map(|s| s.as_deref())
                        .collect::<Vec<_>>()
                        .join(" ")
                });
                e.body.to_lowercase().contains(&needle)
                    || e.title.to_lowercase().contains(&needle)
                    || sbi.is_some_and(|s| s.to_lowercase().contains(&needle))
            })
            .map(|e| cite(e))
            .collect();
        out.push(ReviewPrompt {
            area: t.label.clone(),
            question: format!(
                "“{}” came up in {} entries. What has {name} heard from you about it, and when?",
                t.label, t.now
            ),
            surprise: told.is_empty(),
            told,
        });
    }
    out
}

fn own_record(
    j: &Journal,
    corpus: &Corpus,
    entries: &[Entry],
    hits: &HashMap<String, Hits>,
    since: NaiveDate,
    until: NaiveDate,
) -> Result<OwnRecord, ReviewError> {
    let reflections: Vec<Cite> = entries
        .iter()
        .filter(|e| e.kind == Kind::Reflection)
        .map(cite)
        .collect();
    // The first 90 days run from the journal's first entry.
    let first: Option<String> = j
        .conn()
        .query_row(
            "SELECT MIN(date) FROM entries WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .map_err(ModelError::from)?;
    let first = first.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    let first_90_days = match first {
        Some(start) => {
            let end = start + Days::new(89);
            entries
                .iter()
                .filter(|e| e.kind == Kind::Reflection && e.date >= start && e.date <= end)
                .map(cite)
                .collect()
        }
        None => Vec::new(),
    };
    // Every note the manager wrote in the period practises skills, whoever it is with.
    let mut months: BTreeMap<String, BTreeMap<Skill, u32>> = BTreeMap::new();
    let all = j.entries(&EntryFilter {
        since: Some(since),
        until: Some(until),
        ..EntryFilter::default()
    })?;
    let all_hits = corpus.hits_between(None, since, until);
    for e in &all {
        let Some(h) = all_hits.get(&e.id).or_else(|| hits.get(&e.id)) else {
            continue;
        };
        let month = format!("{:04}-{:02}", e.date.year(), e.date.month());
        for s in Skill::ALL {
            if h.has(Signal::Skill(*s)) {
                *months
                    .entry(month.clone())
                    .or_default()
                    .entry(*s)
                    .or_default() += 1;
            }
        }
    }
    let skills_by_month = months
        .into_iter()
        .map(|(month, counts)| {
            let mut skills: Vec<(String, u32)> = counts
                .into_iter()
                .map(|(s, n)| (s.label().to_string(), n))
                .collect();
            skills.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            SkillMonth { month, skills }
        })
        .collect();
    Ok(OwnRecord {
        reflections,
        first_90_days,
        skills_by_month,
    })
}
