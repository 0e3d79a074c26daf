import Foundation
import Synchronization
import ToetsRunner

/// A `ProcessLauncher` that starts nothing: it records each request and lets the test decide
/// what the "command" writes and how it ends.
package final class FakeProcessLauncher: ProcessLauncher {
    private let requests = Mutex<[CommandRequest]>([])
    private let behaviour: @Sendable (CommandRequest) throws -> CommandResult.Ending

    /// `behaviour` plays the command: it may write files named in the request, and returns how it ended.
    package init(_ behaviour: @escaping @Sendable (CommandRequest) throws -> CommandResult.Ending) {
        self.behaviour = behaviour
    }

    package var received: [CommandRequest] { requests.withLock { $0 } }

    package func run(_ request: CommandRequest) async throws -> CommandResult {
        requests.withLock { $0.append(request) }
        return CommandResult(ending: try behaviour(request), seconds: 0)
    }
}
