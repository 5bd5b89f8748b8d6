/* Pictures lose their metadata and nothing else; broken ones are refused
 * without a leak or a read out of bounds (run under ASan/UBSan). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <libexif/exif-data.h>

#include "lib/image_clean.h"

static const unsigned char png_1x1[] = {
	0x89, 'P',  'N',  'G',  '\r', '\n', 0x1a, '\n', 0,    0,    0,    13,   'I',  'H',
	'D',  'R',  0,    0,    0,    1,    0,    0,    0,    1,    8,    4,    0,    0,
	0,    0xb5, 0x1c, 0x0c, 0x02, 0,    0,    0,    11,   'I',  'D',  'A',  'T',  0x78,
	0xda, 0x63, 0x64, 0x60, 0x00, 0x00, 0x00, 0x06, 0x00, 0x02, 0x30, 0x81, 0xd0, 0x2f,
	0,    0,    0,    0,    'I',  'E',  'N',  'D',  0xae, 0x42, 0x60, 0x82,
};

/* A 16x16 grey JPEG made here, with an EXIF segment giving orientation 6 and
 * a GPS latitude, and a comment. */
static unsigned char *photo(size_t *len)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	unsigned char *buf = NULL;
	unsigned long n = 0;
	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &buf, &n);
	c.image_width = c.image_height = 16;
	c.input_components = 1;
	c.in_color_space = JCS_GRAYSCALE;
	jpeg_set_defaults(&c);
	jpeg_start_compress(&c, TRUE);
	ExifData *ed = exif_data_new();
	exif_data_set_byte_order(ed, EXIF_BYTE_ORDER_INTEL);
	ExifEntry *o = exif_entry_new(), *g = exif_entry_new();
	exif_content_add_entry(ed->ifd[EXIF_IFD_0], o);
	exif_entry_initialize(o, EXIF_TAG_ORIENTATION);
	exif_set_short(o->data, EXIF_BYTE_ORDER_INTEL, 6);
	exif_content_add_entry(ed->ifd[EXIF_IFD_GPS], g);
	exif_entry_initialize(g, (ExifTag)EXIF_TAG_GPS_LATITUDE_REF);
	unsigned char *exif = NULL;
	unsigned int exif_len = 0;
	exif_data_save_data(ed, &exif, &exif_len);
	jpeg_write_marker(&c, JPEG_APP0 + 1, exif, exif_len);
	jpeg_write_marker(&c, JPEG_COM, (const JOCTET *)"taken on serial 123", 19);
	free(exif);
	exif_entry_unref(o);
	exif_entry_unref(g);
	exif_data_unref(ed);
	unsigned char row[16];
	for (int x = 0; x < 16; x++)
		row[x] = (unsigned char)(x * 16);
	JSAMPROW r = row;
	for (int y = 0; y < 16; y++)
		jpeg_write_scanlines(&c, &r, 1);
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	*len = n;
	return buf;
}

/* PNG's CRC-32 (ISO 3309), to make a changed header valid again. */
static uint32_t crc32_of(const unsigned char *d, size_t n)
{
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < n; i++) {
		c ^= d[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
	}
	return c ^ 0xffffffffu;
}

static int has(const unsigned char *d, size_t len, const char *s)
{
	return memmem(d, len, s, strlen(s)) != NULL;
}

static void test_jpeg_keeps_orientation_alone(void **state)
{
	(void)state;
	size_t len, outlen;
	unsigned char *in = photo(&len), *out;
	assert_true(has(in, len, "serial 123"));
	assert_int_equal(image_kind(in, len), IMAGE_JPEG);
	assert_int_equal(image_clean(IMAGE_JPEG, in, len, &out, &outlen), IMAGE_OK);
	assert_false(has(out, outlen, "serial 123"));
	/* Read as written: libexif would otherwise add the tags the EXIF
	 * standard makes mandatory. */
	ExifData *ed = exif_data_new();
	exif_data_unset_option(ed, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
	exif_data_load_data(ed, out, (unsigned int)outlen);
	ExifEntry *o = exif_content_get_entry(ed->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
	assert_non_null(o);
	assert_int_equal(exif_get_short(o->data, exif_data_get_byte_order(ed)), 6);
	assert_int_equal(ed->ifd[EXIF_IFD_0]->count, 1);
	assert_int_equal(ed->ifd[EXIF_IFD_GPS]->count, 0);
	exif_data_unref(ed);
	/* Cleaning again changes nothing more. */
	unsigned char *again;
	size_t againlen;
	assert_int_equal(image_clean(IMAGE_JPEG, out, outlen, &again, &againlen), IMAGE_OK);
	assert_int_equal(againlen, outlen);
	assert_memory_equal(again, out, outlen);
	free(again);
	free(out);
	free(in);
}

static void test_png_rewritten(void **state)
{
	(void)state;
	unsigned char *out;
	size_t outlen;
	assert_int_equal(image_kind(png_1x1, sizeof png_1x1), IMAGE_PNG);
	assert_int_equal(image_clean(IMAGE_PNG, png_1x1, sizeof png_1x1, &out, &outlen), IMAGE_OK);
	assert_memory_equal(out, png_1x1, 24); /* signature, IHDR: the same size */
	assert_true(has(out, outlen, "IDAT") && has(out, outlen, "IEND"));
	free(out);
}

/* Every truncation of a good picture, and a few broken bytes in it: refused
 * or cleaned, never a crash or a leak. */
static void test_broken_pictures(void **state)
{
	(void)state;
	size_t len;
	unsigned char *jpeg = photo(&len), *out;
	size_t outlen;
	for (size_t n = 3; n < len; n++)
		if (image_clean(IMAGE_JPEG, jpeg, n, &out, &outlen) == IMAGE_OK)
			free(out);
	for (size_t n = 8; n < sizeof png_1x1; n++)
		assert_int_not_equal(image_clean(IMAGE_PNG, png_1x1, n, &out, &outlen), IMAGE_OK);
	for (size_t i = 8; i < sizeof png_1x1; i++) {
		unsigned char copy[sizeof png_1x1];
		memcpy(copy, png_1x1, sizeof copy);
		copy[i] ^= 0x55;
		if (image_clean(IMAGE_PNG, copy, sizeof copy, &out, &outlen) == IMAGE_OK)
			free(out);
	}
	free(jpeg);
	assert_int_equal(image_clean(IMAGE_JPEG, (const unsigned char *)"\xff\xd8\xffxx", 5, &out,
				     &outlen),
			 IMAGE_UNREADABLE);
	assert_null(out);
}

static void test_pixel_flood_refused(void **state)
{
	(void)state;
	unsigned char big[sizeof png_1x1];
	memcpy(big, png_1x1, sizeof big);
	big[18] = big[22] = 0x75; /* 30000 x 30000 (0x7530) */
	big[19] = big[23] = 0x30;
	unsigned char *out;
	size_t outlen;
	/* The IHDR's CRC is now wrong, so libpng stops before any limit... */
	assert_int_not_equal(image_clean(IMAGE_PNG, big, sizeof big, &out, &outlen), IMAGE_OK);
	/* ...and with it right, the size is refused before anything is decoded. */
	uint32_t crc = crc32_of(big + 12, 17);
	big[29] = (unsigned char)(crc >> 24), big[30] = (unsigned char)(crc >> 16);
	big[31] = (unsigned char)(crc >> 8), big[32] = (unsigned char)crc;
	assert_int_equal(image_clean(IMAGE_PNG, big, sizeof big, &out, &outlen), IMAGE_TOO_LARGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jpeg_keeps_orientation_alone),
		cmocka_unit_test(test_png_rewritten),
		cmocka_unit_test(test_broken_pictures),
		cmocka_unit_test(test_pixel_flood_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
