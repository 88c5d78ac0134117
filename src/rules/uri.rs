//! URI predicates more than one rule family needs, kept once so that two rules
//! asking the same question get the same answer.
//!
//! Predicates only (with the reason, where a finding quotes it): nothing here
//! produces a finding, parses for display or normalises a value. Two questions that look alike but answer differently
//! (`scheme_is_https` and `is_https_url`) are two functions, named for what they
//! check; do not merge them without checking every caller.

/// The scheme, the text before the first `:`, is `https` in any case. Nothing
/// else is looked at: `https:foo` passes. For values whose syntax is checked
/// separately (`url-invalid`) or does not matter to the caller.
pub fn scheme_is_https(uri: &str) -> bool {
    uri.split_once(':')
        .is_some_and(|(scheme, _)| scheme.eq_ignore_ascii_case("https"))
}

/// The URL starts with `https://` (scheme in any case): an https URL with an
/// authority part. Unlike [`scheme_is_https`], `https:foo` does not pass.
pub fn is_https_url(url: &str) -> bool {
    url.split_once("://")
        .is_some_and(|(scheme, _)| scheme.eq_ignore_ascii_case("https"))
}

/// The value parses as an absolute URI (a scheme, then whatever the `url` crate
/// accepts), as extension grant types and client authentication methods are.
pub fn is_absolute_uri(value: &str) -> bool {
    url::Url::parse(value).is_ok()
}

/// Why `s` is not an absolute RFC 3986 URI usable as an endpoint or an issuer, if
/// it is not: no scheme, a character that must be percent-encoded (space, `{`,
/// non-ASCII, ...), a broken `%` escape, an http(s) URL without a host, or what
/// the `url` crate refuses (a port over 65535, a bad host).
pub fn uri_problem(s: &str) -> Option<String> {
    parse_uri(s).err()
}

/// `s` parsed, if it is an absolute RFC 3986 URI usable as an endpoint or an
/// issuer; otherwise why not, as [`uri_problem`] says.
pub fn parse_uri(s: &str) -> Result<::url::Url, String> {
    match syntax_problem(s) {
        Some(problem) => Err(problem),
        None => ::url::Url::parse(s).map_err(|e| format!("it cannot be parsed: {e}")),
    }
}

/// What [`uri_problem`] finds before the `url` crate is asked.
fn syntax_problem(s: &str) -> Option<String> {
    // Said after "is not an absolute URL: ", so never "not absolute" again.
    let Some((scheme, rest)) = s.split_once(':') else {
        return Some(if s.starts_with("//") {
            "it has no scheme: `https:` is missing before `//`".into()
        } else if s.starts_with('/') {
            "it is a relative path, with no scheme or host".into()
        } else {
            "it has no scheme".into()
        });
    };
    let mut sc = scheme.chars();
    let scheme_ok = sc.next().is_some_and(|c| c.is_ascii_alphabetic())
        && sc.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return Some("the text before its first `:` is not a scheme".into());
    }
    let bytes = s.as_bytes();
    for (i, c) in s.char_indices() {
        let allowed = c.is_ascii_alphanumeric()
            || matches!(
                c,
                '-' | '.'
                    | '_'
                    | '~'
                    | ':'
                    | '/'
                    | '?'
                    | '#'
                    | '['
                    | ']'
                    | '@'
                    | '!'
                    | '$'
                    | '&'
                    | '\''
                    | '('
                    | ')'
                    | '*'
                    | '+'
                    | ','
                    | ';'
                    | '='
            );
        if allowed {
            continue;
        }
        if c == '%' {
            let hex = |k: usize| bytes.get(i + k).is_some_and(u8::is_ascii_hexdigit);
            if hex(1) && hex(2) {
                continue;
            }
            return Some(format!(
                "`%` at offset {i} is not followed by two hex digits"
            ));
        }
        let shown = match c {
            ' ' => "a space".to_string(),
            c if c.is_control() => format!("control character U+{:04X}", u32::from(c)),
            c => format!("{c:?}"),
        };
        return Some(format!(
            "it contains {shown} (at offset {i}), which must be percent-encoded"
        ));
    }
    let lower = scheme.to_ascii_lowercase();
    if matches!(lower.as_str(), "http" | "https") {
        let Some(after) = rest.strip_prefix("//") else {
            return Some("it has no `//host` part".into());
        };
        let host_end = after.find(['/', '?', '#']).unwrap_or(after.len());
        if after.get(..host_end).is_none_or(str::is_empty) {
            return Some("it has no host".into());
        }
    }
    None
}

/// `s` with each `{name}` template placeholder replaced by `x`; `None` when it
/// has none.
pub fn without_placeholders(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut found = false;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find('}') else { break };
        let inner = after.get(..close).unwrap_or("");
        if inner.is_empty() || inner.contains(['{', ' ', '/']) {
            break;
        }
        out.push_str(rest.get(..open).unwrap_or(""));
        out.push('x');
        rest = after.get(close + 1..).unwrap_or("");
        found = true;
    }
    out.push_str(rest);
    found.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_https_questions_differ_only_without_an_authority() {
        for both in ["https://idp.example.com", "HTTPS://idp.example.com/x"] {
            assert!(scheme_is_https(both) && is_https_url(both), "{both}");
        }
        for neither in ["http://idp.example.com", "/path", "", "urn:https://x"] {
            assert!(
                !scheme_is_https(neither) && !is_https_url(neither),
                "{neither}"
            );
        }
        assert!(scheme_is_https("https:idp.example.com"));
        assert!(!is_https_url("https:idp.example.com"));
    }

    #[test]
    fn absolute_uris_have_a_scheme() {
        assert!(is_absolute_uri(
            "urn:ietf:params:oauth:grant-type:device_code"
        ));
        assert!(is_absolute_uri("https://idp.example.com/grant"));
        assert!(!is_absolute_uri("refresh-token"));
        assert!(!is_absolute_uri("/relative"));
    }

    #[test]
    fn uri_syntax() {
        for ok in [
            "https://idp.example.com/token",
            "https://idp.example.com:8443/a%20b?x=1",
            "https://[::1]/token",
            "urn:example:thing",
        ] {
            assert_eq!(uri_problem(ok), None, "{ok}");
        }
        for bad in [
            "/userinfo",
            "idp.example.com/token",
            "https://idp.example.com/a b",
            "https://idp.example.com/{tenant}/token",
            "https:///token",
            "https:idp.example.com",
            "https://idp.example.com/%zz",
            "https://idp.example.com/é",
            "https://idp.example.com:99999/",
            "",
        ] {
            assert!(uri_problem(bad).is_some(), "{bad}");
        }
        // The caller says "is not an absolute URL"; the reason must not repeat it.
        for bad in ["/userinfo", "//idp.example.com/token", "userinfo", ":x"] {
            let why = uri_problem(bad).unwrap_or_default();
            assert!(!why.contains("absolute"), "{bad}: {why}");
        }
        assert_eq!(
            uri_problem("/userinfo").as_deref(),
            Some("it is a relative path, with no scheme or host")
        );
    }
}
