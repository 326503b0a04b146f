//! What the editor completes and links: the tags in use, and `@` mentions of people.

use rusqlite::Connection;

use super::ModelError;
use crate::Journal;

/// Every tag of a live entry, most used first (ties by name), at most `limit`.
pub(crate) fn known_tags(conn: &Connection, limit: usize) -> Result<Vec<String>, ModelError> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.value, count(*) AS n FROM entries, json_each(entries.tags) AS t
         WHERE entries.deleted_at IS NULL AND t.type = 'text'
         GROUP BY t.value ORDER BY n DESC, t.value LIMIT ?1",
    )?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = stmt.query_map([limit], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

impl Journal {
    /// Entries with others whose notes mention `@name`, newest first, at most `limit`.
    pub fn mentioning(
        &self,
        name: &str,
        limit: usize,
    ) -> Result<Vec<crate::model::Entry>, ModelError> {
        super::entries::mentioning(self.conn(), name, limit)
    }

    /// The tags in use, most used first, at most `limit`.
    pub fn known_tags(&self, limit: usize) -> Result<Vec<String>, ModelError> {
        known_tags(self.conn(), limit)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Kind, NewEntry};
    use crate::{vault, SecretString};

    #[test]
    fn most_used_first_and_the_trash_left_out() {
        let dir = tempfile::tempdir().expect("tempdir");
        let pass = SecretString::from("correct horse battery staple".to_string());
        let (mut j, _) = vault::create(&dir.path().join("j"), &pass).expect("create");
        let mut log = |tags: &[&str]| {
            j.log(NewEntry {
                kind: Some(Kind::Note),
                body: "text".into(),
                tags: tags.iter().map(|t| t.to_string()).collect(),
                ..NewEntry::default()
            })
            .expect("log")
            .id
        };
        log(&["on-call", "growth"]);
        log(&["on-call"]);
        let gone = log(&["secret-project"]);
        j.delete(&gone).expect("trash");
        assert_eq!(j.known_tags(10).expect("tags"), vec!["on-call", "growth"]);
        assert_eq!(j.known_tags(1).expect("tags"), vec!["on-call"]);
    }

    #[test]
    fn a_mention_puts_an_entry_on_that_persons_timeline() {
        let dir = tempfile::tempdir().expect("tempdir");
        let pass = SecretString::from("correct horse battery staple".to_string());
        let (mut j, _) = vault::create(&dir.path().join("j"), &pass).expect("create");
        let mut log = |person: Option<&str>, body: &str| {
            j.log(NewEntry {
                kind: Some(if person.is_some() {
                    Kind::OneOnOne
                } else {
                    Kind::Note
                }),
                person: person.map(str::to_string),
                body: body.into(),
                ..NewEntry::default()
            })
            .expect("log")
            .id
        };
        log(Some("Ana Silva"), "Her own one-on-one, @ana silva");
        let m = log(
            Some("Ben Ode"),
            "Ben wants to pair with @Ana Silva on the migration",
        );
        log(None, "Ana Silva without the at sign");
        let found = j.mentioning("ana silva", 10).expect("mentions");
        assert_eq!(
            found.iter().map(|e| e.id.clone()).collect::<Vec<_>>(),
            vec![m]
        );
    }
}
