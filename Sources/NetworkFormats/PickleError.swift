/// Why a pickle was refused: the byte offset of the opcode and what is wrong there.
struct PickleError: Error, Equatable {
    var offset: Int
    var message: String
}
