/* fileid.c: telling whether two names are one file. */
#include "util/util.h"

#include <sys/stat.h>

void ct_file_id_of_fd(int fd, ct_file_id *id)
{
    struct stat sb;
    id->known = fstat(fd, &sb) == 0;
    id->dev = id->known ? (unsigned long long)sb.st_dev : 0;
    id->ino = id->known ? (unsigned long long)sb.st_ino : 0;
}

bool ct_file_id_is_path(const ct_file_id *id, const char *path)
{
    struct stat sb;
    return id->known && stat(path, &sb) == 0 && (unsigned long long)sb.st_dev == id->dev &&
           (unsigned long long)sb.st_ino == id->ino;
}
