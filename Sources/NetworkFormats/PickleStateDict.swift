/// Finding the state dict in what a checkpoint's pickle built.
///
/// A state dict is a dict whose values are all tensors, keyed by parameter name. The saved
/// object is either one, or a dict with exactly one state dict among its values (the common
/// `{"model": state_dict, "optimizer": …, "epoch": 3}`); `key` names the entry to use when
/// there are several.
enum PickleStateDict {
    static func tensors(_ root: Int, in m: PickleMachine, key: String?, file: String) throws(FormatError) -> [(String, PickleTensor)] {
        guard case .dict(let k) = m.nodes[root] else {
            throw FormatError(file: file, message: "the checkpoint holds a \(m.nodes[root].kindName), not a state dict (save model.state_dict())")
        }
        let entries = m.dicts[k]
        if let key {
            guard let entry = entries.first(where: { isString(m.nodes[$0.key], key) }) else {
                throw FormatError(file: file, message: "\(setting: .checkpointKey) \(key): the checkpoint has no such entry (its keys: \(keyList(entries, m)))")
            }
            guard let dict = stateDict(entry.value, in: m) else {
                throw FormatError(file: file, place: "entry \"\(key)\"", message: "not a state dict (a dict of tensors), but a \(m.nodes[entry.value].kindName)")
            }
            return dict
        }
        if let dict = stateDict(root, in: m) { return dict }
        let candidates = entries.filter { stateDict($0.value, in: m) != nil }
        if candidates.count == 1, let dict = stateDict(candidates[0].value, in: m) { return dict }
        if candidates.isEmpty {
            throw FormatError(file: file, message: "the checkpoint holds no state dict (a dict of tensors); its keys: \(keyList(entries, m))")
        }
        throw FormatError(file: file, message: "the checkpoint holds several state dicts (\(keyList(candidates, m))); pick one with \(setting: .checkpointKey)")
    }

    /// The (name, tensor) pairs of a dict of string → tensor, in order; `nil` for anything else.
    static func stateDict(_ index: Int, in m: PickleMachine) -> [(String, PickleTensor)]? {
        guard case .dict(let k) = m.nodes[index], !m.dicts[k].isEmpty else { return nil }
        var out: [(String, PickleTensor)] = []
        for entry in m.dicts[k] {
            guard case .string(let name) = m.nodes[entry.key], case .tensor(let t) = m.nodes[entry.value] else { return nil }
            out.append((name, t))
        }
        return out
    }

    static func isString(_ node: PickleNode, _ text: String) -> Bool {
        if case .string(let s) = node { return s == text }
        return false
    }

    static func keyList(_ entries: [(key: Int, value: Int)], _ m: PickleMachine) -> String {
        let names = entries.prefix(10).map { entry -> String in
            if case .string(let s) = m.nodes[entry.key] { return "\"\(s)\"" }
            return m.nodes[entry.key].kindName
        }
        return names.joined(separator: ", ") + (entries.count > 10 ? ", …" : "")
    }
}
