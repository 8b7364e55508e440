//! Terminal input, read and decoded here instead of by crossterm: crossterm 0.29's parser waits
//! for the end of an escape sequence however long it takes (`ESC [ <` for an `M`/`m`, `ESC [200~`
//! for `ESC [201~`), so one stray sequence swallowed every later key, `q` and Ctrl-c included.
//! This parser drops a sequence that is malformed at once and one left unfinished after
//! [`INCOMPLETE_TIMEOUT`] of silence; a lone ESC then is the Esc key. It decodes what the session
//! turns on (legacy keys with xterm modifiers, SGR mouse, bracketed paste) into crossterm's own
//! event types, so the rest of the runtime is unchanged.

use std::time::Duration;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// Silence after which an unfinished sequence is given up (a terminal sends one in one write).
pub(super) const INCOMPLETE_TIMEOUT: Duration = Duration::from_millis(100);

const ESC: u8 = 0x1b;
/// A control sequence longer than this is garbage, not a key.
const MAX_SEQUENCE: usize = 64;
const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// Bytes in, events out.
#[derive(Default)]
pub(super) struct Parser {
    buf: Vec<u8>,
    /// Inside a bracketed paste: the text so far.
    paste: Option<Vec<u8>>,
}

enum Step {
    Event(Event, usize),
    Skip(usize),
    Incomplete,
}

impl Parser {
    /// Whether bytes wait for more: the caller should call [`Parser::flush`] after
    /// [`INCOMPLETE_TIMEOUT`] without input.
    pub(super) fn pending(&self) -> bool {
        !self.buf.is_empty() || self.paste.is_some()
    }

    /// Decodes `bytes` after whatever was pending; complete events go to `out`.
    pub(super) fn feed(&mut self, bytes: &[u8], out: &mut Vec<Event>) {
        self.buf.extend_from_slice(bytes);
        let mut at = 0;
        loop {
            if let Some(paste) = &mut self.paste {
                let rest = &self.buf[at..];
                match memchr::memmem::find(rest, PASTE_END) {
                    Some(end) => {
                        paste.extend_from_slice(&rest[..end]);
                        at += end + PASTE_END.len();
                        let text = self.paste.take().unwrap_or_default();
                        out.push(Event::Paste(String::from_utf8_lossy(&text).into_owned()));
                    }
                    None => {
                        // Keep a possible partial end marker for the next read.
                        let keep = (1..PASTE_END.len())
                            .rev()
                            .find(|&n| rest.ends_with(&PASTE_END[..n]))
                            .unwrap_or(0);
                        paste.extend_from_slice(&rest[..rest.len() - keep]);
                        at = self.buf.len() - keep;
                        break;
                    }
                }
                continue;
            }
            if at >= self.buf.len() {
                break;
            }
            let rest = &self.buf[at..];
            if rest.starts_with(PASTE_START) {
                self.paste = Some(Vec::new());
                at += PASTE_START.len();
                continue;
            }
            match step(rest) {
                Step::Event(e, used) => {
                    out.push(e);
                    at += used;
                }
                Step::Skip(used) => at += used,
                Step::Incomplete => break,
            }
        }
        self.buf.drain(..at);
    }

    /// Gives up what is pending after a silence: a lone ESC is the Esc key, an unfinished paste
    /// is delivered as far as it came, any other unfinished sequence is dropped.
    pub(super) fn flush(&mut self, out: &mut Vec<Event>) {
        if let Some(paste) = self.paste.take() {
            let mut text = paste;
            text.append(&mut self.buf);
            out.push(Event::Paste(String::from_utf8_lossy(&text).into_owned()));
            return;
        }
        if self.buf == [ESC] {
            out.push(key(KeyCode::Esc, KeyModifiers::NONE));
        }
        self.buf.clear();
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// One event (or skipped bytes) from the start of `b`.
fn step(b: &[u8]) -> Step {
    match b[0] {
        ESC => escape(b),
        _ => match plain(b) {
            Some((e, used)) => Step::Event(e, used),
            None if utf8_incomplete(b) => Step::Incomplete,
            None => Step::Skip(1),
        },
    }
}

/// A key that is not an escape sequence: a control byte or one UTF-8 character.
fn plain(b: &[u8]) -> Option<(Event, usize)> {
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let e = match b[0] {
        b'\r' | b'\n' => key(KeyCode::Enter, none),
        b'\t' => key(KeyCode::Tab, none),
        0x7f | 0x08 => key(KeyCode::Backspace, none),
        0 => key(KeyCode::Char(' '), ctrl),
        c @ 0x01..=0x1a => key(KeyCode::Char(char::from(c - 1 + b'a')), ctrl),
        c @ 0x1c..=0x1f => key(KeyCode::Char(char::from(c - 0x1c + b'4')), ctrl),
        _ => {
            let len = utf8_len(b[0])?;
            let c = std::str::from_utf8(b.get(..len)?).ok()?.chars().next()?;
            let mods = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                none
            };
            return Some((key(KeyCode::Char(c), mods), len));
        }
    };
    Some((e, 1))
}

fn utf8_len(first: u8) -> Option<usize> {
    match first {
        0x00..=0x7f => Some(1),
        0xc2..=0xdf => Some(2),
        0xe0..=0xef => Some(3),
        0xf0..=0xf4 => Some(4),
        _ => None,
    }
}

/// Whether `b` is the valid start of a UTF-8 character whose remaining bytes have not come yet.
fn utf8_incomplete(b: &[u8]) -> bool {
    utf8_len(b[0]).is_some_and(|len| {
        b.len() < len && matches!(std::str::from_utf8(b), Err(e) if e.error_len().is_none())
    })
}

fn escape(b: &[u8]) -> Step {
    let Some(&second) = b.get(1) else {
        return Step::Incomplete;
    };
    match second {
        b'[' => csi(b),
        b'O' => match b.get(2) {
            None => Step::Incomplete,
            Some(&f) => match cursor_key(f) {
                Some(code) => Step::Event(key(code, KeyModifiers::NONE), 3),
                None => Step::Skip(2),
            },
        },
        // ESC ESC: the first is the Esc key.
        ESC => Step::Event(key(KeyCode::Esc, KeyModifiers::NONE), 1),
        _ => match plain(&b[1..]) {
            Some((Event::Key(mut k), used)) => {
                k.modifiers |= KeyModifiers::ALT;
                Step::Event(Event::Key(k), used + 1)
            }
            Some((e, used)) => Step::Event(e, used + 1),
            None if utf8_incomplete(&b[1..]) => Step::Incomplete,
            None => Step::Skip(1),
        },
    }
}

/// Keys with a letter final byte (`ESC [ A`, `ESC O P`).
fn cursor_key(f: u8) -> Option<KeyCode> {
    Some(match f {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        _ => return None,
    })
}

/// `ESC [ params final`. A byte that cannot be in a control sequence ends it at once: the
/// sequence is dropped and that byte (Ctrl-c, say) is read as itself.
fn csi(b: &[u8]) -> Step {
    let mut end = None;
    for (i, &c) in b.iter().enumerate().skip(2) {
        match c {
            0x20..=0x3f => {}
            0x40..=0x7e => {
                end = Some(i);
                break;
            }
            _ => return Step::Skip(i),
        }
        if i >= MAX_SEQUENCE {
            return Step::Skip(i);
        }
    }
    let Some(end) = end else {
        return Step::Incomplete;
    };
    let params = &b[2..end];
    let used = end + 1;
    match decode_csi(params, b[end]) {
        Some(e) => Step::Event(e, used),
        None => Step::Skip(used),
    }
}

fn numbers(params: &[u8]) -> Vec<u16> {
    params
        .split(|&c| c == b';')
        .map(|p| {
            std::str::from_utf8(p)
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0)
        })
        .collect()
}

/// xterm's modifier parameter: 1 + shift(1) + alt(2) + ctrl(4).
fn modifiers(param: Option<&u16>) -> KeyModifiers {
    let bits = param.map_or(0, |m| m.saturating_sub(1));
    let mut mods = KeyModifiers::NONE;
    if bits & 1 != 0 {
        mods |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        mods |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        mods |= KeyModifiers::CONTROL;
    }
    mods
}

fn decode_csi(params: &[u8], f: u8) -> Option<Event> {
    if let Some(mouse) = params.strip_prefix(b"<") {
        return sgr_mouse(mouse, f == b'M');
    }
    let n = numbers(params);
    if f == b'Z' {
        return Some(key(KeyCode::BackTab, KeyModifiers::SHIFT));
    }
    if let Some(code) = cursor_key(f) {
        return Some(key(code, modifiers(n.get(1))));
    }
    if f != b'~' {
        return None;
    }
    let code = match n.first()? {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        k @ 11..=15 => KeyCode::F((k - 10) as u8),
        k @ 17..=21 => KeyCode::F((k - 11) as u8),
        k @ 23..=24 => KeyCode::F((k - 12) as u8),
        _ => return None,
    };
    Some(key(code, modifiers(n.get(1))))
}

/// `ESC [ < button ; column ; row M|m` (1-based cell coordinates).
fn sgr_mouse(params: &[u8], press: bool) -> Option<Event> {
    let n = numbers(params);
    let [b, x, y] = n[..] else {
        return None;
    };
    let button = match b & 0b11 {
        0 => MouseButton::Left,
        1 => MouseButton::Middle,
        _ => MouseButton::Right,
    };
    let kind = if b & 64 != 0 {
        match b & 0b11 {
            0 => MouseEventKind::ScrollUp,
            1 => MouseEventKind::ScrollDown,
            2 => MouseEventKind::ScrollLeft,
            _ => MouseEventKind::ScrollRight,
        }
    } else if b & 32 != 0 {
        if b & 0b11 == 3 {
            MouseEventKind::Moved
        } else {
            MouseEventKind::Drag(button)
        }
    } else if press {
        MouseEventKind::Down(button)
    } else {
        MouseEventKind::Up(button)
    };
    let mut mods = KeyModifiers::NONE;
    if b & 4 != 0 {
        mods |= KeyModifiers::SHIFT;
    }
    if b & 8 != 0 {
        mods |= KeyModifiers::ALT;
    }
    if b & 16 != 0 {
        mods |= KeyModifiers::CONTROL;
    }
    Some(Event::Mouse(MouseEvent {
        kind,
        column: x.saturating_sub(1),
        row: y.saturating_sub(1),
        modifiers: mods,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(chunks: &[&[u8]]) -> Vec<Event> {
        let mut p = Parser::default();
        let mut out = Vec::new();
        for chunk in chunks {
            p.feed(chunk, &mut out);
            // Each chunk is followed by a silence.
            p.flush(&mut out);
        }
        out
    }

    fn k(c: char, m: KeyModifiers) -> Event {
        key(KeyCode::Char(c), m)
    }

    #[test]
    fn unfinished_sequences_time_out_and_later_keys_arrive() {
        let none = KeyModifiers::NONE;
        assert_eq!(events(&[b"\x1b[<", b"q"]), [k('q', none)]);
        assert_eq!(
            events(&[b"\x1b[<35;1", b"\x03"]),
            [k('c', KeyModifiers::CONTROL)]
        );
        assert_eq!(
            events(&[b"\x1b[200~abc", b"q"]),
            [Event::Paste("abc".into()), k('q', none)]
        );
        assert_eq!(events(&[b"\x1b"]), [key(KeyCode::Esc, none)]);
    }

    #[test]
    fn a_control_byte_ends_a_sequence_at_once() {
        let mut p = Parser::default();
        let mut out = Vec::new();
        p.feed(b"\x1b[<0;1\x03q", &mut out);
        assert_eq!(
            out,
            [k('c', KeyModifiers::CONTROL), k('q', KeyModifiers::NONE)]
        );
        assert!(!p.pending());
    }

    #[test]
    fn keys_mouse_and_paste_decode_across_reads() {
        let mut p = Parser::default();
        let mut out = Vec::new();
        for chunk in [
            &b"j\x1b[A\x1b[1;5B\x1b[5~\x1bOP\x1bx"[..],
            "ক".as_bytes().get(..1).unwrap_or_default(),
            "ক".as_bytes().get(1..).unwrap_or_default(),
            b"\x1b[<0;10;5M\x1b[<65;3;4M\x1b[200~a\r",
            b"b\x1b[20",
            b"1~\t\x7f",
        ] {
            p.feed(chunk, &mut out);
        }
        let none = KeyModifiers::NONE;
        assert_eq!(
            out,
            [
                k('j', none),
                key(KeyCode::Up, none),
                key(KeyCode::Down, KeyModifiers::CONTROL),
                key(KeyCode::PageUp, none),
                key(KeyCode::F(1), none),
                k('x', KeyModifiers::ALT),
                k('ক', none),
                Event::Mouse(MouseEvent {
                    kind: MouseEventKind::Down(MouseButton::Left),
                    column: 9,
                    row: 4,
                    modifiers: none
                }),
                Event::Mouse(MouseEvent {
                    kind: MouseEventKind::ScrollDown,
                    column: 2,
                    row: 3,
                    modifiers: none
                }),
                Event::Paste("a\rb".into()),
                key(KeyCode::Tab, none),
                key(KeyCode::Backspace, none),
            ]
        );
        assert!(!p.pending());
    }
}
