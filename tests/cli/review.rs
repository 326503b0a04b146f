//! Goals, stars and review packets from a terminal: every format, every bad input.

use std::os::unix::fs::PermissionsExt;

use serde_json::Value;

use crate::support::{stderr, Vault};

/// Priya with a goal, a starred career talk, and feedback both delivered and only planned.
fn priya() -> (Vault, String, String) {
    let v = Vault::new();
    v.ok(&[
        "person",
        "add",
        "Priya Raman",
        "--cadence",
        "14",
        "--role",
        "Senior engineer",
    ]);
    v.ok(&["person", "add", "Omar Said"]);
    let goal = v.ok(&[
        "goal",
        "add",
        "--with",
        "Priya Raman",
        "--kind",
        "career",
        "--due",
        "2026-12-01",
        "Staff engineer path",
    ]);
    let goal = goal.trim().to_string();
    let talk = v.log(&[
        "one-on-one",
        "--with",
        "Priya Raman",
        "--date",
        "2026-09-01",
        "--goal",
        &goal,
        "--body",
        "Career conversation: the staff engineer promotion path, what evidence she needs.",
    ]);
    v.log(&[
        "one-on-one",
        "--with",
        "Priya Raman",
        "--date",
        "2026-10-01",
        "--body",
        "Datastore migration plan.",
    ]);
    v.log(&[
        "feedback",
        "--with",
        "Priya Raman",
        "--date",
        "2026-10-02",
        "--direction",
        "constructive",
        "--tag",
        "communication",
        "--planned",
        "--situation",
        "In the migration review",
        "--behavior",
        "the plan changed <script>without</script> a note",
        "--impact",
        "two teams were surprised",
        "--body",
        "To tell her.",
    ]);
    v.ok(&["star", &talk]);
    (v, goal, talk)
}

#[test]
fn goals_are_added_listed_linked_and_closed() {
    let (v, goal, talk) = priya();
    let list = v.json(&["goal", "list", "--person", "priya raman", "--json"]);
    assert_eq!(list[0]["id"], goal.as_str());
    assert_eq!(list[0]["checkins"], 1);
    assert_eq!(list[0]["last_checkin"], "2026-09-01");
    let shown = v.json(&["goal", "show", &goal, "--json"]);
    assert_eq!(shown["checkins"][0]["entry_id"], talk.as_str());
    // A later entry checks in through `edit`.
    let later = v.log(&[
        "one-on-one",
        "--with",
        "Priya Raman",
        "--date",
        "2026-11-01",
        "--body",
        "Promo packet draft.",
    ]);
    v.ok(&["edit", &later, "--goal", &goal, "--title", "Promo packet"]);
    assert_eq!(
        v.json(&["goal", "show", &goal, "--json"])["checkins"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    v.ok(&["goal", "done", &goal]);
    assert_eq!(
        v.json(&["goal", "list", "--status", "active", "--json"]),
        Value::Array(vec![])
    );
    v.ok(&["goal", "reopen", &goal]);
    let mine = v.ok(&[
        "goal",
        "add",
        "--me",
        "--kind",
        "skill",
        "Delegate the release train",
    ]);
    assert_eq!(
        v.json(&["goal", "list", "--me", "--json"])[0]["id"],
        mine.trim()
    );
    assert!(v.ok(&["goal", "list"]).contains("Staff engineer path"));
}

#[test]
fn bad_goal_input_is_one_line_and_writes_nothing() {
    let (v, goal, _) = priya();
    for (args, needle) in [
        (vec!["goal", "add", "--with", "Nobody", "x"], "no person"),
        (
            vec![
                "goal",
                "add",
                "--with",
                "Priya Raman",
                "--kind",
                "someday",
                "x",
            ],
            "kind",
        ),
        (vec!["goal", "done", "01ZZZZZZZZ"], "no goal"),
        (vec!["goal", "list", "--status", "maybe"], "status"),
    ] {
        let out = v.run(&args);
        assert!(!out.status.success(), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(err.trim().lines().count() <= 2, "{err}");
    }
    // Omar's entry cannot check in on Priya's goal, and is not written.
    let before = v.json(&["list", "--json"]).as_array().unwrap().len();
    let out = v.run(&[
        "log",
        "note",
        "--with",
        "Omar Said",
        "--goal",
        &goal,
        "--body",
        "x",
    ]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("belongs to someone other"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        v.json(&["list", "--json"]).as_array().unwrap().len(),
        before,
        "nothing written"
    );
}

#[test]
fn a_review_in_every_format_cites_its_entries() {
    let (v, goal, talk) = priya();
    let md = v.ok(&[
        "review",
        "Priya Raman",
        "--since",
        "2026-07-01",
        "--until",
        "2026-12-31",
    ]);
    for section in [
        "# Review: Priya Raman",
        "## Summary",
        "## Feedback by area",
        "## Goals",
        "## Career conversations",
        "## Highlights",
        "## Writing the review",
        "Surprise",
    ] {
        assert!(md.contains(section), "missing {section}:\n{md}");
    }
    assert!(
        md.contains("2026-09-01 “Career conversation"),
        "cites date and title"
    );

    let json: Value = serde_json::from_str(&v.ok(&[
        "review",
        "Priya Raman",
        "--since",
        "2026-07-01",
        "--until",
        "2026-12-31",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["person"], "Priya Raman");
    assert_eq!(json["summary"]["meetings"].as_array().unwrap().len(), 2);
    assert_eq!(
        json["summary"]["planned_not_delivered"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(json["goals"][0]["goal"]["id"], goal.as_str());
    assert_eq!(json["highlights"][0]["id"], talk.as_str());
    assert!(json["career"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == talk.as_str()));
    assert!(json["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["area"] == "communication" && p["surprise"] == true));

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("priya.html");
    let o = out.to_str().unwrap();
    v.ok(&[
        "review",
        "Priya Raman",
        "--since",
        "2026-07-01",
        "--until",
        "2026-12-31",
        "--format",
        "html",
        "--out",
        o,
    ]);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert!(
        !html.contains("<script>") && html.contains("&lt;script&gt;"),
        "journal text escaped"
    );
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // An existing file is never overwritten.
    let again = v.run(&["review", "Priya Raman", "--format", "html", "--out", o]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("exists"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), html);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no partial file"
    );

    let me = v.ok(&[
        "review",
        "--me",
        "--since",
        "2026-01-01",
        "--until",
        "2026-12-31",
    ]);
    assert!(me.starts_with("# My own record"));
}

#[test]
fn review_bad_input_and_empty_periods() {
    let (v, _, _) = priya();
    let out = v.run(&["review", "Nobody"]);
    assert!(!out.status.success() && stderr(&out).contains("no person"));
    let out = v.run(&[
        "review",
        "Priya Raman",
        "--since",
        "2026-12-01",
        "--until",
        "2026-01-01",
    ]);
    assert!(
        !out.status.success() && stderr(&out).contains("--since is after --until"),
        "{}",
        stderr(&out)
    );
    let out = v.run(&["review"]);
    assert!(!out.status.success(), "a name or --me");
    let empty = v.ok(&[
        "review",
        "Priya Raman",
        "--since",
        "2020-01-01",
        "--until",
        "2020-06-30",
    ]);
    assert!(empty.contains("Nothing was written in this period."));
}
