/* A JPEG without its metadata, as `jpegtran -copy none` makes it: libjpeg
 * reads the picture's DCT coefficients and writes them into a new file, so
 * no pixel changes and no marker of the original (EXIF, XMP, ICC, comments,
 * maker notes) is copied.  The one thing kept is the EXIF orientation,
 * written back alone with libexif: without it a phone's portrait photo
 * would be shown on its side. */
#include "lib/image_clean.h"

#include <stdio.h> /* before jpeglib.h, which uses FILE */
#include <jpeglib.h>
#include <libexif/exif-data.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct jpeg_fail {
	struct jpeg_error_mgr pub;
	jmp_buf jump;
};

/* Everything the longjmp path frees lives here, outside the function that
 * calls setjmp. */
struct jpeg_job {
	struct jpeg_decompress_struct src;
	struct jpeg_compress_struct dst;
	struct jpeg_fail fail;
	unsigned char *buf;
	unsigned long buflen;
	enum image_result result;
};

static void fail_exit(j_common_ptr c)
{
	longjmp(((struct jpeg_fail *)c->err)->jump, 1);
}

static void quiet(j_common_ptr c)
{
	(void)c;
}

/* The EXIF orientation (1 to 8) of the first EXIF marker, 1 when none. */
static int orientation(j_decompress_ptr src)
{
	for (jpeg_saved_marker_ptr m = src->marker_list; m; m = m->next) {
		if (m->marker != JPEG_APP0 + 1 || m->data_length < 6 ||
		    memcmp(m->data, "Exif\0\0", 6) != 0)
			continue;
		ExifData *ed = exif_data_new_from_data(m->data, m->data_length);
		if (!ed)
			return 1;
		ExifEntry *e = exif_content_get_entry(ed->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
		int o = e && e->format == EXIF_FORMAT_SHORT && e->components == 1
				? exif_get_short(e->data, exif_data_get_byte_order(ed))
				: 1;
		exif_data_unref(ed);
		return o >= 1 && o <= 8 ? o : 1;
	}
	return 1;
}

/* An EXIF marker holding the orientation and nothing else. */
static void write_orientation(j_compress_ptr dst, int o)
{
	ExifData *ed = exif_data_new();
	ExifEntry *e = ed ? exif_entry_new() : NULL;
	if (e) {
		exif_data_unset_option(ed, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
		exif_data_set_byte_order(ed, EXIF_BYTE_ORDER_MOTOROLA);
		exif_content_add_entry(ed->ifd[EXIF_IFD_0], e);
		exif_entry_initialize(e, EXIF_TAG_ORIENTATION);
		exif_set_short(e->data, EXIF_BYTE_ORDER_MOTOROLA, (ExifShort)o);
		unsigned char *data = NULL;
		unsigned int size = 0;
		exif_data_save_data(ed, &data, &size);
		if (data && size <= 65533)
			jpeg_write_marker(dst, JPEG_APP0 + 1, data, size);
		free(data);
		exif_entry_unref(e);
	}
	if (ed)
		exif_data_unref(ed);
}

static void transcode(struct jpeg_job *j, const unsigned char *in, size_t len)
{
	if (setjmp(j->fail.jump)) {
		j->result = IMAGE_UNREADABLE;
		return;
	}
	jpeg_create_decompress(&j->src);
	jpeg_create_compress(&j->dst);
	jpeg_mem_src(&j->src, in, (unsigned long)len);
	jpeg_save_markers(&j->src, JPEG_APP0 + 1, 0xFFFF);
	jpeg_read_header(&j->src, TRUE);
	/* ASVS 5.2.6: no pixel flood. */
	if ((uint64_t)j->src.image_width * j->src.image_height > IMAGE_MAX_PIXELS) {
		j->result = IMAGE_TOO_LARGE;
		return;
	}
	jvirt_barray_ptr *coef = jpeg_read_coefficients(&j->src);
	int o = orientation(&j->src);
	jpeg_copy_critical_parameters(&j->src, &j->dst);
	j->dst.optimize_coding = TRUE; /* a progressive original needs its own tables */
	jpeg_mem_dest(&j->dst, &j->buf, &j->buflen);
	jpeg_write_coefficients(&j->dst, coef);
	if (o != 1)
		write_orientation(&j->dst, o);
	jpeg_finish_compress(&j->dst);
	jpeg_finish_decompress(&j->src);
	j->result = IMAGE_OK;
}

enum image_result jpeg_clean(const unsigned char *in, size_t len, unsigned char **out,
			     size_t *outlen)
{
	struct jpeg_job *j = calloc(1, sizeof *j);
	if (!j)
		return IMAGE_UNREADABLE;
	j->src.err = jpeg_std_error(&j->fail.pub);
	j->dst.err = &j->fail.pub;
	j->fail.pub.error_exit = fail_exit;
	j->fail.pub.output_message = quiet;
	transcode(j, in, len); /* destroying what was never created does nothing */
	jpeg_destroy_compress(&j->dst);
	jpeg_destroy_decompress(&j->src);
	enum image_result r = j->result;
	if (r == IMAGE_OK) {
		*out = j->buf;
		*outlen = j->buflen;
	} else
		free(j->buf);
	free(j);
	return r;
}
