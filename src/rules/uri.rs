//! URI predicates more than one rule family needs, kept once so that two rules
//! asking the same question get the same answer.
//!
//! Predicates only: nothing here produces a finding, parses for display or
//! normalises a value. Two questions that look alike but answer differently
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
}
