//! The grand oral summary on hand-made feedback: means, spread, disagreement, gaps, audience.

use chrono::NaiveDate;
use passerelle::core::actions::ActionItem;
use passerelle::core::attendance::{Attendance, AttendanceStatus};
use passerelle::core::domain::{
    Cohort, Id, Member, Person, Role, SensitiveDetails, Session, SessionKind,
};
use passerelle::core::feedback::{CriteriaSets, Feedback, HeldInterview, Note, Proposal};
use passerelle::core::summary::{Audience, SummaryInput, build, for_audience};

fn member(id: Id, first: &str, last: &str, role: Role) -> Member {
    Member {
        person: Person {
            id,
            first_name: first.into(),
            last_name: last.into(),
            organisation: if role == Role::Professional {
                "Transports Perrin".into()
            } else {
                String::new()
            },
            phone: String::new(),
            email: String::new(),
            external_id: None,
        },
        role,
        staff_role: None,
        sectors: Vec::new(),
        project: "cariste".into(),
        target_area: String::new(),
        sensitive: SensitiveDetails {
            release_date: NaiveDate::from_ymd_opt(2027, 3, 1),
            housing: "foyer ADOMA".into(),
            judicial_notes: "aménagement de peine".into(),
        },
        archived: false,
    }
}

fn feedback(candidate: Id, round: u32, panel: &str, ratings: &[(&str, u8)]) -> Feedback {
    Feedback {
        id: i64::from(round),
        session_id: 1,
        candidate_id: candidate,
        round,
        panel_label: panel.into(),
        panel_members: vec![20],
        criteria_set: "job_training".into(),
        ratings: ratings.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        strengths: format!("fort {round}"),
        notes: "note du binôme".into(),
        ..Feedback::default()
    }
}

struct Fixture {
    cohort: Cohort,
    sessions: Vec<Session>,
    members: Vec<Member>,
    feedback: Vec<Feedback>,
    interviews: Vec<HeldInterview>,
    proposals: Vec<Proposal>,
    actions: Vec<ActionItem>,
    attendance: Vec<Attendance>,
    notes: Vec<Note>,
}

fn fixture() -> Fixture {
    let session = |id, kind, d: u32| Session {
        id,
        cohort_id: 1,
        kind,
        date: NaiveDate::from_ymd_opt(2026, 10, d).unwrap(),
        start_time: None,
        place: "Salle polyvalente".into(),
        title: String::new(),
    };
    let mut attendance = Vec::new();
    for (sid, status) in [
        (1, AttendanceStatus::Present),
        (2, AttendanceStatus::Absent),
        (3, AttendanceStatus::Expected),
    ] {
        attendance.push(Attendance {
            status,
            ..Attendance::expected(sid, 10)
        });
    }
    attendance.push(Attendance {
        status: AttendanceStatus::Late,
        ..Attendance::expected(1, 11)
    });
    attendance.push(Attendance {
        status: AttendanceStatus::Present,
        ..Attendance::expected(1, 20)
    });
    Fixture {
        cohort: Cohort {
            id: 1,
            name: "Promo Vivonne".into(),
            establishment: "CP Vivonne".into(),
            start_date: None,
            end_date: None,
            partners: String::new(),
            archived: false,
        },
        sessions: vec![
            session(1, SessionKind::JobTraining, 15),
            session(2, SessionKind::Coaching, 8),
            session(3, SessionKind::GrandOral, 29),
        ],
        members: vec![
            member(10, "Yanis", "Benali", Role::Candidate),
            member(11, "Mehdi", "Kaci", Role::Candidate),
            member(20, "Claire", "Morel", Role::Professional),
        ],
        feedback: vec![
            feedback(
                10,
                1,
                "Morel / Haddad",
                &[("presentation", 4), ("expression", 1)],
            ),
            feedback(
                10,
                3,
                "Perrin / Dubois",
                &[("presentation", 3), ("expression", 3)],
            ),
            feedback(10, 2, "Girard / N'Guessan", &[("presentation", 4)]),
        ],
        // Four interviews held; Mehdi's has no form yet.
        interviews: [(10, 1), (10, 2), (10, 3), (11, 2)]
            .into_iter()
            .map(|(candidate_id, round)| HeldInterview {
                session_id: 1,
                candidate_id,
                round,
            })
            .collect(),
        proposals: vec![
            Proposal {
                id: 1,
                session_id: 1,
                candidate_id: 10,
                offered_by: Some(20),
                kind: "immersion".into(),
                detail: "PMSMP 2 semaines".into(),
                status: "accepted".into(),
                ..Proposal::default()
            },
            Proposal {
                id: 2,
                session_id: 3,
                candidate_id: 10,
                kind: "advice".into(),
                detail: "CACES".into(),
                status: "dropped".into(),
                ..Proposal::default()
            },
            Proposal {
                id: 3,
                session_id: 3,
                candidate_id: 11,
                kind: "immersion".into(),
                detail: "Chantier".into(),
                status: "proposed".into(),
                ..Proposal::default()
            },
        ],
        actions: vec![ActionItem {
            id: 1,
            cohort_id: 1,
            candidate_id: 10,
            what: "Immersion".into(),
            owner_id: Some(20),
            condition: "judge".into(),
            status: "todo".into(),
            ..ActionItem::default()
        }],
        attendance,
        notes: vec![Note {
            session_id: 1,
            candidate_id: Some(10),
            round: None,
            text: "parloir à 14h".into(),
            created_at: String::new(),
        }],
    }
}

static SHIPPED: CriteriaSets = CriteriaSets::shipped();

fn input(f: &Fixture) -> SummaryInput<'_> {
    SummaryInput {
        cohort: &f.cohort,
        session: &f.sessions[0],
        sessions: &f.sessions,
        members: &f.members,
        feedback: &f.feedback,
        interviews: &f.interviews,
        proposals: &f.proposals,
        actions: &f.actions,
        attendance: &f.attendance,
        notes: &f.notes,
        criteria_set: "job_training",
        sets: &SHIPPED,
    }
}

#[test]
fn criteria_carry_each_binomes_rating_mean_spread_gaps_and_disagreement() {
    let f = fixture();
    let s = build(&input(&f));
    let yanis = s.candidates.iter().find(|c| c.person_id == 10).unwrap();
    let rounds: Vec<u32> = yanis.interviews.iter().map(|i| i.round).collect();
    assert_eq!(rounds, [1, 2, 3], "interviews in round order");
    let pres = &yanis.criteria[0];
    assert_eq!(pres.criterion.key, "presentation");
    assert_eq!(pres.ratings, [Some(4), Some(4), Some(3)]);
    assert!((pres.mean.unwrap() - 11.0 / 3.0).abs() < 1e-9);
    assert_eq!(
        (pres.spread, pres.unrated, pres.disagreement),
        (Some(1), 0, false)
    );
    let expr = &yanis.criteria[1];
    assert_eq!(expr.ratings, [Some(1), None, Some(3)]);
    assert_eq!(
        (expr.mean, expr.spread, expr.unrated, expr.disagreement),
        (Some(2.0), Some(2), 1, true)
    );
    let never = &yanis.criteria[2];
    assert_eq!(
        (never.mean, never.spread, never.unrated, never.disagreement),
        (None, None, 3, false)
    );
    assert_eq!(
        yanis.criteria.len(),
        6,
        "every criterion of the set, rated or not"
    );
}

#[test]
fn quotes_say_who_said_them_and_attendance_counts_held_sessions() {
    let f = fixture();
    let s = build(&input(&f));
    let yanis = s.candidates.iter().find(|c| c.person_id == 10).unwrap();
    assert_eq!(yanis.strengths[0].text, "fort 1");
    assert_eq!(yanis.strengths[0].by, "Morel / Haddad");
    assert_eq!(
        (yanis.sessions_attended, yanis.sessions_held),
        (1, 2),
        "the grand oral is not held yet"
    );
    assert_eq!(yanis.proposals.len(), 2);
    assert_eq!(yanis.proposals[0].by.as_deref(), Some("Claire Morel"));
    assert_eq!(yanis.proposals[0].organisation, "Transports Perrin");
    let mehdi = s.candidates.iter().find(|c| c.person_id == 11).unwrap();
    assert!(
        mehdi.interviews.is_empty()
            && mehdi
                .criteria
                .iter()
                .all(|c| c.unrated == 0 && c.mean.is_none())
    );
}

#[test]
fn session_counts_kinds_and_criteria_means() {
    let f = fixture();
    let s = build(&input(&f));
    let c = &s.counts;
    assert_eq!(
        (
            c.candidates_expected,
            c.candidates_present,
            c.professionals_present
        ),
        (2, 2, 1)
    );
    assert_eq!(
        (c.interviewed, c.feedback_total),
        (1, 4),
        "over the interviews held"
    );
    assert_eq!(
        (c.proposals, c.proposals_accepted, c.actions_open),
        (2, 1, 1),
        "dropped proposals do not count"
    );
    let kinds: Vec<(&str, usize)> = s
        .proposals_by_kind
        .iter()
        .map(|k| (k.kind.as_str(), k.count))
        .collect();
    assert_eq!(kinds, [("immersion", 2)]);
    assert_eq!(s.criteria[0].ratings, 3);
    assert!((s.criteria[0].mean.unwrap() - 11.0 / 3.0).abs() < 1e-9);
    let names: Vec<&str> = s.candidates.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Yanis Benali", "Mehdi Kaci"], "sorted by last name");
}

#[test]
fn a_partner_summary_keeps_nothing_sensitive() {
    let f = fixture();
    let full = build(&input(&f));
    let text = serde_json::to_string(&full).unwrap();
    for secret in [
        "foyer ADOMA",
        "aménagement de peine",
        "parloir",
        "note du binôme",
        "judge",
        "Benali",
    ] {
        assert!(text.contains(secret), "the full summary has {secret}");
    }
    let partner = for_audience(full.clone(), Audience::Partner, false);
    let text = serde_json::to_string(&partner).unwrap();
    for secret in [
        "foyer ADOMA",
        "aménagement de peine",
        "2027-03-01",
        "parloir",
        "note du binôme",
        "judge",
        "Benali",
    ] {
        assert!(!text.contains(secret), "the partner summary leaks {secret}");
    }
    assert_eq!(partner.candidates[0].name, "Yanis B.");
    let named = for_audience(full, Audience::Partner, true);
    assert_eq!(named.candidates[0].name, "Yanis Benali");
    assert!(named.candidates[0].sensitive.is_none());
}

/// Issue 18 point 5: one accepted proposal reads « dont 1 acceptée ». Failed before: « acceptées ».
#[test]
fn the_cover_says_one_accepted_in_the_singular() {
    let f = fixture();
    let s = build(&input(&f));
    let rows =
        passerelle::export::count_rows(&s, passerelle::i18n::Tr::new(passerelle::i18n::Lang::Fr));
    assert!(
        rows.iter().any(|(_, v)| v == "2 (dont 1 acceptée)"),
        "{rows:?}"
    );
}
