//! The demo's path (issue 19), as the seed tells it: 24 young people at the two information
//! meetings, 12 selected on the three criteria, 2 who withdrew before the coaching, 10 who
//! started. The 14 people who did not start are added after everything random is drawn, so the
//! rest of the demo (attendance, binômes, plan, feedback) stays as it was.

use chrono::NaiveDate;

use super::{DemoMark, DemoMember, DemoSession, shift};
use crate::core::attendance::AttendanceStatus;
use crate::core::domain::{Role, Sector, SensitiveDetails, SessionKind};
use crate::core::path::{Change, Criteria, Mark, Referrer, Status, Withdrawal};

/// The people met at the information meetings who did not start: name, sector, project, area.
const PROSPECTS: [(&str, &str, Sector, &str, &str); 14] = [
    (
        "Anthony",
        "Guerin",
        Sector::Logistics,
        "préparateur de commandes",
        "Vienne (86)",
    ),
    ("Sofiane", "Slimani", Sector::Btp, "coffreur", "Vienne (86)"),
    (
        "Dylan",
        "Lebrun",
        Sector::Hospitality,
        "plongeur",
        "Gironde (33)",
    ),
    ("Nassim", "Hamdi", Sector::Retail, "vendeur", "Vienne (86)"),
    (
        "Jordan",
        "Faure",
        Sector::Metalwork,
        "soudeur",
        "Charente (16)",
    ),
    (
        "Bilal",
        "Ouali",
        Sector::Cleaning,
        "agent de propreté",
        "Vienne (86)",
    ),
    (
        "Enzo",
        "Carpentier",
        Sector::Environment,
        "agent d'espaces verts",
        "Deux-Sèvres (79)",
    ),
    (
        "Samir",
        "Toure",
        Sector::Logistics,
        "chauffeur-livreur",
        "Vienne (86)",
    ),
    (
        "Maxime",
        "Renaud",
        Sector::FoodTrades,
        "boulanger",
        "Vienne (86)",
    ),
    (
        "Ilyes",
        "Mansouri",
        Sector::Btp,
        "électricien",
        "Haute-Vienne (87)",
    ),
    (
        "Theo",
        "Fleury",
        Sector::Hospitality,
        "serveur",
        "Vienne (86)",
    ),
    (
        "Ryan",
        "Bouchard",
        Sector::Retail,
        "employé de rayon",
        "Vienne (86)",
    ),
    (
        "Walid",
        "Cherif",
        Sector::Logistics,
        "cariste",
        "Vienne (86)",
    ),
    (
        "Kylian",
        "Morin",
        Sector::Btp,
        "peintre en bâtiment",
        "Vienne (86)",
    ),
];

/// Why the eight who applied were not retained, with the criteria as the panel ticked them.
const NOT_RETAINED: [(&str, [Mark; 3]); 8] = [
    (
        "projet en Gironde : hors du département",
        [Mark::Yes, Mark::Yes, Mark::No],
    ),
    (
        "motivation à confirmer : revenir à la prochaine promotion",
        [Mark::No, Mark::Partly, Mark::Yes],
    ),
    ("projet encore flou", [Mark::Partly, Mark::No, Mark::Partly]),
    (
        "libération dans trois semaines : orienté vers la Mission locale",
        [Mark::Yes, Mark::Partly, Mark::Yes],
    ),
    (
        "motivation fragile, à revoir avec la CPIP",
        [Mark::No, Mark::Partly, Mark::Yes],
    ),
    (
        "projet hors département (Deux-Sèvres)",
        [Mark::Partly, Mark::Yes, Mark::No],
    ),
    (
        "projet à construire d'abord en atelier",
        [Mark::Partly, Mark::No, Mark::Yes],
    ),
    (
        "dernier retenu à égalité : liste d'attente",
        [Mark::Yes, Mark::Partly, Mark::Yes],
    ),
];

fn criteria(m: [Mark; 3]) -> Criteria {
    Criteria {
        motivation: Some(m[0]),
        coherence: Some(m[1]),
        local_priority: Some(m[2]),
    }
}

fn change(status: Status, date: NaiveDate) -> Change {
    let mut c = Change::new(status, date);
    c.author = "Claire Morel".into();
    c
}

fn referrer(i: usize) -> Referrer {
    // Mostly the CPIPs (J2C 2020), then the Mission locale, France Travail, self.
    match i % 6 {
        1 => Referrer::MissionLocale,
        3 => Referrer::FranceTravail,
        5 if i % 4 == 1 => Referrer::SelfReferred,
        _ => Referrer::Cpip,
    }
}

/// The path up to « candidat »: referred, informed at `meeting`, applied.
fn first_steps(i: usize, today: NaiveDate, meeting: NaiveDate, applied: bool) -> Vec<Change> {
    let mut referred = change(Status::Referred, shift(today, -56 + (i % 7) as i64));
    referred.referrer = Some(referrer(i));
    let mut out = vec![referred, change(Status::Informed, meeting)];
    if applied {
        out.push(change(Status::Candidate, shift(today, -33)));
    }
    out
}

/// Adds the 14 prospects (members and their attendance at one information meeting) and returns
/// everyone's path: (index into members, change), oldest first per person.
pub(super) fn add(
    members: &mut Vec<DemoMember>,
    marks: &mut Vec<DemoMark>,
    sessions: &[DemoSession],
    today: NaiveDate,
) -> Vec<(usize, Change)> {
    let meetings: Vec<usize> = sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind == SessionKind::InfoMeeting)
        .map(|(i, _)| i)
        .collect();
    let coaching = sessions
        .iter()
        .find(|s| s.kind == SessionKind::Coaching)
        .map_or(shift(today, -9), |s| s.date);
    let selected_on = shift(today, -28);
    let mut paths = Vec::new();
    // The ten who started: informed at the first meeting they came to.
    let candidates: Vec<usize> = (0..members.len())
        .filter(|i| members[*i].role == Role::Candidate)
        .collect();
    for (n, &m) in candidates.iter().enumerate() {
        let came = meetings
            .iter()
            .find(|s| {
                marks
                    .iter()
                    .any(|k| k.session == **s && k.member == m && k.status.came())
            })
            .or(meetings.first())
            .map_or(shift(today, -42), |s| sessions[*s].date);
        let mut path = first_steps(n, today, came, true);
        let mut sel = change(Status::Selected, selected_on);
        let local = members[m].target_area.contains("(86)");
        sel.criteria = criteria([
            Mark::Yes,
            if n % 4 == 2 { Mark::Partly } else { Mark::Yes },
            if local { Mark::Yes } else { Mark::Partly },
        ]);
        sel.note = "motivé, projet cohérent avec les métiers en tension".into();
        path.push(sel);
        path.push(change(Status::Started, coaching));
        paths.extend(path.into_iter().map(|c| (m, c)));
    }
    for (k, (first, last, sector, project, area)) in PROSPECTS.iter().enumerate() {
        let m = members.len();
        members.push(DemoMember {
            first_name: first.to_string(),
            last_name: last.to_string(),
            organisation: String::new(),
            role: Role::Candidate,
            staff_role: None,
            sectors: vec![*sector],
            project: project.to_string(),
            target_area: area.to_string(),
            sensitive: SensitiveDetails::default(),
        });
        let Some(&meeting) = meetings.get(k % meetings.len().max(1)) else {
            continue;
        };
        let start = sessions[meeting].start_time;
        marks.push(DemoMark {
            session: meeting,
            member: m,
            status: AttendanceStatus::Present,
            arrived_at: Some(start - chrono::Duration::minutes((k % 4) as i64)),
            left_at: None,
            reason: String::new(),
        });
        let date = sessions[meeting].date;
        let mut path = first_steps(10 + k, today, date, k < 10);
        match k {
            // Retained, then gone before the coaching.
            0 | 1 => {
                let mut sel = change(Status::Selected, selected_on);
                sel.criteria = criteria([Mark::Yes, Mark::Yes, Mark::Yes]);
                path.push(sel);
                let mut w = change(Status::Withdrew, shift(today, -14));
                if k == 0 {
                    w.withdrawal = Some(Withdrawal::Transfer);
                    w.note = "transféré au centre de détention d'Uzerche".into();
                } else {
                    w.withdrawal = Some(Withdrawal::Health);
                    w.note = "hospitalisation".into();
                }
                path.push(w);
            }
            2..=9 => {
                let (why, marks) = NOT_RETAINED[k - 2];
                let mut no = change(Status::NotSelected, selected_on);
                no.criteria = criteria(marks);
                no.note = why.into();
                path.push(no);
            }
            // Came to listen, did not apply.
            _ => {}
        }
        paths.extend(path.into_iter().map(|c| (m, c)));
    }
    paths
}
