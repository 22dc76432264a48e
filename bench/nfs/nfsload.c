/*
 * nfsload: an NFSv3 metadata load generator over libnfs's synchronous API.
 *
 *   nfsload [-p procs] [-t seconds] [-n tag] URL create|getattr|lookup
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
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <nfsc/libnfs.h>

#define WRITE_SIZE 4096
#define LOOKUP_NAMES 8
#define PATH_SIZE 256
#define RPC_TIMEOUT_MS 30000

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
    char dir[PATH_SIZE];
    char names[LOOKUP_NAMES][PATH_SIZE];
    char buffer[WRITE_SIZE];
    uint64_t done;
};

static int prepare(struct workload *w)
{
    int rc;
    if (strcmp(w->opt->mode, "create") == 0) {
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
        return rc == 0 ? 0 : fail(w->nfs, "close", path, rc);
    }
    struct nfs_stat_64 st;
    const char *name = w->names[w->done % LOOKUP_NAMES];
    rc = nfs_stat64(w->nfs, name, &st);
    return rc == 0 ? 0 : fail(w->nfs, "stat64", name, rc);
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
        while (now() < deadline) {
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
            "usage: nfsload [-p procs] [-t seconds] [-n tag] URL create|getattr|lookup\n"
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
    if (strcmp(opt.mode, "create") != 0 && strcmp(opt.mode, "getattr") != 0
        && strcmp(opt.mode, "lookup") != 0)
        return usage();
    return run_load(&opt);
}
