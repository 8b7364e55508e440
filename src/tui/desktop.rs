//! The desktop around the terminal: opening an address in the browser, and the clipboard.

use std::io::Write;
use std::process::{Command, Stdio};

/// Starts `$BROWSER` (a program and its arguments, split on spaces, never a shell), else the
/// platform's opener, on `url`; the child is waited for on its own thread so the UI never blocks
/// and no zombie is left. The error says what could not be started.
pub(super) fn open_url(url: &str) -> Result<(), String> {
    let browser = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty());
    let mut words: Vec<String> = match &browser {
        Some(b) => b.split_whitespace().map(str::to_string).collect(),
        None if cfg!(target_os = "macos") => vec!["open".into()],
        None => vec!["xdg-open".into()],
    };
    let program = words.remove(0);
    let child = Command::new(&program)
        .args(words)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    let mut child = child;
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// Writes the OSC 52 sequence that asks the terminal to put `text` on the clipboard.
pub(super) fn copy(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    write!(out, "\x1b]52;c;{}\x07", base64(text.as_bytes()))?;
    out.flush()
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_carries_the_text_in_base64() {
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
        let mut out = Vec::new();
        copy(&mut out, "https://x.bd/ক").expect("writes");
        assert_eq!(out, b"\x1b]52;c;aHR0cHM6Ly94LmJkL+CmlQ==\x07");
    }
}
