//! `ogpnm`: parses the command line, sets up logging (text, or JSON with `OGPNM_LOG_FORMAT=json`), runs the command and reports any
//! failure as one line naming its cause, with a non-zero exit status.

use clap::Parser;
use server::cli::{run, Cli};
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    // OGPNM_LOG_FORMAT=json: one JSON object per line, with the request's span (its id) in each
    match std::env::var("OGPNM_LOG_FORMAT").unwrap_or_default().trim() {
        "json" => logs.json().with_current_span(true).with_span_list(false).init(),
        "" | "text" => logs.init(),
        other => {
            eprintln!("ogpnm: error: OGPNM_LOG_FORMAT={other:?} must be text or json");
            return ExitCode::FAILURE;
        }
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("ogpnm: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ogpnm: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
