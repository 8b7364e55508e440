//! Piping an article to a command the user types (`|` in the reader, like newsboat's pipe-to).
//!
//! The command line is split into words the way a shell would (quotes, backslashes), but no
//! shell runs it: nothing in it is expanded, substituted or chained, so an article cannot
//! smuggle anything into it. The caller gives the terminal back to the command while it runs.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `command_line` with `input` on its standard input; its output goes where khobor's does.
/// Waits for it to end. The error is one line for the status bar.
pub(crate) fn run(command_line: &str, input: &[u8]) -> Result<(), String> {
    let words = shell_words::split(command_line)
        .map_err(|e| format!("cannot read the command `{command_line}`: {e}"))?;
    let Some((program, args)) = words.split_first() else {
        return Err("no command given".to_string());
    };
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("{program}: command not found"),
            _ => format!("{program}: {e}"),
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        // A command that reads only part of its input (`head`) closes the pipe early: the rest
        // is not wanted, which is no error.
        match stdin.write_all(input) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                let _ = child.wait();
                return Err(format!("{program}: {e}"));
            }
            _ => {}
        }
    }
    let status = child.wait().map_err(|e| format!("{program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{program} ended with {status}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_reaches_the_command_and_quotes_are_words() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("out file.txt");
        let line = format!("tee '{}'", out.display());
        run(&line, "শিরোনাম\n\nঅনুচ্ছেদ।\n".as_bytes()).expect("runs");
        assert_eq!(
            std::fs::read_to_string(&out).expect("read"),
            "শিরোনাম\n\nঅনুচ্ছেদ।\n"
        );
    }

    #[test]
    fn no_shell_expands_anything() {
        let dir = tempfile::tempdir().expect("temp dir");
        let marker = dir.path().join("made");
        let line = format!("echo $(touch {m}) ; touch {m}", m = marker.display());
        run(&line, b"").expect("echo runs");
        assert!(!marker.exists());
    }

    #[test]
    fn bad_commands_are_one_line_errors() {
        let missing = run("khobor-no-such-command --x", b"text").expect_err("missing");
        assert_eq!(missing, "khobor-no-such-command: command not found");
        assert_eq!(run("   ", b"").expect_err("empty"), "no command given");
        assert!(
            run("echo 'open", b"")
                .expect_err("quote")
                .contains("cannot read")
        );
        let failed = run("false", b"").expect_err("fails");
        assert!(failed.starts_with("false ended with"), "{failed}");
    }

    #[test]
    fn a_command_that_stops_reading_early_is_fine() {
        let big = vec![b'x'; 1 << 20];
        run("head -c 10", &big).expect("head is happy");
    }
}
