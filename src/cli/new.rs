//! `passerelle new cohort …` / `new session …`: scripted setup with every field of the forms.
//! Every problem is listed at once, and nothing is written unless everything is right.

use clap::Subcommand;

use crate::core::attendance::parse_time;
use crate::core::dates::parse_date;
use crate::core::domain::{Cohort, Session, SessionKind};
use crate::core::feedback::CriteriaSets;
use crate::core::settings::{SessionSettings, parse_breaks};
use crate::core::text::fold;
use crate::i18n::{Lang, Tr};
use crate::store::Store;

/// What `new` creates.
#[derive(Debug, Subcommand)]
pub enum NewWhat {
    /// A cohort.
    Cohort {
        /// Name.
        #[arg(long)]
        name: String,
        /// Establishment.
        #[arg(long, default_value = "")]
        establishment: String,
        /// First day (dd/mm/yyyy).
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
        /// Last day (dd/mm/yyyy).
        #[arg(long, value_name = "DATE")]
        end: Option<String>,
        /// Partners.
        #[arg(long, default_value = "")]
        partners: String,
        /// Target size (1–200, 12 unless given).
        #[arg(long, value_name = "N")]
        target: Option<String>,
        /// Print the new id as JSON.
        #[arg(long)]
        json: bool,
    },
    /// A session of a cohort.
    Session {
        /// Cohort id (see `passerelle list cohorts`).
        #[arg(long, value_name = "ID")]
        cohort: i64,
        /// Kind.
        #[arg(long)]
        kind: String,
        /// Date (dd/mm/yyyy).
        #[arg(long)]
        date: String,
        /// Start time (HH:MM).
        #[arg(long, value_name = "HH:MM")]
        start: Option<String>,
        /// Place.
        #[arg(long, default_value = "")]
        place: String,
        /// Title.
        #[arg(long, default_value = "")]
        title: String,
        /// Interviews per candidate.
        #[arg(long, value_name = "K")]
        interviews: Option<u32>,
        /// Interview length, minutes.
        #[arg(long, value_name = "MIN")]
        interview_minutes: Option<u32>,
        /// Feedback slot, minutes.
        #[arg(long, value_name = "MIN")]
        feedback_minutes: Option<u32>,
        /// Changeover, minutes.
        #[arg(long, value_name = "MIN")]
        changeover_minutes: Option<u32>,
        /// Breaks, e.g. "3:60, 5:15".
        #[arg(long)]
        breaks: Option<String>,
        /// First warning, seconds.
        #[arg(long, value_name = "S")]
        warn_first: Option<u32>,
        /// Second warning, seconds.
        #[arg(long, value_name = "S")]
        warn_second: Option<u32>,
        /// Criteria set.
        #[arg(long)]
        criteria: Option<String>,
        /// A themed day's sectors, e.g. "BTP, métallurgie".
        #[arg(long)]
        sectors: Option<String>,
        /// Print the new id as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Descriptions in the user's language.
pub fn localize(c: clap::Command, tr: Tr) -> clap::Command {
    c.about(tr.t("cli.new_about"))
        .mut_subcommand("cohort", |c| {
            c.about(tr.t("cli.new_cohort_about"))
                .mut_arg("name", |a| a.help(tr.t("cohort.name_help")))
                .mut_arg("establishment", |a| {
                    a.help(tr.t("cohort.establishment_help"))
                })
                .mut_arg("start", |a| a.help(tr.t("form.date_help")))
                .mut_arg("end", |a| a.help(tr.t("form.date_help")))
                .mut_arg("partners", |a| a.help(tr.t("cohort.partners_help")))
                .mut_arg("target", |a| a.help(tr.t("cohort.target_help")))
                .mut_arg("json", |a| a.help(tr.t("cli.new_json")))
        })
        .mut_subcommand("session", |c| {
            c.about(tr.t("cli.new_session_about"))
                .mut_arg("cohort", |a| a.help(tr.t("cli.new_session_cohort")))
                .mut_arg("kind", |a| a.help(tr.t("cli.new_session_kind")))
                .mut_arg("date", |a| a.help(tr.t("form.date_help")))
                .mut_arg("start", |a| a.help(tr.t("form.time_help")))
                .mut_arg("place", |a| a.help(tr.t("session.place_help")))
                .mut_arg("title", |a| a.help(tr.t("session.title_help")))
                .mut_arg("interviews", |a| a.help(tr.t("settings.k_help")))
                .mut_arg("interview_minutes", |a| {
                    a.help(tr.t("settings.interview_help"))
                })
                .mut_arg("feedback_minutes", |a| {
                    a.help(tr.t("settings.feedback_help"))
                })
                .mut_arg("changeover_minutes", |a| {
                    a.help(tr.t("settings.changeover_help"))
                })
                .mut_arg("breaks", |a| a.help(tr.t("settings.breaks_help")))
                .mut_arg("warn_first", |a| a.help(tr.t("settings.warn1_help")))
                .mut_arg("warn_second", |a| a.help(tr.t("settings.warn2_help")))
                .mut_arg("criteria", |a| a.help(tr.t("settings.criteria_help")))
                .mut_arg("sectors", |a| a.help(tr.t("interest.cli_sectors")))
                .mut_arg("json", |a| a.help(tr.t("cli.new_json")))
        })
}

/// `--sectors` as typed: the sectors, or (said in `errors`) none when a word is no sector.
pub fn sectors_arg(
    tr: Tr,
    text: Option<&str>,
    errors: &mut Vec<String>,
) -> Option<Vec<crate::core::domain::Sector>> {
    match crate::core::roster::sector_list(text?) {
        Ok(mut sectors) => {
            sectors.sort();
            Some(sectors)
        }
        Err(word) => {
            errors.push(tr.tf("interest.cli_bad_sector", &[("value", &word)]));
            None
        }
    }
}

/// A session kind as typed: its code, or its French or English name, accents and case ignored.
pub fn parse_kind(text: &str) -> Option<SessionKind> {
    let wanted = fold(text).replace(['-', ' '], "_");
    SessionKind::ALL.into_iter().find(|k| {
        let key = format!("kind.{}", k.code());
        [
            k.code().to_string(),
            Tr::new(Lang::Fr).t(&key).to_string(),
            Tr::new(Lang::En).t(&key).to_string(),
        ]
        .iter()
        .any(|name| fold(name).replace(['-', ' ', '\''], "_") == wanted.replace('\'', "_"))
    })
}

/// Runs the command; returns the exit code.
pub fn run(
    store: &mut Store,
    tr: Tr,
    sets: &CriteriaSets,
    what: NewWhat,
) -> color_eyre::Result<i32> {
    let mut errors: Vec<String> = Vec::new();
    let date_arg =
        |flag: &str, text: Option<&str>, errors: &mut Vec<String>| -> Option<chrono::NaiveDate> {
            let text = text?;
            let d = parse_date(text);
            if d.is_none() {
                errors.push(tr.tf("cli.err_bad_date", &[("flag", &flag), ("value", &text)]));
            }
            d
        };
    match what {
        NewWhat::Cohort {
            name,
            establishment,
            start,
            end,
            partners,
            target,
            json,
        } => {
            let target = target.map(|t| crate::core::path::parse_target(&t));
            if matches!(target, Some(None)) {
                errors.push(tr.t("cohort.err_target").to_string());
            }
            if name.trim().is_empty() {
                errors.push(tr.t("cohort.err_name").to_string());
            }
            let start = date_arg("--start", start.as_deref(), &mut errors);
            let end = date_arg("--end", end.as_deref(), &mut errors);
            if let (Some(s), Some(e)) = (start, end)
                && e < s
            {
                errors.push(tr.t("cohort.err_end_before_start").to_string());
            }
            if !errors.is_empty() {
                return Ok(report(&errors));
            }
            let id = store.insert_cohort(&Cohort {
                id: 0,
                name: name.trim().to_string(),
                establishment: establishment.trim().to_string(),
                start_date: start,
                end_date: end,
                partners: partners.trim().to_string(),
                archived: false,
            })?;
            if let Some(Some(t)) = target {
                store.set_target_size(id, t)?;
            }
            print_created(
                json,
                id,
                &tr.tf("cli.cohort_created", &[("id", &id), ("name", &name.trim())]),
            );
            Ok(0)
        }
        NewWhat::Session {
            cohort,
            kind,
            date,
            start,
            place,
            title,
            interviews,
            interview_minutes,
            feedback_minutes,
            changeover_minutes,
            breaks,
            warn_first,
            warn_second,
            criteria,
            sectors,
            json,
        } => {
            let sectors = sectors_arg(tr, sectors.as_deref(), &mut errors);
            if store.cohort(cohort).is_err() {
                errors.push(tr.tf("cli.err_no_cohort", &[("id", &cohort)]));
            }
            let parsed_kind = parse_kind(&kind);
            if parsed_kind.is_none() {
                let known: Vec<&str> = SessionKind::ALL.iter().map(|k| k.code()).collect();
                errors.push(tr.tf(
                    "cli.err_bad_kind",
                    &[("value", &kind), ("known", &known.join(", "))],
                ));
            }
            let date = date_arg("--date", Some(&date), &mut errors);
            let start_time = match start.as_deref() {
                None => None,
                Some(t) => {
                    let parsed = parse_time(t);
                    if parsed.is_none() {
                        errors.push(
                            tr.tf("cli.err_bad_time", &[("flag", &"--start"), ("value", &t)]),
                        );
                    }
                    parsed
                }
            };
            let defaults = SessionSettings::default();
            let parsed_breaks = match breaks.as_deref() {
                None => Some(defaults.breaks.clone()),
                Some(b) => parse_breaks(b),
            };
            if parsed_breaks.is_none() {
                errors.push(tr.t("settings.err_breaks").to_string());
            }
            let settings = SessionSettings {
                interviews_per_candidate: interviews.unwrap_or(defaults.interviews_per_candidate),
                interview_minutes: interview_minutes.unwrap_or(defaults.interview_minutes),
                feedback_minutes: feedback_minutes.unwrap_or(defaults.feedback_minutes),
                changeover_minutes: changeover_minutes.unwrap_or(defaults.changeover_minutes),
                breaks: parsed_breaks.unwrap_or_default(),
                warn_first_seconds: warn_first.unwrap_or(defaults.warn_first_seconds),
                warn_second_seconds: warn_second.unwrap_or(defaults.warn_second_seconds),
                criteria_set: criteria.unwrap_or(defaults.criteria_set.clone()),
            };
            let customised = settings != defaults;
            if parsed_kind == Some(SessionKind::JobTraining) || customised {
                for e in settings.validate(sets) {
                    if e != crate::core::settings::SettingsError::Breaks || breaks.is_some() {
                        errors.push(tr.t(e.message_key()).to_string());
                    }
                }
            }
            if customised && parsed_kind.is_some() && parsed_kind != Some(SessionKind::JobTraining)
            {
                errors.push(tr.t("day.settings_job_training_only").to_string());
            }
            if sectors.is_some()
                && parsed_kind.is_some()
                && parsed_kind != Some(SessionKind::ThemedDay)
            {
                errors.push(tr.t("interest.cli_themed_only").to_string());
            }
            let (Some(kind), Some(date), true) = (parsed_kind, date, errors.is_empty()) else {
                return Ok(report(&errors));
            };
            let id = store.insert_session(&Session {
                id: 0,
                cohort_id: cohort,
                kind,
                date,
                start_time,
                place: place.trim().to_string(),
                title: title.trim().to_string(),
            })?;
            if kind == SessionKind::JobTraining {
                store.save_session_settings(id, &settings)?;
            }
            if let Some(sectors) = &sectors {
                store.set_session_sectors(id, sectors)?;
            }
            print_created(json, id, &tr.tf("cli.session_created", &[("id", &id)]));
            Ok(0)
        }
    }
}

fn report(errors: &[String]) -> i32 {
    for e in errors {
        eprintln!("passerelle: {e}");
    }
    2
}

fn print_created(json: bool, id: i64, human: &str) {
    if json {
        say!("{}", serde_json::json!({ "id": id }));
    } else {
        say!("{human}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_code_or_name_in_either_language() {
        assert_eq!(parse_kind("job_training"), Some(SessionKind::JobTraining));
        assert_eq!(parse_kind("Job training"), Some(SessionKind::JobTraining));
        assert_eq!(parse_kind("job-training"), Some(SessionKind::JobTraining));
        assert_eq!(
            parse_kind("réunion d'information"),
            Some(SessionKind::InfoMeeting)
        );
        assert_eq!(parse_kind("Grand oral"), Some(SessionKind::GrandOral));
        assert_eq!(parse_kind("themed day"), Some(SessionKind::ThemedDay));
        assert_eq!(parse_kind("pique-nique"), None);
    }
}
