//! Source spans of metadata nodes, kept in the shape of the metadata tree.
//!
//! Only branches that lead to a span are stored, so the tree is at most as large as the
//! metadata (a map of JSON pointers would grow with the square of the nesting depth).

use ngc_diagnostics::Span;

/// The span of a metadata node and the spans below it, by property name or array index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpanTree {
    pub span: Option<Span>,
    /// Children by key, sorted by key.
    children: Vec<(String, SpanTree)>,
}

impl SpanTree {
    pub(crate) fn new(span: Option<Span>, mut children: Vec<(String, SpanTree)>) -> Self {
        children.sort_by(|a, b| a.0.cmp(&b.0));
        SpanTree { span, children }
    }

    pub fn is_empty(&self) -> bool {
        self.span.is_none() && self.children.is_empty()
    }

    fn child(&self, key: &str) -> Option<&SpanTree> {
        self.children.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok().map(|i| &self.children[i].1)
    }

    /// The span of the node at a JSON pointer (RFC 6901, `/metadata/App/decorators/0`), or of
    /// its nearest ancestor that has one.
    pub fn lookup(&self, pointer: &str) -> Option<Span> {
        let mut node = self;
        let mut found = self.span;
        for segment in pointer.split('/').skip(1) {
            let key = segment.replace("~1", "/").replace("~0", "~");
            match node.child(&key) {
                Some(child) => {
                    node = child;
                    found = child.span.or(found);
                }
                None => break,
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_falls_back_to_the_nearest_ancestor() {
        let leaf = SpanTree::new(Some(Span::new(5, 6)), vec![]);
        let mid = SpanTree::new(None, vec![("a/b".into(), leaf)]);
        let root = SpanTree::new(Some(Span::new(0, 9)), vec![("0".into(), mid)]);
        assert_eq!(root.lookup("/0/a~1b"), Some(Span::new(5, 6)));
        assert_eq!(root.lookup("/0/zzz/1"), Some(Span::new(0, 9)));
        assert_eq!(root.lookup(""), Some(Span::new(0, 9)));
    }
}
