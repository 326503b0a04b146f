//! The index against a real (encrypted, on-disk) journal: every write path, crash catch-up,
//! rebuilds, and two processes' copies of one journal.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use secrecy::SecretString;

use crate::model::{EntryPatch, FeedbackInput, Kind, NewEntry};
use crate::search::SearchError;
use crate::{vault, Journal};

const PASS: &str = "search test passphrase";

fn journal() -> (tempfile::TempDir, Journal) {
    let d = tempfile::tempdir().unwrap();
    let (j, _) = vault::create(&d.path().join("v"), &SecretString::from(PASS)).unwrap();
    (d, j)
}

fn reopen(d: &tempfile::TempDir) -> Journal {
    vault::open(&d.path().join("v"), &SecretString::from(PASS)).unwrap()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn entry(
    kind: Kind,
    day: &str,
    person: Option<&str>,
    title: &str,
    body: &str,
    tags: &[&str],
) -> NewEntry {
    NewEntry {
        kind: Some(kind),
        date: Some(date(day)),
        person: person.map(str::to_string),
        title: Some(title.to_string()),
        body: body.to_string(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..Default::default()
    }
}

fn titles(j: &Journal, q: &str) -> Vec<String> {
    j.search(q, 50)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.title)
        .collect()
}

fn sample(j: &mut Journal) {
    j.log(entry(
        Kind::OneOnOne,
        "2025-01-10",
        Some("Priya Raman"),
        "Promotion talk",
        "Priya wants to be promoted to staff. We discussed the on-call rota.",
        &["career"],
    ))
    .unwrap();
    j.log(entry(
        Kind::OneOnOne,
        "2025-03-05",
        Some("Zoë Martin"),
        "Zoë check-in",
        "Workload is heavy; she is close to burnout.",
        &["Workload"],
    ))
    .unwrap();
    j.log(NewEntry {
        feedback: FeedbackInput {
            situation: Some("During the incident review".into()),
            behavior: Some("interrupted others repeatedly".into()),
            impact: Some("quieter engineers stopped talking".into()),
            ..Default::default()
        },
        ..entry(
            Kind::Feedback,
            "2025-06-20",
            Some("Priya Raman"),
            "Incident review",
            "Constructive feedback delivered.",
            &[],
        )
    })
    .unwrap();
    j.log(entry(
        Kind::Reflection,
        "2025-07-01",
        None,
        "Delegating",
        "I keep delegating too little. 会议很长。",
        &["growth", "on call"],
    ))
    .unwrap();
}

#[test]
fn words_stems_diacritics_phrases_prefixes() {
    let (_d, mut j) = journal();
    sample(&mut j);
    assert_eq!(titles(&j, "promote"), ["Promotion talk"]);
    assert_eq!(titles(&j, "zoe"), ["Zoë check-in"]);
    assert_eq!(titles(&j, "ZOË burnout"), ["Zoë check-in"]);
    assert_eq!(titles(&j, "\"on-call rota\""), ["Promotion talk"]);
    assert!(titles(&j, "\"rota on-call\"").is_empty());
    assert_eq!(titles(&j, "deleg*"), ["Delegating"]);
    assert_eq!(titles(&j, "会议"), ["Delegating"]);
    assert_eq!(titles(&j, "interrupted"), ["Incident review"]);
    assert_eq!(titles(&j, "quieter engineers"), ["Incident review"]);
    // Every word must match.
    assert!(titles(&j, "promotion burnout").is_empty());
    assert_eq!(titles(&j, "promotion OR burnout").len(), 2);
}

#[test]
fn filters_and_exclusions() {
    let (_d, mut j) = journal();
    sample(&mut j);
    assert_eq!(titles(&j, "person:priya").len(), 2);
    assert_eq!(
        titles(&j, "person:\"priya raman\" kind:feedback"),
        ["Incident review"]
    );
    assert!(titles(&j, "person:\"raman priya\"").is_empty());
    assert_eq!(titles(&j, "person:zoe"), ["Zoë check-in"]);
    assert_eq!(titles(&j, "kind:1on1").len(), 2);
    assert_eq!(titles(&j, "tag:workload"), ["Zoë check-in"]);
    assert_eq!(titles(&j, "tag:\"On Call\""), ["Delegating"]);
    assert!(titles(&j, "tag:on").is_empty());
    assert_eq!(
        titles(&j, "after:2025-06-20 before:2025-06-30"),
        ["Incident review"]
    );
    assert_eq!(
        titles(&j, "after:2025-03"),
        ["Delegating", "Incident review", "Zoë check-in"]
    );
    assert_eq!(
        titles(&j, "person:priya -kind:feedback"),
        ["Promotion talk"]
    );
    assert_eq!(titles(&j, "-burnout").len(), 3);
    let r = j.search("person:priya", 1).unwrap();
    assert_eq!((r.total, r.hits.len()), (2, 1));
    // Filters alone come newest first.
    assert_eq!(r.hits[0].title, "Incident review");
}

#[test]
fn hits_carry_snippets_and_fields() {
    let (_d, mut j) = journal();
    sample(&mut j);
    let r = j.search("promoted", 10).unwrap();
    let h = &r.hits[0];
    assert_eq!(
        h.snippet,
        "Priya wants to be **promoted** to staff. We discussed the on-call rota."
    );
    assert_eq!(h.person.as_deref(), Some("Priya Raman"));
    assert_eq!(h.kind, Kind::OneOnOne);
    assert_eq!(h.date, date("2025-01-10"));
    assert!(h.score > 0.0);
    let r = j.search("quieter", 10).unwrap();
    assert_eq!(r.hits[0].snippet, "**quieter** engineers stopped talking");
}

#[test]
fn malformed_queries_are_typed_errors() {
    let (_d, j) = journal();
    assert!(matches!(
        j.search("\"open", 5),
        Err(SearchError::UnclosedQuote)
    ));
    assert!(matches!(
        j.search("mood:3", 5),
        Err(SearchError::UnknownField { .. })
    ));
    assert!(matches!(
        j.search("after:soon", 5),
        Err(SearchError::BadDate { .. })
    ));
    assert!(matches!(j.search("  ", 5), Err(SearchError::Empty)));
    assert!(matches!(j.search("\"\" !!", 5), Err(SearchError::Empty)));
}

#[test]
fn edit_delete_restore_and_empty_trash_update_the_index() {
    let (_d, mut j) = journal();
    let e = j
        .log(entry(
            Kind::Note,
            "2025-02-01",
            None,
            "Budget",
            "headcount planning",
            &[],
        ))
        .unwrap();
    assert_eq!(titles(&j, "headcount"), ["Budget"]);
    j.edit(
        &e.id,
        EntryPatch {
            body: Some("hiring freeze".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(titles(&j, "headcount").is_empty());
    assert_eq!(titles(&j, "freeze"), ["Budget"]);
    j.delete(&e.id).unwrap();
    assert!(titles(&j, "freeze").is_empty());
    j.restore(&e.id).unwrap();
    assert_eq!(titles(&j, "freeze"), ["Budget"]);
    j.delete(&e.id).unwrap();
    j.empty_trash().unwrap();
    assert!(titles(&j, "freeze").is_empty());
    assert_eq!(j.search("freeze OR budget", 5).unwrap().total, 0);
}

#[test]
fn survives_reopen_without_rebuilding() {
    let (d, mut j) = journal();
    sample(&mut j);
    drop(j);
    let j = reopen(&d);
    assert_eq!(titles(&j, "burnout"), ["Zoë check-in"]);
    assert!(j.search_index_size() > 0);
}

#[test]
fn catches_up_after_a_crash_between_save_and_index() {
    let (d, mut j) = journal();
    sample(&mut j);
    drop(j);
    let mut j = reopen(&d);
    j.log(entry(
        Kind::Note,
        "2025-08-01",
        None,
        "Offsite",
        "planning the offsite agenda",
        &[],
    ))
    .unwrap();
    // Searches see the save at once; the database has its change, not yet the index's.
    assert_eq!(titles(&j, "offsite"), ["Offsite"]);
    let pending = |j: &Journal| -> i64 {
        j.conn()
            .query_row("SELECT count(*) FROM changes", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(pending(&j), 1);
    // Killed before it wrote the index: nothing of the save is lost.
    std::mem::forget(j);
    let j = reopen(&d);
    assert_eq!(titles(&j, "offsite"), ["Offsite"]);
    assert_eq!(titles(&j, "burnout"), ["Zoë check-in"]);
    // Closing writes the index, so the next open has nothing to apply.
    drop(j);
    let j = reopen(&d);
    assert_eq!(pending(&j), 0);
    assert_eq!(titles(&j, "offsite"), ["Offsite"]);
}

#[test]
fn the_next_save_catches_up_too() {
    let (_d, mut j) = journal();
    j.log_skipping_index(entry(
        Kind::Note,
        "2025-08-01",
        None,
        "Offsite",
        "agenda",
        &[],
    ))
    .unwrap();
    j.log(entry(
        Kind::Note,
        "2025-08-02",
        None,
        "Other",
        "agenda",
        &[],
    ))
    .unwrap();
    assert_eq!(titles(&j, "agenda"), ["Other", "Offsite"]);
}

#[test]
fn reindex_rebuilds_from_scratch() {
    let (d, mut j) = journal();
    sample(&mut j);
    j.conn()
        .execute_batch("DELETE FROM search_files; DELETE FROM search_chunks;")
        .unwrap();
    let mut calls = 0;
    assert_eq!(j.reindex(&mut |_, _| calls += 1).unwrap(), 4);
    assert!(calls >= 2);
    assert_eq!(titles(&j, "burnout"), ["Zoë check-in"]);
    drop(j);
    assert_eq!(titles(&reopen(&d), "promote"), ["Promotion talk"]);
}

#[test]
fn a_damaged_or_outdated_index_is_rebuilt_on_open() {
    let (d, mut j) = journal();
    sample(&mut j);
    j.conn()
        .execute("UPDATE search_chunks SET data = x'00'", [])
        .unwrap();
    drop(j);
    assert_eq!(titles(&reopen(&d), "burnout"), ["Zoë check-in"]);
    let j = reopen(&d);
    j.conn()
        .execute("UPDATE search_state SET format = 0", [])
        .unwrap();
    drop(j);
    assert_eq!(titles(&reopen(&d), "burnout"), ["Zoë check-in"]);

    // One damaged file (its footer is read when the index opens) is found at open too.
    let j = reopen(&d);
    j.conn()
        .execute(
            "UPDATE search_chunks SET data = x'00' WHERE name LIKE '%.pos'",
            [],
        )
        .unwrap();
    drop(j);
    let j = reopen(&d);
    assert_eq!(titles(&j, "\"on-call rota\""), ["Promotion talk"]);
    let damaged: i64 = j
        .conn()
        .query_row(
            "SELECT count(*) FROM search_chunks WHERE length(data) = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(damaged, 0);
}

#[test]
fn a_piece_found_damaged_by_a_search_is_rebuilt_by_the_next_save() {
    let (d, mut j) = journal();
    // Enough text that the positions file spans several pieces, so its middle is read
    // only when a phrase needs it, not when the index opens.
    for i in 0..400 {
        let body = format!("alpha{i} beta{i} gamma{i} delta{i} ").repeat(100);
        j.log(entry(
            Kind::Note,
            "2025-02-01",
            None,
            &format!("n{i}"),
            &body,
            &[],
        ))
        .unwrap();
    }
    j.log(entry(
        Kind::Note,
        "2025-02-02",
        None,
        "Rota",
        "the on-call rota",
        &[],
    ))
    .unwrap();
    j.reindex(&mut |_, _| {}).unwrap();
    drop(j);
    let j = reopen(&d);
    let pieces: i64 = j
        .conn()
        .query_row(
            "SELECT count(*) FROM search_chunks WHERE name LIKE '%.pos' AND n > 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(pieces > 0, "the positions file is one piece");
    j.conn()
        .execute(
            "UPDATE search_chunks SET data = x'00' WHERE name LIKE '%.pos' AND n = 1",
            [],
        )
        .unwrap();
    drop(j);
    let mut j = reopen(&d);
    assert!(matches!(
        j.search("\"alpha7 beta7\"", 5),
        Err(SearchError::Index(_))
    ));
    j.log(entry(Kind::Note, "2025-09-01", None, "Later", "note", &[]))
        .unwrap();
    assert_eq!(j.search("\"alpha7 beta7\"", 5).unwrap().total, 1);
    assert_eq!(titles(&j, "\"on-call rota\""), ["Rota"]);
}

#[test]
fn two_open_copies_see_each_others_writes() {
    let (d, mut a) = journal();
    let mut b = reopen(&d);
    a.log(entry(
        Kind::Note,
        "2025-01-01",
        None,
        "From A",
        "shared",
        &[],
    ))
    .unwrap();
    b.log(entry(
        Kind::Note,
        "2025-01-02",
        None,
        "From B",
        "shared",
        &[],
    ))
    .unwrap();
    a.log(entry(
        Kind::Note,
        "2025-01-03",
        None,
        "From A again",
        "shared",
        &[],
    ))
    .unwrap();
    for j in [&a, &b] {
        assert_eq!(titles(j, "shared"), ["From A again", "From B", "From A"]);
    }
    drop((a, b));
    assert_eq!(titles(&reopen(&d), "shared").len(), 3);
}

#[test]
fn many_saves_keep_few_segments() {
    let (d, mut j) = journal();
    for i in 0..40 {
        j.log(entry(
            Kind::Note,
            "2025-01-01",
            None,
            &format!("n{i}"),
            "steady",
            &[],
        ))
        .unwrap();
    }
    assert_eq!(j.search("steady", 5).unwrap().total, 40);
    j.flush_search().unwrap();
    let files: i64 = j
        .conn()
        .query_row("SELECT count(*) FROM search_files", [], |r| r.get(0))
        .unwrap();
    assert!(
        files < 100,
        "{files} files: merges keep the segment count down"
    );
    drop(j);
    assert_eq!(reopen(&d).search("steady", 5).unwrap().total, 40);
}

#[test]
fn pages_cover_every_hit_once_in_either_order() {
    use crate::search::{SearchOrder, SearchPage};
    let (_d, mut j) = journal();
    // Rota in every entry; "rota rota" ranks the later ones higher than their dates do.
    for i in 0..25 {
        let day = format!("2026-01-{:02}", i + 1);
        let body = if i % 5 == 0 {
            "rota rota rota"
        } else {
            "the rota"
        };
        j.log(entry(Kind::Note, &day, None, &format!("n{i}"), body, &[]))
            .unwrap();
    }
    for order in [SearchOrder::Relevance, SearchOrder::Newest] {
        let mut seen = Vec::new();
        for offset in (0..30).step_by(10) {
            let page = SearchPage {
                offset,
                limit: 10,
                order,
            };
            let r = j.search_page("rota", page).unwrap();
            assert_eq!(r.total, 25);
            seen.extend(r.hits.into_iter().map(|h| (h.title, h.date)));
        }
        assert_eq!(seen.len(), 25, "{order:?}");
        let mut titles: Vec<_> = seen.iter().map(|(t, _)| t.clone()).collect();
        titles.sort();
        titles.dedup();
        assert_eq!(titles.len(), 25, "no hit twice ({order:?})");
        if order == SearchOrder::Newest {
            assert!(seen.windows(2).all(|w| w[0].1 >= w[1].1), "newest first");
        } else {
            assert_eq!(seen[0].0, "n20", "the best match of the latest first");
        }
    }
    // A page past the end is empty, not an error.
    let far = SearchPage {
        offset: 1_000_000,
        limit: 10,
        order: SearchOrder::Relevance,
    };
    assert!(j.search_page("rota", far).unwrap().hits.is_empty());
}
