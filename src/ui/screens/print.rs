//! The print menu (i on Présences and Rotation): which sheet, which file; written by an effect.
//! A themed day's menu offers its attendance sheets, access list and programme.

use ratatui::crossterm::event::KeyEvent;

use crate::export::sheets::Sheet;
use crate::ui::context::{Ctx, Effect};
use crate::ui::form::{Field, Form, FormOutcome};
use crate::ui::keys::Action;

fn file_name(cx: &Ctx, code: &str) -> String {
    let date = cx
        .data
        .current_session()
        .map(|s| s.date.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    format!("{code}-{date}.html")
}

/// Opens the menu on the session in use.
pub fn open(print: &mut Option<Form>, cx: &mut Ctx) {
    let Some(session) = cx.data.current_session() else {
        cx.warn(cx.tr.t("att.no_session").to_string());
        return;
    };
    // A themed day prints its programme (issue 22), not a rotation's sheets.
    let codes: Vec<&'static str> = Sheet::for_kind(session.kind)
        .iter()
        .map(|s| s.code())
        .collect();
    let first = codes[0];
    let fields = vec![
        Field::choice(
            "sheet",
            "print.sheet",
            "expect.print_sheet_help",
            codes,
            "expect.print_sheet_",
            first,
        ),
        Field::text(
            "path",
            "oral.export_path",
            "oral.export_path_help",
            &file_name(cx, first),
            300,
        )
        .prefilled(),
    ];
    let mut form = Form::new("print.title", String::new(), fields);
    form.footnote = "form.writes_file";
    *print = Some(form);
}

/// Keys of the menu: Enter writes, Esc closes; the file name follows the sheet until typed over.
pub fn on_form_key(
    print: &mut Option<Form>,
    cx: &mut Ctx,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    let Some(form) = print.as_mut() else {
        return Vec::new();
    };
    let before = form.value("sheet");
    match form.on_key(action, key) {
        FormOutcome::Close => {
            *print = None;
            Vec::new()
        }
        FormOutcome::Confirm => {
            let Some(form) = print.take() else {
                return Vec::new();
            };
            let path = form.value("path").trim().to_string();
            let (Some(sheet), Some(session)) =
                (Sheet::parse(&form.value("sheet")), cx.data.session)
            else {
                return Vec::new();
            };
            if path.is_empty() {
                cx.warn(cx.tr.t("oral.export_no_path").to_string());
                *print = Some(form);
                return Vec::new();
            }
            vec![Effect::Print {
                session,
                sheet,
                path: path.into(),
            }]
        }
        FormOutcome::Changed => {
            let now = form.value("sheet");
            if now != before && form.value("path") == file_name(cx, &before) {
                let name = file_name(cx, &now);
                if let Some(form) = print.as_mut()
                    && let Some(f) = form.fields.iter_mut().find(|f| f.id == "path")
                {
                    *f = Field::text(
                        "path",
                        "oral.export_path",
                        "oral.export_path_help",
                        &name,
                        300,
                    )
                    .prefilled();
                }
            }
            Vec::new()
        }
        FormOutcome::Nothing => Vec::new(),
    }
}
