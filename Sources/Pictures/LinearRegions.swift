import Exact
import Networks

/// The exact partition of a box in the input plane of a two-input piecewise-linear network into
/// its linear regions.
///
/// **Mathematics.** Every activation is piecewise linear with a single kink at 0: act(z) = α·z
/// for z < 0 and β·z for z ≥ 0 (ReLU, leaky ReLU, abs, identity). Fix an *activation pattern*
/// s — a side sᵤ ∈ {−, +} of the kink for every unit u with α ≠ β. Assuming the pattern, every
/// pre-activation is an affine function zᵤˢ of the input (by induction over layers: layer ℓ's
/// pre-activations are affine in the activations of earlier layers, which are α·z or β·z of
/// affine functions). The set of inputs whose actual pattern is s is therefore
/// { x : sᵤ·zᵤˢ(x) > 0 for all u } — an intersection of open half-planes, hence **convex**. So each
/// pattern's points form one convex set: regions with the same pattern are never disconnected,
/// and this partition has exactly one polygon per pattern whose set has positive area.
///
/// **Algorithm.** Start from the box. Layer by layer, within each current polygon compute every
/// unit's pre-activation as an exact affine function; split the polygon by each kinked unit's line
/// zᵤ = 0 in turn (exact half-plane clipping; the new vertices are rational); drop parts with empty
/// interior. A part on one side of zᵤ = 0 records sᵤ; a part on which zᵤ is identically 0 records
/// ``UnitState/zero`` (non-generic). Then the activations on each part are α·zᵤ or β·zᵤ. After the
/// output layer, the outputs are affine on each part. The leaves of this splitting are in bijection
/// with the patterns that occur on a set of positive area (the path to a leaf *is* its pattern).
///
/// Points on kink lines lie on the boundary of two or more regions; the closed polygons cover the
/// box and their interiors are disjoint.
public struct LinearRegions: Sendable {
    /// The box that is partitioned.
    public let box: PlaneBox
    /// The units whose activation has a kink (α ≠ β), in layer order: the coordinates of a pattern.
    public let kinkUnits: [UnitID]
    /// The regions, in the order the splitting produced them (deterministic).
    public let regions: [LinearRegion]
    /// The zero set inside the box of each kinked unit's pre-activation, in ``kinkUnits`` order.
    public let kinkLines: [KinkLine]

    /// Partitions `box` into the linear regions of `network`.
    ///
    /// - Parameters:
    ///   - regionLimit: stop with ``PictureError/tooManyRegions(limit:)`` when a layer's splitting
    ///     produces more parts than this (deep networks can have very many regions).
    /// - Throws: ``PictureError/unsupportedNetwork(_:)`` unless the network has exactly two inputs
    ///   and piecewise-linear activations; ``PictureError/tooManyRegions(limit:)``.
    public init(network: Network, box: PlaneBox, regionLimit: Int = 100_000) throws(PictureError) {
        guard network.inputCount == 2 else {
            throw .unsupportedNetwork("linear regions can be drawn for networks with 2 inputs; this one has \(network.inputCount)")
        }
        for (k, layer) in network.layers.enumerated() where layer.activation.linearPieces == nil {
            throw .unsupportedNetwork(
                "layer\(k + 1): \(layer.activation.name) is not piecewise linear, so the network has no exact linear regions")
        }
        guard let whole = ConvexPolygon(box: box) else { throw .invalidBox("\(box) has empty interior") }

        struct Part {
            var polygon: ConvexPolygon
            var pattern: [UnitState]
            var pre: [[AffineFunction2]]
            var post: [[AffineFunction2]]
        }
        var parts = [Part(polygon: whole, pattern: [], pre: [[.x, .y]], post: [[.x, .y]])]
        var kinkUnits: [UnitID] = []
        var kinkLines: [KinkLine] = []

        for (index, layer) in network.layers.enumerated() {
            let l = index + 1
            guard let (slopeNegative, slopePositive) = layer.activation.linearPieces else { continue }
            let kinked = slopeNegative != slopePositive

            // Pre-activations of this layer on every part: z = Σ_c W_c · post[source_c] + b.
            for p in parts.indices {
                var z = (0..<layer.units).map { i in AffineFunction2.constant(layer.bias?[i] ?? .zero) }
                for connection in layer.connections {
                    let x = parts[p].post[connection.source]
                    for i in 0..<layer.units {
                        for j in 0..<connection.weights.columns where connection.hasEdge(i, j) {
                            z[i].add(x[j], times: connection.weights[i, j])
                        }
                    }
                }
                parts[p].pre.append(z)
            }

            if kinked {
                // The kink lines of this layer: one chord per part of the partition so far.
                for i in 0..<layer.units {
                    var segments: [PlaneSegment] = []
                    var seen = Set<PlaneSegment>()
                    for part in parts {
                        if let s = part.polygon.chord(of: part.pre[l][i]), seen.insert(s).inserted { segments.append(s) }
                    }
                    let unit = UnitID(layer: l, unit: i)
                    kinkUnits.append(unit)
                    kinkLines.append(KinkLine(unit: unit, segments: segments))
                }
                // Split by each unit's line in turn.
                for i in 0..<layer.units {
                    var next: [Part] = []
                    next.reserveCapacity(parts.count)
                    for var part in parts {
                        let z = part.pre[l][i]
                        let (negative, positive) = part.polygon.split(by: z)
                        if let negative, let positive {
                            var n = part, q = part
                            n.polygon = negative
                            n.pattern.append(.negative)
                            q.polygon = positive
                            q.pattern.append(.positive)
                            next.append(n)
                            next.append(q)
                        } else {
                            // One side only (positive area on one side): which?
                            let signs = part.polygon.vertices.map { z($0).signum }
                            part.pattern.append(
                                signs.contains(where: { $0 > 0 }) ? .positive : signs.contains(where: { $0 < 0 }) ? .negative : .zero)
                            next.append(part)
                        }
                    }
                    guard next.count <= regionLimit else { throw .tooManyRegions(limit: regionLimit) }
                    parts = next
                }
            }

            // Activations: act(z) = α·z on the negative side, β·z otherwise (identically 0 when z ≡ 0).
            let base = kinkUnits.count - (kinked ? layer.units : 0)
            for p in parts.indices {
                let z = parts[p].pre[l]
                var a: [AffineFunction2] = []
                a.reserveCapacity(layer.units)
                for i in 0..<layer.units {
                    let negative = kinked && parts[p].pattern[base + i] == .negative
                    a.append(z[i].scaled(by: negative ? slopeNegative : slopePositive))
                }
                parts[p].post.append(a)
            }
        }

        self.box = box
        self.kinkUnits = kinkUnits
        self.kinkLines = kinkLines
        self.regions = parts.map { part in
            LinearRegion(polygon: part.polygon, pattern: part.pattern, preActivations: part.pre, outputs: part.post.last ?? [])
        }
    }

    /// Kink lines that cross the box (a segment of positive length inside it).
    public var crossingKinkLines: [KinkLine] { kinkLines.filter { !$0.segments.isEmpty } }

    /// The region with activation pattern `pattern`, if that pattern occurs on a set of positive
    /// area (there is at most one: see the type's discussion).
    public func region(withPattern pattern: [UnitState]) -> LinearRegion? {
        regions.first { $0.pattern == pattern }
    }
}
