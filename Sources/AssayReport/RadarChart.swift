import Foundation

/// A radar chart of scores from 0 to 100, drawn as SVG: one axis per dimension, concentric rings every 20
/// points, the scores joined into a polygon, and each axis labelled with its title and score.
///
/// The SVG is XML (every element closed, text escaped), has no scripts or external references, and sizes
/// itself with `viewBox`, so it scales to the page and prints sharply.
public struct RadarChart: Sendable, Hashable {
    /// One axis: a title and a score from 0 to 100; `nil` when the dimension has no score.
    public struct Axis: Sendable, Hashable {
        /// The label shown at the end of the axis.
        public var title: String
        /// The score from 0 to 100; `nil` draws the point at the centre and labels it "—".
        public var score: Double?
        /// The score as the reader's language writes it, such as "46,8" in French.
        public var valueLabel: String
        /// The peer group's median on this axis, drawn as a dashed outline; `nil` when none is released.
        public var peer: Double?

        /// Creates an axis.
        public init(title: String, score: Double?, valueLabel: String, peer: Double? = nil) {
            self.title = title
            self.score = score
            self.valueLabel = valueLabel
            self.peer = peer
        }
    }

    /// The axes, clockwise from the top.
    public var axes: [Axis]
    /// What the chart shows, for screen readers (`<title>`).
    public var caption: String
    /// The legend of the peer outline, such as "Peer median · QC · 10k-50k"; shown when any axis has a peer value.
    public var peerLegend: String?
    /// The legend of the organisation's own shape, such as "You"; shown beside a peer outline, so the two are
    /// never confused.
    public var ownLegend: String?

    /// Creates a chart.
    public init(axes: [Axis], caption: String, peerLegend: String? = nil, ownLegend: String? = nil) {
        self.axes = axes
        self.caption = caption
        self.peerLegend = peerLegend
        self.ownLegend = ownLegend
    }

    /// The radius of the 100 ring, in SVG units.
    static let radius = 150.0
    /// Room for labels left and right of the rings: about 22 characters.
    static let sideMargin = 160.0
    /// Room for labels above and below the rings: three lines of title and the score.
    static let endMargin = 75.0

    /// The chart as an `<svg>` element.
    public var svg: String {
        let width = 2 * (Self.radius + Self.sideMargin)
        let height = 2 * (Self.radius + Self.endMargin)
        let centre = (x: Self.radius + Self.sideMargin, y: Self.radius + Self.endMargin)
        var lines: [String] = []
        lines.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"radar\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(caption))\">"
        )
        lines.append("<title>\(HTMLText.escape(caption))</title>")
        // Fewer than three axes make no polygon, so the rings are circles then.
        let corners = max(axes.count, 3)
        for ring in stride(from: 20.0, through: 100.0, by: 20.0) {
            let points = (0..<corners).map { point(axis: $0, of: corners, value: ring, centre: centre) }
            let shape =
                axes.count >= 3
                ? "<polygon class=\"ring\" points=\"\(Self.points(points))\" />"
                : "<circle class=\"ring\" cx=\"\(Self.number(centre.x))\" cy=\"\(Self.number(centre.y))\" r=\"\(Self.number(Self.radius * ring / 100))\" />"
            lines.append(shape)
            let label = point(axis: 0, of: corners, value: ring, centre: centre)
            lines.append(
                "<text class=\"ring-label\" x=\"\(Self.number(label.x + 4))\" y=\"\(Self.number(label.y + 4))\">\(Int(ring))</text>"
            )
        }
        for index in axes.indices {
            let end = point(axis: index, of: axes.count, value: 100, centre: centre)
            lines.append(
                "<line class=\"axis\" x1=\"\(Self.number(centre.x))\" y1=\"\(Self.number(centre.y))\" x2=\"\(Self.number(end.x))\" y2=\"\(Self.number(end.y))\" />"
            )
        }
        // The peer outline goes under the organisation's own shape; axes without a released median sit at the centre.
        if axes.contains(where: { $0.peer != nil }) {
            let peer = axes.indices.map { point(axis: $0, of: axes.count, value: axes[$0].peer ?? 0, centre: centre) }
            lines.append("<polygon class=\"peer\" points=\"\(Self.points(peer))\" />")
            if let peerLegend {
                let y = Self.number(height - 8)
                lines.append(
                    "<line class=\"peer\" x1=\"8\" y1=\"\(Self.number(height - 12))\" x2=\"32\" y2=\"\(Self.number(height - 12))\" />"
                )
                lines.append("<text class=\"legend\" x=\"38\" y=\"\(y)\">\(HTMLText.escape(peerLegend))</text>")
            }
            if let ownLegend {
                lines.append("<rect class=\"score\" x=\"8\" y=\"6\" width=\"24\" height=\"12\" />")
                lines.append("<text class=\"legend\" x=\"38\" y=\"16\">\(HTMLText.escape(ownLegend))</text>")
            }
        }
        let scored = axes.indices.map { point(axis: $0, of: axes.count, value: axes[$0].score ?? 0, centre: centre) }
        if !scored.isEmpty {
            lines.append("<polygon class=\"score\" points=\"\(Self.points(scored))\" />")
        }
        for (index, point) in scored.enumerated() {
            lines.append(
                "<circle class=\"dot\" cx=\"\(Self.number(point.x))\" cy=\"\(Self.number(point.y))\" r=\"3.5\" />")
            let axis = axes[index]
            let anchorPoint = self.point(axis: index, of: axes.count, value: 100, centre: centre, extra: 14)
            let dx = anchorPoint.x - centre.x
            let anchor = abs(dx) < 1 ? "middle" : (dx > 0 ? "start" : "end")
            let dy = anchorPoint.y - centre.y
            // Long titles wrap; the score goes on a line of its own under the title.
            let labelLines = Self.wrap(axis.title, width: Self.labelWidth)
            let lineHeight = 13.0
            let count = Double(labelLines.count + 1)
            // Labels above the centre grow upwards from the ring, labels below hang from it, and labels at the
            // sides are centred on their axis.
            let firstBaseline: Double =
                abs(dy) < 1 ? 4 - (count - 1) * lineHeight / 2 : (dy < 0 ? -4 - (count - 1) * lineHeight : 12)
            let x = Self.number(anchorPoint.x)
            var label =
                "<text class=\"axis-label\" x=\"\(x)\" y=\"\(Self.number(anchorPoint.y + firstBaseline))\" text-anchor=\"\(anchor)\">"
            for (number, line) in labelLines.enumerated() {
                let shift = number == 0 ? "" : " dy=\"\(Self.number(lineHeight))\""
                label += "<tspan x=\"\(x)\"\(shift)>\(HTMLText.escape(line))</tspan>"
            }
            label +=
                "<tspan class=\"axis-score\" x=\"\(x)\" dy=\"\(Self.number(lineHeight))\">\(HTMLText.escape(axis.valueLabel))</tspan></text>"
            lines.append(label)
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n")
    }

    /// The characters a label line holds before it wraps: about 140 SVG units at the chart's 13-unit font.
    static let labelWidth = 20

    /// `text` broken at spaces into lines of at most `width` characters (a longer word gets a line of its own).
    package static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Where `value` (0–100) falls on axis `axis` of `count`, the first axis pointing straight up.
    private func point(axis: Int, of count: Int, value: Double, centre: (x: Double, y: Double), extra: Double = 0)
        -> (x: Double, y: Double)
    {
        let angle = -Double.pi / 2 + 2 * Double.pi * Double(axis) / Double(max(count, 1))
        let distance = Self.radius * min(max(value, 0), 100) / 100 + extra
        return (centre.x + distance * cos(angle), centre.y + distance * sin(angle))
    }

    /// Coordinates to one decimal, so the SVG is stable from one run to the next and across platforms.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        let text = String(format: "%.1f", rounded == 0 ? 0 : rounded)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    private static func points(_ points: [(x: Double, y: Double)]) -> String {
        points.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")
    }
}
