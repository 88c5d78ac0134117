//! The command line around the pipeline: flags become [`Settings`] and an
//! [`Input`] (clap's types stop here), [`Inspector::inspect`] makes the report,
//! an emitter writes it. Only this module writes to stderr.

use std::io::{self, Write};
use std::time::Duration;

use clap::ArgMatches;

use crate::checker::Override;
use crate::cli::{
    self, Cli, Command, ExplainFormat, FailOnArg, ListFormat, ProfileArg, WellKnownArg,
};
use crate::diagnostic::{Profile, Severity};
use crate::emit::{self, ColorChoice, Format, Style};
use crate::http::HttpOptions;
use crate::inspect::{Input, Inspector, Keys};
use crate::report::{Exit, FailOn};
use crate::settings::{Settings, rule_override};
use crate::target::{Target, WellKnown};
use crate::{rules, sanitize, suggest};

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
    let settings = settings(&cli, matches)?;
    let input = input(&cli)?;
    let inspector = Inspector::new(settings).map_err(|e| Failure::Usage(e.0))?;
    let mut report = inspector.inspect(&input);
    report.keep_at_least(match cli.output.min_severity {
        cli::MinSeverityArg::Info => Severity::Info,
        cli::MinSeverityArg::Warning => Severity::Warning,
        cli::MinSeverityArg::Error => Severity::Error,
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
    let mut style = Style::decide(match cli.output.color {
        cli::ColorArg::Auto => ColorChoice::Auto,
        cli::ColorArg::Always => ColorChoice::Always,
        cli::ColorArg::Never => ColorChoice::Never,
    });
    style.brief = cli.output.brief;
    emit::emitter(format(cli.output.format), style).emit(&report, &mut out)?;
    out.flush()?;
    Ok(report.exit() as u8)
}

/// The settings the flags ask for.
fn settings(cli: &Cli, matches: &ArgMatches) -> Result<Settings, Failure> {
    let mut settings = Settings::new(http_options(cli));
    settings.profiles = cli.check.profile.iter().map(|p| profile(*p)).collect();
    settings.overrides = severity_overrides(matches)?;
    settings.fail_on = match cli.output.fail_on {
        FailOnArg::Error => FailOn::Error,
        FailOnArg::Warning => FailOn::Warning,
        FailOnArg::Info => FailOn::Info,
        FailOnArg::Never => FailOn::Never,
    };
    settings.probe = cli.check.probe;
    Ok(settings)
}

/// What to inspect: TARGET or `--file`, with the key set flags.
fn input(cli: &Cli) -> Result<Input, Failure> {
    let well_known = match cli.check.well_known {
        WellKnownArg::Oidc => WellKnown::OpenidConfiguration,
        WellKnownArg::Oauth => WellKnown::OauthAuthorizationServer,
    };
    let mut input = match (&cli.check.file, &cli.target) {
        (Some(path), _) => Input::file(path, well_known),
        (None, Some(t)) => {
            Input::fetch(Target::parse(t, well_known).map_err(|e| Failure::Usage(e.0))?)
        }
        (None, None) => return Err(Failure::Usage("give a TARGET or --file".into())),
    };
    if let Some(path) = &cli.check.jwks_file {
        input = input.with_keys(Keys::File(path.clone()));
    } else if cli.check.no_jwks {
        input = input.with_keys(Keys::Skip);
    }
    if let Some(issuer) = &cli.check.expect_issuer {
        input = input.expect_issuer(issuer);
    }
    Ok(input)
}

fn format(f: cli::Format) -> Format {
    match f {
        cli::Format::Table => Format::Table,
        cli::Format::Json => Format::Json,
        cli::Format::Lint => Format::Lint,
    }
}

fn profile(p: ProfileArg) -> Profile {
    match p {
        ProfileArg::Oidc => Profile::Oidc,
        ProfileArg::Oauth => Profile::Oauth,
        ProfileArg::Dynamic => Profile::Dynamic,
        ProfileArg::Fapi2 => Profile::Fapi2,
        ProfileArg::Oauth21 => Profile::Oauth21,
        ProfileArg::Workload => Profile::Workload,
    }
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
            let o = rule_override(value, severity)
                .map_err(|e| Failure::Usage(format!("--{name}: {}", unknown_rule(&e.0))))?;
            all.push((index, o));
        }
    }
    all.sort_by_key(|(i, _)| *i);
    Ok(all.into_iter().map(|(_, o)| o).collect())
}
