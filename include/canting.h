/*
 * canting.h: the one public header of libcanting.
 *
 * libcanting composes parametric batik motif descriptions (.motif files) into
 * printable batik repeats: one coverage plane per ink, a composite proof, and
 * streamed PNG output at a true physical size.
 *
 * Conventions, for every function below:
 *  - Lengths are in millimetres (`_mm`), resolutions in dots per inch (`dpi`),
 *    raster sizes in pixels (`_px`).
 *  - Every fallible function returns a canting_status (CANTING_OK is 0) and,
 *    when `err` is not NULL, fills it with a message (and file:line:col for
 *    errors in motif text).  The library never prints, exits or aborts.
 *  - Objects come in _new/_load/_parse ... _free pairs; _free accepts NULL.
 *    Strings returned by getters belong to the object and live as long as it.
 *  - No global mutable state: different handles may be used from different
 *    threads at once; one handle must not be used by two threads at once.
 */
#ifndef CANTING_H
#define CANTING_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(CANTING_BUILD) && defined(__GNUC__)
#define CANTING_API __attribute__((visibility("default")))
#else
#define CANTING_API
#endif

#define CANTING_VERSION_MAJOR 0
#define CANTING_VERSION_MINOR 1
#define CANTING_VERSION_PATCH 0
#define CANTING_VERSION_STRING "0.1.0"

/* Status codes.  0 is success; every other value names one kind of failure. */
typedef enum canting_status {
    CANTING_OK = 0,
    CANTING_ENOMEM,   /* an allocation failed */
    CANTING_EARG,     /* a bad argument from the caller (NULL, unknown name, ...) */
    CANTING_ESYNTAX,  /* motif text is malformed */
    CANTING_ENAME,    /* a name is unknown: parameter, ink, motif, function */
    CANTING_EUNIT,    /* a value has the wrong kind of unit (a length where an angle belongs, ...) */
    CANTING_ERANGE,   /* a value is outside its declared or allowed range */
    CANTING_ECYCLE,   /* motifs use each other in a cycle */
    CANTING_ELIMIT,   /* a limit on work or size was reached (see canting_limits) */
    CANTING_EMATH,    /* arithmetic went wrong: division by zero, sqrt of a negative, ... */
    CANTING_EIO,      /* reading or writing a file failed */
    CANTING_EFORMAT,  /* an image file is malformed or unsupported */
    CANTING_ERENDER   /* the rasteriser (cairo) failed */
} canting_status;

/* Details of a failure.  `file`, `line` and `column` (1-based) are set for
 * errors in motif text and are empty/0 otherwise. */
typedef struct canting_error {
    canting_status status;
    char file[256];
    int line;
    int column;
    char message[512];
} canting_error;

/* A fixed English name for a status ("out of memory", ...); never NULL. */
CANTING_API const char *canting_strerror(canting_status status);

/* Writes "file:line:col: message" (or just the message) into buf, always
 * NUL-terminated when size > 0; returns buf. */
CANTING_API char *canting_error_format(const canting_error *err, char *buf, size_t size);

/* The library's version, "MAJOR.MINOR.PATCH", which may differ from the
 * header's CANTING_VERSION_STRING when linked against another build. */
CANTING_API const char *canting_version(void);

/* ---- Limits: bounded work on untrusted input ---------------------------- */

/* Every limit is on by default (canting_limits_init) and may be raised. */
typedef struct canting_limits {
    size_t max_file_bytes;     /* size of one motif file */
    unsigned max_nesting;      /* depth of blocks and expressions (`use` chains stop at 32 files) */
    size_t max_elements;       /* drawing operations in one rendered cell */
    uint64_t max_pixels;       /* pixels in one output image */
    uint64_t max_tile_pixels;  /* pixels in one raster tile read, or one repeat unit held in memory */
} canting_limits;

/* Fills `limits` with the defaults: 1 MiB files, nesting 64, 200000 elements,
 * 2^32 output pixels (enough for a 270 x 150 cm cloth at 600 dpi, about
 * 2.26e9 px, which is streamed) and 2^27 tile pixels (a unit or a tile is
 * held whole in memory: 2^27 px is 384 MiB as RGB). */
CANTING_API void canting_limits_init(canting_limits *limits);

/* ---- Motifs --------------------------------------------------------------- */

typedef struct canting_motif canting_motif;

/* How to load a motif.  `search_dirs` is a NULL-terminated list of folders
 * searched for `use NAME` (as NAME.motif) after the using file's own folder;
 * it may be NULL.  The strings are copied. */
typedef struct canting_load_options {
    const char *const *search_dirs;
    canting_limits limits;
} canting_load_options;

/* Fills `options` with defaults: no extra search folders, default limits. */
CANTING_API void canting_load_options_init(canting_load_options *options);

/* Reads and parses a motif file.  On success *out owns a new motif (free it
 * with canting_motif_free); on failure *out is NULL and err says where.
 * `options` may be NULL for the defaults. */
CANTING_API canting_status canting_motif_load(const char *path, const canting_load_options *options,
                                              canting_motif **out, canting_error *err);

/* Parses motif text held in memory (`len` bytes, no NUL needed).  `origin`
 * names it in error messages and its folder is searched first for `use`;
 * it may be NULL ("<memory>"). */
CANTING_API canting_status canting_motif_parse(const char *text, size_t len, const char *origin,
                                               const canting_load_options *options,
                                               canting_motif **out, canting_error *err);

/* Frees a motif and everything it owns; NULL is allowed. */
CANTING_API void canting_motif_free(canting_motif *motif);

/* The motif's name (from `motif NAME`) and its one-line title (may be ""),
 * and the title in Indonesian (`motif NAME "title" id "judul"`, else ""). */
CANTING_API const char *canting_motif_name(const canting_motif *motif);
CANTING_API const char *canting_motif_title(const canting_motif *motif);
CANTING_API const char *canting_motif_title_id(const canting_motif *motif);

/* The files the motif was read from: index 0 its own (the path it was
 * loaded by, or the origin given to canting_motif_parse), then every motif
 * it uses, each once.  NULL for a bad index.  For watching them for edits. */
CANTING_API size_t canting_motif_file_count(const canting_motif *motif);
CANTING_API const char *canting_motif_file(const canting_motif *motif, size_t index);

/* The unit kind of a parameter. */
typedef enum canting_unit_kind {
    CANTING_UNIT_NUMBER = 0, /* a plain number or a percentage (50% is 0.5) */
    CANTING_UNIT_LENGTH,     /* value in millimetres */
    CANTING_UNIT_ANGLE       /* value in degrees */
} canting_unit_kind;

/* What a parameter is.  Strings belong to the motif. */
typedef struct canting_param_info {
    const char *name;
    const char *description;  /* "" when none */
    const char *description_id; /* the Indonesian description (`"..." id "..."`), "" when none */
    canting_unit_kind kind;
    double value;             /* current value: mm, degrees or a number */
    double default_value;
    int has_range;
    double min, max;          /* inclusive, when has_range */
} canting_param_info;

/* Number of parameters, and the i-th one (0-based, in declaration order). */
CANTING_API size_t canting_motif_param_count(const canting_motif *motif);
CANTING_API canting_status canting_motif_param(const canting_motif *motif, size_t index,
                                               canting_param_info *info);

/* Sets a parameter from text such as "3cm", "0.4", "45deg", "50%" or an
 * expression over other parameters ("cell/2").  Unknown names (CANTING_ENAME),
 * wrong units (CANTING_EUNIT) and values outside the declared range
 * (CANTING_ERANGE) are refused and leave the motif unchanged. */
CANTING_API canting_status canting_motif_set(canting_motif *motif, const char *name, const char *value,
                                             canting_error *err);

/* One ink of the palette, in dye order; ink 0 is the cloth. */
typedef struct canting_ink_info {
    const char *name;
    const char *description;  /* "" when none */
    const char *description_id; /* in Indonesian, "" when none */
    uint8_t r, g, b;
} canting_ink_info;

CANTING_API size_t canting_motif_ink_count(const canting_motif *motif);
CANTING_API canting_status canting_motif_ink(const canting_motif *motif, size_t index, canting_ink_info *info);

/* Colourways: named palette swaps declared in the motif.  Count and names
 * (0-based, in declaration order; NULL for a bad index). */
CANTING_API size_t canting_motif_colourway_count(const canting_motif *motif);
CANTING_API const char *canting_motif_colourway_name(const canting_motif *motif, size_t index);

/* Recolours the inks by a colourway's name; NULL or "" restores the inks'
 * own colours.  CANTING_ENAME for an unknown name (the motif is unchanged).
 * canting_motif_ink and every render use the chosen colours. */
CANTING_API canting_status canting_motif_set_colourway(canting_motif *motif, const char *name, canting_error *err);

/* The repeat cell (width and height of one repeat unit) in millimetres, as
 * the current parameter values make it. */
CANTING_API canting_status canting_motif_cell_mm(const canting_motif *motif, double *width_mm,
                                                 double *height_mm, canting_error *err);

/* The motif as one JSON object: name, title, repeat (cell in mm, layout),
 * border, params (name, description, unit "mm"/"deg"/"", value, default,
 * min, max), inks in dye order (name, description, "#rrggbb" in the chosen
 * colourway) and colourways.  Written into buf (NUL-terminated) like
 * snprintf: *needed (may be NULL) receives the size it takes; CANTING_ERANGE
 * when `size` is too small (call again with a larger buffer). */
CANTING_API canting_status canting_motif_json(const canting_motif *motif, char *buf, size_t size, size_t *needed,
                                              canting_error *err);

/* ---- Tiles: one repeat cell rasterised ------------------------------------- */

typedef struct canting_tile canting_tile;

/* Rasterises one repeat cell at `dpi`: one 8-bit coverage plane per ink and
 * an RGB composite.  The cell is rounded to whole pixels so that copies of it
 * join without a seam; shapes that cross the cell's edge wrap around.
 * Ink planes partition each pixel: the coverages of all inks add up to at
 * most 255 and the cloth takes the rest.  Free with canting_tile_free. */
CANTING_API canting_status canting_tile_render(const canting_motif *motif, double dpi, canting_tile **out,
                                               canting_error *err);
CANTING_API void canting_tile_free(canting_tile *tile);

CANTING_API uint32_t canting_tile_width_px(const canting_tile *tile);
CANTING_API uint32_t canting_tile_height_px(const canting_tile *tile);

/* The coverage plane of ink `index` (1 .. ink_count-1; 0..255 per pixel),
 * `stride` bytes per row; NULL for a bad index. */
CANTING_API const uint8_t *canting_tile_plane(const canting_tile *tile, size_t index, size_t *stride);

/* The composite proof of the cell, 3 bytes (R, G, B) per pixel. */
CANTING_API const uint8_t *canting_tile_rgb(const canting_tile *tile, size_t *stride);

/* ---- Proofs ---------------------------------------------------------------- */

/* Output formats; AUTO picks one from the output's extension (.png, .jpg,
 * .jpeg, .pdf, .svg), PNG when there is none.  PDF and SVG draw a motif's
 * repeat as paths at true physical size (not for raster tiles). */
typedef enum canting_format {
    CANTING_FORMAT_AUTO = 0,
    CANTING_FORMAT_PNG,
    CANTING_FORMAT_JPEG,
    CANTING_FORMAT_PDF,
    CANTING_FORMAT_SVG
} canting_format;

/* Called from the calling thread as rows are written: `done` of `total`
 * rows.  Its cost is on the caller; keep it quick. */
typedef void (*canting_progress_fn)(void *user, uint64_t done, uint64_t total);

typedef struct canting_render_options {
    double dpi;            /* resolution; default 150 */
    double width_mm;       /* output size; 0 means two repeat units */
    double height_mm;
    const char *layout;    /* NULL: the motif's own (straight for a raster tile); else a name
                              from canting_layout_names(), such as "half-drop" or "p4m" */
    double fraction;       /* the drop (half-drop) or shift (brick) as a share of the cell;
                              negative (the default): the motif's own, else 0.5 */
    canting_format format; /* default AUTO */
    int compression;       /* zlib level 0..9 for PNG; default 3 (fast proofs) */
    int quality;           /* JPEG quality 1..100; default 90 */
    unsigned threads;      /* threads for the repeat engine; 0 (default) = all cores */
    int field_only;        /* 1: leave out the motif's border bands (default 0: draw them) */
    canting_progress_fn progress; /* NULL: no progress reports */
    void *progress_user;
} canting_render_options;

/* Fills `options` with the defaults above. */
CANTING_API void canting_render_options_init(canting_render_options *options);

/* The layout names, comma-separated: straight, half-drop, brick, mirror and
 * the 17 wallpaper groups p1 ... p6m. */
CANTING_API const char *canting_layout_names(void);

/* Converts a physical length to whole pixels at `dpi` (rounded to nearest). */
CANTING_API uint64_t canting_mm_to_px(double length_mm, double dpi);

/* Reads a physical size such as "20x20cm", "250cmx105cm", "250x105cm",
 * "8.5x11in", "1181x1181px" or "30cm" (a square).  A unit after the last
 * number applies to both; px converts through `dpi`.  Fills millimetres. */
CANTING_API canting_status canting_parse_size(const char *text, double dpi, double *width_mm, double *height_mm,
                                              canting_error *err);

/* Renders the motif's repeat in its layout to fill the requested physical
 * size and writes it to `path` as PNG or JPEG, streamed strip by strip, so
 * memory stays bounded by the repeat unit and a few strips whatever the size.
 * A PNG carries its DPI (pHYs) and tEXt chunks naming the motif, every
 * parameter value, the layout and the canting version; a JPEG its density.
 * The file is written under a temporary name and renamed into place only
 * when complete; on failure `path` is untouched. */
CANTING_API canting_status canting_render_file(const canting_motif *motif, const canting_render_options *options,
                                               const char *path, canting_error *err);

/* ---- Contact sheets ---------------------------------------------------------- */

/* A page of small proofs in a grid, each with a caption: a gallery of
 * motifs, a sweep of variations. */
typedef struct canting_contact canting_contact;

/* A sheet `columns` wide whose cells are `cell_px` square (16 .. 2048),
 * headed by `title` (may be NULL).  Free with canting_contact_free. */
CANTING_API canting_status canting_contact_new(uint32_t columns, uint32_t cell_px, const char *title,
                                               canting_contact **out, canting_error *err);

/* Adds a cell: the top-left of the motif's proof as `options` make it (dpi,
 * layout; NULL for defaults), scaled by nothing, so choose a dpi that fits
 * a repeat or two in cell_px; and a caption of up to two lines ("\n"). */
CANTING_API canting_status canting_contact_add(canting_contact *sheet, const canting_motif *motif,
                                               const canting_render_options *options, const char *caption,
                                               canting_error *err);

/* For drawing cells in parallel: canting_contact_reserve appends `count`
 * blank cells; canting_contact_draw draws cell `index` (0-based) as
 * canting_contact_add would and sets its caption.  Draws of different cells
 * may run on different threads at once, each with its own motif handle;
 * nothing else may use the sheet meanwhile.  A cell never drawn stays blank. */
CANTING_API canting_status canting_contact_reserve(canting_contact *sheet, size_t count, canting_error *err);
CANTING_API canting_status canting_contact_draw(canting_contact *sheet, size_t index, const canting_motif *motif,
                                                const canting_render_options *options, const char *caption,
                                                canting_error *err);

/* Writes the sheet as a PNG (atomically). */
CANTING_API canting_status canting_contact_write(const canting_contact *sheet, const char *path,
                                                 canting_error *err);
CANTING_API void canting_contact_free(canting_contact *sheet);

/* ---- Cap blocks -------------------------------------------------------------- */

/* Cuts the motif's cloth (its size from `options`; default two repeat units
 * each way) into a grid of block_w_mm x block_h_mm stamp blocks (a cap is
 * about 20 x 20 cm).  Blocks at the same phase of the repeat are one cap;
 * each distinct cap is written as PREFIX-capNN.png, mirrored left-right as
 * the copper is cut, inside a margin with alignment marks; PREFIX-overview.png
 * shows the cloth with every block numbered by its cap, PREFIX-caps.txt the
 * same as text.  *caps (may be NULL) receives the number of distinct caps;
 * a block that is a whole number of repeats makes one cap for the cloth. */
CANTING_API canting_status canting_render_caps(const canting_motif *motif, const canting_render_options *options,
                                               double block_w_mm, double block_h_mm, const char *prefix,
                                               size_t *caps, canting_error *err);

/* ---- Raster tiles ------------------------------------------------------------ */

/* A raster image used as a repeat tile: a scanned cap print, a photo. */
typedef struct canting_image canting_image;

/* Reads a PNG or JPEG (by its content, not its name) as 8-bit RGB.  Images
 * wider, taller or larger than `limits` allow (NULL: the defaults) are
 * refused with CANTING_ELIMIT before any pixel memory is taken; malformed
 * files give CANTING_EFORMAT.  Free with canting_image_free. */
CANTING_API canting_status canting_image_load(const char *path, const canting_limits *limits, canting_image **out,
                                              canting_error *err);
CANTING_API void canting_image_free(canting_image *image);
CANTING_API uint32_t canting_image_width_px(const canting_image *image);
CANTING_API uint32_t canting_image_height_px(const canting_image *image);
/* The resolution the file records (pHYs or JPEG density), or 0 when none. */
CANTING_API double canting_image_dpi(const canting_image *image);

/* Repeats a raster tile in a layout, as canting_render_file does for a
 * motif.  Hexagonal wallpaper groups (p3 ... p6m) need a motif and are
 * refused with CANTING_EARG. */
CANTING_API canting_status canting_repeat_image(const canting_image *tile, const canting_render_options *options,
                                                const char *path, canting_error *err);

/* ---- Separations and the batik process ---------------------------------------- */

/* Separation sheets (one grey image per ink, black = ink), nearest-ink
 * separation of raster art, palette suggestion, and the wax/dye stage plan.
 * Colour differences are CIE 1976 dE (Euclidean distance in CIELAB, D65
 * white, sRGB input); docs/separation.md explains every choice. */

/* Most inks a palette, a separation or a stage plan handles, cloth included. */
#define CANTING_MAX_INKS 64

/* Inks in dye order; entry 0 is the cloth.  Plain data: copy it freely. */
typedef struct canting_palette {
    size_t count;                        /* 1 .. CANTING_MAX_INKS */
    char name[CANTING_MAX_INKS][32];     /* letters, digits, '-' and '_'; names sheet files */
    uint8_t rgb[CANTING_MAX_INKS][3];
} canting_palette;

/* The motif's inks in its chosen colourway.  CANTING_ELIMIT when it has more
 * than CANTING_MAX_INKS inks. */
CANTING_API canting_status canting_palette_from_motif(const canting_motif *motif, canting_palette *out,
                                                      canting_error *err);

/* Reads a list such as "#f2e8d5,#7a4a22,#1f2a44" or "cloth=#f2e8d5, soga=#7a4a22"
 * (#rgb allowed; commas or spaces between entries).  Unnamed entries are
 * called cloth (the first), ink1, ink2 ...  CANTING_ESYNTAX for a malformed
 * entry, CANTING_ELIMIT for too many, CANTING_EARG for a repeated name. */
CANTING_API canting_status canting_palette_parse(const char *text, canting_palette *out, canting_error *err);

/* Writes "#rrggbb,#rrggbb,..." into buf (always NUL-terminated when size > 0);
 * returns buf. */
CANTING_API char *canting_palette_format(const canting_palette *palette, char *buf, size_t size);

/* Suggests `k` inks (1 .. CANTING_MAX_INKS) for a photo or scan: k-means in
 * CIELAB over the image's colours, seeded by k-means++ with a fixed seed, so
 * the same image always gives the same inks.  Each ink is the mean sRGB
 * colour of the pixels it stands for.  Inks come lightest first (L*
 * descending, the usual dye order, the cloth first) and are named cloth,
 * ink1, ...  Fewer than k when the image has fewer distinct colours.
 * shares (may be NULL; k entries) receives each ink's share of the pixels. */
CANTING_API canting_status canting_palette_suggest(const canting_image *image, size_t k, canting_palette *out,
                                                   double *shares, canting_error *err);

/* For each pixel of a width x height RGB image (rows `stride` bytes apart),
 * writes the index of the nearest ink by dE76 into index (rows index_stride
 * bytes apart); ties go to the lowest index.  Uses the fastest SIMD path the
 * CPU has (CANTING_DISABLE_SIMD="avx2 sse2" forces the lower ones; every
 * path gives the same bytes) on up to `threads` threads (0: all cores). */
CANTING_API canting_status canting_nearest_ink(const uint8_t *rgb, size_t stride, uint32_t width_px,
                                               uint32_t height_px, const canting_palette *inks, uint8_t *index,
                                               size_t index_stride, unsigned threads, canting_error *err);

/* How to write separation sheets (and a stage plan's wax masks). */
typedef struct canting_separate_options {
    canting_render_options render; /* dpi, size, layout, fraction, compression, threads, progress
                                      (render.format is ignored: `format` below says) */
    int bits;          /* 8 (default): coverage in grey, 0 = full ink; 1: a 1-bit film (PNG bit depth 1)
                          where each pixel belongs to exactly one ink or the cloth */
    int marks;         /* nonzero: a margin with registration and crop marks, the ink's name and
                          colour, identically placed on every sheet (the sheet grows by the margin) */
    int cloth_sheet;   /* nonzero: also a sheet for the cloth (where no ink goes) */
    canting_format format; /* AUTO or PNG (default): a PNG per sheet; PDF: one film set, PREFIX.pdf,
                              a page per sheet at true size, always with marks, each page named
                              after its ink in the viewer's page labels and outline */
} canting_separate_options;

/* Fills `options`: canting_render_options_init, 8 bits, no marks, no cloth
 * sheet, PNG sheets. */
CANTING_API void canting_separate_options_init(canting_separate_options *options);

/* Separations of a motif, taken from its ink planes (never from colours):
 * PREFIX-INK.png for every ink but the cloth, each the same pixel size and
 * DPI as canting_render_file's proof with the same render options, streamed
 * strip by strip.  Each file is written atomically; on failure none of the
 * files not yet finished is left behind.  With format PDF, PREFIX.pdf
 * instead: the same sheets as pages, in the same order. */
CANTING_API canting_status canting_separate_motif(const canting_motif *motif, const canting_separate_options *options,
                                                  const char *prefix, canting_error *err);

/* Separations of raster art: each pixel goes to its nearest ink (as
 * canting_nearest_ink), written as PREFIX-INK.png sheets of the image's own
 * size.  The DPI is options->render.dpi, or when that is 0 the image's own
 * (else 150); size and layout are ignored. */
CANTING_API canting_status canting_separate_image(const canting_image *image, const canting_palette *inks,
                                                  const canting_separate_options *options, const char *prefix,
                                                  canting_error *err);

/* The dye baths, in order: the motif's `recipe`, or without one the default
 * light-to-dark overdye (one bath per ink but the cloth, named after it).
 * Names belong to the motif; NULL for a bad index. */
CANTING_API size_t canting_motif_bath_count(const canting_motif *motif);
CANTING_API const char *canting_motif_bath_name(const canting_motif *motif, size_t index);

/* The baths that dye ink `index`: bit b set when bath b reaches its areas
 * (0 for the cloth and for a bad index).  Default recipe: ink i gets baths
 * 0 .. i-1. */
CANTING_API uint64_t canting_motif_ink_baths(const canting_motif *motif, size_t index);

typedef struct canting_plan_options {
    canting_separate_options sheets; /* size, dpi, layout, bits and marks of the wax masks */
    int stage_sheet;                 /* nonzero (default): also PREFIX-stages.png */
} canting_plan_options;

/* Fills `options`: canting_separate_options_init, with the stage sheet. */
CANTING_API void canting_plan_options_init(canting_plan_options *options);

/* The stage plan: for each bath b (1-based N in names), PREFIX-N-BATH-wax.png
 * (black: wax on the cloth as it enters the bath, over every area whose ink
 * that bath must not reach) and, when wax comes off before it,
 * PREFIX-N-BATH-scrape.png (black: wax scraped away); PREFIX-plan.txt (stage
 * by stage: the action, the bath, the share of the cloth waxed); and
 * PREFIX-stages.png, a one-page overview for the workshop wall.  The files
 * are a set: on failure none of them is left (an earlier plan's files of
 * the same PREFIX included), so no half plan reaches a workshop. */
CANTING_API canting_status canting_plan_write(const canting_motif *motif, const canting_plan_options *options,
                                              const char *prefix, canting_error *err);

/* Frees the process-wide font caches that drawing labels fills (cairo's and
 * fontconfig's), so leak checkers see a clean exit.  Call it only at the end
 * of a program, when no thread draws any more; later drawing refills them. */
CANTING_API void canting_free_font_caches(void);

/* ---- end of separations ---- */

#ifdef __cplusplus
}
#endif

#endif /* CANTING_H */
