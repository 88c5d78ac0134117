//! The command line: clap definitions only. Help text, completions and the exit
//! code table come from here; nothing here fetches or checks anything.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::settings;

pub const EXIT_CODES: &str = "\
Exit status:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage error (bad option, unknown rule, unreadable --cacert, ...)
  3  no document could be obtained or parsed (network, TLS, timeout, HTTP status,
     not a JSON object, over the size cap)";

const ABOUT: &str = "Fetch an OpenID Provider's or OAuth 2.0 authorization server's discovery document \
and check it against OpenID Connect Discovery, RFC 8414, PKCE and the OAuth security best practice.";

const AFTER_HELP: &str = "\
Examples:
  oidc-inspect signin.altostrat.io
  oidc-inspect https://login.microsoftonline.com/common/v2.0 --format json | jq .document.jwks_uri
  oidc-inspect https://idp.example.com/.well-known/openid-configuration --format lint --fail-on warning
  oidc-inspect --file saved.json --jwks-file saved.jwks.json --expect-issuer https://idp.example.com
  oidc-inspect explain issuer-mismatch";

#[derive(Debug, Parser)]
#[command(
    name = "oidc-inspect",
    version,
    about = ABOUT,
    after_help = AFTER_HELP,
    after_long_help = format!("{AFTER_HELP}\n\n{EXIT_CODES}"),
    args_conflicts_with_subcommands = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// A host (`idp.example.com` means https://idp.example.com), an issuer URL, or a
    /// discovery URL (`.../.well-known/openid-configuration`,
    /// `/.well-known/oauth-authorization-server/...`).
    #[arg(value_name = "TARGET", required_unless_present = "file")]
    pub target: Option<String>,

    #[command(flatten)]
    pub check: CheckArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub http: HttpArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every rule: id, default severity, profile, summary.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Explain one rule: what it checks, why, examples, spec references.
    Explain {
        /// The rule id, e.g. issuer-mismatch.
        rule: String,
        #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
        format: ExplainFormat,
    },
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Checking")]
pub struct CheckArgs {
    /// Read the document from FILE instead of fetching it (`-` for stdin).
    #[arg(long, value_name = "FILE", conflicts_with = "target")]
    pub file: Option<String>,

    /// Check the key set in FILE instead of fetching `jwks_uri` (also with `--file`).
    #[arg(long, value_name = "FILE")]
    pub jwks_file: Option<String>,

    /// Do not fetch `jwks_uri`: skip the key-set checks.
    #[arg(long, conflicts_with = "jwks_file")]
    pub no_jwks: bool,

    /// The issuer the document must name (overrides what TARGET implies).
    #[arg(long, value_name = "URL")]
    pub expect_issuer: Option<String>,

    /// Which well-known document an issuer TARGET means: OpenID Connect Discovery
    /// (append `/.well-known/openid-configuration`) or RFC 8414 (insert
    /// `/.well-known/oauth-authorization-server` before the path).
    #[arg(long, value_enum, default_value_t = WellKnownArg::Oidc)]
    pub well_known: WellKnownArg,

    /// Add a profile (repeatable): oidc, oauth, dynamic, fapi2, oauth2.1, workload.
    /// Default: oidc for OpenID Provider documents, oauth otherwise.
    #[arg(long, value_enum, value_name = "PROFILE")]
    pub profile: Vec<ProfileArg>,

    /// Also send the requests some rules need: cross-origin (CORS) GETs of the
    /// discovery document, `jwks_uri` and the authorization endpoint.
    #[arg(long)]
    pub probe: bool,

    /// Report RULE (or every rule of a family prefix such as `bcp-`) as an error.
    #[arg(long, value_name = "RULE")]
    pub deny: Vec<String>,

    /// Report RULE (or a family prefix) as a warning.
    #[arg(long, value_name = "RULE")]
    pub warn: Vec<String>,

    /// Silence RULE (or a family prefix).
    #[arg(long, value_name = "RULE")]
    pub allow: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WellKnownArg {
    Oidc,
    Oauth,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    Oidc,
    Oauth,
    Dynamic,
    Fapi2,
    #[value(name = "oauth2.1")]
    Oauth21,
    Workload,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Output")]
pub struct OutputArgs {
    /// table for people, json for scripts, lint for CI.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOnArg::Error, value_name = "SEVERITY")]
    pub fail_on: FailOnArg,

    /// Leave out findings below SEVERITY, in every format: they are not in the
    /// report at all, so its counts and the exit status describe only what is
    /// shown (`--min-severity error --fail-on warning` fails on errors only).
    #[arg(long, value_enum, default_value_t = MinSeverityArg::Info, value_name = "SEVERITY")]
    pub min_severity: MinSeverityArg,

    /// Table and lint: the verdict, errors and warnings only (no notes, no
    /// document members, no keys).
    #[arg(long)]
    pub brief: bool,

    /// Colour: auto (only on a terminal, not with NO_COLOR or TERM=dumb), always, never.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,

    /// Print nothing; only the exit status tells.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Lint,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MinSeverityArg {
    Info,
    Warning,
    Error,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "HTTP")]
pub struct HttpArgs {
    /// Total time for one request, redirects and body included, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = settings::DEFAULT_TIMEOUT_SECS, value_parser = parse_secs)]
    pub timeout: f64,

    /// Time to establish a connection, in seconds.
    #[arg(long, value_name = "SECS", value_parser = parse_secs)]
    pub connect_timeout: Option<f64>,

    /// Largest body accepted, after decompression.
    #[arg(long, value_name = "BYTES", default_value_t = settings::DEFAULT_MAX_SIZE)]
    pub max_size: u64,

    /// Also trust the certificates in FILE (PEM) as roots.
    #[arg(long, value_name = "FILE")]
    pub cacert: Option<PathBuf>,

    /// Do not verify the server's certificate (the report says so, loudly).
    #[arg(short = 'k', long)]
    pub insecure: bool,

    /// Connect to ADDR for HOST:PORT, keeping HOST for TLS and the Host header (repeatable).
    #[arg(long, value_name = "HOST:PORT:ADDR", value_parser = parse_resolve)]
    pub resolve: Vec<crate::http::ResolveEntry>,

    /// Extra request header (repeatable).
    #[arg(short = 'H', long = "header", value_name = "NAME: VALUE", value_parser = parse_header)]
    pub headers: Vec<(String, String)>,

    /// User-Agent header.
    #[arg(long, value_name = "UA", default_value = settings::DEFAULT_USER_AGENT)]
    pub user_agent: String,

    /// Proxy URL (otherwise HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment).
    #[arg(long, value_name = "URL")]
    pub proxy: Option<String>,

    /// Follow at most N redirects.
    #[arg(long, value_name = "N", default_value_t = settings::DEFAULT_MAX_REDIRECTS)]
    pub max_redirects: u32,
}

fn parse_secs(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .parse()
        .map_err(|_| format!("{s:?} is not a number of seconds"))?;
    if v.is_finite() && v > 0.0 && v <= 86_400.0 {
        Ok(v)
    } else {
        Err(format!("{s:?} must be between 0 and 86400 seconds"))
    }
}

fn parse_resolve(s: &str) -> Result<crate::http::ResolveEntry, String> {
    let usage = || format!("{s:?} is not HOST:PORT:ADDR");
    let (host, rest) = s.split_once(':').ok_or_else(usage)?;
    let (port, addr) = rest.split_once(':').ok_or_else(usage)?;
    let addr = addr.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() {
        return Err(usage());
    }
    Ok(crate::http::ResolveEntry {
        host: host.to_string(),
        port: port
            .parse()
            .map_err(|_| format!("{s:?}: {port:?} is not a port"))?,
        addr: addr
            .parse()
            .map_err(|_| format!("{s:?}: {addr:?} is not an IP address"))?,
    })
}

fn parse_header(s: &str) -> Result<(String, String), String> {
    let (name, value) = s
        .split_once(':')
        .ok_or_else(|| format!("{s:?} is not 'Name: value'"))?;
    let name = name.trim();
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    {
        return Err(format!("{name:?} is not a valid header name"));
    }
    if value.chars().any(|c| c.is_control() && c != '\t') {
        return Err(format!(
            "the value of header {name:?} contains control characters"
        ));
    }
    Ok((name.to_string(), value.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn resolve_and_header_values() {
        let r = parse_resolve("idp.test:443:127.0.0.1").unwrap();
        assert_eq!((r.host.as_str(), r.port), ("idp.test", 443));
        assert!(parse_resolve("idp.test:443:[::1]").is_ok());
        assert!(parse_resolve("idp.test:x:127.0.0.1").is_err());
        assert!(parse_resolve("idp.test").is_err());
        assert_eq!(
            parse_header("X-A:  b ").unwrap(),
            ("X-A".into(), "b".into())
        );
        assert!(parse_header("bad name: x").is_err());
        assert!(parse_header("X: a\r\nInjected: 1").is_err());
    }
}
