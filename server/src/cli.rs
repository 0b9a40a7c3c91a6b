//! The command line: `ogpnm serve` (default), `ogpnm migrate`, `ogpnm seed --demo`.

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
    },
}

/// Runs the chosen command.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = Settings::from_env()?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings).await,
        Command::Migrate => {
            let db = open_database(&settings).await?;
            println!("Database {} is up to date.", app::db::redact(&settings.database_url));
            db.close().await;
            Ok(())
        }
        Command::Seed { demo } => {
            if !demo {
                bail!("nothing to seed: pass --demo to load the demo data");
            }
            let db = open_database(&settings).await?;
            let inserted = app::db::seed::seed_demo(&db).await?;
            if inserted == 0 {
                println!("The database already has data; demo data not loaded.");
            } else {
                println!("Loaded demo data: {inserted} organisations.");
            }
            db.close().await;
            Ok(())
        }
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    settings.check_site_root()?;
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
    let state = AppState { leptos_options: settings.leptos.clone(), db: db.clone() };
    let app = crate::router(state, &settings);
    tracing::info!(%addr, engine = db.engine(), "serving");
    println!("OGP Networking Mechanism is running: open http://{addr}/ (database: {}).", db.engine());
    let grace = settings.shutdown_grace;
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal(grace))
        .await
        .map_err(|e| anyhow!("server error: {e}"))?;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM; then in-flight requests get `grace` to finish before the
/// process exits regardless.
async fn shutdown_signal(grace: std::time::Duration) {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!(grace_secs = grace.as_secs(), "shutting down: finishing in-flight requests");
    tokio::spawn(async move {
        tokio::time::sleep(grace).await;
        tracing::warn!("grace period over, exiting");
        std::process::exit(0);
    });
}
