//! Runs the parsing worker: a queue, up to [`WINDOW`] files in flight, cancel, and a restart
//! when the worker dies.
//!
//! The worker is a second wasm binary (`src/bin/imr-worker.rs`) that Trunk builds with
//! `data-type="worker"`; `static/imr-worker_loader.js` starts it. It answers its messages in
//! order, so when it dies (a panic traps and kills that worker only: the page sees an `error`
//! event), the oldest unanswered file is the one it died on: that file is marked failed, the
//! other unanswered ones go back to the front of the queue, and a fresh worker goes on.
//!
//! Results are handed to the page in groups (every [`FLUSH_MS`] ms, and at the end of a batch):
//! re-rendering the tables once per file would make a batch of hundreds quadratic.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};
use yew::UseReducerDispatcher;

use crate::protocol::{Failure, Parsed, Reply};
use crate::state::{Action, AppState};

/// Where the worker's loader is, relative to the page.
pub const WORKER_URL: &str = "./imr-worker_loader.js";
/// Files handed to the worker ahead of its answers (keeps it busy, keeps cancel prompt).
pub const WINDOW: usize = 8;
/// How long results wait to be shown together.
pub const FLUSH_MS: i32 = 120;
/// How long one file may keep the worker busy before the worker is stopped and restarted.
pub const FILE_LIMIT_MS: f64 = 30_000.0;
/// How often the watchdog looks.
const WATCH_MS: i32 = 1_000;

/// What to parse.
pub enum Job {
    Text(String),
    File(web_sys::File),
}

type Outcome = (u32, Result<Box<Parsed>, Failure>);

pub struct Runner {
    dispatch: UseReducerDispatcher<AppState>,
    worker: Option<Worker>,
    ready: bool,
    queue: VecDeque<(u32, JsValue)>,
    /// Sent and not answered yet, oldest first, with their messages (to resend after a crash).
    in_flight: VecDeque<(u32, JsValue)>,
    results: Vec<Outcome>,
    flush_scheduled: bool,
    next_id: u32,
    batch_started: Option<f64>,
    /// Since when the oldest unanswered file has been the one the worker is on.
    head_since: Option<f64>,
    watching: bool,
    me: Weak<RefCell<Runner>>,
    _on_message: Option<Closure<dyn FnMut(MessageEvent)>>,
    _on_error: Option<Closure<dyn FnMut(ErrorEvent)>>,
}

/// A shared handle, compared by identity (for Yew props).
#[derive(Clone)]
pub struct RunnerHandle(pub Rc<RefCell<Runner>>);

impl PartialEq for RunnerHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

fn message(id: u32, job: Job) -> JsValue {
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"id".into(), &JsValue::from(id));
    match job {
        Job::Text(t) => {
            let _ = js_sys::Reflect::set(&msg, &"text".into(), &JsValue::from_str(&t));
        }
        Job::File(f) => {
            let _ = js_sys::Reflect::set(&msg, &"file".into(), &f);
        }
    }
    msg.into()
}

impl RunnerHandle {
    pub fn new(dispatch: UseReducerDispatcher<AppState>) -> Self {
        let rc = Rc::new_cyclic(|me| {
            RefCell::new(Runner {
                dispatch,
                worker: None,
                ready: false,
                queue: VecDeque::new(),
                in_flight: VecDeque::new(),
                results: Vec::new(),
                flush_scheduled: false,
                next_id: 1,
                batch_started: None,
                head_since: None,
                watching: false,
                me: me.clone(),
                _on_message: None,
                _on_error: None,
            })
        });
        RunnerHandle(rc)
    }

    /// Queues named jobs; the page lists them at once, the worker reads them in order.
    pub fn add(&self, jobs: Vec<(String, Job)>) {
        if jobs.is_empty() {
            return;
        }
        let (dispatch, list) = {
            let mut r = self.0.borrow_mut();
            if r.in_flight.is_empty() && r.queue.is_empty() {
                r.batch_started = now();
            }
            let mut list = Vec::with_capacity(jobs.len());
            for (name, job) in jobs {
                let id = r.next_id;
                r.next_id += 1;
                list.push((id, name));
                let msg = message(id, job);
                r.queue.push_back((id, msg));
            }
            (r.dispatch.clone(), list)
        };
        dispatch.dispatch(Action::Added(list));
        Runner::pump(&self.0);
    }

    /// Drops the queue and stops the files being read; what was read stays.
    pub fn cancel(&self) {
        Runner::flush(&self.0);
        let dispatch = {
            let mut r = self.0.borrow_mut();
            r.queue.clear();
            if !r.in_flight.is_empty() {
                r.in_flight.clear();
                r.stop_worker();
            }
            r.batch_started = None;
            r.dispatch.clone()
        };
        dispatch.dispatch(Action::Cancel);
    }
}

impl Runner {
    fn stop_worker(&mut self) {
        if let Some(w) = self.worker.take() {
            w.terminate();
        }
        self.ready = false;
        self._on_message = None;
        self._on_error = None;
    }

    fn spawn(&mut self) {
        let Ok(worker) = Worker::new(WORKER_URL) else {
            self.fail_all("The parser could not be started in this browser.");
            return;
        };
        let me = self.me.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            if let Some(rc) = me.upgrade() {
                Runner::on_message(&rc, ev);
            }
        });
        let me = self.me.clone();
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |ev: ErrorEvent| {
            ev.prevent_default();
            if let Some(rc) = me.upgrade() {
                Runner::on_crash(&rc);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        self.worker = Some(worker);
        self.ready = false;
        self._on_message = Some(on_message);
        self._on_error = Some(on_error);
    }

    /// Every queued and unanswered file fails with `message` (the worker cannot start).
    fn fail_all(&mut self, message: &str) {
        let ids: Vec<u32> = self
            .in_flight
            .drain(..)
            .chain(self.queue.drain(..))
            .map(|(id, _)| id)
            .collect();
        for id in ids {
            self.results.push((
                id,
                Err(Failure {
                    code: "worker-unavailable".into(),
                    message: message.into(),
                }),
            ));
        }
    }

    /// Sends files while the worker is ready and the window has room; starts the worker.
    fn pump(rc: &Rc<RefCell<Runner>>) {
        let mut r = rc.borrow_mut();
        if r.queue.is_empty() {
            return;
        }
        if r.worker.is_none() {
            r.spawn();
            return;
        }
        if r.ready && !r.watching {
            r.watching = true;
            Runner::schedule_watch(&r.me);
        }
        while r.ready && r.in_flight.len() < WINDOW {
            let Some((id, msg)) = r.queue.pop_front() else {
                break;
            };
            let sent = r
                .worker
                .as_ref()
                .is_some_and(|w| w.post_message(&msg).is_ok());
            if sent {
                if r.in_flight.is_empty() {
                    r.head_since = now();
                }
                r.in_flight.push_back((id, msg));
            } else {
                r.results.push((
                    id,
                    Err(Failure {
                        code: "unreadable".into(),
                        message: "The browser could not hand this file to the parser.".into(),
                    }),
                ));
            }
        }
    }

    fn on_message(rc: &Rc<RefCell<Runner>>, ev: MessageEvent) {
        let Some(s) = ev.data().as_string() else {
            return;
        };
        if s == "ready" {
            rc.borrow_mut().ready = true;
            Runner::pump(rc);
            return;
        }
        let Ok(reply) = serde_json::from_str::<Reply>(&s) else {
            return;
        };
        {
            let mut r = rc.borrow_mut();
            let Some(pos) = r.in_flight.iter().position(|(id, _)| *id == reply.id) else {
                return; // an answer for a cancelled file
            };
            r.in_flight.remove(pos);
            if pos == 0 {
                r.head_since = now();
            }
            let id = reply.id;
            r.results.push((id, reply.into_result().map(Box::new)));
        }
        Runner::pump(rc);
        Runner::after_result(rc);
    }

    fn on_crash(rc: &Rc<RefCell<Runner>>) {
        Runner::fail_head(
            rc,
            "parser-crashed",
            "The parser stopped on this file; it was restarted for the others.",
        );
    }

    /// Looks every [`WATCH_MS`] whether one file has kept the worker busy too long.
    fn schedule_watch(me: &Weak<RefCell<Runner>>) {
        let me = me.clone();
        let tick = Closure::once_into_js(move || {
            let Some(rc) = me.upgrade() else { return };
            let stuck = {
                let mut r = rc.borrow_mut();
                if r.in_flight.is_empty() && r.queue.is_empty() {
                    r.watching = false;
                    return;
                }
                let since = r.head_since.filter(|_| !r.in_flight.is_empty());
                matches!((since, now()), (Some(t0), Some(t1)) if t1 - t0 > FILE_LIMIT_MS)
            };
            if stuck {
                Runner::fail_head(
                    &rc,
                    "too-slow",
                    "Reading this file took longer than 30 seconds; it was stopped and the parser restarted for the others.",
                );
            }
            Runner::schedule_watch(&rc.borrow().me);
        });
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                tick.unchecked_ref(),
                WATCH_MS,
            );
        }
    }

    /// The worker is stopped; the file it was on fails with `code` and `message`, the others
    /// it had not answered go first to a fresh worker.
    fn fail_head(rc: &Rc<RefCell<Runner>>, code: &str, message: &str) {
        {
            let mut r = rc.borrow_mut();
            let was_ready = r.ready;
            r.stop_worker();
            match r.in_flight.pop_front() {
                Some((id, _)) => {
                    r.results.push((
                        id,
                        Err(Failure {
                            code: code.into(),
                            message: message.into(),
                        }),
                    ));
                    // The others it had not answered go first to the next worker.
                    while let Some(job) = r.in_flight.pop_back() {
                        r.queue.push_front(job);
                    }
                }
                None if !was_ready => {
                    // It died while starting: restarting would only loop.
                    r.fail_all("The parser could not be started (its code failed to load).");
                }
                None => {}
            }
        }
        Runner::pump(rc);
        Runner::after_result(rc);
    }

    /// Shows results now at the end of a batch, else soon (grouped).
    fn after_result(rc: &Rc<RefCell<Runner>>) {
        let done = {
            let r = rc.borrow();
            r.queue.is_empty() && r.in_flight.is_empty()
        };
        if done {
            Runner::flush(rc);
            let mut r = rc.borrow_mut();
            if let (Some(t0), Some(t1)) = (r.batch_started.take(), now()) {
                // Whole milliseconds on <body data-last-batch-ms>, read by the benchmark
                // (float formatting would cost the page ~10 KB of wasm).
                let ms = (t1 - t0).max(0.0) as u64;
                if let Some(body) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.body())
                {
                    let _ = body.set_attribute("data-last-batch-ms", &ms.to_string());
                }
            }
            return;
        }
        let mut r = rc.borrow_mut();
        if r.flush_scheduled {
            return;
        }
        r.flush_scheduled = true;
        let me = r.me.clone();
        let tick = Closure::once_into_js(move || {
            if let Some(rc) = me.upgrade() {
                Runner::flush(&rc);
            }
        });
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                tick.unchecked_ref(),
                FLUSH_MS,
            );
        }
    }

    /// Hands the waiting results to the page in one action.
    fn flush(rc: &Rc<RefCell<Runner>>) {
        let (dispatch, results) = {
            let mut r = rc.borrow_mut();
            r.flush_scheduled = false;
            (r.dispatch.clone(), std::mem::take(&mut r.results))
        };
        if !results.is_empty() {
            dispatch.dispatch(Action::Finished(results));
        }
    }
}

fn now() -> Option<f64> {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
}
