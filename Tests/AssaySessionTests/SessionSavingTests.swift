import AssayCore
import AssaySession
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Saving sessions")
struct SessionSavingTests {
    private func answeredSession() throws -> SessionFile {
        let scorer = try SessionFixtures.scorer()
        var engine = SessionEngine(
            session: SessionFixtures.session(rubric: scorer.index.rubric), scorer: scorer, now: SessionFixtures.start)
        try engine.setNote("Named in the 2024 org chart", now: SessionFixtures.at(minutes: 1))
        try engine.answer(.flag(true), now: SessionFixtures.at(minutes: 2))
        try engine.answer(.text("largely"), now: SessionFixtures.at(minutes: 3))
        return engine.session
    }

    @Test("A saved session reads back the same, and no temporary file is left behind")
    func roundTrip() throws {
        let folder = try SessionFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/lac-vert.session.json"
        let session = try answeredSession()
        try session.save(to: path)
        #expect(try SessionFile.load(path) == session)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["lac-vert.session.json"])

        // Saving again replaces the file.
        var changed = session
        changed.answers["pub.plan"] = Answer(.text("full"))
        try changed.save(to: path)
        #expect(try SessionFile.load(path).answers["pub.plan"] == Answer(.text("full")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["lac-vert.session.json"])
    }

    @Test("A save that cannot create its temporary file throws and leaves the old file as it was")
    func failedSaveKeepsOldFile() throws {
        let folder = try SessionFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/lac-vert.session.json"
        let session = try answeredSession()
        try session.save(to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        // A folder where the temporary file would go makes creating it fail for any user, root included (root
        // ignores a read-only folder's permissions, so the test below cannot run as root).
        try FileManager.default.createDirectory(
            atPath: folder + "/.lac-vert.session.json.\(getpid()).tmp", withIntermediateDirectories: false)
        var changed = session
        changed.answers["pub.plan"] = Answer(.text("none"))
        let error = #expect(throws: SessionSaveError.self) { try changed.save(to: path) }
        #expect(error?.code == .create)
        #expect(error?.description.contains("lac-vert.session.json: cannot save the session") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("Saving into a read-only folder says why and leaves the old file intact", .enabled(if: geteuid() != 0))
    func readOnlyFolder() throws {
        let folder = try SessionFixtures.temporaryFolder()
        defer {
            chmod(folder, 0o755)
            try? FileManager.default.removeItem(atPath: folder)
        }
        let path = folder + "/lac-vert.session.json"
        let session = try answeredSession()
        try session.save(to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        chmod(folder, 0o555)
        let error = #expect(throws: SessionSaveError.self) { try session.save(to: path) }
        #expect(error?.reason == "Permission denied")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("A save into a folder that does not exist reports the operating system's reason")
    func missingFolder() throws {
        let session = try answeredSession()
        let error = #expect(throws: SessionSaveError.self) {
            try session.save(to: "/nonexistent-assay-folder/lac-vert.session.json")
        }
        #expect(error?.reason == "No such file or directory")
    }

    @Test("Temporary files left by killed sessions are cleaned up; a running session's is kept")
    func staleTemporaryFiles() throws {
        let folder = try SessionFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/lac-vert.session.json"
        try answeredSession().save(to: path)
        // No process has id 2147483646 (Linux ids stop at 4194304); this process is running.
        let stale = folder + "/.lac-vert.session.json.2147483646.tmp"
        let live = folder + "/.lac-vert.session.json.\(getpid()).tmp"
        let unrelated = folder + "/.other.json.2147483646.tmp"
        for file in [stale, live, unrelated] {
            #expect(FileManager.default.createFile(atPath: file, contents: Data("{".utf8)))
        }
        #expect(SessionFile.removeStaleTemporaryFiles(for: path) == [stale])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == [
                ".lac-vert.session.json.\(getpid()).tmp", ".other.json.2147483646.tmp", "lac-vert.session.json",
            ])
    }
}
