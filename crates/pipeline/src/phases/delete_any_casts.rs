//! `deleteAnyCasts`: `$any(x)` is `x`.

use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    super::replace_builtin_calls(job, "$any", |arg| arg);
}
