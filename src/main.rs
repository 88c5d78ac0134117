use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use oidc_inspect::cli::Cli;

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    ExitCode::from(oidc_inspect::app::run(cli, &matches))
}
