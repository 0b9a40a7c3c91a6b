//! What the web hands the app that it must not trust: where to go next (a path typed into a
//! link or a form), and who is asking (the client's address behind reverse proxies).

/// A path on this site that is safe to redirect to: one leading `/` (not `//` or `/\`, which
/// browsers treat as another host), then only the characters of an ordinary path, query and
/// fragment. Anything else (a tab, a control character, a space, a backslash, quotes) is
/// refused whole rather than cleaned up.
pub fn is_local_path(path: &str) -> bool {
    const ALLOWED: &str = "/-._~%!$&()*+,;=:@?#";
    path.len() <= 2000
        && path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && path.chars().all(|c| c.is_ascii_alphanumeric() || ALLOWED.contains(c))
}

/// The client's address: the connection's peer, or, behind `trusted_proxies` reverse proxies,
/// the right-most `X-Forwarded-For` hop that no trusted proxy added. Each proxy appends the
/// address it saw, so the entries left of those are whatever the client claimed and are
/// ignored. `forwarded` holds the header's values in the order received. With fewer hops than
/// proxies (a misconfiguration), the left-most hop is the best there is.
pub fn client_address(peer: &str, forwarded: &[&str], trusted_proxies: usize) -> String {
    if trusted_proxies == 0 {
        return peer.to_string();
    }
    let hops: Vec<&str> =
        forwarded.iter().flat_map(|v| v.split(',')).map(str::trim).filter(|h| !h.is_empty()).collect();
    // the last proxy is the peer itself; the hops it and the others added are at the right end
    let from_right = trusted_proxies - 1;
    let hop =
        if hops.len() > from_right { hops[hops.len() - 1 - from_right] } else { hops.first().copied().unwrap_or(peer) };
    match hop.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.to_string(),
        Err(_) => peer.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_same_site_paths_made_of_path_characters_are_followed() {
        for ok in ["/", "/survey/demand?step=2", "/cases/01J?stage=intake#timeline", "/roster/providers?q=caf%C3%A9"] {
            assert!(is_local_path(ok), "{ok}");
        }
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "/\t/evil.example",
            "/a\r\nSet-Cookie: x=1",
            "/\u{0}x",
            "/ space",
            "/\u{7f}",
            "/é",
            "/\"><script>",
            "",
            "evil",
        ] {
            assert!(!is_local_path(bad), "{bad:?}");
        }
    }

    #[test]
    fn the_client_is_the_rightmost_hop_no_trusted_proxy_added() {
        // no proxies: the header is the client's own claim and is ignored
        assert_eq!(client_address("10.0.0.9", &["203.0.113.7"], 0), "10.0.0.9");
        // one proxy: it appended the address it saw; what the client wrote before is ignored
        assert_eq!(client_address("10.0.0.9", &["1.2.3.4, 203.0.113.7"], 1), "203.0.113.7");
        assert_eq!(client_address("10.0.0.9", &["1.2.3.4", "203.0.113.7"], 1), "203.0.113.7");
        // two proxies: the second-to-last hop
        assert_eq!(client_address("10.0.0.9", &["1.2.3.4, 203.0.113.7, 10.0.0.2"], 2), "203.0.113.7");
        // no header, or a hop that is not an address: the peer
        assert_eq!(client_address("10.0.0.9", &[], 1), "10.0.0.9");
        assert_eq!(client_address("10.0.0.9", &["unknown"], 1), "10.0.0.9");
        assert_eq!(client_address("10.0.0.9", &["2001:db8::1"], 1), "2001:db8::1");
    }
}
