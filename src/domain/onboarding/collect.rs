//! Collecting into B-tree maps and sets by inserting one entry after the other.
//!
//! Their `FromIterator` first sorts the input (a stable sort instantiated for each element
//! type, about 3 KB of wasm each, a dozen of them in the page) to build the tree in bulk; for
//! the handful of entries the page collects (ticks, endpoint overrides, a JSON object's
//! members) inserting costs nothing noticeable and links no sort.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

/// A map of the entries (a later entry with the same key wins, as with `collect`).
pub fn map_by_insertion<K: Ord, V>(entries: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (key, value) in entries {
        map.insert(key, value);
    }
    map
}

/// A set of the items.
pub fn set_by_insertion<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

/// A JSON object of the members.
pub fn object_by_insertion(
    members: impl IntoIterator<Item = (String, Value)>,
) -> Map<String, Value> {
    let mut object = Map::new();
    for (name, value) in members {
        object.insert(name, value);
    }
    object
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insertion_gives_what_collect_gives() {
        let entries = [(3, "c"), (1, "a"), (2, "b"), (1, "z")];
        assert_eq!(
            map_by_insertion(entries),
            entries.into_iter().collect::<BTreeMap<_, _>>()
        );
        assert_eq!(
            set_by_insertion([5, 1, 3, 1]),
            [5, 1, 3, 1].into_iter().collect::<BTreeSet<_>>()
        );
        let members = [
            ("b".to_string(), Value::Null),
            ("a".to_string(), Value::Bool(true)),
        ];
        assert_eq!(
            object_by_insertion(members.clone()),
            members.into_iter().collect::<Map<_, _>>()
        );
    }
}
