import CFLINT

/// One direction's tangent at one layer of ``ScaledIntegerLayers`` for a block of points, on
/// the units where it is not identically zero: column a of ``values`` (`points × units.count`)
/// belongs to unit ``units``[a]; every other unit's tangent is 0 at every point of the block.
struct SparseTangent {
    let units: [Int]
    let values: FMPZMatrix
}
