//! The screens' data, computed from the open journal. Plain functions over `&Journal`
//! so they are tested without a window.

use candor_engine::model::{
    ActionFilter, Direction, Entry, EntryFilter, EntryPatch, FeedbackInput, Kind, NewEntry,
};
use candor_engine::{today, Journal};
use chrono::NaiveDate;

use crate::dto::{
    count, parse_date, CadenceStatus, Counts, EntryInput, FeedbackBalance, PersonSummary,
    SearchHit, SearchView, Timeline, Today,
};
use crate::error::{AppError, AppResult};

/// Entries on a person's timeline; older ones are reached through search.
pub const TIMELINE_LIMIT: usize = 200;
/// Recent entries on Today.
const RECENT: usize = 8;
/// The window of "recent" feedback in the balance.
const RECENT_FEEDBACK_DAYS: i64 = 90;

/// The engine's verdict in the window's terms.
fn status(s: today::Status) -> CadenceStatus {
    match s {
        today::Status::NoCadence => CadenceStatus::NoCadence,
        today::Status::NeverMet => CadenceStatus::NeverMet,
        today::Status::OnTrack => CadenceStatus::OnTrack,
        today::Status::DueSoon => CadenceStatus::DueSoon,
        today::Status::Overdue => CadenceStatus::Overdue,
    }
}

/// One person's row, with the engine's cadence verdict (`candor_engine::today`).
fn summary(p: today::PersonDue) -> PersonSummary {
    PersonSummary {
        open_actions: p.open_actions,
        person: p.person,
        last_meeting: p.standing.last_met,
        next_due: p.standing.next_due,
        cadence: status(p.standing.status),
        days_overdue: p.standing.days_overdue,
    }
}

pub fn people(
    j: &Journal,
    include_archived: bool,
    today: NaiveDate,
) -> AppResult<Vec<PersonSummary>> {
    Ok(today::people(j, include_archived, today)?
        .into_iter()
        .map(summary)
        .collect())
}

pub fn timeline(j: &Journal, name: &str, today: NaiveDate) -> AppResult<Timeline> {
    let person = j.person(name)?;
    let filter = EntryFilter {
        person: Some(person.name.clone()),
        ..EntryFilter::default()
    };
    let mut entries = j.entries(&EntryFilter {
        limit: Some(TIMELINE_LIMIT + 1),
        ..filter.clone()
    })?;
    let total_entries = if entries.len() > TIMELINE_LIMIT {
        entries.truncate(TIMELINE_LIMIT);
        j.entries(&filter)?.len()
    } else {
        entries.len()
    };
    let feedback = feedback_balance(
        &j.entries(&EntryFilter {
            kind: Some(Kind::Feedback),
            ..filter
        })?,
        today,
    );
    let actions = j.actions(&ActionFilter {
        open_only: false,
        person: Some(person.name.clone()),
    })?;
    let summary = today::standings(j, vec![person], today)?
        .pop()
        .map(summary)
        .ok_or(AppError::UnknownPerson)?;
    let mentioned_in = j.mentioning(name, TIMELINE_LIMIT)?;
    let mut starred = Vec::new();
    for e in &entries {
        if j.is_starred(&e.id)? {
            starred.push(e.id.clone());
        }
    }
    Ok(Timeline {
        summary,
        entries,
        total_entries: count(total_entries),
        actions,
        feedback,
        mentioned_in,
        starred,
    })
}

/// Feedback given to the person (received feedback is about the manager, not them).
pub fn feedback_balance(entries: &[Entry], today: NaiveDate) -> FeedbackBalance {
    let recent_from = today - chrono::Duration::days(RECENT_FEEDBACK_DAYS);
    let mut b = FeedbackBalance::default();
    for fb in entries.iter().filter_map(|e| {
        e.feedback
            .as_ref()
            .filter(|f| !f.received)
            .map(|f| (e.date, f))
    }) {
        let (date, f) = fb;
        if f.planned {
            b.planned += 1;
            continue;
        }
        let recent = date >= recent_from;
        match f.direction {
            Direction::Praise => {
                b.praise += 1;
                b.recent_praise += u32::from(recent);
            }
            Direction::Constructive => {
                b.constructive += 1;
                b.recent_constructive += u32::from(recent);
            }
        }
    }
    b
}

pub fn today(j: &Journal, today: NaiveDate) -> AppResult<Today> {
    let open_actions = today::open_actions(j)?;
    let due = today::due(j, today)?.into_iter().map(summary).collect();
    let recent = j.entries(&EntryFilter {
        limit: Some(RECENT),
        ..EntryFilter::default()
    })?;
    let c = j.counts()?;
    Ok(Today {
        date: today,
        open_actions,
        due,
        recent,
        counts: Counts {
            people: count(c.people),
            entries: count(c.entries),
            trashed: count(c.trashed),
            open_actions: count(c.open_actions),
        },
    })
}

pub fn search(
    j: &Journal,
    query: &str,
    page: candor_engine::search::SearchPage,
) -> AppResult<SearchView> {
    let started = std::time::Instant::now();
    let found = j.search_page(query, page)?;
    Ok(SearchView {
        total: count(found.total),
        hits: found
            .hits
            .into_iter()
            .map(|h| SearchHit {
                id: h.id,
                date: h.date,
                kind: h.kind,
                person: h.person,
                title: h.title,
                snippet: h.snippet,
            })
            .collect(),
        millis: started.elapsed().as_secs_f64() * 1000.0,
    })
}

fn non_blank(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Checks what the engine would refuse, in the app's own words (the engine's mention
/// command-line flags).
fn check(input: &EntryInput) -> AppResult<()> {
    let has_person = input
        .person
        .as_deref()
        .is_some_and(|p| !p.trim().is_empty());
    if input.kind.needs_person() && !has_person {
        return Err(AppError::Invalid {
            message:
                "one-on-ones, mentoring sessions and feedback are with someone: choose a person"
                    .into(),
        });
    }
    Ok(())
}

fn feedback_input(input: &EntryInput) -> FeedbackInput {
    match (&input.feedback, input.kind) {
        (Some(f), Kind::Feedback) => FeedbackInput {
            received: Some(f.received),
            direction: Some(f.direction),
            situation: Some(f.situation.clone()),
            behavior: Some(f.behavior.clone()),
            impact: Some(f.impact.clone()),
            planned: Some(f.planned),
        },
        _ => FeedbackInput::default(),
    }
}

pub fn new_entry(input: EntryInput) -> AppResult<NewEntry> {
    check(&input)?;
    let feedback = feedback_input(&input);
    Ok(NewEntry {
        kind: Some(input.kind),
        date: parse_date(input.date.as_deref(), "the date")?,
        person: non_blank(input.person),
        title: non_blank(input.title),
        body: input.body,
        tags: input.tags,
        mood: input.mood,
        feedback,
    })
}

pub fn patch(input: EntryInput) -> AppResult<EntryPatch> {
    check(&input)?;
    let feedback = feedback_input(&input);
    Ok(EntryPatch {
        kind: Some(input.kind),
        date: parse_date(input.date.as_deref(), "the date")?,
        person: non_blank(input.person),
        title: non_blank(input.title),
        body: Some(input.body),
        tags: Some(input.tags),
        mood: input.mood,
        feedback,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dto::FeedbackFields;
    use candor_engine::model::{NewAction, NewPerson, Owner};
    use candor_engine::{vault, SecretString};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn journal() -> (tempfile::TempDir, Journal) {
        let dir = tempfile::tempdir().expect("tempdir");
        let pass = SecretString::from("correct horse battery".to_string());
        let (j, _) = vault::create(&dir.path().join("j"), &pass).expect("create");
        (dir, j)
    }

    fn input(kind: Kind, person: &str, date: &str, body: &str) -> EntryInput {
        EntryInput {
            kind,
            date: Some(date.into()),
            person: Some(person.into()),
            title: None,
            body: body.into(),
            tags: vec![],
            mood: None,
            feedback: None,
        }
    }

    #[test]
    fn today_lists_overdue_people_open_items_and_recent_entries() {
        let (_dir, mut j) = journal();
        let t = day(2025, 3, 20);
        for (name, cadence_days) in [
            ("Priya Raman", Some(7)),
            ("Sam Okafor", Some(14)),
            ("Ana", None),
        ] {
            j.add_person(&NewPerson {
                cadence_days,
                ..NewPerson::named(name)
            })
            .expect("person");
        }
        let e = j
            .log(
                new_entry(input(
                    Kind::OneOnOne,
                    "Priya Raman",
                    "2025-03-01",
                    "Promotion talk",
                ))
                .expect("input"),
            )
            .expect("log");
        j.log(
            new_entry(input(
                Kind::OneOnOne,
                "Sam Okafor",
                "2025-03-15",
                "On-call rota",
            ))
            .expect("input"),
        )
        .expect("log");
        j.add_action(&NewAction {
            person: "Priya Raman".into(),
            text: "Write the promotion case".into(),
            owner: Owner::Me,
            due: None,
            entry_id: Some(e.id.clone()),
        })
        .expect("action");

        let today = today(&j, t).expect("today");
        assert_eq!(today.open_actions.len(), 1);
        let due: Vec<_> = today
            .due
            .iter()
            .map(|p| (p.person.name.as_str(), p.cadence))
            .collect();
        assert_eq!(due, vec![("Priya Raman", CadenceStatus::Overdue)]);
        assert_eq!(today.due[0].days_overdue, 12);
        assert_eq!(today.due[0].open_actions, 1);
        assert_eq!(today.recent.len(), 2);
        assert_eq!(today.counts.entries, 2);

        let all = people(&j, false, t).expect("people");
        assert_eq!(all.len(), 3);
        let sam = all
            .iter()
            .find(|p| p.person.name == "Sam Okafor")
            .expect("sam");
        assert_eq!(sam.last_meeting, Some(day(2025, 3, 15)));
        assert_eq!(sam.cadence, CadenceStatus::OnTrack);
    }

    #[test]
    fn a_meeting_dated_later_is_not_the_last_meeting() {
        let (_dir, mut j) = journal();
        j.add_person(&NewPerson {
            cadence_days: Some(7),
            ..NewPerson::named("Priya")
        })
        .expect("person");
        for date in ["2025-03-01", "2025-04-02"] {
            j.log(new_entry(input(Kind::OneOnOne, "Priya", date, "Plan")).expect("input"))
                .expect("log");
        }
        let t = day(2025, 3, 20);
        let p = &people(&j, false, t).expect("people")[0];
        assert_eq!(p.last_meeting, Some(day(2025, 3, 1)));
        assert_eq!((p.cadence, p.days_overdue), (CadenceStatus::Overdue, 12));
        assert_eq!(today(&j, t).expect("today").due.len(), 1);
    }

    #[test]
    fn timeline_has_entries_actions_and_feedback_balance() {
        let (_dir, mut j) = journal();
        let t = day(2025, 6, 1);
        let fb = |direction, planned| FeedbackFields {
            direction,
            situation: "In the design review".into(),
            behavior: "walked through the trade-offs".into(),
            impact: "the team decided in ten minutes".into(),
            received: false,
            planned,
        };
        for (date, direction, planned) in [
            ("2025-05-20", Direction::Praise, false),
            ("2025-01-10", Direction::Constructive, false),
            ("2025-05-30", Direction::Constructive, true),
        ] {
            let mut i = input(Kind::Feedback, "Priya", date, "");
            i.feedback = Some(fb(direction, planned));
            j.log(new_entry(i).expect("input")).expect("log");
        }
        j.log(
            new_entry(input(Kind::OneOnOne, "Priya", "2025-05-28", "Career goals")).expect("input"),
        )
        .expect("log");
        let tl = timeline(&j, "priya", t).expect("timeline");
        assert_eq!(tl.entries.len(), 4);
        assert_eq!(tl.total_entries, 4);
        assert_eq!(tl.entries[0].date, day(2025, 5, 30), "newest first");
        assert_eq!(
            tl.feedback,
            FeedbackBalance {
                praise: 1,
                constructive: 1,
                planned: 1,
                recent_praise: 1,
                recent_constructive: 0
            }
        );
        assert_eq!(tl.summary.last_meeting, Some(day(2025, 5, 28)));
        assert!(matches!(
            timeline(&j, "nobody", t),
            Err(AppError::UnknownPerson)
        ));
    }

    #[test]
    fn editor_input_is_checked_in_the_apps_words() {
        let mut i = input(Kind::OneOnOne, " ", "2025-01-01", "x");
        assert!(
            matches!(new_entry(i.clone()), Err(AppError::Invalid { message }) if !message.contains("--"))
        );
        i.person = Some("Priya".into());
        i.date = Some("yesterday".into());
        assert!(matches!(patch(i), Err(AppError::Invalid { .. })));
    }

    #[test]
    fn a_saved_edit_replaces_every_field() {
        let (_dir, mut j) = journal();
        let e = j
            .log(new_entry(input(Kind::Note, "", "2025-02-02", "first")).expect("input"))
            .expect("log");
        let mut i = input(Kind::OneOnOne, "Priya", "2025-02-03", "second");
        i.tags = vec!["growth".into()];
        let edited = j.edit(&e.id, patch(i).expect("patch")).expect("edit");
        assert_eq!(edited.kind, Kind::OneOnOne);
        assert_eq!(edited.person.as_deref(), Some("Priya"));
        assert_eq!(edited.body, "second");
        assert_eq!(edited.tags, vec!["growth".to_string()]);
        assert_eq!(j.revisions(&e.id).expect("revisions").len(), 1);
    }
}
