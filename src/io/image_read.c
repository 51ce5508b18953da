/* image_read.c: a PNG or JPEG tile read into 8-bit RGB.  The files are
 * untrusted: the size is checked against the limits before any pixel memory
 * is taken, every size product is overflow-checked, libpng and libjpeg
 * errors come back as statuses, and nothing is printed. */
#include "io/image_read.h"
#include "io/jpeg_write.h"
#include "util/util.h"

#include <errno.h>
#include <jerror.h>
#include <math.h>
#include <png.h>
#include <string.h>

static const uint8_t png_signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

/* A progressive JPEG may hold thousands of tiny scans, each one a pass over
 * the whole image: a few bytes of input for minutes of work.  Real files use
 * about ten. */
#define MAX_JPEG_SCANS 500

/* ---- the pixel buffer ------------------------------------------------------- */

/* Checks w x h against the limits, then takes the pixel memory. */
static canting_status alloc_pixels(canting_image *img, uint32_t w, uint32_t h, const canting_limits *limits,
                                   const char *path, canting_error *err)
{
    unsigned long uw = w, uh = h;
    if (w == 0 || h == 0)
        return ct_fail_at(err, CANTING_EFORMAT, path, 0, 0, "the image is %lu x %lu px", uw, uh);
    if (w > CT_IMAGE_MAX_SIDE_PX || h > CT_IMAGE_MAX_SIDE_PX)
        return ct_fail_at(err, CANTING_ELIMIT, path, 0, 0, "%lu x %lu px: a side is longer than %lu px", uw, uh,
                          (unsigned long)CT_IMAGE_MAX_SIDE_PX);
    if ((uint64_t)w * h > limits->max_tile_pixels)
        return ct_fail_at(err, CANTING_ELIMIT, path, 0, 0, "%lu x %lu px is more than the limit of %llu px", uw, uh,
                          (unsigned long long)limits->max_tile_pixels);
    size_t stride, bytes;
    if (!ct_mul_size(w, 3, &stride) || !ct_mul_size(stride, h, &bytes))
        return ct_fail_at(err, CANTING_ELIMIT, path, 0, 0, "%lu x %lu px does not fit in memory", uw, uh);
    if (!(img->rgb = ct_malloc(bytes)))
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    img->width_px = w;
    img->height_px = h;
    img->stride = stride;
    return CANTING_OK;
}

/* ---- PNG --------------------------------------------------------------------- */

typedef struct png_reader {
    png_structp png;
    png_infop info;
    char message[200];  /* libpng's last error */
} png_reader;

static void on_png_error(png_structp png, png_const_charp msg)
{
    png_reader *r = png_get_error_ptr(png);
    snprintf(r->message, sizeof r->message, "%s", msg);
    png_longjmp(png, 1);
}

static void on_png_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

/* Asks libpng for 8-bit RGB whatever the file holds.  Transparency is
 * composited over white, the colour of paper and of undyed cloth, rather
 * than dropped: a dropped alpha shows whatever colour the transparent
 * pixels happen to store, often black.  Returns the interlace passes. */
static int set_rgb_transforms(png_structp png, png_infop info)
{
    int has_alpha = (png_get_color_type(png, info) & PNG_COLOR_MASK_ALPHA) || png_get_valid(png, info, PNG_INFO_tRNS);
    png_set_expand(png);     /* palette to RGB, grey under 8 bits to 8, tRNS to alpha */
    png_set_scale_16(png);   /* rounds, where strip_16 truncates */
    png_set_gray_to_rgb(png);
    if (has_alpha) {
        png_color_16 white = {0, 255, 255, 255, 255};
        png_set_background_fixed(png, &white, PNG_BACKGROUND_GAMMA_SCREEN, 0, PNG_FP_1);
    }
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    return passes;
}

/* pHYs counts whole pixels per metre, so 150 dpi is stored as 5906 and reads
 * back as 150.012: a value within half a pixel per metre of a whole dpi is
 * that whole dpi. */
static double png_dpi(png_structp png, png_infop info)
{
    png_uint_32 x, y;
    int unit;
    if (!png_get_pHYs(png, info, &x, &y, &unit) || unit != PNG_RESOLUTION_METER || x == 0)
        return 0;
    double dpi = x * 0.0254;
    return fabs(dpi - round(dpi)) <= 0.5 * 0.0254 ? round(dpi) : dpi;
}

static canting_status read_png_pixels(png_reader *r, FILE *fp, const char *path, const canting_limits *limits,
                                      canting_image *img, canting_error *err)
{
    if (setjmp(png_jmpbuf(r->png)))
        return ct_fail_at(err, CANTING_EFORMAT, path, 0, 0, "malformed PNG: %s", r->message);
    png_init_io(r->png, fp);
    png_read_info(r->png, r->info);
    canting_status st = alloc_pixels(img, png_get_image_width(r->png, r->info),
                                     png_get_image_height(r->png, r->info), limits, path, err);
    if (st != CANTING_OK)
        return st;
    int passes = set_rgb_transforms(r->png, r->info);
    if (png_get_rowbytes(r->png, r->info) != img->stride)
        return ct_fail_at(err, CANTING_EFORMAT, path, 0, 0, "unsupported PNG layout");
    img->dpi = png_dpi(r->png, r->info);
    for (int pass = 0; pass < passes; pass++)
        for (uint32_t y = 0; y < img->height_px; y++)
            png_read_row(r->png, img->rgb + (size_t)y * img->stride, NULL);
    /* Reading to IEND makes a file cut short after its pixels fail too. */
    png_read_end(r->png, NULL);
    return CANTING_OK;
}

static canting_status load_png(FILE *fp, const char *path, const canting_limits *limits, canting_image *img,
                               canting_error *err)
{
    png_reader r;
    memset(&r, 0, sizeof r);
    r.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &r, on_png_error, on_png_warning);
    r.info = r.png ? png_create_info_struct(r.png) : NULL;
    canting_status st = CANTING_ENOMEM;
    if (r.info) {
        /* Our own check below, with its own status, speaks for the size;
         * libpng's default cap would only call a big file malformed. */
        png_set_user_limits(r.png, PNG_UINT_31_MAX, PNG_UINT_31_MAX);
        st = read_png_pixels(&r, fp, path, limits, img, err);
    } else {
        ct_fail(err, st, "out of memory");
    }
    png_destroy_read_struct(&r.png, &r.info, NULL);
    return st;
}

/* ---- JPEG -------------------------------------------------------------------- */

typedef struct jpeg_reader {
    struct jpeg_decompress_struct cinfo;
    ct_jpeg_errors errors;
    struct jpeg_progress_mgr progress;
    uint8_t *cmyk_row;  /* for CMYK files, which libjpeg cannot turn into RGB */
} jpeg_reader;

static void on_jpeg_progress(j_common_ptr cinfo)
{
    jpeg_reader *r = cinfo->client_data;
    if (r->cinfo.input_scan_number <= MAX_JPEG_SCANS)
        return;
    snprintf(r->errors.message, sizeof r->errors.message, "more than %d scans", MAX_JPEG_SCANS);
    r->errors.mgr.msg_code = 0;
    longjmp(r->errors.jump, 1);
}

static canting_status jpeg_failure(jpeg_reader *r, const char *path, canting_error *err)
{
    if (r->errors.mgr.msg_code == JERR_OUT_OF_MEMORY)
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    return ct_fail_at(err, CANTING_EFORMAT, path, 0, 0, "malformed JPEG: %s", r->errors.message);
}

/* Grey, YCbCr and RGB files libjpeg converts to RGB itself; CMYK and YCCK
 * it decodes to CMYK, which convert_cmyk turns into RGB. */
static canting_status choose_colour(jpeg_reader *r, const char *path, canting_error *err)
{
    switch (r->cinfo.jpeg_color_space) {
    case JCS_GRAYSCALE:
    case JCS_YCbCr:
    case JCS_RGB:
        r->cinfo.out_color_space = JCS_RGB;
        return CANTING_OK;
    case JCS_CMYK:
    case JCS_YCCK:
        r->cinfo.out_color_space = JCS_CMYK;
        if (!(r->cmyk_row = ct_malloc((size_t)r->cinfo.image_width * 4)))
            return ct_fail(err, CANTING_ENOMEM, "out of memory");
        return CANTING_OK;
    default:
        return ct_fail_at(err, CANTING_EFORMAT, path, 0, 0, "unsupported JPEG colour space (%d components)",
                          r->cinfo.num_components);
    }
}

/* A naive CMYK to RGB, without a colour profile: enough for a scanned cap
 * print to repeat.  Adobe's CMYK JPEGs (marked with an Adobe segment) store
 * each ink inverted, 255 meaning none; others store the ink amount. */
static void convert_cmyk(const uint8_t *cmyk, uint32_t w, int inverted, uint8_t *rgb)
{
    for (uint32_t x = 0; x < w; x++, cmyk += 4, rgb += 3) {
        unsigned k = inverted ? cmyk[3] : 255u - cmyk[3];
        for (int i = 0; i < 3; i++) {
            unsigned c = inverted ? cmyk[i] : 255u - cmyk[i];
            rgb[i] = (uint8_t)((c * k + 127) / 255);
        }
    }
}

static double jfif_dpi(const struct jpeg_decompress_struct *c)
{
    if (!c->saw_JFIF_marker || c->X_density == 0)
        return 0;
    if (c->density_unit == 1)
        return c->X_density;
    if (c->density_unit == 2)
        return c->X_density * 2.54;  /* dots per centimetre */
    return 0;  /* only an aspect ratio */
}

static void read_jpeg_rows(jpeg_reader *r, canting_image *img)
{
    struct jpeg_decompress_struct *c = &r->cinfo;
    while (c->output_scanline < c->output_height) {
        uint8_t *row = img->rgb + (size_t)c->output_scanline * img->stride;
        JSAMPROW target = r->cmyk_row ? r->cmyk_row : row;
        /* A stdio source never suspends, so each call yields a row. */
        jpeg_read_scanlines(c, &target, 1);
        if (r->cmyk_row)
            convert_cmyk(r->cmyk_row, img->width_px, c->saw_Adobe_marker, row);
    }
}

static canting_status read_jpeg_pixels(jpeg_reader *r, FILE *fp, const char *path, const canting_limits *limits,
                                       canting_image *img, canting_error *err)
{
    if (setjmp(r->errors.jump))
        return jpeg_failure(r, path, err);
    jpeg_create_decompress(&r->cinfo);
    r->cinfo.client_data = r;
    r->progress.progress_monitor = on_jpeg_progress;
    r->cinfo.progress = &r->progress;
    jpeg_stdio_src(&r->cinfo, fp);
    jpeg_read_header(&r->cinfo, TRUE);
    canting_status st = alloc_pixels(img, r->cinfo.image_width, r->cinfo.image_height, limits, path, err);
    if (st == CANTING_OK)
        st = choose_colour(r, path, err);
    if (st != CANTING_OK)
        return st;
    img->dpi = jfif_dpi(&r->cinfo);
    jpeg_start_decompress(&r->cinfo);
    if (r->cinfo.output_width != img->width_px || r->cinfo.output_height != img->height_px)
        return ct_fail_at(err, CANTING_EFORMAT, path, 0, 0, "unsupported JPEG layout");
    read_jpeg_rows(r, img);
    /* Reading to EOI makes a file cut short after its pixels fail too. */
    jpeg_finish_decompress(&r->cinfo);
    return CANTING_OK;
}

static canting_status load_jpeg(FILE *fp, const char *path, const canting_limits *limits, canting_image *img,
                                canting_error *err)
{
    jpeg_reader r;
    memset(&r, 0, sizeof r);
    r.cinfo.err = ct_jpeg_errors_init(&r.errors);
    canting_status st = read_jpeg_pixels(&r, fp, path, limits, img, err);
    jpeg_destroy_decompress(&r.cinfo);
    ct_free(r.cmyk_row);
    return st;
}

/* ---- the public API ------------------------------------------------------------ */

/* Tells PNG from JPEG by their first bytes, whatever the file is called. */
static canting_status decode(FILE *fp, const char *path, const canting_limits *limits, canting_image *img,
                             canting_error *err)
{
    uint8_t sig[8];
    size_t n = fread(sig, 1, sizeof sig, fp);
    if (ferror(fp) || fseek(fp, 0, SEEK_SET) != 0)
        return ct_fail_at(err, CANTING_EIO, path, 0, 0, "cannot read: %s", strerror(errno));
    if (n == sizeof sig && memcmp(sig, png_signature, sizeof sig) == 0)
        return load_png(fp, path, limits, img, err);
    if (n >= 3 && sig[0] == 0xff && sig[1] == 0xd8 && sig[2] == 0xff)
        return load_jpeg(fp, path, limits, img, err);
    return ct_fail_at(err, CANTING_EFORMAT, path, 0, 0, n ? "not a PNG or JPEG image" : "the file is empty");
}

canting_status ct_image_read(FILE *fp, const char *name, const canting_limits *limits, canting_image **out,
                             canting_error *err)
{
    canting_limits defaults;
    if (!limits) {
        canting_limits_init(&defaults);
        limits = &defaults;
    }
    canting_image *img = ct_calloc(1, sizeof *img);
    if (!img)
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    canting_status st = decode(fp, name, limits, img, err);
    if (st != CANTING_OK) {
        canting_image_free(img);
        return st;
    }
    *out = img;
    return CANTING_OK;
}

canting_status canting_image_load(const char *path, const canting_limits *limits, canting_image **out,
                                  canting_error *err)
{
    if (out)
        *out = NULL;
    if (!path || !out)
        return ct_fail(err, CANTING_EARG, "canting_image_load: NULL path or output");
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return ct_fail_at(err, CANTING_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    ct_file_id source;
    ct_file_id_of_fd(fileno(fp), &source);
    canting_status st = ct_image_read(fp, path, limits, out, err);
    fclose(fp);
    if (st == CANTING_OK)
        (*out)->source = source;
    return st;
}

void canting_image_free(canting_image *image)
{
    if (!image)
        return;
    ct_free(image->rgb);
    ct_free(image);
}

uint32_t canting_image_width_px(const canting_image *image)
{
    return image ? image->width_px : 0;
}

uint32_t canting_image_height_px(const canting_image *image)
{
    return image ? image->height_px : 0;
}

double canting_image_dpi(const canting_image *image)
{
    return image ? image->dpi : 0;
}
