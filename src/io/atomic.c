/* atomic.c: no half-written file is ever left in place of the target. */
#include "io/atomic.h"
#include "util/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void release(ct_atomic_file *f)
{
    ct_free(f->target);
    ct_free(f->temp);
    memset(f, 0, sizeof *f);
}

/* Only a regular file (or nothing yet) may be replaced: renaming over
 * /dev/full or a folder would destroy something that is not an image. */
static canting_status check_target(const char *target, canting_error *err)
{
    struct stat sb;
    if (target[0] == '\0')
        return ct_fail(err, CANTING_EARG, "empty output path");
    if (lstat(target, &sb) == 0 && !S_ISREG(sb.st_mode))
        return ct_fail_at(err, CANTING_EIO, target, 0, 0, "the output exists and is not a regular file");
    return CANTING_OK;
}

canting_status ct_atomic_open(const char *target, ct_atomic_file *f, canting_error *err)
{
    memset(f, 0, sizeof *f);
    canting_status st = check_target(target, err);
    if (st != CANTING_OK)
        return st;
    const char *slash = strrchr(target, '/');
    size_t dirlen = slash ? (size_t)(slash - target) + 1 : 0;
    size_t len = strlen(target);
    f->target = ct_strdup(target);
    f->temp = ct_malloc(len + 16);
    if (!f->target || !f->temp) {
        release(f);
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    }
    /* ".name.XXXXXX" beside the target, so the rename stays on one file system. */
    memcpy(f->temp, target, dirlen);
    strcpy(f->temp + dirlen, ".");
    strcat(f->temp, target + dirlen);
    strcat(f->temp, ".XXXXXX");
    int fd = mkstemp(f->temp);
    if (fd < 0) {
        int e = errno;
        release(f);
        return ct_fail_at(err, CANTING_EIO, target, 0, 0, "cannot create the output: %s", strerror(e));
    }
    /* mkstemp makes the file private; a proof is an ordinary readable file. */
    (void)fchmod(fd, 0644);
    if (!(f->fp = fdopen(fd, "wb"))) {
        close(fd);
        unlink(f->temp);
        release(f);
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    }
    return CANTING_OK;
}

void ct_atomic_abandon(ct_atomic_file *f)
{
    if (!f->temp)
        return;
    if (f->fp)
        fclose(f->fp);
    unlink(f->temp);
    release(f);
}

canting_status ct_atomic_commit(ct_atomic_file *f, canting_error *err)
{
    int failed = fflush(f->fp) != 0 || ferror(f->fp);
    int e = errno;
    if (!failed && fsync(fileno(f->fp)) != 0 && errno != EINVAL) {
        failed = 1;
        e = errno;
    }
    failed |= fclose(f->fp) != 0;
    f->fp = NULL;
    if (!failed && rename(f->temp, f->target) != 0) {
        failed = 1;
        e = errno;
    }
    if (failed) {
        ct_fail_at(err, CANTING_EIO, f->target, 0, 0, "cannot write the output: %s", strerror(e ? e : EIO));
        ct_atomic_abandon(f);
        return CANTING_EIO;
    }
    release(f);
    return CANTING_OK;
}
