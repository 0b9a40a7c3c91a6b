//! Running it for real (issue 20): backups, database restarts, crashes, metrics and logs,
//! graceful shutdown and several instances starting at once.

mod backup;
mod crash;
mod lifecycle;
mod observability;
mod outage;
