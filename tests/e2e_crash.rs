//! Crash loop (#8): attendance marks, feedback text and proposals typed at random, kill -9 at a
//! random instant, restart. Everything typed more than 1 s before a kill must be in the database,
//! and `PRAGMA integrity_check` must say ok after every kill. 10 kills in the normal suite; 100 with
//! `cargo test --test e2e_crash -- --ignored`.
// A pseudo-terminal, signals and kill -9: unix only (the Windows check runs the rest under Wine).
#![cfg(unix)]

#[path = "e2e/harness.rs"]
mod harness;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use harness::{Sandbox, Tui};

/// A small deterministic generator, so a failing run can be replayed from its seed.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

/// What was typed, and when it was sent.
#[derive(Default)]
struct Typed {
    /// Full name → (status word on screen, when).
    marks: HashMap<String, (String, Instant)>,
    /// Proposal details, when.
    proposals: Vec<(String, Instant)>,
    /// The strengths text of the first interview, as typed so far.
    text: String,
    /// (when, length of `text` then).
    words: Vec<(Instant, usize)>,
}

const STATUS_KEYS: [(&str, &str, &str); 4] = [
    ("p", "présent", "present"),
    ("r", "retard", "late"),
    ("a", "absent", "absent"),
    ("e", "excusé", "excused"),
];

fn people(db: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT first_name || ' ' || last_name FROM person")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .flatten()
        .collect()
}

fn mark_some(tui: &mut Tui, rng: &mut Lcg, typed: &mut Typed, names: &[String], span: Duration) {
    tui.keys("3");
    tui.wait_for("Présences —", 5);
    let until = Instant::now() + span;
    while Instant::now() < until {
        for _ in 0..rng.below(4) {
            tui.key("Down");
        }
        // Let the cursor settle, then read who is selected and mark a status they do not have yet,
        // so that the row's change proves the mark was taken.
        std::thread::sleep(Duration::from_millis(120));
        let Some(row) = tui.line_with("▸") else {
            continue;
        };
        let Some(name) = names.iter().find(|n| row.contains(n.as_str())) else {
            continue;
        };
        let choices: Vec<_> = STATUS_KEYS
            .iter()
            .filter(|(_, word, _)| !row.contains(word))
            .collect();
        let (key, word, _) = choices[rng.below(choices.len() as u64) as usize];
        tui.keys(key);
        let sent = Instant::now();
        // The cursor has moved on to the next person not yet marked (the row may have scrolled
        // away): the message line says the mark was taken (« Nathalie P. : présent »).
        let first = name.split(' ').next().unwrap_or(name);
        tui.wait_for_line(&[first, word], 5);
        typed.marks.insert(name.clone(), (word.to_string(), sent));
        std::thread::sleep(Duration::from_millis(100 + rng.below(300)));
    }
}

fn type_feedback(tui: &mut Tui, rng: &mut Lcg, typed: &mut Typed, span: Duration) {
    let words = "Très clair sur son projet connaît le CACES et veut travailler de nuit en équipe ";
    tui.go_retours();
    tui.key("Home");
    tui.key("Enter");
    tui.wait_for("Points forts", 5);
    tui.key("Tab");
    let until = Instant::now() + span;
    let mut i = rng.below(14) as usize;
    while Instant::now() < until {
        let word = words.split_inclusive(' ').nth(i % 14).unwrap_or("x ");
        tui.keys(word);
        typed.text.push_str(word);
        typed.words.push((Instant::now(), typed.text.len()));
        i += 1;
        std::thread::sleep(Duration::from_millis(150 + rng.below(150)));
    }
}

fn capture_proposals(tui: &mut Tui, rng: &mut Lcg, typed: &mut Typed, span: Duration) {
    tui.keys("6");
    tui.wait_for("Grand oral · ", 5);
    let until = Instant::now() + span;
    while Instant::now() < until {
        tui.keys("\x0f");
        tui.wait_for("Proposition — ", 5);
        tui.keys(&(1 + rng.below(7)).to_string());
        let detail = format!("Piste {}", rng.below(1_000_000));
        tui.keys(&detail);
        tui.key("Enter");
        typed.proposals.push((detail, Instant::now()));
        std::thread::sleep(Duration::from_millis(100 + rng.below(300)));
        if rng.below(3) == 0 {
            tui.keys("\x1b[C"); // → next candidate
        }
    }
}

/// Runs `kills` rounds; returns what was lost (typed more than 1 s before a kill, not stored).
fn crash_loop(kills: u64, seed: u64) -> usize {
    let sandbox = Sandbox::new();
    sandbox.with_demo();
    let db = sandbox.db();
    let db = db.to_str().unwrap().to_string();
    let names = people(&db);
    let mut rng = Lcg(seed);
    let mut typed = Typed::default();
    let mut lost = 0;
    // What was checked, so that a pass is not an empty one.
    let (mut marks_checked, mut proposals_checked, mut chars_checked) = (0, 0, 0);
    for round in 0..kills {
        let mut tui = sandbox.open_day();
        // The kill comes at a random instant of the activity: 0.3 to 2.5 s into it, counted once
        // its screen is up (a loaded machine must not turn the activity into its setup alone).
        let span = Duration::from_millis(300 + rng.below(2200));
        match rng.below(3) {
            0 => mark_some(&mut tui, &mut rng, &mut typed, &names, span),
            1 => type_feedback(&mut tui, &mut rng, &mut typed, span),
            _ => capture_proposals(&mut tui, &mut rng, &mut typed, span),
        }
        let killed = Instant::now();
        tui.kill9();
        let old = |t: Instant| killed.duration_since(t) > Duration::from_secs(1);

        let conn = rusqlite::Connection::open(&db).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "kill {round} (seed {seed})");
        for (name, (word, at)) in &typed.marks {
            let status: String = conn
                .query_row(
                    "SELECT a.status FROM attendance a JOIN person p ON p.id = a.person_id
                     WHERE p.first_name || ' ' || p.last_name = ?1
                       AND a.session_id = (SELECT id FROM session WHERE kind = 'job_training')",
                    [name],
                    |r| r.get(0),
                )
                .unwrap_or_default();
            let want = STATUS_KEYS.iter().find(|s| s.1 == word).map(|s| s.2);
            marks_checked += usize::from(old(*at));
            if old(*at) && Some(status.as_str()) != want {
                eprintln!("kill {round}: {name} should be {word}, is {status}");
                lost += 1;
            }
        }
        for (detail, at) in &typed.proposals {
            let n: i64 = conn
                .query_row(
                    "SELECT count(*) FROM proposal WHERE detail = ?1",
                    [detail],
                    |r| r.get(0),
                )
                .unwrap();
            proposals_checked += usize::from(old(*at));
            if old(*at) && n == 0 {
                eprintln!("kill {round}: proposal « {detail} » lost");
                lost += 1;
            }
        }
        let stored: String = conn
            .query_row(
                "SELECT strengths FROM feedback ORDER BY round, id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap_or_default();
        assert!(
            typed.text.starts_with(&stored),
            "kill {round}: the stored text is what was typed"
        );
        let must = typed
            .words
            .iter()
            .filter(|(t, _)| old(*t))
            .map(|(_, n)| *n)
            .max()
            .unwrap_or(0);
        lost += must.saturating_sub(stored.len());
        chars_checked += must;
        // The next round goes on from what was stored, as the facilitator would.
        typed.text = stored;
        typed.words.clear();
        // What was younger than a second may be lost with this kill: not counted at the next one.
        typed.marks.clear();
        typed.proposals.clear();
    }
    println!(
        "{kills} kills (seed {seed}): checked {marks_checked} attendance marks, {proposals_checked} proposals, \
         {chars_checked} characters of feedback; {lost} lost of what was typed more than 1 s before a kill"
    );
    assert!(
        marks_checked > 0 && proposals_checked > 0 && chars_checked > 0,
        "every kind was checked"
    );
    lost
}

#[test]
fn ten_kills_at_random_lose_nothing_older_than_a_second() {
    assert_eq!(crash_loop(10, 2026), 0);
}

#[test]
#[ignore]
fn a_hundred_kills_at_random_lose_nothing_older_than_a_second() {
    assert_eq!(crash_loop(100, 86), 0);
}

/// Moves the worklist's cursor down to the first line holding every part.
fn down_to(tui: &mut Tui, parts: &[&str]) {
    for _ in 0..60 {
        std::thread::sleep(Duration::from_millis(60));
        if tui
            .line_with("▸")
            .is_some_and(|l| parts.iter().all(|p| l.contains(p)))
        {
            return;
        }
        tui.key("Down");
    }
    panic!("no worklist line with {parts:?}:\n{}", tui.screen());
}

/// Issue 20: kill -9 while a follow-up contact's note is being typed, then a restart: the note is
/// there up to what was typed more than a second before the kill (the debounce writes 400 ms
/// after the first unsaved key), and the log shows it.
#[test]
fn a_follow_up_note_typed_before_a_kill_is_there_after_the_restart() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap().to_string();
    let mut demo = sandbox.spawn(&["demo", "--stage", "follow-up", "--no-ui", "--db", &db]);
    assert_eq!(demo.wait_exit(20), Some(0), "{}", demo.screen());
    let newest = |conn: &rusqlite::Connection| -> (i64, i64, String) {
        conn.query_row(
            "SELECT id, candidate_id, note FROM followup_contact ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
    };
    let before = newest(&rusqlite::Connection::open(&db).unwrap()).0;

    let mut tui = sandbox.spawn_sized(&["--db", &db], 100, 30, &[]);
    tui.wait_for("Journée", 10);
    tui.keys("7");
    tui.wait_for("Suivi — ", 5);
    // A candidate whose release date is unknown: still on the worklist after a contact today.
    down_to(&mut tui, &["date de sortie inconnue"]);
    tui.key("Enter");
    tui.wait_for("Contacts (", 5);
    tui.keys("c");
    tui.wait_for("Où / comment", 5);
    // Kind, with whom, then the note.
    tui.key("Tab");
    tui.key("Tab");
    let words =
        "Appel du foyer : arrivé à l'heure, rendez-vous France Travail mardi, dossier CAF à finir ";
    let mut rng = Lcg(20);
    let mut typed = String::new();
    let mut sent: Vec<(Instant, usize)> = Vec::new();
    let until = Instant::now() + Duration::from_millis(2200);
    for word in words.split_inclusive(' ').cycle() {
        if Instant::now() > until {
            break;
        }
        tui.keys(word);
        typed.push_str(word);
        sent.push((Instant::now(), typed.trim_end().len()));
        std::thread::sleep(Duration::from_millis(120 + rng.below(150)));
    }
    let killed = Instant::now();
    tui.kill9();

    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let (id, candidate, stored) = newest(&conn);
    assert!(id > before, "the contact's row was written while typing");
    let must = sent
        .iter()
        .filter(|(t, _)| killed.duration_since(*t) > Duration::from_secs(1))
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(0);
    assert!(
        must > 10,
        "something was typed over a second before the kill"
    );
    assert!(
        typed.starts_with(&stored),
        "stored « {stored} », typed « {typed} »"
    );
    assert!(
        stored.len() >= must,
        "lost: stored « {stored} » of « {} »",
        &typed[..must]
    );
    let first: String = conn
        .query_row(
            "SELECT first_name FROM person WHERE id = ?1",
            [candidate],
            |r| r.get(0),
        )
        .unwrap();
    drop(conn);

    // The restart finds it in the candidate's log.
    let mut again = sandbox.spawn_sized(&["--db", &db], 100, 30, &[]);
    again.wait_for("Journée", 10);
    again.keys("7");
    again.wait_for("Suivi — ", 5);
    down_to(&mut again, &[&first, "date de sortie inconnue"]);
    again.key("Enter");
    again.wait_for("Contacts (", 5);
    again.wait_for(&stored[..stored.len().min(20)], 5);
    again.keys("q");
    assert_eq!(again.wait_exit(10), Some(0));
}
