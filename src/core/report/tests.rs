use super::*;
use crate::core::path::{Change, Status};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default()
}

fn member(cohort_id: Id, role: Role, first: &str, org: &str, named: bool) -> MemberRow {
    MemberRow {
        cohort_id,
        person_id: 0,
        uid: None,
        role,
        first_name: first.into(),
        named,
        organisation: org.into(),
        sectors: vec![Sector::Logistics],
        target_area: "Lyon".into(),
        status: None,
    }
}

fn file(cohort: &str, establishment: &str, company: &str) -> ReportRows {
    ReportRows {
        cohorts: vec![CohortRow {
            id: 1,
            name: cohort.into(),
            establishment: establishment.into(),
        }],
        sessions: vec![SessionCount {
            cohort_id: 1,
            kind: SessionKind::JobTraining,
            count: 1,
        }],
        attendance: vec![
            AttendanceCount {
                cohort_id: 1,
                kind: SessionKind::JobTraining,
                status: AttendanceStatus::Present,
                count: 5,
            },
            AttendanceCount {
                cohort_id: 1,
                kind: SessionKind::JobTraining,
                status: AttendanceStatus::Absent,
                count: 1,
            },
        ],
        feedback: (1..=4)
            .map(|i| FeedbackRow {
                cohort_id: 1,
                feedback: Feedback {
                    candidate_id: i,
                    ratings: vec![("posture".into(), u8::try_from(i).unwrap_or(1))],
                    ..Feedback::default()
                },
            })
            .collect(),
        proposals: vec![
            ProposalCount {
                cohort_id: 1,
                kind: "immersion".into(),
                status: "proposed".into(),
                count: 4,
            },
            ProposalCount {
                cohort_id: 1,
                kind: "job_offer".into(),
                status: "done".into(),
                count: 1,
            },
        ],
        actions: vec![ActionRow {
            cohort_id: 1,
            what: "Appeler le SPIP".into(),
            status: "todo".into(),
            due: NaiveDate::from_ymd_opt(2026, 11, 1),
            owner: Some(NameRow {
                first_name: "Claire".into(),
                last_name: "Martin".into(),
                role: Some(Role::Professional),
                named: false,
            }),
            candidate: "Karim Benali".into(),
        }],
        members: vec![
            MemberRow {
                person_id: 1,
                ..member(1, Role::Candidate, "Karim", "", false)
            },
            MemberRow {
                person_id: 2,
                ..member(1, Role::Professional, "Claire", company, false)
            },
            MemberRow {
                person_id: 3,
                ..member(1, Role::Professional, "Marc", "Autre SA", true)
            },
        ],
        statuses: [
            (1, Status::Referred, None),
            (1, Status::Informed, None),
            (1, Status::Candidate, None),
            (2, Status::Referred, None),
            (2, Status::Withdrew, Some(Withdrawal::Health)),
        ]
        .into_iter()
        .map(|(person_id, status, why)| StatusRow {
            cohort_id: 1,
            person_id,
            change: Change {
                withdrawal: why,
                note: "raison privée".into(),
                ..Change::new(status, day())
            },
        })
        .collect(),
        funnel_kept: Vec::new(),
        outcomes: Vec::new(),
    }
}

fn cohort_report(files: &[ReportRows]) -> Report {
    let scope = Scope::Year {
        year: 2026,
        establishment: None,
    };
    build(
        files,
        scope,
        "2026".into(),
        day(),
        (&CriteriaSets::default(), &OutcomeSet::shipped()),
    )
}

#[test]
fn proposals_are_counted_by_kind_and_by_status_so_offers_are_not_results() {
    let r = cohort_report(&[file("A", "Lyon-Corbas", "Perrin")]);
    let status = |k: &str| {
        r.proposals_by_status
            .iter()
            .find(|t| t.key == k)
            .map(|t| t.count.n)
    };
    assert_eq!(status("proposed"), Some(4));
    assert_eq!(status("done"), Some(1));
    assert_eq!(status("accepted"), Some(0));
    assert_eq!(r.totals.figures.proposals.n, 5);
    assert_eq!(r.totals.figures.realised.n, 1);
}

#[test]
fn attendance_interviews_and_criteria_spread_are_aggregated() {
    let r = cohort_report(&[file("A", "Lyon-Corbas", "Perrin")]);
    let job = r.attendance.iter().find(|a| a.kind == "job_training");
    assert_eq!(
        job.map(|a| (a.sessions.n, a.expected.n, a.present.n)),
        Some((1, 6, 5))
    );
    assert_eq!(r.job_training.interviews.n, 4);
    let c = &r.job_training.criteria[0];
    assert_eq!((c.min, c.max, c.ratings.n), (Some(1), Some(4), 4));
    assert_eq!(c.mean, Some(2.5));
    assert!(c.spread.is_some_and(|s| (s - 1.118).abs() < 0.001));
}

#[test]
fn two_files_sharing_a_company_sum_their_totals_and_count_it_once() {
    let a = file("A", "Lyon-Corbas", "Transports Perrin");
    let b = file("B", "Villefranche", "TRANSPORTS  perrin.");
    let r = cohort_report(&[a, b]);
    assert_eq!(r.totals.cohorts.n, 2);
    assert_eq!(r.totals.figures.interviews.n, 8);
    assert_eq!(r.totals.figures.candidates.n, 2);
    // Perrin once, « Autre SA » once.
    assert_eq!(r.totals.companies.n, 2);
    assert_eq!(r.establishments.len(), 2);
    assert_eq!(r.files, 2);
}

#[test]
fn partners_see_small_counts_hidden_no_overdue_names_and_only_agreed_first_names() {
    let full = cohort_report(&[file("A", "Lyon-Corbas", "Perrin")]);
    assert_eq!(full.overdue.len(), 1);
    assert_eq!(full.actions[0].owner, "Claire Martin");
    let p = for_audience(full, Audience::Partner);
    assert!(p.overdue.is_empty());
    assert_eq!(p.totals.figures.candidates.text(), "< 3");
    assert_eq!(p.job_training.interviews.text(), "4");
    assert_eq!(p.proposals_by_status[1].count.text(), "0");
    assert_eq!(p.named_professionals, vec!["Marc".to_string()]);
    assert_eq!(p.actions[0].owner, "", "Claire did not agree to be named");
    let json = serde_json::to_string(&p).unwrap_or_default();
    for name in ["Karim", "Benali", "Claire", "Martin", "SPIP"] {
        assert!(!json.contains(name), "{name} in {json}");
    }
    assert!(json.contains("\"< 3\""));
    assert!(json.contains("\"schema_version\":2"));
}

fn outcome(milestone: &str, category: &str, count: usize, live: bool) -> OutcomeCount {
    OutcomeCount {
        cohort_id: 1,
        milestone: milestone.into(),
        category: category.into(),
        count,
        live,
    }
}

#[test]
fn outcomes_count_by_category_positive_and_the_candidates_still_unknown() {
    let mut f = file("A", "Lyon-Corbas", "Perrin");
    for (id, status) in [
        (10, Status::Started),
        (11, Status::Completed),
        (12, Status::Informed),
    ] {
        f.members.push(MemberRow {
            person_id: id,
            status: Some(status),
            ..member(1, Role::Candidate, "X", "", false)
        });
    }
    f.outcomes = vec![
        outcome("release", "cdi", 1, true),
        outcome("release", "searching", 1, true),
        // Kept by a purge of another cohort: counted, but names nobody who could be unknown.
        outcome("release", "cdi", 4, false),
    ];
    let r = cohort_report(&[f]);
    let release = &r.outcomes[0];
    assert_eq!(release.milestone, "release");
    let cdi = release.by_category.iter().find(|t| t.key == "cdi");
    assert_eq!(cdi.map(|t| t.count.n), Some(5));
    assert_eq!(release.positive.n, 5, "searching is not a positive exit");
    // Three candidates of the programme (Karim, started, completed), two with an outcome.
    assert_eq!(release.unknown.n, 1);
    assert_eq!(r.outcomes[1].unknown.n, 3);
    let p = for_audience(r, Audience::Partner);
    assert_eq!(p.outcomes[0].unknown.text(), "< 3");
}

fn stage_counts(r: &Report) -> Vec<usize> {
    r.funnel.stages.iter().map(|t| t.count.n).collect()
}

#[test]
fn prospects_are_not_counted_as_candidates_of_the_programme() {
    let mut f = file("A", "Lyon-Corbas", "Perrin");
    for (id, status) in [
        (10, Status::Informed),
        (11, Status::NotSelected),
        (12, Status::Started),
    ] {
        f.members.push(MemberRow {
            person_id: id,
            status: Some(status),
            ..member(1, Role::Candidate, "Prospect", "", false)
        });
    }
    let r = cohort_report(&[f]);
    // Karim (no recorded path) and the one who started.
    assert_eq!(r.totals.figures.candidates.n, 2);
}

#[test]
fn the_funnel_sums_across_two_files_with_what_a_purge_kept() {
    let a = file("A", "Lyon-Corbas", "Perrin");
    let mut b = file("B", "Villefranche", "Perrin");
    let mut kept = Funnel::default();
    kept.add(Status::Completed, Some(5), None);
    b.funnel_kept.push((1, kept));
    let r = cohort_report(&[a, b]);
    assert_eq!(stage_counts(&r), vec![5, 3, 3, 1, 1, 1]);
    assert_eq!(r.funnel.withdrawn.n, 2);
    assert_eq!(r.funnel.withdrew_before_start.n, 2);
    let health = r.funnel.reasons.iter().find(|t| t.key == "health");
    assert_eq!(health.map(|t| t.count.n), Some(2));
}

#[test]
fn partners_see_the_funnel_small_counts_hidden_and_no_withdrawal_note() {
    let full = cohort_report(&[file("A", "Lyon-Corbas", "Perrin")]);
    assert_eq!(stage_counts(&full), vec![2, 1, 1, 0, 0, 0]);
    let p = for_audience(full, Audience::Partner);
    let texts: Vec<String> = p.funnel.stages.iter().map(|t| t.count.text()).collect();
    assert_eq!(texts, ["< 3", "< 3", "< 3", "0", "0", "0"]);
    assert_eq!(p.funnel.withdrawn.text(), "< 3");
    let json = serde_json::to_string(&p).unwrap_or_default();
    assert!(!json.contains("privée"), "{json}");
    assert!(json.contains("\"health\""));
}

#[test]
fn company_names_match_across_case_accents_and_punctuation() {
    assert_eq!(
        company_key(" Électricité  Générale, S.A."),
        "electricite generale s a"
    );
    assert_eq!(
        company_key("ÉLECTRICITÉ GÉNÉRALE S A"),
        "electricite generale s a"
    );
}

fn partner_json(files: &[ReportRows]) -> String {
    serde_json::to_string(&for_audience(cohort_report(files), Audience::Partner))
        .unwrap_or_default()
}

#[test]
fn a_partner_json_adds_into_a_report_with_its_small_counts_as_a_range() {
    let sent = partner_json(&[file("B", "Villefranche", "Perrin")]);
    let read = parse_json(&sent);
    let Ok(read) = read else {
        panic!("{read:?}");
    };
    let mut r = cohort_report(&[file("A", "Lyon-Corbas", "Perrin")]);
    merge(&mut r, read);
    assert_eq!(r.files, 2);
    assert_eq!(r.totals.cohorts.n, 2);
    assert_eq!(r.totals.figures.interviews.n, 8, "4 here, 4 in the file");
    assert_eq!(r.job_training.interviews.n, 8);
    assert_eq!(r.establishments.len(), 2);
    assert_eq!(r.cohorts.len(), 2);
    // One candidate here, « < 3 » in the file: 2 to 3.
    assert_eq!(r.totals.figures.candidates.text(), "2–3");
    let proposed = r.proposals_by_status.iter().find(|t| t.key == "proposed");
    assert_eq!(proposed.map(|t| t.count.text()), Some("8".into()));
    let c = &r.job_training.criteria[0];
    assert_eq!(
        (c.ratings.n, c.mean, c.min, c.max),
        (8, Some(2.5), Some(1), Some(4))
    );
    assert!(c.spread.is_some_and(|s| (s - 1.118).abs() < 0.001));
    // Partners see the range, or « < 3 » when it stays under 3.
    let p = for_audience(r, Audience::Partner);
    assert_eq!(p.totals.figures.candidates.text(), "2–3");
    let json = serde_json::to_string(&p).unwrap_or_default();
    assert!(json.contains("\"candidates\":\"2–3\""), "{json}");
    assert_eq!(p.named_professionals, vec!["Marc".to_string()]);
}

#[test]
fn a_consolidated_json_reads_back_with_its_ranges() {
    let mut r = cohort_report(&[file("A", "Lyon-Corbas", "Perrin")]);
    let read = parse_json(&partner_json(&[file("B", "Villefranche", "Perrin")]));
    merge(&mut r, read.unwrap_or_else(|e| panic!("{e:?}")));
    let text = serde_json::to_string(&for_audience(r, Audience::Partner)).unwrap_or_default();
    let again = parse_json(&text).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        (
            again.totals.figures.candidates.n,
            again.totals.figures.candidates.more
        ),
        (2, 1)
    );
}

#[test]
fn a_json_of_another_schema_version_or_no_report_is_refused() {
    let sent = partner_json(&[file("B", "Villefranche", "Perrin")]);
    let old = sent.replace("\"schema_version\":2", "\"schema_version\":1");
    assert_eq!(parse_json(&old), Err(JsonRefusal::OtherVersion(1)));
    assert_eq!(
        parse_json("{\"schema_version\":2,\"session\":{}}"),
        Err(JsonRefusal::NotReport)
    );
    assert_eq!(parse_json("not json"), Err(JsonRefusal::NotReport));
}

#[test]
fn a_json_of_another_year_or_establishment_does_not_fit() {
    let read = parse_json(&partner_json(&[file("B", "Villefranche", "Perrin")]));
    let read = read.unwrap_or_else(|e| panic!("{e:?}"));
    let year = |year, establishment: Option<&str>| Scope::Year {
        year,
        establishment: establishment.map(str::to_string),
    };
    assert!(read.fits(&year(2026, None)));
    assert!(read.fits(&year(2026, Some("Villefranche"))));
    assert!(!read.fits(&year(2025, None)));
    assert!(!read.fits(&year(2026, Some("Lyon-Corbas"))));
}

#[test]
fn zones_and_sectors_count_the_candidates_of_the_programme_not_prospects() {
    let mut f = file("A", "Lyon-Corbas", "Perrin");
    for (id, status, zone) in [
        (10, Status::Referred, "Vienne"),
        (11, Status::Informed, "Vienne"),
        (12, Status::NotSelected, "Gironde"),
        (13, Status::Started, "Lyon"),
    ] {
        f.members.push(MemberRow {
            person_id: id,
            status: Some(status),
            target_area: zone.into(),
            sectors: vec![Sector::Btp],
            ..member(1, Role::Candidate, "X", "", false)
        });
    }
    let r = cohort_report(&[f]);
    let zones: Vec<(String, usize)> = r.zones.iter().map(|t| (t.key.clone(), t.count.n)).collect();
    // Karim (no recorded path) and the one who started, both in Lyon.
    assert_eq!(zones, vec![("Lyon".to_string(), 2)]);
    let sectors: Vec<(String, usize)> = r
        .sectors
        .iter()
        .map(|t| (t.key.clone(), t.count.n))
        .collect();
    assert_eq!(
        sectors,
        vec![("btp".to_string(), 1), ("logistics".to_string(), 1)]
    );
    let in_zones: usize = r.zones.iter().map(|t| t.count.n).sum();
    assert_eq!(in_zones, r.totals.figures.candidates.n);
}

/// Gives the members of a file their stable identifiers, by first name.
fn with_uids(mut f: ReportRows, uids: &[(&str, &str)]) -> ReportRows {
    for m in &mut f.members {
        m.uid = uids
            .iter()
            .find(|(first, _)| *first == m.first_name)
            .map(|(_, uid)| (*uid).to_string());
    }
    f
}

#[test]
fn a_person_met_in_two_files_counts_once_when_their_stable_ids_match() {
    // Karim and Claire travelled from one laptop to the other; each file has its own Marc.
    let a = with_uids(
        file("A", "Lyon-Corbas", "Perrin"),
        &[
            ("Karim", "u-karim"),
            ("Claire", "u-claire"),
            ("Marc", "u-marc-1"),
        ],
    );
    let b = with_uids(
        file("B", "Villefranche", "Perrin"),
        &[
            ("Karim", "u-karim"),
            ("Claire", "u-claire"),
            ("Marc", "u-marc-2"),
        ],
    );
    let r = cohort_report(&[a, b]);
    assert_eq!(r.totals.figures.candidates.n, 1);
    assert_eq!(r.totals.figures.professionals.n, 3);
    // Each establishment and cohort line still counts whom it had.
    for line in &r.establishments {
        assert_eq!(
            (line.figures.candidates.n, line.figures.professionals.n),
            (1, 2)
        );
    }
    for line in &r.cohorts {
        assert_eq!(
            (line.figures.candidates.n, line.figures.professionals.n),
            (1, 2)
        );
    }
    let lyon: usize = r.zones.iter().map(|t| t.count.n).sum();
    assert_eq!(lyon, 1, "Karim's zone once");
}

#[test]
fn without_stable_ids_people_of_two_files_are_never_merged_but_count_once_per_file() {
    // Same row ids, same names, no uid: two files, two people each time.
    let a = file("A", "Lyon-Corbas", "Perrin");
    let mut b = file("B", "Villefranche", "Perrin");
    // Claire also sits in a second cohort of file b: one person there.
    b.cohorts.push(CohortRow {
        id: 2,
        name: "B2".into(),
        establishment: "Villefranche".into(),
    });
    b.members.push(MemberRow {
        cohort_id: 2,
        ..b.members[1].clone()
    });
    let r = cohort_report(&[a, b]);
    assert_eq!(r.totals.figures.candidates.n, 2);
    assert_eq!(r.totals.figures.professionals.n, 4);
    let cohort_lines: usize = r.cohorts.iter().map(|c| c.figures.professionals.n).sum();
    assert_eq!(cohort_lines, 5, "Claire in each of her cohorts");
    let ville = r
        .establishments
        .iter()
        .find(|e| e.establishment == "Villefranche");
    assert_eq!(ville.map(|e| e.figures.professionals.n), Some(2));
}

#[test]
fn the_person_key_is_the_uid_when_the_file_has_one_else_the_row_of_its_file() {
    let m = MemberRow {
        person_id: 7,
        ..member(1, Role::Candidate, "Karim", "", false)
    };
    assert_eq!(person_key(3, &m), PersonKey::Row(3, 7));
    let blank = MemberRow {
        uid: Some("  ".into()),
        ..m.clone()
    };
    assert_eq!(person_key(3, &blank), PersonKey::Row(3, 7));
    let known = MemberRow {
        uid: Some("u-1".into()),
        ..m
    };
    assert_eq!(person_key(3, &known), person_key(9, &known));
}
