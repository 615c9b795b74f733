//! `generateBoundaryConditions` and `resolveBoundaries`: the update expression of `@boundary`
//! blocks and the reads of their state.
//!
//! `@boundary` is not compiled yet (ingestion reports it as NGRS5003), so there are no boundary
//! ops.

use crate::job::Job;

pub fn generate_boundary_conditions(_job: &mut Job<'_>) {}

pub fn run(_job: &mut Job<'_>) {}
