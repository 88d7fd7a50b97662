//! Domain types named in the facilitators' words (see shared/glossary.md).

use chrono::{NaiveDate, NaiveTime};

/// Database identifier of a row.
pub type Id = i64;

/// A promotion: one group of candidates going through the programme together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cohort {
    /// Row id.
    pub id: Id,
    /// Name, e.g. « Promo Vivonne 2026 ».
    pub name: String,
    /// Establishment, e.g. « Centre pénitentiaire de Vivonne ».
    pub establishment: String,
    /// First day of the programme.
    pub start_date: Option<NaiveDate>,
    /// Last day of the programme.
    pub end_date: Option<NaiveDate>,
    /// Partner organisations, free text.
    pub partners: String,
    /// Archived cohorts are kept but hidden.
    pub archived: bool,
}

/// The kind of a dated event of a cohort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SessionKind {
    /// Réunion d'information.
    InfoMeeting,
    /// Coaching workshops.
    Coaching,
    /// The day of mock interviews.
    JobTraining,
    /// Grand oral.
    GrandOral,
    /// Journée thématique.
    ThemedDay,
    /// Bilan intermédiaire, comité de pilotage.
    Review,
}

impl SessionKind {
    /// Every kind, in the order a programme runs.
    pub const ALL: [SessionKind; 6] = [
        SessionKind::InfoMeeting,
        SessionKind::Coaching,
        SessionKind::JobTraining,
        SessionKind::GrandOral,
        SessionKind::ThemedDay,
        SessionKind::Review,
    ];

    /// Stable code used in the database and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            SessionKind::InfoMeeting => "info_meeting",
            SessionKind::Coaching => "coaching",
            SessionKind::JobTraining => "job_training",
            SessionKind::GrandOral => "grand_oral",
            SessionKind::ThemedDay => "themed_day",
            SessionKind::Review => "review",
        }
    }

    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<SessionKind> {
        SessionKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Which roles are expected by default at a session of this kind (decisions.md).
    pub fn default_expected(self) -> &'static [Role] {
        match self {
            SessionKind::InfoMeeting | SessionKind::Coaching => &[Role::Candidate, Role::Staff],
            SessionKind::JobTraining | SessionKind::GrandOral => {
                &[Role::Candidate, Role::Professional, Role::Staff]
            }
            SessionKind::ThemedDay | SessionKind::Review => &[],
        }
    }
}

/// A dated event of a cohort.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Row id.
    pub id: Id,
    /// The cohort it belongs to.
    pub cohort_id: Id,
    /// Its kind.
    pub kind: SessionKind,
    /// Its date.
    pub date: NaiveDate,
    /// When it starts, if known.
    pub start_time: Option<NaiveTime>,
    /// Where (room, building).
    pub place: String,
    /// Optional title, e.g. « Coaching 2/3 ».
    pub title: String,
}

/// The role a person holds in a cohort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// A (young) detainee in the programme.
    Candidate,
    /// An employer volunteer.
    Professional,
    /// Mission locale, SPIP, coach, surveillant…
    Staff,
}

impl Role {
    /// Display order: candidates, then professionals, then staff.
    pub const ALL: [Role; 3] = [Role::Candidate, Role::Professional, Role::Staff];

    /// Stable code used in the database.
    pub fn code(self) -> &'static str {
        match self {
            Role::Candidate => "candidate",
            Role::Professional => "professional",
            Role::Staff => "staff",
        }
    }

    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// What a staff member does in the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffRole {
    /// Référent(e) Mission locale.
    MissionLocale,
    /// The SPIP as a service (older files, « SPIP » in rosters).
    Spip,
    /// Conseiller(ère) pénitentiaire d'insertion et de probation: the SPIP's counsellor.
    Cpip,
    /// Conseiller(ère) France Travail (ex-Pôle emploi).
    FranceTravail,
    /// Parrain / marraine: a volunteer who follows a candidate.
    Mentor,
    /// Coach.
    Coach,
    /// Surveillant(e).
    Guard,
    /// Anyone else.
    Other,
}

impl StaffRole {
    /// Every staff role.
    pub const ALL: [StaffRole; 8] = [
        StaffRole::MissionLocale,
        StaffRole::Spip,
        StaffRole::Cpip,
        StaffRole::FranceTravail,
        StaffRole::Mentor,
        StaffRole::Coach,
        StaffRole::Guard,
        StaffRole::Other,
    ];

    /// Stable code used in the database.
    pub fn code(self) -> &'static str {
        match self {
            StaffRole::MissionLocale => "mission_locale",
            StaffRole::Spip => "spip",
            StaffRole::Cpip => "cpip",
            StaffRole::FranceTravail => "france_travail",
            StaffRole::Mentor => "mentor",
            StaffRole::Coach => "coach",
            StaffRole::Guard => "guard",
            StaffRole::Other => "other",
        }
    }

    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<StaffRole> {
        StaffRole::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// A sector short of workers, as candidates target them and professionals represent them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sector {
    /// Bâtiment et travaux publics.
    Btp,
    /// Logistique, transport.
    Logistics,
    /// Hôtellerie-restauration.
    Hospitality,
    /// Environnement, espaces verts, déchets.
    Environment,
    /// Métallurgie, industrie.
    Metalwork,
    /// Métiers de bouche, transformation alimentaire.
    FoodTrades,
    /// Propreté.
    Cleaning,
    /// Commerce, vente.
    Retail,
}

impl Sector {
    /// Every sector.
    pub const ALL: [Sector; 8] = [
        Sector::Btp,
        Sector::Logistics,
        Sector::Hospitality,
        Sector::Environment,
        Sector::Metalwork,
        Sector::FoodTrades,
        Sector::Cleaning,
        Sector::Retail,
    ];

    /// Stable code used in the database.
    pub fn code(self) -> &'static str {
        match self {
            Sector::Btp => "btp",
            Sector::Logistics => "logistics",
            Sector::Hospitality => "hospitality",
            Sector::Environment => "environment",
            Sector::Metalwork => "metalwork",
            Sector::FoodTrades => "food_trades",
            Sector::Cleaning => "cleaning",
            Sector::Retail => "retail",
        }
    }

    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<Sector> {
        Sector::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Encodes a list of sectors for storage (`btp,logistics`).
    pub fn join_codes(sectors: &[Sector]) -> String {
        sectors
            .iter()
            .map(|s| s.code())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Decodes a stored list, skipping unknown codes.
    pub fn parse_codes(codes: &str) -> Vec<Sector> {
        codes
            .split(',')
            .filter_map(|c| Sector::from_code(c.trim()))
            .collect()
    }
}

/// Fields about a candidate that must never leave the building by accident.
///
/// Kept in their own type so that exports and projected screens can leave them out wholesale.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SensitiveDetails {
    /// Expected release date.
    pub release_date: Option<NaiveDate>,
    /// Housing at release.
    pub housing: String,
    /// Penal constraints, sentence adjustment, SPIP notes.
    pub judicial_notes: String,
}

/// A person as known across cohorts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Row id.
    pub id: Id,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Company or service (professionals, staff).
    pub organisation: String,
    /// Phone number.
    pub phone: String,
    /// E-mail address.
    pub email: String,
    /// Identifier from a roster file (« Identifiant » column), if any.
    pub external_id: Option<String>,
}

impl Person {
    /// « Prénom Nom ».
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    /// « Prénom N. », the way candidates are shown to partners.
    pub fn short_name(&self) -> String {
        match self.last_name.chars().next() {
            Some(initial) => format!("{} {}.", self.first_name, initial),
            None => self.first_name.clone(),
        }
    }
}

/// What a person is in one cohort, with the details of that role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The person.
    pub person: Person,
    /// Their role in this cohort.
    pub role: Role,
    /// For staff: which service.
    pub staff_role: Option<StaffRole>,
    /// Target sectors (candidates) or represented sectors (professionals).
    pub sectors: Vec<Sector>,
    /// Target trade, e.g. « cariste ».
    pub project: String,
    /// Target area, e.g. « Vienne (86) ».
    pub target_area: String,
    /// Sensitive details (candidates only).
    pub sensitive: SensitiveDetails,
    /// Archived members are kept with their history but hidden.
    pub archived: bool,
}

#[cfg(test)]
impl Member {
    /// A member with only an id and a role (first sector, no names): for tests.
    pub(crate) fn blank(id: Id, role: Role) -> Member {
        Member {
            person: Person {
                id,
                first_name: String::new(),
                last_name: String::new(),
                organisation: String::new(),
                phone: String::new(),
                email: String::new(),
                external_id: None,
            },
            role,
            staff_role: None,
            sectors: vec![Sector::ALL[0]],
            project: String::new(),
            target_area: String::new(),
            sensitive: SensitiveDetails::default(),
            archived: false,
        }
    }
}

/// What it takes to add a person to a cohort.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewMember {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Company or service.
    pub organisation: String,
    /// Role (candidate when not given).
    pub role: Option<Role>,
    /// Staff role.
    pub staff_role: Option<StaffRole>,
    /// Sectors.
    pub sectors: Vec<Sector>,
    /// Target trade.
    pub project: String,
    /// Target area.
    pub target_area: String,
    /// Sensitive details.
    pub sensitive: SensitiveDetails,
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// Identifier from a roster file.
    pub external_id: Option<String>,
}

/// A binôme: the 1–3 professionals who interview together at one table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Panel {
    /// Row id (0 before it is stored).
    pub id: Id,
    /// Order on screen and in plans (1-based).
    pub position: i64,
    /// Label, e.g. « Morel / Haddad ».
    pub label: String,
    /// Table or room, e.g. « Table 2 ».
    pub table_name: String,
    /// The professionals (person ids).
    pub members: Vec<Id>,
}
