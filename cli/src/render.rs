//! Rendering problems to stderr with miette's graphical handler: a code frame, the label and
//! the help line. Colours are used only when stderr is a terminal and `NO_COLOR` is unset.

use std::io::{IsTerminal, Write};

use miette::{GraphicalReportHandler, GraphicalTheme};

use crate::diagnostics::Problem;

/// Writes every problem to stderr, in order.
pub fn render(problems: &[Problem]) {
    if problems.is_empty() {
        return;
    }
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(2);
    let mut out = String::new();
    for problem in problems {
        let report = problem.diagnostic.to_report(problem.source.as_ref());
        if handler.render_report(&mut out, report.as_ref()).is_err() {
            out.push_str(&format!(
                "error[{}]: {}\n",
                problem.diagnostic.code, problem.diagnostic.message
            ));
        }
        out.push('\n');
    }
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(out.as_bytes());
}
