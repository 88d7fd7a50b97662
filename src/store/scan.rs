//! A stored value of the wrong kind (a BLOB in a text column, text in a number column, a date
//! that is no date): where it sits, so the user is told the table and row instead of a backtrace.

use std::fmt;

use rusqlite::types::ValueRef;

use super::{Result, Store, StoreError};

/// Where an unreadable value sits (names of the schema only: never the value itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The table.
    pub table: String,
    /// The row's id, when known.
    pub row: Option<i64>,
    /// The column.
    pub column: String,
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.row {
            Some(r) => write!(
                f,
                "unreadable value in {}.{} row {r}",
                self.table, self.column
            ),
            None => write!(f, "unreadable value in {}.{}", self.table, self.column),
        }
    }
}

impl std::error::Error for Unreadable {}

impl Unreadable {
    /// The conversion error a row reader returns for a value it cannot use.
    pub(crate) fn error(table: &str, row: i64, column: &str, index: usize) -> rusqlite::Error {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            Box::new(Unreadable {
                table: table.into(),
                row: Some(row),
                column: column.into(),
            }),
        )
    }
}

impl StoreError {
    /// True when a stored value could not be read as what its column holds.
    pub fn is_unreadable_value(&self) -> bool {
        matches!(self, StoreError::Sqlite(e) if conversion(e))
    }

    /// The place, when the reader that failed knew it.
    pub fn unreadable_at(&self) -> Option<&Unreadable> {
        match self {
            StoreError::Sqlite(rusqlite::Error::FromSqlConversionFailure(_, _, e)) => {
                e.downcast_ref::<Unreadable>()
            }
            _ => None,
        }
    }
}

/// rusqlite's errors for a value of the wrong kind.
pub fn conversion(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::IntegralValueOutOfRange(..)
            | rusqlite::Error::Utf8Error(..)
    )
}

/// What a declared column type accepts.
fn fits(declared: &str, value: ValueRef<'_>) -> bool {
    let declared = declared.to_ascii_uppercase();
    match value {
        ValueRef::Null => true,
        ValueRef::Text(bytes) => {
            std::str::from_utf8(bytes).is_ok()
                && !declared.contains("INT")
                && !declared.contains("REAL")
        }
        ValueRef::Integer(_) => !declared.contains("TEXT") && !declared.contains("CHAR"),
        ValueRef::Real(_) => {
            declared.contains("REAL") || declared.contains("NUM") || declared.is_empty()
        }
        ValueRef::Blob(_) => declared.contains("BLOB") || declared.is_empty(),
    }
}

impl Store {
    /// The first value whose kind does not fit its column's declared type, scanning every table
    /// (run only after a read failed, so its cost does not matter).
    pub fn find_unreadable(&self) -> Result<Option<Unreadable>> {
        let tables: Vec<String> = self
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for table in tables {
            let columns: Vec<(String, String)> = self
                .conn
                .prepare(&format!("PRAGMA table_info(\"{table}\")"))?
                .query_map([], |r| Ok((r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let list = columns
                .iter()
                .map(|(c, _)| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ");
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT rowid, {list} FROM \"{table}\""))?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let id = row.get_ref(0)?.as_i64().ok();
                for (i, (column, declared)) in columns.iter().enumerate() {
                    if !fits(declared, row.get_ref(i + 1)?) {
                        return Ok(Some(Unreadable {
                            table: table.clone(),
                            row: id,
                            column: column.clone(),
                        }));
                    }
                }
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_types_accept_what_sqlite_affinity_stores() {
        assert!(fits("TEXT", ValueRef::Text(b"Yanis")));
        assert!(!fits("TEXT", ValueRef::Blob(&[0, 0xff])));
        assert!(!fits("TEXT", ValueRef::Text(&[0xff, 0xfe])));
        assert!(fits("INTEGER", ValueRef::Integer(3)));
        assert!(!fits("INTEGER", ValueRef::Text(b"trois")));
        assert!(fits("REAL", ValueRef::Integer(3)));
        assert!(fits("", ValueRef::Blob(&[1])));
    }
}
