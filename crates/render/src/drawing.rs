//! A printed page as drawing commands for a 2D canvas, for the live preview.
//!
//! A browser decodes an outline SVG of a page in 40–60 ms, most of it spent reading the
//! same glyph outlines again after every keystroke. Here each glyph's outline is sent
//! once (the canvas keeps it as a `Path2D`), and a page is a short list of numbers: which
//! glyph or path, in which colour, under which transform. What the list cannot say
//! exactly (gradients, tilings, raster and PDF images, stroked text, SVG images with
//! clips, masks or filters) makes [`draw_page`] return `None`, and the page is drawn
//! from its SVG instead.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use typst::layout::{Abs, Frame, FrameItem, Point, Ratio, Transform};
use typst::text::color::{glyph_frame, should_outline};
use typst::text::{FontInstance, TextItem};
use typst::visualize::{
    Curve, CurveItem, FillRule, FixedStroke, Geometry, Image, ImageKind, LineCap, LineJoin, Paint, Shape,
};
use typst_layout::Page;

/// The commands, each a code followed by its operands; a transform is six numbers
/// `a b c d e f` as in `CanvasRenderingContext2D.setTransform`, in points.
pub mod op {
    /// `GLYPH glyph colour a b c d e f`: fill the glyph's outline (in font units).
    pub const GLYPH: f64 = 1.0;
    /// `FILL path colour evenodd a b c d e f`: fill a path (in points).
    pub const FILL: f64 = 2.0;
    /// `STROKE path colour width cap join miter dash a b c d e f`: stroke a path. `cap` is
    /// 0 butt, 1 round, 2 square; `join` 0 miter, 1 round, 2 bevel; `dash` an index
    /// into [`super::Drawing::dashes`], or -1.
    pub const STROKE: f64 = 3.0;
    /// `CLIP path a b c d e f`: save the state, then clip to the path until `RESTORE`.
    pub const CLIP: f64 = 4.0;
    /// `RESTORE`: undo the last `CLIP`.
    pub const RESTORE: f64 = 5.0;
}

/// One page's commands.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Drawing {
    /// Width and height of the page, in points.
    pub size: (f64, f64),
    /// The commands ([`op`]).
    pub ops: Vec<f64>,
    /// SVG path data, referred to by index from `FILL`, `STROKE` and `CLIP`.
    pub paths: Vec<String>,
    /// CSS colours (`#rrggbbaa`), referred to by index.
    pub colors: Vec<String>,
    /// Dash patterns: the phase, then the lengths (an even number of them).
    pub dashes: Vec<Vec<f64>>,
    /// The outlines this drawing uses for the first time, as (glyph, SVG path data in
    /// font units, y up); the ones before were sent with earlier drawings.
    pub new_glyphs: Vec<(u32, String)>,
}

/// The glyph outlines already sent to one canvas, so each is sent once. Keep one for
/// as long as the receiving side keeps the outlines.
#[derive(Debug, Default)]
pub struct Glyphs {
    ids: HashMap<(FontInstance, u16), u32>,
    /// Glyphs with no outline (spaces): nothing to send or draw.
    blank: HashSet<(FontInstance, u16)>,
}

impl Glyphs {
    pub fn new() -> Self {
        Self::default()
    }

    /// How many outlines have been sent.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// Draws a page; `None` if it holds something the commands cannot draw exactly.
pub fn draw_page(page: &Page, glyphs: &mut Glyphs) -> Option<Drawing> {
    let size = page.frame.size();
    let mut drawer = Drawer { glyphs, drawing: Drawing::default(), colors: HashMap::new() };
    drawer.drawing.size = (size.x.to_pt(), size.y.to_pt());
    // Outlines are counted as sent only once the whole page can be drawn, so a page
    // given up on leaves none counted that the canvas never received. They are numbered
    // after the ones sent, in the order queued.
    let mut pending = Vec::new();
    if let Some(fill) = page.fill_or_white() {
        let background = Geometry::Rect(size).filled(fill);
        drawer.shape(Transform::identity(), &background)?;
    }
    drawer.frame(Transform::identity(), &page.frame, &mut pending)?;
    let Drawer { glyphs, mut drawing, .. } = drawer;
    for (key, outline) in pending {
        let id = u32::try_from(glyphs.ids.len()).ok()?;
        glyphs.ids.insert(key, id);
        drawing.new_glyphs.push((id, outline));
    }
    Some(drawing)
}

type Pending = Vec<((FontInstance, u16), String)>;

/// Where a glyph's outline stands.
enum Slot {
    /// Sent, or queued to be, under this number.
    Sent(f64),
    /// No outline (a space): nothing to draw.
    Blank,
}

/// An index into one of a drawing's tables, as a command's operand.
fn operand(index: usize) -> f64 {
    f64::from(u32::try_from(index).unwrap_or(u32::MAX))
}

struct Drawer<'a> {
    glyphs: &'a mut Glyphs,
    drawing: Drawing,
    colors: HashMap<String, usize>,
}

impl Drawer<'_> {
    fn frame(&mut self, ts: Transform, frame: &Frame, pending: &mut Pending) -> Option<()> {
        for (pos, item) in frame.items() {
            let at = ts.pre_concat(Transform::translate(pos.x, pos.y));
            match item {
                FrameItem::Group(group) => {
                    let inner = at.pre_concat(group.transform);
                    let clip = group.clip.as_ref();
                    if let Some(curve) = clip {
                        let path = self.path(curve_data(curve));
                        self.push(&[op::CLIP, path]);
                        self.transform(inner);
                    }
                    self.frame(inner, &group.frame, pending)?;
                    if clip.is_some() {
                        self.push(&[op::RESTORE]);
                    }
                }
                FrameItem::Text(text) => self.text(at, text, pending)?,
                FrameItem::Shape(shape, _) => self.shape(at, shape)?,
                FrameItem::Image(image, size, _) => self.image(at, image, size.x, size.y)?,
                FrameItem::Link(..) | FrameItem::Tag(_) => {}
            }
        }
        Some(())
    }

    fn text(&mut self, ts: Transform, text: &TextItem, pending: &mut Pending) -> Option<()> {
        if text.stroke.is_some() {
            return None;
        }
        let color = self.paint(&text.fill)?;
        let scale = text.size.to_pt() / text.font.units_per_em();
        let (mut x, mut y) = (Abs::zero(), Abs::zero());
        for glyph in &text.glyphs {
            let offset = Transform::translate(x + glyph.x_offset.at(text.size), -(y + glyph.y_offset.at(text.size)));
            let at = ts.pre_concat(offset);
            if should_outline(&text.font, ttf_parser::GlyphId(glyph.id)) {
                if let Slot::Sent(id) = self.glyph(&text.font, glyph.id, pending)? {
                    self.push(&[op::GLYPH, id, color]);
                    self.transform(at.pre_concat(Transform::scale(Ratio::new(scale), Ratio::new(-scale))));
                }
            } else if let Some(frame) = glyph_frame(&text.font, glyph.id) {
                // A colour glyph is a little frame of its own, in font units.
                let at = at.pre_concat(Transform::scale(Ratio::new(scale), Ratio::new(scale)));
                self.frame(at, &frame.into(), pending)?;
            }
            x += glyph.x_advance.at(text.size);
            y += glyph.y_advance.at(text.size);
        }
        Some(())
    }

    /// The glyph's number on the canvas, its outline queued if it was never sent;
    /// `Slot::Blank` for a glyph with no outline.
    fn glyph(&mut self, font: &FontInstance, glyph: u16, pending: &mut Pending) -> Option<Slot> {
        let key = (font.clone(), glyph);
        if let Some(&id) = self.glyphs.ids.get(&key) {
            return Some(Slot::Sent(f64::from(id)));
        }
        if self.glyphs.blank.contains(&key) {
            return Some(Slot::Blank);
        }
        let queued = pending.iter().position(|(queued, _)| *queued == key);
        let index = if let Some(index) = queued {
            index
        } else {
            let mut outline = Outline(String::new());
            if font.ttf().outline_glyph(ttf_parser::GlyphId(glyph), &mut outline).is_none() {
                self.glyphs.blank.insert(key);
                return Some(Slot::Blank);
            }
            pending.push((key, outline.0));
            pending.len() - 1
        };
        u32::try_from(self.glyphs.ids.len() + index).ok().map(|id| Slot::Sent(f64::from(id)))
    }

    fn shape(&mut self, ts: Transform, shape: &Shape) -> Option<()> {
        let data = match &shape.geometry {
            Geometry::Line(to) => format!("M0 0L{} {}", pt(to.x), pt(to.y)),
            Geometry::Rect(size) => format!("M0 0H{}V{}H0Z", pt(size.x), pt(size.y)),
            Geometry::Curve(curve) => curve_data(curve),
        };
        let fill = match &shape.fill {
            Some(paint) => Some(self.paint(paint)?),
            None => None,
        };
        let stroke = match &shape.stroke {
            Some(stroke) if stroke.thickness > Abs::zero() => Some(stroke),
            _ => None,
        };
        if fill.is_none() && stroke.is_none() {
            return Some(());
        }
        let path = self.path(data);
        if let Some(color) = fill {
            let evenodd = f64::from(u8::from(shape.fill_rule == FillRule::EvenOdd));
            self.push(&[op::FILL, path, color, evenodd]);
            self.transform(ts);
        }
        if let Some(FixedStroke { paint, thickness, cap, join, dash, miter_limit }) = stroke {
            let color = self.paint(paint)?;
            let cap = match cap {
                LineCap::Butt => 0.0,
                LineCap::Round => 1.0,
                LineCap::Square => 2.0,
            };
            let join = match join {
                LineJoin::Miter => 0.0,
                LineJoin::Round => 1.0,
                LineJoin::Bevel => 2.0,
            };
            let dash = match dash {
                Some(dash) => {
                    // A canvas repeats an odd list twice over, as PDF does.
                    let mut pattern = vec![dash.phase.to_pt()];
                    pattern.extend(dash.array.iter().map(|length| length.to_pt()));
                    self.drawing.dashes.push(pattern);
                    operand(self.drawing.dashes.len() - 1)
                }
                None => -1.0,
            };
            self.push(&[op::STROKE, path, color, thickness.to_pt(), cap, join, miter_limit.get(), dash]);
            self.transform(ts);
        }
        Some(())
    }

    /// An SVG image (the QR code) drawn from its parsed tree; other images are not drawn here.
    fn image(&mut self, ts: Transform, image: &Image, width: Abs, height: Abs) -> Option<()> {
        let ImageKind::Svg(svg) = image.kind() else { return None };
        let tree = svg.tree();
        let size = tree.size();
        let scale = Transform::scale(
            Ratio::new(width.to_pt() / f64::from(size.width())),
            Ratio::new(height.to_pt() / f64::from(size.height())),
        );
        self.svg_group(ts.pre_concat(scale), tree.root())
    }

    fn svg_group(&mut self, ts: Transform, group: &usvg::Group) -> Option<()> {
        let plain = group.clip_path().is_none()
            && group.mask().is_none()
            && group.filters().is_empty()
            && group.opacity() == usvg::Opacity::ONE
            && group.blend_mode() == usvg::BlendMode::Normal;
        if !plain {
            return None;
        }
        let ts = ts.pre_concat(svg_transform(group.transform()));
        for node in group.children() {
            match node {
                usvg::Node::Group(group) => self.svg_group(ts, group)?,
                usvg::Node::Path(path) => self.svg_path(ts, path)?,
                usvg::Node::Text(text) => self.svg_group(ts, text.flattened())?,
                usvg::Node::Image(_) => return None,
            }
        }
        Some(())
    }

    fn svg_path(&mut self, ts: Transform, path: &usvg::Path) -> Option<()> {
        if !path.is_visible() {
            return Some(());
        }
        if path.paint_order() != usvg::PaintOrder::FillAndStroke {
            return None;
        }
        let index = self.path(svg_path_data(path.data()));
        if let Some(fill) = path.fill() {
            let color = self.svg_paint(fill.paint(), fill.opacity())?;
            let evenodd = f64::from(u8::from(fill.rule() == usvg::FillRule::EvenOdd));
            self.push(&[op::FILL, index, color, evenodd]);
            self.transform(ts);
        }
        if let Some(stroke) = path.stroke() {
            let color = self.svg_paint(stroke.paint(), stroke.opacity())?;
            let cap = match stroke.linecap() {
                usvg::LineCap::Butt => 0.0,
                usvg::LineCap::Round => 1.0,
                usvg::LineCap::Square => 2.0,
            };
            let join = match stroke.linejoin() {
                usvg::LineJoin::Miter | usvg::LineJoin::MiterClip => 0.0,
                usvg::LineJoin::Round => 1.0,
                usvg::LineJoin::Bevel => 2.0,
            };
            let dash = match stroke.dasharray() {
                Some(array) => {
                    let mut pattern = vec![f64::from(stroke.dashoffset())];
                    pattern.extend(array.iter().map(|&length| f64::from(length)));
                    self.drawing.dashes.push(pattern);
                    operand(self.drawing.dashes.len() - 1)
                }
                None => -1.0,
            };
            let width = f64::from(stroke.width().get());
            let miter = f64::from(stroke.miterlimit().get());
            self.push(&[op::STROKE, index, color, width, cap, join, miter, dash]);
            self.transform(ts);
        }
        Some(())
    }

    fn svg_paint(&mut self, paint: &usvg::Paint, opacity: usvg::Opacity) -> Option<f64> {
        let usvg::Paint::Color(color) = paint else { return None };
        let alpha = opacity.to_u8();
        Some(self.color(format!("#{:02x}{:02x}{:02x}{alpha:02x}", color.red, color.green, color.blue)))
    }

    fn paint(&mut self, paint: &Paint) -> Option<f64> {
        let Paint::Solid(color) = paint else { return None };
        let [red, green, blue, alpha] = color.to_vec4_u8();
        Some(self.color(format!("#{red:02x}{green:02x}{blue:02x}{alpha:02x}")))
    }

    fn color(&mut self, css: String) -> f64 {
        let next = self.drawing.colors.len();
        let index = *self.colors.entry(css.clone()).or_insert(next);
        if index == next {
            self.drawing.colors.push(css);
        }
        operand(index)
    }

    fn path(&mut self, data: String) -> f64 {
        self.drawing.paths.push(data);
        operand(self.drawing.paths.len() - 1)
    }

    fn push(&mut self, numbers: &[f64]) {
        self.drawing.ops.extend_from_slice(numbers);
    }

    fn transform(&mut self, ts: Transform) {
        let Transform { sx, ky, kx, sy, tx, ty } = ts;
        self.push(&[sx.get(), ky.get(), kx.get(), sy.get(), tx.to_pt(), ty.to_pt()]);
    }
}

fn pt(length: Abs) -> f64 {
    length.to_pt()
}

fn curve_data(curve: &Curve) -> String {
    let mut data = String::new();
    let point = |data: &mut String, p: &Point| {
        let _ = write!(data, "{} {}", pt(p.x), pt(p.y));
    };
    for item in &curve.0 {
        match item {
            CurveItem::Move(p) => {
                data.push('M');
                point(&mut data, p);
            }
            CurveItem::Line(p) => {
                data.push('L');
                point(&mut data, p);
            }
            CurveItem::Cubic(a, b, c) => {
                data.push('C');
                for (i, p) in [a, b, c].into_iter().enumerate() {
                    if i > 0 {
                        data.push(' ');
                    }
                    point(&mut data, p);
                }
            }
            CurveItem::Close => data.push('Z'),
        }
    }
    data
}

fn svg_path_data(path: &usvg::tiny_skia_path::Path) -> String {
    use usvg::tiny_skia_path::PathSegment;
    let mut data = String::new();
    for segment in path.segments() {
        let _ = match segment {
            PathSegment::MoveTo(p) => write!(data, "M{} {}", p.x, p.y),
            PathSegment::LineTo(p) => write!(data, "L{} {}", p.x, p.y),
            PathSegment::QuadTo(a, p) => write!(data, "Q{} {} {} {}", a.x, a.y, p.x, p.y),
            PathSegment::CubicTo(a, b, p) => write!(data, "C{} {} {} {} {} {}", a.x, a.y, b.x, b.y, p.x, p.y),
            PathSegment::Close => write!(data, "Z"),
        };
    }
    data
}

fn svg_transform(ts: usvg::Transform) -> Transform {
    Transform {
        sx: Ratio::new(f64::from(ts.sx)),
        ky: Ratio::new(f64::from(ts.ky)),
        kx: Ratio::new(f64::from(ts.kx)),
        sy: Ratio::new(f64::from(ts.sy)),
        tx: Abs::pt(f64::from(ts.tx)),
        ty: Abs::pt(f64::from(ts.ty)),
    }
}

/// A glyph's outline as SVG path data.
struct Outline(String);

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "M{x} {y}");
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "L{x} {y}");
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let _ = write!(self.0, "Q{x1} {y1} {x} {y}");
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let _ = write!(self.0, "C{x1} {y1} {x2} {y2} {x} {y}");
    }
    fn close(&mut self) {
        self.0.push('Z');
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use typst::foundations::{Content, Smart};
    use typst::layout::{Angle, Frame, FrameItem, GroupItem, Point, Sides, Size};
    use typst::syntax::Span;
    use typst::visualize::{Color, ColorSpace, Gradient, LinearGradient, ProcessColorSpace};

    use super::*;

    fn page(items: Vec<FrameItem>) -> Page {
        let mut frame = Frame::hard(Size::new(Abs::pt(100.0), Abs::pt(200.0)));
        for item in items {
            frame.push(Point::new(Abs::pt(10.0), Abs::pt(20.0)), item);
        }
        Page {
            frame,
            bleed: Sides::splat(Abs::zero()),
            fill: Smart::Auto,
            numbering: None,
            supplement: Content::empty(),
            number: 1,
        }
    }

    fn rect(paint: Paint) -> FrameItem {
        FrameItem::Shape(Geometry::Rect(Size::new(Abs::pt(5.0), Abs::pt(6.0))).filled(paint), Span::detached())
    }

    #[test]
    fn shapes_are_drawn_where_they_stand_and_clips_are_restored() {
        let mut group = GroupItem::new(page(vec![rect(Paint::Solid(Color::BLACK))]).frame);
        group.transform = Transform::scale(Ratio::new(2.0), Ratio::new(2.0));
        group.clip = Some(Curve::rect(Size::new(Abs::pt(50.0), Abs::pt(50.0))));
        let drawing = draw_page(&page(vec![FrameItem::Group(group)]), &mut Glyphs::new()).expect("drawn");
        assert_eq!(drawing.size, (100.0, 200.0));
        assert_eq!(drawing.colors, ["#ffffffff", "#000000ff"], "the white page, then the black box");
        let clip = curve_data(&Curve::rect(Size::new(Abs::pt(50.0), Abs::pt(50.0))));
        assert_eq!(drawing.paths, ["M0 0H100V200H0Z", clip.as_str(), "M0 0H5V6H0Z"]);
        #[rustfmt::skip]
        let expected = [
            op::FILL, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0,
            op::CLIP, 1.0, 2.0, 0.0, 0.0, 2.0, 10.0, 20.0,
            // The box at (10, 20) inside the group, which stands at (10, 20) and is scaled by 2.
            op::FILL, 2.0, 1.0, 0.0, 2.0, 0.0, 0.0, 2.0, 30.0, 60.0,
            op::RESTORE,
        ];
        assert_eq!(drawing.ops, expected);
    }

    #[test]
    fn a_page_with_a_gradient_is_left_to_the_svg() {
        let gradient = Gradient::Linear(Arc::new(LinearGradient {
            stops: vec![(Color::BLACK, Ratio::zero()), (Color::WHITE, Ratio::one())],
            angle: Angle::zero(),
            space: ColorSpace::Process(ProcessColorSpace::Oklab),
            relative: Smart::Auto,
            anti_alias: true,
        }));
        let mut glyphs = Glyphs::new();
        assert_eq!(draw_page(&page(vec![rect(Paint::Gradient(gradient))]), &mut glyphs), None);
        assert!(glyphs.is_empty());
    }
}
