//! The terminal runtime: owns the terminal for the session, turns terminal events and signals
//! into [`Action`]s, and draws only when an update says the visible state changed.

mod session;

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};

use crate::app::{Action, App, Effect, Options, update};
use crate::corpus::Corpus;
use crate::ui;
pub use session::Session;

/// What the runtime's threads report to the event loop.
enum Input {
    Terminal(Event),
    /// Reading terminal events failed; the loop stops and reports it after restoring.
    Failed(std::io::Error),
    Signal,
}

/// Runs the reader on `corpus` until the user quits or the process is told to stop.
/// The terminal is restored on every way out: quit, error, panic and SIGTERM/SIGHUP/SIGINT.
pub fn run(corpus: Arc<Corpus>, options: Options) -> anyhow::Result<()> {
    let mut session = Session::start()?;
    let size = session.terminal.size()?;
    let mut app = App::new(corpus, options, (size.width, size.height));
    let (tx, rx) = mpsc::channel();
    spawn_signal_thread(tx.clone())?;
    spawn_input_thread(tx);
    session.terminal.draw(|f| ui::render(&app, f))?;
    event_loop(&mut session, &mut app, &rx)
}

fn event_loop(session: &mut Session, app: &mut App, rx: &Receiver<Input>) -> anyhow::Result<()> {
    while let Ok(first) = rx.recv() {
        let mut redraw = false;
        // Coalesce a burst (key repeat, wheel, resize storm) into one frame.
        for input in std::iter::once(first).chain(rx.try_iter()) {
            let action = match input {
                Input::Terminal(e) => match to_action(e) {
                    Some(a) => a,
                    None => continue,
                },
                Input::Failed(e) => return Err(e.into()),
                Input::Signal => Action::Terminate,
            };
            for effect in update(app, action) {
                match effect {
                    Effect::Redraw => redraw = true,
                    Effect::Quit => return Ok(()),
                }
            }
        }
        if redraw {
            session.terminal.draw(|f| ui::render(app, f))?;
        }
    }
    Ok(())
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

fn spawn_input_thread(tx: Sender<Input>) {
    std::thread::spawn(move || {
        loop {
            let input = match crossterm::event::read() {
                Ok(e) => Input::Terminal(e),
                Err(e) => {
                    let _ = tx.send(Input::Failed(e));
                    return;
                }
            };
            if tx.send(input).is_err() {
                return;
            }
        }
    });
}

fn spawn_signal_thread(tx: Sender<Input>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        for _ in signals.forever() {
            if tx.send(Input::Signal).is_err() {
                return;
            }
        }
    });
    Ok(())
}
