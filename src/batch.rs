//! Many inputs through one [`Inspector`]: a fixed number of worker threads (no
//! async runtime), at most a few inspections in flight per host, results handed
//! back in the order the inputs were given whatever order they finish in.
//!
//! Every per-request limit of the settings still applies to each input, so a
//! hanging issuer holds up only its own worker. Prints nothing: a caller that
//! wants to stream or show progress passes a callback.

use std::collections::{BTreeMap, HashMap, VecDeque};
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
    /// Wall time of this input's inspection.
    pub elapsed: Duration,
}

/// Inspect `inputs` with up to `jobs` at once. `done(index, finished)` is called
/// on the calling thread as each finishes, in finishing order, and returns what
/// to keep of it (a caller that has already written a report out can keep less
/// than the whole); what it kept is returned in input order.
///
/// A worker takes the first input not yet taken whose host has fewer than
/// [`PER_HOST`] inspections in flight, so a busy host never holds up inputs
/// for other hosts behind it.
pub fn inspect_all<T>(
    inspector: &Inspector,
    inputs: &[Input],
    jobs: usize,
    mut done: impl FnMut(usize, Done) -> T,
) -> Vec<T> {
    let workers = jobs.clamp(1, inputs.len().max(1));
    let queue = Queue::new(inputs.iter().map(host_of), PER_HOST);
    let mut slots: Vec<Option<T>> = (0..inputs.len()).map(|_| None).collect();
    thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, Done)>();
        for _ in 0..workers {
            let tx = tx.clone();
            let queue = &queue;
            scope.spawn(move || {
                while let Some(ticket) = queue.take() {
                    let i = ticket.input;
                    let Some(input) = inputs.get(i) else { break };
                    let start = Instant::now();
                    let report = inspector.inspect(input);
                    drop(ticket);
                    let elapsed = start.elapsed();
                    if tx.send((i, Done { report, elapsed })).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, d) in rx {
            let kept = done(i, d);
            if let Some(slot) = slots.get_mut(i) {
                *slot = Some(kept);
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

/// The inputs not yet taken, by host, and how many are in flight per host.
struct Queue {
    /// Each input's host (`None`: no host, never held back).
    hosts: Vec<Option<String>>,
    cap: usize,
    state: Mutex<State>,
    freed: Condvar,
}

#[derive(Default)]
struct State {
    /// Inputs not yet taken, per host (`None`: inputs without one), in input order.
    pending: HashMap<Option<String>, VecDeque<usize>>,
    /// Inspections in flight per host.
    busy: HashMap<String, usize>,
    /// The first input not yet taken of every host below its cap, by that
    /// input: the smallest is the next to take.
    ready: BTreeMap<usize, Option<String>>,
}

impl Queue {
    fn new(hosts: impl Iterator<Item = Option<String>>, cap: usize) -> Queue {
        let hosts: Vec<Option<String>> = hosts.collect();
        let mut state = State::default();
        for (i, host) in hosts.iter().enumerate() {
            let queue = state.pending.entry(host.clone()).or_default();
            if queue.is_empty() {
                state.ready.insert(i, host.clone());
            }
            queue.push_back(i);
        }
        Queue {
            hosts,
            cap: cap.max(1),
            state: Mutex::new(state),
            freed: Condvar::new(),
        }
    }

    /// The next input to inspect, waiting while every host with inputs left is
    /// at its cap; `None` once every input has been taken. Dropping the ticket
    /// gives its host's place back.
    fn take(&self) -> Option<Ticket<'_>> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some((i, host)) = state.ready.pop_first() {
                let state = &mut *state;
                let queue = state.pending.entry(host.clone()).or_default();
                queue.pop_front();
                let next = queue.front().copied();
                let room = match &host {
                    Some(h) => {
                        let n = state.busy.entry(h.clone()).or_insert(0);
                        *n += 1;
                        *n < self.cap
                    }
                    None => true,
                };
                match next {
                    Some(next) if room => {
                        state.ready.insert(next, host);
                    }
                    Some(_) => {}
                    None => {
                        state.pending.remove(&host);
                        if state.pending.is_empty() {
                            // Workers waiting for a host have nothing left to wait for.
                            self.freed.notify_all();
                        }
                    }
                }
                return Some(Ticket {
                    queue: self,
                    input: i,
                });
            }
            if state.pending.is_empty() {
                return None;
            }
            state = self.freed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Input `i` is done: its host has room for one more.
    fn release(&self, i: usize) {
        let Some(Some(host)) = self.hosts.get(i) else {
            return;
        };
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let state = &mut *state;
        let was_full = match state.busy.get_mut(host) {
            Some(n) => {
                let full = *n >= self.cap;
                *n = n.saturating_sub(1);
                if *n == 0 {
                    state.busy.remove(host);
                }
                full
            }
            None => false,
        };
        let key = Some(host.clone());
        if was_full && let Some(&next) = state.pending.get(&key).and_then(|q| q.front()) {
            state.ready.insert(next, key);
            self.freed.notify_all();
        }
    }
}

/// One input taken from the [`Queue`].
struct Ticket<'a> {
    queue: &'a Queue,
    input: usize,
}

impl Drop for Ticket<'_> {
    fn drop(&mut self) {
        self.queue.release(self.input);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn hosts(names: &[Option<&str>]) -> Vec<Option<String>> {
        names.iter().map(|h| h.map(str::to_string)).collect()
    }

    #[test]
    fn a_busy_host_is_skipped_for_the_next_input_of_another() {
        let a = Some("a:443");
        let q = Queue::new(hosts(&[a, a, a, Some("b:443"), None, a]).into_iter(), 2);
        let first = q.take().expect("0");
        let second = q.take().expect("1");
        assert_eq!((first.input, second.input), (0, 1));
        // a is at its cap: b's input and the one without a host come first.
        let b = q.take().expect("3");
        let none = q.take().expect("4");
        assert_eq!((b.input, none.input), (3, 4));
        drop(first);
        let third = q.take().expect("2");
        assert_eq!(third.input, 2);
        drop((second, b, none));
        assert_eq!(q.take().map(|t| t.input), Some(5));
        assert!(q.take().is_none());
        drop(third);
        let state = q.state.lock().expect("state");
        assert!(state.busy.is_empty() && state.pending.is_empty() && state.ready.is_empty());
    }

    #[test]
    fn at_most_cap_per_host_are_in_flight_and_every_input_is_taken_once() {
        let names: Vec<Option<&str>> = (0..40)
            .map(|i| match i % 4 {
                0 | 1 => Some("a:443"),
                2 => Some("b:443"),
                _ => None,
            })
            .collect();
        let q = Queue::new(hosts(&names).into_iter(), 2);
        let (peak, now) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let taken = Mutex::new(Vec::new());
        thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    while let Some(t) = q.take() {
                        if names[t.input] == Some("a:443") {
                            let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                            peak.fetch_max(n, Ordering::SeqCst);
                            thread::sleep(Duration::from_millis(2));
                            now.fetch_sub(1, Ordering::SeqCst);
                        }
                        taken.lock().expect("taken").push(t.input);
                    }
                });
            }
        });
        assert_eq!(peak.load(Ordering::SeqCst), 2);
        let mut taken = taken.into_inner().expect("taken");
        taken.sort_unstable();
        assert_eq!(taken, (0..40).collect::<Vec<_>>());
    }
}
