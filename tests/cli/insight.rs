//! `candor themes`, `nudges`, `prep` and `reflect`: on the demo journal (written with
//! patterns the nudges must find, and only those), and on small hand-built journals.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::support::Vault;

/// The demo's last day, and "today" for the analysis.
const END: &str = "2025-06-13";

fn labels(themes: &Value) -> Vec<String> {
    themes["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["label"].as_str().unwrap().to_string())
        .collect()
}

fn skill_entries(themes: &Value, skill: &str) -> u64 {
    themes["skills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["skill"] == skill)
        .map(|s| s["entries"].as_u64().unwrap())
        .unwrap()
}

fn person_themes(v: &Vault, name: &str) -> Value {
    v.json(&["themes", "--person", name, "--limit", "15", "--json"])
}

#[test]
fn the_demo_journal_shows_its_themes_and_exactly_its_nudges() {
    let v = Vault::empty();
    v.ok(&["demo", "--until", END]);

    // Themes a manager would recognise, from each person's own notes.
    let expect = [
        (
            "Marcus Bell",
            &["on-call", "alerts", "incident follow-ups", "toil"][..],
        ),
        ("Priya Raman", &["promotion case", "payments migration"][..]),
        ("Dev Patel", &["API design"][..]),
        ("Zoë Laurent", &["conference talk"][..]),
        ("Aisha Khan", &["data pipeline", "schema migration"][..]),
        ("Tomás Ortega", &["code review", "onboarding"][..]),
    ];
    for (name, wanted) in expect {
        let t = person_themes(&v, name);
        let l = labels(&t);
        for w in wanted {
            assert!(l.iter().any(|x| x.contains(w)), "{name}: no {w:?} in {l:?}");
        }
        // Not their own name, and each theme as the contract promises.
        let first = name.split(' ').next().unwrap();
        assert!(!l.iter().any(|x| x.contains(first)), "{name}: {l:?}");
        for th in t["themes"].as_array().unwrap() {
            let ids = th["entry_ids"].as_array().unwrap();
            assert_eq!(th["entries"].as_u64().unwrap() as usize, ids.len());
            let monthly: u64 = th["monthly"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| {
                    assert_eq!(m["month"].as_str().unwrap().len(), 7);
                    m["count"].as_u64().unwrap()
                })
                .sum();
            assert_eq!(monthly as usize, ids.len());
            assert!(th["score"].as_f64().unwrap() > 0.0);
            assert!(ids.len() >= 3);
        }
    }
    // Marcus's burnout shows in the worry counts; the entries behind a theme are real.
    let marcus = person_themes(&v, "Marcus Bell");
    assert!(skill_entries(&marcus, "workload-burnout") >= 3);
    let id = marcus["themes"][0]["entry_ids"][0].as_str().unwrap();
    let shown = v.json(&["show", id, "--json"]);
    assert_eq!(shown["person"], "Marcus Bell");

    // The whole journal: themes that come back with someone, and the skills counted.
    let all = v.json(&["themes", "--json"]);
    let l = labels(&all);
    assert!(l.iter().any(|x| x == "promotion case"), "{l:?}");
    assert!(skill_entries(&all, "difficult-feedback") > 0);
    assert_eq!(
        all["skills"].as_array().unwrap().len(),
        14,
        "ten skills, four worries"
    );
    // A kind and a window are scopes too.
    let reflections = v.json(&[
        "themes",
        "--kind",
        "reflection",
        "--since",
        "2024-06-13",
        "--json",
    ]);
    assert!(!labels(&reflections).is_empty());
    let text = v.ok(&["themes", "--person", "Priya Raman"]);
    assert!(text.contains("promotion case") && text.contains("Skills these notes practise"));

    // Nudges: the patterns the demo was written with, and nothing else.
    let nudges = v.json(&["nudges", "--json", "--today", END]);
    let list = nudges.as_array().unwrap();
    // Repeats of a rule come grouped, most pressing first; each member is one situation.
    let urgency: Vec<u64> = list
        .iter()
        .map(|n| n["urgency"].as_u64().unwrap())
        .collect();
    assert!(urgency.windows(2).all(|w| w[0] >= w[1]), "{urgency:?}");
    let mut singles: Vec<(String, Value)> = Vec::new();
    for n in list {
        for k in ["id", "skill", "message", "suggestion"] {
            assert!(!n[k].as_str().unwrap().is_empty(), "{n}");
        }
        let rule = n["rule"].as_str().unwrap().to_string();
        let members = n["members"].as_array().unwrap();
        assert_ne!(members.len(), 1, "a group has several members: {n}");
        if members.is_empty() {
            singles.push((rule, n.clone()));
        } else {
            singles.extend(members.iter().map(|m| (rule.clone(), m.clone())));
        }
    }
    let rules_seen: BTreeSet<&str> = list.iter().map(|n| n["rule"].as_str().unwrap()).collect();
    assert_eq!(rules_seen.len(), list.len(), "one nudge per rule and skill");
    let mut about: BTreeSet<(String, String)> = BTreeSet::new();
    let count = |rule: &str| singles.iter().filter(|(r, _)| r == rule).count();
    let (undelivered, stale) = (count("feedback-not-delivered"), count("stale-action-item"));
    for (rule, n) in &singles {
        assert!(n["evidence"].is_array());
        let rule = rule.as_str();
        if rule != "feedback-not-delivered" && rule != "stale-action-item" {
            let person = n["person"].as_str().unwrap_or("-").to_string();
            about.insert((rule.to_string(), person));
        }
    }
    let expected: BTreeSet<(String, String)> = [
        ("one-on-one-overdue", "Dev Patel"),
        ("recurring-workload", "Marcus Bell"),
        ("tension-not-followed-up", "Aisha Khan"),
        ("tension-not-followed-up", "Dev Patel"),
        ("praise-only", "Tomás Ortega"),
        ("praise-only", "Hana Sato"),
        ("career-conversation-lapsed", "Zoë Laurent"),
        ("no-recent-reflection", "-"),
    ]
    .iter()
    .map(|(r, p)| (r.to_string(), p.to_string()))
    .collect();
    assert_eq!(about, expected);
    assert_eq!(
        undelivered, 3,
        "the three latest constructive feedback items"
    );
    assert!(
        (3..=6).contains(&stale),
        "three stale meetings' items: {stale}"
    );
    let marcus = list
        .iter()
        .find(|n| n["rule"] == "recurring-workload")
        .unwrap();
    assert_eq!(marcus["skill"], "empathy-listening");
    assert_eq!(marcus["evidence"].as_array().unwrap().len(), 3);

    // A short list first, at most one per skill unless pressing; the rest later, numbered.
    let today: Vec<&Value> = list.iter().filter(|n| n["group"] == "today").collect();
    assert!((1..=5).contains(&today.len()), "{}", today.len());
    assert!(list.len() > today.len(), "the rest is reachable");
    let groups: Vec<&str> = list.iter().map(|n| n["group"].as_str().unwrap()).collect();
    assert!(
        groups.windows(2).all(|w| w != ["later", "today"]),
        "{groups:?}"
    );
    let priorities: Vec<u64> = list
        .iter()
        .map(|n| n["priority"].as_u64().unwrap())
        .collect();
    assert_eq!(priorities, (1..=list.len() as u64).collect::<Vec<_>>());
    assert!(
        today.iter().any(|n| n["rule"] == "recurring-workload"),
        "burnout is pressing"
    );

    // The same, read by a person in a terminal.
    let text = v.ok(&["nudges", "--today", END]);
    assert!(text.contains("Dev Patel") && text.contains("Try:") && text.contains("Later"));

    // An agenda for the next one-on-one: carried-over items, themes, questions.
    let prep = v.json(&["prep", "Priya Raman", "--json", "--today", END]);
    assert!(!prep["open_actions"].as_array().unwrap().is_empty());
    assert!(!prep["themes"].as_array().unwrap().is_empty());
    assert!(!prep["questions"].as_array().unwrap().is_empty());
    let text = v.ok(&["prep", "Priya Raman", "--today", END]);
    assert!(
        text.contains("Carried over:") && text.contains("Questions:"),
        "{text}"
    );
    let dev = v.json(&["prep", "dev patel", "--json", "--today", END]);
    assert_eq!(dev["last_meeting"]["days_ago"], 35);
    assert!(dev["nudges"].as_array().unwrap().len() >= 2);
}

fn small() -> Vault {
    let v = Vault::new();
    v.ok(&["person", "add", "Ana", "--cadence", "7"]);
    for d in ["2025-04-01", "2025-04-08", "2025-04-15"] {
        v.log(&[
            "one-on-one",
            "--with",
            "Ana",
            "--date",
            d,
            "--body",
            "Sprint board.",
        ]);
    }
    // Praise recent enough that no recognition drought shows before 2025-05-22.
    v.log(&[
        "feedback",
        "--with",
        "Ana",
        "--date",
        "2025-04-22",
        "--direction",
        "praise",
        "--situation",
        "In the incident review",
        "--behavior",
        "walked through the timeline without blame",
        "--impact",
        "two people owned up to mistakes",
        "--body",
        "Told her after.",
    ]);
    v.log(&[
        "reflection",
        "--date",
        "2025-05-01",
        "--body",
        "A quiet week.",
    ]);
    v
}

fn rules(v: &Vault, today: &str) -> Vec<String> {
    v.json(&["nudges", "--json", "--today", today])
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn nudges_can_be_dismissed_snoozed_and_tuned() {
    let v = small();
    assert_eq!(rules(&v, "2025-05-01"), ["one-on-one-overdue"]);
    let list = v.json(&["nudges", "--json", "--today", "2025-05-01"]);
    let id = list[0]["id"].as_str().unwrap().to_string();

    let out = v.ok(&[
        "nudges",
        "dismiss",
        &id,
        "--snooze",
        "10",
        "--today",
        "2025-05-01",
    ]);
    assert!(out.contains("2025-05-11"), "{out}");
    assert!(rules(&v, "2025-05-10").is_empty());
    assert_eq!(rules(&v, "2025-05-16").len(), 2);

    v.ok(&[
        "nudges",
        "dismiss",
        &id[..id.len() - 2],
        "--today",
        "2025-05-01",
    ]);
    assert_eq!(rules(&v, "2025-05-20"), ["no-recent-reflection"]);
    v.ok(&["nudges", "undismiss"]);
    assert_eq!(rules(&v, "2025-05-20").len(), 2);

    let out = v.run(&["nudges", "dismiss", "nope", "--today", "2025-05-01"]);
    assert_eq!(out.status.code(), Some(1));

    // Thresholds are settings kept in the journal.
    v.ok(&["nudges", "set", "reflection-gap-days", "60"]);
    assert_eq!(rules(&v, "2025-05-20"), ["one-on-one-overdue"]);
    let settings = v.json(&["nudges", "settings", "--json"]);
    let gap = settings
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "reflection_gap_days")
        .unwrap()
        .clone();
    assert_eq!(
        (gap["value"].as_u64(), gap["default"].as_u64()),
        (Some(60), Some(14))
    );
    assert_eq!(
        v.run(&["nudges", "set", "reflection-gap-days", "0"])
            .status
            .code(),
        Some(1)
    );
    v.ok(&["nudges", "set", "reflection-gap-days", "--reset"]);
    assert_eq!(rules(&v, "2025-05-20").len(), 2);
}

#[test]
fn reflect_prompts_the_week_the_track_and_the_path() {
    let v = small();
    let r = v.json(&["reflect", "--json", "--today", "2025-05-14"]);
    assert_eq!(r["weekly"].as_array().unwrap().len(), 3);
    assert!(r["first_90_days"].is_null());
    assert_eq!(r["path"]["due"], true);

    let out = v.ok(&[
        "reflect",
        "--started",
        "2025-04-28",
        "--today",
        "2025-05-14",
    ]);
    assert!(out.contains("First 90 days, week 3"), "{out}");
    v.log(&[
        "reflection",
        "--date",
        "2025-05-02",
        "--tag",
        "path",
        "--mood",
        "4",
        "--body",
        "Yes, mostly.",
    ]);
    let r = v.json(&["reflect", "--json", "--today", "2025-05-14"]);
    assert!(r["path"].is_null());
    assert_eq!(r["path_trend"][0]["month"], "2025-05");
    assert_eq!(r["path_trend"][0]["mood"], 4.0);
    let out = v.ok(&["reflect", "--today", "2025-06-02"]);
    assert!(
        out.contains("right path") && out.contains("2025-05 4.0"),
        "{out}"
    );
}

#[test]
fn themes_and_prep_refuse_unknown_people() {
    let v = small();
    assert_eq!(
        v.run(&["themes", "--person", "Nobody"]).status.code(),
        Some(1)
    );
    assert_eq!(v.run(&["prep", "Nobody"]).status.code(), Some(1));
    let ana = v.json(&["themes", "--person", "Ana", "--json"]);
    assert_eq!(labels(&ana), ["sprint board"]);
    let few = v.json(&["themes", "--person", "Ana", "--min-entries", "4", "--json"]);
    assert!(labels(&few).is_empty());
    let out = v.run(&["themes", "--since", "2025-05-01", "--until", "2025-04-01"]);
    assert_eq!(out.status.code(), Some(1));
}

/// A small journal of quick notes: the pager report gets an on-call/paging theme in the
/// terminal, and a report who keeps hinting at leaving gets the keeping-people nudge.
#[test]
fn quick_notes_give_themes_and_the_retention_nudge() {
    let v = Vault::new();
    for who in ["Rosa Diaz", "Ivy Chen", "Bo Park"] {
        v.ok(&["person", "add", who, "--cadence", "14"]);
    }
    let notes: &[(&str, &str, &str)] = &[
        (
            "Rosa Diaz",
            "2025-05-02",
            "rough wk. got paged 3x tues night, barely slept",
        ),
        (
            "Rosa Diaz",
            "2025-05-09",
            "Pages again overnight - disk alerts. wants them tuned",
        ),
        (
            "Rosa Diaz",
            "2025-05-16",
            "on call wk was brutal, pager went off during dinner",
        ),
        (
            "Rosa Diaz",
            "2025-05-23",
            "asked if oncall could be split w/ platform",
        ),
        (
            "Rosa Diaz",
            "2025-05-30",
            "Paging better since the alert cleanup, still 2am wakeups on her on-call wk",
        ),
        (
            "Ivy Chen",
            "2025-04-20",
            "quiet. asked what the equity refresh looks like",
        ),
        (
            "Ivy Chen",
            "2025-05-12",
            "mentioned she took a recruiter call, 'just to see'",
        ),
        (
            "Ivy Chen",
            "2025-06-03",
            "not sure I see myself here long term, her words",
        ),
        (
            "Bo Park",
            "2025-05-20",
            "funny: a recruiter from a bank called him by mistake",
        ),
        (
            "Bo Park",
            "2025-06-03",
            "wants to lead the new tooling, excited",
        ),
    ];
    for (who, date, body) in notes {
        v.log(&["one-on-one", "--with", who, "--date", date, "--body", body]);
    }
    let text = v.ok(&["themes", "--person", "Rosa Diaz"]);
    let lower = text.to_lowercase();
    assert!(lower.contains("pag"), "{text}");
    assert!(
        lower.contains("on call") || lower.contains("on-call") || lower.contains("oncall"),
        "{text}"
    );

    let list = v.json(&["nudges", "--json", "--today", "2025-06-10"]);
    let leaving: Vec<&Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["rule"] == "signs-of-leaving")
        .collect();
    assert_eq!(leaving.len(), 1, "{list}");
    assert_eq!(leaving[0]["person"], "Ivy Chen");
    assert_eq!(leaving[0]["skill"], "keeping-people");
    assert_eq!(leaving[0]["evidence"].as_array().unwrap().len(), 3);
}
