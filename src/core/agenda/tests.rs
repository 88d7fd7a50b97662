use super::*;
use chrono::{Duration, NaiveDate};

fn t0() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 5)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn at(s: i64) -> NaiveDateTime {
    t0() + Duration::seconds(s)
}

fn three() -> Vec<AgendaItem> {
    let it = |title: &str, speaker: Option<&str>, minutes, kind| AgendaItem {
        title: title.to_string(),
        speaker: speaker.map(str::to_string),
        minutes,
        kind,
    };
    vec![
        it(
            "Les métiers du bâtiment",
            Some("Claire Roux (FFB Vienne)"),
            30,
            ItemKind::Talk,
        ),
        it("Pause", None, 10, ItemKind::Break),
        it("Questions", Some("Karim Diallo"), 20, ItemKind::Questions),
    ]
}

#[test]
fn a_toml_agenda_is_read_with_its_kinds_and_durations() {
    let text = "# Journée bâtiment\n[[item]]\ntitle = \"Les métiers\"\nspeaker = \"Claire Roux (FFB)\"\nminutes = 30\nkind = \"exposé\"\n\n[[item]]\ntitle = \"Pause\"\nminutes = \"15 min\"\nkind = \"pause\"\n";
    let items = parse(text.as_bytes()).unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].kind, ItemKind::Talk);
    assert_eq!(items[0].speaker.as_deref(), Some("Claire Roux (FFB)"));
    assert_eq!(items[1].minutes, 15);
    assert_eq!(items[1].speaker, None, "an item without speaker is allowed");
}

#[test]
fn a_csv_agenda_in_windows_1252_with_semicolons_is_read() {
    let text = "Titre;Intervenant;Durée;Type\r\nLes métiers;Claire Roux;1h;Exposé\r\nÉchanges;;45;échanges individuels\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let items = parse(&bytes).unwrap();
    assert_eq!(items[0].minutes, 60);
    assert_eq!(items[1].title, "Échanges");
    assert_eq!(items[1].kind, ItemKind::Exchanges);
}

#[test]
fn bad_items_are_all_reported_with_their_lines_and_none_kept() {
    let text = "Titre;Intervenant;Durée;Type\nOk;;20;exposé\n;X;20;exposé\nY;;vingt;exposé\nZ;;20;atelier\n";
    let Err(AgendaError::Items(errors)) = parse(text.as_bytes()) else {
        panic!("refused");
    };
    assert_eq!(
        errors,
        [
            ItemError {
                line: 3,
                problem: ItemProblem::MissingTitle
            },
            ItemError {
                line: 4,
                problem: ItemProblem::BadMinutes("vingt".into())
            },
            ItemError {
                line: 5,
                problem: ItemProblem::UnknownKind("atelier".into())
            },
        ]
    );
    let toml = "[[item]]\ntitle = \"A\"\nminutes = 10\n\n[[item]]\ntitle = \"B\"\nminutes = 0\n";
    let Err(AgendaError::Items(errors)) = parse(toml.as_bytes()) else {
        panic!("refused");
    };
    assert_eq!(errors[0].line, 5);
}

#[test]
fn broken_files_are_refused_whole() {
    assert!(matches!(
        parse(b"[[item]\ntitle = 1"),
        Err(AgendaError::Toml(1, _))
    ));
    assert_eq!(
        parse(b"Intervenant;Type\nX;pause\n"),
        Err(AgendaError::MissingColumns(vec!["Titre", "Durée"]))
    );
    assert_eq!(parse(b"Titre;Duree\n"), Err(AgendaError::Empty));
    assert_eq!(parse(b"# nothing\n"), Err(AgendaError::Empty));
    assert!(matches!(
        parse(b"\x00\x01binary"),
        Err(AgendaError::File(RosterError::Binary))
    ));
}

#[test]
fn durations_are_read_as_people_write_them() {
    for (text, minutes) in [
        ("20", Some(20)),
        ("20 min", Some(20)),
        ("20'", Some(20)),
        ("1h", Some(60)),
        ("1h30", Some(90)),
        ("1:05", Some(65)),
        ("0", None),
        ("1h75", None),
        ("-5", None),
        ("", None),
        ("99999", None),
    ] {
        assert_eq!(parse_minutes(text), minutes, "{text}");
    }
}

#[test]
fn the_template_is_an_agenda_the_import_reads_back() {
    let text = write_toml("Journée thématique\nune ligne \"citée\"", &three());
    assert_eq!(parse(text.as_bytes()).unwrap(), three());
}

#[test]
fn the_run_of_show_is_one_clock_phase_per_item() {
    let tt = timetable(&three(), &SessionSettings::default());
    let kinds: Vec<PhaseKind> = tt.phases.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [PhaseKind::Item, PhaseKind::Break, PhaseKind::Item]);
    assert_eq!(tt.total_seconds(), 60 * 60);
}

#[test]
fn an_item_waits_with_overtime_and_the_expected_end_moves_with_the_drift() {
    let items = three();
    let s = SessionSettings::default();
    let ev = [ClockEvent::Start(at(0))];
    let r = run_of_show(&items, &s, &ev, at(35 * 60));
    assert_eq!(r.index, 0);
    assert_eq!(r.overtime, 5 * 60);
    assert_eq!(r.next.map(|n| n.title.as_str()), Some("Pause"));
    assert_eq!(r.position.expected_end, Some(at(65 * 60)));
    // Skip: the pause starts now and flows into the questions by itself.
    let ev = [ClockEvent::Start(at(0)), ClockEvent::Skip(at(35 * 60))];
    let r = run_of_show(&items, &s, &ev, at(46 * 60));
    assert_eq!(r.index, 2);
    assert_eq!(r.position.remaining, 19 * 60);
    assert_eq!(r.next, None);
    assert_eq!(
        r.current.and_then(|c| c.speaker.as_deref()),
        Some("Karim Diallo")
    );
}

#[test]
fn nudges_move_the_expected_end_by_exactly_a_minute() {
    let items = three();
    let s = SessionSettings::default();
    let ev = [ClockEvent::Start(at(0)), ClockEvent::Nudge(at(60), 60)];
    let r = run_of_show(&items, &s, &ev, at(60));
    assert_eq!(r.position.remaining, 30 * 60);
    assert_eq!(r.position.expected_end, Some(at(61 * 60)));
    let ev = [ClockEvent::Start(at(0)), ClockEvent::Nudge(at(60), -60)];
    let r = run_of_show(&items, &s, &ev, at(60));
    assert_eq!(r.position.expected_end, Some(at(59 * 60)));
}

#[test]
fn the_last_skip_ends_the_day_and_an_empty_agenda_is_over_at_once() {
    let items = three();
    let s = SessionSettings::default();
    let ev = [
        ClockEvent::Start(at(0)),
        ClockEvent::Skip(at(10)),
        ClockEvent::Skip(at(20)),
        ClockEvent::Skip(at(30)),
    ];
    let r = run_of_show(&items, &s, &ev, at(40));
    assert_eq!(r.position.state, State::Over);
    assert_eq!((r.current, r.next, r.overtime), (None, None, 0));
    let r = run_of_show(&[], &s, &[ClockEvent::Start(at(0))], at(40));
    assert_eq!(r.position.state, State::Over);
}

#[test]
fn speakers_overrun_and_times_for_the_programme() {
    let items = three();
    assert_eq!(
        speakers(&items),
        ["Claire Roux (FFB Vienne)", "Karim Diallo"]
    );
    assert_eq!(
        split_speaker("Claire Roux (FFB Vienne)"),
        ("Claire Roux".into(), Some("FFB Vienne".into()))
    );
    assert_eq!(split_speaker("(x)"), ("(x)".into(), None));
    assert_eq!(overrun_minutes(&items, 45), Some(15));
    assert_eq!(overrun_minutes(&items, 60), None);
    let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    let times = planned_times(&items, nine);
    assert_eq!(times[2].0, NaiveTime::from_hms_opt(9, 40, 0).unwrap());
}

#[test]
fn an_interest_key_cycles_through_the_marks_and_back_to_none() {
    let mut m = None;
    let mut seen = Vec::new();
    for _ in 0..4 {
        m = Interest::cycle(m);
        seen.push(m);
    }
    assert_eq!(
        seen,
        [
            Some(Interest::Interested),
            Some(Interest::WantsInformation),
            Some(Interest::WantsToApply),
            None
        ]
    );
    for i in Interest::ALL {
        assert_eq!(Interest::from_code(i.code()), Some(i));
    }
    for k in ItemKind::ALL {
        assert_eq!(ItemKind::from_code(k.code()), Some(k));
        assert_eq!(ItemKind::from_word(k.code()), Some(k));
    }
}

#[test]
fn the_next_cohort_in_a_sector_starts_on_or_after_the_day_and_offers_it() {
    let day = NaiveDate::from_ymd_opt(2026, 11, 5).unwrap();
    let cohort = |id: Id, start: Option<NaiveDate>| Cohort {
        id,
        name: format!("Promo {id}"),
        establishment: String::new(),
        start_date: start,
        end_date: None,
        partners: String::new(),
        archived: false,
    };
    let cohorts = [
        cohort(1, Some(day - Duration::days(40))),
        cohort(2, None),
        cohort(3, Some(day + Duration::days(90))),
        cohort(4, Some(day + Duration::days(30))),
        cohort(5, Some(day)),
    ];
    let offers = [
        (1, Sector::Btp),
        (2, Sector::Btp),
        (3, Sector::Btp),
        (4, Sector::Logistics),
        (2, Sector::Cleaning),
        (5, Sector::Metalwork),
    ];
    let next = |s| next_cohort(&cohorts, &offers, s, day).map(|c| c.id);
    assert_eq!(
        next(Sector::Btp),
        Some(3),
        "started before the day: not next"
    );
    assert_eq!(next(Sector::Logistics), Some(4));
    assert_eq!(next(Sector::Metalwork), Some(5), "starting that day counts");
    assert_eq!(next(Sector::Cleaning), Some(2), "no start date: still open");
    assert_eq!(next(Sector::Retail), None, "nobody offers it");
}

#[test]
fn an_agenda_longer_than_its_slot_says_by_how_many_minutes() {
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
    assert_eq!(slot_minutes(t(9, 30), t(12, 0)), Some(150));
    assert_eq!(
        slot_minutes(None, t(12, 0)),
        Some(180),
        "09:00 when unknown"
    );
    assert_eq!(slot_minutes(t(9, 30), None), None);
    assert_eq!(slot_minutes(t(12, 0), t(9, 30)), None);
    let items = three(); // 60 minutes
    assert_eq!(overrun_minutes(&items, 45), Some(15));
    assert_eq!(overrun_minutes(&items, 60), None);
}
