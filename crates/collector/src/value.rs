//! The evaluator's value model: JavaScript values with object identity.
//!
//! Angular's collector builds a graph of JavaScript objects and relies on identity in two
//! places: its node map (where an entry was first recorded) and in-place mutation of symbol
//! table entries (a generic type reference adds `arguments` to the shared entry). Objects and
//! arrays are therefore reference-counted cells, and the JavaScript operators the evaluator
//! folds (`+`, `==`, `<`, `~`, …) follow JavaScript's coercion rules.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use ngc_diagnostics::Span;

use crate::json::{js_number_to_string, Json};
use crate::jsstr;
use crate::span_tree::SpanTree;

/// A JavaScript value as the collector's evaluator sees it.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Undefined,
    Null,
    Bool(bool),
    Num(f64),
    Str(Rc<str>),
    Array(Rc<RefCell<Vec<Value>>>),
    Object(Rc<RefCell<Obj>>),
    /// A built-in function reached through a prototype (`'x'.concat`, `[].constructor`), by name.
    /// `JSON.stringify` leaves it out of objects and writes `null` in arrays.
    Function(Rc<str>),
}

/// Own and inherited properties of `Object.prototype` that hold functions (Node 20).
const OBJECT_PROTOTYPE: &[&str] = &[
    "__defineGetter__", "__defineSetter__", "hasOwnProperty", "__lookupGetter__", "__lookupSetter__",
    "isPrototypeOf", "propertyIsEnumerable", "toString", "valueOf", "toLocaleString",
];

/// Methods of `String.prototype` (Node 20).
const STRING_PROTOTYPE: &[&str] = &[
    "anchor", "at", "big", "blink", "bold", "charAt", "charCodeAt", "codePointAt", "concat", "endsWith",
    "fontcolor", "fontsize", "fixed", "includes", "indexOf", "isWellFormed", "italics", "lastIndexOf", "link",
    "localeCompare", "match", "matchAll", "normalize", "padEnd", "padStart", "repeat", "replace", "replaceAll",
    "search", "slice", "small", "split", "strike", "sub", "substr", "substring", "sup", "startsWith", "toString",
    "toWellFormed", "trim", "trimStart", "trimLeft", "trimEnd", "trimRight", "toLocaleLowerCase",
    "toLocaleUpperCase", "toLowerCase", "toUpperCase", "valueOf",
];

/// Methods of `Number.prototype` (Node 20).
const NUMBER_PROTOTYPE: &[&str] = &["toExponential", "toFixed", "toPrecision", "toString", "valueOf", "toLocaleString"];

/// Methods of `Boolean.prototype`.
const BOOLEAN_PROTOTYPE: &[&str] = &["toString", "valueOf"];

/// Methods of `Array.prototype` (Node 20).
const ARRAY_PROTOTYPE: &[&str] = &[
    "at", "concat", "copyWithin", "fill", "find", "findIndex", "findLast", "findLastIndex", "lastIndexOf", "pop",
    "push", "reverse", "shift", "unshift", "slice", "sort", "splice", "includes", "indexOf", "join", "keys",
    "entries", "values", "forEach", "filter", "flat", "flatMap", "map", "every", "some", "reduce", "reduceRight",
    "toLocaleString", "toString", "toReversed", "toSorted", "toSpliced", "with",
];

/// `value[key]` for a key not among the value's own properties: what its prototype chain holds.
fn inherited(constructor: &str, methods: &[&str], key: &str) -> Value {
    match key {
        "constructor" => Value::Function(Rc::from(constructor)),
        // The prototype objects, as `JSON.stringify` and the operators see them.
        "__proto__" => match constructor {
            "String" => Value::str(""),
            "Number" => Value::Num(0.0),
            "Boolean" => Value::Bool(false),
            "Array" => Value::array(Vec::new()),
            _ => Value::new_object(),
        },
        _ if methods.contains(&key) || OBJECT_PROTOTYPE.contains(&key) => Value::Function(Rc::from(key)),
        _ => Value::Undefined,
    }
}

/// A plain JavaScript object: properties in insertion order.
#[derive(Debug, Default)]
pub(crate) struct Obj {
    pub props: Vec<(Rc<str>, Value)>,
    /// For error nodes: the source range of the node the error describes (never serialised).
    pub error_span: Option<Span>,
    /// Key → position in `props`, built once an object grows past a few keys (a module's
    /// metadata can hold hundreds of thousands of entries).
    index: Option<HashMap<Rc<str>, usize>>,
}

/// Objects with more keys than this get a key index.
const INDEX_THRESHOLD: usize = 16;

impl Obj {
    fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => self.props.iter().position(|(k, _)| &**k == key),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.position(key).map(|i| &self.props[i].1)
    }

    /// JavaScript property assignment: an existing key keeps its position.
    pub fn set(&mut self, key: &str, value: Value) {
        match self.position(key) {
            Some(i) => self.props[i].1 = value,
            None => {
                let key: Rc<str> = Rc::from(key);
                if let Some(index) = &mut self.index {
                    index.insert(key.clone(), self.props.len());
                }
                self.props.push((key, value));
                if self.index.is_none() && self.props.len() > INDEX_THRESHOLD {
                    self.index = Some(self.props.iter().enumerate().map(|(i, (k, _))| (k.clone(), i)).collect());
                }
            }
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.position(key).is_some()
    }
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    pub fn array(items: Vec<Value>) -> Value {
        Value::Array(Rc::new(RefCell::new(items)))
    }

    /// A new object from `(key, value)` pairs, in order.
    pub fn object(props: Vec<(&str, Value)>) -> Value {
        let mut obj = Obj::default();
        for (k, v) in props {
            obj.set(k, v);
        }
        Value::Object(Rc::new(RefCell::new(obj)))
    }

    pub fn new_object() -> Value {
        Value::Object(Rc::new(RefCell::new(Obj::default())))
    }

    /// `{__symbolic: 'reference', name}`.
    pub fn global_reference(name: &str) -> Value {
        Value::object(vec![("__symbolic", Value::str("reference")), ("name", Value::str(name))])
    }

    /// Identity of an object or array, for the node map.
    pub fn identity(&self) -> Option<usize> {
        match self {
            Value::Array(a) => Some(Rc::as_ptr(a) as *const () as usize),
            Value::Object(o) => Some(Rc::as_ptr(o) as *const () as usize),
            _ => None,
        }
    }

    pub fn is_undefined(&self) -> bool {
        matches!(self, Value::Undefined)
    }

    /// JavaScript `Object(value) !== value`.
    pub fn is_primitive(&self) -> bool {
        !matches!(self, Value::Array(_) | Value::Object(_) | Value::Function(_))
    }

    /// A property of an object value (`undefined` → `None`).
    pub fn prop(&self, key: &str) -> Option<Value> {
        match self {
            Value::Object(o) => o.borrow().get(key).cloned(),
            _ => None,
        }
    }

    /// Sets a property of an object value; does nothing for other values.
    pub fn set_prop(&self, key: &str, value: Value) {
        if let Value::Object(o) = self {
            o.borrow_mut().set(key, value);
        }
    }

    /// The `__symbolic` tag, when this is an object with a string tag.
    pub fn symbolic(&self) -> Option<Rc<str>> {
        match self.prop("__symbolic") {
            Some(Value::Str(s)) => Some(s),
            _ => None,
        }
    }

    pub fn is_symbolic(&self, tag: &str) -> bool {
        self.symbolic().is_some_and(|s| &*s == tag)
    }

    pub fn is_error(&self) -> bool {
        self.is_symbolic("error")
    }

    /// Whether this value is, or holds anywhere inside it, an error node.
    pub fn contains_error(&self) -> bool {
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![self.clone()];
        while let Some(value) = stack.pop() {
            if value.is_error() {
                return true;
            }
            if !value.identity().is_some_and(|id| seen.insert(id)) {
                continue;
            }
            match &value {
                Value::Array(a) => stack.extend(a.borrow().iter().cloned()),
                Value::Object(o) => stack.extend(o.borrow().props.iter().map(|(_, v)| v.clone())),
                _ => {}
            }
        }
        false
    }

    pub fn is_reference(&self) -> bool {
        self.is_symbolic("reference")
    }

    /// JavaScript truthiness of a property (`value.x` used as a condition).
    fn prop_truthy(&self, key: &str) -> bool {
        self.prop(key).is_some_and(|v| v.truthy())
    }

    /// `isMetadataGlobalReferenceExpression`: a reference with a name and no module.
    pub fn is_global_reference(&self) -> bool {
        self.prop_truthy("name") && !self.prop_truthy("module") && self.is_reference()
    }

    /// `isMetadataModuleReferenceExpression`: `{module}` without name or default.
    pub fn is_module_reference(&self) -> bool {
        self.prop_truthy("module")
            && !self.prop_truthy("name")
            && !self.prop_truthy("default")
            && self.is_reference()
    }

    /// `isMetadataImportedSymbolReferenceExpression`.
    pub fn is_imported_symbol_reference(&self) -> bool {
        self.prop_truthy("module") && self.prop_truthy("name") && self.is_reference()
    }

    /// `isMetadataImportDefaultReference`.
    pub fn is_import_default_reference(&self) -> bool {
        self.prop_truthy("module") && self.prop_truthy("default") && self.is_reference()
    }

    /// A shallow copy of an object (`{...value}`); other values are returned as they are.
    pub fn shallow_copy(&self) -> Value {
        match self {
            Value::Object(o) => {
                let src = o.borrow();
                Value::Object(Rc::new(RefCell::new(Obj {
                    props: src.props.clone(),
                    error_span: src.error_span,
                    index: src.index.clone(),
                })))
            }
            other => other.clone(),
        }
    }

    // ---- JavaScript semantics on primitives -------------------------------------------------

    pub fn truthy(&self) -> bool {
        match self {
            Value::Undefined | Value::Null => false,
            Value::Bool(b) => *b,
            Value::Num(n) => !(*n == 0.0 || n.is_nan()),
            Value::Str(s) => !s.is_empty(),
            Value::Array(_) | Value::Object(_) | Value::Function(_) => true,
        }
    }

    /// `ToNumber` for primitives.
    pub fn to_number(&self) -> f64 {
        match self {
            Value::Undefined => f64::NAN,
            Value::Null => 0.0,
            Value::Bool(b) => f64::from(u8::from(*b)),
            Value::Num(n) => *n,
            Value::Str(s) => string_to_number(s),
            Value::Array(_) | Value::Object(_) | Value::Function(_) => f64::NAN,
        }
    }

    /// `ToString` for primitives.
    pub fn to_js_string(&self) -> String {
        match self {
            Value::Undefined => "undefined".into(),
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Num(n) => js_number_to_string(*n),
            Value::Str(s) => s.to_string(),
            Value::Array(a) => a
                .borrow()
                .iter()
                .map(|v| match v {
                    Value::Undefined | Value::Null => String::new(),
                    v => v.to_js_string(),
                })
                .collect::<Vec<_>>()
                .join(","),
            Value::Object(_) => "[object Object]".into(),
            Value::Function(name) => format!("function {name}() {{ [native code] }}"),
        }
    }

    /// JavaScript `value[key]` on a folded value.
    pub fn get_member(&self, key: &str) -> Value {
        match self {
            Value::Object(o) => match o.borrow().get(key) {
                Some(value) => value.clone(),
                None => inherited("Object", &[], key),
            },
            Value::Array(a) => {
                let a = a.borrow();
                if key == "length" {
                    return Value::Num(a.len() as f64);
                }
                match array_index(key) {
                    Some(i) => a.get(i).cloned().unwrap_or(Value::Undefined),
                    None => inherited("Array", ARRAY_PROTOTYPE, key),
                }
            }
            Value::Str(s) => {
                let units = jsstr::utf16_units(s);
                if key == "length" {
                    return Value::Num(units.len() as f64);
                }
                match array_index(key) {
                    Some(i) => match units.get(i) {
                        Some(&unit) => Value::Str(Rc::from(jsstr::from_units(&[unit]))),
                        None => Value::Undefined,
                    },
                    None => inherited("String", STRING_PROTOTYPE, key),
                }
            }
            Value::Num(_) => inherited("Number", NUMBER_PROTOTYPE, key),
            Value::Bool(_) => inherited("Boolean", BOOLEAN_PROTOTYPE, key),
            Value::Function(name) if key == "name" => Value::Str(name.clone()),
            Value::Function(_) => inherited("Function", &["apply", "bind", "call"], key),
            Value::Undefined | Value::Null => Value::Undefined,
        }
    }

    /// `ToPropertyKey` for primitives.
    pub fn to_property_key(&self) -> String {
        self.to_js_string()
    }
}

/// A canonical array index (`"0"`, `"17"`; not `"01"`), as JavaScript orders object keys.
pub(crate) fn array_index(key: &str) -> Option<usize> {
    if key.is_empty() || (key.len() > 1 && key.starts_with('0')) || !key.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    key.parse::<u32>().ok().filter(|&n| n != u32::MAX).map(|n| n as usize)
}

/// JavaScript's `StringToNumber`.
fn string_to_number(s: &str) -> f64 {
    let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if t.is_empty() {
        return 0.0;
    }
    let radix = |prefix: &[&str], radix: u32| -> Option<f64> {
        let rest = prefix.iter().find_map(|p| t.strip_prefix(p))?;
        if rest.is_empty() {
            return Some(f64::NAN);
        }
        let mut value = 0f64;
        for c in rest.chars() {
            value = value * f64::from(radix) + f64::from(c.to_digit(radix)?);
        }
        Some(value)
    };
    if let Some(v) = radix(&["0x", "0X"], 16).or_else(|| radix(&["0o", "0O"], 8)).or_else(|| radix(&["0b", "0B"], 2)) {
        return v;
    }
    if t.len() >= 2 && (t.starts_with("0x") || t.starts_with("0X") || t.starts_with("0o") || t.starts_with("0O") || t.starts_with("0b") || t.starts_with("0B")) {
        return f64::NAN;
    }
    match t {
        "Infinity" | "+Infinity" => return f64::INFINITY,
        "-Infinity" => return f64::NEG_INFINITY,
        _ => {}
    }
    let valid = t
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
    if !valid || t.contains("inf") {
        return f64::NAN;
    }
    t.parse::<f64>().unwrap_or(f64::NAN)
}

/// `ToInt32`.
fn to_int32(n: f64) -> i32 {
    if !n.is_finite() {
        return 0;
    }
    let m = n.trunc().rem_euclid(4294967296.0);
    (m as u64 as u32) as i32
}

fn to_uint32(n: f64) -> u32 {
    to_int32(n) as u32
}

/// JavaScript's `+` on primitives.
pub(crate) fn js_add(left: &Value, right: &Value) -> Value {
    if matches!(left, Value::Str(_)) || matches!(right, Value::Str(_)) {
        Value::Str(Rc::from(jsstr::concat(&left.to_js_string(), &right.to_js_string())))
    } else {
        Value::Num(left.to_number() + right.to_number())
    }
}

/// JavaScript's `===` on primitives.
pub(crate) fn strict_equals(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Undefined, Value::Undefined) | (Value::Null, Value::Null) => true,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Num(a), Value::Num(b)) => a == b,
        (Value::Str(a), Value::Str(b)) => a == b,
        (Value::Array(a), Value::Array(b)) => Rc::ptr_eq(a, b),
        (Value::Object(a), Value::Object(b)) => Rc::ptr_eq(a, b),
        (Value::Function(a), Value::Function(b)) => a == b,
        _ => false,
    }
}

/// JavaScript's `==` on primitives.
pub(crate) fn loose_equals(left: &Value, right: &Value) -> bool {
    use Value::*;
    match (left, right) {
        (Undefined | Null, Undefined | Null) => true,
        (Undefined | Null, _) | (_, Undefined | Null) => false,
        (Num(_), Str(_)) | (Str(_), Num(_)) | (Bool(_), _) | (_, Bool(_)) => {
            if matches!(left, Bool(_)) {
                return loose_equals(&Num(left.to_number()), right);
            }
            if matches!(right, Bool(_)) {
                return loose_equals(left, &Num(right.to_number()));
            }
            left.to_number() == right.to_number()
        }
        _ => strict_equals(left, right),
    }
}

/// JavaScript's abstract relational comparison `left < right`; `None` is `undefined` (NaN).
fn less_than(left: &Value, right: &Value) -> Option<bool> {
    if let (Value::Str(a), Value::Str(b)) = (left, right) {
        return Some(jsstr::utf16_units(a) < jsstr::utf16_units(b));
    }
    let (a, b) = (left.to_number(), right.to_number());
    if a.is_nan() || b.is_nan() {
        None
    } else {
        Some(a < b)
    }
}

/// The binary operators that Angular's evaluator folds when both operands are primitives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FoldableOp {
    Or,
    And,
    BitAnd,
    BitOr,
    BitXor,
    Eq,
    NotEq,
    StrictEq,
    StrictNotEq,
    Lt,
    Gt,
    LtEq,
    GtEq,
    Shl,
    Shr,
    UShr,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

/// Applies a foldable operator to two primitives with JavaScript semantics.
pub(crate) fn fold_binary(op: FoldableOp, left: &Value, right: &Value) -> Value {
    use FoldableOp::*;
    let num = |f: fn(f64, f64) -> f64| Value::Num(f(left.to_number(), right.to_number()));
    let int = |f: fn(i32, i32) -> i32| Value::Num(f64::from(f(to_int32(left.to_number()), to_int32(right.to_number()))));
    match op {
        Or => if left.truthy() { left.clone() } else { right.clone() },
        And => if left.truthy() { right.clone() } else { left.clone() },
        BitAnd => int(|a, b| a & b),
        BitOr => int(|a, b| a | b),
        BitXor => int(|a, b| a ^ b),
        Eq => Value::Bool(loose_equals(left, right)),
        NotEq => Value::Bool(!loose_equals(left, right)),
        StrictEq => Value::Bool(strict_equals(left, right)),
        StrictNotEq => Value::Bool(!strict_equals(left, right)),
        Lt => Value::Bool(less_than(left, right).unwrap_or(false)),
        Gt => Value::Bool(less_than(right, left).unwrap_or(false)),
        LtEq => Value::Bool(less_than(right, left).map(|r| !r).unwrap_or(false)),
        GtEq => Value::Bool(less_than(left, right).map(|r| !r).unwrap_or(false)),
        Shl => Value::Num(f64::from(to_int32(left.to_number()).wrapping_shl(to_uint32(right.to_number()) & 31))),
        Shr => Value::Num(f64::from(to_int32(left.to_number()) >> (to_uint32(right.to_number()) & 31))),
        UShr => Value::Num(f64::from(to_uint32(left.to_number()) >> (to_uint32(right.to_number()) & 31))),
        Add => js_add(left, right),
        Sub => num(|a, b| a - b),
        Mul => num(|a, b| a * b),
        Div => num(|a, b| a / b),
        Mod => num(|a, b| a % b),
    }
}

/// Converts the value graph to the output tree as `JSON.stringify` would see it.
///
/// `undefined` properties (and built-in functions) are dropped from objects and written as
/// `null` in arrays. A cycle (which `JSON.stringify` rejects) is cut with `null` and reported
/// through `cyclic`. `span_of` gives the source node of an object or array, when it has one;
/// those spans come back as a [`SpanTree`] of the same shape as the output.
pub(crate) fn to_json(value: &Value, span_of: &dyn Fn(&Value) -> Option<Span>, cyclic: &mut bool) -> (Json, SpanTree) {
    let mut converter = ToJson { span_of, cyclic, ancestors: Vec::new() };
    let (json, spans) = converter.convert(value);
    (json, spans.unwrap_or_default())
}

struct ToJson<'a> {
    span_of: &'a dyn Fn(&Value) -> Option<Span>,
    cyclic: &'a mut bool,
    ancestors: Vec<usize>,
}

impl ToJson<'_> {
    fn convert(&mut self, value: &Value) -> (Json, Option<SpanTree>) {
        stacker::maybe_grow(64 * 1024, 4 * 1024 * 1024, || self.convert_inner(value))
    }

    fn convert_inner(&mut self, value: &Value) -> (Json, Option<SpanTree>) {
        let json = match value {
            Value::Undefined | Value::Null | Value::Function(_) => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Num(n) => Json::Number(*n),
            Value::Str(s) => Json::String(s.to_string()),
            Value::Array(_) | Value::Object(_) => return self.convert_container(value),
        };
        (json, None)
    }

    fn convert_container(&mut self, value: &Value) -> (Json, Option<SpanTree>) {
        let id = value.identity().unwrap_or(0);
        if self.ancestors.contains(&id) {
            *self.cyclic = true;
            return (Json::Null, None);
        }
        self.ancestors.push(id);
        let mut children: Vec<(String, SpanTree)> = Vec::new();
        let json = match value {
            Value::Array(a) => {
                let items = a.borrow().clone();
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let (json, spans) = self.convert(item);
                    if let Some(spans) = spans {
                        children.push((i.to_string(), spans));
                    }
                    out.push(json);
                }
                Json::Array(out)
            }
            Value::Object(o) => {
                let props = o.borrow().props.clone();
                let mut indexed: Vec<(usize, String, Json)> = Vec::new();
                let mut named: Vec<(String, Json)> = Vec::new();
                for (k, v) in &props {
                    if matches!(v, Value::Undefined | Value::Function(_)) {
                        continue;
                    }
                    let (json, spans) = self.convert(v);
                    if let Some(spans) = spans {
                        children.push((k.to_string(), spans));
                    }
                    match array_index(k) {
                        Some(i) => indexed.push((i, k.to_string(), json)),
                        None => named.push((k.to_string(), json)),
                    }
                }
                indexed.sort_by_key(|(i, _, _)| *i);
                Json::Object(indexed.into_iter().map(|(_, k, v)| (k, v)).chain(named).collect())
            }
            _ => Json::Null,
        };
        self.ancestors.pop();
        let tree = SpanTree::new((self.span_of)(value), children);
        (json, (!tree.is_empty()).then_some(tree))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn javascript_coercions() {
        let s = |x: &str| Value::str(x);
        assert_eq!(js_add(&s("a"), &Value::Num(1.0)).to_js_string(), "a1");
        assert_eq!(js_add(&Value::Bool(true), &Value::Num(1.0)).to_number(), 2.0);
        assert!(loose_equals(&Value::Num(1.0), &s("1")));
        assert!(!loose_equals(&Value::Null, &Value::Num(0.0)));
        assert!(fold_binary(FoldableOp::Sub, &s("a"), &Value::Num(1.0)).to_number().is_nan());
        assert_eq!(fold_binary(FoldableOp::UShr, &Value::Num(-1.0), &Value::Num(0.0)).to_number(), 4294967295.0);
        assert_eq!(fold_binary(FoldableOp::Shl, &Value::Num(1.0), &Value::Num(33.0)).to_number(), 2.0);
        assert_eq!(string_to_number(" 0x10 "), 16.0);
        assert!(string_to_number("1e").is_nan());
        assert_eq!(s("abc").get_member("length").to_number(), 3.0);
    }

    #[test]
    fn integer_keys_come_first() {
        let v = Value::object(vec![("b", Value::Num(1.0)), ("1", Value::Null), ("0", Value::Undefined), ("01", Value::Bool(true))]);
        let mut cyclic = false;
        let (json, _) = to_json(&v, &|_| None, &mut cyclic);
        assert_eq!(json.to_js_string(), r#"{"1":null,"b":1,"01":true}"#);
    }
}
