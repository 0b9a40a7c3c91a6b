//! `ogpnm backup PATH` and `ogpnm restore PATH`: a consistent copy of the database and the
//! stored attachments, made while the app serves, and its return into a database.
//!
//! A backup is a directory: the database (SQLite: `VACUUM INTO`, one consistent snapshot read
//! while writers go on; PostgreSQL: `pg_dump`'s custom format, one snapshot too), then every
//! stored file (`files/`, after the database, so each file the snapshot names is there: files
//! are written before the rows that name them and never changed), then `backup.json`, last, so
//! a directory without it is an unfinished backup and is never restored.

use anyhow::{anyhow, bail, Context};
use app::db::{Database, Db};
use app::files::Files;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What a backup holds, written last.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    /// `sqlite` or `postgres`: a backup returns into the same engine.
    pub engine: String,
    /// When it was made (ms since 1970).
    pub created_at: i64,
    /// The newest migration the database had.
    pub migration: i64,
    /// How many stored files it holds.
    pub files: usize,
    /// The app's version that made it.
    pub version: String,
}

const MANIFEST: &str = "backup.json";
const SQLITE_FILE: &str = "ogpnm.db";
const PG_FILE: &str = "ogpnm.pgdump";
const FILES_DIR: &str = "files";

/// Copies `db` (opened from `url`) and `files` into the new directory `to`.
pub async fn backup(db: &Database, url: &str, files: &Files, to: &Path) -> anyhow::Result<Manifest> {
    if to.exists() && std::fs::read_dir(to).map(|mut d| d.next().is_some()).unwrap_or(true) {
        bail!("{} already exists and is not empty: back up into a new directory", to.display());
    }
    std::fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
    let migration = newest_migration(db.read()).await?;
    match db.read() {
        Db::Sqlite(pool) => {
            let file = to.join(SQLITE_FILE);
            sqlx::query("VACUUM INTO ?")
                .bind(file.to_string_lossy().into_owned())
                .execute(pool)
                .await
                .context("cannot copy the SQLite database (VACUUM INTO)")?;
        }
        Db::Postgres(_) => pg_dump(url, &to.join(PG_FILE))?,
    }
    let copied = copy_files_out(files, &to.join(FILES_DIR)).await?;
    let manifest = Manifest {
        engine: db.engine().to_string(),
        created_at: app::db::now_ms(),
        migration,
        files: copied,
        version: env!("CARGO_PKG_VERSION").to_string(),
    };
    let partial = to.join(format!("{MANIFEST}.partial"));
    std::fs::write(&partial, serde_json::to_vec_pretty(&manifest)?)?;
    std::fs::rename(&partial, to.join(MANIFEST))?;
    Ok(manifest)
}

/// `ogpnm backup PATH`: the database `settings` name and its file store into `to`.
pub async fn backup_command(settings: &crate::Settings, to: &Path) -> anyhow::Result<()> {
    let db = crate::config::open_database(settings).await?;
    let made = backup(&db, &settings.database_url, &settings.files()?, to).await;
    db.close().await;
    let made = made?;
    println!("Backed up the {} database and {} stored files into {}.", made.engine, made.files, to.display());
    Ok(())
}

/// `ogpnm restore PATH [--force]`: the backup in `from` back, then migrated to this release.
pub async fn restore_command(settings: &crate::Settings, from: &Path, force: bool) -> anyhow::Result<()> {
    let restored = restore(&settings.database_url, &settings.files()?, from, force).await?;
    // a backup of an older release: its schema is brought forward now
    crate::config::open_database(settings).await?.close().await;
    println!(
        "Restored the backup of {} ({} stored files) into {}.",
        from.display(),
        restored.files,
        app::db::redact(&settings.database_url)
    );
    Ok(())
}

/// Reads the manifest of the backup in `from`; an unfinished backup has none.
pub fn manifest(from: &Path) -> anyhow::Result<Manifest> {
    let text = std::fs::read(from.join(MANIFEST))
        .with_context(|| format!("{} holds no {MANIFEST}: not a finished backup", from.display()))?;
    serde_json::from_slice(&text).with_context(|| format!("{} is not a backup manifest", from.join(MANIFEST).display()))
}

/// Puts the backup in `from` back as the database at `url` and into `files`. A database that
/// holds data is only replaced with `force` (stop the app first: the file is replaced under it).
pub async fn restore(url: &str, files: &Files, from: &Path, force: bool) -> anyhow::Result<Manifest> {
    let manifest = manifest(from)?;
    let sqlite = url.starts_with("sqlite:");
    if (manifest.engine == "sqlite") != sqlite {
        bail!(
            "this backup is of a {} database and DATABASE_URL names a {} one: restore into the same engine",
            manifest.engine,
            if sqlite { "SQLite" } else { "PostgreSQL" }
        );
    }
    if sqlite {
        restore_sqlite(url, &from.join(SQLITE_FILE), force)?;
    } else {
        restore_postgres(url, &from.join(PG_FILE), force).await?;
    }
    copy_files_in(&from.join(FILES_DIR), files).await?;
    Ok(manifest)
}

async fn newest_migration(db: &Db) -> anyhow::Result<i64> {
    let sql = "SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations";
    let newest: i64 = app::db_run!(db, |pool| sqlx::query_scalar(sql).fetch_one(pool).await)
        .context("cannot read the database's migrations")?;
    Ok(newest)
}

fn sqlite_path(url: &str) -> anyhow::Result<PathBuf> {
    use sqlx::sqlite::SqliteConnectOptions;
    use std::str::FromStr;
    let opts = SqliteConnectOptions::from_str(url).map_err(|e| anyhow!("DATABASE_URL is malformed: {e}"))?;
    Ok(opts.get_filename().to_path_buf())
}

fn restore_sqlite(url: &str, copy: &Path, force: bool) -> anyhow::Result<()> {
    let target = sqlite_path(url)?;
    if !copy.is_file() {
        bail!("{} is missing from the backup", copy.display());
    }
    let holds_data = std::fs::metadata(&target).is_ok_and(|m| m.len() > 0);
    if holds_data && !force {
        bail!("{} already holds a database: stop the app, then restore with --force to replace it", target.display());
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    // beside the target, then renamed over it: a restore cut short leaves the old one whole
    let incoming = target.with_extension("restoring");
    std::fs::copy(copy, &incoming).with_context(|| format!("cannot write {}", incoming.display()))?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", target.display()));
        if side.exists() {
            std::fs::remove_file(&side).with_context(|| format!("cannot remove {}", side.display()))?;
        }
    }
    std::fs::rename(&incoming, &target).with_context(|| format!("cannot replace {}", target.display()))?;
    Ok(())
}

async fn restore_postgres(url: &str, dump: &Path, force: bool) -> anyhow::Result<()> {
    if !dump.is_file() {
        bail!("{} is missing from the backup", dump.display());
    }
    let pool =
        sqlx::PgPool::connect(url).await.with_context(|| format!("cannot connect to {}", app::db::redact(url)))?;
    let tables: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    )
    .fetch_one(&pool)
    .await?;
    pool.close().await;
    if tables > 0 && !force {
        bail!(
            "the database at {} already holds tables: stop the app, then restore with --force to replace them",
            app::db::redact(url)
        );
    }
    let mut cmd =
        tool("pg_restore", "pg_restore --clean --if-exists --no-owner --dbname=\"$DATABASE_URL\" PATH/ogpnm.pgdump")?;
    cmd.args(["--no-owner", "--exit-on-error", "--single-transaction"]);
    if tables > 0 {
        cmd.args(["--clean", "--if-exists"]);
    }
    cmd.arg(format!("--dbname={url}")).arg(dump);
    run(cmd, "pg_restore")
}

fn pg_dump(url: &str, to: &Path) -> anyhow::Result<()> {
    let mut cmd = tool("pg_dump", "pg_dump --format=custom --file=PATH/ogpnm.pgdump \"$DATABASE_URL\"")?;
    cmd.args(["--format=custom", "--no-owner"]).arg(format!("--file={}", to.display())).arg(url);
    run(cmd, "pg_dump")
}

/// PostgreSQL's own tool `name`, or how to do without this command.
fn tool(name: &str, by_hand: &str) -> anyhow::Result<Command> {
    let found = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join(name)).any(|f| f.is_file()))
        .unwrap_or(false);
    if !found {
        bail!(
            "{name} is not installed (Debian: apt-get install postgresql-client, the same major version as the server); \
             or run it yourself: {by_hand}"
        );
    }
    Ok(Command::new(name))
}

fn run(mut cmd: Command, name: &str) -> anyhow::Result<()> {
    let out = cmd.output().with_context(|| format!("cannot run {name}"))?;
    if !out.status.success() {
        bail!("{name} failed: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(())
}

async fn copy_files_out(files: &Files, to: &Path) -> anyhow::Result<usize> {
    use futures_util::TryStreamExt;
    let keys = files.keys().await.context("cannot list the stored files")?;
    for key in &keys {
        let path = to.join(key);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut bytes = Vec::new();
        let mut stream = files.get(key).await.with_context(|| format!("cannot read the stored file {key}"))?;
        while let Some(chunk) = stream.try_next().await? {
            bytes.extend_from_slice(&chunk);
        }
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(keys.len())
}

async fn copy_files_in(from: &Path, files: &Files) -> anyhow::Result<usize> {
    let mut count = 0;
    let mut dirs = vec![from.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let key = path.strip_prefix(from)?.to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            files.put(&key, bytes.into()).await.with_context(|| format!("cannot store {key}"))?;
            count += 1;
        }
    }
    Ok(count)
}
