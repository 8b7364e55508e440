//! The HTTP client: one `ureq` agent (rustls, gzip) with khobor's limits — timeouts, at most
//! five redirects, a size cap per response read through a `take`, one request per host at a
//! time, and `429`/`503` retried after the server's `Retry-After` within a bounded wait.

use std::io::Read;
use std::time::Duration;

use ureq::http::{StatusCode, Uri, header};

use crate::fetch::charset;
use crate::fetch::gate::HostGate;

/// The limits of one fetch run. The defaults are the documented ones; tests shorten them.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Reaching the server.
    pub connect_timeout: Duration,
    /// The whole exchange: connect, request, redirects and the body.
    pub total_timeout: Duration,
    /// Redirects followed before a URL counts as broken.
    pub max_redirects: u32,
    /// The most bytes a feed may send; a bigger one fails rather than fill memory.
    pub feed_cap: u64,
    /// The most bytes an article page may send (pages are fetched for teaser-only feeds).
    pub page_cap: u64,
    /// How many times a `429` or `503` is retried.
    pub retries: u32,
    /// The longest wait before a retry, whatever `Retry-After` asks.
    pub max_backoff: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(30),
            max_redirects: 5,
            feed_cap: 10 * 1024 * 1024,
            page_cap: 5 * 1024 * 1024,
            retries: 2,
            max_backoff: Duration::from_secs(30),
        }
    }
}

/// What the server said last time, sent back so that an unchanged feed costs a `304`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) last_modified: Option<String>,
}

/// A successful answer.
#[derive(Debug)]
pub(crate) enum Fetched {
    /// `304`: unchanged since the validators were given.
    NotModified,
    Body(Download),
}

#[derive(Debug)]
pub(crate) struct Download {
    /// Decoded text (see [`charset::decode`]).
    pub(crate) text: String,
    /// The media type without parameters, lower-case (`application/rss+xml`).
    pub(crate) media_type: Option<String>,
    pub(crate) validators: Validators,
}

/// Why a URL gave nothing usable; displayed after the URL in one error line.
#[derive(Debug, thiserror::Error)]
pub(crate) enum FetchError {
    #[error("not an http(s) URL")]
    NotHttp,
    #[error("HTTP status {0}")]
    Status(u16),
    #[error("response larger than {0} bytes, cut at the cap")]
    TooLarge(u64),
    #[error("no complete answer within {0} s")]
    Timeout(u64),
    #[error("more than {0} redirects")]
    TooManyRedirects(u32),
    #[error("{0}")]
    Network(String),
}

/// Checks that `url` is absolute http(s) with a host, and returns the host (with its port)
/// that the per-host limit is keyed on.
pub(crate) fn host_of(url: &str) -> Result<String, FetchError> {
    let uri: Uri = url.trim().parse().map_err(|_| FetchError::NotHttp)?;
    match uri.scheme_str() {
        Some("http" | "https") => {}
        _ => return Err(FetchError::NotHttp),
    }
    uri.authority()
        .map(|a| a.as_str().to_ascii_lowercase())
        .filter(|a| !a.is_empty())
        .ok_or(FetchError::NotHttp)
}

pub(crate) struct Client {
    agent: ureq::Agent,
    limits: Limits,
    gate: HostGate,
}

impl Client {
    pub(crate) fn new(limits: Limits) -> Self {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(limits.max_redirects)
            .timeout_connect(Some(limits.connect_timeout))
            .timeout_global(Some(limits.total_timeout))
            .user_agent(concat!("khobor/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Client {
            agent,
            limits,
            gate: HostGate::default(),
        }
    }

    pub(crate) fn limits(&self) -> &Limits {
        &self.limits
    }

    /// GETs `url`, reading at most `cap` bytes of body; `validators` make the request
    /// conditional.
    pub(crate) fn get(
        &self,
        url: &str,
        cap: u64,
        validators: Option<&Validators>,
    ) -> Result<Fetched, FetchError> {
        let host = host_of(url)?;
        let mut attempt = 0;
        loop {
            let outcome = {
                let _pass = self.gate.enter(&host);
                self.get_once(url, cap, validators)
            };
            match outcome {
                Err(Retry { after, .. }) if attempt < self.limits.retries => {
                    attempt += 1;
                    let backoff = Duration::from_secs(1 << attempt);
                    std::thread::sleep(after.unwrap_or(backoff).min(self.limits.max_backoff));
                }
                Err(Retry { status, .. }) => return Err(FetchError::Status(status)),
                Ok(result) => return result,
            }
        }
    }

    fn get_once(
        &self,
        url: &str,
        cap: u64,
        validators: Option<&Validators>,
    ) -> Result<Result<Fetched, FetchError>, Retry> {
        let mut request = self.agent.get(url.trim());
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                request = request.header(header::IF_NONE_MATCH, etag);
            }
            if let Some(modified) = &v.last_modified {
                request = request.header(header::IF_MODIFIED_SINCE, modified);
            }
        }
        let mut response = match request.call() {
            Ok(r) => r,
            Err(e) => return Ok(Err(self.network_error(e))),
        };
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Ok(Fetched::NotModified));
        }
        if status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE {
            let after = response
                .headers()
                .get(header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            return Err(Retry {
                status: status.as_u16(),
                after,
            });
        }
        if !status.is_success() {
            return Ok(Err(FetchError::Status(status.as_u16())));
        }
        let header_text = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v: &ureq::http::HeaderValue| v.to_str().ok())
                .map(str::to_string)
        };
        let validators = Validators {
            etag: header_text(header::ETAG),
            last_modified: header_text(header::LAST_MODIFIED),
        };
        let media_type = response.body().mime_type().map(str::to_ascii_lowercase);
        let declared = response.body().charset().map(str::to_string);
        let mut bytes = Vec::new();
        let read = response
            .body_mut()
            .as_reader()
            .take(cap.saturating_add(1))
            .read_to_end(&mut bytes);
        if let Err(e) = read {
            return Ok(Err(self.io_error(e)));
        }
        if bytes.len() as u64 > cap {
            return Ok(Err(FetchError::TooLarge(cap)));
        }
        Ok(Ok(Fetched::Body(Download {
            text: charset::decode(&bytes, declared.as_deref()),
            media_type,
            validators,
        })))
    }

    fn network_error(&self, e: ureq::Error) -> FetchError {
        match e {
            ureq::Error::Timeout(_) => FetchError::Timeout(self.limits.total_timeout.as_secs()),
            ureq::Error::TooManyRedirects => {
                FetchError::TooManyRedirects(self.limits.max_redirects)
            }
            ureq::Error::Io(io) => self.io_error(io),
            ureq::Error::BadUri(_) | ureq::Error::RequireHttpsOnly(_) => FetchError::NotHttp,
            other => FetchError::Network(other.to_string()),
        }
    }

    fn io_error(&self, e: std::io::Error) -> FetchError {
        if e.kind() == std::io::ErrorKind::TimedOut {
            return FetchError::Timeout(self.limits.total_timeout.as_secs());
        }
        match e.downcast::<ureq::Error>() {
            Ok(inner) => self.network_error(inner),
            Err(e) => FetchError::Network(e.to_string()),
        }
    }
}

/// A `429` or `503`: try again, after `after` if the server said.
struct Retry {
    status: u16,
    after: Option<Duration>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_have_a_host() {
        assert_eq!(
            host_of("https://www.prothomalo.com/feed/").ok().as_deref(),
            Some("www.prothomalo.com")
        );
        assert_eq!(
            host_of("http://127.0.0.1:8080/a").ok().as_deref(),
            Some("127.0.0.1:8080")
        );
        for bad in [
            "file:///etc/passwd",
            "ftp://x.org/f",
            "javascript:alert(1)",
            "/feed",
            "",
        ] {
            assert!(matches!(host_of(bad), Err(FetchError::NotHttp)), "{bad}");
        }
    }
}
