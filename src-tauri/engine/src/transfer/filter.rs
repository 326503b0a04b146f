//! Which part of the journal an export covers: one person, a date range, or everything.

use chrono::NaiveDate;

use super::TransferError;
use crate::model::{ActionItem, Entry, EntryFilter};
use crate::Journal;

/// Limits an export. Dates are inclusive and compare with an entry's date; an action item
/// not tied to an exported entry is in range when it was created within the dates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportFilter {
    /// The person's name (any case).
    pub person: Option<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl ExportFilter {
    pub fn is_all(&self) -> bool {
        *self == ExportFilter::default()
    }

    /// The filter resolved against the journal: the person's id, the range checked.
    pub(crate) fn resolve(&self, journal: &Journal) -> Result<Scope, TransferError> {
        if let (Some(s), Some(u)) = (self.since, self.until) {
            if s > u {
                return Err(TransferError::EmptyRange);
            }
        }
        let person_id = match &self.person {
            Some(name) => Some(journal.person(name)?.id),
            None => None,
        };
        Ok(Scope {
            filter: self.clone(),
            person_id,
        })
    }
}

/// An [`ExportFilter`] with its person found.
pub(crate) struct Scope {
    filter: ExportFilter,
    person_id: Option<String>,
}

impl Scope {
    /// The listing filter for the live entries in scope.
    pub(crate) fn entries(&self) -> EntryFilter {
        EntryFilter {
            person: self.filter.person.clone(),
            since: self.filter.since,
            until: self.filter.until,
            ..EntryFilter::default()
        }
    }

    fn in_range(&self, d: NaiveDate) -> bool {
        self.filter.since.is_none_or(|s| d >= s) && self.filter.until.is_none_or(|u| d <= u)
    }

    pub(crate) fn person(&self, id: &str) -> bool {
        self.person_id.as_deref().is_none_or(|p| p == id)
    }

    pub(crate) fn covers_entry(&self, e: &Entry) -> bool {
        let person = match (&self.person_id, &e.person_id) {
            (None, _) => true,
            (Some(want), Some(have)) => want == have,
            (Some(_), None) => false,
        };
        person && self.in_range(e.date)
    }

    /// An action item not tied to an exported entry: its person and creation date decide.
    pub(crate) fn covers_loose_action(&self, a: &ActionItem) -> bool {
        let created = a
            .created_at
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let any_date = self.filter.since.is_none() && self.filter.until.is_none();
        self.person(&a.person_id) && (any_date || created.is_some_and(|d| self.in_range(d)))
    }
}
