//! (family stub: declarations and checks arrive with the family)

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};

pub const DOC_HTTP_STATUS: Rule = Rule {
    id: "doc-http-status",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the discovery URL did not answer 200 OK",
    spec: "OpenID Connect Discovery 1.0 §4.2; RFC 8414 §3.2",
    explanation: "Only a 200 response carries metadata.",
    fix: "serve the document at the well-known URL with status 200",
    bad: "",
    good: "",
};

pub const DOC_TLS_CERT_INVALID: Rule = Rule {
    id: "doc-tls-cert-invalid",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the server's TLS certificate failed validation",
    spec: "OpenID Connect Discovery 1.0 §7.1, §7.2; RFC 8414 §6.1, §6.2",
    explanation: "TLS server certificate checks MUST be performed.",
    fix: "serve a certificate valid for the issuer's host from a trusted CA",
    bad: "",
    good: "",
};

pub const DOC_NOT_JSON_OBJECT: Rule = Rule {
    id: "doc-not-json-object",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the body is not a JSON object",
    spec: "OpenID Connect Discovery 1.0 §4.2; RFC 8414 §3.2",
    explanation: "The metadata is a JSON object.",
    fix: "serve the metadata as a JSON object",
    bad: "",
    good: "",
};

pub const RULES: &[&Rule] = &[
    &DOC_HTTP_STATUS,
    &DOC_TLS_CERT_INVALID,
    &DOC_NOT_JSON_OBJECT,
];

pub fn check(_cx: &Context<'_>, _out: &mut Vec<Finding>) {}
