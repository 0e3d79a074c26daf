/// What can go wrong while rendering or writing reports; the command line turns these into
/// messages and exit codes.
package enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An external program (weasyprint, pdftoppm, …) is not on the PATH.
    case programMissing(program: String, package: String)
    /// An external program ran and failed.
    case programFailed(program: String, status: Int32, detail: String)
    /// A file or folder could not be written.
    case cannotWrite(path: String, detail: String)

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
        }
    }
}
