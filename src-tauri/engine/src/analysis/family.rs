//! Word families: the key a theme term is counted on, so that "page", "paged", "paging"
//! and "pager", or "on-call" and "oncall", are one theme. The Snowball English stemmer (the
//! one the search index uses) does most of it; two small rules join what it leaves apart.

use rustc_hash::FxHashMap;
use std::cell::RefCell;

use frostem::{Algorithm, Stemmer};

/// Stems are cached per thread: a journal repeats a few thousand words endlessly.
const CACHE_MAX: usize = 50_000;

thread_local! {
    static CACHE: RefCell<FxHashMap<String, String>> = RefCell::new(FxHashMap::default());
}

fn stemmer() -> Stemmer {
    Stemmer::new(Algorithm::English)
}

/// The family of a word key (lower-cased, folded, singular; see `tokenize::key_of`).
pub fn family(key: &str) -> String {
    if let Some(hit) = CACHE.with(|c| c.borrow().get(key).cloned()) {
        return hit;
    }
    let f = compute(key);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_MAX {
            c.clear();
        }
        c.insert(key.to_string(), f.clone());
    });
    f
}

fn compute(key: &str) -> String {
    // Hyphens and apostrophes are spelling, not meaning: "on-call" is "oncall".
    let joined: String = key.chars().filter(|c| !matches!(c, '-' | '\'')).collect();
    if joined.is_empty() || !joined.chars().all(char::is_alphanumeric) {
        return key.to_string();
    }
    let s = stemmer();
    // The agent noun joins its verb ("pager", "reviewer", "owner"), except for the short
    // words and "-eer" nouns, where the two mean different things ("user", "career").
    if joined.len() >= 5 && joined.ends_with("er") && !joined.ends_with("eer") {
        let base = &joined[..joined.len() - 1];
        return s.stem(base).into_owned();
    }
    s.stem(&joined).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_and_spellings_share_a_family() {
        for w in ["page", "paged", "paging", "pager"] {
            assert_eq!(family(w), family("page"), "{w}");
        }
        assert_eq!(family("on-call"), family("oncall"));
        assert_eq!(family("migrating"), family("migration"));
        assert_eq!(family("reviewer"), family("review"));
        assert_eq!(family("follow-up"), family("followup"));
        // Different words stay apart.
        assert_ne!(family("user"), family("use"));
        assert_ne!(family("promotion"), family("prompt"));
    }
}
