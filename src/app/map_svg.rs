//! A plotters drawing backend that writes SVG and labels shapes: the map's export and `ses
//! map` need one `<path>` per area carrying its id and tier (`data-id`, `data-tier`) so that a
//! reader, a test or a newsroom's script can tell which shape is which. plotters' own SVG
//! backend writes anonymous `<polygon>`s and has no way to add attributes, so the drawing code
//! tells this backend, through a shared slot, which feature the next filled shape is.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::rc::Rc;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};

/// What a tagging backend learns about the shape drawn next: the feature's id and tier.
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureTag {
    pub id: String,
    pub tier: Option<u8>,
}

/// The SVG being written, and the tag of the next filled shape.
pub struct TaggedSvg {
    size: (u32, u32),
    body: Rc<RefCell<String>>,
    tag: Rc<RefCell<Option<FeatureTag>>>,
}

/// Drawing into a string cannot fail; plotters still asks for an error type.
#[derive(Debug)]
pub struct NeverFails;

impl std::fmt::Display for NeverFails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SVG writing failed")
    }
}

impl std::error::Error for NeverFails {}

type Drawn = Result<(), DrawingErrorKind<NeverFails>>;

/// Escapes text for XML attributes and content.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn colour(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn opacity(c: BackendColor, attribute: &str) -> String {
    if c.alpha >= 1.0 { String::new() } else { format!(" {attribute}=\"{:.3}\"", c.alpha) }
}

impl TaggedSvg {
    /// Runs `draw` on a fresh SVG of `size` and returns the document. `draw` gets the drawing
    /// area and the function that sets the next shape's tag.
    ///
    /// # Errors
    /// What `draw` returns.
    pub fn render<F>(size: (u32, u32), draw: F) -> Result<String, String>
    where
        F: FnOnce(&DrawingArea<TaggedSvg, Shift>, &mut dyn FnMut(Option<FeatureTag>)) -> Result<(), String>,
    {
        let body = Rc::new(RefCell::new(String::new()));
        let tag = Rc::new(RefCell::new(None));
        let backend = TaggedSvg { size, body: Rc::clone(&body), tag: Rc::clone(&tag) };
        let root = backend.into_drawing_area();
        let mut set_tag = |t: Option<FeatureTag>| *tag.borrow_mut() = t;
        draw(&root, &mut set_tag)?;
        drop(root);
        let (w, h) = size;
        let body = body.borrow();
        Ok(format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"sans-serif\">\n{body}</svg>\n"
        ))
    }

    fn push(&self, element: &str) {
        let mut body = self.body.borrow_mut();
        body.push_str(element);
        body.push('\n');
    }
}

fn points_attribute(points: impl IntoIterator<Item = BackendCoord>) -> String {
    let mut out = String::new();
    for (i, (x, y)) in points.into_iter().enumerate() {
        let _ = write!(out, "{}{x},{y}", if i == 0 { "" } else { " " });
    }
    out
}

impl DrawingBackend for TaggedSvg {
    type ErrorType = NeverFails;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, c: BackendColor) -> Drawn {
        if c.alpha > 0.0 {
            self.push(&format!(
                "<rect x=\"{x}\" y=\"{y}\" width=\"1\" height=\"1\" fill=\"{}\"{}/>",
                colour(c),
                opacity(c, "fill-opacity")
            ));
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(&mut self, (x0, y0): BackendCoord, (x1, y1): BackendCoord, style: &S) -> Drawn {
        let c = style.color();
        self.push(&format!(
            "<line x1=\"{x0}\" y1=\"{y0}\" x2=\"{x1}\" y2=\"{y1}\" stroke=\"{}\"{} stroke-width=\"{}\"/>",
            colour(c),
            opacity(c, "stroke-opacity"),
            style.stroke_width()
        ));
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(&mut self, (x0, y0): BackendCoord, (x1, y1): BackendCoord, style: &S, fill: bool) -> Drawn {
        let c = style.color();
        let paint = if fill {
            format!("fill=\"{}\"{}", colour(c), opacity(c, "fill-opacity"))
        } else {
            format!("fill=\"none\" stroke=\"{}\"{} stroke-width=\"{}\"", colour(c), opacity(c, "stroke-opacity"), style.stroke_width())
        };
        self.push(&format!("<rect x=\"{x0}\" y=\"{y0}\" width=\"{}\" height=\"{}\" {paint}/>", x1 - x0, y1 - y0));
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Drawn {
        let c = style.color();
        self.push(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\"{} stroke-width=\"{}\"/>",
            points_attribute(path),
            colour(c),
            opacity(c, "stroke-opacity"),
            style.stroke_width()
        ));
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(&mut self, (x, y): BackendCoord, radius: u32, style: &S, fill: bool) -> Drawn {
        let c = style.color();
        let paint = if fill { format!("fill=\"{}\"", colour(c)) } else { format!("fill=\"none\" stroke=\"{}\"", colour(c)) };
        self.push(&format!("<circle cx=\"{x}\" cy=\"{y}\" r=\"{radius}\" {paint}/>"));
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vertices: I, style: &S) -> Drawn {
        let c = style.color();
        let tag = self.tag.borrow().clone();
        match tag {
            Some(tag) => {
                let mut d = String::new();
                for (i, (x, y)) in vertices.into_iter().enumerate() {
                    let _ = write!(d, "{}{x} {y}", if i == 0 { "M" } else { "L" });
                }
                d.push('Z');
                self.push(&format!(
                    "<path d=\"{d}\" fill=\"{}\" data-id=\"{}\" data-tier=\"{}\"/>",
                    colour(c),
                    xml_escape(&tag.id),
                    tag.tier.map(|t| t.to_string()).unwrap_or_default()
                ));
            }
            None => self.push(&format!(
                "<polygon points=\"{}\" fill=\"{}\"{}/>",
                points_attribute(vertices),
                colour(c),
                opacity(c, "fill-opacity")
            )),
        }
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, (x, y): BackendCoord) -> Drawn {
        let c = style.color();
        let anchor = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Center => "middle",
            HPos::Right => "end",
        };
        let baseline = match style.anchor().v_pos {
            VPos::Top => "hanging",
            VPos::Center => "middle",
            VPos::Bottom => "auto",
        };
        self.push(&format!(
            "<text x=\"{x}\" y=\"{y}\" font-size=\"{}\" fill=\"{}\" text-anchor=\"{anchor}\" dominant-baseline=\"{baseline}\">{}</text>",
            style.size(),
            colour(c),
            xml_escape(text)
        ));
        Ok(())
    }

    fn estimate_text_size<T: BackendTextStyle>(&self, text: &str, style: &T) -> Result<(u32, u32), DrawingErrorKind<NeverFails>> {
        // Half an em per character is close for sans-serif text; only the legend's layout uses it.
        let size = style.size();
        Ok(((text.chars().count() as f64 * size * 0.55).ceil() as u32, size.ceil() as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tagged_shapes_become_labelled_paths_and_text_is_escaped() {
        let svg = TaggedSvg::render((100, 50), |root, tag| {
            tag(Some(FeatureTag { id: "A&B \"1\"".into(), tier: Some(2) }));
            root.draw(&Polygon::new(vec![(0, 0), (10, 0), (10, 10)], RED.filled())).map_err(|e| format!("{e:?}"))?;
            tag(Some(FeatureTag { id: "no-data".into(), tier: None }));
            root.draw(&Polygon::new(vec![(0, 0), (10, 0), (10, 10)], WHITE.filled())).map_err(|e| format!("{e:?}"))?;
            tag(None);
            root.draw(&Polygon::new(vec![(0, 0), (5, 0), (5, 5)], BLUE.filled())).map_err(|e| format!("{e:?}"))?;
            root.draw(&Text::new("<Tier 1>", (5, 5), ("sans-serif", 12))).map_err(|e| format!("{e:?}"))?;
            Ok(())
        })
        .unwrap();
        assert!(svg.contains("<path d=\"M0 0L10 0L10 10Z\" fill=\"#ff0000\" data-id=\"A&amp;B &quot;1&quot;\" data-tier=\"2\"/>"), "{svg}");
        assert!(svg.contains("data-id=\"no-data\" data-tier=\"\""));
        assert_eq!(svg.matches("<path ").count(), 2, "an untagged shape is not an area");
        assert!(svg.contains(">&lt;Tier 1&gt;</text>"));
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"50\""));
    }
}
