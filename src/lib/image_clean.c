/* Which pictures are cleaned, and by which half (see image_clean.h). */
#include "lib/image_clean.h"

#include <string.h>

enum image_kind image_kind(const unsigned char *data, size_t len)
{
	if (len >= 8 && memcmp(data, "\x89PNG\r\n\x1A\n", 8) == 0)
		return IMAGE_PNG;
	if (len >= 3 && memcmp(data, "\xFF\xD8\xFF", 3) == 0)
		return IMAGE_JPEG;
	return IMAGE_NONE;
}

enum image_result image_clean(enum image_kind kind, const unsigned char *in, size_t len,
			      unsigned char **out, size_t *outlen)
{
	*out = NULL;
	*outlen = 0;
	if (kind == IMAGE_PNG)
		return png_clean(in, len, out, outlen);
	if (kind == IMAGE_JPEG)
		return jpeg_clean(in, len, out, outlen);
	return IMAGE_UNREADABLE;
}
