// jacobi-bench [W3 …] [--n N]: runs the named workloads (all when none is named), each at
// its default sizes or at N, printing one JSON line per measurement (Docs/Benchmarks.md).

var workloads: [String] = []
var sizes: [Int]?
var arguments = CommandLine.arguments.dropFirst()
while let a = arguments.popFirst() {
    if a == "--n", let v = arguments.popFirst(), let n = Int(v) {
        sizes = (sizes ?? []) + [n]
    } else {
        workloads.append(a.uppercased())
    }
}

let all: [(String, ([Int]?) -> Void)] = [
    ("W3", W3.run),
    ("W1", W1.run),
    ("W2", W2.run),
    ("W4", W4.run),
    ("W4T", W4Taylor.run),
    ("W4C", W4Program.compileOnly),
    ("W5", W5.run),
    ("W10", W10.run),
    ("W6", W6.run),
    ("W9", W9.run),
    ("W8", W8.run),
    ("W1C", W1Construction.run),
    ("W7", W7.run),
    ("W11", W11.run),
    ("W13", W13.run),
    ("W13H", W13Hunt.run),
    ("SC", SimplifierCorpusBench.run),
]
for (name, run) in all where workloads.isEmpty || workloads.contains(name) {
    run(sizes)
}
