#include <archive.h>
#include <archive_entry.h>
/* zlib: ingest inflates gzip itself, because libarchive 3.6 does not check a gzip member's CRC-32 and length. */
#include <zlib.h>
