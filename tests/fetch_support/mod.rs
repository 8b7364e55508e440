//! An HTTP server on 127.0.0.1 for the fetch tests, in the test process: routes set by the
//! test, hits counted per path, and the misbehaviours a real feed host shows (404/500,
//! redirect loops, 429/503, a response that never comes, 50 MB bodies, ETags).

#![allow(dead_code)] // each test binary uses its own subset

use std::collections::HashMap;
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tiny_http::{Header, Response, StatusCode};

/// What a path answers.
#[derive(Clone)]
pub(crate) enum Reply {
    /// 200 with this body; with an ETag, a matching `If-None-Match` gets 304.
    Body {
        body: Vec<u8>,
        content_type: String,
        etag: Option<String>,
    },
    Status(u16),
    Redirect(String),
    /// The first `times` requests get `status` with `Retry-After: secs`, then `then`.
    Busy {
        times: usize,
        status: u16,
        secs: u64,
        then: Box<Reply>,
    },
    /// Headers never come: the connection is held open for this long.
    Stall(Duration),
    /// 200 with this many bytes of filler.
    Huge(u64),
    /// `then`, after a pause.
    Slow(Duration, Box<Reply>),
}

impl Reply {
    pub(crate) fn xml(body: impl Into<Vec<u8>>) -> Reply {
        Reply::typed(body, "application/rss+xml; charset=utf-8")
    }

    pub(crate) fn html(body: impl Into<Vec<u8>>) -> Reply {
        Reply::typed(body, "text/html; charset=utf-8")
    }

    pub(crate) fn typed(body: impl Into<Vec<u8>>, content_type: &str) -> Reply {
        Reply::Body {
            body: body.into(),
            content_type: content_type.to_string(),
            etag: None,
        }
    }

    pub(crate) fn with_etag(self, tag: &str) -> Reply {
        match self {
            Reply::Body {
                body, content_type, ..
            } => Reply::Body {
                body,
                content_type,
                etag: Some(tag.to_string()),
            },
            other => other,
        }
    }
}

pub(crate) struct Server {
    pub base: String,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
    hits: Arc<Mutex<HashMap<String, usize>>>,
    stop: Arc<AtomicBool>,
}

impl Server {
    pub(crate) fn start() -> Server {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let routes: Arc<Mutex<HashMap<String, Reply>>> = Arc::default();
        let hits: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let (r, h, s) = (routes.clone(), hits.clone(), stop.clone());
        std::thread::spawn(move || {
            while !s.load(Ordering::SeqCst) {
                let Ok(Some(request)) = server.recv_timeout(Duration::from_millis(50)) else {
                    continue;
                };
                let path = request.url().to_string();
                let n = {
                    let mut hits = h.lock().expect("hits");
                    let n = hits.entry(path.clone()).or_insert(0);
                    *n += 1;
                    *n
                };
                let reply = {
                    let routes = r.lock().expect("routes");
                    routes.get(&path).cloned().or_else(|| {
                        routes
                            .iter()
                            .filter_map(|(k, v)| Some((k.strip_suffix('*')?, v)))
                            .filter(|(k, _)| path.starts_with(k))
                            .max_by_key(|(k, _)| k.len())
                            .map(|(_, v)| v.clone())
                    })
                };
                std::thread::spawn(move || answer(request, reply, n));
            }
        });
        Server {
            base: format!("http://127.0.0.1:{port}"),
            routes,
            hits,
            stop,
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Routes `path`; a path ending in `*` answers every path it starts.
    pub(crate) fn set(&self, path: &str, reply: Reply) {
        self.routes
            .lock()
            .expect("routes")
            .insert(path.to_string(), reply);
    }

    pub(crate) fn hits(&self, path: &str) -> usize {
        self.hits
            .lock()
            .expect("hits")
            .get(path)
            .copied()
            .unwrap_or(0)
    }

    /// Requests to paths starting with `prefix`.
    pub(crate) fn hits_under(&self, prefix: &str) -> usize {
        self.hits
            .lock()
            .expect("hits")
            .iter()
            .filter(|(p, _)| p.starts_with(prefix))
            .map(|(_, n)| n)
            .sum()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("header")
}

fn answer(request: tiny_http::Request, reply: Option<Reply>, nth: usize) {
    let Some(reply) = reply else {
        let _ = request.respond(Response::empty(StatusCode(404)));
        return;
    };
    let reply = match reply {
        Reply::Busy {
            times,
            status,
            secs,
            then,
        } => {
            if nth <= times {
                let r = Response::empty(StatusCode(status))
                    .with_header(header("Retry-After", &secs.to_string()));
                let _ = request.respond(r);
                return;
            }
            *then
        }
        Reply::Slow(pause, then) => {
            std::thread::sleep(pause);
            *then
        }
        other => other,
    };
    match reply {
        Reply::Body {
            body,
            content_type,
            etag,
        } => {
            let matches = etag.as_ref().is_some_and(|tag| {
                request
                    .headers()
                    .iter()
                    .any(|h| h.field.equiv("If-None-Match") && h.value.as_str() == tag)
            });
            if matches {
                let _ = request.respond(Response::empty(StatusCode(304)));
                return;
            }
            let mut r =
                Response::from_data(body).with_header(header("Content-Type", &content_type));
            if let Some(tag) = etag {
                r = r.with_header(header("ETag", &tag));
            }
            let _ = request.respond(r);
        }
        Reply::Status(code) => {
            let _ = request.respond(Response::from_string("error").with_status_code(code));
        }
        Reply::Redirect(to) => {
            let r = Response::empty(StatusCode(302)).with_header(header("Location", &to));
            let _ = request.respond(r);
        }
        Reply::Stall(d) => {
            std::thread::sleep(d);
            drop(request);
        }
        Reply::Huge(n) => {
            let filler = std::io::repeat(b'x').take(n);
            let r = Response::new(
                StatusCode(200),
                vec![header("Content-Type", "application/rss+xml")],
                filler,
                Some(n as usize),
                None,
            );
            let _ = request.respond(r);
        }
        Reply::Busy { .. } | Reply::Slow(..) => unreachable!("resolved above"),
    }
}

/// An article page as Bengali news sites make them: the article among menus, share buttons,
/// related headlines and a footer.
pub(crate) fn article_page(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r##"<!DOCTYPE html>
<html lang="bn"><head><meta charset="utf-8"><title>{title} | দৈনিক পরীক্ষা</title></head>
<body>
<header class="site-header"><nav class="menu"><a href="/">প্রচ্ছদ</a> <a href="/bangladesh">বাংলাদেশ</a>
<a href="/politics">রাজনীতি</a> <a href="/sports">খেলা</a> <a href="/entertainment">বিনোদন</a></nav></header>
<div class="share">শেয়ার করুন: <a href="#">ফেসবুক</a> <a href="#">টুইটার</a></div>
<main><article class="story">
<h1>{title}</h1>
<div class="author">নিজস্ব প্রতিবেদক, ঢাকা</div>
{body}
</article>
<aside class="related"><h3>আরও পড়ুন</h3><ul>
<li><a href="/x/1">চট্টগ্রামে পাহাড়ধসের শঙ্কা, সতর্ক প্রশাসন</a></li>
<li><a href="/x/2">রাজশাহীতে আমের দাম কমেছে</a></li>
<li><a href="/x/3">সিলেটে বন্যা পরিস্থিতির উন্নতি</a></li></ul></aside>
</main>
<div class="comments">মন্তব্য করুন</div>
<footer class="site-footer">সম্পাদক: পরীক্ষক। সর্বস্বত্ব সংরক্ষিত © দৈনিক পরীক্ষা</footer>
</body></html>"##
    )
}

/// Paragraphs of a domestic story, long enough to read as an article.
pub(crate) const STORY: &[&str] = &[
    "রাজধানীর মিরপুরে আজ সকালে ঢাকা উত্তর সিটি করপোরেশনের উদ্যোগে নতুন বর্জ্য ব্যবস্থাপনা কেন্দ্রের উদ্বোধন করা হয়েছে। অনুষ্ঠানে স্থানীয় কাউন্সিলর ও এলাকাবাসী উপস্থিত ছিলেন।",
    "সিটি করপোরেশনের প্রধান বর্জ্য ব্যবস্থাপনা কর্মকর্তা জানান, কেন্দ্রটি প্রতিদিন প্রায় তিনশ টন বর্জ্য প্রক্রিয়াজাত করতে পারবে। এতে মিরপুর, পল্লবী ও কাফরুল এলাকার মানুষ উপকৃত হবেন।",
    "এলাকাবাসীর অভিযোগ, দীর্ঘদিন ধরে রাস্তার পাশে ময়লা জমে থাকায় দুর্গন্ধ ছড়াচ্ছিল। নতুন কেন্দ্র চালু হওয়ায় সেই সমস্যার সমাধান হবে বলে আশা করছেন তাঁরা।",
    "পরিবেশ অধিদপ্তরের একজন কর্মকর্তা বলেন, বর্জ্য পৃথক্‌করণ বাধ্যতামূলক করা গেলে রাজধানীর পরিবেশ দূষণ অনেকাংশে কমানো সম্ভব।",
];
