//! End-to-end harness: runs the real `passerelle` binary in a pseudo-terminal (portable-pty), feeds
//! it keys, and reads the screen through a terminal emulator (vt100). Needs nothing installed.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, SlavePty, native_pty_system};

/// The demo's « today », so that screens are the same every day.
pub const TODAY: &str = "2026-10-15";

/// A running `passerelle` in a pseudo-terminal.
pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    // Kept open so the terminal settings outlive the child and can be checked after it exits.
    _slave: Box<dyn SlavePty + Send>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
}

/// A private home for one test: data, config and the database path.
pub struct Sandbox {
    /// The temporary directory.
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    /// A new empty sandbox.
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The database file of this sandbox.
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("passerelle.db")
    }

    /// Starts `passerelle ARGS` at 80×24.
    pub fn spawn(&self, args: &[&str]) -> Tui {
        self.spawn_sized(args, 80, 24, &[])
    }

    /// Starts `passerelle ARGS` with a terminal size and extra environment.
    pub fn spawn_sized(&self, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Tui {
        Tui::spawn(self.dir.path(), args, cols, rows, env)
    }

    /// Opens this sandbox's database at 100×30, on the Présences screen where it starts.
    pub fn open_day(&self) -> Tui {
        let db = self.db();
        let tui = self.spawn_sized(&["--db", db.to_str().unwrap_or_default()], 100, 30, &[]);
        tui.wait_for("Présences —", 10);
        tui
    }

    /// Takes back the attendance marks of the demo's session of today (everyone « attendu »), as
    /// before anyone came in; returns that session's id.
    pub fn unmark_today(&self) -> i64 {
        use passerelle::core::attendance::{Attendance, AttendanceStatus};
        let store = passerelle::store::Store::open(&self.db()).expect("open the database");
        let today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("TODAY");
        let session = store
            .list_cohorts()
            .expect("cohorts")
            .iter()
            .flat_map(|c| store.list_sessions(c.id).expect("sessions"))
            .find(|s| s.date == today)
            .expect("a session today");
        for a in store.list_attendance(session.id).expect("attendance") {
            let expected = Attendance {
                status: AttendanceStatus::Expected,
                arrived_at: None,
                left_at: None,
                ..a
            };
            store.save_attendance(&expected).expect("save");
        }
        session.id
    }

    /// Writes the demo into this sandbox's database (through the real binary) and quits.
    pub fn with_demo(&self) {
        let db = self.db();
        let mut tui = self.spawn(&["demo", "--db", db.to_str().unwrap()]);
        tui.wait_for("Présences —", 10);
        tui.keys("q");
        tui.wait_exit(10).expect("demo exits on q");
    }
}

impl Tui {
    fn spawn(home: &Path, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Tui {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_passerelle"));
        cmd.args(args);
        cmd.cwd(home);
        cmd.env("HOME", home);
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("PASSERELLE_TODAY", TODAY);
        cmd.env_remove("PASSERELLE_DB");
        cmd.env_remove("PASSERELLE_LANG");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn passerelle");
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let sink = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = sink.lock() {
                    p.process(&buf[..n]);
                }
            }
        });
        Tui {
            child,
            master: pair.master,
            _slave: pair.slave,
            writer,
            parser,
        }
    }

    /// Types text or raw sequences.
    pub fn keys(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
        // Each write is a separate read for the application, like a person typing.
        std::thread::sleep(Duration::from_millis(40));
    }

    /// Presses a named key: Enter, Esc, Tab, Up, Down, Home, End, Backspace.
    pub fn key(&mut self, name: &str) {
        let seq = match name {
            "Enter" => "\r",
            "Esc" => "\x1b",
            "Tab" => "\t",
            "Up" => "\x1b[A",
            "Down" => "\x1b[B",
            "Home" => "\x1b[H",
            "End" => "\x1b[F",
            "Backspace" => "\x7f",
            "Left" => "\x1b[D",
            "Right" => "\x1b[C",
            other => panic!("unknown key {other}"),
        };
        self.keys(seq);
        if name == "Esc" {
            // A lone ESC is told apart from a sequence by the pause after it.
            std::thread::sleep(Duration::from_millis(80));
        }
    }

    /// Goes to the Rotation screen with plan version 1 (the demo has it ready; else generates it).
    pub fn generate_plan(&mut self) {
        self.keys("4");
        self.wait_for("Rotation —", 5);
        if !self.screen().contains("plan v1") {
            self.keys("g");
            self.wait_for("plan v1", 5);
        }
    }

    /// Goes to the Retours screen.
    pub fn go_retours(&mut self) {
        self.keys("5");
        self.wait_for("Retours ·", 5);
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// The screen line that contains `needle`.
    pub fn line_with(&self, needle: &str) -> Option<String> {
        self.screen()
            .lines()
            .find(|l| l.contains(needle))
            .map(str::to_string)
    }

    /// Waits until the screen contains `text`; panics with the screen if it does not in time.
    pub fn wait_for(&self, text: &str, secs: u64) {
        self.wait_until(secs, |s| s.contains(text), text);
    }

    /// Waits until a screen line contains all of `parts`.
    pub fn wait_for_line(&self, parts: &[&str], secs: u64) -> String {
        let what = parts.join(" … ");
        self.wait_until(
            secs,
            |s| s.lines().any(|l| parts.iter().all(|p| l.contains(p))),
            &what,
        );
        self.screen()
            .lines()
            .find(|l| parts.iter().all(|p| l.contains(p)))
            .unwrap_or_default()
            .to_string()
    }

    fn wait_until(&self, secs: u64, ok: impl Fn(&str) -> bool, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for « {what} »; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// The process id.
    pub fn pid(&self) -> i32 {
        self.child.process_id().expect("pid") as i32
    }

    /// Sends a signal.
    pub fn signal(&self, sig: i32) {
        // SAFETY: kill(2) on our own child's pid has no memory-safety preconditions.
        let rc = unsafe { libc::kill(self.pid(), sig) };
        assert_eq!(rc, 0, "kill({sig})");
    }

    /// kill -9: no chance to clean up, like a pulled battery.
    pub fn kill9(&mut self) {
        self.signal(libc::SIGKILL);
        let _ = self.wait_exit(10);
    }

    /// Waits for the process to end; returns its exit code (None on time-out).
    pub fn wait_exit(&mut self, secs: u64) -> Option<u32> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                // Let the reader thread drain what the program wrote last.
                std::thread::sleep(Duration::from_millis(150));
                return Some(status.exit_code());
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// True when the terminal is back in the main screen with the cursor shown.
    pub fn main_screen_restored(&self) -> bool {
        self.parser
            .lock()
            .map(|p| !p.screen().alternate_screen() && !p.screen().hide_cursor())
            .unwrap_or(false)
    }

    /// True when the terminal is in cooked mode (canonical input and echo), as a shell expects.
    pub fn cooked_mode(&self) -> bool {
        let Some(fd) = self.master.as_raw_fd() else {
            return false;
        };
        // SAFETY: tcgetattr writes into a zeroed termios we own; fd is the pty master we hold open.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        let rc = unsafe { libc::tcgetattr(fd, &mut t) };
        rc == 0 && (t.c_lflag & libc::ICANON) != 0 && (t.c_lflag & libc::ECHO) != 0
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
