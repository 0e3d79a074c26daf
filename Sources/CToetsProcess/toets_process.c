#define _GNU_SOURCE
#include "toets_process.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* Reports which step failed in the child through a close-on-exec pipe: if exec succeeds the
   pipe closes with nothing written. Only async-signal-safe calls run between fork and exec. */
struct child_failure {
    int error_number;
    int step;
};

static const char *const step_names[] = {
    "setpgid", "chdir", "open /dev/null", "open stdout", "open stderr", "dup2", "setrlimit", "exec",
    "unshare a network namespace",
};

static void fail_child(int pipe_fd, int step) {
    struct child_failure failure = { errno, step };
    ssize_t ignored = write(pipe_fd, &failure, sizeof failure);
    (void)ignored;
    _exit(127);
}

pid_t toets_spawn(const char *const argv[], const char *const envp[], const char *cwd,
                  const char *stdout_path, const char *stderr_path, long long memory_limit_bytes,
                  int isolate_network, int *error_number, const char **failed_step) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) {
        *error_number = errno;
        *failed_step = "pipe";
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        *error_number = errno;
        *failed_step = "fork";
        close(report[0]);
        close(report[1]);
        return -1;
    }
    if (pid == 0) {
        close(report[0]);
        if (setpgid(0, 0) != 0) fail_child(report[1], 0);
        /* A network namespace of its own holds only a loopback device that is down. Without
           CAP_SYS_ADMIN, a user namespace (where the kernel allows one) grants the right. */
        if (isolate_network && unshare(CLONE_NEWNET) != 0 && unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) {
            fail_child(report[1], 8);
        }
        if (chdir(cwd) != 0) fail_child(report[1], 1);
        int in = open("/dev/null", O_RDONLY);
        if (in < 0) fail_child(report[1], 2);
        int out = open(stdout_path, O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (out < 0) fail_child(report[1], 3);
        int err = open(stderr_path, O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (err < 0) fail_child(report[1], 4);
        if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) fail_child(report[1], 5);
        if (in > 2) close(in);
        if (out > 2) close(out);
        if (err > 2) close(err);
        if (memory_limit_bytes > 0) {
            struct rlimit limit = { (rlim_t)memory_limit_bytes, (rlim_t)memory_limit_bytes };
            if (setrlimit(RLIMIT_AS, &limit) != 0) fail_child(report[1], 6);
        }
        sigset_t empty;
        sigemptyset(&empty);
        sigprocmask(SIG_SETMASK, &empty, NULL);
        for (int signal_number = 1; signal_number < NSIG; signal_number++) {
            if (signal_number != SIGKILL && signal_number != SIGSTOP) signal(signal_number, SIG_DFL);
        }
        execvpe(argv[0], (char *const *)argv, (char *const *)envp);
        fail_child(report[1], 7);
    }
    close(report[1]);
    struct child_failure failure;
    ssize_t got;
    do {
        got = read(report[0], &failure, sizeof failure);
    } while (got < 0 && errno == EINTR);
    close(report[0]);
    if (got == (ssize_t)sizeof failure) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        *error_number = failure.error_number;
        *failed_step = step_names[failure.step];
        return -1;
    }
    return pid;
}
