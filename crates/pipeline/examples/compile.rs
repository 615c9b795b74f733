//! Compiles a template read from stdin and prints what ngc would emit for it: the
//! constant-pool statements, then `decls`, `vars`, `consts`, `ngContentSelectors` and the
//! template function. `--dom` selects the DOM-only mode, `--legacy` legacy optional chaining;
//! the first other argument is the component name (default `App`).
//!
//! `echo '<div [title]="x">{{y}}</div>' | cargo run -p ngc-pipeline --example compile`

use std::io::Read;

use ngc_output::print::PlainImports;
use ngc_pipeline::{compile_template, CompilationMode, ConstantPool, TemplateCompilationInput};

fn main() {
    let mut source = String::new();
    if std::io::stdin().read_to_string(&mut source).is_err() {
        eprintln!("cannot read stdin");
        std::process::exit(2);
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dom = args.iter().any(|a| a == "--dom");
    let name = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "App".to_string());
    let mut parsed = ngc_template::parse_template(&source, &ngc_template::ParseOptions::default());
    for e in &parsed.errors {
        eprintln!("parse error: {}", e.message);
    }
    let nodes = std::mem::take(&mut parsed.nodes);
    let mut input = TemplateCompilationInput::new(&name, &nodes);
    input.mode = if dom {
        CompilationMode::DomOnly
    } else {
        CompilationMode::Full
    };
    input.legacy_optional_chaining = args.iter().any(|a| a == "--legacy");
    let mut pool = ConstantPool::new();
    match compile_template(&input, &mut pool) {
        Ok(t) => {
            print!(
                "{}",
                ngc_output::print_stmts(&pool.statements, &mut PlainImports)
            );
            println!("decls: {}, vars: {}", t.decls, t.vars);
            if let Some(c) = &t.consts {
                println!(
                    "consts: {}",
                    ngc_output::print_expr(&c.to_expr(), &mut PlainImports)
                );
            }
            if let Some(s) = &t.ng_content_selectors {
                println!(
                    "ngContentSelectors: {}",
                    ngc_output::print_expr(s, &mut PlainImports)
                );
            }
            println!(
                "template: {}",
                ngc_output::print_expr(&t.template_fn, &mut PlainImports)
            );
        }
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            std::process::exit(1);
        }
    }
    ngc_template::drop_nodes(nodes);
}
