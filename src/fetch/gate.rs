//! At most one request at a time to each host: a polite client never opens parallel
//! connections to one site, however many of its feeds are subscribed.

use std::collections::HashSet;
use std::sync::{Condvar, Mutex, PoisonError};

#[derive(Default)]
pub(crate) struct HostGate {
    busy: Mutex<HashSet<String>>,
    freed: Condvar,
}

/// The right to send to one host; dropping it lets the next request to that host go.
pub(crate) struct HostPass<'g> {
    gate: &'g HostGate,
    host: String,
}

impl HostGate {
    /// Waits until no other request to `host` is in flight.
    pub(super) fn enter(&self, host: &str) -> HostPass<'_> {
        let mut busy = self.busy.lock().unwrap_or_else(PoisonError::into_inner);
        while busy.contains(host) {
            busy = self
                .freed
                .wait(busy)
                .unwrap_or_else(PoisonError::into_inner);
        }
        busy.insert(host.to_string());
        HostPass {
            gate: self,
            host: host.to_string(),
        }
    }
}

impl Drop for HostPass<'_> {
    fn drop(&mut self) {
        let mut busy = self
            .gate
            .busy
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        busy.remove(&self.host);
        self.gate.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn one_request_per_host_at_a_time() {
        let gate = HostGate::default();
        let inside = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..20 {
                        let _pass = gate.enter("example.com");
                        let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::yield_now();
                        inside.fetch_sub(1, Ordering::SeqCst);
                    }
                });
            }
        });
        assert_eq!(most.load(Ordering::SeqCst), 1);
    }
}
