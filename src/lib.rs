//! oidc-inspect: fetch an OpenID Provider's / OAuth 2.0 authorization server's
//! discovery document, check it against the specs, and report.
//!
//! The library's entry point is [`inspect`] (or an [`Inspector`] shared by many
//! inputs): an [`Input`] and resolved [`Settings`] in, a [`report::Report`] out.
//! [`app::run`] is the command line around it: it turns flags into settings,
//! calls the pipeline and hands the report to an emitter.

pub mod app;
pub mod baseline;
pub mod batch;
pub mod checker;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod document;
pub mod ec;
pub mod emit;
pub mod fingerprint;
pub mod http;
pub mod inspect;
pub mod jose;
pub mod json;
pub mod jwks;
pub mod probe;
pub mod report;
pub mod rules;
pub mod sanitize;
pub mod schema;
pub mod settings;
pub mod snapshot;
pub mod suggest;
pub mod target;

pub use inspect::{Input, Inspector, Keys, Source, inspect, read_input};
pub use settings::Settings;
