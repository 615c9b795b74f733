//! `resolveSanitizers`: bindings to security-sensitive properties and attributes get their
//! sanitizer (`ɵɵsanitizeUrl`, …); static attributes in HTML or resource-URL contexts get a
//! trusted-constant tag (template jobs only).

use crate::error::{codes, PipelineError};
use crate::ir::*;
use crate::job::{Job, JobKind};

pub fn run(job: &mut Job<'_>) {
    let host = job.state.kind == JobKind::Host;
    let errors = &mut job.state.errors;
    let mut ambiguous = |span| {
        errors.push(PipelineError::new(
            codes::HOST,
            "AssertionError: Ambiguous security context",
            span,
        ));
    };
    for unit in &mut job.units {
        if !host {
            unit.create.for_each_mut(|op| {
                if let Op::ExtractedAttribute(a) = op {
                    match ngc_schema::trusted_constant_fn(&a.security_context) {
                        Ok(f) => a.trusted_value_fn = f.map(Expr::Core),
                        Err(_) => ambiguous(Default::default()),
                    }
                }
            });
        }
        unit.update.for_each_mut(|op| {
            let (contexts, sanitizer, span) = match op {
                Op::Property(p) | Op::TwoWayProperty(p) => {
                    (&p.security_context, &mut p.sanitizer, p.span)
                }
                Op::Attribute(a) => (&a.security_context, &mut a.sanitizer, a.span),
                Op::DomProperty(p) => (&p.security_context, &mut p.sanitizer, p.span),
                _ => return,
            };
            match ngc_schema::sanitizer_for(contexts) {
                Ok(s) => *sanitizer = s.map(|s| Expr::Core(s.function_name())),
                Err(_) => ambiguous(span),
            }
        });
    }
}
