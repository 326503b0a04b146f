//! The last few themes reports an open journal computed, each with what it was computed
//! from, so that asking again (the window going back to Themes, a packet's two periods)
//! costs a lookup while nothing it reads has changed: the analysis cache's rows (its
//! layout token, last `seq` and row count: every write of a row moves `seq`) and the
//! people (names are left out of themes, and name the whole journal's groups).

use std::sync::Arc;

use super::{Scope, ThemeOptions, ThemesReport};

/// Reports kept at most (the scopes a manager moves between).
const KEEP: usize = 8;

/// What a report was computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub cache: (Vec<u8>, i64, i64),
    /// Each person's id, name and whether archived, in the order the journal lists them.
    pub people: Vec<(String, String, bool)>,
    pub person: Option<String>,
    pub kind: Option<crate::model::Kind>,
    pub since: Option<chrono::NaiveDate>,
    pub until: Option<chrono::NaiveDate>,
    pub opts: (usize, u32, bool),
}

impl Key {
    pub fn new(
        cache: (Vec<u8>, i64, i64),
        people: &[crate::model::Person],
        scope: &Scope,
        opts: &ThemeOptions,
    ) -> Self {
        Key {
            cache,
            people: people
                .iter()
                .map(|p| (p.id.clone(), p.name.clone(), p.archived))
                .collect(),
            person: scope.person.clone(),
            kind: scope.kind,
            since: scope.since,
            until: scope.until,
            opts: (opts.limit, opts.min_entries, opts.early),
        }
    }
}

/// Most recently used last; with the whole journal's term counts, kept for the next
/// whole-journal report.
#[derive(Default)]
pub struct Memo {
    kept: Vec<(Key, Arc<ThemesReport>)>,
    pub(super) whole: Option<super::whole::Whole>,
}

impl Memo {
    pub fn get(&mut self, key: &Key) -> Option<Arc<ThemesReport>> {
        let at = self.kept.iter().position(|(k, _)| k == key)?;
        let hit = self.kept.remove(at);
        let report = hit.1.clone();
        self.kept.push(hit);
        Some(report)
    }

    pub fn put(&mut self, key: Key, report: Arc<ThemesReport>) {
        // Reports of an older state of the journal will not be asked for again.
        self.kept
            .retain(|(k, _)| k.cache == key.cache && k.people == key.people);
        if self.kept.len() >= KEEP {
            self.kept.remove(0);
        }
        self.kept.push((key, report));
    }
}
