//! The `khobor` binary: parse arguments, run, report errors.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = khobor::cli::Cli::parse();
    match khobor::cli::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            let message = format!("{e:#}");
            eprintln!("khobor: {}", khobor::text::escape::for_terminal(&message));
            std::process::ExitCode::FAILURE
        }
    }
}
