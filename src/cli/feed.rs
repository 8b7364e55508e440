//! `khobor feed …`: the subscriptions file (add, list, remove, OPML import and export). Never
//! touches the network.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Subcommand;

use crate::fetch::subscriptions::safe_name;
use crate::fetch::{Subscriptions, opml};

#[derive(Subcommand, Debug)]
pub(crate) enum FeedCommand {
    /// Subscribe to a feed (RSS, Atom or JSON Feed) at URL.
    Add {
        url: String,
        /// The feed's name, also its folder in the archive (default: from the URL).
        #[arg(long)]
        name: Option<String>,
        /// The outlet its articles are credited to (default: from the URL's host).
        #[arg(long)]
        outlet: Option<String>,
    },
    /// Print the subscriptions: name, URL, outlet (tab-separated).
    List,
    /// Unsubscribe the feed with this name or URL (its articles stay in the archive).
    Remove { name: String },
    /// Subscribe to every feed of an OPML file.
    Import { file: PathBuf },
    /// Print the subscriptions as OPML 2.0.
    Export,
}

pub(super) fn run(command: FeedCommand) -> anyhow::Result<()> {
    let path = Subscriptions::default_path()
        .context("no configuration directory: set KHOBOR_FEEDS_FILE or XDG_CONFIG_HOME")?;
    let mut subs = Subscriptions::load(&path)?;
    match command {
        FeedCommand::Add { url, name, outlet } => {
            let name = subs.add(&url, name.as_deref(), outlet.as_deref())?;
            subs.save(&path)?;
            eprintln!("khobor: subscribed to {} as {name}", printable(&url));
        }
        FeedCommand::List => super::with_stdout(|out| {
            for f in &subs.feeds {
                writeln!(
                    out,
                    "{}\t{}\t{}",
                    printable(&f.name),
                    printable(&f.url),
                    printable(f.outlet.as_deref().unwrap_or(""))
                )?;
            }
            Ok(())
        })?,
        FeedCommand::Remove { name } => {
            let Some(gone) = subs.remove(&name) else {
                bail!("no feed named {} in {}", printable(&name), path.display());
            };
            subs.save(&path)?;
            eprintln!("khobor: unsubscribed {}", printable(&gone.name));
        }
        FeedCommand::Import { file } => import(&mut subs, &file, &path)?,
        FeedCommand::Export => {
            let text = opml::write(&subs.feeds);
            super::with_stdout(|out| out.write_all(text.as_bytes()))?;
        }
    }
    Ok(())
}

fn import(subs: &mut Subscriptions, file: &Path, path: &Path) -> anyhow::Result<()> {
    let text = std::fs::read(file).with_context(|| format!("{}", file.display()))?;
    let outlines = opml::read(&String::from_utf8_lossy(&text));
    if outlines.is_empty() {
        bail!("{}: no feed outlines (xmlUrl) found", file.display());
    }
    let mut added = 0;
    for o in &outlines {
        let name = o.title.as_deref().map(|t| subs.free_name(&safe_name(t)));
        match subs.add(&o.url, name.as_deref(), None) {
            Ok(_) => added += 1,
            Err(e) => eprintln!(
                "khobor: {}: {}",
                file.display(),
                printable(&format!("{e:#}"))
            ),
        }
    }
    subs.save(path)?;
    eprintln!("khobor: imported {added} of {} feeds", outlines.len());
    Ok(())
}

/// Untrusted text (a hand-edited name, a URL) as one safe line.
fn printable(s: &str) -> String {
    crate::ingest::clean(s).replace('\n', " ")
}
