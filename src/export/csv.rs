//! CSV for French Excel: `;`-separated, CRLF line endings, UTF-8 with a BOM so accents open right.

use crate::core::feedback::rating_key;
use crate::core::summary::Summary;
use crate::i18n::Tr;

const BOM: &str = "\u{feff}";

/// A cell made inert for a spreadsheet: on one line, control and format characters dropped,
/// and a cell Excel or LibreOffice would read as a formula quoted with a leading apostrophe —
/// one starting with `=`, `+`, `-` or `@`, also behind leading spaces, tabs or line breaks
/// (OWASP's CSV injection advice: `\t=cmd` and `\r=cmd` are formulas too).
fn safe(text: &str) -> String {
    let one_line = text.replace(['\r', '\n', '\t'], " ");
    let clean = crate::core::text::sanitize(&one_line, crate::core::text::Lines::Single);
    match clean.trim_start().chars().next() {
        Some('=' | '+' | '-' | '@') => format!("'{clean}"),
        _ => clean.into_owned(),
    }
}

/// Rows as French-Excel CSV bytes (BOM, `;`, CRLF), every cell made inert.
pub(crate) fn write_rows(rows: Vec<Vec<String>>) -> Vec<u8> {
    // CRLF on every platform: what Excel writes and expects, and the same bytes from every build.
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        // The report's tables have different widths.
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    for row in rows {
        // Writing to memory cannot fail.
        let _ = w.write_record(row.iter().map(|c| safe(c)));
    }
    w.into_inner().unwrap_or_default()
}

/// The header row: column names from the catalog.
fn header(tr: Tr, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| tr.t(k).to_string()).collect()
}

fn date(s: &Summary, tr: Tr) -> String {
    tr.date_numeric(s.session.date)
}

/// One row per interview and per criterion.
pub fn ratings(s: &Summary, tr: Tr) -> Vec<u8> {
    let mut rows = vec![header(
        tr,
        &[
            "export.col_date",
            "export.col_candidate",
            "export.col_round",
            "export.col_panel",
            "export.col_criterion",
            "export.col_rating",
            "export.col_rating_word",
            "export.col_opinion",
        ],
    )];
    for c in &s.candidates {
        for (i, interview) in c.interviews.iter().enumerate() {
            for cr in &c.criteria {
                let rating = cr.ratings.get(i).copied().flatten();
                rows.push(vec![
                    date(s, tr),
                    c.name.clone(),
                    interview.round.to_string(),
                    interview.panel.clone(),
                    super::criterion_label(&cr.criterion, tr).to_string(),
                    rating.map(|r| r.to_string()).unwrap_or_default(),
                    rating
                        .map_or(tr.t("feedback.not_rated"), |r| tr.t(rating_key(r)))
                        .to_string(),
                    interview
                        .opinion
                        .as_ref()
                        .map(|o| tr.t(&format!("feedback.opinion_{o}")).to_string())
                        .unwrap_or_default(),
                ]);
            }
        }
    }
    write_rows(rows)
}

/// One row per proposal and per action item.
pub fn proposals(s: &Summary, tr: Tr) -> Vec<u8> {
    let mut rows = vec![header(
        tr,
        &[
            "export.col_type",
            "export.col_candidate",
            "export.col_kind",
            "export.col_detail",
            "export.col_by",
            "export.col_status",
            "export.col_due",
            "export.col_condition",
        ],
    )];
    for c in &s.candidates {
        for p in &c.proposals {
            let by = super::offered_by(p).unwrap_or_default();
            rows.push(vec![
                tr.t("export.type_proposal").to_string(),
                c.name.clone(),
                tr.t(&format!("proposal.kind_{}", p.kind)).to_string(),
                p.detail.clone(),
                by,
                tr.t(&format!("proposal.status_{}", p.status)).to_string(),
                String::new(),
                String::new(),
            ]);
        }
        for a in &c.actions {
            rows.push(vec![
                tr.t("export.type_action").to_string(),
                c.name.clone(),
                String::new(),
                a.what.clone(),
                a.owner.clone().unwrap_or_default(),
                tr.t(&format!("action.status_{}", a.status)).to_string(),
                a.due.map(|d| tr.date_numeric(d)).unwrap_or_default(),
                a.condition
                    .as_ref()
                    .map(|k| tr.t(&format!("action.condition_{k}")).to_string())
                    .unwrap_or_default(),
            ]);
        }
    }
    write_rows(rows)
}

/// One row per text a binôme wrote (strengths, to work on, advice), as the summary quotes them:
/// the same texts the HTML of the same audience shows, never the binômes' other notes.
pub fn texts(s: &Summary, tr: Tr) -> Vec<u8> {
    let mut rows = vec![header(
        tr,
        &[
            "export.col_date",
            "export.col_candidate",
            "export.col_round",
            "export.col_panel",
            "export.col_part",
            "export.col_text",
        ],
    )];
    for c in &s.candidates {
        let parts = [
            ("feedback.strengths", &c.strengths),
            ("feedback.to_work_on", &c.to_work_on),
            ("feedback.advice", &c.advice),
        ];
        let mut quoted: Vec<(u32, usize, &str, &str, &str)> = parts
            .iter()
            .enumerate()
            .flat_map(|(order, (label, quotes))| {
                quotes
                    .iter()
                    .map(move |q| (q.round, order, *label, q.by.as_str(), q.text.as_str()))
            })
            .collect();
        // Interview by interview, in the form's order.
        quoted.sort_by_key(|(round, order, ..)| (*round, *order));
        for (round, _, label, by, text) in quoted {
            rows.push(vec![
                date(s, tr),
                c.name.clone(),
                round.to_string(),
                by.to_string(),
                tr.t(label).to_string(),
                text.to_string(),
            ]);
        }
    }
    write_rows(rows)
}

/// The follow-up, one row per contact, checklist answer and outcome (full audience only: a
/// partner summary has none of it, so no row).
pub fn followup(s: &Summary, tr: Tr) -> Vec<u8> {
    let mut rows = vec![header(
        tr,
        &[
            "export.col_type",
            "export.col_candidate",
            "export.col_date",
            "export.col_kind",
            "export.col_detail",
            "export.col_next",
            "export.col_due",
        ],
    )];
    let joined = |parts: &[&str]| {
        parts
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · ")
    };
    for c in &s.candidates {
        let Some(f) = &c.followup else {
            continue;
        };
        for k in &f.contacts {
            let mentor = super::mentor_text(k, tr).unwrap_or_default();
            rows.push(vec![
                tr.t("export.type_contact").to_string(),
                c.name.clone(),
                tr.date_numeric(k.date),
                tr.t(&format!("followup.kind_{}", k.kind)).to_string(),
                joined(&[&mentor, &k.with_whom, &k.note]),
                k.next_step.clone(),
                k.next_date.map(|d| tr.date_numeric(d)).unwrap_or_default(),
            ]);
        }
        for e in &f.checklist {
            let answer = e
                .answer
                .as_ref()
                .map_or("—", |a| tr.t(&format!("followup.answer_{a}")));
            rows.push(vec![
                tr.t("export.type_check").to_string(),
                c.name.clone(),
                String::new(),
                tr.t(&format!("followup.check_{}", e.item)).to_string(),
                joined(&[answer, &e.note]),
                String::new(),
                String::new(),
            ]);
        }
        for o in &f.outcomes {
            let adjustment = if o.before_release {
                tr.t("followup.adjustment")
            } else {
                ""
            };
            rows.push(vec![
                tr.t("export.type_outcome").to_string(),
                c.name.clone(),
                o.start.map(|d| tr.date_numeric(d)).unwrap_or_default(),
                tr.t(&format!("followup.milestone_{}", o.milestone))
                    .to_string(),
                joined(&[tr.pick(&o.label_fr, &o.label_en), &o.employer, adjustment]),
                String::new(),
                String::new(),
            ]);
        }
    }
    write_rows(rows)
}

/// Outcomes as anonymous counts per milestone and group (both audiences; « < 3 » for partners).
pub fn outcome_counts(s: &Summary, tr: Tr) -> Vec<u8> {
    let mut rows = vec![header(
        tr,
        &[
            "export.col_milestone",
            "export.col_group",
            "export.col_count",
        ],
    )];
    for c in &s.outcome_counts {
        rows.push(vec![
            tr.t(&format!("followup.milestone_{}", c.milestone))
                .to_string(),
            tr.pick(&c.label_fr, &c.label_en).to_string(),
            super::count_text(c.count, s.audience),
        ]);
    }
    write_rows(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_lines_joined() {
        assert_eq!(safe("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(safe("-2"), "'-2");
        assert_eq!(safe("a\nb"), "a b");
        assert_eq!(safe("Très bien"), "Très bien");
    }

    #[test]
    fn formulas_behind_whitespace_or_controls_are_defused_too() {
        for cell in [
            "\t=cmd",
            "\r=cmd",
            "\n+1",
            " @SUM(1)",
            "\u{1b}=cmd",
            "\u{202e}-1",
        ] {
            let out = safe(cell);
            assert!(out.starts_with('\''), "{cell:?} → {out:?}");
            assert!(!out.chars().any(|c| c.is_control()), "{out:?}");
        }
        assert_eq!(safe("\u{1b}]0;x\u{7}ok"), "]0;xok");
    }

    #[test]
    fn output_starts_with_a_bom_and_uses_semicolons() {
        let bytes = write_rows(vec![vec!["a".into(), "b;c".into()]]);
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{feff}a;\"b;c\"\r\n");
    }

    #[test]
    fn every_line_ends_with_crlf_as_excel_expects() {
        let bytes = write_rows(vec![vec!["a".into()], vec!["b".into()]]);
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{feff}a\r\nb\r\n");
    }
}
