//! The real `ogpnm serve`, as a process of its own on a test app's database, site and files:
//! for what only a process can show (killed with SIGKILL, stopped with SIGTERM, started twice).

use super::*;
use std::process::{Child, Command, Stdio};

pub struct Served {
    pub child: Child,
    pub base: String,
    pub log: tempfile::NamedTempFile,
}

/// A free port on the loopback interface.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port()
}

/// Starts the binary on `port` for `app`'s database and stored files; returns once it answers
/// `/healthz`. `env` adds or overrides settings.
pub async fn serve_binary(app: &TestApp, port: u16, env: &[(&str, &str)]) -> Served {
    let log = tempfile::NamedTempFile::new().expect("log file");
    let addr = format!("127.0.0.1:{port}");
    let child = Command::new(env!("CARGO_BIN_EXE_ogpnm"))
        .arg("serve")
        .env("DATABASE_URL", &app.test_db.url)
        .env("LEPTOS_SITE_ADDR", &addr)
        .env("LEPTOS_SITE_ROOT", app.site.path())
        .env("LEPTOS_OUTPUT_NAME", "ogpnm")
        .env("LEPTOS_ENV", "PROD")
        .env("OGPNM_FILES_DIR", app.site.path().join("files"))
        .env("OGPNM_MAIL_DIR", app.site.path().join("mail"))
        .env("SMTP_URL", &app.smtp.url)
        .env("OGPNM_SHUTDOWN_GRACE_SECS", "10")
        .env("RUST_LOG", "info,sqlx=warn")
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(log.reopen().expect("log"))
        .spawn()
        .expect("start ogpnm serve");
    let mut served = Served { child, base: format!("http://{addr}"), log };
    let client = reqwest::Client::new();
    let started = std::time::Instant::now();
    loop {
        if let Ok(Some(status)) = served.child.try_wait() {
            panic!("ogpnm serve exited with {status}: {}", served.log());
        }
        if let Ok(res) = client.get(format!("{}/healthz", served.base)).send().await {
            if res.status() == StatusCode::OK {
                return served;
            }
        }
        assert!(started.elapsed() < Duration::from_secs(60), "ogpnm serve did not answer: {}", served.log());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

impl Served {
    /// What the process logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.log.path()).unwrap_or_default()
    }

    /// `kill -9`: the process ends at once, whatever it was doing.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Sends SIGTERM (an orderly stop).
    pub fn terminate(&self) {
        let ok = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        assert!(ok.is_ok_and(|s| s.success()), "kill -TERM");
    }

    /// Waits up to `limit` for the process to end; its exit status.
    pub async fn wait(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let started = std::time::Instant::now();
        while started.elapsed() < limit {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        None
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.kill();
    }
}
