/// `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, …)`: element
/// (i₀, …, i_{k−1}) of the tensor is storage element offset + Σ iⱼ·strideⱼ.
struct PickleTensor {
    var storageKey: String
    var elementType: TensorElementType
    var storageCount: Int
    var offset: Int
    var shape: [Int]
    var strides: [Int]
}
