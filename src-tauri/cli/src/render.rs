//! Human-readable output; `--json` output is the engine's types serialised as they are.

use candor_engine::model::{ActionItem, Entry, Version};
use candor_engine::today::{PersonDue, Status};
use serde::Serialize;

use crate::CliError;

/// Ids are long; 14 characters keep them unique in practice and easy to copy.
pub fn short(id: &str) -> &str {
    id.get(..14).unwrap_or(id)
}

pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::Usage(format!("could not encode JSON: {e}")))?;
    println!("{text}");
    Ok(())
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

pub fn entry_line(e: &Entry) -> String {
    let tags = if e.tags.is_empty() {
        String::new()
    } else {
        format!("  #{}", e.tags.join(" #"))
    };
    format!(
        "{}  {}  {:<11} {:<16} {}{}",
        short(&e.id),
        e.date,
        e.kind.as_str(),
        clip(e.person.as_deref().unwrap_or("-"), 16),
        clip(&e.title, 60),
        tags
    )
}

/// One line per draft: id, last change, kind, person and what it still needs.
pub fn drafts(list: &[candor_engine::drafts::Draft]) {
    if list.is_empty() {
        eprintln!("No unfinished entries.");
    }
    for d in list {
        let f = &d.fields;
        let person = f.person.trim();
        let needs = candor_engine::drafts::needs(f)
            .map(|m| m.message())
            .unwrap_or("ready");
        println!(
            "{}  {}  {:<11} {:<20} {}",
            &d.id,
            d.updated_at.get(..10).unwrap_or(&d.updated_at),
            f.kind.as_str(),
            if person.is_empty() { "—" } else { person },
            needs
        );
    }
}

pub fn entries(list: &[Entry], empty: &str) {
    if list.is_empty() {
        eprintln!("{empty}");
    }
    for e in list {
        println!("{}", entry_line(e));
    }
}

/// The entries an entry links to and those linking to it (wikilinks of imported notes).
pub fn entry_links(links: &candor_engine::model::EntryLinks) {
    for (label, list) in [("Links to", &links.to), ("Linked from", &links.from)] {
        for l in list {
            println!("{label}: {} {} ({})", l.date, l.title, l.id);
        }
    }
}

pub fn entry_full(e: &Entry, revisions: usize) {
    println!("{}", e.title);
    println!("id:     {}", e.id);
    println!("date:   {}", e.date);
    println!("kind:   {}", e.kind);
    if let Some(p) = &e.person {
        println!("with:   {p}");
    }
    if !e.tags.is_empty() {
        println!("tags:   {}", e.tags.join(", "));
    }
    if let Some(m) = e.mood {
        println!("mood:   {m}/5");
    }
    if let Some(fb) = &e.feedback {
        println!(
            "feedback: {} {}, {}",
            if fb.received { "received" } else { "given" },
            fb.direction,
            if fb.planned { "planned" } else { "delivered" }
        );
        for (label, v) in [
            ("situation", &fb.situation),
            ("behaviour", &fb.behavior),
            ("impact", &fb.impact),
        ] {
            if let Some(v) = v {
                println!("  {label}: {v}");
            }
        }
    }
    if e.deleted_at.is_some() {
        println!("(in the trash)");
    }
    if revisions > 0 {
        println!("history: {revisions} earlier version(s); `candor history ID` lists them");
    }
    println!();
    println!("{}", e.body);
}

pub fn people(list: &[PersonDue]) {
    if list.is_empty() {
        eprintln!("No people yet. Add one with `candor person add NAME`.");
    }
    for PersonDue {
        person: p,
        standing: s,
        ..
    } in list
    {
        let cadence = p
            .cadence_days
            .map(|d| format!("every {d} days"))
            .unwrap_or_else(|| "-".into());
        let met = s
            .last_met
            .map(|d| format!("met {d}"))
            .unwrap_or_else(|| "never met".into());
        let due = match (s.status, s.next_due) {
            (Status::Overdue, _) => format!("overdue {}d", s.days_overdue),
            (Status::DueSoon | Status::OnTrack, Some(d)) => format!("due {d}"),
            _ => "-".into(),
        };
        println!(
            "{:<24} {:<11} {:<24} {:<15} {:<15} {}{}",
            clip(&p.name, 24),
            p.relationship.as_str(),
            clip(p.role.as_deref().unwrap_or("-"), 24),
            cadence,
            met,
            due,
            if p.archived { "  (archived)" } else { "" }
        );
    }
}

pub fn actions(list: &[ActionItem]) {
    if list.is_empty() {
        eprintln!("No action items.");
    }
    for a in list {
        let due = a.due.map(|d| format!("due {d}")).unwrap_or_default();
        println!(
            "{}  [{}] {:<16} {:<5} {:<14} {}",
            short(&a.id),
            if a.done_at.is_some() { "x" } else { " " },
            clip(&a.person, 16),
            a.owner.as_str(),
            due,
            a.text
        );
    }
}

/// `2025-03-04T10:20:30.000Z` as `2025-03-04 10:20 UTC`.
fn when(ts: &str) -> String {
    match ts.get(..16) {
        Some(t) if ts.ends_with('Z') => format!("{} UTC", t.replace('T', " ")),
        _ => ts.to_string(),
    }
}

/// Versions newest first: number, when written, title, and the start of the body.
pub fn history(list: &[Version]) {
    for (i, v) in list.iter().enumerate() {
        if i > 0 {
            println!();
        }
        let mark = if v.current { "  (current)" } else { "" };
        let changed = if v.changed.is_empty() {
            String::new()
        } else {
            format!("  changed: {}", v.changed.join(", "))
        };
        println!(
            "version {}{mark}  written {}{changed}",
            v.version,
            when(&v.written_at)
        );
        println!(
            "  {}  {}  {}",
            v.entry.date,
            v.entry.kind,
            clip(&v.entry.title, 70)
        );
        let lines: Vec<&str> = v
            .entry
            .body
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        for l in lines.iter().take(3) {
            println!("    {}", clip(l, 76));
        }
        if lines.len() > 3 {
            println!("    …");
        }
    }
    if list.len() > 1 {
        println!();
        println!("Go back to one with `candor revert ID VERSION`.");
    }
}
