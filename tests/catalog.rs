//! Every key the code asks for exists in both catalogs, and the README's key table is the key table.

use std::path::Path;

use passerelle::core::attendance::AttendanceStatus;
use passerelle::core::domain::{Role, Sector, SessionKind, StaffRole};
use passerelle::i18n::{Catalog, Lang, SOURCES, Tr};
use passerelle::ui::keys::{BINDINGS, markdown};
use passerelle::ui::screen::Screen;

fn catalogs() -> Vec<(Lang, Catalog)> {
    SOURCES
        .iter()
        .map(|(l, s)| (*l, Catalog::parse(s).expect("catalog parses")))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every string literal shaped like `section.key` whose section exists in the catalog: labels,
/// help lines and error keys handed around before they are translated.
fn dotted_literals(sections: &[String]) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src").as_path(),
        &mut files,
    );
    let mut keys = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for lit in text.split('"').skip(1).step_by(2) {
            let ok = lit.contains('.')
                && !lit.ends_with('.')
                && !lit.ends_with('_')
                && lit
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
            if ok && sections.iter().any(|s| lit.starts_with(&format!("{s}."))) {
                keys.push(lit.to_string());
            }
        }
    }
    keys
}

/// Literal keys in `.t("…")` and `.tf("…"` calls.
fn literal_keys() -> Vec<String> {
    let mut files = Vec::new();
    rust_files(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src").as_path(),
        &mut files,
    );
    let mut keys = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for pat in [".t(\"", ".tf(\n            \"", ".tf(\""] {
            let mut rest = text.as_str();
            while let Some(i) = rest.find(pat) {
                rest = &rest[i + pat.len()..];
                if let Some(end) = rest.find('"') {
                    keys.push(rest[..end].to_string());
                }
            }
        }
    }
    keys
}

fn dynamic_keys() -> Vec<String> {
    let mut keys = Vec::new();
    for s in AttendanceStatus::ALL {
        keys.push(format!("status.{}", s.code()));
    }
    for k in SessionKind::ALL {
        keys.push(format!("kind.{}", k.code()));
    }
    for s in Sector::ALL {
        keys.push(format!("sector.{}", s.code()));
    }
    for s in StaffRole::ALL {
        keys.push(format!("staff_role.{}", s.code()));
    }
    for r in Role::ALL {
        keys.push(format!("role.plural.{}", r.code()));
        keys.push(format!("role.one.{}", r.code()));
        keys.push(format!("att.count_{}", r.code()));
    }
    for d in 0..7 {
        keys.push(format!("date.wd{d}"));
    }
    for m in 1..=12 {
        keys.push(format!("date.mon{m}"));
    }
    for k in passerelle::core::feedback::OPINIONS {
        keys.push(format!("feedback.opinion_{k}"));
    }
    for k in passerelle::store::ConflictKind::ALL {
        keys.push(format!("sync.conflict_{}", k.code()));
    }
    for k in passerelle::core::feedback::PROPOSAL_KINDS {
        keys.push(format!("proposal.kind_{k}"));
    }
    for k in passerelle::core::feedback::PROPOSAL_STATUSES {
        keys.push(format!("proposal.status_{k}"));
    }
    for k in passerelle::core::actions::ACTION_CONDITIONS {
        keys.push(format!("action.condition_{k}"));
    }
    for k in passerelle::core::actions::ACTION_STATUSES {
        keys.push(format!("action.status_{k}"));
    }
    for k in ["none", "candidate", "professional", "staff"] {
        keys.push(format!("import.role_{k}"));
    }
    for s in Screen::ALL {
        keys.push(s.label().to_string());
    }
    for b in BINDINGS {
        keys.push(b.label.to_string());
    }
    // Follow-up (issue 20): every code of its enums has a label.
    use passerelle::core::followup as fu;
    keys.extend(
        fu::ContactKind::ALL
            .iter()
            .map(|k| format!("followup.kind_{}", k.code())),
    );
    keys.extend(
        fu::CheckItem::ALL
            .iter()
            .map(|k| format!("followup.check_{}", k.code())),
    );
    keys.extend(
        fu::CheckAnswer::ALL
            .iter()
            .map(|k| format!("followup.answer_{}", k.code())),
    );
    keys.extend(
        fu::Milestone::ALL
            .iter()
            .map(|k| format!("followup.milestone_{}", k.code())),
    );
    keys.extend(
        fu::OutcomeSource::ALL
            .iter()
            .map(|k| format!("followup.source_{}", k.code())),
    );
    keys.extend(
        fu::PairingStatus::ALL
            .iter()
            .map(|k| format!("followup.pairing_{}", k.code())),
    );
    for code in [
        "release_unknown",
        "release_soon",
        "no_contact",
        "outcome",
        "at_release",
        "overdue",
    ] {
        keys.push(format!("followup.count_{code}"));
    }
    let bad = passerelle::core::outcomes::parse_outcome_set("").unwrap_err();
    keys.push(bad.key().to_string());
    keys
}

#[test]
fn every_key_the_code_asks_for_exists_in_every_catalog() {
    let mut literal = literal_keys();
    let sections: Vec<String> = {
        let (_, fr) = &catalogs()[0];
        let mut v: Vec<String> = fr
            .keys()
            .filter_map(|k| k.split('.').next())
            .map(str::to_string)
            .collect();
        v.sort();
        v.dedup();
        v
    };
    literal.extend(dotted_literals(&sections));
    assert!(
        literal.len() > 50,
        "the scan found the calls ({})",
        literal.len()
    );
    let mut missing = Vec::new();
    for (lang, cat) in catalogs() {
        for key in literal.iter().chain(dynamic_keys().iter()) {
            if cat.get(key).is_none() {
                missing.push(format!("{lang:?}: {key}"));
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "missing keys: {missing:#?}");
}

#[test]
fn readme_key_table_is_generated_from_the_key_table() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- keys:start -->", "<!-- keys:end -->");
    let (Some(a), Some(b)) = (readme.find(start), readme.find(end)) else {
        panic!("README.md lacks the {start} … {end} markers");
    };
    let generated = markdown(Tr::new(Lang::Fr));
    let current = &readme[a + start.len()..b];
    if current != generated {
        if std::env::var_os("UPDATE_README").is_some() {
            let updated = format!("{}{generated}{}", &readme[..a + start.len()], &readme[b..]);
            std::fs::write(&path, updated).unwrap();
        } else {
            panic!(
                "README key table is out of date: run UPDATE_README=1 cargo test --test catalog"
            );
        }
    }
}

/// The placeholders of a message, `{name}` → `name`.
fn placeholders(text: &str) -> Vec<String> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .filter(|name| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        .collect()
}

/// Issue 18 point 5: a placeholder whose value ends with a full stop (an error, a name « Sté. ») is
/// never followed by a second one. Failed before: « … : Permission denied.. Rien n'a été écrit. »
#[test]
fn no_message_shows_a_double_full_stop_once_formatted() {
    for (lang, catalog) in catalogs() {
        let tr = Tr::new(lang);
        for key in catalog.keys() {
            let text = catalog.get(key).unwrap();
            if text.contains("..") {
                continue;
            }
            let names = placeholders(text);
            let args: Vec<(&str, &dyn std::fmt::Display)> = names
                .iter()
                .map(|n| (n.as_str(), &"fin." as &dyn std::fmt::Display))
                .collect();
            let shown = tr.tf(key, &args);
            assert!(!shown.contains(".."), "{lang:?} {key}: {shown}");
        }
    }
}
