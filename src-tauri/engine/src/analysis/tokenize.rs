//! Cutting a note into words and theme terms (single words and two-word phrases).
//!
//! Words are matched on a *key* (lower-cased, diacritics folded, a plural `s` removed);
//! theme terms are counted on the key's word *family* (stemmed, see `family`), so "paged"
//! and "pager" count with "page", and each occurrence keeps its *surface* form, so a theme
//! is shown the way the manager most often wrote it. Hyphenated words stay whole.

use super::family::family;
use super::stopwords::is_stopword;

/// A word as written, with what surrounds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// The text exactly as written.
    pub text: &'a str,
    /// Lower-cased, folded and singular: what occurrences are matched on.
    pub key: String,
    /// The first word of a sentence, title, line or bullet.
    pub sentence_start: bool,
    /// Punctuation (or a line break) separates it from the word before.
    pub break_before: bool,
}

impl Word<'_> {
    /// A word that says nothing on its own: stopwords in any inflection ("asking" as
    /// "ask"), numbers, single letters.
    pub fn is_filler(&self) -> bool {
        self.content_family().is_none()
    }

    /// The word's family, unless it is filler (one family lookup for both questions).
    fn content_family(&self) -> Option<String> {
        if is_stopword(&self.key)
            || self.key.chars().count() < 2
            || !self.key.chars().any(char::is_alphabetic)
        {
            return None;
        }
        let f = family(&self.key);
        (!is_stopword(&f)).then_some(f)
    }

    /// How the word is displayed: as written, except that a capital that is only there
    /// because the word starts a sentence is dropped ("Promotion case" -> "promotion case",
    /// but "API" and mid-sentence "Grace" stay).
    pub fn surface(&self) -> String {
        let mut chars = self.text.chars();
        let first_upper = chars.next().is_some_and(char::is_uppercase);
        let rest_lower = !chars.any(char::is_uppercase);
        if self.sentence_start && first_upper && rest_lower {
            self.text.to_lowercase()
        } else {
            self.text.to_string()
        }
    }
}

/// A theme term found in a text: its key and the surface it was written with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub key: String,
    pub surface: String,
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '\u{2019}')
}

/// Characters that end a sentence (the next word starts a new one).
fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ':' | '\n' | ';')
}

/// The words of `text`, in order. A word is a run of letters and digits, possibly joined
/// by hyphens or apostrophes ("on-call", "don't"); a possessive `'s` is not part of the key.
pub fn words(text: &str) -> Vec<Word<'_>> {
    // About one word per six bytes of prose: sized so that it rarely grows.
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut sentence_start = true;
    let mut break_before = true;
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if !c.is_alphanumeric() {
            if !c.is_whitespace() || c == '\n' {
                break_before = true;
            }
            if ends_sentence(c) {
                sentence_start = true;
            }
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, ch)) = iter.peek() {
            if ch.is_alphanumeric() {
                end = i + ch.len_utf8();
                iter.next();
            } else if is_joiner(ch) {
                // A joiner counts only between two word characters.
                let mut ahead = iter.clone();
                ahead.next();
                match ahead.peek() {
                    Some(&(_, next)) if next.is_alphanumeric() => {
                        iter.next();
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        let word = &text[start..end];
        out.push(Word {
            text: word,
            key: key_of(strip_possessive(word)),
            sentence_start,
            break_before,
        });
        sentence_start = false;
        break_before = false;
    }
    out
}

fn strip_possessive(w: &str) -> &str {
    for suffix in ["'s", "\u{2019}s", "'S"] {
        if let Some(stem) = w.strip_suffix(suffix) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    w
}

/// Theme terms: every word that is not filler, and every pair of adjacent such words
/// within one clause, keyed on their families. Duplicates are kept (one per occurrence).
pub fn terms(words: &[Word<'_>]) -> Vec<Term> {
    let mut out: Vec<Term> = Vec::with_capacity(words.len() * 2);
    // The previous content word: where its term is in `out` (its family and surface,
    // not copied).
    let mut prev: Option<usize> = None;
    // A leading particle just before ("on" of "on call").
    let mut lead: Option<&Word<'_>> = None;
    for w in words {
        let Some(key) = w.content_family() else {
            // "managing up", "burned out": a particle completes the word before it.
            if let Some(p) = prev {
                if !w.break_before && PARTICLES.contains(&w.key.as_str()) {
                    let t = Term {
                        key: format!("{} {}", out[p].key, w.key),
                        surface: format!("{} {}", out[p].surface, w.surface()),
                    };
                    out.push(t);
                }
            }
            prev = None;
            lead = LEADING.contains(&w.key.as_str()).then_some(w);
            continue;
        };
        let surface = w.surface();
        if let Some(p) = prev {
            if !w.break_before {
                let t = Term {
                    key: format!("{} {key}", out[p].key),
                    surface: format!("{} {surface}", out[p].surface),
                };
                out.push(t);
            }
        }
        // "on call" may be "on-call" or "oncall" elsewhere: counted as one word, and
        // shown only if it is also written as one (see `themes`).
        if let Some(l) = lead.filter(|_| !w.break_before) {
            out.push(Term {
                key: family(&format!("{}{}", l.key, w.key)),
                surface: format!("{} {surface}", l.surface()),
            });
        }
        prev = Some(out.len());
        out.push(Term { key, surface });
        lead = None;
    }
    out
}

/// Stopwords that make a phrase with the word before them.
const PARTICLES: &[&str] = &["up", "out", "off", "back", "down", "over"];
/// Stopwords that some write as part of the next word ("on call", "on-call", "oncall").
const LEADING: &[&str] = &["on", "off"];

/// Lower-cased, diacritics folded ("Zoë" -> "zoe"), typographic apostrophes made plain and
/// a plural ending removed.
pub fn key_of(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    for c in word.chars() {
        fold_into(c, &mut s);
    }
    singular(s)
}

fn fold_into(c: char, out: &mut String) {
    let folded = match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        'a'..='z' | '0'..='9' | '-' | '\'' => c,
        '\u{2019}' => '\'',
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ß' => {
            out.push_str("ss");
            return;
        }
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(folded);
}

/// Words that end in `s` without being plurals.
const NOT_PLURAL: &[&str] = &[
    "always",
    "analysis",
    "basis",
    "bias",
    "bonus",
    "canvas",
    "chaos",
    "cons",
    "devops",
    "ethos",
    "focus",
    "kudos",
    "lens",
    "minus",
    "news",
    "ops",
    "perhaps",
    "plus",
    "pros",
    "series",
    "status",
    "thesis",
    "this",
    "thus",
    "towards",
    "whereas",
    "afterwards",
    "sometimes",
    "yes",
    "his",
    "hers",
    "its",
    "ours",
    "yours",
    "theirs",
    "was",
    "has",
    "does",
    "is",
    "as",
    "us",
    "aws",
    "ios",
    "macos",
    "kubernetes",
    "postgres",
    "redis",
    "jenkins",
    "less",
    "unless",
    "across",
    "various",
    "previous",
    "serious",
    "nervous",
    "anxious",
    "obvious",
    "gas",
    "bus",
    "sales",
    "tennis",
    "axis",
    "analytics",
    "metrics",
    "physics",
    "ethics",
    "politics",
    "economics",
    "logistics",
];

fn singular(mut s: String) -> String {
    // Only the last part of a hyphenated word is plural ("check-ins").
    let last = s.rsplit('-').next().unwrap_or(&s);
    let min = if last.len() < s.len() { 3 } else { 4 };
    if last.chars().count() < min || !last.ends_with('s') || NOT_PLURAL.contains(&last) {
        return s;
    }
    if ["ss", "us", "sis", "'s"].iter().any(|e| last.ends_with(e)) {
        return s;
    }
    if s.ends_with("ies") && last.len() > 4 {
        s.truncate(s.len() - 3);
        s.push('y');
    } else if s.ends_with("sses") || s.ends_with("shes") || s.ends_with("xes") {
        s.truncate(s.len() - 2);
    } else {
        s.truncate(s.len() - 1);
    }
    s
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        terms(&words(text)).into_iter().map(|t| t.key).collect()
    }

    #[test]
    fn hyphens_and_apostrophes_stay_inside_words() {
        let w = words("Marcus's on-call week -- don't page him. Check-ins -x");
        let texts: Vec<&str> = w.iter().map(|w| w.text).collect();
        assert_eq!(
            texts,
            [
                "Marcus's",
                "on-call",
                "week",
                "don't",
                "page",
                "him",
                "Check-ins",
                "x"
            ]
        );
        assert_eq!(w[0].key, "marcus");
        assert_eq!(w[6].key, "check-in");
        assert!(w[6].sentence_start && w[6].break_before);
        assert!(!w[1].sentence_start && !w[1].break_before);
    }

    #[test]
    fn keys_fold_case_diacritics_and_plurals() {
        assert_eq!(key_of("Zoë"), "zoe");
        assert_eq!(key_of("Priorities"), "priority");
        assert_eq!(key_of("alerts"), "alert");
        assert_eq!(key_of("APIs"), "api");
        assert_eq!(key_of("status"), "status");
        assert_eq!(key_of("process"), "process");
        assert_eq!(key_of("bus"), "bus");
        assert_eq!(key_of("it’s"), "it's");
    }

    #[test]
    fn surface_drops_only_sentence_capitals() {
        let w = words("Promotion case first. Then the API and Grace.");
        let surfaces: Vec<String> = w.iter().map(Word::surface).collect();
        assert_eq!(
            surfaces,
            [
                "promotion",
                "case",
                "first",
                "then",
                "the",
                "API",
                "and",
                "Grace"
            ]
        );
    }

    #[test]
    fn terms_pair_adjacent_words_within_a_clause() {
        assert_eq!(
            keys("The promotion case, and the on-call rotation."),
            [
                "promot",
                "promot case",
                "case",
                "oncal",
                "oncal rotat",
                "rotat"
            ]
        );
        assert_eq!(
            keys("Managing up, burned out"),
            ["manag", "manag up", "burn", "burn out"]
        );
        // Stopwords and numbers break pairs; so do line breaks and punctuation.
        assert_eq!(
            keys("pager load\nnine 9 pages"),
            ["page", "page load", "load", "nine", "page"]
        );
        let t = terms(&words("Design docs. Design Docs"));
        assert_eq!(t[1].surface, "design docs");
        assert_eq!(t[1].key, "design doc");
        assert_eq!(t[4].surface, "design Docs");
        // "on call" is also counted as the one word some write.
        let t = terms(&words("on call again. On-call"));
        let keys: Vec<&str> = t.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(keys, ["oncal", "call", "oncal"]);
        assert_eq!(t[0].surface, "on call");
    }
}
