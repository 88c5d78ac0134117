//! The command line: clap definitions only. Help text, completions and the exit
//! code table come from here; nothing here fetches or checks anything.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::settings;

pub const EXIT_CODES: &str = "\
Exit status:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage error (bad option, unknown rule, unreadable --cacert, bad config file, ...)
  3  a document could not be obtained or parsed (network, TLS, timeout, HTTP status,
     not a JSON object, over the size cap)
  4  the report could not be written (disk full, unwritable output)
With several targets: 3 if any target gave no document, else 1 if any has findings
at or above --fail-on, else 0.";

const ABOUT: &str = "Fetch an OpenID Provider's or OAuth 2.0 authorization server's discovery document \
and check it against OpenID Connect Discovery, RFC 8414, PKCE and the OAuth security best practice.";

// One example a line, each short enough never to wrap (copy-paste must work).
const AFTER_HELP: &str = "\
Examples:
  oidc-inspect signin.altostrat.io
  oidc-inspect login.microsoftonline.com/common/v2.0 --format json | jq .summary
  oidc-inspect idp.example.com --format lint --fail-on warning
  oidc-inspect --file saved.json --jwks-file saved.jwks.json
  oidc-inspect a.example b.example --format sarif -o junit=oidc.xml
  oidc-inspect idp.example.com --baseline known.json
  oidc-inspect diff last.json idp.example.com
  oidc-inspect explain issuer-mismatch";

/// `0.1.0`, or `0.1.0 (abc1234)` when built from a git checkout (build.rs).
pub const VERSION: &str = env!("OIDC_INSPECT_VERSION");

#[derive(Debug, Parser)]
#[command(
    name = "oidc-inspect",
    version = VERSION,
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
    /// `/.well-known/oauth-authorization-server/...`). Several are checked
    /// concurrently; with none, the config file's targets are checked.
    #[arg(value_name = "TARGET")]
    pub targets: Vec<String>,

    #[command(flatten)]
    pub check: CheckArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub http: HttpArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the rules: id, default severity, profile, summary.
    Rules {
        /// Only rules whose id starts with PREFIX (a family such as `bcp-`).
        #[arg(value_name = "PREFIX", value_parser = RuleIds { families: true }, hide_possible_values = true)]
        prefix: Option<String>,
        /// Only the rules of PROFILE.
        #[arg(long, value_enum, value_name = "PROFILE")]
        profile: Option<ProfileArg>,
        /// Only rules declared at SEVERITY.
        #[arg(long, value_enum, value_name = "SEVERITY")]
        severity: Option<SeverityArg>,
        /// table for people (honours COLUMNS), json for scripts, markdown for docs.
        #[arg(long, value_enum, default_value_t = ListFormat::Table, value_name = "FORMAT")]
        format: ListFormat,
    },
    /// Explain a rule: what it checks, why, examples, spec references.
    Explain {
        /// The rule id, e.g. issuer-mismatch; a family prefix (`bcp-`) lists the family.
        #[arg(value_parser = RuleIds { families: true }, hide_possible_values = true)]
        rule: String,
        /// text for people, json for scripts.
        #[arg(long, value_enum, default_value_t = ExplainFormat::Text, value_name = "FORMAT")]
        format: ExplainFormat,
    },
    /// Print the manual page (roff) generated from these definitions.
    #[command(hide = true)]
    Manpage,
    /// Print the JSON Schema of the JSON report.
    #[command(hide = true)]
    Schema,
    /// Show what changed between two snapshots of an issuer (exit 0: none, 1: some).
    Diff(Box<DiffArgs>),
    /// Print a shell completion script (see `--help` for where to install it).
    #[command(after_long_help = COMPLETIONS_HELP)]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier side: a TARGET, a saved document, or a saved JSON report.
    pub old: String,
    /// The later side, of the same kinds.
    pub new: String,
    /// Leave out the member at JSON POINTER and below (repeatable), e.g. for
    /// values that change on every fetch.
    #[arg(long, value_name = "POINTER")]
    pub ignore: Vec<String>,
    /// table (or lint, the same lines) for people, json for scripts, jsonl for
    /// the same object on one line.
    #[arg(long, value_enum, default_value_t = DiffFormat::Table, value_name = "FORMAT")]
    pub format: DiffFormat,
    /// Which well-known document an issuer TARGET means.
    #[arg(long, value_enum, default_value_t = WellKnownArg::Oidc, value_name = "KIND")]
    pub well_known: WellKnownArg,
    /// Do not fetch the key sets of fetched sides.
    #[arg(long)]
    pub no_jwks: bool,
    #[command(flatten)]
    pub http: HttpArgs,
}

const COMPLETIONS_HELP: &str = "\
Where to install the script (the same files are committed under completions/):
  bash        oidc-inspect completions bash > ~/.local/share/bash-completion/completions/oidc-inspect
  zsh         oidc-inspect completions zsh > ~/.zfunc/_oidc-inspect   (with fpath+=~/.zfunc)
  fish        oidc-inspect completions fish > ~/.config/fish/completions/oidc-inspect.fish
  powershell  oidc-inspect completions powershell >> $PROFILE
  elvish      oidc-inspect completions elvish >> ~/.config/elvish/rc.elv";

/// Accepts any text (unknown ids get a did-you-mean from the caller) but
/// offers the rule ids, and with `families` the family prefixes, to shell
/// completion.
#[derive(Debug, Clone, Copy)]
pub struct RuleIds {
    pub families: bool,
}

impl clap::builder::TypedValueParser for RuleIds {
    type Value = String;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        value
            .to_str()
            .map(str::to_string)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidUtf8))
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        static FAMILIES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        let families = FAMILIES.get_or_init(|| {
            let mut f: Vec<String> = crate::rules::registry()
                .filter_map(|r| r.id.split_once('-').map(|(f, _)| format!("{f}-")))
                .collect();
            f.sort();
            f.dedup();
            f
        });
        let families = families
            .iter()
            .map(String::as_str)
            .filter(|_| self.families);
        Some(Box::new(
            crate::rules::registry()
                .map(|r| r.id)
                .chain(families)
                .map(clap::builder::PossibleValue::new),
        ))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Markdown,
}

/// What `diff` can print: a difference is not a set of findings, so the code
/// scanning and test-report formats do not apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Table,
    Lint,
    Json,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Checking")]
pub struct CheckArgs {
    /// Read TARGETs from FILE, one a line (`#` starts a comment; `-` for stdin).
    #[arg(long = "targets", value_name = "FILE")]
    pub targets_from: Option<String>,

    /// Read a document from FILE instead of fetching it (`-` for stdin; repeatable).
    /// `--well-known oauth` also applies to files.
    #[arg(long, value_name = "FILE")]
    pub file: Vec<String>,

    /// Check the key set in FILE instead of fetching `jwks_uri` (with one TARGET
    /// or one `--file`).
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
    #[arg(long, value_enum, default_value_t = WellKnownArg::Oidc, value_name = "KIND")]
    pub well_known: WellKnownArg,

    /// Add a profile (repeatable): oidc, oauth, dynamic, fapi2, oauth2.1, workload.
    /// Default: oidc for OpenID Provider documents, oauth otherwise.
    #[arg(long, value_enum, value_name = "PROFILE")]
    pub profile: Vec<ProfileArg>,

    /// Check that a KIND of client can work with the issuer (repeatable). Adds the
    /// `client-KIND-*` rules; the report says whether each kind is ready and what is
    /// missing.
    #[arg(long = "client", value_enum, value_name = "KIND")]
    pub clients: Vec<ClientArg>,

    /// Also send the requests some rules need: cross-origin (CORS) GETs of the
    /// discovery document, `jwks_uri` and the authorization endpoint (whose answer
    /// is also checked for anti-framing headers) and, with `--client spa`, the
    /// token endpoint.
    #[arg(long)]
    pub probe: bool,

    /// Report RULE (or every rule of a family prefix such as `bcp-`) as an error.
    #[arg(long, value_name = "RULE", value_parser = RuleIds { families: true }, hide_possible_values = true)]
    pub deny: Vec<String>,

    /// Report RULE (or a family prefix) as a warning.
    #[arg(long, value_name = "RULE", value_parser = RuleIds { families: true }, hide_possible_values = true)]
    pub warn: Vec<String>,

    /// Silence RULE (or a family prefix).
    #[arg(long, value_name = "RULE", value_parser = RuleIds { families: true }, hide_possible_values = true)]
    pub allow: Vec<String>,

    /// A saved JSON report whose findings are known: they are marked and do not
    /// fail the run; only new findings count.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<std::path::PathBuf>,

    /// Write this run's JSON report to FILE, to use as the next `--baseline`.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<std::path::PathBuf>,

    /// Check at most N targets at once (1 = one after another).
    #[arg(short = 'j', long, value_name = "N", default_value_t = settings::DEFAULT_JOBS,
          value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub jobs: u16,

    /// Read settings and targets from FILE instead of the `oidc-inspect.toml` or
    /// `.oidc-inspect.toml` found in the current directory or its parents.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<std::path::PathBuf>,

    /// Ignore any config file.
    #[arg(long)]
    pub no_config: bool,
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

/// `--client`: the kinds of client whose readiness is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClientArg {
    /// A browser app that is its own OAuth client (public client, code flow with PKCE).
    Spa,
    /// A mobile or desktop app (public client, code flow with PKCE, RFC 8252).
    Native,
    /// A web application with a server side that keeps a credential.
    Web,
    /// A device without a browser (device authorization grant, RFC 8628).
    Device,
    /// A service acting for itself (client credentials grant).
    Service,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Output")]
pub struct OutputArgs {
    /// table for people, json for scripts (jsonl: one report a line, as each
    /// target finishes), lint for CI logs, sarif for code scanning, github for
    /// pull-request annotations, junit for test-report views.
    #[arg(long, value_enum, default_value_t = Format::Table, value_name = "FORMAT")]
    pub format: Format,

    /// Also write the report in FORMAT to PATH (repeatable; e.g. `-o sarif=oidc.sarif`).
    /// Each file is written whole or not at all.
    #[arg(short = 'o', long = "output", value_name = "FORMAT=PATH", value_parser = parse_output)]
    pub outputs: Vec<(String, std::path::PathBuf)>,

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
    Jsonl,
    Lint,
    Sarif,
    Github,
    Junit,
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
    #[arg(long, value_name = "SECS", default_value_t = settings::DEFAULT_TIMEOUT_SECS, value_parser = settings::parse_secs)]
    pub timeout: f64,

    /// Time to establish a connection, in seconds [default: none; --timeout still
    /// bounds the whole request].
    #[arg(long, value_name = "SECS", value_parser = settings::parse_secs)]
    pub connect_timeout: Option<f64>,

    /// Largest body accepted, after decompression.
    #[arg(long, value_name = "BYTES", default_value_t = settings::DEFAULT_MAX_SIZE)]
    pub max_size: u64,

    /// Also trust the certificates in FILE (PEM) as roots.
    #[arg(long, value_name = "FILE")]
    pub cacert: Option<PathBuf>,

    /// Trust the system's certificate store, or the one SSL_CERT_FILE / SSL_CERT_DIR
    /// name (the default).
    #[arg(long, overrides_with = "no_ca_native")]
    pub ca_native: bool,

    /// Do not trust the native store: trust only --cacert, or without it the
    /// Mozilla roots built into the tool.
    #[arg(long, overrides_with = "ca_native")]
    pub no_ca_native: bool,

    /// Do not verify the server's certificate (the report says so, loudly).
    #[arg(short = 'k', long)]
    pub insecure: bool,

    /// Connect to ADDR for HOST:PORT, keeping HOST for TLS and the Host header (repeatable).
    #[arg(long, value_name = "HOST:PORT:ADDR", value_parser = settings::parse_resolve)]
    pub resolve: Vec<crate::http::ResolveEntry>,

    /// Extra request header (repeatable).
    #[arg(short = 'H', long = "header", value_name = "NAME: VALUE", value_parser = settings::parse_header)]
    pub headers: Vec<(String, String)>,

    /// User-Agent header.
    #[arg(long, value_name = "UA", default_value = settings::DEFAULT_USER_AGENT)]
    pub user_agent: String,

    /// Proxy for every request: http://, https://, socks5:// or socks5h:// ('' for none;
    /// otherwise http_proxy, https_proxy / HTTPS_PROXY, all_proxy / ALL_PROXY).
    #[arg(long, value_name = "URL")]
    pub proxy: Option<String>,

    /// Hosts to reach without a proxy, in place of NO_PROXY: comma-separated domains
    /// (names under them too), IP addresses, CIDR ranges, optional :PORT; '*' for all.
    #[arg(long, value_name = "LIST")]
    pub noproxy: Option<String>,

    /// Follow at most N redirects.
    #[arg(long, value_name = "N", default_value_t = settings::DEFAULT_MAX_REDIRECTS)]
    pub max_redirects: u32,
}

/// `FORMAT=PATH` for `-o`.
fn parse_output(s: &str) -> Result<(String, std::path::PathBuf), String> {
    let (format, path) = s
        .split_once('=')
        .ok_or_else(|| format!("{s:?} is not FORMAT=PATH (e.g. sarif=oidc.sarif)"))?;
    if crate::emit::Format::named(format).is_none() {
        let all: Vec<&str> = crate::emit::Format::ALL
            .iter()
            .map(|f| f.as_str())
            .collect();
        return Err(format!("{format:?} is not a format ({})", all.join(", ")));
    }
    if path.is_empty() {
        return Err(format!("{s:?} names no file"));
    }
    Ok((format.to_string(), path.into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{parse_header, parse_resolve};
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
