//! `compileClassDebugInfo`: the `ɵsetClassDebugInfo` call ngc emits after each component.
//!
//! ```js
//! (() => { (typeof ngDevMode === "undefined" || ngDevMode) && i0.ɵsetClassDebugInfo(Foo, { className: "Foo", filePath: "app/foo.ts", lineNumber: 12 }); })();
//! ```

use ngc_output::{bool_lit, core, num, str_lit, ArrowBody, Expr};

use super::metadata::R3ClassDebugInfo;
use super::util::{dev_only_guarded, DefinitionMap};

/// `compileClassDebugInfo`.
pub fn compile_class_debug_info(info: &R3ClassDebugInfo) -> Expr {
    let mut object = DefinitionMap::new();
    object.set("className", str_lit(info.class_name.clone()));
    if let Some(path) = info.file_path.as_deref().filter(|p| !p.is_empty()) {
        object.set("filePath", str_lit(path));
        object.set("lineNumber", num(info.line_number as f64));
    }
    if info.forbid_orphan_rendering {
        object.set("forbidOrphanRendering", bool_lit(true));
    }
    let call = core("ɵsetClassDebugInfo").call(vec![info.type_expr.clone(), object.into_literal_map()]);
    Expr::Arrow { params: Vec::new(), body: ArrowBody::Block(vec![dev_only_guarded(call).to_stmt()]) }.call(Vec::new())
}
