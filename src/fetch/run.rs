//! One fetch run: every feed, then each new or updated item's page, into the archive. Up to
//! [`Options::workers`] feeds at once (and one request per host, see the client); a bad feed or
//! item costs one [`Event::Problem`] and the rest goes on.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Utc};

use crate::fetch::archive::{ArticleText, FeedDir, Seen};
use crate::fetch::feed::{self, Item};
use crate::fetch::http::{Client, FetchError, Fetched, Limits, host_of};
use crate::fetch::subscriptions::{Subscription, check_name};
use crate::fetch::{outlet, page};

/// Where and how to fetch.
#[derive(Clone, Debug)]
pub struct Options {
    /// The archive: one folder per feed below it.
    pub(crate) root: PathBuf,
    /// Timeouts, size caps and retries of every request.
    pub limits: Limits,
    /// Feeds fetched at once (requests at once, since each feed sends one at a time).
    pub(crate) workers: usize,
    /// Stops the run early (the reader quitting while it fetches).
    pub(crate) stop: Arc<Stop>,
}

/// Stops a fetch between files: an article being written is finished first, and none is begun
/// after [`Stop::stop`] returns, so a process that exits right after it leaves only whole files
/// (each file is also written to a temp file and renamed, but a kill between the two would leave
/// the temp file behind).
#[derive(Debug, Default)]
pub(crate) struct Stop {
    stopped: AtomicBool,
    writing: Mutex<()>,
}

impl Stop {
    /// Asks the run to stop and waits for an article being written (milliseconds).
    pub(crate) fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        drop(self.writing.lock().unwrap_or_else(PoisonError::into_inner));
    }

    pub(crate) fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::SeqCst)
    }

    /// Runs `write` unless the run was stopped.
    fn write<T>(&self, write: impl FnOnce() -> T) -> Option<T> {
        let _writing = self.writing.lock().unwrap_or_else(PoisonError::into_inner);
        (!self.is_stopped()).then(write)
    }
}

impl Options {
    /// Fetching into the archive at `root` with the default limits, four feeds at a time.
    pub fn new(root: PathBuf) -> Self {
        Options {
            root,
            limits: Limits::default(),
            workers: 4,
            stop: Arc::default(),
        }
    }
}

/// What happened, as it happens; `feed` is the subscription's name.
#[derive(Debug)]
pub enum Event<'a> {
    /// An article file was written (new, or replacing the item's earlier version).
    Wrote {
        /// The subscription's name.
        feed: &'a str,
        /// The article file, in place.
        path: &'a std::path::Path,
    },
    /// Something at `url` gave nothing usable; the run goes on.
    Problem {
        /// The subscription's name.
        feed: &'a str,
        /// The feed's or the article page's address.
        url: &'a str,
        /// What went wrong, for the user.
        message: String,
    },
    /// A feed is finished; how it went.
    Done(&'a FeedReport),
}

/// The outcome of one feed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FeedReport {
    /// The subscription's name.
    pub name: String,
    /// Items written for the first time.
    pub new: usize,
    /// Items whose earlier file was replaced because the feed changed them.
    pub updated: usize,
    /// Items already in the archive as the feed has them.
    pub unchanged: usize,
    /// The server said `304 Not Modified`.
    pub not_modified: bool,
    /// Items that could not be made into articles.
    pub item_problems: usize,
    /// The feed itself failed (nothing was written for it).
    pub failed: bool,
}

impl std::fmt::Display for FeedReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.failed {
            return write!(f, "{}: failed", self.name);
        }
        if self.not_modified {
            return write!(f, "{}: not modified", self.name);
        }
        write!(
            f,
            "{}: {} new, {} updated, {} unchanged",
            self.name, self.new, self.updated, self.unchanged
        )?;
        if self.item_problems > 0 {
            write!(f, ", {} failed", self.item_problems)?;
        }
        Ok(())
    }
}

/// Fetches every feed in `feeds`; reports in the order given.
pub fn fetch_all(
    feeds: &[Subscription],
    options: &Options,
    on_event: &(dyn Fn(Event<'_>) + Sync),
) -> Vec<FeedReport> {
    let client = Client::new(options.limits.clone());
    let next = AtomicUsize::new(0);
    let reports = Mutex::new(vec![FeedReport::default(); feeds.len()]);
    std::thread::scope(|s| {
        for _ in 0..options.workers.clamp(1, feeds.len().max(1)) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(sub) = feeds.get(i).filter(|_| !options.stop.is_stopped()) else {
                        break;
                    };
                    let report = fetch_feed(&client, sub, options, on_event);
                    on_event(Event::Done(&report));
                    if let Ok(mut all) = reports.lock() {
                        all[i] = report;
                    }
                }
            });
        }
    });
    reports.into_inner().unwrap_or_default()
}

/// One feed's steps in order (name, host, download, items, validators), all writing one report; long for that.
fn fetch_feed(
    client: &Client,
    sub: &Subscription,
    options: &Options,
    on_event: &(dyn Fn(Event<'_>) + Sync),
) -> FeedReport {
    let mut report = FeedReport {
        name: sub.name.clone(),
        ..FeedReport::default()
    };
    let problem = |url: &str, message: String| {
        on_event(Event::Problem {
            feed: &sub.name,
            url,
            message,
        })
    };
    if let Err(e) = check_name(&sub.name) {
        problem(&sub.url, format!("{e:#}"));
        report.failed = true;
        return report;
    }
    let host = match host_of(&sub.url) {
        Ok(h) => h,
        Err(e) => {
            problem(&sub.url, e.to_string());
            report.failed = true;
            return report;
        }
    };
    if options.stop.is_stopped() {
        return report;
    }
    let mut dir = FeedDir::open(&options.root, &sub.name);
    let download = match client.get(&sub.url, client.limits().feed_cap, Some(dir.validators())) {
        Ok(Fetched::NotModified) => {
            report.not_modified = true;
            return report;
        }
        Ok(Fetched::Body(d)) => d,
        Err(e) => {
            problem(&sub.url, e.to_string());
            report.failed = true;
            return report;
        }
    };
    let channel = match feed::parse(&download.text, download.media_type.as_deref(), &sub.url) {
        Ok(c) => c,
        Err(e) => {
            problem(&sub.url, e.to_string());
            report.failed = true;
            return report;
        }
    };
    let publisher = sub
        .outlet
        .clone()
        .or_else(|| outlet::for_host(&host).map(str::to_string))
        .or(channel.title.clone());
    let mut complete = true;
    for item in &channel.items {
        if options.stop.is_stopped() {
            complete = false;
            break;
        }
        let file = match dir.seen(item) {
            Seen::Unchanged => {
                report.unchanged += 1;
                continue;
            }
            Seen::New => None,
            Seen::Updated(file) => Some(file),
        };
        let replaces = file.is_some();
        match article_of(client, item, publisher.as_deref()) {
            Ok(article) => match options.stop.write(|| dir.write(item, file, &article)) {
                None => {
                    complete = false;
                    break;
                }
                Some(Ok(path)) => {
                    if replaces {
                        report.updated += 1;
                    } else {
                        report.new += 1;
                    }
                    on_event(Event::Wrote {
                        feed: &sub.name,
                        path: &path,
                    });
                }
                Some(Err(e)) => {
                    report.item_problems += 1;
                    problem(
                        item.url.as_deref().unwrap_or(&sub.url),
                        format!("writing: {e}"),
                    );
                }
            },
            Err(message) => {
                report.item_problems += 1;
                problem(item.url.as_deref().unwrap_or(&sub.url), message);
            }
        }
    }
    // A stopped run saves what it wrote (a later run would otherwise write those items again
    // under the same names), but not the validators: the rest of the feed is still to come.
    let validators = (complete && report.item_problems == 0).then_some(download.validators);
    if let Err(e) = dir.save(validators) {
        problem(
            &sub.url,
            format!("writing the index in {}: {e}", dir.dir().display()),
        );
    }
    report
}

/// The article of one item: the feed's own content when it is the whole article, else the
/// item's page reduced to its text.
fn article_of(
    client: &Client,
    item: &Item,
    publisher: Option<&str>,
) -> Result<ArticleText, String> {
    let full = item
        .content
        .as_deref()
        .map(page::fragment_paragraphs)
        .filter(|p| page::is_full_article(p));
    let (paragraphs, found) = match full {
        Some(p) => (p, None),
        None => {
            let url = item.url.as_deref().ok_or_else(|| {
                format!(
                    "item {:?} has no link and no full text",
                    crate::ingest::clean(&item.title)
                )
            })?;
            let html = match client.get(url, client.limits().page_cap, None) {
                Ok(Fetched::Body(d)) => d.text,
                Ok(Fetched::NotModified) => return Err(FetchError::Status(304).to_string()),
                Err(e) => return Err(e.to_string()),
            };
            let mut found = page::article(&html, Some(url)).ok_or("no article text on the page")?;
            (std::mem::take(&mut found.paragraphs), Some(found))
        }
    };
    let title = Some(item.title.trim())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .or_else(|| found.as_ref().and_then(|f| f.title.clone()))
        .ok_or("item has no title")?;
    let published = item.published.or_else(|| {
        found
            .as_ref()
            .and_then(|f| f.published.as_deref())
            .and_then(|p| DateTime::parse_from_rfc3339(p.trim()).ok())
            .map(|d| d.with_timezone(&Utc))
    });
    let author = Some(item.authors.join(", "))
        .filter(|a| !a.trim().is_empty())
        .or_else(|| found.as_ref().and_then(|f| f.byline.clone()));
    Ok(ArticleText {
        title,
        published,
        url: item.url.clone(),
        publisher: publisher.map(str::to_string),
        author,
        paragraphs,
    })
}
