/// A numpy array rebuilt by `_reconstruct` + `BUILD`: numbers as raw bytes, or objects.
struct PickleArray {
    enum Data {
        case empty
        case raw([UInt8])
        case objects([Int])
    }
    var shape: [Int] = []
    var code: String = ""
    var order: String = "|"
    var fortranOrder = false
    var data: Data = .empty
}
