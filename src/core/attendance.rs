//! Attendance: statuses, what a key press does to a record, counts, undo.

use chrono::NaiveTime;

use super::domain::{Id, Role};

/// Where a person stands at a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttendanceStatus {
    /// On the list, not seen yet.
    Expected,
    /// Came on time.
    Present,
    /// Came late.
    Late,
    /// Did not come.
    Absent,
    /// Did not come, with a valid excuse.
    Excused,
    /// Came, then left before the end.
    LeftEarly,
}

impl AttendanceStatus {
    /// Every status.
    pub const ALL: [AttendanceStatus; 6] = [
        AttendanceStatus::Expected,
        AttendanceStatus::Present,
        AttendanceStatus::Late,
        AttendanceStatus::Absent,
        AttendanceStatus::Excused,
        AttendanceStatus::LeftEarly,
    ];

    /// Stable code used in the database.
    pub fn code(self) -> &'static str {
        match self {
            AttendanceStatus::Expected => "expected",
            AttendanceStatus::Present => "present",
            AttendanceStatus::Late => "late",
            AttendanceStatus::Absent => "absent",
            AttendanceStatus::Excused => "excused",
            AttendanceStatus::LeftEarly => "left_early",
        }
    }

    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<AttendanceStatus> {
        AttendanceStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// True for everyone who came, even late or leaving early (decisions.md: « présents »).
    pub fn came(self) -> bool {
        matches!(
            self,
            AttendanceStatus::Present | AttendanceStatus::Late | AttendanceStatus::LeftEarly
        )
    }
}

/// One person's attendance at one session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendance {
    /// The session.
    pub session_id: Id,
    /// The person.
    pub person_id: Id,
    /// Current status.
    pub status: AttendanceStatus,
    /// Arrival time, stamped when marked present or late.
    pub arrived_at: Option<NaiveTime>,
    /// Departure time, stamped when marked as left early (or at the end of the session).
    pub left_at: Option<NaiveTime>,
    /// Free-text reason (« parloir », « transfert »…).
    pub reason: String,
    /// False for someone added on the spot who was not on the expected list.
    pub expected: bool,
}

impl Attendance {
    /// A fresh record for someone on the expected list.
    pub fn expected(session_id: Id, person_id: Id) -> Attendance {
        Attendance {
            session_id,
            person_id,
            status: AttendanceStatus::Expected,
            arrived_at: None,
            left_at: None,
            reason: String::new(),
            expected: true,
        }
    }

    /// The record after the facilitator marks `status` at time `now`.
    ///
    /// Times already typed are kept: re-marking must not erase a corrected arrival time.
    pub fn mark(&self, status: AttendanceStatus, now: NaiveTime) -> Attendance {
        let now = trim_seconds(now);
        let mut next = self.clone();
        next.status = status;
        match status {
            AttendanceStatus::Expected | AttendanceStatus::Absent | AttendanceStatus::Excused => {
                next.arrived_at = None;
                next.left_at = None;
            }
            AttendanceStatus::Present | AttendanceStatus::Late => {
                next.arrived_at = self.arrived_at.or(Some(now));
                next.left_at = None;
            }
            AttendanceStatus::LeftEarly => {
                next.left_at = Some(now);
            }
        }
        next
    }
}

/// Minutes are the unit people read and type; seconds would make every edit look different.
fn trim_seconds(t: NaiveTime) -> NaiveTime {
    use chrono::Timelike;
    NaiveTime::from_hms_opt(t.hour(), t.minute(), 0).unwrap_or(t)
}

/// Parses a time typed by a facilitator: `9:05`, `09:05`, `9h05`, `9h`, `0905`.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let t = text.trim().to_lowercase();
    if t.is_empty() {
        return None;
    }
    let (h, m) = if let Some((h, m)) = t.split_once([':', 'h']) {
        (
            h.to_string(),
            if m.is_empty() {
                "0".to_string()
            } else {
                m.to_string()
            },
        )
    } else if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
        (t[..2].to_string(), t[2..].to_string())
    } else {
        (t.clone(), "0".to_string())
    };
    let h: u32 = h.trim().parse().ok()?;
    let m: u32 = m.trim().parse().ok()?;
    if m > 59 {
        return None;
    }
    NaiveTime::from_hms_opt(h, m, 0)
}

/// Why typed times cannot be kept together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimesProblem {
    /// The departure is before the arrival.
    LeavesBeforeArrival,
    /// The arrival is after the session was closed (`f`) at this time.
    ArrivesAfterEnd(NaiveTime),
}

/// Checks an arrival and a departure against each other and against the session's end.
pub fn check_times(
    arrived: Option<NaiveTime>,
    left: Option<NaiveTime>,
    ended: Option<NaiveTime>,
) -> Result<(), TimesProblem> {
    // The end first: after `f`, a late arrival is the mistake, not the stamped departure.
    if let (Some(a), Some(end)) = (arrived, ended)
        && a > end
    {
        return Err(TimesProblem::ArrivesAfterEnd(end));
    }
    if let (Some(a), Some(l)) = (arrived, left)
        && l < a
    {
        return Err(TimesProblem::LeavesBeforeArrival);
    }
    Ok(())
}

/// When `f` closed the session: the departure it stamped on everyone still there, who keep their
/// status (a departure on someone who did not leave early). None while the session runs.
pub fn session_end<'a>(records: impl IntoIterator<Item = &'a Attendance>) -> Option<NaiveTime> {
    records
        .into_iter()
        .filter(|a| a.status.came() && a.status != AttendanceStatus::LeftEarly)
        .filter_map(|a| a.left_at)
        .max()
}

/// The record after a mark made once `f` closed the session at `ended`. The status is kept (a
/// forgotten person really came), but the time of the key is not their arrival: a time after the
/// close would print on the funders' sheet, so no arrival is stamped (it is typed, as in the times
/// form) and the departure `f` gave stays; someone who « left early » and is re-marked was there at
/// the close.
pub fn mark_after_end(
    before: &Attendance,
    status: AttendanceStatus,
    now: NaiveTime,
    ended: Option<NaiveTime>,
) -> Attendance {
    let mut next = before.mark(status, now);
    let late_key = matches!(status, AttendanceStatus::Present | AttendanceStatus::Late);
    match ended {
        Some(end) if late_key && trim_seconds(now) > end => {
            next.arrived_at = before.arrived_at.filter(|a| *a <= end);
            next.left_at = match before.status {
                AttendanceStatus::LeftEarly => Some(end),
                s if s.came() => before.left_at,
                _ => None,
            };
            next
        }
        _ => next,
    }
}

/// The status once a departure is typed: « parti tôt » only before the session's end; a departure
/// at or after the end (a correction after `f`) leaves a present person present.
pub fn status_with_departure(
    status: AttendanceStatus,
    left: Option<NaiveTime>,
    ended: Option<NaiveTime>,
) -> AttendanceStatus {
    match left {
        Some(l) if status.came() => match ended {
            Some(end) if l >= end => {
                if status == AttendanceStatus::LeftEarly {
                    AttendanceStatus::Present
                } else {
                    status
                }
            }
            _ => AttendanceStatus::LeftEarly,
        },
        _ => status,
    }
}

/// The times a sheet may print: a departure before the arrival (stored before it was refused) is
/// left out rather than shown as a time that cannot be.
pub fn printable_times(a: &Attendance) -> (Option<NaiveTime>, Option<NaiveTime>) {
    match check_times(a.arrived_at, a.left_at, None) {
        Ok(()) => (a.arrived_at, a.left_at),
        Err(_) => (a.arrived_at, None),
    }
}

/// Counts for one role at one session.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RoleCounts {
    /// Everyone on the list for this role (expected or added).
    pub listed: usize,
    /// Everyone who came (present, late, left early).
    pub came: usize,
    /// Of those who came: late.
    pub late: usize,
    /// Of those who came: left early.
    pub left_early: usize,
    /// Absent.
    pub absent: usize,
    /// Excused.
    pub excused: usize,
    /// Not seen yet.
    pub waiting: usize,
}

/// Counts for a session, per role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Candidates.
    pub candidates: RoleCounts,
    /// Professionals.
    pub professionals: RoleCounts,
    /// Staff.
    pub staff: RoleCounts,
}

impl Counts {
    /// Counts for one role.
    pub fn role(&self, role: Role) -> &RoleCounts {
        match role {
            Role::Candidate => &self.candidates,
            Role::Professional => &self.professionals,
            Role::Staff => &self.staff,
        }
    }

    /// Counts the given (role, status) pairs.
    pub fn tally<I: IntoIterator<Item = (Role, AttendanceStatus)>>(items: I) -> Counts {
        let mut counts = Counts::default();
        for (role, status) in items {
            let c = match role {
                Role::Candidate => &mut counts.candidates,
                Role::Professional => &mut counts.professionals,
                Role::Staff => &mut counts.staff,
            };
            c.listed += 1;
            match status {
                AttendanceStatus::Expected => c.waiting += 1,
                AttendanceStatus::Present => c.came += 1,
                AttendanceStatus::Late => {
                    c.came += 1;
                    c.late += 1;
                }
                AttendanceStatus::LeftEarly => {
                    c.came += 1;
                    c.left_early += 1;
                }
                AttendanceStatus::Absent => c.absent += 1,
                AttendanceStatus::Excused => c.excused += 1,
            }
        }
        counts
    }

    /// Everyone who came, all roles together.
    pub fn came_total(&self) -> usize {
        self.candidates.came + self.professionals.came + self.staff.came
    }
}

/// One change that can be taken back: the record as it was before (`None`: it did not exist).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoEntry {
    /// The session.
    pub session_id: Id,
    /// The person.
    pub person_id: Id,
    /// The record before the change.
    pub before: Option<Attendance>,
}

/// The changes of this sitting, newest last.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UndoLog {
    entries: Vec<UndoEntry>,
}

impl UndoLog {
    /// How many changes a facilitator can take back; more is never needed in a morning.
    pub const CAPACITY: usize = 200;

    /// Records that a change is about to replace `before`.
    pub fn record(&mut self, session_id: Id, person_id: Id, before: Option<Attendance>) {
        if self.entries.len() == Self::CAPACITY {
            self.entries.remove(0);
        }
        self.entries.push(UndoEntry {
            session_id,
            person_id,
            before,
        });
    }

    /// Takes back the newest change.
    pub fn pop(&mut self) -> Option<UndoEntry> {
        self.entries.pop()
    }

    /// Number of changes that can be taken back.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing can be taken back.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn present_stamps_arrival_once() {
        let a = Attendance::expected(1, 2).mark(AttendanceStatus::Present, t(8, 52));
        assert_eq!(a.arrived_at, Some(t(8, 52)));
        let again = a.mark(AttendanceStatus::Late, t(9, 30));
        assert_eq!(again.status, AttendanceStatus::Late);
        assert_eq!(
            again.arrived_at,
            Some(t(8, 52)),
            "a typed or stamped arrival is kept"
        );
    }

    #[test]
    fn stamped_times_drop_seconds() {
        let now = NaiveTime::from_hms_opt(8, 52, 41).unwrap();
        let a = Attendance::expected(1, 2).mark(AttendanceStatus::Present, now);
        assert_eq!(a.arrived_at, Some(t(8, 52)));
    }

    #[test]
    fn absent_clears_times_but_keeps_reason() {
        let mut a = Attendance::expected(1, 2).mark(AttendanceStatus::Present, t(9, 0));
        a.reason = "parloir".into();
        let b = a.mark(AttendanceStatus::Absent, t(10, 0));
        assert_eq!(b.arrived_at, None);
        assert_eq!(b.left_at, None);
        assert_eq!(b.reason, "parloir");
    }

    #[test]
    fn left_early_keeps_arrival_and_stamps_departure() {
        let a = Attendance::expected(1, 2)
            .mark(AttendanceStatus::Present, t(9, 0))
            .mark(AttendanceStatus::LeftEarly, t(15, 10));
        assert_eq!(a.arrived_at, Some(t(9, 0)));
        assert_eq!(a.left_at, Some(t(15, 10)));
        assert!(a.status.came());
        let back = a.mark(AttendanceStatus::Present, t(15, 20));
        assert_eq!(back.left_at, None, "coming back cancels the departure");
    }

    #[test]
    fn counts_include_late_and_left_early_in_came() {
        use AttendanceStatus::*;
        let counts = Counts::tally([
            (Role::Candidate, Present),
            (Role::Candidate, Late),
            (Role::Candidate, LeftEarly),
            (Role::Candidate, Absent),
            (Role::Candidate, Excused),
            (Role::Candidate, Expected),
            (Role::Professional, Present),
            (Role::Staff, Expected),
        ]);
        let c = counts.candidates;
        assert_eq!((c.listed, c.came, c.late, c.left_early), (6, 3, 1, 1));
        assert_eq!((c.absent, c.excused, c.waiting), (1, 1, 1));
        assert_eq!(counts.professionals.came, 1);
        assert_eq!(counts.staff.waiting, 1);
        assert_eq!(counts.came_total(), 4);
    }

    #[test]
    fn undo_returns_changes_newest_first_and_is_bounded() {
        let mut log = UndoLog::default();
        let a = Attendance::expected(1, 2);
        log.record(1, 2, Some(a.clone()));
        log.record(1, 3, None);
        assert_eq!(log.pop().map(|e| e.person_id), Some(3));
        assert_eq!(log.pop().and_then(|e| e.before), Some(a));
        assert!(log.pop().is_none());
        for i in 0..(UndoLog::CAPACITY + 10) {
            log.record(1, i as Id, None);
        }
        assert_eq!(log.len(), UndoLog::CAPACITY);
    }

    #[test]
    fn typed_times_in_french_habits() {
        assert_eq!(parse_time("9h05"), Some(t(9, 5)));
        assert_eq!(parse_time("09:05"), Some(t(9, 5)));
        assert_eq!(parse_time("9h"), Some(t(9, 0)));
        assert_eq!(parse_time("0905"), Some(t(9, 5)));
        assert_eq!(parse_time("14"), Some(t(14, 0)));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("9:75"), None);
        assert_eq!(parse_time("midi"), None);
        assert_eq!(parse_time(""), None);
    }

    #[test]
    fn status_codes_round_trip() {
        for s in AttendanceStatus::ALL {
            assert_eq!(AttendanceStatus::from_code(s.code()), Some(s));
        }
        assert_eq!(AttendanceStatus::from_code("nope"), None);
    }

    #[test]
    fn a_departure_before_the_arrival_is_refused() {
        assert_eq!(
            check_times(Some(t(4, 47)), Some(t(3, 0)), None),
            Err(TimesProblem::LeavesBeforeArrival)
        );
        assert_eq!(check_times(Some(t(9, 0)), Some(t(9, 0)), None), Ok(()));
        assert_eq!(check_times(None, Some(t(3, 0)), None), Ok(()));
    }

    #[test]
    fn an_arrival_after_the_session_closed_is_refused() {
        assert_eq!(
            check_times(Some(t(9, 25)), None, Some(t(4, 49))),
            Err(TimesProblem::ArrivesAfterEnd(t(4, 49)))
        );
        assert_eq!(check_times(Some(t(4, 49)), None, Some(t(4, 49))), Ok(()));
    }

    #[test]
    fn the_end_is_the_departure_stamped_on_those_still_there() {
        let there = Attendance::expected(1, 2).mark(AttendanceStatus::Present, t(9, 0));
        let gone = there.mark(AttendanceStatus::LeftEarly, t(11, 0));
        assert_eq!(session_end([&there, &gone]), None, "still running");
        let mut closed = there.clone();
        closed.left_at = Some(t(17, 0));
        assert_eq!(session_end([&there, &gone, &closed]), Some(t(17, 0)));
    }

    #[test]
    fn a_departure_at_the_end_is_not_leaving_early() {
        use AttendanceStatus::*;
        let end = Some(t(17, 0));
        assert_eq!(status_with_departure(Present, Some(t(17, 0)), end), Present);
        assert_eq!(status_with_departure(Late, Some(t(17, 5)), end), Late);
        assert_eq!(
            status_with_departure(LeftEarly, Some(t(17, 0)), end),
            Present
        );
        assert_eq!(
            status_with_departure(Present, Some(t(16, 0)), end),
            LeftEarly
        );
        assert_eq!(
            status_with_departure(Present, Some(t(16, 0)), None),
            LeftEarly
        );
        assert_eq!(status_with_departure(Absent, Some(t(16, 0)), None), Absent);
        assert_eq!(status_with_departure(Present, None, end), Present);
    }

    #[test]
    fn a_mark_after_the_close_stamps_no_arrival_after_it() {
        use AttendanceStatus::*;
        let end = Some(t(9, 10));
        let forgotten = Attendance::expected(1, 2);
        let m = mark_after_end(&forgotten, Late, t(9, 30), end);
        assert_eq!((m.status, m.arrived_at, m.left_at), (Late, None, None));
        let there = Attendance {
            left_at: Some(t(9, 10)),
            ..forgotten.mark(Present, t(9, 0))
        };
        let m = mark_after_end(&there, Late, t(9, 30), end);
        assert_eq!(
            (m.status, m.arrived_at, m.left_at),
            (Late, Some(t(9, 0)), Some(t(9, 10))),
            "the close's departure stays"
        );
        let gone = there.mark(LeftEarly, t(9, 5));
        let m = mark_after_end(&gone, Present, t(9, 30), end);
        assert_eq!(m.left_at, Some(t(9, 10)), "there at the close after all");
        let m = mark_after_end(&forgotten, Present, t(9, 30), None);
        assert_eq!(m.arrived_at, Some(t(9, 30)), "running: stamped as before");
    }

    #[test]
    fn a_sheet_never_prints_a_departure_before_the_arrival() {
        let mut a = Attendance::expected(1, 2).mark(AttendanceStatus::Present, t(9, 25));
        a.left_at = Some(t(4, 49));
        assert_eq!(printable_times(&a), (Some(t(9, 25)), None));
        a.left_at = Some(t(17, 0));
        assert_eq!(printable_times(&a), (Some(t(9, 25)), Some(t(17, 0))));
    }
}
