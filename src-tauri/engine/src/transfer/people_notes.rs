//! A note per person in a Markdown export (`People/<Name>.md`): their details in front
//! matter, so that `[[Name]]` links (the `person:` property, `@` mentions in the text)
//! resolve in Obsidian, and so that importing the export gives the people back as they were.
//!
//! ```text
//! ---
//! type: person
//! id: 01JN…
//! name: "Priya Raman"
//! role: "Staff engineer"
//! relationship: report
//! cadence_days: 7
//! archived: false
//! created: "2025-03-01T09:00:00.000Z"
//! updated: "2025-03-01T09:00:00.000Z"
//! ---
//! # Priya Raman
//!
//! Staff engineer · report · one-on-one every 7 days
//! ```
//!
//! A note is read back as a person only when it says `type: person` and carries a Candor
//! id: a vault's own `type: person` notes (a common Dataview habit) stay notes.

use std::collections::HashMap;

use super::apply::{self, NotePerson};
use super::frontmatter::{quote, FrontMatter};
use super::json::JsonPerson;
use super::links;
use super::properties::Props;
use crate::model::Relationship;

/// The folder the person notes are in.
pub(crate) const PEOPLE_DIR: &str = "People";

/// The summary line under the heading: what a reader of the vault sees first.
fn summary(p: &JsonPerson) -> String {
    let mut parts = Vec::new();
    if let Some(r) = p.role.as_deref().filter(|r| !r.trim().is_empty()) {
        parts.push(r.to_string());
    }
    parts.push(p.relationship.as_str().to_string());
    if let Some(c) = p.cadence_days {
        parts.push(format!("one-on-one every {c} days"));
    }
    if p.archived {
        parts.push("archived".into());
    }
    parts.join(" · ")
}

fn body(p: &JsonPerson) -> String {
    format!("# {}\n\n{}\n", p.name, summary(p))
}

/// The whole file of one person's note.
pub(crate) fn person_file(p: &JsonPerson) -> String {
    let mut s = String::from("---\ntype: person\n");
    s.push_str(&format!("id: {}\n", p.id));
    s.push_str(&format!("name: {}\n", quote(&p.name)));
    if let Some(r) = &p.role {
        s.push_str(&format!("role: {}\n", quote(r)));
    }
    s.push_str(&format!("relationship: {}\n", p.relationship.as_str()));
    if let Some(c) = p.cadence_days {
        s.push_str(&format!("cadence_days: {c}\n"));
    }
    s.push_str(&format!("archived: {}\n", p.archived));
    s.push_str(&format!("created: {}\n", quote(&p.created_at)));
    s.push_str(&format!("updated: {}\n", quote(&p.updated_at)));
    s.push_str("---\n");
    s.push_str(&body(p));
    s
}

/// The inner text of a link to a person's note: `Priya Raman`, or `Priya-Raman|Priya/Raman`
/// when the file name had to differ from the name.
pub(crate) fn link_inner(stem: &str, shown: &str) -> String {
    if stem == shown {
        stem.to_string()
    } else {
        format!("{stem}|{shown}")
    }
}

/// Reads a person's note; `None` when the note is not one of ours.
pub(crate) fn parse(fm: &FrontMatter, text: &str, item: &str, stem: &str) -> Option<NotePerson> {
    let props = Props::new(fm);
    if props.str(&["type"]) != Some("person") {
        return None;
    }
    let id = props.str(&["id"]).filter(|i| apply::is_id(i))?.to_string();
    let name = props.str(&["name"])?.trim().to_string();
    let relationship = props.str(&["relationship"]);
    let cadence = props.str(&["cadence_days"]);
    let mut person = NotePerson {
        item: item.to_string(),
        stem: stem.to_string(),
        id: Some(id),
        role: props.str(&["role"]).map(str::to_string),
        relationship: relationship.and_then(|r| r.parse::<Relationship>().ok()),
        cadence_days: cadence.and_then(|c| c.parse::<u32>().ok()),
        archived: props
            .str(&["archived"])
            .is_some_and(|a| a.eq_ignore_ascii_case("true")),
        created_at: props.str(&["created"]).map(str::to_string),
        updated_at: props.str(&["updated"]).map(str::to_string),
        unread: Vec::new(),
        extra_text: false,
        name,
    };
    if relationship.is_some() && person.relationship.is_none() {
        person.unread.push("relationship");
    }
    if cadence.is_some() && person.cadence_days.is_none() {
        person.unread.push("cadence_days");
    }
    // Text the manager added to the note in Obsidian has no place in a person's details.
    let ours = JsonPerson {
        id: String::new(),
        name: person.name.clone(),
        role: person.role.clone(),
        relationship: person.relationship.unwrap_or(Relationship::Report),
        cadence_days: person.cadence_days,
        archived: person.archived,
        created_at: String::new(),
        updated_at: String::new(),
    };
    person.extra_text = text.trim() != body(&ours).trim();
    Some(person)
}

/// People's notes by file name, to resolve the links that point at them.
#[derive(Debug, Default)]
pub(crate) struct PeopleByStem {
    /// Lower-cased file name without `.md` -> the person's name.
    names: HashMap<String, String>,
}

impl PeopleByStem {
    pub(crate) fn new(people: &[NotePerson]) -> Self {
        PeopleByStem {
            names: people
                .iter()
                .map(|p| (p.stem.to_lowercase(), p.name.clone()))
                .collect(),
        }
    }

    fn resolve(&self, target: &str) -> Option<&str> {
        // `[[People/Priya Raman]]` is the same note as `[[Priya Raman]]`.
        let stem = target.trim().rsplit('/').next().unwrap_or("");
        let stem = stem.strip_suffix(".md").unwrap_or(stem);
        self.names.get(&stem.to_lowercase()).map(String::as_str)
    }

    /// A `person:` property: a plain name, or a link (`[[Priya Raman]]`,
    /// `[[Priya-Raman|Priya/Raman]]`) to a person's note, or to any note named after them.
    pub(crate) fn person_of(&self, value: &str) -> String {
        let v = value.trim();
        let Some(inner) = v.strip_prefix("[[").and_then(|r| r.strip_suffix("]]")) else {
            return v.to_string();
        };
        if inner.contains("[[") || inner.contains("]]") {
            return v.to_string();
        }
        let (target, alias) = match inner.split_once('|') {
            Some((t, a)) => (t, Some(a)),
            None => (inner, None),
        };
        let target = target.split('#').next().unwrap_or("");
        if let Some(name) = self.resolve(target) {
            return name.to_string();
        }
        alias
            .unwrap_or_else(|| target.rsplit('/').next().unwrap_or(""))
            .trim()
            .to_string()
    }

    /// Turns the links an export made of `@` mentions back into the mentions:
    /// `[[Priya Raman|@Priya Raman]]` is `@Priya Raman` again.
    pub(crate) fn unlink_mentions(&self, body: &str) -> String {
        links::rewrite_whole(body, |l| {
            let shown = l.alias?;
            (shown.starts_with('@') && l.fragment.is_empty() && self.resolve(l.target).is_some())
                .then(|| shown.to_string())
        })
    }
}

/// Links `@Name` mentions of exported people to their notes: `@Priya Raman` becomes
/// `[[Priya Raman|@Priya Raman]]`, which Obsidian shows as the mention and follows to her
/// note. Longer names win (`@Ana Silva` before `@Ana`); a name must end at a word's end.
pub(crate) fn link_mentions(body: &str, people: &[(String, String)]) -> String {
    if !body.contains('@') || people.is_empty() {
        return body.to_string();
    }
    // (lower-cased name, its length in chars, stem), longest first.
    let mut names: Vec<(String, usize, &str)> = people
        .iter()
        .map(|(name, stem)| {
            let lower = name.to_lowercase();
            let n = name.chars().count();
            (lower, n, stem.as_str())
        })
        .filter(|(l, _, _)| !l.is_empty())
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.1));
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    // Not inside a wikilink already: `[[x|@Priya]]` stays as it is.
    let mut depth_open = false;
    while let Some(i) = rest.find(['@', '[', ']']) {
        let c = rest.as_bytes()[i];
        out.push_str(&rest[..i]);
        if c == b'[' && rest[i..].starts_with("[[") {
            depth_open = true;
            out.push_str("[[");
            rest = &rest[i + 2..];
            continue;
        }
        if c == b']' && rest[i..].starts_with("]]") {
            depth_open = false;
            out.push_str("]]");
            rest = &rest[i + 2..];
            continue;
        }
        if c != b'@' || depth_open {
            out.push(c as char);
            rest = &rest[i + 1..];
            continue;
        }
        let after = &rest[i + 1..];
        // A mention starts a word: `me@example.com` is an address.
        let starts_word = out.chars().next_back().is_none_or(|p| !p.is_alphanumeric());
        let found = starts_word
            .then(|| {
                names.iter().find_map(|(lower, n, stem)| {
                    let end = after.char_indices().nth(*n).map_or(after.len(), |(b, _)| b);
                    let written = after.get(..end)?;
                    if written.chars().count() != *n || written.to_lowercase() != *lower {
                        return None;
                    }
                    let next = after[end..].chars().next();
                    if next.is_some_and(|c| c.is_alphanumeric()) {
                        return None;
                    }
                    Some((written, *stem))
                })
            })
            .flatten();
        match found {
            Some((written, stem)) => {
                out.push_str("[[");
                out.push_str(stem);
                out.push_str("|@");
                out.push_str(written);
                out.push_str("]]");
                rest = &after[written.len()..];
            }
            None => {
                out.push('@');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people() -> Vec<(String, String)> {
        vec![
            ("Ana Silva".into(), "Ana Silva".into()),
            ("Ana".into(), "Ana".into()),
            ("a/b".into(), "a-b".into()),
        ]
    }

    #[test]
    fn mentions_become_links_and_back() {
        let body = "Paired with @ana silva and @Ana, mailed me@Ana.org, @Anatole, @a/b. \
                    [[Q1|@Ana]] stays.";
        let linked = link_mentions(body, &people());
        assert_eq!(
            linked,
            "Paired with [[Ana Silva|@ana silva]] and [[Ana|@Ana]], mailed me@Ana.org, \
             @Anatole, [[a-b|@a/b]]. [[Q1|@Ana]] stays."
        );
        let notes: Vec<NotePerson> = people()
            .into_iter()
            .map(|(name, stem)| NotePerson {
                name,
                stem,
                ..Default::default()
            })
            .collect();
        let by = PeopleByStem::new(&notes);
        assert_eq!(by.unlink_mentions(&linked), body);
        assert_eq!(by.person_of("[[a-b|a/b]]"), "a/b");
        assert_eq!(by.person_of("[[People/Ana Silva]]"), "Ana Silva");
        assert_eq!(by.person_of("[[Someone Else]]"), "Someone Else");
        assert_eq!(by.person_of("Plain Name"), "Plain Name");
    }

    #[test]
    fn a_person_note_reads_back() {
        let p = JsonPerson {
            id: crate::model::new_id(),
            name: "Priya \"P\" Raman".into(),
            role: Some("Staff: engineer".into()),
            relationship: Relationship::SkipLevel,
            cadence_days: Some(14),
            archived: true,
            created_at: "2025-01-01T00:00:00.000Z".into(),
            updated_at: "2025-02-01T00:00:00.000Z".into(),
        };
        let text = person_file(&p);
        let (fm, body) = super::super::frontmatter::split(&text);
        let n = parse(&fm.unwrap_or_default(), body, "People/x.md", "x").unwrap();
        assert_eq!(n.id.as_deref(), Some(p.id.as_str()));
        assert_eq!(n.name, p.name);
        assert_eq!(n.role, p.role);
        assert_eq!(n.relationship, Some(Relationship::SkipLevel));
        assert_eq!((n.cadence_days, n.archived), (Some(14), true));
        assert_eq!(n.created_at.as_deref(), Some(p.created_at.as_str()));
        assert!(!n.extra_text && n.unread.is_empty());
        let edited = format!("{body}\nShe likes written agendas.\n");
        let (fm, _) = super::super::frontmatter::split(&text);
        assert!(
            parse(&fm.unwrap_or_default(), &edited, "x", "x")
                .unwrap()
                .extra_text
        );
        // Someone's own `type: person` note, without a Candor id, is a note.
        let (fm, _) = super::super::frontmatter::split("---\ntype: person\nname: X\n---\n");
        assert!(parse(&fm.unwrap_or_default(), "", "x", "x").is_none());
    }
}
