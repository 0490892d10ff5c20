// The facade re-exports the layers below it, so `import Identifiability` is all a caller needs.
@_exported import Exact
@_exported import LinearAlgebra
@_exported import Networks
@_exported import NetworkFormats
@_exported import Certified
@_exported import Symmetries
@_exported import Canonical
@_exported import Rank
@_exported import Pictures
