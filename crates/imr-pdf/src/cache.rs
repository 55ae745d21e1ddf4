//! A per-file memo of decoded objects and streams for the `pdf` crate: the letters keep their
//! objects in compressed object streams, which are otherwise decrypted and inflated again for
//! every object read. Single-threaded (wasm32 has no threads; native reads one file per call).

use std::cell::RefCell;
use std::collections::HashMap;

use pdf::file::Cache;
use pdf::object::PlainRef;

/// Values by object reference, kept for the life of one opened file.
pub(crate) struct Memo<T>(RefCell<HashMap<PlainRef, T>>);

impl<T> Memo<T> {
    pub(crate) fn new() -> Self {
        Memo(RefCell::new(HashMap::new()))
    }
}

impl<T: Clone> Cache<T> for Memo<T> {
    fn get_or_compute(&self, key: PlainRef, compute: impl FnOnce() -> T) -> T {
        if let Some(v) = self.0.borrow().get(&key) {
            return v.clone();
        }
        // `compute` may read other objects through this memo: hold no borrow while it runs.
        let v = compute();
        self.0.borrow_mut().insert(key, v.clone());
        v
    }
    fn clear(&self) {
        self.0.borrow_mut().clear();
    }
    fn remove(&self, key: PlainRef) {
        self.0.borrow_mut().remove(&key);
    }
}
