//! Angular 22's template pipeline: a component template (Render3 AST) or a host-binding set
//! becomes the template function, `decls`/`vars`, the `consts` array and the constant-pool
//! entries that ngc emits.
