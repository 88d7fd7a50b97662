//! End-to-end: feedback typed in the form survives kill -9; the keystrokes that are not content.

#[path = "e2e/harness.rs"]
mod harness;

use harness::Sandbox;

#[test]
fn a_typed_sentence_survives_kill_9_and_navigation_takes_few_keys() {
    let sandbox = Sandbox::new();
    sandbox.with_demo();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.spawn_sized(&["--db", db], 100, 30, &[]);
    tui.wait_for("Présences —", 10);
    tui.keys("4");
    tui.keys("g");
    tui.wait_for("plan v1", 5);
    tui.keys("5");
    tui.wait_for("Retours ·", 5);

    // The script of decisions.md: Enter opens, six ratings, Tab, the text, Esc closes.
    let mut navigation = 0;
    tui.key("Enter");
    navigation += 1;
    tui.wait_for("Présentation et posture", 5);
    for r in ["3", "2", "4", "3", "3", "4"] {
        tui.keys(r);
    }
    tui.key("Tab");
    navigation += 1;
    let sentence = "Très clair sur son projet de cariste, connaît le CACES 3 et veut travailler en équipe de nuit.";
    tui.keys(sentence);
    tui.wait_for("connaît le CACES 3", 5);
    // Ctrl-O a proposal, its kind (one digit), its detail, Enter.
    tui.keys("\x0f");
    navigation += 1;
    tui.wait_for("Proposition", 5);
    tui.keys("3");
    navigation += 1;
    tui.keys("Transports Perrin, 2 semaines en mars");
    tui.key("Enter");
    navigation += 1;
    tui.wait_for("Proposition enregistrée", 5);
    // Not closed: the debounce (≤ 500 ms) must have written it by itself.
    std::thread::sleep(std::time::Duration::from_millis(1000));
    tui.kill9();
    // Esc would have closed the form: one more navigation key.
    navigation += 1;
    println!("navigation keystrokes (not content): {navigation}");
    assert!(navigation <= 12);

    let mut tui = sandbox.spawn_sized(&["--db", db], 100, 30, &[]);
    tui.wait_for("Présences —", 10);
    tui.keys("5");
    tui.wait_for("Retours ·", 5);
    tui.wait_for("● complet", 5);
    tui.key("Enter");
    tui.wait_for(
        "connaît le CACES 3 et veut travailler en équipe de nuit.",
        5,
    );
    tui.key("Esc");
    tui.keys("q");
    assert_eq!(tui.wait_exit(10), Some(0));
}
