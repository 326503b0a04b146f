//! What an import did not carry over, counted per field of the source.

use std::collections::BTreeMap;

/// One field of the source that did not come over (or came over differently), and for
/// how many entries or files.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NotCarried {
    /// The source's name for it (`location`, `photos`, `aliases`, `attachments`).
    pub field: String,
    pub count: u64,
    /// What happened to it, the same for every entry it concerns.
    pub what: String,
}

/// A field one parsed note loses, before it is known whether the note is imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Loss {
    pub field: String,
    pub what: String,
}

pub(crate) fn loss(field: impl Into<String>, what: impl Into<String>) -> Loss {
    Loss {
        field: field.into(),
        what: what.into(),
    }
}

/// Counts losses by field (and what happened), in a stable order.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    counts: BTreeMap<(String, String), u64>,
}

impl Tally {
    pub(crate) fn add(&mut self, l: &Loss) {
        self.add_n(l, 1);
    }

    pub(crate) fn add_n(&mut self, l: &Loss, n: u64) {
        if n > 0 {
            *self
                .counts
                .entry((l.field.clone(), l.what.clone()))
                .or_insert(0) += n;
        }
    }

    /// One row per field and outcome; a note that loses a field twice counts once.
    pub(crate) fn add_note(&mut self, losses: &[Loss]) {
        let mut seen = std::collections::HashSet::new();
        for l in losses {
            if seen.insert((&l.field, &l.what)) {
                self.add(l);
            }
        }
    }

    pub(crate) fn rows(self) -> Vec<NotCarried> {
        self.counts
            .into_iter()
            .map(|((field, what), count)| NotCarried { field, count, what })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_per_field_once_per_note() {
        let mut t = Tally::default();
        let photo = loss("photos", "not carried over");
        t.add_note(&[photo.clone(), photo.clone(), loss("location", "dropped")]);
        t.add_note(std::slice::from_ref(&photo));
        t.add_n(&loss("files", "not Markdown"), 0);
        let rows = t.rows();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].field.as_str(), rows[0].count), ("location", 1));
        assert_eq!((rows[1].field.as_str(), rows[1].count), ("photos", 2));
    }
}
