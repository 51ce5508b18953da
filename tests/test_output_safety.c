/* test_output_safety.c: what a failed write leaves behind.  A full disk
 * (a file size limit in a child process, a tiny tmpfs when this machine
 * lets us mount one), a read-only folder, /dev/full: each gives
 * CANTING_EIO, leaves no output and no temporary file, and an output that
 * was already there keeps its bytes.  The output never replaces the input.
 * A check that cannot run here prints a SKIP line saying why (the CI shows
 * them) instead of passing quietly. */
#include "canting.h"
#include "testutil.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char *dir;

static void setup(void)
{
    dir = tu_tempdir();
}

/* A test that failed between mount and umount must not leave a mount. */
static void teardown(void)
{
    static const char *const mounts[] = {"tiny", "rofs"};
    char path[512];
    for (size_t i = 0; i < sizeof mounts / sizeof mounts[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, mounts[i]);
        (void)umount2(path, MNT_DETACH);
    }
    tu_rmdir(dir);
}

static const char *in(const char *folder, const char *name)
{
    static char path[2][1024];
    static int which;
    which ^= 1;
    snprintf(path[which], sizeof path[which], "%s/%s", folder, name);
    return path[which];
}

static void skip(const char *what, const char *why)
{
    printf("SKIP %s: %s\n", what, why);
    fflush(stdout);
}

/* A motif whose proof does not compress to nothing: many small dots. */
static const char busy[] = "motif busy\ninks\n  cloth #ffffff\n  soga #8a5a2b\n  indigo #1f2a44\nrepeat 3cm\ndraw\n"
                           "  circle r 1.2cm fill soga isen cecek spacing 0.9mm dot 0.35mm ink indigo\n"
                           "  star points 7 r 1.4cm inner 0.5cm stroke indigo 0.3mm\n";

/* A render big enough to overflow any limit below: about 1.3 MB raw. */
static void big_options(canting_render_options *o)
{
    canting_render_options_init(o);
    o->dpi = 150;
    o->width_mm = o->height_mm = 120;
    o->compression = 0;
    o->threads = 1;
}

static canting_status render_busy(const char *path, canting_error *err)
{
    canting_motif *m = tu_motif(busy);
    canting_render_options o;
    big_options(&o);
    canting_status st = canting_render_file(m, &o, path, err);
    canting_motif_free(m);
    return st;
}

/* Entries of `folder` other than `keep` (NULL: none kept). */
static int strangers(const char *folder, const char *keep)
{
    DIR *d = opendir(folder);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && (!keep || strcmp(e->d_name, keep))) {
            printf("left behind: %s/%s\n", folder, e->d_name);
            n++;
        }
    closedir(d);
    return n;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

static void expect_text(const char *path, const char *text)
{
    char buf[256] = "";
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "%s is gone", path);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    ck_assert_str_eq(buf, text);
}

/* ---- a full disk ------------------------------------------------------------- */

/* Renders `path` in a child process whose files may not grow past
 * `limit` bytes (writes past it fail with EFBIG, as on a full disk);
 * returns the child's canting_status. */
static int render_with_file_limit(const char *path, rlim_t limit)
{
    fflush(NULL);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        struct rlimit rl = {limit, limit};
        signal(SIGXFSZ, SIG_IGN);
        if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
            _exit(100);
        _exit((int)render_busy(path, NULL));
    }
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFEXITED(status), "the child died");
    return WEXITSTATUS(status);
}

START_TEST(full_disk_leaves_nothing)
{
    const char *out = in(dir, "full.png");
    ck_assert_int_eq(render_with_file_limit(out, 64 * 1024), CANTING_EIO);
    ck_assert_int_eq(strangers(dir, NULL), 0);
    /* The same with JPEG. */
    ck_assert_int_eq(render_with_file_limit(in(dir, "full.jpg"), 4 * 1024), CANTING_EIO);
    ck_assert_int_eq(strangers(dir, NULL), 0);
    /* An output that was there keeps its bytes. */
    write_text(out, "the old proof");
    ck_assert_int_eq(render_with_file_limit(out, 64 * 1024), CANTING_EIO);
    expect_text(out, "the old proof");
    ck_assert_int_eq(strangers(dir, "full.png"), 0);
    /* and is replaced once a render completes */
    canting_error err;
    ck_assert_int_eq(render_busy(out, &err), CANTING_OK);
    tu_png png;
    ck_assert(tu_png_read(out, &png));
    tu_png_free(&png);
}
END_TEST

/* The failure comes with a message. */
START_TEST(full_disk_message)
{
    fflush(NULL);
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        struct rlimit rl = {64 * 1024, 64 * 1024};
        canting_error err;
        char buf[1024];
        signal(SIGXFSZ, SIG_IGN);
        setrlimit(RLIMIT_FSIZE, &rl);
        render_busy(in(dir, "m.png"), &err);
        canting_error_format(&err, buf, sizeof buf);
        ssize_t w = write(fds[1], buf, strlen(buf));
        _exit(w > 0 ? 0 : 1);
    }
    close(fds[1]);
    char msg[1024] = "";
    ssize_t n = read(fds[0], msg, sizeof msg - 1);
    msg[n > 0 ? n : 0] = '\0';
    close(fds[0]);
    waitpid(pid, NULL, 0);
    /* Only that there is one: the PNG writer says "PNG: Write Error", with
     * neither the file nor the reason (see docs/robustness.md). */
    printf("full disk message: %s\n", msg);
    ck_assert_msg(msg[0] != '\0', "no message");
}
END_TEST

/* /dev/full is no file to replace: refused before anything is written, and
 * still there afterwards. */
START_TEST(dev_full_is_refused)
{
    struct stat sb;
    if (stat("/dev/full", &sb) != 0) {
        skip("dev_full_is_refused", "no /dev/full here");
        return;
    }
    canting_error err;
    ck_assert_int_eq(render_busy("/dev/full", &err), CANTING_EIO);
    ck_assert_ptr_nonnull(strstr(err.message, "not a regular file"));
    ck_assert_int_eq(stat("/dev/full", &sb), 0);
    ck_assert(S_ISCHR(sb.st_mode));
    ck_assert_int_ne(access("/dev/.full.XXXXXX", F_OK), 0);
}
END_TEST

/* A real full file system: a 64 KiB tmpfs, when mounting is allowed. */
START_TEST(tiny_tmpfs_fills_up)
{
    char mnt[512];
    snprintf(mnt, sizeof mnt, "%s/tiny", dir);
    ck_assert_int_eq(mkdir(mnt, 0755), 0);
    if (mount("tmpfs", mnt, "tmpfs", 0, "size=64k") != 0) {
        skip("tiny_tmpfs_fills_up", strerror(errno));
        return;
    }
    canting_error err;
    const char *out = in(mnt, "tiny.png");
    canting_status st = render_busy(out, &err);
    int left = strangers(mnt, NULL);
    write_text(out, "the old proof");
    canting_status again = render_busy(out, &err);
    char old[64] = "";
    FILE *f = fopen(out, "r");
    if (f) {
        old[fread(old, 1, sizeof old - 1, f)] = '\0';
        fclose(f);
    }
    int left_again = strangers(mnt, "tiny.png");
    ck_assert_int_eq(umount(mnt), 0);
    ck_assert_int_eq(st, CANTING_EIO);
    ck_assert_int_eq(left, 0);
    ck_assert_int_eq(again, CANTING_EIO);
    ck_assert_str_eq(old, "the old proof");
    ck_assert_int_eq(left_again, 0);
}
END_TEST

/* ---- read-only folders -------------------------------------------------------- */

static void expect_cannot_create(const char *path)
{
    canting_error err;
    ck_assert_int_eq(render_busy(path, &err), CANTING_EIO);
    ck_assert_msg(strstr(err.message, "cannot create the output"), "message: %s", err.message);
    ck_assert_int_ne(access(path, F_OK), 0);
}

START_TEST(read_only_folders_are_refused)
{
    /* /proc and /sys take no new files, even from root. */
    expect_cannot_create("/proc/canting-test.png");
    expect_cannot_create("/sys/canting-test.png");
    /* A folder without write permission stops everyone but root. */
    char ro[512], rofs[512];
    snprintf(ro, sizeof ro, "%s/ro", dir);
    snprintf(rofs, sizeof rofs, "%s/rofs", dir);
    ck_assert_int_eq(mkdir(ro, 0555), 0);
    if (geteuid() != 0)
        expect_cannot_create(in(ro, "x.png"));
    else
        skip("read_only_folders_are_refused (chmod 0555)", "root writes through permissions");
    /* A file system mounted read-only stops root too. */
    ck_assert_int_eq(mkdir(rofs, 0755), 0);
    if (mount("tmpfs", rofs, "tmpfs", MS_RDONLY, "size=64k") != 0) {
        skip("read_only_folders_are_refused (read-only tmpfs)", strerror(errno));
        return;
    }
    canting_error err;
    canting_status st = render_busy(in(rofs, "x.png"), &err);
    int left = strangers(rofs, NULL);
    ck_assert_int_eq(umount(rofs), 0);
    ck_assert_int_eq(st, CANTING_EIO);
    ck_assert_msg(strstr(err.message, "Read-only file system"), "message: %s", err.message);
    ck_assert_int_eq(left, 0);
}
END_TEST

/* ---- inputs and existing outputs ----------------------------------------------- */

START_TEST(output_never_replaces_the_input)
{
    canting_motif *m;
    canting_error err;
    const char *motif = in(dir, "busy.motif");
    write_text(motif, busy);
    ck_assert_int_eq(canting_motif_load(motif, NULL, &m, &err), CANTING_OK);
    /* by its own name, and by another name for the same file */
    ck_assert_int_eq(canting_render_file(m, NULL, motif, &err), CANTING_EARG);
    ck_assert_int_eq(link(motif, in(dir, "alias.png")), 0);
    ck_assert_int_eq(canting_render_file(m, NULL, in(dir, "alias.png"), &err), CANTING_EARG);
    ck_assert_int_eq(symlink(motif, in(dir, "link.png")), 0);
    ck_assert_int_ne(canting_render_file(m, NULL, in(dir, "link.png"), &err), CANTING_OK);
    expect_text(motif, busy);
    /* A raster tile as well. */
    ck_assert_int_eq(canting_render_file(m, NULL, in(dir, "tile.png"), &err), CANTING_OK);
    canting_motif_free(m);
    canting_image *img;
    ck_assert_int_eq(canting_image_load(in(dir, "tile.png"), NULL, &img, &err), CANTING_OK);
    ck_assert_int_eq(canting_repeat_image(img, NULL, in(dir, "tile.png"), &err), CANTING_EARG);
    canting_image_free(img);
    ck_assert_int_eq(canting_image_load(in(dir, "tile.png"), NULL, &img, &err), CANTING_OK);
    canting_image_free(img);
}
END_TEST

/* A render that fails for any reason (here a limit, found only after the
 * motif is evaluated) leaves an existing output as it was. */
START_TEST(failed_render_keeps_the_old_output)
{
    const char *out = in(dir, "kept.png");
    write_text(out, "the old proof");
    canting_motif *m = tu_motif(busy);
    canting_render_options o;
    big_options(&o);
    o.layout = "no-such-layout";
    canting_error err;
    ck_assert_int_eq(canting_render_file(m, &o, out, &err), CANTING_EARG);
    o.layout = NULL;
    o.dpi = 10000;
    o.width_mm = o.height_mm = 10000;
    ck_assert_int_eq(canting_render_file(m, &o, out, &err), CANTING_ELIMIT);
    expect_text(out, "the old proof");
    ck_assert_int_eq(strangers(dir, "kept.png"), 0);
    canting_motif_free(m);
}
END_TEST

int main(void)
{
    const TTest *tests[] = {
        full_disk_leaves_nothing,
        full_disk_message,
        dev_full_is_refused,
        tiny_tmpfs_fills_up,
        read_only_folders_are_refused,
        output_never_replaces_the_input,
        failed_render_keeps_the_old_output,
    };
    return tu_main("output_safety", tests, sizeof tests / sizeof tests[0], 120, setup, teardown);
}
