import Exact
import LinearAlgebra
import Networks
import Symmetries

/// Layer indices in increasing order without repeats, taken smallest first.
struct LayerQueue {
    /// Sorted in decreasing order, so the smallest is taken from the end in O(1).
    private var descending: [Int]

    init(_ ascending: [Int]) { descending = ascending.reversed() }

    mutating func popFirst() -> Int? { descending.popLast() }

    /// Inserts `layer` unless present (binary search; O(1) when it is the next to be taken).
    mutating func insert(_ layer: Int) {
        var lo = 0, hi = descending.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if descending[mid] > layer { lo = mid + 1 } else { hi = mid }
        }
        if lo < descending.count, descending[lo] == layer { return }
        descending.insert(layer, at: lo)
    }
}
