//! `- [ ] text` lines in an entry's notes are action items for the entry's person (owned by
//! the manager; `- [x]` is done). Saving the notes reconciles the two: a new line adds an
//! item, ticking a line completes it (unticking reopens it), and an item made from a line
//! goes when its line is edited away. Matching is by text, so items that came in through
//! an import or the item form are never doubled.

use rusqlite::{params, Connection};

use super::{new_id, now, Entry, ModelError};

/// The checklist lines of `body`: (text, ticked).
pub(crate) fn lines(body: &str) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    for line in body.lines() {
        let t = line.trim_start();
        let Some(rest) = t.strip_prefix("- [").or_else(|| t.strip_prefix("* [")) else {
            continue;
        };
        let (done, text) = match rest.get(..2) {
            Some(" ]") => (false, &rest[2..]),
            Some("x]") | Some("X]") => (true, &rest[2..]),
            _ => continue,
        };
        let text = text.trim();
        if !text.is_empty() && !out.iter().any(|(t, _)| t == text) {
            out.push((text.to_string(), done));
        }
    }
    out
}

/// Brings the items of `entry` in line with its checklist lines.
pub(crate) fn reconcile(conn: &Connection, entry: &Entry) -> Result<(), ModelError> {
    let Some(person) = entry.person_id.as_deref() else {
        return Ok(());
    };
    let wanted = lines(&entry.body);
    let mut stmt = conn.prepare_cached(
        "SELECT id, text, done_at IS NOT NULL, from_line FROM action_items WHERE entry_id = ?1",
    )?;
    let have: Vec<(String, String, bool, bool)> = stmt
        .query_map([&entry.id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    for (text, ticked) in &wanted {
        match have.iter().find(|(_, t, _, _)| t == text) {
            Some((id, _, done, from_line)) => {
                if *ticked && !done {
                    conn.execute(
                        "UPDATE action_items SET done_at = ?2 WHERE id = ?1",
                        params![id, now()],
                    )?;
                } else if !ticked && *done && *from_line {
                    conn.execute("UPDATE action_items SET done_at = NULL WHERE id = ?1", [id])?;
                }
            }
            None => {
                let ts = now();
                conn.execute(
                    "INSERT INTO action_items
                       (id, person_id, entry_id, text, owner, due, done_at, created_at, from_line)
                     VALUES (?1, ?2, ?3, ?4, 'me', NULL, ?5, ?6, 1)",
                    params![
                        new_id(),
                        person,
                        entry.id,
                        text,
                        ticked.then(|| ts.clone()),
                        ts
                    ],
                )?;
            }
        }
    }
    for (id, text, _, from_line) in &have {
        if *from_line && !wanted.iter().any(|(t, _)| t == text) {
            conn.execute("DELETE FROM action_items WHERE id = ?1", [id])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checklist_lines_are_read_as_written() {
        let body = "## Next\n- [ ] send the rota\n  - [x] book the room\n- [ ]\n- plain\n* [ ] call Ana\n- [ ] send the rota";
        assert_eq!(
            lines(body),
            vec![
                ("send the rota".to_string(), false),
                ("book the room".to_string(), true),
                ("call Ana".to_string(), false),
            ]
        );
    }
}
