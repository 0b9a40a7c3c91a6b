//! Validation of account input, shared by the browser (instant feedback) and the server (the
//! rule that counts): e-mail addresses, names and passwords. Passwords follow NIST SP 800-63B
//! and OWASP ASVS: at least 12 characters (a passphrase is welcome), at most 128, no
//! composition rules, refused when common or built from the e-mail address.

use crate::i18n::K;

/// Longest accepted e-mail address (RFC 5321 path limit).
pub const EMAIL_MAX: usize = 254;
/// Longest accepted display name.
pub const NAME_MAX: usize = 120;
/// Fewest characters in a password.
pub const PASSWORD_MIN: usize = 12;
/// Most characters in a password.
pub const PASSWORD_MAX: usize = 128;

/// Normalises and checks an e-mail address; returns it trimmed and lower-cased.
pub fn validate_email(input: &str) -> Result<String, K> {
    let email = input.trim().to_lowercase();
    let valid = email.len() <= EMAIL_MAX
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains("..")
            }
            None => false,
        };
    if valid {
        Ok(email)
    } else {
        Err(K::ErrorEmailInvalid)
    }
}

/// Checks a display name; returns it trimmed.
pub fn validate_name(input: &str) -> Result<String, K> {
    let name = input.trim();
    if name.is_empty() {
        Err(K::ErrorNameRequired)
    } else if name.chars().count() > NAME_MAX {
        Err(K::ErrorTooLong)
    } else {
        Ok(name.to_string())
    }
}

/// Passwords refused however long they are: the most common ones of 12 characters or more
/// in public breach corpora, and keyboard or repeated patterns.
const COMMON_PASSWORDS: &[&str] = &[
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456789123",
    "1q2w3e4r5t6y",
    "1qaz2wsx3edc",
    "aaaaaaaaaaaa",
    "abcdefghijkl",
    "abc123abc123",
    "iloveyou1234",
    "letmeinplease",
    "password1234",
    "password12345",
    "password123456",
    "passwordpassword",
    "qwertyuiopasdfgh",
    "qwertyuiop123",
    "qwertyuiopas",
    "qwerty123456",
    "qazwsxedcrfv",
    "welcome12345",
    "administrator",
    "changemenow123",
    "opengovernment",
    "opengovernment1",
    "opengovpartnership",
];

/// Checks a new password. `email` is the account's address (the password may not contain it
/// or its local part).
pub fn validate_password(password: &str, email: &str) -> Result<(), K> {
    let count = password.chars().count();
    if count < PASSWORD_MIN {
        return Err(K::ErrorPasswordTooShort);
    }
    if count > PASSWORD_MAX {
        return Err(K::ErrorPasswordTooLong);
    }
    let folded: String = password.to_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
    let distinct: std::collections::HashSet<char> = folded.chars().collect();
    if COMMON_PASSWORDS.contains(&folded.as_str()) || distinct.len() <= 2 {
        return Err(K::ErrorPasswordCommon);
    }
    let email = email.trim().to_lowercase();
    let local = email.split('@').next().unwrap_or("");
    if (!email.is_empty() && folded.contains(&email)) || (local.len() >= 4 && folded.contains(local)) {
        return Err(K::ErrorPasswordLikeEmail);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_addresses_are_trimmed_lowercased_and_checked() {
        assert_eq!(validate_email("  Ana.Perez@Gob.EXAMPLE ").as_deref(), Ok("ana.perez@gob.example"));
        for bad in [
            "",
            "ana",
            "ana@",
            "@gob.example",
            "ana@gob",
            "ana@@gob.example",
            "ana perez@gob.example",
            "ana@.gob",
            "ana@gob..example",
        ] {
            assert_eq!(validate_email(bad), Err(K::ErrorEmailInvalid), "{bad:?}");
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert_eq!(validate_email(&long), Err(K::ErrorEmailInvalid));
    }

    #[test]
    fn names_are_required_and_bounded() {
        assert_eq!(validate_name("  Nathaniel  ").as_deref(), Ok("Nathaniel"));
        assert_eq!(validate_name("   "), Err(K::ErrorNameRequired));
        assert_eq!(validate_name(&"é".repeat(121)), Err(K::ErrorTooLong));
        assert!(validate_name(&"é".repeat(120)).is_ok(), "the limit counts characters, not bytes");
    }

    #[test]
    fn a_passphrase_of_twelve_characters_is_enough_without_composition_rules() {
        assert_eq!(validate_password("river stones", "ana@gob.example"), Ok(()));
        assert_eq!(validate_password("señal clara ñ", "ana@gob.example"), Ok(()));
    }

    #[test]
    fn short_long_common_and_email_based_passwords_are_refused() {
        let email = "ana.perez@gob.example";
        assert_eq!(validate_password("short pass", email), Err(K::ErrorPasswordTooShort));
        assert_eq!(validate_password(&"x".repeat(129), email), Err(K::ErrorPasswordTooLong));
        assert_eq!(validate_password("Password1234", email), Err(K::ErrorPasswordCommon));
        assert_eq!(validate_password("QWERTY 123456", email), Err(K::ErrorPasswordCommon));
        assert_eq!(validate_password("abababababab", email), Err(K::ErrorPasswordCommon));
        assert_eq!(validate_password("ana.perez2026!", email), Err(K::ErrorPasswordLikeEmail));
    }
}
