import Exact

/// Reading a strided tensor view out of its storage's bytes.
enum TorchTensorDecoding {
    /// The view's elements in row-major order, exactly.
    static func values(of t: PickleTensor, storage: [UInt8], bigEndian: Bool, name: String) throws(TensorFormatError) -> [Rational] {
        let size = t.elementType.byteCount
        let (storageBytes, overflow) = t.storageCount.multipliedReportingOverflow(by: size)
        guard !overflow, storageBytes == storage.count else {
            throw .layout(reason: "tensor \"\(name)\": its storage holds \(storage.count) bytes, but \(t.storageCount) elements of \(t.elementType) need \(overflow ? Int.max : storageBytes)")
        }
        guard let count = elementCount(t.shape) else { throw .layout(reason: "tensor \"\(name)\": shape \(t.shape) is too large") }
        if count == 0 { return [] }
        // The last element the view touches: offset + Σ (sizeⱼ − 1)·strideⱼ.
        var last = t.offset
        for (n, s) in zip(t.shape, t.strides) {
            let (step, o1) = (n - 1).multipliedReportingOverflow(by: s)
            let (sum, o2) = last.addingReportingOverflow(step)
            guard !o1, !o2 else { last = .max; break }
            last = sum
        }
        guard last < t.storageCount else {
            throw .layout(reason: "tensor \"\(name)\": offset \(t.offset), shape \(t.shape) and strides \(t.strides) reach element \(last == .max ? "beyond Int" : String(last)) of a storage of \(t.storageCount)")
        }
        return try withRawBytes(storage) { (raw) throws(TensorFormatError) -> [Rational] in
            if t.strides == rowMajorStrides(t.shape) {
                let slice = UnsafeRawBufferPointer(rebasing: raw[(t.offset * size)..<((t.offset + count) * size)])
                return try t.elementType.decode(slice, count: count, bigEndian: bigEndian, tensor: name, shape: t.shape)
            }
            var out: [Rational] = []
            out.reserveCapacity(count)
            var index = [Int](repeating: 0, count: t.shape.count)
            var position = t.offset
            for _ in 0..<count {
                let element = UnsafeRawBufferPointer(rebasing: raw[(position * size)..<((position + 1) * size)])
                out += try t.elementType.decode(element, count: 1, bigEndian: bigEndian, tensor: name, shape: t.shape)
                // Odometer step over the multi-index, updating the storage position.
                var axis = t.shape.count - 1
                while axis >= 0 {
                    index[axis] += 1
                    position &+= t.strides[axis]
                    if index[axis] < t.shape[axis] { break }
                    position &-= t.strides[axis] &* t.shape[axis]
                    index[axis] = 0
                    axis -= 1
                }
            }
            return out
        }
    }

    /// The strides of a contiguous row-major tensor of `shape`.
    static func rowMajorStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var s = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = s
            s &*= max(shape[axis], 1)
        }
        return strides
    }
}
