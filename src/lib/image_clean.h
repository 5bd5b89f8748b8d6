/* Pictures kept without what a camera or phone writes beside them (EXIF
 * with GPS position and device serials, XMP, comments, text chunks): a PNG
 * is rewritten with only what its pixels need, a JPEG's coefficients are
 * copied losslessly into a new file with no markers. */
#ifndef STAFFROOM_IMAGE_CLEAN_H
#define STAFFROOM_IMAGE_CLEAN_H

#include <stddef.h>

/* Bigger pictures are refused before they are decoded (a few bytes can
 * declare gigabytes of pixels): 50 megapixels is more than a phone takes. */
#define IMAGE_MAX_PIXELS 50000000ULL

enum image_kind { IMAGE_NONE, IMAGE_PNG, IMAGE_JPEG };

/* What the first bytes claim, as evidence_sniff decides it. */
enum image_kind image_kind(const unsigned char *data, size_t len);

enum image_result { IMAGE_OK = 0, IMAGE_UNREADABLE = -1, IMAGE_TOO_LARGE = -2 };

/* The picture again without its metadata, in *out (malloc'd, *outlen
 * bytes).  A JPEG keeps its EXIF orientation, alone, so that it is still
 * shown the right way up. */
enum image_result image_clean(enum image_kind kind, const unsigned char *in, size_t len,
			      unsigned char **out, size_t *outlen);

/* The two halves of image_clean (jpeg_clean.c, png_clean.c). */
enum image_result jpeg_clean(const unsigned char *in, size_t len, unsigned char **out,
			     size_t *outlen);
enum image_result png_clean(const unsigned char *in, size_t len, unsigned char **out,
			    size_t *outlen);

#endif
