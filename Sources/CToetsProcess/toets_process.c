#define _GNU_SOURCE
#include "toets_process.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* Reports which step failed in the child through a close-on-exec pipe: if exec succeeds the
   pipe closes with nothing written. Only async-signal-safe calls run between fork and exec:
   no allocation, paths are built in buffers on the stack. */
struct child_failure {
    int error_number;
    int step;
};

enum step {
    STEP_SETPGID, STEP_CHDIR, STEP_STDIN, STEP_STDOUT, STEP_STDERR, STEP_DUP2, STEP_SETRLIMIT, STEP_EXEC,
    STEP_NETWORK, STEP_CLOSE, STEP_OPEN_STAGED, STEP_MOUNT_NAMESPACE, STEP_STAGING_TMPFS, STEP_STAGE,
    STEP_DROP, STEP_PARENT_DEATH,
};

static const char *const step_names[] = {
    "setpgid", "chdir", "open standard input", "open stdout", "open stderr", "dup2", "setrlimit", "exec",
    "unshare a network namespace", "close inherited descriptors", "open a path to show the sandbox",
    "unshare a mount namespace", "mount the staging tmpfs", "bind a path into the staging folder",
    "drop to the sandbox user", "tie the child to toets's life",
};

static void fail_child(int pipe_fd, int step) {
    struct child_failure failure = { errno, step };
    ssize_t ignored = write(pipe_fd, &failure, sizeof failure);
    (void)ignored;
    _exit(127);
}

/* Appends `text` to `buffer` (of `size` bytes, NUL-terminated), truncating; returns the length. */
static size_t append(char *buffer, size_t size, size_t length, const char *text) {
    while (*text && length + 1 < size) buffer[length++] = *text++;
    buffer[length] = 0;
    return length;
}

static size_t append_number(char *buffer, size_t size, size_t length, long number) {
    char digits[24];
    int count = 0;
    do {
        digits[count++] = (char)('0' + number % 10);
        number /= 10;
    } while (number > 0 && count < 23);
    while (count > 0 && length + 1 < size) buffer[length++] = digits[--count];
    buffer[length] = 0;
    return length;
}

/* Closes every descriptor from `first` up; the report pipe is moved below `first` first. */
static int close_from(int first) {
    if (syscall(SYS_close_range, (unsigned)first, ~0U, 0) == 0) return 0;
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return -1;
    rlim_t last = limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur > 65536 ? 65536 : limit.rlim_cur;
    for (rlim_t fd = (rlim_t)first; fd < last; fd++) close((int)fd);
    return 0;
}

/* In a private mount namespace: a tmpfs at `directory`, and each source bound at directory/i. */
static void stage(const struct toets_spawn_request *request, int report_fd) {
    int count = 0;
    while (request->staged_sources[count]) count++;
    if (unshare(CLONE_NEWNS) != 0) fail_child(report_fd, STEP_MOUNT_NAMESPACE);
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) fail_child(report_fd, STEP_MOUNT_NAMESPACE);
    /* Opened in the new namespace (a mount of another namespace cannot be bound) and before the
       tmpfs goes up, so that a source below the staging folder is still reached. */
    int first_fd = -1;
    for (int index = 0; index < count; index++) {
        int fd = open(request->staged_sources[index], O_PATH | O_CLOEXEC);
        if (fd < 0) fail_child(report_fd, STEP_OPEN_STAGED);
        if (index == 0) first_fd = fd;
        if (fd != first_fd + index) {  /* descriptors above 3 were closed: they come in order */
            errno = EBADF;
            fail_child(report_fd, STEP_OPEN_STAGED);
        }
    }
    if (mount("tmpfs", request->staging_directory, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755") != 0) {
        fail_child(report_fd, STEP_STAGING_TMPFS);
    }
    for (int index = 0; index < count; index++) {
        char target[4096], source[64];
        size_t length = append(target, sizeof target, 0, request->staging_directory);
        length = append(target, sizeof target, length, "/");
        append_number(target, sizeof target, length, index);
        length = append(source, sizeof source, 0, "/proc/self/fd/");
        append_number(source, sizeof source, length, first_fd + index);
        struct stat info;
        if (fstat(first_fd + index, &info) != 0) fail_child(report_fd, STEP_STAGE);
        if (S_ISDIR(info.st_mode)) {
            if (mkdir(target, 0755) != 0) fail_child(report_fd, STEP_STAGE);
        } else {
            int made = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
            if (made < 0) fail_child(report_fd, STEP_STAGE);
            close(made);
        }
        if (mount(source, target, NULL, MS_BIND | MS_REC, NULL) != 0) fail_child(report_fd, STEP_STAGE);
    }
    for (int index = 0; index < count; index++) close(first_fd + index);
}

pid_t toets_spawn(const struct toets_spawn_request *request, int *error_number, const char **failed_step) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) {
        *error_number = errno;
        *failed_step = "pipe";
        return -1;
    }
    pid_t parent = getpid();
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
        int report_fd = report[1];
        if (report_fd < 3) {  /* toets started with a standard descriptor closed */
            int moved = fcntl(report_fd, F_DUPFD_CLOEXEC, 3);
            if (moved < 0) _exit(127);
            report_fd = moved;
        }
        if (setpgid(0, 0) != 0) fail_child(report_fd, STEP_SETPGID);
        /* A network namespace of its own holds only a loopback device that is down. Without
           CAP_SYS_ADMIN, a user namespace (where the kernel allows one) grants the right. */
        if (request->isolate_network && unshare(CLONE_NEWNET) != 0 && unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) {
            fail_child(report_fd, STEP_NETWORK);
        }
        if (chdir(request->cwd) != 0) fail_child(report_fd, STEP_CHDIR);
        int in = open(request->stdin_path, O_RDONLY);
        if (in < 0) fail_child(report_fd, STEP_STDIN);
        int out = open(request->stdout_path, O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (out < 0) fail_child(report_fd, STEP_STDOUT);
        int err = open(request->stderr_path, O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (err < 0) fail_child(report_fd, STEP_STDERR);
        if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) fail_child(report_fd, STEP_DUP2);
        /* Nothing of toets's reaches the child but these three: not a store object another
           thread has open, not the index, not the lock. The report pipe moves to 3. */
        if (report_fd != 3) {
            if (dup3(report_fd, 3, O_CLOEXEC) < 0) fail_child(report_fd, STEP_DUP2);
            report_fd = 3;
        }
        if (close_from(4) != 0) fail_child(report_fd, STEP_CLOSE);
        if (request->staging_directory) stage(request, report_fd);
        if (request->run_as_uid >= 0) {
            if (setgroups(0, NULL) != 0 || setresgid(request->run_as_gid, request->run_as_gid, request->run_as_gid) != 0
                || setresuid(request->run_as_uid, request->run_as_uid, request->run_as_uid) != 0) {
                fail_child(report_fd, STEP_DROP);
            }
        }
        /* After the change of user, which clears it. If toets died before this line, the child
           was already orphaned: it must not run on its own. */
        if (request->die_with_parent) {
            if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) fail_child(report_fd, STEP_PARENT_DEATH);
            if (getppid() != parent) _exit(127);
        }
        if (request->memory_limit_bytes > 0) {
            struct rlimit limit = { (rlim_t)request->memory_limit_bytes, (rlim_t)request->memory_limit_bytes };
            if (setrlimit(RLIMIT_AS, &limit) != 0) fail_child(report_fd, STEP_SETRLIMIT);
        }
        sigset_t empty;
        sigemptyset(&empty);
        sigprocmask(SIG_SETMASK, &empty, NULL);
        for (int signal_number = 1; signal_number < NSIG; signal_number++) {
            if (signal_number != SIGKILL && signal_number != SIGSTOP) signal(signal_number, SIG_DFL);
        }
        execvpe(request->argv[0], (char *const *)request->argv, (char *const *)request->envp);
        fail_child(report_fd, STEP_EXEC);
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
