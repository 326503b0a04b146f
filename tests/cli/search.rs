//! `candor search` and `candor reindex` against a generated journal: results must be
//! exactly what a plain scan of every entry finds, and stay so through edits, deletes,
//! restores, rebuilds and a killed process.
//!
//! The scan shares only the word analyzer with the index (lower-case, fold, stem), which
//! has unit tests of its own; matching, phrases, prefixes, filters, negation, `OR` and the
//! counts are computed here independently.

use std::collections::BTreeSet;

use candor_engine::search::schema::{name_analyzer, text_analyzer, tokens};
use chrono::NaiveDate;
use serde_json::Value;

use crate::support::{stderr, Vault};

struct Doc {
    id: String,
    kind: String,
    date: NaiveDate,
    person: Option<String>,
    tags: Vec<String>,
    /// Title, body, tags, person, feedback fields: each a separate text.
    texts: Vec<String>,
}

fn docs(v: &Vault) -> Vec<Doc> {
    let list = v.json(&["list", "--json"]);
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().map(str::to_string);
            let tags: Vec<String> = e["tags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap().to_string())
                .collect();
            let mut texts = vec![s("title").unwrap(), s("body").unwrap()];
            texts.extend(tags.iter().cloned());
            texts.extend(s("person"));
            for k in ["situation", "behavior", "impact"] {
                texts.extend(e["feedback"][k].as_str().map(str::to_string));
            }
            Doc {
                id: s("id").unwrap(),
                kind: s("kind").unwrap(),
                date: NaiveDate::parse_from_str(&s("date").unwrap(), "%Y-%m-%d").unwrap(),
                person: s("person"),
                tags,
                texts,
            }
        })
        .collect()
}

fn contains_seq(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// The words (or phrase) in any one text of the entry, stemmed as the index stems.
fn phrase(d: &Doc, words: &str) -> bool {
    let mut a = text_analyzer();
    let needle = tokens(&mut a, words);
    d.texts.iter().any(|t| {
        // Names are matched unstemmed; every other text stemmed.
        if Some(t) == d.person.as_ref() {
            contains_seq(
                &tokens(&mut name_analyzer(), t),
                &tokens(&mut name_analyzer(), words),
            )
        } else {
            contains_seq(&tokens(&mut a, t), &needle)
        }
    })
}

fn prefix(d: &Doc, p: &str) -> bool {
    let mut n = name_analyzer();
    d.texts
        .iter()
        .any(|t| tokens(&mut n, t).iter().any(|w| w.starts_with(p)))
}

fn person(d: &Doc, name: &str) -> bool {
    let mut n = name_analyzer();
    d.person
        .as_ref()
        .is_some_and(|p| contains_seq(&tokens(&mut n, p), &tokens(&mut n, name)))
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn search(v: &Vault, q: &str, limit: usize) -> Value {
    v.json(&["search", q, "--limit", &limit.to_string(), "--json"])
}

fn ids(r: &Value) -> BTreeSet<String> {
    r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

type Check = Box<dyn Fn(&Doc) -> bool>;

fn demo_vault(entries: &str) -> Vault {
    let v = Vault::empty();
    v.ok(&["demo", "--entries", entries, "--until", "2026-06-30"]);
    v
}

#[test]
fn results_match_a_scan_of_every_entry() {
    let v = demo_vault("300");
    let all = docs(&v);
    assert!(all.len() >= 290, "{} entries", all.len());
    let cases: Vec<(&str, Check)> = vec![
        ("promotion", Box::new(|d| phrase(d, "promotion"))),
        ("Promoted", Box::new(|d| phrase(d, "promote"))),
        (
            "sprint priorities",
            Box::new(|d| phrase(d, "sprint") && phrase(d, "priorities")),
        ),
        ("\"action items\"", Box::new(|d| phrase(d, "action items"))),
        ("on-call", Box::new(|d| phrase(d, "on call"))),
        ("deleg*", Box::new(|d| prefix(d, "deleg"))),
        (
            "burnout OR workload",
            Box::new(|d| phrase(d, "burnout") || phrase(d, "workload")),
        ),
        (
            "sprint -blockers",
            Box::new(|d| phrase(d, "sprint") && !phrase(d, "blockers")),
        ),
        ("person:priya", Box::new(|d| person(d, "priya"))),
        (
            "person:\"Priya Raman\" promotion",
            Box::new(|d| person(d, "priya raman") && phrase(d, "promotion")),
        ),
        ("person:tomas", Box::new(|d| person(d, "tomás"))),
        (
            "with:zoe kind:1on1",
            Box::new(|d| person(d, "zoë") && d.kind == "one-on-one"),
        ),
        ("kind:feedback", Box::new(|d| d.kind == "feedback")),
        (
            "-kind:one-on-one -kind:feedback",
            Box::new(|d| d.kind != "one-on-one" && d.kind != "feedback"),
        ),
        (
            "tag:burnout",
            Box::new(|d| d.tags.iter().any(|t| t == "burnout")),
        ),
        (
            "tag:PAYMENTS-MIGRATION",
            Box::new(|d| d.tags.iter().any(|t| t == "payments-migration")),
        ),
        (
            "after:2025-01-01 before:2025-06-30",
            Box::new(|d| d.date >= day("2025-01-01") && d.date <= day("2025-06-30")),
        ),
        (
            "person:marcus after:2026-01 feedback OR incident*",
            Box::new(|d| {
                person(d, "marcus")
                    && d.date >= day("2026-01-01")
                    && (phrase(d, "feedback") || prefix(d, "incident"))
            }),
        ),
        ("xylophonequartz", Box::new(|_| false)),
    ];
    for (q, check) in cases {
        let expected: BTreeSet<String> = all
            .iter()
            .filter(|d| check(d))
            .map(|d| d.id.clone())
            .collect();
        let r = search(&v, q, 1000);
        assert_eq!(
            r["total"].as_u64().unwrap() as usize,
            expected.len(),
            "total for {q:?}"
        );
        assert_eq!(ids(&r), expected, "hits for {q:?}");
        if q != "xylophonequartz" {
            assert!(
                !expected.is_empty(),
                "{q:?} should find something in the demo"
            );
        }
        // A small limit shows the best few but still counts everything.
        let top = search(&v, q, 3);
        assert_eq!(top["total"], r["total"]);
        assert_eq!(top["hits"].as_array().unwrap().len(), expected.len().min(3));
        assert!(ids(&top).is_subset(&expected));
    }
}

#[test]
fn hits_are_ranked_and_highlighted() {
    let v = demo_vault("200");
    let r = search(&v, "promotion", 20);
    let hits = r["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "ranked by score: {scores:?}"
    );
    for h in hits {
        for k in ["id", "date", "kind", "title", "snippet"] {
            assert!(h[k].is_string(), "{k} in {h}");
        }
        assert!(h.get("person").is_some());
        assert!(
            h["snippet"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("**promotion"),
            "{h}"
        );
    }
    // Filters alone: newest first.
    let r = search(&v, "person:priya", 50);
    let dates: Vec<&str> = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    // The human form shows the same hits.
    let text = v.ok(&["search", "promotion", "--limit", "2"]);
    assert!(
        text.contains("**promotion**") || text.contains("**Promotion**"),
        "{text}"
    );
}

#[test]
fn edits_deletes_and_restores_show_at_once() {
    let v = Vault::new();
    let id = v.log(&[
        "note",
        "--title",
        "Budget",
        "--body",
        "headcount planning for Zoë",
    ]);
    assert_eq!(
        ids(&search(&v, "headcount", 10)),
        BTreeSet::from([id.clone()])
    );
    assert_eq!(search(&v, "zoe", 10)["total"], 1);
    v.ok(&["edit", &id, "--body", "hiring freeze", "--tag", "Finance"]);
    assert_eq!(search(&v, "headcount", 10)["total"], 0);
    assert_eq!(search(&v, "freeze tag:finance", 10)["total"], 1);
    v.ok(&["delete", &id]);
    assert_eq!(search(&v, "freeze", 10)["total"], 0);
    v.ok(&["trash", "restore", &id]);
    assert_eq!(search(&v, "freeze", 10)["total"], 1);
    v.ok(&["delete", &id]);
    v.ok(&["trash", "empty"]);
    assert_eq!(search(&v, "freeze OR budget", 10)["total"], 0);
}

#[test]
fn reindex_rebuilds_the_same_results() {
    let v = demo_vault("150");
    let before = search(&v, "sprint OR promotion", 1000);
    let out = v.ok(&["reindex"]);
    assert!(out.contains("Indexed 150 entries"), "{out}");
    assert_eq!(ids(&search(&v, "sprint OR promotion", 1000)), ids(&before));
}

#[test]
fn malformed_queries_exit_1_with_one_clear_line() {
    let v = Vault::new();
    v.log(&["note", "--body", "secret journal words"]);
    for (q, says) in [
        ("\"open", "unclosed quote"),
        ("mood:5", "unknown filter `mood:`"),
        ("after:2025-02-30", "after: needs a date"),
        ("kind:meeting", "unknown kind"),
        ("", "empty"),
        ("OR", "OR needs"),
    ] {
        let out = v.run(&["search", q]);
        assert_eq!(out.status.code(), Some(1), "{q:?}");
        let err = stderr(&out);
        assert!(
            err.starts_with("candor: ") && err.contains(says),
            "{q:?}: {err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(!err.contains("journal words"), "no journal text in errors");
    }
}

#[test]
fn a_killed_writer_leaves_index_and_journal_in_step() {
    let v = Vault::new();
    let mut child = v
        .cmd(&["demo", "--entries", "20000", "--until", "2026-06-30"])
        .spawn()
        .unwrap();
    // Let it commit a few chunks, then kill it mid-write.
    std::thread::sleep(std::time::Duration::from_millis(2500));
    child.kill().unwrap();
    child.wait().unwrap();
    let listed = v.json(&["list", "--json"]).as_array().unwrap().len();
    let found = search(&v, "after:1900", 1)["total"].as_u64().unwrap() as usize;
    assert_eq!(
        found, listed,
        "every saved entry is searchable after the kill"
    );
    let words = search(&v, "sprint", 1)["total"].as_u64().unwrap();
    assert_eq!(ids(&search(&v, "sprint", 100_000)).len() as u64, words);
}
