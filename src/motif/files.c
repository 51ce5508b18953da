/* files.c: which files a motif was read from: its own and every motif it
 * uses, so a program can watch them for changes. */
#include "motif/motif.h"

size_t canting_motif_file_count(const canting_motif *motif)
{
    return motif ? 1 + motif->def->nuses : 0;
}

const char *canting_motif_file(const canting_motif *motif, size_t index)
{
    if (!motif || index > motif->def->nuses)
        return NULL;
    return index == 0 ? motif->def->file : motif->def->uses[index - 1]->file;
}
