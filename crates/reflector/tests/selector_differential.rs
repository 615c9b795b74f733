//! Differential test of `ngc_reflector::selector` against `@angular/compiler` 22.2.
//!
//! tests/fixtures/selector/cases.txt holds selectors to parse and match cases (selector lists
//! registered with ids, elements given as selectors or as template snippets); oracle.mjs runs
//! Angular's `CssSelector.parse`, `toString`, `createCssSelectorFromNode` and `SelectorMatcher`
//! over them and prints one JSON line per case. This test computes the same JSON with our code
//! and compares. For template snippets only the node Angular's template parser produced (tag,
//! attributes, bindings, template attributes) is taken from the oracle: parsing templates is
//! not this module's job; the selector built from the node and the matches are ours.
//!
//! Cases that differ on purpose are listed in tests/fixtures/selector/accepted-differences.txt
//! (`<case> ## <reason>`); a listed case that no longer differs fails the test.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use ngc_reflector::selector::{CssSelector, MatchNode, SelectorError, SelectorMatcher};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/selector")
}

/// Fails (never skips) when the oracle cannot run.
fn require_oracle() {
    let compiler = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/oracles/ng22/node_modules/@angular/compiler/fesm2022/compiler.mjs");
    assert!(
        compiler.exists(),
        "the Angular 22 oracle is not installed ({}): run `scripts/test`, which installs the oracles",
        compiler.display()
    );
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(node_ok, "`node` is not available: install Node.js and run `scripts/test`, which installs the oracles");
}

// ---------------------------------------------------------------------------------------------
// A small JSON reader and writer (the reflector has no JSON dependency).

#[derive(Debug, Clone, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    fn arr(&self) -> &[Json] {
        match self {
            Json::Arr(items) => items,
            _ => &[],
        }
    }
    fn str(&self) -> &str {
        match self {
            Json::Str(s) => s,
            _ => "",
        }
    }
    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Num(n) => out.push_str(n),
            Json::Str(s) => write_str(s, out),
            Json::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Obj(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_str(k, out);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
    fn render(&self) -> String {
        let mut s = String::new();
        self.write(&mut s);
        s
    }
}

fn write_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

struct Reader<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
}

fn parse_json(text: &str) -> Result<Json, String> {
    let mut r = Reader {
        s: text.as_bytes(),
        text,
        i: 0,
    };
    let v = r.value()?;
    r.ws();
    if r.i != r.s.len() {
        return Err(format!("trailing data at {}", r.i));
    }
    Ok(v)
}

impl Reader<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }
    fn eat(&mut self, lit: &str) -> bool {
        if self.text[self.i..].starts_with(lit) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }
    fn value(&mut self) -> Result<Json, String> {
        self.ws();
        match self.s.get(self.i) {
            Some(b'{') => {
                self.i += 1;
                let mut entries = Vec::new();
                self.ws();
                if self.eat("}") {
                    return Ok(Json::Obj(entries));
                }
                loop {
                    self.ws();
                    let key = self.string()?;
                    self.ws();
                    if !self.eat(":") {
                        return Err(format!("expected ':' at {}", self.i));
                    }
                    entries.push((key, self.value()?));
                    self.ws();
                    if self.eat("}") {
                        return Ok(Json::Obj(entries));
                    }
                    if !self.eat(",") {
                        return Err(format!("expected ',' at {}", self.i));
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.eat("]") {
                    return Ok(Json::Arr(items));
                }
                loop {
                    items.push(self.value()?);
                    self.ws();
                    if self.eat("]") {
                        return Ok(Json::Arr(items));
                    }
                    if !self.eat(",") {
                        return Err(format!("expected ',' at {}", self.i));
                    }
                }
            }
            Some(b'"') => Ok(Json::Str(self.string()?)),
            Some(_) if self.eat("null") => Ok(Json::Null),
            Some(_) if self.eat("true") => Ok(Json::Bool(true)),
            Some(_) if self.eat("false") => Ok(Json::Bool(false)),
            Some(_) => {
                let start = self.i;
                while self.i < self.s.len()
                    && matches!(
                        self.s[self.i],
                        b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'
                    )
                {
                    self.i += 1;
                }
                if start == self.i {
                    return Err(format!("unexpected character at {start}"));
                }
                Ok(Json::Num(self.text[start..self.i].to_string()))
            }
            None => Err("unexpected end".to_string()),
        }
    }
    fn hex4(&mut self) -> Result<u32, String> {
        let h = self
            .text
            .get(self.i..self.i + 4)
            .ok_or("short \\u escape")?;
        self.i += 4;
        u32::from_str_radix(h, 16).map_err(|e| e.to_string())
    }
    fn string(&mut self) -> Result<String, String> {
        if !self.eat("\"") {
            return Err(format!("expected string at {}", self.i));
        }
        let mut out = String::new();
        loop {
            let c = self.text[self.i..]
                .chars()
                .next()
                .ok_or("unterminated string")?;
            self.i += c.len_utf8();
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let e = self.text[self.i..].chars().next().ok_or("bad escape")?;
                    self.i += 1;
                    match e {
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'u' => {
                            let mut code = self.hex4()?;
                            if (0xd800..0xdc00).contains(&code) && self.eat("\\u") {
                                let low = self.hex4()?;
                                code = 0x10000
                                    + ((code - 0xd800) << 10)
                                    + (low.wrapping_sub(0xdc00) & 0x3ff);
                            }
                            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                        }
                        other => out.push(other),
                    }
                }
                c => out.push(c),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The corpus, read exactly as oracle.mjs reads it.

#[derive(Debug)]
enum Case {
    Parse {
        line: String,
        selector: String,
    },
    Match {
        line: String,
        steps: Vec<(String, String)>,
    },
}

impl Case {
    fn line(&self) -> &str {
        match self {
            Case::Parse { line, .. } | Case::Match { line, .. } => line,
        }
    }
}

fn payload(keyword: &str, rest: &str) -> String {
    if keyword.ends_with("-json") {
        match parse_json(rest) {
            Ok(Json::Str(s)) => s,
            other => panic!("bad JSON string in cases.txt: {rest} ({other:?})"),
        }
    } else {
        rest.to_string()
    }
}

fn read_cases(text: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    for raw in text.split('\n') {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let indented = line.starts_with("  ");
        let body = if indented { &line[2..] } else { line };
        let (keyword, rest) = body.split_once(' ').unwrap_or((body, ""));
        match (indented, keyword, cases.last_mut()) {
            (false, "parse" | "parse-json", _) => cases.push(Case::Parse {
                line: line.to_string(),
                selector: payload(keyword, rest),
            }),
            (false, "match", _) => cases.push(Case::Match {
                line: line.to_string(),
                steps: Vec::new(),
            }),
            (true, _, Some(Case::Match { steps, .. })) => {
                let base = keyword.strip_suffix("-json").unwrap_or(keyword);
                assert!(
                    ["sel", "lib", "css", "html"].contains(&base),
                    "unknown line: {line}"
                );
                steps.push((base.to_string(), payload(keyword, rest)));
            }
            _ => panic!("unknown line in cases.txt: {line}"),
        }
    }
    cases
}

fn read_lib(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.splitn(3, ' ');
            let _package = parts.next()?;
            Some((parts.next()?.to_string(), parts.next()?.to_string()))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Our side.

fn s(text: &str) -> Json {
    Json::Str(text.to_string())
}

fn sel_json(sel: &CssSelector) -> Json {
    Json::Obj(vec![
        (
            "element".into(),
            sel.element.as_deref().map_or(Json::Null, s),
        ),
        (
            "classNames".into(),
            Json::Arr(sel.class_names.iter().map(|c| s(c)).collect()),
        ),
        (
            "attrs".into(),
            Json::Arr(
                sel.attrs
                    .iter()
                    .map(|(n, v)| Json::Arr(vec![s(n), s(v)]))
                    .collect(),
            ),
        ),
        (
            "not".into(),
            Json::Arr(sel.not_selectors.iter().map(sel_json).collect()),
        ),
        ("str".into(), s(&sel.to_string())),
    ])
}

fn parse_json_result(selector: &str) -> Json {
    match CssSelector::parse(selector) {
        Ok(list) => Json::Obj(vec![(
            "ok".into(),
            Json::Arr(list.iter().map(sel_json).collect()),
        )]),
        Err(e) => Json::Obj(vec![("error".into(), s(&e.message()))]),
    }
}

fn matches_json(matcher: &SelectorMatcher<String>, el: &CssSelector) -> Json {
    Json::Arr(
        matcher
            .match_element(el)
            .iter()
            .map(|(sel, id)| Json::Arr(vec![s(id), s(&sel.to_string())]))
            .collect(),
    )
}

fn strings(v: Option<&Json>) -> Vec<String> {
    v.map(|a| a.arr().iter().map(|x| x.str().to_string()).collect())
        .unwrap_or_default()
}

/// Our selector for a template node Angular's parser produced (the `node` object of the oracle).
fn selector_for_node(node: &Json) -> CssSelector {
    let attributes: Vec<(String, String)> = node
        .get("attributes")
        .map(|a| {
            a.arr()
                .iter()
                .map(|p| {
                    let p = p.arr();
                    (
                        p.first().map(|x| x.str().to_string()).unwrap_or_default(),
                        p.get(1).map(|x| x.str().to_string()).unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    // Angular's BindingType: Property = 0, TwoWay = 5 take part in matching.
    let property_inputs: Vec<String> = node
        .get("inputs")
        .map(|a| {
            a.arr()
                .iter()
                .filter(|p| matches!(p.arr().get(1), Some(Json::Num(n)) if n == "0" || n == "5"))
                .map(|p| {
                    p.arr()
                        .first()
                        .map(|x| x.str().to_string())
                        .unwrap_or_default()
                })
                .collect()
        })
        .unwrap_or_default();
    let outputs = strings(node.get("outputs"));
    let template_attrs = strings(node.get("templateAttrs"));
    CssSelector::for_node(&MatchNode {
        tag_name: node.get("tag").map(Json::str).unwrap_or(""),
        is_template: node.get("template") == Some(&Json::Bool(true)),
        attributes: &attributes,
        property_inputs: &property_inputs,
        outputs: &outputs,
        template_attrs: &template_attrs,
    })
}

fn run_match(steps: &[(String, String)], oracle: &Json, lib: &[(String, String)]) -> Json {
    let mut matcher: SelectorMatcher<String> = SelectorMatcher::new();
    let mut next_id = 0;
    let oracle_elements = oracle.get("elements").map(Json::arr).unwrap_or(&[]);
    let mut cursor = 0;
    let mut elements = Vec::new();
    for (kind, text) in steps {
        match kind.as_str() {
            "sel" => {
                let list = CssSelector::parse(text).unwrap_or_else(|e| panic!("sel {text}: {e}"));
                matcher.add_selectables(&list, next_id.to_string());
                next_id += 1;
            }
            "lib" => {
                for (name, selector) in lib {
                    let list = CssSelector::parse(selector)
                        .unwrap_or_else(|e| panic!("lib {selector}: {e}"));
                    matcher.add_selectables(&list, name.clone());
                }
            }
            "css" => {
                let list = CssSelector::parse(text).unwrap_or_else(|e| panic!("css {text}: {e}"));
                for el in &list {
                    elements.push(Json::Obj(vec![
                        ("css".into(), sel_json(el)),
                        ("matches".into(), matches_json(&matcher, el)),
                    ]));
                }
            }
            _ => {
                // The nodes of this snippet, as Angular's template parser produced them; the
                // oracle's entries for earlier `css` steps are skipped (ours are computed above).
                while oracle_elements
                    .get(cursor)
                    .is_some_and(|e| e.get("css").is_some())
                {
                    cursor += 1;
                }
                while let Some(node) = oracle_elements.get(cursor).and_then(|e| e.get("node")) {
                    cursor += 1;
                    let el = selector_for_node(node);
                    elements.push(Json::Obj(vec![
                        ("node".into(), node.clone()),
                        ("selector".into(), sel_json(&el)),
                        ("matches".into(), matches_json(&matcher, &el)),
                    ]));
                }
            }
        }
    }
    Json::Obj(vec![("elements".into(), Json::Arr(elements))])
}

fn read_accepted() -> BTreeMap<String, String> {
    let text =
        std::fs::read_to_string(fixtures().join("accepted-differences.txt")).unwrap_or_default();
    let mut accepted = BTreeMap::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (case, reason) = line.rsplit_once(" ## ").unwrap_or((line, ""));
        assert!(
            !reason.trim().is_empty(),
            "accepted difference without a reason: {line}"
        );
        accepted.insert(case.to_string(), reason.to_string());
    }
    accepted
}

#[test]
fn corpus_matches_angular() {
    require_oracle();
    let dir = fixtures();
    let cases_path = dir.join("cases.txt");
    let lib_path = dir.join("angular-directives.txt");
    let cases = read_cases(&std::fs::read_to_string(&cases_path).expect("cases.txt readable"));
    let lib =
        read_lib(&std::fs::read_to_string(&lib_path).expect("angular-directives.txt readable"));
    let mut seen = std::collections::BTreeSet::new();
    for c in &cases {
        assert!(
            seen.insert(c.line().to_string()),
            "duplicate case in cases.txt: {}",
            c.line()
        );
    }

    let output = Command::new("node")
        .arg(dir.join("oracle.mjs"))
        .arg(&cases_path)
        .arg(&lib_path)
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "oracle.mjs failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("utf-8 oracle output");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.len(),
        cases.len(),
        "oracle printed a different number of cases"
    );

    let accepted = read_accepted();
    let mut problems = Vec::new();
    let (mut parse_cases, mut match_cases, mut elements, mut matched, mut differences) =
        (0, 0, 0, 0, 0);
    for (case, line) in cases.iter().zip(&lines) {
        let oracle = parse_json(line).unwrap_or_else(|e| panic!("oracle JSON: {e}: {line}"));
        let ours = match case {
            Case::Parse { selector, .. } => {
                parse_cases += 1;
                parse_json_result(selector)
            }
            Case::Match { steps, .. } => {
                match_cases += 1;
                let ours = run_match(steps, &oracle, &lib);
                for e in ours.get("elements").map(Json::arr).unwrap_or(&[]) {
                    elements += 1;
                    matched += e.get("matches").map_or(0, |m| m.arr().len());
                }
                ours
            }
        };
        let (ours, theirs) = (ours.render(), oracle.render());
        let differs = ours != theirs;
        differences += usize::from(differs);
        match (differs, accepted.contains_key(case.line())) {
            (true, false) => problems.push(format!(
                "DIFFERENT: {}\n  angular: {theirs}\n  ours:    {ours}",
                case.line()
            )),
            (false, true) => problems.push(format!(
                "NO LONGER DIFFERENT (remove from accepted-differences.txt): {}",
                case.line()
            )),
            _ => {}
        }
    }
    for key in accepted.keys() {
        if !seen.contains(key) {
            problems.push(format!(
                "accepted difference names no case of cases.txt: {key}"
            ));
        }
    }
    eprintln!(
        "selector corpus: {parse_cases} parse cases, {match_cases} match cases ({elements} elements, \
         {matched} matches); {} agree with Angular, {differences} differ ({} accepted)",
        cases.len() - differences,
        accepted.len()
    );
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(
        cases.len() >= 200,
        "the corpus should have at least 200 cases, has {}",
        cases.len()
    );
}

/// angular-directives.txt is what generate-directives.mjs produces from the installed packages.
#[test]
fn directive_list_is_current() {
    require_oracle();
    let dir = fixtures();
    let output = Command::new("node")
        .arg(dir.join("generate-directives.mjs"))
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "generate-directives.mjs failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let committed = std::fs::read_to_string(dir.join("angular-directives.txt")).expect("readable");
    assert!(
        String::from_utf8_lossy(&output.stdout) == committed,
        "angular-directives.txt is stale: run `node tests/fixtures/selector/generate-directives.mjs > tests/fixtures/selector/angular-directives.txt`"
    );
}

#[test]
fn errors_carry_angulars_messages() {
    assert_eq!(
        SelectorError::NestedNot.to_string(),
        "Nesting :not in a selector is not allowed"
    );
}
