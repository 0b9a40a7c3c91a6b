//! Data shapes shared by client and server (what server functions return), one file per area.
//! Each audience gets its own type: a government's view has no field for a case's internals.

mod accounts;
mod agreements;
mod board;
mod cases;
mod contact;
mod live;
mod oversight;
mod public;
mod rosters;
mod surveys;
mod threads;
mod vocabulary;

pub use accounts::*;
pub use agreements::*;
pub use board::*;
pub use cases::*;
pub use contact::*;
pub use live::*;
pub use oversight::*;
pub use public::*;
pub use rosters::*;
pub use surveys::*;
pub use threads::*;
pub use vocabulary::*;
