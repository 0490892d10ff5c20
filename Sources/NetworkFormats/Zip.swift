import CZlib

/// The parts of the ZIP format (PKWARE APPNOTE) that npz files use: reading stored and
/// deflated entries through the central directory (including ZIP64 sizes and offsets), and
/// writing stored entries.
///
/// Reading checks what a damaged or hostile archive could get wrong: every offset and size lies
/// inside the file, names are unique, the declared uncompressed size is reachable by deflate
/// (at most 1032 : 1), inflation yields exactly that size, and the CRC-32 matches.
enum Zip {
    struct Entry {
        var name: String
        var flags: UInt16
        var method: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    static let localSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    /// Whether `bytes` starts with a ZIP local file header (`PK\x03\x04`); an empty archive
    /// starts with its end record (`PK\x05\x06`).
    static func looksLike(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: localSignature) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06])
    }

    private static func u16(_ b: [UInt8], _ o: Int) -> Int { Int(b[o]) | Int(b[o + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ o: Int) -> Int { u16(b, o) | u16(b, o + 2) << 16 }
    private static func u64(_ b: [UInt8], _ o: Int) -> UInt64 { UInt64(u32(b, o)) | UInt64(u32(b, o + 4)) << 32 }

    /// The entries listed in the central directory, in directory order.
    static func entries(_ bytes: [UInt8]) throws(TensorFormatError) -> [Entry] {
        let eocdSize = 22
        guard bytes.count >= eocdSize else { throw .zipInvalid(reason: "the file has \(bytes.count) bytes, too short for an end-of-central-directory record") }
        var eocd = -1
        var o = bytes.count - eocdSize
        let lowest = max(0, bytes.count - eocdSize - 65535)
        while o >= lowest {
            if bytes[o] == 0x50, bytes[o + 1] == 0x4B, bytes[o + 2] == 0x05, bytes[o + 3] == 0x06, o + eocdSize + u16(bytes, o + 20) == bytes.count {
                eocd = o
                break
            }
            o -= 1
        }
        guard eocd >= 0 else { throw .zipInvalid(reason: "no end-of-central-directory record (the file is truncated or not a ZIP archive)") }
        guard u16(bytes, eocd + 4) == 0, u16(bytes, eocd + 6) == 0 else { throw .zipInvalid(reason: "multi-disk archives are not supported") }
        var count = u16(bytes, eocd + 10)
        var directorySize = UInt64(u32(bytes, eocd + 12))
        var directoryOffset = UInt64(u32(bytes, eocd + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the end record points at the ZIP64 end record.
            let locator = eocd - 20
            guard locator >= 0, bytes[locator..<(locator + 4)].elementsEqual([0x50, 0x4B, 0x06, 0x07]) else {
                throw .zipInvalid(reason: "ZIP64 sizes without a ZIP64 locator")
            }
            let record = u64(bytes, locator + 8)
            guard bytes.count >= 56, record <= UInt64(bytes.count - 56), bytes[Int(record)..<(Int(record) + 4)].elementsEqual([0x50, 0x4B, 0x06, 0x06]) else {
                throw .zipInvalid(reason: "the ZIP64 end record is missing")
            }
            let r = Int(record)
            let total = u64(bytes, r + 32)
            guard total <= UInt64(bytes.count / 46) else { throw .zipInvalid(reason: "the ZIP64 end record claims \(total) entries") }
            count = Int(total)
            directorySize = u64(bytes, r + 40)
            directoryOffset = u64(bytes, r + 48)
        }
        guard directoryOffset <= UInt64(bytes.count), directorySize <= UInt64(bytes.count) - directoryOffset else {
            throw .zipInvalid(reason: "the central directory lies outside the file")
        }
        var entries: [Entry] = []
        var names = Set<String>()
        var p = Int(directoryOffset)
        let end = p + Int(directorySize)
        for index in 0..<count {
            guard p + 46 <= end, bytes[p..<(p + 4)].elementsEqual([0x50, 0x4B, 0x01, 0x02]) else {
                throw .zipInvalid(reason: "central directory entry \(index) is damaged")
            }
            let nameLength = u16(bytes, p + 28), extraLength = u16(bytes, p + 30), commentLength = u16(bytes, p + 32)
            let next = p + 46 + nameLength + extraLength + commentLength
            guard next <= end else { throw .zipInvalid(reason: "central directory entry \(index) runs past the directory") }
            let nameBytes = bytes[(p + 46)..<(p + 46 + nameLength)]
            let name = String(decoding: nameBytes, as: UTF8.self)
            var uncompressed = UInt64(u32(bytes, p + 24)), compressed = UInt64(u32(bytes, p + 20)), local = UInt64(u32(bytes, p + 42))
            // ZIP64 extended information (header id 1) replaces the fields saturated at 0xFFFFFFFF.
            var e = p + 46 + nameLength
            let extraEnd = e + extraLength
            while e + 4 <= extraEnd {
                let id = u16(bytes, e), size = u16(bytes, e + 2)
                guard e + 4 + size <= extraEnd else { break }
                if id == 1 {
                    var f = e + 4
                    let limit = e + 4 + size
                    func field() throws(TensorFormatError) -> UInt64 {
                        guard f + 8 <= limit else { throw .zipInvalid(reason: "entry \"\(name)\": short ZIP64 extra field") }
                        f += 8
                        return u64(bytes, f - 8)
                    }
                    if uncompressed == 0xFFFF_FFFF { uncompressed = try field() }
                    if compressed == 0xFFFF_FFFF { compressed = try field() }
                    if local == 0xFFFF_FFFF { local = try field() }
                }
                e += 4 + size
            }
            guard compressed <= UInt64(bytes.count), uncompressed <= UInt64(Int.max / 2), local <= UInt64(bytes.count) else {
                throw .zipCorruptEntry(entry: name, reason: "sizes or offset lie outside the file")
            }
            guard names.insert(name).inserted else { throw .zipInvalid(reason: "entry \"\(name)\" appears twice") }
            entries.append(Entry(
                name: name, flags: UInt16(u16(bytes, p + 8)), method: UInt16(u16(bytes, p + 10)), crc32: UInt32(u32(bytes, p + 16)),
                compressedSize: Int(compressed), uncompressedSize: Int(uncompressed), localHeaderOffset: Int(local)))
            p = next
        }
        return entries
    }

    /// The stored (possibly compressed) bytes of `entry`, located through its local header.
    static func rawData(of entry: Entry, in bytes: [UInt8]) throws(TensorFormatError) -> ArraySlice<UInt8> {
        let name = entry.name
        guard entry.flags & 1 == 0 else { throw .zipUnsupportedEntry(entry: name, reason: "encrypted entries are not supported") }
        let h = entry.localHeaderOffset
        guard h <= bytes.count - 30, bytes[h..<(h + 4)].elementsEqual(localSignature) else {
            throw .zipCorruptEntry(entry: name, reason: "no local file header at offset \(h)")
        }
        let start = h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28)
        guard start <= bytes.count, entry.compressedSize <= bytes.count - start else {
            throw .zipCorruptEntry(entry: name, reason: "the data runs past the end of the file")
        }
        return bytes[start..<(start + entry.compressedSize)]
    }

    /// The first `count` uncompressed bytes of `entry` (fewer when it is shorter), without
    /// inflating the rest: enough to read a header and check the sizes it declares before the
    /// whole entry is allocated. Neither the size nor the CRC-32 is checked here.
    static func prefix(of entry: Entry, in bytes: [UInt8], count: Int) throws(TensorFormatError) -> [UInt8] {
        let raw = try rawData(of: entry, in: bytes)
        switch entry.method {
        case 0: return Array(raw.prefix(count))
        case 8: break
        default:
            throw .zipUnsupportedEntry(entry: entry.name, reason: "compression method \(entry.method) is not supported (stored and deflated are)")
        }
        let capacity = min(count, entry.uncompressedSize)
        guard raw.count < Int(UInt32.max) else {
            throw .zipUnsupportedEntry(entry: entry.name, reason: "deflated entries over 4 GiB are not supported")
        }
        let (status, produced, output) = rawInflate(raw, capacity: capacity, flush: Z_SYNC_FLUSH)
        guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
            throw .zipCorruptEntry(entry: entry.name, reason: "invalid deflate data (zlib status \(status))")
        }
        return Array(output.prefix(produced))
    }

    /// The uncompressed bytes of `entry`, checked against its size and CRC-32.
    static func contents(of entry: Entry, in bytes: [UInt8]) throws(TensorFormatError) -> [UInt8] {
        let name = entry.name
        let raw = try rawData(of: entry, in: bytes)
        let data: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw .zipCorruptEntry(entry: name, reason: "a stored entry with different compressed (\(entry.compressedSize)) and uncompressed (\(entry.uncompressedSize)) sizes")
            }
            data = Array(raw)
        case 8:
            data = try inflate(raw, expectedSize: entry.uncompressedSize, entry: name)
        default:
            throw .zipUnsupportedEntry(entry: name, reason: "compression method \(entry.method) is not supported (stored and deflated are)")
        }
        let crc = data.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: crc32_z(0, $0.baseAddress, z_size_t($0.count))) }
        guard crc == entry.crc32 else {
            throw .zipCorruptEntry(entry: name, reason: "CRC-32 is 0x\(String(crc, radix: 16)), the directory says 0x\(String(entry.crc32, radix: 16))")
        }
        return data
    }

    /// Inflates a raw deflate stream (RFC 1951) of known uncompressed size.
    static func inflate(_ input: ArraySlice<UInt8>, expectedSize: Int, entry: String) throws(TensorFormatError) -> [UInt8] {
        // Deflate cannot expand more than 1032 : 1; a larger claim is a lie, refused before allocating.
        guard expectedSize <= 1032 * input.count + 64 else {
            throw .zipCorruptEntry(entry: entry, reason: "claims \(expectedSize) bytes from \(input.count) compressed bytes, more than deflate can encode")
        }
        guard input.count < Int(UInt32.max), expectedSize < Int(UInt32.max) else {
            throw .zipUnsupportedEntry(entry: entry, reason: "deflated entries over 4 GiB are not supported")
        }
        // One spare byte detects overlong output.
        let (status, produced, output) = rawInflate(input, capacity: expectedSize + 1, flush: Z_FINISH)
        guard status == Z_STREAM_END else {
            throw .zipCorruptEntry(entry: entry, reason: status == Z_BUF_ERROR || status == Z_OK
                ? (produced > expectedSize ? "inflates to more than the declared \(expectedSize) bytes" : "the deflate stream ends early")
                : "invalid deflate data (zlib status \(status))")
        }
        guard produced == expectedSize else {
            throw .zipCorruptEntry(entry: entry, reason: "inflates to \(produced) bytes, the directory says \(expectedSize)")
        }
        return Array(output.prefix(expectedSize))
    }

    /// Runs raw inflate (RFC 1951) over `input` into a buffer of `capacity` bytes with zlib's
    /// `flush` mode: zlib's status, the bytes produced, and the buffer with whatever inflate left
    /// unwritten zeroed (so every byte is initialised). Sizes are checked by the callers
    /// (below 4 GiB, `capacity` bounded by what the entry can hold).
    private static func rawInflate(_ input: ArraySlice<UInt8>, capacity: Int, flush: Int32) -> (status: Int32, produced: Int, output: [UInt8]) {
        var status: Int32 = Z_OK
        var produced = 0
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { out, initialized in
            var stream = z_stream()
            guard nnid_inflate_init_raw(&stream) == Z_OK else { status = Z_MEM_ERROR; initialized = 0; return }
            input.withUnsafeBufferPointer { inp in
                stream.next_in = UnsafeMutablePointer(mutating: inp.baseAddress)
                stream.avail_in = UInt32(inp.count)
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                status = CZlib.inflate(&stream, flush)
            }
            produced = Int(stream.total_out)
            inflateEnd(&stream)
            if produced < out.count, let base = out.baseAddress {
                base.advanced(by: produced).initialize(repeating: 0, count: out.count - produced)
            }
            initialized = out.count
        }
        return (status, produced, output)
    }

    /// A ZIP archive of stored (uncompressed) entries, with fixed timestamps (1980-01-01) so the
    /// same entries always give the same bytes.
    static func storedArchive(_ files: [(name: String, data: [UInt8])]) throws(TensorFormatError) -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        func put16(_ v: Int, _ b: inout [UInt8]) { b.append(UInt8(v & 0xFF)); b.append(UInt8((v >> 8) & 0xFF)) }
        func put32(_ v: Int, _ b: inout [UInt8]) { put16(v & 0xFFFF, &b); put16((v >> 16) & 0xFFFF, &b) }
        for (name, data) in files {
            let nameBytes = Array(name.utf8)
            let offset = out.count
            guard data.count < 0xFFFF_FFFF, offset < 0xFFFF_FFFF, nameBytes.count <= 0xFFFF else {
                throw .notWritable(reason: "npz: entry \"\(name)\" is too large for a ZIP archive without ZIP64")
            }
            let crc = Int(data.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: crc32_z(0, $0.baseAddress, z_size_t($0.count))) })
            let utf8Flag = nameBytes.allSatisfy { $0 < 0x80 } ? 0 : 0x0800
            // Local file header.
            put32(0x0403_4B50, &out); put16(20, &out); put16(utf8Flag, &out); put16(0, &out)
            put16(0, &out); put16(0x21, &out)
            put32(crc, &out); put32(data.count, &out); put32(data.count, &out)
            put16(nameBytes.count, &out); put16(0, &out)
            out += nameBytes
            out += data
            // Central directory header.
            put32(0x0201_4B50, &directory); put16(20, &directory); put16(20, &directory); put16(utf8Flag, &directory); put16(0, &directory)
            put16(0, &directory); put16(0x21, &directory)
            put32(crc, &directory); put32(data.count, &directory); put32(data.count, &directory)
            put16(nameBytes.count, &directory); put16(0, &directory); put16(0, &directory)
            put16(0, &directory); put16(0, &directory); put32(0, &directory); put32(offset, &directory)
            directory += nameBytes
        }
        let directoryOffset = out.count
        guard files.count < 0xFFFF, directoryOffset < 0xFFFF_FFFF else { throw .notWritable(reason: "npz: too large for a ZIP archive without ZIP64") }
        out += directory
        put32(0x0605_4B50, &out); put16(0, &out); put16(0, &out)
        put16(files.count, &out); put16(files.count, &out)
        put32(directory.count, &out); put32(directoryOffset, &out); put16(0, &out)
        return out
    }
}
