//! Runs the parsing worker: one job at a time, a queue, cancel, and a restart when it dies.
//!
//! The worker is a second wasm binary (`src/bin/imr-worker.rs`) that Trunk builds with
//! `data-type="worker"`; `static/imr-worker_loader.js` starts it. A panic there traps and kills
//! that worker only: the page sees an `error` event, marks the file it was reading as failed,
//! starts a fresh worker and goes on with the rest.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};
use yew::UseReducerDispatcher;

use crate::protocol::{Failure, Reply};
use crate::state::{Action, AppState};

/// Where the worker's loader is, relative to the page.
pub const WORKER_URL: &str = "./imr-worker_loader.js";

/// What to parse.
pub enum Job {
    Text(String),
    File(web_sys::File),
}

pub struct Runner {
    dispatch: UseReducerDispatcher<AppState>,
    worker: Option<Worker>,
    ready: bool,
    queue: VecDeque<(u32, Job)>,
    in_flight: Option<u32>,
    next_id: u32,
    batch_started: Option<f64>,
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

impl RunnerHandle {
    pub fn new(dispatch: UseReducerDispatcher<AppState>) -> Self {
        let rc = Rc::new_cyclic(|me| {
            RefCell::new(Runner {
                dispatch,
                worker: None,
                ready: false,
                queue: VecDeque::new(),
                in_flight: None,
                next_id: 1,
                batch_started: None,
                me: me.clone(),
                _on_message: None,
                _on_error: None,
            })
        });
        RunnerHandle(rc)
    }

    /// Queues named jobs; the page shows them at once, the worker reads them in order.
    pub fn add(&self, jobs: Vec<(String, Job)>) {
        if jobs.is_empty() {
            return;
        }
        let (dispatch, list) = {
            let mut r = self.0.borrow_mut();
            if r.in_flight.is_none() && r.queue.is_empty() {
                r.batch_started = now();
            }
            let mut list = Vec::with_capacity(jobs.len());
            for (name, job) in jobs {
                let id = r.next_id;
                r.next_id += 1;
                list.push((id, name));
                r.queue.push_back((id, job));
            }
            (r.dispatch.clone(), list)
        };
        dispatch.dispatch(Action::Added(list));
        Runner::pump(&self.0);
    }

    /// Drops the queue and stops the file being read.
    pub fn cancel(&self) {
        let dispatch = {
            let mut r = self.0.borrow_mut();
            r.queue.clear();
            if r.in_flight.take().is_some() {
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
        let worker = match Worker::new(WORKER_URL) {
            Ok(w) => w,
            Err(_) => {
                self.fail_all("The parser could not be started in this browser.");
                return;
            }
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

    fn fail_all(&mut self, message: &str) {
        let mut ids: Vec<u32> = self.queue.drain(..).map(|(id, _)| id).collect();
        ids.extend(self.in_flight.take());
        for id in ids {
            self.dispatch.dispatch(Action::Finished(
                id,
                Err(Failure {
                    code: "worker-unavailable".into(),
                    message: message.into(),
                }),
            ));
        }
    }

    /// Sends the next job when the worker is idle and ready; starts the worker when needed.
    fn pump(rc: &Rc<RefCell<Runner>>) {
        let mut r = rc.borrow_mut();
        if r.in_flight.is_some() || r.queue.is_empty() {
            return;
        }
        if r.worker.is_none() {
            r.spawn();
            return;
        }
        if !r.ready {
            return;
        }
        let Some((id, job)) = r.queue.pop_front() else {
            return;
        };
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
        r.in_flight = Some(id);
        if let Some(w) = &r.worker {
            if w.post_message(&msg).is_err() {
                r.in_flight = None;
                let d = r.dispatch.clone();
                drop(r);
                d.dispatch(Action::Finished(
                    id,
                    Err(Failure {
                        code: "unreadable".into(),
                        message: "The browser could not hand this file to the parser.".into(),
                    }),
                ));
                Runner::pump(rc);
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
        let id = reply.id;
        let result = reply.into_result().map(Box::new);
        let dispatch = {
            let mut r = rc.borrow_mut();
            if r.in_flight != Some(id) {
                return; // an answer for a cancelled job
            }
            r.in_flight = None;
            r.dispatch.clone()
        };
        dispatch.dispatch(Action::Finished(id, result));
        Runner::finish_batch_if_done(rc);
        Runner::pump(rc);
    }

    fn on_crash(rc: &Rc<RefCell<Runner>>) {
        let (dispatch, crashed) = {
            let mut r = rc.borrow_mut();
            let was_ready = r.ready;
            r.stop_worker();
            let crashed = r.in_flight.take();
            if crashed.is_none() && !was_ready {
                // It died while starting: restarting would only loop.
                r.fail_all("The parser could not be started (its code failed to load).");
                return;
            }
            (r.dispatch.clone(), crashed)
        };
        if let Some(id) = crashed {
            dispatch.dispatch(Action::Finished(
                id,
                Err(Failure {
                    code: "parser-crashed".into(),
                    message: "The parser stopped on this file; it was restarted for the others."
                        .into(),
                }),
            ));
        }
        Runner::finish_batch_if_done(rc);
        Runner::pump(rc);
    }

    /// Records the batch's wall time on `<body data-last-batch-ms>` (read by the benchmark).
    fn finish_batch_if_done(rc: &Rc<RefCell<Runner>>) {
        let mut r = rc.borrow_mut();
        if r.queue.is_empty() && r.in_flight.is_none() {
            if let (Some(t0), Some(t1)) = (r.batch_started.take(), now()) {
                if let Some(body) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.body())
                {
                    // Whole milliseconds: float formatting would cost the page ~10 KB of wasm.
                    let ms = (t1 - t0).max(0.0) as u64;
                    let _ = body.set_attribute("data-last-batch-ms", &ms.to_string());
                }
            }
        }
    }
}

fn now() -> Option<f64> {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
}
