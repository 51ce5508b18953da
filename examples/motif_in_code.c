/* motif_in_code.c: build a motif from text held in memory and inspect it.
 *
 *   motif_in_code truntum.png
 */
#include <canting.h>

#include <stdio.h>
#include <string.h>

/* A small truntum-like star flower, written inline. */
static const char source[] =
    "motif starflower \"an eight-point star flower\"\n"
    "param cell = 2cm range 1cm..5cm\n"
    "inks\n"
    "  cloth #3b2414\n"
    "  cream #efe3c8\n"
    "repeat cell\n"
    "draw\n"
    "  star points 8 r cell*0.3 inner cell*0.12 fill cream\n"
    "  circle r cell*0.05 fill cloth\n"
    "  circle r cell*0.04 at (cell/2, cell/2) fill cream\n";

int main(int argc, char **argv)
{
    const char *out = argc > 1 ? argv[1] : "starflower.png";
    canting_motif *motif;
    canting_error err;
    char message[1024];
    if (canting_motif_parse(source, strlen(source), "starflower", NULL, &motif, &err) != CANTING_OK) {
        fprintf(stderr, "%s\n", canting_error_format(&err, message, sizeof message));
        return 1;
    }
    for (size_t i = 0; i < canting_motif_ink_count(motif); i++) {
        canting_ink_info ink;
        canting_motif_ink(motif, i, &ink);
        printf("ink %zu: %s #%02x%02x%02x\n", i, ink.name, ink.r, ink.g, ink.b);
    }
    canting_render_options options;
    canting_render_options_init(&options);
    options.width_mm = options.height_mm = 100;
    if (canting_render_file(motif, &options, out, &err) != CANTING_OK) {
        fprintf(stderr, "%s\n", canting_error_format(&err, message, sizeof message));
        canting_motif_free(motif);
        return 1;
    }
    canting_motif_free(motif);
    printf("wrote %s\n", out);
    return 0;
}
