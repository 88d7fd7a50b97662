//! A themed day (« journée thématique »): its sectors, its speakers and its run of show, read from
//! a TOML or CSV file and run on the rotation's clock ([`super::clock`]) as one phase per item,
//! so that pauses, nudges, skips and the replay after a crash are the same code.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;

use super::clock::{self, ClockEvent, Phase, PhaseKind, Position, State, Timetable};
use super::domain::{Cohort, Id, Member, NewMember, Role, Sector};
use super::roster::{RosterError, csv_reader, decode_lines, error_line, line_at};
use super::settings::SessionSettings;
use super::text::{Lines, fold, sanitize};

/// Longest title or speaker kept.
pub const MAX_TEXT_CHARS: usize = 200;
/// Longest item, minutes (a whole day).
pub const MAX_MINUTES: u32 = 600;
/// Most items in a run of show.
pub const MAX_ITEMS: usize = 200;

/// What an item of the run of show is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// Exposé: a federation or a company presents its trades.
    Talk,
    /// Questions from the audience.
    Questions,
    /// Témoignage: someone who went through it.
    Testimony,
    /// Pause: flows into the next item by itself.
    Break,
    /// Échanges individuels between speakers and participants.
    Exchanges,
}

impl ItemKind {
    /// Every kind, in the form's order.
    pub const ALL: [ItemKind; 5] = [
        ItemKind::Talk,
        ItemKind::Questions,
        ItemKind::Testimony,
        ItemKind::Break,
        ItemKind::Exchanges,
    ];

    /// Stable code used in the database and in files.
    pub fn code(self) -> &'static str {
        match self {
            ItemKind::Talk => "expose",
            ItemKind::Questions => "questions",
            ItemKind::Testimony => "temoignage",
            ItemKind::Break => "pause",
            ItemKind::Exchanges => "echanges",
        }
    }

    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Catalog key of its name.
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::Talk => "agenda_kind.expose",
            ItemKind::Questions => "agenda_kind.questions",
            ItemKind::Testimony => "agenda_kind.temoignage",
            ItemKind::Break => "agenda_kind.pause",
            ItemKind::Exchanges => "agenda_kind.echanges",
        }
    }

    /// A kind as people write it, French or English, accents and case ignored.
    pub fn from_word(word: &str) -> Option<ItemKind> {
        let w: String = fold(word).chars().filter(|c| c.is_alphanumeric()).collect();
        Some(match w.as_str() {
            "expose" | "talk" | "presentation" | "intervention" => ItemKind::Talk,
            "questions" | "question" | "qr" | "questionsreponses" | "qa" => ItemKind::Questions,
            "temoignage" | "testimony" | "temoignages" => ItemKind::Testimony,
            "pause" | "break" | "dejeuner" | "repas" | "lunch" | "appel" => ItemKind::Break,
            "echanges"
            | "echangesindividuels"
            | "exchanges"
            | "individualexchanges"
            | "entretiens" => ItemKind::Exchanges,
            _ => return None,
        })
    }
}

/// One item of the run of show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItem {
    /// Title, e.g. « Les métiers du gros œuvre ».
    pub title: String,
    /// Who speaks (« Prénom Nom (Organisation) »); none for a break or an open exchange.
    pub speaker: Option<String>,
    /// Planned length.
    pub minutes: u32,
    /// What it is.
    pub kind: ItemKind,
}

/// What is wrong with one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemProblem {
    /// No title.
    MissingTitle,
    /// No or unreadable duration (as written).
    BadMinutes(String),
    /// A kind nobody knows (as written).
    UnknownKind(String),
    /// A text over [`MAX_TEXT_CHARS`].
    TooLong,
}

/// One bad item: its line in the file (1-based) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemError {
    /// Line in the file.
    pub line: usize,
    /// What is wrong.
    pub problem: ItemProblem,
}

/// Why a whole agenda file is refused; nothing of it is kept (all or nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgendaError {
    /// Not readable text (too large, binary, a line too long, broken CSV quoting): as for rosters.
    File(RosterError),
    /// TOML that does not parse, at this line, with the parser's message.
    Toml(usize, String),
    /// A CSV header without a Titre or Durée column.
    MissingColumns(Vec<&'static str>),
    /// No item at all.
    Empty,
    /// Over [`MAX_ITEMS`] items.
    TooMany(usize),
    /// Every bad item.
    Items(Vec<ItemError>),
}

impl From<RosterError> for AgendaError {
    fn from(e: RosterError) -> Self {
        AgendaError::File(e)
    }
}

/// Minutes as written: « 20 », « 20 min », « 20' », « 1h », « 1h30 », « 1:30 ».
pub fn parse_minutes(text: &str) -> Option<u32> {
    let t: String = fold(text).chars().filter(|c| !c.is_whitespace()).collect();
    let t = t
        .trim_end_matches("minutes")
        .trim_end_matches("minute")
        .trim_end_matches("min")
        .trim_end_matches("mn")
        .trim_end_matches('\'');
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let minutes = if let Some((h, m)) = t.split_once(['h', ':']) {
        let m = if m.is_empty() { 0 } else { number(m)? };
        if m >= 60 {
            return None;
        }
        number(h)? * 60 + m
    } else {
        number(t)?
    };
    (1..=MAX_MINUTES).contains(&minutes).then_some(minutes)
}

/// Checks and cleans one item's raw fields; problems go to `errors`.
fn item(
    line: usize,
    title: Option<&str>,
    speaker: Option<&str>,
    minutes: Option<&str>,
    kind: Option<&str>,
    errors: &mut Vec<ItemError>,
) -> Option<AgendaItem> {
    let clean = |s: Option<&str>| -> Option<String> {
        let v = sanitize(s?, Lines::Single);
        let v = v.trim();
        (!v.is_empty()).then(|| v.to_string())
    };
    let mut err = |problem| errors.push(ItemError { line, problem });
    let title = clean(title);
    let speaker = clean(speaker);
    let too_long = |t: &Option<String>| {
        t.as_ref()
            .is_some_and(|t| t.chars().count() > MAX_TEXT_CHARS)
    };
    if too_long(&title) || too_long(&speaker) {
        err(ItemProblem::TooLong);
    }
    if title.is_none() {
        err(ItemProblem::MissingTitle);
    }
    let raw_minutes = clean(minutes).unwrap_or_default();
    let minutes = parse_minutes(&raw_minutes);
    if minutes.is_none() {
        err(ItemProblem::BadMinutes(raw_minutes));
    }
    // No kind written: a talk, the common case.
    let kind = match clean(kind) {
        None => Some(ItemKind::Talk),
        Some(k) => {
            let found = ItemKind::from_word(&k);
            if found.is_none() {
                err(ItemProblem::UnknownKind(k));
            }
            found
        }
    };
    Some(AgendaItem {
        title: title?,
        speaker,
        minutes: minutes?,
        kind: kind?,
    })
}

fn finish(items: Vec<AgendaItem>, errors: Vec<ItemError>) -> Result<Vec<AgendaItem>, AgendaError> {
    if !errors.is_empty() {
        return Err(AgendaError::Items(errors));
    }
    if items.is_empty() {
        return Err(AgendaError::Empty);
    }
    if items.len() > MAX_ITEMS {
        return Err(AgendaError::TooMany(items.len()));
    }
    Ok(items)
}

/// Reads an agenda file, TOML (`[[item]]` tables) or CSV (Titre;Intervenant;Durée;Type), in any
/// encoding the roster import reads; every problem is reported with its line, nothing is kept
/// when one item is wrong.
pub fn parse(bytes: &[u8]) -> Result<Vec<AgendaItem>, AgendaError> {
    let (text, _) = decode_lines(bytes)?;
    if looks_like_toml(&text) {
        parse_toml(&text)
    } else {
        parse_csv(&text)
    }
}

/// TOML starts with a table header, a key or a comment; a CSV header has a separator.
fn looks_like_toml(text: &str) -> bool {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    first.starts_with('[') || first.starts_with('#')
}

#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    item: Vec<RawItem>,
}

#[derive(Deserialize)]
struct RawItem {
    title: Option<String>,
    speaker: Option<String>,
    minutes: Option<toml::Value>,
    kind: Option<String>,
}

fn parse_toml(text: &str) -> Result<Vec<AgendaItem>, AgendaError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(0, |s| {
            text[..s.start.min(text.len())].matches('\n').count() + 1
        });
        AgendaError::Toml(line, clean_message(e.message()))
    })?;
    // The line of each `[[item]]` header, in order: where an item's problems are reported.
    let headers: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("[[item]]"))
        .map(|(i, _)| i + 1)
        .collect();
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for (i, r) in raw.item.iter().enumerate() {
        let line = headers.get(i).copied().unwrap_or(0);
        let minutes = match &r.minutes {
            Some(toml::Value::Integer(n)) => Some(n.to_string()),
            Some(toml::Value::String(s)) => Some(s.clone()),
            Some(other) => Some(other.to_string()),
            None => None,
        };
        if let Some(it) = item(
            line,
            r.title.as_deref(),
            r.speaker.as_deref(),
            minutes.as_deref(),
            r.kind.as_deref(),
            &mut errors,
        ) {
            items.push(it);
        }
    }
    finish(items, errors)
}

/// The parser's message, one line, without the file excerpt it may quote.
fn clean_message(message: &str) -> String {
    let first = message.lines().next().unwrap_or("");
    sanitize(first, Lines::Single).trim().to_string()
}

/// A CSV column of an agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Title,
    Speaker,
    Minutes,
    Kind,
}

fn col_for(header: &str) -> Option<Col> {
    let h: String = fold(header)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    Some(match h.as_str() {
        "titre" | "title" | "intitule" | "sujet" => Col::Title,
        "intervenant" | "intervenante" | "speaker" | "orateur" | "qui" => Col::Speaker,
        "duree" | "minutes" | "duration" | "dureemin" | "temps" => Col::Minutes,
        "type" | "kind" | "nature" => Col::Kind,
        _ => return None,
    })
}

fn parse_csv(text: &str) -> Result<Vec<AgendaItem>, AgendaError> {
    let mut reader = csv_reader(text);
    let mut records = reader.records();
    let malformed = |e: &csv::Error| AgendaError::File(RosterError::Malformed(error_line(text, e)));
    let header = loop {
        match records.next() {
            None => return Err(AgendaError::Empty),
            Some(Err(e)) => return Err(malformed(&e)),
            Some(Ok(r)) if r.iter().all(|c| c.trim().is_empty()) => continue,
            Some(Ok(r)) => break r,
        }
    };
    let mut cols: Vec<(Col, usize)> = Vec::new();
    for (i, h) in header.iter().enumerate() {
        if let Some(c) = col_for(h)
            && !cols.iter().any(|(k, _)| *k == c)
        {
            cols.push((c, i));
        }
    }
    let at = |c: Col| cols.iter().find(|(k, _)| *k == c).map(|(_, i)| *i);
    let missing: Vec<&'static str> = [(Col::Title, "Titre"), (Col::Minutes, "Durée")]
        .into_iter()
        .filter(|(c, _)| at(*c).is_none())
        .map(|(_, name)| name)
        .collect();
    if !missing.is_empty() {
        return Err(AgendaError::MissingColumns(missing));
    }
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for record in records {
        let record = record.map_err(|e| malformed(&e))?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = record
            .position()
            .map_or(0, |p| line_at(text, p.byte() as usize));
        let cell = |c: Col| at(c).and_then(|i| record.get(i));
        if let Some(it) = item(
            line,
            cell(Col::Title),
            cell(Col::Speaker),
            cell(Col::Minutes),
            cell(Col::Kind),
            &mut errors,
        ) {
            items.push(it);
        }
        if items.len() > MAX_ITEMS {
            return Err(AgendaError::TooMany(items.len()));
        }
    }
    finish(items, errors)
}

/// Writes items as the TOML the import reads (the template, and round trips).
pub fn write_toml(comment: &str, items: &[AgendaItem]) -> String {
    let mut out = String::new();
    for line in comment.lines() {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    for it in items {
        out.push_str("\n[[item]]\n");
        out.push_str(&format!("title = {}\n", quoted(&it.title)));
        if let Some(s) = &it.speaker {
            out.push_str(&format!("speaker = {}\n", quoted(s)));
        }
        out.push_str(&format!("minutes = {}\n", it.minutes));
        out.push_str(&format!("kind = {}\n", quoted(it.kind.code())));
    }
    out
}

/// A speaker as written, « Prénom Nom (Organisation) »: the name and the organisation if any.
pub fn split_speaker(speaker: &str) -> (String, Option<String>) {
    let s = speaker.trim();
    if let Some(open) = s.rfind('(')
        && s.ends_with(')')
    {
        let name = s[..open].trim().to_string();
        let org = s[open + 1..s.len() - 1].trim().to_string();
        if !name.is_empty() {
            return (name, (!org.is_empty()).then_some(org));
        }
    }
    (s.to_string(), None)
}

/// The distinct speakers of a run of show, in order of first appearance.
pub fn speakers(items: &[AgendaItem]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in items.iter().filter_map(|i| i.speaker.as_deref()) {
        if !out.iter().any(|o| fold(o) == fold(s)) {
            out.push(s.to_string());
        }
    }
    out
}

/// Total planned minutes.
pub fn total_minutes(items: &[AgendaItem]) -> u32 {
    items.iter().map(|i| i.minutes).sum()
}

/// Minutes over the session's slot, if the run of show is longer than it.
pub fn overrun_minutes(items: &[AgendaItem], slot_minutes: u32) -> Option<u32> {
    let total = total_minutes(items);
    (total > slot_minutes).then(|| total - slot_minutes)
}

/// The length of a session's slot in minutes, from its start (09:00 when unknown, as the
/// programme prints it) to its end; none without an end, or an end not after the start.
pub fn slot_minutes(start: Option<NaiveTime>, end: Option<NaiveTime>) -> Option<u32> {
    let start = start.or_else(|| NaiveTime::from_hms_opt(9, 0, 0))?;
    let minutes = (end? - start).num_minutes();
    u32::try_from(minutes).ok().filter(|m| *m > 0)
}

/// Each item's planned start and end from the day's start, for the printed programme.
pub fn planned_times(items: &[AgendaItem], start: NaiveTime) -> Vec<(NaiveTime, NaiveTime)> {
    let mut at = start;
    items
        .iter()
        .map(|i| {
            let end = at + chrono::Duration::minutes(i64::from(i.minutes));
            let span = (at, end);
            at = end;
            span
        })
        .collect()
}

/// The run of show as the clock's timetable: one phase per item (the phase's round is the item's
/// index), items waiting for the facilitator like interviews, breaks flowing on by themselves;
/// the warnings are the session's.
pub fn timetable(items: &[AgendaItem], s: &SessionSettings) -> Timetable {
    Timetable {
        phases: items
            .iter()
            .enumerate()
            .map(|(i, it)| Phase {
                round: i,
                kind: if it.kind == ItemKind::Break {
                    PhaseKind::Break
                } else {
                    PhaseKind::Item
                },
                seconds: i64::from(it.minutes) * 60,
            })
            .collect(),
        warn_first: i64::from(s.warn_first_seconds),
        warn_second: i64::from(s.warn_second_seconds),
    }
}

/// Where the themed day stands, for the timer view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunOfShow<'a> {
    /// The clock's position (state, time left, expected end, drift).
    pub position: Position,
    /// The current item (the first one before the start), none for an empty agenda.
    pub current: Option<&'a AgendaItem>,
    /// Its index.
    pub index: usize,
    /// The item after it.
    pub next: Option<&'a AgendaItem>,
    /// Seconds past the planned end of the current item (0 when on time).
    pub overtime: i64,
}

/// The run of show at `now`, from the items and the stored clock events.
pub fn run_of_show<'a>(
    items: &'a [AgendaItem],
    s: &SessionSettings,
    events: &[ClockEvent],
    now: NaiveDateTime,
) -> RunOfShow<'a> {
    let tt = timetable(items, s);
    let position = clock::position(&tt, events, now);
    let index = position.phase;
    let over = position.state == State::Over;
    RunOfShow {
        current: items.get(index).filter(|_| !over),
        index,
        next: if over { None } else { items.get(index + 1) },
        overtime: if over {
            0
        } else {
            (-position.remaining).max(0)
        },
        position,
    }
}

/// How a speaker of the agenda is found in the pool: the person named, or one to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerLink {
    /// The speaker as written in the agenda.
    pub speaker: String,
    /// The member of the cohort with that name, if any.
    pub person_id: Option<Id>,
    /// Otherwise the professional the import creates (said in the preview).
    pub new: Option<NewMember>,
}

/// Finds each distinct speaker among the cohort's members by name (accents and case ignored);
/// the others become professionals of their organisation.
pub fn speaker_links(items: &[AgendaItem], members: &[Member]) -> Vec<SpeakerLink> {
    speakers(items)
        .into_iter()
        .map(|speaker| {
            let (name, organisation) = split_speaker(&speaker);
            let found = members
                .iter()
                .find(|m| fold(&m.person.full_name()) == fold(&name))
                .map(|m| m.person.id);
            let new = found.is_none().then(|| {
                let (first, last) = match name.split_once(' ') {
                    Some((f, l)) => (f.to_string(), l.trim().to_string()),
                    None => (String::new(), name.clone()),
                };
                NewMember {
                    first_name: first,
                    last_name: last,
                    organisation: organisation.unwrap_or_default(),
                    role: Some(Role::Professional),
                    ..NewMember::default()
                }
            });
            SpeakerLink {
                speaker,
                person_id: found,
                new,
            }
        })
        .collect()
}

/// The next cohort in `sector` after a themed day on `day`, which its interested participants
/// join as prospects: among the cohorts starting on or after the day (those without a start
/// date last), the earliest whose professionals represent the sector (`offers`: cohort and
/// sector pairs). None: no cohort offers the sector, the interest is kept as said.
pub fn next_cohort<'a>(
    cohorts: &'a [Cohort],
    offers: &[(Id, Sector)],
    sector: Sector,
    day: NaiveDate,
) -> Option<&'a Cohort> {
    cohorts
        .iter()
        .filter(|c| !c.archived && c.start_date.is_none_or(|d| d >= day))
        .filter(|c| offers.contains(&(c.id, sector)))
        // None sorts first in Option's order: put it last.
        .min_by_key(|c| (c.start_date.is_none(), c.start_date, c.id))
}

/// What a participant said about a sector at a themed day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Interest {
    /// Intéressé.
    Interested,
    /// Veut une information.
    WantsInformation,
    /// Veut candidater à la prochaine promotion.
    WantsToApply,
}

impl Interest {
    /// Every mark, from the weakest.
    pub const ALL: [Interest; 3] = [
        Interest::Interested,
        Interest::WantsInformation,
        Interest::WantsToApply,
    ];

    /// Stable code used in the database.
    pub fn code(self) -> &'static str {
        match self {
            Interest::Interested => "interested",
            Interest::WantsInformation => "wants_information",
            Interest::WantsToApply => "wants_to_apply",
        }
    }

    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<Interest> {
        Interest::ALL.into_iter().find(|i| i.code() == code)
    }

    /// Catalog key of its name.
    pub fn label(self) -> &'static str {
        match self {
            Interest::Interested => "agenda.interest_interested",
            Interest::WantsInformation => "agenda.interest_information",
            Interest::WantsToApply => "agenda.interest_apply",
        }
    }

    /// The next mark of a key pressed again: none → intéressé → information → candidater → none.
    pub fn cycle(current: Option<Interest>) -> Option<Interest> {
        match current {
            None => Some(Interest::Interested),
            Some(Interest::Interested) => Some(Interest::WantsInformation),
            Some(Interest::WantsInformation) => Some(Interest::WantsToApply),
            Some(Interest::WantsToApply) => None,
        }
    }
}

pub mod report;

#[cfg(test)]
mod tests;
