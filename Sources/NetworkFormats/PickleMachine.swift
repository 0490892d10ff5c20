

/// A restricted unpickler for protocols 2–5: it interprets the opcodes itself and calls
/// nothing. `GLOBAL`/`STACK_GLOBAL` resolve only names on ``PickleGlobal``'s allow-list, and
/// `REDUCE`/`BUILD` apply only those known callables, each interpreted here (an
/// `OrderedDict()` is an empty dict, `_rebuild_tensor_v2(…)` a tensor view). `INST`, `OBJ`,
/// `NEWOBJ`, extensions, sets and out-of-band buffers are refused — the same spirit as
/// PyTorch's `weights_only=True` loader.
struct PickleMachine {
    var nodes: [PickleNode] = []
    var lists: [[Int]] = []
    var dicts: [[(key: Int, value: Int)]] = []
    /// Nesting depth of each node (1 for scalars).
    var depths: [Int] = []
    var stack: [Int] = []
    var marks: [Int] = []
    var memo: [Int: Int] = [:]
    let bytes: [UInt8]
    var position: Int
    let end: Int
    let limits: PickleLimits
    /// Whether persistent ids (PyTorch storages) are allowed.
    let allowsStorages: Bool
    var opcodeStart = 0

    /// Runs the pickle in `bytes[range]` and returns the machine holding its value.
    static func load(_ bytes: [UInt8], range: Range<Int>, limits: PickleLimits = .default, allowsStorages: Bool) throws(PickleError) -> (PickleMachine, root: Int) {
        var machine = PickleMachine(bytes: bytes, position: range.lowerBound, end: range.upperBound, limits: limits, allowsStorages: allowsStorages)
        let root = try machine.run()
        return (machine, root)
    }

    func fail(_ message: String) -> PickleError { PickleError(offset: opcodeStart, message: message) }

    mutating func run() throws(PickleError) -> Int {
        opcodeStart = position
        let first = try byte()
        guard first == 0x80 else { throw fail("not a pickle of protocol 2 or later (it starts with byte 0x\(String(first, radix: 16)))") }
        let version = try byte()
        guard (2...5).contains(version) else { throw fail("pickle protocol \(version) is not read (2 to 5 are)") }
        var executed = 0
        while true {
            opcodeStart = position
            executed += 1
            guard executed <= limits.maximumOpcodes else {
                throw fail("the pickle runs more than \(limits.maximumOpcodes) opcodes (a pickle bomb?)")
            }
            let op = try byte()
            if op == UInt8(ascii: ".") {
                guard stack.count == 1, marks.isEmpty else { throw fail("STOP with \(stack.count) values on the stack") }
                return stack[0]
            }
            try execute(op)
            guard stack.count <= limits.maximumStack, marks.count <= limits.maximumStack else {
                throw fail("the pickle stack exceeds \(limits.maximumStack) entries (a pickle bomb?)")
            }
        }
    }

    mutating func execute(_ op: UInt8) throws(PickleError) {
        if try executeScalar(op) { return }
        if try executeContainer(op) { return }
        if try executeMemo(op) { return }
        switch op {
        case UInt8(ascii: "c"):
            let module = try line(), name = try line()
            try pushGlobal(module: module, name: name)
        case 0x93:  // STACK_GLOBAL
            let name = try pop(), module = try pop()
            guard case .string(let n) = nodes[name], case .string(let m) = nodes[module] else { throw fail("STACK_GLOBAL needs two strings") }
            try pushGlobal(module: m, name: n)
        case UInt8(ascii: "R"):
            let args = try pop(), callable = try pop()
            push(try PickleCalls.reduce(callable, args, in: &self))
        case UInt8(ascii: "b"):
            let state = try pop()
            guard let target = stack.last else { throw fail("BUILD on an empty stack") }
            try PickleCalls.build(target, state: state, in: &self)
        case UInt8(ascii: "Q"):
            let pid = try pop()
            push(try PickleCalls.persistentLoad(pid, in: &self))
        case UInt8(ascii: "P"):
            throw fail("text persistent ids (PERSID) are not read")
        case UInt8(ascii: "i"), UInt8(ascii: "o"), 0x81, 0x92:
            throw fail("opcode \(Self.names[op] ?? "?") builds an instance of a class, which nnid never does")
        case 0x82, 0x83, 0x84:
            throw fail("extension-registry opcodes (EXT1/2/4) are not read")
        case 0x8F, 0x90, 0x91:
            throw fail("sets are not read")
        case 0x97, 0x98:
            throw fail("out-of-band buffers are not read")
        default:
            throw fail("unknown or unsupported opcode 0x\(String(op, radix: 16))")
        }
    }

    static let names: [UInt8: String] = [UInt8(ascii: "i"): "INST", UInt8(ascii: "o"): "OBJ", 0x81: "NEWOBJ", 0x92: "NEWOBJ_EX"]

    mutating func pushGlobal(module: String, name: String) throws(PickleError) {
        guard let global = PickleGlobal.allowed(module: module, name: name) else {
            throw fail(PickleGlobal.refusal(module: module, name: name))
        }
        push(node(.global(global)))
    }

    // MARK: opcodes by kind

    /// Scalars and framing; `false` when `op` is not one of them.
    mutating func executeScalar(_ op: UInt8) throws(PickleError) -> Bool {
        switch op {
        case 0x95: _ = try integer(8)  // FRAME: a length hint, ignored
        case UInt8(ascii: "N"): push(node(.none))
        case 0x88: push(node(.bool(true)))
        case 0x89: push(node(.bool(false)))
        case UInt8(ascii: "J"): push(node(.int(Int(Int32(truncatingIfNeeded: try integer(4))))))
        case UInt8(ascii: "K"): push(node(.int(try integer(1))))
        case UInt8(ascii: "M"): push(node(.int(try integer(2))))
        case 0x8A: push(node(.int(try long(try integer(1)))))
        case 0x8B: push(node(.int(try long(try integer(4)))))
        case UInt8(ascii: "G"):
            let raw = try take(8)
            var bits: UInt64 = 0
            for b in raw { bits = bits << 8 | UInt64(b) }
            push(node(.float(Double(bitPattern: bits))))
        case UInt8(ascii: "X"): push(node(.string(try text(try integer(4)))))
        case 0x8C: push(node(.string(try text(try integer(1)))))
        case 0x8D: push(node(.string(try text(try integer(8)))))
        case UInt8(ascii: "C"): push(node(.bytes(try string(try integer(1)))))
        case UInt8(ascii: "B"), UInt8(ascii: "T"): push(node(.bytes(try string(try integer(4)))))
        case UInt8(ascii: "U"): push(node(.bytes(try string(try integer(1)))))
        case 0x8E, 0x96: push(node(.bytes(try string(try integer(8)))))
        default: return false
        }
        return true
    }

    /// Tuples, lists, dicts, marks and stack manipulation.
    mutating func executeContainer(_ op: UInt8) throws(PickleError) -> Bool {
        switch op {
        case UInt8(ascii: "("): marks.append(stack.count)
        case UInt8(ascii: "0"): _ = try pop()
        case UInt8(ascii: "1"): _ = try popMark()
        case UInt8(ascii: "2"):
            guard let top = stack.last else { throw fail("DUP on an empty stack") }
            push(top)
        case UInt8(ascii: ")"): push(node(.tuple([])))
        case UInt8(ascii: "t"): push(try container(.tuple(try popMark())))
        case 0x85, 0x86, 0x87:
            let n = Int(op - 0x84)
            guard stack.count >= n else { throw fail("TUPLE\(n) needs \(n) values on the stack") }
            let items = Array(stack.suffix(n))
            stack.removeLast(n)
            push(try container(.tuple(items)))
        case UInt8(ascii: "]"): push(try newList([]))
        case UInt8(ascii: "l"): push(try newList(try popMark()))
        case UInt8(ascii: "a"):
            let item = try pop()
            try appendItems([item])
        case UInt8(ascii: "e"): try appendItems(try popMark())
        case UInt8(ascii: "}"): push(try newDict([]))
        case UInt8(ascii: "d"): push(try newDict(try pairs(try popMark())))
        case UInt8(ascii: "s"):
            let value = try pop(), key = try pop()
            try setItems([(key, value)])
        case UInt8(ascii: "u"): try setItems(try pairs(try popMark()))
        default: return false
        }
        return true
    }

    /// Memo opcodes.
    mutating func executeMemo(_ op: UInt8) throws(PickleError) -> Bool {
        switch op {
        case UInt8(ascii: "q"): try put(try integer(1))
        case UInt8(ascii: "r"): try put(try integer(4))
        case 0x94: try put(memo.count)
        case UInt8(ascii: "p"):
            guard let index = Int(try line()) else { throw fail("PUT needs a decimal index") }
            try put(index)
        case UInt8(ascii: "h"): try get(try integer(1))
        case UInt8(ascii: "j"): try get(try integer(4))
        case UInt8(ascii: "g"):
            guard let index = Int(try line()) else { throw fail("GET needs a decimal index") }
            try get(index)
        default: return false
        }
        return true
    }

    mutating func put(_ index: Int) throws(PickleError) {
        guard let top = stack.last else { throw fail("memo store on an empty stack") }
        guard memo[index] != nil || memo.count < limits.maximumMemo else {
            throw fail("the pickle memo exceeds \(limits.maximumMemo) entries (a pickle bomb?)")
        }
        memo[index] = top
    }

    mutating func get(_ index: Int) throws(PickleError) {
        guard let value = memo[index] else { throw fail("memo entry \(index) is read before it is written") }
        push(value)
    }

    // MARK: building

    mutating func node(_ value: PickleNode, depth: Int = 1) -> Int {
        nodes.append(value)
        depths.append(depth)
        return nodes.count - 1
    }

    /// A container node, its depth one more than its deepest item.
    mutating func container(_ value: PickleNode) throws(PickleError) -> Int {
        var items: [Int] = []
        if case .tuple(let t) = value { items = t }
        return node(value, depth: try depth(of: items))
    }

    func depth(of items: [Int]) throws(PickleError) -> Int {
        let d = 1 + (items.map { depths[$0] }.max() ?? 0)
        guard d <= limits.maximumDepth else { throw fail("containers nest deeper than \(limits.maximumDepth) levels (a pickle bomb?)") }
        return d
    }

    mutating func newList(_ items: [Int]) throws(PickleError) -> Int {
        lists.append(items)
        return node(.list(lists.count - 1), depth: try depth(of: items))
    }

    mutating func newDict(_ items: [(key: Int, value: Int)]) throws(PickleError) -> Int {
        dicts.append(items)
        return node(.dict(dicts.count - 1), depth: try depth(of: items.map(\.value)))
    }

    mutating func appendItems(_ items: [Int]) throws(PickleError) {
        guard let target = stack.last, case .list(let k) = nodes[target] else { throw fail("APPEND to something that is not a list") }
        depths[target] = max(depths[target], try depth(of: items))
        lists[k].append(contentsOf: items)
    }

    mutating func setItems(_ items: [(key: Int, value: Int)]) throws(PickleError) {
        guard let target = stack.last, case .dict(let k) = nodes[target] else { throw fail("SETITEM on something that is not a dict") }
        depths[target] = max(depths[target], try depth(of: items.map(\.value)))
        dicts[k].append(contentsOf: items)
    }

    func pairs(_ items: [Int]) throws(PickleError) -> [(key: Int, value: Int)] {
        guard items.count % 2 == 0 else { throw fail("a dict needs key–value pairs, found \(items.count) values") }
        return stride(from: 0, to: items.count, by: 2).map { (items[$0], items[$0 + 1]) }
    }

    mutating func push(_ index: Int) { stack.append(index) }

    mutating func pop() throws(PickleError) -> Int {
        guard let top = stack.popLast() else { throw fail("the pickle pops an empty stack") }
        guard marks.last.map({ stack.count >= $0 }) ?? true else { throw fail("the pickle pops past a MARK") }
        return top
    }

    mutating func popMark() throws(PickleError) -> [Int] {
        guard let mark = marks.popLast() else { throw fail("no MARK to return to") }
        let items = Array(stack[mark...])
        stack.removeSubrange(mark...)
        return items
    }

    // MARK: reading operands

    mutating func byte() throws(PickleError) -> UInt8 {
        guard position < end else { throw PickleError(offset: position, message: "the pickle ends without STOP") }
        position += 1
        return bytes[position - 1]
    }

    /// `count` bytes, after checking they lie inside the pickle.
    mutating func take(_ count: Int) throws(PickleError) -> [UInt8] {
        guard count >= 0, count <= end - position else { throw fail("an operand of \(count) bytes runs past the end of the pickle") }
        position += count
        return Array(bytes[(position - count)..<position])
    }

    /// An unsigned little-endian integer of `width` bytes.
    mutating func integer(_ width: Int) throws(PickleError) -> Int {
        let raw = try take(width)
        var value: UInt64 = 0
        for b in raw.reversed() { value = value << 8 | UInt64(b) }
        guard value <= UInt64(Int.max) else { throw fail("a length of \(value) bytes") }
        return Int(value)
    }

    /// `LONG1`/`LONG4`: a two's-complement little-endian integer of `count` bytes.
    mutating func long(_ count: Int) throws(PickleError) -> Int {
        guard count <= 8 else { throw fail("an integer of \(count) bytes is beyond 64 bits") }
        let raw = try take(count)
        guard let last = raw.last else { return 0 }
        var value: UInt64 = last & 0x80 != 0 ? ~0 : 0
        for b in raw.reversed() { value = value << 8 | UInt64(b) }
        return Int(Int64(bitPattern: value))
    }

    /// A string or bytes operand of `count` bytes, within ``PickleLimits/maximumStringBytes``
    /// (an operand running past the end of the pickle is reported as such).
    mutating func string(_ count: Int) throws(PickleError) -> [UInt8] {
        guard count <= limits.maximumStringBytes || count > end - position else {
            throw fail("a string of \(count) bytes; the limit is \(limits.maximumStringBytes)")
        }
        return try take(count)
    }

    mutating func text(_ count: Int) throws(PickleError) -> String {
        let raw = try string(count)
        if let bad = firstInvalidUTF8(raw) { throw fail("a string that is not UTF-8 (byte \(bad))") }
        return String(decoding: raw, as: UTF8.self)
    }

    /// A newline-terminated operand of at most 256 bytes (`GLOBAL`, `PUT`, `GET`).
    mutating func line() throws(PickleError) -> String {
        var raw: [UInt8] = []
        while true {
            let b = try byte()
            if b == 0x0A { break }
            raw.append(b)
            guard raw.count <= 256 else { throw fail("a text operand longer than 256 bytes") }
        }
        if let bad = firstInvalidUTF8(raw) { throw fail("a name that is not UTF-8 (byte \(bad))") }
        return String(decoding: raw, as: UTF8.self)
    }
}
