//! The terminal runtime: owns the terminal for the session, turns terminal events and signals
//! into [`Action`]s, and draws only when an update says the visible state changed.

mod desktop;
mod input;
mod live;
mod notices;
mod session;
mod worker;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};

use crate::app::{Action, App, Effect, update};
use crate::error::Error;
use crate::extract::Extractor;
use crate::load::{self, LoadEvent, LoadHandle, LoadOptions};
use crate::settings::Options;
use crate::state::{ReadingState, StateStore};
use crate::ui;
pub(crate) use session::Session;
use worker::{Saver, Worker};

/// How often the progress gauge moves while a load runs.
const PROGRESS_TICK: Duration = Duration::from_millis(100);

/// What the runtime's threads report to the event loop.
enum Input {
    Terminal(Event),
    /// Reading terminal events failed; the loop stops and reports it after restoring.
    Failed(std::io::Error),
    Signal,
    /// SIGTSTP from outside (`kill -TSTP`): give the terminal back and stop.
    Suspend,
    /// The background load made progress.
    Load(LoadEvent),
    /// Files the load skipped or loaded with a warning, one line each.
    Problems(Vec<String>),
    /// The index, search or reload worker answered.
    Worker(Action),
    /// The save numbered `asked` is done: the state on disk now, or why it failed.
    Saved {
        asked: u64,
        result: Result<ReadingState, Error>,
    },
    /// Something a live source (the folder watcher, the refresh thread, a fetch) reports.
    Action(Action),
}

/// Runs the reader on `paths` (none: the bundled seeds) until the user quits or the process is
/// told to stop, keeping the reading marks in `store` (`None`: there is nowhere to keep them,
/// they last until quit). The first screen comes at once, empty; articles stream in from the
/// loader while the user can already move and type; the worker indexes and searches off this
/// thread. The terminal is restored on every way out: quit, error, panic and
/// SIGTERM/SIGHUP/SIGINT. Problems with the state file are shown in the status bar and, after
/// the terminal is restored, printed on stderr where they stay readable.
pub(crate) fn run(
    paths: Vec<PathBuf>,
    options: Options,
    load_options: LoadOptions,
    store: Option<StateStore>,
) -> anyhow::Result<()> {
    let loaded = store.as_ref().map(StateStore::load);
    let (tx, rx) = mpsc::channel();
    let saver_tx = tx.clone();
    let saver = store
        .map(|store| {
            Saver::spawn(store, move |asked, result| {
                let _ = saver_tx.send(Input::Saved { asked, result });
            })
        })
        .transpose()?;
    let mut marks = Marks {
        saver,
        problems: Vec::new(),
        state_problems: 0,
    };
    let mut session = Session::start(options.mouse)?;
    let size = session.terminal.size()?;
    let mut app = App::streaming(options, (size.width, size.height));
    match loaded {
        Some(loaded) => {
            app.set_marks(loaded.state);
            if let Some(w) = loaded.warning {
                marks.problems.push(w.clone());
                marks.state_problems += 1;
                update(&mut app, Action::Notice(w));
            }
        }
        None => {
            let w = "no data directory (is HOME set?): read and starred marks last until you quit";
            update(&mut app, Action::Notice(w.to_string()));
        }
    }
    spawn_signal_thread(tx.clone())?;
    spawn_input_thread(tx.clone());
    let worker_tx = tx.clone();
    let extractor = Arc::new(Extractor::new());
    let mut worker = Worker::spawn(
        move |reply| {
            // The loop is gone only when the session ends.
            let _ = worker_tx.send(Input::Worker(reply));
        },
        extractor.clone(),
        load_options.cache_dir.clone(),
    )?;
    let mut live = live::Live::start(
        &paths,
        extractor.clone(),
        load_options.clone().light(true),
        &tx,
        app.options.language.strings(),
    )?;
    if let Some(dir) = crate::export::markdown::default_dir() {
        app.set_save_dir(&dir);
    }
    let loader = load::spawn(paths, extractor, load_options.light(true));
    spawn_load_forwarder(loader, tx.clone())?;
    session.terminal.draw(|f| ui::render(&app, f))?;
    let mut runtime = Runtime {
        worker: &mut worker,
        marks: &mut marks,
        live: &mut live,
        tx: &tx,
    };
    let result = event_loop(&mut session, &mut app, &rx, &mut runtime);
    // A fetch still running begins no file after this: quitting leaves only whole files.
    live.stop();
    marks.finish(&rx);
    drop(session);
    for p in marks.problems {
        eprintln!("khobor: {}", crate::text::escape::for_terminal(&p));
    }
    result
}

/// Where the marks are saved, and what went wrong on the way, for stderr after the session.
struct Marks {
    /// `None` when there is nowhere to keep them.
    saver: Option<Saver>,
    /// Problems with the state file and with the files loaded, in the order they came.
    problems: Vec<String>,
    /// How many of `problems` are about the state file.
    state_problems: usize,
}

impl Marks {
    /// Asks for the app's marks to be saved, off this thread.
    fn save(&mut self, app: &App) {
        if let Some(saver) = &mut self.saver {
            saver.save(app.marks().clone());
        }
    }

    /// What the app makes of a save's outcome; `None` for the merged state of a save a newer
    /// one overtook (adopting it would undo the marks set since).
    fn saved(&mut self, asked: u64, result: Result<ReadingState, Error>) -> Option<Action> {
        match result {
            Ok(merged) => self
                .saver
                .as_ref()
                .is_some_and(|s| s.is_latest(asked))
                .then_some(Action::MarksSaved(merged)),
            Err(e) => {
                let msg = e.to_string();
                self.problems.push(msg.clone());
                self.state_problems += 1;
                Some(Action::Notice(msg))
            }
        }
    }

    /// Waits for the last save (a mark set just before quitting is saved too) and keeps what
    /// went wrong.
    fn finish(&mut self, rx: &Receiver<Input>) {
        if let Some(saver) = self.saver.take() {
            saver.finish();
        }
        for input in rx.try_iter() {
            if let Input::Saved { asked, result } = input {
                self.saved(asked, result);
            }
        }
    }
}

/// What the event loop drives besides the app and the terminal.
struct Runtime<'a> {
    worker: &'a mut Worker,
    marks: &'a mut Marks,
    live: &'a mut live::Live,
    tx: &'a Sender<Input>,
}

/// The runtime's one loop; long because each input kind is one arm over the same shared state.
fn event_loop(
    session: &mut Session,
    app: &mut App,
    rx: &Receiver<Input>,
    runtime: &mut Runtime<'_>,
) -> anyhow::Result<()> {
    let Runtime {
        worker,
        marks,
        live,
        tx,
    } = runtime;
    let strings = app.options.language.strings();
    while let Ok(first) = rx.recv() {
        let (mut redraw, mut save, mut quit) = (false, false, false);
        // Coalesce a burst (key repeat, wheel, resize storm, loaded batches) into one frame and
        // one save.
        for input in std::iter::once(first).chain(rx.try_iter()) {
            let action = match input {
                Input::Terminal(e) => match to_action(e) {
                    Some(a) => a,
                    None => continue,
                },
                Input::Failed(e) => {
                    if save {
                        marks.save(app);
                    }
                    return Err(e.into());
                }
                Input::Saved { asked, result } => match marks.saved(asked, result) {
                    Some(action) => action,
                    None => continue,
                },
                Input::Signal => Action::Terminate,
                Input::Suspend => {
                    session.suspend()?;
                    redraw = true;
                    continue;
                }
                Input::Problems(lines) => {
                    marks.problems.extend(lines);
                    let files = marks.problems.len() - marks.state_problems;
                    let files = strings.number(files);
                    Action::Notice(strings.fill("notice.skipped", &[("files", &files)]))
                }
                Input::Load(u) => Action::Load(u),
                Input::Worker(action) => action,
                Input::Action(a) => {
                    if matches!(a, Action::Fetched(_)) {
                        live.fetched();
                    }
                    a
                }
            };
            for effect in update(app, action) {
                match effect {
                    Effect::Redraw => redraw = true,
                    Effect::SaveMarks => save = true,
                    Effect::Quit => quit = true,
                    Effect::Save { path, id, dir } => {
                        app.view.notice = Some(live.save(&path, id, &dir));
                        redraw = true;
                    }
                    Effect::Pipe { path, id, command } => {
                        let notice = match live.text_of(&path, id) {
                            Ok(text) => {
                                session.outside(|| live::pipe_to(strings, &command, &text))?
                            }
                            Err(problem) => {
                                notices::failed(strings, "notice.pipe_failed", &problem.to_string())
                            }
                        };
                        app.view.notice = Some(notice);
                        redraw = true;
                    }
                    Effect::Fetch => {
                        app.view.notice = Some(live.fetch(tx));
                        redraw = true;
                    }
                    Effect::Rescan => {
                        app.view.notice = Some(live.rescan());
                        redraw = true;
                    }
                    other => redraw |= perform(other, app, worker),
                }
            }
            if quit {
                break;
            }
            if let Some(e) = app.load_error() {
                anyhow::bail!("{e}");
            }
        }
        if save {
            marks.save(app);
            redraw = true;
        }
        if quit {
            return Ok(());
        }
        if redraw {
            session.terminal.draw(|f| ui::render(app, f))?;
        }
    }
    Ok(())
}

/// Hands `effect` to the worker or the desktop; true when the app changed and needs drawing.
fn perform(effect: Effect, app: &mut App, worker: &mut Worker) -> bool {
    match effect {
        Effect::Index(snapshot) => worker.index(snapshot),
        Effect::Search { query, generation } => worker.search(query, generation),
        Effect::CountSearches {
            generation,
            queries,
        } => worker.count(queries, generation),
        Effect::Reload { article, path, id } => worker.reload(article, path, id),
        Effect::Snippets {
            generation,
            highlighter,
            bodies,
        } => worker.snippets(generation, highlighter, bodies),
        Effect::OpenUrl(url) => {
            if let Err(e) = desktop::open_url(&url) {
                app.view.notice = Some(e);
                return true;
            }
        }
        Effect::CopyUrl(url) => {
            // A terminal that ignores OSC 52 ignores it silently; nothing to report.
            let _ = desktop::copy(&mut std::io::stdout(), &url);
        }
        Effect::Redraw
        | Effect::SaveMarks
        | Effect::Quit
        | Effect::Save { .. }
        | Effect::Pipe { .. }
        | Effect::Fetch
        | Effect::Rescan => {}
    }
    false
}

fn to_action(event: Event) -> Option<Action> {
    match event {
        Event::Key(k) if k.kind != KeyEventKind::Release => Some(Action::Key(k.into())),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                x: m.column,
                y: m.row,
            }),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::Wheel {
                x: m.column,
                y: m.row,
                down: m.kind == MouseEventKind::ScrollDown,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Hands the loader's events to the app (file problems to the session's report), plus a progress
/// report on every event and every tick.
fn spawn_load_forwarder(handle: LoadHandle, tx: Sender<Input>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("khobor-load-events".into())
        .spawn(move || {
            loop {
                let event = match handle.events.recv_timeout(PROGRESS_TICK) {
                    Ok(LoadEvent::Problems(p)) => {
                        let lines = p
                            .iter()
                            .map(|p| format!("{}: {}", p.path.display(), p.reason))
                            .collect();
                        if tx.send(Input::Problems(lines)).is_err() {
                            return;
                        }
                        None
                    }
                    Ok(LoadEvent::Discovered { .. }) => None,
                    Ok(event) => Some(event),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return,
                };
                let progress = LoadEvent::Progress(handle.progress.snapshot());
                let sent = [Some(progress), event]
                    .into_iter()
                    .flatten()
                    .all(|u| tx.send(Input::Load(u)).is_ok());
                // The session ended: dropping the handle cancels the load.
                if !sent {
                    return;
                }
            }
        })?;
    Ok(())
}

/// Reads the terminal (stdin when it is one, else `/dev/tty`, as crossterm does) through
/// [`input::Parser`], giving up an unfinished escape sequence after a short silence.
fn spawn_input_thread(tx: Sender<Input>) {
    std::thread::spawn(move || {
        if let Err(e) = read_terminal(&tx) {
            let _ = tx.send(Input::Failed(e));
        }
    });
}

fn read_terminal(tx: &Sender<Input>) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let opened;
    // SAFETY: isatty only inspects the descriptor.
    let fd = if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
        libc::STDIN_FILENO
    } else {
        opened = std::fs::File::open("/dev/tty")?;
        opened.as_raw_fd()
    };
    let mut parser = input::Parser::default();
    let mut buf = [0u8; 4096];
    let mut events = Vec::new();
    loop {
        let timeout = if parser.pending() {
            i32::try_from(input::INCOMPLETE_TIMEOUT.as_millis()).unwrap_or(100)
        } else {
            -1
        };
        let mut fds = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, for the duration of the call.
        let ready = unsafe { libc::poll(&mut fds, 1, timeout) };
        if ready < 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        if ready > 0 && session::PAUSED.load(std::sync::atomic::Ordering::SeqCst) {
            // Another program has the terminal (a command piped to): the keys are its.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        }
        if ready == 0 {
            parser.flush(&mut events);
        } else {
            // SAFETY: reads at most `buf.len()` bytes into `buf`.
            let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
            match usize::try_from(n) {
                Ok(0) => return Err(std::io::ErrorKind::UnexpectedEof.into()),
                Ok(n) => parser.feed(&buf[..n], &mut events),
                Err(_) => {
                    let e = std::io::Error::last_os_error();
                    if e.kind() != std::io::ErrorKind::Interrupted {
                        return Err(e);
                    }
                }
            }
        }
        for e in events.drain(..) {
            if tx.send(Input::Terminal(e)).is_err() {
                return Ok(());
            }
        }
    }
}

fn spawn_signal_thread(tx: Sender<Input>) -> std::io::Result<()> {
    use signal_hook::consts::{
        SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2, SIGWINCH,
    };
    // Every signal whose default would end or stop the process with the terminal still in
    // reader mode (alternate screen, mouse reporting on) is caught and handled here.
    let mut signals = signal_hook::iterator::Signals::new([
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGTSTP, SIGWINCH,
    ])?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            let input = match signal {
                // The input layer is ours, so resizes are too.
                SIGWINCH => match crossterm::terminal::size() {
                    Ok((w, h)) => Input::Terminal(Event::Resize(w, h)),
                    Err(_) => continue,
                },
                SIGTSTP => Input::Suspend,
                _ => Input::Signal,
            };
            if tx.send(input).is_err() {
                return;
            }
        }
    });
    Ok(())
}
