#define _GNU_SOURCE
#include "lib/vault.h"
#include "lib/config.h"
#include "lib/keyfile.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The associated data: binds a box to one account. */
static size_t vault_ad(int64_t account_id, char out[40])
{
	int n = snprintf(out, 40, "social_accounts:%lld", (long long)account_id);
	return n > 0 ? (size_t)n : 0;
}

int vault_seal(int64_t account_id, const char *plain, size_t len,
	       unsigned char nonce[VAULT_NONCE_BYTES], unsigned char **box, size_t *box_len)
{
	char ad[40];
	vault_ad(account_id, ad);
	return vault_seal_ad(ad, plain, len, nonce, box, box_len);
}

char *vault_open(int64_t account_id, const unsigned char *nonce, size_t nonce_len,
		 const unsigned char *box, size_t box_len)
{
	char ad[40];
	vault_ad(account_id, ad);
	return vault_open_ad(ad, nonce, nonce_len, box, box_len);
}

int vault_seal_ad(const char *ad, const char *plain, size_t len,
		  unsigned char nonce[VAULT_NONCE_BYTES], unsigned char **box, size_t *box_len)
{
	unsigned char key[VAULT_KEY_BYTES];
	if (!cfg.key_file || keyfile_load(cfg.key_file, key) != 0)
		return -1;
	size_t adlen = strlen(ad);
	randombytes_buf(nonce, VAULT_NONCE_BYTES);
	*box = xmalloc(len + crypto_aead_xchacha20poly1305_ietf_ABYTES);
	unsigned long long out_len = 0;
	crypto_aead_xchacha20poly1305_ietf_encrypt(*box, &out_len, (const unsigned char *)plain,
						   len, (const unsigned char *)ad, adlen, NULL,
						   nonce, key);
	sodium_memzero(key, sizeof key);
	*box_len = (size_t)out_len;
	return 0;
}

char *vault_open_ad(const char *ad, const unsigned char *nonce, size_t nonce_len,
		    const unsigned char *box, size_t box_len)
{
	unsigned char key[VAULT_KEY_BYTES];
	if (nonce_len != VAULT_NONCE_BYTES || box_len < crypto_aead_xchacha20poly1305_ietf_ABYTES ||
	    !cfg.key_file || keyfile_load(cfg.key_file, key) != 0)
		return NULL;
	size_t adlen = strlen(ad);
	size_t cap = box_len - crypto_aead_xchacha20poly1305_ietf_ABYTES;
	char *plain = xmalloc(cap + 1);
	unsigned long long len = 0;
	int rc = crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)plain, &len, NULL, box,
							    box_len, (const unsigned char *)ad,
							    adlen, nonce, key);
	sodium_memzero(key, sizeof key);
	if (rc != 0) {
		free(plain);
		return NULL;
	}
	plain[len] = 0;
	return plain;
}

void vault_free(char *plain)
{
	if (!plain)
		return;
	sodium_memzero(plain, strlen(plain));
	free(plain);
}
