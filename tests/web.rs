//! Browser tests (wasm-bindgen-test in headless Chromium): the app renders the demo, a slider
//! input updates shares, the summary and the ranking, a refused change keeps the data and says
//! why, and the engine produces the same demo bytes as the native build.
//! Run: `cargo test --target wasm32-unknown-unknown --test web`.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

use ses_explorer::engine::demo::{DEMO_FINGERPRINT, DEMO_STUDENTS_FINGERPRINT, DemoDistrict, demo_students_fingerprint};
use ses_explorer::ui::App;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh app in its own container and waits for it to render.
async fn mount() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

fn find(root: &Element, testid: &str) -> Element {
    root.query_selector(&format!("[data-testid=\"{testid}\"]")).unwrap().unwrap_or_else(|| panic!("no {testid}"))
}

fn text(root: &Element, testid: &str) -> String {
    find(root, testid).text_content().unwrap_or_default()
}

fn first_school(root: &Element) -> String {
    root.query_selector("[data-testid=school-row]").unwrap().unwrap().get_attribute("data-school-id").unwrap()
}

async fn set_number(root: &Element, testid: &str, value: &str) {
    let input: HtmlInputElement = find(root, testid).dyn_into().unwrap();
    input.set_value(value);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
fn the_engine_generates_the_same_demo_bytes_as_the_native_build() {
    assert_eq!(DemoDistrict::default_district().fingerprint(), DEMO_FINGERPRINT);
}

/// Every child's SES of the demo under "Area and family, half each", as `ses students` writes
/// it natively: the same bytes in the browser.
#[wasm_bindgen_test]
fn every_student_ses_is_the_same_bytes_as_the_native_build() {
    assert_eq!(demo_students_fingerprint(), DEMO_STUDENTS_FINGERPRINT);
}

#[wasm_bindgen_test]
async fn opens_on_the_labelled_synthetic_demo() {
    let root = mount().await;
    assert!(text(&root, "dataset").contains("synthetic"));
    assert_eq!(find(&root, "ranking-table").get_attribute("aria-rowcount").as_deref(), Some("171"));
    assert!(root.query_selector_all("[data-testid=school-row]").unwrap().length() > 10);
    assert!(text(&root, "summary").starts_with("0 schools change rank"));
    assert_eq!(text(&root, "share-0"), "20%");
}

#[wasm_bindgen_test]
async fn a_slider_input_updates_shares_summary_and_ranking() {
    let root = mount().await;
    let before = first_school(&root);
    // Only income counts: the ranking follows income alone.
    for i in 1..5 {
        set_number(&root, &format!("weight-slider-{i}"), "0").await;
    }
    assert_eq!(text(&root, "share-0"), "100%");
    let slider = find(&root, "weight-slider-0");
    assert_eq!(slider.get_attribute("aria-valuetext").as_deref(), Some("Median household income weight 20, share 100 percent"));
    assert!(!text(&root, "summary").starts_with("0 schools"), "{}", text(&root, "summary"));
    assert_ne!(first_school(&root), before, "the top of the ranking changes");
    let total = find(&root, "allocation-total");
    assert_eq!(total.get_attribute("data-allocated-cents"), total.get_attribute("data-pool-cents"));
}

#[wasm_bindgen_test]
async fn a_refused_change_keeps_the_results_and_says_why() {
    let root = mount().await;
    for i in 0..5 {
        set_number(&root, &format!("weight-input-{i}"), "0").await;
    }
    let error = find(&root, "error");
    assert_eq!(error.get_attribute("role").as_deref(), Some("alert"));
    assert!(error.text_content().unwrap().contains("all weights are zero"));
    // The last weight stayed: the formula and the ranking are still there.
    assert_eq!(text(&root, "share-4"), "100%");
    assert!(root.query_selector("[data-testid=school-row]").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn a_pool_change_is_allocated_to_the_cent() {
    let root = mount().await;
    set_number(&root, "pool", "1234567.89").await;
    let total = find(&root, "allocation-total");
    assert_eq!(total.get_attribute("data-pool-cents").as_deref(), Some("123456789"));
    assert_eq!(total.get_attribute("data-allocated-cents").as_deref(), Some("123456789"));
}

/// Puts a share link's fragment in the address bar, as opening the link would.
fn open_link(fragment: &str) {
    let history = web_sys::window().unwrap().history().unwrap();
    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(fragment)).unwrap();
}

fn demo_scenario() -> ses_explorer::app::scenario::Scenario {
    use ses_explorer::app::scenario::{Pinned, Scenario};
    use ses_explorer::engine::allocation::AllocationSettings;
    use ses_explorer::engine::demo::demo_formula;
    use ses_explorer::engine::model::RankBy;
    let mut formula = demo_formula();
    formula.indicators[0].weight = 64.0;
    Scenario::new(
        formula,
        AllocationSettings::default(),
        RankBy::default(),
        Pinned { formula: demo_formula(), allocation: AllocationSettings::default() },
    )
}

#[wasm_bindgen_test]
async fn a_share_link_restores_the_sliders() {
    open_link(&demo_scenario().to_fragment());
    let root = mount().await;
    yew::scheduler::flush().await;
    let slider: HtmlInputElement = find(&root, "weight-slider-0").dyn_into().unwrap();
    assert_eq!(slider.value(), "64");
    assert!(text(&root, "notice").contains("Opened the scenario from the share link"));
    open_link("#");
}

#[wasm_bindgen_test]
async fn a_share_link_for_other_columns_says_which_and_offers_the_demo() {
    let mut scenario = demo_scenario();
    scenario.formula.indicators[0].column = "Estimated Median Family Income".into();
    scenario.expects_columns.push("Estimated Median Family Income".into());
    open_link(&scenario.to_fragment());
    let root = mount().await;
    yew::scheduler::flush().await;
    let notice = text(&root, "notice");
    assert!(notice.contains("does not have: \"Estimated Median Family Income\""), "{notice}");
    assert_eq!(text(&root, "drop-pending"), "Use the demo data instead");
    let slider: HtmlInputElement = find(&root, "weight-slider-0").dyn_into().unwrap();
    assert_eq!(slider.value(), "20", "the demo's own formula stays");
    open_link("#");
}

#[wasm_bindgen_test]
async fn a_link_of_the_first_form_still_opens() {
    open_link(&demo_scenario().to_json_fragment());
    let root = mount().await;
    yew::scheduler::flush().await;
    let slider: HtmlInputElement = find(&root, "weight-slider-0").dyn_into().unwrap();
    assert_eq!(slider.value(), "64");
    open_link("#");
}

#[wasm_bindgen_test]
async fn a_link_from_a_newer_version_says_so_and_changes_nothing() {
    open_link("#s9=AAAA");
    let root = mount().await;
    yew::scheduler::flush().await;
    assert!(text(&root, "notice").contains("made by a newer version of SES Explorer"), "{}", text(&root, "notice"));
    let slider: HtmlInputElement = find(&root, "weight-slider-0").dyn_into().unwrap();
    assert_eq!(slider.value(), "20", "the demo's own formula stays");
    open_link("#");
}

#[wasm_bindgen_test]
async fn a_damaged_share_link_is_reported_not_fatal() {
    open_link("#scenario=%7B%22scenario_version%22%3A1");
    let root = mount().await;
    yew::scheduler::flush().await;
    assert!(text(&root, "notice").contains("the share link"), "{}", text(&root, "notice"));
    assert!(root.query_selector("[data-testid=school-row]").unwrap().is_some());
    open_link("#");
}
