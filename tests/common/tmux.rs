//! The tmux harness of the end-to-end tests: the release binary in a private tmux server
//! (`LANG=C.UTF-8`, 120×40), driven with `send-keys` and read with `capture-pane`, plus readers
//! for the three-pane screen. Row widths are measured with glibc's own `wcwidth` (what tmux
//! uses), not with the crate's width policy, so tests check the policy against the terminal.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub(crate) const WIDTH: usize = 120;
pub(crate) const HEIGHT: usize = 40;

pub(crate) mod glibc {
    use std::ffi::{c_char, c_int};
    use std::sync::OnceLock;

    unsafe extern "C" {
        fn setlocale(category: c_int, locale: *const c_char) -> *mut c_char;
        fn wcwidth(c: i32) -> c_int;
    }

    const LC_CTYPE: c_int = 0;

    /// Columns glibc gives `c` in the C.UTF-8 locale (non-printables count 0).
    pub(crate) fn width(c: char) -> usize {
        static LOCALE: OnceLock<bool> = OnceLock::new();
        // SAFETY: called once, before any wcwidth call, guarded by the OnceLock.
        let ok =
            *LOCALE.get_or_init(|| unsafe { !setlocale(LC_CTYPE, c"C.UTF-8".as_ptr()).is_null() });
        assert!(ok, "the C.UTF-8 locale is not available");
        // SAFETY: wcwidth only reads the locale tables set up above.
        let w = unsafe { wcwidth(c as i32) };
        usize::try_from(w).unwrap_or(0)
    }

    pub(crate) fn str_width(s: &str) -> usize {
        s.chars().map(width).sum()
    }
}

/// Whether to run: tmux present, or a printed reason to skip (a failure under CI).
pub(crate) fn tmux_ready() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return true;
    }
    assert!(
        std::env::var("KHOBOR_REQUIRE_TMUX").as_deref() != Ok("1"),
        "KHOBOR_REQUIRE_TMUX=1 but tmux is not installed"
    );
    eprintln!("skipping the tmux end-to-end test: tmux is not installed");
    false
}

/// The release binary, built once per test run so plain `cargo test` works on a fresh clone.
pub(crate) fn binary() -> &'static PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let out = Command::new(env!("CARGO"))
            .args([
                "build",
                "--release",
                "--bin",
                "khobor",
                "--message-format=json",
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("cargo runs");
        assert!(
            out.status.success(),
            "release build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "khobor")
            .find_map(|m| m["executable"].as_str().map(PathBuf::from))
            .expect("cargo reports the khobor executable")
    })
}

/// A private tmux server running khobor in one 120×40 pane; killed on drop, even on failure.
pub(crate) struct Tmux {
    socket: String,
    /// The private home of a session started with [`Tmux::start`].
    _home: Option<tempfile::TempDir>,
}

impl Tmux {
    /// khobor on the bundled seeds, with a fresh private home.
    pub(crate) fn start() -> Self {
        let home = tempfile::tempdir().expect("temp dir");
        let mut t = Self::launch(home.path(), &[], &[]);
        t._home = Some(home);
        t
    }

    /// khobor with `args`, its HOME and XDG config and data directories under `home` (so the
    /// real user's files are never touched and a second launch sees the first one's state),
    /// `NO_COLOR` unset unless `env` sets it, plus `env`.
    pub(crate) fn launch(home: &Path, env: &[(&str, &str)], args: &[&str]) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "khobor-e2e-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let t = Tmux {
            socket,
            _home: None,
        };
        let bin = binary().to_string_lossy().into_owned();
        let (w, h) = (WIDTH.to_string(), HEIGHT.to_string());
        let dir = |d: &str| home.join(d).to_string_lossy().into_owned();
        let mut vars = vec![
            ("LANG".to_string(), "C.UTF-8".to_string()),
            ("LC_ALL".to_string(), "C.UTF-8".to_string()),
            ("HOME".to_string(), dir("home")),
            ("XDG_CONFIG_HOME".to_string(), dir("config")),
            ("XDG_DATA_HOME".to_string(), dir("data")),
            ("NO_COLOR".to_string(), String::new()),
        ];
        for (k, v) in env {
            vars.retain(|(name, _)| name != k);
            vars.push((k.to_string(), v.to_string()));
        }
        let vars: Vec<String> = vars.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let mut cmd = vec![
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "k",
            "-x",
            &w,
            "-y",
            &h,
        ];
        for v in &vars {
            cmd.extend(["-e", v.as_str()]);
        }
        // khobor runs under a shell that reports its exit and then waits, so the pane (and the
        // terminal state khobor leaves behind, and what it printed on stderr) can be inspected
        // after it quits.
        cmd.extend([
            "sh",
            "-c",
            "\"$0\" \"$@\"; echo khobor-exited=$?; exec sleep 600",
            &bin,
        ]);
        cmd.extend(args);
        t.run(&cmd);
        t
    }

    pub(crate) fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-u", "-L", &self.socket])
            .args(args)
            .env("LANG", "C.UTF-8")
            .env("LC_ALL", "C.UTF-8")
            .env_remove("TMUX")
            .output()
            .expect("tmux runs");
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Types text literally (each character as typed).
    pub(crate) fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "k", "-l", text]);
    }

    /// Presses named keys (`Enter`, `Escape`, `j`).
    pub(crate) fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "k"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    pub(crate) fn capture(&self) -> Vec<String> {
        self.run(&["capture-pane", "-p", "-N", "-t", "k"])
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// The screen with its colours and attributes as escape sequences (`capture-pane -e`).
    pub(crate) fn capture_escapes(&self) -> String {
        self.run(&["capture-pane", "-p", "-e", "-N", "-t", "k"])
    }

    /// Waits for khobor to exit and returns the pane then (with whatever it printed last).
    pub(crate) fn exited(&self) -> Vec<String> {
        self.settle("khobor to exit", |s| {
            s.iter().any(|l| l.contains("khobor-exited="))
        })
    }

    pub(crate) fn format(&self, f: &str) -> String {
        self.run(&["display-message", "-p", "-t", "k", f])
            .trim()
            .to_string()
    }

    /// Polls until `ready` holds, stable or not (a screen that keeps changing while a corpus
    /// loads); panics with the last screen after `secs` seconds.
    pub(crate) fn wait(
        &self,
        what: &str,
        secs: u64,
        ready: impl Fn(&[String]) -> bool,
    ) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let screen = self.capture();
            if ready(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{}",
                screen.join("\n")
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Polls until `ready` holds and the screen has stopped changing; panics with the last
    /// screen after a generous timeout.
    pub(crate) fn settle(&self, what: &str, ready: impl Fn(&[String]) -> bool) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut last = Vec::new();
        let mut same = 0;
        loop {
            let screen = self.capture();
            if ready(&screen) && screen == last {
                same += 1;
                if same >= 2 {
                    return screen;
                }
            } else {
                same = 0;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{}",
                screen.join("\n")
            );
            last = screen;
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    pub(crate) fn main_screen(&self) -> Vec<String> {
        self.settle("the main screen", |s| {
            s.len() == HEIGHT && s.iter().any(|l| l.contains("Articles 1/4"))
        })
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

pub(crate) fn is_box(c: char) -> bool {
    matches!(c, '│' | '┃' | '┌' | '┐' | '└' | '┘' | '┏' | '┓' | '┗' | '┛')
}

/// Terminal columns holding a vertical border or corner in `row`.
pub(crate) fn border_columns(row: &str) -> Vec<usize> {
    let mut col = 0;
    let mut out = Vec::new();
    for c in row.chars() {
        if is_box(c) {
            out.push(col);
        }
        col += glibc::width(c);
    }
    out
}

/// The text of `row` between terminal columns `from` (inclusive) and `to` (exclusive).
pub(crate) fn columns(row: &str, from: usize, to: usize) -> String {
    let mut col: usize = 0;
    let mut out = String::new();
    for c in row.chars() {
        let w = glibc::width(c);
        // A zero-width mark belongs to the cell before it.
        let at = if w == 0 { col.saturating_sub(1) } else { col };
        if (from..to).contains(&at) {
            out.push(c);
        }
        col += w;
    }
    out
}

/// The panes' border columns: list left/right, reader left/right, side left/right.
pub(crate) fn panes(screen: &[String]) -> Vec<usize> {
    let cols = border_columns(&screen[1]);
    assert_eq!(cols.len(), 6, "three panes side by side: {:?}", screen[1]);
    cols
}

pub(crate) fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Everything in the list pane, rows joined, whitespace removed (titles wrap across rows).
pub(crate) fn list_text(screen: &[String]) -> String {
    let p = panes(screen);
    pane_text(screen, p[0], p[1])
}

/// Everything between the border columns `left` and `right`, rows joined, whitespace removed.
pub(crate) fn pane_text(screen: &[String], left: usize, right: usize) -> String {
    squash(
        &screen[..HEIGHT - 1]
            .iter()
            .map(|r| columns(r, left + 1, right))
            .collect::<String>(),
    )
}

pub(crate) fn side_rows(screen: &[String]) -> Vec<String> {
    let p = panes(screen);
    screen.iter().map(|r| columns(r, p[4] + 1, p[5])).collect()
}

pub(crate) fn status_line(screen: &[String]) -> &str {
    &screen[HEIGHT - 1]
}

/// `(shown, total)` from the status line's ` shown/total  N unread` (the list title has the
/// cursor's position instead).
pub(crate) fn status_counts(screen: &[String]) -> Option<(usize, usize)> {
    let first = screen.last()?.split_whitespace().next()?;
    let (shown, total) = first.split_once('/')?;
    Some((shown.parse().ok()?, total.parse().ok()?))
}
