//! Generated-input differential test: a deterministic generator (seeded xorshift) writes small,
//! random but syntactically valid decorated TypeScript files into a fresh directory under the
//! target directory; the Angular 8.2.14 oracle (one node process per mode) and ngc-rs collect
//! them; non-strict metadata must be byte-identical compact JSON and strict mode must refuse
//! the same files (with a diagnostic at the oracle's error node).
//!
//! Knobs (environment): `GEN_COUNT` (files, default 1200), `GEN_SEED` (base seed),
//! `GEN_FILE_SEED` (regenerate only the file with this seed, as printed on failure),
//! `GEN_SHOW` (how many differences to print in full, default 5).
//!
//! The oracle is required: without `node` or tests/oracles/ng8/node_modules the test fails
//! (run `scripts/test`, which installs the oracles).

mod common;

use std::fmt::Write as _;
use std::path::PathBuf;

use common::*;

const DEFAULT_COUNT: usize = 1200;
const DEFAULT_SEED: u64 = 0x5EED_2019_0814_0008;

/// xorshift64* — small, deterministic, no extra crate.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(if seed == 0 { 0x9E37_79B9_7F4A_7C15 } else { seed })
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// True with probability `pct` percent.
    fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// splitmix64, to derive independent per-file seeds from the base seed.
fn file_seed(base: u64, index: u64) -> u64 {
    let mut z = base.wrapping_add(index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

const ANGULAR: [&str; 12] = [
    "Component",
    "Directive",
    "Injectable",
    "NgModule",
    "Pipe",
    "Input",
    "Output",
    "Inject",
    "Optional",
    "HostListener",
    "EventEmitter",
    "forwardRef",
];
const STRINGS: [&str; 14] = [
    "'app-root'",
    "\"double\"",
    "'it\\'s'",
    "'line\\nbreak'",
    "'héllo 日本'",
    "'😀 emoji'",
    "''",
    "'a-b'",
    "'<b>{{x}}</b>'",
    "'\\u00e9'",
    "'(click)'",
    "'$event'",
    "'\\u{1F600}'",
    "'\\u{10FFFF}'",
];
const NUMBERS: [&str; 12] = ["0", "1", "2", "42", "3.5", "0.1", "1e21", "1.5e-7", "0xff", "100", "7", "255"];
const BINARY_OPS: [&str; 22] = [
    "+",
    "-",
    "*",
    "/",
    "%",
    "||",
    "&&",
    "&",
    "|",
    "^",
    "==",
    "!=",
    "===",
    "!==",
    "<",
    ">",
    "<=",
    ">=",
    "<<",
    ">>",
    ">>>",
    "instanceof",
];
const GLOBALS: [&str; 6] = ["Math", "Array", "Object", "window", "undefined", "JSON"];

/// A random TypeScript module that TypeScript 3.5 and swc both parse without errors.
struct Gen {
    rng: Rng,
    out: String,
    /// Names that can appear as identifier expressions (declared so far, imports, locals).
    names: Vec<String>,
    /// Names that read well as types.
    types: Vec<String>,
    /// Imported callables.
    callables: Vec<String>,
    counter: usize,
    has_default_export: bool,
}

impl Gen {
    fn new(seed: u64) -> Self {
        Gen {
            rng: Rng::new(seed),
            out: String::new(),
            names: Vec::new(),
            types: Vec::new(),
            callables: Vec::new(),
            counter: 0,
            has_default_export: false,
        }
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}{}", self.counter)
    }

    fn file(mut self) -> String {
        self.imports();
        let statements = 2 + self.rng.below(6);
        for _ in 0..statements {
            self.statement();
        }
        if self.rng.chance(15) && !self.names.is_empty() {
            let local = self.rng.pick(&self.names).clone();
            if !local.contains('.') {
                let alias = self.fresh("Alias");
                let _ = writeln!(self.out, "export {{{local} as {alias}}};");
            }
        }
        if self.rng.chance(10) && !self.names.is_empty() {
            let local = self.rng.pick(&self.names).clone();
            if !local.contains('.') {
                let _ = writeln!(self.out, "export {{{local}}};");
            }
        }
        if self.rng.chance(8) {
            let _ = writeln!(self.out, "export * from './reexported';");
        }
        self.out
    }

    fn imports(&mut self) {
        if self.rng.chance(5) {
            self.out.push_str("/// <amd-module name=\"@gen/module\" />\n");
        }
        self.out.push_str(&format!("import {{{}}} from '@angular/core';\n", ANGULAR.join(", ")));
        self.callables.push("forwardRef".into());
        let n = self.rng.below(3);
        for _ in 0..n {
            let m = self.fresh("dep");
            let a = self.fresh("Imp");
            let b = self.fresh("imp");
            if self.rng.chance(30) {
                let c = self.fresh("Orig");
                let _ = writeln!(self.out, "import {{{a}, {c} as {b}}} from './{m}';");
            } else {
                let _ = writeln!(self.out, "import {{{a}, {b}}} from './{m}';");
            }
            self.names.push(a.clone());
            self.types.push(a);
            self.callables.push(b.clone());
            self.names.push(b);
        }
        if self.rng.chance(30) {
            let _ = writeln!(self.out, "import * as ns from './ns';");
            self.names.push("ns".into());
            self.types.push("ns.NsType".into());
            self.callables.push("ns.make".into());
            if self.rng.chance(15) {
                let _ = writeln!(self.out, "import nsAlias = ns.inner;");
                self.names.push("nsAlias".into());
            }
        }
        if self.rng.chance(15) {
            let _ = writeln!(self.out, "import Def from './def';");
            self.names.push("Def".into());
        }
        if self.rng.chance(5) {
            let _ = writeln!(self.out, "import req = require('./req');");
            self.names.push("req".into());
        }
        self.out.push('\n');
    }

    fn statement(&mut self) {
        match self.rng.below(100) {
            0..=29 => self.const_decl(),
            30..=64 => self.class(),
            65..=72 => self.enum_decl(),
            73..=82 => self.function(),
            83..=86 => {
                let name = self.fresh("Iface");
                let export = if self.rng.chance(60) { "export " } else { "" };
                let _ = writeln!(self.out, "{export}interface {name} {{ x: string; }}\n");
                self.types.push(name);
            }
            87..=89 => {
                let name = self.fresh("TypeAlias");
                let _ = writeln!(self.out, "export type {name} = string | number;\n");
                self.types.push(name);
            }
            90..=93 => {
                let name = self.fresh("uninit");
                let export = if self.rng.chance(50) { "export " } else { "" };
                let _ = writeln!(self.out, "{export}let {name};\n");
                self.names.push(name);
            }
            94..=96 => {
                let name = self.fresh("destr");
                let export = if self.rng.chance(60) { "export " } else { "" };
                let init = self.expr(1);
                let _ = writeln!(self.out, "{export}const {{{name}}} = {init};\n");
                self.names.push(name);
            }
            _ => {
                // A non-exported class or function, referenced later.
                let name = self.fresh("Hidden");
                if self.rng.chance(50) {
                    let _ = writeln!(self.out, "class {name} {{}}\n");
                    self.types.push(name.clone());
                } else {
                    let _ = writeln!(self.out, "function {name}() {{ return 1; }}\n");
                }
                self.names.push(name);
            }
        }
    }

    fn const_decl(&mut self) {
        let export = if self.rng.chance(55) { "export " } else { "" };
        let kind = *self.rng.pick(&["const", "const", "let", "var"]);
        let name = self.fresh(if export.is_empty() { "LOCAL_" } else { "CONST_" });
        let depth = 1 + self.rng.below(3);
        let init = self.expr(depth);
        let _ = writeln!(self.out, "{export}{kind} {name} = {init};\n");
        self.names.push(name);
    }

    fn enum_decl(&mut self) {
        let export = if self.rng.chance(75) { "export " } else { "" };
        let konst = if self.rng.chance(15) { "const " } else { "" };
        let name = self.fresh("Enum");
        let _ = write!(self.out, "{export}{konst}enum {name} {{");
        let members = 1 + self.rng.below(4);
        for i in 0..members {
            let member = format!("M{i}");
            let init = match self.rng.below(10) {
                0..=4 => String::new(),
                5 | 6 => format!(" = {}", self.rng.pick(&NUMBERS[..6])),
                7 => format!(" = {}", self.rng.pick(&STRINGS[..3])),
                8 if i > 0 => format!(" = M{} << 1", i - 1),
                _ => {
                    let e = self.leaf();
                    format!(" = {e}")
                }
            };
            let quoted = self.rng.chance(5);
            let key = if quoted { format!("'{member}'") } else { member };
            let _ = write!(self.out, " {key}{init},");
        }
        self.out.push_str(" }\n\n");
        self.names.push(name);
    }

    fn function(&mut self) {
        let export = if self.rng.chance(80) { "export " } else { "" };
        let name = self.fresh("fn");
        let mut params = Vec::new();
        for i in 0..self.rng.below(3) {
            if self.rng.chance(25) {
                let d = self.leaf();
                params.push(format!("p{i} = {d}"));
            } else if self.rng.chance(10) {
                params.push(format!("{{p{i}}}"));
            } else {
                params.push(format!("p{i}"));
            }
        }
        let body = if self.rng.chance(75) {
            let saved = self.names.len();
            for i in 0..params.len() {
                self.names.push(format!("p{i}"));
            }
            let e = self.expr(2);
            self.names.truncate(saved);
            format!("return {e};")
        } else {
            "const x = 1; return x;".to_string()
        };
        let _ = writeln!(self.out, "{export}function {name}({}) {{ {body} }}\n", params.join(", "));
        self.names.push(name.clone());
        self.callables.push(name);
    }

    fn ty(&mut self) -> String {
        let base = match self.rng.below(12) {
            0 => "string".to_string(),
            1 => "number".to_string(),
            2 => "any".to_string(),
            3 => "boolean".to_string(),
            4 => self.fresh("Missing"),
            5 => (*self.rng.pick(&["() => void", "null", "undefined", "void", "object"])).to_string(),
            6 if self.rng.chance(50) && !self.types.is_empty() => {
                let t = self.rng.pick(&self.types).clone();
                if t.contains(['|', '<', ' ']) {
                    "ns.NsType<string>".to_string()
                } else if self.rng.chance(50) {
                    format!("{t}.Inner")
                } else {
                    format!("ns.Generic<{t}>")
                }
            }
            _ if !self.types.is_empty() => self.rng.pick(&self.types).clone(),
            _ => "any".to_string(),
        };
        if base.contains("=>") {
            return base;
        }
        match self.rng.below(12) {
            0 => format!("{base}[]"),
            1 => format!("Array<{base}>"),
            2 => format!("{base} | null"),
            3 => format!("{base} | undefined"),
            4 if !self.types.is_empty() => {
                let other = self.rng.pick(&self.types).clone();
                format!("{base} | {other}")
            }
            5 => format!("Map<string, {base}>"),
            _ => base,
        }
    }

    fn decorator_call(&mut self, names: &[&str]) -> String {
        let name = *self.rng.pick(names);
        let args = match self.rng.below(10) {
            0..=1 => String::new(),
            2..=7 => self.object(2),
            _ => self.expr(2),
        };
        format!("@{name}({args})")
    }

    fn class(&mut self) {
        let exported = self.rng.chance(85);
        let name = self.fresh("Class");
        if self.rng.chance(5) {
            self.out.push_str("/** @dynamic */\n");
        }
        if self.rng.chance(85) {
            for _ in 0..1 + self.rng.below(2) {
                let d = self.decorator_call(&["Component", "Directive", "Injectable", "NgModule", "Pipe"]);
                let _ = writeln!(self.out, "{d}");
            }
        }
        let export = if !exported {
            ""
        } else if !self.has_default_export && self.rng.chance(5) {
            self.has_default_export = true;
            "export default "
        } else {
            "export "
        };
        let generics = if self.rng.chance(10) { "<T, U>" } else { "" };
        let extends = if self.rng.chance(15) && !self.types.is_empty() {
            let t = self.rng.pick(&self.types).clone();
            if t.contains('|') || t.contains('<') {
                String::new()
            } else {
                format!(" extends {t}")
            }
        } else {
            String::new()
        };
        let _ = writeln!(self.out, "{export}class {name}{generics}{extends} {{");
        self.names.push(name.clone());
        self.types.push(name);
        let members = self.rng.below(6);
        let mut has_ctor = false;
        for _ in 0..members {
            match self.rng.below(10) {
                0 | 1 if !has_ctor => {
                    has_ctor = true;
                    let mut params = Vec::new();
                    for i in 0..self.rng.below(4) {
                        let deco = match self.rng.below(6) {
                            0 => {
                                let e = self.expr(1);
                                format!("@Inject({e}) ")
                            }
                            1 => "@Optional() ".to_string(),
                            _ => String::new(),
                        };
                        let vis = if self.rng.chance(20) { "private " } else { "" };
                        let ty = if self.rng.chance(85) { format!(": {}", self.ty()) } else { String::new() };
                        params.push(format!("{deco}{vis}a{i}{ty}"));
                    }
                    let _ = writeln!(self.out, "  constructor({}) {{}}", params.join(", "));
                }
                2 | 3 => {
                    let p = self.fresh("prop");
                    match self.rng.below(4) {
                        0 => {
                            let _ = writeln!(self.out, "  @Input() {p}: string;");
                        }
                        1 => {
                            let alias = self.rng.pick(&STRINGS[..3]);
                            let _ = writeln!(self.out, "  @Input({alias}) {p};");
                        }
                        2 => {
                            let _ = writeln!(self.out, "  @Output() {p} = new EventEmitter<any>();");
                        }
                        _ => {
                            let _ = writeln!(self.out, "  {p} = 1;");
                        }
                    }
                }
                4 => {
                    let m = self.fresh("method");
                    if self.rng.chance(60) {
                        let e = self.rng.pick(&STRINGS[..]).to_string();
                        let _ = writeln!(self.out, "  @HostListener({e}, ['$event'])");
                    }
                    let _ = writeln!(self.out, "  {m}(x: any) {{}}");
                }
                5 => {
                    let g = self.fresh("acc");
                    let deco = if self.rng.chance(50) { "@Input() " } else { "" };
                    let _ = writeln!(self.out, "  {deco}set {g}(v: any) {{}}\n  get {g}() {{ return 1; }}");
                }
                6 | 7 => {
                    let s = self.fresh("stat");
                    if self.rng.chance(10) {
                        let _ = writeln!(self.out, "  static {s}: string;");
                    } else {
                        let e = self.expr(2);
                        let _ = writeln!(self.out, "  static {s} = {e};");
                    }
                }
                8 => {
                    let s = self.fresh("staticFn");
                    self.names.push("param".into());
                    let e = self.expr(2);
                    self.names.pop();
                    let _ = writeln!(self.out, "  static {s}(param: any) {{ return {e}; }}");
                }
                _ => match self.rng.below(7) {
                    0 => {
                        let s = self.fresh("staticFn");
                        self.names.push("a".into());
                        let e = self.expr(2);
                        self.names.pop();
                        let _ =
                            writeln!(self.out, "  static {s}({{a}}: any, [b, c]: any[] = [], d = 1) {{ return {e}; }}");
                    }
                    1 => {
                        let s = self.fresh("sacc");
                        let _ = writeln!(self.out, "  static get {s}() {{ return 1; }}");
                    }
                    2 => {
                        let m = self.fresh("over");
                        let _ = writeln!(self.out, "  {m}(a: string): void;\n  @HostListener('x') {m}(a: any) {{}}");
                    }
                    3 => {
                        let q = self.fresh("quoted-");
                        let _ = writeln!(self.out, "  @Input() '{q}': string;\n  '{q}m'() {{}}");
                    }
                    4 => {
                        let n = self.rng.below(20);
                        let _ = writeln!(self.out, "  @Input() {n}: string;");
                    }
                    5 => {
                        let s = self.fresh("stat");
                        let e = self.expr(1);
                        let _ = writeln!(self.out, "  static '{s}' = {e};");
                    }
                    _ => {
                        let m = self.fresh("method");
                        let e = self.expr(1);
                        let this = if self.rng.chance(30) { "this: any, " } else { "" };
                        let _ = writeln!(self.out, "  m{m}({this}@Inject({e}) x: any, y: string) {{}}");
                    }
                },
            }
        }
        self.out.push_str("}\n\n");
    }

    fn object(&mut self, depth: usize) -> String {
        let n = self.rng.below(4);
        let mut props = Vec::new();
        for i in 0..n {
            let key = match self.rng.below(20) {
                0..=12 => format!("k{i}"),
                13..=15 => format!("'q-{i}'"),
                16 => format!("'{i}'"),
                17 if self.rng.chance(30) => format!("{i}"),
                18 if self.rng.chance(30) && !self.names.is_empty() => {
                    let n = self.rng.pick(&self.names).clone();
                    format!("[{n}]")
                }
                18 if self.rng.chance(40) => {
                    match self.rng.below(3) {
                        0 => {
                            let e = self.operand(depth.saturating_sub(1));
                            props.push(format!("...{e}"));
                        }
                        1 => props.push(format!("m{i}() {{ return 1; }}")),
                        _ => props.push(format!("get g{i}() {{ return 1; }}")),
                    }
                    continue;
                }
                19 if !self.names.is_empty() => {
                    let n = self.rng.pick(&self.names).clone();
                    if !n.contains('.') {
                        props.push(n);
                        continue;
                    }
                    format!("k{i}")
                }
                _ => format!("k{i}"),
            };
            let value = self.expr(depth.saturating_sub(1));
            props.push(format!("{key}: {value}"));
        }
        format!("{{{}}}", props.join(", "))
    }

    fn leaf(&mut self) -> String {
        match self.rng.below(12) {
            0..=2 => self.rng.pick(&STRINGS).to_string(),
            3..=4 => self.rng.pick(&NUMBERS).to_string(),
            5 => (*self.rng.pick(&["true", "false", "null"])).to_string(),
            6 => self.rng.pick(&GLOBALS).to_string(),
            7 => "`tpl`".to_string(),
            _ if !self.names.is_empty() => self.rng.pick(&self.names).clone(),
            _ => self.rng.pick(&NUMBERS).to_string(),
        }
    }

    /// An operand: names stay bare, anything else is parenthesised, so the text always parses as
    /// intended (`(42).length`, `-(a + b)`, `(x ? y : z).k`).
    fn operand(&mut self, depth: usize) -> String {
        let e = self.expr(depth);
        let name_like = e.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == '$')
            && e.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$' || c == '.');
        if name_like {
            e
        } else {
            format!("({e})")
        }
    }

    /// A prefix operand: like [`Gen::operand`], but plain numbers stay bare (`-42`, `~0xff`).
    fn prefix_operand(&mut self, depth: usize) -> String {
        let e = self.operand(depth);
        match e.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
            Some(inner)
                if inner.starts_with(|c: char| c.is_ascii_digit())
                    && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-') =>
            {
                inner.to_string()
            }
            _ => e,
        }
    }

    /// The target of a property access or index. Never a value that may fold to `null` or
    /// `undefined`: the original collector crashes with a TypeError on `null[0]` or
    /// `'a'.missing.length`, and a crash is no behaviour to compare.
    fn target(&mut self, depth: usize) -> String {
        match self.rng.below(6) {
            0 => {
                let e = self.expr(depth);
                format!("({{k0: {e}, name: 1}})")
            }
            1 => {
                let e = self.expr(depth);
                format!("[{e}, 2]")
            }
            2 => self.rng.pick(&STRINGS).to_string(),
            _ if !self.types.is_empty() => {
                let t = self.rng.pick(&self.types).clone();
                if t.contains(['|', '<', ' ']) {
                    "ns".to_string()
                } else {
                    t
                }
            }
            _ => self.rng.pick(&GLOBALS[..3]).to_string(),
        }
    }

    fn expr(&mut self, depth: usize) -> String {
        if depth == 0 {
            return self.leaf();
        }
        let d = depth - 1;
        match self.rng.below(100) {
            0..=19 => self.leaf(),
            20..=29 => self.object(depth),
            30..=37 => {
                let n = self.rng.below(4);
                let items: Vec<String> = (0..n)
                    .map(|_| {
                        if self.rng.chance(12) {
                            let e = self.operand(d);
                            format!("...{e}")
                        } else {
                            self.expr(d)
                        }
                    })
                    .collect();
                format!("[{}]", items.join(", "))
            }
            38..=45 => {
                let callee =
                    if self.callables.is_empty() { "make".to_string() } else { self.rng.pick(&self.callables).clone() };
                if callee == "forwardRef" {
                    let target =
                        if self.names.is_empty() { "Later".to_string() } else { self.rng.pick(&self.names).clone() };
                    return format!("forwardRef(() => {target})");
                }
                let n = self.rng.below(3);
                let args: Vec<String> = (0..n).map(|_| self.expr(d)).collect();
                format!("{callee}({})", args.join(", "))
            }
            46..=48 => {
                let target =
                    if self.types.is_empty() { "Date".to_string() } else { self.rng.pick(&self.types).clone() };
                if target.contains(['|', '<', ' ']) {
                    return "new Date()".to_string();
                }
                let arg = self.expr(d);
                format!("new {target}({arg})")
            }
            49..=53 => {
                let target = self.target(d);
                let member = *self.rng.pick(&["length", "name", "value", "member", "k0", "constructor", "toString"]);
                format!("{target}.{member}")
            }
            54..=57 => {
                let target = self.target(d);
                let index = self.expr(d);
                format!("{target}[{index}]")
            }
            58..=63 => {
                let a = self.expr(d);
                let b = self.expr(d);
                let mid = *self.rng.pick(&["", "-", " and ", "/"]);
                format!("`pre{mid}${{{a}}}{mid}${{{b}}}`")
            }
            64..=68 => {
                let op = *self.rng.pick(&["-", "+", "!", "~"]);
                let e = self.prefix_operand(d);
                format!("{op}{e}")
            }
            69..=80 => {
                let l = self.operand(d);
                let r = self.operand(d);
                let mut op = *self.rng.pick(&BINARY_OPS);
                if op.starts_with('<') && r.starts_with('(') {
                    // TypeScript 3.5 tries `a < (…` as type arguments and sometimes reports an
                    // error instead of backtracking: mirror the operator.
                    op = match op {
                        "<" => ">",
                        "<=" => ">=",
                        _ => ">>",
                    };
                }
                format!("{l} {op} {r}")
            }
            81..=85 => {
                let c = self.operand(d);
                let mut t = self.operand(d);
                if t.starts_with('(') {
                    // `c ? (x) : y` makes TypeScript 3.5 try `(x): y => …` as an arrow function
                    // with a return type, and fail on some `x`.
                    t.push_str(" as any");
                }
                let e = self.operand(d);
                format!("{c} ? {t} : {e}")
            }
            86..=87 => {
                let e = self.expr(d);
                format!("({e})")
            }
            88..=89 => {
                let e = self.operand(d);
                if self.rng.chance(50) {
                    format!("{e} as any")
                } else {
                    format!("<any>{e}")
                }
            }
            90..=92 => {
                let e = self.operand(d);
                match self.rng.below(3) {
                    0 => format!("() => {e}"),
                    1 => format!("function () {{ return {e}; }}"),
                    _ => format!("/* @dynamic */ () => {e}"),
                }
            }
            93 => {
                let tag = if self.names.is_empty() { "tag".to_string() } else { self.rng.pick(&self.names).clone() };
                format!("{tag}`x${{1}}`")
            }
            94 => {
                let name = if self.names.is_empty() { "x".to_string() } else { self.rng.pick(&self.names).clone() };
                match self.rng.below(9) {
                    0 => "/ab+c/g".to_string(),
                    1 => format!("typeof {name}"),
                    2 => "void 0".to_string(),
                    3 => format!("{name}!"),
                    4 => "this".to_string(),
                    5 if !name.contains('.') => format!("{name}++"),
                    6 => format!("delete {name}.member"),
                    7 => "class {}".to_string(),
                    _ => format!("new {name}"),
                }
            }
            95..=96 => {
                let a = self.expr(d);
                let b = self.expr(d);
                format!("[{a}].concat([{b}])")
            }
            _ => {
                let e = self.expr(d);
                format!("CONST_EXPR({e})")
            }
        }
    }
}

fn generate(seed: u64) -> String {
    Gen::new(seed).file()
}

fn env_u64(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    let v = v.trim();
    if let Some(hex) = v.strip_prefix("0x") {
        u64::from_str_radix(hex, 16).ok()
    } else {
        v.parse().ok()
    }
}

#[test]
fn generated_files_match_the_oracle() {
    require_oracle();
    let base = env_u64("GEN_SEED").unwrap_or(DEFAULT_SEED);
    let count = env_u64("GEN_COUNT").map_or(DEFAULT_COUNT, |c| c as usize);
    let show = env_u64("GEN_SHOW").map_or(5, |c| c as usize);
    let seeds: Vec<u64> = match env_u64("GEN_FILE_SEED") {
        Some(s) => vec![s],
        None => (0..count as u64).map(|i| file_seed(base, i)).collect(),
    };

    let dir: PathBuf =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("collector-generated-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the generated-input directory");

    let mut files = Vec::with_capacity(seeds.len());
    let mut texts = Vec::with_capacity(seeds.len());
    for (i, seed) in seeds.iter().enumerate() {
        let name = format!("g{i:05}.ts");
        let text = generate(*seed);
        std::fs::write(dir.join(&name), &text).expect("write a generated file");
        files.push(name);
        texts.push(text);
    }

    // Short relative names, in batches, keep the command lines short.
    let loose = run_oracle(&dir, &files, false, 1000);
    let strict = run_oracle(&dir, &files, true, 1000);
    // With ngc 8's expression lowering, as `build` writes metadata.
    let lowered = run_oracle_mode(&dir, &files, false, true, 1000);

    let mut differences = Vec::new();
    let mut syntax_errors = 0usize;
    let mut refused_by_oracle = 0usize;
    for (i, file) in files.iter().enumerate() {
        let text = &texts[i];
        let ours = collect_with(file, text, false);
        let ours_strict = collect_with(file, text, true);
        if ours.diagnostics.iter().any(|d| d.code == "NGRS1001") {
            syntax_errors += 1;
        }
        let mut problems = Vec::new();
        match &loose[file] {
            OracleResult::Metadata(expected) => {
                let actual = compact(&ours);
                if &actual != expected {
                    problems.push(format!("non-strict metadata differs:\n  oracle: {expected}\n  ngc-rs: {actual}"));
                }
            }
            OracleResult::Error(e) => problems.push(format!("the oracle threw in non-strict mode: {e}")),
        }
        let ours_lowered = collect_mode(file, text, false, true);
        match &lowered[file] {
            OracleResult::Metadata(expected) => {
                let actual = compact(&ours_lowered);
                if &actual != expected {
                    problems.push(format!("lowered metadata differs:\n  oracle: {expected}\n  ngc-rs: {actual}"));
                }
            }
            OracleResult::Error(e) => problems.push(format!("the oracle threw with lowering: {e}")),
        }
        match &strict[file] {
            OracleResult::Metadata(_) => {
                if refused(&ours_strict) {
                    problems.push(format!(
                        "strict: ngc-rs refused, the oracle accepted; ours:\n{}",
                        describe_diagnostics(text, &ours_strict)
                    ));
                }
            }
            OracleResult::Error(message) => {
                refused_by_oracle += 1;
                if !refused(&ours_strict) {
                    problems.push(format!("strict: ngc-rs accepted, the oracle refused with:\n{}", indent(message)));
                } else if let Some((line, col)) = oracle_error_position(message) {
                    if !diagnostic_positions(text, &ours_strict).contains(&(line, col)) {
                        problems.push(format!(
                            "strict: no diagnostic at the oracle's error node {line}:{col}; ours:\n{}  oracle:\n{}",
                            describe_diagnostics(text, &ours_strict),
                            indent(message)
                        ));
                    }
                }
            }
        }
        if !problems.is_empty() {
            differences.push((i, problems));
        }
    }

    eprintln!(
        "generated: {} files (base seed {base:#x}), {} agree with the oracle, {refused_by_oracle} refused by the oracle in strict mode, {syntax_errors} that ngc-rs could not parse",
        files.len(),
        files.len() - differences.len()
    );
    if differences.is_empty() {
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }
    let mut report = format!(
        "{} of {} generated files differ from the Angular 8 oracle (files kept in {}).\n",
        differences.len(),
        files.len(),
        dir.display()
    );
    for (i, problems) in differences.iter().take(show) {
        let _ = write!(
            report,
            "\n=== {} (GEN_FILE_SEED={:#x}) ===\n{}--- differences:\n{}\n",
            files[*i],
            seeds[*i],
            texts[*i],
            problems.join("\n")
        );
    }
    let rest: Vec<String> =
        differences.iter().skip(show).map(|(i, _)| format!("{}={:#x}", files[*i], seeds[*i])).collect();
    if !rest.is_empty() {
        let _ = write!(report, "\nfurther differing files (seeds): {}\n", rest.join(" "));
    }
    panic!("{report}");
}
