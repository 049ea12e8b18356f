//! The map of the areas: boundaries matched to the data and projected once per load
//! ([`AreaMap`]), the colouring of each area for the current result ([`MapFill`], cheap, redone
//! on every weight change), and the drawing of a finished map with its title and legend
//! ([`draw_map`]), generic over the plotters backend: the app's PNG export draws it on a canvas,
//! and the app's SVG export and `ses map` draw it with [`crate::app::map_svg::TaggedSvg`].
//!
//! Colour is never the only cue: every class has a name and a count in the legend, areas
//! without data are hatched, and areas that changed tier carry stripes.
//!
//! Three files, one job each: [`areas`] (boundaries matched and projected, moving between
//! areas), [`fill`] (the colouring and its legend), [`draw`] (the drawing).

mod areas;
mod draw;
mod fill;

pub use areas::{AreaMap, Direction, Listed, MAP_WIDTH, MapReport, SchoolPoint};
pub use draw::{draw_map, drawn_size, hatch_segments, svg, svg_areas};
pub use fill::{FillInput, MapClass, MapColour, MapFill, Marking, NO_DATA_COLOUR, fill};
