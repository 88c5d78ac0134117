//! Many inputs through one [`Inspector`]: a fixed number of worker threads (no
//! async runtime), at most a few inspections in flight per host, results handed
//! back in the order the inputs were given whatever order they finish in.
//!
//! Every per-request limit of the settings still applies to each input, so a
//! hanging issuer holds up only its own worker. Prints nothing: a caller that
//! wants to stream or show progress passes a callback.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use crate::inspect::{Input, Inspector, Source};
use crate::report::Report;

/// Inspections in flight against one host at most, however many jobs run.
pub const PER_HOST: usize = 4;

/// One finished inspection.
#[derive(Debug, Clone)]
pub struct Done {
    pub report: Report,
    /// Wall time of this input's inspection, waiting for its host included.
    pub elapsed: Duration,
}

/// Inspect `inputs` with up to `jobs` at once. `done(index, &report)` is called
/// on the calling thread as each finishes, in finishing order; the returned
/// results are in input order.
pub fn inspect_all(
    inspector: &Inspector,
    inputs: &[Input],
    jobs: usize,
    mut done: impl FnMut(usize, &Report),
) -> Vec<Done> {
    let workers = jobs.clamp(1, inputs.len().max(1));
    let next = AtomicUsize::new(0);
    let gate = HostGate::new(PER_HOST);
    let mut slots: Vec<Option<Done>> = (0..inputs.len()).map(|_| None).collect();
    thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, Done)>();
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, gate) = (&next, &gate);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    let start = Instant::now();
                    let host = host_of(input);
                    let permit = host.as_deref().map(|h| gate.enter(h));
                    let report = inspector.inspect(input);
                    drop(permit);
                    let elapsed = start.elapsed();
                    if tx.send((i, Done { report, elapsed })).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, d) in rx {
            done(i, &d.report);
            if let Some(slot) = slots.get_mut(i) {
                *slot = Some(d);
            }
        }
    });
    slots.into_iter().flatten().collect()
}

/// The host an input's requests go to first (`None` for saved documents).
fn host_of(input: &Input) -> Option<String> {
    if !matches!(input.source, Source::Fetch) {
        return None;
    }
    let url = input.target.discovery_url.as_deref()?;
    let parsed = url::Url::parse(url).ok()?;
    Some(format!(
        "{}:{}",
        parsed.host_str()?,
        parsed.port_or_known_default().unwrap_or(0)
    ))
}

/// Counts inspections in flight per host and makes callers wait past the cap.
struct HostGate {
    cap: usize,
    busy: Mutex<HashMap<String, usize>>,
    freed: Condvar,
}

struct Permit<'a> {
    gate: &'a HostGate,
    host: String,
}

impl HostGate {
    fn new(cap: usize) -> HostGate {
        HostGate {
            cap: cap.max(1),
            busy: Mutex::new(HashMap::new()),
            freed: Condvar::new(),
        }
    }

    fn enter(&self, host: &str) -> Permit<'_> {
        let mut busy = self.busy.lock().unwrap_or_else(|e| e.into_inner());
        while busy.get(host).copied().unwrap_or(0) >= self.cap {
            busy = self.freed.wait(busy).unwrap_or_else(|e| e.into_inner());
        }
        *busy.entry(host.to_string()).or_insert(0) += 1;
        Permit {
            gate: self,
            host: host.to_string(),
        }
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut busy = self.gate.busy.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = busy.get_mut(&self.host) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                busy.remove(&self.host);
            }
        }
        drop(busy);
        self.gate.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn the_gate_admits_at_most_cap_per_host_and_others_freely() {
        let gate = Arc::new(HostGate::new(2));
        let peak = Arc::new(AtomicUsize::new(0));
        let now = Arc::new(AtomicUsize::new(0));
        thread::scope(|s| {
            for _ in 0..6 {
                let (gate, peak, now) = (&gate, &peak, &now);
                s.spawn(move || {
                    let _p = gate.enter("a:443");
                    let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(n, Ordering::SeqCst);
                    thread::sleep(Duration::from_millis(20));
                    now.fetch_sub(1, Ordering::SeqCst);
                });
            }
            // Another host is not held up by the busy one.
            let _q = gate.enter("b:443");
        });
        assert_eq!(peak.load(Ordering::SeqCst), 2);
        assert!(gate.busy.lock().map(|b| b.is_empty()).unwrap_or(false));
    }
}
