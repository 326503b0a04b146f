//! What the index holds for each entry, and how text is cut into searchable words.

use std::str::CharIndices;

use chrono::Datelike;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STORED,
    STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, Stemmer,
    TextAnalyzer, Token, TokenStream, Tokenizer,
};
use tantivy::{Index, TantivyDocument};

use crate::model::Entry;

/// Bumped whenever the schema or the analysis changes; an index of another format is
/// rebuilt on open.
pub const FORMAT: i64 = 3;

/// Words, lower-cased, diacritics folded, English-stemmed: "Promoted" and "promote" meet.
pub const TEXT: &str = "candor_text";
/// Words, lower-cased and folded but not stemmed: names and prefixes.
pub const NAME: &str = "candor_name";
/// A whole value, lower-cased and folded: tags.
pub const KEYWORD: &str = "candor_keyword";

/// Tokens longer than this are dropped (base64 blobs, pasted hashes).
const MAX_TOKEN_BYTES: usize = 80;

#[derive(Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub kind: Field,
    pub date: Field,
    pub title: Field,
    pub body: Field,
    pub tags: Field,
    pub situation: Field,
    pub behavior: Field,
    pub impact: Field,
    /// The person's name, for words and for `person:`.
    pub person: Field,
    /// Tags as whole values, for `tag:`.
    pub tag: Field,
    /// Every text field again, unstemmed and without positions, for `prefix*`.
    pub raw: Field,
}

impl Fields {
    /// Fields a plain word or phrase searches, with their weights.
    pub fn text_fields(&self) -> [(Field, f32); 7] {
        [
            (self.title, 2.0),
            (self.body, 1.0),
            (self.tags, 1.5),
            (self.person, 1.5),
            (self.situation, 1.0),
            (self.behavior, 1.0),
            (self.impact, 1.0),
        ]
    }
}

fn text(tokenizer: &str, positions: bool) -> TextOptions {
    let option = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::Basic
    };
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(option)
            .set_fieldnorms(positions),
    )
}

pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        kind: b.add_text_field("kind", STRING),
        date: b.add_i64_field("date", NumericOptions::default().set_indexed().set_fast()),
        // Only the id is stored: what a hit shows is read from the entry in the database,
        // so the index holds what matching and ranking need and no copy of the text.
        title: b.add_text_field("title", text(TEXT, true)),
        body: b.add_text_field("body", text(TEXT, true)),
        tags: b.add_text_field("tags", text(TEXT, true)),
        situation: b.add_text_field("situation", text(TEXT, true)),
        behavior: b.add_text_field("behavior", text(TEXT, true)),
        impact: b.add_text_field("impact", text(TEXT, true)),
        person: b.add_text_field("person", text(NAME, true)),
        tag: b.add_text_field("tag", text(KEYWORD, false)),
        raw: b.add_text_field("raw", text(NAME, false)),
    };
    (b.build(), fields)
}

pub fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

pub fn name_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

pub fn keyword_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

pub fn register(index: &Index) {
    let t = index.tokenizers();
    t.register(TEXT, text_analyzer());
    t.register(NAME, name_analyzer());
    t.register(KEYWORD, keyword_analyzer());
}

/// The tokens `analyzer` makes of `text`.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// Days since 0001-01-01: the date as the index stores it.
pub fn day_number(d: chrono::NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

pub fn from_day_number(n: i64) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_num_days_from_ce_opt(i32::try_from(n).ok()?)
}

/// The document for a live entry.
pub fn document(f: &Fields, e: &Entry) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &e.id);
    doc.add_text(f.kind, e.kind.as_str());
    doc.add_i64(f.date, day_number(e.date));
    doc.add_text(f.title, &e.title);
    doc.add_text(f.body, &e.body);
    doc.add_text(f.raw, &e.title);
    doc.add_text(f.raw, &e.body);
    for t in &e.tags {
        doc.add_text(f.tags, t);
        doc.add_text(f.tag, t);
        doc.add_text(f.raw, t);
    }
    if let Some(p) = &e.person {
        doc.add_text(f.person, p);
        doc.add_text(f.raw, p);
    }
    if let Some(fb) = &e.feedback {
        for (field, value) in [
            (f.situation, &fb.situation),
            (f.behavior, &fb.behavior),
            (f.impact, &fb.impact),
        ] {
            if let Some(v) = value {
                doc.add_text(field, v);
                doc.add_text(f.raw, v);
            }
        }
    }
    doc
}

/// Chinese, Japanese and Korean ideographs and kana carry no spaces between words, so each
/// becomes a token of its own and a search for several is a phrase over them.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // hiragana, katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFF66..=0xFF9F    // half-width katakana
        | 0x20000..=0x2FA1F) // extensions B–F, compatibility supplement
}

/// Splits on anything that is not a letter or digit, in any script; CJK characters are
/// single tokens.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

pub struct WordStream<'a> {
    text: &'a str,
    chars: std::iter::Peekable<CharIndices<'a>>,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            text,
            chars: text.char_indices().peekable(),
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        self.token.position = self.token.position.wrapping_add(1);
        while let Some((from, c)) = self.chars.next() {
            if !c.is_alphanumeric() {
                continue;
            }
            let mut to = from + c.len_utf8();
            if !is_cjk(c) {
                while let Some(&(i, n)) = self.chars.peek() {
                    if !n.is_alphanumeric() || is_cjk(n) {
                        break;
                    }
                    to = i + n.len_utf8();
                    self.chars.next();
                }
            }
            self.token.offset_from = from;
            self.token.offset_to = to;
            self.token.text.push_str(&self.text[from..to]);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn words_are_folded_and_stemmed() {
        let mut a = text_analyzer();
        assert_eq!(tokens(&mut a, "Promoted"), tokens(&mut a, "promote"));
        assert_eq!(tokens(&mut a, "Zoë"), vec!["zoe"]);
        assert_eq!(tokens(&mut a, "on-call"), vec!["on", "call"]);
        let mut n = name_analyzer();
        assert_eq!(tokens(&mut n, "Zoë Ångström"), vec!["zoe", "angstrom"]);
    }

    #[test]
    fn any_script_is_tokenized() {
        let mut n = name_analyzer();
        assert_eq!(tokens(&mut n, "Привет, мир"), vec!["привет", "мир"]);
        assert_eq!(
            tokens(&mut n, "会议ok晋升"),
            vec!["会", "议", "ok", "晋", "升"]
        );
        assert_eq!(tokens(&mut n, "…—!!"), Vec::<String>::new());
        let long = "x".repeat(500);
        assert!(tokens(&mut n, &long).is_empty());
    }

    #[test]
    fn keywords_are_whole_values() {
        let mut k = keyword_analyzer();
        assert_eq!(tokens(&mut k, "On Call"), vec!["on call"]);
        assert_eq!(tokens(&mut k, "Café"), vec!["cafe"]);
    }
}
