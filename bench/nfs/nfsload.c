/*
 * nfsload: an NFSv3 load generator over libnfs: metadata over its synchronous API, random
 * 4 KiB I/O over its asynchronous one with 16 requests outstanding per process.
 *
 *   nfsload [-p procs] [-t seconds] [-n tag] URL create|churn|getattr|lookup|randread|randwrite
 *   nfsload URL unlink PATH...
 *   nfsload URL info
 *
 * URL is nfs://127.0.0.1/<export>?nfsport=P&mountport=M (libnfs 4.0 takes the ports
 * from the URL; it has no setter for them). Every process mounts once, prepares its
 * objects, waits at a barrier, then loops for the given time. Per-process rates go to
 * stderr, their sum (ops/s) alone to stdout.
 *
 * What one op costs on the wire with libnfs 4.0 (it resolves every path from the root
 * file handle, component by component, and caches no attributes):
 *   create   creat("/<tag>.c<i>/f<n>") + 4 KiB write + close:
 *            LOOKUP dir, CREATE, LOOKUP file, WRITE (unstable), COMMIT = 5 RPCs
 *   getattr  fstat64 on an open handle: GETATTR = 1 RPC
 *   lookup   stat64("/<tag>.l<i>.<k>"), 8 names in the export's root, round robin:
 *            LOOKUP, GETATTR = 2 RPCs
 *   churn    create as above, then unlink it: 6 RPCs (a small file made and removed)
 *   randread / randwrite  READ or WRITE (unstable) of 4 KiB at a random aligned offset of a
 *            64 MiB file of the process's own, 16 outstanding: 1 RPC
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <nfsc/libnfs.h>

#define WRITE_SIZE 4096
#define LOOKUP_NAMES 8
#define PATH_SIZE 256
#define RPC_TIMEOUT_MS 30000
#define RANDOM_FILE (64ULL * 1024 * 1024)
#define RANDOM_DEPTH 16
#define FILL_CHUNK (1024 * 1024)

struct options {
    int procs;
    double seconds;
    const char *tag;
    const char *url;
    const char *mode;
};

struct result {
    int ok;
    uint64_t ops;
    double seconds;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int fail(struct nfs_context *nfs, const char *what, const char *path, int err)
{
    fprintf(stderr, "nfsload: %s %s: %s (%s)\n", what, path, strerror(-err),
            nfs ? nfs_get_error(nfs) : "");
    return -1;
}

static struct nfs_context *mount_url(const char *url_text)
{
    struct nfs_context *nfs = nfs_init_context();
    if (nfs == NULL) {
        fprintf(stderr, "nfsload: cannot create an NFS context\n");
        return NULL;
    }
    struct nfs_url *url = nfs_parse_url_dir(nfs, url_text);
    if (url == NULL) {
        fprintf(stderr, "nfsload: bad URL %s: %s\n", url_text, nfs_get_error(nfs));
        nfs_destroy_context(nfs);
        return NULL;
    }
    nfs_set_timeout(nfs, RPC_TIMEOUT_MS);
    int rc = nfs_mount(nfs, url->server, url->path);
    if (rc != 0) {
        fail(nfs, "mount", url_text, rc);
        nfs_destroy_url(url);
        nfs_destroy_context(nfs);
        return NULL;
    }
    nfs_destroy_url(url);
    return nfs;
}

static int create_empty(struct nfs_context *nfs, const char *path)
{
    struct nfsfh *fh;
    int rc = nfs_creat(nfs, path, 0644, &fh);
    if (rc != 0)
        return fail(nfs, "creat", path, rc);
    rc = nfs_close(nfs, fh);
    return rc == 0 ? 0 : fail(nfs, "close", path, rc);
}

/* Per-process state made before the barrier, so the timed loop only does its op. */
struct workload {
    struct nfs_context *nfs;
    const struct options *opt;
    int index;
    struct nfsfh *getattr_fh;
    struct nfsfh *random_fh;
    int random_write;
    int churn;
    int outstanding;
    int failed;
    unsigned int seed;
    char dir[PATH_SIZE];
    char names[LOOKUP_NAMES][PATH_SIZE];
    char buffer[WRITE_SIZE];
    uint64_t done;
};

/* A 64 MiB file of the process's own, filled for reads (a hole reads as zeros without I/O on some servers). */
static int prepare_random(struct workload *w)
{
    char path[PATH_SIZE];
    snprintf(path, sizeof path, "/%s.r%d", w->opt->tag, w->index);
    int rc = nfs_creat(w->nfs, path, 0644, &w->random_fh);
    if (rc != 0)
        return fail(w->nfs, "creat", path, rc);
    w->random_write = strcmp(w->opt->mode, "randwrite") == 0;
    w->seed = 12345u + (unsigned) w->index;
    memset(w->buffer, 'r', sizeof w->buffer);
    char *chunk = malloc(FILL_CHUNK);
    if (chunk == NULL)
        return -1;
    memset(chunk, 'f' + w->index % 8, FILL_CHUNK);
    for (uint64_t at = 0; at < RANDOM_FILE; at += FILL_CHUNK) {
        rc = nfs_pwrite(w->nfs, w->random_fh, at, FILL_CHUNK, chunk);
        if (rc != FILL_CHUNK) {
            free(chunk);
            return fail(w->nfs, "fill", path, rc < 0 ? rc : -EIO);
        }
    }
    free(chunk);
    return 0;
}

static int prepare(struct workload *w)
{
    int rc;
    if (strncmp(w->opt->mode, "rand", 4) == 0)
        return prepare_random(w);
    if (strcmp(w->opt->mode, "create") == 0 || strcmp(w->opt->mode, "churn") == 0) {
        w->churn = strcmp(w->opt->mode, "churn") == 0;
        snprintf(w->dir, sizeof w->dir, "/%s.c%d", w->opt->tag, w->index);
        rc = nfs_mkdir(w->nfs, w->dir);
        if (rc != 0 && rc != -EEXIST)
            return fail(w->nfs, "mkdir", w->dir, rc);
        memset(w->buffer, 'a' + w->index % 26, sizeof w->buffer);
        return 0;
    }
    if (strcmp(w->opt->mode, "getattr") == 0) {
        char path[PATH_SIZE];
        snprintf(path, sizeof path, "/%s.g%d", w->opt->tag, w->index);
        rc = nfs_creat(w->nfs, path, 0644, &w->getattr_fh);
        return rc == 0 ? 0 : fail(w->nfs, "creat", path, rc);
    }
    for (int k = 0; k < LOOKUP_NAMES; k++) {
        snprintf(w->names[k], PATH_SIZE, "/%s.l%d.%d", w->opt->tag, w->index, k);
        if (create_empty(w->nfs, w->names[k]) != 0)
            return -1;
    }
    return 0;
}

static int one_op(struct workload *w)
{
    int rc;
    if (w->getattr_fh != NULL) {
        struct nfs_stat_64 st;
        rc = nfs_fstat64(w->nfs, w->getattr_fh, &st);
        return rc == 0 ? 0 : fail(w->nfs, "fstat64", "(open handle)", rc);
    }
    if (w->dir[0] != '\0') {
        char path[PATH_SIZE + 32];
        struct nfsfh *fh;
        snprintf(path, sizeof path, "%s/f%" PRIu64, w->dir, w->done);
        rc = nfs_creat(w->nfs, path, 0644, &fh);
        if (rc != 0)
            return fail(w->nfs, "creat", path, rc);
        rc = nfs_write(w->nfs, fh, WRITE_SIZE, w->buffer);
        if (rc != WRITE_SIZE) {
            nfs_close(w->nfs, fh);
            return fail(w->nfs, "write", path, rc < 0 ? rc : -EIO);
        }
        rc = nfs_close(w->nfs, fh);
        if (rc != 0)
            return fail(w->nfs, "close", path, rc);
        if (!w->churn)
            return 0;
        rc = nfs_unlink(w->nfs, path);
        return rc == 0 ? 0 : fail(w->nfs, "unlink", path, rc);
    }
    struct nfs_stat_64 st;
    const char *name = w->names[w->done % LOOKUP_NAMES];
    rc = nfs_stat64(w->nfs, name, &st);
    return rc == 0 ? 0 : fail(w->nfs, "stat64", name, rc);
}

static void random_done(int err, struct nfs_context *nfs, void *data, void *private_data)
{
    struct workload *w = private_data;
    (void) data;
    w->outstanding--;
    if (err < 0) {
        if (!w->failed)
            fprintf(stderr, "nfsload: random %s: %s (%s)\n", w->random_write ? "write" : "read", strerror(-err),
                    nfs_get_error(nfs));
        w->failed = 1;
    } else {
        w->done++;
    }
}

static int issue_random(struct workload *w)
{
    uint64_t block = (uint64_t) rand_r(&w->seed) % (RANDOM_FILE / WRITE_SIZE);
    int rc = w->random_write
        ? nfs_pwrite_async(w->nfs, w->random_fh, block * WRITE_SIZE, WRITE_SIZE, w->buffer, random_done, w)
        : nfs_pread_async(w->nfs, w->random_fh, block * WRITE_SIZE, WRITE_SIZE, random_done, w);
    if (rc != 0)
        return fail(w->nfs, "queue", "random I/O", rc);
    w->outstanding++;
    return 0;
}

/* Keeps RANDOM_DEPTH requests outstanding until the deadline, then waits for the last ones. */
static int run_random(struct workload *w, double deadline)
{
    while (!w->failed && (now() < deadline || w->outstanding > 0)) {
        while (!w->failed && now() < deadline && w->outstanding < RANDOM_DEPTH)
            if (issue_random(w) != 0)
                return -1;
        struct pollfd pfd = { .fd = nfs_get_fd(w->nfs), .events = nfs_which_events(w->nfs) };
        if (poll(&pfd, 1, 100) < 0 && errno != EINTR)
            return -1;
        if (nfs_service(w->nfs, pfd.revents) < 0)
            return fail(w->nfs, "service", "random I/O", -EIO);
    }
    return w->failed ? -1 : 0;
}

/* Mounts, prepares, signals ready, blocks until the parent closes the start pipe, runs. */
static int run_child(const struct options *opt, int index, int ready_fd, int start_fd, int result_fd)
{
    struct result result = {0};
    struct workload *w = calloc(1, sizeof *w);
    if (w == NULL)
        return 1;
    w->opt = opt;
    w->index = index;
    w->nfs = mount_url(opt->url);
    int prepared = w->nfs != NULL && prepare(w) == 0;
    char byte = prepared ? 'r' : 'f';
    if (write(ready_fd, &byte, 1) != 1)
        prepared = 0;
    close(ready_fd);
    while (read(start_fd, &byte, 1) < 0 && errno == EINTR)
        ;
    if (prepared) {
        double start = now();
        double deadline = start + opt->seconds;
        result.ok = 1;
        if (w->random_fh != NULL) {
            result.ok = run_random(w, deadline) == 0;
        }
        while (w->random_fh == NULL && now() < deadline) {
            if (one_op(w) != 0) {
                result.ok = 0;
                break;
            }
            w->done++;
        }
        result.seconds = now() - start;
        result.ops = w->done;
    }
    if (write(result_fd, &result, sizeof result) != sizeof result)
        result.ok = 0;
    if (w->getattr_fh != NULL)
        nfs_close(w->nfs, w->getattr_fh);
    if (w->nfs != NULL) {
        nfs_umount(w->nfs);
        nfs_destroy_context(w->nfs);
    }
    free(w);
    return result.ok ? 0 : 1;
}

static int run_load(const struct options *opt)
{
    int ready[2], start[2], results[2];
    if (pipe(ready) != 0 || pipe(start) != 0 || pipe(results) != 0) {
        perror("nfsload: pipe");
        return 1;
    }
    pid_t pids[opt->procs];
    for (int i = 0; i < opt->procs; i++) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("nfsload: fork");
            return 1;
        }
        pids[i] = pid;
        if (pid == 0) {
            close(ready[0]);
            close(start[1]);
            close(results[0]);
            _exit(run_child(opt, i, ready[1], start[0], results[1]));
        }
    }
    close(ready[1]);
    close(start[0]);
    close(results[1]);

    int all_ready = 1;
    for (int i = 0; i < opt->procs; i++) {
        char byte;
        if (read(ready[0], &byte, 1) != 1 || byte != 'r')
            all_ready = 0;
    }
    /* A child that could not prepare fails the run: stop the others instead of timing them. */
    if (!all_ready)
        for (int i = 0; i < opt->procs; i++)
            kill(pids[i], SIGTERM);
    /* Closing the start pipe wakes every child at once. */
    close(start[1]);

    double total = 0;
    int failed = !all_ready;
    for (int i = 0; i < opt->procs; i++) {
        struct result r;
        if (read(results[0], &r, sizeof r) != sizeof r) {
            failed = 1;
            break;
        }
        if (!r.ok || r.seconds <= 0) {
            failed = 1;
            continue;
        }
        double rate = r.ops / r.seconds;
        fprintf(stderr, "nfsload: %s process: %" PRIu64 " ops in %.2f s = %.0f ops/s\n",
                opt->mode, r.ops, r.seconds, rate);
        total += rate;
    }
    int status;
    while (wait(&status) > 0)
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            failed = 1;
    if (failed) {
        fprintf(stderr, "nfsload: %s failed\n", opt->mode);
        return 1;
    }
    printf("%.0f\n", total);
    return 0;
}

static int run_unlink(const char *url, char **paths, int count)
{
    struct nfs_context *nfs = mount_url(url);
    if (nfs == NULL)
        return 1;
    int failed = 0;
    for (int i = 0; i < count; i++) {
        int rc = nfs_unlink(nfs, paths[i]);
        if (rc != 0 && rc != -ENOENT)
            failed = fail(nfs, "unlink", paths[i], rc);
    }
    nfs_umount(nfs);
    nfs_destroy_context(nfs);
    return failed ? 1 : 0;
}

static int run_info(const char *url)
{
    struct nfs_context *nfs = mount_url(url);
    if (nfs == NULL)
        return 1;
    printf("readmax=%" PRIu64 " writemax=%" PRIu64 "\n", nfs_get_readmax(nfs), nfs_get_writemax(nfs));
    nfs_umount(nfs);
    nfs_destroy_context(nfs);
    return 0;
}

static int usage(void)
{
    fprintf(stderr,
            "usage: nfsload [-p procs] [-t seconds] [-n tag] URL create|churn|getattr|lookup|randread|randwrite\n"
            "       nfsload URL unlink PATH...\n"
            "       nfsload URL info\n");
    return 2;
}

int main(int argc, char **argv)
{
    struct options opt = {.procs = 1, .seconds = 5, .tag = "nfsload"};
    int c;
    while ((c = getopt(argc, argv, "p:t:n:")) != -1) {
        switch (c) {
        case 'p':
            opt.procs = atoi(optarg);
            break;
        case 't':
            opt.seconds = atof(optarg);
            break;
        case 'n':
            opt.tag = optarg;
            break;
        default:
            return usage();
        }
    }
    if (argc - optind < 2 || opt.procs < 1 || opt.procs > 256 || opt.seconds <= 0
        || strlen(opt.tag) > 64)
        return usage();
    opt.url = argv[optind];
    opt.mode = argv[optind + 1];
    if (strcmp(opt.mode, "unlink") == 0)
        return run_unlink(opt.url, argv + optind + 2, argc - optind - 2);
    if (strcmp(opt.mode, "info") == 0)
        return run_info(opt.url);
    if (strcmp(opt.mode, "create") != 0 && strcmp(opt.mode, "getattr") != 0 && strcmp(opt.mode, "lookup") != 0
        && strcmp(opt.mode, "churn") != 0 && strcmp(opt.mode, "randread") != 0 && strcmp(opt.mode, "randwrite") != 0)
        return usage();
    return run_load(&opt);
}
