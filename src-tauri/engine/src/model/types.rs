//! Value types shared by the model, the command line and the desktop app.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ModelError;

macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name { $(#[serde(rename = $text)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = ModelError;
            fn from_str(s: &str) -> Result<Self, ModelError> {
                let s = s.trim().to_ascii_lowercase().replace('_', "-");
                match s.as_str() {
                    $($text $(| $alias)* => Ok($name::$variant),)+
                    _ => Err(ModelError::Invalid(concat!("unknown ", stringify!($name), "; expected one of: ", $($text, " "),+))),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum!(
    /// What kind of conversation or note an entry records.
    Kind {
        OneOnOne = "one-on-one" | "1on1" | "1-on-1" | "oneonone",
        Mentoring = "mentoring",
        Feedback = "feedback",
        Reflection = "reflection",
        Note = "note",
    }
);

impl Kind {
    /// Reflections and notes may stand alone; conversations are with someone.
    pub fn needs_person(self) -> bool {
        matches!(self, Kind::OneOnOne | Kind::Mentoring | Kind::Feedback)
    }
}

string_enum!(
    /// How a person relates to the manager.
    Relationship {
        Report = "report",
        Mentee = "mentee",
        Mentor = "mentor",
        Peer = "peer",
        Manager = "manager",
        SkipLevel = "skip-level" | "skiplevel" | "skip",
    }
);

string_enum!(
    Direction {
        Praise = "praise" | "positive",
        Constructive = "constructive" | "critical",
    }
);

string_enum!(
    /// Who owns an action item: the manager or the other person.
    Owner {
        Me = "me",
        Them = "them",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Person {
    pub id: String,
    pub name: String,
    pub role: Option<String>,
    pub relationship: Relationship,
    pub cadence_days: Option<u32>,
    pub archived: bool,
    pub created_at: String,
}

/// Situation–Behaviour–Impact feedback, given or received, delivered or planned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Feedback {
    pub received: bool,
    pub direction: Direction,
    pub situation: Option<String>,
    pub behavior: Option<String>,
    pub impact: Option<String>,
    pub planned: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Entry {
    pub id: String,
    pub kind: Kind,
    pub date: NaiveDate,
    pub person_id: Option<String>,
    pub person: Option<String>,
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub mood: Option<u8>,
    pub feedback: Option<Feedback>,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

/// A new entry as the user describes it; the person is named, not referenced by id.
#[derive(Debug, Clone, Default)]
pub struct NewEntry {
    pub kind: Option<Kind>,
    pub date: Option<NaiveDate>,
    pub person: Option<String>,
    pub title: Option<String>,
    pub body: String,
    pub tags: Vec<String>,
    pub mood: Option<u8>,
    pub feedback: FeedbackInput,
}

/// Feedback fields as typed; each is optional so an edit can change just one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedbackInput {
    pub received: Option<bool>,
    pub direction: Option<Direction>,
    pub situation: Option<String>,
    pub behavior: Option<String>,
    pub impact: Option<String>,
    pub planned: Option<bool>,
}

impl FeedbackInput {
    pub fn is_empty(&self) -> bool {
        *self == FeedbackInput::default()
    }

    /// Applies these fields over `base` (or the defaults: given, praise, delivered).
    pub fn apply(&self, base: Option<Feedback>) -> Feedback {
        let mut fb = base.unwrap_or(Feedback {
            received: false,
            direction: Direction::Praise,
            situation: None,
            behavior: None,
            impact: None,
            planned: false,
        });
        if let Some(v) = self.received {
            fb.received = v;
        }
        if let Some(v) = self.direction {
            fb.direction = v;
        }
        if let Some(v) = &self.situation {
            fb.situation = non_empty(v);
        }
        if let Some(v) = &self.behavior {
            fb.behavior = non_empty(v);
        }
        if let Some(v) = &self.impact {
            fb.impact = non_empty(v);
        }
        if let Some(v) = self.planned {
            fb.planned = v;
        }
        fb
    }
}

pub(crate) fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionItem {
    pub id: String,
    pub person_id: String,
    pub person: String,
    pub entry_id: Option<String>,
    pub text: String,
    pub owner: Owner,
    pub due: Option<NaiveDate>,
    pub done_at: Option<String>,
    pub created_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_with_aliases() {
        assert_eq!("one_on_one".parse::<Kind>().unwrap(), Kind::OneOnOne);
        assert_eq!("1on1".parse::<Kind>().unwrap(), Kind::OneOnOne);
        assert_eq!("Feedback".parse::<Kind>().unwrap(), Kind::Feedback);
        assert!("meeting".parse::<Kind>().is_err());
        assert_eq!(
            serde_json::to_string(&Relationship::SkipLevel).unwrap(),
            "\"skip-level\""
        );
    }

    #[test]
    fn feedback_input_applies_over_defaults() {
        let fb = FeedbackInput {
            direction: Some(Direction::Constructive),
            situation: Some("  ".into()),
            ..Default::default()
        }
        .apply(None);
        assert_eq!(fb.direction, Direction::Constructive);
        assert!(!fb.received && !fb.planned);
        assert_eq!(fb.situation, None);
    }
}
