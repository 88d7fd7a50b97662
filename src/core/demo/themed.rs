//! The demo's themed day (issue 22): a « journée bâtiment » a week before the cohort's first
//! information meeting, with a federation speaker and two companies of the pool, a run of show of
//! six items, 15 participants and what they said about the sector. Built after everything random
//! is drawn, from fixed tables, so that the rest of the demo stays as it was.

use chrono::NaiveDate;

use super::{DemoMember, DemoSession, hm, shift};
use crate::core::agenda::{AgendaItem, Interest, ItemKind};
use crate::core::domain::{Role, Sector, SessionKind};

/// A themed day to write: its session, sectors, run of show, who came and what they said.
#[derive(Debug, Clone)]
pub struct DemoThemed {
    /// The session.
    pub session: DemoSession,
    /// The sectors it presents.
    pub sectors: Vec<Sector>,
    /// The run of show.
    pub items: Vec<AgendaItem>,
    /// Each speaker as written, with the member of the pool it is (none: not in the pool).
    pub speakers: Vec<(String, Option<usize>)>,
    /// The participants present (indexes into the members).
    pub participants: Vec<usize>,
    /// What participants said: (member, sector, mark, note).
    pub interests: Vec<(usize, Sector, Interest, &'static str)>,
}

/// The federation's speaker: not one of the cohort's professionals.
const FEDERATION: &str = "Marc Aubry (Fédération du BTP de la Vienne)";

/// Marks of the participants, by their rank among them: (rank, mark, note).
const MARKS: [(usize, Interest, &str); 9] = [
    (
        0,
        Interest::WantsToApply,
        "maçon ; a travaillé sur des chantiers",
    ),
    (1, Interest::WantsToApply, ""),
    (2, Interest::Interested, "plutôt second œuvre"),
    (
        4,
        Interest::WantsInformation,
        "demande les prérequis du CAP",
    ),
    (5, Interest::Interested, ""),
    (7, Interest::WantsToApply, "coffreur, permis B en cours"),
    (9, Interest::WantsInformation, ""),
    (11, Interest::Interested, ""),
    (
        13,
        Interest::WantsInformation,
        "travail en hauteur : à vérifier",
    ),
];

/// The demo's themed day, from the members (candidates and prospects come, two companies speak).
pub fn themed_day(members: &[DemoMember], today: NaiveDate) -> DemoThemed {
    let company = |org: &str| members.iter().position(|m| m.organisation == org);
    let name = |m: Option<usize>| {
        m.map(|i| {
            let p = &members[i];
            format!("{} {} ({})", p.first_name, p.last_name, p.organisation)
        })
    };
    let builder = company("Maçonnerie Guérin & Fils");
    let employer_group = company("Groupement d'employeurs BTP 86");
    let speakers = vec![
        (FEDERATION.to_string(), None),
        (name(builder).unwrap_or_default(), builder),
        (name(employer_group).unwrap_or_default(), employer_group),
    ];
    let item = |title: &str, speaker: Option<usize>, minutes, kind| AgendaItem {
        title: title.to_string(),
        speaker: speaker
            .and_then(|s| speakers.get(s))
            .map(|(w, _)| w.clone()),
        minutes,
        kind,
    };
    let items = vec![
        item(
            "Les métiers du bâtiment : besoins et accès",
            Some(0),
            30,
            ItemKind::Talk,
        ),
        item("Une entreprise de maçonnerie", Some(1), 20, ItemKind::Talk),
        item("Questions de la salle", Some(0), 15, ItemKind::Questions),
        item("Pause", None, 10, ItemKind::Break),
        item(
            "Le groupement d'employeurs : un parcours",
            Some(2),
            20,
            ItemKind::Testimony,
        ),
        item(
            "Échanges individuels avec les entreprises",
            None,
            45,
            ItemKind::Exchanges,
        ),
    ];
    // Fifteen of the young people met by the programme: candidates and prospects alike.
    let participants: Vec<usize> = members
        .iter()
        .enumerate()
        .filter(|(_, m)| m.role == Role::Candidate)
        .map(|(i, _)| i)
        .take(15)
        .collect();
    let interests = MARKS
        .iter()
        .filter_map(|(rank, mark, note)| {
            Some((*participants.get(*rank)?, Sector::Btp, *mark, *note))
        })
        .collect();
    DemoThemed {
        session: DemoSession {
            kind: SessionKind::ThemedDay,
            date: shift(today, -49),
            start_time: hm(9, 30),
            place: "Gymnase, bâtiment socio-éducatif".to_string(),
            title: "Journée des métiers du bâtiment".to_string(),
        },
        sectors: vec![Sector::Btp],
        items,
        speakers,
        participants,
        interests,
    }
}
