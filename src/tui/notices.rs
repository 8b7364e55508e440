//! The runtime's notices (save, pipe, fetch, watch, rescan results) in the reader's language:
//! the sentences are `[notice]` in `assets/ui/*.toml`; details that come from the system (an
//! error, a path) are put in as they are.

use std::path::Path;

use crate::fetch::background::FetchProgress;
use crate::strings::Strings;

/// What saving the article to `dir` came to.
pub(super) fn saved(s: &Strings, dir: &Path, result: Result<&Path, &str>) -> String {
    match result {
        Ok(file) => s.fill("notice.saved", &[("file", &file.display().to_string())]),
        Err(error) => s.fill(
            "notice.save_failed",
            &[("dir", &dir.display().to_string()), ("error", error)],
        ),
    }
}

/// What piping the article to `command` came to.
pub(super) fn piped(s: &Strings, command: &str, result: Result<(), &str>) -> String {
    match result {
        Ok(()) => s.fill("notice.piped", &[("command", command)]),
        Err(error) => s.fill("notice.pipe_failed", &[("error", error)]),
    }
}

/// How far a background fetch is, with the language's digits.
pub(super) fn progress(s: &Strings, p: &FetchProgress) -> String {
    let mut text = s.fill(
        "notice.progress",
        &[
            ("done", &s.number(p.feeds_done)),
            ("feeds", &s.number(p.feeds)),
            ("written", &s.number(p.written)),
        ],
    );
    if p.feeds_failed > 0 {
        text.push_str(&s.fill(
            "notice.progress_failed",
            &[("failed", &s.number(p.feeds_failed))],
        ));
    }
    text
}

/// A notice about `path` (`notice.folder_gone`, `notice.folder_back`).
pub(super) fn about(s: &Strings, key: &str, path: &Path) -> String {
    s.fill(key, &[("path", &path.display().to_string())])
}

/// A notice carrying an error's text (`notice.reading_failed`, `notice.watch_failed`…).
pub(super) fn failed(s: &Strings, key: &str, error: &str) -> String {
    s.fill(key, &[("error", error)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strings::Language;

    #[test]
    fn notices_follow_the_interface_language() {
        let bn = Language::Bn.strings();
        let p = FetchProgress {
            feeds: 12,
            feeds_done: 3,
            feeds_failed: 1,
            written: 7,
        };
        assert_eq!(progress(bn, &p), "৩/১২ ফিড, ৭টি নতুন খবর, ১টি ব্যর্থ");
        assert_eq!(
            bn.fill("notice.fetched", &[("progress", &progress(bn, &p))]),
            "নামানো শেষ: ৩/১২ ফিড, ৭টি নতুন খবর, ১টি ব্যর্থ"
        );
        let dir = Path::new("/home/u/খবর");
        assert_eq!(
            saved(bn, dir, Ok(Path::new("/home/u/খবর/a.md"))),
            "রাখা হলো: /home/u/খবর/a.md"
        );
        assert_eq!(
            saved(bn, dir, Err("Permission denied")),
            "/home/u/খবর-এ রাখা গেল না: Permission denied"
        );
        assert_eq!(piped(bn, "wc -w", Ok(())), "পাঠানো হলো: wc -w");
        assert_eq!(
            about(bn, "notice.folder_gone", Path::new("news")),
            "news আর নেই; এর খবরগুলো তালিকায় থাকছে"
        );
        assert_eq!(bn.get("notice.reloading"), "আবার পড়া হচ্ছে…");
        // English stays as it was.
        let en = Language::En.strings();
        assert_eq!(progress(en, &p), "3/12 feeds, 7 new article(s), 1 failed");
        assert_eq!(
            piped(en, "nosuch", Err("nosuch: command not found")),
            "nosuch: command not found"
        );
    }
}
