#ifndef TOETS_PROCESS_H
#define TOETS_PROCESS_H

#include <sys/types.h>

/// Starts `argv[0]` (searched in the PATH of `envp`) in a new process group, with working
/// directory `cwd`, standard input from /dev/null and standard output and error appended to
/// the given files, default signal dispositions and an empty signal mask.
/// `memory_limit_bytes` > 0 sets RLIMIT_AS; `isolate_network` != 0 runs it in a network
/// namespace of its own (no interfaces but a loopback that is down), failing if that cannot be
/// made. Returns the child's pid, or -1 with the errno of
/// the step that failed in `*error_number` and a short name of that step in `*failed_step`.
pid_t toets_spawn(const char *const argv[], const char *const envp[], const char *cwd,
                  const char *stdout_path, const char *stderr_path, long long memory_limit_bytes,
                  int isolate_network, int *error_number, const char **failed_step);

#endif
