//! Resolved settings: everything an inspection needs to know, decided once.
//!
//! Built from the command line today (`crate::app`), from a config file later;
//! clap's types stop at that boundary, so nothing below it knows where a setting
//! came from. Holds no I/O.

use crate::baseline::Baseline;
use crate::checker::Override;
use crate::diagnostic::{ClientKind, Profile, Severity};
use crate::http::HttpOptions;
use crate::report::FailOn;
use crate::rules;

/// How to inspect: one struct, shared by every target of a run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Profiles asked for; naming `oidc` or `oauth` replaces the detected base.
    pub profiles: Vec<Profile>,
    /// Kinds of client asked for (`--client`): each puts its `client:KIND`
    /// profile in force and gets a readiness verdict in the report.
    pub clients: Vec<ClientKind>,
    /// Severity overrides in the order given.
    pub overrides: Vec<Override>,
    pub fail_on: FailOn,
    /// Send the cross-origin probes (`--probe`).
    pub probe: bool,
    pub http: HttpOptions,
    /// Known findings (`--baseline`): marked, and left out of the verdict.
    pub baseline: Option<Baseline>,
    /// `--min-severity`: findings below it are left out of the report entirely.
    pub min_severity: Severity,
}

impl Settings {
    /// Default settings around `http`: detected profiles, no overrides, fail on errors.
    pub fn new(http: HttpOptions) -> Settings {
        Settings {
            profiles: Vec::new(),
            clients: Vec::new(),
            overrides: Vec::new(),
            fail_on: FailOn::Error,
            probe: false,
            http,
            baseline: None,
            min_severity: Severity::Info,
        }
    }
}

/// The profiles in force: the detected ones, with the requested ones added
/// (naming `oidc` or `oauth` replaces the detected base), then one `client:KIND`
/// profile per kind of client asked for.
pub fn profiles_in_force(
    requested: &[Profile],
    clients: &[ClientKind],
    detected: Vec<Profile>,
) -> Vec<Profile> {
    let mut profiles = detected;
    if requested
        .iter()
        .any(|p| matches!(p, Profile::Oidc | Profile::Oauth))
    {
        profiles.clear();
    }
    for p in requested
        .iter()
        .copied()
        .chain(clients.iter().map(|c| Profile::Client(*c)))
    {
        if !profiles.contains(&p) {
            profiles.push(p);
        }
    }
    profiles
}

/// Defaults, shared by the command line's help and library callers.
pub const DEFAULT_TIMEOUT_SECS: f64 = 10.0;
/// Targets in flight at once: enough to hide network latency.
pub const DEFAULT_JOBS: u16 = 32;
pub const DEFAULT_MAX_SIZE: u64 = 1024 * 1024;
pub const DEFAULT_MAX_REDIRECTS: u32 = 5;
pub const DEFAULT_USER_AGENT: &str = concat!("oidc-inspect/", env!("CARGO_PKG_VERSION"));

impl Default for HttpOptions {
    fn default() -> HttpOptions {
        HttpOptions {
            timeout: std::time::Duration::from_secs_f64(DEFAULT_TIMEOUT_SECS),
            connect_timeout: None,
            max_size: DEFAULT_MAX_SIZE,
            cacert: None,
            ca_native: true,
            insecure: false,
            resolve: Vec::new(),
            headers: Vec::new(),
            user_agent: DEFAULT_USER_AGENT.to_string(),
            proxy: None,
            no_proxy: None,
            max_redirects: DEFAULT_MAX_REDIRECTS,
        }
    }
}

impl Default for Settings {
    fn default() -> Settings {
        Settings::new(HttpOptions::default())
    }
}

/// An override that names no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule(pub String);

/// An override for `pattern`, which must be a rule id or the prefix of one.
pub fn rule_override(pattern: &str, severity: Option<Severity>) -> Result<Override, UnknownRule> {
    let known = if pattern.ends_with('-') {
        rules::registry().any(|r| r.id.starts_with(pattern))
    } else {
        rules::find(pattern).is_some()
    };
    if !known {
        return Err(UnknownRule(pattern.to_string()));
    }
    Ok(Override {
        pattern: pattern.to_string(),
        severity,
    })
}

// --- values as the flags and the config file spell them ---------------------

/// Seconds: a positive number up to a day.
pub fn parse_secs(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .parse()
        .map_err(|_| format!("{s:?} is not a number of seconds"))?;
    if v.is_finite() && v > 0.0 && v <= 86_400.0 {
        Ok(v)
    } else {
        Err(format!(
            "{s:?} is out of range: give more than 0 and at most 86400 seconds"
        ))
    }
}

/// `HOST:PORT:ADDR`, as curl's `--resolve`.
pub fn parse_resolve(s: &str) -> Result<crate::http::ResolveEntry, String> {
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

/// `Name: value`, as curl's `-H`.
pub fn parse_header(s: &str) -> Result<(String, String), String> {
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
