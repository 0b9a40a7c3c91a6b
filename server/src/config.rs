//! Typed settings from environment variables (documented in `.env.example`). Every error
//! names the variable to fix.

use anyhow::{anyhow, bail};
use leptos::config::LeptosOptions;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Default database: an embedded SQLite file under `./data/`.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/ogpnm.db";

/// Everything the server reads from its environment.
#[derive(Clone, Debug)]
pub struct Settings {
    /// `DATABASE_URL`: `sqlite://path` (default) or `postgres://…`.
    pub database_url: String,
    /// `OGPNM_DB_MAX_CONNECTIONS`: size of the (read) pool.
    pub db_max_connections: u32,
    /// `OGPNM_PUBLIC_URL`: the address users reach; `https://` turns on HSTS and Secure cookies.
    pub public_url: Option<String>,
    /// `OGPNM_BODY_LIMIT`: largest accepted request body, in bytes.
    pub body_limit: usize,
    /// `OGPNM_SHUTDOWN_GRACE_SECS`: how long in-flight requests may finish at shutdown.
    pub shutdown_grace: Duration,
    /// `OGPNM_LIVE_STREAM_SECS`: how long one live stream lasts before the browser reconnects
    /// (and who is listening is checked again).
    pub live_stream: Duration,
    /// Session lifetimes (`OGPNM_STAFF_IDLE_MINUTES`, `OGPNM_STAFF_MAX_HOURS`,
    /// `OGPNM_PARTICIPANT_IDLE_DAYS`, `OGPNM_PARTICIPANT_MAX_DAYS`).
    pub sessions: app::auth::session::SessionPolicy,
    /// `OGPNM_TRUSTED_PROXIES`: reverse proxies whose `X-Forwarded-For` entries are trusted.
    pub trusted_proxies: usize,
    /// `SMTP_URL`: where mail is sent; unset in development (mail goes to the log and a file).
    pub smtp_url: Option<String>,
    /// `OGPNM_MAIL_FROM`: the sender of every mail.
    pub mail_from: String,
    /// `OGPNM_MAIL_DIR`: where mail is written without `SMTP_URL`.
    pub mail_dir: PathBuf,
    /// Introductions: `OGPNM_INTRO_WINDOW_DAYS` (business days a provider has to answer,
    /// default 5) and `OGPNM_INTRO_APPROVAL` (`1`: a steering committee member approves each
    /// introduction before it goes out).
    pub introductions: app::state::IntroSettings,
    /// `OGPNM_DIGEST_MINUTES`: how long messages wait unread before they are mailed as one
    /// digest (default 15).
    pub digest_after: Duration,
    /// Where attachments are kept: `OGPNM_FILES_DIR` (default `data/files`), or an
    /// S3-compatible bucket when `OGPNM_S3_BUCKET` is set (`OGPNM_S3_ENDPOINT` for anything but
    /// AWS, `OGPNM_S3_REGION`, and the `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` credentials).
    pub files: app::files::FilesConfig,
    /// The case board's ageing: `OGPNM_BOARD_AMBER_DAYS` and `OGPNM_BOARD_RED_DAYS`, the days in
    /// a stage at which a card turns amber and red (default 14 and 30; amber before red).
    pub board: app::domain::board::AgeingThresholds,
    /// `OGPNM_ATTACHMENT_MAX_MB`: the largest attachment, in megabytes (default 10).
    pub attachment_max: usize,
    /// `OGPNM_METRICS_ALLOW`: the addresses and networks that may read `/metrics`
    /// (comma-separated; default `127.0.0.1,::1`; `none` for no one).
    pub metrics_access: crate::ops::MetricsAccess,
    /// Leptos' own settings (`LEPTOS_SITE_ADDR`, `LEPTOS_SITE_ROOT`, `LEPTOS_ENV`, …).
    pub leptos: LeptosOptions,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

fn parse_var<T: std::str::FromStr>(name: &str, default: T) -> anyhow::Result<T>
where
    T::Err: std::fmt::Display,
{
    match var(name) {
        None => Ok(default),
        Some(v) => v.parse().map_err(|e| anyhow!("{name}={v:?} is invalid: {e}")),
    }
}

impl Settings {
    /// Reads the settings from the process environment.
    pub fn from_env() -> anyhow::Result<Settings> {
        let conf = leptos::config::get_configuration(None)
            .map_err(|e| anyhow!("invalid LEPTOS_* setting (LEPTOS_SITE_ADDR, LEPTOS_SITE_ROOT, LEPTOS_ENV): {e}"))?;
        let mut leptos = conf.leptos_options;
        // Run straight from target/: use the content-hashed asset names cargo-leptos wrote.
        if var("LEPTOS_HASH_FILES").is_none() && hash_file_path(&leptos).is_file() {
            leptos.hash_files = true;
        }
        let public_url = var("OGPNM_PUBLIC_URL");
        if let Some(url) = &public_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                bail!("OGPNM_PUBLIC_URL={url:?} must start with http:// or https://");
            }
        }
        let tls = public_url.as_deref().is_some_and(|u| u.starts_with("https://"));
        let sessions = app::auth::session::SessionPolicy {
            staff_idle_ms: parse_var::<i64>("OGPNM_STAFF_IDLE_MINUTES", 30)?.max(1) * 60_000,
            staff_absolute_ms: parse_var::<i64>("OGPNM_STAFF_MAX_HOURS", 12)?.max(1) * 3_600_000,
            participant_idle_ms: parse_var::<i64>("OGPNM_PARTICIPANT_IDLE_DAYS", 7)?.max(1) * 86_400_000,
            participant_absolute_ms: parse_var::<i64>("OGPNM_PARTICIPANT_MAX_DAYS", 30)?.max(1) * 86_400_000,
            tls,
        };
        Ok(Settings {
            trusted_proxies: parse_var("OGPNM_TRUSTED_PROXIES", 0)?,
            smtp_url: var("SMTP_URL"),
            mail_from: var("OGPNM_MAIL_FROM")
                .unwrap_or_else(|| "OGP Networking Mechanism <no-reply@localhost>".to_string()),
            mail_dir: PathBuf::from(var("OGPNM_MAIL_DIR").unwrap_or_else(|| "data/mail".to_string())),
            sessions,
            database_url: var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string()),
            db_max_connections: parse_var("OGPNM_DB_MAX_CONNECTIONS", 10)?,
            public_url,
            body_limit: parse_var("OGPNM_BODY_LIMIT", 1024 * 1024)?,
            shutdown_grace: Duration::from_secs(parse_var("OGPNM_SHUTDOWN_GRACE_SECS", 10)?),
            live_stream: Duration::from_secs(parse_var::<u64>("OGPNM_LIVE_STREAM_SECS", 300)?.max(1)),
            introductions: app::state::IntroSettings {
                window_days: parse_var::<u32>("OGPNM_INTRO_WINDOW_DAYS", 5)?.clamp(1, 60),
                needs_approval: parse_var::<u8>("OGPNM_INTRO_APPROVAL", 0)? == 1,
            },
            digest_after: Duration::from_secs(parse_var::<u64>("OGPNM_DIGEST_MINUTES", 15)? * 60),
            board: {
                let (amber, red) =
                    (parse_var::<i64>("OGPNM_BOARD_AMBER_DAYS", 14)?, parse_var::<i64>("OGPNM_BOARD_RED_DAYS", 30)?);
                app::domain::board::AgeingThresholds::new(amber, red).ok_or_else(|| {
                    anyhow!("OGPNM_BOARD_AMBER_DAYS ({amber}) and OGPNM_BOARD_RED_DAYS ({red}) must be days from 1 to 365, amber first")
                })?
            },
            files: files_config(),
            attachment_max: parse_var::<usize>("OGPNM_ATTACHMENT_MAX_MB", 10)?.clamp(1, 100) * 1024 * 1024,
            metrics_access: match var("OGPNM_METRICS_ALLOW") {
                None => crate::ops::MetricsAccess::default(),
                Some(list) => crate::ops::MetricsAccess::parse(&list)
                    .map_err(|e| anyhow!("OGPNM_METRICS_ALLOW={list:?} is invalid: {e}"))?,
            },
            leptos,
        })
    }

    /// The address links in mails point to.
    pub fn base_url(&self) -> String {
        self.public_url.clone().unwrap_or_else(|| format!("http://{}", self.leptos.site_addr))
    }

    /// The file store these settings describe.
    pub fn files(&self) -> anyhow::Result<app::files::Files> {
        app::files::Files::open(&self.files, self.attachment_max).map_err(|e| anyhow!(e))
    }

    /// The mailer these settings describe.
    pub fn mailer(&self) -> anyhow::Result<app::mail::Mailer> {
        app::mail::Mailer::new(self.smtp_url.as_deref(), &self.mail_from, &self.base_url(), self.mail_dir.clone())
            .map_err(|e| anyhow!(e))
    }

    /// Whether users reach the app over TLS (HSTS, `Secure` cookies).
    pub fn tls(&self) -> bool {
        self.public_url.as_deref().is_some_and(|u| u.starts_with("https://"))
    }

    /// Checks that the site root holds the built assets, so the server never serves pages
    /// whose scripts are missing.
    pub fn check_site_root(&self) -> anyhow::Result<PathBuf> {
        let root = PathBuf::from(&*self.leptos.site_root);
        let pkg = root.join(&*self.leptos.site_pkg_dir);
        if !pkg.is_dir() {
            bail!(
                "LEPTOS_SITE_ROOT={} has no {}/ directory of built assets: build with `make build` or point LEPTOS_SITE_ROOT at the built site",
                root.display(),
                self.leptos.site_pkg_dir
            );
        }
        Ok(root)
    }
}

/// The file store named by the environment: an S3-compatible bucket when `OGPNM_S3_BUCKET` is
/// set, else a directory.
fn files_config() -> app::files::FilesConfig {
    match var("OGPNM_S3_BUCKET") {
        Some(bucket) => app::files::FilesConfig::S3(app::files::S3Config {
            bucket,
            endpoint: var("OGPNM_S3_ENDPOINT"),
            region: var("OGPNM_S3_REGION").unwrap_or_else(|| "us-east-1".to_string()),
            access_key_id: None,
            secret_access_key: None,
        }),
        None => app::files::FilesConfig::Directory(PathBuf::from(
            var("OGPNM_FILES_DIR").unwrap_or_else(|| "data/files".to_string()),
        )),
    }
}

/// Where cargo-leptos writes the asset hashes: next to the executable.
pub fn hash_file_path(options: &LeptosOptions) -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_default()
        .join(&*options.hash_file)
}

/// Connects to the database named in the settings and applies pending migrations.
pub async fn open_database(settings: &Settings) -> anyhow::Result<app::db::Database> {
    let pool = app::db::PoolSettings { max_connections: settings.db_max_connections, ..Default::default() };
    let db = app::db::Database::connect(&settings.database_url, &pool).await?;
    db.migrate().await?;
    Ok(db)
}
