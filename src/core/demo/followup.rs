//! The demo's follow-up stage (`demo --stage follow-up`): the evening demo seen six weeks later —
//! contacts, two releases, outcomes at release for some, one mentor pairing.

use chrono::{Duration, NaiveDate};

use super::{Demo, DemoMark, Stage, generate};
use crate::core::attendance::AttendanceStatus;
use crate::core::domain::Role;
use crate::core::followup::{
    CheckAnswer, CheckItem, ContactKind, Milestone, OutcomeSource, PairingStatus,
};

/// How long after the job-training day the follow-up stage is.
pub const WEEKS_LATER: i64 = 6;

/// A contact of the demo (`candidate`: index into the demo's members).
#[derive(Debug, Clone)]
pub struct DemoContact {
    /// Candidate index.
    pub candidate: usize,
    /// Date.
    pub date: NaiveDate,
    /// Where / how.
    pub kind: ContactKind,
    /// With whom.
    pub with_whom: &'static str,
    /// Note.
    pub note: &'static str,
    /// Next step and its date.
    pub next: (&'static str, Option<NaiveDate>),
}

/// An outcome of the demo.
#[derive(Debug, Clone)]
pub struct DemoOutcome {
    /// Candidate index.
    pub candidate: usize,
    /// Milestone.
    pub milestone: Milestone,
    /// Category key of the shipped set.
    pub category: &'static str,
    /// Employer or body.
    pub employer: &'static str,
    /// Start.
    pub start: NaiveDate,
    /// Source.
    pub source: OutcomeSource,
}

/// What the follow-up stage adds to the evening demo.
#[derive(Debug, Clone, Default)]
pub struct DemoFollowup {
    /// Contacts.
    pub contacts: Vec<DemoContact>,
    /// Checklist answers: (candidate, item, answer, note).
    pub checks: Vec<(usize, CheckItem, CheckAnswer, &'static str)>,
    /// Outcomes.
    pub outcomes: Vec<DemoOutcome>,
    /// Pairings: (mentor index, candidate index, start, status).
    pub pairings: Vec<(usize, usize, NaiveDate, PairingStatus)>,
    /// Recorded on (today).
    pub today: NaiveDate,
}

/// The evening demo of the job-training day six weeks before `today`, with two candidates
/// released since, one releasing soon and one whose date is unknown; and its follow-up.
pub fn generate_followup(seed: u64, today: NaiveDate) -> (Demo, DemoFollowup) {
    let day = today - Duration::weeks(WEEKS_LATER);
    let mut demo = generate(seed, day, Stage::Evening);
    let candidates: Vec<usize> = demo
        .members
        .iter()
        .enumerate()
        .filter(|(_, m)| m.role == Role::Candidate)
        .map(|(i, _)| i)
        .collect();
    let mentor = demo
        .members
        .iter()
        .position(|m| m.role == Role::Professional)
        .unwrap_or(0);
    let at = |days: i64| today + Duration::days(days);
    let (a, b, c, d) = match candidates[..] {
        [a, b, c, d, ..] => (a, b, c, d),
        _ => return (demo, DemoFollowup::default()),
    };
    // Two releases since the grand oral, one within the worklist's eight weeks, one unknown.
    demo.members[a].sensitive.release_date = Some(at(-20));
    demo.members[b].sensitive.release_date = Some(at(-9));
    demo.members[c].sensitive.release_date = Some(at(25));
    demo.members[d].sensitive.release_date = None;
    let contact =
        |candidate, days, kind, with_whom, note, next: (&'static str, Option<i64>)| DemoContact {
            candidate,
            date: at(days),
            kind,
            with_whom,
            note,
            next: (next.0, next.1.map(at)),
        };
    let mut contacts = vec![
        contact(
            a,
            -35,
            ContactKind::Detention,
            "Mission locale",
            "Bilan du grand oral : vise le CDD cariste proposé.",
            ("Dossier logement avec le SPIP", Some(-28)),
        ),
        contact(
            a,
            -22,
            ContactKind::Spip,
            "CPIP",
            "Foyer trouvé à Poitiers, place confirmée.",
            ("Appel le jour de la sortie", Some(-20)),
        ),
        contact(
            a,
            -18,
            ContactKind::Phone,
            "Mission locale",
            "Sorti, installé au foyer ; premier jour chez Transports Garnier lundi.",
            ("Point à un mois", Some(10)),
        ),
        contact(
            b,
            -33,
            ContactKind::Detention,
            "Mission locale",
            "Inscription à la formation agent de propreté validée.",
            ("Rendez-vous France Travail", Some(-29)),
        ),
        // Last heard of four weeks ago: on the worklist as a silence.
        contact(
            b,
            -29,
            ContactKind::FranceTravail,
            "conseiller France Travail",
            "Inscrit ; la formation commence sous surveillance électronique.",
            ("Appeler après la sortie", Some(-9)),
        ),
        contact(
            c,
            -12,
            ContactKind::Detention,
            "CPIP",
            "Sortie prévue : papiers d'identité à refaire.",
            ("Demande de CNI", Some(3)),
        ),
    ];
    for (k, &cand) in candidates.iter().enumerate().skip(4).take(3) {
        contacts.push(contact(
            cand,
            -32 + k as i64,
            ContactKind::Detention,
            "Mission locale",
            "Entretien après le grand oral : projet confirmé.",
            ("", None),
        ));
    }
    let checks = vec![
        (a, CheckItem::Housing, CheckAnswer::Yes, "foyer, Poitiers"),
        (a, CheckItem::IdPapers, CheckAnswer::Yes, ""),
        (
            a,
            CheckItem::BankAccount,
            CheckAnswer::InProgress,
            "compte à ouvrir en agence",
        ),
        (b, CheckItem::Housing, CheckAnswer::Yes, "chez sa sœur"),
        (b, CheckItem::Health, CheckAnswer::NotApplicable, ""),
        (c, CheckItem::IdPapers, CheckAnswer::No, "CNI périmée"),
        (
            c,
            CheckItem::ProContact,
            CheckAnswer::InProgress,
            "immersion à caler",
        ),
    ];
    let outcomes = vec![
        DemoOutcome {
            candidate: a,
            milestone: Milestone::Release,
            category: "short_fixed_term",
            employer: "Transports Garnier",
            start: at(-16),
            source: OutcomeSource::Proposal,
        },
        DemoOutcome {
            candidate: b,
            milestone: Milestone::Release,
            category: "qualifying_training",
            employer: "AFPA Poitiers",
            // Started under a sentence adjustment, before the release.
            start: at(-14),
            source: OutcomeSource::Company,
        },
    ];
    attend_since(&mut demo, day, today);
    let followup = DemoFollowup {
        contacts,
        checks,
        outcomes,
        pairings: vec![(mentor, a, at(-30), PairingStatus::Active)],
        today,
    };
    (demo, followup)
}

/// The sessions held between the day and `today` (the grand oral) took place: everyone expected
/// came, a few minutes early (the evening demo marks only what was before the day).
fn attend_since(demo: &mut Demo, day: NaiveDate, today: NaiveDate) {
    for (s, sess) in demo.sessions.iter().enumerate() {
        if sess.date <= day || sess.date >= today {
            continue;
        }
        for (m, member) in demo.members.iter().enumerate() {
            if sess.kind.default_expected().contains(&member.role) {
                demo.marks.push(DemoMark {
                    session: s,
                    member: m,
                    status: AttendanceStatus::Present,
                    arrived_at: Some(sess.start_time - Duration::minutes(5)),
                    left_at: None,
                    reason: String::new(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_follow_up_stage_has_two_releases_outcomes_and_a_pairing() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        let (demo, fu) = generate_followup(super::super::DEFAULT_SEED, today);
        let released = demo
            .members
            .iter()
            .filter(|m| m.sensitive.release_date.is_some_and(|r| r < today))
            .count();
        assert_eq!(released, 2);
        assert!(
            demo.members
                .iter()
                .any(|m| m.role == Role::Candidate && m.sensitive.release_date.is_none())
        );
        assert_eq!(fu.outcomes.len(), 2);
        assert_eq!(fu.pairings.len(), 1);
        assert!(fu.contacts.iter().all(|c| c.date <= today));
        assert!(
            demo.evening.is_some(),
            "the evening before: proposals exist"
        );
    }

    #[test]
    fn the_grand_oral_held_since_the_day_has_its_attendance() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        let (demo, _) = generate_followup(super::super::DEFAULT_SEED, today);
        let oral = demo
            .sessions
            .iter()
            .position(|s| s.kind == crate::core::domain::SessionKind::GrandOral)
            .expect("a grand oral");
        assert!(demo.sessions[oral].date < today);
        let present = |role| {
            demo.marks
                .iter()
                .filter(|m| m.session == oral && demo.members[m.member].role == role)
                .filter(|m| m.status == AttendanceStatus::Present)
                .count()
        };
        let candidates = demo
            .members
            .iter()
            .filter(|m| m.role == Role::Candidate)
            .count();
        assert_eq!(present(Role::Candidate), candidates);
    }
}
