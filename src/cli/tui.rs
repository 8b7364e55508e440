//! The default command: open the reader (or print the list when output is not a terminal).

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::settings::Options;
use crate::state::StateStore;

/// Loads `paths` (or the bundled seeds) and runs the reader until the user quits. When stdin or
/// stdout is not a terminal (`khobor | less`, scripts) there is nothing to drive a TUI with, so
/// this prints the same table as `khobor list` instead.
pub(super) fn run(paths: &[PathBuf], options: Options) -> anyhow::Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return super::list::run(paths, crate::sort::SortMode::Newest);
    }
    // A PATH that does not exist is an error before the screen is taken over, as in the other
    // commands; everything else is loaded (and its problems reported) while the reader runs.
    crate::ingest::require_paths(paths)?;
    crate::tui::run(
        paths.to_vec(),
        options,
        super::load_options(),
        StateStore::default_path().map(StateStore::new),
    )
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::super::Cli;
    use super::*;
    use crate::text::width::WidthPolicy;

    #[test]
    fn width_policy_is_chosen_on_the_command_line() {
        let cli = Cli::try_parse_from(["khobor"]).unwrap();
        assert_eq!(cli.width, None, "the config file decides");
        let cli = Cli::try_parse_from(["khobor", "--width", "grapheme", "a.txt"]).unwrap();
        assert_eq!(cli.width, Some(WidthPolicy::Grapheme));
        assert_eq!(cli.paths, [PathBuf::from("a.txt")]);
        assert!(Cli::try_parse_from(["khobor", "--width", "wide"]).is_err());
    }
}
