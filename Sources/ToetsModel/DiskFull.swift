import Foundation

/// Whether `error` says a disk (or a quota) is full, as Foundation words it on Linux and macOS:
/// `NSCocoaErrorDomain` 640 (`fileWriteOutOfSpace`), or `NSPOSIXErrorDomain` ENOSPC or EDQUOT,
/// itself or as the underlying error. Returns the path Foundation names, if any, so that the
/// message can say where.
package func diskFullPath(in error: any Error) -> (isFull: Bool, path: String?) {
    var current: NSError? = error as NSError
    while let nsError = current {
        let full = (nsError.domain == NSCocoaErrorDomain && nsError.code == CocoaError.fileWriteOutOfSpace.rawValue)
            || (nsError.domain == NSPOSIXErrorDomain && (nsError.code == Int(ENOSPC) || nsError.code == Int(EDQUOT)))
        if full { return (true, nsError.userInfo[NSFilePathErrorKey] as? String) }
        let next = nsError.userInfo[NSUnderlyingErrorKey] as? NSError
        current = next === nsError ? nil : next
    }
    return (false, nil)
}
