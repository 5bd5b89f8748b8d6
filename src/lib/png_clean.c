/* A PNG without its metadata: libpng decodes the picture and writes it again
 * with only the chunks that say how its pixels look (palette, transparency,
 * gamma, chromaticities, sRGB).  Text (tEXt, zTXt, iTXt, where XMP lives),
 * eXIf, tIME, pHYs, ICC profiles (which carry a name) and every unknown chunk
 * are left behind.  Interlacing is dropped: the pixels are the same. */
#include "lib/image_clean.h"

#include <png.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Everything the longjmp paths free lives here, outside the functions that
 * call setjmp. */
struct png_job {
	const unsigned char *in;
	size_t len, at;
	unsigned char *out;
	size_t outlen, cap;
	png_structp rd, wr;
	png_infop rinfo, winfo;
	png_bytep *rows;
	unsigned char *pixels;
	enum image_result result;
};

static void fail(png_structp p, png_const_charp msg)
{
	(void)msg;
	png_longjmp(p, 1);
}

static void quiet(png_structp p, png_const_charp msg)
{
	(void)p, (void)msg;
}

static void read_mem(png_structp p, png_bytep data, size_t n)
{
	struct png_job *j = png_get_io_ptr(p);
	if (n > j->len - j->at)
		png_error(p, "truncated");
	memcpy(data, j->in + j->at, n);
	j->at += n;
}

static void write_mem(png_structp p, png_bytep data, size_t n)
{
	struct png_job *j = png_get_io_ptr(p);
	if (n > j->cap - j->outlen) {
		size_t cap = (j->cap ? j->cap * 2 : 65536) + n;
		unsigned char *grown = realloc(j->out, cap);
		if (!grown)
			png_error(p, "out of memory");
		j->out = grown, j->cap = cap;
	}
	memcpy(j->out + j->outlen, data, n);
	j->outlen += n;
}

static void flush_mem(png_structp p)
{
	(void)p;
}

static void read_picture(struct png_job *j)
{
	if (setjmp(png_jmpbuf(j->rd))) {
		j->result = IMAGE_UNREADABLE;
		return;
	}
	png_set_read_fn(j->rd, j, read_mem);
	png_set_keep_unknown_chunks(j->rd, PNG_HANDLE_CHUNK_NEVER, NULL, 0);
	png_read_info(j->rd, j->rinfo);
	png_uint_32 w = png_get_image_width(j->rd, j->rinfo);
	png_uint_32 h = png_get_image_height(j->rd, j->rinfo);
	/* ASVS 5.2.6: no pixel flood. */
	if ((uint64_t)w * h > IMAGE_MAX_PIXELS) {
		j->result = IMAGE_TOO_LARGE;
		return;
	}
	png_set_interlace_handling(j->rd);
	png_read_update_info(j->rd, j->rinfo);
	size_t stride = png_get_rowbytes(j->rd, j->rinfo);
	j->pixels = malloc(stride * h);
	j->rows = malloc(h * sizeof *j->rows);
	if (!j->pixels || !j->rows)
		png_error(j->rd, "out of memory");
	for (png_uint_32 y = 0; y < h; y++)
		j->rows[y] = j->pixels + y * stride;
	png_read_image(j->rd, j->rows);
	png_read_end(j->rd, NULL); /* the rest must be whole too */
	j->result = IMAGE_OK;
}

/* The chunks that change how the pixels look, and nothing else. */
static void copy_colour(struct png_job *j)
{
	png_colorp palette;
	int n;
	if (png_get_PLTE(j->rd, j->rinfo, &palette, &n))
		png_set_PLTE(j->wr, j->winfo, palette, n);
	png_bytep alpha;
	png_color_16p colour;
	if (png_get_tRNS(j->rd, j->rinfo, &alpha, &n, &colour))
		png_set_tRNS(j->wr, j->winfo, alpha, n, colour);
	int intent;
	if (png_get_sRGB(j->rd, j->rinfo, &intent))
		png_set_sRGB(j->wr, j->winfo, intent);
	png_fixed_point g, c[8];
	if (png_get_gAMA_fixed(j->rd, j->rinfo, &g))
		png_set_gAMA_fixed(j->wr, j->winfo, g);
	if (png_get_cHRM_fixed(j->rd, j->rinfo, &c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6],
			       &c[7]))
		png_set_cHRM_fixed(j->wr, j->winfo, c[0], c[1], c[2], c[3], c[4], c[5], c[6],
				   c[7]);
}

static void write_picture(struct png_job *j)
{
	if (setjmp(png_jmpbuf(j->wr))) {
		j->result = IMAGE_UNREADABLE;
		return;
	}
	png_set_write_fn(j->wr, j, write_mem, flush_mem);
	png_set_IHDR(j->wr, j->winfo, png_get_image_width(j->rd, j->rinfo),
		     png_get_image_height(j->rd, j->rinfo), png_get_bit_depth(j->rd, j->rinfo),
		     png_get_color_type(j->rd, j->rinfo), PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	copy_colour(j);
	png_write_info(j->wr, j->winfo);
	png_write_image(j->wr, j->rows);
	png_write_end(j->wr, NULL);
	j->result = IMAGE_OK;
}

enum image_result png_clean(const unsigned char *in, size_t len, unsigned char **out,
			    size_t *outlen)
{
	struct png_job *j = calloc(1, sizeof *j);
	if (!j)
		return IMAGE_UNREADABLE;
	j->in = in, j->len = len, j->result = IMAGE_UNREADABLE;
	j->rd = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, fail, quiet);
	j->rinfo = j->rd ? png_create_info_struct(j->rd) : NULL;
	if (j->rinfo)
		read_picture(j);
	if (j->result == IMAGE_OK) {
		j->result = IMAGE_UNREADABLE;
		j->wr = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, fail, quiet);
		j->winfo = j->wr ? png_create_info_struct(j->wr) : NULL;
		if (j->winfo)
			write_picture(j);
	}
	png_destroy_write_struct(&j->wr, &j->winfo);
	png_destroy_read_struct(&j->rd, &j->rinfo, NULL);
	enum image_result r = j->result;
	if (r == IMAGE_OK) {
		*out = j->out;
		*outlen = j->outlen;
	} else
		free(j->out);
	free(j->rows);
	free(j->pixels);
	free(j);
	return r;
}
