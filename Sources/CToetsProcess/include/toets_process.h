#ifndef TOETS_PROCESS_H
#define TOETS_PROCESS_H

#include <sys/types.h>

/// What `toets_spawn` starts and how.
struct toets_spawn_request {
    /// The program (searched in the PATH of `envp`) and its arguments, NULL-terminated.
    const char *const *argv;
    /// The environment, NULL-terminated `NAME=value` strings.
    const char *const *envp;
    const char *cwd;
    /// Standard input is read from this file; output and error are appended to these files.
    const char *stdin_path;
    const char *stdout_path;
    const char *stderr_path;
    /// > 0: RLIMIT_AS in bytes.
    long long memory_limit_bytes;
    /// != 0: a network namespace of its own (no interfaces but a loopback that is down).
    int isolate_network;
    /// != 0: the child is killed (SIGKILL) when this process dies, however it dies.
    int die_with_parent;
    /// Where `staged_sources[i]` appear, bound in a private mount namespace of the child on a
    /// fresh tmpfs at `staging_directory/i` before privileges are dropped; NULL for none. Needs
    /// root. So a child that runs as another user reaches files it could not walk to by path.
    const char *staging_directory;
    /// NULL-terminated.
    const char *const *staged_sources;
    /// >= 0: the child drops to this user and group (and no supplementary groups) before exec.
    /// Needs root.
    int run_as_uid;
    int run_as_gid;
};

/// Starts a child in a new process group, with default signal dispositions, an empty signal
/// mask and every file descriptor above 2 closed. Returns its pid, or -1 with the errno of the
/// step that failed in `*error_number` and a short name of that step in `*failed_step`.
///
/// Call it from a thread that lives as long as the process when `die_with_parent` is set: the
/// kernel sends the signal when the thread that forked ends.
pid_t toets_spawn(const struct toets_spawn_request *request, int *error_number, const char **failed_step);

#endif
