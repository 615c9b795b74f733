//! Angular's `SelectorMatcher`, as `@angular/compiler` 22.2 has it, over the selectors of
//! [`ngc_template::selector`] (re-exported here: [`CssSelector`], [`MatchNode`],
//! [`SelectorError`], [`is_ng_template`]).
//!
//! [`SelectorMatcher`] finds the registered selectors an element matches, calling back in
//! Angular's order (element, then classes, then attributes; partial matches recursively) and
//! suppressing repeated matches of one comma list as Angular's `alreadyMatched` flag does.
//!
//! Nothing here panics on input; maps are ordered (`BTreeMap`) and only ever looked up, so
//! results depend on registration order alone.

use std::collections::BTreeMap;

pub use ngc_template::selector::{is_ng_template, CssSelector, MatchNode, SelectorError};

/// A registered selector: Angular's `SelectorContext`.
#[derive(Debug, Clone)]
struct Selectable<T> {
    selector: CssSelector,
    context: T,
    /// Index of the comma list this selector belongs to, when the list has several selectors.
    list: Option<usize>,
    /// Matches the `:not(...)` parts; `None` when there are none.
    not_matcher: Option<Box<SelectorMatcher<()>>>,
}

/// One level of Angular's matcher maps. Partial entries name the nested level (an index into
/// [`SelectorMatcher::levels`]) instead of owning it, so that a selector with thousands of parts
/// builds no deep recursive structure.
#[derive(Debug, Clone, Default)]
struct Level {
    element_map: BTreeMap<String, Vec<usize>>,
    element_partial_map: BTreeMap<String, usize>,
    class_map: BTreeMap<String, Vec<usize>>,
    class_partial_map: BTreeMap<String, usize>,
    attr_value_map: BTreeMap<String, BTreeMap<String, Vec<usize>>>,
    attr_value_partial_map: BTreeMap<String, BTreeMap<String, usize>>,
}

/// Angular's `SelectorMatcher`: register selector lists with a context, then find which of
/// them an element's selector matches.
#[derive(Debug, Clone)]
pub struct SelectorMatcher<T> {
    /// `levels[0]` is the matcher itself; the others are Angular's nested partial matchers.
    levels: Vec<Level>,
    selectables: Vec<Selectable<T>>,
    /// Number of comma lists (Angular's `_listContexts`).
    list_count: usize,
}

impl<T> Default for SelectorMatcher<T> {
    fn default() -> Self {
        SelectorMatcher {
            levels: vec![Level::default()],
            selectables: Vec::new(),
            list_count: 0,
        }
    }
}

/// A step of a match, in the order Angular's recursive `match` performs them.
#[derive(Clone, Copy)]
enum Step {
    /// Match against the maps of this level (Angular's nested `match` call).
    Level(usize),
    /// Angular's `SelectorContext.finalize` for this selectable.
    Finalize(usize),
}

/// The mutable state of one `match` call: the `alreadyMatched` flags and the matches found.
struct MatchRun {
    already_matched: Vec<bool>,
    found: Vec<usize>,
}

impl<T: Clone> SelectorMatcher<T> {
    /// An empty matcher.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers the selectors of one list (one directive's selector) with `context`. A list
    /// of several selectors reports at most one match per [`SelectorMatcher::match_element`].
    pub fn add_selectables(&mut self, selectors: &[CssSelector], context: T) {
        let list = if selectors.len() > 1 {
            self.list_count += 1;
            Some(self.list_count - 1)
        } else {
            None
        };
        for selector in selectors {
            self.add_selectable(selector, context.clone(), list);
        }
    }

    /// The level `map[name]` leads to, created when missing (Angular's `_addPartial`).
    fn partial(
        &mut self,
        level: usize,
        pick: impl FnOnce(&mut Level) -> &mut BTreeMap<String, usize>,
        name: &str,
    ) -> usize {
        let fresh = self.levels.len();
        let Some(current) = self.levels.get_mut(level) else {
            return 0;
        };
        let next = *pick(current).entry(name.to_string()).or_insert(fresh);
        if next == fresh {
            self.levels.push(Level::default());
        }
        next
    }

    fn add_selectable(&mut self, selector: &CssSelector, context: T, list: Option<usize>) {
        let index = self.selectables.len();
        let not_matcher = if selector.not_selectors.is_empty() {
            None
        } else {
            let mut m = SelectorMatcher::<()>::new();
            m.add_selectables(&selector.not_selectors, ());
            Some(Box::new(m))
        };
        self.selectables.push(Selectable {
            selector: selector.clone(),
            context,
            list,
            not_matcher,
        });

        let mut level = 0;
        let attrs = &selector.attrs;
        let classes = &selector.class_names;
        if let Some(element) = selector.element.as_deref().filter(|e| !e.is_empty()) {
            if attrs.is_empty() && classes.is_empty() {
                if let Some(l) = self.levels.get_mut(level) {
                    l.element_map
                        .entry(element.to_string())
                        .or_default()
                        .push(index);
                }
            } else {
                level = self.partial(level, |l| &mut l.element_partial_map, element);
            }
        }
        for (i, class) in classes.iter().enumerate() {
            if attrs.is_empty() && i == classes.len() - 1 {
                if let Some(l) = self.levels.get_mut(level) {
                    l.class_map.entry(class.clone()).or_default().push(index);
                }
            } else {
                level = self.partial(level, |l| &mut l.class_partial_map, class);
            }
        }
        for (i, (name, value)) in attrs.iter().enumerate() {
            if i == attrs.len() - 1 {
                if let Some(l) = self.levels.get_mut(level) {
                    let values = l.attr_value_map.entry(name.clone()).or_default();
                    values.entry(value.clone()).or_default().push(index);
                }
            } else {
                level = self.partial(
                    level,
                    |l| l.attr_value_partial_map.entry(name.clone()).or_default(),
                    value,
                );
            }
        }
    }

    /// Every registered `(selector, context)` that `element` matches, in the order Angular's
    /// `SelectorMatcher.match` calls its callback (a selector can appear more than once when
    /// Angular calls back more than once, e.g. for `*` values or repeated classes).
    pub fn match_element(&self, element: &CssSelector) -> Vec<(CssSelector, T)> {
        let mut run = MatchRun {
            already_matched: vec![false; self.list_count],
            found: Vec::new(),
        };
        self.run(element, &mut run, true);
        run.found
            .into_iter()
            .filter_map(|i| self.selectables.get(i))
            .map(|s| (s.selector.clone(), s.context.clone()))
            .collect()
    }

    /// True when any registered selector matches `element` (what Angular's not-matcher reports).
    pub fn matches_any(&self, element: &CssSelector) -> bool {
        let mut run = MatchRun {
            already_matched: vec![false; self.list_count],
            found: Vec::new(),
        };
        self.run(element, &mut run, false)
    }

    /// Angular's recursive `match`, with an explicit stack: a level expands into its steps
    /// (terminal matches become `Finalize` steps, partial matches nested `Level` steps), pushed
    /// in reverse so they run in Angular's order. Returns whether any `finalize` succeeded.
    fn run(&self, el: &CssSelector, run: &mut MatchRun, report: bool) -> bool {
        let mut result = false;
        let mut stack = vec![Step::Level(0)];
        let mut steps = Vec::new();
        while let Some(step) = stack.pop() {
            match step {
                Step::Finalize(index) => result |= self.finalize(index, el, run, report),
                Step::Level(level) => {
                    let Some(level) = self.levels.get(level) else {
                        continue;
                    };
                    steps.clear();
                    expand(level, el, &mut steps);
                    stack.extend(steps.iter().rev());
                }
            }
        }
        result
    }

    /// Angular's `SelectorContext.finalize`.
    fn finalize(&self, index: usize, el: &CssSelector, run: &mut MatchRun, report: bool) -> bool {
        let Some(selectable) = self.selectables.get(index) else {
            return false;
        };
        let list_done = selectable
            .list
            .is_some_and(|l| run.already_matched.get(l).copied().unwrap_or(false));
        let mut result = true;
        if let Some(not_matcher) = &selectable.not_matcher {
            if !list_done {
                result = !not_matcher.matches_any(el);
            }
        }
        if result && report && !list_done {
            if let Some(flag) = selectable.list.and_then(|l| run.already_matched.get_mut(l)) {
                *flag = true;
            }
            run.found.push(index);
        }
        result
    }
}

/// The steps of Angular's `match` on one level, in order: element, then each class, then each
/// attribute; for each, the terminal selectables (those under the name, then those under `*`)
/// and the nested partial level. An attribute with a value also matches selectors written
/// without one (`[a]` matches `a="x"`), looked up first.
fn expand(level: &Level, el: &CssSelector, steps: &mut Vec<Step>) {
    fn terminal(map: Option<&BTreeMap<String, Vec<usize>>>, name: &str, steps: &mut Vec<Step>) {
        if let Some(map) = map {
            let named = map.get(name).map(Vec::as_slice).unwrap_or_default();
            let star = map.get("*").map(Vec::as_slice).unwrap_or_default();
            steps.extend(named.iter().chain(star).map(|&i| Step::Finalize(i)));
        }
    }
    fn partial(next: Option<&usize>, steps: &mut Vec<Step>) {
        if let Some(&next) = next {
            steps.push(Step::Level(next));
        }
    }
    if let Some(element) = el.element.as_deref() {
        terminal(Some(&level.element_map), element, steps);
        partial(level.element_partial_map.get(element), steps);
    }
    for class in &el.class_names {
        terminal(Some(&level.class_map), class, steps);
        partial(level.class_partial_map.get(class), steps);
    }
    for (name, value) in &el.attrs {
        let terminals = level.attr_value_map.get(name);
        if !value.is_empty() {
            terminal(terminals, "", steps);
        }
        terminal(terminals, value, steps);
        let partials = level.attr_value_partial_map.get(name);
        if !value.is_empty() {
            partial(partials.and_then(|p| p.get("")), steps);
        }
        partial(partials.and_then(|p| p.get(value)), steps);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_reports_once() {
        let mut m = SelectorMatcher::new();
        m.add_selectables(&CssSelector::parse("[a],[b]").unwrap_or_default(), 1);
        let el = CssSelector::parse("div[a][b]").unwrap_or_default();
        assert_eq!(m.match_element(&el[0]).len(), 1);
    }
}
