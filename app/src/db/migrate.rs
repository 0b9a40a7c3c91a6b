//! Migrations at start-up: every pending one applied, each in its own transaction, by one
//! process at a time (several instances may start at once), then the append-only guards.

use super::{ConnectError, Database, Db, MIGRATOR};
use crate::db_run;

/// The advisory lock instances take in turn to install the append-only guards (PostgreSQL).
const GUARD_LOCK: i64 = 0x6f67_706e_6d01;

/// Takes the exclusive lock on `<database>.migrating` (waiting for another process holding it);
/// held until the file is dropped.
async fn lock_file(database: &std::path::Path) -> Result<std::fs::File, ConnectError> {
    let mut name = database.as_os_str().to_owned();
    name.push(".migrating");
    let path = std::path::PathBuf::from(name);
    let shown = path.display().to_string();
    tokio::task::spawn_blocking(move || {
        let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path)?;
        file.lock()?;
        Ok::<_, std::io::Error>(file)
    })
    .await
    .map_err(|e| std::io::Error::other(e.to_string()))
    .and_then(|r| r)
    .map_err(|source| ConnectError::Lock { path: shown, source })
}

impl Database {
    /// Applies every pending migration, each in its own transaction.
    pub async fn migrate(&self) -> Result<(), ConnectError> {
        // several processes starting at once on one database: one applies, the others wait and
        // then find nothing to do (PostgreSQL: sqlx's advisory lock; SQLite: a lock file beside
        // the database, as SQLite has no lock that spans the migrations' transactions)
        let _turn = match &self.sqlite_file {
            Some(file) => Some(lock_file(file).await?),
            None => None,
        };
        db_run!(&self.write, |pool| MIGRATOR.run(pool).await)?;
        self.guard_append_only().await.map_err(|e| ConnectError::Migrate(sqlx::migrate::MigrateError::Execute(e)))?;
        Ok(())
    }

    /// Makes the database itself refuse to change or delete a record that must never change
    /// (an acceptance of an agreement): a trigger per engine, whose syntax differs (the
    /// migrations stay portable). Idempotent, so every start (and every instance) may run it.
    async fn guard_append_only(&self) -> Result<(), sqlx::Error> {
        const TABLES: [&str; 1] = ["agreement_acceptances"];
        for table in TABLES {
            match &self.write {
                Db::Sqlite(pool) => {
                    for op in ["UPDATE", "DELETE"] {
                        let sql = format!(
                            "CREATE TRIGGER IF NOT EXISTS {table}_no_{op} BEFORE {op} ON {table} \
                             BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                        );
                        sqlx::query(&sql).execute(pool).await?;
                    }
                }
                Db::Postgres(pool) => {
                    // instances starting at once take turns: run side by side, `CREATE OR REPLACE
                    // FUNCTION` fails with "tuple concurrently updated"
                    let mut tx = pool.begin().await?;
                    sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(GUARD_LOCK).execute(&mut *tx).await?;
                    let function = format!(
                        "CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS \
                         $$ BEGIN RAISE EXCEPTION '{table} is append-only'; END $$"
                    );
                    sqlx::query(&function).execute(&mut *tx).await?;
                    let exists: Option<(i32,)> =
                        sqlx::query_as("SELECT 1 FROM pg_trigger WHERE tgname = $1 AND tgrelid = CAST($2 AS regclass)")
                            .bind(format!("{table}_append_only"))
                            .bind(table)
                            .fetch_optional(&mut *tx)
                            .await?;
                    if exists.is_none() {
                        let trigger = format!(
                            "CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} \
                             FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
                        );
                        sqlx::query(&trigger).execute(&mut *tx).await?;
                    }
                    tx.commit().await?;
                }
            }
        }
        Ok(())
    }
}
