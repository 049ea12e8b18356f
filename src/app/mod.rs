//! The app's logic that is not web-specific, as plain Rust tested natively: its state and
//! actions ([`state`]), the starting formulas ([`presets`]), importing a district's files
//! ([`import`]), scenario files and share links ([`scenario`]), what the detail panel shows
//! ([`detail`]), the backend-generic charts ([`charts`]), the map of the areas ([`map`],
//! written as labelled SVG by [`map_svg`]), the parts of the state each view subscribes to
//! ([`parts`]), the order of the school table ([`ranking`]) and numbers as people read them
//! ([`format`]), what the chart of funding against need draws ([`need_marks`]), and what the
//! page's first module hands to the whole page ([`handover`]), the message at the top of the page
//! ([`notice`]) and what a person is told when a part of the app does not arrive over the
//! network ([`network`]). `ui` renders it in the browser.

pub mod card;
pub mod charts;
pub mod child;
pub mod detail;
pub mod examples;
pub mod explorer;
pub mod file_refusal;
pub mod format;
pub mod handover;
pub mod i18n;
pub mod import;
pub mod map;
pub mod map_svg;
pub mod map_view;
pub mod need_marks;
pub mod network;
pub mod notice;
pub mod palette;
pub mod parts;
pub mod presenter;
pub mod presets;
pub mod proposals;
pub mod published;
pub mod ranking;
pub mod scenario;
pub mod share_link;
pub mod state;
pub mod story;
pub mod workshop;
