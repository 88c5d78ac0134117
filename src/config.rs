//! The committed config file: `oidc-inspect.toml` or `.oidc-inspect.toml`, found
//! in the current directory or its parents, or named with `--config`.
//!
//! Parses and validates the file into plain values (keys are spelled as the
//! flags are; values are checked by the same parsers) and says where a mistake
//! is: file, line and key, with a did-you-mean for unknown keys. It decides no
//! precedence: `crate::app` lays command-line flags over what it returns.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::checker::Override;
use crate::diagnostic::{ClientKind, Profile, Severity};
use crate::http::ResolveEntry;
use crate::report::FailOn;
use crate::settings::{parse_header, parse_resolve, parse_secs, rule_override};
use crate::suggest;
use crate::target::WellKnown;

/// The names looked for, in this order, in each directory.
pub const NAMES: [&str; 2] = ["oidc-inspect.toml", ".oidc-inspect.toml"];

/// The first config file in `dir` or its parents.
pub fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| NAMES.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

/// A mistake in the config file: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: String,
    /// 1-based; `None` when the file could not be read at all.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// A validated config file. Paths in it are already made relative to the
/// directory the file is in.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file as named (or found).
    pub path: String,
    pub fail_on: Option<FailOn>,
    pub profiles: Option<Vec<Profile>>,
    /// `client = ["spa", ...]`, as `--client`.
    pub clients: Option<Vec<ClientKind>>,
    pub jobs: Option<u16>,
    pub probe: Option<bool>,
    pub no_jwks: Option<bool>,
    pub well_known: Option<WellKnown>,
    /// `[rules]`: allow, then warn, then deny (later wins, as on the command line).
    pub overrides: Vec<Override>,
    pub http: HttpConfig,
    pub targets: Vec<TargetConfig>,
    /// `output = ["sarif=oidc.sarif", ...]`: formats and paths, as `-o` takes them.
    pub outputs: Vec<(String, PathBuf)>,
    /// `baseline = "path"`, as `--baseline`.
    pub baseline: Option<PathBuf>,
}

/// `[http]`: each key overrides the default when present.
#[derive(Debug, Clone, Default)]
pub struct HttpConfig {
    pub timeout: Option<f64>,
    pub connect_timeout: Option<f64>,
    pub max_size: Option<u64>,
    pub cacert: Option<PathBuf>,
    pub insecure: Option<bool>,
    pub resolve: Vec<ResolveEntry>,
    pub headers: Vec<(String, String)>,
    pub user_agent: Option<String>,
    pub proxy: Option<String>,
    pub max_redirects: Option<u32>,
}

/// One `[[targets]]` entry: a URL to fetch or a saved file.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetConfig {
    pub what: TargetKind,
    pub jwks_file: Option<String>,
    pub expect_issuer: Option<String>,
    pub profiles: Option<Vec<Profile>>,
    pub clients: Option<Vec<ClientKind>>,
    pub well_known: Option<WellKnown>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetKind {
    Url(String),
    File(String),
}

// --- the file as written ----------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    fail_on: Option<Spanned<String>>,
    profiles: Option<Spanned<Vec<String>>>,
    client: Option<Spanned<Vec<String>>>,
    jobs: Option<Spanned<i64>>,
    probe: Option<bool>,
    no_jwks: Option<bool>,
    well_known: Option<Spanned<String>>,
    rules: Option<RawRules>,
    http: Option<RawHttp>,
    #[serde(default)]
    targets: Vec<Spanned<RawTarget>>,
    #[serde(default)]
    output: Vec<Spanned<String>>,
    baseline: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    #[serde(default)]
    allow: Vec<Spanned<String>>,
    #[serde(default)]
    warn: Vec<Spanned<String>>,
    #[serde(default)]
    deny: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawHttp {
    timeout: Option<Spanned<f64>>,
    connect_timeout: Option<Spanned<f64>>,
    max_size: Option<Spanned<i64>>,
    cacert: Option<String>,
    insecure: Option<bool>,
    #[serde(default)]
    resolve: Vec<Spanned<String>>,
    #[serde(default)]
    headers: Vec<Spanned<String>>,
    user_agent: Option<String>,
    proxy: Option<String>,
    max_redirects: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawTarget {
    url: Option<String>,
    file: Option<String>,
    jwks_file: Option<String>,
    expect_issuer: Option<String>,
    profiles: Option<Spanned<Vec<String>>>,
    client: Option<Spanned<Vec<String>>>,
    well_known: Option<Spanned<String>>,
}

/// Every key the file knows, for did-you-mean.
const KEYS: &[&str] = &[
    "fail-on",
    "profiles",
    "client",
    "jobs",
    "probe",
    "no-jwks",
    "well-known",
    "rules",
    "http",
    "targets",
    "allow",
    "warn",
    "deny",
    "timeout",
    "connect-timeout",
    "max-size",
    "cacert",
    "insecure",
    "resolve",
    "headers",
    "user-agent",
    "proxy",
    "max-redirects",
    "url",
    "file",
    "jwks-file",
    "expect-issuer",
    "output",
    "baseline",
];

impl Config {
    /// Read and validate the file at `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: shown.clone(),
            line: None,
            message: format!(
                "cannot read the config file: {}",
                crate::http::io_reason(&e)
            ),
        })?;
        let base = path.parent().unwrap_or(Path::new("")).to_path_buf();
        Config::parse(&text, &shown, &base)
    }

    /// Validate `text`, naming it `path` in errors; relative paths in it are
    /// taken relative to `base`.
    pub fn parse(text: &str, path: &str, base: &Path) -> Result<Config, ConfigError> {
        let at = |span: Option<Range<usize>>, message: String| ConfigError {
            path: path.to_string(),
            line: span.map(|s| line_of(text, s.start)),
            message,
        };
        let raw: Raw = toml::from_str(text).map_err(|e| at(e.span(), describe(&e)))?;
        let mut c = Config {
            path: path.to_string(),
            probe: raw.probe,
            no_jwks: raw.no_jwks,
            ..Config::default()
        };
        let relative = |p: &str| -> String {
            if p == "-" || Path::new(p).is_absolute() {
                p.to_string()
            } else {
                base.join(p).display().to_string()
            }
        };
        if let Some(f) = raw.fail_on {
            c.fail_on = Some(fail_on(f.get_ref()).ok_or_else(|| {
                at(
                    Some(f.span()),
                    format!(
                        "fail-on: {:?} is not one of error, warning, info, never",
                        f.get_ref()
                    ),
                )
            })?);
        }
        if let Some(p) = raw.profiles {
            c.profiles =
                Some(profiles(&p).map_err(|m| at(Some(p.span()), format!("profiles: {m}")))?);
        }
        if let Some(k) = raw.client {
            c.clients = Some(clients(&k).map_err(|m| at(Some(k.span()), format!("client: {m}")))?);
        }
        if let Some(j) = raw.jobs {
            let n = u16::try_from(*j.get_ref())
                .ok()
                .filter(|n| (1..=1024).contains(n))
                .ok_or_else(|| {
                    at(
                        Some(j.span()),
                        format!("jobs: {} is not in 1..=1024", j.get_ref()),
                    )
                })?;
            c.jobs = Some(n);
        }
        if let Some(w) = raw.well_known {
            c.well_known = Some(well_known(&w).map_err(|m| at(Some(w.span()), m))?);
        }
        if let Some(rules) = raw.rules {
            for (name, list, severity) in [
                ("allow", rules.allow, None),
                ("warn", rules.warn, Some(Severity::Warning)),
                ("deny", rules.deny, Some(Severity::Error)),
            ] {
                for id in list {
                    let o = rule_override(id.get_ref(), severity).map_err(|e| {
                        at(
                            Some(id.span()),
                            format!("[rules] {name}: {}", crate::app::unknown_rule(&e.0)),
                        )
                    })?;
                    c.overrides.push(o);
                }
            }
        }
        if let Some(h) = raw.http {
            let secs = |v: &Spanned<f64>, key: &str| {
                parse_secs(&v.get_ref().to_string())
                    .map_err(|m| at(Some(v.span()), format!("[http] {key}: {m}")))
            };
            c.http.timeout = h.timeout.as_ref().map(|v| secs(v, "timeout")).transpose()?;
            c.http.connect_timeout = h
                .connect_timeout
                .as_ref()
                .map(|v| secs(v, "connect-timeout"))
                .transpose()?;
            if let Some(m) = h.max_size {
                c.http.max_size = Some(
                    u64::try_from(*m.get_ref())
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| {
                            at(
                                Some(m.span()),
                                format!(
                                    "[http] max-size: {} is not a positive number of bytes",
                                    m.get_ref()
                                ),
                            )
                        })?,
                );
            }
            if let Some(m) = h.max_redirects {
                c.http.max_redirects = Some(u32::try_from(*m.get_ref()).map_err(|_| {
                    at(
                        Some(m.span()),
                        format!("[http] max-redirects: {} is not a count", m.get_ref()),
                    )
                })?);
            }
            c.http.cacert = h.cacert.as_deref().map(|p| PathBuf::from(relative(p)));
            c.http.insecure = h.insecure;
            for r in &h.resolve {
                c.http.resolve.push(
                    parse_resolve(r.get_ref())
                        .map_err(|m| at(Some(r.span()), format!("[http] resolve: {m}")))?,
                );
            }
            for v in &h.headers {
                c.http.headers.push(
                    parse_header(v.get_ref())
                        .map_err(|m| at(Some(v.span()), format!("[http] headers: {m}")))?,
                );
            }
            c.http.user_agent = h.user_agent;
            c.http.proxy = h.proxy;
        }
        c.baseline = raw.baseline.as_deref().map(|p| PathBuf::from(relative(p)));
        for o in &raw.output {
            let (format, file) = o
                .get_ref()
                .split_once('=')
                .filter(|(f, p)| crate::emit::Format::named(f).is_some() && !p.is_empty())
                .ok_or_else(|| {
                    at(
                        Some(o.span()),
                        format!(
                            "output: {:?} is not FORMAT=PATH with a known format",
                            o.get_ref()
                        ),
                    )
                })?;
            c.outputs
                .push((format.to_string(), PathBuf::from(relative(file))));
        }
        for t in raw.targets {
            let span = t.span();
            let t = t.into_inner();
            let what = match (t.url, t.file) {
                (Some(u), None) => TargetKind::Url(u),
                (None, Some(f)) => TargetKind::File(relative(&f)),
                _ => {
                    return Err(at(
                        Some(span),
                        "[[targets]]: give exactly one of `url` and `file`".into(),
                    ));
                }
            };
            let profiles = match &t.profiles {
                Some(p) => Some(
                    profiles(p)
                        .map_err(|m| at(Some(p.span()), format!("[[targets]] profiles: {m}")))?,
                ),
                None => None,
            };
            let clients = match &t.client {
                Some(k) => Some(
                    clients(k)
                        .map_err(|m| at(Some(k.span()), format!("[[targets]] client: {m}")))?,
                ),
                None => None,
            };
            let well_known = match &t.well_known {
                Some(w) => Some(well_known(w).map_err(|m| at(Some(w.span()), m))?),
                None => None,
            };
            c.targets.push(TargetConfig {
                what,
                jwks_file: t.jwks_file.as_deref().map(relative),
                expect_issuer: t.expect_issuer,
                profiles,
                clients,
                well_known,
            });
        }
        Ok(c)
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(0, |before| before.bytes().filter(|b| *b == b'\n').count())
        + 1
}

/// toml's message, shortened to its first line, with a did-you-mean for an unknown key.
fn describe(e: &toml::de::Error) -> String {
    let message = e.message().lines().next().unwrap_or("").trim().to_string();
    let unknown = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next());
    match unknown {
        Some(key) => match suggest::nearest(key, KEYS.iter().copied()) {
            Some(near) => format!("unknown key `{key}`; did you mean `{near}`?"),
            None => format!("unknown key `{key}`"),
        },
        None => message,
    }
}

fn fail_on(name: &str) -> Option<FailOn> {
    Some(match name {
        "error" => FailOn::Error,
        "warning" => FailOn::Warning,
        "info" => FailOn::Info,
        "never" => FailOn::Never,
        _ => return None,
    })
}

fn profiles(names: &Spanned<Vec<String>>) -> Result<Vec<Profile>, String> {
    names
        .get_ref()
        .iter()
        .map(|n| {
            Profile::named(n).ok_or_else(|| {
                let all: Vec<&str> = Profile::NAMED.iter().map(|p| p.as_str()).collect();
                format!("{n:?} is not a profile ({})", all.join(", "))
            })
        })
        .collect()
}

/// Kinds of client, each once, in the order given.
fn clients(names: &Spanned<Vec<String>>) -> Result<Vec<ClientKind>, String> {
    let mut out = Vec::new();
    for n in names.get_ref() {
        let kind = ClientKind::named(n).ok_or_else(|| {
            let all: Vec<&str> = ClientKind::ALL.iter().map(|k| k.as_str()).collect();
            format!("{n:?} is not a kind of client ({})", all.join(", "))
        })?;
        if !out.contains(&kind) {
            out.push(kind);
        }
    }
    Ok(out)
}

fn well_known(name: &Spanned<String>) -> Result<WellKnown, String> {
    match name.get_ref().as_str() {
        "oidc" => Ok(WellKnown::OpenidConfiguration),
        "oauth" => Ok(WellKnown::OauthAuthorizationServer),
        other => Err(format!("well-known: {other:?} is not oidc or oauth")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, "oidc-inspect.toml", Path::new("conf"))
    }

    #[test]
    fn a_full_file_parses_and_paths_are_relative_to_it() {
        let c = parse(
            r#"
fail-on = "warning"
profiles = ["oidc", "fapi2"]
client = ["spa", "web", "spa"]
jobs = 16

[rules]
allow = ["bcp-no-sender-constraint"]
deny = ["pkce-"]

[http]
timeout = 5
cacert = "certs/corp-ca.pem"
headers = ["X-Tenant: a"]

[[targets]]
url = "signin.altostrat.io"
expect-issuer = "https://signin.altostrat.io/"
profiles = ["oidc"]
well-known = "oidc"

[[targets]]
file = "fixtures/staging.json"
jwks-file = "fixtures/staging.jwks.json"
client = ["service"]
"#,
        )
        .expect("valid");
        assert_eq!(c.fail_on, Some(FailOn::Warning));
        assert_eq!(c.profiles, Some(vec![Profile::Oidc, Profile::Fapi2]));
        assert_eq!(c.clients, Some(vec![ClientKind::Spa, ClientKind::Web]));
        assert_eq!(c.targets[0].clients, None);
        assert_eq!(c.targets[1].clients, Some(vec![ClientKind::Service]));
        assert_eq!(c.jobs, Some(16));
        assert_eq!(c.overrides.len(), 2);
        assert_eq!(c.http.timeout, Some(5.0));
        assert_eq!(
            c.http.cacert,
            Some(Path::new("conf/certs/corp-ca.pem").to_path_buf())
        );
        assert_eq!(c.http.headers, vec![("X-Tenant".into(), "a".into())]);
        assert_eq!(c.targets.len(), 2);
        assert_eq!(
            c.targets[1].what,
            TargetKind::File("conf/fixtures/staging.json".into())
        );
        assert_eq!(
            c.targets[1].jwks_file.as_deref(),
            Some("conf/fixtures/staging.jwks.json")
        );
    }

    #[test]
    fn mistakes_name_the_line_and_the_key() {
        let e = parse("jobs = 4\n\n[http]\ntimout = 5\n").unwrap_err();
        assert_eq!(e.line, Some(4), "{e}");
        assert!(e.message.contains("did you mean `timeout`"), "{e}");
        let e = parse("fail-on = \"warnings\"\n").unwrap_err();
        assert_eq!(
            (e.line, e.to_string().contains("fail-on")),
            (Some(1), true),
            "{e}"
        );
        let e = parse("[rules]\ndeny = [\"pkce-\", \"isuer-mismatch\"]\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.message.contains("issuer-mismatch"), "{e}");
        let e = parse("[http]\ntimeout = 0\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        let e = parse("[[targets]]\nurl = \"a\"\nfile = \"b\"\n").unwrap_err();
        assert_eq!(e.line, Some(1), "{e}");
        let e = parse("profiles = [\"fapi\"]\n").unwrap_err();
        assert!(e.message.contains("fapi2"), "{e}");
        let e = parse("jobs = 4\nclient = [\"browser\"]\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.message.contains("spa, native, web"), "{e}");
        let e = parse("clients = [\"spa\"]\n").unwrap_err();
        assert!(e.message.contains("did you mean `client`"), "{e}");
    }
}
