//! Roster files as French spreadsheets write them: bytes → people, or every bad line named.
//!
//! Accepts UTF-8 (with or without BOM), UTF-16 LE or BE with BOM (Excel « Texte Unicode ») and
//! Windows-1252; `;`, `,` or tab separators (sniffed); quoted fields with separators and line
//! breaks; CRLF; trailing empty columns and rows. Every cell is sanitized
//! ([`super::text::sanitize`]): control and format characters never get past the door.
//! Pure: no file access.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::dates::parse_date;
use super::domain::{Role, Sector, StaffRole};
use super::text::{Lines, fold, sanitize};

/// Largest file accepted.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// Share of control characters (in %) from which a file is taken for binary, not a CSV.
pub const BINARY_CONTROL_PERCENT: usize = 5;
/// Longest line accepted.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// The text encoding a file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without BOM.
    Utf8,
    /// UTF-8 with BOM.
    Utf8Bom,
    /// UTF-16 little-endian with BOM.
    Utf16Le,
    /// UTF-16 big-endian with BOM.
    Utf16Be,
    /// Windows-1252 (what French Excel writes as « CSV (séparateur : point-virgule) »).
    Windows1252,
}

/// A column Passerelle understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// Identifiant: an identity that wins over names on re-import.
    Id,
    /// Nom.
    LastName,
    /// Prénom.
    FirstName,
    /// Rôle / Type.
    Role,
    /// Structure / Entreprise / Organisation.
    Organisation,
    /// Secteur(s).
    Sectors,
    /// Projet / Métier visé.
    Project,
    /// Zone / Département.
    Area,
    /// Téléphone.
    Phone,
    /// Email.
    Email,
    /// Date de libération (sensitive).
    ReleaseDate,
    /// Hébergement (sensitive).
    Housing,
    /// Notes SPIP (sensitive).
    JudicialNotes,
}

impl Column {
    /// The template's header for this column.
    pub fn template_header(self) -> &'static str {
        match self {
            Column::Id => "Identifiant",
            Column::LastName => "Nom",
            Column::FirstName => "Prénom",
            Column::Role => "Rôle",
            Column::Organisation => "Structure",
            Column::Sectors => "Secteurs",
            Column::Project => "Projet",
            Column::Area => "Zone",
            Column::Phone => "Téléphone",
            Column::Email => "Email",
            Column::ReleaseDate => "Date de libération",
            Column::Housing => "Hébergement",
            Column::JudicialNotes => "Notes SPIP",
        }
    }

    /// Template order.
    pub const ALL: [Column; 13] = [
        Column::Id,
        Column::LastName,
        Column::FirstName,
        Column::Role,
        Column::Organisation,
        Column::Sectors,
        Column::Project,
        Column::Area,
        Column::Phone,
        Column::Email,
        Column::ReleaseDate,
        Column::Housing,
        Column::JudicialNotes,
    ];
}

/// What is wrong with one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineProblem {
    /// A required cell is empty.
    Missing,
    /// A role word nobody knows.
    UnknownRole(String),
    /// A sector word nobody knows.
    UnknownSector(String),
    /// A date not in a known format.
    BadDate(String),
    /// A cell longer than a field can hold.
    TooLong(usize),
    /// The Identifiant of an earlier line (given) with another name.
    SameIdOtherName {
        /// The earlier line.
        first_line: usize,
        /// The identifier.
        id: String,
        /// The name on the earlier line.
        first_name: String,
        /// The name on this line.
        name: String,
    },
}

/// One bad line: its number in the file (1-based), the column as written in the header, the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// Line number in the file.
    pub line: usize,
    /// Header of the column.
    pub column: String,
    /// What is wrong.
    pub problem: LineProblem,
}

/// Why a whole file is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RosterError {
    /// Over [`MAX_FILE_BYTES`].
    TooLarge(usize),
    /// Not text (NUL bytes, or control characters making ≥ 5 % of it; fewer are dropped).
    Binary,
    /// A line over [`MAX_LINE_BYTES`].
    LineTooLong(usize),
    /// No header line.
    Empty,
    /// The header has no such columns (the names, as the template writes them).
    MissingColumns(Vec<&'static str>),
    /// The CSV structure itself is broken (e.g. an unclosed quote).
    Malformed(usize),
    /// Every bad line, none written.
    Lines(Vec<LineError>),
}

/// One person read from a file; `None` is an empty cell (keeps what is stored).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RosterPerson {
    /// Line number in the file.
    pub line: usize,
    /// Identifiant.
    pub external_id: Option<String>,
    /// Prénom.
    pub first_name: String,
    /// Nom.
    pub last_name: String,
    /// Role (from the cell, or the file's default).
    pub role: Option<Role>,
    /// Staff role, when the role word says it.
    pub staff_role: Option<StaffRole>,
    /// Structure.
    pub organisation: Option<String>,
    /// Sectors.
    pub sectors: Option<Vec<Sector>>,
    /// Target trade.
    pub project: Option<String>,
    /// Target area.
    pub area: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Release date (sensitive).
    pub release_date: Option<NaiveDate>,
    /// Housing (sensitive).
    pub housing: Option<String>,
    /// SPIP notes (sensitive).
    pub judicial_notes: Option<String>,
}

impl RosterPerson {
    /// Identity within a cohort when no Identifiant is given: folded first + last name.
    pub fn name_key(&self) -> String {
        name_key(&self.first_name, &self.last_name)
    }
}

/// Folded « prénom nom » used to recognise a person again.
pub fn name_key(first: &str, last: &str) -> String {
    fold(&format!("{first} {last}"))
}

/// A file read successfully.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roster {
    /// People in file order (probable duplicates merged into the first).
    pub people: Vec<RosterPerson>,
    /// Headers that were not understood, ignored.
    pub ignored_columns: Vec<String>,
    /// Ignored headers that look like a known column (a typo, a second « Nom »): asked about
    /// before importing.
    pub lookalikes: Vec<(String, Column)>,
    /// Encoding detected.
    pub encoding: Encoding,
    /// Separator detected.
    pub separator: char,
    /// Probable duplicates: (first line, later line, name as in the later line).
    pub duplicates: Vec<(usize, usize, String)>,
}

/// Longest cell kept (a name, a note): longer cells are line errors, not silent cuts.
pub const MAX_CELL_CHARS: usize = 500;

mod decode;
mod headers;
pub use decode::{decode, sniff_separator};
pub use headers::{column_for, lookalike, role_for, sector_for, sector_list, sector_words};

/// Reads a roster file; `default_role` applies to rows without a Rôle column or cell.
pub fn parse(bytes: &[u8], default_role: Option<Role>) -> Result<Roster, RosterError> {
    let (text, encoding) = decode_lines(bytes)?;
    let separator = sniff_separator(&text);
    let mut reader = csv_reader(&text);
    let mut records = reader.records();
    let header = loop {
        match records.next() {
            None => return Err(RosterError::Empty),
            Some(Err(e)) => return Err(RosterError::Malformed(error_line(&text, &e))),
            Some(Ok(r)) if r.iter().all(|c| c.trim().is_empty()) => continue,
            Some(Ok(r)) => break r,
        }
    };
    let mut columns: HashMap<Column, usize> = HashMap::new();
    let mut headers: Vec<String> = Vec::new();
    let mut ignored = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let h = sanitize(h, Lines::Single).trim().to_string();
        match column_for(&h) {
            Some(c) if !columns.contains_key(&c) => {
                columns.insert(c, i);
            }
            _ if h.is_empty() => {}
            _ => ignored.push(h.clone()),
        }
        headers.push(h);
    }
    let mut missing = Vec::new();
    for c in [Column::LastName, Column::FirstName] {
        if !columns.contains_key(&c) {
            missing.push(c.template_header());
        }
    }
    if !columns.contains_key(&Column::Role) && default_role.is_none() {
        missing.push(Column::Role.template_header());
    }
    if !missing.is_empty() {
        return Err(RosterError::MissingColumns(missing));
    }

    let mut people: Vec<RosterPerson> = Vec::new();
    let mut errors = Vec::new();
    let mut duplicates = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut counter = LineCounter::default();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => return Err(RosterError::Malformed(error_line(&text, &e))),
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = record
            .position()
            .map_or(0, |p| counter.line_at(&text, p.byte() as usize));
        let header_of = |c: Column| headers.get(columns[&c]).cloned().unwrap_or_default();
        let cell = |c: Column| -> Option<String> {
            let i = *columns.get(&c)?;
            // Notes may span lines; every other cell is one line.
            let lines = if c == Column::JudicialNotes {
                Lines::Multi
            } else {
                Lines::Single
            };
            let v = sanitize(record.get(i)?, lines);
            let v = v.trim();
            (!v.is_empty()).then(|| v.to_string())
        };
        let mut err = |c: Column, problem: LineProblem| {
            errors.push(LineError {
                line,
                column: header_of(c),
                problem,
            })
        };
        for c in Column::ALL {
            if let Some(v) = cell(c)
                && v.chars().count() > MAX_CELL_CHARS
            {
                err(c, LineProblem::TooLong(MAX_CELL_CHARS));
            }
        }
        let last_name = cell(Column::LastName);
        let first_name = cell(Column::FirstName);
        if last_name.is_none() {
            err(Column::LastName, LineProblem::Missing);
        }
        if first_name.is_none() {
            err(Column::FirstName, LineProblem::Missing);
        }
        let (role, staff_role) = match cell(Column::Role) {
            Some(word) => match role_for(&word) {
                Some((r, s)) => (Some(r), s),
                None => {
                    err(Column::Role, LineProblem::UnknownRole(word));
                    (None, None)
                }
            },
            None => match default_role {
                Some(r) => (Some(r), (r == Role::Staff).then_some(StaffRole::Other)),
                None => {
                    err(Column::Role, LineProblem::Missing);
                    (None, None)
                }
            },
        };
        let sectors = cell(Column::Sectors).map(|text| {
            let mut out = Vec::new();
            for (word, sector) in sector_words(&text) {
                match sector {
                    Some(s) if !out.contains(&s) => out.push(s),
                    Some(_) => {}
                    None => err(
                        Column::Sectors,
                        LineProblem::UnknownSector(word.to_string()),
                    ),
                }
            }
            out
        });
        let release_date = cell(Column::ReleaseDate).and_then(|t| {
            let d = parse_date(&t);
            if d.is_none() {
                err(Column::ReleaseDate, LineProblem::BadDate(t));
            }
            d
        });
        let person = RosterPerson {
            line,
            external_id: cell(Column::Id),
            first_name: first_name.unwrap_or_default(),
            last_name: last_name.unwrap_or_default(),
            role,
            staff_role,
            organisation: cell(Column::Organisation),
            sectors,
            project: cell(Column::Project),
            area: cell(Column::Area),
            phone: cell(Column::Phone),
            email: cell(Column::Email),
            release_date,
            housing: cell(Column::Housing),
            judicial_notes: cell(Column::JudicialNotes),
        };
        let key = person
            .external_id
            .as_ref()
            .map(|id| format!("#{}", fold(id)))
            .unwrap_or_else(|| person.name_key());
        match seen.get(&key) {
            Some(&i)
                if person.external_id.is_some() && people[i].name_key() != person.name_key() =>
            {
                // One identifier, two people: which one is right only the user knows.
                err(
                    Column::Id,
                    LineProblem::SameIdOtherName {
                        first_line: people[i].line,
                        id: person.external_id.clone().unwrap_or_default(),
                        first_name: format!("{} {}", people[i].first_name, people[i].last_name),
                        name: format!("{} {}", person.first_name, person.last_name),
                    },
                );
            }
            Some(&i) => {
                duplicates.push((
                    people[i].line,
                    line,
                    format!("{} {}", person.first_name, person.last_name),
                ));
                merge(&mut people[i], person);
            }
            None => {
                seen.insert(key, people.len());
                people.push(person);
            }
        }
    }
    if !errors.is_empty() {
        return Err(RosterError::Lines(errors));
    }
    let lookalikes = ignored
        .iter()
        .filter_map(|h| lookalike(h).map(|c| (h.clone(), c)))
        .collect();
    Ok(Roster {
        people,
        ignored_columns: ignored,
        lookalikes,
        encoding,
        separator,
        duplicates,
    })
}

/// [`decode`], refusing a line over [`MAX_LINE_BYTES`] (also for agenda files).
pub(crate) fn decode_lines(bytes: &[u8]) -> Result<(String, Encoding), RosterError> {
    let (text, encoding) = decode(bytes)?;
    if let Some(i) = text.split('\n').position(|l| l.len() > MAX_LINE_BYTES) {
        return Err(RosterError::LineTooLong(i + 1));
    }
    Ok((text, encoding))
}

/// A CSV reader with the sniffed separator, every line a record (the header found by the caller).
pub(crate) fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(sniff_separator(text) as u8)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

pub(crate) fn error_line(text: &str, e: &csv::Error) -> usize {
    e.position().map_or(0, |p| line_at(text, p.byte() as usize))
}

/// The 1-based file line of a record starting at `byte`. The csv crate's own line count is
/// one short for CRLF files, and its record position may sit on the line break before the
/// record: the line is that of the first byte from there that is not a line break.
pub(crate) fn line_at(text: &str, byte: usize) -> usize {
    LineCounter::default().line_at(text, byte)
}

/// [`line_at`] for records in file order: counts each line break once (a 2,000-line file
/// would otherwise be counted from its start 2,000 times).
#[derive(Default)]
struct LineCounter {
    /// Bytes counted so far.
    at: usize,
    /// Line breaks among them.
    breaks: usize,
}

impl LineCounter {
    fn line_at(&mut self, text: &str, byte: usize) -> usize {
        let bytes = text.as_bytes();
        let start = bytes
            .get(byte..)
            .and_then(|rest| rest.iter().position(|b| !matches!(b, b'\r' | b'\n')))
            .map_or(bytes.len(), |i| byte + i);
        if start < self.at {
            *self = LineCounter::default();
        }
        self.breaks += bytes[self.at..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.at = start;
        self.breaks + 1
    }
}

/// Later non-empty cells win, like a re-import.
fn merge(into: &mut RosterPerson, from: RosterPerson) {
    macro_rules! take {
        ($($f:ident),*) => { $( if from.$f.is_some() { into.$f = from.$f; } )* };
    }
    take!(
        external_id,
        role,
        staff_role,
        organisation,
        sectors,
        project,
        area,
        phone,
        email,
        release_date,
        housing,
        judicial_notes
    );
}

/// The template: headers only, `;`, UTF-8 with BOM so that Excel opens accents right.
pub fn template() -> Vec<u8> {
    write(&[])
}

/// Writes people in the template's layout (used by the template and by tests).
pub fn write(people: &[RosterPerson]) -> Vec<u8> {
    let mut out = vec![0xEF, 0xBB, 0xBF];
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = w.write_record(Column::ALL.iter().map(|c| c.template_header()));
    for p in people {
        let role = p.role.map(|r| match r {
            Role::Candidate => "candidat",
            Role::Professional => "professionnel",
            Role::Staff => "encadrant",
        });
        let sectors = p
            .sectors
            .as_ref()
            .map(|s| s.iter().map(|s| s.code()).collect::<Vec<_>>().join(", "));
        let cells: Vec<String> = vec![
            p.external_id.clone().unwrap_or_default(),
            p.last_name.clone(),
            p.first_name.clone(),
            role.unwrap_or_default().to_string(),
            p.organisation.clone().unwrap_or_default(),
            sectors.unwrap_or_default(),
            p.project.clone().unwrap_or_default(),
            p.area.clone().unwrap_or_default(),
            p.phone.clone().unwrap_or_default(),
            p.email.clone().unwrap_or_default(),
            p.release_date
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_default(),
            p.housing.clone().unwrap_or_default(),
            p.judicial_notes.clone().unwrap_or_default(),
        ];
        let _ = w.write_record(&cells);
    }
    out.extend(w.into_inner().unwrap_or_default());
    out
}

#[cfg(test)]
mod tests;
