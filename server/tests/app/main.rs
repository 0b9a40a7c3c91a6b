//! Integration tests, one binary: the real router on a random port with a fresh database per
//! test, on SQLite always and on PostgreSQL too when `TEST_DATABASE_URL` is set. `harness.rs`
//! starts the app and holds the shared helpers; each feature has a file of its own.

mod harness;

mod accounts;
mod agreements;
mod attachments;
mod authorization;
mod board;
mod cases;
mod contact;
mod corruption;
mod decoding;
mod dialogue;
mod drafts;
mod forms;
mod operations;
mod oversight;
mod payloads;
mod platform;
mod public;
mod rosters;
mod security;
mod styles;
mod surveys;
mod tuning;
mod vocabulary;
