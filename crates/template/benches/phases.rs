//! Per-phase timing of one large template (diagnostic companion of `throughput`).
use std::time::Instant;
fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/templates/snapshots");
    let mut big = String::new();
    for f in ["todo-list.html", "control-flow.html", "legacy-syntax.html"] {
        big.push_str(&std::fs::read_to_string(dir.join(f)).unwrap_or_default());
    }
    let big = big.repeat(200);
    let t0 = Instant::now();
    let toks = ngc_template::lexer::tokenize(&big, &Default::default());
    let t1 = t0.elapsed();
    let tree = ngc_template::tree_builder::build_tree(&big, toks.tokens);
    let t2 = t0.elapsed();
    let root = ngc_template::whitespace::remove_whitespaces(tree.root_nodes);
    let t3 = t0.elapsed();
    let r = ngc_template::r3_transform::html_ast_to_r3_ast(&big, "", &root);
    let t4 = t0.elapsed();
    println!(
        "{} bytes: lex {:?} tree {:?} ws {:?} r3 {:?} ({} errors)",
        big.len(),
        t1,
        t2 - t1,
        t3 - t2,
        t4 - t3,
        r.errors.len()
    );
}
