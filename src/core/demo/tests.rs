use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 15).unwrap()
}

#[test]
fn demo_has_the_shape_of_a_real_cohort() {
    let d = generate(DEFAULT_SEED, today(), Stage::Morning);
    let count = |r| d.members.iter().filter(|m| m.role == r).count();
    // 24 met at the information meetings, of whom 10 started (the seed's funnel).
    assert_eq!(count(Role::Candidate), 24);
    let histories: Vec<Vec<crate::core::path::Change>> = (0..d.members.len())
        .map(|m| {
            d.paths
                .iter()
                .filter(|(i, _)| *i == m)
                .map(|(_, c)| c.clone())
                .collect()
        })
        .collect();
    let f = crate::core::path::Funnel::count(histories.iter().map(Vec::as_slice));
    assert_eq!(f.reached, [24, 24, 20, 12, 10, 0]);
    assert_eq!(f.withdrawn(), 2);
    assert_eq!(f.withdrew_before_start, 2);
    assert_eq!(f.now(crate::core::path::Status::NotSelected), 8);
    for h in &histories {
        for (n, c) in h.iter().enumerate() {
            assert_eq!(crate::core::path::validate(&h[..n], c), Ok(()), "{c:?}");
        }
    }
    assert_eq!(count(Role::Professional), 15);
    assert_eq!(count(Role::Staff), 4);
    let kinds: Vec<_> = d.sessions.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == SessionKind::InfoMeeting)
            .count(),
        2
    );
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == SessionKind::Coaching)
            .count(),
        3
    );
    assert_eq!(d.sessions[d.job_training].date, today());
    assert!(d.marks.iter().any(|m| m.session == d.job_training));
    assert!(
        d.marks
            .iter()
            .all(|m| d.sessions[m.session].date <= today())
    );
}

#[test]
fn same_seed_same_demo() {
    let a = generate(7, today(), Stage::Morning);
    let b = generate(7, today(), Stage::Morning);
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
    let c = generate(8, today(), Stage::Morning);
    assert_ne!(format!("{a:?}"), format!("{c:?}"));
}

#[test]
fn evening_has_everyone_accounted_for_today() {
    let d = generate(DEFAULT_SEED, today(), Stage::Evening);
    let today_marks = d
        .marks
        .iter()
        .filter(|m| m.session == d.job_training)
        .count();
    // Everyone but the 14 who did not start (they are not expected at the job training).
    assert_eq!(today_marks, d.members.len() - 14);
}

/// The criterion a comment speaks of, read from its words (an oracle apart from the generator).
fn criterion_of(text: &str) -> Option<&'static str> {
    const WORDS: [(&str, &str); 12] = [
        ("présentation", "presentation"),
        ("regard", "presentation"),
        ("exprime", "expression"),
        ("réponses", "expression"),
        ("motivé", "motivation"),
        ("attire", "motivation"),
        ("projet", "project"),
        ("disponibilités", "project"),
        ("parcours", "pitch"),
        ("valoriser", "pitch"),
        ("cv", "pitch"),
        ("métier", "trade_knowledge"),
    ];
    let lower = text.to_lowercase();
    WORDS
        .iter()
        .find(|(w, _)| lower.contains(w))
        .map(|(_, c)| *c)
}

#[test]
fn evening_comments_never_contradict_the_ratings() {
    for seed in 0..200 {
        let d = generate(seed, today(), Stage::Evening);
        for f in &d.evening.unwrap().feedback {
            let rating = |key: &str| f.ratings.iter().find(|(k, _)| k == key).map(|(_, v)| *v);
            let values: Vec<u8> = f.ratings.iter().map(|(_, v)| *v).collect();
            let mean = values.iter().map(|v| f64::from(*v)).sum::<f64>() / values.len() as f64;
            let min = values.iter().copied().min().unwrap_or(0);
            let ctx = format!("seed {seed}: {f:?}");
            if let Some(c) = criterion_of(&f.strengths) {
                assert!(rating(c).unwrap_or(0) >= 3, "praised but rated low: {ctx}");
            }
            if let Some(c) = criterion_of(&f.to_work_on) {
                assert!(rating(c).unwrap_or(4) <= 2, "faulted but rated high: {ctx}");
            }
            match f.opinion {
                "ready" => assert!(min >= 2 && mean >= 3.0, "ready on low ratings: {ctx}"),
                "consolidate" => {
                    assert!(mean < 2.5 || min == 1, "consolidate on good ratings: {ctx}")
                }
                _ => assert!(mean >= 2.0, "ready with support on poor ratings: {ctx}"),
            }
        }
    }
}

#[test]
fn the_demo_has_a_themed_day_before_its_cohort_with_six_items_and_fifteen_participants() {
    use crate::core::agenda::ItemKind;
    let d = generate(DEFAULT_SEED, today(), Stage::Morning);
    let t = &d.themed;
    assert_eq!(t.session.kind, SessionKind::ThemedDay);
    assert!(
        t.session.date < d.cohort.start_date,
        "in the past of its cohort"
    );
    assert_eq!(t.sectors, [Sector::Btp]);
    assert_eq!(t.items.len(), 6);
    assert!(t.items.iter().any(|i| i.kind == ItemKind::Break));
    // A federation (not in the pool) and two companies of the pool speak.
    assert_eq!(t.speakers.len(), 3);
    assert!(t.speakers[0].0.contains("Fédération") && t.speakers[0].1.is_none());
    for (_, m) in &t.speakers[1..] {
        let m = m.expect("a professional of the pool");
        assert_eq!(d.members[m].role, Role::Professional);
        assert_eq!(d.members[m].sectors, [Sector::Btp]);
    }
    assert_eq!(t.participants.len(), 15);
    assert!(
        t.participants
            .iter()
            .all(|p| d.members[*p].role == Role::Candidate)
    );
    assert!(t.interests.len() >= 6, "interest captured");
    assert!(t.interests.iter().all(|(p, ..)| t.participants.contains(p)));
}

#[test]
fn coaching_is_on_working_days_whatever_the_weekday_of_today() {
    use chrono::Datelike;
    // Seven consecutive days: every weekday once (2026-11-30 is a Monday).
    for offset in 0..7 {
        let today =
            NaiveDate::from_ymd_opt(2026, 11, 30).expect("date") + chrono::Days::new(offset);
        let d = generate(DEFAULT_SEED, today, Stage::Morning);
        let coaching: Vec<NaiveDate> = d
            .sessions
            .iter()
            .filter(|s| s.kind == SessionKind::Coaching)
            .map(|s| s.date)
            .collect();
        assert_eq!(coaching.len(), 3);
        for date in &coaching {
            assert!(
                !matches!(date.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun),
                "coaching on {date} ({:?}) for today {today}",
                date.weekday()
            );
            assert!(*date < today);
        }
        assert!(coaching.windows(2).all(|w| w[0] < w[1]));
    }
}
