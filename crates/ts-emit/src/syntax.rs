//! Small facts about source text and expressions: scanning past trivia and modifier keywords,
//! tsc's parenthesizer rules for expressions whose parentheses the emitter removes, and
//! JavaScript number and string formatting.

use swc_ecma_ast::*;

/// TypeScript's white space and line breaks.
pub(crate) fn is_ws(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{a0}' | '\u{feff}' | '\u{85}' | '\u{1680}' | '\u{2000}'
            ..='\u{200b}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// Skips white space and comments forward from `pos`.
pub(crate) fn skip_trivia(src: &str, mut pos: usize) -> usize {
    while pos < src.len() {
        let rest = &src[pos..];
        if rest.starts_with("//") {
            pos += rest.find('\n').unwrap_or(rest.len());
        } else if let Some(body) = rest.strip_prefix("/*") {
            pos += body.find("*/").map(|i| i + 4).unwrap_or(rest.len());
        } else if let Some(c) = rest.chars().next().filter(|&c| is_ws(c)) {
            pos += c.len_utf8();
        } else {
            break;
        }
    }
    pos
}

/// Skips white space (not comments) backward from `pos`.
pub(crate) fn skip_ws_back(src: &str, mut pos: usize) -> usize {
    while pos > 0 {
        match src[..pos].chars().next_back() {
            Some(c) if is_ws(c) => pos -= c.len_utf8(),
            _ => break,
        }
    }
    pos
}

pub(crate) fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// The identifier-like word at `pos`, if any.
pub(crate) fn word_at(src: &str, pos: usize) -> &str {
    let rest = src.get(pos..).unwrap_or("");
    let len = rest.find(|c: char| !is_ident_char(c)).unwrap_or(rest.len());
    &rest[..len]
}

/// The ranges of TypeScript-only modifier keywords (`public`, `private`, `protected`,
/// `readonly`, `override`, `declare`, `abstract`) in `lo..hi`, each with the white space after
/// it; `skip` are ranges (decorators) passed over.
pub(crate) fn ts_modifiers(src: &str, lo: usize, hi: usize, skip: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = lo;
    while pos < hi {
        pos = skip_trivia(src, pos);
        if let Some(&(_, end)) = skip.iter().find(|&&(s, e)| s <= pos && pos < e) {
            pos = end;
            continue;
        }
        if pos >= hi {
            break;
        }
        let word = word_at(src, pos);
        if word.is_empty() {
            break;
        }
        let end = pos + word.len();
        if matches!(word, "public" | "private" | "protected" | "readonly" | "override" | "declare" | "abstract") {
            // The region stops before the member's name, so these words are modifiers.
            out.push((pos, skip_trivia(src, end).min(hi)));
        }
        pos = end;
    }
    out
}

/// Where tsc's parenthesizer looks at an expression whose own parentheses were removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// Any expression but a comma sequence (arguments, elements, initializers, assignments).
    Free,
    /// Object of a member access, tag of a tagged template, `extends` clause.
    Access,
    Callee,
    NewCallee,
    /// Operand of a prefix or postfix operator, `await`, `typeof`, `delete`, `void`.
    Unary,
    BinaryLeft(BinaryOp),
    BinaryRight(BinaryOp),
    ConditionTest,
    /// The expression body of an arrow function.
    ArrowBody,
    /// Anywhere a comma sequence is fine (a parenthesized expression, expression statements).
    Sequence,
}

fn binary_precedence(op: BinaryOp) -> u8 {
    use BinaryOp::*;
    match op {
        NullishCoalescing => 4,
        LogicalOr => 5,
        LogicalAnd => 6,
        BitOr => 7,
        BitXor => 8,
        BitAnd => 9,
        EqEq | NotEq | EqEqEq | NotEqEq => 10,
        Lt | LtEq | Gt | GtEq | In | InstanceOf => 11,
        LShift | RShift | ZeroFillRShift => 12,
        Add | Sub => 13,
        Mul | Div | Mod => 14,
        Exp => 15,
    }
}

/// Skips TypeScript-only wrappers (assertions, `!`, `satisfies`, instantiations) the emitter
/// removes.
pub(crate) fn skip_ts_wrappers(mut e: &Expr) -> &Expr {
    loop {
        e = match e {
            Expr::TsAs(x) => &x.expr,
            Expr::TsTypeAssertion(x) => &x.expr,
            Expr::TsConstAssertion(x) => &x.expr,
            Expr::TsSatisfies(x) => &x.expr,
            Expr::TsNonNull(x) => &x.expr,
            Expr::TsInstantiation(x) => &x.expr,
            _ => return e,
        }
    }
}

/// The precedence of an emitted expression (higher binds tighter).
fn precedence(e: &Expr) -> u8 {
    match skip_ts_wrappers(e) {
        Expr::Seq(_) => 0,
        Expr::Arrow(_) | Expr::Yield(_) | Expr::Assign(_) => 2,
        Expr::Cond(_) => 3,
        Expr::Bin(b) => binary_precedence(b.op),
        Expr::Unary(_) | Expr::Await(_) => 16,
        Expr::Update(u) => {
            if u.prefix {
                16
            } else {
                17
            }
        }
        Expr::New(n) if n.args.is_none() => 18,
        Expr::Call(_)
        | Expr::Member(_)
        | Expr::SuperProp(_)
        | Expr::OptChain(_)
        | Expr::New(_)
        | Expr::TaggedTpl(_) => 19,
        _ => 20,
    }
}

/// The leftmost sub-expression of `e`, as tsc's `getLeftmostExpression` finds it.
pub(crate) fn leftmost(e: &Expr) -> &Expr {
    let e = skip_ts_wrappers(e);
    match e {
        Expr::Member(m) => leftmost(&m.obj),
        Expr::Call(c) => match &c.callee {
            Callee::Expr(callee) => leftmost(callee),
            _ => e,
        },
        Expr::TaggedTpl(t) => leftmost(&t.tag),
        Expr::Bin(b) => leftmost(&b.left),
        Expr::Cond(c) => leftmost(&c.test),
        Expr::Seq(s) => s.exprs.first().map(|x| leftmost(x)).unwrap_or(e),
        Expr::Update(u) if !u.prefix => leftmost(&u.arg),
        Expr::Assign(a) => match &a.left {
            AssignTarget::Simple(SimpleAssignTarget::Member(m)) => leftmost(&m.obj),
            _ => e,
        },
        Expr::OptChain(o) => match &*o.base {
            OptChainBase::Member(m) => leftmost(&m.obj),
            OptChainBase::Call(c) => leftmost(&c.callee),
        },
        _ => e,
    }
}

/// Whether `inner` needs parentheses in `slot` (tsc's parenthesizer rules).
pub(crate) fn needs_parens(slot: Slot, inner: &Expr) -> bool {
    let bare = skip_ts_wrappers(inner);
    let prec = precedence(bare);
    match slot {
        Slot::Sequence => false,
        Slot::Free => prec == 0,
        Slot::ConditionTest => prec <= 3,
        Slot::Unary => prec < 16,
        Slot::Access | Slot::Callee => prec < 19 || matches!(bare, Expr::OptChain(_)),
        Slot::NewCallee => {
            if prec < 19 || matches!(bare, Expr::OptChain(_)) {
                return true;
            }
            let mut e = bare;
            loop {
                e = match skip_ts_wrappers(e) {
                    Expr::Call(_) => return true,
                    Expr::Member(m) => &m.obj,
                    Expr::TaggedTpl(t) => &t.tag,
                    Expr::New(n) => return n.args.is_none(),
                    _ => return false,
                }
            }
        }
        Slot::ArrowBody => prec == 0 || matches!(leftmost(bare), Expr::Object(_)),
        Slot::BinaryLeft(op) | Slot::BinaryRight(op) => {
            let op_prec = binary_precedence(op);
            if let Expr::Bin(b) = bare {
                let mixes_nullish = (op == BinaryOp::NullishCoalescing) != (b.op == BinaryOp::NullishCoalescing)
                    && matches!(op, BinaryOp::NullishCoalescing | BinaryOp::LogicalOr | BinaryOp::LogicalAnd)
                    && matches!(b.op, BinaryOp::NullishCoalescing | BinaryOp::LogicalOr | BinaryOp::LogicalAnd);
                if mixes_nullish {
                    return true;
                }
            }
            if prec < op_prec {
                return true;
            }
            if prec > op_prec {
                // tsc does not parenthesize a unary operand left of `**` (`-x ** 2`).
                return false;
            }
            match slot {
                Slot::BinaryLeft(_) => op == BinaryOp::Exp,
                _ => {
                    let same = matches!(bare, Expr::Bin(b) if b.op == op);
                    !(same && matches!(op, BinaryOp::Mul | BinaryOp::BitOr | BinaryOp::BitAnd | BinaryOp::BitXor))
                }
            }
        }
    }
}

/// JavaScript's `Number.prototype.toString()` of a finite or non-finite number.
pub(crate) fn js_number(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    if v == 0.0 {
        return "0".into();
    }
    if v < 0.0 {
        return format!("-{}", js_number(-v));
    }
    // Shortest round-trip digits and exponent.
    let sci = format!("{v:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let exp: i32 = exp.parse().unwrap_or(0);
    let k = digits.len() as i32;
    let n = exp + 1;
    if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let sign = if n > 0 { "+" } else { "-" };
        let e = (n - 1).abs();
        if k == 1 {
            format!("{digits}e{sign}{e}")
        } else {
            format!("{}.{}e{sign}{e}", &digits[..1], &digits[1..])
        }
    }
}

/// A double-quoted JavaScript string literal.
pub(crate) fn js_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_javascript_does() {
        assert_eq!(js_number(10.0), "10");
        assert_eq!(js_number(0.5), "0.5");
        assert_eq!(js_number(1e21), "1e+21");
        assert_eq!(js_number(1.5e-7), "1.5e-7");
        assert_eq!(js_number(123456.789), "123456.789");
        assert_eq!(js_number(-3.0), "-3");
        assert_eq!(js_number(0.000001), "0.000001");
    }
}
