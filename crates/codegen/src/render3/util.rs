//! Small pieces the render3 compilers share: Angular's `DefinitionMap`, the `ngDevMode` /
//! `ngJitMode` guards, the `@ts-ignore` comment and JavaScript's property order.

use ngc_output::{array, arrow, core, str_lit, BinaryOp, Expr, ExternalRef, LeadingComment, MapEntry};

/// Angular's `DefinitionMap`: the entries of a definition object, in insertion order. Setting
/// a key again replaces its value in place; `None` values are skipped (Angular's falsy check).
#[derive(Debug, Default)]
pub struct DefinitionMap {
    entries: Vec<(String, Expr)>,
}

impl DefinitionMap {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `key` to `value`.
    pub fn set(&mut self, key: &str, value: Expr) {
        if let Some(entry) = self.entries.iter_mut().find(|(k, _)| k == key) {
            entry.1 = value;
        } else {
            self.entries.push((key.to_string(), value));
        }
    }

    /// Sets `key` when there is a value.
    pub fn set_opt(&mut self, key: &str, value: Option<Expr>) {
        if let Some(value) = value {
            self.set(key, value);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The object literal (`toLiteralMap`), keys unquoted.
    pub fn into_literal_map(self) -> Expr {
        Expr::Map(self.entries.into_iter().map(|(key, value)| MapEntry::Property { key, quoted: false, value }).collect())
    }
}

/// `guardedExpression(guard, expr)`: `(typeof guard === "undefined" || guard) && expr`.
fn guarded(guard: &str, expr: Expr) -> Expr {
    let flag = Expr::External(ExternalRef { module: None, name: guard.to_string() });
    let not_defined = Expr::Typeof(Box::new(flag.clone())).identical(str_lit("undefined"));
    not_defined.or(flag).binary(BinaryOp::And, expr)
}

/// `devOnlyGuardedExpression`: `(typeof ngDevMode === "undefined" || ngDevMode) && expr`.
pub fn dev_only_guarded(expr: Expr) -> Expr {
    guarded("ngDevMode", expr)
}

/// `jitOnlyGuardedExpression`: `(typeof ngJitMode === "undefined" || ngJitMode) && expr`.
pub fn jit_only_guarded(expr: Expr) -> Expr {
    guarded("ngJitMode", expr)
}

/// `tsIgnoreComment()`: `/* @ts-ignore */` on its own line.
pub fn ts_ignore_comment() -> LeadingComment {
    LeadingComment { text: " @ts-ignore ".to_string(), multiline: true, trailing_newline: true }
}

/// `refsToArray`: `[a, b]`, or `() => [a, b]` when some reference is a forward declaration.
pub fn refs_to_array(values: Vec<Expr>, forward_declare: bool) -> Expr {
    let list = array(values);
    if forward_declare {
        arrow(Vec::new(), list)
    } else {
        list
    }
}

/// `generateForwardRef`: `i0.forwardRef(() => expr)`.
pub fn forward_ref(expr: Expr) -> Expr {
    core("forwardRef").call(vec![arrow(Vec::new(), expr)])
}

/// Whether `key` is an array index as JavaScript orders object keys (a canonical integer
/// below 2³² − 1).
fn is_array_index(key: &str) -> bool {
    if key.is_empty() || key.len() > 10 || !key.bytes().all(|b| b.is_ascii_digit()) || (key.len() > 1 && key.starts_with('0')) {
        return false;
    }
    key.parse::<u64>().map(|n| n < u32::MAX as u64).unwrap_or(false)
}

/// The order in which JavaScript lists the keys of an object built by inserting `keys` in
/// order (`Object.keys`): array indexes ascending, then the other keys as inserted. Duplicates
/// keep their first position. Returns indexes into `keys`, the last occurrence of each key.
pub fn js_object_key_order<S: AsRef<str>>(keys: &[S]) -> Vec<usize> {
    let mut firsts: Vec<usize> = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        if !firsts.iter().any(|&j| keys[j].as_ref() == k.as_ref()) {
            firsts.push(i);
        }
    }
    let last_of = |i: usize| (0..keys.len()).rev().find(|&j| keys[j].as_ref() == keys[i].as_ref()).unwrap_or(i);
    let mut indexes: Vec<usize> = firsts.iter().copied().filter(|&i| is_array_index(keys[i].as_ref())).collect();
    indexes.sort_by_key(|&i| keys[i].as_ref().parse::<u64>().unwrap_or(0));
    let named = firsts.iter().copied().filter(|&i| !is_array_index(keys[i].as_ref()));
    indexes.into_iter().chain(named).map(last_of).collect()
}

/// `isUnsafeObjectKey`: keys with `-` or `.` are quoted.
pub fn is_unsafe_object_key(key: &str) -> bool {
    key.contains(['-', '.'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn javascript_key_order() {
        assert_eq!(js_object_key_order(&["b", "a", "b"]), vec![2, 1]);
        assert_eq!(js_object_key_order(&["x", "10", "2", "01"]), vec![2, 1, 0, 3]);
    }
}
