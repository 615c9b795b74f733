//! `resolveForeignContent`: content blocks of selectorless ("foreign") components into
//! templates.
//!
//! Selectorless components are not compiled (ingestion reports `@content` blocks as NGRS5003),
//! so there are no content ops to resolve.

use crate::job::Job;

pub fn run(_job: &mut Job<'_>) {}
