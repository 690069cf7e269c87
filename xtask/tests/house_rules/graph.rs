//! Import circles: strongly connected groups of files.

use std::collections::{BTreeMap, BTreeSet};

use crate::source_text::ModPath;

/// Strongly connected groups of more than one file (Tarjan's algorithm).
pub fn circles(graph: &BTreeMap<ModPath, BTreeSet<ModPath>>) -> Vec<Vec<ModPath>> {
    struct State<'g> {
        graph: &'g BTreeMap<ModPath, BTreeSet<ModPath>>,
        index: BTreeMap<ModPath, usize>,
        low: BTreeMap<ModPath, usize>,
        stack: Vec<ModPath>,
        on_stack: BTreeSet<ModPath>,
        next: usize,
        groups: Vec<Vec<ModPath>>,
    }
    fn visit(s: &mut State, v: &ModPath) {
        s.index.insert(v.clone(), s.next);
        s.low.insert(v.clone(), s.next);
        s.next += 1;
        s.stack.push(v.clone());
        s.on_stack.insert(v.clone());
        let edges: Vec<ModPath> = s.graph.get(v).into_iter().flatten().cloned().collect();
        for w in edges {
            if !s.index.contains_key(&w) {
                visit(s, &w);
                let low = s.low[v].min(s.low[&w]);
                s.low.insert(v.clone(), low);
            } else if s.on_stack.contains(&w) {
                let low = s.low[v].min(s.index[&w]);
                s.low.insert(v.clone(), low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut group = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(&w);
                let done = &w == v;
                group.push(w);
                if done {
                    break;
                }
            }
            if group.len() > 1 {
                s.groups.push(group);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        groups: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_circle_is_found_and_a_chain_is_not() {
        let m = |s: &str| vec![s.to_string()];
        let chain: BTreeMap<ModPath, BTreeSet<ModPath>> = [
            (m("a"), [m("b")].into_iter().collect()),
            (m("b"), [m("c")].into_iter().collect()),
            (m("c"), BTreeSet::new()),
        ]
        .into_iter()
        .collect();
        assert!(circles(&chain).is_empty());
        let mut looped = chain.clone();
        looped.insert(m("c"), [m("a")].into_iter().collect());
        assert_eq!(circles(&looped).len(), 1);
        assert_eq!(circles(&looped)[0].len(), 3);
    }
}
