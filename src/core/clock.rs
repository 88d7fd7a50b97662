//! The rotation clock: a timetable built from the plan and the settings, and the position of the
//! day derived from stored events and « now ». No ticking counter: a restart, a suspended laptop
//! or a crash lands on the true position.

use chrono::{Duration, NaiveDateTime};

use super::settings::SessionSettings;

/// What happens in a phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhaseKind {
    /// The interview itself; it waits for the facilitator (n) when time is up.
    Interview,
    /// The binômes give their feedback.
    Feedback,
    /// Candidates change tables.
    Changeover,
    /// A break (lunch…).
    Break,
    /// An item of a themed day's run of show (core::agenda); it waits like an interview.
    Item,
}

impl PhaseKind {
    /// Interviews and agenda items wait for the facilitator (n) when their time is up, counting
    /// overtime; the other phases flow on by themselves.
    pub fn waits(self) -> bool {
        matches!(self, PhaseKind::Interview | PhaseKind::Item)
    }

    /// Catalog key of its name.
    pub fn label(self) -> &'static str {
        match self {
            PhaseKind::Interview => "clock.interview",
            PhaseKind::Feedback => "clock.feedback",
            PhaseKind::Changeover => "clock.changeover",
            PhaseKind::Break => "clock.break",
            PhaseKind::Item => "clock.item",
        }
    }
}

/// One phase of the timetable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phase {
    /// Round, from 0.
    pub round: usize,
    /// Kind.
    pub kind: PhaseKind,
    /// Planned length, seconds.
    pub seconds: i64,
}

/// The day's phases in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Timetable {
    /// Phases.
    pub phases: Vec<Phase>,
    /// First warning, seconds before the end of a phase.
    pub warn_first: i64,
    /// Second warning.
    pub warn_second: i64,
}

impl Timetable {
    /// Interview, feedback, changeover for each round (no changeover after the last), breaks
    /// after the rounds the settings name.
    pub fn new(rounds: usize, s: &SessionSettings) -> Timetable {
        let mut phases = Vec::new();
        for r in 0..rounds {
            phases.push(Phase {
                round: r,
                kind: PhaseKind::Interview,
                seconds: i64::from(s.interview_minutes) * 60,
            });
            if s.feedback_minutes > 0 {
                phases.push(Phase {
                    round: r,
                    kind: PhaseKind::Feedback,
                    seconds: i64::from(s.feedback_minutes) * 60,
                });
            }
            if r + 1 < rounds {
                if let Some(b) = s.breaks.iter().find(|b| b.after_round as usize == r + 1) {
                    phases.push(Phase {
                        round: r,
                        kind: PhaseKind::Break,
                        seconds: i64::from(b.minutes) * 60,
                    });
                } else if s.changeover_minutes > 0 {
                    phases.push(Phase {
                        round: r,
                        kind: PhaseKind::Changeover,
                        seconds: i64::from(s.changeover_minutes) * 60,
                    });
                }
            }
        }
        Timetable {
            phases,
            warn_first: i64::from(s.warn_first_seconds),
            warn_second: i64::from(s.warn_second_seconds),
        }
    }

    /// Rounds in the day.
    pub fn rounds(&self) -> usize {
        self.phases.last().map_or(0, |p| p.round + 1)
    }

    /// Planned length of the whole day, seconds.
    pub fn total_seconds(&self) -> i64 {
        self.phases.iter().map(|p| p.seconds).sum()
    }

    /// Each round's planned interview: (start, end) from the day's start, for printed sheets.
    pub fn interview_times(
        &self,
        start: chrono::NaiveTime,
    ) -> Vec<(chrono::NaiveTime, chrono::NaiveTime)> {
        let mut at = start;
        let mut out = Vec::new();
        for p in &self.phases {
            let end = at + Duration::seconds(p.seconds);
            if p.kind == PhaseKind::Interview {
                out.push((at, end));
            }
            at = end;
        }
        out
    }

    fn first_of_round(&self, round: usize) -> Option<usize> {
        self.phases
            .iter()
            .position(|p| p.round == round && p.kind.waits())
    }
}

/// Something the facilitator did, at an absolute time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockEvent {
    /// Space: the day starts now with round 1.
    Start(NaiveDateTime),
    /// Space while running.
    Pause(NaiveDateTime),
    /// Space while paused.
    Resume(NaiveDateTime),
    /// `<` / `>`: the current phase gets this many seconds more (or less).
    Nudge(NaiveDateTime, i64),
    /// n: the next phase starts now.
    Skip(NaiveDateTime),
    /// r: this round's interview starts now.
    Jump(NaiveDateTime, usize),
    /// The day is over.
    End(NaiveDateTime),
}

impl ClockEvent {
    /// When it happened.
    pub fn at(&self) -> NaiveDateTime {
        match *self {
            ClockEvent::Start(t)
            | ClockEvent::Pause(t)
            | ClockEvent::Resume(t)
            | ClockEvent::Nudge(t, _)
            | ClockEvent::Skip(t)
            | ClockEvent::Jump(t, _)
            | ClockEvent::End(t) => t,
        }
    }
}

/// Where the day stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Space has not been pressed.
    NotStarted,
    /// Running.
    Running,
    /// Paused.
    Paused,
    /// All rounds played.
    Over,
}

/// The position of the day at a given instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// State.
    pub state: State,
    /// Index of the current phase (0 before the start, the last one when over).
    pub phase: usize,
    /// Seconds left in the phase; negative: overtime.
    pub remaining: i64,
    /// Length of the phase with its nudges, seconds.
    pub length: i64,
    /// When the day is now expected to end.
    pub expected_end: Option<NaiveDateTime>,
    /// Seconds behind (positive) or ahead (negative) of the timetable as first started.
    pub drift: i64,
}

fn secs(d: Duration) -> i64 {
    d.num_seconds()
}

struct Sim<'a> {
    tt: &'a Timetable,
    phase: usize,
    start: NaiveDateTime,
    extra: i64,
    paused: Option<NaiveDateTime>,
    over: bool,
    started: Option<NaiveDateTime>,
}

impl Sim<'_> {
    fn len(&self) -> i64 {
        self.tt.phases.get(self.phase).map_or(0, |p| p.seconds) + self.extra
    }

    /// Phases other than the interview flow on by themselves when their time is up.
    fn advance(&mut self, to: NaiveDateTime) {
        while !self.over && self.paused.is_none() {
            let Some(p) = self.tt.phases.get(self.phase) else {
                self.over = true;
                break;
            };
            let end = self.start + Duration::seconds(self.len());
            if p.kind.waits() || end > to {
                break;
            }
            self.next(end);
        }
    }

    fn next(&mut self, at: NaiveDateTime) {
        self.start = at;
        self.extra = 0;
        if self.phase + 1 >= self.tt.phases.len() {
            self.over = true;
        } else {
            self.phase += 1;
        }
    }
}

/// The position of the day at `now`, from the timetable and the events (in any order).
pub fn position(tt: &Timetable, events: &[ClockEvent], now: NaiveDateTime) -> Position {
    let mut events: Vec<ClockEvent> = events.iter().copied().filter(|e| e.at() <= now).collect();
    events.sort_by_key(|e| e.at());
    let mut sim = Sim {
        tt,
        phase: 0,
        start: now,
        extra: 0,
        paused: None,
        over: false,
        started: None,
    };
    for e in events {
        if sim.started.is_none() {
            if let ClockEvent::Start(t) = e {
                sim.started = Some(t);
                sim.start = t;
                if tt.phases.is_empty() {
                    sim.over = true;
                }
            }
            continue;
        }
        if sim.over {
            continue;
        }
        sim.advance(e.at());
        match e {
            ClockEvent::Start(_) => {}
            ClockEvent::Pause(t) => {
                if sim.paused.is_none() {
                    sim.paused = Some(t);
                }
            }
            ClockEvent::Resume(t) => {
                if let Some(p) = sim.paused.take() {
                    sim.start += t - p;
                }
            }
            ClockEvent::Nudge(_, s) => sim.extra += s,
            ClockEvent::Skip(t) => {
                let paused = sim.paused.is_some();
                sim.next(t);
                if paused {
                    sim.paused = Some(t);
                }
            }
            ClockEvent::Jump(t, r) => {
                if let Some(i) = tt.first_of_round(r) {
                    sim.phase = i;
                    sim.start = t;
                    sim.extra = 0;
                    if sim.paused.is_some() {
                        sim.paused = Some(t);
                    }
                }
            }
            ClockEvent::End(_) => sim.over = true,
        }
    }
    let Some(started) = sim.started else {
        return Position {
            state: State::NotStarted,
            phase: 0,
            remaining: tt.phases.first().map_or(0, |p| p.seconds),
            length: tt.phases.first().map_or(0, |p| p.seconds),
            expected_end: None,
            drift: 0,
        };
    };
    sim.advance(now);
    let at = sim.paused.unwrap_or(now);
    let length = sim.len();
    let remaining = if sim.over {
        0
    } else {
        length - secs(at - sim.start)
    };
    let later: i64 = tt
        .phases
        .iter()
        .skip(sim.phase + 1)
        .map(|p| p.seconds)
        .sum();
    let phase_end = if sim.over {
        at
    } else {
        at + Duration::seconds(remaining.max(0))
    };
    let expected_end = phase_end + Duration::seconds(if sim.over { 0 } else { later });
    let planned_end = started + Duration::seconds(tt.total_seconds());
    Position {
        state: if sim.over {
            State::Over
        } else if sim.paused.is_some() {
            State::Paused
        } else {
            State::Running
        },
        phase: sim.phase,
        remaining,
        length,
        expected_end: Some(expected_end),
        drift: secs(expected_end - planned_end),
    }
}

/// The warning level of a phase's time left: 0 none, 1 first warning, 2 second, 3 overtime.
pub fn warning_level(tt: &Timetable, p: &Position) -> u8 {
    if p.state != State::Running && p.state != State::Paused {
        return 0;
    }
    if p.remaining < 0 {
        3
    } else if p.remaining <= tt.warn_second {
        2
    } else if p.remaining <= tt.warn_first {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn t0() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 10, 15)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    fn at(s: i64) -> NaiveDateTime {
        t0() + Duration::seconds(s)
    }

    fn tt() -> Timetable {
        Timetable::new(4, &SessionSettings::default())
    }

    #[test]
    fn the_timetable_has_interviews_feedback_changeovers_and_lunch() {
        let tt = tt();
        let kinds: Vec<PhaseKind> = tt.phases.iter().map(|p| p.kind).collect();
        use PhaseKind::*;
        assert_eq!(
            kinds,
            [
                Interview, Feedback, Changeover, Interview, Feedback, Changeover, Interview,
                Feedback, Break, Interview, Feedback
            ]
        );
        assert_eq!(tt.total_seconds(), (4 * 25 + 2 * 2 + 60) * 60);
    }

    #[test]
    fn before_the_start_nothing_runs() {
        let p = position(&tt(), &[], at(0));
        assert_eq!(p.state, State::NotStarted);
        assert_eq!(p.remaining, 20 * 60);
    }

    #[test]
    fn the_interview_waits_for_the_facilitator_and_counts_overtime() {
        let events = [ClockEvent::Start(at(0))];
        let p = position(&tt(), &events, at(25 * 60));
        assert_eq!(p.phase, 0);
        assert_eq!(p.remaining, -5 * 60);
        assert_eq!(p.drift, 5 * 60, "five minutes behind");
        let events = [ClockEvent::Start(at(0)), ClockEvent::Skip(at(21 * 60))];
        let p = position(&tt(), &events, at(21 * 60 + 30));
        assert_eq!(tt().phases[p.phase].kind, PhaseKind::Feedback);
        assert_eq!(p.remaining, 5 * 60 - 30);
    }

    #[test]
    fn feedback_and_changeover_flow_into_the_next_interview() {
        let events = [ClockEvent::Start(at(0)), ClockEvent::Skip(at(20 * 60))];
        let p = position(&tt(), &events, at(28 * 60));
        assert_eq!(p.phase, 3, "round 2 interview");
        assert_eq!(p.remaining, 19 * 60);
    }

    #[test]
    fn pause_keeps_the_time_left_and_nudges_add_exactly() {
        let events = [
            ClockEvent::Start(at(0)),
            ClockEvent::Pause(at(300)),
            ClockEvent::Resume(at(900)),
        ];
        let before = position(&tt(), &events[..2], at(600));
        assert_eq!(before.state, State::Paused);
        assert_eq!(before.remaining, 15 * 60);
        let after = position(&tt(), &events, at(900));
        assert_eq!(after.remaining, 15 * 60);
        let nudged = [ClockEvent::Start(at(0)), ClockEvent::Nudge(at(60), 60)];
        assert_eq!(position(&tt(), &nudged, at(60)).remaining, 20 * 60);
    }

    #[test]
    fn a_jump_starts_that_round_now_and_the_day_ends() {
        let events = [ClockEvent::Start(at(0)), ClockEvent::Jump(at(100), 3)];
        let p = position(&tt(), &events, at(100));
        assert_eq!(tt().phases[p.phase].round, 3);
        let events = [
            ClockEvent::Start(at(0)),
            ClockEvent::Jump(at(100), 3),
            ClockEvent::Skip(at(200)),
        ];
        let p = position(&tt(), &events, at(10_000));
        assert_eq!(p.state, State::Over);
    }
}
