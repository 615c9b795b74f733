//! A generator of random *valid* templates for the differential test: nested elements, bindings,
//! listeners, local references, structural directives, control-flow blocks, `@let`, pipes and
//! literals, reading only names that are in scope (template variables, references, `@let`s
//! declared earlier, component members). Deterministic for a seed.

/// xorshift64*.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545f4914f6cdd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const MEMBERS: &[&str] = &[
    "title", "items", "user", "count", "active", "value", "config", "list",
];
const PIPES: &[&str] = &["json", "uppercase", "async", "p"];
const TAGS: &[&str] = &["div", "span", "section", "button", "a", "my-cmp"];

/// The generator state: names in scope, fresh-name counter.
pub struct Generator {
    rng: Rng,
    counter: usize,
    /// Names readable at the current point (innermost last).
    scope: Vec<String>,
    /// Inside a `@defer` block: no pipes or directives (they would be deferred dependencies,
    /// which the test does not compute).
    in_defer: bool,
}

impl Generator {
    pub fn new(seed: u64) -> Self {
        Generator {
            rng: Rng::new(seed),
            counter: 0,
            scope: Vec::new(),
            in_defer: false,
        }
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}{}", self.counter)
    }

    /// A name to read: a scope name or a component member.
    fn name(&mut self) -> String {
        if !self.scope.is_empty() && self.rng.chance(55) {
            let i = self.rng.below(self.scope.len());
            return self.scope[i].clone();
        }
        self.rng.pick(MEMBERS).to_string()
    }

    /// A binding expression (no pipes when `pipes` is false).
    fn expr(&mut self, depth: usize, pipes: bool) -> String {
        let n = self.name();
        if depth > 2 {
            return n;
        }
        match self.rng.below(14) {
            0 => format!("{n}.{}", self.rng.pick(MEMBERS)),
            1 => format!("{n}?.{}", self.rng.pick(MEMBERS)),
            2 => format!(
                "fn({}, {})",
                self.expr(depth + 1, pipes),
                self.expr(depth + 1, pipes)
            ),
            3 if pipes && !self.in_defer => format!(
                "({} | {})",
                self.expr(depth + 1, pipes),
                self.rng.pick(PIPES)
            ),
            4 => format!("[{}, 1, 'x']", self.expr(depth + 1, pipes)),
            5 => format!("{{k: {}, n: 2}}", self.expr(depth + 1, pipes)),
            6 => format!(
                "{} ? {} : {}",
                n,
                self.expr(depth + 1, pipes),
                self.expr(depth + 1, pipes)
            ),
            7 => format!("{n} ?? 'none'"),
            8 => format!("!{n}"),
            9 => format!("{n} + {}", self.expr(depth + 1, pipes)),
            10 => format!("{n}[0]"),
            11 => format!("$any({n}).x"),
            12 => format!("`t-${{{n}}}`"),
            _ => n,
        }
    }

    fn handler(&mut self) -> String {
        match self.rng.below(5) {
            0 => format!("go({})", self.expr(1, false)),
            1 => format!("{} = $event", self.rng.pick(MEMBERS)),
            2 => format!("a($event); b({})", self.name()),
            3 => format!("{}?.run()", self.name()),
            _ => "toggle()".to_string(),
        }
    }

    fn attributes(&mut self, refs: &mut Vec<String>) -> String {
        let mut out = String::new();
        for _ in 0..self.rng.below(4) {
            let attr = match self.rng.below(12) {
                0 => " class=\"c1 c2\"".to_string(),
                1 => format!(" id=\"{}\"", self.fresh("id")),
                2 => format!(" [title]=\"{}\"", self.expr(0, true)),
                3 => format!(" [class.on]=\"{}\"", self.expr(0, true)),
                4 => format!(" [style.width.px]=\"{}\"", self.expr(0, true)),
                5 => format!(" [attr.aria-label]=\"{}\"", self.expr(0, true)),
                6 => format!(" (click)=\"{}\"", self.handler()),
                7 => format!(" title=\"a {{{{ {} }}}} b\"", self.expr(0, true)),
                8 => {
                    let r = self.fresh("ref");
                    refs.push(r.clone());
                    format!(" #{r}")
                }
                9 => format!(" [(value)]=\"{}\"", self.rng.pick(MEMBERS)),
                10 => " style=\"color: red\"".to_string(),
                _ => format!(" [hidden]=\"{}\"", self.expr(0, true)),
            };
            out.push_str(&attr);
        }
        out
    }

    /// Nodes with `budget` elements at most, at nesting `depth`.
    pub fn nodes(&mut self, depth: usize, budget: &mut usize) -> String {
        let mut out = String::new();
        let count = 1 + self.rng.below(3);
        // Names declared in this sibling list stay visible to later siblings (and their children).
        let mark = self.scope.len();
        for _ in 0..count {
            if *budget == 0 {
                break;
            }
            *budget -= 1;
            out.push_str(&self.node(depth, budget));
        }
        self.scope.truncate(mark);
        out
    }

    fn children(&mut self, depth: usize, budget: &mut usize) -> String {
        if depth >= 4 || *budget == 0 {
            format!("{{{{ {} }}}}", self.expr(0, true))
        } else {
            self.nodes(depth + 1, budget)
        }
    }

    fn node(&mut self, depth: usize, budget: &mut usize) -> String {
        match self.rng.below(16) {
            0 => "text ".to_string(),
            1 => format!("{{{{ {} }}}}", self.expr(0, true)),
            2 => {
                let name = self.fresh("let");
                let value = self.expr(0, true);
                self.scope.push(name.clone());
                format!("@let {name} = {value};")
            }
            3 => {
                let cond = self.expr(0, true);
                let body = self.with_scope(&[], |g| g.children(depth, budget));
                let other = if self.rng.chance(50) {
                    format!(
                        " @else {{{}}}",
                        self.with_scope(&[], |g| g.children(depth, budget))
                    )
                } else {
                    String::new()
                };
                format!("@if ({cond}) {{{body}}}{other}")
            }
            4 => {
                let alias = self.fresh("v");
                let cond = self.expr(0, true);
                let body = self.with_scope(std::slice::from_ref(&alias), |g| g.children(depth, budget));
                format!("@if ({cond}; as {alias}) {{{body}}}")
            }
            5 => {
                let item = self.fresh("item");
                let index = self.fresh("i");
                let collection = self.expr(1, true);
                let track = if self.rng.chance(50) {
                    format!("{item}.id")
                } else {
                    "$index".to_string()
                };
                let body = self.with_scope(
                    &[
                        item.clone(),
                        index.clone(),
                        "$index".into(),
                        "$count".into(),
                    ],
                    |g| g.children(depth, budget),
                );
                let empty = if self.rng.chance(40) {
                    " @empty {none}".to_string()
                } else {
                    String::new()
                };
                format!("@for ({item} of {collection}; track {track}; let {index} = $index) {{{body}}}{empty}")
            }
            6 => {
                let subject = self.expr(0, true);
                let a = self.with_scope(&[], |g| g.children(depth, budget));
                let b = self.with_scope(&[], |g| g.children(depth, budget));
                format!("@switch ({subject}) {{ @case (1) {{{a}}} @case ('x') {{{b}}} @default {{d}} }}")
            }
            7 => {
                let item = self.fresh("it");
                let index = self.fresh("ix");
                let collection = self.expr(1, true);
                let tag = self.rng.pick(TAGS);
                let mut refs = Vec::new();
                let attrs =
                    self.with_scope(&[item.clone(), index.clone()], |g| g.attributes(&mut refs));
                let mut names = vec![item.clone(), index.clone()];
                names.extend(refs);
                let body = self.with_scope(&names, |g| g.children(depth, budget));
                format!("<{tag} *ngFor=\"let {item} of {collection}; let {index} = index\"{attrs}>{body}</{tag}>")
            }
            8 => {
                let cond = self.expr(0, true);
                let tag = self.rng.pick(TAGS);
                let body = self.with_scope(&[], |g| g.children(depth, budget));
                format!("<{tag} *ngIf=\"{cond}\">{body}</{tag}>")
            }
            9 => {
                let var = self.fresh("t");
                let body = self.with_scope(std::slice::from_ref(&var), |g| g.children(depth, budget));
                format!("<ng-template let-{var}>{body}</ng-template>")
            }
            10 => {
                let body = self.children(depth, budget);
                format!("<ng-container>{body}</ng-container>")
            }
            11 => {
                let outer = std::mem::replace(&mut self.in_defer, true);
                let body = self.with_scope(&[], |g| g.children(depth, budget));
                self.in_defer = outer;
                format!("@defer (on idle) {{{body}}} @placeholder {{<span>p</span>}}")
            }
            // (`[ngModel]` matches a directive of the Full-mode module, a deferred dependency in
            // a `@defer` block.)
            12 if !self.in_defer => {
                format!(
                    "<input [(ngModel)]=\"{}\" (keyup.enter)=\"{}\">",
                    self.rng.pick(MEMBERS),
                    self.handler()
                )
            }
            _ => {
                let tag = self.rng.pick(TAGS);
                let mut refs = Vec::new();
                let attrs = self.attributes(&mut refs);
                let body = self.with_scope(&refs, |g| g.children(depth, budget));
                // References are visible to the element's later siblings too.
                self.scope.extend(refs);
                format!("<{tag}{attrs}>{body}</{tag}>")
            }
        }
    }

    /// Runs `f` with `names` added to the scope.
    fn with_scope<T>(&mut self, names: &[String], f: impl FnOnce(&mut Self) -> T) -> T {
        let mark = self.scope.len();
        self.scope.extend(names.iter().cloned());
        let out = f(self);
        self.scope.truncate(mark);
        out
    }
}

/// `count` templates as a corpus file (`#### generated-<n>` cases).
pub fn corpus(seed: u64, count: usize) -> String {
    let mut out =
        String::from("# Generated by crates/pipeline/tests/generate (random valid templates).\n");
    for n in 0..count {
        let mut g = Generator::new(seed.wrapping_add((n as u64).wrapping_mul(0x9e3779b97f4a7c15)));
        let mut budget = 12;
        let template = g.nodes(0, &mut budget);
        out.push_str(&format!("#### generated-{n}\n{template}\n"));
    }
    out
}
