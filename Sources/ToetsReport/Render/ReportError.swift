import Foundation
import ToetsModel

/// What can go wrong while rendering or writing reports; the command line turns these into
/// messages and exit codes.
package enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `.diskFull` for Foundation's out-of-space errors, else `.cannotWrite` with the error.
    static func writing(_ path: String, _ error: any Error) -> ReportError {
        diskFullPath(in: error).isFull ? .diskFull(path: path) : .cannotWrite(path: path, detail: "\(error)")
    }

    /// An external program (weasyprint, pdftoppm, …) is not on the PATH.
    case programMissing(program: String, package: String)
    /// An external program ran and failed.
    case programFailed(program: String, status: Int32, detail: String)
    /// A file or folder could not be written.
    case cannotWrite(path: String, detail: String)
    /// A file could not be written because its disk (or quota) is full.
    case diskFull(path: String)
    /// A published folder of that name exists already; published folders are never overwritten.
    case folderExists(path: String)

    package var description: String {
        switch self {
        case .programMissing(let program, let package):
            "cannot render PDF: '\(program)' is not installed or not on the PATH. Install Debian's \(package) "
                + "(scripts/install-debian-packages.sh \(package); `make test` and `make demo` do this), or render "
                + "HTML only."
        case .programFailed(let program, let status, let detail):
            "\(program) failed with exit status \(status)" + (detail.isEmpty ? "" : ":\n" + detail)
        case .cannotWrite(let path, let detail):
            "cannot write \(path): \(detail)"
        case .diskFull(let path):
            "cannot write \(path): no space left on its disk"
        case .folderExists(let path):
            "\(path) exists already, and a published folder is never overwritten"
        }
    }
}
