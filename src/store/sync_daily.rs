//! One batch per working day (issue 23): at the first start of a day, what changed on the days
//! before becomes a batch of its own, so that a bundle carries the days apart.

use std::time::SystemTime;

use super::{Result, Store};

impl Store {
    /// Cuts the days before `now`'s into a batch when the base was last taken on an earlier day;
    /// `Some(batch)` when anything had changed. Once a day: the base's date says it is done.
    pub fn cut_daily_sync_batch(&mut self, now: chrono::NaiveDateTime) -> Result<Option<i64>> {
        let base = self.sync_base_path();
        let Some(taken) = std::fs::metadata(&base)
            .and_then(|m| m.modified())
            .ok()
            .map(|t| chrono::DateTime::<chrono::Local>::from(t).date_naive())
        else {
            // No base yet: nothing was recorded before, `ensure_sync_base` takes it.
            return Ok(None);
        };
        if taken >= now.date() {
            return Ok(None);
        }
        let cut = self.cut_sync_batch(now)?;
        if cut.is_none() {
            // Nothing changed: the base is dated today all the same, so the next start of the
            // day does not compare the whole file again.
            if let Ok(f) = std::fs::File::options().append(true).open(&base) {
                let _ = f.set_modified(SystemTime::now());
            }
        }
        Ok(cut)
    }
}
