#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;

use super::*;
use crate::model::{EntryPatch, NewEntry};
use crate::{vault, SecretString};

fn journal(dir: &tempfile::TempDir) -> Journal {
    let pass = SecretString::from("themes test passphrase".to_string());
    vault::create(&dir.path().join("j"), &pass).unwrap().0
}

fn day(n: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(u64::from(n))
}

fn log(j: &mut Journal, n: u32, kind: Kind, who: Option<&str>, body: &str) -> String {
    j.log(NewEntry {
        kind: Some(kind),
        date: Some(day(n)),
        person: who.map(String::from),
        body: body.to_string(),
        ..NewEntry::default()
    })
    .unwrap()
    .id
}

const MARCUS: &[&str] = &[
    "Marcus was paged at night again. The On-call rotation is too small.",
    "We looked at pager load; the on-call rotation needs two more people.",
    "He is exhausted after the on-call rotation week, and the pager load is high.",
    "Pager load is down a bit after the alert cleanup.",
    "Talked about the on-call rotation handoff and the runbook.",
];
const PRIYA: &[&str] = &[
    "Priya asked about the promotion case and the staff packet.",
    "The promotion case needs one more cross-team example.",
    "Her design docs are strong; the promotion case reads well.",
    "Design docs review went fast. Promotion Case next.",
    "We talked about the sprint and the release.",
];
const NOTES: &[&str] = &[
    "Sprint planning ran long; the release slipped a day.",
    "Team retro: fewer interruptions, clearer release notes.",
    "All-hands: reliability first this half.",
];

fn sample(j: &mut Journal) -> Vec<String> {
    let mut ids = Vec::new();
    for (i, b) in MARCUS.iter().enumerate() {
        ids.push(log(j, i as u32 * 7, Kind::OneOnOne, Some("Marcus Bell"), b));
    }
    for (i, b) in PRIYA.iter().enumerate() {
        ids.push(log(
            j,
            i as u32 * 7 + 1,
            Kind::OneOnOne,
            Some("Priya Raman"),
            b,
        ));
    }
    for (i, b) in NOTES.iter().enumerate() {
        ids.push(log(j, i as u32 * 10 + 2, Kind::Note, None, b));
    }
    ids
}

fn labels(r: &ThemesReport) -> Vec<&str> {
    r.themes.iter().map(|t| t.label.as_str()).collect()
}

#[test]
fn a_person_themes_are_their_own_words_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    let ids = sample(&mut j);
    let opts = ThemeOptions::default();

    let marcus = themes(&mut j, &Scope::person("marcus bell"), &opts).unwrap();
    assert_eq!((marcus.scope_entries, marcus.other_entries), (5, 8));
    let l = labels(&marcus);
    assert!(l.contains(&"on-call rotation"), "{l:?}");
    assert!(l.contains(&"pager load"), "{l:?}");
    // The phrase stands for its words; names are not themes.
    assert!(!l.contains(&"pager") && !l.contains(&"on-call"), "{l:?}");
    assert!(
        !l.iter().any(|t| t.to_lowercase().contains("marcus")),
        "{l:?}"
    );
    let rotation = marcus
        .themes
        .iter()
        .find(|t| t.label == "on-call rotation")
        .unwrap();
    assert_eq!(rotation.entries, 4);
    // Newest first, and counted per month.
    assert_eq!(
        rotation.entry_ids,
        [
            ids[4].clone(),
            ids[2].clone(),
            ids[1].clone(),
            ids[0].clone()
        ]
    );
    assert_eq!(rotation.monthly.iter().map(|m| m.count).sum::<u32>(), 4);
    assert_eq!(rotation.monthly[0].month, "2025-01");
    assert!(rotation.score > 0.0);
    let workload = marcus
        .skills
        .iter()
        .find(|s| s.skill == "workload-burnout")
        .unwrap();
    // "Exhausted", and being paged at night again.
    assert_eq!(workload.entry_ids, [ids[2].clone(), ids[0].clone()]);

    let priya = themes(&mut j, &Scope::person("Priya Raman"), &opts).unwrap();
    let l = labels(&priya);
    assert_eq!(l.first(), Some(&"promotion case"), "{l:?}");
    assert!(!l.contains(&"sprint"), "shared with the team notes: {l:?}");
}

#[test]
fn the_cache_follows_edits_deletes_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    let ids = sample(&mut j);
    let opts = ThemeOptions::default();
    let count = |j: &mut Journal| {
        themes(j, &Scope::person("Priya Raman"), &opts)
            .unwrap()
            .themes
            .iter()
            .find(|t| t.label == "promotion case")
            .map(|t| t.entries)
    };
    assert_eq!(count(&mut j), Some(4));
    j.edit(
        &ids[5],
        EntryPatch {
            title: Some("Quiet week".into()),
            body: Some("Nothing about that today.".into()),
            ..EntryPatch::default()
        },
    )
    .unwrap();
    assert_eq!(count(&mut j), Some(3));
    j.delete(&ids[6]).unwrap();
    assert_eq!(count(&mut j), None, "below the minimum of three entries");
    j.restore(&ids[6]).unwrap();
    assert_eq!(count(&mut j), Some(3));
    j.delete(&ids[6]).unwrap();
    j.empty_trash().unwrap();
    let all = themes(&mut j, &Scope::default(), &opts).unwrap();
    assert_eq!(all.scope_entries, 12);
    // The entry counts kept in the vocabulary match a recount from scratch.
    let df: u32 = j
        .conn()
        .query_row(
            "SELECT entries FROM insight_vocab WHERE text = 'promot case'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(df, 2);
}

#[test]
fn whole_journal_themes_name_the_people_they_come_back_with() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    sample(&mut j);
    let all = themes(&mut j, &Scope::default(), &ThemeOptions::default()).unwrap();
    assert_eq!((all.scope_entries, all.other_entries), (13, 0));
    let rotation = all
        .themes
        .iter()
        .find(|t| t.label == "on-call rotation")
        .unwrap();
    assert_eq!(rotation.people, ["Marcus Bell"]);
    assert!(!labels(&all).iter().any(|l| l.contains("Priya")));
}

#[test]
fn kinds_and_windows_are_scopes_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    sample(&mut j);
    let notes = themes(
        &mut j,
        &Scope {
            kind: Some(Kind::Note),
            ..Scope::default()
        },
        &ThemeOptions {
            min_entries: 2,
            ..ThemeOptions::default()
        },
    )
    .unwrap();
    assert_eq!(notes.scope_entries, 3);
    assert!(labels(&notes).contains(&"release"), "{:?}", labels(&notes));
    let bad = Scope {
        since: Some(day(10)),
        until: Some(day(1)),
        ..Scope::default()
    };
    assert!(matches!(
        themes(&mut j, &bad, &ThemeOptions::default()),
        Err(ThemesError::EmptyWindow)
    ));
    assert!(matches!(
        themes(&mut j, &Scope::person("Nobody"), &ThemeOptions::default()),
        Err(ThemesError::UnknownPerson)
    ));
}

/// Quick notes after one-on-ones, written the way people write them.
const ROSA: &[&str] = &[
    "rough wk. got paged 3x tues night, barely slept",
    "Pages again overnight - the disk alerts. wants them tuned",
    "on call wk was brutal, pager went off during dinner twice",
    "asked if oncall could be split w/ the platform folks",
    "Paging is better since the alert cleanup, still 2am wakeups",
    "planning her vacation, before the next on-call rotation",
];
const KOFI: &[&str] = &[
    "ledger migration: dual writes on in staging",
    "Update on the Ledger migration - backfill 60% done, one hiccup w/ timestamps",
    "ledger migration cutover moved to next thu, wants a runbook review",
    "cutover went ok!! ledger migration basically done, cleanup left",
    "retro on the ledger migration, what to do differently next time",
];
const OTHERS: &[&str] = &[
    "Team sync: release train, roadmap for Q3, hiring loop",
    "big little short note on the design review, nothing expected",
    "reminded everyone about the offsite; short note",
    "Interview debrief, hiring loop for the backend role",
    "Roadmap chat with product, the Q3 plan looks big",
    "short note: release slipped a day, reminded Kofi and Rosa",
    "data dashboards review, components and data names",
];

fn everyday(j: &mut Journal) {
    for (i, b) in ROSA.iter().enumerate() {
        log(j, i as u32 * 7, Kind::OneOnOne, Some("Rosa Diaz"), b);
    }
    for (i, b) in KOFI.iter().enumerate() {
        log(j, i as u32 * 7 + 2, Kind::OneOnOne, Some("Kofi Mensah"), b);
    }
    for (i, b) in OTHERS.iter().enumerate() {
        log(j, i as u32 * 5 + 1, Kind::Note, None, b);
    }
}

#[test]
fn a_family_of_words_is_one_theme_shown_as_most_often_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    everyday(&mut j);
    let rosa = themes(
        &mut j,
        &Scope::person("Rosa Diaz"),
        &ThemeOptions::default(),
    )
    .unwrap();
    let l = labels(&rosa);
    // page, pages, paged, paging, pager: five entries, though no form is in three.
    let page = rosa
        .themes
        .iter()
        .find(|t| t.label.to_lowercase().starts_with("pag"))
        .unwrap_or_else(|| panic!("no paging theme in {l:?}"));
    assert_eq!(page.entries, 4, "{l:?}");
    // on call, on-call, oncall: one theme.
    let oncall = rosa
        .themes
        .iter()
        .find(|t| t.label.replace([' ', '-'], "") == "oncall")
        .unwrap_or_else(|| panic!("no on-call theme in {l:?}"));
    assert_eq!(oncall.entries, 3, "{l:?}");
    assert!(!page.early && !oncall.early);
    // Six entries are a small scope: a theme of two shows too, marked early.
    let alert = rosa
        .themes
        .iter()
        .find(|t| t.label.starts_with("alert"))
        .unwrap_or_else(|| panic!("no early alert theme in {l:?}"));
    assert_eq!((alert.entries, alert.early), (2, true));
    assert!(rosa.themes.iter().all(|t| t.early == (t.entries < 3)));
}

#[test]
fn a_phrase_that_keeps_coming_back_beats_its_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    everyday(&mut j);
    let kofi = themes(
        &mut j,
        &Scope::person("Kofi Mensah"),
        &ThemeOptions::default(),
    )
    .unwrap();
    let l = labels(&kofi);
    assert_eq!(l.first(), Some(&"ledger migration"), "{l:?}");
    assert!(!l.contains(&"ledger") && !l.contains(&"migration"), "{l:?}");
}

#[test]
fn a_window_shows_topics_not_names_or_everyday_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    everyday(&mut j);
    let window = Scope {
        since: Some(day(0)),
        until: Some(day(40)),
        ..Scope::default()
    };
    let opts = ThemeOptions {
        min_entries: 2,
        ..ThemeOptions::default()
    };
    let r = themes(&mut j, &window, &opts).unwrap();
    let l = labels(&r);
    assert!(l.contains(&"ledger migration"), "{l:?}");
    assert!(l.contains(&"hiring loop"), "{l:?}");
    for junk in [
        "kofi",
        "rosa",
        "short note",
        "short",
        "note",
        "big",
        "little",
        "reminded",
        "expected",
        "data",
        "component",
        "components",
        "name",
    ] {
        assert!(
            !l.iter().any(|x| x.to_lowercase() == junk),
            "{junk} in {l:?}"
        );
    }
}

/// Asked again with nothing changed, the same report; after a save, a rename or another
/// scope, a report of the journal as it now is.
#[test]
fn a_report_is_kept_only_while_what_it_reads_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    sample(&mut j);
    let opts = ThemeOptions::default();
    let marcus = Scope::person("Marcus Bell");
    let first = themes(&mut j, &marcus, &opts).unwrap();
    assert!(Arc::ptr_eq(
        &first,
        &themes(&mut j, &marcus, &opts).unwrap()
    ));
    // Another scope, and other options, are other reports; the first is still kept.
    let whole = themes(&mut j, &Scope::default(), &opts).unwrap();
    assert_ne!(whole.scope_entries, first.scope_entries);
    let fewer = ThemeOptions { limit: 1, ..opts };
    assert!(themes(&mut j, &marcus, &fewer).unwrap().themes.len() <= 1);
    assert!(Arc::ptr_eq(
        &first,
        &themes(&mut j, &marcus, &opts).unwrap()
    ));

    log(
        &mut j,
        40,
        Kind::OneOnOne,
        Some("Marcus Bell"),
        "The on-call rotation swap, and the pager.",
    );
    let after = themes(&mut j, &marcus, &opts).unwrap();
    assert_eq!(after.scope_entries, first.scope_entries + 1);
    let rotation = |r: &ThemesReport| {
        r.themes
            .iter()
            .find(|t| t.label.to_lowercase().contains("on-call rotation"))
            .map(|t| t.entries)
    };
    assert_eq!(rotation(&after), rotation(&first).map(|n| n + 1));

    // Renamed after the word of its top theme: a name is not a theme of its own person.
    let word = after.themes[0]
        .label
        .split(' ')
        .next_back()
        .unwrap()
        .to_string();
    j.update_person(
        "Marcus Bell",
        &crate::model::PersonPatch {
            name: Some(format!("{word} Bell")),
            ..Default::default()
        },
    )
    .unwrap();
    let renamed = themes(&mut j, &Scope::person(&format!("{word} Bell")), &opts).unwrap();
    let has = |r: &ThemesReport| {
        r.themes
            .iter()
            .any(|t| t.label.to_lowercase().contains(&word.to_lowercase()))
    };
    assert!(has(&after));
    assert!(!has(&renamed), "{:?}", labels(&renamed));
}

/// The whole journal's report from the counts kept across changes equals the one from a
/// read of every row, after each kind of change.
#[test]
fn kept_whole_journal_counts_equal_a_whole_read_after_every_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    let ids = sample(&mut j);
    let opts = ThemeOptions {
        min_entries: 2,
        ..ThemeOptions::default()
    };
    let everything = Scope::default();
    let fresh = |j: &mut Journal| {
        *j.themes_memo() = Memo::default();
        themes(j, &everything, &opts).unwrap()
    };
    let check = |j: &mut Journal, what: &str| {
        let kept = themes(j, &everything, &opts).unwrap();
        assert!(j.themes_memo().whole.is_some());
        let whole = fresh(j);
        assert_eq!(*kept, *whole, "after {what}");
        // Newest first, as every report lists entries.
        for t in &kept.themes {
            let keys: Vec<(String, &String)> = t
                .entry_ids
                .iter()
                .map(|id| {
                    let date: String = j
                        .conn()
                        .query_row("SELECT date FROM entries WHERE id = ?1", [id], |r| r.get(0))
                        .unwrap();
                    (date, id)
                })
                .collect();
            assert!(keys.windows(2).all(|w| w[0] > w[1]), "{what}: {keys:?}");
        }
        kept
    };
    let before = check(&mut j, "the first read");
    let pages = [
        "Paged twice this week; the pager noise is the alerting thresholds.",
        "pager again at 3am, alerting thresholds still off. on-call swap w/ Dana didn't help",
        "Alerting thresholds review: fewer pages, the pager is quieter.",
    ];
    // One dated among the others: the report lists entries newest first.
    for (i, b) in pages.iter().enumerate() {
        log(
            &mut j,
            [50, 3, 51][i],
            Kind::OneOnOne,
            Some("Priya Raman"),
            b,
        );
    }
    let after = check(&mut j, "three saves");
    assert_ne!(
        labels(&before),
        labels(&after),
        "the saves change the report"
    );
    j.edit(
        &ids[0],
        EntryPatch {
            body: Some("Alerting thresholds and the pager, again.".into()),
            ..EntryPatch::default()
        },
    )
    .unwrap();
    check(&mut j, "an edit");
    j.edit(
        &ids[1],
        EntryPatch {
            person: Some("Priya Raman".into()),
            date: Some(day(16)),
            ..EntryPatch::default()
        },
    )
    .unwrap();
    check(&mut j, "a move to another person and date");
    j.delete(&ids[2]).unwrap();
    check(&mut j, "a delete");
    j.restore(&ids[2]).unwrap();
    log(
        &mut j,
        95,
        Kind::Note,
        None,
        "Team offsite planning, the pager budget.",
    );
    check(&mut j, "a restore and a note about no one");
    j.update_person(
        "Priya Raman",
        &crate::model::PersonPatch {
            name: Some("Priya Raman-Lee".into()),
            ..Default::default()
        },
    )
    .unwrap();
    check(&mut j, "a rename");
}
