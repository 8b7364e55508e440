//! The subscribed feeds: `feeds.toml` in the config directory, a file people may read and edit.
//! Written atomically; names are checked, since each one becomes a folder of the archive.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::fetch::http::host_of;
use crate::fsutil::write_atomic;

/// Environment variable naming the subscriptions file (default:
/// `$XDG_CONFIG_HOME/khobor/feeds.toml`).
pub(crate) const FEEDS_FILE_ENV: &str = "KHOBOR_FEEDS_FILE";

/// Longest feed name, in characters: it is a folder name and a column in `feed list`.
pub(crate) const MAX_NAME_CHARS: usize = 60;

/// One subscription.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    /// The feed's folder in the archive, and its name in `feed list`.
    pub name: String,
    /// The feed's address (http or https).
    pub url: String,
    /// The outlet the feed's articles are credited to; default from the URL's host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
}

/// The feeds file (`feeds.toml`): what `khobor fetch` and `R` fetch.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscriptions {
    /// The `[[feed]]` tables, in file order.
    #[serde(default, rename = "feed")]
    pub feeds: Vec<Subscription>,
}

impl Subscriptions {
    /// `$KHOBOR_FEEDS_FILE`, else `feeds.toml` beside the configuration.
    pub(crate) fn default_path() -> Option<PathBuf> {
        std::env::var_os(FEEDS_FILE_ENV)
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .or_else(|| crate::dirs::project().map(|d| d.config_dir().join("feeds.toml")))
    }

    /// Reads `path`; a missing file is no subscriptions.
    pub(crate) fn load(path: &Path) -> Result<Self, Error> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(Error::io(path, e)),
        };
        toml::from_str(&text).map_err(|e| Error::at(path, &text, e.span(), e.message().into()))
    }

    /// Writes the file whole or not at all (temp file and rename), so `feed add` never leaves
    /// half a list.
    pub fn save(&self, path: &Path) -> Result<(), Error> {
        let text = toml::to_string(self).map_err(|e| {
            Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            )
        })?;
        write_atomic(path, text.as_bytes(), || Ok(())).map_err(|e| Error::io(path, e))
    }

    pub(crate) fn get(&self, name: &str) -> Option<&Subscription> {
        self.feeds.iter().find(|f| f.name == name)
    }

    /// Adds a feed: the URL must be http(s) and new; without a name one is made from the URL.
    /// Returns the name it was added under.
    pub(crate) fn add(
        &mut self,
        url: &str,
        name: Option<&str>,
        outlet: Option<&str>,
    ) -> Result<String, Error> {
        let url = url.trim();
        if host_of(url).is_err() {
            return Err(Error::Refused(format!("{url}: not an http(s) URL")));
        }
        if let Some(f) = self.feeds.iter().find(|f| f.url == url) {
            return Err(Error::Refused(format!(
                "{url}: already subscribed as {}",
                f.name
            )));
        }
        let name = match name {
            Some(n) => {
                check_name(n)?;
                if self.get(n).is_some() {
                    return Err(Error::Refused(format!("a feed named {n} already exists")));
                }
                n.to_string()
            }
            None => self.free_name(&name_from_url(url)),
        };
        self.feeds.push(Subscription {
            name: name.clone(),
            url: url.to_string(),
            outlet: outlet
                .map(|o| o.trim().to_string())
                .filter(|o| !o.is_empty()),
        });
        Ok(name)
    }

    /// Removes the feed with this name or URL; returns it.
    pub(crate) fn remove(&mut self, name_or_url: &str) -> Option<Subscription> {
        let at = self
            .feeds
            .iter()
            .position(|f| f.name == name_or_url || f.url == name_or_url)?;
        Some(self.feeds.remove(at))
    }

    /// `base`, or `base-2`, `base-3`… whichever is free.
    pub(crate) fn free_name(&self, base: &str) -> String {
        (1..)
            .map(|n| {
                if n == 1 {
                    base.to_string()
                } else {
                    format!("{base}-{n}")
                }
            })
            .find(|n| self.get(n).is_none())
            .unwrap_or_else(|| base.to_string())
    }
}

/// A name is used as a folder name: no path separators, no `..`, no control characters, no
/// leading dot, not empty, at most [`MAX_NAME_CHARS`].
pub(crate) fn check_name(name: &str) -> Result<(), Error> {
    let bad = name.trim().is_empty()
        || name != name.trim()
        || name.starts_with('.')
        || name.contains("..")
        || name.contains(['/', '\\', ':'])
        || name.chars().any(char::is_control)
        || name.chars().count() > MAX_NAME_CHARS;
    if bad {
        return Err(Error::Refused(format!(
            "feed name {name:?} is not usable as a folder name (no /, \\, :, .., control \
             characters or leading dot; at most {MAX_NAME_CHARS} characters)"
        )));
    }
    Ok(())
}

/// A name for a feed from its URL: the host without `www.`, then the path's words
/// (`https://www.prothomalo.com/feed/` → `prothomalo.com-feed`).
pub(crate) fn name_from_url(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    let host = host.strip_prefix("www.").unwrap_or(host);
    let path: Vec<&str> = path
        .split(['/', '?', '#', '&', '='])
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .collect();
    let mut name = host.to_ascii_lowercase();
    if !path.is_empty() {
        name.push('-');
        name.push_str(&path.join("-"));
    }
    safe_name(&name)
}

/// `raw` made into a usable name: unsafe characters become `-`, dots never repeat or lead,
/// cut to [`MAX_NAME_CHARS`].
pub(crate) fn safe_name(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        let c =
            if c.is_control() || matches!(c, '/' | '\\' | ':') || (c.is_whitespace() && c != ' ') {
                '-'
            } else {
                c
            };
        if c == '.' && (out.is_empty() || out.ends_with('.')) {
            continue;
        }
        out.push(c);
    }
    let out: String = out
        .trim_matches(['-', '.', ' '])
        .chars()
        .take(MAX_NAME_CHARS)
        .collect();
    let out = out.trim_matches(['-', '.', ' ']).to_string();
    if out.is_empty() {
        "feed".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_urls_are_safe() {
        assert_eq!(
            name_from_url("https://www.prothomalo.com/feed/"),
            "prothomalo.com-feed"
        );
        assert_eq!(
            name_from_url("http://127.0.0.1:8080/rss.xml"),
            "127.0.0.1-rss.xml"
        );
        assert_eq!(name_from_url("https://x.org/../../etc"), "x.org-etc");
        for n in ["https://a.b/..%2f..", "http://h/\u{1b}[31m"] {
            check_name(&name_from_url(n)).expect(n);
        }
    }

    #[test]
    fn bad_names_are_refused() {
        for n in ["../evil", "a/b", "..", ".hidden", "", "x\u{7}", " padded"] {
            assert!(check_name(n).is_err(), "{n:?}");
        }
        check_name("প্রথম আলো").expect("Bengali name");
    }

    #[test]
    fn add_remove_round_trip_through_toml() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("feeds.toml");
        let mut s = Subscriptions::default();
        let name = s
            .add(
                "https://www.prothomalo.com/feed/",
                None,
                Some("Prothom Alo"),
            )
            .expect("add");
        assert!(
            s.add("https://www.prothomalo.com/feed/", None, None)
                .is_err()
        );
        assert!(s.add("ftp://x.org/feed", None, None).is_err());
        assert!(s.add("https://a.org/f", Some("../x"), None).is_err());
        s.add(
            "https://bangla.bdnews24.com/?widgetName=rssfeed",
            Some("বিডিনিউজ"),
            None,
        )
        .expect("add named");
        s.save(&path).expect("save");
        let mut back = Subscriptions::load(&path).expect("load");
        assert_eq!(back, s);
        assert_eq!(
            back.remove(&name).map(|f| f.outlet),
            Some(Some("Prothom Alo".into()))
        );
        assert_eq!(back.feeds.len(), 1);
    }
}
