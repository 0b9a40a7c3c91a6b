//! The data layer (server only). One binary serves SQLite (default, embedded) or PostgreSQL,
//! chosen at run time from `DATABASE_URL`. Repository functions are written once with
//! [`db_run!`] and compiled for both engines; engine-specific code (URL parsing, pragmas,
//! pool shapes) stays in this module.

pub mod agreements;
pub mod audit;
pub mod board;
pub mod cases;
pub mod decode;
pub mod demo_agreements;
pub mod demo_contact;
pub mod demo_dialogue;
pub mod demo_vocabulary;
pub mod devices;
pub mod enquiries;
pub mod followups;
pub mod introductions;
pub mod mfa;
mod migrate;
pub mod notifications;
pub mod organisations;
pub mod outbox;
pub mod outreach;
pub mod oversight;
pub mod public;
pub mod rate_limits;
pub mod roster;
pub mod scale;
pub mod seed;
pub mod sessions;
pub mod stories;
pub mod surveys;
pub mod synthetic;
pub mod threads;
pub mod tokens;
pub mod tuning;
pub mod users;
pub mod vocabulary;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

/// The migrations in `../migrations`, embedded at build time; portable to both engines.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// One pool of either engine. Cheap to clone.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same body against whichever pool `$db` holds. The body is compiled once per engine,
/// so it must produce the same type in both arms (map engine-specific results, e.g.
/// `rows_affected()`).
#[macro_export]
macro_rules! db_run {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}

/// An open transaction on either engine. Repository functions take `&mut Tx` so a server
/// function can compose several of them in one transaction; dropping it rolls back.
#[derive(Debug)]
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// Runs the same body against the connection of whichever transaction `$tx` holds; `$conn` is
/// a `&mut` connection (reborrow it with `&mut *conn` to run several queries).
#[macro_export]
macro_rules! tx_run {
    ($tx:expr, |$conn:ident| $body:expr) => {
        match $tx {
            $crate::db::Tx::Sqlite(t) => {
                let $conn = &mut **t;
                $body
            }
            $crate::db::Tx::Postgres(t) => {
                let $conn = &mut **t;
                $body
            }
        }
    };
}

/// Where a read runs: on a pool, or inside the caller's transaction. A repository function that
/// takes `impl Into<Conn>` is written once for both (no `get`/`get_tx` pairs).
#[derive(Debug)]
pub enum Conn<'a> {
    Pool(&'a Db),
    Tx(&'a mut Tx),
}

impl<'a> Conn<'a> {
    /// Itself (so the query macros take a `Conn` as they take a pool or a transaction).
    pub fn conn(self) -> Conn<'a> {
        self
    }

    /// This place again, for one more query (the caller keeps it for the next).
    pub fn reborrow(&mut self) -> Conn<'_> {
        match self {
            Conn::Pool(db) => Conn::Pool(db),
            Conn::Tx(tx) => Conn::Tx(tx),
        }
    }
}

impl<'a> From<&'a Db> for Conn<'a> {
    fn from(db: &'a Db) -> Self {
        Conn::Pool(db)
    }
}

impl<'a> From<&'a mut Tx> for Conn<'a> {
    fn from(tx: &'a mut Tx) -> Self {
        Conn::Tx(tx)
    }
}

/// Runs the same body on whichever engine and kind of connection `$conn` (a [`Conn`]) holds;
/// `$c` is an executor (a pool or a `&mut` connection), used once.
#[macro_export]
macro_rules! conn_run {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::Conn::Pool($crate::db::Db::Sqlite($c)) => $body,
            $crate::db::Conn::Pool($crate::db::Db::Postgres($c)) => $body,
            $crate::db::Conn::Tx($crate::db::Tx::Sqlite(t)) => {
                let $c = &mut **t;
                $body
            }
            $crate::db::Conn::Tx($crate::db::Tx::Postgres(t)) => {
                let $c = &mut **t;
                $body
            }
        }
    };
}

/// Runs a statement with its binds on `$conn` (a `&Db`, or a `&mut Tx` reborrowed, so the
/// caller keeps its transaction) and gives the number of rows it changed.
#[macro_export]
macro_rules! execute {
    ($conn:expr, $sql:expr $(, $bind:expr)* $(,)?) => {
        $crate::conn_run!($conn.conn(), |c| {
            sqlx::query($sql)$(.bind($bind))*.execute(c).await.map(|r| r.rows_affected())
        })
    };
}

/// Reads rows (`fetch_all`, `fetch_optional` or `fetch_one`) of the type the caller expects (a
/// tuple or a `FromRow` record) on `$conn`, with its binds.
#[macro_export]
macro_rules! fetch {
    ($how:ident, $conn:expr, $sql:expr $(, $bind:expr)* $(,)?) => {
        $crate::conn_run!($conn.conn(), |c| sqlx::query_as($sql)$(.bind($bind))*.$how(c).await)
    };
}

/// Reads single values (`fetch_all`, `fetch_optional` or `fetch_one`) on `$conn`, with its binds.
#[macro_export]
macro_rules! scalar {
    ($how:ident, $conn:expr, $sql:expr $(, $bind:expr)* $(,)?) => {
        $crate::conn_run!($conn.conn(), |c| sqlx::query_scalar($sql)$(.bind($bind))*.$how(c).await)
    };
}

impl Db {
    /// This pool, as a place to run a query.
    pub fn conn(&self) -> Conn<'_> {
        Conn::Pool(self)
    }

    /// Starts a transaction.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin().await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }
}

impl Tx {
    /// This transaction, as a place to run a query (reborrowed: the caller keeps it).
    pub fn conn(&mut self) -> Conn<'_> {
        Conn::Tx(self)
    }

    /// Commits the transaction.
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }
}

/// The application's database: a read pool and a write pool. On PostgreSQL both are the same
/// pool; on SQLite writes go through a single connection so concurrent writers queue in the
/// pool instead of failing with "database is locked".
#[derive(Clone, Debug)]
pub struct Database {
    read: Db,
    write: Db,
    /// The SQLite database's file (not for an in-memory database).
    sqlite_file: Option<std::path::PathBuf>,
    /// When this process last read the added vocabulary values from this database (ms).
    vocabulary_read_at: std::sync::Arc<std::sync::atomic::AtomicI64>,
    /// The landing page's public figures as last counted, and when (ms): every visit to the
    /// landing page asked the database for them (profiled, BENCHMARKS.md).
    network_summary: std::sync::Arc<std::sync::Mutex<Option<(i64, crate::model::NetworkSummary)>>>,
}

/// Why the database could not be opened; each names the setting to fix.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("DATABASE_URL is not a sqlite: or postgres:// URL ({0})")]
    Unsupported(String),
    #[error("DATABASE_URL is malformed: {0}")]
    Malformed(String),
    #[error("cannot create the directory {path} for the SQLite database (DATABASE_URL): {source}")]
    Directory { path: String, source: std::io::Error },
    #[error("cannot take the migration lock {path} beside the SQLite database: {source}")]
    Lock { path: String, source: std::io::Error },
    #[error("cannot connect to the database at {url} (DATABASE_URL): {source}")]
    Connect { url: String, source: sqlx::Error },
    #[error("database migration failed, nothing of it was applied: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// One pool's connections at a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolStats {
    pub name: &'static str,
    pub open: u32,
    pub idle: u32,
    pub max: u32,
}

/// Options for [`Database::connect`].
#[derive(Clone, Debug)]
pub struct PoolSettings {
    /// Maximum connections in the (read) pool.
    pub max_connections: u32,
    /// How long to wait for a connection before failing.
    pub acquire_timeout: Duration,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self { max_connections: 10, acquire_timeout: Duration::from_secs(5) }
    }
}

/// Removes a password from a URL so it can be printed.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// How long the landing page's public figures are shown as counted before they are counted again.
pub const SUMMARY_FRESH_MS: i64 = 5_000;

impl Database {
    /// Whether the added vocabulary values are due to be read again (at most once a second per
    /// database and process; a value added here is registered at once anyway). Marks them read.
    pub fn vocabulary_due(&self, now: i64) -> bool {
        use std::sync::atomic::Ordering;
        let last = self.vocabulary_read_at.load(Ordering::Relaxed);
        now - last >= 1_000
            && self.vocabulary_read_at.compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed).is_ok()
    }

    /// The public figures counted less than [`SUMMARY_FRESH_MS`] ago, if any.
    pub fn recent_network_summary(&self, now: i64) -> Option<crate::model::NetworkSummary> {
        let kept = self.network_summary.lock().ok()?;
        kept.as_ref().filter(|(at, _)| now - at < SUMMARY_FRESH_MS).map(|(_, s)| s.clone())
    }

    /// Keeps the public figures just counted.
    pub fn keep_network_summary(&self, now: i64, summary: &crate::model::NetworkSummary) {
        if let Ok(mut kept) = self.network_summary.lock() {
            *kept = Some((now, summary.clone()));
        }
    }

    /// Opens the database named by `url` (`sqlite://path`, `sqlite::memory:` or
    /// `postgres://…`). Creates the SQLite file and its directory when missing. Does not migrate.
    pub async fn connect(url: &str, settings: &PoolSettings) -> Result<Database, ConnectError> {
        let shown = redact(url);
        if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)
                .map_err(|e| ConnectError::Malformed(format!("{shown}: {e}")))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5));
            let file = opts.get_filename().to_path_buf();
            if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
                if !dir.exists() && file.to_string_lossy() != ":memory:" {
                    std::fs::create_dir_all(dir)
                        .map_err(|source| ConnectError::Directory { path: dir.display().to_string(), source })?;
                }
            }
            let connect = |max: u32| {
                SqlitePoolOptions::new()
                    .max_connections(max)
                    .acquire_timeout(settings.acquire_timeout)
                    .connect_with(opts.clone())
            };
            // the writer first: it creates the file and switches it to WAL before readers open it
            let write = connect(1).await.map_err(|source| ConnectError::Connect { url: shown.clone(), source })?;
            let read = connect(settings.max_connections.max(1))
                .await
                .map_err(|source| ConnectError::Connect { url: shown.clone(), source })?;
            let in_memory = file.to_string_lossy() == ":memory:" || url.contains("mode=memory");
            Ok(Database {
                sqlite_file: (!in_memory).then_some(file),
                read: Db::Sqlite(read),
                write: Db::Sqlite(write),
                vocabulary_read_at: Default::default(),
                network_summary: Default::default(),
            })
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let opts = PgConnectOptions::from_str(url).map_err(|e| ConnectError::Malformed(format!("{shown}: {e}")))?;
            let pool = PgPoolOptions::new()
                // one connection is held by the live-events listener (NOTIFY)
                .max_connections(settings.max_connections.max(3))
                .acquire_timeout(settings.acquire_timeout)
                .connect_with(opts)
                .await
                .map_err(|source| ConnectError::Connect { url: shown, source })?;
            let db = Db::Postgres(pool);
            Ok(Database {
                sqlite_file: None,
                read: db.clone(),
                write: db,
                vocabulary_read_at: Default::default(),
                network_summary: Default::default(),
            })
        } else {
            Err(ConnectError::Unsupported(shown))
        }
    }

    /// The pool for reads.
    pub fn read(&self) -> &Db {
        &self.read
    }

    /// The pool for writes (and read-modify-write transactions).
    pub fn write(&self) -> &Db {
        &self.write
    }

    /// `"sqlite"` or `"postgres"`.
    pub fn engine(&self) -> &'static str {
        match self.read {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// A round trip to the database (for `/healthz`).
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        crate::execute!(&self.read, "SELECT 1").map(|_| ())
    }

    /// The pools' connections now (for the metrics): the read pool, and on SQLite the writer.
    pub fn pool_stats(&self) -> Vec<PoolStats> {
        let stats = |name: &'static str, db: &Db| {
            db_run!(db, |pool| PoolStats {
                name,
                open: pool.size(),
                idle: pool.num_idle() as u32,
                max: pool.options().get_max_connections(),
            })
        };
        match (&self.read, &self.write) {
            (Db::Sqlite(_), Db::Sqlite(_)) => vec![stats("read", &self.read), stats("write", &self.write)],
            _ => vec![stats("main", &self.read)],
        }
    }

    /// Closes every connection; later queries fail. Used at shutdown.
    pub async fn close(&self) {
        for db in [&self.read, &self.write] {
            db_run!(db, |pool| pool.close().await);
        }
    }
}

/// Milliseconds since the Unix epoch, the portable timestamp stored in BIGINT columns.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern.
pub fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// A new time-ordered identifier (UUIDv7) as stored in TEXT id columns.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted_from_urls() {
        assert_eq!(redact("postgres://app:s3cret@db:5432/ogp"), "postgres://app:***@db:5432/ogp");
        assert_eq!(redact("postgres://app@db/ogp"), "postgres://app@db/ogp");
        assert_eq!(redact("sqlite://data/ogpnm.db"), "sqlite://data/ogpnm.db");
    }
}
