//! The metadata members the tool knows: name, JSON type, where each is defined and
//! whether it must use https. The type rules check every entry, `doc-unknown-member`
//! reports names that are not here, and the table output uses [`display_rank`] to show
//! endpoints first, then capabilities, then the rest.
//!
//! Sources: OpenID Connect Discovery 1.0 §3, RFC 8414 §2 and the registered
//! extensions, plus the names the OpenID conformance suite's metadata schema accepts
//! and vendor members seen in real documents (Auth0, Microsoft Entra ID). This module
//! holds data and lookups only; it never judges a document.

/// The JSON type a member must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldType {
    /// A JSON string holding an absolute URL.
    Url,
    /// A JSON array of strings.
    StrArray,
    /// JSON `true` or `false`.
    Bool,
    /// A JSON object.
    Object,
    /// A JSON string that is not a URL.
    Str,
}

impl FieldType {
    /// How the type is named in messages.
    pub fn describe(self) -> &'static str {
        match self {
            FieldType::Url => "a URL string",
            FieldType::StrArray => "an array of strings",
            FieldType::Bool => "a boolean",
            FieldType::Object => "an object",
            FieldType::Str => "a string",
        }
    }
}

/// Where a member goes in the table: endpoints, then capabilities, then the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// `issuer`, endpoints, `jwks_uri`, iframes, endpoint aliases.
    Endpoint,
    /// `*_supported` lists and feature flags.
    Capability,
    /// Documentation links, names, signed metadata, ...
    Other,
}

/// One known member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub ty: FieldType,
    /// Where it is defined (short reference).
    pub spec: &'static str,
    /// A spec requires the https scheme (`url-https-required`); other URL members
    /// only should use it (`url-https-other`).
    pub https: bool,
    /// Defined by a published specification (RFC or final OpenID specification);
    /// `false` for drafts and vendor members.
    pub standard: bool,
    pub group: Group,
}

const fn f(
    name: &'static str,
    ty: FieldType,
    spec: &'static str,
    https: bool,
    standard: bool,
    group: Group,
) -> Field {
    Field {
        name,
        ty,
        spec,
        https,
        standard,
        group,
    }
}

use FieldType::{Bool, Object, Str, StrArray, Url};
use Group::{Capability, Endpoint, Other};

const OIDCD: &str = "OpenID Connect Discovery 1.0 §3";
const OIDCD_8414: &str = "OpenID Connect Discovery 1.0 §3; RFC 8414 §2";
const RFC8414: &str = "RFC 8414 §2";
const CIBA: &str = "OpenID CIBA Core 1.0 §4";
const JARM: &str = "JWT Secured Authorization Response Mode (JARM)";
const JWT_INTROSPECTION: &str = "RFC 9701";
const FEDERATION: &str = "OpenID Federation 1.0 §5.2";
const IDA: &str = "OpenID Identity Assurance 1.0 §8";
const GRANT_MGMT: &str = "Grant Management for OAuth 2.0 (draft)";
const ATTESTATION: &str = "OAuth 2.0 Attestation-Based Client Authentication (draft)";
const GLOBAL_REVOCATION: &str = "OAuth 2.0 Global Token Revocation (draft)";

/// Every known member, in display order within each group.
pub const FIELDS: &[Field] = &[
    // Endpoints.
    f("issuer", Url, OIDCD_8414, true, true, Endpoint),
    f(
        "authorization_endpoint",
        Url,
        "OpenID Connect Discovery 1.0 §3; RFC 8414 §2; RFC 6749 §3.1",
        true,
        true,
        Endpoint,
    ),
    f(
        "token_endpoint",
        Url,
        "OpenID Connect Discovery 1.0 §3; RFC 8414 §2; RFC 6749 §3.2",
        true,
        true,
        Endpoint,
    ),
    f("userinfo_endpoint", Url, OIDCD, true, true, Endpoint),
    f("jwks_uri", Url, OIDCD_8414, true, true, Endpoint),
    f(
        "registration_endpoint",
        Url,
        OIDCD_8414,
        true,
        true,
        Endpoint,
    ),
    f(
        "pushed_authorization_request_endpoint",
        Url,
        "RFC 9126 §5, §2",
        true,
        true,
        Endpoint,
    ),
    f(
        "device_authorization_endpoint",
        Url,
        "RFC 8628 §4, §3.1",
        true,
        true,
        Endpoint,
    ),
    f(
        "revocation_endpoint",
        Url,
        "RFC 8414 §2; RFC 7009 §2",
        true,
        true,
        Endpoint,
    ),
    f(
        "introspection_endpoint",
        Url,
        "RFC 8414 §2; RFC 7662 §2",
        true,
        true,
        Endpoint,
    ),
    f(
        "end_session_endpoint",
        Url,
        "OpenID Connect RP-Initiated Logout 1.0 §2.1",
        true,
        true,
        Endpoint,
    ),
    f(
        "check_session_iframe",
        Url,
        "OpenID Connect Session Management 1.0 §3.3",
        true,
        true,
        Endpoint,
    ),
    f(
        "backchannel_authentication_endpoint",
        Url,
        "OpenID CIBA Core 1.0 §4, §7",
        true,
        true,
        Endpoint,
    ),
    f(
        "mtls_endpoint_aliases",
        Object,
        "RFC 8705 §5",
        false,
        true,
        Endpoint,
    ),
    f(
        "mfa_challenge_endpoint",
        Url,
        "Auth0 MFA API (proprietary)",
        false,
        false,
        Endpoint,
    ),
    f(
        "global_token_revocation_endpoint",
        Url,
        GLOBAL_REVOCATION,
        false,
        false,
        Endpoint,
    ),
    f(
        "authorization_challenge_endpoint",
        Url,
        "OAuth 2.0 for First-Party Applications (draft)",
        false,
        false,
        Endpoint,
    ),
    f(
        "challenge_endpoint",
        Url,
        ATTESTATION,
        false,
        false,
        Endpoint,
    ),
    f(
        "grant_management_endpoint",
        Url,
        GRANT_MGMT,
        false,
        false,
        Endpoint,
    ),
    f(
        "federation_registration_endpoint",
        Url,
        FEDERATION,
        false,
        true,
        Endpoint,
    ),
    f("signed_jwks_uri", Url, FEDERATION, false, true, Endpoint),
    f(
        "status_list_aggregation_endpoint",
        Url,
        "OAuth Token Status List (draft) §9",
        false,
        false,
        Endpoint,
    ),
    // Capabilities.
    f(
        "scopes_supported",
        StrArray,
        OIDCD_8414,
        false,
        true,
        Capability,
    ),
    f(
        "response_types_supported",
        StrArray,
        OIDCD_8414,
        false,
        true,
        Capability,
    ),
    f(
        "response_modes_supported",
        StrArray,
        OIDCD_8414,
        false,
        true,
        Capability,
    ),
    f(
        "grant_types_supported",
        StrArray,
        OIDCD_8414,
        false,
        true,
        Capability,
    ),
    f(
        "code_challenge_methods_supported",
        StrArray,
        "RFC 8414 §2; RFC 7636 §4.2",
        false,
        true,
        Capability,
    ),
    f(
        "subject_types_supported",
        StrArray,
        OIDCD,
        false,
        true,
        Capability,
    ),
    f(
        "acr_values_supported",
        StrArray,
        OIDCD,
        false,
        true,
        Capability,
    ),
    f(
        "id_token_signing_alg_values_supported",
        StrArray,
        OIDCD,
        false,
        true,
        Capability,
    ),
    f(
        "id_token_encryption_alg_values_supported",
        StrArray,
        OIDCD,
        false,
        true,
        Capability,
    ),
    f(
        "id_token_encryption_enc_values_supported",
        StrArray,
        OIDCD,
        false,
        true,
        Capability,
    ),
    f(
        "userinfo_signing_alg_values_supported",
        StrArray,
        OIDCD,
        false,
        true,
        Capability,
    ),
    f(
        "userinfo_encryption_alg_values_supported",
        StrArray,
        OIDCD,
        false,
        true,
        Capability,
    ),
    f(
        "userinfo_encryption_enc_values_supported",
        StrArray,
        OIDCD,
        false,
        true,
        Capability,
    ),
    f(
        "request_object_signing_alg_values_supported",
        StrArray,
        OIDCD,
        false,
        true,
        Capability,
    ),
    f(
        "request_object_encryption_alg_values_supported",
        StrArray,
        OIDCD,
        false,
        true,
        Capability,
    ),
    f(
        "request_object_encryption_enc_values_supported",
        StrArray,
        OIDCD,
        false,
        true,
        Capability,
    ),
    f(
        "token_endpoint_auth_methods_supported",
        StrArray,
        OIDCD_8414,
        false,
        true,
        Capability,
    ),
    f(
        "token_endpoint_auth_signing_alg_values_supported",
        StrArray,
        OIDCD_8414,
        false,
        true,
        Capability,
    ),
    f(
        "revocation_endpoint_auth_methods_supported",
        StrArray,
        RFC8414,
        false,
        true,
        Capability,
    ),
    f(
        "revocation_endpoint_auth_signing_alg_values_supported",
        StrArray,
        RFC8414,
        false,
        true,
        Capability,
    ),
    f(
        "introspection_endpoint_auth_methods_supported",
        StrArray,
        RFC8414,
        false,
        true,
        Capability,
    ),
    f(
        "introspection_endpoint_auth_signing_alg_values_supported",
        StrArray,
        RFC8414,
        false,
        true,
        Capability,
    ),
    f(
        "display_values_supported",
        StrArray,
        OIDCD,
        false,
        true,
        Capability,
    ),
    f(
        "claim_types_supported",
        StrArray,
        OIDCD,
        false,
        true,
        Capability,
    ),
    f("claims_supported", StrArray, OIDCD, false, true, Capability),
    f(
        "claims_locales_supported",
        StrArray,
        OIDCD,
        false,
        true,
        Capability,
    ),
    f(
        "ui_locales_supported",
        StrArray,
        OIDCD_8414,
        false,
        true,
        Capability,
    ),
    f(
        "claims_parameter_supported",
        Bool,
        OIDCD,
        false,
        true,
        Capability,
    ),
    f(
        "request_parameter_supported",
        Bool,
        OIDCD,
        false,
        true,
        Capability,
    ),
    f(
        "request_uri_parameter_supported",
        Bool,
        OIDCD,
        false,
        true,
        Capability,
    ),
    f(
        "require_request_uri_registration",
        Bool,
        OIDCD,
        false,
        true,
        Capability,
    ),
    f(
        "prompt_values_supported",
        StrArray,
        "OpenID Connect Prompt Create 1.0 §4.2",
        false,
        true,
        Capability,
    ),
    f(
        "authorization_response_iss_parameter_supported",
        Bool,
        "RFC 9207 §3",
        false,
        true,
        Capability,
    ),
    f(
        "require_pushed_authorization_requests",
        Bool,
        "RFC 9126 §5",
        false,
        true,
        Capability,
    ),
    f(
        "dpop_signing_alg_values_supported",
        StrArray,
        "RFC 9449 §5.1",
        false,
        true,
        Capability,
    ),
    f(
        "tls_client_certificate_bound_access_tokens",
        Bool,
        "RFC 8705 §3.3",
        false,
        true,
        Capability,
    ),
    f(
        "require_signed_request_object",
        Bool,
        "RFC 9101 (metadata registration)",
        false,
        true,
        Capability,
    ),
    f(
        "authorization_details_types_supported",
        StrArray,
        "RFC 9396 §10",
        false,
        true,
        Capability,
    ),
    f(
        "frontchannel_logout_supported",
        Bool,
        "OpenID Connect Front-Channel Logout 1.0 §3",
        false,
        true,
        Capability,
    ),
    f(
        "frontchannel_logout_session_supported",
        Bool,
        "OpenID Connect Front-Channel Logout 1.0 §3",
        false,
        true,
        Capability,
    ),
    f(
        "backchannel_logout_supported",
        Bool,
        "OpenID Connect Back-Channel Logout 1.0 §2.1",
        false,
        true,
        Capability,
    ),
    f(
        "backchannel_logout_session_supported",
        Bool,
        "OpenID Connect Back-Channel Logout 1.0 §2.1",
        false,
        true,
        Capability,
    ),
    f(
        "http_logout_supported",
        Bool,
        "Microsoft Entra ID (non-standard)",
        false,
        false,
        Capability,
    ),
    f(
        "backchannel_token_delivery_modes_supported",
        StrArray,
        CIBA,
        false,
        true,
        Capability,
    ),
    f(
        "backchannel_authentication_request_signing_alg_values_supported",
        StrArray,
        CIBA,
        false,
        true,
        Capability,
    ),
    f(
        "backchannel_user_code_parameter_supported",
        Bool,
        CIBA,
        false,
        true,
        Capability,
    ),
    f(
        "authorization_signing_alg_values_supported",
        StrArray,
        JARM,
        false,
        true,
        Capability,
    ),
    f(
        "authorization_encryption_alg_values_supported",
        StrArray,
        JARM,
        false,
        true,
        Capability,
    ),
    f(
        "authorization_encryption_enc_values_supported",
        StrArray,
        JARM,
        false,
        true,
        Capability,
    ),
    f(
        "introspection_signing_alg_values_supported",
        StrArray,
        JWT_INTROSPECTION,
        false,
        true,
        Capability,
    ),
    f(
        "introspection_encryption_alg_values_supported",
        StrArray,
        JWT_INTROSPECTION,
        false,
        true,
        Capability,
    ),
    f(
        "introspection_encryption_enc_values_supported",
        StrArray,
        JWT_INTROSPECTION,
        false,
        true,
        Capability,
    ),
    f(
        "global_token_revocation_endpoint_auth_methods_supported",
        StrArray,
        GLOBAL_REVOCATION,
        false,
        false,
        Capability,
    ),
    f(
        "client_id_metadata_document_supported",
        Bool,
        "OAuth Client ID Metadata Document (draft)",
        false,
        false,
        Capability,
    ),
    f(
        "client_attestation_signing_alg_values_supported",
        StrArray,
        ATTESTATION,
        false,
        false,
        Capability,
    ),
    f(
        "client_attestation_pop_signing_alg_values_supported",
        StrArray,
        ATTESTATION,
        false,
        false,
        Capability,
    ),
    f(
        "grant_management_actions_supported",
        StrArray,
        GRANT_MGMT,
        false,
        false,
        Capability,
    ),
    f(
        "grant_management_action_required",
        Bool,
        GRANT_MGMT,
        false,
        false,
        Capability,
    ),
    f(
        "client_registration_types_supported",
        StrArray,
        FEDERATION,
        false,
        true,
        Capability,
    ),
    f(
        "request_authentication_signing_alg_values_supported",
        StrArray,
        "OpenID Federation 1.0 drafts (removed before final)",
        false,
        false,
        Capability,
    ),
    f(
        "pre-authorized_grant_anonymous_access_supported",
        Bool,
        "OpenID for Verifiable Credential Issuance 1.0 §12.3",
        false,
        true,
        Capability,
    ),
    f(
        "trust_frameworks_supported",
        StrArray,
        IDA,
        false,
        true,
        Capability,
    ),
    f("evidence_supported", StrArray, IDA, false, true, Capability),
    f(
        "documents_supported",
        StrArray,
        IDA,
        false,
        true,
        Capability,
    ),
    f(
        "documents_methods_supported",
        StrArray,
        IDA,
        false,
        true,
        Capability,
    ),
    f(
        "documents_check_methods_supported",
        StrArray,
        IDA,
        false,
        true,
        Capability,
    ),
    f(
        "electronic_records_supported",
        StrArray,
        IDA,
        false,
        true,
        Capability,
    ),
    f(
        "attachments_supported",
        StrArray,
        "OpenID Identity Assurance Attachments 1.0 §8",
        false,
        true,
        Capability,
    ),
    f(
        "claims_in_verified_claims_supported",
        StrArray,
        IDA,
        false,
        true,
        Capability,
    ),
    f(
        "transformed_claims_functions_supported",
        StrArray,
        IDA,
        false,
        true,
        Capability,
    ),
    // The rest.
    f("service_documentation", Url, OIDCD_8414, false, true, Other),
    f("op_policy_uri", Url, OIDCD_8414, false, true, Other),
    f("op_tos_uri", Url, OIDCD_8414, false, true, Other),
    f(
        "protected_resources",
        StrArray,
        "RFC 9728 §4",
        false,
        true,
        Other,
    ),
    f("signed_metadata", Str, "RFC 8414 §2.1", false, true, Other),
    f("jwks", Object, FEDERATION, false, true, Other),
    f("organization_name", Str, FEDERATION, false, true, Other),
    f("organization_uri", Url, FEDERATION, false, true, Other),
    f("display_name", Str, FEDERATION, false, true, Other),
    f("description", Str, FEDERATION, false, true, Other),
    f("keywords", StrArray, FEDERATION, false, true, Other),
    f("contacts", StrArray, FEDERATION, false, true, Other),
    f("logo_uri", Url, FEDERATION, false, true, Other),
    f("information_uri", Url, FEDERATION, false, true, Other),
];

/// The known member `name`, if any (exact, case-sensitive: member names are).
pub fn field(name: &str) -> Option<&'static Field> {
    field_index(name).and_then(|i| FIELDS.get(i))
}

/// The position of the known member `name` in [`FIELDS`].
fn field_index(name: &str) -> Option<usize> {
    static INDEX: std::sync::OnceLock<foldhash::HashMap<&'static str, usize>> =
        std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| {
            FIELDS
                .iter()
                .enumerate()
                .map(|(i, f)| (f.name, i))
                .collect()
        })
        .get(name)
        .copied()
}

/// Every known member.
pub fn fields() -> impl Iterator<Item = &'static Field> {
    FIELDS.iter()
}

/// Whether a member name looks like a URL-valued member by its suffix
/// (`*_endpoint`, `*_uri`, `*_iframe`), for members the table does not know.
pub fn url_like_name(name: &str) -> bool {
    name.ends_with("_endpoint") || name.ends_with("_uri") || name.ends_with("_iframe")
}

/// The group of a member: from the table, or guessed from the name for unknown ones.
pub fn group(name: &str) -> Group {
    match field(name) {
        Some(f) => f.group,
        None if name.ends_with("_endpoint") || name.ends_with("_iframe") => Group::Endpoint,
        None if name.ends_with("_supported") || name.starts_with("require_") => Group::Capability,
        None => Group::Other,
    }
}

/// Sort key for displaying members: endpoints, then capabilities, then the rest;
/// known members in table order within their group, unknown ones after them
/// (callers keep document order among equal keys with a stable sort).
pub fn display_rank(name: &str) -> (u8, usize) {
    let g = match group(name) {
        Group::Endpoint => 0,
        Group::Capability => 1,
        Group::Other => 2,
    };
    let i = field_index(name).unwrap_or(usize::MAX);
    (g, i)
}

/// A known member whose name is close to `name` (a likely typo), for
/// "did you mean" help. Case and `-`/`_` confusion, up to two edits for long
/// names (one for short ones), or a known name that has exactly one more
/// `_`-separated word than `name` (`id_token_alg_values_supported`).
pub fn suggest(name: &str) -> Option<&'static str> {
    if name.len() > 100 || field_index(name).is_some() {
        return None;
    }
    let lower = name.to_ascii_lowercase().replace('-', "_");
    let chars = lower.chars().count();
    let budget = if chars >= 12 { 2 } else { 1 };
    let mut best: Option<(usize, &'static str)> = None;
    // An edit changes the counts of each byte by two in all at most, so names
    // whose byte counts differ by more than twice the budget are out too.
    let counts = lower.is_ascii().then(|| byte_counts(&lower));
    // Known names are ASCII: their length in bytes is their length in characters,
    // and a length difference over the budget rules a name out cheaply.
    for (i, f) in FIELDS
        .iter()
        .enumerate()
        .filter(|(_, f)| f.name.len().abs_diff(chars) <= budget)
    {
        if let (Some(a), Some(b)) = (&counts, field_byte_counts().get(i)) {
            let apart: usize = a
                .iter()
                .zip(b)
                .map(|(x, y)| usize::from(x.abs_diff(*y)))
                .sum();
            if apart > 2 * budget {
                continue;
            }
        }
        let Some(d) = crate::suggest::bounded_distance(&lower, f.name, budget) else {
            continue;
        };
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, f.name));
        }
    }
    if let Some((_, n)) = best {
        return Some(n);
    }
    let words: Vec<&str> = lower.split('_').filter(|w| !w.is_empty()).collect();
    if words.len() < 3 {
        return None;
    }
    FIELDS
        .iter()
        .zip(field_word_counts())
        .find(|(f, n)| **n == words.len() + 1 && is_subsequence(&words, f.name.split('_')))
        .map(|(f, _)| f.name)
}

/// How many times each ASCII byte occurs in `s` (at most 255 counted).
fn byte_counts(s: &str) -> [u8; 128] {
    let mut counts = [0u8; 128];
    for b in s.bytes() {
        if let Some(c) = counts.get_mut(usize::from(b)) {
            *c = c.saturating_add(1);
        }
    }
    counts
}

/// [`byte_counts`] of each known member, in [`FIELDS`] order.
fn field_byte_counts() -> &'static [[u8; 128]] {
    static COUNTS: std::sync::OnceLock<Vec<[u8; 128]>> = std::sync::OnceLock::new();
    COUNTS.get_or_init(|| FIELDS.iter().map(|f| byte_counts(f.name)).collect())
}

/// How many `_`-separated words each known member has, in [`FIELDS`] order.
fn field_word_counts() -> &'static [usize] {
    static COUNTS: std::sync::OnceLock<Vec<usize>> = std::sync::OnceLock::new();
    COUNTS.get_or_init(|| FIELDS.iter().map(|f| f.name.split('_').count()).collect())
}

fn is_subsequence<'a>(short: &[&str], mut long: impl Iterator<Item = &'a str>) -> bool {
    short.iter().all(|w| long.any(|k| k == *w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for f in FIELDS {
            assert!(seen.insert(f.name), "{} listed twice", f.name);
        }
    }

    #[test]
    fn https_only_on_urls_and_the_required_list_is_complete() {
        let required: Vec<&str> = fields().filter(|f| f.https).map(|f| f.name).collect();
        for name in [
            "issuer",
            "authorization_endpoint",
            "token_endpoint",
            "userinfo_endpoint",
            "jwks_uri",
            "registration_endpoint",
            "check_session_iframe",
            "end_session_endpoint",
            "revocation_endpoint",
            "pushed_authorization_request_endpoint",
            "introspection_endpoint",
            "device_authorization_endpoint",
            "backchannel_authentication_endpoint",
        ] {
            assert!(required.contains(&name), "{name}");
        }
        assert_eq!(required.len(), 13);
        assert!(fields().filter(|f| f.https).all(|f| f.ty == FieldType::Url));
    }

    /// Every member of the published seed schema is known, with its type.
    #[test]
    fn seed_schema_members_are_known_with_their_types() {
        for name in [
            "issuer",
            "authorization_endpoint",
            "token_endpoint",
            "device_authorization_endpoint",
            "userinfo_endpoint",
            "mfa_challenge_endpoint",
            "jwks_uri",
            "registration_endpoint",
            "revocation_endpoint",
            "end_session_endpoint",
        ] {
            assert_eq!(field(name).map(|f| f.ty), Some(FieldType::Url), "{name}");
        }
        for name in [
            "scopes_supported",
            "response_types_supported",
            "code_challenge_methods_supported",
            "response_modes_supported",
            "subject_types_supported",
            "token_endpoint_auth_methods_supported",
            "claims_supported",
        ] {
            assert_eq!(
                field(name).map(|f| f.ty),
                Some(FieldType::StrArray),
                "{name}"
            );
        }
    }

    #[test]
    fn vendor_members_are_known() {
        for name in [
            "mfa_challenge_endpoint",
            "global_token_revocation_endpoint",
            "global_token_revocation_endpoint_auth_methods_supported",
            "http_logout_supported",
        ] {
            assert!(field(name).is_some_and(|f| !f.standard), "{name}");
        }
    }

    #[test]
    fn endpoints_sort_before_capabilities_before_the_rest() {
        let mut names = vec![
            "op_tos_uri",
            "scopes_supported",
            "x_vendor",
            "token_endpoint",
            "issuer",
            "kerberos_endpoint",
            "foo_supported",
        ];
        names.sort_by_key(|n| display_rank(n));
        assert_eq!(
            names,
            vec![
                "issuer",
                "token_endpoint",
                "kerberos_endpoint",
                "scopes_supported",
                "foo_supported",
                "op_tos_uri",
                "x_vendor",
            ]
        );
    }

    #[test]
    fn near_misses_get_a_suggestion() {
        assert_eq!(suggest("jwks_url"), Some("jwks_uri"));
        assert_eq!(
            suggest("code_challenge_method_supported"),
            Some("code_challenge_methods_supported")
        );
        assert_eq!(suggest("userInfo_endpoint"), Some("userinfo_endpoint"));
        assert_eq!(
            suggest("id_token_alg_values_supported"),
            Some("id_token_signing_alg_values_supported")
        );
        assert_eq!(suggest("jwks_uri"), None);
        assert_eq!(suggest(&"x".repeat(100_000)), None);
        for vendor in [
            "kerberos_endpoint",
            "ping_end_session_endpoint",
            "rbac_url",
            "msgraph_host",
            "version",
            "tenant_region_scope",
        ] {
            assert_eq!(suggest(vendor), None, "{vendor}");
        }
    }
}
