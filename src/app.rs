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
use crate::config::{self, Config, TargetKind};
use crate::diagnostic::{Profile, Severity};
use crate::emit::{self, ColorChoice, Format, Style};
use crate::http::HttpOptions;
use crate::inspect::{Input, Inspector, Keys, read_input};
use crate::report::{Batch, Exit, FailOn};
use crate::settings::{Settings, rule_override};
use crate::target::{Target, WellKnown};
use crate::{batch, rules, sanitize, suggest};

/// Run the command line; returns the exit status.
pub fn run(cli: Cli, matches: &ArgMatches) -> u8 {
    match run_inner(cli, matches) {
        Ok(code) => code,
        // `-q` silences the report, never the reason a run could not start.
        Err(Failure::Usage(msg)) => {
            eprintln!("oidc-inspect: error: {}", sanitize::clean(&msg));
            Exit::Usage as u8
        }
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => Exit::Ok as u8,
        Err(Failure::Io(e)) => {
            eprintln!("oidc-inspect: error: cannot write the report: {e}");
            Exit::Output as u8
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

/// Subcommand names: a TARGET spelled like one is a misplaced option, not a host.
const SUBCOMMANDS: [&str; 4] = ["rules", "explain", "completions", "help"];

fn run_inner(cli: Cli, matches: &ArgMatches) -> Result<u8, Failure> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if let Some(cmd) = &cli.command {
        return subcommand(cmd, &mut out).map(|()| Exit::Ok as u8);
    }
    let config = config(&cli)?;
    let settings = settings(&cli, matches, config.as_ref())?;
    let inputs = inputs(&cli, matches, config.as_ref())?;
    let jobs = if is_explicit(matches, "jobs") {
        cli.check.jobs
    } else {
        config
            .as_ref()
            .and_then(|c| c.jobs)
            .unwrap_or(cli.check.jobs)
    };
    let inspector = Inspector::new(settings).map_err(|e| Failure::Usage(e.0))?;
    let format = format(cli.output.format);
    let style = Style::decide(match cli.output.color {
        cli::ColorArg::Auto => ColorChoice::Auto,
        cli::ColorArg::Always => ColorChoice::Always,
        cli::ColorArg::Never => ColorChoice::Never,
    });
    let config_path = config.map(|c| c.path);

    if let [input] = inputs.as_slice() {
        let mut report = inspector.inspect(input);
        report.config = config_path;
        if !cli.output.quiet {
            if let Some(e) = &report.error {
                eprintln!(
                    "oidc-inspect: error: {} ({})",
                    sanitize::clean(&e.message),
                    sanitize::clean(&e.url)
                );
            }
            emit::emitter(format, style).emit(&report, &mut out)?;
            out.flush()?;
        }
        return Ok(report.exit() as u8);
    }

    let progress = Progress::start(inputs.len(), cli.output.quiet);
    let stream = format == Format::Jsonl && !cli.output.quiet;
    let mut write_error = None;
    let done = batch::inspect_all(&inspector, &inputs, usize::from(jobs), |_, report| {
        progress.tick(report);
        if stream && write_error.is_none() {
            let line = emit::json::write_line(report, &mut out).and_then(|()| out.flush());
            write_error = line.err();
        }
    });
    progress.finish();
    if let Some(e) = write_error {
        return Err(e.into());
    }
    let elapsed: Vec<_> = done.iter().map(|d| d.elapsed).collect();
    let mut reports: Vec<_> = done.into_iter().map(|d| d.report).collect();
    for r in &mut reports {
        r.config = config_path.clone();
    }
    let batch = Batch::new(reports, config_path);
    if !cli.output.quiet {
        for r in batch.reports.iter() {
            if let Some(e) = &r.error {
                eprintln!(
                    "oidc-inspect: error: {}: {} ({})",
                    sanitize::clean(&r.target.input),
                    sanitize::clean(&e.message),
                    sanitize::clean(&e.url)
                );
            }
        }
        if format != Format::Jsonl {
            emit::batch::emit(format, style, &batch, &elapsed, false, &mut out)?;
        }
        out.flush()?;
    }
    Ok(batch.summary.exit_code)
}

/// Whether the user gave `id` on the command line (not a default).
fn is_explicit(matches: &ArgMatches, id: &str) -> bool {
    matches!(
        matches.value_source(id),
        Some(clap::parser::ValueSource::CommandLine)
    )
}

/// The config file: `--config`, else the one found from the current directory,
/// unless `--no-config`.
fn config(cli: &Cli) -> Result<Option<Config>, Failure> {
    if cli.check.no_config {
        return Ok(None);
    }
    let path = match &cli.check.config {
        Some(p) => p.clone(),
        None => match std::env::current_dir().ok().and_then(|d| config::find(&d)) {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    Config::load(&path)
        .map(Some)
        .map_err(|e| Failure::Usage(e.to_string()))
}

/// The settings: defaults, then the config file, then the flags given.
fn settings(cli: &Cli, matches: &ArgMatches, config: Option<&Config>) -> Result<Settings, Failure> {
    let mut settings = Settings::new(http_options(cli, matches, config));
    let given = |id: &str| is_explicit(matches, id);
    if let Some(c) = config {
        settings.profiles = c.profiles.clone().unwrap_or_default();
        settings.overrides = c.overrides.clone();
        settings.fail_on = c.fail_on.unwrap_or(settings.fail_on);
        settings.probe = c.probe.unwrap_or(false);
    }
    if given("profile") {
        settings.profiles = cli.check.profile.iter().map(|p| profile(*p)).collect();
    }
    settings.overrides.extend(severity_overrides(matches)?);
    if given("fail_on") || config.is_none_or(|c| c.fail_on.is_none()) {
        settings.fail_on = match cli.output.fail_on {
            FailOnArg::Error => FailOn::Error,
            FailOnArg::Warning => FailOn::Warning,
            FailOnArg::Info => FailOn::Info,
            FailOnArg::Never => FailOn::Never,
        };
    }
    settings.probe |= cli.check.probe;
    Ok(settings)
}

/// What to inspect: TARGETs, `--targets`, `--file`s; else the config file's targets.
fn inputs(cli: &Cli, matches: &ArgMatches, config: Option<&Config>) -> Result<Vec<Input>, Failure> {
    let given_wk = is_explicit(matches, "well_known")
        .then_some(well_known(cli.check.well_known))
        .or(config.and_then(|c| c.well_known));
    let url_wk = given_wk.unwrap_or(WellKnown::OpenidConfiguration);
    let no_jwks = cli.check.no_jwks || config.and_then(|c| c.no_jwks).unwrap_or(false);

    let mut texts: Vec<String> = cli.targets.clone();
    if let Some(path) = &cli.check.targets_from {
        texts.extend(targets_file(path, cli.http.max_size)?);
    }
    for t in &texts {
        if SUBCOMMANDS.contains(&t.as_str()) {
            return Err(Failure::Usage(format!(
                "`{t}` is a subcommand: put it first, with its options after it \
                 (oidc-inspect {t} --help); for a host named {t}, write https://{t}"
            )));
        }
    }
    let mut inputs = Vec::new();
    for t in &texts {
        let target = Target::parse(t, url_wk).map_err(|e| Failure::Usage(e.0))?;
        inputs.push(Input::fetch(target));
    }
    for path in &cli.check.file {
        inputs.push(Input::file(path, given_wk));
    }
    if inputs.is_empty()
        && let Some(c) = config
    {
        for t in &c.targets {
            let wk = t.well_known.or(given_wk);
            let mut input = match &t.what {
                TargetKind::Url(u) => Input::fetch(
                    Target::parse(u, wk.unwrap_or(WellKnown::OpenidConfiguration))
                        .map_err(|e| Failure::Usage(format!("{}: {}", c.path, e.0)))?,
                ),
                TargetKind::File(p) => Input::file(p, wk),
            };
            if let Some(j) = &t.jwks_file {
                input = input.with_keys(Keys::File(j.clone()));
            } else if no_jwks {
                input = input.with_keys(Keys::Skip);
            }
            if let Some(i) = &t.expect_issuer {
                input = input.expect_issuer(i);
            }
            input.profiles = t.profiles.clone();
            inputs.push(input);
        }
        // Per-target profiles replace the file's top level; `--profile` replaces both.
        if is_explicit(matches, "profile") {
            for i in &mut inputs {
                i.profiles = None;
            }
        }
        return if inputs.is_empty() {
            Err(Failure::Usage(format!(
                "{}: no [[targets]] to check",
                c.path
            )))
        } else {
            Ok(inputs)
        };
    }
    match inputs.len() {
        0 => {
            return Err(Failure::Usage(
                "give a TARGET, --file or --targets (or [[targets]] in oidc-inspect.toml)".into(),
            ));
        }
        1 => {}
        n => {
            for (flag, given) in [
                ("--jwks-file", cli.check.jwks_file.is_some()),
                ("--expect-issuer", cli.check.expect_issuer.is_some()),
            ] {
                if given {
                    return Err(Failure::Usage(format!(
                        "{flag} applies to one target, and {n} were given \
                         (per-target settings go in the config file's [[targets]])"
                    )));
                }
            }
        }
    }
    for input in &mut inputs {
        if let Some(path) = &cli.check.jwks_file {
            input.keys = Keys::File(path.clone());
        } else if no_jwks {
            input.keys = Keys::Skip;
        }
        if let Some(issuer) = &cli.check.expect_issuer {
            input.target.expect_issuer(issuer);
        }
    }
    Ok(inputs)
}

/// `--targets FILE`: one TARGET a line, `#` comments, blank lines skipped.
fn targets_file(path: &str, max: u64) -> Result<Vec<String>, Failure> {
    let body = match read_input(path, max) {
        Ok(Some(body)) => body,
        Ok(None) => {
            return Err(Failure::Usage(format!(
                "--targets {path}: larger than --max-size ({max} bytes)"
            )));
        }
        Err(e) => return Err(Failure::Usage(format!("--targets: {e:#}"))),
    };
    let text = String::from_utf8_lossy(&body);
    Ok(text
        .lines()
        .map(|l| l.split_once('#').map_or(l, |(before, _)| before).trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect())
}

fn well_known(w: WellKnownArg) -> WellKnown {
    match w {
        WellKnownArg::Oidc => WellKnown::OpenidConfiguration,
        WellKnownArg::Oauth => WellKnown::OauthAuthorizationServer,
    }
}

/// A progress bar on stderr for runs of several targets, only where a person
/// watches: stderr is a terminal, not in CI, not with `-q`.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    failed: std::cell::Cell<usize>,
}

impl Progress {
    fn start(total: usize, quiet: bool) -> Progress {
        use std::io::IsTerminal;
        let watched = !quiet
            && total > 1
            && io::stderr().is_terminal()
            && std::env::var_os("CI").is_none_or(|v| v.is_empty());
        let bar = watched.then(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{elapsed:>4} [{bar:30}] {pos}/{len} {msg}")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        });
        Progress {
            bar,
            failed: std::cell::Cell::new(0),
        }
    }

    fn tick(&self, report: &crate::report::Report) {
        let Some(bar) = &self.bar else { return };
        if report.summary.failed {
            self.failed.set(self.failed.get() + 1);
        }
        bar.set_message(format!("{} failed", self.failed.get()));
        bar.inc(1);
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn format(f: cli::Format) -> Format {
    match f {
        cli::Format::Table => Format::Table,
        cli::Format::Json => Format::Json,
        cli::Format::Jsonl => Format::Jsonl,
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

/// "unknown rule" with the nearest id, for flags and the config file.
pub fn unknown_rule(id: &str) -> String {
    match suggest::nearest(id, rules::registry().map(|r| r.id)) {
        Some(near) => {
            format!("unknown rule `{id}`; did you mean `{near}`? (`oidc-inspect rules` lists them)")
        }
        None => format!("unknown rule `{id}` (`oidc-inspect rules` lists them)"),
    }
}

/// HTTP options: the flags given, else the config file's `[http]`, else the defaults.
fn http_options(cli: &Cli, matches: &ArgMatches, config: Option<&Config>) -> HttpOptions {
    let h = &cli.http;
    let c = config.map(|c| &c.http);
    let given = |id: &str| is_explicit(matches, id);
    let pick = |id: &str, flag: f64, file: Option<f64>| {
        if given(id) {
            flag
        } else {
            file.unwrap_or(flag)
        }
    };
    fn list<T: Clone>(given: bool, flag: &[T], file: Option<&Vec<T>>) -> Vec<T> {
        match file {
            Some(f) if !given && !f.is_empty() => f.clone(),
            _ => flag.to_vec(),
        }
    }
    HttpOptions {
        timeout: Duration::from_secs_f64(pick("timeout", h.timeout, c.and_then(|c| c.timeout))),
        connect_timeout: if given("connect_timeout") {
            h.connect_timeout
        } else {
            c.and_then(|c| c.connect_timeout).or(h.connect_timeout)
        }
        .map(Duration::from_secs_f64),
        max_size: if given("max_size") {
            h.max_size
        } else {
            c.and_then(|c| c.max_size).unwrap_or(h.max_size)
        },
        cacert: h
            .cacert
            .clone()
            .or_else(|| c.and_then(|c| c.cacert.clone())),
        // `--ca-native` and `--no-ca-native` override each other: the last one wins.
        ca_native: !h.no_ca_native,
        insecure: h.insecure || c.and_then(|c| c.insecure).unwrap_or(false),
        resolve: list(given("resolve"), &h.resolve, c.map(|c| &c.resolve)),
        headers: list(given("headers"), &h.headers, c.map(|c| &c.headers)),
        user_agent: if given("user_agent") {
            h.user_agent.clone()
        } else {
            c.and_then(|c| c.user_agent.clone())
                .unwrap_or_else(|| h.user_agent.clone())
        },
        proxy: h.proxy.clone().or_else(|| c.and_then(|c| c.proxy.clone())),
        no_proxy: h.noproxy.clone(),
        max_redirects: if given("max_redirects") {
            h.max_redirects
        } else {
            c.and_then(|c| c.max_redirects).unwrap_or(h.max_redirects)
        },
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
