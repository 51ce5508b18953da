/* reply.c: building replies, the per-page preview sequence, job folders. */
#include "studio/studio.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void studio_reply_init(studio_reply *r)
{
    *r = (studio_reply){.status = 500, .type = "application/json", .fd = -1};
}

void studio_reply_clear(studio_reply *r)
{
    free(r->body);
    if (r->fd >= 0)
        close(r->fd);
    studio_reply_init(r);
}

void studio_reply_json(studio_reply *r, unsigned status, studio_buf *json)
{
    studio_buf_str(json, "\n");
    r->body = studio_buf_take(json, &r->len);
    r->type = "application/json";
    r->status = r->body ? status : 500;
    if (!r->body)
        snprintf(r->error, sizeof r->error, "out of memory");
}

/* The error body: {"error": MESSAGE[, "kind": ..., "line": L, "column": C]} */
static void error_body(studio_reply *r, unsigned status, const char *message, const canting_error *err)
{
    studio_buf json = {0};
    studio_buf_str(&json, "{\"error\": ");
    studio_buf_json(&json, message, strlen(message));
    if (err) {
        studio_buf_str(&json, ", \"kind\": ");
        studio_buf_json(&json, canting_strerror(err->status), strlen(canting_strerror(err->status)));
        if (err->line > 0)
            studio_buf_printf(&json, ", \"line\": %d, \"column\": %d", err->line, err->column);
    }
    studio_buf_str(&json, "}");
    free(r->body);
    r->body = NULL;
    studio_reply_json(r, status, &json);
    snprintf(r->error, sizeof r->error, "%s", message);
}

void studio_reply_error(studio_reply *r, unsigned status, const char *fmt, ...)
{
    char message[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    error_body(r, status, message, NULL);
}

void studio_reply_canting(studio_reply *r, const canting_error *err)
{
    unsigned status = 400;
    switch (err->status) {
    case CANTING_ENOMEM:
    case CANTING_EIO:
    case CANTING_EFORMAT:
    case CANTING_ERENDER:
        status = 500;
        break;
    default:
        break;
    }
    char message[600];
    studio_error_text(err, message, sizeof message);
    error_body(r, status, message, err);
}

/* The page knows which motif it sent; the private origin path would only
 * confuse, so the message carries line and column, not the file. */
void studio_error_text(const canting_error *err, char *buf, size_t size)
{
    if (err->line > 0)
        snprintf(buf, size, "line %d, column %d: %s", err->line, err->column, err->message);
    else
        snprintf(buf, size, "%s", err->message);
}

void studio_reply_file(studio_reply *r, const char *path, const char *type, const char *filename)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    unlink(path);
    if (fd < 0 || fstat(fd, &st) != 0) {
        if (fd >= 0)
            close(fd);
        studio_reply_error(r, 500, "the rendered file went missing");
        return;
    }
    r->fd = fd;
    r->fd_size = (uint64_t)st.st_size;
    r->status = 200;
    r->type = type;
    if (filename)
        snprintf(r->filename, sizeof r->filename, "%s", filename);
}

/* ---- the latest preview of each page ---------------------------------------- */

static int client_of(const studio_form *form, const char **id, unsigned long *seq)
{
    const char *s = studio_form_get(form, "seq", NULL);
    *id = studio_form_get(form, "client", NULL);
    char *end;
    if (!*id || !s || strlen(*id) >= sizeof ((studio_client *)0)->id || !**id)
        return 0;
    *seq = strtoul(s, &end, 10);
    return *end == '\0' && end != s;
}

void studio_note_seq(studio *s, const studio_form *form)
{
    const char *id;
    unsigned long seq;
    if (!client_of(form, &id, &seq))
        return;
    pthread_mutex_lock(&s->clients_lock);
    studio_client *c = NULL;
    for (size_t i = 0; i < STUDIO_CLIENTS && !c; i++)
        if (!strcmp(s->clients[i].id, id))
            c = &s->clients[i];
    if (!c) { /* the oldest slot goes to a new page */
        c = &s->clients[s->next_client++ % STUDIO_CLIENTS];
        snprintf(c->id, sizeof c->id, "%s", id);
        c->latest = seq;
    }
    if (seq > c->latest)
        c->latest = seq;
    pthread_mutex_unlock(&s->clients_lock);
}

int studio_superseded(studio *s, const studio_form *form)
{
    const char *id;
    unsigned long seq;
    int newer = 0;
    if (!client_of(form, &id, &seq))
        return 0;
    pthread_mutex_lock(&s->clients_lock);
    for (size_t i = 0; i < STUDIO_CLIENTS; i++)
        if (!strcmp(s->clients[i].id, id))
            newer = s->clients[i].latest > seq;
    pthread_mutex_unlock(&s->clients_lock);
    return newer;
}

/* ---- job folders --------------------------------------------------------------- */

int studio_job_dir(studio *s, char *dir, size_t size)
{
    int n = snprintf(dir, size, "%s/job-XXXXXX", s->tmp_dir);
    return n > 0 && (size_t)n < size && mkdtemp(dir) ? 0 : -1;
}

void studio_remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            char path[PATH_MAX + 256];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
    if (d)
        closedir(d);
    rmdir(dir);
}
