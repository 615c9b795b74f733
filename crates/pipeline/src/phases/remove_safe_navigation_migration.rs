//! `removeSafeNavigationMigration`: `$safeNavigationMigration(x)` marks `x` for the legacy
//! (null-returning) semantics of `?.`.

use crate::ir::Expr;
use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    super::replace_builtin_calls(job, "$safeNavigationMigration", |arg| {
        Expr::SafeNavigationMigration(Box::new(arg))
    });
}
