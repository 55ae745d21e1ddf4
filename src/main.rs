//! The web app's entry point (built by Trunk, see `index.html`).

fn main() {
    imr_web::components::app::register_service_worker();
    yew::Renderer::<imr_web::components::App>::new().render();
}
