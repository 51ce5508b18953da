/*
 * atomic.h: writing a file under a temporary name in the target's folder and
 * renaming it into place only when complete.  Private to libcanting.
 */
#ifndef CANTING_ATOMIC_H
#define CANTING_ATOMIC_H

#include "canting.h"

#include <stdio.h>

typedef struct ct_atomic_file {
    FILE *fp;
    char *target;
    char *temp;
} ct_atomic_file;

canting_status ct_atomic_open(const char *target, ct_atomic_file *f, canting_error *err);

/* Flushes, syncs and renames into place; on failure removes the temporary. */
canting_status ct_atomic_commit(ct_atomic_file *f, canting_error *err);

/* Closes and removes the temporary; the target stays as it was. */
void ct_atomic_abandon(ct_atomic_file *f);

#endif
