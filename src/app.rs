//! The command line around the pipeline: flags become [`Settings`] and an
//! [`Input`] (clap's types stop here), [`Inspector::inspect`] makes the report,
//! an emitter writes it. Only this module writes to stderr.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::ArgMatches;

use crate::baseline::Baseline;
use crate::checker::Override;
use crate::cli::{
    self, Cli, ClientArg, Command, DiffArgs, DiffFormat, ExplainFormat, FailOnArg, HttpArgs,
    ListFormat, ProfileArg, SeverityArg, WellKnownArg,
};
use crate::config::{self, Config, TargetKind};
use crate::diagnostic::{ClientKind, Profile, Rule, Severity};
use crate::emit::{self, ColorChoice, Format, Style};
use crate::http::HttpOptions;
use crate::inspect::{Input, Inspector, Keys, read_input};
use crate::report::{Batch, BatchSummary, Exit, FailOn, Report, RunError, Summary};
use crate::settings::{Settings, rule_override};
use crate::snapshot::Snapshot;
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
const SUBCOMMANDS: [&str; 5] = ["rules", "explain", "diff", "completions", "help"];
// (`manpage` and `schema` are hidden: hosts of those names are fetched as asked.)

fn run_inner(cli: Cli, matches: &ArgMatches) -> Result<u8, Failure> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if let Some(Command::Diff(args)) = &cli.command {
        let sub = matches.subcommand_matches("diff").unwrap_or(matches);
        return diff_command(args, sub, &mut out);
    }
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
    let mut style = Style::decide(match cli.output.color {
        cli::ColorArg::Auto => ColorChoice::Auto,
        cli::ColorArg::Always => ColorChoice::Always,
        cli::ColorArg::Never => ColorChoice::Never,
    });
    style.brief = cli.output.brief;
    let config_path = config.as_ref().map(|c| c.path.clone());

    let mut outputs = outputs(&cli, config.as_ref())?;
    if let Some(path) = &cli.check.write_baseline {
        probe_writable(path).map_err(|e| {
            Failure::Usage(format!(
                "--write-baseline {}: cannot write there: {e}",
                path.display()
            ))
        })?;
        outputs.push((Format::Json, path.clone()));
    }

    let outcome = if let [input] = inputs.as_slice() {
        let mut report = inspector.inspect(input);
        report.config = config_path;
        Outcome::One(Box::new(report))
    } else {
        let progress = Progress::start(inputs.len(), cli.output.quiet);
        let stream = format == Format::Jsonl && !cli.output.quiet;
        let mut write_error = None;
        let mut each = |report: &Report| {
            progress.tick(report);
            if stream && write_error.is_none() {
                let line = emit::json::write_line(report, &mut out).and_then(|()| out.flush());
                write_error = line.err();
            }
        };
        // Whole reports are kept only for what is written after the run: with
        // jsonl streamed (or nothing printed) and no -o, each is dropped once
        // its line is out, keeping what the error lines and the exit status need.
        let jobs = usize::from(jobs);
        let outcome = if outputs.is_empty() && (stream || cli.output.quiet) {
            let kept = batch::inspect_all(&inspector, &inputs, jobs, |_, done| {
                each(&done.report);
                Streamed {
                    input: done.report.target.input,
                    summary: done.report.summary,
                    error: done.report.error,
                }
            });
            let summary = BatchSummary::tally(kept.iter().map(|k| (&k.summary, k.error.is_some())));
            Outcome::Streamed(kept, summary)
        } else {
            let done = batch::inspect_all(&inspector, &inputs, jobs, |_, done| {
                each(&done.report);
                done
            });
            let elapsed: Vec<_> = done.iter().map(|d| d.elapsed).collect();
            let mut reports: Vec<_> = done.into_iter().map(|d| d.report).collect();
            for r in &mut reports {
                r.config = config_path.clone();
            }
            Outcome::Many(Batch::new(reports, config_path), elapsed)
        };
        progress.finish();
        if let Some(e) = write_error {
            return Err(e.into());
        }
        outcome
    };

    if !cli.output.quiet {
        for (target, e) in outcome.errors() {
            let line = match target {
                Some(t) => e.for_target(t),
                None => e.with_url(),
            };
            eprintln!("oidc-inspect: error: {}", sanitize::clean(&line));
        }
        // jsonl for several targets was streamed as they finished.
        if !(format == Format::Jsonl
            && matches!(outcome, Outcome::Many(..) | Outcome::Streamed(..)))
        {
            outcome.write(format, style, &mut out)?;
        }
        out.flush()?;
    }
    for (format, path) in &outputs {
        let mut bytes = Vec::new();
        outcome.write(*format, Style::plain(), &mut bytes)?;
        write_atomically(path, &bytes).map_err(|e| {
            Failure::Io(io::Error::new(e.kind(), format!("{}: {e}", path.display())))
        })?;
    }
    Ok(outcome.exit_code())
}

/// What a run produced: one report, several with their wall times, or what is
/// left of several written out as they finished.
enum Outcome {
    One(Box<Report>),
    Many(Batch, Vec<Duration>),
    Streamed(Vec<Streamed>, BatchSummary),
}

/// What is kept of a report once written out: for the error lines and the
/// exit status.
struct Streamed {
    input: String,
    summary: Summary,
    error: Option<RunError>,
}

impl Outcome {
    fn write(&self, format: Format, style: Style, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Outcome::One(r) => emit::emitter(format, style).emit(r, out),
            Outcome::Many(b, elapsed) => {
                emit::batch::emit(format, style, b, elapsed, style.brief, out)
            }
            // Already written, a line each.
            Outcome::Streamed(..) => Ok(()),
        }
    }

    /// The targets that gave no document (`None`: the only target).
    fn errors(&self) -> Vec<(Option<&str>, &RunError)> {
        match self {
            Outcome::One(r) => r.error.iter().map(|e| (None, e)).collect(),
            Outcome::Many(b, _) => b
                .reports
                .iter()
                .filter_map(|r| r.error.as_ref().map(|e| (Some(r.target.input.as_str()), e)))
                .collect(),
            Outcome::Streamed(kept, _) => kept
                .iter()
                .filter_map(|k| k.error.as_ref().map(|e| (Some(k.input.as_str()), e)))
                .collect(),
        }
    }

    fn exit_code(&self) -> u8 {
        match self {
            Outcome::One(r) => r.exit() as u8,
            Outcome::Many(b, _) => b.summary.exit_code,
            Outcome::Streamed(_, summary) => summary.exit_code,
        }
    }
}

/// `-o FORMAT=PATH` (or the config file's `output`), each checked writable
/// before anything is fetched: a path that cannot be written is a usage error.
fn outputs(cli: &Cli, config: Option<&Config>) -> Result<Vec<(Format, PathBuf)>, Failure> {
    let wanted: Vec<(String, PathBuf)> = if cli.output.outputs.is_empty() {
        config.map(|c| c.outputs.clone()).unwrap_or_default()
    } else {
        cli.output.outputs.clone()
    };
    let mut out = Vec::new();
    for (name, path) in wanted {
        let format = Format::named(&name)
            .ok_or_else(|| Failure::Usage(format!("-o {name}=…: {name:?} is not a format")))?;
        probe_writable(&path).map_err(|e| {
            Failure::Usage(format!(
                "-o {name}={}: cannot write there: {e}",
                path.display()
            ))
        })?;
        out.push((format, path));
    }
    Ok(out)
}

/// The temporary sibling a file is written to before it is renamed into place.
fn temporary_for(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

fn probe_writable(path: &Path) -> io::Result<()> {
    if path.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory",
        ));
    }
    let tmp = temporary_for(path);
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)?;
    std::fs::remove_file(&tmp)
}

/// Write `bytes` to `path` whole or not at all: a temporary file beside it,
/// flushed to disk, then renamed over it.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = temporary_for(path);
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// `oidc-inspect diff OLD NEW`: exit 0 without differences, 1 with, 3 when a
/// side cannot be had.
fn diff_command(args: &DiffArgs, matches: &ArgMatches, out: &mut dyn Write) -> Result<u8, Failure> {
    let mut settings = Settings::new(http_options(&args.http, matches, None));
    settings.fail_on = FailOn::Never;
    let inspector = Inspector::new(settings).map_err(|e| Failure::Usage(e.0))?;
    let wk = well_known(args.well_known);
    let mut sides = Vec::new();
    for (label, text) in [("OLD", &args.old), ("NEW", &args.new)] {
        match diff_side(label, text, wk, args.no_jwks, &inspector)? {
            Ok(snapshot) => sides.push(snapshot),
            Err(why) => {
                eprintln!(
                    "oidc-inspect: error: {label} ({}): {}",
                    sanitize::clean(text),
                    sanitize::clean(&why)
                );
                return Ok(Exit::NoDocument as u8);
            }
        }
    }
    let (old, new) = (&sides[0], &sides[1]);
    let d = crate::diff::diff(old, new, &args.ignore);
    let style = Style::decide(ColorChoice::Auto);
    let format = match args.format {
        DiffFormat::Table | DiffFormat::Lint => Format::Table,
        DiffFormat::Json => Format::Json,
        DiffFormat::Jsonl => Format::Jsonl,
    };
    emit::diff::emit(format, style, &d, out)?;
    out.flush()?;
    Ok(if d.is_empty() {
        Exit::Ok
    } else {
        Exit::Findings
    } as u8)
}

/// One side of a diff: a saved JSON report, a saved document, or a TARGET.
/// The inner `Err` is a side that could not be had (exit 3).
fn diff_side(
    label: &str,
    text: &str,
    wk: WellKnown,
    no_jwks: bool,
    inspector: &Inspector,
) -> Result<Result<Snapshot, String>, Failure> {
    let path = Path::new(text);
    let input = if path.is_file() {
        let max = inspector.settings().http.max_size;
        let body = match read_input(text, max) {
            Ok(Some(body)) => body,
            Ok(None) => return Ok(Err(format!("larger than --max-size ({max} bytes)"))),
            Err(e) => return Ok(Err(format!("{e:#}"))),
        };
        if let Ok(value) = serde_json::from_slice::<serde_json::Value>(&body)
            && Snapshot::is_report(&value)
        {
            let mut all = Snapshot::from_json(&value)
                .map_err(|e| Failure::Usage(format!("{label} {text}: {}", e.0)))?;
            if all.len() != 1 {
                return Err(Failure::Usage(format!(
                    "{label} {text} holds {} targets' reports; diff compares one target",
                    all.len()
                )));
            }
            let snapshot = all.remove(0);
            return Ok(match &snapshot.error {
                Some(e) => Err(format!("the saved report has no document: {e}")),
                None => Ok(snapshot),
            });
        }
        Input::memory(text, body, wk)
    } else {
        if !text.contains("://") && text.ends_with(".json") {
            return Err(Failure::Usage(format!("{label}: no such file: {text}")));
        }
        let target = Target::parse(text, wk).map_err(|e| {
            Failure::Usage(format!("{label}: {} (not a file, and not a TARGET)", e.0))
        })?;
        let input = Input::fetch(target);
        if no_jwks {
            input.with_keys(Keys::Skip)
        } else {
            input
        }
    };
    let report = inspector.inspect(&input);
    Ok(match &report.error {
        Some(e) => Err(format!("{} ({})", e.message, e.url)),
        None => Ok(Snapshot::of(&report)),
    })
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
    let mut settings = Settings::new(http_options(&cli.http, matches, config));
    let given = |id: &str| is_explicit(matches, id);
    if let Some(c) = config {
        settings.profiles = c.profiles.clone().unwrap_or_default();
        settings.clients = c.clients.clone().unwrap_or_default();
        settings.overrides = c.overrides.clone();
        settings.fail_on = c.fail_on.unwrap_or(settings.fail_on);
        settings.probe = c.probe.unwrap_or(false);
    }
    if given("profile") {
        settings.profiles = cli.check.profile.iter().map(|p| profile(*p)).collect();
    }
    if given("clients") {
        settings.clients = Vec::new();
        for kind in cli.check.clients.iter().map(|c| client(*c)) {
            if !settings.clients.contains(&kind) {
                settings.clients.push(kind);
            }
        }
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
    settings.min_severity = match cli.output.min_severity {
        cli::MinSeverityArg::Info => Severity::Info,
        cli::MinSeverityArg::Warning => Severity::Warning,
        cli::MinSeverityArg::Error => Severity::Error,
    };
    let baseline = cli
        .check
        .baseline
        .clone()
        .or_else(|| config.and_then(|c| c.baseline.clone()));
    if let Some(path) = baseline {
        settings.baseline =
            Some(Baseline::load(&path, settings.http.max_size).map_err(Failure::Usage)?);
    }
    Ok(settings)
}

/// What to inspect: TARGETs, `--targets`, `--file`s; else the config file's targets.
fn inputs(cli: &Cli, matches: &ArgMatches, config: Option<&Config>) -> Result<Vec<Input>, Failure> {
    let given_wk = is_explicit(matches, "well_known")
        .then_some(well_known(cli.check.well_known))
        .or(config.and_then(|c| c.well_known));
    let url_wk = given_wk.unwrap_or(WellKnown::OpenidConfiguration);
    let no_jwks = cli.check.no_jwks || config.and_then(|c| c.no_jwks).unwrap_or(false);

    // Each input with its position on the command line, so that TARGETs,
    // `--targets` lists and `--file`s come back in the order given.
    let at = |id: &str| -> Vec<usize> {
        matches
            .indices_of(id)
            .map(|i| i.collect())
            .unwrap_or_default()
    };
    let mut placed: Vec<(usize, usize, Input)> = Vec::new();
    let mut texts: Vec<(usize, String)> =
        at("targets").into_iter().zip(cli.targets.clone()).collect();
    if let Some(path) = &cli.check.targets_from {
        let index = at("targets_from").first().copied().unwrap_or(0);
        texts.extend(
            targets_file(path, cli.http.max_size)?
                .into_iter()
                .map(|t| (index, t)),
        );
    }
    for (_, t) in &texts {
        if SUBCOMMANDS.contains(&t.as_str()) {
            return Err(Failure::Usage(format!(
                "`{t}` is a subcommand: put it first, with its options after it \
                 (oidc-inspect {t} --help); for a host named {t}, write https://{t}"
            )));
        }
    }
    for (index, t) in texts {
        let target = Target::parse(&t, url_wk).map_err(|e| Failure::Usage(e.0))?;
        placed.push((index, placed.len(), Input::fetch(target)));
    }
    for (index, path) in at("file").into_iter().zip(&cli.check.file) {
        placed.push((index, placed.len(), Input::file(path, given_wk)));
    }
    placed.sort_by_key(|(index, n, _)| (*index, *n));
    let mut inputs: Vec<Input> = placed.into_iter().map(|(_, _, i)| i).collect();
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
            input.clients = t.clients.clone();
            inputs.push(input);
        }
        // Per-target profiles and clients replace the file's top level; `--profile`
        // and `--client` replace both.
        for i in &mut inputs {
            if is_explicit(matches, "profile") {
                i.profiles = None;
            }
            if is_explicit(matches, "clients") {
                i.clients = None;
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
        cli::Format::Sarif => Format::Sarif,
        cli::Format::Github => Format::Github,
        cli::Format::Junit => Format::Junit,
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

fn client(c: ClientArg) -> ClientKind {
    match c {
        ClientArg::Spa => ClientKind::Spa,
        ClientArg::Native => ClientKind::Native,
        ClientArg::Web => ClientKind::Web,
        ClientArg::Device => ClientKind::Device,
        ClientArg::Service => ClientKind::Service,
    }
}

fn subcommand(cmd: &Command, out: &mut dyn Write) -> Result<(), Failure> {
    match cmd {
        Command::Rules {
            prefix,
            profile: wanted_profile,
            severity,
            format,
        } => {
            let wanted_severity = severity.map(|s| match s {
                SeverityArg::Error => Severity::Error,
                SeverityArg::Warning => Severity::Warning,
                SeverityArg::Info => Severity::Info,
            });
            let chosen: Vec<&Rule> = rules::registry()
                .filter(|r| prefix.as_ref().is_none_or(|p| r.id.starts_with(p.as_str())))
                .filter(|r| wanted_profile.is_none_or(|p| r.profile == profile(p)))
                .filter(|r| wanted_severity.is_none_or(|s| r.severity == s))
                .collect();
            if chosen.is_empty() && prefix.is_some() {
                let p = prefix.as_deref().unwrap_or("");
                return Err(Failure::Usage(format!(
                    "no rule id starts with `{p}`: {}",
                    unknown_rule(p)
                )));
            }
            match format {
                ListFormat::Table => emit::catalog::rules_table(&chosen, emit::columns(), out)?,
                ListFormat::Json => emit::catalog::rules_json(&chosen, out)?,
                ListFormat::Markdown => emit::catalog::rules_markdown(&chosen, out)?,
            }
        }
        Command::Explain { rule, format } => match rules::find(rule) {
            Some(r) => match format {
                ExplainFormat::Text => emit::catalog::explain_text(r, out)?,
                ExplainFormat::Json => emit::catalog::explain_json(r, out)?,
            },
            None => {
                // A family prefix lists the family; anything else is a mistake.
                let family = format!("{}-", rule.trim_end_matches('-'));
                let members: Vec<&Rule> = rules::registry()
                    .filter(|r| rule.ends_with('-') && r.id.starts_with(&family))
                    .collect();
                if members.is_empty() {
                    return Err(Failure::Usage(unknown_rule(rule)));
                }
                match format {
                    ExplainFormat::Text => {
                        emit::catalog::rules_table(&members, emit::columns(), out)?
                    }
                    ExplainFormat::Json => emit::catalog::rules_json(&members, out)?,
                }
            }
        },
        Command::Schema => {
            emit::json::write_json(&crate::report::json_schema(), &mut *out)?;
            out.write_all(b"\n")?;
        }
        Command::Manpage => {
            // The package version alone: the committed page must not change with
            // every commit.
            let cmd = <Cli as clap::CommandFactory>::command().version(env!("CARGO_PKG_VERSION"));
            clap_mangen::Man::new(cmd).render(out)?;
        }
        Command::Diff(_) => {}
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
    let lower = id.to_ascii_lowercase();
    let family = format!("{}-", lower.trim_end_matches('-'));
    if lower != id && rules::find(&lower).is_some() {
        return format!("unknown rule `{id}`; rule ids are lower case: `{lower}`");
    }
    if !id.ends_with('-') && rules::registry().any(|r| r.id.starts_with(&family)) {
        return format!(
            "unknown rule `{id}`; to name every rule of the family, write `{family}` \
             (`oidc-inspect rules {family}` lists them)"
        );
    }
    match suggest::nearest(id, rules::registry().map(|r| r.id)) {
        Some(near) => {
            format!("unknown rule `{id}`; did you mean `{near}`? (`oidc-inspect rules` lists them)")
        }
        None => format!("unknown rule `{id}` (`oidc-inspect rules` lists them)"),
    }
}

/// HTTP options: the flags given, else the config file's `[http]`, else the defaults.
fn http_options(h: &HttpArgs, matches: &ArgMatches, config: Option<&Config>) -> HttpOptions {
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
