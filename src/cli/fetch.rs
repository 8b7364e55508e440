//! `khobor fetch`: every subscribed feed into the archive. On a terminal one progress line;
//! piped, one summary line per feed on stdout. Problems: one line each on stderr.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Mutex;

use anyhow::{Context, bail};

use crate::fetch::run::Options;
use crate::fetch::{Event, Subscriptions, fetch_all};

struct Progress {
    done: usize,
    articles: usize,
}

pub(super) fn run(into: Option<PathBuf>) -> anyhow::Result<()> {
    let path = Subscriptions::default_path()
        .context("no configuration directory: set KHOBOR_FEEDS_FILE or XDG_CONFIG_HOME")?;
    let subs = Subscriptions::load(&path)?;
    if subs.feeds.is_empty() {
        bail!(
            "no feeds in {}; subscribe with `khobor feed add URL`",
            path.display()
        );
    }
    let root = crate::fetch::archive::root(into).context("no data directory: use --into DIR")?;
    let total = subs.feeds.len();
    let terminal = std::io::stderr().is_terminal();
    let progress = Mutex::new(Progress {
        done: 0,
        articles: 0,
    });
    let on_event = |event: Event<'_>| {
        let Ok(mut p) = progress.lock() else { return };
        let mut err = std::io::stderr().lock();
        // stderr or stdout gone: nothing left to tell anyone; the fetch itself goes on.
        match event {
            Event::Wrote { .. } => p.articles += 1,
            Event::Problem { feed, url, message } => {
                if terminal {
                    let _ = write!(err, "\r\x1b[K");
                }
                let line = crate::ingest::clean(&format!("{feed}: {url}: {message}"));
                let _ = writeln!(err, "khobor: {}", line.replace('\n', " "));
            }
            Event::Done(report) => {
                p.done += 1;
                if !terminal {
                    let _ = writeln!(std::io::stdout().lock(), "{report}");
                }
            }
        }
        if terminal {
            let _ = write!(
                err,
                "\r\x1b[Kfetching: {}/{total} feeds, {} articles written",
                p.done, p.articles
            );
        }
    };
    let reports = fetch_all(&subs.feeds, &Options::new(root.clone()), &on_event);
    if terminal {
        let written: usize = reports.iter().map(|r| r.new + r.updated).sum();
        let fetched = reports.iter().filter(|r| !r.failed).count();
        eprintln!(
            "\r\x1b[Kkhobor: {fetched} of {total} feeds fetched, {written} articles written to {}",
            root.display()
        );
    }
    let bad = reports
        .iter()
        .filter(|r| r.failed || r.item_problems > 0)
        .count();
    if bad == total {
        bail!("every feed had problems (see above)");
    }
    if bad > 0 {
        bail!("{bad} of {total} feeds had problems (see above); the others were fetched");
    }
    Ok(())
}
