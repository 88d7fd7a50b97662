//! Feedback written on two laptops for one interview (issue 23): the other version is kept with
//! its ratings and proposals by a real import, marked on Retours, shown side by side and settled
//! three ways through the ordinary feedback writes.

mod common;

use common::sync::{at, first_session, send, two_rooms};
use passerelle::core::demo::Stage;
use passerelle::core::feedback::{CriteriaSets, Feedback, Proposal};
use passerelle::core::feedback_conflict::{Resolution, SEPARATOR};
use passerelle::i18n::Lang;
use passerelle::store::{ConflictKind, Store};
use passerelle::ui::App;
use ratatui::crossterm::event::KeyCode;

/// What each laptop typed for the same interview.
struct Day {
    _dir: tempfile::TempDir,
    /// Room A's file, where B's bundle was imported.
    a: Store,
    session: i64,
    candidate: i64,
}

fn criteria() -> Vec<String> {
    CriteriaSets::shipped()
        .get("job_training")
        .unwrap()
        .criteria
        .iter()
        .map(|c| c.key.clone())
        .collect()
}

/// Both rooms wrote the feedback of the first interview of the list (round 1, first table),
/// room B with a proposal; B's bundle is then imported into A.
fn both_wrote() -> Day {
    let (dir, mut a, mut b) = two_rooms(Stage::Morning);
    let session = first_session(&a, "job_training");
    let panels = a.list_panels(session).unwrap();
    let plan = a.latest_plan(session).unwrap().unwrap();
    let first = plan
        .interviews
        .iter()
        .filter(|i| i.round == 1)
        .min_by_key(|i| {
            i.panel_id
                .and_then(|id| panels.iter().find(|p| p.id == id))
                .map_or(i64::MAX, |p| p.position)
        })
        .unwrap()
        .clone();
    let keys = criteria();
    let feedback = |strengths: &str, rating: u8| Feedback {
        session_id: session,
        candidate_id: first.candidate_id,
        round: 1,
        panel_id: first.panel_id,
        panel_label: first.panel_label.clone(),
        criteria_set: "job_training".into(),
        strengths: strengths.into(),
        advice: "Préparer le CV".into(),
        ratings: keys.iter().take(3).map(|k| (k.clone(), rating)).collect(),
        ..Feedback::default()
    };
    a.save_feedback(&feedback("Très clair sur son projet", 3))
        .unwrap();
    let mut theirs = feedback("Posé, précis, bonne écoute des questions", 2);
    theirs.opinion = Some("ready_with_support".into());
    let id = b.save_feedback(&theirs).unwrap();
    let pro = panels
        .iter()
        .find(|p| Some(p.id) == first.panel_id)
        .and_then(|p| p.members.first().copied());
    b.save_proposal(&Proposal {
        id: 0,
        session_id: session,
        candidate_id: first.candidate_id,
        feedback_id: Some(id),
        offered_by: pro,
        kind: "immersion".into(),
        detail: "Transports Perrin, 2 semaines".into(),
        status: "proposed".into(),
    })
    .unwrap();
    let report = send(&mut b, &mut a, at(18, 0));
    assert!(
        report
            .conflicts
            .iter()
            .any(|c| c.kind == ConflictKind::BothFeedback),
        "{report:?}"
    );
    Day {
        _dir: dir,
        a,
        session,
        candidate: first.candidate_id,
    }
}

fn here(d: &Day) -> Feedback {
    d.a.list_feedback(d.session)
        .unwrap()
        .into_iter()
        .find(|f| f.candidate_id == d.candidate && f.round == 1)
        .unwrap()
}

fn only_conflict(d: &Day) -> i64 {
    let all = d.a.feedback_conflicts(d.session).unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    all[0].id
}

#[test]
fn the_other_laptops_feedback_is_kept_with_its_ratings_and_proposals() {
    let d = both_wrote();
    let all = d.a.feedback_conflicts(d.session).unwrap();
    assert_eq!(all.len(), 1);
    let c = &all[0];
    assert_eq!((c.candidate_id, c.round), (d.candidate, 1));
    let other = c.other.as_ref().expect("stored as a feedback, not as text");
    assert_eq!(other.strengths, "Posé, précis, bonne écoute des questions");
    assert_eq!(other.opinion.as_deref(), Some("ready_with_support"));
    let mut ratings = other.ratings.clone();
    ratings.sort();
    let mut want: Vec<(String, u8)> = criteria().into_iter().take(3).map(|k| (k, 2)).collect();
    want.sort();
    assert_eq!(ratings, want, "the ratings travel as rows of their own");
    assert_eq!(other.proposals.len(), 1);
    assert_eq!(other.proposals[0].detail, "Transports Perrin, 2 semaines");
    assert!(other.proposals[0].offered_by.is_some());
    // This laptop's own feedback is untouched until someone settles it.
    assert_eq!(here(&d).strengths, "Très clair sur son projet");
}

#[test]
fn keeping_this_one_changes_nothing_and_settles_the_conflict() {
    let mut d = both_wrote();
    let before = here(&d);
    let id = only_conflict(&d);
    let done =
        d.a.resolve_feedback_conflict(id, Resolution::KeepHere)
            .unwrap();
    assert_eq!(done, Some(before.clone()));
    assert_eq!(here(&d), before);
    assert!(d.a.feedback_conflicts(d.session).unwrap().is_empty());
    assert!(
        d.a.sync_conflicts()
            .unwrap()
            .iter()
            .all(|c| c.kind != "both_feedback")
    );
    // Twice: nothing more.
    assert_eq!(
        d.a.resolve_feedback_conflict(id, Resolution::KeepBoth)
            .unwrap(),
        None
    );
}

#[test]
fn taking_the_other_writes_its_texts_ratings_and_proposal_here_and_travels() {
    let mut d = both_wrote();
    let id = only_conflict(&d);
    d.a.resolve_feedback_conflict(id, Resolution::TakeOther)
        .unwrap()
        .unwrap();
    let f = here(&d);
    assert_eq!(f.strengths, "Posé, précis, bonne écoute des questions");
    assert_eq!(f.opinion.as_deref(), Some("ready_with_support"));
    assert!(f.ratings.iter().all(|(_, r)| *r == 2) && f.ratings.len() == 3);
    let cohort = d.a.session(d.session).unwrap().cohort_id;
    let taken: Vec<Proposal> =
        d.a.list_proposals(cohort)
            .unwrap()
            .into_iter()
            .filter(|p| p.feedback_id == Some(f.id))
            .collect();
    assert_eq!(taken.len(), 1);
    assert_eq!(taken[0].kind, "immersion");
    assert!(
        taken[0].offered_by.is_some(),
        "the professional is found by uid"
    );
    assert!(d.a.feedback_conflicts(d.session).unwrap().is_empty());
    // Written like any edit: the next bundle carries it.
    assert!(d.a.cut_sync_batch(at(18, 30)).unwrap().is_some());
}

#[test]
fn keeping_both_joins_the_texts_and_keeps_this_ones_ratings() {
    let mut d = both_wrote();
    let before = here(&d);
    let id = only_conflict(&d);
    d.a.resolve_feedback_conflict(id, Resolution::KeepBoth)
        .unwrap()
        .unwrap();
    let f = here(&d);
    assert_eq!(
        f.strengths,
        format!("Très clair sur son projet\n{SEPARATOR}\nPosé, précis, bonne écoute des questions")
    );
    assert_eq!(
        f.advice, "Préparer le CV",
        "one text typed twice is kept once"
    );
    assert_eq!(f.ratings, before.ratings);
    assert_eq!(f.opinion, before.opinion);
}

#[test]
fn a_conflict_stored_as_plain_text_by_an_older_import_is_shown_as_text_and_can_be_kept() {
    let mut d = both_wrote();
    let uid: String =
        d.a.connection()
            .query_row(
                "SELECT uid FROM feedback WHERE id = ?1",
                [here(&d).id],
                |r| r.get(0),
            )
            .unwrap();
    d.a.connection()
        .execute(
            "UPDATE sync_conflict SET other = 'strengths=Posé, round=1' WHERE row_key = ?1",
            [&uid],
        )
        .unwrap();
    let mut app = retours(&mut d, Lang::Fr);
    common::press(&mut app, &mut d.a, KeyCode::Char('r'));
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("tel que gardé par la fusion") && screen.contains("strengths=Posé"),
        "{screen}"
    );
    let all = d.a.feedback_conflicts(d.session).unwrap();
    assert_eq!(all[0].other, None);
    assert_eq!(all[0].raw, "strengths=Posé, round=1");
    d.a.resolve_feedback_conflict(all[0].id, Resolution::KeepBoth)
        .unwrap();
    assert_eq!(here(&d).notes, "strengths=Posé, round=1");
}

fn render(app: &App, w: u16, h: u16) -> String {
    common::screen_text(app, w, h)
}

/// The application on room A's file, on Retours.
fn retours(d: &mut Day, lang: Lang) -> App {
    // The other laptop's database id is random: a fixed one for the snapshots.
    d.a.connection()
        .execute("UPDATE sync_conflict SET origin = '5a11e0b2-c0de'", [])
        .unwrap();
    let mut app = common::app_of(&d.a, lang);
    app.message = None;
    common::press(&mut app, &mut d.a, KeyCode::Char('5'));
    app
}

#[test]
fn retours_marks_the_interview_and_shows_both_versions_side_by_side() {
    let mut d = both_wrote();
    let mut app = retours(&mut d, Lang::Fr);
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("fr_marked_list_{w}x{h}"), render(&app, w, h));
    }
    common::press(&mut app, &mut d.a, KeyCode::Char('r'));
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("fr_side_by_side_{w}x{h}"), render(&app, w, h));
    }
    // Too narrow for two columns: one above the other.
    let narrow = render(&app, 60, 30);
    let at = |s: &str| narrow.lines().position(|l| l.contains(s));
    assert!(
        at("Sur cet ordinateur") < at("Autre ordinateur"),
        "{narrow}"
    );
    let mut app = retours(&mut d, Lang::En);
    common::press(&mut app, &mut d.a, KeyCode::Char('r'));
    insta::assert_snapshot!("en_side_by_side_80x24", render(&app, 80, 24));
}

#[test]
fn d_on_the_comparison_keeps_both_says_so_and_clears_the_mark() {
    let mut d = both_wrote();
    let mut app = retours(&mut d, Lang::Fr);
    common::presses(
        &mut app,
        &mut d.a,
        &[KeyCode::Char('r'), KeyCode::Char('d')],
    );
    let screen = render(&app, 120, 40);
    assert!(screen.contains("les deux textes sont gardés"), "{screen}");
    assert!(!screen.contains("2 versions"), "{screen}");
    assert!(here(&d).strengths.contains(SEPARATOR));
    // Esc leaves the comparison without settling anything.
    let mut d = both_wrote();
    let mut app = retours(&mut d, Lang::Fr);
    common::presses(&mut app, &mut d.a, &[KeyCode::Char('r'), KeyCode::Esc]);
    assert_eq!(d.a.feedback_conflicts(d.session).unwrap().len(), 1);
    assert!(render(&app, 80, 24).contains("2 versions"));
}

#[test]
fn the_other_laptops_text_is_sanitized_when_shown() {
    let mut d = both_wrote();
    let mut app = retours(&mut d, Lang::Fr);
    // As an older or foreign file could hold it: bidi override, escape sequence, bell.
    if let Some(o) = app.data.feedback_conflicts[0].other.as_mut() {
        o.strengths = "Sûr\u{202E}eruS \u{1b}[31mrouge\u{7} fin".into();
    }
    common::press(&mut app, &mut d.a, KeyCode::Char('r'));
    let screen = render(&app, 120, 40);
    assert!(screen.contains("Sûr"), "{screen}");
    // A long text scrolls, and the bottom line says how much follows.
    if let Some(o) = app.data.feedback_conflicts[0].other.as_mut() {
        o.notes = "Une remarque de plus. ".repeat(60);
    }
    let short = render(&app, 80, 24);
    assert!(short.contains("ligne(s) de plus"), "{short}");
    assert!(
        !screen.contains('\u{202E}') && !screen.contains('\u{1b}') && !screen.contains('\u{7}')
    );
}
