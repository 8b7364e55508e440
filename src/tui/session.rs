//! The one owner of the terminal's lifecycle: raw mode, alternate screen, mouse capture and
//! bracketed paste on
//! start, all undone on drop and from the panic hook (before the panic message is printed, so
//! the message lands on the normal screen where the user can read it).

use std::io::{Stdout, stdout};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// Whether the terminal is in reader mode, so a panic after the session ended (or before it
/// began) does not write terminal-mode escapes into the user's normal output.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether reader mode turns mouse reporting on (`mouse = false` in the config leaves it off, so
/// the terminal's own text selection works).
static MOUSE: AtomicBool = AtomicBool::new(true);

/// A terminal in reader mode; dropping it puts the terminal back.
pub(crate) struct Session {
    pub(crate) terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl Session {
    pub(crate) fn start(mouse: bool) -> std::io::Result<Self> {
        MOUSE.store(mouse, Ordering::SeqCst);
        install_panic_hook();
        let started = enter().and_then(|()| Terminal::new(CrosstermBackend::new(stdout())));
        match started {
            Ok(terminal) => Ok(Self { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    /// Stops the process as SIGTSTP would, with the terminal put back first (so the shell gets
    /// a normal screen without mouse reporting), and takes the terminal again on SIGCONT, with
    /// a full redraw to come.
    pub(crate) fn suspend(&mut self) -> std::io::Result<()> {
        restore();
        // SAFETY: raising a signal on this process; SIGSTOP returns once SIGCONT arrives.
        unsafe {
            libc::raise(libc::SIGSTOP);
        }
        enter()?;
        // Not `Terminal::clear`: it asks the terminal for the cursor position, and the answer
        // would go to the input thread, not to crossterm.
        execute!(
            stdout(),
            crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
        )?;
        // Each swap resets the buffer it leaves behind: after two, the next frame is drawn whole.
        self.terminal.swap_buffers();
        self.terminal.swap_buffers();
        Ok(())
    }

    /// Runs `f` with the terminal put back (a command piped to shows its output and may read
    /// the keyboard), then takes the terminal again, with a full redraw to come. The terminal is
    /// taken back whatever `f` returns.
    pub(crate) fn outside<T>(&mut self, f: impl FnOnce() -> T) -> std::io::Result<T> {
        restore();
        PAUSED.store(true, Ordering::SeqCst);
        let out = f();
        PAUSED.store(false, Ordering::SeqCst);
        enter()?;
        execute!(
            stdout(),
            crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
        )?;
        self.terminal.swap_buffers();
        self.terminal.swap_buffers();
        Ok(out)
    }
}

/// Set while another program has the terminal: the input thread leaves the keyboard to it.
pub(super) static PAUSED: AtomicBool = AtomicBool::new(false);

/// Raw mode, alternate screen, mouse capture and bracketed paste on.
fn enter() -> std::io::Result<()> {
    ACTIVE.store(true, Ordering::SeqCst);
    enable_raw_mode().and_then(|()| {
        execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
        if MOUSE.load(Ordering::SeqCst) {
            execute!(stdout(), EnableMouseCapture)?;
        }
        Ok(())
    })
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back in its normal state; does nothing when it already is.
pub(super) fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}
