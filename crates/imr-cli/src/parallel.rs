//! Work on many inputs at once, results in input order: `jobs` threads take the inputs in turn,
//! and each result is handed on as soon as it and every one before it are done. At most
//! `window` inputs are taken and not yet handed on, so that one slow file (a PDF that runs into
//! its time limit) holds back a bounded number of results, not the rest of the run.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex};

/// Runs `work(i)` for `i` in `0..count` on `jobs` threads and calls `emit` with each result in
/// order of `i`. `emit` returning `false` stops the run (output closed): inputs not yet taken
/// are not read.
pub fn in_order<T: Send>(
    count: usize,
    jobs: usize,
    work: impl Fn(usize) -> T + Sync,
    mut emit: impl FnMut(T) -> bool,
) {
    let jobs = jobs.clamp(1, count.max(1));
    let window = jobs * 4;
    let next = AtomicUsize::new(0);
    // One token per input that may be taken and not yet emitted.
    let (give, tokens) = mpsc::sync_channel::<()>(window);
    for _ in 0..window {
        let _ = give.send(());
    }
    let tokens = Mutex::new(tokens);
    let (done, results) = mpsc::channel::<(usize, T)>();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let done = done.clone();
            let (tokens, next, work) = (&tokens, &next, &work);
            scope.spawn(move || loop {
                let token = tokens.lock().map(|t| t.recv());
                if !matches!(token, Ok(Ok(()))) {
                    break;
                }
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= count || done.send((i, work(i))).is_err() {
                    break;
                }
            });
        }
        drop(done);
        let mut waiting = BTreeMap::new();
        let mut wanted = 0;
        let mut give = Some(give);
        'results: for (i, result) in results.iter() {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&wanted) {
                wanted += 1;
                if !emit(result) {
                    break 'results;
                }
                if let Some(g) = &give {
                    let _ = g.send(());
                }
                if wanted == count {
                    // Every worker is waiting for a token or about to: let them all stop.
                    give = None;
                }
            }
        }
        // Stopped early or finished: no more tokens, so the workers stop after their input.
        drop(give);
        drop(results);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_the_finishing_order() {
        for jobs in [1, 2, 4, 16] {
            let mut got = Vec::new();
            in_order(
                50,
                jobs,
                |i| {
                    // Later inputs finish first.
                    std::thread::sleep(std::time::Duration::from_micros(((50 - i) * 20) as u64));
                    i * 10
                },
                |r| {
                    got.push(r);
                    true
                },
            );
            assert_eq!(got, (0..50).map(|i| i * 10).collect::<Vec<_>>(), "{jobs}");
        }
    }

    #[test]
    fn no_input_and_one_input() {
        let mut got = Vec::new();
        in_order(
            0,
            4,
            |i| i,
            |r| {
                got.push(r);
                true
            },
        );
        assert!(got.is_empty());
        in_order(
            1,
            4,
            |i| i + 7,
            |r| {
                got.push(r);
                true
            },
        );
        assert_eq!(got, [7]);
    }

    #[test]
    fn stopping_early_leaves_later_inputs_unread() {
        let taken = AtomicUsize::new(0);
        let mut got = Vec::new();
        in_order(
            10_000,
            2,
            |i| {
                taken.fetch_add(1, Ordering::Relaxed);
                i
            },
            |r| {
                got.push(r);
                r < 3
            },
        );
        assert_eq!(got, [0, 1, 2, 3]);
        // At most the window (2 x 4) past what was emitted, plus what was running.
        assert!(taken.load(Ordering::Relaxed) <= 4 + 8 + 2);
    }

    #[test]
    fn a_slow_first_input_holds_back_at_most_the_window() {
        let (release, wait) = mpsc::channel::<()>();
        let wait = Mutex::new(wait);
        let taken = AtomicUsize::new(0);
        let mut got = Vec::new();
        std::thread::scope(|s| {
            s.spawn(|| {
                // The first input blocks until the others have been taken as far as they can.
                while taken.load(Ordering::SeqCst) < 8 {
                    std::thread::yield_now();
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
                let _ = release.send(());
            });
            in_order(
                100,
                2,
                |i| {
                    taken.fetch_add(1, Ordering::SeqCst);
                    if i == 0 {
                        let _ = wait.lock().unwrap().recv();
                        // The window is full: nothing past it was taken.
                        assert_eq!(taken.load(Ordering::SeqCst), 8);
                    }
                    i
                },
                |r| {
                    got.push(r);
                    true
                },
            );
        });
        assert_eq!(got, (0..100).collect::<Vec<_>>());
    }
}
