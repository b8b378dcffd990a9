//! `listed_enum!`: an enum of plain variants declared together with its `ALL` list, so the
//! list is complete by construction. The page's registries (steps, environments, roles, facts'
//! assumptions, checks, checklist items, …) are walked through `ALL` to build navigation,
//! selects, tables and tests; a variant forgotten in a hand-kept list would silently drop a
//! step or a check. Plain `macro_rules!`, because no library is needed for this.

/// Declares `enum Name { A, B, … }` and `impl Name { pub const ALL: [Name; n] }` with every
/// variant in declaration order (the order the page offers or shows them). Attributes and doc
/// comments on the enum and its variants are kept.
macro_rules! listed_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$variant_meta])* $variant, )*
        }

        impl $name {
            /// Every variant, in the order declared: the order the page offers or shows them.
            pub const ALL: [$name; [$(stringify!($variant)),*].len()] = [$($name::$variant),*];
        }
    };
}
