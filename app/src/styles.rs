//! The second stylesheet (server only). `style/main.css` (built by cargo-leptos, on every page)
//! holds what the survey and sign-in pages use; `style/pages.css` holds the rest and is linked
//! on every other page, so a survey step on a phone does not download the board's or the
//! landing page's rules (issue 19, BENCHMARKS.md). The server serves it from the binary
//! (`/pkg/pages.css`), versioned by a hash of its text so it can be cached for a year.

use std::sync::LazyLock;

/// The rules for every page but the survey's and sign-in's.
pub const PAGES_CSS: &str = include_str!("../../style/pages.css");

/// Its name in the site's package folder (`/pkg/`), where the server serves it.
pub const PAGES_FILE: &str = "pages.css";

/// Its address (under the site's package folder `pkg_dir`), with the version of its text
/// (FNV-1a), so a new build is fetched at once.
pub fn pages_href(pkg_dir: &str) -> String {
    static VERSION: LazyLock<u64> = LazyLock::new(|| {
        PAGES_CSS.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
    });
    format!("/{pkg_dir}/{PAGES_FILE}?v={:016x}", *VERSION)
}

/// Whether the page at `path` needs only `main.css`: the survey's introduction, steps and review,
/// and signing in. The integration tests hold these pages to it (`server/tests/app/styles.rs`).
pub fn lean(path: &str) -> bool {
    if matches!(path, "/sign-in" | "/forgot-password" | "/reset-password") {
        return true;
    }
    let Some(rest) = path.strip_prefix("/survey/") else { return false };
    let mut parts = rest.split('/');
    let kind = parts.next().unwrap_or_default();
    if !matches!(kind, "demand" | "supply") {
        return false;
    }
    match (parts.next(), parts.next(), parts.next()) {
        (None, ..) | (Some("review"), None, _) => true,
        (Some("step"), Some(n), None) => !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_survey_and_sign_in_pages_are_lean_and_the_rest_are_not() {
        for path in [
            "/survey/demand",
            "/survey/supply",
            "/survey/supply/step/1",
            "/survey/demand/step/3",
            "/survey/demand/review",
            "/sign-in",
            "/forgot-password",
            "/reset-password",
        ] {
            assert!(lean(path), "{path}");
        }
        for path in [
            "/",
            "/survey/supply/done",
            "/survey/supply/resume",
            "/survey/invitation",
            "/survey/other/step/1",
            "/survey/supply/step/",
            "/survey/supply/step/1/x",
            "/sign-in/code",
            "/board",
            "/threads/abc",
            "/directory",
        ] {
            assert!(!lean(path), "{path}");
        }
    }

    #[test]
    fn the_href_carries_a_version_of_the_text() {
        let href = pages_href("pkg");
        assert!(href.starts_with("/pkg/pages.css?v="), "{href}");
        assert_eq!(href.len(), "/pkg/pages.css?v=".len() + 16);
    }
}
