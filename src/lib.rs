//! oidc-inspect: fetch an OpenID Provider's / OAuth 2.0 authorization server's
//! discovery document, check it against the specs, and report.

pub mod diagnostic;
pub mod document;
pub mod http;
pub mod rules;
pub mod schema;
pub mod target;
