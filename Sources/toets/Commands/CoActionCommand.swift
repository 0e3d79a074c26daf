import ArgumentParser
import ToetsMethods

extension Toets {
    /// `toets co-action INPUT.csv --network NAME --out EDGES.csv`: one of CNT 1.5.2's co-action
    /// networks from CNT's own input CSV, outside a pipeline.
    struct CoActionCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "co-action",
            abstract: "Compute one of CNT 1.5.2's co-action networks from a CNT input CSV, as its compute_networks does.",
            discussion: """
                Reads the CSV that `compute_networks DB preprocess --format csv` reads (message_id, user_id, \
                username, repost_id, reply_id, message, timestamp, urls) and writes the directed network as CNT's \
                table, user_1,user_2,weight, without self-loops. The options and their defaults are CNT's. \
                Where Toets differs from CNT on purpose (empty URLs and texts link no one; whole seconds), \
                see the README. This reads raw data outside a pipeline: nothing is pseudonymised or recorded.
                """)

        @Argument(help: ArgumentHelp("CNT's input CSV.", valueName: "csv"))
        var input: String

        @Option(name: .long, help: "co_retweet, co_tweet, co_reply, co_link, co_similar_tweet or co_post.")
        var network: String

        @Option(name: .long, help: ArgumentHelp("Where to write the edges (CSV).", valueName: "file"))
        var out: String

        @Option(name: .customLong("time_window"), help: "Seconds between two co-acting messages at most (inclusive).")
        var timeWindow: Int64 = CoActionParameters().timeWindow

        @Option(name: .customLong("min_edge_weight"), help: "Lighter directed edges are left out.")
        var minEdgeWeight: Int = CoActionParameters().minEdgeWeight

        @Option(name: .customLong("similarity_threshold"), help: "co_similar_tweet: the smallest Jaccard similarity.")
        var similarityThreshold: Double = CoActionParameters().similarityThreshold

        @Option(name: .customLong("min_document_size_similarity"), help: "co_similar_tweet: shorter word sets never match.")
        var minDocumentSize: Double = CoActionParameters().minDocumentSize

        func validate() throws {
            guard CoActionNetwork(rawValue: network) != nil else {
                throw ValidationError("--network must be one of " + CoActionNetwork.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard timeWindow >= 0 else { throw ValidationError("--time_window must be 0 or more") }
            guard (0...1).contains(similarityThreshold) else { throw ValidationError("--similarity_threshold must be between 0 and 1") }
        }

        func run() async throws {
            try await reportingErrors {
                let parameters = CoActionParameters(timeWindow: timeWindow, minEdgeWeight: minEdgeWeight,
                                                    similarityThreshold: similarityThreshold, minDocumentSize: minDocumentSize)
                let network = CoActionNetwork(rawValue: self.network)!  // checked by validate()
                let input: CoActionInput
                do {
                    input = try CoActionInput(cntCSVAt: self.input, columns: network.columns)
                } catch let error as MethodsError {
                    throw CommandFailure(message: error.description, code: ExitCodes.badInput)
                }
                let table = CoAction.network(network, of: input, parameters: parameters)
                try table.writeCSV(to: out)
                writeOut("\(table.count) edges among \(input.accountCount) accounts, from \(input.messageCount) messages, in \(out)")
            }
        }
    }
}
