/* server.c: the HTTP side of the studio, on libmicrohttpd.  One internal
 * polling thread reads requests and writes replies and never renders: each
 * API call is suspended, run as a job on a worker pool, and resumed with
 * its reply.  Page assets are served from memory. */
#include "studio/studio.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef CANTING_STUDIO_DIR
#define CANTING_STUDIO_DIR "/usr/local/share/canting/studio"
#endif

#define QUEUE_QUICK 256 /* waiting jobs; beyond this a request gets 503 */
#define QUEUE_HEAVY 16

typedef struct asset {
    const char *path; /* as requested */
    const char *file;
    const char *type;
    char *data;
    size_t len;
} asset;

typedef struct server {
    studio s;
    asset assets[4];
    int loopback;        /* only loopback Host headers are accepted */
    /* Known only once the daemon has bound it (--port 0), while its thread
     * already runs; nobody can connect before it is printed, but the
     * checker cannot know that. */
    atomic_uint port;
    int quiet;
} server;

enum { READING, QUEUED, DONE };

typedef struct conn {
    studio_job job;
    server *srv;
    const studio_route *route;
    struct MHD_Connection *connection;
    struct MHD_PostProcessor *pp;
    studio_form form;
    uint64_t body_bytes;
    unsigned body_error; /* an HTTP status for a body that cannot be taken */
    int state;
    studio_reply reply;
    char method[8];
    char url[96];
} conn;

/* ---- replies ------------------------------------------------------------------ */

static void common_headers(struct MHD_Response *resp, const char *type)
{
    MHD_add_response_header(resp, "Content-Type", type);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
}

static void log_error(const server *srv, const char *method, const char *url, const studio_reply *r)
{
    if (!srv->quiet && r->status >= 400)
        fprintf(stderr, "canting studio: %u %s %s: %s\n", r->status, method, url, r->error);
}

/* Queues r as the connection's response; the body or file passes to MHD. */
static enum MHD_Result send_reply(server *srv, struct MHD_Connection *connection, studio_reply *r,
                                  const char *method, const char *url)
{
    struct MHD_Response *resp;
    if (r->fd >= 0)
        resp = MHD_create_response_from_fd64(r->fd_size, r->fd);
    else
        resp = MHD_create_response_from_buffer(r->len, r->body, MHD_RESPMEM_MUST_FREE);
    if (!resp)
        return MHD_NO;
    r->fd = -1;
    r->body = NULL;
    common_headers(resp, r->type);
    if (r->filename[0]) {
        char value[200];
        snprintf(value, sizeof value, "attachment; filename=\"%s\"", r->filename);
        MHD_add_response_header(resp, "Content-Disposition", value);
    }
    if (r->applied[0])
        MHD_add_response_header(resp, "X-Canting-Applied", r->applied);
    if (r->render_info[0])
        MHD_add_response_header(resp, "X-Canting-Render", r->render_info);
    if (r->status == 405) /* the message is "GET only" or "POST only" */
        MHD_add_response_header(resp, "Allow", r->error[0] == 'P' ? "POST" : "GET");
    log_error(srv, method, url, r);
    enum MHD_Result ok = MHD_queue_response(connection, r->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

/* An error answered straight from the server thread. */
static enum MHD_Result refuse(server *srv, struct MHD_Connection *connection, const char *method, const char *url,
                              unsigned status, const char *message)
{
    studio_reply r;
    studio_reply_init(&r);
    studio_reply_error(&r, status, "%s", message);
    return send_reply(srv, connection, &r, method, url);
}

static enum MHD_Result send_asset(server *srv, struct MHD_Connection *connection, const char *url)
{
    for (size_t i = 0; i < sizeof srv->assets / sizeof srv->assets[0]; i++) {
        const asset *a = &srv->assets[i];
        if (strcmp(a->path, url))
            continue;
        struct MHD_Response *resp = MHD_create_response_from_buffer(a->len, a->data, MHD_RESPMEM_PERSISTENT);
        if (!resp)
            return MHD_NO;
        common_headers(resp, a->type);
        MHD_add_response_header(resp, "Content-Security-Policy",
                                "default-src 'self'; img-src 'self' blob: data:; frame-ancestors 'none'; "
                                "base-uri 'none'; form-action 'none'");
        enum MHD_Result ok = MHD_queue_response(connection, MHD_HTTP_OK, resp);
        MHD_destroy_response(resp);
        return ok;
    }
    return MHD_NO;
}

/* ---- checks before a request is taken ------------------------------------------- */

/* A page elsewhere on the web may make the browser talk to the studio (a
 * DNS-rebound name, a form posted cross-site): Host must name the loopback,
 * and a POST must carry the header only the studio's own script sets and,
 * when the browser says where it comes from, come from the studio's page. */
static const char *forbidden(server *srv, struct MHD_Connection *connection, const char *method)
{
    const char *host = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "Host");
    if (srv->loopback) {
        char allowed[3][64];
        unsigned port = atomic_load(&srv->port);
        snprintf(allowed[0], sizeof allowed[0], "127.0.0.1:%u", port);
        snprintf(allowed[1], sizeof allowed[1], "localhost:%u", port);
        snprintf(allowed[2], sizeof allowed[2], "[::1]:%u", port);
        if (!host || (strcasecmp(host, allowed[0]) && strcasecmp(host, allowed[1]) && strcasecmp(host, allowed[2])))
            return "the studio answers only to its own address on this computer";
    }
    if (strcmp(method, "POST"))
        return NULL;
    if (!MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "X-Canting"))
        return "requests that change or render something need the header X-Canting: 1 (the studio's page sends it)";
    const char *origin = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "Origin");
    if (origin && (!host || strncmp(origin, "http://", 7) || strcasecmp(origin + 7, host)))
        return "requests from other web pages are refused";
    return NULL;
}

/* The route for method and url; *allow names the path's method when the
 * path is known (NULL when it is not). */
static const studio_route *find_route(const char *method, const char *url, const char **allow)
{
    *allow = NULL;
    for (const studio_route *r = studio_routes; r->path; r++)
        if (!strcmp(r->path, url)) {
            *allow = r->method;
            if (!strcmp(r->method, method))
                return r;
        }
    return NULL;
}

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
                               const char *value, size_t value_size)
{
    (void)kind, (void)key_size;
    conn *c = cls;
    if (!c->body_error && studio_form_add(&c->form, key, value ? value : "", 0, value ? value_size : 0))
        c->body_error = 414;
    return MHD_YES;
}

static enum MHD_Result add_post(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                                const char *content_type, const char *transfer_encoding, const char *data,
                                uint64_t off, size_t size)
{
    (void)kind, (void)filename, (void)content_type, (void)transfer_encoding;
    conn *c = cls;
    if (studio_form_add(&c->form, key, data, off, size)) {
        c->body_error = 413;
        return MHD_NO;
    }
    return MHD_YES;
}

/* ---- the request's life ---------------------------------------------------------- */

static void run_job(studio_job *job, int cancelled)
{
    conn *c = (conn *)((char *)job - offsetof(conn, job));
    if (cancelled)
        studio_reply_error(&c->reply, 503, "the studio is stopping");
    else
        c->route->run(&c->srv->s, &c->form, &c->reply);
    /* From here the server thread owns c again. */
    MHD_resume_connection(c->connection);
}

static enum MHD_Result begin(server *srv, struct MHD_Connection *connection, const char *url, const char *method,
                             void **con_cls)
{
    const char *allow;
    const char *why = forbidden(srv, connection, method);
    const studio_route *route = find_route(method, url, &allow);
    const char *length = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "Content-Length");
    if (why)
        return refuse(srv, connection, method, url, 403, why);
    if (!route && allow)
        return refuse(srv, connection, method, url, 405, !strcmp(allow, "GET") ? "GET only" : "POST only");
    if (!route)
        return refuse(srv, connection, method, url, 404, "no such page or API call");
    if (length && strtoull(length, NULL, 10) > STUDIO_MAX_BODY)
        return refuse(srv, connection, method, url, 413, "the request body is larger than the studio takes (256 KiB)");
    if (!route->run)
        return send_asset(srv, connection, url);
    conn *c = calloc(1, sizeof *c);
    if (!c)
        return MHD_NO;
    c->srv = srv;
    c->route = route;
    c->connection = connection;
    c->form.max_bytes = STUDIO_MAX_BODY;
    c->job.run = run_job;
    studio_reply_init(&c->reply);
    snprintf(c->method, sizeof c->method, "%s", method);
    snprintf(c->url, sizeof c->url, "%s", url);
    MHD_get_connection_values_n(connection, MHD_GET_ARGUMENT_KIND, add_arg, c);
    if (!strcmp(method, "POST"))
        c->pp = MHD_create_post_processor(connection, 16 * 1024, add_post, c);
    *con_cls = c;
    return MHD_YES;
}

static void take_body(conn *c, const char *data, size_t size)
{
    c->body_bytes += size;
    if (c->body_error)
        return; /* the rest is read and dropped; the error is answered at the end */
    if (c->body_bytes > STUDIO_MAX_BODY)
        c->body_error = 413;
    else if (!c->pp)
        c->body_error = 415;
    else if (MHD_post_process(c->pp, data, size) != MHD_YES && !c->body_error)
        c->body_error = 400;
}

static const char *body_message(unsigned status)
{
    switch (status) {
    case 413: return "the request body is larger than the studio takes (256 KiB, 96 fields)";
    case 414: return "the query is longer than the studio takes";
    case 415: return "send forms as application/x-www-form-urlencoded or multipart/form-data";
    default: return "the form could not be read";
    }
}

/* The whole request is in: hand it to a worker and wait. */
static enum MHD_Result dispatch(conn *c)
{
    if (c->pp && MHD_destroy_post_processor(c->pp) != MHD_YES && !c->body_error)
        c->body_error = 400;
    c->pp = NULL;
    if (c->body_error) {
        c->state = DONE;
        return refuse(c->srv, c->connection, c->method, c->url, c->body_error, body_message(c->body_error));
    }
    if (!strcmp(c->route->path, "/api/preview")) /* for dropping stale previews */
        studio_note_seq(&c->srv->s, &c->form);
    c->state = QUEUED;
    MHD_suspend_connection(c->connection);
    if (studio_pool_submit(c->route->heavy ? &c->srv->s.heavy : &c->srv->s.quick, &c->job)) {
        studio_reply_error(&c->reply, 503, "the studio is busy or stopping; try again");
        MHD_resume_connection(c->connection);
    }
    return MHD_YES;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *connection, const char *url, const char *method,
                              const char *version, const char *upload_data, size_t *upload_data_size,
                              void **con_cls)
{
    (void)version;
    server *srv = cls;
    conn *c = *con_cls;
    if (!c)
        return begin(srv, connection, url, method, con_cls);
    if (*upload_data_size) {
        take_body(c, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (c->state == READING)
        return dispatch(c);
    if (c->state == QUEUED) { /* resumed with the reply */
        c->state = DONE;
        return send_reply(srv, connection, &c->reply, c->method, c->url);
    }
    return MHD_YES;
}

static void completed(void *cls, struct MHD_Connection *connection, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)connection, (void)toe;
    conn *c = *con_cls;
    if (!c)
        return;
    if (c->pp)
        MHD_destroy_post_processor(c->pp);
    studio_form_free(&c->form);
    studio_reply_clear(&c->reply);
    free(c);
    *con_cls = NULL;
}

/* ---- starting and stopping ---------------------------------------------------------- */

static int read_whole(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    studio_buf b = {0};
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        studio_buf_add(&b, chunk, n);
    int bad = ferror(f);
    fclose(f);
    *data = studio_buf_take(&b, len);
    return bad || !*data ? -1 : 0;
}

/* The page's folder: given, $CANTING_STUDIO_WEB, the build tree's web/studio
 * beside this program, or the installed share/canting/studio. */
static void find_web_dir(const char *given, char *dir, size_t size)
{
    const char *env = getenv("CANTING_STUDIO_WEB");
    char exe[PATH_MAX];
    struct stat st;
    if (given || (env && *env)) {
        snprintf(dir, size, "%s", given ? given : env);
        return;
    }
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 16);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            strcpy(slash, "/../web/studio");
            if (stat(exe, &st) == 0 && S_ISDIR(st.st_mode)) {
                snprintf(dir, size, "%s", exe);
                return;
            }
        }
    }
    snprintf(dir, size, "%s", CANTING_STUDIO_DIR);
}

static int load_assets(server *srv, const char *given)
{
    static const asset list[] = {
        {"/", "index.html", "text/html; charset=utf-8", NULL, 0},
        {"/index.html", "index.html", "text/html; charset=utf-8", NULL, 0},
        {"/studio.css", "studio.css", "text/css; charset=utf-8", NULL, 0},
        {"/studio.js", "studio.js", "text/javascript; charset=utf-8", NULL, 0},
    };
    char dir[PATH_MAX], path[PATH_MAX + 32];
    find_web_dir(given, dir, sizeof dir);
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++) {
        srv->assets[i] = list[i];
        snprintf(path, sizeof path, "%s/%s", dir, list[i].file);
        if (read_whole(path, &srv->assets[i].data, &srv->assets[i].len)) {
            fprintf(stderr, "canting studio: cannot read the page %s: %s\n", path, strerror(errno));
            return -1;
        }
    }
    return 0;
}

static void free_assets(server *srv)
{
    for (size_t i = 0; i < sizeof srv->assets / sizeof srv->assets[0]; i++)
        free(srv->assets[i].data);
}

/* The listening address: IPv4 or IPv6, loopback or not. */
typedef struct address {
    struct sockaddr_storage sa;
    int ipv6;
    int loopback;
} address;

static int parse_address(const char *text, unsigned port, address *a)
{
    memset(a, 0, sizeof *a);
    struct sockaddr_in *v4 = (struct sockaddr_in *)&a->sa;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&a->sa;
    if (inet_pton(AF_INET, text, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)port);
        a->loopback = (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
        return 0;
    }
    if (inet_pton(AF_INET6, text, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)port);
        a->ipv6 = 1;
        a->loopback = IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr);
        return 0;
    }
    return -1;
}

static int make_tmp_dir(studio *s)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(s->tmp_dir, sizeof s->tmp_dir, "%s/canting-studio-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(s->tmp_dir)) {
        fprintf(stderr, "canting studio: cannot make a private folder in %s: %s\n", tmp && *tmp ? tmp : "/tmp",
                strerror(errno));
        s->tmp_dir[0] = '\0';
        return -1;
    }
    return 0;
}

static unsigned cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 16 ? 16 : (unsigned)n;
}

static int start_studio(server *srv, const studio_config *config)
{
    studio *s = &srv->s;
    char msg[PATH_MAX + 64];
    unsigned workers = config->workers ? config->workers : cores() < 2 ? 2 : cores();
    pthread_mutex_init(&s->clients_lock, NULL);
    if (make_tmp_dir(s))
        return -1;
    if (studio_library_init(&s->lib, config->motif_dir, s->tmp_dir, msg, sizeof msg)) {
        fprintf(stderr, "canting studio: %s\n", msg);
        return -1;
    }
    if (studio_pool_start(&s->quick, workers, QUEUE_QUICK) || studio_pool_start(&s->heavy, 1, QUEUE_HEAVY)) {
        fprintf(stderr, "canting studio: cannot start the render threads\n");
        return -1;
    }
    return 0;
}

static void stop_studio(server *srv)
{
    studio *s = &srv->s;
    studio_pool_free(&s->quick);
    studio_pool_free(&s->heavy);
    studio_library_free(&s->lib);
    if (s->tmp_dir[0])
        studio_remove_dir(s->tmp_dir);
    pthread_mutex_destroy(&s->clients_lock);
}

static struct MHD_Daemon *start_daemon(server *srv, const address *a)
{
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_ALLOW_SUSPEND_RESUME |
                     (a->ipv6 ? MHD_USE_IPv6 : 0) | (srv->quiet ? 0 : MHD_USE_ERROR_LOG);
    return MHD_start_daemon(flags, 0, NULL, NULL, handle, srv,
                            MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&a->sa,
                            MHD_OPTION_NOTIFY_COMPLETED, completed, srv,
                            /* headers and the query string share this; longer ones get 431/414 */
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
                            MHD_OPTION_CONNECTION_LIMIT, (unsigned)512,
                            MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120,
                            MHD_OPTION_END);
}

static void say_address(const server *srv, const studio_config *config, const address *a)
{
    if (a->ipv6)
        printf("canting studio: open http://[%s]:%u/ in a browser\n", config->listen, atomic_load(&srv->port));
    else
        printf("canting studio: open http://%s:%u/ in a browser\n", config->listen, atomic_load(&srv->port));
    if (srv->s.lib.user_dir)
        printf("  motifs are saved in %s\n", srv->s.lib.user_dir);
    else
        printf("  (to save motifs, start it with a folder: canting studio FOLDER)\n");
    if (!a->loopback)
        printf("  warning: listening on %s, so other computers can reach it\n", config->listen);
    printf("  Ctrl+C stops it.\n");
    fflush(stdout);
}

/* Waits for SIGINT or SIGTERM, which every thread but this one blocks. */
static void wait_for_stop(void)
{
    sigset_t set;
    int sig;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigwait(&set, &sig);
}

int studio_run(const studio_config *config)
{
    static server srv; /* large (the client table); lives as long as the run */
    address a;
    srv.quiet = config->quiet;
    if (parse_address(config->listen, config->port, &a)) {
        fprintf(stderr, "canting studio: --listen takes an IPv4 or IPv6 address, not '%s'\n", config->listen);
        return 2;
    }
    srv.loopback = a.loopback;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    int rc = 1;
    struct MHD_Daemon *daemon = NULL;
    if (load_assets(&srv, config->web_dir) == 0 && start_studio(&srv, config) == 0) {
        daemon = start_daemon(&srv, &a);
        if (!daemon)
            fprintf(stderr, "canting studio: cannot listen on %s port %u (in use? try --port 0 for any free port)\n",
                    config->listen, config->port);
    }
    if (daemon) {
        const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
        atomic_store(&srv.port, info ? info->port : config->port);
        say_address(&srv, config, &a);
        wait_for_stop();
        /* No new connections; queued jobs answer 503, running ones finish and
         * resume their connections; then the server closes them all. */
        MHD_socket listener = MHD_quiesce_daemon(daemon);
        studio_pool_stop(&srv.s.quick);
        studio_pool_stop(&srv.s.heavy);
        MHD_stop_daemon(daemon);
        if (listener != MHD_INVALID_SOCKET)
            close(listener);
        if (!srv.quiet)
            fprintf(stderr, "canting studio: stopped\n");
        rc = 0;
    }
    stop_studio(&srv);
    free_assets(&srv);
    return rc;
}
