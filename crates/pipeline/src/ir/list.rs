//! The op list (Angular's `OpList`): a doubly linked list whose links live in an arena, so ops
//! can be inserted before or after any op, replaced and removed while the list is walked.
//!
//! Walking follows Angular's iterator: take the next id *before* handling the current op, so the
//! current op may be removed or replaced, and ops inserted next to it are not visited:
//!
//! ```text
//! let mut cursor = list.first();
//! while let Some(id) = cursor {
//!     cursor = list.next(id);
//!     // ... look at or change `list[id]` ...
//! }
//! ```

use std::ops::{Index, IndexMut};

use super::ops::Op;

/// The identity of an op within its list; stable while the op stays in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OpId(u32);

#[derive(Debug, Clone)]
struct Slot {
    op: Option<Op>,
    prev: Option<OpId>,
    next: Option<OpId>,
}

/// A list of ops.
#[derive(Debug, Clone)]
pub struct OpList {
    slots: Vec<Slot>,
    head: Option<OpId>,
    tail: Option<OpId>,
    len: usize,
    /// What the id of a removed op reads as.
    end: Op,
}

impl Default for OpList {
    fn default() -> Self {
        OpList {
            slots: Vec::new(),
            head: None,
            tail: None,
            len: 0,
            end: Op::ListEnd,
        }
    }
}

impl OpList {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn first(&self) -> Option<OpId> {
        self.head
    }

    pub fn last(&self) -> Option<OpId> {
        self.tail
    }

    pub fn next(&self, id: OpId) -> Option<OpId> {
        self.slot(id).next
    }

    pub fn prev(&self, id: OpId) -> Option<OpId> {
        self.slot(id).prev
    }

    fn slot(&self, id: OpId) -> &Slot {
        &self.slots[id.0 as usize]
    }

    fn slot_mut(&mut self, id: OpId) -> &mut Slot {
        &mut self.slots[id.0 as usize]
    }

    fn alloc(&mut self, op: Op) -> OpId {
        let id = OpId(self.slots.len() as u32);
        self.slots.push(Slot {
            op: Some(op),
            prev: None,
            next: None,
        });
        self.len += 1;
        id
    }

    /// Appends an op.
    pub fn push(&mut self, op: Op) -> OpId {
        let id = self.alloc(op);
        self.link_after(self.tail, id);
        id
    }

    /// Appends several ops in order.
    pub fn extend(&mut self, ops: impl IntoIterator<Item = Op>) {
        for op in ops {
            self.push(op);
        }
    }

    /// Inserts ops, in order, at the start of the list.
    pub fn prepend(&mut self, ops: Vec<Op>) {
        let mut after: Option<OpId> = None;
        for op in ops {
            let id = self.alloc(op);
            self.link_after(after, id);
            after = Some(id);
        }
    }

    /// Inserts `op` right before `target`.
    pub fn insert_before(&mut self, target: OpId, op: Op) -> OpId {
        let id = self.alloc(op);
        let prev = self.slot(target).prev;
        self.link_after(prev, id);
        id
    }

    /// Inserts `ops`, in order, right before `target`.
    pub fn insert_all_before(&mut self, target: OpId, ops: Vec<Op>) {
        for op in ops {
            self.insert_before(target, op);
        }
    }

    /// Inserts `op` right after `target`.
    pub fn insert_after(&mut self, target: OpId, op: Op) -> OpId {
        let id = self.alloc(op);
        self.link_after(Some(target), id);
        id
    }

    /// Inserts `op` before `target`, or at the end when `target` is `None` (the list end).
    pub fn insert_before_or_push(&mut self, target: Option<OpId>, op: Op) -> OpId {
        match target {
            Some(t) => self.insert_before(t, op),
            None => self.push(op),
        }
    }

    /// Links the unlinked op `id` after `after` (`None`: at the start).
    fn link_after(&mut self, after: Option<OpId>, id: OpId) {
        let next = match after {
            Some(a) => self.slot(a).next,
            None => self.head,
        };
        {
            let s = self.slot_mut(id);
            s.prev = after;
            s.next = next;
        }
        match after {
            Some(a) => self.slot_mut(a).next = Some(id),
            None => self.head = Some(id),
        }
        match next {
            Some(n) => self.slot_mut(n).prev = Some(id),
            None => self.tail = Some(id),
        }
    }

    /// Removes an op and returns it. Its id must not be used afterwards.
    pub fn remove(&mut self, id: OpId) -> Op {
        let (prev, next) = {
            let s = self.slot(id);
            (s.prev, s.next)
        };
        match prev {
            Some(p) => self.slot_mut(p).next = next,
            None => self.head = next,
        }
        match next {
            Some(n) => self.slot_mut(n).prev = prev,
            None => self.tail = prev,
        }
        self.len -= 1;
        let s = self.slot_mut(id);
        s.prev = None;
        s.next = None;
        s.op.take().unwrap_or(Op::ListEnd)
    }

    /// Replaces the op at `id` (keeping its place and id); returns the old op.
    pub fn replace(&mut self, id: OpId, op: Op) -> Op {
        std::mem::replace(&mut self[id], op)
    }

    /// Replaces the op at `id` by `ops` (none: removes it).
    pub fn replace_with_many(&mut self, id: OpId, ops: Vec<Op>) {
        for op in ops {
            self.insert_before(id, op);
        }
        self.remove(id);
    }

    /// The ids in list order (a snapshot).
    pub fn ids(&self) -> Vec<OpId> {
        let mut out = Vec::with_capacity(self.len);
        let mut cur = self.head;
        while let Some(id) = cur {
            out.push(id);
            cur = self.slot(id).next;
        }
        out
    }

    /// The ops in list order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            list: self,
            cursor: self.head,
        }
    }

    /// Takes every op out, leaving the list empty.
    pub fn take_all(&mut self) -> Vec<Op> {
        let ids = self.ids();
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(op) = self.slots[id.0 as usize].op.take() {
                out.push(op);
            }
        }
        *self = OpList::default();
        out
    }

    /// Calls `f` on each op in order (mutably).
    pub fn for_each_mut(&mut self, mut f: impl FnMut(&mut Op)) {
        let mut cur = self.head;
        while let Some(id) = cur {
            cur = self.next(id);
            f(&mut self[id]);
        }
    }
}

impl PartialEq for OpList {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl Index<OpId> for OpList {
    type Output = Op;
    fn index(&self, id: OpId) -> &Op {
        self.slots[id.0 as usize].op.as_ref().unwrap_or(&self.end)
    }
}

impl IndexMut<OpId> for OpList {
    fn index_mut(&mut self, id: OpId) -> &mut Op {
        match &mut self.slots[id.0 as usize].op {
            Some(op) => op,
            None => &mut self.end,
        }
    }
}

/// Iterator over the ops of a list.
pub struct Iter<'a> {
    list: &'a OpList,
    cursor: Option<OpId>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Op;
    fn next(&mut self) -> Option<&'a Op> {
        let id = self.cursor?;
        self.cursor = self.list.next(id);
        Some(&self.list[id])
    }
}

impl<'a> IntoIterator for &'a OpList {
    type Item = &'a Op;
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}
