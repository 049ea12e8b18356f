//! One module per subcommand: each reads its inputs ([`crate::input`]), runs the engine and
//! writes ([`crate::output`]); the work itself is the library's.

pub mod card;
pub mod compare;
pub mod demo;
pub mod explain;
pub mod fit;
pub mod map;
pub mod schools;
pub mod score;
pub mod students;
