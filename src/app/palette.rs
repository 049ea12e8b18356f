//! The app's colours, one place for the charts, the map and the tables: the tier colours
//! (colour-blind safe, always paired with words or numbers) and their written forms.

use plotters::style::RGBColor;

/// Colour-blind-safe tier colours (Okabe–Ito), tier 1 first. Charts always pair them with a
/// legend in words, and the table with numbers.
pub const TIER_COLOURS: [RGBColor; 8] = [
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(230, 159, 0),   // orange
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(0, 114, 178),   // blue
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(240, 228, 66),  // yellow
    RGBColor(90, 90, 90),    // grey
];

/// Colour of tier `t` (1-based).
pub fn tier_colour(t: u8) -> RGBColor {
    TIER_COLOURS[(usize::from(t.max(1)) - 1) % TIER_COLOURS.len()]
}

/// Hex form of a colour (`#rrggbb`), for HTML and SVG.
pub fn hex(c: RGBColor) -> String {
    let RGBColor(r, g, b) = c;
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Hex form of a tier colour, for HTML.
pub fn tier_colour_hex(t: u8) -> String {
    hex(tier_colour(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tier_colours_in_hex() {
        assert_eq!(tier_colour_hex(1), "#d55e00");
        assert_eq!(hex(tier_colour(9)), hex(tier_colour(1)), "the colours repeat after eight tiers");
    }
}
