//! The demo journal through a Markdown export and back: nothing of what the export carries
//! is lost, every wikilink resolves as Obsidian resolves it, and importing twice adds
//! nothing.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::fs;

use super::tests::{comparable, journal, obsidian_targets};
use super::*;
use crate::model::{ActionFilter, EntryFilter, EntryPatch};

fn entries(j: &Journal) -> Vec<serde_json::Value> {
    let mut v: Vec<_> = j
        .entries(&EntryFilter::default())
        .unwrap()
        .into_iter()
        .map(|e| serde_json::to_value(e).unwrap())
        .collect();
    v.sort_by_key(|e| e["id"].as_str().unwrap().to_string());
    v
}

/// An action item as (person, text, owner, due, done, entry).
type Action = (String, String, String, Option<String>, bool, Option<String>);

fn actions(j: &Journal) -> Vec<Action> {
    let mut v: Vec<_> = j
        .actions(&ActionFilter::default())
        .unwrap()
        .into_iter()
        .map(|a| {
            (
                a.person,
                a.text,
                a.owner.as_str().to_string(),
                a.due.map(|d| d.to_string()),
                a.done_at.is_some(),
                a.entry_id,
            )
        })
        .collect();
    v.sort();
    v
}

/// Per entry: its goals' titles and whether it is starred.
fn marks(j: &Journal) -> BTreeSet<(String, Vec<String>, bool)> {
    j.entries(&EntryFilter::default())
        .unwrap()
        .into_iter()
        .map(|e| {
            let mut goals: Vec<String> = j
                .goals_of_entry(&e.id)
                .unwrap()
                .into_iter()
                .map(|g| g.title)
                .collect();
            goals.sort();
            let starred = j.is_starred(&e.id).unwrap();
            (e.id, goals, starred)
        })
        .collect()
}

#[test]
fn the_demo_journal_comes_back_whole_from_its_markdown_export() {
    let d = tempfile::tempdir().unwrap();
    let mut src = journal(&d.path().join("a"));
    crate::demo::generate(
        &mut src,
        &crate::demo::DemoOptions {
            entries: 400,
            seed: 7,
            end: chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
        },
        &mut |_, _| {},
    )
    .unwrap();
    // What the demo has none of: an archived person, mentions of people in the text, a star.
    let people = src.people(true).unwrap();
    src.set_archived(&people[0].name, true).unwrap();
    let list = src.entries(&EntryFilter::default()).unwrap();
    let (first, second) = (&list[0], &list[1]);
    let body = format!(
        "{}\n\nAsked @{} and @{} (mail: x@{}.org) to pair.",
        first.body,
        people[1].name,
        people[2].name.to_uppercase(),
        people[1].name
    );
    src.edit(
        &first.id,
        EntryPatch {
            body: Some(body),
            ..Default::default()
        },
    )
    .unwrap();
    src.star(&second.id, true).unwrap();
    // Goals no entry checks in on, the manager's own and a person's, one of them dropped.
    let mine = src
        .add_goal(&crate::goals::NewGoal {
            person: None,
            title: "Delegate the release train".into(),
            kind: crate::goals::GoalKind::Skill,
            due: chrono::NaiveDate::from_ymd_opt(2026, 9, 1),
            description: "Hand it to the team.\n\n- write the checklist".into(),
        })
        .unwrap();
    src.set_goal_status(&mine.id, crate::goals::GoalStatus::Dropped)
        .unwrap();
    src.add_goal(&crate::goals::NewGoal {
        person: Some(people[3].name.clone()),
        title: "Own: the on-call / rota".into(),
        kind: crate::goals::GoalKind::Project,
        due: None,
        description: String::new(),
    })
    .unwrap();
    let goals = src.goals(&crate::goals::GoalFilter::default()).unwrap();

    let out = d.path().join("vault");
    let rep = export_markdown(&src, &out, &mut |_, _| {}).unwrap();
    assert_eq!(rep.people, people.len());
    assert_eq!(rep.entries, list.len());
    assert_eq!(rep.goals, goals.len());

    // Opened as Obsidian opens it: every link finds a file (name without `.md`, any case,
    // any folder); the mentions and every entry's person among them.
    let (stems, links) = obsidian_targets(&out);
    let with_person = list.iter().filter(|e| e.person.is_some()).count();
    assert!(links.len() >= with_person + 2, "{} links", links.len());
    for l in &links {
        assert!(stems.contains(l), "[[{l}]] resolves to no file");
    }
    let text =
        fs::read_to_string(out.join("People").join(format!("{}.md", people[1].name))).unwrap();
    assert!(text.contains("type: person\n"), "{text}");

    let mut dst = journal(&d.path().join("b"));
    let r = import(&mut dst, Source::Markdown, &out, &mut |_, _| {}).unwrap();
    assert_eq!(r.people as usize, people.len(), "{:?}", r.skipped);
    assert_eq!(r.entries as usize, list.len(), "{:?}", r.skipped);
    assert_eq!(r.goals as usize, goals.len(), "{:?}", r.skipped);
    assert!(r.not_carried.is_empty(), "{:?}", r.not_carried);
    assert!(r.notices.is_empty(), "{:?}", r.notices);

    // People with every detail, entries field for field (the mentions are text again),
    // action items, goals checked in on and stars.
    assert_eq!(comparable(&dst)["people"], comparable(&src)["people"]);
    assert_eq!(entries(&dst), entries(&src));
    assert_eq!(actions(&dst), actions(&src));
    assert_eq!(marks(&dst), marks(&src));
    // Goals whole: ids, people, kinds, statuses, target dates, descriptions, check-ins.
    assert_eq!(comparable(&dst)["goals"], comparable(&src)["goals"]);
    assert_eq!(comparable(&dst)["starred"], comparable(&src)["starred"]);

    // Again: nothing is added.
    let again = import(&mut dst, Source::Markdown, &out, &mut |_, _| {}).unwrap();
    assert_eq!(
        (again.people, again.entries, again.action_items, again.goals),
        (0, 0, 0, 0)
    );
    assert_eq!(entries(&dst).len(), list.len());
}

/// Every link between entries, as (from title, to title).
fn links_of(j: &Journal) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for e in j.entries(&EntryFilter::default()).unwrap() {
        for to in j.entry_links(&e.id).unwrap().to {
            out.insert((e.title.clone(), to.title));
        }
    }
    out
}

/// Wikilinks between the notes of an Obsidian vault become links between their entries;
/// a link to a note that is not there is reported; the links survive a JSON and a
/// Markdown round trip, and importing the vault again adds none.
#[test]
fn wikilinks_between_notes_become_links_between_entries() {
    let d = tempfile::tempdir().unwrap();
    let v = d.path().join("vault");
    fs::create_dir_all(v.join("Projects/Deep")).unwrap();
    fs::create_dir_all(v.join(".obsidian")).unwrap();
    let note = |path: &str, text: &str| fs::write(v.join(path), text).unwrap();
    note(
        "Index.md",
        "---\ndate: 2024-01-01\n---\nSee [[q1 plan]], [[Projects/Deep/Roadmap#Later|the roadmap]], \
         [[Nowhere]], [[#Top]], [[Index]] and ![[Q1 plan]] and ![[board.png]].\n",
    );
    note(
        "Projects/Q1 plan.md",
        "---\ndate: 2024-01-02\ntitle: The plan for Q1\n---\nBack to [[index]].\n",
    );
    note(
        "Projects/Deep/Roadmap.md",
        "---\ndate: 2024-01-03\n---\nNo links.\n",
    );
    note(
        "Lonely.md",
        "---\ndate: 2024-01-04\n---\n[[Gone]] and [[Gone too]].\n",
    );

    let mut a = journal(&d.path().join("a"));
    let r = import(&mut a, Source::Markdown, &v, &mut |_, _| {}).unwrap();
    assert_eq!(r.entries, 4);
    let expected: BTreeSet<(String, String)> = [
        ("Index", "The plan for Q1"),
        ("Index", "Roadmap"),
        ("The plan for Q1", "Index"),
    ]
    .into_iter()
    .map(|(f, t)| (f.to_string(), t.to_string()))
    .collect();
    assert_eq!(links_of(&a), expected);
    let row = r
        .not_carried
        .iter()
        .find(|n| n.field == "wikilinks")
        .unwrap();
    assert_eq!(row.count, 2, "Index and Lonely link to notes not imported");
    let index = a
        .entries(&EntryFilter::default())
        .unwrap()
        .into_iter()
        .find(|e| e.title == "Index")
        .unwrap();
    let both = a.entry_links(&index.id).unwrap();
    assert_eq!((both.to.len(), both.from.len()), (2, 1));

    // Again: the same entries, the same links.
    let again = import(&mut a, Source::Markdown, &v, &mut |_, _| {}).unwrap();
    assert_eq!(again.entries, 0);
    assert_eq!(links_of(&a), expected);

    // The JSON export carries them.
    let file = d.path().join("a.json");
    export_json(&a, &file).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(json["links"].as_array().unwrap().len(), 3);
    let mut b = journal(&d.path().join("b"));
    import(&mut b, Source::Json, &file, &mut |_, _| {}).unwrap();
    assert_eq!(links_of(&b), expected);

    // And so does a Markdown export, read back.
    let out = d.path().join("md");
    export_markdown(&a, &out, &mut |_, _| {}).unwrap();
    let mut c = journal(&d.path().join("c"));
    import(&mut c, Source::Markdown, &out, &mut |_, _| {}).unwrap();
    assert_eq!(links_of(&c), expected);
}
