//! The local SMTP sink the tests start, and reading the mails it keeps.

use super::*;

/// A local SMTP server that accepts every message and keeps it for assertions.
pub struct SmtpSink {
    pub url: String,
    pub received: std::sync::Arc<tokio::sync::Mutex<Vec<String>>>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind smtp");
        let url = format!("smtp://{}", listener.local_addr().expect("addr"));
        let received = std::sync::Arc::new(tokio::sync::Mutex::new(Vec::new()));
        let store = received.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let store = store.clone();
                tokio::spawn(async move {
                    let (read, mut write) = stream.into_split();
                    let mut lines = BufReader::new(read).lines();
                    let _ = write.write_all(b"220 sink ESMTP\r\n").await;
                    let mut in_data = false;
                    let mut message = String::new();
                    while let Ok(Some(line)) = lines.next_line().await {
                        if in_data {
                            if line == "." {
                                in_data = false;
                                store.lock().await.push(std::mem::take(&mut message));
                                let _ = write.write_all(b"250 queued\r\n").await;
                            } else {
                                message.push_str(line.strip_prefix('.').unwrap_or(&line));
                                message.push('\n');
                            }
                            continue;
                        }
                        let verb = line.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
                        let reply: &[u8] = match verb.as_str() {
                            "EHLO" | "HELO" => b"250-sink\r\n250 8BITMIME\r\n",
                            "DATA" => {
                                in_data = true;
                                b"354 go ahead\r\n"
                            }
                            "QUIT" => {
                                let _ = write.write_all(b"221 bye\r\n").await;
                                break;
                            }
                            _ => b"250 ok\r\n",
                        };
                        let _ = write.write_all(reply).await;
                    }
                });
            }
        });
        SmtpSink { url, received }
    }

    /// Waits up to five seconds for a message to `to` containing `needle`, and returns it.
    pub async fn wait_for(&self, to: &str, needle: &str) -> String {
        for _ in 0..100 {
            if let Some(m) = self.received.lock().await.iter().find(|m| m.contains(to) && m.contains(needle)) {
                return m.clone();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no mail to {to} containing {needle:?}; got {:?}", self.received.lock().await);
    }
}

/// The link in a mail body that starts with `prefix` (quoted-printable soft breaks removed).
pub fn link_in(mail: &str, prefix: &str) -> String {
    let flat = mail.replace("=\n", "").replace("=3D", "=");
    let start = flat.find(prefix).unwrap_or_else(|| panic!("no link {prefix} in mail:\n{flat}"));
    flat[start..].split_whitespace().next().expect("link").to_string()
}

/// A mail's text with quoted-printable encoding undone (soft breaks and `=XX` bytes).
pub fn decoded(mail: &str) -> String {
    let flat = mail.replace("=\n", "");
    let bytes = flat.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
