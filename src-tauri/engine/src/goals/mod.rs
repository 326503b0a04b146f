//! Goals: what a person (or the manager themself) is working towards, with the entries
//! that check in on them, and starred entries (a review's highlights). Goals are journal
//! text like entries: they live only in the encrypted database.

pub(crate) mod store;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{ModelError, Person};
use crate::Journal;

/// What kind of goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum GoalKind {
    Career,
    Skill,
    Project,
}

/// Where a goal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    Active,
    Achieved,
    Dropped,
}

macro_rules! text_enum {
    ($t:ident { $($v:ident = $s:literal),+ }, $err:literal) => {
        impl $t {
            pub const ALL: &'static [$t] = &[$($t::$v),+];
            pub fn as_str(self) -> &'static str {
                match self { $($t::$v => $s),+ }
            }
        }
        impl std::str::FromStr for $t {
            type Err = ModelError;
            fn from_str(s: &str) -> Result<Self, ModelError> {
                match s.trim().to_ascii_lowercase().as_str() {
                    $($s => Ok($t::$v),)+
                    _ => Err(ModelError::Invalid($err)),
                }
            }
        }
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
text_enum!(GoalKind { Career = "career", Skill = "skill", Project = "project" },
    "a goal's kind is one of: career, skill, project");
text_enum!(GoalStatus { Active = "active", Achieved = "achieved", Dropped = "dropped" },
    "a goal's status is one of: active, achieved, dropped");

/// A goal as stored, with its check-ins summarised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Goal {
    pub id: String,
    /// `None`: the manager's own goal.
    pub person_id: Option<String>,
    pub person: Option<String>,
    pub title: String,
    pub kind: GoalKind,
    pub due: Option<NaiveDate>,
    pub status: GoalStatus,
    /// Markdown.
    pub description: String,
    pub created_at: String,
    /// When it was achieved or dropped.
    pub closed_at: Option<String>,
    /// Live entries linked to it.
    pub checkins: u32,
    pub last_checkin: Option<NaiveDate>,
}

/// A new goal as the user describes it.
#[derive(Debug, Clone)]
pub struct NewGoal {
    /// The person's name; `None` for the manager's own goal.
    pub person: Option<String>,
    pub title: String,
    pub kind: GoalKind,
    pub due: Option<NaiveDate>,
    pub description: String,
}

/// Which goals a listing shows.
#[derive(Debug, Clone, Default)]
pub struct GoalFilter {
    /// One person's goals, by name.
    pub person: Option<String>,
    /// Only the manager's own goals.
    pub mine: bool,
    pub status: Option<GoalStatus>,
}

/// One entry that checks in on a goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckIn {
    pub entry_id: String,
    pub date: NaiveDate,
    pub title: String,
}

/// Most characters in a goal's title and description.
pub const MAX_TITLE: usize = 200;
pub const MAX_DESCRIPTION: usize = 20_000;

fn check_text(title: &str, description: &str) -> Result<(), ModelError> {
    if title.trim().is_empty() {
        return Err(ModelError::Invalid("a goal needs a title"));
    }
    if title.chars().count() > MAX_TITLE {
        return Err(ModelError::Invalid(
            "a goal's title is limited to 200 characters",
        ));
    }
    if description.chars().count() > MAX_DESCRIPTION {
        return Err(ModelError::Invalid(
            "a goal's description is limited to 20,000 characters",
        ));
    }
    Ok(())
}

impl Journal {
    /// Adds a goal for a person (who must exist) or for the manager.
    pub fn add_goal(&mut self, g: &NewGoal) -> Result<Goal, ModelError> {
        check_text(&g.title, &g.description)?;
        self.write(|tx| {
            let person: Option<Person> = match g.person.as_deref().map(str::trim) {
                Some(name) if !name.is_empty() => Some(
                    crate::model::people::find_person(tx, name)?
                        .ok_or(ModelError::UnknownPerson)?,
                ),
                _ => None,
            };
            let id = store::insert(tx, person.as_ref(), g)?;
            store::get(tx, &id)
        })
    }

    pub fn goal(&self, id: &str) -> Result<Goal, ModelError> {
        let id = crate::model::resolve_id(self.conn(), "goals", "goal", id)?;
        store::get(self.conn(), &id)
    }

    /// Goals, active first, then by due date and title.
    pub fn goals(&self, filter: &GoalFilter) -> Result<Vec<Goal>, ModelError> {
        let person_id = match filter.person.as_deref() {
            Some(name) => Some(self.person(name)?.id),
            None => None,
        };
        store::list(
            self.conn(),
            person_id.as_deref(),
            filter.mine,
            filter.status,
        )
    }

    /// Marks a goal achieved or dropped (with today's time), or active again.
    pub fn set_goal_status(&mut self, id: &str, status: GoalStatus) -> Result<Goal, ModelError> {
        self.write(|tx| {
            let id = crate::model::resolve_id(tx, "goals", "goal", id)?;
            store::set_status(tx, &id, status)?;
            store::get(tx, &id)
        })
    }

    /// Links an entry to a goal: the entry checks in on it. The goal must be the entry's
    /// person's (any entry may check in on the manager's own goals).
    pub fn link_goal(&mut self, goal_id: &str, entry_id: &str) -> Result<Goal, ModelError> {
        self.write(|tx| {
            let goal = crate::model::resolve_id(tx, "goals", "goal", goal_id)?;
            let entry = crate::model::entries::get_entry(tx, entry_id)?;
            if entry.deleted_at.is_some() {
                return Err(ModelError::InTrash);
            }
            let g = store::get(tx, &goal)?;
            if g.person_id.is_some() && g.person_id != entry.person_id {
                return Err(ModelError::Invalid(
                    "that goal belongs to someone other than the entry's person",
                ));
            }
            store::link(tx, &goal, &entry.id)?;
            store::get(tx, &goal)
        })
    }

    pub fn unlink_goal(&mut self, goal_id: &str, entry_id: &str) -> Result<Goal, ModelError> {
        self.write(|tx| {
            let goal = crate::model::resolve_id(tx, "goals", "goal", goal_id)?;
            let entry = crate::model::resolve_id(tx, "entries", "entry", entry_id)?;
            store::unlink(tx, &goal, &entry)?;
            store::get(tx, &goal)
        })
    }

    /// The live entries that check in on a goal, oldest first.
    pub fn checkins(&self, goal_id: &str) -> Result<Vec<CheckIn>, ModelError> {
        let goal = crate::model::resolve_id(self.conn(), "goals", "goal", goal_id)?;
        store::checkins(self.conn(), &goal)
    }

    /// The goals an entry checks in on.
    pub fn goals_of_entry(&self, entry_id: &str) -> Result<Vec<Goal>, ModelError> {
        let entry = crate::model::resolve_id(self.conn(), "entries", "entry", entry_id)?;
        store::of_entry(self.conn(), &entry)
    }

    /// Stars an entry (a highlight for the review) or takes the star away.
    pub fn star(&mut self, entry_id: &str, on: bool) -> Result<String, ModelError> {
        self.write(|tx| {
            let entry = crate::model::entries::get_entry(tx, entry_id)?;
            if entry.deleted_at.is_some() {
                return Err(ModelError::InTrash);
            }
            store::star(tx, &entry.id, on)?;
            Ok(entry.id)
        })
    }

    pub fn is_starred(&self, entry_id: &str) -> Result<bool, ModelError> {
        let entry = crate::model::resolve_id(self.conn(), "entries", "entry", entry_id)?;
        store::is_starred(self.conn(), &entry)
    }
}

#[cfg(test)]
mod tests;
