//! The fetch of `khobor fetch`, run on a thread for the reader (`R`): events as files land, a
//! progress count, and a handle that stops the run so that quitting leaves only whole files.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::Mutex;

use crate::fetch::run::{Options, Stop};
use crate::fetch::{Event, Subscription, fetch_all};

/// What a background fetch reports, in order: any number of `Wrote`, `Problem` and `Progress`,
/// then `Finished`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchEvent {
    /// An article file is in place, whole: new, or replacing an item's earlier version.
    Wrote(PathBuf),
    /// One line naming the feed and the URL that gave nothing usable; the run goes on.
    Problem(String),
    /// A feed is done (or failed); the counts so far.
    Progress(FetchProgress),
    /// The run is over, stopped or not; the final counts.
    Finished(FetchProgress),
}

/// How far a run is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FetchProgress {
    /// Feeds in the run.
    pub feeds: usize,
    /// Feeds finished, failed ones included.
    pub feeds_done: usize,
    /// Of those, feeds that failed as a whole.
    pub(crate) feeds_failed: usize,
    /// Article files written, new or updated.
    pub written: usize,
}

impl std::fmt::Display for FetchProgress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}/{} feeds, {} new article(s)",
            self.feeds_done, self.feeds, self.written
        )?;
        if self.feeds_failed > 0 {
            write!(f, ", {} failed", self.feeds_failed)?;
        }
        Ok(())
    }
}

/// A fetch running on its own thread.
#[derive(Debug)]
pub struct FetchHandle {
    stop: Arc<Stop>,
}

impl FetchHandle {
    /// Stops the run: an article being written is finished, no other is begun. Returns at once
    /// after that; feeds waiting on the network give up when their answer comes.
    pub fn stop(&self) {
        self.stop.stop();
    }
}

/// Starts fetching `feeds` into `options.root`. `send` gets the events, from the fetch's
/// threads; once it returns false (nobody listens any more) the run is stopped.
pub fn spawn(
    feeds: Vec<Subscription>,
    options: Options,
    send: impl Fn(FetchEvent) -> bool + Send + Sync + 'static,
) -> std::io::Result<FetchHandle> {
    let stop = options.stop.clone();
    std::thread::Builder::new()
        .name("khobor-fetch".into())
        .spawn(move || {
            let progress = Mutex::new(FetchProgress {
                feeds: feeds.len(),
                ..FetchProgress::default()
            });
            let on_event = |event: Event<'_>| {
                let event = match event {
                    Event::Wrote { path, .. } => {
                        if let Ok(mut p) = progress.lock() {
                            p.written += 1;
                        }
                        FetchEvent::Wrote(path.to_path_buf())
                    }
                    Event::Problem { feed, url, message } => {
                        FetchEvent::Problem(format!("{feed}: {url}: {message}"))
                    }
                    Event::Done(report) => {
                        let Ok(mut p) = progress.lock() else { return };
                        p.feeds_done += 1;
                        p.feeds_failed += usize::from(report.failed);
                        FetchEvent::Progress(*p)
                    }
                };
                if !send(event) {
                    options.stop.stop();
                }
            };
            fetch_all(&feeds, &options, &on_event);
            let done = progress.lock().map(|p| *p).unwrap_or_default();
            send(FetchEvent::Finished(done));
        })?;
    Ok(FetchHandle { stop })
}
