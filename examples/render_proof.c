/* render_proof.c: load a motif, set a parameter, write a true-size PNG proof.
 *
 *   render_proof motifs/kawung.motif kawung.png
 *
 * Build against an installed canting:
 *   cc render_proof.c $(pkg-config --cflags --libs canting) -o render_proof
 */
#include <canting.h>

#include <stdio.h>

static int fail(const canting_error *err)
{
    char message[1024];
    fprintf(stderr, "render_proof: %s\n", canting_error_format(err, message, sizeof message));
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: render_proof MOTIF.motif OUT.png\n");
        return 2;
    }
    canting_motif *motif;
    canting_error err;
    if (canting_motif_load(argv[1], NULL, &motif, &err) != CANTING_OK)
        return fail(&err);

    /* The first parameter, if any, goes to the low end of its range. */
    canting_param_info param;
    if (canting_motif_param(motif, 0, &param) == CANTING_OK && param.has_range) {
        char value[64];
        const char *unit = param.kind == CANTING_UNIT_LENGTH ? "mm" : param.kind == CANTING_UNIT_ANGLE ? "deg" : "";
        snprintf(value, sizeof value, "%g%s", param.min, unit);
        if (canting_motif_set(motif, param.name, value, &err) != CANTING_OK) {
            canting_motif_free(motif);
            return fail(&err);
        }
        printf("%s = %s\n", param.name, value);
    }

    canting_render_options options;
    canting_render_options_init(&options);
    options.dpi = 100;
    options.width_mm = 150;   /* 15 x 10 cm */
    options.height_mm = 100;
    canting_status status = canting_render_file(motif, &options, argv[2], &err);
    canting_motif_free(motif);
    if (status != CANTING_OK)
        return fail(&err);
    printf("wrote %s\n", argv[2]);
    return 0;
}
