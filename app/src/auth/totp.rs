//! Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, six digits), the
//! enrolment QR code (SVG, so it needs no image decoder and obeys the CSP) and recovery codes.

use hmac::{Hmac, Mac};
use rand::RngCore;

const STEP_SECS: i64 = 30;
const DIGITS: u32 = 6;

/// A new random 160-bit secret, as base32 (what authenticator apps accept).
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    data_encoding::BASE32_NOPAD.encode(&bytes)
}

/// The code for `secret` (base32) at Unix time `unix_secs`.
pub fn code_at(secret: &str, unix_secs: i64) -> Option<String> {
    let key = data_encoding::BASE32_NOPAD.decode(secret.as_bytes()).ok()?;
    Some(hotp(&key, unix_secs.div_euclid(STEP_SECS) as u64))
}

fn hotp(key: &[u8], counter: u64) -> String {
    let Ok(mut mac) = Hmac::<sha1::Sha1>::new_from_slice(key) else { return String::new() };
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let bin = u32::from_be_bytes([digest[offset] & 0x7f, digest[offset + 1], digest[offset + 2], digest[offset + 3]]);
    format!("{:0width$}", bin % 10u32.pow(DIGITS), width = DIGITS as usize)
}

/// The time step at which `code` matches around `unix_secs` (one step of clock drift either
/// way), for the caller to accept only once: a code is refused again after its step was used.
pub fn matching_step(secret: &str, code: &str, unix_secs: i64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != DIGITS as usize {
        return None;
    }
    [-1, 0, 1]
        .into_iter()
        .map(|d| unix_secs.div_euclid(STEP_SECS) + d)
        .find(|step| code_at(secret, step * STEP_SECS).as_deref() == Some(code.as_str()))
}

/// Whether `code` matches at `unix_secs`, allowing one step of clock drift either way.
pub fn verify(secret: &str, code: &str, unix_secs: i64) -> bool {
    matching_step(secret, code, unix_secs).is_some()
}

/// The `otpauth://` URI an authenticator app reads from the QR code.
pub fn otpauth_uri(secret: &str, account: &str) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect::<String>()
    };
    format!(
        "otpauth://totp/{}:{}?secret={secret}&issuer={}&digits=6&period=30",
        enc("OGP Networking Mechanism"),
        enc(account),
        enc("OGP Networking Mechanism")
    )
}

/// The QR code of `data` as an SVG document (dark modules on white).
pub fn qr_svg(data: &str) -> String {
    match qrcode::QrCode::new(data.as_bytes()) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(200, 200)
            .dark_color(qrcode::render::svg::Color("#16222c"))
            .light_color(qrcode::render::svg::Color("#ffffff"))
            .build(),
        Err(_) => String::new(),
    }
}

/// Ten new recovery codes, `xxxx-xxxx` from an unambiguous alphabet.
pub fn new_recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    (0..10)
        .map(|_| {
            let mut bytes = [0u8; 8];
            rand::rngs::OsRng.fill_bytes(&mut bytes);
            let chars: String = bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect();
            format!("{}-{}", &chars[..4], &chars[4..])
        })
        .collect()
}

/// A recovery code as typed, normalised for hashing (lower case, no spaces or dashes).
pub fn normalise_recovery_code(code: &str) -> String {
    code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 vectors (8 digits there; the last six digits here).
    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        let secret = data_encoding::BASE32_NOPAD.encode(b"12345678901234567890");
        for (t, expected) in
            [(59, "287082"), (1_111_111_109, "081804"), (1_234_567_890, "005924"), (2_000_000_000, "279037")]
        {
            assert_eq!(code_at(&secret, t).as_deref(), Some(expected), "t={t}");
        }
    }

    #[test]
    fn a_code_is_accepted_one_step_early_or_late_but_not_two() {
        let secret = new_secret();
        let now = 1_800_000_000;
        let code = code_at(&secret, now).expect("code");
        assert!(verify(&secret, &code, now));
        assert!(verify(&secret, &code, now + 30));
        assert!(verify(&secret, &format!("{} {}", &code[..3], &code[3..]), now - 30), "spaces are ignored");
        assert!(!verify(&secret, &code, now + 90));
        assert!(!verify(&secret, "12345", now));
    }

    #[test]
    fn the_qr_code_is_an_svg_of_the_otpauth_uri() {
        let uri = otpauth_uri("JBSWY3DPEHPK3PXP", "ana@gob.example");
        assert!(
            uri.starts_with("otpauth://totp/OGP%20Networking%20Mechanism:ana%40gob.example?secret=JBSWY3DPEHPK3PXP")
        );
        let svg = qr_svg(&uri);
        assert!(svg.contains("<svg") && svg.contains("#16222c"));
    }

    #[test]
    fn recovery_codes_are_distinct_and_normalised() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), 10);
        assert_eq!(codes.iter().collect::<std::collections::HashSet<_>>().len(), 10);
        assert_eq!(normalise_recovery_code(" AB3D-EF9H "), "ab3def9h");
    }
}
