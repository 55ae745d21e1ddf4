//! Which file goes to which parsing worker, and when: the page's runner without its I/O.
//!
//! The [`Scheduler`] takes [`Event`]s (files added, a worker ready, an answer, a worker dead, the
//! timer it asked for, cancel), each with the time it happened, and returns [`Command`]s (start
//! a worker, send it a file, stop it, show these results, a batch began or ended). It never
//! reads a clock, starts a timer or touches the browser: `runner.rs` does that, and the tests
//! below drive it natively with made-up times.
//!
//! Rules:
//! - A pool of up to [`Config::workers`] workers, started when there is work: one per
//!   [`Config::window`] files outstanding. Each has at most `window` files in flight; the next
//!   file goes to the ready worker with the fewest.
//! - A worker answers its files in order, so when it dies (a wasm trap) the oldest file it has
//!   not answered is the one it died on: that file fails, the others it held go back to the
//!   front of the queue, and only that worker is restarted.
//! - The watchdog: a file that keeps its worker more than [`Config::file_limit`] fails the same
//!   way (the worker is stopped and restarted). A worker that does not get ready within that
//!   time is given up.
//! - Results are shown in the order the files were given, in groups, and at once when the
//!   batch is over: one re-render per file would make big batches quadratic. A group waits
//!   [`Config::group`], and longer as the batch grows (1 ms per result shown in the batch): each
//!   re-render costs time in the rows already shown.
//! - Cancel drops the queue and stops the busy workers; what was read is shown.

use std::collections::VecDeque;

/// A file (or pasted text) handed in; the shell numbers them in the order given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JobId(pub u32);

/// A place in the pool; a restarted worker takes the place of the one it replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WorkerId(pub usize);

/// A time in milliseconds on the shell's clock (`performance.now()`), or a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Millis(pub u64);

impl Millis {
    fn plus(self, d: Millis) -> Millis {
        Millis(self.0.saturating_add(d.0))
    }

    fn since(self, earlier: Millis) -> Millis {
        Millis(self.0.saturating_sub(earlier.0))
    }
}

/// The pool's size and limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Most workers at once (at least 1).
    pub workers: usize,
    /// Most files in flight per worker (at least 1).
    pub window: usize,
    /// How long results wait to be shown together, at least.
    pub group: Millis,
    /// How long one file may keep its worker (and a worker may take to start).
    pub file_limit: Millis,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            workers: 1,
            window: 4,
            group: Millis(120),
            file_limit: Millis(30_000),
        }
    }
}

/// A worker's answer: whether it counts as read or as failed in the batch's summary.
pub trait Answer {
    fn is_read(&self) -> bool;
}

impl<T, E> Answer for Result<T, E> {
    fn is_read(&self) -> bool {
        self.is_ok()
    }
}

/// Why a file has no answer from a worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loss {
    /// Its worker died on it (a wasm trap).
    Crashed,
    /// It kept its worker longer than the limit.
    TooSlow,
    /// No worker could be started.
    NoWorker,
    /// The shell could not hand it to the worker.
    NotSent,
}

/// What became of one file.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome<R> {
    Answered(R),
    Lost(Loss),
}

impl<R: Answer> Outcome<R> {
    fn is_read(&self) -> bool {
        matches!(self, Outcome::Answered(r) if r.is_read())
    }
}

/// Something that happened, for [`Scheduler::handle`].
#[derive(Debug, Clone, PartialEq)]
pub enum Event<R> {
    /// Files handed in, in their order (ids increasing).
    Added(Vec<JobId>),
    /// A worker started by [`Command::Spawn`] listens.
    Ready(WorkerId),
    /// A worker's answer for one file.
    Answered(WorkerId, JobId, R),
    /// A worker died (or could not be started).
    Died(WorkerId),
    /// [`Command::Send`] failed.
    NotSent(WorkerId, JobId),
    /// The time asked for by [`Scheduler::deadline`] has come.
    Timer,
    /// The user cancelled the batch.
    Cancel,
}

/// What the shell must do, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Command<R> {
    /// Start a worker in this place.
    Spawn(WorkerId),
    /// Hand this file to this worker.
    Send(WorkerId, JobId),
    /// Stop this worker (it is stuck or dead, or busy with cancelled files).
    Terminate(WorkerId),
    /// Show these results (in the order the files were given).
    Show(Vec<(JobId, Outcome<R>)>),
    /// A batch began (files added while idle).
    BatchStarted(Millis),
    /// The batch is over (every file settled, or cancelled).
    BatchOver(Summary),
}

/// A finished batch, for its summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub read: usize,
    pub failed: usize,
    pub cancelled: usize,
    pub elapsed: Millis,
}

#[derive(Debug, Clone, PartialEq)]
enum Slot {
    /// No worker here.
    Empty,
    /// Started at this time, not ready yet.
    Starting(Millis),
    /// Listening; `busy_since` is when it began the oldest file it holds.
    Ready {
        in_flight: VecDeque<JobId>,
        busy_since: Millis,
    },
    /// Died before it was ready: not started again.
    Broken,
}

/// The runner's decisions. `R` is a worker's answer.
#[derive(Debug)]
pub struct Scheduler<R> {
    config: Config,
    slots: Vec<Slot>,
    /// Not sent yet, in order.
    queue: VecDeque<JobId>,
    /// Every file of the batch not shown yet, in order, with its outcome once settled.
    order: VecDeque<(JobId, Option<Outcome<R>>)>,
    /// Settled and in order, waiting for the group to be shown.
    to_show: Vec<(JobId, Outcome<R>)>,
    show_at: Option<Millis>,
    /// Results shown in this batch.
    shown: usize,
    batch: Option<(Millis, Summary)>,
    out: Vec<Command<R>>,
}

impl<R: Answer> Scheduler<R> {
    pub fn new(config: Config) -> Self {
        let config = Config {
            workers: config.workers.max(1),
            window: config.window.max(1),
            ..config
        };
        Scheduler {
            slots: vec![Slot::Empty; config.workers],
            config,
            queue: VecDeque::new(),
            order: VecDeque::new(),
            to_show: Vec::new(),
            show_at: None,
            shown: 0,
            batch: None,
            out: Vec::new(),
        }
    }

    pub fn config(&self) -> Config {
        self.config
    }

    /// Takes one event that happened at `now`; returns what to do.
    pub fn handle(&mut self, now: Millis, event: Event<R>) -> Vec<Command<R>> {
        match event {
            Event::Added(ids) => self.add(now, ids),
            Event::Ready(w) => {
                if matches!(self.slot(w), Some(Slot::Starting(_))) {
                    self.slots[w.0] = Slot::Ready {
                        in_flight: VecDeque::new(),
                        busy_since: now,
                    };
                }
            }
            Event::Answered(w, job, answer) => {
                if self.take_in_flight(now, w, job) {
                    self.settle(now, job, Outcome::Answered(answer));
                }
            }
            Event::NotSent(w, job) => {
                if self.take_in_flight(now, w, job) {
                    self.settle(now, job, Outcome::Lost(Loss::NotSent));
                }
            }
            Event::Died(w) => self.lose_worker(now, w, Loss::Crashed),
            Event::Timer => self.on_timer(now),
            Event::Cancel => self.cancel(now),
        }
        self.pump(now);
        self.finish_if_done(now);
        std::mem::take(&mut self.out)
    }

    /// When the shell should send [`Event::Timer`] next (results to show, or a watchdog).
    pub fn deadline(&self) -> Option<Millis> {
        let limit = self.config.file_limit;
        let watch = self.slots.iter().filter_map(|s| match s {
            Slot::Starting(t) => Some(t.plus(limit)),
            Slot::Ready {
                in_flight,
                busy_since,
            } if !in_flight.is_empty() => Some(busy_since.plus(limit)),
            _ => None,
        });
        watch.chain(self.show_at).min()
    }

    /// Files sent to workers and not answered yet.
    pub fn in_flight(&self) -> usize {
        self.slots
            .iter()
            .map(|s| match s {
                Slot::Ready { in_flight, .. } => in_flight.len(),
                _ => 0,
            })
            .sum()
    }

    /// Workers started or starting.
    pub fn live_workers(&self) -> usize {
        self.slots
            .iter()
            .filter(|s| matches!(s, Slot::Starting(_) | Slot::Ready { .. }))
            .count()
    }

    /// Nothing queued, in flight or waiting to be shown.
    pub fn is_idle(&self) -> bool {
        self.order.is_empty() && self.to_show.is_empty()
    }

    fn slot(&self, w: WorkerId) -> Option<&Slot> {
        self.slots.get(w.0)
    }

    fn add(&mut self, now: Millis, ids: Vec<JobId>) {
        if ids.is_empty() {
            return;
        }
        if self.batch.is_none() {
            self.batch = Some((now, Summary::default()));
            self.shown = 0;
            self.out.push(Command::BatchStarted(now));
        }
        for id in ids {
            self.queue.push_back(id);
            self.order.push_back((id, None));
        }
    }

    /// Removes `job` from `w`'s files in flight; false if it was not there (a stale answer).
    fn take_in_flight(&mut self, now: Millis, w: WorkerId, job: JobId) -> bool {
        let Some(Slot::Ready {
            in_flight,
            busy_since,
        }) = self.slots.get_mut(w.0)
        else {
            return false;
        };
        let Some(pos) = in_flight.iter().position(|j| *j == job) else {
            return false;
        };
        in_flight.remove(pos);
        if pos == 0 {
            *busy_since = now; // it goes on with the next one
        }
        true
    }

    /// Records a file's outcome; shows the settled files at the front of the order.
    fn settle(&mut self, now: Millis, job: JobId, outcome: Outcome<R>) {
        let Ok(i) = self.order.binary_search_by_key(&job, |(id, _)| *id) else {
            return;
        };
        if self.order[i].1.is_some() {
            return;
        }
        if let Some((_, s)) = &mut self.batch {
            if outcome.is_read() {
                s.read += 1;
            } else {
                s.failed += 1;
            }
        }
        self.order[i].1 = Some(outcome);
        while let Some((_, Some(_))) = self.order.front() {
            if let Some((id, Some(o))) = self.order.pop_front() {
                self.to_show.push((id, o));
            }
        }
        if !self.to_show.is_empty() && self.show_at.is_none() {
            let grown = Millis(self.shown as u64);
            self.show_at = Some(now.plus(self.config.group.max(grown)));
        }
    }

    /// Worker `w` is stopped: the file it was on fails with `loss`, the others it held go
    /// back to the front of the queue. A worker that dies while starting is given up.
    fn lose_worker(&mut self, now: Millis, w: WorkerId, loss: Loss) {
        let Some(slot) = self.slots.get_mut(w.0) else {
            return;
        };
        match std::mem::replace(slot, Slot::Empty) {
            Slot::Starting(_) => {
                self.slots[w.0] = Slot::Broken;
                self.out.push(Command::Terminate(w));
            }
            Slot::Ready { mut in_flight, .. } => {
                self.out.push(Command::Terminate(w));
                let head = in_flight.pop_front();
                while let Some(job) = in_flight.pop_back() {
                    self.queue.push_front(job);
                }
                if let Some(job) = head {
                    self.settle(now, job, Outcome::Lost(loss));
                }
            }
            other => self.slots[w.0] = other, // already gone: a late event
        }
    }

    fn on_timer(&mut self, now: Millis) {
        if self.show_at.is_some_and(|t| t <= now) {
            self.show();
        }
        let limit = self.config.file_limit;
        for i in 0..self.slots.len() {
            let overdue = match &self.slots[i] {
                Slot::Starting(t) => t.plus(limit) <= now,
                Slot::Ready {
                    in_flight,
                    busy_since,
                } => !in_flight.is_empty() && busy_since.plus(limit) <= now,
                _ => false,
            };
            if overdue {
                self.lose_worker(now, WorkerId(i), Loss::TooSlow);
            }
        }
    }

    fn show(&mut self) {
        self.show_at = None;
        if !self.to_show.is_empty() {
            self.shown += self.to_show.len();
            self.out
                .push(Command::Show(std::mem::take(&mut self.to_show)));
        }
    }

    fn cancel(&mut self, now: Millis) {
        for i in 0..self.slots.len() {
            if let Slot::Ready { in_flight, .. } = &self.slots[i] {
                if !in_flight.is_empty() {
                    self.slots[i] = Slot::Empty;
                    self.out.push(Command::Terminate(WorkerId(i)));
                }
            }
        }
        self.queue.clear();
        let mut cancelled = 0;
        for (id, o) in std::mem::take(&mut self.order) {
            match o {
                Some(o) => self.to_show.push((id, o)),
                None => cancelled += 1,
            }
        }
        self.show();
        if let Some((started, mut s)) = self.batch.take() {
            s.cancelled = cancelled;
            s.elapsed = now.since(started);
            self.out.push(Command::BatchOver(s));
        }
    }

    /// Starts the workers the work needs and hands out files while workers have room.
    fn pump(&mut self, now: Millis) {
        let window = self.config.window;
        let outstanding = self.queue.len() + self.in_flight();
        let wanted = outstanding.div_ceil(window).min(self.config.workers);
        let mut live = self.live_workers();
        for i in 0..self.slots.len() {
            if live >= wanted {
                break;
            }
            if self.slots[i] == Slot::Empty {
                self.slots[i] = Slot::Starting(now);
                self.out.push(Command::Spawn(WorkerId(i)));
                live += 1;
            }
        }
        while !self.queue.is_empty() {
            let emptiest = self
                .slots
                .iter()
                .enumerate()
                .filter_map(|(i, s)| match s {
                    Slot::Ready { in_flight, .. } if in_flight.len() < window => {
                        Some((in_flight.len(), i))
                    }
                    _ => None,
                })
                .min();
            let Some((_, i)) = emptiest else { break };
            let Some(job) = self.queue.pop_front() else {
                break;
            };
            if let Slot::Ready {
                in_flight,
                busy_since,
            } = &mut self.slots[i]
            {
                if in_flight.is_empty() {
                    *busy_since = now;
                }
                in_flight.push_back(job);
            }
            self.out.push(Command::Send(WorkerId(i), job));
        }
        if live == 0 && !self.queue.is_empty() {
            // Every place is broken: no worker can be started.
            for job in std::mem::take(&mut self.queue) {
                self.settle(now, job, Outcome::Lost(Loss::NoWorker));
            }
        }
    }

    /// At the end of a batch: shows what waits at once and reports the batch.
    fn finish_if_done(&mut self, now: Millis) {
        if self.order.is_empty() && self.queue.is_empty() {
            self.show();
            if let Some((started, mut s)) = self.batch.take() {
                s.elapsed = now.since(started);
                self.out.push(Command::BatchOver(s));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type R = Result<&'static str, &'static str>;
    type C = Command<R>;

    fn config(workers: usize, window: usize) -> Config {
        Config {
            workers,
            window,
            group: Millis(100),
            file_limit: Millis(30_000),
        }
    }

    fn ids(range: std::ops::RangeInclusive<u32>) -> Vec<JobId> {
        range.map(JobId).collect()
    }

    fn sends(cmds: &[C]) -> Vec<(usize, u32)> {
        cmds.iter()
            .filter_map(|c| match c {
                Command::Send(w, j) => Some((w.0, j.0)),
                _ => None,
            })
            .collect()
    }

    fn shown(cmds: &[C]) -> Vec<(u32, Outcome<R>)> {
        cmds.iter()
            .filter_map(|c| match c {
                Command::Show(v) => Some(v.iter().map(|(j, o)| (j.0, o.clone()))),
                _ => None,
            })
            .flatten()
            .collect()
    }

    fn shown_ids(cmds: &[C]) -> Vec<u32> {
        shown(cmds).into_iter().map(|(j, _)| j).collect()
    }

    fn over(cmds: &[C]) -> Option<Summary> {
        cmds.iter().find_map(|c| match c {
            Command::BatchOver(s) => Some(*s),
            _ => None,
        })
    }

    fn ok(s: &mut Scheduler<R>, t: u64, w: usize, j: u32) -> Vec<C> {
        s.handle(
            Millis(t),
            Event::Answered(WorkerId(w), JobId(j), Ok("letter")),
        )
    }

    /// A scheduler with `workers` ready workers and `n` files added at time 0.
    fn started(workers: usize, window: usize, n: u32) -> (Scheduler<R>, Vec<C>) {
        let mut s = Scheduler::new(config(workers, window));
        let mut cmds = s.handle(Millis(0), Event::Added(ids(1..=n)));
        for w in 0..workers {
            cmds.extend(s.handle(Millis(0), Event::Ready(WorkerId(w))));
        }
        (s, cmds)
    }

    #[test]
    fn one_worker_keeps_its_window_full_and_no_more() {
        let mut s = Scheduler::new(config(1, 3));
        let cmds = s.handle(Millis(0), Event::Added(ids(1..=10)));
        assert_eq!(
            cmds,
            vec![
                Command::BatchStarted(Millis(0)),
                Command::Spawn(WorkerId(0))
            ]
        );
        assert_eq!(
            s.deadline(),
            Some(Millis(30_000)),
            "a worker must get ready in time"
        );
        let cmds = s.handle(Millis(5), Event::Ready(WorkerId(0)));
        assert_eq!(sends(&cmds), vec![(0, 1), (0, 2), (0, 3)]);
        assert_eq!(s.in_flight(), 3);
        let cmds = ok(&mut s, 6, 0, 1);
        assert_eq!(sends(&cmds), vec![(0, 4)], "one answer, one more file");
        assert_eq!(s.in_flight(), 3);
    }

    #[test]
    fn the_pool_grows_with_the_work_up_to_its_size() {
        let mut s: Scheduler<R> = Scheduler::new(config(4, 4));
        let cmds = s.handle(Millis(0), Event::Added(ids(1..=2)));
        let spawned = cmds
            .iter()
            .filter(|c| matches!(c, Command::Spawn(_)))
            .count();
        assert_eq!(spawned, 1, "two files: one worker");
        let cmds = s.handle(Millis(1), Event::Added(ids(3..=100)));
        let spawned: Vec<_> = cmds
            .iter()
            .filter_map(|c| match c {
                Command::Spawn(w) => Some(w.0),
                _ => None,
            })
            .collect();
        assert_eq!(spawned, vec![1, 2, 3], "many files: the whole pool");
        assert_eq!(s.live_workers(), 4);
    }

    #[test]
    fn files_go_to_the_ready_worker_with_the_fewest() {
        let (mut s, cmds) = started(2, 2, 6);
        assert_eq!(sends(&cmds), vec![(0, 1), (0, 2), (1, 3), (1, 4)]);
        let cmds = ok(&mut s, 10, 1, 3);
        assert_eq!(sends(&cmds), vec![(1, 5)]);
        let cmds = ok(&mut s, 11, 0, 1);
        assert_eq!(sends(&cmds), vec![(0, 6)]);
    }

    #[test]
    fn results_are_shown_in_the_order_given_in_groups() {
        let (mut s, _) = started(2, 2, 4);
        // Worker 1 (files 3, 4) is faster than worker 0 (files 1, 2).
        assert!(shown(&ok(&mut s, 10, 1, 3)).is_empty());
        assert!(shown(&ok(&mut s, 20, 1, 4)).is_empty());
        assert_eq!(
            s.deadline(),
            Some(Millis(30_000)),
            "nothing to show before file 1"
        );
        let cmds = ok(&mut s, 30, 0, 1);
        assert!(shown(&cmds).is_empty(), "grouped, not shown at once");
        assert_eq!(s.deadline(), Some(Millis(130)));
        let cmds = s.handle(Millis(130), Event::Timer);
        assert_eq!(shown_ids(&cmds), vec![1], "2 is not settled: 3 and 4 wait");
        let cmds = ok(&mut s, 140, 0, 2);
        assert_eq!(
            shown_ids(&cmds),
            vec![2, 3, 4],
            "the batch is over: shown at once"
        );
        let summary = over(&cmds).unwrap();
        assert_eq!(
            summary,
            Summary {
                read: 4,
                failed: 0,
                cancelled: 0,
                elapsed: Millis(140)
            }
        );
        assert!(s.is_idle());
        assert_eq!(s.deadline(), None);
    }

    #[test]
    fn a_group_holds_every_result_settled_until_its_time() {
        let (mut s, _) = started(1, 4, 5);
        ok(&mut s, 10, 0, 1);
        ok(&mut s, 20, 0, 2);
        ok(&mut s, 30, 0, 3);
        assert!(
            shown(&s.handle(Millis(50), Event::Timer)).is_empty(),
            "early"
        );
        let cmds = s.handle(Millis(110), Event::Timer);
        assert_eq!(shown_ids(&cmds), vec![1, 2, 3]);
    }

    #[test]
    fn groups_wait_longer_as_the_batch_grows() {
        let (mut s, _) = started(1, 4, 1_200);
        // Answer 1,000 files, a millisecond apart, showing each group when it is due.
        for j in 1..=1_000 {
            let t = u64::from(j);
            ok(&mut s, t, 0, j);
            if s.deadline().is_some_and(|d| d <= Millis(t)) {
                s.handle(Millis(t), Event::Timer);
            }
        }
        s.handle(Millis(10_000), Event::Timer);
        ok(&mut s, 10_001, 0, 1_001);
        assert_eq!(
            s.deadline(),
            Some(Millis(11_001)),
            "1,000 shown: the group waits a second"
        );
    }

    #[test]
    fn a_crash_fails_only_its_file_and_restarts_only_its_worker() {
        let (mut s, _) = started(2, 3, 6);
        // Worker 0 holds 1, 2, 3; worker 1 holds 4, 5, 6. Worker 0 answers 1 and dies on 2.
        ok(&mut s, 10, 0, 1);
        let cmds = s.handle(Millis(11), Event::Died(WorkerId(0)));
        assert_eq!(
            cmds[..2],
            [Command::Terminate(WorkerId(0)), Command::Spawn(WorkerId(0))]
        );
        assert_eq!(s.in_flight(), 3, "worker 1 goes on");
        let cmds = s.handle(Millis(20), Event::Ready(WorkerId(0)));
        assert_eq!(
            sends(&cmds),
            vec![(0, 3)],
            "the file behind it is sent again"
        );
        for (t, w, j) in [(30, 1, 4), (31, 1, 5), (32, 1, 6)] {
            ok(&mut s, t, w, j);
        }
        let cmds = ok(&mut s, 40, 0, 3);
        let got = shown(&cmds);
        let outcomes: Vec<_> = got.iter().map(|(j, o)| (*j, o.clone())).collect();
        assert_eq!(outcomes[1], (2, Outcome::Lost(Loss::Crashed)));
        assert_eq!(
            outcomes.iter().map(|(j, _)| *j).collect::<Vec<_>>(),
            vec![1, 2, 3, 4, 5, 6],
            "in the order given, the resent file in its place"
        );
        assert_eq!(over(&cmds).unwrap().failed, 1);
        assert_eq!(over(&cmds).unwrap().read, 5);
    }

    #[test]
    fn a_late_answer_from_a_stopped_worker_is_ignored() {
        let (mut s, _) = started(1, 2, 2);
        s.handle(Millis(5), Event::Died(WorkerId(0)));
        let cmds = ok(&mut s, 6, 0, 2); // the old worker's answer, after the restart began
        assert!(shown(&cmds).is_empty());
        assert_eq!(s.in_flight(), 0);
        let cmds = s.handle(Millis(7), Event::Ready(WorkerId(0)));
        assert_eq!(sends(&cmds), vec![(0, 2)]);
    }

    #[test]
    fn the_watchdog_stops_a_worker_kept_too_long_by_one_file() {
        let (mut s, _) = started(2, 2, 4);
        // Worker 0 answers 1 at 1 s and then keeps 2; worker 1 answers both its files.
        ok(&mut s, 1_000, 0, 1);
        ok(&mut s, 2_000, 1, 3);
        ok(&mut s, 3_000, 1, 4);
        assert_eq!(s.deadline(), Some(Millis(1_100)), "file 1 to show");
        assert_eq!(shown_ids(&s.handle(Millis(1_100), Event::Timer)), vec![1]);
        assert_eq!(
            s.deadline(),
            Some(Millis(31_000)),
            "30 s after 2 became its head"
        );
        let cmds = s.handle(Millis(30_999), Event::Timer);
        assert!(!cmds.contains(&Command::Terminate(WorkerId(0))), "not yet");
        let cmds = s.handle(Millis(31_000), Event::Timer);
        assert!(cmds.contains(&Command::Terminate(WorkerId(0))));
        assert!(!cmds.contains(&Command::Terminate(WorkerId(1))));
        let got = shown(&cmds);
        assert_eq!(got[0], (2, Outcome::Lost(Loss::TooSlow)));
        assert_eq!(shown_ids(&cmds), vec![2, 3, 4]);
        let s = over(&cmds).unwrap();
        assert_eq!((s.read, s.failed, s.elapsed), (3, 1, Millis(31_000)));
    }

    #[test]
    fn the_watchdog_times_each_file_not_the_batch() {
        let (mut s, _) = started(1, 1, 3);
        ok(&mut s, 20_000, 0, 1);
        ok(&mut s, 40_000, 0, 2);
        let cmds = s.handle(Millis(60_000), Event::Timer);
        assert!(!cmds.iter().any(|c| matches!(c, Command::Terminate(_))));
        assert_eq!(s.deadline(), Some(Millis(70_000)));
    }

    #[test]
    fn a_worker_that_never_gets_ready_is_given_up() {
        let mut s: Scheduler<R> = Scheduler::new(config(1, 2));
        s.handle(Millis(0), Event::Added(ids(1..=2)));
        let cmds = s.handle(Millis(30_000), Event::Timer);
        assert!(cmds.contains(&Command::Terminate(WorkerId(0))));
        assert_eq!(
            shown(&cmds),
            vec![
                (1, Outcome::Lost(Loss::NoWorker)),
                (2, Outcome::Lost(Loss::NoWorker))
            ]
        );
        // A later file is not left waiting either.
        let cmds = s.handle(Millis(30_001), Event::Added(ids(3..=3)));
        assert_eq!(shown(&cmds), vec![(3, Outcome::Lost(Loss::NoWorker))]);
    }

    #[test]
    fn a_worker_dead_while_starting_leaves_the_others() {
        let mut s: Scheduler<R> = Scheduler::new(config(2, 1));
        s.handle(Millis(0), Event::Added(ids(1..=2)));
        s.handle(Millis(1), Event::Died(WorkerId(0)));
        let cmds = s.handle(Millis(2), Event::Ready(WorkerId(1)));
        assert_eq!(sends(&cmds), vec![(1, 1)]);
        ok(&mut s, 3, 1, 1);
        let cmds = ok(&mut s, 4, 1, 2);
        assert_eq!(shown_ids(&cmds), vec![1, 2]);
    }

    #[test]
    fn cancel_stops_busy_workers_and_shows_what_was_read() {
        let (mut s, _) = started(2, 2, 10);
        ok(&mut s, 10, 0, 1);
        ok(&mut s, 11, 1, 3); // read, but 2 is not: not shown yet
        let cmds = s.handle(Millis(50), Event::Cancel);
        assert!(cmds.contains(&Command::Terminate(WorkerId(0))));
        assert!(cmds.contains(&Command::Terminate(WorkerId(1))));
        assert_eq!(shown_ids(&cmds), vec![1, 3]);
        assert_eq!(
            over(&cmds).unwrap(),
            Summary {
                read: 2,
                failed: 0,
                cancelled: 8,
                elapsed: Millis(50)
            }
        );
        assert!(s.is_idle());
        assert_eq!(s.deadline(), None);
        assert_eq!(s.live_workers(), 0);
        // The page goes on: a new file starts a new batch and a new worker.
        let cmds = s.handle(Millis(60), Event::Added(ids(11..=11)));
        assert_eq!(
            cmds,
            vec![
                Command::BatchStarted(Millis(60)),
                Command::Spawn(WorkerId(0))
            ]
        );
        let cmds = s.handle(Millis(61), Event::Ready(WorkerId(0)));
        assert_eq!(sends(&cmds), vec![(0, 11)]);
    }

    #[test]
    fn cancel_keeps_idle_workers() {
        let (mut s, _) = started(1, 4, 1);
        ok(&mut s, 5, 0, 1);
        s.handle(Millis(6), Event::Added(ids(2..=2)));
        ok(&mut s, 7, 0, 2);
        let cmds = s.handle(Millis(8), Event::Cancel);
        assert!(!cmds.iter().any(|c| matches!(c, Command::Terminate(_))));
        assert_eq!(s.live_workers(), 1);
    }

    #[test]
    fn failed_answers_and_lost_files_count_as_failed() {
        let (mut s, _) = started(1, 3, 3);
        s.handle(
            Millis(1),
            Event::Answered(WorkerId(0), JobId(1), Err("not-pdf")),
        );
        s.handle(Millis(2), Event::NotSent(WorkerId(0), JobId(2)));
        let cmds = ok(&mut s, 3, 0, 3);
        assert_eq!(
            shown(&cmds),
            vec![
                (1, Outcome::Answered(Err("not-pdf"))),
                (2, Outcome::Lost(Loss::NotSent)),
                (3, Outcome::Answered(Ok("letter")))
            ]
        );
        let summary = over(&cmds).unwrap();
        assert_eq!((summary.read, summary.failed), (1, 2));
    }

    #[test]
    fn files_added_during_a_batch_join_it() {
        let (mut s, _) = started(1, 2, 1);
        let cmds = s.handle(Millis(5), Event::Added(ids(2..=2)));
        assert!(!cmds.iter().any(|c| matches!(c, Command::BatchStarted(_))));
        ok(&mut s, 6, 0, 1);
        let cmds = ok(&mut s, 9, 0, 2);
        assert_eq!(over(&cmds).unwrap().read, 2);
        assert_eq!(over(&cmds).unwrap().elapsed, Millis(9));
    }

    #[test]
    fn a_thousand_files_on_four_workers_all_come_out_once_in_order() {
        let n = 1000;
        let (mut s, mut pending) = started(4, 4, n);
        let mut seen = Vec::new();
        let mut t = 1;
        // Answer whatever was sent, worker by worker in turn, until the batch is over.
        let mut held: Vec<VecDeque<u32>> = vec![VecDeque::new(); 4];
        loop {
            for (w, j) in sends(&pending) {
                held[w].push_back(j);
            }
            seen.extend(shown_ids(&pending));
            if over(&pending).is_some() {
                break;
            }
            let w = (t as usize * 7) % 4; // an uneven order of answers
            pending = match held[w].pop_front() {
                Some(j) => ok(&mut s, t, w, j),
                None => s.handle(Millis(t), Event::Timer),
            };
            t += 1;
            assert!(s.in_flight() <= 16);
        }
        assert_eq!(seen, (1..=n).collect::<Vec<_>>());
    }
}
