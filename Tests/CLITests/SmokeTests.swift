import Testing

@Suite struct SmokeTests {
  @Test func versionAndHelp() throws {
    let v = try CLI.run(["--version"])
    #expect(v.status == 0)
    #expect(!v.stdout.isEmpty)
    let h = try CLI.run(["--help"])
    #expect(h.status == 0)
    for sub in ["debug", "run", "validate", "graph"] { #expect(h.stdout.contains(sub)) }
  }
}
