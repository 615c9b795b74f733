//! `convertAnimations`: `animate.enter`/`animate.leave` bindings into animation ops.
//!
//! Animations are not compiled yet: ingestion reports them (NGRS5002) and creates no animation
//! binding ops, so there is nothing to convert.

use crate::job::Job;

pub fn run(_job: &mut Job<'_>) {}
