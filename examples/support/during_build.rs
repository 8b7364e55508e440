//! `bench --typing-during-build`: typing and scrolling while the reader builds its index on a
//! cold cache (issue 12: "cold index build in the background without making the list or typing
//! slower, p99 ≤ 30 ms while it runs").
//!
//! The corpus is loaded light (as the reader loads it; `--cache` keeps the extraction caches
//! warm between runs so the load itself is not what is measured), then three threads run at once,
//! as in the reader (`src/tui/worker.rs`):
//! - the indexer: the titles index with the facets and list orders beside it (`work::index`, on
//!   the reader's titles pool), handed over, then the bodies on the reader's body pool
//!   (`work::body_pool`) into an empty body cache (`work::with_bodies`), handed over and saved;
//! - the searcher: the keystroke sessions typed one char at a time at typing speed, each answered
//!   by a [`LiveSearch`] from the newest index handed over (a query typed meanwhile is answered
//!   from what is indexed so far: at first the titles index of the first half of the articles,
//!   the snapshot the reader indexed before the last), timed per keystroke;
//! - the UI thread: the app scrolled a row at a time and drawn (`update` + `ui::render` of the
//!   list, on a test backend), timed per key, taking the indexer's `Indexed` answer when it comes.
//!
//! Then the same sessions and scrolling again with the build finished, as the yardstick.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

use khobor::app::{Action, App, Facets, Key, Options, update};
use khobor::corpus::Corpus;
use khobor::extract::Extractor;
use khobor::load::{LoadEvent, LoadOptions};
use khobor::search::body::read_body;
use khobor::search::{LiveSearch, SearchIndex};
use khobor::sort::SortKeys;
use khobor::text::width::WidthPolicy;

/// Pause between two keystrokes: about 8 characters a second, a brisk typist.
const TYPING_PAUSE: Duration = Duration::from_millis(120);
/// Pause between two scrolling keys: a key held down repeats about 30 times a second.
const SCROLL_PAUSE: Duration = Duration::from_millis(33);
/// The list scrolled back to the top after this many rows.
const SCROLL_ROWS: usize = 300;
/// Times each session is typed for the yardstick, with the build over.
const IDLE_ROUNDS: usize = 3;

/// What the build was doing when a keystroke or a scroll was timed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Phase {
    /// The titles index (with facets and list orders) is being built; searches are answered
    /// from the previous snapshot's index.
    Titles = 0,
    /// The titles index is handed over; the bodies are being read and indexed.
    Bodies = 1,
    /// The build is over.
    Done = 2,
}

impl Phase {
    fn of(value: u8) -> Self {
        match value {
            0 => Phase::Titles,
            1 => Phase::Bodies,
            _ => Phase::Done,
        }
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            Phase::Titles => "titles index building",
            Phase::Bodies => "bodies indexing (cold cache)",
            Phase::Done => "after the build (idle)",
        }
    }
}

/// Timings of one phase.
#[derive(Default)]
pub(crate) struct Timings {
    pub(crate) keystrokes: Vec<Duration>,
    /// The CPU time the searching thread spent on each keystroke: far below the wall time when
    /// the thread waited for a core.
    pub(crate) keystroke_cpu: Vec<Duration>,
    pub(crate) scrolls: Vec<Duration>,
}

/// What one corpus measured.
pub(crate) struct Report {
    pub(crate) articles: usize,
    pub(crate) load: f64,
    /// Seconds from the start of the build: titles handed over, bodies handed over.
    pub(crate) titles_done: f64,
    pub(crate) bodies_done: f64,
    /// Applying the indexer's `Indexed` answer on the UI thread.
    pub(crate) indexed_applied: Duration,
    /// Load average (1 min) before and after the build.
    pub(crate) load_avg: (f64, f64),
    /// By [`Phase`].
    pub(crate) phases: [Timings; 3],
}

/// The newest index the indexer handed over, for the searcher.
type Slot = Arc<Mutex<Option<Arc<SearchIndex>>>>;

/// Measures typing and scrolling over `dir` while its index is built on a cold cache.
pub(crate) fn measure(
    dir: &Path,
    cache_dir: Option<&Path>,
    sessions: &[String],
) -> anyhow::Result<Report> {
    let temp = tempfile::tempdir()?;
    let options = LoadOptions {
        cache_dir: Some(cache_dir.unwrap_or(temp.path()).to_path_buf()),
        light: true,
    };
    let t = Instant::now();
    let (corpus, _) = Corpus::load_with(&[dir.to_path_buf()], &Extractor::new(), &options)?;
    let load = t.elapsed().as_secs_f64();
    let articles = corpus.articles.len();
    eprintln!("  loaded {articles} articles in {load:.2} s; building on a cold body cache");
    let mut app = App::streaming(Options::embedded(WidthPolicy::Terminal)?, (120, 40));
    // The effects (the app asking for an index) are what this measurement carries out itself.
    update(
        &mut app,
        Action::Load(LoadEvent::Articles(corpus.articles.clone())),
    );
    update(&mut app, Action::Load(LoadEvent::Finished));
    // The index the reader had before this build: of the snapshot taken when half the articles
    // were loaded (it indexes again each time the corpus doubles).
    let half = Corpus {
        articles: corpus.articles[..articles / 2].to_vec(),
    };
    let previous = Arc::new(SearchIndex::new(&half));
    drop(half);
    let corpus = Arc::new(corpus);
    let bodies_dir = tempfile::tempdir()?;
    let load_before = load_average();
    let slot = Slot::default();
    let phase = Arc::new(AtomicU8::new(Phase::Titles as u8));
    let (indexed_tx, indexed_rx) = mpsc::channel::<Action>();
    let start = Instant::now();
    let indexer = {
        let (slot, phase, corpus) = (slot.clone(), phase.clone(), corpus.clone());
        let bodies_dir = bodies_dir.path().to_path_buf();
        std::thread::Builder::new()
            .name("khobor-index".into())
            .spawn(move || index(&corpus, &slot, &phase, &indexed_tx, &bodies_dir, start))?
    };
    let searcher = {
        let (slot, phase) = (slot.clone(), phase.clone());
        let sessions = sessions.to_vec();
        std::thread::Builder::new()
            .name("khobor-search".into())
            .spawn(move || type_sessions(&sessions, &slot, &phase, previous, Until::BuildDone))?
    };
    let mut phases: [Timings; 3] = Default::default();
    let mut indexed_applied = Duration::ZERO;
    let mut terminal = Terminal::new(TestBackend::new(120, 40))?;
    let mut row = 0;
    while !indexer.is_finished() {
        if let Ok(indexed) = indexed_rx.try_recv() {
            let t = Instant::now();
            update(&mut app, indexed);
            indexed_applied += t.elapsed();
        }
        let now = Phase::of(phase.load(Ordering::Relaxed));
        let took = scroll(&mut app, &mut terminal, &mut row)?;
        phases[now as usize].scrolls.push(took);
        std::thread::sleep(SCROLL_PAUSE);
    }
    let (titles_done, bodies_done) = indexer
        .join()
        .map_err(|_| anyhow::anyhow!("the indexer panicked"))??;
    let (typed, full) = searcher
        .join()
        .map_err(|_| anyhow::anyhow!("the searcher panicked"))?;
    let load_after = load_average();
    for (p, took, cpu) in typed {
        phases[p as usize].keystrokes.push(took);
        phases[p as usize].keystroke_cpu.push(cpu);
    }
    // The yardstick: the same typing and scrolling with the build over.
    let idle = {
        let sessions = sessions.to_vec();
        let (slot, phase) = (slot.clone(), phase.clone());
        std::thread::spawn(move || {
            type_sessions(&sessions, &slot, &phase, full, Until::Rounds(IDLE_ROUNDS))
        })
    };
    let mut typing = true;
    while typing {
        let took = scroll(&mut app, &mut terminal, &mut row)?;
        phases[Phase::Done as usize].scrolls.push(took);
        std::thread::sleep(SCROLL_PAUSE);
        typing = !idle.is_finished();
    }
    let (typed, _) = idle
        .join()
        .map_err(|_| anyhow::anyhow!("the searcher panicked"))?;
    for (_, took, cpu) in typed {
        phases[Phase::Done as usize].keystrokes.push(took);
        phases[Phase::Done as usize].keystroke_cpu.push(cpu);
    }
    Ok(Report {
        articles,
        load,
        titles_done,
        bodies_done,
        indexed_applied,
        load_avg: (load_before, load_after),
        phases,
    })
}

/// The indexer's work for one snapshot, as `src/tui/worker.rs` does it: titles, names, facets
/// and list orders (on the reader's titles pool, `work::titles_pool`), handed over; then the bodies on the reader's body pool
/// (`work::body_pool`) into the empty body cache in `bodies_dir`, handed over. Seconds from `start` to each hand-over.
fn index(
    corpus: &Corpus,
    slot: &Slot,
    phase: &AtomicU8,
    indexed: &mpsc::Sender<Action>,
    bodies_dir: &Path,
    start: Instant,
) -> anyhow::Result<(f64, f64)> {
    let hand_over = |index: Arc<SearchIndex>| {
        *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(index);
    };
    let titles = khobor::work::titles_pool()
        .ok_or_else(|| anyhow::anyhow!("the titles threads could not be started"))?;
    let ((index, facets), sort_keys) = titles.install(|| {
        rayon::join(
            || (SearchIndex::new(corpus), Facets::new(corpus)),
            || SortKeys::new(&corpus.articles),
        )
    });
    drop(titles);
    let index = Arc::new(index);
    let sources = index.bodies_to_read(corpus);
    hand_over(index.clone());
    let _ = indexed.send(Action::Indexed {
        articles: corpus.articles.len(),
        facets,
        sort_keys,
    });
    let titles_done = start.elapsed().as_secs_f64();
    phase.store(Phase::Bodies as u8, Ordering::Relaxed);
    let pool = khobor::work::body_pool()
        .ok_or_else(|| anyhow::anyhow!("the body thread could not be started"))?;
    let never = AtomicBool::new(false);
    let full = pool.install(|| {
        index.with_bodies_persisted(&sources, read_body, Some(bodies_dir), None, &never)
    });
    let (full, warning) = full.ok_or_else(|| anyhow::anyhow!("the body build stopped"))?;
    if let Some(warning) = warning {
        eprintln!("  body cache: {warning}");
    }
    hand_over(Arc::new(full));
    let bodies_done = start.elapsed().as_secs_f64();
    phase.store(Phase::Done as u8, Ordering::Relaxed);
    Ok((titles_done, bodies_done))
}

/// How long to type: over and over while the build runs, or each session a number of times.
#[derive(Clone, Copy)]
enum Until {
    BuildDone,
    Rounds(usize),
}

/// Types `sessions` one char at a time at typing speed, each keystroke answered from the newest
/// index handed over in `slot` (`index` until one is): the phase, wall and CPU time of every
/// keystroke, and the last index used.
fn type_sessions(
    sessions: &[String],
    slot: &Slot,
    phase: &AtomicU8,
    mut index: Arc<SearchIndex>,
    until: Until,
) -> (Vec<(Phase, Duration, Duration)>, Arc<SearchIndex>) {
    let never = AtomicBool::new(false);
    let mut typed = Vec::new();
    for (round, session) in sessions.iter().cycle().enumerate() {
        let over = match until {
            Until::BuildDone => Phase::of(phase.load(Ordering::Relaxed)) == Phase::Done,
            Until::Rounds(n) => round >= n * sessions.len(),
        };
        if over {
            break;
        }
        let mut live = LiveSearch::new();
        for (i, c) in session.char_indices() {
            let prefix = &session[..i + c.len_utf8()];
            let now = Phase::of(phase.load(Ordering::Relaxed));
            let (t, cpu) = (Instant::now(), thread_cpu());
            if let Some(newer) = slot.lock().unwrap_or_else(PoisonError::into_inner).take() {
                index = newer;
                live = LiveSearch::new();
            }
            let _ = live.run(&index, prefix, &never);
            typed.push((now, t.elapsed(), thread_cpu().saturating_sub(cpu)));
            std::thread::sleep(TYPING_PAUSE);
        }
    }
    (typed, index)
}

/// One row down the list (back to the top every [`SCROLL_ROWS`]) and the screen drawn: how long
/// the UI thread took.
fn scroll(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    row: &mut usize,
) -> anyhow::Result<Duration> {
    let code = if *row == SCROLL_ROWS {
        *row = 0;
        KeyCode::Home
    } else {
        *row += 1;
        KeyCode::Down
    };
    let t = Instant::now();
    update(app, Action::Key(Key::plain(code)));
    terminal.draw(|f| khobor::ui::render(app, f))?;
    Ok(t.elapsed())
}

/// CPU time of the calling thread.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec for the call to fill.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    if ok {
        Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
    } else {
        Duration::ZERO
    }
}

/// The one-minute load average, from /proc/loadavg.
fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(f64::NAN)
}

/// p50, p99 and max in milliseconds, and the count.
fn percentiles(mut v: Vec<Duration>) -> (f64, f64, f64, usize) {
    v.sort();
    let at = |q: f64| {
        let i = ((v.len() as f64 - 1.0) * q).round() as usize;
        v.get(i).map_or(f64::NAN, |d| d.as_secs_f64() * 1e3)
    };
    (at(0.5), at(0.99), at(1.0), v.len())
}

/// The reports as a markdown table: one row per corpus and phase.
pub(crate) fn print(reports: Vec<Report>) {
    println!("\n### Typing and scrolling while the index is built (cold body cache)\n");
    println!(
        "| corpus | phase | keystrokes | p50 | p99 | max | CPU p50 | CPU p99 | list keys | p50 | p99 | max |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for r in reports {
        let [titles, bodies, done] = r.phases;
        for (phase, t) in [
            (Phase::Titles, titles),
            (Phase::Bodies, bodies),
            (Phase::Done, done),
        ] {
            let (k50, k99, kmax, keys) = percentiles(t.keystrokes);
            let (c50, c99, _, _) = percentiles(t.keystroke_cpu);
            let (s50, s99, smax, scrolls) = percentiles(t.scrolls);
            println!(
                "| {} articles | {} | {keys} | {k50:.2} ms | {k99:.2} ms | {kmax:.2} ms | {c50:.2} ms | {c99:.2} ms | {scrolls} | {s50:.2} ms | {s99:.2} ms | {smax:.2} ms |",
                r.articles,
                phase.label(),
            );
        }
        println!(
            "\n{} articles: loaded in {:.1} s; titles index handed over after {:.1} s, bodies after {:.1} s; applying `Indexed` on the UI thread {:.2} ms; load average {:.1} before the build, {:.1} after\n",
            r.articles,
            r.load,
            r.titles_done,
            r.bodies_done,
            r.indexed_applied.as_secs_f64() * 1e3,
            r.load_avg.0,
            r.load_avg.1,
        );
    }
}
