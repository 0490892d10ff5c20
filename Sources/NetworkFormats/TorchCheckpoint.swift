import Exact
import Networks

/// PyTorch checkpoints in the ZIP format `torch.save` writes since PyTorch 1.6:
/// `<name>/data.pkl` (a pickle of the saved object), `<name>/data/<key>` (one raw storage per
/// key), and `<name>/byteorder` (`little` or `big`; little when absent).
///
/// The pickle is run by the restricted unpickler (``PickleMachine``), which calls nothing.
/// A tensor is `_rebuild_tensor_v2(storage, offset, size, stride, …)`: element (i₀, …) is
/// storage element offset + Σ iⱼ·strideⱼ, so views (transposes, slices) read as PyTorch
/// shows them. The saved object is a state dict (name → tensor, in the module's definition
/// order), or a dict wrapping one (`{"model": state_dict, "epoch": 3}`); `key` picks the
/// wrapper's entry when there are several.
public enum TorchCheckpoint {
    /// Whether `bytes` is a ZIP archive with a `data.pkl` entry at most one folder deep.
    public static func looksLike(_ bytes: [UInt8]) -> Bool {
        guard Zip.looksLike(bytes), let entries = try? Zip.entries(bytes) else { return false }
        return entries.contains { pickleEntryPrefix($0.name) != nil }
    }

    /// `"<name>/"` for `"<name>/data.pkl"` (or `""` for a bare `data.pkl`).
    static func pickleEntryPrefix(_ name: String) -> String? {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.last == "data.pkl", parts.count <= 2 else { return nil }
        return parts.count == 2 ? String(parts[0]) + "/" : ""
    }

    /// The checkpoint's tensors, named and in the pickle's order.
    public static func read(_ bytes: [UInt8], file: String, key: String? = nil, limits: ReadLimits = .default) throws(FormatError) -> TensorArchive {
        func zipError(_ e: TensorFormatError) -> FormatError { FormatError(file: file, message: SettingMessage(verbatim: e.description.replacingPrefix("npz: ", with: ""))) }
        let entries: [Zip.Entry]
        do throws(TensorFormatError) { entries = try Zip.entries(bytes) } catch { throw zipError(error) }
        guard entries.count <= limits.maximumTensors else {
            throw FormatError(file: file, message: "the archive holds \(entries.count) entries; the limit is \(limits.maximumTensors)")
        }
        for entry in entries where !isSafeEntryName(entry.name) {
            throw FormatError(file: file, place: "zip entry \"\(entry.name)\"", message: "the name leaves the archive's folder (an absolute path or ..); refused")
        }
        guard let pickleEntry = entries.first(where: { pickleEntryPrefix($0.name) != nil }), let prefix = pickleEntryPrefix(pickleEntry.name) else {
            throw FormatError(file: file, message: "a ZIP archive without data.pkl is not a PyTorch checkpoint")
        }
        var contents: [String: [UInt8]] = [:]
        func entryBytes(_ name: String) throws(FormatError) -> [UInt8]? {
            if let cached = contents[name] { return cached }
            guard let entry = entries.first(where: { $0.name == name }) else { return nil }
            do throws(TensorFormatError) {
                let data = try Zip.contents(of: entry, in: bytes)
                contents[name] = data
                return data
            } catch { throw zipError(error) }
        }
        let pickle = try entryBytes(pickleEntry.name) ?? []
        let bigEndian: Bool
        switch try entryBytes(prefix + "byteorder").map({ String(decoding: $0, as: UTF8.self) }) {
        case nil, "little": bigEndian = false
        case "big": bigEndian = true
        case let other?: throw FormatError(file: file, place: prefix + "byteorder", message: "byte order \"\(other.prefix(20))\" is neither little nor big")
        }
        let (machine, root): (PickleMachine, Int)
        do throws(PickleError) {
            (machine, root) = try PickleMachine.load(pickle, range: 0..<pickle.count, limits: limits.pickle, allowsStorages: true)
        } catch {
            throw FormatError(file: file, place: "\(pickleEntry.name) at byte \(error.offset)", message: SettingMessage(verbatim: error.message))
        }
        let named = try PickleStateDict.tensors(root, in: machine, key: key, file: file)
        var total = 0
        var tensors: [NamedTensor] = []
        for (name, tensor) in named {
            guard let count = elementCount(tensor.shape) else { throw FormatError(file: file, place: "tensor \"\(name)\"", message: "shape \(tensor.shape) is too large") }
            let (sum, overflow) = total.addingReportingOverflow(count)
            guard !overflow, sum <= limits.maximumParameters else {
                throw FormatError(file: file, message: "the checkpoint holds more than \(limits.maximumParameters) numbers (see \(setting: .maximumFileParameters))")
            }
            total = sum
            guard let storage = try entryBytes(prefix + "data/" + tensor.storageKey) else {
                throw FormatError(file: file, place: "tensor \"\(name)\"", message: "its storage \(prefix)data/\(tensor.storageKey) is missing")
            }
            do throws(TensorFormatError) {
                let values = try TorchTensorDecoding.values(of: tensor, storage: storage, bigEndian: bigEndian, name: name)
                tensors.append(NamedTensor(name: name, shape: tensor.shape, elementType: tensor.elementType, values: values))
            } catch {
                throw FormatError(file: file, message: error.message)
            }
        }
        return TensorArchive(tensors: tensors)
    }

    /// Whether a ZIP entry name stays inside the archive's folder: relative, no `..` part, no
    /// backslash or NUL.
    static func isSafeEntryName(_ name: String) -> Bool {
        guard !name.hasPrefix("/"), !name.contains("\\"), !name.contains("\u{0}") else { return false }
        return !name.split(separator: "/").contains("..")
    }
}

extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}

