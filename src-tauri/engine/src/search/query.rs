//! The search language: parsing what the user typed, and turning it into a tantivy query.
//! The syntax is documented on [`crate::search`].

use std::ops::Bound;

use chrono::NaiveDate;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query,
    RangeQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{IndexRecordOption, Term as IndexTerm};
use tantivy::tokenizer::TextAnalyzer;

use super::schema::{self, day_number, Fields};
use super::SearchError;
use crate::model::Kind;

/// One thing to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    Word(String),
    Phrase(String),
    Prefix(String),
    Person(String),
    Kind(Kind),
    Tag(String),
    /// On or after this date.
    After(NaiveDate),
    /// On or before this date.
    Before(NaiveDate),
}

impl Clause {
    fn is_filter(&self) -> bool {
        !matches!(
            self,
            Clause::Word(_) | Clause::Phrase(_) | Clause::Prefix(_)
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub negated: bool,
    pub clause: Clause,
}

/// Every group must match; a group matches when any of its parts (joined by `OR`) does.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    pub groups: Vec<Vec<Part>>,
}

const FIELDS_HINT: &str = "person:, kind:, tag:, after: or before:";

enum Token {
    Or,
    Part(Part),
}

/// Longest search accepted, in bytes, and most terms (words, phrases, filters) in one:
/// each term is a query of its own, so these bound the work one search can ask for.
pub const MAX_QUERY_BYTES: usize = 4096;
pub const MAX_QUERY_TERMS: usize = 64;

pub fn parse(input: &str) -> Result<Parsed, SearchError> {
    if input.len() > MAX_QUERY_BYTES {
        return Err(SearchError::TooLong {
            max: MAX_QUERY_BYTES,
        });
    }
    let tokens = lex(input)?;
    if tokens.len() > MAX_QUERY_TERMS {
        return Err(SearchError::TooManyTerms {
            max: MAX_QUERY_TERMS,
        });
    }
    let mut groups: Vec<Vec<Part>> = Vec::new();
    let mut joining = false;
    for (i, t) in tokens.into_iter().enumerate() {
        match t {
            Token::Or if i == 0 || joining => return Err(SearchError::DanglingOr),
            Token::Or => joining = true,
            Token::Part(p) => {
                match groups.last_mut() {
                    Some(g) if joining => g.push(p),
                    _ => groups.push(vec![p]),
                }
                joining = false;
            }
        }
    }
    if joining {
        return Err(SearchError::DanglingOr);
    }
    if groups.is_empty() {
        return Err(SearchError::Empty);
    }
    Ok(Parsed { groups })
}

fn lex(input: &str) -> Result<Vec<Token>, SearchError> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let mut negated = false;
        if chars[i] == '-' {
            if chars.get(i + 1).is_none_or(|c| c.is_whitespace()) {
                // A lone dash ("pay - rise") is punctuation, not an exclusion.
                i += 1;
                continue;
            }
            negated = true;
            i += 1;
        }
        if chars[i] == '"' {
            let (text, next) = quoted(&chars, i)?;
            i = next;
            out.push(Token::Part(Part {
                negated,
                clause: Clause::Phrase(text),
            }));
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '"' {
            if chars[i] == ':' {
                break;
            }
            i += 1;
        }
        let head: String = chars[start..i].iter().collect();
        let is_field = i < chars.len()
            && chars[i] == ':'
            && !head.is_empty()
            && head.chars().all(|c| c.is_alphabetic());
        if is_field {
            let after_colon = i + 1;
            let value_start = chars.get(after_colon).copied();
            if value_start == Some('"') {
                let (value, next) = quoted(&chars, after_colon)?;
                i = next;
                out.push(Token::Part(Part {
                    negated,
                    clause: field(&head, &value)?,
                }));
                continue;
            }
            let mut j = after_colon;
            while j < chars.len() && !chars[j].is_whitespace() && chars[j] != '"' {
                j += 1;
            }
            let value: String = chars[after_colon..j].iter().collect();
            // "http://…" is a word; "re:" with nothing after it is a word too.
            if !value.is_empty() && !value.starts_with("//") {
                i = j;
                out.push(Token::Part(Part {
                    negated,
                    clause: field(&head, &value)?,
                }));
                continue;
            }
            if value.is_empty() && known_field(&head) {
                return Err(SearchError::EmptyFilter(head.to_lowercase()));
            }
            i = j;
        } else {
            while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '"' {
                i += 1;
            }
        }
        let word: String = chars[start..i].iter().collect();
        if word == "OR" && !negated {
            out.push(Token::Or);
            continue;
        }
        let clause = if let Some(stem) = word.strip_suffix('*') {
            let stem = stem.trim_end_matches('*');
            if !stem.chars().any(|c| c.is_alphanumeric()) {
                return Err(SearchError::BarePrefix);
            }
            Clause::Prefix(stem.to_string())
        } else {
            Clause::Word(word)
        };
        out.push(Token::Part(Part { negated, clause }));
    }
    Ok(out)
}

/// The text between the quote at `open` and its closing quote, and the index after it.
fn quoted(chars: &[char], open: usize) -> Result<(String, usize), SearchError> {
    let rest = &chars[open + 1..];
    match rest.iter().position(|&c| c == '"') {
        Some(len) => Ok((rest[..len].iter().collect(), open + 1 + len + 1)),
        None => Err(SearchError::UnclosedQuote),
    }
}

fn known_field(name: &str) -> bool {
    matches!(
        name.to_lowercase().as_str(),
        "person" | "with" | "kind" | "tag" | "after" | "since" | "before" | "until"
    )
}

fn field(name: &str, value: &str) -> Result<Clause, SearchError> {
    let lower = name.to_lowercase();
    let value = value.trim();
    if value.is_empty() && known_field(&lower) {
        return Err(SearchError::EmptyFilter(lower));
    }
    Ok(match lower.as_str() {
        "person" | "with" => Clause::Person(value.to_string()),
        "kind" => Clause::Kind(
            value
                .parse()
                .map_err(|_| SearchError::UnknownKind(value.to_string()))?,
        ),
        "tag" => Clause::Tag(value.trim_start_matches('#').to_string()),
        "after" | "since" => Clause::After(date(&lower, value, false)?),
        "before" | "until" => Clause::Before(date(&lower, value, true)?),
        _ => {
            return Err(SearchError::UnknownField {
                field: name.to_string(),
                known: FIELDS_HINT,
            })
        }
    })
}

/// `YYYY-MM-DD`, or a whole month (`YYYY-MM`) or year (`YYYY`): its first day for `after:`,
/// its last day for `before:`.
fn date(field: &str, value: &str, end: bool) -> Result<NaiveDate, SearchError> {
    let bad = || SearchError::BadDate {
        field: field.to_string(),
        value: value.to_string(),
    };
    // The words the other date options take (`--since today`).
    let today = chrono::Local::now().date_naive();
    match value.to_lowercase().as_str() {
        "today" => return Ok(today),
        "yesterday" => return today.pred_opt().ok_or_else(bad),
        _ => {}
    }
    if let Ok(d) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Ok(d);
    }
    let parts: Vec<&str> = value.split('-').collect();
    let num = |s: &str, len: usize| -> Option<u32> {
        (s.len() == len && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (year, month) = match parts.as_slice() {
        [y] => (num(y, 4).ok_or_else(bad)?, None),
        [y, m] => (num(y, 4).ok_or_else(bad)?, Some(num(m, 2).ok_or_else(bad)?)),
        _ => return Err(bad()),
    };
    let year = year as i32;
    let first = NaiveDate::from_ymd_opt(year, month.unwrap_or(1), 1).ok_or_else(bad)?;
    if !end {
        return Ok(first);
    }
    let next = match month {
        None | Some(12) => NaiveDate::from_ymd_opt(year + 1, 1, 1),
        Some(m) => NaiveDate::from_ymd_opt(year, m + 1, 1),
    };
    next.and_then(|n| n.pred_opt()).ok_or_else(bad)
}

/// Analyzers for turning the user's words into index terms, one per kind of field.
pub struct Analyzers {
    pub text: TextAnalyzer,
    pub name: TextAnalyzer,
    pub keyword: TextAnalyzer,
}

impl Default for Analyzers {
    fn default() -> Self {
        Analyzers {
            text: schema::text_analyzer(),
            name: schema::name_analyzer(),
            keyword: schema::keyword_analyzer(),
        }
    }
}

/// What the snippet should mark: runs of stemmed words (one for a word, several for a
/// phrase) and unstemmed prefixes.
#[derive(Debug, Default, Clone)]
pub struct Marks {
    pub phrases: Vec<Vec<String>>,
    pub prefixes: Vec<String>,
}

/// The tantivy query for `parsed`, and the words a snippet should mark.
pub fn build(
    parsed: &Parsed,
    f: &Fields,
    a: &mut Analyzers,
) -> Result<(Box<dyn Query>, Marks), SearchError> {
    let mut marks = Marks::default();
    let mut top: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for group in &parsed.groups {
        let mut alts: Vec<(bool, Box<dyn Query>)> = Vec::new();
        for part in group {
            let Some(q) = clause(&part.clause, f, a, (!part.negated).then_some(&mut marks)) else {
                continue;
            };
            alts.push((part.negated, q));
        }
        match alts.len() {
            0 => {}
            1 => {
                let (negated, q) = alts.remove(0);
                top.push((if negated { Occur::MustNot } else { Occur::Must }, q));
            }
            _ => {
                let should = alts
                    .into_iter()
                    .map(|(negated, q)| (Occur::Should, if negated { not(q) } else { q }))
                    .collect();
                top.push((Occur::Must, Box::new(BooleanQuery::new(should))));
            }
        }
    }
    if top.is_empty() {
        // Nothing but punctuation, e.g. `""` or `!!!`.
        return Err(SearchError::Empty);
    }
    if !top.iter().any(|(o, _)| *o == Occur::Must) {
        // Only exclusions: everything else matches.
        top.push((Occur::Must, Box::new(AllQuery)));
    }
    Ok((Box::new(BooleanQuery::new(top)), marks))
}

fn not(q: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, Box::new(AllQuery)),
        (Occur::MustNot, q),
    ]))
}

/// Filters narrow the results without changing their order.
fn filter(q: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(q, 0.0))
}

fn terms_query(
    field: tantivy::schema::Field,
    tokens: &[String],
    opt: IndexRecordOption,
) -> Box<dyn Query> {
    let terms: Vec<IndexTerm> = tokens
        .iter()
        .map(|t| IndexTerm::from_field_text(field, t))
        .collect();
    if terms.len() == 1 {
        Box::new(TermQuery::new(terms[0].clone(), opt))
    } else {
        Box::new(PhraseQuery::new(terms))
    }
}

/// The query for one clause; `None` when it holds nothing searchable (only punctuation).
fn clause(
    c: &Clause,
    f: &Fields,
    a: &mut Analyzers,
    marks: Option<&mut Marks>,
) -> Option<Box<dyn Query>> {
    if c.is_filter() {
        return Some(filter(filter_query(c, f, a)));
    }
    match c {
        Clause::Word(text) | Clause::Phrase(text) => {
            let stems = schema::tokens(&mut a.text, text);
            let names = schema::tokens(&mut a.name, text);
            if stems.is_empty() && names.is_empty() {
                return None;
            }
            if let Some(m) = marks {
                if !stems.is_empty() {
                    m.phrases.push(stems.clone());
                }
            }
            let per_field = f
                .text_fields()
                .into_iter()
                .filter_map(|(field, boost)| {
                    let tokens = if field == f.person { &names } else { &stems };
                    (!tokens.is_empty()).then(|| {
                        let q = terms_query(field, tokens, IndexRecordOption::WithFreqs);
                        (
                            Occur::Should,
                            Box::new(BoostQuery::new(q, boost)) as Box<dyn Query>,
                        )
                    })
                })
                .collect();
            Some(Box::new(BooleanQuery::new(per_field)))
        }
        Clause::Prefix(text) => {
            let mut names = schema::tokens(&mut a.name, text);
            let last = names.pop()?;
            let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            // "on-ca*": the words before the last must be there too.
            for w in &names {
                parts.push((
                    Occur::Must,
                    terms_query(f.raw, std::slice::from_ref(w), IndexRecordOption::Basic),
                ));
            }
            // Tokens are letters and digits only, so nothing in them is a regex operator.
            let pattern = format!("{last}.*");
            let q: Box<dyn Query> = match RegexQuery::from_pattern(&pattern, f.raw) {
                Ok(q) => Box::new(q),
                Err(_) => Box::new(EmptyQuery),
            };
            parts.push((Occur::Must, q));
            if let Some(m) = marks {
                m.prefixes.extend(names.iter().cloned());
                m.prefixes.push(last);
            }
            Some(Box::new(BooleanQuery::new(parts)))
        }
        _ => None,
    }
}

fn filter_query(c: &Clause, f: &Fields, a: &mut Analyzers) -> Box<dyn Query> {
    let day_range = |lo: Bound<i64>, hi: Bound<i64>| -> Box<dyn Query> {
        let t = |d: i64| IndexTerm::from_field_i64(f.date, d);
        Box::new(RangeQuery::new(lo.map(t), hi.map(t)))
    };
    match c {
        Clause::Person(name) => {
            let tokens = schema::tokens(&mut a.name, name);
            if tokens.is_empty() {
                return Box::new(EmptyQuery);
            }
            terms_query(f.person, &tokens, IndexRecordOption::Basic)
        }
        Clause::Kind(k) => Box::new(TermQuery::new(
            IndexTerm::from_field_text(f.kind, k.as_str()),
            IndexRecordOption::Basic,
        )),
        Clause::Tag(tag) => match schema::tokens(&mut a.keyword, tag.trim()).pop() {
            Some(t) => Box::new(TermQuery::new(
                IndexTerm::from_field_text(f.tag, &t),
                IndexRecordOption::Basic,
            )),
            None => Box::new(EmptyQuery),
        },
        Clause::After(d) => day_range(Bound::Included(day_number(*d)), Bound::Unbounded),
        Clause::Before(d) => day_range(Bound::Unbounded, Bound::Included(day_number(*d))),
        Clause::Word(_) | Clause::Phrase(_) | Clause::Prefix(_) => Box::new(EmptyQuery),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn p(negated: bool, clause: Clause) -> Part {
        Part { negated, clause }
    }

    fn word(w: &str) -> Clause {
        Clause::Word(w.into())
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn words_phrases_prefixes_and_exclusions() {
        let q = parse(r#"promotion "on-call rota" promo* -burnout"#).unwrap();
        assert_eq!(
            q.groups,
            vec![
                vec![p(false, word("promotion"))],
                vec![p(false, Clause::Phrase("on-call rota".into()))],
                vec![p(false, Clause::Prefix("promo".into()))],
                vec![p(true, word("burnout"))],
            ]
        );
    }

    #[test]
    fn or_joins_neighbours() {
        let q = parse("a b OR c OR -d e").unwrap();
        assert_eq!(
            q.groups,
            vec![
                vec![p(false, word("a"))],
                vec![p(false, word("b")), p(false, word("c")), p(true, word("d"))],
                vec![p(false, word("e"))],
            ]
        );
        // Lower-case "or" is a word.
        assert_eq!(parse("this or that").unwrap().groups.len(), 3);
    }

    #[test]
    fn filters() {
        let q = parse(
            r#"person:"Priya Raman" With:zoë kind:1on1 tag:#Growth after:2025-01 before:2025 since:2024-02-29"#,
        )
        .unwrap();
        let clauses: Vec<Clause> = q.groups.into_iter().map(|g| g[0].clause.clone()).collect();
        assert_eq!(
            clauses,
            vec![
                Clause::Person("Priya Raman".into()),
                Clause::Person("zoë".into()),
                Clause::Kind(Kind::OneOnOne),
                Clause::Tag("Growth".into()),
                Clause::After(d("2025-01-01")),
                Clause::Before(d("2025-12-31")),
                Clause::After(d("2024-02-29")),
            ]
        );
        assert_eq!(
            parse("before:2024-02").unwrap().groups[0][0].clause,
            Clause::Before(d("2024-02-29"))
        );
        assert_eq!(
            parse("-kind:note").unwrap().groups[0][0],
            p(true, Clause::Kind(Kind::Note))
        );
    }

    #[test]
    fn colons_that_are_not_fields_are_words() {
        let q = parse("10:30 https://example.com re: x").unwrap();
        let clauses: Vec<Clause> = q.groups.into_iter().map(|g| g[0].clause.clone()).collect();
        assert_eq!(
            clauses,
            vec![
                word("10:30"),
                word("https://example.com"),
                word("re:"),
                word("x")
            ]
        );
        // A lone dash is punctuation.
        assert_eq!(parse("pay - rise").unwrap().groups.len(), 2);
    }

    #[test]
    fn malformed_queries_say_what_is_wrong() {
        let cases: &[(&str, &str)] = &[
            ("", "empty"),
            ("   ", "empty"),
            ("\"on call", "unclosed quote"),
            ("person:\"Priya", "unclosed quote"),
            ("mood:5", "unknown filter `mood:`"),
            ("after:2025-13-01", "after: needs a date"),
            ("before:yesteryear", "before: needs a date"),
            ("after:2025-02-30", "after: needs a date"),
            ("person:", "person: needs a value"),
            ("tag: x", "tag: needs a value"),
            ("kind:meeting", "unknown kind `meeting`"),
            ("OR x", "OR needs"),
            ("x OR", "OR needs"),
            ("x OR OR y", "OR needs"),
            ("*", "prefix"),
            ("-**", "prefix"),
        ];
        for (q, expected) in cases {
            let e = parse(q).expect_err(q).to_string();
            assert!(
                e.contains(expected),
                "{q:?} gave {e:?}, expected {expected:?}"
            );
            assert!(!e.contains('\n'), "one line: {e:?}");
        }
    }

    #[test]
    fn today_and_yesterday_are_dates() {
        let today = chrono::Local::now().date_naive();
        let q = parse("after:today before:Yesterday since:TODAY").unwrap();
        let clauses: Vec<Clause> = q.groups.into_iter().map(|g| g[0].clause.clone()).collect();
        assert_eq!(
            clauses,
            vec![
                Clause::After(today),
                Clause::Before(today.pred_opt().unwrap()),
                Clause::After(today),
            ]
        );
    }

    #[test]
    fn long_and_crowded_searches_are_refused() {
        let long = "promo* ".repeat(MAX_QUERY_BYTES / 7 + 1);
        assert!(matches!(parse(&long), Err(SearchError::TooLong { .. })));
        let crowded = "a* ".repeat(MAX_QUERY_TERMS + 1);
        assert!(matches!(
            parse(&crowded),
            Err(SearchError::TooManyTerms { .. })
        ));
        assert!(parse(&"a ".repeat(MAX_QUERY_TERMS)).is_ok());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Any string either parses into non-empty groups of terms within the caps, or is
        /// refused with a one-line message; nothing panics.
        #[test]
        fn any_string_parses_or_is_refused(q in "\\PC{0,80}") {
            check(&q);
        }

        /// The same for strings built from the language's own pieces, which reach the
        /// corners (quotes, fields, OR, dashes, stars) far more often than random text.
        #[test]
        fn any_mix_of_query_pieces_parses_or_is_refused(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "\"", "-", "*", ":", " ", "OR", "or", "person:", "kind:", "tag:",
                    "after:", "before:", "today", "2025-02-30", "2024", "note", "ö", "a",
                    "\"x y\"", "--", "\t", "#", "http://", "with:", "-OR",
                ]),
                0..24,
            )
        ) {
            check(&pieces.concat());
        }
    }

    fn check(q: &str) {
        match parse(q) {
            Ok(p) => {
                assert!(!p.groups.is_empty());
                assert!(p.groups.iter().all(|g| !g.is_empty()));
                assert!(p.groups.iter().map(Vec::len).sum::<usize>() <= MAX_QUERY_TERMS);
            }
            Err(e) => {
                let msg = e.to_string();
                assert!(!msg.is_empty() && !msg.contains('\n'), "{msg:?}");
            }
        }
    }
}
