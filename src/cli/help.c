/* help.c: `canting help TOPIC`: the manual pages, embedded in the program,
 * formatted as plain text by a small man(7) formatter, so help works where
 * man and groff are not installed.  The formatter knows the macros the
 * pages use (TH SH SS PP TP IP RS RE nf fi br B I BR BI IR RB RI) and the
 * escapes \f? \- \e \& \(em; the pages in docs/man keep to them. */
#include "cli/cli.h"
#include "cli/help.h"

#include <stdlib.h>
#include <string.h>

#define WIDTH 78
#define BODY 7      /* the indent of text under a section heading */
#define TAG 7       /* the further indent of a tagged paragraph's body */
#define NBSP '\x01' /* an escaped space: printed as one, never broken at */

typedef struct formatter {
    int indent;       /* of the text being filled */
    int fill;         /* 0 inside .nf */
    int tag_next;     /* .TP: the next line is the tag */
    char line[512];   /* the output line being filled */
    size_t len;
    int blank_due;    /* a paragraph break before the next text */
} formatter;

/* ---- text ----------------------------------------------------------------------------- */

static const struct {
    const char *escape, *text;
} escapes[] = {{"\\-", "-"}, {"\\e", "\\"}, {"\\&", ""}, {"\\(em", "--"}, {"\\(aq", "'"}, {"\\ ", "\x01"},
               {"\\fB", ""}, {"\\fI", ""}, {"\\fR", ""}, {"\\fP", ""}};

/* Roff escapes to plain text; a \" comment ends the text. */
static void unescape(const char *in, char *out, size_t size)
{
    size_t n = 0;
    while (*in && n + 3 < size) {
        size_t i, count = sizeof escapes / sizeof escapes[0];
        if (in[0] == '\\' && in[1] == '"')
            break;
        for (i = 0; i < count && strncmp(in, escapes[i].escape, strlen(escapes[i].escape)); i++)
            ;
        if (i == count) {
            out[n++] = *in++;
            continue;
        }
        n += (size_t)snprintf(out + n, size - n, "%s", escapes[i].text);
        in += strlen(escapes[i].escape);
    }
    out[n] = '\0';
}

static void emit(formatter *f)
{
    if (!f->len)
        return;
    f->line[f->len] = '\0';
    for (char *c = f->line; *c; c++)
        if (*c == NBSP)
            *c = ' ';
    printf("%s\n", f->line);
    f->len = 0;
}

static void start_block(formatter *f)
{
    emit(f);
    if (f->blank_due)
        printf("\n");
    f->blank_due = 0;
}

/* Fills words into lines of WIDTH columns at the current indent. */
static void add_words(formatter *f, const char *text)
{
    if (f->blank_due)
        start_block(f);
    while (*text) {
        text += strspn(text, " \t");
        size_t word = strcspn(text, " \t");
        if (!word)
            break;
        if (f->len && f->len + 1 + word > WIDTH)
            emit(f);
        if (!f->len)
            f->len = (size_t)snprintf(f->line, sizeof f->line, "%*s", f->indent, "");
        else
            f->line[f->len++] = ' ';
        if (f->len + word < sizeof f->line) {
            memcpy(f->line + f->len, text, word);
            f->len += word;
        }
        text += word;
    }
}

static void add_verbatim(formatter *f, const char *text)
{
    if (f->blank_due)
        start_block(f);
    f->len = (size_t)snprintf(f->line, sizeof f->line, "%*s%s", f->indent, "", text);
    emit(f);
}

/* ---- macros ------------------------------------------------------------------------- */

/* A macro's arguments, quotes removed, joined by spaces or (for the
 * alternating-font macros such as .BR) run together. */
static void join_args(const char *args, int together, char *out, size_t size)
{
    size_t n = 0;
    while (*args && n + 2 < size) {
        args += strspn(args, " ");
        if (!*args)
            break;
        int quoted = *args == '"';
        const char *end = quoted ? args + 1 : args;
        while (*end && (quoted ? !(end[0] == '"' && end[1] != '"') : *end != ' '))
            end += quoted && end[0] == '"' ? 2 : 1;
        if (n && !together)
            out[n++] = ' ';
        for (const char *c = args + quoted; c < end && n + 1 < size; c++)
            if (!(quoted && c[0] == '"' && c[1] == '"'))
                out[n++] = *c;
        args = *end ? end + 1 : end;
    }
    out[n] = '\0';
}

static void heading(formatter *f, int indent, const char *text)
{
    start_block(f);
    printf("\n%*s%s\n", indent, "", text);
    f->indent = BODY;
}

static void text_line(formatter *f, const char *text)
{
    if (f->tag_next) { /* .TP's tag on a line of its own, its body indented below */
        f->tag_next = 0;
        add_words(f, text);
        emit(f);
        f->indent += TAG;
        return;
    }
    if (f->fill)
        add_words(f, text);
    else
        add_verbatim(f, text);
}

static void end_tag(formatter *f)
{
    emit(f);
    if (f->indent >= BODY + TAG)
        f->indent -= TAG;
}

static void paragraph(formatter *f, int tagged)
{
    end_tag(f);
    f->blank_due = 1;
    f->tag_next = tagged;
}

static void indent_by(formatter *f, int delta)
{
    emit(f);
    if (f->indent + delta >= 0)
        f->indent += delta;
}

static void macro(formatter *f, const char *name, const char *args)
{
    char text[1024];
    int font_pair = name[0] && name[1] && strchr("BIR", name[0]) && strchr("BIR", name[1]);
    join_args(args, font_pair, text, sizeof text);
    if (!strcmp(name, "SH") || !strcmp(name, "SS"))
        heading(f, name[1] == 'H' ? 0 : 3, text);
    else if (!strcmp(name, "PP") || !strcmp(name, "LP") || !strcmp(name, "P") || !strcmp(name, "TP"))
        paragraph(f, name[0] == 'T');
    else if (!strcmp(name, "RS") || !strcmp(name, "RE"))
        indent_by(f, name[1] == 'S' ? TAG : -TAG);
    else if (!strcmp(name, "nf") || !strcmp(name, "br"))
        emit(f), f->fill &= name[0] == 'b';
    else if (!strcmp(name, "fi"))
        f->fill = 1;
    else if (!strcmp(name, "B") || !strcmp(name, "I") || font_pair)
        text_line(f, text);
    /* .TH and anything else: nothing to print */
}

static void format_line(formatter *f, const char *raw)
{
    char line[1024];
    if (raw[0] == '.' && raw[1] == '\\' && raw[2] == '"')
        return;
    unescape(raw, line, sizeof line);
    if (raw[0] != '.') {
        if (!line[0] && f->fill) /* a blank line is a paragraph break */
            emit(f), f->blank_due = 1;
        else
            text_line(f, line);
        return;
    }
    char name[8];
    size_t n = strcspn(line + 1, " ");
    snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name ? n : sizeof name - 1), line + 1);
    macro(f, name, line + 1 + n);
}

/* ---- pages and topics ------------------------------------------------------------------- */

static const cli_man_page *find_page(const char *name)
{
    for (const cli_man_page *p = cli_man_pages; p->name; p++)
        if (!strcmp(p->name, name))
            return p;
    return NULL;
}

/* Lines first .. before `end` (NULL: to the end). */
static void format_lines(const char *const *first, const char *const *end)
{
    formatter f = {.indent = BODY, .fill = 1};
    for (const char *const *l = first; *l && l != end; l++)
        format_line(&f, *l);
    emit(&f);
}

/* ".SS canting COMMAND ..." and its text, up to the next heading. */
static int print_command(const cli_man_page *page, const char *command)
{
    size_t n = strlen(command);
    for (const char *const *l = page->lines; *l; l++) {
        if (strncmp(*l, ".SS canting ", 12) || strncmp(*l + 12, command, n) || ((*l)[12 + n] && (*l)[12 + n] != ' '))
            continue;
        const char *const *end = l + 1;
        while (*end && strncmp(*end, ".SS", 3) && strncmp(*end, ".SH", 3))
            end++;
        printf("%s(%s)\n", page->name, page->section);
        format_lines(l, end);
        return 1;
    }
    return 0;
}

static const char help_usage[] =
    N_("Usage: canting help [TOPIC]\n"
       "\n"
       "Prints the manual without man: TOPIC is a command (render, explore, info, ...)\n"
       "for its part of canting(1), `canting` for the whole page, or `motif` for\n"
       "canting-motif(5), the motif language.\n");

int cli_help(int argc, char **argv)
{
    cli_opts o = {0};
    int rc = cli_parse_options(&o, 0, help_usage, argc, argv);
    if (rc >= 0)
        return rc;
    const char *topic = o.input ? o.input : "canting";
    const cli_man_page *page = find_page(!strcmp(topic, "motif") ? "canting-motif" : topic);
    if (page) {
        printf("%s(%s)\n", page->name, page->section);
        format_lines(page->lines, NULL);
        return EXIT_SUCCESS;
    }
    if (print_command(find_page("canting"), topic))
        return EXIT_SUCCESS;
    return cli_usage_error(N_("no help on '%s': try a command's name, or motif"), topic);
}
