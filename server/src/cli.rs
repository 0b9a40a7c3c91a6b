//! The command line: `ogpnm serve` (default), `ogpnm migrate`, `ogpnm seed --demo`,
//! `ogpnm backup PATH`, `ogpnm restore PATH`.

use crate::config::{open_database, Settings};
use anyhow::{anyhow, bail};
use app::state::AppState;
use axum::serve::ListenerExt;
use clap::{Parser, Subcommand};
use std::net::SocketAddr;

/// OGP Networking Mechanism server.
#[derive(Debug, Parser)]
#[command(name = "ogpnm", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What to do; `serve` when omitted.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply migrations and serve the application (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load data into the database.
    Seed {
        /// Demo organisations, only when the database has none yet.
        #[arg(long)]
        demo: bool,
        /// Also add this many synthetic providers (for benchmarks; never on a real database).
        #[arg(long, value_name = "N")]
        synthetic_providers: Option<usize>,
        /// Realistic volumes for benchmarks and demos: N cases at every stage, 2·N providers,
        /// N/4 governments, introductions, ~20·N messages, outcomes (never on a real database).
        #[arg(long, value_name = "N")]
        scale: Option<usize>,
        /// The seed number of `--scale` and `--synthetic-providers`: the same seed, the same data.
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
    },
    /// Copy the database and the stored files into a new directory, consistently, while the
    /// app serves (SQLite: `VACUUM INTO`; PostgreSQL: `pg_dump`, which must be installed).
    Backup {
        /// A new (or empty) directory.
        path: std::path::PathBuf,
    },
    /// Put a backup back into the database named by DATABASE_URL and the file store. Stop the
    /// app first; a database that holds data is replaced only with --force.
    Restore {
        /// A directory `ogpnm backup` made.
        path: std::path::PathBuf,
        /// Replace a database that already holds data.
        #[arg(long)]
        force: bool,
    },
    /// Create a staff account. The password is read from standard input when it is piped.
    CreateUser {
        /// E-mail address (the sign-in name).
        #[arg(long)]
        email: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// Staff role: admin, case-manager or steering.
        #[arg(long)]
        role: String,
        /// Interface language: en, fr or es.
        #[arg(long, default_value = "en")]
        locale: String,
    },
}

/// Runs the chosen command.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = Settings::from_env()?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings).await,
        Command::Backup { path } => crate::backup::backup_command(&settings, &path).await,
        Command::Restore { path, force } => crate::backup::restore_command(&settings, &path, force).await,
        Command::Migrate => {
            let db = open_database(&settings).await?;
            println!("Database {} is up to date.", app::db::redact(&settings.database_url));
            db.close().await;
            Ok(())
        }
        Command::Seed { demo, synthetic_providers, scale, seed } => {
            if !demo && scale.is_none() {
                bail!("nothing to seed: pass --demo to load the demo data, or --scale N for volumes");
            }
            let db = open_database(&settings).await?;
            let files = settings.files()?;
            let seeded = if demo {
                app::db::seed::seed_demo(&db, &files).await.map_err(|e| anyhow!("cannot load the demo data: {e}"))?
            } else {
                app::db::seed::Seeded::default()
            };
            if let Some(n) = synthetic_providers {
                let n = app::db::synthetic::seed_providers(&db, n, seed)
                    .await
                    .map_err(|e| anyhow!("cannot add synthetic providers: {e}"))?;
                println!("Added {n} synthetic providers.");
            }
            if let Some(n) = scale {
                let started = std::time::Instant::now();
                let made = app::db::scale::seed_scale(&db, n, seed)
                    .await
                    .map_err(|e| anyhow!("cannot make the scaled data: {e}"))?;
                println!(
                    "Made {} providers, {} governments, {} cases, {} introductions and {} messages (seed {seed}) in {:.1} s.",
                    made.providers,
                    made.governments,
                    made.cases,
                    made.introductions,
                    made.messages,
                    started.elapsed().as_secs_f64()
                );
            }
            if seeded.organisations > 0 {
                println!("Loaded demo data: {} organisations.", seeded.organisations);
            }
            if seeded.surveys > 0 {
                println!(
                    "Loaded demo survey answers: {} provider profiles and requests, and two drafts.",
                    seeded.surveys
                );
            }
            if seeded.outreach > 0 {
                println!("Loaded a demo outreach campaign in progress.");
            }
            if seeded.introductions > 0 {
                println!("Loaded {} demo introductions with their conversations.", seeded.introductions);
            }
            if seeded.agreements > 0 {
                println!("Loaded {} demo cases through selection, agreement and a published story.", seeded.agreements);
            }
            if seeded.accounts > 0 {
                println!("Demo accounts (password \"{}\"):", app::db::seed::DEMO_PASSWORD);
                for (email, name, role, org) in app::db::seed::DEMO_ACCOUNTS {
                    let what = role
                        .map(|r| r.key().replace('_', " "))
                        .or(org.map(|o| format!("member of {o}")))
                        .unwrap_or_default();
                    println!("  {email:<34} {name} ({what})");
                }
                println!(
                    "Staff accounts use two-factor authentication: add the key {} to an authenticator app.",
                    app::db::seed::DEMO_TOTP_SECRET
                );
            }
            if demo && seeded == app::db::seed::Seeded::default() {
                println!("The database already has data; demo data not loaded.");
            }
            db.close().await;
            Ok(())
        }
        Command::CreateUser { email, name, role, locale } => {
            create_user(&settings, &email, &name, &role, &locale).await
        }
    }
}

/// `ogpnm create-user`: validates everything before touching the database, then creates the
/// account and its audit entry in one transaction.
async fn create_user(settings: &Settings, email: &str, name: &str, role: &str, locale: &str) -> anyhow::Result<()> {
    use app::domain::account::{validate_email, validate_name, validate_password};
    use app::i18n::Locale;
    use std::io::{IsTerminal, Read};
    let en = Locale::En;
    let email = validate_email(email).map_err(|k| anyhow!("--email: {}", en.t(k)))?;
    let name = validate_name(name).map_err(|k| anyhow!("--name: {}", en.t(k)))?;
    let role = app::domain::policy::StaffRole::from_key(role)
        .ok_or_else(|| anyhow!("--role must be admin, case-manager or steering (got {role:?})"))?;
    let locale = Locale::from_code(locale).ok_or_else(|| anyhow!("--locale must be en, fr or es (got {locale:?})"))?;
    // A piped password is used as is; otherwise the person sets one through a printed,
    // single-use link (valid 24 hours), so no password ever sits in shell history.
    let stdin = std::io::stdin();
    let password_hash = if stdin.is_terminal() {
        None
    } else {
        let mut password = String::new();
        stdin
            .lock()
            .read_to_string(&mut password)
            .map_err(|e| anyhow!("cannot read the password from standard input: {e}"))?;
        let password = password.trim_end_matches(['\r', '\n']).to_string();
        validate_password(&password, &email).map_err(|k| anyhow!("password: {}", en.t(k)))?;
        Some(app::auth::password::hash(password).await.map_err(|e| anyhow!("cannot hash the password: {e}"))?)
    };
    let db = open_database(settings).await?;
    let user = app::db::users::NewUser {
        email: email.clone(),
        name,
        locale: locale.code().to_string(),
        password_hash: password_hash.clone(),
        staff_role: Some(role),
        email_verified: true,
    };
    let result = async {
        let mut tx = db.write().begin().await?;
        let id = app::db::users::insert(&mut tx, &user).await?;
        let event = app::db::audit::AuditEvent {
            action: "user.created",
            subject: &id,
            ip: "cli",
            detail: role.key(),
            ..Default::default()
        };
        app::db::audit::record(&mut tx, &event).await?;
        let link = if password_hash.is_none() {
            let grant = app::db::tokens::TokenGrant {
                email: email.clone(),
                user_id: Some(id.clone()),
                organisation_id: None,
                staff_role: None,
                created_by: None,
            };
            let token =
                app::db::tokens::create(&mut tx, app::db::tokens::TokenKind::ResetPassword, &grant, 24 * 3_600_000)
                    .await?;
            Some(format!("{}/reset-password?token={token}", settings.base_url()))
        } else {
            None
        };
        tx.commit().await?;
        Ok::<_, sqlx::Error>(link)
    }
    .await;
    db.close().await;
    match result {
        Ok(link) => {
            println!("Created {} account for {email}.", role.key());
            if let Some(link) = link {
                println!("Send this single-use link (valid 24 hours) to let them choose a password:\n  {link}");
            }
            Ok(())
        }
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            bail!("an account with the e-mail {email} already exists")
        }
        Err(e) => Err(anyhow!("cannot create the account: {e}")),
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    settings.check_site_root()?;
    settings.mailer()?;
    let addr: SocketAddr = settings.leptos.site_addr;
    let db = open_database(&settings).await?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow!("cannot listen on {addr} (LEPTOS_SITE_ADDR): {e}"))?;
    // Without TCP_NODELAY a response written in two segments waits ~40 ms for a delayed ACK.
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "cannot set TCP_NODELAY");
        }
    });
    let mailer = settings.mailer()?;
    let state = AppState {
        leptos_options: settings.leptos.clone(),
        db: db.clone(),
        sessions: settings.sessions.clone(),
        mailer: mailer.clone(),
        trusted_proxies: settings.trusted_proxies,
        introductions: settings.introductions,
        board: settings.board,
        events: app::events::Events::start(&db).await,
        files: settings.files()?,
    };
    // the added vocabulary values first: indexing reads answers that may name them
    app::db::vocabulary::refresh(db.read()).await.map_err(|e| anyhow!("cannot read the added vocabulary: {e}"))?;
    let indexed = app::db::roster::index_missing(&db).await.map_err(|e| anyhow!("cannot index the rosters: {e}"))?;
    if indexed > 0 {
        tracing::info!(indexed, "roster index completed");
    }
    let renamed = app::db::organisations::refresh_name_keys(&db)
        .await
        .map_err(|e| anyhow!("cannot refresh the organisation name keys: {e}"))?;
    if renamed > 0 {
        tracing::info!(renamed, "organisation name keys refreshed");
    }
    let typed = app::db::cases::type_legacy_timeline(&db)
        .await
        .map_err(|e| anyhow!("cannot type the earlier timeline entries: {e}"))?;
    if typed > 0 {
        tracing::info!(typed, "earlier timeline entries typed");
    }
    let opened =
        app::db::cases::open_missing(&db).await.map_err(|e| anyhow!("cannot open the cases of requests: {e}"))?;
    if opened > 0 {
        tracing::info!(opened, "cases opened for earlier requests");
    }
    let indexed =
        app::db::cases::index_missing_facets(&db).await.map_err(|e| anyhow!("cannot index the cases: {e}"))?;
    if indexed > 0 {
        tracing::info!(indexed, "earlier cases indexed by issue area and region");
    }
    let threads =
        app::db::threads::open_missing(&db).await.map_err(|e| anyhow!("cannot open the cases' threads: {e}"))?;
    if threads > 0 {
        tracing::info!(threads, "government threads opened for earlier cases");
    }
    let ops = crate::ops::Ops::new(settings.metrics_access.clone());
    let shutdown = ops.shutdown.clone();
    let mut workers = vec![app::mail::spawn_worker_until(db.clone(), mailer.clone(), {
        let shutdown = shutdown.clone();
        async move { shutdown.stopping().await }
    })];
    let jobs = crate::ops::jobs::JobContext { state: state.clone(), digest_after: settings.digest_after };
    workers.extend(crate::ops::jobs::spawn_all(&ops, jobs));
    let app = crate::router_with(state, &settings, ops);
    tracing::info!(%addr, engine = db.engine(), "serving");
    println!("OGP Networking Mechanism is running: open http://{addr}/ (database: {}).", db.engine());
    let grace = settings.shutdown_grace;
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async move {
            crate::ops::shutdown::signal().await;
            tracing::info!(grace_secs = grace.as_secs(), "shutting down: finishing in-flight requests");
            // live streams end with a reconnect hint; the workers stop after their current run
            shutdown.begin();
            tokio::spawn(async move {
                tokio::time::sleep(grace).await;
                tracing::warn!("grace period over, exiting");
                std::process::exit(0);
            });
        })
        .await
        .map_err(|e| anyhow!("server error: {e}"))?;
    for worker in workers {
        let _ = worker.await;
    }
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}
