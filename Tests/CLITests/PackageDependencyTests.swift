import Foundation
import Testing

/// Package.swift says what each module depends on, and the sources say what they import: the two
/// must agree exactly for every source target (library and executable), so the dependency
/// diagram in Package.swift and docs/architecture.md is the one the compiler sees. System
/// modules (Glibc, Darwin, Dispatch, Foundation, FoundationEssentials, Synchronization) are not package dependencies.
@Suite struct PackageDependencyTests {
    static let systemModules: Set<String> = ["Glibc", "Darwin", "Dispatch", "Foundation", "FoundationEssentials", "FoundationXML", "Synchronization"]

    /// (target name, declared dependencies) of every `.target` and `.executableTarget`; a
    /// `.product(name: X, …)` dependency counts as module X.
    static func declaredTargets(_ manifest: String) throws -> [(name: String, dependencies: Set<String>)] {
        let target = try Regex(#"\.(?:target|executableTarget)\(\s*name:\s*"(\w+)"\s*,\s*dependencies:\s*\[([^\]]*)\]"#)
        let product = try Regex(#"\.product\(name:\s*"(\w+)""#)
        let plain = try Regex(#""(\w+)""#)
        return manifest.matches(of: target).compactMap { m in
            guard let name = m.output[1].substring.map(String.init), let list = m.output[2].substring.map(String.init) else { return nil }
            var deps = Set(list.matches(of: product).compactMap { $0.output[1].substring.map(String.init) })
            let withoutProducts = list.replacing(product, with: "")
            deps.formUnion(withoutProducts.matches(of: plain).compactMap { $0.output[1].substring.map(String.init) }
                .filter { $0 != "package" })
            return (name, deps)
        }
    }

    /// The modules imported by the Swift files under `directory`.
    static func imports(in directory: URL) throws -> Set<String> {
        let line = try Regex(#"(?m)^(?:@\w+\s+)*import\s+(?:(?:struct|class|enum|protocol|func|var|typealias)\s+)?(\w+)"#)
        var out = Set<String>()
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            out.formUnion(text.matches(of: line).compactMap { $0.output[1].substring.map(String.init) })
        }
        return out.subtracting(systemModules)
    }

    @Test func everySourceTargetDependsOnExactlyWhatItImports() throws {
        let manifest = try String(contentsOf: CLI.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let targets = try Self.declaredTargets(manifest)
        #expect(targets.count >= 10, "the manifest parse found \(targets.map(\.name))")
        for t in targets {
            let directory = CLI.root.appendingPathComponent("Sources").appendingPathComponent(t.name)
            let imported = try Self.imports(in: directory)
            #expect(imported == t.dependencies, """
                \(t.name): Package.swift declares \(t.dependencies.sorted()) but the sources import \(imported.sorted()) \
                (add \(imported.subtracting(t.dependencies).sorted()), remove \(t.dependencies.subtracting(imported).sorted()))
                """)
        }
    }
}
