//! Runs the parsing workers for the page: a thin shell around [`Scheduler`], which decides
//! everything (pool, window, order, restarts, watchdog, cancel, groups) without I/O.
//!
//! This shell turns browser events into scheduler events (a worker's `message` and `error`,
//! the one timer it keeps armed for [`Scheduler::deadline`]) and scheduler commands into
//! browser calls (`new Worker`, `postMessage`, `terminate`, Yew actions). The worker is a second
//! wasm binary (`src/bin/imr-worker.rs`), started by `static/imr-worker_loader.js`, or in the
//! single-file edition by the page's own `imrSpawnWorker` (a `blob:` worker).
//!
//! URL parameters: `workers=N` forces the pool's size (benchmarks, tests); `test-hooks` turns
//! on the test controls of [`Hooks`].

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker};
use yew::{Callback, UseReducerDispatcher};

use crate::ocr::{OcrHandle, OCR_CODES};
use crate::protocol::{Failure, Parsed, Reply};
use crate::scheduler::{
    Command, Config, Event, JobId, Loss, Millis, Outcome, Scheduler, Summary, WorkerId,
};
use crate::state::{Action, AppState};

/// Where the worker's loader is, relative to the page.
pub const WORKER_URL: &str = "./imr-worker_loader.js";
/// Most workers by default, whatever the machine's cores.
pub const MAX_WORKERS: usize = 8;
/// Most workers `?workers=N` may ask for.
pub const MAX_FORCED_WORKERS: usize = 16;
/// The global function of the single-file edition that starts a worker.
const SPAWN_GLOBAL: &str = "imrSpawnWorker";

/// What to parse.
pub enum Job {
    Text(String),
    File(web_sys::File),
}

/// What the progress bar shows of the batch besides its counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BatchInfo {
    #[default]
    Idle,
    /// Running since this time ([`now`]).
    Running(Millis),
    Over(Summary),
}

type Answer = Result<Box<Parsed>, Failure>;

/// A started worker; dropping it removes its listeners and terminates it.
struct Link {
    worker: Worker,
    _listeners: [EventListener; 2],
}

impl Drop for Link {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

pub struct Runner {
    sched: Scheduler<Answer>,
    workers: Vec<Option<Link>>,
    /// The message of each job not shown yet (kept to send it again after a restart), in the
    /// order of their ids.
    messages: VecDeque<(JobId, JsValue)>,
    next_id: u32,
    /// The armed timer and the deadline it is for.
    timer: Option<(Millis, Timeout)>,
    dispatch: UseReducerDispatcher<AppState>,
    on_batch: Callback<BatchInfo>,
    hooks: Option<Hooks>,
    me: Weak<RefCell<Runner>>,
    /// Scans met (no text layer, an image): read by OCR on demand.
    ocr: OcrHandle,
    /// Scans met in the last commands, handed to [`OcrHandle`] once the answers are shown.
    to_ocr: Vec<(u32, web_sys::File)>,
}

/// A shared handle, compared by identity (for Yew props).
#[derive(Clone)]
pub struct RunnerHandle(Rc<RefCell<Runner>>);

impl PartialEq for RunnerHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl RunnerHandle {
    pub fn new(dispatch: UseReducerDispatcher<AppState>, on_batch: Callback<BatchInfo>) -> Self {
        let params = UrlParams::read();
        let config = Config {
            workers: params.workers.unwrap_or_else(default_workers),
            ..Config::default()
        };
        let ocr = OcrHandle::new(dispatch.clone());
        let rc = Rc::new_cyclic(|me: &Weak<RefCell<Runner>>| {
            RefCell::new(Runner {
                sched: Scheduler::new(config),
                workers: (0..config.workers).map(|_| None).collect(),
                messages: VecDeque::new(),
                next_id: 1,
                timer: None,
                dispatch,
                on_batch,
                hooks: params.test_hooks.then(|| Hooks::new(me.clone())),
                me: me.clone(),
                ocr,
                to_ocr: Vec::new(),
            })
        });
        RunnerHandle(rc)
    }

    /// Queues named jobs; the page lists them at once, the workers read them.
    pub fn add(&self, jobs: Vec<(String, Job)>) {
        if jobs.is_empty() {
            return;
        }
        let (list, ids) = {
            let mut r = self.0.borrow_mut();
            let mut list = Vec::with_capacity(jobs.len());
            let mut ids = Vec::with_capacity(jobs.len());
            for (name, job) in jobs {
                let id = JobId(r.next_id);
                r.next_id += 1;
                r.messages.push_back((id, message(id, job)));
                list.push((id.0, name));
                ids.push(id);
            }
            (list, ids)
        };
        let dispatch = self.0.borrow().dispatch.clone();
        dispatch.dispatch(Action::Added(list));
        Runner::feed(&self.0, Event::Added(ids));
    }

    /// Stops the scans being read by OCR (the rest of the batch goes on).
    pub fn cancel_ocr(&self) {
        self.0.borrow().ocr.cancel();
        let dispatch = self.0.borrow().dispatch.clone();
        dispatch.dispatch(Action::CancelOcr);
    }

    /// Drops the queue and stops the files being read; what was read stays.
    pub fn cancel(&self) {
        self.0.borrow().ocr.cancel();
        Runner::feed(&self.0, Event::Cancel);
        let dispatch = self.0.borrow().dispatch.clone();
        dispatch.dispatch(Action::Cancel);
    }
}

/// The page's message for one job: `{id, text}` or `{id, file}` (see `protocol`).
fn message(id: JobId, job: Job) -> JsValue {
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"id".into(), &JsValue::from(id.0));
    let (key, value): (&str, JsValue) = match job {
        Job::Text(t) => ("text", t.into()),
        Job::File(f) => ("file", f.into()),
    };
    let _ = js_sys::Reflect::set(&msg, &key.into(), &value);
    msg.into()
}

impl Runner {
    /// Hands one event to the scheduler and carries out its commands (which may give more
    /// events: a worker that cannot be started, a message that cannot be sent).
    fn feed(rc: &Rc<RefCell<Runner>>, event: Event<Answer>) {
        let mut actions = Vec::new();
        let mut batch = None;
        {
            let mut r = rc.borrow_mut();
            let mut events = VecDeque::from([event]);
            while let Some(event) = events.pop_front() {
                let now = r.now();
                for command in r.sched.handle(now, event) {
                    r.run(command, &mut events, &mut actions, &mut batch);
                }
            }
            r.arm_timer();
            if let Some(h) = &r.hooks {
                h.publish(&r.sched);
            }
        }
        let (dispatch, on_batch) = {
            let r = rc.borrow();
            (r.dispatch.clone(), r.on_batch.clone())
        };
        for a in actions {
            dispatch.dispatch(a);
        }
        let (ocr, scans) = {
            let mut r = rc.borrow_mut();
            (r.ocr.clone(), std::mem::take(&mut r.to_ocr))
        };
        for (id, file) in scans {
            ocr.add(id, file);
        }
        if let Some(b) = batch {
            on_batch.emit(b);
        }
    }

    fn run(
        &mut self,
        command: Command<Answer>,
        events: &mut VecDeque<Event<Answer>>,
        actions: &mut Vec<Action>,
        batch: &mut Option<BatchInfo>,
    ) {
        match command {
            Command::Spawn(w) => match self.spawn(w.0) {
                Ok(link) => self.workers[w.0] = Some(link),
                Err(_) => events.push_back(Event::Died(w)),
            },
            Command::Send(w, job) => {
                let sent = match (&self.workers[w.0], self.message(job)) {
                    (Some(link), Some(msg)) => link.worker.post_message(msg).is_ok(),
                    _ => false,
                };
                if !sent {
                    events.push_back(Event::NotSent(w, job));
                }
            }
            Command::Terminate(w) => {
                self.workers[w.0] = None;
                if let Some(h) = &mut self.hooks {
                    h.held.retain(|(from, _)| *from != w.0);
                }
            }
            Command::Show(results) => {
                // Scans go on to OCR with their file (taken before the messages are dropped).
                for (id, outcome) in &results {
                    let scan = matches!(outcome, Outcome::Answered(Err(f)) if OCR_CODES.contains(&f.code.as_str()));
                    let file = self.message(*id).and_then(|m| {
                        js_sys::Reflect::get(m, &"file".into())
                            .ok()?
                            .dyn_into::<web_sys::File>()
                            .ok()
                    });
                    if let (true, Some(file)) = (scan, file) {
                        self.to_ocr.push((id.0, file));
                    }
                }
                // Shown in the order given: their messages are the first ones.
                if let Some((last, _)) = results.last() {
                    while self.messages.front().is_some_and(|(id, _)| id <= last) {
                        self.messages.pop_front();
                    }
                }
                let results = results
                    .into_iter()
                    .map(|(id, outcome)| (id.0, answer(outcome)))
                    .collect();
                actions.push(Action::Finished(results));
            }
            Command::BatchStarted(t) => {
                let offset = self.hooks.as_ref().map_or(0, |h| h.clock_offset);
                *batch = Some(BatchInfo::Running(Millis(t.0.saturating_sub(offset))));
            }
            Command::BatchOver(summary) => {
                if self.sched.is_idle() {
                    self.messages.clear(); // cancelled jobs
                }
                // Whole milliseconds on <body data-last-batch-ms>, read by the benchmark.
                if let Some(body) = body() {
                    let _ =
                        body.set_attribute("data-last-batch-ms", &summary.elapsed.0.to_string());
                }
                *batch = Some(BatchInfo::Over(summary));
            }
        }
    }

    fn message(&self, job: JobId) -> Option<&JsValue> {
        let i = self
            .messages
            .binary_search_by_key(&job, |(id, _)| *id)
            .ok()?;
        Some(&self.messages[i].1)
    }

    /// Starts worker `slot`, its answers and death wired to the scheduler.
    fn spawn(&self, slot: usize) -> Result<Link, JsValue> {
        let worker = start_worker()?;
        let me = self.me.clone();
        let on_message = EventListener::new(&worker, "message", move |ev| {
            let Some(rc) = me.upgrade() else { return };
            let Some(data) = ev
                .dyn_ref::<MessageEvent>()
                .and_then(|m| m.data().as_string())
            else {
                return;
            };
            let w = WorkerId(slot);
            let event = if data == "ready" {
                Event::Ready(w)
            } else if let Ok(reply) = serde_json::from_str::<Reply>(&data) {
                let id = JobId(reply.id);
                Event::Answered(w, id, reply.into_result().map(Box::new))
            } else {
                return;
            };
            Runner::from_worker(&rc, slot, event);
        });
        let me = self.me.clone();
        let options = EventListenerOptions::enable_prevent_default();
        let on_error = EventListener::new_with_options(&worker, "error", options, move |ev| {
            ev.prevent_default(); // handled: the worker is restarted
            if let Some(rc) = me.upgrade() {
                let w = WorkerId(slot);
                Runner::from_worker(&rc, slot, Event::Died(w));
            }
        });
        Ok(Link {
            worker,
            _listeners: [on_message, on_error],
        })
    }

    /// A worker's event, held back while a test holds answers.
    fn from_worker(rc: &Rc<RefCell<Runner>>, slot: usize, event: Event<Answer>) {
        {
            let mut r = rc.borrow_mut();
            let Runner { hooks, sched, .. } = &mut *r;
            if let Some(h) = hooks {
                if h.holding && !matches!(event, Event::Ready(_)) {
                    h.held.push_back((slot, event));
                    h.publish(sched);
                    return;
                }
            }
        }
        Runner::feed(rc, event);
    }

    /// Keeps one timer armed for the scheduler's next deadline.
    fn arm_timer(&mut self) {
        let deadline = self.sched.deadline();
        if self.timer.as_ref().map(|(t, _)| *t) == deadline {
            return;
        }
        self.timer = deadline.map(|t| {
            let delay = t.0.saturating_sub(self.now().0).min(i32::MAX as u64) as u32;
            let me = self.me.clone();
            let timeout = Timeout::new(delay, move || {
                if let Some(rc) = me.upgrade() {
                    rc.borrow_mut().timer = None;
                    Runner::feed(&rc, Event::Timer);
                }
            });
            (t, timeout)
        });
    }

    /// The scheduler's clock: [`now`], moved on by the test hooks.
    fn now(&self) -> Millis {
        let offset = self.hooks.as_ref().map_or(0, |h| h.clock_offset);
        Millis(now().0 + offset)
    }
}

/// A scheduler outcome as the page's result.
fn answer(outcome: Outcome<Answer>) -> Answer {
    let (code, message) = match outcome {
        Outcome::Answered(a) => return a,
        Outcome::Lost(Loss::Crashed) => (
            "parser-crashed",
            "The parser stopped on this file; it was restarted for the others.",
        ),
        Outcome::Lost(Loss::TooSlow) => (
            "too-slow",
            "Reading this file took longer than 30 seconds; it was stopped and the parser restarted for the others.",
        ),
        Outcome::Lost(Loss::NoWorker) => (
            "worker-unavailable",
            "The parser could not be started in this browser.",
        ),
        Outcome::Lost(Loss::NotSent) => (
            "unreadable",
            "The browser could not hand this file to the parser.",
        ),
    };
    Err(Failure {
        code: code.into(),
        message: message.into(),
    })
}

/// Starts one parsing worker: the single-file edition's `imrSpawnWorker()`, else the loader.
fn start_worker() -> Result<Worker, JsValue> {
    match js_sys::Reflect::get(&js_sys::global(), &SPAWN_GLOBAL.into())?
        .dyn_into::<js_sys::Function>()
    {
        Ok(spawn) => spawn.call0(&JsValue::NULL)?.dyn_into::<Worker>(),
        Err(_) => Worker::new(WORKER_URL),
    }
}

/// Whether this is the single-file edition (no service worker, workers from `blob:` URLs).
pub fn single_file_edition() -> bool {
    js_sys::Reflect::has(&js_sys::global(), &SPAWN_GLOBAL.into()).unwrap_or(false)
}

/// The machine's cores within 1..=[`MAX_WORKERS`].
fn default_workers() -> usize {
    let cores = web_sys::window()
        .map(|w| w.navigator().hardware_concurrency())
        .unwrap_or(1.0);
    (cores as usize).clamp(1, MAX_WORKERS)
}

/// Time on the page's clock (`performance.now()`), whole milliseconds.
pub fn now() -> Millis {
    let t = web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now());
    Millis(t as u64)
}

fn body() -> Option<web_sys::HtmlElement> {
    web_sys::window()?.document()?.body()
}

/// The runner's URL parameters: `workers=N`, `test-hooks`.
struct UrlParams {
    workers: Option<usize>,
    test_hooks: bool,
}

impl UrlParams {
    fn read() -> UrlParams {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let mut p = UrlParams {
            workers: None,
            test_hooks: false,
        };
        for pair in search.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "workers" => {
                    p.workers = value
                        .parse::<usize>()
                        .ok()
                        .map(|n| n.clamp(1, MAX_FORCED_WORKERS))
                }
                "test-hooks" => p.test_hooks = true,
                _ => {}
            }
        }
        p
    }
}

/// Test controls, only with `?test-hooks` in the page's URL, so that end-to-end tests drive
/// timing through code and never depend on the machine's speed. The test sends
/// `document.dispatchEvent(new CustomEvent("imr-test", {detail}))` with `detail`:
/// - `"hold"`: the workers' answers (and deaths) are held back, in order, until released;
/// - `"release N"`: the N oldest held back are delivered; `"flow"`: all, and no more holding;
/// - `"advance MS"`: the scheduler's clock jumps MS milliseconds ahead (the watchdog).
///
/// After each event `<body>` shows `data-test-in-flight` (files sent and not answered, as the
/// scheduler sees them), `data-test-held` and `data-test-workers`.
struct Hooks {
    holding: bool,
    held: VecDeque<(usize, Event<Answer>)>,
    clock_offset: u64,
    _listener: Option<EventListener>,
}

impl Hooks {
    fn new(me: Weak<RefCell<Runner>>) -> Hooks {
        let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
            EventListener::new(&doc, "imr-test", move |ev| {
                let detail = js_sys::Reflect::get(ev, &"detail".into())
                    .ok()
                    .and_then(|d| d.as_string())
                    .unwrap_or_default();
                if let Some(rc) = me.upgrade() {
                    Hooks::command(&rc, &detail);
                }
            })
        });
        Hooks {
            holding: false,
            held: VecDeque::new(),
            clock_offset: 0,
            _listener: listener,
        }
    }

    fn command(rc: &Rc<RefCell<Runner>>, detail: &str) {
        let (verb, n) = detail.split_once(' ').unwrap_or((detail, ""));
        let n: u64 = n.parse().unwrap_or(0);
        let release = {
            let mut r = rc.borrow_mut();
            let Some(h) = &mut r.hooks else { return };
            match verb {
                "hold" => h.holding = true,
                "flow" => h.holding = false,
                "advance" => h.clock_offset += n,
                _ => {}
            }
            let count = match verb {
                "release" => n as usize,
                "flow" => h.held.len(),
                _ => 0,
            };
            let count = count.min(h.held.len());
            h.held.drain(..count).collect::<Vec<_>>()
        };
        for (_, event) in release {
            Runner::feed(rc, event);
        }
        Runner::feed(rc, Event::Timer); // the clock may have moved
    }

    fn publish(&self, sched: &Scheduler<Answer>) {
        if let Some(body) = body() {
            let _ = body.set_attribute("data-test-in-flight", &sched.in_flight().to_string());
            let _ = body.set_attribute("data-test-held", &self.held.len().to_string());
            let _ = body.set_attribute("data-test-workers", &sched.live_workers().to_string());
        }
    }
}
