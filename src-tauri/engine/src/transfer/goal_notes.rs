//! A note per goal in a Markdown export (`Goals/<Title>.md`): its details in front matter
//! and its description as the text, so that a goal no entry checks in on, its kind,
//! status and target date come back from the export too. Entries name their goals as
//! links to these notes (`goals: ["[[Goals/Staff promotion|Staff promotion]]"]`).
//!
//! ```text
//! ---
//! type: goal
//! id: 01JN…
//! title: "Staff promotion"
//! person: "[[Priya Raman]]"          (absent for the manager's own goal)
//! kind: career
//! status: active
//! due: 2026-12-01
//! created: "2025-03-01T09:00:00.000Z"
//! closed: "…"                        (when achieved or dropped)
//! ---
//! # Staff promotion
//!
//! The description, in Markdown.
//! ```

use std::collections::HashMap;

use chrono::NaiveDate;

use super::apply::{self, NoteGoal};
use super::frontmatter::{quote, FrontMatter};
use super::json_goals::JsonGoal;
use super::properties::Props;
use crate::goals::{GoalKind, GoalStatus};

/// The folder the goal notes are in.
pub(crate) const GOALS_DIR: &str = "Goals";

fn body(title: &str, description: &str) -> String {
    if description.trim().is_empty() {
        format!("# {title}\n")
    } else {
        format!("# {title}\n\n{}\n", description.trim_end())
    }
}

/// The whole file of one goal's note; `person_link` is the inner text of the link to its
/// person's note.
pub(crate) fn goal_file(g: &JsonGoal, person_link: Option<&str>) -> String {
    let mut s = String::from("---\ntype: goal\n");
    s.push_str(&format!("id: {}\n", g.id));
    s.push_str(&format!("title: {}\n", quote(&g.title)));
    if let Some(link) = person_link {
        s.push_str(&format!("person: {}\n", quote(&format!("[[{link}]]"))));
    }
    s.push_str(&format!("kind: {}\n", g.kind.as_str()));
    s.push_str(&format!("status: {}\n", g.status.as_str()));
    if let Some(d) = g.due {
        s.push_str(&format!("due: {d}\n"));
    }
    s.push_str(&format!("created: {}\n", quote(&g.created_at)));
    if let Some(c) = &g.closed_at {
        s.push_str(&format!("closed: {}\n", quote(c)));
    }
    s.push_str("---\n");
    s.push_str(&body(&g.title, &g.description));
    s
}

/// The inner text of a link to a goal's note, by its path (goal titles may be anyone's
/// note name too): `Goals/Staff promotion|Staff promotion`.
pub(crate) fn link_inner(stem: &str, title: &str) -> String {
    format!("{GOALS_DIR}/{stem}|{title}")
}

/// Reads a goal's note; `None` when the note is not one of ours.
pub(crate) fn parse(fm: &FrontMatter, text: &str, item: &str) -> Option<NoteGoal> {
    let props = Props::new(fm);
    if props.str(&["type"]) != Some("goal") {
        return None;
    }
    let id = props.str(&["id"]).filter(|i| apply::is_id(i))?.to_string();
    let title = props.str(&["title"])?.trim().to_string();
    // The text under the title heading is the description.
    let t = text.trim_start_matches(['\r', '\n']);
    let description = match t.strip_prefix(&format!("# {title}")) {
        Some(rest) if rest.is_empty() || rest.starts_with('\n') || rest.starts_with("\r\n") => {
            rest.trim().to_string()
        }
        _ => t.trim().to_string(),
    };
    Some(NoteGoal {
        item: item.to_string(),
        id,
        person: props.str(&["person"]).map(str::to_string),
        kind: props
            .str(&["kind"])
            .and_then(|k| k.parse::<GoalKind>().ok())
            .unwrap_or(GoalKind::Skill),
        status: props
            .str(&["status"])
            .and_then(|s| s.parse::<GoalStatus>().ok())
            .unwrap_or(GoalStatus::Active),
        due: props
            .str(&["due"])
            .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok()),
        created_at: props.str(&["created"]).map(str::to_string),
        closed_at: props.str(&["closed"]).map(str::to_string),
        description,
        title,
    })
}

/// Goal notes by path and file name, to resolve an entry's `goals:` links to goal ids.
#[derive(Debug, Default)]
pub(crate) struct GoalsByStem {
    ids: HashMap<String, String>,
}

impl GoalsByStem {
    pub(crate) fn new(goals: &[NoteGoal]) -> Self {
        let mut ids = HashMap::new();
        for g in goals {
            let path = g.item.replace('\\', "/");
            let path = path.strip_suffix(".md").unwrap_or(&path).to_lowercase();
            let stem = path.rsplit('/').next().unwrap_or("").to_string();
            ids.insert(path, g.id.clone());
            ids.entry(stem).or_insert_with(|| g.id.clone());
        }
        GoalsByStem { ids }
    }

    /// A goal named in an entry's `goals:`: `Ok(id)` for a link to a goal's note, else
    /// `Err(title)` (an older export's plain title, or a link to no goal's note).
    pub(crate) fn resolve(&self, value: &str) -> Result<String, String> {
        let v = value.trim();
        let Some(inner) = v.strip_prefix("[[").and_then(|r| r.strip_suffix("]]")) else {
            return Err(v.to_string());
        };
        let (target, shown) = inner.split_once('|').unwrap_or((inner, inner));
        let key = target.trim().to_lowercase();
        let key = key.strip_suffix(".md").unwrap_or(&key);
        match self.ids.get(key) {
            Some(id) => Ok(id.clone()),
            None => Err(shown.rsplit('/').next().unwrap_or(shown).trim().to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_goal_note_reads_back() {
        let g = JsonGoal {
            id: crate::model::new_id(),
            person_id: None,
            title: "Staff: promotion".into(),
            kind: GoalKind::Career,
            due: NaiveDate::from_ymd_opt(2026, 12, 1),
            status: GoalStatus::Achieved,
            description: "Lead the ledger migration.\n\n- design doc\n".into(),
            created_at: "2025-01-01T00:00:00.000Z".into(),
            closed_at: Some("2025-06-01T00:00:00.000Z".into()),
            entries: vec![],
        };
        let text = goal_file(&g, Some("Priya Raman"));
        let (fm, body) = super::super::frontmatter::split(&text);
        let n = parse(&fm.unwrap(), body, "Goals/Staff- promotion.md").unwrap();
        assert_eq!(n.id, g.id);
        assert_eq!(n.title, g.title);
        assert_eq!(n.person.as_deref(), Some("[[Priya Raman]]"));
        assert_eq!((n.kind, n.status, n.due), (g.kind, g.status, g.due));
        assert_eq!(n.description, g.description.trim());
        assert_eq!(n.closed_at, g.closed_at);
        let by = GoalsByStem::new(&[n]);
        assert_eq!(
            by.resolve("[[Goals/Staff- promotion|Staff: promotion]]"),
            Ok(g.id.clone())
        );
        assert_eq!(by.resolve("Plain title"), Err("Plain title".to_string()));
        assert_eq!(
            by.resolve("[[Goals/Other|Other]]"),
            Err("Other".to_string())
        );
    }
}
