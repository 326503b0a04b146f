//! Markdown: one file per entry with YAML front matter, a folder per person (Obsidian
//! opens the export as a vault), action items as task lists; and importing a folder of
//! Markdown notes, ours or anyone's.
//!
//! Layout of an export:
//!
//! ```text
//! DIR/
//!   Priya Raman/
//!     2025-03-04 Career conversation (01JN…).md   one entry (its full id), front matter + body
//!     Action items.md                             her action items not tied to an entry
//!   Journal/                                      entries with no person
//!   People/
//!     Priya Raman.md                              her details (role, relationship, cadence,
//!                                                 archived) in front matter
//!   Goals/
//!     Staff promotion.md                          a goal: its details in front matter, its
//!                                                 description as the text
//! ```
//!
//! An entry's `person:` is a link to the person's note (`"[[Priya Raman]]"`) and `@Priya
//! Raman` in its text is `[[Priya Raman|@Priya Raman]]`, so both resolve in Obsidian;
//! importing the export undoes both.
//!
//! An entry's own action items follow its body under `## Action items`, one task per line:
//! `- [ ] text (me, due 2025-03-10)`, `- [x] text (them)`. Entries in the trash are not
//! exported (the JSON export has them).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::apply::{self, content_key, skip, Note, NoteAction, Parsed};
use super::body_tags;
use super::filter::ExportFilter;
use super::frontmatter::{self, quote, quote_list, FrontMatter};
use super::goal_notes::{self, GoalsByStem, GOALS_DIR};
use super::links;
use super::people_notes::{self, PeopleByStem, PEOPLE_DIR};
use super::properties::{self, Props};
use super::report::loss;
use super::staging::Staging;
use super::{io_err, ImportReport, Skipped, TransferError};
use crate::model::{ActionFilter, ActionItem, Entry, Kind, Owner};
use crate::Journal;

/// Markdown files larger than this are skipped unread (an entry holds at most 1 MiB).
const MAX_FILE_BYTES: u64 = 4 * crate::model::MAX_ENTRY_BYTES as u64;
const ACTIONS_HEADING: &str = "## Action items";
const ACTIONS_FILE: &str = "Action items.md";
const NO_PERSON_DIR: &str = "Journal";

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ExportReport {
    pub files: usize,
    pub entries: usize,
    /// People's notes (`People/<Name>.md`).
    pub people: usize,
    /// Goals' notes (`Goals/<Title>.md`).
    pub goals: usize,
    pub action_items: usize,
}

/// A file or folder name from free text: no separators or characters Windows refuses.
fn safe_name(s: &str, max: usize) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '#' | '^' | '[' | ']' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let mut out: String = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    out = out.trim_matches(['.', ' ', '-']).to_string();
    if out.chars().count() > max {
        out = out
            .chars()
            .take(max)
            .collect::<String>()
            .trim_end()
            .to_string();
    }
    if out.is_empty() {
        "Untitled".into()
    } else {
        out
    }
}

fn task_line(a: &ActionItem) -> String {
    let mut meta = a.owner.as_str().to_string();
    if let Some(d) = a.due {
        meta.push_str(&format!(", due {d}"));
    }
    let text = a.text.replace('\n', " ");
    format!(
        "- [{}] {text} ({meta})\n",
        if a.done_at.is_some() { "x" } else { " " }
    )
}

/// What an entry's front matter says about goals and stars (Candor's own keys).
#[derive(Default)]
struct Marks {
    goals: Vec<String>,
    starred: bool,
    zone: Option<crate::model::EntryZone>,
    /// The inner text of the link to the entry's person's note.
    person_link: Option<String>,
}

fn entry_file(e: &Entry, body: &str, actions: &[&ActionItem], marks: &Marks) -> String {
    let mut s = String::from("---\n");
    s.push_str(&format!("id: {}\n", e.id));
    s.push_str(&format!("date: {}\n", e.date));
    s.push_str(&format!("kind: {}\n", e.kind));
    match (&marks.person_link, &e.person) {
        (Some(link), _) => s.push_str(&format!("person: {}\n", quote(&format!("[[{link}]]")))),
        (None, Some(p)) => s.push_str(&format!("person: {}\n", quote(p))),
        (None, None) => {}
    }
    s.push_str(&format!("title: {}\n", quote(&e.title)));
    // The file name carries the date and id; the alias lets Obsidian link by title.
    s.push_str(&format!(
        "aliases: {}\n",
        quote_list(std::slice::from_ref(&e.title))
    ));
    s.push_str(&format!("tags: {}\n", quote_list(&e.tags)));
    if let Some(m) = e.mood {
        s.push_str(&format!("mood: {m}\n"));
    }
    if let Some(f) = &e.feedback {
        s.push_str(&format!("direction: {}\n", f.direction));
        s.push_str(&format!("received: {}\n", f.received));
        s.push_str(&format!("planned: {}\n", f.planned));
        for (k, v) in [
            ("situation", &f.situation),
            ("behavior", &f.behavior),
            ("impact", &f.impact),
        ] {
            if let Some(v) = v {
                s.push_str(&format!("{k}: {}\n", quote(v)));
            }
        }
    }
    if !marks.goals.is_empty() {
        s.push_str(&format!("goals: {}\n", quote_list(&marks.goals)));
    }
    if marks.starred {
        s.push_str("starred: true\n");
    }
    if let Some(z) = &marks.zone {
        s.push_str(&format!("utc_offset: {}\n", z.utc_offset_minutes));
        if let Some(name) = &z.zone {
            s.push_str(&format!("time_zone: {}\n", quote(name)));
        }
    }
    s.push_str(&format!("created: {}\n", quote(&e.created_at)));
    s.push_str(&format!("updated: {}\n", quote(&e.updated_at)));
    s.push_str("---\n");
    s.push_str(body);
    if !actions.is_empty() {
        if !body.ends_with('\n') {
            s.push('\n');
        }
        s.push('\n');
        s.push_str(ACTIONS_HEADING);
        s.push_str("\n\n");
        for a in actions {
            s.push_str(&task_line(a));
        }
    }
    s
}

/// Writes every live entry as Markdown under `dir` (new or empty).
pub fn export_markdown(
    journal: &Journal,
    dir: &Path,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ExportReport, TransferError> {
    export_markdown_filtered(journal, dir, &ExportFilter::default(), progress)
}

/// Writes the live entries `filter` covers as Markdown under `dir` (new or empty), with
/// their action items and, per person, the items in scope not tied to an entry. The files
/// are written into a private folder beside `dir` that becomes `dir` only once complete.
pub fn export_markdown_filtered(
    journal: &Journal,
    dir: &Path,
    filter: &ExportFilter,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ExportReport, TransferError> {
    if dir.exists()
        && (!dir.is_dir()
            || fs::read_dir(dir)
                .map_err(io_err(format!("cannot read {}", dir.display())))?
                .next()
                .is_some())
    {
        return Err(TransferError::NotEmpty(dir.display().to_string()));
    }
    let scope = filter.resolve(journal)?;
    let mut entries = journal.entries(&scope.entries())?;
    entries.reverse(); // oldest first
    let actions = journal.actions(&ActionFilter::default())?;
    let mut by_entry: HashMap<&str, Vec<&ActionItem>> = HashMap::new();
    let mut loose: BTreeMap<&str, Vec<&ActionItem>> = BTreeMap::new();
    let live: HashSet<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    for a in &actions {
        match a.entry_id.as_deref().filter(|id| live.contains(id)) {
            Some(id) => by_entry.entry(id).or_default().push(a),
            None if scope.covers_loose_action(a) => {
                loose.entry(a.person.as_str()).or_default().push(a)
            }
            None => {}
        }
    }
    let folders = person_folders(journal)?;
    let people = super::json::people_of(journal, &scope)?;
    // Each exported person's note: (name, file name without `.md`).
    let person_stems: Vec<(String, String)> = people
        .iter()
        .map(|p| {
            let stem = folders
                .get(&p.name)
                .cloned()
                .unwrap_or_else(|| safe_name(&p.name, 80));
            (p.name.clone(), stem)
        })
        .collect();
    let stem_of: HashMap<&str, &str> = person_stems
        .iter()
        .map(|(n, s)| (n.as_str(), s.as_str()))
        .collect();
    let staging = Staging::beside(dir)?;
    let root = staging.path();
    let mut names = UniqueNames::default();
    let mut report = ExportReport::default();
    let total = entries.len();
    // Every file's place first, so links between entries can point at the files.
    let placed: Vec<(String, String)> = entries
        .iter()
        .map(|e| {
            let folder = match &e.person {
                Some(p) => folders.get(p).cloned().unwrap_or_else(|| safe_name(p, 80)),
                None => NO_PERSON_DIR.to_string(),
            };
            let name = names.claim(&folder, &entry_file_name(e));
            (folder, name)
        })
        .collect();
    let stems = ExportedStems::new(&entries, &placed);
    // The goals in scope, each with its note's file name (without `.md`).
    let (goals, _) = super::json_goals::export(journal, &scope, &live)?;
    let goal_stems: HashMap<&str, String> = goals
        .iter()
        .map(|g| {
            let name = names.claim(GOALS_DIR, &format!("{}.md", safe_name(&g.title, 80)));
            let stem = name.strip_suffix(".md").unwrap_or(&name).to_string();
            (g.id.as_str(), stem)
        })
        .collect();
    for (i, (e, (folder, name))) in entries.iter().zip(&placed).enumerate() {
        let own = by_entry.get(e.id.as_str()).cloned().unwrap_or_default();
        report.action_items += own.len();
        let linked = crate::model::links::targets_of(journal.conn(), &e.id)?;
        let body = people_notes::link_mentions(&stems.link(&e.body, &linked), &person_stems);
        let marks = Marks {
            person_link: e
                .person
                .as_deref()
                .and_then(|p| stem_of.get(p).map(|stem| people_notes::link_inner(stem, p))),
            goals: journal
                .goals_of_entry(&e.id)?
                .into_iter()
                .map(|g| match goal_stems.get(g.id.as_str()) {
                    Some(stem) => format!("[[{}]]", goal_notes::link_inner(stem, &g.title)),
                    None => g.title,
                })
                .collect(),
            starred: journal.is_starred(&e.id)?,
            zone: journal.entry_zone(&e.id)?,
        };
        write_new(root, folder, name, &entry_file(e, &body, &own, &marks))?;
        report.entries += 1;
        report.files += 1;
        progress(i + 1, total);
    }
    for g in &goals {
        let person = g
            .person_id
            .as_ref()
            .and_then(|pid| people.iter().position(|p| &p.id == pid))
            .map(|i| {
                let (name, stem) = &person_stems[i];
                people_notes::link_inner(stem, name)
            });
        let stem = &goal_stems[g.id.as_str()];
        write_new(
            root,
            GOALS_DIR,
            &format!("{stem}.md"),
            &goal_notes::goal_file(g, person.as_deref()),
        )?;
        report.goals += 1;
        report.files += 1;
    }
    for (p, (_, stem)) in people.iter().zip(&person_stems) {
        let name = names.claim(PEOPLE_DIR, &format!("{stem}.md"));
        write_new(root, PEOPLE_DIR, &name, &people_notes::person_file(p))?;
        report.people += 1;
        report.files += 1;
    }
    for (person, items) in loose {
        let folder = folders
            .get(person)
            .cloned()
            .unwrap_or_else(|| safe_name(person, 80));
        let link = match stem_of.get(person) {
            Some(stem) => format!("[[{}]]", people_notes::link_inner(stem, person)),
            None => person.to_string(),
        };
        let mut s = format!(
            "---\ntype: action-items\nperson: {}\n---\n# Action items: {person}\n\n",
            quote(&link)
        );
        for a in &items {
            s.push_str(&task_line(a));
        }
        let name = names.claim(&folder, ACTIONS_FILE);
        write_new(root, &folder, &name, &s)?;
        report.action_items += items.len();
        report.files += 1;
    }
    staging.finish()?;
    Ok(report)
}

/// Exported file names by entry title, so a wikilink `[[Title]]` written in one entry (as
/// notes imported from Obsidian have them) points at the file Obsidian will find.
struct ExportedStems {
    /// Lower-cased title -> file name without `.md`, the oldest entry's when titles repeat.
    by_title: HashMap<String, String>,
    /// Entry id -> file name without `.md`.
    by_id: HashMap<String, String>,
}

impl ExportedStems {
    fn new(entries: &[Entry], placed: &[(String, String)]) -> Self {
        let mut by_title = HashMap::new();
        let mut by_id = HashMap::new();
        for (e, (_, name)) in entries.iter().zip(placed) {
            let stem = name.strip_suffix(".md").unwrap_or(name).to_string();
            by_title
                .entry(e.title.to_lowercase())
                .or_insert_with(|| stem.clone());
            by_id.insert(e.id.clone(), stem);
        }
        ExportedStems { by_title, by_id }
    }

    /// Points the links in `body` at exported files: first the entries the links were
    /// found to point at on import (`own`: lower-cased target -> entry id), then entries
    /// of that title.
    fn link(&self, body: &str, own: &HashMap<String, String>) -> String {
        links::rewrite(body, |l| {
            let target = l.target.trim().to_lowercase();
            let stem = own
                .get(&target)
                .and_then(|id| self.by_id.get(id))
                .or_else(|| self.by_title.get(&target))?;
            Some(format!("{stem}{}|{}", l.fragment, l.shown()))
        })
    }
}

/// Turns links an export pointed at its files back into what they were: `[[2024-01-01
/// Retro (ID)|Retro]]` is `[[Retro]]` again when the entry with that id is titled Retro.
fn unlink(body: &str, titles: &HashMap<String, String>) -> String {
    links::rewrite(body, |l| {
        let title = titles.get(exported_id(l.target)?)?;
        let full = format!("{title}{}", l.fragment);
        let shown = l.shown();
        Some(if shown.eq_ignore_ascii_case(&full) {
            shown
        } else {
            format!("{full}|{shown}")
        })
    })
}

/// The entry id in a link our export pointed at a file: `2024-01-01 Retro (ID)`.
fn exported_id(target: &str) -> Option<&str> {
    Some(target.trim_end().strip_suffix(')')?.rsplit_once(" (")?.1)
}

/// One folder per person; two names that clean up the same get part of their id appended.
fn person_folders(journal: &Journal) -> Result<HashMap<String, String>, TransferError> {
    let mut folders: HashMap<String, String> = HashMap::new();
    let mut used: HashMap<String, usize> = HashMap::new();
    for p in journal.people(true)? {
        let mut name = safe_name(&p.name, 80);
        let n = used.entry(name.to_lowercase()).or_insert(0);
        *n += 1;
        if *n > 1 || name.eq_ignore_ascii_case(NO_PERSON_DIR) {
            name = format!("{name} ({})", safe_name(&p.id, 80));
        }
        folders.insert(p.name.clone(), name);
    }
    Ok(folders)
}

/// `2025-03-04 Career conversation (01JN…full id).md`: the whole id, so entries made in
/// the same millisecond (whose ULIDs share their first ten characters) differ.
fn entry_file_name(e: &Entry) -> String {
    format!(
        "{} {} ({}).md",
        e.date,
        safe_name(&e.title, 60),
        safe_name(&e.id, 40)
    )
}

/// File names already used per folder, compared as a case-insensitive file system would:
/// an id from an imported file may clean up like another's, and then a counter decides.
#[derive(Default)]
struct UniqueNames {
    used: HashSet<String>,
}

impl UniqueNames {
    fn claim(&mut self, folder: &str, name: &str) -> String {
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
        let mut candidate = name.to_string();
        let mut n = 1;
        while !self.used.insert(format!(
            "{}/{}",
            folder.to_lowercase(),
            candidate.to_lowercase()
        )) {
            n += 1;
            candidate = format!("{stem} {n}.{ext}");
        }
        candidate
    }
}

/// Creates `root/folder/name`. The error names only the export folder: file and folder
/// names carry titles and people's names, which stay out of error messages.
fn write_new(root: &Path, folder: &str, name: &str, text: &str) -> Result<(), TransferError> {
    use std::io::Write;
    let what = || format!("cannot write a file of the export in {}", root.display());
    let sub = root.join(folder);
    crate::owner_only::create_dir_all(&sub).map_err(io_err(what()))?;
    let mut f = crate::owner_only::create_new(&sub.join(name)).map_err(io_err(what()))?;
    f.write_all(text.as_bytes()).map_err(io_err(what()))
}

/// Every `.md` file under `dir`, skipping hidden folders (`.obsidian`, `.trash`), sorted.
/// Symbolic links are never followed (no loops, nothing outside the folder) and files that
/// are not regular (FIFOs, devices) are never opened: both are reported as skipped.
fn markdown_files(
    dir: &Path,
    skipped: &mut Vec<Skipped>,
    others: &mut u64,
) -> Result<Vec<PathBuf>, TransferError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let rd = fs::read_dir(&d).map_err(io_err(format!("cannot read {}", d.display())))?;
        for e in rd {
            let e = e.map_err(io_err(format!("cannot read {}", d.display())))?;
            let p = e.path();
            let hidden = e.file_name().to_string_lossy().starts_with('.');
            if hidden {
                continue;
            }
            // The entry's own type: a symbolic link is not followed.
            let ty = e
                .file_type()
                .map_err(io_err(format!("cannot read {}", p.display())))?;
            let item = || p.strip_prefix(dir).unwrap_or(&p).display().to_string();
            let markdown = p.extension().is_some_and(|x| {
                x.eq_ignore_ascii_case("md") || x.eq_ignore_ascii_case("markdown")
            });
            if ty.is_symlink() {
                skipped.push(skip(item(), "a symbolic link (links are not followed)"));
            } else if ty.is_dir() {
                stack.push(p);
            } else if markdown && !ty.is_file() {
                skipped.push(skip(item(), "not a regular file"));
            } else if markdown {
                out.push(p);
            } else {
                *others += 1;
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Parses a task line: `- [ ] text (owner, due YYYY-MM-DD)`; owner and due optional.
fn parse_task(line: &str) -> Option<(bool, String, Owner, Option<NaiveDate>)> {
    let t = line.trim_start();
    let rest = t.strip_prefix("- [").or_else(|| t.strip_prefix("* ["))?;
    let mut chars = rest.chars();
    let mark = chars.next()?;
    let rest = chars.as_str().strip_prefix("] ")?;
    let done = matches!(mark, 'x' | 'X');
    if !done && mark != ' ' {
        return None;
    }
    let mut text = rest.trim().to_string();
    let mut owner = Owner::Me;
    let mut due = None;
    if let (Some(open), true) = (text.rfind(" ("), text.ends_with(')')) {
        let meta = text[open + 2..text.len() - 1].to_string();
        let mut parts = meta.split(',').map(str::trim);
        let first = parts.next().unwrap_or("");
        if let Ok(o) = first.parse::<Owner>() {
            owner = o;
            let mut ok = true;
            for p in parts {
                match p
                    .strip_prefix("due ")
                    .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
                {
                    Some(d) => due = Some(d),
                    None => ok = false,
                }
            }
            if ok {
                text.truncate(open);
            } else {
                owner = Owner::Me;
                due = None;
            }
        }
    }
    Some((done, text, owner, due))
}

/// A non-empty scalar under `key`, in whatever case the note writes it (`Person:`).
fn str_of<'a>(fm: &'a FrontMatter, key: &str) -> Option<&'a str> {
    Props::new(fm).str(&[key])
}

fn bool_of(fm: &FrontMatter, key: &str) -> Option<bool> {
    match str_of(fm, key)?.to_ascii_lowercase().as_str() {
        "true" | "yes" => Some(true),
        "false" | "no" => Some(false),
        _ => None,
    }
}

/// A date from the start of a file name (`2025-03-04 …`).
fn date_in_name(path: &Path) -> Option<NaiveDate> {
    let stem = path.file_stem()?.to_string_lossy();
    let head: String = stem.chars().take(10).collect();
    NaiveDate::parse_from_str(&head, "%Y-%m-%d").ok()
}

fn modified_date(path: &Path) -> Option<NaiveDate> {
    let t = fs::metadata(path).ok()?.modified().ok()?;
    Some(chrono::DateTime::<chrono::Local>::from(t).date_naive())
}

/// Reads one Markdown file into a note (or, for an action-items file, its tasks).
fn parse_file(path: &Path, rel: &str, out: &mut Parsed) {
    let item = rel.to_string();
    if fs::metadata(path).is_ok_and(|m| m.len() > MAX_FILE_BYTES) {
        out.skipped.push(skip(item, "larger than an entry can be"));
        return;
    }
    let text = match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                out.skipped.push(skip(item, "not UTF-8 text"));
                return;
            }
        },
        Err(e) => {
            out.skipped.push(skip(item, format!("cannot read it: {e}")));
            return;
        }
    };
    let (fm, body) = frontmatter::split(&text);
    let fm = fm.unwrap_or_default();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(p) = people_notes::parse(&fm, body, &item, &stem) {
        out.people.push(p);
        return;
    }
    if let Some(g) = goal_notes::parse(&fm, body, &item) {
        out.goals.push(g);
        return;
    }
    let person = str_of(&fm, "person").map(str::to_string);
    if str_of(&fm, "type") == Some("action-items") {
        for (n, line) in body.lines().enumerate() {
            if let Some((done, text, owner, due)) = parse_task(line) {
                out.actions.push(NoteAction {
                    item: format!("{item}:{}", n + 1),
                    person: person.clone(),
                    text,
                    owner,
                    due,
                    done,
                });
            }
        }
        return;
    }
    // Our export's action items follow the body under their heading.
    let mut body = body.to_string();
    let mut actions = Vec::new();
    if let Some(at) = body.rfind(&format!("\n{ACTIONS_HEADING}\n")) {
        let tail = body[at..].to_string();
        let tasks: Vec<_> = tail
            .lines()
            .skip(2)
            .filter(|l| !l.trim().is_empty())
            .collect();
        if tasks.iter().all(|l| parse_task(l).is_some()) {
            for (n, line) in tasks.iter().enumerate() {
                if let Some((done, text, owner, due)) = parse_task(line) {
                    actions.push(NoteAction {
                        item: format!("{item} task {}", n + 1),
                        person: None,
                        text,
                        owner,
                        due,
                        done,
                    });
                }
            }
            body.truncate(at);
            // The export ends the body with a newline before the blank line and heading.
            if body.ends_with('\n') {
                body.pop();
            }
        }
    }
    let props = Props::new(&fm);
    // Our own export: its id and kind; the folders are people, not topics.
    let ours = str_of(&fm, "id").is_some_and(apply::is_id) && str_of(&fm, "kind").is_some();
    let mut title = props.str(&["title"]).map(str::to_string);
    if title.is_none() && fm.is_empty() {
        // A plain note: a leading `# Heading` is its title.
        let first = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        if let Some(h) = first.trim().strip_prefix("# ") {
            title = Some(h.trim().to_string());
            let at = body.find(first).unwrap_or(0) + first.len();
            body = body[at..].trim_start_matches(['\r', '\n']).to_string();
        }
    }
    if title.is_none() {
        title = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    }
    let mut losses = Vec::new();
    let dated = props.get(properties::DATE_KEYS);
    let when = dated
        .and_then(|(_, v)| v.as_str())
        .and_then(properties::when);
    if let (Some((key, _)), None) = (dated, when) {
        out.notices.push(skip(
            &item,
            format!(
                "its `{}:` is not a date Candor reads (a template placeholder?); \
                 dated by its file name or the file's time instead",
                key.trim()
            ),
        ));
    }
    let date = when
        .map(|w| w.date)
        .or_else(|| date_in_name(path))
        .or_else(|| modified_date(path));
    let created_at = when.and_then(|w| w.at).map(properties::stamp);
    let updated_at = props
        .str(properties::UPDATED_KEYS)
        .and_then(properties::when)
        .and_then(|w| w.at)
        .map(properties::stamp);
    let kind = str_of(&fm, "kind").and_then(|k| k.parse::<Kind>().ok());
    let mut tags = props.tags();
    if !ours {
        // Obsidian's `#tags` in the text are tags too.
        tags.extend(body_tags::inline_tags(&body));
        // Folders (Obsidian's, Joplin's notebooks) come in as tags.
        if let Some(parent) = Path::new(rel).parent() {
            for c in parent.components() {
                let name = c.as_os_str().to_string_lossy();
                let tag = name.split_whitespace().collect::<Vec<_>>().join("-");
                if !tag.is_empty() {
                    tags.push(tag);
                }
            }
        }
    }
    let mut others = props.others();
    // Our export's goals (by title) and star; in another tool's note they are properties.
    let (goals, starred) = if ours {
        let goals = props
            .get(&["goals"])
            .map(|(_, v)| v.as_list())
            .unwrap_or_default();
        others
            .retain(|(k, _)| !["goals", "starred", "utc_offset", "time_zone"].contains(&k.trim()));
        (goals, bool_of(&fm, "starred").unwrap_or(false))
    } else {
        (Vec::new(), false)
    };
    // Where it was written: our export says so; another tool's date may carry an offset.
    let (utc_offset_minutes, zone) = match ours
        .then(|| str_of(&fm, "utc_offset").and_then(|m| m.parse::<i32>().ok()))
        .flatten()
    {
        Some(m) => (Some(m), str_of(&fm, "time_zone").map(str::to_string)),
        None => (when.and_then(|w| w.offset_minutes), None),
    };
    if ours {
        // The alias our export writes is the title again.
        others.retain(|(k, v)| !(k.trim() == "aliases" && Some(v.as_str()) == title.as_deref()));
    }
    // Keys Candor reads, holding what it cannot use (a note's own `id: 20240105`, a
    // `kind: book`, a `mood: great`), are kept like any other property.
    let mood = str_of(&fm, "mood").and_then(|m| m.parse::<i64>().ok());
    let unread = [
        ("id", str_of(&fm, "id").filter(|i| !apply::is_id(i))),
        ("kind", str_of(&fm, "kind").filter(|_| kind.is_none())),
        (
            "mood",
            str_of(&fm, "mood").filter(|_| !mood.is_some_and(|m| (1..=5).contains(&m))),
        ),
    ];
    for (key, value) in unread {
        if let (Some(v), Some((k, _))) = (value, props.get(&[key])) {
            others.push((k, v.to_string()));
        }
    }
    for (k, _) in &others {
        losses.push(loss(
            k.trim(),
            "kept as a Properties list at the end of the body",
        ));
    }
    properties::append_block(&mut body, &others);
    let links = links::count(&body);
    if links.attachments > 0 {
        losses.push(loss(
            "attachments",
            "the linked files are not carried over; the links stay in the text",
        ));
    }
    let _ = links.wikilinks; // Resolved (or reported) once every note is read.
    let feedback = crate::model::FeedbackInput {
        received: bool_of(&fm, "received"),
        direction: str_of(&fm, "direction").and_then(|d| d.parse().ok()),
        situation: str_of(&fm, "situation").map(str::to_string),
        behavior: str_of(&fm, "behavior")
            .or(str_of(&fm, "behaviour"))
            .map(str::to_string),
        impact: str_of(&fm, "impact").map(str::to_string),
        planned: bool_of(&fm, "planned"),
    };
    let id = str_of(&fm, "id").map(str::to_string);
    // A note is its file: two notes with the same title and text are two entries.
    let key = content_key(
        "md",
        &[
            rel,
            &date.map(|d| d.to_string()).unwrap_or_default(),
            title.as_deref().unwrap_or(""),
            &body,
        ],
    );
    out.notes.push(Note {
        item,
        id,
        key: Some(key),
        kind,
        date,
        written: None,
        person,
        title,
        body,
        tags,
        mood,
        feedback,
        created_at: created_at.or_else(|| {
            ours.then(|| str_of(&fm, "created").map(str::to_string))
                .flatten()
        }),
        updated_at: updated_at.or_else(|| {
            ours.then(|| str_of(&fm, "updated").map(str::to_string))
                .flatten()
        }),
        actions,
        losses,
        goals,
        starred,
        utc_offset_minutes,
        zone,
        links_to: Vec::new(),
        goal_ids: Vec::new(),
    });
}

/// Resolves each note's wikilinks as Obsidian does: by file name without `.md`, in any
/// case and folder (`[[Folder/Note]]` by its path), to the other notes of the import. A
/// link to a note that is not imported is counted in the report; links to a person's note
/// name the person and need nothing more.
fn resolve_note_links(parsed: &mut Parsed) {
    fn key(p: &str) -> String {
        let p = p.trim().replace('\\', "/");
        let p = p.strip_suffix(".md").unwrap_or(&p);
        p.to_lowercase()
    }
    let stem_of = |item: &str| {
        let k = key(item);
        k.rsplit('/').next().unwrap_or("").to_string()
    };
    // Lower-cased file name -> the notes of that name (Obsidian takes the one nearest the
    // vault's root when names repeat: the shortest path, then the first in order).
    let mut by_stem: HashMap<String, Vec<String>> = HashMap::new();
    let mut by_path: HashMap<String, String> = HashMap::new();
    for n in &parsed.notes {
        by_stem
            .entry(stem_of(&n.item))
            .or_default()
            .push(n.item.clone());
        by_path.insert(key(&n.item), n.item.clone());
    }
    for v in by_stem.values_mut() {
        v.sort_by_key(|i| (i.matches('/').count(), i.clone()));
    }
    // Our export's links point at files named after an entry's id; once imported they
    // are spelled as the entry's title again (see `unlink`), and that is the target kept.
    let titles: HashMap<String, String> = parsed
        .notes
        .iter()
        .filter_map(|n| Some((n.id.clone()?, n.title.clone()?)))
        .collect();
    let others: HashSet<String> = parsed
        .people
        .iter()
        .map(|p| p.item.as_str())
        .chain(parsed.goals.iter().map(|g| g.item.as_str()))
        .chain(parsed.actions.iter().map(|a| a.item.as_str()))
        .flat_map(|i| {
            let i = i.split(':').next().unwrap_or(i);
            [key(i), stem_of(i)]
        })
        .collect();
    for n in parsed.notes.iter_mut() {
        let mut to = Vec::new();
        let mut missing = false;
        let ours = n.id.is_some();
        for l in links::note_links(&n.body) {
            let target = l.target.trim();
            if target.is_empty() {
                continue; // `[[#Heading]]`: a place in the same note
            }
            let written = match exported_id(target).and_then(|id| titles.get(id)) {
                Some(title) if ours => title.to_lowercase(),
                _ => target.to_lowercase(),
            };
            let k = key(target);
            let found = if k.contains('/') {
                by_path.get(&k).cloned().or_else(|| {
                    // A path relative to nothing Candor knows: its file name still decides
                    // when only one note has it.
                    let stem = stem_of(&k);
                    by_stem
                        .get(&stem)
                        .filter(|v| {
                            v.len() == 1 && v[0].to_lowercase().ends_with(&format!("{k}.md"))
                        })
                        .map(|v| v[0].clone())
                })
            } else {
                by_stem.get(&k).and_then(|v| v.first().cloned())
            };
            match found {
                Some(item) if item != n.item => {
                    let link = (written, item);
                    if !to.contains(&link) {
                        to.push(link);
                    }
                }
                Some(_) => {}
                None if others.contains(&k) => {}
                None => missing = true,
            }
        }
        if missing {
            n.losses.push(loss(
                "wikilinks",
                "to notes not in the import: kept as text, not links between entries",
            ));
        }
        n.links_to = to;
    }
}

/// Imports every Markdown file under `dir`: our export (ids, people, feedback fields and
/// task lists come back) and plain notes with or without front matter (a note dated by
/// its front matter, a `YYYY-MM-DD` file-name prefix, or else the file's date).
pub fn import_markdown(
    journal: &mut Journal,
    dir: &Path,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, TransferError> {
    if !dir.is_dir() {
        return Err(TransferError::BadFile {
            path: dir.display().to_string(),
            format: "Markdown folder",
            why: "it is not a directory".into(),
        });
    }
    let mut parsed = Parsed::default();
    let mut others = 0;
    let files = markdown_files(dir, &mut parsed.skipped, &mut others)?;
    parsed.tally.add_n(
        &loss(
            "files",
            "in the folder but not Markdown notes (images, PDFs, other attachments): not imported",
        ),
        others,
    );
    for path in files {
        let item = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .display()
            .to_string();
        parse_file(&path, &item, &mut parsed);
    }
    resolve_note_links(&mut parsed);
    // People's details came with their notes; links to those notes name them again.
    let people = PeopleByStem::new(&parsed.people);
    for n in parsed.notes.iter_mut() {
        if let Some(p) = &n.person {
            n.person = Some(people.person_of(p));
        }
        if n.id.is_some() && n.body.contains("[[") {
            n.body = people.unlink_mentions(&n.body);
        }
    }
    for a in parsed.actions.iter_mut() {
        if let Some(p) = &a.person {
            a.person = Some(people.person_of(p));
        }
    }
    for g in parsed.goals.iter_mut() {
        if let Some(p) = &g.person {
            g.person = Some(people.person_of(p));
        }
    }
    // An entry's goals: links to goal notes are goals by id; plain titles (an older
    // export) are found by title.
    let goals = GoalsByStem::new(&parsed.goals);
    for n in parsed.notes.iter_mut() {
        let (mut ids, mut titles) = (Vec::new(), Vec::new());
        for g in std::mem::take(&mut n.goals) {
            match goals.resolve(&g) {
                Ok(id) => ids.push(id),
                Err(title) => titles.push(title),
            }
        }
        n.goal_ids = ids;
        n.goals = titles;
    }
    // Links our export pointed at its files point at titles again.
    let titles: HashMap<String, String> = parsed
        .notes
        .iter()
        .filter_map(|n| Some((n.id.clone()?, n.title.clone()?)))
        .collect();
    for n in parsed.notes.iter_mut().filter(|n| n.id.is_some()) {
        if n.body.contains("[[") {
            n.body = unlink(&n.body, &titles);
        }
    }
    apply::import_notes(journal, parsed, progress)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe() {
        assert_eq!(safe_name("a/b: c?", 80), "a-b- c");
        assert_eq!(safe_name("...", 80), "Untitled");
        assert_eq!(safe_name("x".repeat(100).as_str(), 10).len(), 10);
    }

    #[test]
    fn tasks_parse() {
        let (done, text, owner, due) = parse_task("- [x] Send it (them, due 2025-03-10)").unwrap();
        assert!(done);
        assert_eq!(text, "Send it");
        assert_eq!(owner, Owner::Them);
        assert_eq!(due, NaiveDate::from_ymd_opt(2025, 3, 10));
        let (done, text, owner, due) = parse_task("- [ ] Call (back) later").unwrap();
        assert!(!done);
        assert_eq!(text, "Call (back) later");
        assert_eq!((owner, due), (Owner::Me, None));
        assert!(parse_task("- plain bullet").is_none());
    }
}
