//! oidc-inspect: fetch an OpenID Provider's / OAuth 2.0 authorization server's
//! discovery document, check it against the specs, and report.
//!
//! [`run`] wires the phases: target → fetch → document → rules → report → exit
//! status. Only the emitters write to stdout, and only [`run`] writes to stderr.

use std::io::{self, Write};
use std::time::Duration;

use clap::ArgMatches;

pub mod cli;
pub mod diagnostic;
pub mod document;
pub mod emit;
pub mod http;
pub mod jwks;
pub mod probe;
pub mod report;
pub mod rules;
pub mod sanitize;
pub mod schema;
pub mod suggest;
pub mod target;

use cli::{Cli, Command, ExplainFormat, FailOnArg, ListFormat, ProfileArg, WellKnownArg};
use diagnostic::{Finding, Severity};
use document::Document;
use emit::Style;
use http::{Client, HttpOptions};
use report::{Exit, FailOn, Report, RunError};
use rules::Profile;
use target::{Target, WellKnown};

/// Run the command line; returns the exit status.
pub fn run(cli: Cli, matches: &ArgMatches) -> u8 {
    let quiet = cli.output.quiet;
    match run_inner(cli, matches) {
        Ok(code) => code,
        Err(Failure::Usage(msg)) => {
            if !quiet {
                eprintln!("oidc-inspect: error: {}", sanitize::clean(&msg));
            }
            Exit::Usage as u8
        }
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => Exit::Ok as u8,
        Err(Failure::Io(e)) => {
            eprintln!("oidc-inspect: error: writing output: {e}");
            Exit::NoDocument as u8
        }
    }
}

enum Failure {
    Usage(String),
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

fn run_inner(cli: Cli, matches: &ArgMatches) -> Result<u8, Failure> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if let Some(cmd) = &cli.command {
        return subcommand(cmd, &mut out).map(|()| Exit::Ok as u8);
    }
    let overrides = severity_overrides(matches)?;
    let well_known = match cli.check.well_known {
        WellKnownArg::Oidc => WellKnown::OpenidConfiguration,
        WellKnownArg::Oauth => WellKnown::OauthAuthorizationServer,
    };
    let mut target = match (&cli.check.file, &cli.target) {
        (Some(path), _) => Target::file(path, well_known),
        (None, Some(t)) => Target::parse(t, well_known).map_err(|e| Failure::Usage(e.0))?,
        (None, None) => return Err(Failure::Usage("give a TARGET or --file".into())),
    };
    if let Some(issuer) = &cli.check.expect_issuer {
        target.expect_issuer(issuer);
    }
    let opts = http_options(&cli);
    let client = Client::new(&opts).map_err(|e| Failure::Usage(e.0))?;

    let mut report = Report::new(target);
    if let Some(doc) = obtain(&cli, &opts, &client, &mut report) {
        let mut profiles = rules::detect_profiles(&doc, &report.target);
        apply_requested_profiles(&mut profiles, &cli.check.profile);
        let cx = rules::Context {
            doc: &doc,
            http: report.http.as_ref(),
            target: &report.target,
            profiles: &profiles,
        };
        report.findings.extend(rules::check(&cx));
        let (key_set, key_findings) = key_set(&cli, &opts, &client, &cx);
        report.findings.extend(key_findings);
        report.jwks = key_set;
        if cli.check.probe
            && let Some(url) = report.http.as_ref().map(|h| h.url.clone())
        {
            report.findings.extend(probe::run(&client, &url, &doc));
        }
        report.profiles = profiles.iter().map(|p| p.as_str()).collect();
        report.document = Some(doc.value);
    }
    apply_overrides(&mut report.findings, &overrides);
    report.finish(match cli.output.fail_on {
        FailOnArg::Error => FailOn::Error,
        FailOnArg::Warning => FailOn::Warning,
        FailOnArg::Info => FailOn::Info,
        FailOnArg::Never => FailOn::Never,
    });

    if cli.output.quiet {
        return Ok(report.exit() as u8);
    }
    // Table and lint carry the error in the report itself; JSON keeps stdout for
    // the object, so people running it in a terminal get the reason on stderr.
    if let Some(e) = report
        .error
        .as_ref()
        .filter(|_| cli.output.format == cli::Format::Json)
    {
        eprintln!(
            "oidc-inspect: error: {} ({})",
            sanitize::clean(&e.message),
            sanitize::clean(&e.url)
        );
    }
    let style = Style::decide(cli.output.color);
    emit::emitter(cli.output.format, style).emit(&report, &mut out)?;
    out.flush()?;
    Ok(report.exit() as u8)
}

fn subcommand(cmd: &Command, out: &mut dyn Write) -> Result<(), Failure> {
    match cmd {
        Command::Rules { format } => match format {
            ListFormat::Table => emit::catalog::rules_table(out)?,
            ListFormat::Json => emit::catalog::rules_json(out)?,
            ListFormat::Markdown => emit::catalog::rules_markdown(out)?,
        },
        Command::Explain { rule, format } => {
            let r = rules::find(rule).ok_or_else(|| Failure::Usage(unknown_rule(rule)))?;
            match format {
                ExplainFormat::Text => emit::catalog::explain_text(r, out)?,
                ExplainFormat::Json => emit::catalog::explain_json(r, out)?,
            }
        }
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(*shell, &mut cmd, "oidc-inspect", out);
        }
    }
    out.flush()?;
    Ok(())
}

fn unknown_rule(id: &str) -> String {
    match suggest::nearest(id, rules::registry().map(|r| r.id)) {
        Some(near) => {
            format!("unknown rule `{id}`; did you mean `{near}`? (`oidc-inspect rules` lists them)")
        }
        None => format!("unknown rule `{id}` (`oidc-inspect rules` lists them)"),
    }
}

fn http_options(cli: &Cli) -> HttpOptions {
    let h = &cli.http;
    HttpOptions {
        timeout: Duration::from_secs_f64(h.timeout),
        connect_timeout: h.connect_timeout.map(Duration::from_secs_f64),
        max_size: h.max_size,
        cacert: h.cacert.clone(),
        insecure: h.insecure,
        resolve: h.resolve.clone(),
        headers: h.headers.clone(),
        user_agent: h.user_agent.clone(),
        proxy: h.proxy.clone(),
        max_redirects: h.max_redirects,
    }
}

/// Get the document (fetch or file). On failure, records the error (and the
/// finding that names it) in the report and returns `None`.
fn obtain(cli: &Cli, opts: &HttpOptions, client: &Client, report: &mut Report) -> Option<Document> {
    let fail = |report: &mut Report, kind: &str, message: String, url: String| {
        report.error = Some(RunError {
            kind: kind.to_string(),
            message,
            url,
            redirects: Vec::new(),
        });
    };
    let body = if let Some(path) = &cli.check.file {
        match read_input(path, opts.max_size) {
            Ok(Some(body)) => body,
            Ok(None) => {
                let msg = format!("{path} is larger than --max-size ({} bytes)", opts.max_size);
                fail(report, "too-large", msg, path.clone());
                return None;
            }
            Err(e) => {
                fail(report, "file", format!("{e:#}"), path.clone());
                return None;
            }
        }
    } else {
        let url = report.target.discovery_url.clone().unwrap_or_default();
        match client.get(&url) {
            Ok(fetched) => {
                let status = fetched.exchange.status;
                report.http = Some(fetched.exchange);
                if status != 200 {
                    let mut f = Finding::new(
                        &rules::doc::DOC_HTTP_STATUS,
                        "http:status",
                        format!("the discovery URL answered HTTP {status}, not 200"),
                    )
                    .expected("200")
                    .actual(status.to_string());
                    if !report.target.alternatives.is_empty() {
                        f = f.help(format!(
                            "the issuer has a path; the provider may publish at {}",
                            report.target.alternatives.join(" or ")
                        ));
                    }
                    report.findings.push(f);
                    fail(report, "http-status", format!("HTTP status {status}"), url);
                    return None;
                }
                fetched.body
            }
            Err(e) => {
                let rule = match e.tls {
                    Some(http::TlsFailure::Certificate) => Some(&rules::doc::DOC_TLS_CERT_INVALID),
                    Some(http::TlsFailure::ProtocolVersion) => Some(&rules::doc::DOC_TLS_BELOW_1_2),
                    _ => None,
                };
                if let Some(rule) = rule {
                    report
                        .findings
                        .push(Finding::new(rule, "http:tls", e.message.clone()));
                }
                let kind = serde_json::to_value(e.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_else(|| "io".into());
                fail(report, &kind, e.message, e.url);
                if let Some(err) = report.error.as_mut() {
                    err.redirects = e.redirects;
                }
                return None;
            }
        }
    };
    match Document::parse(&body) {
        Ok(doc) => Some(doc),
        Err(e) => {
            let url = report
                .http
                .as_ref()
                .map_or(report.target.input.clone(), |h| h.final_url.clone());
            let content_type = report.http.as_ref().and_then(|h| h.content_type.clone());
            let mut f = Finding::new(&rules::doc::DOC_NOT_JSON_OBJECT, "", e.to_string())
                .expected("a JSON object");
            if let Some(ct) = content_type {
                f = f.actual(format!("Content-Type: {ct}"));
            }
            report.findings.push(f);
            fail(report, "not-json-object", e.to_string(), url);
            None
        }
    }
}

/// Fetch `jwks_uri` (or read `--jwks-file`) and check the key set against the
/// document. A key set that cannot be had is a `jwks-fetch-failed` finding, never
/// a failed run: exit status 3 is about the discovery document alone.
fn key_set(
    cli: &Cli,
    opts: &HttpOptions,
    client: &Client,
    cx: &rules::Context<'_>,
) -> (Option<report::KeySet>, Vec<Finding>) {
    let mut findings = Vec::new();
    let (url, exchange, loaded) = if let Some(path) = &cli.check.jwks_file {
        let loaded = match read_input(path, opts.max_size) {
            Ok(Some(body)) => jwks::Jwks::parse(&body)
                .map_err(|e| Box::new(rules::jwks::parse_failed(&e).actual(path.clone()))),
            Ok(None) => Err(Box::new(
                Finding::new(
                    &rules::jwks::JWKS_FETCH_FAILED,
                    "/jwks_uri",
                    format!("{path} is larger than --max-size ({} bytes)", opts.max_size),
                )
                .actual(path.clone()),
            )),
            Err(e) => Err(Box::new(
                Finding::new(
                    &rules::jwks::JWKS_FETCH_FAILED,
                    "/jwks_uri",
                    format!("{e:#}"),
                )
                .actual(path.clone()),
            )),
        };
        (path.clone(), None, loaded)
    } else if cli.check.no_jwks || cli.check.file.is_some() {
        return (None, findings);
    } else {
        let Some(url) = cx.doc.str("jwks_uri") else {
            return (None, findings);
        };
        match client.get(url) {
            Ok(fetched) => {
                let loaded = rules::jwks::load(&fetched);
                (url.to_string(), Some(fetched.exchange), loaded)
            }
            Err(e) => (
                url.to_string(),
                None,
                Err(Box::new(rules::jwks::fetch_failed(&e))),
            ),
        }
    };
    let keys = match loaded {
        Ok(set) => {
            rules::jwks::check_jwks(
                cx,
                &set,
                exchange.as_ref(),
                std::time::SystemTime::now(),
                &mut findings,
            );
            Some(set.keys)
        }
        Err(f) => {
            findings.push(*f);
            None
        }
    };
    let key_set = report::KeySet {
        url,
        http: exchange,
        keys,
    };
    (Some(key_set), findings)
}

/// Read `--file` (or stdin for `-`), at most `max` bytes; `None` when larger.
pub fn read_input(path: &str, max: u64) -> anyhow::Result<Option<Vec<u8>>> {
    use anyhow::Context;
    if path == "-" {
        return http::read_capped(io::stdin().lock(), max).context("cannot read standard input");
    }
    let file = std::fs::File::open(path).with_context(|| format!("cannot open {path}"))?;
    http::read_capped(file, max).with_context(|| format!("cannot read {path}"))
}

/// Requested profiles add to the detected ones; naming `oidc` or `oauth`
/// replaces the detected base.
fn apply_requested_profiles(profiles: &mut Vec<Profile>, requested: &[ProfileArg]) {
    let map = |p: &ProfileArg| match p {
        ProfileArg::Oidc => Profile::Oidc,
        ProfileArg::Oauth => Profile::Oauth,
        ProfileArg::Dynamic => Profile::Dynamic,
        ProfileArg::Fapi2 => Profile::Fapi2,
        ProfileArg::Oauth21 => Profile::Oauth21,
        ProfileArg::Workload => Profile::Workload,
    };
    if requested
        .iter()
        .any(|p| matches!(p, ProfileArg::Oidc | ProfileArg::Oauth))
    {
        profiles.clear();
    }
    for p in requested.iter().map(map) {
        if !profiles.contains(&p) {
            profiles.push(p);
        }
    }
}

/// One `--deny/--warn/--allow` in command-line order.
#[derive(Debug, Clone)]
struct Override {
    pattern: String,
    /// `None` = allow (silence).
    severity: Option<Severity>,
}

impl Override {
    fn matches(&self, id: &str) -> bool {
        if self.pattern.ends_with('-') {
            id.starts_with(&self.pattern)
        } else {
            id == self.pattern
        }
    }
}

fn severity_overrides(matches: &ArgMatches) -> Result<Vec<Override>, Failure> {
    let mut all: Vec<(usize, Override)> = Vec::new();
    for (name, severity) in [
        ("deny", Some(Severity::Error)),
        ("warn", Some(Severity::Warning)),
        ("allow", None),
    ] {
        let (Some(values), Some(indices)) =
            (matches.get_many::<String>(name), matches.indices_of(name))
        else {
            continue;
        };
        for (value, index) in values.zip(indices) {
            let known = if value.ends_with('-') {
                rules::registry().any(|r| r.id.starts_with(value.as_str()))
            } else {
                rules::find(value).is_some()
            };
            if !known {
                return Err(Failure::Usage(format!("--{name}: {}", unknown_rule(value))));
            }
            all.push((
                index,
                Override {
                    pattern: value.clone(),
                    severity,
                },
            ));
        }
    }
    all.sort_by_key(|(i, _)| *i);
    Ok(all.into_iter().map(|(_, o)| o).collect())
}

/// Later flags win; an exact id beats a family prefix.
fn apply_overrides(findings: &mut Vec<Finding>, overrides: &[Override]) {
    if overrides.is_empty() {
        return;
    }
    findings.retain_mut(|f| {
        let exact_last = overrides.iter().rev().find(|o| o.pattern == f.rule);
        let prefix_last = overrides
            .iter()
            .rev()
            .find(|o| o.pattern.ends_with('-') && o.matches(f.rule));
        let Some(o) = exact_last.or(prefix_last) else {
            return true;
        };
        match o.severity {
            None => false,
            Some(s) => {
                if s != f.severity {
                    f.default_severity.get_or_insert(f.severity);
                    f.severity = s;
                }
                true
            }
        }
    });
}
