//! Telling "over the memory limit" from other crashes. The child runs under an address-space
//! limit; when an allocation fails there, the allocator below writes [`MARKER`] to standard
//! error and exits with [`EXIT_CODE`] at once, so that the parent knows the cause for sure
//! (without it the child would abort with SIGABRT, like a panic that aborts, or worse). In the
//! parent the allocator only forwards to the system's.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering};

/// What the child writes to standard error when memory ran out.
pub const MARKER: &str = "imr: out of memory under the child's limit";
/// The child's exit status when memory ran out.
pub const EXIT_CODE: i32 = 86;

static CHILD: AtomicBool = AtomicBool::new(false);

/// Makes an allocation failure in this process end it with [`EXIT_CODE`] (the child only).
pub fn exit_on_allocation_failure() {
    CHILD.store(true, Ordering::Relaxed);
}

/// The system allocator, with the child's exit on failure.
pub struct Guarded;

// SAFETY: every method forwards to `System` with the same arguments; a null result is either
// returned as is or ends the process.
unsafe impl GlobalAlloc for Guarded {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        checked(System.alloc(layout))
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        checked(System.alloc_zeroed(layout))
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        checked(System.realloc(ptr, layout, new_size))
    }
}

fn checked(ptr: *mut u8) -> *mut u8 {
    if ptr.is_null() && CHILD.load(Ordering::Relaxed) {
        out_of_memory();
    }
    ptr
}

#[cfg(unix)]
fn out_of_memory() -> ! {
    const LINE: &[u8] = b"imr: out of memory under the child's limit\n";
    // SAFETY: write(2) and _exit(2) allocate nothing and are safe to call at any point.
    unsafe {
        libc::write(2, LINE.as_ptr().cast(), LINE.len());
        libc::_exit(EXIT_CODE)
    }
}

#[cfg(not(unix))]
fn out_of_memory() -> ! {
    std::process::exit(EXIT_CODE)
}
