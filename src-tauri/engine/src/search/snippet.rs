//! Snippets: the part of an entry that best shows why it matched, matching words marked
//! `**like this**`.

use std::collections::HashSet;

use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer, TokenStream};

use super::query::Marks;

/// About two lines of text.
pub const MAX_CHARS: usize = 160;
/// Context kept before the first marked word.
const LEAD_CHARS: usize = 40;
/// A snippet is looked for in the first this many bytes of each text only, so the work
/// per hit is bounded however long the entry is.
pub const SCAN_BYTES: usize = 64 * 1024;

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
pub(crate) fn head(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

pub struct Highlighter {
    phrases: Vec<Vec<String>>,
    /// Each phrase word without its last two characters: an English stem less its last two
    /// letters begins the folded word it came from ("hap" of "happy" for "happi", "d" of
    /// "dying" for "die"), so only words that start so are stemmed to compare.
    leads: Vec<String>,
    prefixes: Vec<String>,
    /// Stems one folded word as the index does.
    stem: TextAnalyzer,
    name: TextAnalyzer,
}

/// A fragment of one text with the byte ranges of its matching words.
struct Found {
    start: usize,
    end: usize,
    marks: Vec<(usize, usize)>,
    distinct: usize,
}

/// Tokens of `text` as (start, end, text).
fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut s = analyzer.token_stream(text);
    while s.advance() {
        let t = s.token();
        out.push((t.offset_from, t.offset_to, t.text.clone()));
    }
    out
}

impl Highlighter {
    pub fn new(marks: &Marks) -> Self {
        let leads = marks
            .phrases
            .iter()
            .flatten()
            .map(|w| w[..lead_len(w)].to_string())
            .collect();
        Highlighter {
            phrases: marks.phrases.clone(),
            leads,
            prefixes: marks.prefixes.clone(),
            stem: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
            name: super::schema::name_analyzer(),
        }
    }

    /// Byte ranges of `text` that match, each with the index of the term it matched: a
    /// phrase is marked only where all its words stand together.
    fn matches(&mut self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        if self.phrases.is_empty() && self.prefixes.is_empty() {
            return out;
        }
        // One pass of the unstemmed words; stemming (the costly part) only where a phrase
        // word could match.
        let toks = tokens(&mut self.name, text);
        if !self.phrases.is_empty() {
            let stems: Vec<Option<String>> = toks
                .iter()
                .map(|t| {
                    self.leads
                        .iter()
                        .any(|l| t.2.starts_with(l.as_str()))
                        .then(|| tokens(&mut self.stem, &t.2).pop().map(|s| s.2))
                        .flatten()
                })
                .collect();
            for (n, phrase) in self.phrases.iter().enumerate() {
                for (i, w) in stems.windows(phrase.len()).enumerate() {
                    if w.iter().zip(phrase).all(|(t, p)| t.as_deref() == Some(p)) {
                        out.push((toks[i].0, toks[i + phrase.len() - 1].1, n));
                    }
                }
            }
        }
        if !self.prefixes.is_empty() {
            let base = self.phrases.len();
            for (from, to, t) in toks {
                if let Some(n) = self.prefixes.iter().position(|p| t.starts_with(p.as_str())) {
                    out.push((from, to, base + n));
                }
            }
        }
        // Earliest first; of overlapping marks keep the longer.
        out.sort_by_key(|m| (m.0, std::cmp::Reverse(m.1)));
        let mut kept: Vec<(usize, usize, usize)> = Vec::new();
        for m in out {
            if kept.last().is_none_or(|k| m.0 >= k.1) {
                kept.push(m);
            }
        }
        kept
    }

    /// The best window of `text`: the most distinct matching words within [`MAX_CHARS`].
    fn best(&mut self, text: &str) -> Option<Found> {
        let m = self.matches(head(text, SCAN_BYTES));
        let mut best: Option<Found> = None;
        for (i, first) in m.iter().enumerate() {
            let limit = first.0 + MAX_CHARS;
            let inside: Vec<&(usize, usize, usize)> =
                m[i..].iter().take_while(|x| x.1 <= limit).collect();
            let distinct = inside.iter().map(|x| &x.2).collect::<HashSet<_>>().len();
            if best.as_ref().is_none_or(|b| distinct > b.distinct) {
                best = Some(Found {
                    start: first.0,
                    end: inside.last().map_or(first.1, |x| x.1),
                    marks: inside.iter().map(|x| (x.0, x.1)).collect(),
                    distinct,
                });
            }
        }
        best
    }

    /// The snippet from the best of `texts` (earlier texts win ties); the start of the
    /// first non-empty text when nothing matches.
    pub fn snippet(&mut self, texts: &[&str]) -> String {
        let mut best: Option<(usize, Found)> = None;
        for (i, t) in texts.iter().enumerate() {
            if let Some(found) = self.best(t) {
                if best
                    .as_ref()
                    .is_none_or(|(_, b)| found.distinct > b.distinct)
                {
                    best = Some((i, found));
                }
            }
        }
        match best {
            Some((i, found)) => render(texts[i], &found),
            None => {
                let text = texts
                    .iter()
                    .find(|t| !t.trim().is_empty())
                    .copied()
                    .unwrap_or("");
                render(
                    text,
                    &Found {
                        start: 0,
                        end: 0,
                        marks: Vec::new(),
                        distinct: 0,
                    },
                )
            }
        }
    }
}

/// Bytes of `stem` without its last two characters.
fn lead_len(stem: &str) -> usize {
    stem.char_indices().rev().nth(1).map_or(0, |(i, _)| i)
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The window around `found`, whitespace collapsed, marks inserted, "…" where cut.
fn render(text: &str, found: &Found) -> String {
    // Start a little before the first match, at a word boundary.
    let mut start = floor_char(text, found.start.saturating_sub(LEAD_CHARS));
    if start > 0 {
        if let Some(sp) = text[start..found.start].find(char::is_whitespace) {
            start += sp + 1;
        }
    }
    let budget_end = text[start..]
        .char_indices()
        .nth(MAX_CHARS)
        .map_or(text.len(), |(i, _)| start + i);
    let mut end = budget_end.max(found.end).min(text.len());
    if end < text.len() {
        // End at a word boundary when one is near.
        if let Some(sp) = text[found.end.max(start)..end].rfind(char::is_whitespace) {
            end = found.end.max(start) + sp;
        }
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut marks = found.marks.iter().peekable();
    let mut last_space = false;
    let mut i = start;
    while i < end {
        if let Some(&&(from, to)) = marks.peek() {
            if from == i {
                out.push_str("**");
                out.push_str(&text[from..to]);
                out.push_str("**");
                last_space = false;
                i = to;
                marks.next();
                continue;
            }
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else if c != '*' {
            // Markdown's own asterisks would be confused with the marks.
            out.push(c);
            last_space = false;
        }
        i += c.len_utf8();
    }
    let mut out = out.trim().to_string();
    if end < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn hl(stems: &[&str], prefixes: &[&str]) -> Highlighter {
        Highlighter::new(&Marks {
            phrases: stems
                .iter()
                .map(|s| s.split(' ').map(str::to_string).collect())
                .collect(),
            prefixes: prefixes.iter().map(|s| s.to_string()).collect(),
        })
    }

    /// The shortcut in `matches` holds for the words people write: every word's stem less
    /// its last two letters begins the (folded) word itself.
    #[test]
    fn a_stem_less_its_last_two_letters_begins_its_word() {
        let text = [
            include_str!("../analysis/eval_fresh.tsv"),
            include_str!("../analysis/eval_heldout.tsv"),
            "happy happiness dying lying tying skies skis idly gently ugly early only singly \
             relational conditional probability reasonably valency organization operator \
             orator sensational possibly hopping hoping luxuriating agreed agreedly news \
             generously fulness callousness effectiveness sensitivity analogies Zoë naïve \
             Ångström café ½ 3rd x2",
        ]
        .concat();
        let mut name = crate::search::schema::name_analyzer();
        let mut h = hl(&[], &[]);
        let mut checked = 0;
        for (_, _, word) in tokens(&mut name, &text) {
            let stem = tokens(&mut h.stem, &word).pop().unwrap().2;
            assert!(
                word.starts_with(&stem[..lead_len(&stem)]),
                "{word} -> {stem}"
            );
            checked += 1;
        }
        assert!(checked > 2000, "{checked}");
    }

    #[test]
    fn marks_stemmed_and_folded_words() {
        let mut h = hl(&["promot", "zoe"], &[]);
        assert_eq!(
            h.snippet(&["Zoë was **promoted**\n\nlast week."]),
            "**Zoë** was **promoted** last week."
        );
    }

    #[test]
    fn phrases_are_marked_only_where_whole() {
        let mut h = hl(&["on call"], &[]);
        assert_eq!(
            h.snippet(&["We agreed on the on-call rota."]),
            "We agreed on the **on-call** rota."
        );
    }

    #[test]
    fn marks_prefixes() {
        let mut h = hl(&[], &["deleg"]);
        assert_eq!(h.snippet(&["On delegating well"]), "On **delegating** well");
    }

    #[test]
    fn long_text_is_cut_around_the_match() {
        let text = format!(
            "{} the promotion case {}",
            "filler ".repeat(60),
            "tail ".repeat(60)
        );
        let mut h = hl(&["promot"], &[]);
        let s = h.snippet(&[&text]);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("**promotion**"));
        assert!(s.chars().count() <= MAX_CHARS + 10, "{}", s.chars().count());
    }

    #[test]
    fn best_text_wins_and_no_match_shows_the_start() {
        let mut h = hl(&["impact"], &[]);
        assert_eq!(h.snippet(&["nothing here", "the impact"]), "the **impact**");
        let mut h = hl(&[], &[]);
        assert_eq!(h.snippet(&["", "  first words "]), "first words");
    }

    #[test]
    fn multibyte_text_is_cut_on_char_boundaries() {
        let text = "ü".repeat(300) + " 晋升 " + &"é".repeat(300);
        let mut h = hl(&["晋"], &[]);
        let s = h.snippet(&[&text]);
        assert!(s.contains("**晋**"));
    }
}
