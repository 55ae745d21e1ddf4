//! The page's components, one per file.

pub mod app;
pub mod chart;
pub mod field;
pub mod file_list;
pub mod insights;
pub mod intake;
pub mod item_table;
pub mod landing;
pub mod letter_table;
pub mod letter_view;
pub mod ocr_status;
pub mod page_image;
pub mod progress;
pub mod source_view;
pub mod toolbar;
pub mod windowed;

pub use app::App;
