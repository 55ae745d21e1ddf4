//! Reads scans in the page: a thin shell around the OCR worker (`static/ocr/imr-ocr-worker.js`),
//! which is started only when a file turns out to have no text layer or to be an image, so the
//! text recogniser (its wasm and English model, a few MB) never loads on a first visit.
//!
//! One file at a time (the engine is heavy): the worker reports its loading in bytes and each
//! page before it is recognised, then answers with the page's `Reply` JSON. Cancelling
//! terminates the worker; the next scan starts a new one (its files then come from the service
//! worker's cache). The single-file edition carries no recogniser: a scan there gets a clear
//! failure that sends the reader to the served version.
//!
//! With each letter the worker sends the pages as it read them (downscaled PNG blobs): they are
//! kept per file as `blob:` URLs ([`page_images`]) for the letter view's page images.
//! (*Make scans readable offline* is `static/imr-offline.js`, a plain script.)

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::UseReducerDispatcher;

use crate::protocol::{Failure, Reply};
use crate::runner::single_file_edition;
use crate::state::{Action, AppState, OcrStage};

/// Where the OCR worker is, relative to the page (an ES module worker).
pub const OCR_WORKER_URL: &str = "./ocr/imr-ocr-worker.js";

/// The failure codes of the parsing worker that send a file to OCR: a PDF without a text layer,
/// a PDF with pages without text, an image file.
pub const OCR_CODES: [&str; 3] = [
    "no-text-layer",
    crate::protocol::PAGES_WITHOUT_TEXT,
    crate::protocol::SCAN_IMAGE,
];

/// The running worker and its listeners; dropping it terminates the worker.
struct Link {
    worker: Worker,
    _listeners: [EventListener; 2],
}

impl Drop for Link {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

struct OcrRunner {
    /// Files waiting, by entry id.
    queue: VecDeque<(u32, web_sys::File)>,
    /// The worker, kept between files once loaded.
    link: Option<Link>,
    /// The entry being read.
    current: Option<u32>,
    dispatch: UseReducerDispatcher<AppState>,
    me: Weak<RefCell<OcrRunner>>,
}

/// The page's OCR queue (cloned cheaply).
#[derive(Clone)]
pub struct OcrHandle(Rc<RefCell<OcrRunner>>);

impl OcrHandle {
    pub fn new(dispatch: UseReducerDispatcher<AppState>) -> Self {
        OcrHandle(Rc::new_cyclic(|me| {
            RefCell::new(OcrRunner {
                queue: VecDeque::new(),
                link: None,
                current: None,
                dispatch,
                me: me.clone(),
            })
        }))
    }

    /// Queues a file for OCR (its entry shows it waiting).
    pub fn add(&self, id: u32, file: web_sys::File) {
        let dispatch = self.0.borrow().dispatch.clone();
        if single_file_edition() {
            let failure = Failure {
                code: "ocr-not-in-single-file".into(),
                message: "This file is a scan: scans are read by OCR in the served version of this reader only (this single file does not carry the text recogniser).".into(),
            };
            dispatch.dispatch(Action::Finished(vec![(id, Err(failure))]));
            return;
        }
        dispatch.dispatch(Action::Ocr(id, OcrStage::Waiting));
        self.0.borrow_mut().queue.push_back((id, file));
        OcrRunner::next(&self.0);
    }

    /// Stops the file being read and drops the queue (the state marks them cancelled).
    pub fn cancel(&self) {
        let mut r = self.0.borrow_mut();
        r.queue.clear();
        r.current = None;
        r.link = None;
    }
}

impl OcrRunner {
    /// Starts the next file when none is being read.
    fn next(rc: &Rc<RefCell<OcrRunner>>) {
        let mut r = rc.borrow_mut();
        if r.current.is_some() {
            return;
        }
        let Some((id, file)) = r.queue.pop_front() else {
            return;
        };
        if r.link.is_none() {
            match r.spawn() {
                Ok(link) => r.link = Some(link),
                Err(_) => {
                    let dispatch = r.dispatch.clone();
                    drop(r);
                    dispatch.dispatch(Action::Finished(vec![(id, Err(unavailable()))]));
                    return OcrRunner::next(rc);
                }
            }
        }
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"id".into(), &JsValue::from(id));
        let _ = js_sys::Reflect::set(&msg, &"file".into(), &file);
        let sent = r
            .link
            .as_ref()
            .is_some_and(|l| l.worker.post_message(&msg).is_ok());
        if sent {
            r.current = Some(id);
        } else {
            let dispatch = r.dispatch.clone();
            drop(r);
            dispatch.dispatch(Action::Finished(vec![(id, Err(unavailable()))]));
            OcrRunner::next(rc);
        }
    }

    fn spawn(&self) -> Result<Link, JsValue> {
        let (me, me2) = (self.me.clone(), self.me.clone());
        start_worker(
            Box::new(move |data| {
                if let Some(rc) = me.upgrade() {
                    OcrRunner::on_message(&rc, &data);
                }
            }),
            // Handled: the file fails, the next one gets a new worker.
            Box::new(move || {
                if let Some(rc) = me2.upgrade() {
                    OcrRunner::died(&rc);
                }
            }),
        )
    }

    fn on_message(rc: &Rc<RefCell<OcrRunner>>, data: &JsValue) {
        let get = |k: &str| js_sys::Reflect::get(data, &k.into()).ok();
        let num = |k: &str| get(k).and_then(|v| v.as_f64()).unwrap_or(0.0);
        let id = num("id") as u32;
        let (current, dispatch) = {
            let r = rc.borrow();
            (r.current, r.dispatch.clone())
        };
        if current != Some(id) {
            return; // a cancelled file's late message
        }
        if let Some(reply) = get("reply").and_then(|v| v.as_string()) {
            if let Some(images) = get("images").filter(js_sys::Array::is_array) {
                keep_page_images(id, &js_sys::Array::from(&images));
            }
            let result = serde_json::from_str::<Reply>(&reply)
                .map_err(|_| unavailable())
                .and_then(Reply::into_result)
                .map(Box::new);
            rc.borrow_mut().current = None;
            dispatch.dispatch(Action::Finished(vec![(id, result)]));
            OcrRunner::next(rc);
            return;
        }
        let stage = match get("stage").and_then(|v| v.as_string()).as_deref() {
            Some("loading") => OcrStage::Loading {
                loaded: num("loaded") as u64,
                total: num("total") as u64,
            },
            Some("page") => OcrStage::Page {
                page: num("page") as usize,
                pages: num("pages") as usize,
            },
            _ => return,
        };
        dispatch.dispatch(Action::Ocr(id, stage));
    }

    /// The worker crashed (a trap in the engine, memory): the file fails, the next gets a new
    /// worker.
    fn died(rc: &Rc<RefCell<OcrRunner>>) {
        let (current, dispatch) = {
            let mut r = rc.borrow_mut();
            r.link = None;
            (r.current.take(), r.dispatch.clone())
        };
        if let Some(id) = current {
            let failure = Failure {
                code: "ocr-crashed".into(),
                message:
                    "The text recogniser stopped on this file; it was restarted for the others."
                        .into(),
            };
            dispatch.dispatch(Action::Finished(vec![(id, Err(failure))]));
        }
        OcrRunner::next(rc);
    }
}

/// Starts the OCR worker with its two listeners (an `error` is handled: never the console's).
fn start_worker(
    on_message: Box<dyn Fn(JsValue)>,
    on_error: Box<dyn Fn()>,
) -> Result<Link, JsValue> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(OCR_WORKER_URL, &options)?;
    let on_message = EventListener::new(&worker, "message", move |ev| {
        if let Some(data) = ev.dyn_ref::<MessageEvent>().map(MessageEvent::data) {
            on_message(data);
        }
    });
    let options = EventListenerOptions::enable_prevent_default();
    let on_error = EventListener::new_with_options(&worker, "error", options, move |ev| {
        ev.prevent_default();
        on_error();
    });
    Ok(Link {
        worker,
        _listeners: [on_message, on_error],
    })
}

fn unavailable() -> Failure {
    Failure {
        code: "ocr-unavailable".into(),
        message: "The text recogniser could not be started in this browser.".into(),
    }
}

/// A file's page images: a `blob:` URL per page (`None` for a page read from its text layer).
pub type PageUrls = Rc<[Option<String>]>;

thread_local! {
    /// The page images of each file read by OCR, by entry id: a `blob:` URL per page (`None`
    /// for a page read from its text layer).
    /// (A list, not a map: a few scans at most are read in a visit, and a map's hashing
    /// would cost the page's wasm more than the search.)
    static PAGE_IMAGES: RefCell<Vec<(u32, PageUrls)>> = const { RefCell::new(Vec::new()) };
}

/// The page images of file `entry`, if it was read by OCR here.
pub fn page_images(entry: u32) -> Option<PageUrls> {
    PAGE_IMAGES.with(|m| {
        m.borrow()
            .iter()
            .find(|(e, _)| *e == entry)
            .map(|(_, urls)| urls.clone())
    })
}

/// Forgets every page image (their blobs are freed).
pub fn forget_page_images() {
    PAGE_IMAGES.with(|m| {
        for (_, urls) in m.borrow_mut().drain(..) {
            for url in urls.iter().flatten() {
                let _ = web_sys::Url::revoke_object_url(url);
            }
        }
    });
}

fn keep_page_images(entry: u32, images: &js_sys::Array) {
    let urls: PageUrls = images
        .iter()
        .map(|b| {
            b.dyn_into::<web_sys::Blob>()
                .ok()
                .and_then(|b| web_sys::Url::create_object_url_with_blob(&b).ok())
        })
        .collect();
    PAGE_IMAGES.with(|m| {
        let mut m = m.borrow_mut();
        m.retain(|(e, _)| *e != entry);
        m.push((entry, urls));
    });
}
