//! The default command: open the reader.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

use crate::app::Options;
use crate::corpus::Corpus;
use crate::extract::Extractor;
use crate::ui::text::WidthPolicy;

/// Loads `paths` (or the bundled seeds) and runs the reader until the user quits.
pub fn run(paths: &[PathBuf], width: WidthPolicy) -> anyhow::Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!("the reader needs a terminal; for plain output use `khobor list`");
    }
    let (corpus, report) = Corpus::load(paths, &Extractor::new())?;
    for p in &report.problems {
        eprintln!("khobor: {p}");
    }
    let options = Options::embedded(width)?;
    crate::tui::run(Arc::new(corpus), options)
}
